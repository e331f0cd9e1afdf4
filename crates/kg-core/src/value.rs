//! Claim values: the readable syntax of the data files ("56.17亿美元", "405B",
//! "128,000 tokens", "3.01%-3.06%", "超过50亿美元") parsed into normalized, typed values that
//! keep their original text.

use crate::date::Date;
use crate::property::{UnitClass, ValueKind};
use std::borrow::Cow;
use std::fmt;

/// A claim's value: the original wording and what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// The value exactly as the data file (and so the source) words it.
    pub text: String,
    /// The normalized meaning.
    pub shape: Shape,
}

/// The normalized meaning of a [`Value`].
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A single amount, exact or hedged ("超过50亿" is at least 5e9).
    Quantity {
        /// The normalized amount (亿 = 1e8, B = 1e9, ...).
        amount: f64,
        /// The unit.
        unit: Unit,
        /// How the source hedges the amount, if it does.
        bound: Option<Bound>,
    },
    /// A closed range ("3.01%-3.06%", "30-65T").
    Range {
        /// The lower end.
        min: f64,
        /// The upper end.
        max: f64,
        /// The unit of both ends.
        unit: Unit,
    },
    /// A date.
    Date(Date),
    /// Free text.
    Text,
    /// The source says the figure is not disclosed (未公开).
    Undisclosed,
    /// A relation claim has no value.
    None,
}

/// How a source hedges an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// At least the amount (超过, 超, 逾, "15T+").
    AtLeast,
    /// At most the amount (不足, 低于).
    AtMost,
    /// About the amount (约, 接近).
    Approx,
}

impl Bound {
    /// The JSON name of the bound.
    pub fn name(self) -> &'static str {
        match self {
            Bound::AtLeast => "at_least",
            Bound::AtMost => "at_most",
            Bound::Approx => "approx",
        }
    }
}

/// The unit of a normalized amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// US dollars.
    Usd,
    /// Euros.
    Eur,
    /// Chinese yuan (renminbi).
    Cny,
    /// Percent (31 means 31 %).
    Percent,
    /// Percentage points.
    PercentagePoints,
    /// A count of the named thing.
    Count(Noun),
    /// Seconds.
    Seconds,
    /// Tokens per second.
    TokensPerSecond,
    /// Bare benchmark points.
    Points,
    /// A position in a list.
    Rank,
}

/// What a count counts (`parameters`, `tokens`, `users`, ...): one byte in a [`Unit`].
/// The variants are in alphabetical order, so units sort by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Noun {
    /// bytes
    Bytes,
    /// calls
    Calls,
    /// customers
    Customers,
    /// datasets
    Datasets,
    /// developers
    Developers,
    /// downloads
    Downloads,
    /// employees
    Employees,
    /// entries
    Entries,
    /// events
    Events,
    /// languages
    Languages,
    /// models
    Models,
    /// parameters
    Parameters,
    /// people
    People,
    /// prompts
    Prompts,
    /// seats
    Seats,
    /// stars
    Stars,
    /// times
    Times,
    /// tokens
    Tokens,
    /// users
    Users,
    /// visits
    Visits,
    /// words
    Words,
}

impl Noun {
    /// The plural noun, as units are named in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Noun::Bytes => "bytes",
            Noun::Calls => "calls",
            Noun::Customers => "customers",
            Noun::Datasets => "datasets",
            Noun::Developers => "developers",
            Noun::Downloads => "downloads",
            Noun::Employees => "employees",
            Noun::Entries => "entries",
            Noun::Events => "events",
            Noun::Languages => "languages",
            Noun::Models => "models",
            Noun::Parameters => "parameters",
            Noun::People => "people",
            Noun::Prompts => "prompts",
            Noun::Seats => "seats",
            Noun::Stars => "stars",
            Noun::Times => "times",
            Noun::Tokens => "tokens",
            Noun::Users => "users",
            Noun::Visits => "visits",
            Noun::Words => "words",
        }
    }
}

impl std::fmt::Display for Noun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Unit {
    /// The JSON name of the unit: `USD`, `CNY`, `EUR`, `percent`, `parameters`, ...
    pub fn name(self) -> &'static str {
        match self {
            Unit::Usd => "USD",
            Unit::Eur => "EUR",
            Unit::Cny => "CNY",
            Unit::Percent => "percent",
            Unit::PercentagePoints => "percentage_points",
            Unit::Count(noun) => noun.name(),
            Unit::Seconds => "seconds",
            Unit::TokensPerSecond => "tokens_per_second",
            Unit::Points => "points",
            Unit::Rank => "rank",
        }
    }

    /// Whether the unit is a currency.
    pub fn is_currency(self) -> bool {
        matches!(self, Unit::Usd | Unit::Eur | Unit::Cny)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An exact decimal, `mantissa × 10^exponent`, as a value's text writes it: "135.2亿" is
/// 1352 × 10^7, where binary floating point would make it 135.2 × 1e8 = 13519999999.999998.
///
/// The parser does its arithmetic (scale words, GB, ms) on this type, then rounds once to
/// the `f64` a [`Shape`] stores. A figure has at most [`Decimal::MAX_DIGITS`] significant
/// digits, and an `f64` keeps any 15 digits exactly: its shortest printed form (Rust's `{}`)
/// gives the decimal back, so an amount reads the same from the text to every output. A
/// small type rather than a crate (rust_decimal): the parser needs only exact scaling by
/// powers of ten, and the stored claim stays eight bytes an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    mantissa: i128,
    exponent: i32,
}

impl Decimal {
    /// One.
    pub const ONE: Decimal = Decimal {
        mantissa: 1,
        exponent: 0,
    };
    /// The most significant digits an amount may have (what an `f64` keeps exactly).
    pub const MAX_DIGITS: usize = 15;

    /// Reads plain digits with at most one decimal point ("135.2", "1113.04", "7").
    pub fn parse(text: &str) -> Result<Decimal, String> {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction)
        {
            return Err("is not a number".into());
        }
        // The digits of both parts, read in place (no copy of the text).
        let digits = || whole.bytes().chain(fraction.bytes());
        let total = whole.len() + fraction.len();
        let leading = digits().take_while(|&b| b == b'0').count();
        // Trailing zeros go to the exponent, so that "1" and 300 zeros (1e300, finite) fits
        // the mantissa; at most 15 significant digits remain.
        let zeros = if leading == total {
            0
        } else {
            digits().rev().take_while(|&b| b == b'0').count()
        };
        let significant = total - leading - zeros;
        if significant > Self::MAX_DIGITS {
            return Err(format!(
                "has more than {} significant digits, more than an amount keeps exactly",
                Self::MAX_DIGITS
            ));
        }
        let mantissa = digits()
            .skip(leading)
            .take(significant)
            .fold(0i128, |m, b| m * 10 + i128::from(b - b'0'));
        Ok(Decimal {
            mantissa,
            exponent: zeros as i32 - fraction.len() as i32,
        }
        .normalized())
    }

    /// The amount times 10^power, exactly.
    pub fn scaled(self, power: i32) -> Decimal {
        Decimal {
            mantissa: self.mantissa,
            exponent: self.exponent + power,
        }
        .normalized()
    }

    /// The nearest `f64` (rounded once, by the standard library's correctly rounded parser).
    ///
    /// A mantissa below 2^53 and a power of ten up to 10^22 are both exact in an `f64`, so
    /// one multiplication or division rounds once, to what the parser gives (Clinger's fast
    /// path, the parser's own first step); only other amounts are written out and parsed.
    pub fn to_f64(self) -> f64 {
        const EXACT_POWERS: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        let power = EXACT_POWERS.get(self.exponent.unsigned_abs() as usize);
        match power {
            Some(&power) if self.mantissa.unsigned_abs() < 1 << 53 => {
                let mantissa = self.mantissa as f64;
                if self.exponent >= 0 {
                    mantissa * power
                } else {
                    mantissa / power
                }
            }
            _ => format!("{}e{}", self.mantissa, self.exponent)
                .parse()
                .unwrap_or(f64::NAN),
        }
    }

    fn normalized(mut self) -> Decimal {
        if self.mantissa == 0 {
            self.exponent = 0;
        }
        while self.mantissa != 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.exponent += 1;
        }
        self
    }
}

impl fmt::Display for Decimal {
    /// Plain decimal notation, without exponent or trailing zeros: `13520000000`, `0.68`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let sign = if self.mantissa < 0 { "-" } else { "" };
        if self.exponent >= 0 {
            write!(f, "{sign}{digits}{}", "0".repeat(self.exponent as usize))
        } else {
            let point = -self.exponent as usize;
            if digits.len() > point {
                let (a, b) = digits.split_at(digits.len() - point);
                write!(f, "{sign}{a}.{b}")
            } else {
                write!(f, "{sign}0.{}{digits}", "0".repeat(point - digits.len()))
            }
        }
    }
}

/// Why a value's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// A unit word the vocabulary does not know.
    UnknownUnit(String),
    /// A well-formed value of the wrong kind for its property.
    Mismatch(String),
    /// Text that is not a value at all.
    Syntax(String),
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::UnknownUnit(m) | ValueError::Mismatch(m) | ValueError::Syntax(m) => {
                f.write_str(m)
            }
        }
    }
}

/// Words that mean "not disclosed".
const UNDISCLOSED: &[&str] = &["未公开", "未披露", "not disclosed", "undisclosed"];

/// Hedge prefixes, longest first so that "超过" wins over "超".
const PREFIXES: &[(&str, Bound)] = &[
    ("最高超", Bound::AtLeast),
    ("超过", Bound::AtLeast),
    ("多于", Bound::AtLeast),
    ("至少", Bound::AtLeast),
    ("大于", Bound::AtLeast),
    ("超", Bound::AtLeast),
    ("逾", Bound::AtLeast),
    (">=", Bound::AtLeast),
    ("≥", Bound::AtLeast),
    (">", Bound::AtLeast),
    ("大约", Bound::Approx),
    ("接近", Bound::Approx),
    ("约", Bound::Approx),
    ("近", Bound::Approx),
    ("~", Bound::Approx),
    ("≈", Bound::Approx),
    ("不足", Bound::AtMost),
    ("不到", Bound::AtMost),
    ("低于", Bound::AtMost),
    ("少于", Bound::AtMost),
    ("最多", Bound::AtMost),
    ("<=", Bound::AtMost),
    ("≤", Bound::AtMost),
    ("<", Bound::AtMost),
];

/// Scale words and letters, longest first, with the power of ten each stands for.
const MULTIPLIERS: &[(&str, i32)] = &[
    ("万亿", 12),
    ("千亿", 11),
    ("百亿", 10),
    ("十亿", 9),
    ("千万", 7),
    ("百万", 6),
    ("亿", 8),
    ("万", 4),
    ("千", 3),
    ("百", 2),
    ("十", 1),
    ("T", 12),
    ("B", 9),
    ("M", 6),
    ("K", 3),
    ("k", 3),
];

/// Currency words after the number.
const CURRENCY_SUFFIXES: &[(&str, Unit)] = &[
    ("元人民币", Unit::Cny),
    ("人民币", Unit::Cny),
    ("美元", Unit::Usd),
    ("欧元", Unit::Eur),
    ("元", Unit::Cny),
    ("USD", Unit::Usd),
    ("EUR", Unit::Eur),
    ("CNY", Unit::Cny),
    ("RMB", Unit::Cny),
];

/// Currency signs before the number.
const CURRENCY_PREFIXES: &[(&str, Unit)] = &[
    ("US$", Unit::Usd),
    ("$", Unit::Usd),
    ("€", Unit::Eur),
    ("¥", Unit::Cny),
    ("￥", Unit::Cny),
];

/// Unit words after a count, and the count they belong to (`None`: any count).
const COUNT_WORDS: &[(&str, Option<Noun>)] = &[
    ("tokens", Some(Noun::Tokens)),
    ("token", Some(Noun::Tokens)),
    ("参数", Some(Noun::Parameters)),
    ("parameters", Some(Noun::Parameters)),
    ("词", Some(Noun::Words)),
    ("words", Some(Noun::Words)),
    ("用户", Some(Noun::Users)),
    ("users", Some(Noun::Users)),
    ("倍", Some(Noun::Times)),
    ("GB", Some(Noun::Bytes)),
    ("TB", Some(Noun::Bytes)),
    ("MB", Some(Noun::Bytes)),
    ("次", None),
    ("个", None),
    ("名", None),
    ("家", None),
    ("人", None),
    ("种", None),
    ("款", None),
    ("位", None),
];

/// Parses `text` as a value of the given kind.
pub fn parse_value(text: &str, kind: ValueKind) -> Result<Value, ValueError> {
    let shape = match kind {
        ValueKind::Relation => {
            return Err(ValueError::Mismatch(
                "a relation claim takes an `object`, not a `value`".into(),
            ))
        }
        ValueKind::Text => Shape::Text,
        ValueKind::Date => {
            if UNDISCLOSED.contains(&text.trim()) {
                Shape::Undisclosed
            } else {
                Shape::Date(Date::parse(text).map_err(ValueError::Syntax)?)
            }
        }
        ValueKind::Quantity(class) => finite(parse_quantity(text, class)?, text)?,
    };
    Ok(Value {
        text: text.to_string(),
        shape,
    })
}

/// Refuses an amount that does not fit a finite number (a 400-digit figure, or one whose
/// scale word carries it past about 1.8e308): infinity and NaN never leave the parser.
fn finite(shape: Shape, text: &str) -> Result<Shape, ValueError> {
    let fits = match shape {
        Shape::Quantity { amount, .. } => amount.is_finite(),
        Shape::Range { min, max, .. } => min.is_finite() && max.is_finite(),
        _ => true,
    };
    if fits {
        Ok(shape)
    } else {
        Err(ValueError::Syntax(format!(
            "`{}`: the number is too large to be an amount (the largest is about 1.8e308)",
            text.trim()
        )))
    }
}

fn parse_quantity(text: &str, class: UnitClass) -> Result<Shape, ValueError> {
    let t = text.trim();
    if UNDISCLOSED.contains(&t) {
        return Ok(Shape::Undisclosed);
    }
    if t == "翻倍" || t == "翻番" {
        return check_unit(2.0, Found::Count(Some(Noun::Times)), class, t).map(|unit| {
            Shape::Quantity {
                amount: 2.0,
                unit,
                bound: None,
            }
        });
    }
    if t.contains('年') && Date::parse(t).is_ok() {
        return Err(ValueError::Mismatch(format!(
            "`{t}` is a date, but this property takes {}",
            describe(class)
        )));
    }
    let (bound, body) = strip_bound(t);
    if let Some((lo, hi)) = split_range(body) {
        let (min, lo_found) = parse_amount(lo, t)?;
        let (max, hi_found) = parse_amount(hi, t)?;
        // "30-65T": the scale and unit written once at the end apply to both ends.
        let (min, found) = match (lo_found, hi_found) {
            (Found::Bare { scale: 0 }, Found::Bare { scale }) => {
                (min.scaled(scale), Found::Bare { scale })
            }
            (Found::Bare { scale: 0 }, other) => (min, other),
            (a, b) if a.unit_label() == b.unit_label() => (min, b),
            _ => {
                return Err(ValueError::Mismatch(format!(
                    "`{t}`: the two ends of the range are in different units"
                )))
            }
        };
        let (min, max) = (min.to_f64(), max.to_f64());
        if min > max {
            return Err(ValueError::Syntax(format!(
                "`{t}`: range starts above its end"
            )));
        }
        let unit = check_unit(max, found, class, t)?;
        if bound.is_some() {
            return Err(ValueError::Syntax(format!(
                "`{t}`: a range cannot also be hedged"
            )));
        }
        return Ok(Shape::Range { min, max, unit });
    }
    let (body, plus) = match body.strip_suffix('+') {
        Some(b) => (b, true),
        None => (body, false),
    };
    let (amount, found) = parse_amount(body, t)?;
    let amount = amount.to_f64();
    let bound = match (bound, plus || found.has_more()) {
        (Some(b), false) => Some(b),
        (None, true) => Some(Bound::AtLeast),
        (None, false) => None,
        (Some(_), true) => {
            return Err(ValueError::Syntax(format!("`{t}`: hedged twice")));
        }
    };
    let unit = check_unit(amount, found, class, t)?;
    Ok(Shape::Quantity {
        amount,
        unit,
        bound,
    })
}

fn strip_bound(t: &str) -> (Option<Bound>, &str) {
    for (prefix, bound) in PREFIXES {
        if let Some(rest) = t.strip_prefix(prefix) {
            return (Some(*bound), rest.trim_start());
        }
    }
    (None, t)
}

/// Splits "a-b" into its ends where both look like amounts.
fn split_range(t: &str) -> Option<(&str, &str)> {
    for sep in ['-', '–', '—', '~', '至', '到'] {
        if let Some((a, b)) = t.split_once(sep) {
            let starts_amount = |s: &str| {
                let s = s.trim();
                let s = CURRENCY_PREFIXES
                    .iter()
                    .find_map(|(p, _)| s.strip_prefix(p))
                    .unwrap_or(s);
                s.starts_with(|c: char| c.is_ascii_digit())
            };
            if starts_amount(a) && starts_amount(b) {
                return Some((a.trim(), b.trim()));
            }
        }
    }
    None
}

/// What was found around a number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Found {
    /// No unit; `scale` is the power of ten of the multiplier word, if any (0: none).
    Bare {
        scale: i32,
    },
    Currency(Unit),
    Percent,
    PercentagePoints,
    /// A count word, with the count it belongs to (None: any).
    Count(Option<Noun>),
    CountMore(Option<Noun>),
    Seconds,
    TokensPerSecond,
}

impl Found {
    fn has_more(self) -> bool {
        matches!(self, Found::CountMore(_))
    }
    fn unit_label(self) -> String {
        format!("{self:?}")
    }
}

/// Parses one amount: optional currency sign, a number (or a bare scale word like 千亿),
/// an optional scale, then an optional currency, percent or unit word.
fn parse_amount(s: &str, whole: &str) -> Result<(Decimal, Found), ValueError> {
    let mut rest = s.trim();
    let mut currency = None;
    for (p, unit) in CURRENCY_PREFIXES {
        if let Some(r) = rest.strip_prefix(p) {
            currency = Some(*unit);
            rest = r.trim_start();
            break;
        }
    }
    let digits_end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let (number, mut rest) = rest.split_at(digits_end);
    let mut amount = if number.is_empty() {
        None
    } else {
        let cleaned: Cow<str> = if number.contains(',') {
            number
                .chars()
                .filter(|c| *c != ',')
                .collect::<String>()
                .into()
        } else {
            number.into()
        };
        Some(
            Decimal::parse(&cleaned)
                .map_err(|why| ValueError::Syntax(format!("`{whole}`: `{number}` {why}")))?,
        )
    };
    rest = rest.trim_start();
    let mut scale = 0;
    let bytes_unit = ["GB", "TB", "MB"].iter().any(|u| rest.starts_with(u));
    if !bytes_unit {
        for (word, m) in MULTIPLIERS {
            if let Some(r) = rest.strip_prefix(word) {
                // 百分点 is a unit (percentage points), not a hundred of something.
                if rest.starts_with("百分") {
                    break;
                }
                // A letter scale is only a scale when no letters follow ("405B", not "Bytes").
                let letter = word.is_ascii();
                if letter && r.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    continue;
                }
                scale = *m;
                rest = r.trim_start();
                break;
            }
        }
    }
    let amount = match amount.take() {
        Some(a) => a.scaled(scale),
        None if scale != 0 => Decimal::ONE.scaled(scale),
        None => {
            return Err(ValueError::Syntax(format!(
                "`{whole}`: expected a number such as 56.17亿美元, 405B, 128,000 tokens, 31% or 3.01%-3.06%"
            )))
        }
    };
    let more = if let Some(r) = rest.strip_prefix('多') {
        rest = r;
        true
    } else if let Some(r) = rest.strip_prefix('余') {
        rest = r;
        true
    } else {
        false
    };
    let rest = rest.trim();
    let found = if matches!(rest, "个百分点" | "百分点" | "pp" | "percentage points") {
        Found::PercentagePoints
    } else if let Some(r) = rest.strip_prefix('%') {
        if !r.trim().is_empty() {
            return Err(unknown_unit(r.trim(), whole));
        }
        Found::Percent
    } else if let Some(unit) = CURRENCY_SUFFIXES
        .iter()
        .find(|(w, _)| *w == rest)
        .map(|(_, u)| *u)
    {
        if currency.is_some() {
            return Err(ValueError::Syntax(format!(
                "`{whole}`: currency given twice"
            )));
        }
        Found::Currency(unit)
    } else if rest.is_empty() {
        match currency {
            Some(c) => Found::Currency(c),
            None if more => Found::CountMore(None),
            None => Found::Bare { scale },
        }
    } else if matches!(rest, "秒" | "s") {
        Found::Seconds
    } else if matches!(rest, "毫秒" | "ms") {
        return Ok((amount.scaled(-3), Found::Seconds));
    } else if matches!(rest, "tokens/秒" | "tokens/s" | "token/s" | "tok/s") {
        Found::TokensPerSecond
    } else if let Some((_, label)) = COUNT_WORDS.iter().find(|(w, _)| *w == rest) {
        let amount = match rest {
            "GB" => amount.scaled(9),
            "TB" => amount.scaled(12),
            "MB" => amount.scaled(6),
            _ => amount,
        };
        let found = if more {
            Found::CountMore(*label)
        } else {
            Found::Count(*label)
        };
        return Ok((amount, found));
    } else {
        return Err(unknown_unit(rest, whole));
    };
    if currency.is_some() && !matches!(found, Found::Currency(_)) {
        return Err(ValueError::Syntax(format!(
            "`{whole}`: a currency sign with a non-currency unit"
        )));
    }
    let found = match (found, more) {
        (Found::Bare { .. }, true) => Found::CountMore(None),
        (f, _) => f,
    };
    Ok((amount, found))
}

fn unknown_unit(word: &str, whole: &str) -> ValueError {
    ValueError::UnknownUnit(format!(
        "`{whole}`: unknown unit `{word}`; known units are currencies (美元, 欧元, 元, USD, EUR, CNY, $), %, 秒, tokens/秒, and count words ({})",
        COUNT_WORDS.iter().map(|(w, _)| *w).collect::<Vec<_>>().join(", ")
    ))
}

/// Checks that what was found fits the property's unit class and returns the unit.
fn check_unit(
    amount: f64,
    found: Found,
    class: UnitClass,
    whole: &str,
) -> Result<Unit, ValueError> {
    let mismatch = |what: &str| {
        ValueError::Mismatch(format!(
            "`{whole}` is {what}, but this property takes {}",
            describe(class)
        ))
    };
    match class {
        UnitClass::Money => match found {
            Found::Currency(u) => Ok(u),
            _ => Err(mismatch("not a currency amount")),
        },
        UnitClass::Percent => match found {
            Found::Percent => Ok(Unit::Percent),
            Found::PercentagePoints => Ok(Unit::PercentagePoints),
            _ => Err(mismatch("not a percentage")),
        },
        UnitClass::Score => match found {
            Found::Percent => Ok(Unit::Percent),
            Found::Bare { .. } => Ok(Unit::Points),
            _ => Err(mismatch("not a score")),
        },
        UnitClass::Rank => match found {
            Found::Bare { scale: 0 } if amount.fract() == 0.0 && amount >= 1.0 => Ok(Unit::Rank),
            _ => Err(mismatch("not a rank")),
        },
        UnitClass::Seconds => match found {
            Found::Seconds => Ok(Unit::Seconds),
            _ => Err(mismatch("not a duration in seconds")),
        },
        UnitClass::TokensPerSecond => match found {
            Found::TokensPerSecond => Ok(Unit::TokensPerSecond),
            _ => Err(mismatch("not a rate in tokens per second")),
        },
        UnitClass::Count(label) => match found {
            Found::Bare { .. } => Ok(Unit::Count(label)),
            Found::Count(None) | Found::CountMore(None) => Ok(Unit::Count(label)),
            Found::Count(Some(l)) | Found::CountMore(Some(l)) if l == label => {
                Ok(Unit::Count(label))
            }
            Found::Count(Some(l)) | Found::CountMore(Some(l)) => {
                Err(mismatch(&format!("a count of {l}")))
            }
            Found::Currency(_) => Err(mismatch("a currency amount")),
            Found::Percent | Found::PercentagePoints => Err(mismatch("a percentage")),
            Found::Seconds | Found::TokensPerSecond => Err(mismatch("a duration or rate")),
        },
    }
}

fn describe(class: UnitClass) -> String {
    match class {
        UnitClass::Money => "a currency amount such as 56.17亿美元, 3.1亿元 or $15".into(),
        UnitClass::Percent => "a percentage such as 31% or 3.01%-3.06%".into(),
        UnitClass::Count(label) => format!("a count of {label} such as 405B or 128,000"),
        UnitClass::Seconds => "seconds such as 0.68秒".into(),
        UnitClass::TokensPerSecond => "a rate such as 558 tokens/秒".into(),
        UnitClass::Score => "a score such as 93.4% or 73.32".into(),
        UnitClass::Rank => "a rank: a whole number from 1".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::property::Property;

    fn check(text: &str, property: Property, expect: &str) {
        let got = match parse_value(text, property.value_kind()) {
            Ok(v) => match v.shape {
                Shape::Quantity {
                    amount,
                    unit,
                    bound,
                } => {
                    format!(
                        "{amount} {unit}{}",
                        bound.map(|b| format!(" {}", b.name())).unwrap_or_default()
                    )
                }
                Shape::Range { min, max, unit } => format!("{min}..{max} {unit}"),
                Shape::Date(d) => format!("date {d}"),
                Shape::Text => "text".into(),
                Shape::Undisclosed => "undisclosed".into(),
                Shape::None => "none".into(),
            },
            Err(ValueError::UnknownUnit(_)) => "unknown-unit".into(),
            Err(ValueError::Mismatch(_)) => "mismatch".into(),
            Err(ValueError::Syntax(_)) => "syntax".into(),
        };
        assert_eq!(got, expect, "{text:?} as {property}");
    }

    #[test]
    fn normalizes_the_notes_wordings() {
        use Property::*;
        check("56.17亿美元", MarketSize, "5617000000 USD");
        check("1,113.04亿美元", MarketSize, "111304000000 USD");
        check("147亿元人民币", MarketSize, "14700000000 CNY");
        check("11亿欧元", FundingAmount, "1100000000 EUR");
        check("超过50亿美元", RevenueRunRate, "5000000000 USD at_least");
        check("约20%", MarketShare, "20 percent approx");
        check("3.01%-3.06%", MarketShare, "3.01..3.06 percent");
        check("405B", ParametersTotal, "405000000000 parameters");
        check(
            "30-65T",
            ParametersTotal,
            "30000000000000..65000000000000 parameters",
        );
        check("1370亿", ParametersTotal, "137000000000 parameters");
        check("1800亿参数", ParametersTotal, "180000000000 parameters");
        check(
            "超千亿",
            ParametersTotal,
            "100000000000 parameters at_least",
        );
        check("128,000", ContextWindow, "128000 tokens");
        check("128,000 tokens", ContextWindow, "128000 tokens");
        check("15T+", TrainingTokens, "15000000000000 tokens at_least");
        check("3.6万亿tokens", TrainingTokens, "3600000000000 tokens");
        check("750GB", TrainingBytes, "750000000000 bytes");
        check("300多个", ModelCount, "300 models at_least");
        check("$15", PriceInputPerMtok, "15 USD");
        check(
            "558 tokens/秒",
            ThroughputTokensPerS,
            "558 tokens_per_second",
        );
        check("0.68秒", LatencyS, "0.68 seconds");
        check("3.8个百分点", RelativeChange, "3.8 percentage_points");
        check("3.8百分点", RelativeChange, "3.8 percentage_points");
        check("超百家", Customers, "100 customers at_least");
        check("十余个", ModelCount, "10 models at_least");
        check("73.32", BenchmarkScore, "73.32 points");
        check("93.4%", BenchmarkScore, "93.4 percent");
        check("2", Rank, "2 rank");
        check("10倍", GrowthMultiple, "10 times");
        check("翻倍", GrowthMultiple, "2 times");
        check("135.2亿美元", Revenue, "13520000000 USD");
        check("0.68秒", LatencyS, "0.68 seconds");
        check("120ms", LatencyS, "0.12 seconds");
        check("6GB", TrainingBytes, "6000000000 bytes");
        check("未公开", ParametersTotal, "undisclosed");
        check("2023年4月", ReleaseDate, "date 2023-04");
        check("Apache 2.0", License, "text");
    }

    #[test]
    fn decimals_are_exact() {
        let d = |t: &str| Decimal::parse(t).map(|d| d.to_string());
        assert_eq!(d("135.2"), Ok("135.2".into()));
        assert_eq!(
            Decimal::parse("135.2").map(|d| d.scaled(8).to_string()),
            Ok("13520000000".into())
        );
        assert_eq!(
            Decimal::parse("0.5").map(|d| d.scaled(-3).to_string()),
            Ok("0.0005".into())
        );
        assert_eq!(d("007.50"), Ok("7.5".into()));
        assert!(d("1.2.3").is_err());
        assert!(d(".").is_err());
        // The stored f64 prints back as the decimal, however it was scaled.
        for text in ["135.2", "1113.04", "56.17", "0.68", "3.06", "73.32"] {
            for power in [-3, 0, 4, 8, 12] {
                let exact = Decimal::parse(text).map(|d| d.scaled(power));
                let printed = exact.map(|d| (d.to_string(), format!("{}", d.to_f64())));
                let (a, b) = printed.unwrap_or_default();
                assert_eq!(a, b, "{text} × 10^{power}");
            }
        }
    }

    #[test]
    fn decimals_are_read_as_the_text_writes_them() {
        // What `Decimal::parse` read before it read the digits in place: the digits copied
        // into one string, trimmed, and parsed.
        let copied = |whole: &str, fraction: &str| {
            let digits = format!("{whole}{fraction}");
            let trimmed = digits.trim_start_matches('0');
            let significand = trimmed.trim_end_matches('0');
            if significand.len() > Decimal::MAX_DIGITS {
                return None;
            }
            let zeros = (trimmed.len() - significand.len()) as i32;
            let mantissa = significand.parse::<i128>().unwrap_or(0);
            Some((mantissa, zeros - fraction.len() as i32))
        };
        let parts = [
            "",
            "0",
            "00",
            "1",
            "10",
            "100",
            "007",
            "1352",
            "0500",
            "123456789012345",
            "1234567890123456",
            "1000000000000000000000",
            "000000000000000000001",
        ];
        for whole in parts {
            for fraction in parts {
                let text = if fraction.is_empty() {
                    whole.to_string()
                } else {
                    format!("{whole}.{fraction}")
                };
                let Ok(read) = Decimal::parse(&text) else {
                    assert!(
                        copied(whole, fraction).is_none() || text.is_empty(),
                        "{text}"
                    );
                    continue;
                };
                let (mantissa, exponent) = copied(whole, fraction).unwrap_or_default();
                let expected = Decimal { mantissa, exponent }.normalized();
                assert_eq!(read, expected, "{text}");
            }
        }
    }

    #[test]
    fn a_decimal_rounds_to_the_float_the_parser_gives() {
        // The fast path of `to_f64` against the correctly rounded parser, at the edges of
        // the path (2^53, 10^22) and past them, with mantissas of every length.
        let mut mantissas: Vec<i128> = vec![0, 1, 3, 7, 9, 123, 1352, 5617, 999_999_999_999_999];
        mantissas.extend([
            (1 << 53) - 1,
            1 << 53,
            (1 << 53) + 1,
            12_345_678_901_234_567,
        ]);
        let mut x: i128 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..2000 {
            x = (x * 6_364_136_223_846_793_005 + 1_442_695_040_888_963_407) % (1 << 62);
            mantissas.push(x % 10_i128.pow((x % 16) as u32 + 1));
        }
        for &mantissa in &mantissas {
            for exponent in -30..=30 {
                for mantissa in [mantissa, -mantissa] {
                    let d = Decimal { mantissa, exponent };
                    let parsed: f64 = format!("{mantissa}e{exponent}").parse().unwrap_or(f64::NAN);
                    assert_eq!(
                        d.to_f64().to_bits(),
                        parsed.to_bits(),
                        "{mantissa}e{exponent}"
                    );
                }
            }
        }
    }

    #[test]
    fn rejects_what_does_not_fit() {
        use Property::*;
        check("56.17亿", MarketSize, "mismatch");
        check("405B", MarketShare, "mismatch");
        check("12 furlongs", ParametersTotal, "unknown-unit");
        check("15T tokens", ParametersTotal, "mismatch");
        check("2.5", Rank, "mismatch");
        check("many", Downloads, "syntax");
        check("2024年13月", ReleaseDate, "syntax");
        check("1.2345678901234567亿美元", MarketSize, "syntax");
    }

    #[test]
    fn rejects_numbers_too_large_to_be_amounts() {
        use Property::*;
        let huge = "9".repeat(400);
        check(&format!("{huge}亿美元"), MarketSize, "syntax");
        check(&format!("{huge}B"), ParametersTotal, "syntax");
        check(&format!("1-{huge}亿美元"), MarketSize, "syntax");
        check(&format!("超过{huge}%"), MarketShare, "syntax");
        // 1e300 is finite, but 万亿 (1e12) carries it past the largest amount.
        check(
            &format!("1{}万亿美元", "0".repeat(300)),
            MarketSize,
            "syntax",
        );
        let large = parse_value(
            &format!("1{}美元", "0".repeat(300)),
            MarketSize.value_kind(),
        );
        assert!(
            matches!(large.map(|v| v.shape), Ok(Shape::Quantity { amount, .. }) if amount == 1e300)
        );
    }
}
