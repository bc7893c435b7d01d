//! The final evaluation (总结评估) as one table of hand-worked cases: every indicator kind,
//! every setting at and just past its boundary, the national 2025 close-out as a regression
//! set, the officer's override, and the count sentence. Each row states the words a close-out
//! report would print.

use eduplan_domain::closeout::{
    CloseoutSettings, FinalVerdict, count_sentence, count_verdicts, judge_final, judge_plan,
};
use eduplan_domain::*;

use Comparison::{AtLeast, AtMost, MoreThan};
use IndicatorKind::{Benchmark, ChangeFromBase, Cumulative, Level, Maintain, YearOverYear, YesNo};

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

fn with(mut ind: Indicator, change: impl FnOnce(&mut Indicator)) -> Indicator {
    change(&mut ind);
    ind
}

fn binding(ind: Indicator) -> Indicator {
    with(ind, |i| i.attribute = Attribute::Binding)
}

/// Level ≥, 80 → 90 by 2025, as "90%以上".
fn level(values: &[(i32, f64)]) -> Indicator {
    with(indicator(Level, AtLeast, Some(80.0), 90.0, values), |i| {
        i.target_text = "90%以上".into()
    })
}

fn settings(change: impl FnOnce(&mut CloseoutSettings)) -> PlanInfo {
    let mut info = PlanInfo::default();
    change(&mut info.closeout);
    info
}

struct Case {
    name: &'static str,
    ind: Indicator,
    info: PlanInfo,
    /// The verdict as printed.
    words: &'static str,
    /// 目标完成度 as printed.
    completion: &'static str,
    first_met: &'static str,
}

fn case(
    name: &'static str,
    ind: Indicator,
    words: &'static str,
    completion: &'static str,
    first_met: &'static str,
) -> Case {
    Case {
        name,
        ind,
        info: PlanInfo::default(),
        words,
        completion,
        first_met,
    }
}

fn under(mut c: Case, info: PlanInfo) -> Case {
    c.info = info;
    c
}

fn cases() -> Vec<Case> {
    let quota = |values: &[(i32, f64)]| {
        with(
            indicator(Cumulative, AtLeast, Some(0.0), 400.0, values),
            |i| {
                i.unit = "人".into();
                i.target_text = "400人".into();
            },
        )
    };
    let floor = |values: &[(i32, f64)]| {
        with(
            indicator(Maintain, AtLeast, Some(99.1), 99.0, values),
            |i| i.target_text = "保持在99%以上".into(),
        )
    };
    let myopia = |v: f64| {
        with(
            indicator(ChangeFromBase, AtMost, Some(52.0), -10.0, &[(2025, v)]),
            |i| i.target_text = "下降10个百分点".into(),
        )
    };
    let event = |values: &[(i32, f64)]| {
        with(indicator(YesNo, AtLeast, None, 1.0, values), |i| {
            i.unit = String::new();
            i.target_text = "通过优质均衡国家认定".into();
        })
    };
    let funding = |values: &[(i32, f64)]| {
        with(
            indicator(YearOverYear, AtLeast, Some(10000.0), 0.0, values),
            |i| {
                i.unit = "元".into();
                i.target_text = "逐年只增不减".into();
            },
        )
    };
    let provincial = |values: &[(i32, f64)]| {
        with(indicator(Benchmark, AtLeast, None, 0.0, values), |i| {
            i.target_text = "不低于全省平均水平".into();
            for y in 2021..=2025 {
                i.benchmarks.insert(y, 96.0);
            }
        })
    };
    vec![
        // Level 80 → 90: the 超额 margin (5 points of the distance = 0.5) and the 基本 share.
        case(
            "exactly on target",
            level(&[(2025, 90.0)]),
            "已完成",
            "100%",
            "2025年",
        ),
        case(
            "超额 at the margin",
            level(&[(2025, 90.5)]),
            "超额完成",
            "105%",
            "2025年",
        ),
        case(
            "just under the 超额 margin",
            level(&[(2025, 90.49)]),
            "已完成",
            "104.9%",
            "2025年",
        ),
        case(
            "基本 at 90 % of the distance",
            level(&[(2025, 89.0)]),
            "基本完成",
            "90%",
            "—",
        ),
        case(
            "just under 90 %",
            level(&[(2025, 88.99)]),
            "未完成",
            "89.9%",
            "—",
        ),
        case("far short", level(&[(2025, 84.0)]), "未完成", "40%", "—"),
        case(
            "met early and still met",
            level(&[(2023, 90.2), (2024, 89.0), (2025, 90.3)]),
            "提前完成（2023年）",
            "103%",
            "2023年",
        ),
        case(
            "met early, slipped back in the last year",
            level(&[(2023, 90.2), (2025, 89.5)]),
            "基本完成",
            "95%",
            "2023年",
        ),
        case(
            "超额 wins over 提前",
            level(&[(2023, 90.2), (2025, 92.0)]),
            "超额完成",
            "120%",
            "2023年",
        ),
        case(
            "no value in the last year",
            level(&[(2024, 89.0)]),
            "未填报",
            "—",
            "—",
        ),
        // 约束性: only 已完成 or 未完成.
        case(
            "binding, short",
            binding(level(&[(2025, 89.5)])),
            "未完成",
            "95%",
            "—",
        ),
        case(
            "binding, far beyond",
            binding(level(&[(2025, 95.0)])),
            "已完成",
            "150%",
            "2025年",
        ),
        case(
            "binding, met early",
            binding(level(&[(2023, 90.2), (2025, 90.3)])),
            "已完成",
            "103%",
            "2023年",
        ),
        under(
            case(
                "binding may be 基本 when set",
                binding(level(&[(2025, 89.5)])),
                "基本完成",
                "95%",
                "—",
            ),
            settings(|s| s.basic_for_binding = true),
        ),
        // The settings moved.
        under(
            case(
                "超额 margin 10: 0.5 above",
                level(&[(2025, 90.5)]),
                "已完成",
                "105%",
                "2025年",
            ),
            settings(|s| s.exceed_margin_pp = 10.0),
        ),
        under(
            case(
                "超额 margin 10: 1.0 above",
                level(&[(2025, 91.0)]),
                "超额完成",
                "110%",
                "2025年",
            ),
            settings(|s| s.exceed_margin_pp = 10.0),
        ),
        under(
            case(
                "基本 share 95: 90 %",
                level(&[(2025, 89.0)]),
                "未完成",
                "90%",
                "—",
            ),
            settings(|s| s.basic_share_pct = 95.0),
        ),
        under(
            case(
                "基本 share 95: 95 %",
                level(&[(2025, 89.5)]),
                "基本完成",
                "95%",
                "—",
            ),
            settings(|s| s.basic_share_pct = 95.0),
        ),
        // Lower is better: myopia 52 → −10 个百分点 (42).
        case(
            "ceiling beyond by 10 points",
            myopia(41.0),
            "超额完成",
            "110%",
            "2025年",
        ),
        case(
            "ceiling 90 % of the way",
            myopia(43.0),
            "基本完成",
            "90%",
            "—",
        ),
        case("ceiling met", myopia(42.0), "已完成", "100%", "2025年"),
        // Without a base: a met target can be stated, a miss cannot be measured.
        case(
            "no base, met",
            indicator(Level, AtLeast, None, 90.0, &[(2025, 91.0)]),
            "已完成",
            "—",
            "2025年",
        ),
        case(
            "no base, missed",
            indicator(Level, AtLeast, None, 90.0, &[(2025, 89.0)]),
            "无法评价",
            "—",
            "—",
        ),
        case(
            "base already beyond: a 保持 target",
            with(
                indicator(Level, AtLeast, Some(99.1), 99.0, &[(2025, 99.8)]),
                |i| i.target_text = "99%以上".into(),
            ),
            "已完成",
            "—",
            "2025年",
        ),
        // A cumulative quota: the running total of 当年完成数.
        case(
            "quota reached",
            quota(&[
                (2021, 80.0),
                (2022, 80.0),
                (2023, 80.0),
                (2024, 80.0),
                (2025, 80.0),
            ]),
            "已完成",
            "100%",
            "2025年",
        ),
        case(
            "quota 95 %",
            quota(&[
                (2021, 80.0),
                (2022, 80.0),
                (2023, 80.0),
                (2024, 80.0),
                (2025, 60.0),
            ]),
            "基本完成",
            "95%",
            "—",
        ),
        case(
            "quota passed in 2024, beyond at the end",
            quota(&[
                (2021, 100.0),
                (2022, 100.0),
                (2023, 100.0),
                (2024, 100.0),
                (2025, 40.0),
            ]),
            "超额完成",
            "110%",
            "2024年",
        ),
        // Floors: met every year, met in the last year only, missed in the last year.
        case(
            "floor kept every year",
            floor(&[
                (2021, 99.2),
                (2022, 99.3),
                (2023, 99.2),
                (2024, 99.4),
                (2025, 99.5),
            ]),
            "已完成",
            "—",
            "2021年",
        ),
        case(
            "floor breached once, met at the end",
            floor(&[(2021, 99.2), (2022, 98.7), (2025, 99.1)]),
            "基本完成",
            "—",
            "2021年",
        ),
        case(
            "binding floor breached once",
            binding(floor(&[(2021, 99.2), (2022, 98.7), (2025, 99.1)])),
            "未完成",
            "—",
            "2021年",
        ),
        case(
            "floor missed in the last year",
            floor(&[(2021, 99.2), (2025, 98.9)]),
            "未完成",
            "—",
            "2021年",
        ),
        // Yes/no events.
        case(
            "event early",
            event(&[(2023, 1.0)]),
            "提前完成（2023年）",
            "100%",
            "2023年",
        ),
        case(
            "event in its year",
            event(&[(2024, 0.0), (2025, 1.0)]),
            "已完成",
            "100%",
            "2025年",
        ),
        case("event missed", event(&[(2025, 0.0)]), "未完成", "0%", "—"),
        case(
            "binding event early",
            binding(event(&[(2023, 1.0)])),
            "已完成",
            "100%",
            "2023年",
        ),
        // Year over year and benchmark.
        case(
            "只增不减 every year",
            funding(&[
                (2021, 10100.0),
                (2022, 10200.0),
                (2023, 10200.0),
                (2024, 10300.0),
                (2025, 10400.0),
            ]),
            "已完成",
            "—",
            "2021年",
        ),
        case(
            "只增不减 broken in the last year",
            funding(&[
                (2021, 10100.0),
                (2022, 10200.0),
                (2023, 10300.0),
                (2024, 10400.0),
                (2025, 10350.0),
            ]),
            "未完成",
            "—",
            "2021年",
        ),
        case(
            "benchmark met every reported year",
            provincial(&[(2024, 96.2), (2025, 96.5)]),
            "已完成",
            "—",
            "2024年",
        ),
        case(
            "benchmark below in an earlier year",
            provincial(&[(2024, 95.5), (2025, 96.5)]),
            "基本完成",
            "—",
            "2025年",
        ),
    ]
}

#[test]
fn every_hand_worked_case_gets_its_words() {
    let mut failures = Vec::new();
    for c in cases() {
        let j = judge_final(&c.ind, &c.info, 2025);
        let got = (j.verdict_text(), j.completion_text(), j.first_met_text());
        let want = (
            c.words.trim().to_owned(),
            c.completion.to_owned(),
            c.first_met.to_owned(),
        );
        if got != want {
            failures.push(format!("{}: got {got:?}, want {want:?}", c.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The national 十四五 close-out (2020 → 2025). 巩固率 and 平均受教育年限 are 约束性 here, so
/// they are 已完成 however far beyond; 毛入园率 (预期性) is far beyond its target.
fn national() -> Plan {
    let mut plan = Plan::default();
    plan.sections.push(Section {
        id: SectionId(1),
        parent: None,
        position: 0,
        numbering: "一、".into(),
        title: "主要指标".into(),
        body: String::new(),
        lead_unit: String::new(),
        co_units: String::new(),
    });
    type Row<'a> = (
        &'a str,
        &'a str,
        f64,
        Comparison,
        f64,
        &'a str,
        f64,
        Attribute,
    );
    let rows: [Row; 4] = [
        (
            "九年义务教育巩固率",
            "%",
            95.2,
            AtLeast,
            96.0,
            "96%",
            96.1,
            Attribute::Binding,
        ),
        (
            "劳动年龄人口平均受教育年限",
            "年",
            10.8,
            AtLeast,
            11.3,
            "11.3年",
            11.3,
            Attribute::Binding,
        ),
        (
            "学前教育毛入园率",
            "%",
            85.2,
            AtLeast,
            90.0,
            "90%以上",
            92.9,
            Attribute::Expected,
        ),
        (
            "高中阶段毛入学率",
            "%",
            91.2,
            MoreThan,
            92.0,
            "高于92%",
            92.0,
            Attribute::Binding,
        ),
    ];
    for (n, (name, unit, base, cmp, target, text, actual, attribute)) in
        rows.into_iter().enumerate()
    {
        let mut ind = indicator(Level, cmp, Some(base), target, &[(2025, actual)]);
        ind.id = IndicatorId(n as i64 + 1);
        ind.position = n as i64;
        ind.name = name.into();
        ind.unit = unit.into();
        ind.target_text = text.into();
        ind.attribute = attribute;
        ind.may_exceed_100 = name.contains('毛');
        plan.indicators.push(ind);
    }
    plan
}

#[test]
fn the_national_close_out() {
    let mut plan = national();
    let words = |plan: &Plan| -> Vec<String> {
        judge_plan(plan, 2025)
            .iter()
            .map(|j| j.verdict_text())
            .collect()
    };
    assert_eq!(
        words(&plan),
        ["已完成", "已完成", "超额完成", "未完成"],
        "92.0 is not strictly above 92"
    );
    let counts = count_verdicts(&plan, &judge_plan(&plan, 2025));
    assert_eq!(
        count_sentence(&counts),
        "规划确定的4项主要指标中，3项已完成（其中1项超额完成），1项未完成（其中约束性指标1项）。"
    );
    // The ministry reports 高中阶段毛入学率 as reached: the officer overrides with a reason.
    let high = &mut plan.indicators[3];
    high.closeout.verdict_override = Some(FinalVerdict::Basically);
    assert_eq!(
        words(&plan)[3],
        "未完成",
        "an override without a reason is not used"
    );
    plan.indicators[3].closeout.override_reason = "教育部统计公报按已达到92%报告".into();
    assert_eq!(words(&plan)[3], "基本完成（人工判定；计算结果：未完成）");
    let counts = count_verdicts(&plan, &judge_plan(&plan, 2025));
    assert_eq!(
        count_sentence(&counts),
        "规划确定的4项主要指标中，3项已完成（其中1项超额完成），1项基本完成。"
    );
    // As a 预期性 indicator the same 92.0 covers the whole distance: 基本完成 as computed.
    let mut expected = national();
    expected.indicators[3].attribute = Attribute::Expected;
    assert_eq!(words(&expected)[3], "基本完成");
}

#[test]
fn count_sentences_stay_grammatical() {
    use eduplan_domain::closeout::FinalCounts;
    let n = |total, met, exceeded, early, basic, not_done, binding, unjudged| FinalCounts {
        total,
        met,
        exceeded,
        early,
        basic,
        not_done,
        not_done_binding: binding,
        unjudged,
    };
    assert_eq!(
        count_sentence(&n(20, 15, 3, 2, 3, 2, 1, 0)),
        "规划确定的20项主要指标中，15项已完成（其中3项超额完成、2项提前完成），3项基本完成，2项未完成（其中约束性指标1项）。"
    );
    assert_eq!(
        count_sentence(&n(5, 5, 0, 1, 0, 0, 0, 0)),
        "规划确定的5项主要指标全部完成（其中1项提前完成）。"
    );
    assert_eq!(
        count_sentence(&n(5, 0, 0, 0, 0, 3, 0, 2)),
        "规划确定的5项主要指标中，3项未完成，2项尚无数据或无法评价。"
    );
    assert_eq!(
        count_sentence(&n(0, 0, 0, 0, 0, 0, 0, 0)),
        "规划未确定主要指标。"
    );
}

#[test]
fn a_provisional_value_is_judged_and_marked() {
    let mut ind = level(&[(2025, 90.0)]);
    if let Some(a) = ind.actuals.get_mut(&2025) {
        a.estimate = true;
    }
    let j = judge_final(&ind, &PlanInfo::default(), 2025);
    assert!(j.estimate);
    assert_eq!(j.verdict_text(), "已完成");
}

#[test]
fn a_seven_year_plan_from_2021_is_judged_the_same() {
    let info = PlanInfo {
        base_year: 2021,
        first_year: 2022,
        last_year: 2028,
        ..PlanInfo::default()
    };
    let ind = with(level(&[(2024, 90.1), (2028, 90.2)]), |i| {
        i.target_year = 2028
    });
    let j = judge_final(&ind, &info, 2028);
    assert_eq!(j.verdict_text(), "提前完成（2024年）");
    assert_eq!(
        eduplan_domain::closeout::evaluation_kind(&info, 2028),
        eduplan_domain::closeout::EvaluationKind::Final
    );
    assert_eq!(
        eduplan_domain::closeout::evaluation_kind(&info, 2027),
        eduplan_domain::closeout::EvaluationKind::Annual
    );
}

#[test]
fn findings_ask_for_reasons_and_list_estimates() {
    use eduplan_domain::validate::{FindingKind, Severity, validate_plan};
    let mut plan = national();
    if let Some(a) = plan.indicators[0].actuals.get_mut(&2025) {
        a.estimate = true;
    }
    let findings = validate_plan(&plan, 2025);
    let missing: Vec<_> = findings
        .iter()
        .filter(|f| matches!(f.kind, FindingKind::MissWithoutReason(_)))
        .collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].severity, Severity::Error);
    assert_eq!(missing[0].indicator, Some(IndicatorId(4)));
    assert!(findings.iter().any(|f| f.kind == FindingKind::EstimateLeft
        && f.indicator == Some(IndicatorId(1))
        && f.year == Some(2025)));
    let text: Vec<String> = findings
        .iter()
        .map(|f| eduplan_domain::explain::finding_text(f, &plan))
        .collect();
    assert!(
        text.contains(&"“高中阶段毛入学率”总结评估为未完成，上报前需填写未完成原因".to_owned())
    );
    assert!(
        text.contains(
            &"“九年义务教育巩固率”2025年的数值仍为预计值，取得正式数据后请更新".to_owned()
        )
    );
    // A reason clears the error; in an annual review none is asked.
    plan.indicators[3].closeout.miss_reason =
        Some(eduplan_domain::closeout::MissReason::StatisticsChange);
    assert!(
        !validate_plan(&plan, 2025)
            .iter()
            .any(|f| matches!(f.kind, FindingKind::MissWithoutReason(_)))
    );
    plan.indicators[3].closeout.miss_reason = None;
    plan.info.closeout.evaluation_kind = Some(eduplan_domain::closeout::EvaluationKind::Annual);
    assert!(
        !validate_plan(&plan, 2025)
            .iter()
            .any(|f| matches!(f.kind, FindingKind::MissWithoutReason(_)))
    );
}
