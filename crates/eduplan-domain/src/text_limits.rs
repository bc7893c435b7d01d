//! How long a piece of text in a plan may be. Text enters from typing, returned fill-in
//! tables, plan texts and plan files from elsewhere; a 32,768-character note breaks every
//! workbook (Excel's cell limit) and an 18 MB note makes a meeting PDF take gigabytes.
//!
//! Limits are checked where text enters (`check_edit`, `longest_text`), with a message. Text
//! that is already in a file (an older or a hostile one) is never cut in the file; outputs
//! take a copy clipped with `clipped` instead.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::edit::{Edit, Field};

/// Names, titles, units, numbering: one line on a screen or in a table.
pub const MAX_NAME_CHARS: usize = 200;
/// Notes, progress, measures and every other free text (about three pages of a report).
pub const MAX_TEXT_CHARS: usize = 5000;
/// What one output cell or slide line holds at most (Excel's limit is 32,767).
pub const MAX_OUTPUT_CHARS: usize = 5000;

/// The limit of a field, by what it holds: names short, everything else `MAX_TEXT_CHARS`.
pub fn limit_of(field: &Field) -> usize {
    let key = field.key();
    let last = key.rsplit('.').next().unwrap_or("");
    const NAME_KEYS: &[&str] = &[
        "name",
        "title",
        "numbering",
        "unit",
        "category",
        "lead_unit",
        "target_text",
        "region",
        "issuing_body",
        "doc_number",
        "issue_date",
        "reporting_unit",
        "deadline",
        "responsible_person",
        "person",
        "closed_by",
        "source",
        "data_source",
        "numerator_label",
        "denominator_label",
        "batch",
    ];
    if NAME_KEYS.contains(&last) {
        MAX_NAME_CHARS
    } else {
        MAX_TEXT_CHARS
    }
}

/// Why `edit` carries text that is too long (the field's label, its length and the limit).
pub fn check_edit(edit: &Edit) -> Result<(), String> {
    match edit {
        Edit::Set(field, crate::edit::Value::Text(text)) => {
            check(field_label(field), text, limit_of(field))
        }
        Edit::AddSection { title, .. } => check("章节标题", title, MAX_NAME_CHARS),
        Edit::AddIndicator { name, .. } => check("指标名称", name, MAX_NAME_CHARS),
        Edit::AddTask { title, .. } => check("任务名称", title, MAX_NAME_CHARS),
        Edit::AddEvidence { name, .. } => check("佐证材料名称", name, MAX_NAME_CHARS),
        Edit::AddOutline(subtree) => check_all("新增内容", subtree),
        Edit::AddSchool(school) => check_all("学校", school),
        Edit::AddRectification(item) => check_all("整改问题", item),
        _ => Ok(()),
    }
}

fn field_label(field: &Field) -> &'static str {
    match field {
        Field::Plan(f) => f.spec().label,
        Field::Section(_, f) => f.spec().label,
        Field::Indicator(_, f) => f.spec().label,
        Field::Actual(_, _, f) => f.spec().label,
        Field::Task(_, f) => f.spec().label,
        Field::TaskProgress(..) => "年度进展",
        Field::TaskQuarter(..) => "季度形象进度",
        Field::School(_, f) => f.spec().label,
        Field::SchoolYear(_, _, f) => f.spec().label,
        Field::Rectification(_, f) => f.spec().label,
        Field::RectificationProgress(..) => "整改进展",
        Field::Planned(..) | Field::Benchmark(..) | Field::EvidenceRemoved(_) => "内容",
    }
}

/// The same check for a whole value read from outside (a plan text, a subtree).
pub fn check_all<T: Serialize>(what: &str, value: &T) -> Result<(), String> {
    match longest_text(value) {
        Some(n) if n > MAX_TEXT_CHARS => Err(format!(
            "{what}中有一段文字长达{n}字，超过了{MAX_TEXT_CHARS}字的上限，未写入。请精简后重试；长材料可作为佐证材料附上。"
        )),
        _ => Ok(()),
    }
}

fn check(label: &str, text: &str, max: usize) -> Result<(), String> {
    let n = text.chars().count();
    if n > max {
        Err(format!(
            "“{label}”最多{max}字，这里有{n}字，未写入。请精简后重试；长材料可作为佐证材料附上。"
        ))
    } else {
        Ok(())
    }
}

/// The length in characters of the longest string anywhere in `value`.
pub fn longest_text<T: Serialize>(value: &T) -> Option<usize> {
    let json = serde_json::to_value(value).ok()?;
    let mut longest = 0;
    walk(&json, &mut |s| longest = longest.max(s.chars().count()));
    Some(longest)
}

/// `value` with every string longer than `max` characters cut to `max` and marked
/// "……（已截断）"; borrowed unchanged (no copy) when nothing is that long.
pub fn clipped<T: Serialize + DeserializeOwned + Clone>(
    value: &T,
    max: usize,
) -> std::borrow::Cow<'_, T> {
    let Ok(mut json) = serde_json::to_value(value) else {
        return std::borrow::Cow::Borrowed(value);
    };
    let mut any = false;
    walk(&json, &mut |s| {
        any |= s.len() > max && s.chars().count() > max
    });
    if !any {
        return std::borrow::Cow::Borrowed(value);
    }
    clip(&mut json, max);
    match serde_json::from_value(json) {
        Ok(v) => std::borrow::Cow::Owned(v),
        Err(_) => std::borrow::Cow::Borrowed(value),
    }
}

/// `text` cut to `max` characters with a visible mark, for a single output.
pub fn clip_str(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.len() <= max || text.chars().count() <= max {
        return std::borrow::Cow::Borrowed(text);
    }
    const MARK: &str = "……（已截断）";
    let keep = max.saturating_sub(MARK.chars().count());
    let mut out: String = text.chars().take(keep).collect();
    out.push_str(MARK);
    std::borrow::Cow::Owned(out)
}

fn walk(v: &serde_json::Value, f: &mut impl FnMut(&str)) {
    match v {
        serde_json::Value::String(s) => f(s),
        serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, f)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, i)| {
            f(k);
            walk(i, f)
        }),
        _ => {}
    }
}

fn clip(v: &mut serde_json::Value, max: usize) {
    match v {
        serde_json::Value::String(s) => {
            if let std::borrow::Cow::Owned(c) = clip_str(s, max) {
                *s = c;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| clip(i, max)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|i| clip(i, max)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{ActualField, Value};
    use crate::model::{IndicatorId, Plan};

    #[test]
    fn a_long_note_is_refused_with_its_length() {
        let field = Field::Actual(IndicatorId(1), 2024, ActualField::Note);
        let ok = Edit::Set(field, Value::Text("已核实".repeat(100)));
        assert!(check_edit(&ok).is_ok());
        let long = Edit::Set(field, Value::Text("长".repeat(32_768)));
        let err = check_edit(&long).expect_err("too long");
        assert!(err.contains("32768字"), "{err}");
        assert!(err.contains("5000字"), "{err}");
    }

    #[test]
    fn names_have_a_shorter_limit() {
        let add = Edit::AddIndicator {
            section: crate::model::SectionId(1),
            name: "名".repeat(MAX_NAME_CHARS + 1),
        };
        assert!(check_edit(&add).is_err());
    }

    #[test]
    fn outputs_get_a_clipped_copy_and_the_plan_is_untouched() {
        let mut plan = Plan::default();
        plan.info.remark = "长".repeat(40_000);
        let out = clipped(&plan, MAX_OUTPUT_CHARS);
        assert_eq!(out.info.remark.chars().count(), MAX_OUTPUT_CHARS);
        assert!(out.info.remark.ends_with("（已截断）"));
        assert_eq!(plan.info.remark.chars().count(), 40_000);
        let short = Plan::default();
        assert!(matches!(
            clipped(&short, MAX_OUTPUT_CHARS),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
