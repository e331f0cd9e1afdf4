//! Amounts as decimal text: the one place that turns kg's normalized numbers into the
//! digits every export writes (an `xsd:decimal` in RDF, a cell in CSV).
//!
//! kg reads amounts as exact decimals and stores each as the nearest `f64` (value.rs), and a
//! figure has at most 15 significant digits, the most an `f64` keeps exactly. The exports
//! write 15 significant digits, then drop trailing zeros, so a stored amount comes back as
//! its decimal (`13520000000`) and an amount computed in binary (13519999999.999998) does
//! too.

/// The amount as plain decimal text (no exponent, no binary-float noise): `5617000000`,
/// `31.5`, `-0.25`, `0.000012`; `None` for a value that is not a finite number.
pub fn decimal(amount: f64) -> Option<String> {
    if !amount.is_finite() {
        return None;
    }
    if amount == 0.0 {
        return Some("0".to_string());
    }
    // d.dddddddddddddde±x: 15 significant digits.
    let scientific = format!("{:.14e}", amount.abs());
    let (mantissa, exponent) = scientific.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    // The decimal point sits after `point` digits (may be <= 0 or past the end).
    let point = exponent + 1;
    let mut text = String::new();
    if amount < 0.0 {
        text.push('-');
    }
    if point <= 0 {
        text.push_str("0.");
        text.extend(std::iter::repeat_n('0', (-point) as usize));
        text.push_str(digits);
    } else if point as usize >= digits.len() {
        text.push_str(digits);
        text.extend(std::iter::repeat_n('0', point as usize - digits.len()));
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        text.push_str(whole);
        text.push('.');
        text.push_str(fraction);
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn amounts_are_plain_decimals_without_float_noise() {
        for (amount, text) in [
            (5617000000.0, "5617000000"),
            (135.2 * 1e8, "13520000000"),
            (13519999999.999998, "13520000000"),
            (31.5, "31.5"),
            (3.01, "3.01"),
            (0.1 + 0.2, "0.3"),
            (-0.25, "-0.25"),
            (0.000012, "0.000012"),
            (405e9, "405000000000"),
            (1e21, "1000000000000000000000"),
            (7.0, "7"),
            (0.0, "0"),
            (-0.0, "0"),
            (123456789012345.0, "123456789012345"),
        ] {
            assert_eq!(decimal(amount).as_deref(), Some(text), "{amount:?}");
        }
        assert_eq!(decimal(f64::NAN), None);
        assert_eq!(decimal(f64::INFINITY), None);
    }
}
