//! The tracking rules as one table of hand-worked cases: every kind × on the path, ahead,
//! slightly behind, far behind, reached early, exactly on target, target year passed,
//! missing year, no base, milestone met and missed, binding breach. Each row states the word,
//! the light, 预警 and the words of the 判定依据 a planning officer would sign.

use eduplan::domain::explain::{basis_text, finding_text, value_text};
use eduplan::domain::input::{format_number, parse_indicator_value};
use eduplan::domain::rules::time_elapsed;
use eduplan::domain::validate::{Severity, validate_plan};
use eduplan::domain::*;

use Comparison::{AtLeast, AtMost, MoreThan};
use IndicatorKind::{Benchmark, ChangeFromBase, Cumulative, Level, Maintain, YearOverYear, YesNo};
use Light::{Green, Grey, Red, Yellow};
use Status::*;

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
    ind.unit = "%".into();
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

/// Level ≥, 80 → 90 by 2025, as "90%以上".
fn level(values: &[(i32, f64)]) -> Indicator {
    let mut i = indicator(Level, AtLeast, Some(80.0), 90.0, values);
    i.target_text = "90%以上".into();
    i
}

/// A cumulative quota of 400 人 in five years.
fn quota(values: &[(i32, f64)]) -> Indicator {
    let mut i = indicator(Cumulative, AtLeast, Some(0.0), 400.0, values);
    i.unit = "人".into();
    i.target_text = "400人".into();
    i
}

fn with(mut ind: Indicator, change: impl FnOnce(&mut Indicator)) -> Indicator {
    change(&mut ind);
    ind
}

fn binding(ind: Indicator) -> Indicator {
    with(ind, |i| i.attribute = Attribute::Binding)
}

struct Case {
    name: &'static str,
    ind: Indicator,
    info: PlanInfo,
    year: i32,
    status: Status,
    light: Light,
    warning: bool,
    /// Words the 判定依据 must contain.
    basis: &'static str,
}

fn case(
    name: &'static str,
    ind: Indicator,
    year: i32,
    status: Status,
    light: Light,
    basis: &'static str,
) -> Case {
    Case {
        name,
        ind,
        info: info(),
        year,
        status,
        light,
        warning: false,
        basis,
    }
}

fn warned(mut c: Case) -> Case {
    c.warning = true;
    c
}

fn under(mut c: Case, info: PlanInfo) -> Case {
    c.info = info;
    c
}

fn cases() -> Vec<Case> {
    let yinchuan = PlanInfo {
        green_limit_pp: 10.0,
        yellow_tolerance_pp: 30.0,
        ..info()
    };
    let wide_ahead = PlanInfo {
        ahead_margin_pp: 10.0,
        ..info()
    };
    let floor = |v: f64| {
        binding(with(
            indicator(Maintain, AtLeast, Some(99.1), 99.0, &[(2024, v)]),
            |i| i.target_text = "保持在99%以上".into(),
        ))
    };
    let ceiling = |v: f64| {
        with(indicator(Maintain, AtMost, None, 17.0, &[(2024, v)]), |i| {
            i.unit = "人".into();
            i.target_text = "控制在17人以下".into();
        })
    };
    let myopia = |values: &[(i32, f64)]| {
        with(
            indicator(ChangeFromBase, AtMost, Some(52.0), -10.0, values),
            |i| i.target_text = "下降10个百分点".into(),
        )
    };
    let event = |values: &[(i32, f64)]| {
        binding(with(indicator(YesNo, AtLeast, None, 1.0, values), |i| {
            i.unit = String::new();
            i.target_text = "通过优质均衡国家认定".into();
        }))
    };
    let funding = |cmp: Comparison, values: &[(i32, f64)]| {
        binding(with(
            indicator(YearOverYear, cmp, Some(10000.0), 0.0, values),
            |i| {
                i.unit = "元".into();
                i.target_text = "逐年只增不减".into();
            },
        ))
    };
    let provincial = |values: &[(i32, f64)]| {
        with(indicator(Benchmark, AtLeast, None, 0.0, values), |i| {
            i.target_text = "不低于全省平均水平".into();
            i.benchmarks.insert(2024, 96.1);
        })
    };
    let milestone = |v: f64| {
        with(level(&[(2022, v)]), |i| {
            i.planned.insert(2022, 88.0);
        })
    };
    vec![
        // Level, higher is better: the straight path 80 → 90.
        case(
            "level on the path",
            level(&[(2023, 86.0)]),
            2023,
            OnTrack,
            Green,
            "2023年序时目标值86，实际86，与序时进度持平",
        ),
        case(
            "level ahead",
            level(&[(2023, 87.0)]),
            2023,
            Faster,
            Green,
            "快于序时10个百分点",
        ),
        case(
            "level slightly behind",
            level(&[(2023, 85.5)]),
            2023,
            OnTrack,
            Yellow,
            "慢于序时5个百分点",
        ),
        case(
            "level far behind",
            level(&[(2023, 84.0)]),
            2023,
            Behind,
            Red,
            "慢于序时20个百分点",
        ),
        warned(case(
            "level far behind, binding",
            binding(level(&[(2023, 84.0)])),
            2023,
            Behind,
            Red,
            "序时目标值86",
        )),
        case(
            "level reached early",
            level(&[(2023, 90.0)]),
            2023,
            AheadDone,
            Green,
            "已达到目标90",
        ),
        case(
            "exactly 90 against 90%以上 in the target year",
            level(&[(2025, 90.0)]),
            2025,
            Achieved,
            Green,
            "2025年实际90，已达到目标90",
        ),
        case(
            "target year passed, just missed",
            level(&[(2025, 89.0)]),
            2025,
            NotAchieved,
            Yellow,
            "未达到目标90，差1个百分点",
        ),
        warned(case(
            "target year passed, far missed, binding",
            binding(level(&[(2025, 85.0)])),
            2025,
            NotAchieved,
            Red,
            "差5个百分点",
        )),
        case(
            "after the target year, met",
            level(&[(2025, 91.0)]),
            2025,
            Achieved,
            Green,
            "已达到目标90",
        ),
        case(
            "missing year",
            level(&[(2022, 84.0)]),
            2023,
            NotReported,
            Grey,
            "2023年未填报",
        ),
        case(
            "a reported 0 is a value, not missing",
            level(&[(2023, 0.0)]),
            2023,
            Behind,
            Red,
            "实际0",
        ),
        case(
            "no base",
            with(level(&[(2023, 85.0)]), |i| i.base_value = None),
            2023,
            CannotJudge,
            Grey,
            "缺少基期值",
        ),
        case(
            "no base but the target is met",
            with(level(&[(2023, 91.0)]), |i| i.base_value = None),
            2023,
            AheadDone,
            Green,
            "已达到目标90",
        ),
        case(
            "milestone met",
            milestone(88.0),
            2022,
            OnTrack,
            Green,
            "2022年年度目标88，实际88",
        ),
        case(
            "milestone missed (planned 88, actual 85)",
            milestone(85.0),
            2022,
            Behind,
            Red,
            "年度目标88，实际85，慢于序时30个百分点",
        ),
        case(
            "national check: 巩固率 95.2 → 96, 2024 = 95.9",
            with(
                indicator(Level, AtLeast, Some(95.2), 96.0, &[(2024, 95.9)]),
                |i| i.target_text = "96%".into(),
            ),
            2024,
            Faster,
            Green,
            "2024年序时目标值95.84，实际95.9，快于序时7.5个百分点",
        ),
        case(
            "strict 高于90, exactly 90 in the target year",
            with(level(&[(2025, 90.0)]), |i| {
                i.comparison = MoreThan;
                i.target_text = "高于90%".into();
            }),
            2025,
            NotAchieved,
            Yellow,
            "等于90，未达到“高于90”的要求",
        ),
        case(
            "comparison against the wording",
            with(level(&[(2023, 86.0)]), |i| {
                i.target_text = "下降到90%".into()
            }),
            2023,
            CannotJudge,
            Grey,
            "方向相反",
        ),
        case(
            "base already beyond the target, still met",
            with(level(&[(2023, 93.0)]), |i| i.base_value = Some(92.0)),
            2023,
            AheadDone,
            Green,
            "基期已达到目标90",
        ),
        case(
            "base already beyond the target, fallen below",
            with(level(&[(2023, 89.0)]), |i| i.base_value = Some(92.0)),
            2023,
            Behind,
            Red,
            "未达到目标90",
        ),
        case(
            "own base year 2022",
            with(level(&[(2023, 84.0)]), |i| i.base_year = Some(2022)),
            2023,
            Faster,
            Green,
            "序时目标值83.33",
        ),
        // Level, lower is better: 20 → 15.
        case(
            "lower is better, on the path",
            with(
                indicator(Level, AtMost, Some(20.0), 15.0, &[(2023, 17.0)]),
                |i| i.target_text = "降至15%".into(),
            ),
            2023,
            OnTrack,
            Green,
            "与序时进度持平",
        ),
        case(
            "lower is better, ahead",
            with(
                indicator(Level, AtMost, Some(20.0), 15.0, &[(2023, 16.0)]),
                |i| i.target_text = "降至15%".into(),
            ),
            2023,
            Faster,
            Green,
            "快于序时20个百分点",
        ),
        case(
            "lower is better, behind",
            with(
                indicator(Level, AtMost, Some(20.0), 15.0, &[(2023, 19.0)]),
                |i| i.target_text = "降至15%".into(),
            ),
            2023,
            Behind,
            Red,
            "慢于序时40个百分点",
        ),
        // Change from base: 近视率 52, down 10 points.
        case(
            "change from base, slightly behind",
            myopia(&[(2024, 44.3)]),
            2024,
            OnTrack,
            Yellow,
            "2024年序时目标值44，实际44.3，慢于序时3个百分点",
        ),
        case(
            "change from base, reached early",
            myopia(&[(2024, 41.0)]),
            2024,
            AheadDone,
            Green,
            "已达到目标42",
        ),
        case(
            "change from base, no base",
            with(myopia(&[(2024, 44.0)]), |i| i.base_value = None),
            2024,
            CannotJudge,
            Grey,
            "缺少基期值",
        ),
        // Floors and ceilings.
        case(
            "binding floor met",
            floor(99.2),
            2024,
            OnTrack,
            Green,
            "2024年99.2，不低于底线99",
        ),
        case(
            "binding floor met exactly (以上 includes 99)",
            floor(99.0),
            2024,
            OnTrack,
            Green,
            "不低于底线99",
        ),
        warned(case(
            "binding floor breached slightly",
            floor(98.6),
            2024,
            Behind,
            Red,
            "2024年98.6，低于底线（99）0.4个百分点",
        )),
        warned(case(
            "binding floor breached far",
            floor(90.0),
            2024,
            Behind,
            Red,
            "低于底线（99）9个百分点",
        )),
        case(
            "expected floor breached: red, no warning",
            with(floor(98.6), |i| i.attribute = Attribute::Expected),
            2024,
            Behind,
            Red,
            "低于底线",
        ),
        case(
            "floor not reported",
            floor(99.0),
            2023,
            NotReported,
            Grey,
            "未填报",
        ),
        case(
            "ceiling kept",
            ceiling(16.0),
            2024,
            OnTrack,
            Green,
            "不高于上限17",
        ),
        case(
            "ceiling exceeded",
            ceiling(18.0),
            2024,
            Behind,
            Red,
            "高于上限（17）1人",
        ),
        // Cumulative quota 400 人: year cells are 当年完成数.
        case(
            "quota slightly behind",
            quota(&[(2021, 80.0), (2022, 80.0), (2023, 80.0), (2024, 65.0)]),
            2024,
            OnTrack,
            Yellow,
            "2024年序时目标值320，累计305，慢于序时3.8个百分点",
        ),
        case(
            "quota against its yearly quotas",
            with(
                quota(&[(2021, 80.0), (2022, 80.0), (2023, 80.0), (2024, 65.0)]),
                |i| {
                    for y in 2021..=2025 {
                        i.planned.insert(y, 80.0);
                    }
                },
            ),
            2024,
            OnTrack,
            Yellow,
            "2024年年度目标320，累计305",
        ),
        case(
            "quota reached early",
            quota(&[(2021, 150.0), (2022, 150.0), (2023, 120.0)]),
            2023,
            AheadDone,
            Green,
            "2023年累计420，已达到目标400",
        ),
        case(
            "quota with a missing year inside",
            quota(&[(2021, 80.0), (2023, 80.0)]),
            2023,
            Behind,
            Red,
            "累计160",
        ),
        case(
            "quota entered as running totals",
            with(quota(&[(2021, 80.0), (2022, 170.0), (2023, 250.0)]), |i| {
                i.entry_mode = EntryMode::RunningTotal
            }),
            2023,
            OnTrack,
            Green,
            "累计250，快于序时2.5个百分点",
        ),
        case(
            "quota year not reported",
            quota(&[(2021, 80.0)]),
            2022,
            NotReported,
            Grey,
            "2022年未填报",
        ),
        case(
            "quota missed at the end",
            quota(&[
                (2021, 80.0),
                (2022, 80.0),
                (2023, 80.0),
                (2024, 80.0),
                (2025, 60.0),
            ]),
            2025,
            NotAchieved,
            Yellow,
            "累计380，未达到目标400，差20人",
        ),
        case(
            "range 3-5所 reaches its floor",
            with(quota(&[(2021, 1.0), (2022, 2.0)]), |i| {
                i.unit = "所".into();
                i.target_value = 3.0;
                i.target_stretch = Some(5.0);
            }),
            2022,
            AheadDone,
            Green,
            "已达到目标3",
        ),
        // A yes/no event due in 2025.
        case(
            "event answered 否 before it is due: no alarm",
            event(&[(2022, 0.0)]),
            2022,
            NotDue,
            Grey,
            "2025年到期",
        ),
        case(
            "event not yet answered before it is due",
            event(&[]),
            2023,
            NotDue,
            Grey,
            "2025年到期",
        ),
        case(
            "event done early",
            event(&[(2022, 1.0)]),
            2022,
            AheadDone,
            Green,
            "已达成",
        ),
        warned(case(
            "event missed in its year",
            event(&[(2025, 0.0)]),
            2025,
            NotAchieved,
            Red,
            "2025年到期，未达成",
        )),
        case(
            "event not reported in its year",
            event(&[]),
            2025,
            NotReported,
            Grey,
            "未填报",
        ),
        // Year over year (只增不减 / 逐年提高).
        case(
            "year over year: rose",
            funding(AtLeast, &[(2021, 10500.0)]),
            2021,
            OnTrack,
            Green,
            "2021年10500，2020年10000，增加500，符合只增不减要求",
        ),
        warned(case(
            "year over year: fell",
            funding(AtLeast, &[(2021, 10500.0), (2022, 10400.0)]),
            2022,
            Behind,
            Red,
            "减少100，不符合只增不减要求",
        )),
        warned(case(
            "逐年提高: flat is a fall",
            funding(MoreThan, &[(2021, 10500.0), (2022, 10500.0)]),
            2022,
            Behind,
            Red,
            "持平，不符合逐年提高要求",
        )),
        case(
            "year over year: previous year missing",
            funding(AtLeast, &[(2022, 10400.0)]),
            2022,
            CannotJudge,
            Grey,
            "缺少2021年数值",
        ),
        // A benchmark that changes each year.
        case(
            "benchmark met",
            provincial(&[(2024, 96.5)]),
            2024,
            OnTrack,
            Green,
            "对照基准96.1，符合",
        ),
        case(
            "benchmark missed",
            provincial(&[(2024, 95.0)]),
            2024,
            Behind,
            Red,
            "不符合",
        ),
        case(
            "benchmark missing for the year",
            provincial(&[(2023, 95.0)]),
            2023,
            CannotJudge,
            Grey,
            "缺少2023年对照基准值",
        ),
        // Settings.
        under(
            case(
                "银川 practice: 10 points behind is still green",
                level(&[(2023, 85.0)]),
                2023,
                OnTrack,
                Green,
                "慢于序时10个百分点",
            ),
            yinchuan.clone(),
        ),
        under(
            case(
                "银川 practice: 20 behind is yellow",
                level(&[(2023, 84.0)]),
                2023,
                OnTrack,
                Yellow,
                "慢于序时20个百分点",
            ),
            yinchuan,
        ),
        under(
            case(
                "ahead margin is a setting",
                level(&[(2023, 86.5)]),
                2023,
                OnTrack,
                Green,
                "快于序时5个百分点",
            ),
            wide_ahead,
        ),
    ]
}

#[test]
fn every_case_gets_the_word_light_warning_and_grounds_a_planning_officer_would_sign() {
    let cases = cases();
    assert!(cases.len() >= 40);
    let mut wrong = Vec::new();
    for c in &cases {
        let e = evaluate(&c.ind, &c.info, c.year);
        let basis = basis_text(&e, &c.ind);
        let got = (e.status, e.light, e.warning);
        let want = (c.status, c.light, c.warning);
        if got != want || !basis.contains(c.basis) {
            wrong.push(format!(
                "{}: got {:?} “{basis}”, want {:?} “{}”",
                c.name, got, want, c.basis
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn no_verdict_is_never_red_or_yellow() {
    for c in cases() {
        let e = evaluate(&c.ind, &c.info, c.year);
        if matches!(e.status, NotReported | NotDue | CannotJudge) {
            assert_eq!(e.light, Grey, "{}", c.name);
            assert!(!e.warning, "{}", c.name);
        }
    }
}

#[test]
fn the_running_total_is_shown_and_a_gap_inside_it_is_a_finding() {
    let ind = quota(&[(2021, 80.0), (2023, 80.0)]);
    let e = evaluate(&ind, &info(), 2023);
    assert_eq!(e.cumulative, Some(160.0));
    assert_eq!(e.missing_years, vec![2022]);
    let plan = Plan {
        indicators: vec![ind],
        ..Plan::default()
    };
    let findings = validate_plan(&plan, 2023);
    assert!(
        findings
            .iter()
            .any(|f| finding_text(f, &plan).contains("2022年未填报当年完成数")),
        "{findings:?}"
    );
}

#[test]
fn a_value_below_its_floor_never_prints_as_the_floor() {
    let mut ind = indicator(Maintain, AtLeast, None, 100.0, &[(2024, 99.96)]);
    ind.target_text = "100%".into();
    let e = evaluate(&ind, &info(), 2024);
    assert_eq!(e.status, Behind);
    assert_eq!(value_text(&e, &ind), "99.96");
    assert!(
        basis_text(&e, &ind).contains("99.96"),
        "{}",
        basis_text(&e, &ind)
    );
}

#[test]
fn numbers_round_half_away_from_zero_as_excel_shows_them() {
    assert_eq!(format_number(88.25, 1), "88.3");
    assert_eq!(format_number(88.35, 1), "88.4");
    assert_eq!(format_number(1.005, 2), "1.01");
    let ind = with(level(&[(2023, 88.25)]), |i| i.decimals = Some(1));
    let e = evaluate(&ind, &info(), 2023);
    assert_eq!(value_text(&e, &ind), "88.3");
    let two = with(ind, |i| i.decimals = None);
    assert_eq!(
        value_text(&evaluate(&two, &info(), 2023), &two),
        "88.25",
        "by default a figure keeps the 2 decimals it was given"
    );
}

#[test]
fn a_contradicting_comparison_is_an_error_finding() {
    let ind = with(level(&[(2023, 86.0)]), |i| {
        i.target_text = "下降到90%".into()
    });
    let plan = Plan {
        indicators: vec![ind],
        ..Plan::default()
    };
    let findings = validate_plan(&plan, 2023);
    assert!(
        findings
            .iter()
            .any(|f| f.severity == Severity::Error && finding_text(f, &plan).contains("方向相反")),
        "{findings:?}"
    );
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
    let plan = plan_with(red.clone());
    let f = validate_plan(&plan, 2023);
    assert!(
        f.iter()
            .any(|f| finding_text(f, &plan).contains("红灯")
                && finding_text(f, &plan).contains("说明")),
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
    let plan = plan_with(pct);
    let f = validate_plan(&plan, 2023);
    assert!(
        f.iter()
            .any(|f| f.severity == Severity::Error && finding_text(f, &plan).contains("100")),
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
    let plan = plan_with(late);
    let f = validate_plan(&plan, 2023);
    assert!(
        f.iter()
            .any(|f| finding_text(f, &plan).contains("2030年不在规划期")),
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
        assert!(!err.to_string().is_empty());
    }
    assert!(
        parse_indicator_value("120", &rate)
            .expect_err("capped")
            .to_string()
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

#[test]
fn every_finding_names_the_indicator_and_what_to_fix() {
    let mut bad_period = info();
    bad_period.base_year = 2021;
    let plan = Plan {
        info: bad_period,
        ..Plan::default()
    };
    assert!(validate_plan(&plan, 2023).iter().any(
        |f| f.severity == Severity::Error && finding_text(f, &plan).contains("规划期设置有误")
    ));

    let cases: Vec<(Indicator, Severity, &str)> = vec![
        (
            with(level(&[(2023, 86.0)]), |i| i.base_value = None),
            Severity::Notice,
            "缺少基期值",
        ),
        (
            with(level(&[(2023, 86.0)]), |i| i.target_stretch = Some(85.0)),
            Severity::Error,
            "不如底线目标",
        ),
        (
            with(level(&[(2023, 86.0)]), |i| {
                i.planned.insert(2030, 95.0);
            }),
            Severity::Error,
            "年度目标2030年不在规划期内",
        ),
        (
            level(&[(2019, 80.0), (2023, 86.0)]),
            Severity::Error,
            "规划期外（2019年）",
        ),
        (
            with(level(&[(2023, 86.0)]), |i| i.base_value = Some(92.0)),
            Severity::Notice,
            "请确认这是“保持”类目标",
        ),
        (
            with(level(&[]), |i| {
                i.actuals.insert(
                    2023,
                    Actual {
                        numerator: Some(10.5),
                        denominator: Some(20.0),
                        ..Actual::default()
                    },
                );
            }),
            Severity::Error,
            "应为整数",
        ),
        (
            with(level(&[]), |i| {
                i.actuals.insert(
                    2023,
                    Actual {
                        value: Some(90.0),
                        numerator: Some(850.0),
                        denominator: Some(1000.0),
                        ..Actual::default()
                    },
                );
            }),
            Severity::Error,
            "不一致",
        ),
        (
            with(
                indicator(Benchmark, AtLeast, None, 0.0, &[(2023, 95.0)]),
                |i| i.target_text = "不低于全省平均水平".into(),
            ),
            Severity::Notice,
            "缺少2023年的对照基准值",
        ),
    ];
    for (ind, severity, words) in cases {
        let mut ind = ind;
        ind.name = "被检查的指标".into();
        let plan = Plan {
            indicators: vec![ind],
            ..Plan::default()
        };
        let findings = validate_plan(&plan, 2023);
        assert!(
            findings.iter().any(|f| f.severity == severity
                && finding_text(f, &plan).contains(words)
                && finding_text(f, &plan).contains("被检查的指标")),
            "{words}: {findings:?}"
        );
    }
}
