//! Printed figures never contradict the verdict beside them: a shortfall is never printed as
//! 0, a missed threshold never as the threshold itself, and no figure runs to six decimals.

use eduplan_domain::explain::{basis_text, value_text};
use eduplan_domain::input::{format_difference, format_near};
use eduplan_domain::*;

fn indicator(kind: IndicatorKind, cmp: Comparison, base: Option<f64>, target: f64) -> Indicator {
    let mut ind = Indicator::new(IndicatorId(1), SectionId(1), "测试指标");
    ind.kind = kind;
    ind.comparison = cmp;
    ind.base_value = base;
    ind.target_value = target;
    ind.unit = "%".into();
    ind
}

fn with_value(mut ind: Indicator, year: i32, value: f64) -> Indicator {
    ind.actuals.insert(
        year,
        Actual {
            value: Some(value),
            ..Actual::default()
        },
    );
    ind
}

fn judged(ind: &Indicator, year: i32) -> (Status, String, String) {
    let info = PlanInfo::default();
    let eval = evaluate(ind, &info, year);
    (eval.status, basis_text(&eval, ind), value_text(&eval, ind))
}

#[test]
fn a_strict_ceiling_met_exactly_is_said_to_be_equal_not_zero_above() {
    // "近视率低于5%": 5.0 does not meet it.
    let mut ind = indicator(IndicatorKind::Maintain, Comparison::LessThan, None, 5.0);
    ind.target_text = "低于5%".into();
    let ind = with_value(ind, 2024, 5.0);
    let (status, basis, value) = judged(&ind, 2024);
    assert_eq!(status, Status::Behind);
    assert!(!basis.contains("0个百分点"), "{basis}");
    assert!(basis.contains("等于上限5"), "{basis}");
    assert!(basis.contains("未达到“低于5”"), "{basis}");
    assert_eq!(value, "5");
}

#[test]
fn a_small_shortfall_is_printed_with_the_places_it_needs() {
    let mut ind = indicator(IndicatorKind::Level, Comparison::AtLeast, Some(94.0), 95.5);
    ind.target_text = "95.5%".into();
    let ind = with_value(ind, 2025, 95.45);
    let (status, basis, value) = judged(&ind, 2025);
    assert_eq!(status, Status::NotAchieved);
    assert!(basis.contains("差0.05个百分点"), "{basis}");
    assert_eq!(value, "95.45");
}

#[test]
fn a_value_equal_to_a_strict_benchmark_prints_plainly() {
    let mut ind = indicator(IndicatorKind::Benchmark, Comparison::MoreThan, None, 0.0);
    ind.benchmarks.insert(2024, 92.4);
    let ind = with_value(ind, 2024, 92.4);
    let (_, basis, value) = judged(&ind, 2024);
    assert_eq!(value, "92.4");
    assert!(!basis.contains("92.400000"), "{basis}");
    assert!(basis.contains("不符合"), "{basis}");
}

#[test]
fn a_missed_standard_is_never_printed_as_the_standard() {
    assert_eq!(format_near(0.8974, 0.9, false, 2), "0.897");
    assert_eq!(format_near(0.8974, 0.9, true, 2), "0.90");
    assert_eq!(format_near(4.4999, 4.5, false, 2), "4.4999");
    assert_eq!(format_near(0.9, 0.9, false, 2), "0.90");
    assert_eq!(format_near(0.50001, 0.5, false, 3), "0.50001");
}

#[test]
fn a_difference_is_never_printed_as_zero_or_twice_its_size() {
    assert_eq!(format_difference(0.05, 1), "0.05");
    assert_eq!(format_difference(0.049_999_999, 1), "0.05");
    assert_eq!(format_difference(-0.3, 1), "0.3");
    assert_eq!(format_difference(12.0, 0), "12");
    // Below a millionth a difference is arithmetic noise.
    assert_eq!(format_difference(0.000_000_1, 1), "0");
}
