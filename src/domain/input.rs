//! Reading a number the way people type it: `90`, `90%`, `９０.５`, ` 90.5 `, `1,234`.
//! Anything else is refused with a message that says what to type instead.

use super::model::{Indicator, IndicatorKind};

/// Units that count whole things: a value must be an integer.
const COUNT_UNITS: [&str; 9] = ["人", "所", "台", "个", "间", "人次", "次", "项", "班"];

/// Full-width digits and punctuation become their ASCII forms; spaces go away.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' | '。' => Some('.'),
            '％' => Some('%'),
            '－' | '—' | '−' => Some('-'),
            '＋' => Some('+'),
            ',' | '，' => None,
            c if c.is_whitespace() || c == '\u{3000}' => None,
            c => Some(c),
        })
        .collect()
}

/// Parse a plain number (no indicator rules), e.g. a budget in 万元. Empty → None.
pub fn parse_plain_number(text: &str) -> Result<Option<f64>, String> {
    let t = normalize(text);
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(format!(
            "「{}」不是数字，请输入阿拉伯数字，如 90 或 90.5",
            text.trim()
        )),
    }
}

/// Parse a yearly value for `ind`. Empty text clears the value (Ok(None)).
pub fn parse_indicator_value(text: &str, ind: &Indicator) -> Result<Option<f64>, String> {
    let mut t = normalize(text);
    if t.is_empty() {
        return Ok(None);
    }
    if ind.kind == IndicatorKind::YesNo {
        return match t.as_str() {
            "是" | "达到" | "已达到" | "1" | "√" | "✓" | "Y" | "y" => Ok(Some(1.0)),
            "否" | "未达到" | "0" | "×" | "N" | "n" => Ok(Some(0.0)),
            _ => Err(format!(
                "「{}」无法识别，该指标请填写“是”或“否”",
                text.trim()
            )),
        };
    }
    if let Some(stripped) = t.strip_suffix('%') {
        if !ind.is_percent() {
            return Err(format!("该指标单位为“{}”，请不要带%", ind.unit));
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
        _ => {
            return Err(format!(
                "「{}」不是数字，请输入阿拉伯数字，如 90 或 90.5",
                text.trim()
            ));
        }
    };
    check_indicator_value(value, ind)?;
    Ok(Some(value))
}

/// The range rules a value must obey, whichever way it arrived (typed, pasted, imported).
pub fn check_indicator_value(value: f64, ind: &Indicator) -> Result<(), String> {
    if value < 0.0 && ind.unit != "个百分点" {
        return Err(if ind.is_percent() {
            "比率不能为负数".to_owned()
        } else {
            "数值不能为负数".to_owned()
        });
    }
    if let Some(ceiling) = ind.value_ceiling()
        && value > ceiling + 1e-9
    {
        return Err(if ind.is_percent() {
            format!("{value}% 超过100%，该指标不能大于100")
        } else {
            format!("{value} 超出允许范围（最大 {ceiling}）")
        });
    }
    if COUNT_UNITS.contains(&ind.unit.as_str()) && value.fract().abs() > 1e-9 {
        return Err(format!("单位为“{}”，请填写整数", ind.unit));
    }
    Ok(())
}

/// How a value is written in a cell: rates with one decimal, counts as integers.
pub fn format_value(value: f64, ind: &Indicator) -> String {
    match ind.kind {
        IndicatorKind::YesNo => if value >= 0.5 { "是" } else { "否" }.to_owned(),
        _ => format_number(value, decimals_for_unit(&ind.unit)),
    }
}

pub fn decimals_for_unit(unit: &str) -> usize {
    if COUNT_UNITS.contains(&unit) || unit == "学时" {
        0
    } else {
        1
    }
}

pub fn format_number(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    if decimals > 0 && (value - value.round()).abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        s
    }
}

pub fn format_percent(fraction: Option<f64>) -> String {
    fraction.map_or_else(|| "—".to_owned(), |f| format!("{:.1}%", f * 100.0))
}
