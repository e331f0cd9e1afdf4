//! Calendar dates at the precision a source states them: a year, a half, a quarter, a month
//! or a day; and periods between two such dates.

use std::fmt;

/// A date at the precision the source gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// The part of the year the date names.
    pub part: DatePart,
}

/// How precisely a [`Date`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DatePart {
    /// The whole year ("2024").
    Year,
    /// A half year, 1 or 2 ("2025-H1", 上半年).
    Half(u8),
    /// A quarter, 1 to 4 ("2024-Q3").
    Quarter(u8),
    /// A month, 1 to 12 ("2024-07", "2024年7月").
    Month(u8),
    /// A day: month and day ("2023-04-10", "2023年4月10日").
    Day(u8, u8),
}

impl Date {
    /// The first month the date covers (1 to 12), for ordering dates of different precision.
    pub fn first_month(&self) -> u8 {
        match self.part {
            DatePart::Year => 1,
            DatePart::Half(h) => (h - 1) * 6 + 1,
            DatePart::Quarter(q) => (q - 1) * 3 + 1,
            DatePart::Month(m) | DatePart::Day(m, _) => m,
        }
    }

    /// The last month the date covers (1 to 12).
    pub fn last_month(&self) -> u8 {
        match self.part {
            DatePart::Year => 12,
            DatePart::Half(h) => h * 6,
            DatePart::Quarter(q) => q * 3,
            DatePart::Month(m) | DatePart::Day(m, _) => m,
        }
    }

    /// A sortable key of the date's start: (year, month, day).
    pub fn start_key(&self) -> (i32, u8, u8) {
        let day = match self.part {
            DatePart::Day(_, d) => d,
            _ => 1,
        };
        (self.year, self.first_month(), day)
    }

    /// A sortable key of the date's end: (year, month, day).
    pub fn end_key(&self) -> (i32, u8, u8) {
        let day = match self.part {
            DatePart::Day(_, d) => d,
            _ => 31,
        };
        (self.year, self.last_month(), day)
    }

    /// Parses the ISO-like forms used for qualifiers: `2024`, `2025-H1`, `2024-Q3`, `2024-07`,
    /// `2023-04-10`; and the Chinese forms of the note: `2024年`, `2023年4月`, `2023年4月10日`,
    /// `2025年上半年`, `2024年Q1`.
    pub fn parse(text: &str) -> Result<Date, String> {
        let t = text.trim();
        if t.contains('年') {
            return parse_chinese(t);
        }
        let mut parts = t.split('-');
        let year = parse_year(parts.next().unwrap_or(""), t)?;
        let part = match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => DatePart::Year,
            (Some(p), None, _) if p.starts_with('H') => {
                DatePart::Half(parse_in_range(&p[1..], 1, 2, "half", t)?)
            }
            (Some(p), None, _) if p.starts_with('Q') => {
                DatePart::Quarter(parse_in_range(&p[1..], 1, 4, "quarter", t)?)
            }
            (Some(m), None, _) => DatePart::Month(parse_in_range(m, 1, 12, "month", t)?),
            (Some(m), Some(d), None) => {
                let month = parse_in_range(m, 1, 12, "month", t)?;
                DatePart::Day(month, parse_in_range(d, 1, days_in(month), "day", t)?)
            }
            _ => return Err(expected(t)),
        };
        Ok(Date { year, part })
    }
}

fn expected(t: &str) -> String {
    format!(
        "`{t}` is not a date; expected YYYY, YYYY-H1, YYYY-Q1, YYYY-MM, YYYY-MM-DD or the Chinese 2023年4月10日 forms"
    )
}

fn days_in(month: u8) -> u8 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn parse_year(s: &str, whole: &str) -> Result<i32, String> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().map_err(|_| expected(whole))
    } else {
        Err(expected(whole))
    }
}

fn parse_in_range(s: &str, lo: u8, hi: u8, what: &str, whole: &str) -> Result<u8, String> {
    let n: u8 = s
        .parse()
        .map_err(|_| format!("{}: `{s}` is not a {what} number", expected(whole)))?;
    if n < lo || n > hi {
        return Err(format!("`{whole}`: {what} {n} is out of range {lo}..={hi}"));
    }
    Ok(n)
}

fn parse_chinese(t: &str) -> Result<Date, String> {
    let (y, rest) = t.split_once('年').ok_or_else(|| expected(t))?;
    let year = parse_year(y.trim(), t)?;
    let rest = rest.trim();
    let part = if rest.is_empty() {
        DatePart::Year
    } else if rest == "上半年" {
        DatePart::Half(1)
    } else if rest == "下半年" {
        DatePart::Half(2)
    } else if let Some(q) = rest.strip_prefix('Q') {
        DatePart::Quarter(parse_in_range(q, 1, 4, "quarter", t)?)
    } else if let Some((m, d)) = rest.split_once('月') {
        let month = parse_in_range(m.trim(), 1, 12, "month", t)?;
        let d = d.trim();
        if d.is_empty() {
            DatePart::Month(month)
        } else {
            let d = d.strip_suffix('日').ok_or_else(|| expected(t))?;
            DatePart::Day(month, parse_in_range(d, 1, days_in(month), "day", t)?)
        }
    } else {
        return Err(expected(t));
    };
    Ok(Date { year, part })
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.part {
            DatePart::Year => write!(f, "{}", self.year),
            DatePart::Half(h) => write!(f, "{}-H{h}", self.year),
            DatePart::Quarter(q) => write!(f, "{}-Q{q}", self.year),
            DatePart::Month(m) => write!(f, "{}-{m:02}", self.year),
            DatePart::Day(m, d) => write!(f, "{}-{m:02}-{d:02}", self.year),
        }
    }
}

/// A period from one date to another, both included ("2024-10/2025-10").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    /// The first date of the period.
    pub start: Date,
    /// The last date of the period.
    pub end: Date,
}

impl Period {
    /// Parses `START/END`, each a [`Date`] in ISO-like form.
    pub fn parse(text: &str) -> Result<Period, String> {
        let (a, b) = text.split_once('/').ok_or_else(|| {
            format!("`{text}` is not a period; expected START/END, e.g. 2024-10/2025-10")
        })?;
        let start = Date::parse(a)?;
        let end = Date::parse(b)?;
        if end.end_key() < start.start_key() {
            return Err(format!("period `{text}` ends before it starts"));
        }
        Ok(Period { start, end })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        let got = match Date::parse(input) {
            Ok(d) => d.to_string(),
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(got, expect, "input {input:?}");
    }

    #[test]
    fn parses_every_form() {
        check("2024", "2024");
        check("2025-H1", "2025-H1");
        check("2024-Q3", "2024-Q3");
        check("2024-07", "2024-07");
        check("2023-04-10", "2023-04-10");
        check("2023年4月10日", "2023-04-10");
        check("2023年4月", "2023-04");
        check("2024年", "2024");
        check("2025年上半年", "2025-H1");
        check("2024年Q1", "2024-Q1");
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        check(
            "2024-13",
            "error: `2024-13`: month 13 is out of range 1..=12",
        );
        check(
            "2023-02-30",
            "error: `2023-02-30`: day 30 is out of range 1..=29",
        );
        check("24", "error: `24` is not a date; expected YYYY, YYYY-H1, YYYY-Q1, YYYY-MM, YYYY-MM-DD or the Chinese 2023年4月10日 forms");
        assert!(Period::parse("2025/2024").is_err());
        assert_eq!(
            Period::parse("2024-10/2025-10").map(|p| p.to_string()),
            Ok("2024-10/2025-10".into())
        );
    }
}
