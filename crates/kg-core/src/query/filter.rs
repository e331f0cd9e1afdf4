//! The syntax of `--where` expressions: a recursive-descent parser that reads comparisons
//! joined by `and`, `or`, `not` and parentheses, and remembers where each part was written,
//! so that `list` can point at the column of any mistake.
//!
//! ```text
//! expr       := and ("or" and)*
//! and        := unary ("and" unary)*
//! unary      := "not" unary | "(" expr ")" | comparison
//! comparison := FIELD OP VALUE
//! FIELD      := letters, digits, `_` and `.` (`valuation.status`)
//! OP         := "=" | "!=" | "<" | "<=" | ">" | ">=" | "~"
//! VALUE      := 'quoted' | "quoted" | words up to `and`, `or`, `)` or the end
//! ```
//!
//! What a field and a value mean (a property, a unit, an entity) is checked by `list`.

use std::fmt;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `>=`
    Ge,
    /// `>`
    Gt,
    /// `<=`
    Le,
    /// `<`
    Lt,
    /// `~`: contains.
    Contains,
}

impl Op {
    const ALL: [(&'static str, Op); 7] = [
        ("=", Op::Eq),
        ("!=", Op::Ne),
        ("<", Op::Lt),
        ("<=", Op::Le),
        (">", Op::Gt),
        (">=", Op::Ge),
        ("~", Op::Contains),
    ];

    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        Op::ALL
            .iter()
            .find(|(_, op)| *op == self)
            .map_or("=", |(s, _)| s)
    }

    /// Whether the operator orders (`<`, `<=`, `>`, `>=`).
    pub fn orders(self) -> bool {
        matches!(self, Op::Ge | Op::Gt | Op::Le | Op::Lt)
    }
}

/// Where a part of an expression is written: characters from its start, and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The first character (counting characters, not bytes).
    pub start: usize,
    /// How many characters.
    pub len: usize,
}

/// One comparison, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The field.
    pub field: String,
    /// Where the field is written.
    pub field_span: Span,
    /// The operator.
    pub op: Op,
    /// Where the operator is written.
    pub op_span: Span,
    /// The value, quotes removed.
    pub value: String,
    /// Where the value is written.
    pub value_span: Span,
}

/// A parsed `--where` expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// Both hold.
    And(Box<Expr>, Box<Expr>),
    /// Either holds.
    Or(Box<Expr>, Box<Expr>),
    /// It does not hold.
    Not(Box<Expr>),
    /// A comparison.
    Compare(Comparison),
}

impl Expr {
    /// Every comparison, in the order written.
    pub fn comparisons(&self) -> Vec<&Comparison> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'e>(&'e self, out: &mut Vec<&'e Comparison>) {
        match self {
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.collect(out);
                b.collect(out);
            }
            Expr::Not(a) => a.collect(out),
            Expr::Compare(c) => out.push(c),
        }
    }
}

/// A mistake in a `--where` expression, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    /// The whole expression.
    pub expr: String,
    /// The offending part.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// What would be right (suggestions), if anything.
    pub help: Option<String>,
}

impl FilterError {
    /// An error about `span` of `expr`.
    pub fn new(expr: &str, span: Span, message: impl Into<String>) -> FilterError {
        FilterError {
            expr: expr.to_string(),
            span,
            message: message.into(),
            help: None,
        }
    }

    /// The same error with a hint.
    pub fn help(mut self, help: impl Into<String>) -> FilterError {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "in `{}` at column {}: {}",
            self.expr,
            self.span.start + 1,
            self.message
        )?;
        if let Some(h) = &self.help {
            write!(f, "; {h}")?;
        }
        Ok(())
    }
}

/// Parses a `--where` expression.
pub fn parse(expr: &str) -> Result<Expr, FilterError> {
    let mut parser = Parser {
        expr,
        chars: expr.chars().collect(),
        at: 0,
    };
    parser.skip_space();
    if parser.at == parser.chars.len() {
        return Err(
            FilterError::new(expr, Span { start: 0, len: 1 }, "empty filter")
                .help("write FIELD OP VALUE, e.g. 'parameters_total >= 100B'"),
        );
    }
    let tree = parser.or()?;
    parser.skip_space();
    if parser.at < parser.chars.len() {
        let start = parser.at;
        let word = parser.word_len().max(1);
        return Err(FilterError::new(
            expr,
            Span { start, len: word },
            format!("unexpected `{}`", parser.text(start, word)),
        )
        .help("join comparisons with `and` or `or`"));
    }
    Ok(tree)
}

struct Parser<'a> {
    expr: &'a str,
    chars: Vec<char>,
    at: usize,
}

impl Parser<'_> {
    fn or(&mut self) -> Result<Expr, FilterError> {
        let mut left = self.and()?;
        while self.keyword("or") {
            let right = self.and()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, FilterError> {
        let mut left = self.unary()?;
        while self.keyword("and") {
            let right = self.unary()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, FilterError> {
        self.skip_space();
        if self.keyword("not") {
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.peek() == Some('(') {
            let open = self.at;
            self.at += 1;
            let inner = self.or()?;
            self.skip_space();
            if self.peek() != Some(')') {
                return Err(self
                    .error_here("expected `)`")
                    .help(format!("the `(` at column {} is not closed", open + 1)));
            }
            self.at += 1;
            return Ok(inner);
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, FilterError> {
        self.skip_space();
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '-')
        {
            self.at += 1;
        }
        if self.at == start {
            return Err(self
                .error_here("expected a field")
                .help("write FIELD OP VALUE, e.g. 'parameters_total >= 100B'"));
        }
        let field = self.text(start, self.at - start);
        let field_span = Span {
            start,
            len: self.at - start,
        };
        self.skip_space();
        let op_start = self.at;
        while self.peek().is_some_and(|c| "=!<>~".contains(c)) {
            self.at += 1;
        }
        let written = self.text(op_start, self.at - op_start);
        let op_span = Span {
            start: op_start,
            len: (self.at - op_start).max(1),
        };
        let expected = "expected an operator: = != < <= > >= ~ (contains)";
        let op = match Op::ALL.iter().find(|(s, _)| *s == written) {
            Some((_, op)) => *op,
            None if written.is_empty() => {
                return Err(FilterError::new(
                    self.expr,
                    op_span,
                    format!("expected an operator after `{field}`"),
                )
                .help(expected))
            }
            None => {
                return Err(FilterError::new(
                    self.expr,
                    op_span,
                    format!("unknown operator `{written}`"),
                )
                .help(expected))
            }
        };
        self.skip_space();
        let (value, value_span) = self.value()?;
        if value.is_empty() {
            return Err(FilterError::new(
                self.expr,
                value_span,
                format!("expected a value after `{written}`"),
            )
            .help(
                "e.g. 'parameters_total >= 100B', 'developer = meta', 'license = \"Apache 2.0\"'",
            ));
        }
        Ok(Expr::Compare(Comparison {
            field,
            field_span,
            op,
            op_span,
            value,
            value_span,
        }))
    }

    /// A quoted value, or the words up to `and`, `or`, `)` or the end.
    fn value(&mut self) -> Result<(String, Span), FilterError> {
        let start = self.at;
        if let Some(quote) = self.peek().filter(|c| *c == '\'' || *c == '"') {
            self.at += 1;
            while self.peek().is_some_and(|c| c != quote) {
                self.at += 1;
            }
            if self.peek() != Some(quote) {
                return Err(FilterError::new(
                    self.expr,
                    Span { start, len: 1 },
                    "this quote is not closed",
                ));
            }
            self.at += 1;
            let value = self.text(start + 1, self.at - start - 2);
            return Ok((
                value,
                Span {
                    start,
                    len: self.at - start,
                },
            ));
        }
        let mut end = self.at;
        while let Some(c) = self.peek() {
            if c == ')' {
                break;
            }
            if c.is_whitespace() {
                let before = self.at;
                self.skip_space();
                if self.at_keyword("and") || self.at_keyword("or") || self.peek().is_none() {
                    self.at = before;
                    break;
                }
                continue;
            }
            self.at += 1;
            end = self.at;
        }
        self.at = end;
        Ok((
            self.text(start, end - start),
            Span {
                start,
                len: (end - start).max(1),
            },
        ))
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn text(&self, start: usize, len: usize) -> String {
        self.chars[start..start + len].iter().collect()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    fn word_len(&self) -> usize {
        self.chars[self.at..]
            .iter()
            .take_while(|c| !c.is_whitespace())
            .count()
    }

    /// Whether a keyword starts here, as a whole word.
    fn at_keyword(&self, word: &str) -> bool {
        let n = word.chars().count();
        let here: String = self.chars[self.at..].iter().take(n).collect();
        here.eq_ignore_ascii_case(word)
            && self
                .chars
                .get(self.at + n)
                .is_none_or(|c| c.is_whitespace() || *c == '(')
    }

    /// Consumes a keyword (after spaces) if it is next.
    fn keyword(&mut self, word: &str) -> bool {
        let before = self.at;
        self.skip_space();
        if self.at_keyword(word) {
            self.at += word.chars().count();
            true
        } else {
            self.at = before;
            false
        }
    }

    fn error_here(&self, message: &str) -> FilterError {
        FilterError::new(
            self.expr,
            Span {
                start: self.at.min(self.chars.len()),
                len: 1,
            },
            message,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(e: &Expr) -> String {
        match e {
            Expr::And(a, b) => format!("({} and {})", show(a), show(b)),
            Expr::Or(a, b) => format!("({} or {})", show(a), show(b)),
            Expr::Not(a) => format!("not {}", show(a)),
            Expr::Compare(c) => format!("[{} {} {}]", c.field, c.op.symbol(), c.value),
        }
    }

    fn check(expr: &str, expect: &str) {
        let got = match parse(expr) {
            Ok(e) => show(&e),
            Err(e) => format!(
                "error at {}+{}: {}",
                e.span.start + 1,
                e.span.len,
                e.message
            ),
        };
        assert_eq!(got, expect, "{expr}");
    }

    #[test]
    fn reads_expressions() {
        check("parameters_total >= 100e9", "[parameters_total >= 100e9]");
        check("parameters_total>=100B", "[parameters_total >= 100B]");
        check("license = 'Apache 2.0'", "[license = Apache 2.0]");
        check("license = Apache 2.0", "[license = Apache 2.0]");
        check("name ~ 百川", "[name ~ 百川]");
        check(
            "a = 1 and b = 2 or c = 3",
            "(([a = 1] and [b = 2]) or [c = 3])",
        );
        check(
            "a = 1 and (b = 2 or not c != 3)",
            "([a = 1] and ([b = 2] or not [c != 3]))",
        );
        check("NOT a < 1 AND b > x y", "(not [a < 1] and [b > x y])");
        check("brand = android phones", "[brand = android phones]");
        check(
            "parameters_total >= 100 bananas",
            "[parameters_total >= 100 bananas]",
        );
    }

    #[test]
    fn points_at_mistakes() {
        check(
            "parameters_total >>= 100B",
            "error at 18+3: unknown operator `>>=`",
        );
        check(
            "parameters_total",
            "error at 17+1: expected an operator after `parameters_total`",
        );
        check(">= 5", "error at 1+1: expected a field");
        check("a = 1 and", "error at 10+1: expected a field");
        check("a = ", "error at 5+1: expected a value after `=`");
        check("(a = 1", "error at 7+1: expected `)`");
        check("a = 1) b", "error at 6+1: unexpected `)`");
        check("a = 'x", "error at 5+1: this quote is not closed");
        check("", "error at 1+1: empty filter");
    }
}
