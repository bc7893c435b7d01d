//! The cells of a table pasted as text: what kind a cell is (a value, an attribute, a unit, a
//! name), category rows, and the names of 其中 sub-rows.

use super::numbers::{CN_DIGITS, UNITS};
use super::tables::split_unit;

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Cell {
    Number,
    Attribute,
    Unit,
    Label,
}

pub(super) fn cell_kind(cell: &str) -> Cell {
    let chars: Vec<char> = cell.chars().collect();
    // 约束性 / 预期性 / [约束性] / 预期性指标
    let bare = cell.trim_matches(|c: char| "[]【】()（）".contains(c));
    if (chars.len() <= 4 && (bare.ends_with('性') || bare == "约束" || bare == "预期"))
        || (chars.len() <= 7 && (bare.starts_with("约束") || bare.starts_with("预期")))
    {
        return Cell::Attribute;
    }
    if !chars.is_empty() && chars.iter().all(|c| "-—–/／".contains(*c)) {
        return Cell::Number;
    }
    if UNITS.contains(&cell) {
        return Cell::Unit;
    }
    if value_cell(&chars) {
        Cell::Number
    } else {
        Cell::Label
    }
}

/// 99% / 99%以上 / ≥95 / 11.4年 / 3-5所 / 约85%: a number with at most a comparison, a unit and
/// 以上/以下 around it.
fn value_cell(chars: &[char]) -> bool {
    if chars.len() > 20 {
        return false;
    }
    let mut i = 0;
    while i < chars.len() && "≥≤><约达".contains(chars[i]) {
        i += 1;
    }
    if !chars.get(i).is_some_and(char::is_ascii_digit) {
        return false;
    }
    while i < chars.len() && (chars[i].is_ascii_digit() || ".,-—~～".contains(chars[i])) {
        i += 1;
    }
    // ≤1:15: a ratio is a value (of no unit the rules read).
    if matches!(chars.get(i), Some(':' | '：'))
        && chars.get(i + 1).is_some_and(char::is_ascii_digit)
    {
        return chars[i + 1..].iter().all(char::is_ascii_digit);
    }
    let rest: String = chars[i..].iter().collect();
    let rest = UNITS
        .iter()
        .find_map(|u| rest.strip_prefix(u))
        .unwrap_or(&rest);
    // 95（基本均衡）: a note on the value in brackets.
    let note = |r: &str| {
        (r.starts_with('（') && r.ends_with('）') || r.starts_with('(') && r.ends_with(')'))
            && r.chars().count() <= 10
    };
    ["", "以上", "以下", "以内", "左右", "及以上"].contains(&rest) || note(rest)
}

/// A category row between the rows (一、发展水平 / （二）质量提升).
pub(super) fn is_category(cell: &str) -> bool {
    let chars: Vec<char> = cell.chars().collect();
    let cn = |c: &char| CN_DIGITS.contains(*c);
    let n = chars.iter().take_while(|c| cn(c)).count();
    if n > 0 && chars.get(n) == Some(&'、') {
        return true;
    }
    matches!(chars.first(), Some('（' | '('))
        && chars[1..].iter().take_while(|c| cn(c)).count() > 0
        && chars
            .iter()
            .skip(1)
            .find(|c| !cn(c))
            .is_some_and(|c| matches!(c, '）' | ')'))
}

/// 学段 a 其中 sub-row may name alone.
const STAGES: &[&str] = &[
    "小学",
    "初中",
    "高中",
    "普通高中",
    "幼儿园",
    "学前",
    "中职",
    "义务教育",
];
/// Words that end the subject of a measure (幼儿教师 in 幼儿教师专科及以上学历比例).
const SUBJECT_HEADS: &[&str] = &["教师", "校长", "园长", "学生", "学校", "幼儿园", "儿童"];

fn strip_sub_mark(label: &str) -> &str {
    label
        .strip_prefix("其中")
        .unwrap_or(label)
        .trim_start_matches([':', '：', ','])
}

pub(super) fn is_sub_row(label: &str) -> bool {
    let (name, _) = split_unit(strip_sub_mark(label));
    label.starts_with("其中") || STAGES.contains(&name.as_str())
}

/// A sub-row's indicator: the row's name with the 学段 (义务教育标准班额比例（小学）), or the
/// row's subject with the sub-row's measure (幼儿教师 + 本科及以上学历比例). The unit, where
/// either gives one, stays at the end in brackets for the table rules.
pub(super) fn sub_row_name(parent: &str, label: &str) -> String {
    let (parent_name, parent_unit) = split_unit(parent);
    let (label_name, label_unit) = split_unit(strip_sub_mark(label));
    let unit = if label_unit.is_empty() {
        parent_unit
    } else {
        label_unit
    };
    // 其中：研究生 under 在校生: a part of what the row counts, not a measure of its own.
    let a_part = !["率", "比例", "数", "面积", "年限", "比"]
        .iter()
        .any(|w| label_name.contains(w));
    let name = if STAGES.contains(&label_name.as_str()) || a_part {
        format!("{parent_name}（{label_name}）")
    } else if SUBJECT_HEADS.iter().any(|h| label_name.contains(h)) {
        label_name
    } else {
        let subject_end = SUBJECT_HEADS
            .iter()
            .filter_map(|h| parent_name.rfind(h).map(|i| i + h.len()))
            .max()
            .unwrap_or(0);
        format!("{}{label_name}", &parent_name[..subject_end])
    };
    format!("{name}({unit})")
}
