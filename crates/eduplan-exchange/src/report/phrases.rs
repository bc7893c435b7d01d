//! Small pieces of report language: Chinese ordinals, dates, values with their units, lists of
//! names. Numbers are formatted by the domain's own functions only.

use eduplan_domain::input::{display_decimals, format_number, format_value};
use eduplan_domain::{Date, Indicator, IndicatorKind};

/// 一 … 九十九 (headings 一、 and （一）).
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", if n > 10 { DIGITS[n - 10] } else { "" }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if !n.is_multiple_of(10) {
                DIGITS[n % 10]
            } else {
                ""
            }
        ),
        _ => n.to_string(),
    }
}

/// 2024年12月31日
pub fn date_text(d: Date) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The unit written after a number ("%" directly, "人" directly); nothing for yes/no.
pub fn unit_after(ind: &Indicator) -> &str {
    if ind.kind == IndicatorKind::YesNo {
        ""
    } else {
        ind.unit.trim()
    }
}

/// The unit of a difference: a difference of rates is in 个百分点.
pub fn difference_unit(ind: &Indicator) -> &str {
    if ind.is_percent() {
        "个百分点"
    } else {
        ind.unit.trim()
    }
}

/// A derived figure (序时目标值, a yearly need) as `explain::basis_text` writes it: up to two
/// more decimals than the indicator shows where needed, no trailing zeros.
pub fn derived(x: f64, ind: &Indicator) -> String {
    let text = format_number(x, display_decimals(ind).max(2));
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

pub fn with_unit(value: &str, ind: &Indicator) -> String {
    format!("{value}{}", unit_after(ind))
}

/// The base value as `status` prints it.
pub fn base_text(ind: &Indicator) -> String {
    ind.base_value
        .map_or_else(|| "—".to_owned(), |v| format_value(v, ind))
}

/// "甲、乙、丙" or, past `limit`, "甲、乙……等N项".
pub fn name_list(names: &[&str], limit: usize) -> String {
    if names.len() <= limit {
        names.join("、")
    } else {
        format!("{}等{}项", names[..limit].join("、"), names.len())
    }
}

/// "3项提前实现，5项快于预期" from (count, word) pairs, leaving out the zeros.
pub fn counts_text(counts: &[(usize, &str)]) -> String {
    counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n}项{w}"))
        .collect::<Vec<_>>()
        .join("，")
}

/// A sentence ends with exactly one 。
pub fn sentence(text: &str) -> String {
    let t = text.trim_end_matches(['。', '；', '，', ';', ',', '.']);
    format!("{t}。")
}
