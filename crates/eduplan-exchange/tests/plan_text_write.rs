//! A plan written as plan text reads back as the same plan: the sample (every part of the
//! format: close-out, 预计, schools, 整改台账, quarterly progress) and the next period's draft
//! made from it.

use eduplan_domain::closeout::Predecessor;
use eduplan_domain::closeout::next::next_plan;
use eduplan_exchange::plan_text::parse_plan_text;
use eduplan_exchange::plan_text_write::write_plan_text;

const SAMPLE: &str =
    include_str!("../../../sample_plans/longtan-14th-five-year-education-plan.json");

#[test]
fn the_sample_written_as_text_reads_back_unchanged() {
    let sample = parse_plan_text(SAMPLE, "示例").expect("sample");
    let text = write_plan_text(&sample);
    let again = parse_plan_text(&text, "写出的文本").expect("written text reads");
    assert_eq!(again.info, sample.info);
    assert_eq!(again.sections, sample.sections);
    assert_eq!(again.indicators, sample.indicators);
    assert_eq!(again.tasks, sample.tasks);
    assert_eq!(again.schools, sample.schools);
    assert_eq!(again.rectifications, sample.rectifications);
    assert!(
        sample
            .indicators
            .iter()
            .any(|i| i.actuals.values().any(|a| a.estimate))
    );
    assert!(!sample.schools.is_empty() && !sample.rectifications.is_empty());
}

#[test]
fn the_next_plans_draft_written_as_text_keeps_its_base_values_and_marks() {
    let sample = parse_plan_text(SAMPLE, "示例").expect("sample");
    let predecessor = Predecessor {
        name: sample.info.name.clone(),
        hash: "00".into(),
    };
    let next = next_plan(&sample, (2026, 2030), predecessor.clone());
    let text = write_plan_text(&next);
    let again = parse_plan_text(&text, "下一期").expect("draft reads");
    assert_eq!(write_plan_text(&again), text, "the text is a fixed point");
    assert_eq!(again.info.predecessor, Some(predecessor));
    assert_eq!((again.info.first_year, again.info.last_year), (2026, 2030));
    assert_eq!(again.indicators.len(), next.indicators.len());
    for (a, b) in again.indicators.iter().zip(&next.indicators) {
        assert_eq!(a.name, b.name);
        assert_eq!(a.base_value, b.base_value, "{}", a.name);
        assert_eq!(
            a.closeout.base_estimate, b.closeout.base_estimate,
            "{}",
            a.name
        );
    }
}

/// The 十五五 draft in sample_plans/ is what "由本规划生成下一期规划" makes from the sample
/// today (scripts/make-next-sample.sh re-makes it), with a note that its figures are examples.
#[test]
fn the_shipped_next_period_draft_is_what_the_sample_makes_today() {
    const DRAFT: &str = include_str!("../../../sample_plans/longtan-15th-five-year-draft.json");
    let sample = parse_plan_text(SAMPLE, "示例").expect("sample");
    let predecessor = Predecessor {
        name: sample.info.name.clone(),
        hash: eduplan_domain::closeout::hash::sha256_hex(SAMPLE.as_bytes()),
    };
    let mut made = next_plan(&sample, (2026, 2030), predecessor);
    let shipped = parse_plan_text(DRAFT, "十五五草案").expect("draft reads");
    assert!(
        shipped.info.remark.starts_with("【示例数据】"),
        "the draft says its figures are examples"
    );
    made.info.remark = shipped.info.remark.clone();
    assert_eq!(
        write_plan_text(&shipped),
        write_plan_text(&made),
        "run scripts/make-next-sample.sh"
    );
    assert_eq!(
        (shipped.info.base_year, shipped.info.last_year),
        (2025, 2030)
    );
}
