//! Reading a number the way people type it: `90`, `90%`, `９０.５`, ` 90.5 `, `1,234`.
//! Anything else is refused with a message that says what to type instead.

use super::model::{Indicator, IndicatorKind};

/// Units that count whole things: a value must be an integer.
const COUNT_UNITS: [&str; 9] = ["人", "所", "台", "个", "间", "人次", "次", "项", "班"];

/// A number as typed: the shared full-width fold, then 。 as a decimal point, dashes as minus,
/// and thousands separators and spaces gone.
pub fn normalize(text: &str) -> String {
    crate::text::fold_width(text)
        .chars()
        .filter_map(|c| match c {
            '。' => Some('.'),
            '－' | '—' | '−' => Some('-'),
            ',' | '，' => None,
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .collect()
}

/// Why a typed, pasted or imported value was refused. The words are in `explain`.
#[derive(Clone, Debug, PartialEq)]
pub enum InputError {
    NotANumber(String),
    NotYesNo(String),
    /// A % sign on a value whose unit is not %.
    PercentOnOtherUnit(String),
    Negative {
        rate: bool,
    },
    RateAbove100(f64),
    AboveCeiling {
        value: f64,
        ceiling: f64,
    },
    NotWhole(String),
    CountsNegative,
    CountsNotWhole,
    DenominatorZero,
    /// The rate the counts give breaks a rule.
    CountsGiveInvalidRate {
        rate: f64,
        why: Box<InputError>,
    },
    /// A value given beside counts that do not give it.
    CountsDisagree {
        value: String,
        numerator: f64,
        denominator: f64,
        rate: f64,
    },
}

impl From<InputError> for String {
    fn from(e: InputError) -> String {
        e.to_string()
    }
}

/// Parse a plain number (no indicator rules), e.g. a budget in 万元. Empty → None.
pub fn parse_plain_number(text: &str) -> Result<Option<f64>, InputError> {
    let t = normalize(text);
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(InputError::NotANumber(text.trim().to_owned())),
    }
}

/// Parse a yearly value for `ind`. Empty text clears the value (Ok(None)).
pub fn parse_indicator_value(text: &str, ind: &Indicator) -> Result<Option<f64>, InputError> {
    let mut t = normalize(text);
    if t.is_empty() {
        return Ok(None);
    }
    if ind.kind == IndicatorKind::YesNo {
        return match t.as_str() {
            "是" | "达到" | "已达到" | "1" | "√" | "✓" | "Y" | "y" => Ok(Some(1.0)),
            "否" | "未达到" | "0" | "×" | "N" | "n" => Ok(Some(0.0)),
            _ => Err(InputError::NotYesNo(text.trim().to_owned())),
        };
    }
    if let Some(stripped) = t.strip_suffix('%') {
        if !ind.is_percent() {
            return Err(InputError::PercentOnOtherUnit(ind.unit.clone()));
        }
        t = stripped.to_owned();
    } else if !ind.unit.is_empty()
        && ind.unit != "%"
        && let Some(stripped) = t.strip_suffix(ind.unit.as_str())
    {
        t = stripped.to_owned();
    }
    let value = match t.parse::<f64>() {
        Ok(v) if v.is_finite() => v,
        _ => return Err(InputError::NotANumber(text.trim().to_owned())),
    };
    check_indicator_value(value, ind)?;
    Ok(Some(value))
}

/// The range rules a value must obey, whichever way it arrived (typed, pasted, imported).
pub fn check_indicator_value(value: f64, ind: &Indicator) -> Result<(), InputError> {
    if value < 0.0 && ind.unit != "个百分点" {
        return Err(InputError::Negative {
            rate: ind.is_percent(),
        });
    }
    if let Some(ceiling) = ind.value_ceiling()
        && value > ceiling + 1e-9
    {
        return Err(if ind.is_percent() {
            InputError::RateAbove100(value)
        } else {
            InputError::AboveCeiling { value, ceiling }
        });
    }
    if COUNT_UNITS.contains(&ind.unit.as_str()) && value.fract().abs() > 1e-9 {
        return Err(InputError::NotWhole(ind.unit.clone()));
    }
    Ok(())
}

/// Counts (分子/分母) must be whole, the denominator above 0, a rate not above 100 % unless
/// gross, and a value given beside them must agree with them (to the shown decimals).
pub fn check_counts(
    numerator: f64,
    denominator: f64,
    value: Option<f64>,
    ind: &Indicator,
) -> Option<InputError> {
    if numerator < 0.0 || denominator < 0.0 {
        return Some(InputError::CountsNegative);
    }
    if numerator.fract().abs() > 1e-9 || denominator.fract().abs() > 1e-9 {
        return Some(InputError::CountsNotWhole);
    }
    if denominator <= 0.0 {
        return Some(InputError::DenominatorZero);
    }
    let rate = numerator / denominator * 100.0;
    if let Err(why) = check_indicator_value(rate, ind) {
        return Some(InputError::CountsGiveInvalidRate {
            rate,
            why: Box::new(why),
        });
    }
    if let Some(v) = value {
        let tolerance = 0.5 * 10f64.powi(-(display_decimals(ind) as i32)) + 1e-9;
        if (v - rate).abs() > tolerance {
            return Some(InputError::CountsDisagree {
                value: format_value(v, ind),
                numerator,
                denominator,
                rate,
            });
        }
    }
    None
}

/// How a value is written: the indicator's decimals, 四舍五入, 是/否 for yes/no.
pub fn format_value(value: f64, ind: &Indicator) -> String {
    match ind.kind {
        IndicatorKind::YesNo => if value >= 0.5 { "是" } else { "否" }.to_owned(),
        _ => format_number(value, display_decimals(ind)),
    }
}

/// A value shown next to a threshold it is compared with: never rounded onto the threshold
/// when it does not reach it (99.96 next to a floor of 100 stays 99.96).
pub fn format_value_near(value: f64, threshold: f64, reached: bool, ind: &Indicator) -> String {
    format_near(value, threshold, reached, display_decimals(ind))
}

/// `value` with `decimals` places, or as many more (up to 6) as it takes not to print a value
/// that misses `threshold` as the threshold itself (0.8974 against 0.9 is "0.897", never
/// "0.90"); trailing zeros of the extra places are dropped. A value equal to the threshold
/// prints plainly: the sentence beside it says "等于".
pub fn format_near(value: f64, threshold: f64, reached: bool, decimals: usize) -> String {
    let mut places = decimals;
    let mut text = format_number(value, places);
    if reached || (value - threshold).abs() < 1e-9 {
        return text;
    }
    while places < 6 && text == format_number(threshold, places) {
        places += 1;
        text = format_number(value, places);
    }
    if places > decimals && text.contains('.') {
        text = text.trim_end_matches('0').trim_end_matches('.').to_owned();
    }
    text
}

/// The size of a difference, never printed as 0 when it is not: 0.05 at one decimal is
/// "0.05", not "0.1" or "0"; no trailing zeros.
pub fn format_difference(difference: f64, decimals: usize) -> String {
    let d = difference.abs();
    let mut places = decimals;
    loop {
        let text = format_number(d, places);
        let text = if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            text
        };
        let rounded_away = format_number(d, places)
            .parse::<f64>()
            .is_ok_and(|r| (r - d).abs() > d / 2.0);
        if (text != "0" && !rounded_away) || places >= 6 || d < 1e-9 {
            return text;
        }
        places += 1;
    }
}

/// Decimals shown for an indicator: its own setting, else 0 for counts and 1 for rates, or
/// more (up to 2) where the plan's figures have more.
pub fn display_decimals(ind: &Indicator) -> usize {
    if let Some(d) = ind.decimals {
        return usize::from(d).min(6);
    }
    let unit_default = decimals_for_unit(&ind.unit);
    let figures = ind
        .base_value
        .into_iter()
        .chain([ind.target_value])
        .chain(ind.actuals.values().filter_map(|a| a.value))
        .chain(ind.planned.values().copied());
    figures
        .map(decimals_in)
        .fold(unit_default, usize::max)
        .min(2.max(unit_default))
}

/// How many decimals a figure as typed has (95.25 → 2), reading at most 6.
fn decimals_in(v: f64) -> usize {
    (0..=6)
        .find(|d| {
            let p = 10f64.powi(*d as i32);
            ((v * p).round() - v * p).abs() < 1e-6
        })
        .unwrap_or(6)
}

pub fn decimals_for_unit(unit: &str) -> usize {
    // Areas, money and hours are whole in the tables unless a figure has decimals.
    const WHOLE_MEASURES: [&str; 7] = ["学时", "㎡", "平方米", "m²", "亩", "元", "万元"];
    if COUNT_UNITS.contains(&unit) || WHOLE_MEASURES.contains(&unit) {
        0
    } else {
        1
    }
}

/// `value` with `decimals` places, rounded half away from zero (四舍五入) as Excel shows it:
/// 88.25 → 88.3, 1.005 → 1.01. Whole numbers lose their ".0".
pub fn format_number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let text = round_half_away(value, decimals);
    match text.split_once('.') {
        Some((whole, frac)) if frac.bytes().all(|b| b == b'0') => {
            if whole == "-0" {
                "0".to_owned()
            } else {
                whole.to_owned()
            }
        }
        _ => text,
    }
}

/// Decimal rounding on the value's 15 significant digits (what Excel displays), so a binary
/// representation just below a tie (1.005 = 1.00499999…) rounds the way people expect.
fn round_half_away(value: f64, decimals: usize) -> String {
    let sci = format!("{:.14e}", value.abs());
    let Some((mantissa, exp)) = sci.split_once('e') else {
        return format!("{value:.decimals$}");
    };
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    // digits[0] is the units digit scaled by 10^exp; keep those before position `keep`.
    let keep = exp + 1 + decimals as i32;
    let mut kept: Vec<u8> = if keep <= 0 {
        Vec::new()
    } else {
        digits.iter().copied().take(keep as usize).collect()
    };
    while (kept.len() as i32) < keep {
        kept.push(0);
    }
    let round_up = keep >= 0 && digits.get(keep as usize).is_some_and(|d| *d >= 5);
    let mut int_len = exp + 1; // digits before the decimal point in `kept`
    if round_up {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, 1);
                int_len += 1;
                break;
            }
            i -= 1;
            if kept[i] == 9 {
                kept[i] = 0;
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    // Lay the digits out around the decimal point.
    let mut whole = String::new();
    let mut frac = String::new();
    let total = kept.len() as i32;
    let lead_zeros = (-int_len).max(0);
    for _ in 0..lead_zeros.min(decimals as i32) {
        frac.push('0');
    }
    for (i, d) in kept.iter().enumerate() {
        let pos = i as i32;
        if pos < int_len {
            whole.push(char::from(b'0' + d));
        } else {
            frac.push(char::from(b'0' + d));
        }
    }
    let _ = total;
    frac.truncate(decimals);
    while frac.len() < decimals {
        frac.push('0');
    }
    if whole.is_empty() {
        whole.push('0');
    }
    let negative = value < 0.0 && (whole.bytes().chain(frac.bytes()).any(|b| b != b'0'));
    let sign = if negative { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    }
}

pub fn format_percent(fraction: Option<f64>) -> String {
    fraction.map_or_else(
        || "—".to_owned(),
        |f| format!("{}%", format_number(f * 100.0, 1)),
    )
}

/// A year as people type it: `2024`, `2024年`, `２０２４`. The one year parser.
pub fn parse_year(text: &str) -> Option<i32> {
    let t = normalize(text);
    let t = t.trim_end_matches('年');
    if t.len() != 4 {
        return None;
    }
    t.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y))
}

#[cfg(test)]
mod tests {
    use super::{decimals_for_unit, format_number};

    #[test]
    fn areas_money_and_counts_are_whole_rates_have_one_decimal() {
        for (unit, decimals) in [
            ("㎡", 0),
            ("平方米", 0),
            ("万元", 0),
            ("所", 0),
            ("%", 1),
            ("年", 1),
        ] {
            assert_eq!(decimals_for_unit(unit), decimals, "{unit}");
        }
    }

    #[test]
    fn rounds_half_away_from_zero_like_excel() {
        for (v, d, want) in [
            (88.25, 1, "88.3"),
            (88.35, 1, "88.4"),
            (1.005, 2, "1.01"),
            (2.5, 0, "3"),
            (-2.5, 0, "-3"),
            (99.96, 1, "100"),
            (99.94, 1, "99.9"),
            (0.05, 1, "0.1"),
            (0.004, 2, "0"),
            (-0.04, 1, "0"),
            (1234.5, 0, "1235"),
            (95.0, 1, "95"),
            (0.955, 2, "0.96"),
            (9.999, 2, "10"),
            (0.0, 1, "0"),
            (12.0, 0, "12"),
            (0.00123, 4, "0.0012"),
        ] {
            assert_eq!(format_number(v, d), want, "{v} with {d} decimals");
        }
    }
}
