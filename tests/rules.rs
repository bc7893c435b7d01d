//! The tracking rules, case by case, for every kind of indicator.

use eduplan::domain::input::parse_indicator_value;
use eduplan::domain::rules::time_elapsed;
use eduplan::domain::validate::{Severity, validate_plan};
use eduplan::domain::*;

fn info() -> PlanInfo {
    PlanInfo::default()
}

fn indicator(
    kind: IndicatorKind,
    cmp: Comparison,
    base: Option<f64>,
    target: f64,
    values: &[(i32, f64)],
) -> Indicator {
    let mut ind = Indicator::new(IndicatorId(1), SectionId(1), "测试指标");
    ind.kind = kind;
    ind.comparison = cmp;
    ind.base_value = base;
    ind.target_value = target;
    for (y, v) in values {
        ind.actuals.insert(
            *y,
            Actual {
                value: Some(*v),
                ..Actual::default()
            },
        );
    }
    ind
}

/// Evaluate and compare status, light and (when given) progress in percent.
#[track_caller]
fn check(ind: &Indicator, year: i32, status: Status, light: Light, progress_pct: Option<f64>) {
    check_with(ind, &info(), year, status, light, progress_pct);
}

#[track_caller]
fn check_with(
    ind: &Indicator,
    info: &PlanInfo,
    year: i32,
    status: Status,
    light: Light,
    progress_pct: Option<f64>,
) {
    let e = evaluate(ind, info, year);
    assert_eq!((e.status, e.light), (status, light), "{year}: {e:?}");
    if let Some(p) = progress_pct {
        let got = e.progress.expect("progress") * 100.0;
        assert!((got - p).abs() < 0.01, "progress {got} != {p}");
    }
}

#[test]
fn time_elapsed_is_the_share_of_the_period_gone() {
    assert!((time_elapsed(2020, 2025, 2023) - 0.6).abs() < 1e-9);
    assert!((time_elapsed(2020, 2025, 2025) - 1.0).abs() < 1e-9);
    assert!((time_elapsed(2020, 2023, 2022) - 2.0 / 3.0).abs() < 1e-9);
    assert!(
        (time_elapsed(2020, 2023, 2024) - 1.0).abs() < 1e-9,
        "capped after the target year"
    );
}

#[test]
fn level_higher_is_better() {
    use Comparison::AtLeast;
    let l = |v: &[(i32, f64)]| indicator(IndicatorKind::Level, AtLeast, Some(80.0), 90.0, v);
    check(
        &l(&[(2021, 82.0)]),
        2022,
        Status::NotReported,
        Light::Grey,
        None,
    );
    check(
        &l(&[(2023, 86.0)]),
        2023,
        Status::OnTrack,
        Light::Green,
        Some(60.0),
    );
    check(
        &l(&[(2023, 88.0)]),
        2023,
        Status::Faster,
        Light::Green,
        Some(80.0),
    );
    check(
        &l(&[(2023, 90.0)]),
        2023,
        Status::AheadDone,
        Light::Green,
        Some(100.0),
    );
    check(
        &l(&[(2025, 90.0)]),
        2025,
        Status::OnTrack,
        Light::Green,
        Some(100.0),
    );
    check(
        &l(&[(2023, 85.0)]),
        2023,
        Status::Behind,
        Light::Yellow,
        Some(50.0),
    );
    check(
        &l(&[(2023, 84.0)]),
        2023,
        Status::Behind,
        Light::Red,
        Some(40.0),
    );
    check(
        &l(&[(2025, 89.0)]),
        2025,
        Status::Behind,
        Light::Yellow,
        Some(90.0),
    );
    check(
        &l(&[(2025, 85.0)]),
        2025,
        Status::Behind,
        Light::Red,
        Some(50.0),
    );
}

#[test]
fn a_value_of_zero_is_reported_not_missing() {
    let ind = indicator(
        IndicatorKind::Level,
        Comparison::AtLeast,
        Some(0.0),
        10.0,
        &[(2021, 0.0)],
    );
    check(&ind, 2021, Status::Behind, Light::Red, Some(0.0));
}

#[test]
fn meeting_the_years_planned_value_is_on_track() {
    let mut ind = indicator(
        IndicatorKind::Level,
        Comparison::AtLeast,
        Some(80.0),
        90.0,
        &[(2023, 84.0)],
    );
    check(&ind, 2023, Status::Behind, Light::Red, None);
    ind.planned.insert(2023, 83.5);
    check(&ind, 2023, Status::OnTrack, Light::Green, None);
}

#[test]
fn red_binding_indicator_is_a_warning_and_expected_one_is_not() {
    let mut ind = indicator(
        IndicatorKind::Level,
        Comparison::AtLeast,
        Some(80.0),
        90.0,
        &[(2023, 84.0)],
    );
    assert!(!evaluate(&ind, &info(), 2023).warning);
    ind.attribute = Attribute::Binding;
    assert!(evaluate(&ind, &info(), 2023).warning);
    ind.actuals.get_mut(&2023).expect("value").value = Some(86.0);
    assert!(
        !evaluate(&ind, &info(), 2023).warning,
        "green binding: no warning"
    );
}

#[test]
fn yellow_tolerance_is_a_plan_setting() {
    let ind = indicator(
        IndicatorKind::Level,
        Comparison::AtLeast,
        Some(80.0),
        90.0,
        &[(2023, 84.0)],
    );
    let mut wide = info();
    wide.yellow_tolerance_pp = 30.0;
    check_with(&ind, &wide, 2023, Status::Behind, Light::Yellow, Some(40.0));
    let mut narrow = info();
    narrow.yellow_tolerance_pp = 5.0;
    let ind = indicator(
        IndicatorKind::Level,
        Comparison::AtLeast,
        Some(80.0),
        90.0,
        &[(2023, 85.0)],
    );
    check_with(&ind, &narrow, 2023, Status::Behind, Light::Red, Some(50.0));
}

#[test]
fn level_lower_is_better() {
    use Comparison::AtMost;
    let l = |v: &[(i32, f64)]| indicator(IndicatorKind::Level, AtMost, Some(20.0), 10.0, v);
    check(
        &l(&[(2023, 14.0)]),
        2023,
        Status::OnTrack,
        Light::Green,
        Some(60.0),
    );
    check(
        &l(&[(2023, 9.0)]),
        2023,
        Status::AheadDone,
        Light::Green,
        Some(110.0),
    );
    check(
        &l(&[(2022, 21.0)]),
        2022,
        Status::Behind,
        Light::Red,
        Some(-10.0),
    );
    check(
        &l(&[(2025, 10.0)]),
        2025,
        Status::OnTrack,
        Light::Green,
        Some(100.0),
    );
}

#[test]
fn level_with_its_own_target_year() {
    // 力争在2023年，80%的教师达到本科学历.
    let mut ind = indicator(
        IndicatorKind::Level,
        Comparison::AtLeast,
        Some(72.0),
        80.0,
        &[(2022, 77.0), (2024, 82.0)],
    );
    ind.target_year = 2023;
    check(&ind, 2022, Status::Behind, Light::Yellow, Some(62.5));
    check(&ind, 2024, Status::OnTrack, Light::Green, None);
    ind.actuals.insert(
        2024,
        Actual {
            value: Some(79.0),
            ..Actual::default()
        },
    );
    check(&ind, 2024, Status::Behind, Light::Red, Some(87.5));
}

#[test]
fn maintain_a_floor_every_year() {
    // 义务教育巩固率保持在99%以上.
    let m = |v: &[(i32, f64)]| {
        indicator(
            IndicatorKind::Maintain,
            Comparison::AtLeast,
            Some(99.1),
            99.0,
            v,
        )
    };
    check(
        &m(&[(2021, 99.0)]),
        2021,
        Status::OnTrack,
        Light::Green,
        Some(100.0),
    );
    check(
        &m(&[(2021, 99.5)]),
        2021,
        Status::OnTrack,
        Light::Green,
        Some(100.0),
    );
    check(
        &m(&[(2024, 98.6)]),
        2024,
        Status::Behind,
        Light::Yellow,
        None,
    );
    check(&m(&[(2024, 85.0)]), 2024, Status::Behind, Light::Red, None);
    check(
        &m(&[(2021, 99.5)]),
        2022,
        Status::NotReported,
        Light::Grey,
        None,
    );
    assert_eq!(
        evaluate(&m(&[(2021, 99.5)]), &info(), 2021).elapsed,
        None,
        "no 序时进度 for a floor"
    );
}

#[test]
fn maintain_a_ceiling_every_year() {
    let m =
        |v: &[(i32, f64)]| indicator(IndicatorKind::Maintain, Comparison::AtMost, None, 17.0, v);
    check(
        &m(&[(2021, 16.0)]),
        2021,
        Status::OnTrack,
        Light::Green,
        None,
    );
    check(
        &m(&[(2021, 17.0)]),
        2021,
        Status::OnTrack,
        Light::Green,
        None,
    );
    check(
        &m(&[(2021, 18.0)]),
        2021,
        Status::Behind,
        Light::Yellow,
        None,
    );
    check(&m(&[(2021, 25.0)]), 2021, Status::Behind, Light::Red, None);
}

#[test]
fn change_relative_to_base() {
    // 义务教育近视率下降10个百分点, base 52.
    let c = |v: &[(i32, f64)]| {
        indicator(
            IndicatorKind::ChangeFromBase,
            Comparison::AtMost,
            Some(52.0),
            -10.0,
            v,
        )
    };
    assert_eq!(c(&[]).effective_target(), Some(42.0));
    check(
        &c(&[(2024, 44.3)]),
        2024,
        Status::Behind,
        Light::Yellow,
        Some(77.0),
    );
    check(
        &c(&[(2023, 46.0)]),
        2023,
        Status::OnTrack,
        Light::Green,
        Some(60.0),
    );
    check(
        &c(&[(2023, 42.0)]),
        2023,
        Status::AheadDone,
        Light::Green,
        Some(100.0),
    );
    check(
        &c(&[(2025, 42.0)]),
        2025,
        Status::OnTrack,
        Light::Green,
        Some(100.0),
    );
    check(
        &c(&[(2025, 50.0)]),
        2025,
        Status::Behind,
        Light::Red,
        Some(20.0),
    );
    let no_base = indicator(
        IndicatorKind::ChangeFromBase,
        Comparison::AtMost,
        None,
        -10.0,
        &[(2023, 40.0)],
    );
    let e = evaluate(&no_base, &info(), 2023);
    assert_eq!(
        (e.status, e.progress),
        (Status::Behind, None),
        "without a base nothing can be judged as met"
    );
}

#[test]
fn cumulative_quota_over_several_years() {
    // 5年内计划培养区级骨干教师400人.
    let q = |v: &[(i32, f64)]| {
        indicator(
            IndicatorKind::Cumulative,
            Comparison::AtLeast,
            Some(0.0),
            400.0,
            v,
        )
    };
    let yearly = [(2021, 90.0), (2022, 85.0), (2023, 70.0), (2024, 65.0)];
    check(
        &q(&yearly),
        2022,
        Status::OnTrack,
        Light::Green,
        Some(43.75),
    );
    check(&q(&yearly), 2024, Status::Behind, Light::Yellow, Some(77.5));
    assert_eq!(evaluate(&q(&yearly), &info(), 2024).cumulative, Some(310.0));
    let fast = [(2021, 100.0), (2022, 100.0), (2023, 100.0), (2024, 100.0)];
    check(
        &q(&fast),
        2024,
        Status::AheadDone,
        Light::Green,
        Some(100.0),
    );
    check(&q(&fast), 2023, Status::Faster, Light::Green, Some(75.0));
    let exact = [
        (2021, 80.0),
        (2022, 80.0),
        (2023, 80.0),
        (2024, 80.0),
        (2025, 80.0),
    ];
    check(&q(&exact), 2025, Status::OnTrack, Light::Green, Some(100.0));
    // A missing year counts as nothing done, and the year itself is 未填报.
    let gap = [(2021, 90.0), (2023, 70.0)];
    check(&q(&gap), 2023, Status::Behind, Light::Red, Some(40.0));
    let e = evaluate(&q(&gap), &info(), 2022);
    assert_eq!((e.status, e.cumulative), (Status::NotReported, Some(90.0)));
}

#[test]
fn cumulative_range_has_a_floor_and_a_stretch() {
    // 建设3-5所足球、冰雪特色校.
    let mut r = indicator(
        IndicatorKind::Cumulative,
        Comparison::AtLeast,
        Some(0.0),
        3.0,
        &[(2021, 1.0), (2022, 1.0), (2023, 2.0)],
    );
    r.target_stretch = Some(5.0);
    let e = evaluate(&r, &info(), 2023);
    assert_eq!((e.status, e.stretch_reached), (Status::AheadDone, false));
    r.actuals.insert(
        2024,
        Actual {
            value: Some(1.0),
            ..Actual::default()
        },
    );
    let e = evaluate(&r, &info(), 2024);
    assert_eq!((e.status, e.stretch_reached), (Status::AheadDone, true));
}

#[test]
fn yes_no_each_year() {
    let mut y = indicator(
        IndicatorKind::YesNo,
        Comparison::AtLeast,
        None,
        1.0,
        &[(2021, 1.0), (2022, 0.0)],
    );
    y.attribute = Attribute::Binding;
    check(&y, 2021, Status::OnTrack, Light::Green, None);
    check(&y, 2022, Status::Behind, Light::Red, None);
    assert!(evaluate(&y, &info(), 2022).warning);
    check(&y, 2023, Status::NotReported, Light::Grey, None);
}

#[test]
fn rate_from_numerator_and_denominator() {
    let mut ind = indicator(
        IndicatorKind::Level,
        Comparison::AtLeast,
        Some(80.0),
        90.0,
        &[],
    );
    ind.actuals.insert(
        2023,
        Actual {
            numerator: Some(3440.0),
            denominator: Some(4000.0),
            ..Actual::default()
        },
    );
    let e = evaluate(&ind, &info(), 2023);
    assert!((e.value.expect("value") - 86.0).abs() < 1e-9);
    assert_eq!(e.status, Status::OnTrack);
}

fn plan_with(ind: Indicator) -> Plan {
    Plan {
        indicators: vec![ind],
        ..Plan::default()
    }
}

#[test]
fn findings_name_what_needs_attention() {
    let mut red = indicator(
        IndicatorKind::Level,
        Comparison::AtLeast,
        Some(80.0),
        90.0,
        &[(2023, 84.0)],
    );
    red.name = "体质健康达标率".into();
    let f = validate_plan(&plan_with(red.clone()), 2023);
    assert!(
        f.iter()
            .any(|f| f.message.contains("红灯") && f.message.contains("说明")),
        "{f:?}"
    );
    red.actuals.get_mut(&2023).expect("value").note = "已制定整改措施".into();
    assert!(validate_plan(&plan_with(red.clone()), 2023).is_empty());

    let mut pct = red.clone();
    pct.actuals.insert(
        2022,
        Actual {
            value: Some(120.0),
            ..Actual::default()
        },
    );
    let f = validate_plan(&plan_with(pct), 2023);
    assert!(
        f.iter()
            .any(|f| f.severity == Severity::Error && f.message.contains("100")),
        "{f:?}"
    );

    let mut gross = red.clone();
    gross.may_exceed_100 = true;
    gross.actuals.insert(
        2022,
        Actual {
            value: Some(103.0),
            ..Actual::default()
        },
    );
    assert!(
        validate_plan(&plan_with(gross), 2023).is_empty(),
        "a gross rate may exceed 100"
    );

    let mut late = red;
    late.target_year = 2030;
    let f = validate_plan(&plan_with(late), 2023);
    assert!(
        f.iter().any(|f| f.message.contains("2030年不在规划期")),
        "{f:?}"
    );
}

#[test]
fn typed_values_are_understood_or_refused() {
    let mut rate = Indicator::new(IndicatorId(1), SectionId(1), "巩固率");
    rate.unit = "%".into();
    for (text, want) in [
        ("90", 90.0),
        ("90%", 90.0),
        ("９０.５", 90.5),
        (" 90.5 ", 90.5),
        ("90．5％", 90.5),
    ] {
        assert_eq!(parse_indicator_value(text, &rate), Ok(Some(want)), "{text}");
    }
    assert_eq!(parse_indicator_value("", &rate), Ok(None));
    for bad in ["九十", "abc", "-5", "120", "90..5"] {
        let err = parse_indicator_value(bad, &rate).expect_err(bad);
        assert!(!err.is_empty());
    }
    assert!(
        parse_indicator_value("120", &rate)
            .expect_err("capped")
            .contains("100")
    );
    rate.may_exceed_100 = true;
    assert_eq!(parse_indicator_value("103.2", &rate), Ok(Some(103.2)));

    let mut people = Indicator::new(IndicatorId(2), SectionId(1), "骨干教师");
    people.unit = "人".into();
    assert_eq!(parse_indicator_value("400人", &people), Ok(Some(400.0)));
    assert_eq!(parse_indicator_value("1,234", &people), Ok(Some(1234.0)));
    assert!(parse_indicator_value("12.5", &people).is_err());
    assert!(parse_indicator_value("90%", &people).is_err());

    let mut yes_no = Indicator::new(IndicatorId(3), SectionId(1), "工资");
    yes_no.kind = IndicatorKind::YesNo;
    assert_eq!(parse_indicator_value("是", &yes_no), Ok(Some(1.0)));
    assert_eq!(parse_indicator_value("否", &yes_no), Ok(Some(0.0)));
    assert!(parse_indicator_value("也许", &yes_no).is_err());
}
