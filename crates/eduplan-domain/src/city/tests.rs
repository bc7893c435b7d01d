//! Hand-computed cases for the city comparison.

use super::*;
use crate::model::{Actual, Comparison, Indicator, IndicatorId, IndicatorKind, SectionId};

fn plan(region: &str, indicators: Vec<Indicator>) -> Plan {
    let mut p = Plan::default();
    p.info.region = region.to_owned();
    p.sections.push(crate::model::Section {
        id: SectionId(1),
        parent: None,
        position: 0,
        numbering: "一、".into(),
        title: "主要指标".into(),
        body: String::new(),
        lead_unit: String::new(),
        co_units: String::new(),
    });
    for (i, mut ind) in indicators.into_iter().enumerate() {
        ind.id = IndicatorId(i as i64 + 1);
        ind.position = i as i64;
        p.indicators.push(ind);
    }
    p
}

fn rate(name: &str, base: f64, target: f64, counts: &[(i32, f64, f64)]) -> Indicator {
    let mut ind = Indicator::new(IndicatorId(0), SectionId(1), name);
    ind.base_value = Some(base);
    ind.target_value = target;
    for (year, n, d) in counts {
        ind.actuals.insert(
            *year,
            Actual {
                numerator: Some(*n),
                denominator: Some(*d),
                ..Actual::default()
            },
        );
    }
    ind
}

fn valued(name: &str, unit: &str, base: f64, target: f64, values: &[(i32, f64)]) -> Indicator {
    let mut ind = Indicator::new(IndicatorId(0), SectionId(1), name);
    ind.unit = unit.to_owned();
    ind.base_value = Some(base);
    ind.target_value = target;
    for (year, v) in values {
        ind.actuals.insert(
            *year,
            Actual {
                value: Some(*v),
                ..Actual::default()
            },
        );
    }
    ind
}

fn district(name: &str, indicators: Vec<Indicator>) -> District {
    District::new(&format!("{name}.eduplan"), plan(name, indicators), None)
}

fn lib() -> Library {
    Library::builtin()
}

#[test]
fn city_rate_is_sum_of_numerators_over_sum_of_denominators_not_the_mean_of_rates() {
    // A: 90 / 100 = 90 %, B: 1 900 / 2 000 = 95 %. Mean of rates 92.5; the city 1 990 / 2 100.
    let a = district(
        "甲区",
        vec![rate("学前三年毛入园率", 85.0, 90.0, &[(2024, 90.0, 100.0)])],
    );
    let b = district(
        "乙县",
        vec![rate(
            "学前教育毛入园率",
            85.0,
            90.0,
            &[(2024, 1900.0, 2000.0)],
        )],
    );
    let c = compare(vec![a, b], &CitySettings::default(), &lib(), Some(2024));
    let row = &c.rows[0];
    assert_eq!(
        row.key, "preschool_gross_enrolment",
        "alias matched to the library code"
    );
    match &row.total {
        Total::Ratio {
            numerator,
            denominator,
            value,
        } => {
            assert_eq!((*numerator, *denominator), (1990.0, 2100.0));
            assert!((value - 94.761_904_76).abs() < 1e-6, "{value}");
        }
        other => panic!("expected a ratio, got {other:?}"),
    }
    assert_eq!(row.total_text(), "94.8");
}

#[test]
fn a_rate_without_counts_is_not_totalled_and_says_who_lacks_them() {
    let a = district(
        "甲区",
        vec![rate("学前三年毛入园率", 85.0, 90.0, &[(2024, 90.0, 100.0)])],
    );
    let b = district(
        "乙县",
        vec![valued("学前三年毛入园率", "%", 85.0, 90.0, &[(2024, 95.0)])],
    );
    let c = compare(vec![a, b], &CitySettings::default(), &lib(), Some(2024));
    let text = c.rows[0].total_text();
    assert!(text.contains("乙县未报分子分母"), "{text}");
    assert!(c.rows[0].total.value().is_none());
}

#[test]
fn counts_and_cumulative_quotas_add_up_over_districts() {
    let quota = |name: &str, values: &[(i32, f64)]| {
        let mut i = valued(name, "人", 0.0, 400.0, values);
        i.kind = IndicatorKind::Cumulative;
        i
    };
    // 甲: 2021 50 + 2022 60 = 110; 乙: 2021 30 + 2022 45 = 75; city 185 against 400 + 400.
    let a = district(
        "甲区",
        vec![quota("培养区级骨干教师", &[(2021, 50.0), (2022, 60.0)])],
    );
    let b = district(
        "乙县",
        vec![quota("培养区级骨干教师", &[(2021, 30.0), (2022, 45.0)])],
    );
    let c = compare(vec![a, b], &CitySettings::default(), &lib(), Some(2022));
    let row = &c.rows[0];
    assert_eq!(row.total, Total::Sum { value: 185.0 });
    assert_eq!(
        row.cells[0].as_ref().map(|c| c.text.as_str()),
        Some("110（400）")
    );
    // A per-pupil amount in 元 is not added.
    let a = district(
        "甲区",
        vec![valued("生均公用经费", "元", 700.0, 800.0, &[(2022, 750.0)])],
    );
    let b = district(
        "乙县",
        vec![valued("生均公用经费", "元", 700.0, 800.0, &[(2022, 760.0)])],
    );
    let c = compare(vec![a, b], &CitySettings::default(), &lib(), Some(2022));
    assert!(c.rows[0].total.value().is_none(), "{:?}", c.rows[0].total);
}

#[test]
fn ranks_share_a_place_on_ties_and_skip_the_next() {
    let v = [Some(90.0), Some(95.0), Some(90.0), None, Some(80.0)];
    assert_eq!(
        rank_with_ties(&v, false),
        vec![Some(2), Some(1), Some(2), None, Some(4)]
    );
    assert_eq!(
        rank_with_ties(&v, true),
        vec![Some(2), Some(4), Some(2), None, Some(1)]
    );
}

/// Four districts on one rate: 95, 92, 92, 85 (市目标 90).
fn four_districts() -> Vec<District> {
    [
        ("甲区", 95.0),
        ("乙区", 92.0),
        ("丙县", 92.0),
        ("丁县", 85.0),
    ]
    .into_iter()
    .map(|(name, v)| {
        district(
            name,
            vec![valued("九年义务教育巩固率", "%", 95.0, 96.0, &[(2024, v)])],
        )
    })
    .collect()
}

fn settings_with(rule: ScoringRule) -> CitySettings {
    let mut s = CitySettings {
        scoring: rule,
        ..CitySettings::default()
    };
    s.indicator_mut("compulsory_retention").target = Some(90.0);
    s
}

fn points_of(c: &CityComparison) -> Vec<f64> {
    c.rankings[0]
        .entries
        .iter()
        .map(|e| e.as_ref().map_or(-1.0, |e| e.points))
        .collect()
}

#[test]
fn met_full_marks_gives_the_full_points_to_every_district_meeting_the_city_target() {
    let s = settings_with(ScoringRule::MetFullMarks { full: 10.0 });
    let c = compare(four_districts(), &s, &lib(), Some(2024));
    assert_eq!(points_of(&c), vec![10.0, 10.0, 10.0, 0.0]);
    assert_eq!(c.rows[0].met, 3, "达标区县数");
    let gaps: Vec<Option<f64>> = c.rankings[0]
        .entries
        .iter()
        .map(|e| e.as_ref().and_then(|e| e.gap_to_city))
        .collect();
    assert_eq!(gaps, vec![Some(5.0), Some(2.0), Some(2.0), Some(-5.0)]);
    let last = c.rankings[0].entries[3]
        .as_ref()
        .map(|e| e.text(&c.rows[0]));
    assert_eq!(last.as_deref(), Some("第4名 · 差-5 · 0分"));
}

#[test]
fn points_by_rank_give_tied_districts_the_points_of_their_shared_rank() {
    let s = settings_with(ScoringRule::ByRank {
        points: vec![10.0, 8.0, 6.0, 4.0],
    });
    let c = compare(four_districts(), &s, &lib(), Some(2024));
    // Ranks 1, 2, 2, 4.
    assert_eq!(points_of(&c), vec![10.0, 8.0, 8.0, 4.0]);
    let ranks: Vec<usize> = c.scores.iter().map(|s| s.rank).collect();
    assert_eq!(ranks, vec![1, 2, 2, 4]);
}

#[test]
fn linear_points_run_from_the_zero_line_to_the_full_line() {
    let mut s = settings_with(ScoringRule::Linear { full: 10.0 });
    s.indicator_mut("compulsory_retention").zero_line = Some(85.0);
    // 满分线 = 市目标 90: 95 → 10, 92 → 10, 85 → 0. With 满分线 95: 92 → 7 (= 10 × 7/10).
    let c = compare(four_districts(), &s, &lib(), Some(2024));
    assert_eq!(points_of(&c), vec![10.0, 10.0, 10.0, 0.0]);
    s.indicator_mut("compulsory_retention").full_line = Some(95.0);
    let c = compare(four_districts(), &s, &lib(), Some(2024));
    let p = points_of(&c);
    assert!(
        (p[1] - 7.0).abs() < 1e-9 && (p[0] - 10.0).abs() < 1e-9 && p[3] == 0.0,
        "{p:?}"
    );
    // Without a 零分线 the row is not scored and says so.
    s.indicator_mut("compulsory_retention").zero_line = None;
    let c = compare(four_districts(), &s, &lib(), Some(2024));
    assert!(c.rankings[0].not_scored.is_some());
}

#[test]
fn weights_total_rank_and_grade() {
    // Two indicators, weights 2 and 1, by rank 10/8/6/4. Max = (2 + 1) × 10 = 30.
    let make = |name: &str, retention: f64, places: f64| {
        district(
            name,
            vec![
                valued("九年义务教育巩固率", "%", 95.0, 96.0, &[(2024, retention)]),
                valued("普惠性幼儿园覆盖率", "%", 80.0, 85.0, &[(2024, places)]),
            ],
        )
    };
    let districts = vec![
        make("甲区", 96.0, 80.0), // ranks 1, 3 → 2×10 + 6 = 26 → 86.7 % 良好
        make("乙区", 95.0, 90.0), // ranks 2, 1 → 2×8 + 10 = 26 → 良好
        make("丙县", 90.0, 85.0), // ranks 3, 2 → 2×6 + 8 = 20 → 66.7 % 合格
    ];
    let mut s = CitySettings::default();
    s.indicator_mut("compulsory_retention").weight = 2.0;
    let c = compare(districts, &s, &lib(), Some(2024));
    let totals: Vec<f64> = c.scores.iter().map(|s| s.total).collect();
    assert_eq!(totals, vec![26.0, 26.0, 20.0]);
    assert_eq!(c.scores[0].max, 30.0);
    let ranks: Vec<usize> = c.scores.iter().map(|s| s.rank).collect();
    assert_eq!(ranks, vec![1, 1, 3]);
    let grades: Vec<&str> = c.scores.iter().map(|s| s.grade.label()).collect();
    assert_eq!(grades, vec!["良好", "良好", "合格"]);
    s.grades.good = 90.0;
    s.grades.pass = 70.0;
    let c = compare(c.districts, &s, &lib(), Some(2024));
    let grades: Vec<&str> = c.scores.iter().map(|s| s.grade.label()).collect();
    assert_eq!(grades, vec!["合格", "合格", "不合格"]);
}

#[test]
fn change_on_last_year_and_rank_change() {
    let make = |name: &str, last: f64, this: f64| {
        district(
            name,
            vec![valued(
                "九年义务教育巩固率",
                "%",
                95.0,
                96.0,
                &[(2023, last), (2024, this)],
            )],
        )
    };
    let c = compare(
        vec![make("甲区", 96.0, 95.0), make("乙区", 95.0, 96.5)],
        &CitySettings::default(),
        &lib(),
        Some(2024),
    );
    let change = c.rankings[0].entries[1].as_ref().and_then(|e| e.change);
    assert!(change.is_some_and(|x| (x - 1.5).abs() < 1e-9), "{change:?}");
    let text = |d: usize| {
        c.rankings[0].entries[d]
            .as_ref()
            .map(|e| e.text(&c.rows[0]))
            .unwrap_or_default()
    };
    assert!(text(1).starts_with("第1名 · ↑1.5"), "{}", text(1));
    assert!(text(0).starts_with("第2名 · ↓1"), "{}", text(0));
    assert_eq!(c.scores[1].change_text(), "↑1");
    assert_eq!(c.scores[0].change_text(), "↓1");
}

#[test]
fn unmatched_indicators_are_listed_until_the_city_maps_them() {
    let a = district(
        "甲区",
        vec![valued(
            "教师信息素养达标率",
            "%",
            80.0,
            95.0,
            &[(2024, 90.0)],
        )],
    );
    let b = district(
        "乙县",
        vec![valued(
            "教师信息技术应用能力达标率",
            "%",
            80.0,
            95.0,
            &[(2024, 92.0)],
        )],
    );
    let mut s = CitySettings::default();
    let c = compare(vec![a.clone(), b.clone()], &s, &lib(), Some(2024));
    assert!(c.rows.is_empty());
    let names: Vec<&str> = c.unmatched.iter().map(|u| u.indicator.as_str()).collect();
    assert_eq!(
        names,
        vec!["教师信息素养达标率", "教师信息技术应用能力达标率"]
    );
    let (key, _) = matching::row_key("甲区", &a.plan.indicators[0], &s, &lib());
    s.map("乙县", "教师信息技术应用能力达标率", &key);
    let c = compare(vec![a, b], &s, &lib(), Some(2024));
    assert!(c.unmatched.is_empty(), "{:?}", c.unmatched);
    assert_eq!(c.rows.len(), 1);
    assert_eq!(c.rows[0].present, 2);
}

#[test]
fn a_second_file_of_a_district_and_a_plan_of_another_period_are_left_out() {
    let a = district("甲区", vec![]);
    let a2 = District::new("甲区副本.eduplan", plan("甲区", vec![]), None);
    let b = district("乙县", vec![]);
    let mut old = district("丙县", vec![]);
    old.plan.info.base_year = 2015;
    old.plan.info.first_year = 2016;
    old.plan.info.last_year = 2020;
    let (kept, rejected) = admit(vec![a, a2, b, old]);
    let names: Vec<&str> = kept.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, vec!["甲区", "乙县"]);
    assert_eq!(rejected.len(), 2);
    assert_eq!(rejected[0].source, "甲区副本.eduplan");
    assert!(rejected[0].reason.contains("同一区县"));
    assert!(
        rejected[1].reason.contains("2016—2020"),
        "{}",
        rejected[1].reason
    );
}

#[test]
fn data_quality_counts_missing_values_red_values_without_notes_and_misses_without_reasons() {
    let mut behind = valued("九年义务教育巩固率", "%", 90.0, 96.0, &[(2023, 88.0)]);
    behind.kind = IndicatorKind::Level;
    behind.comparison = Comparison::AtLeast;
    let missing = valued("普惠性幼儿园覆盖率", "%", 80.0, 85.0, &[]);
    let mut missed = valued("高中阶段教育毛入学率", "%", 90.0, 92.0, &[(2025, 91.0)]);
    missed.target_year = 2025;
    let d = district(
        "甲区",
        vec![behind.clone(), missing.clone(), missed.clone()],
    );
    let q = quality::data_quality(&d, 2023);
    assert_eq!(
        q.missing,
        vec!["普惠性幼儿园覆盖率", "高中阶段教育毛入学率"]
    );
    assert_eq!(q.red_without_note, vec!["九年义务教育巩固率"]);
    let q = quality::data_quality(&d, 2025);
    assert!(
        q.not_achieved_without_reason
            .contains(&"高中阶段教育毛入学率".to_owned())
    );
    if let Some(a) = missed.actuals.get_mut(&2025) {
        a.note = "学龄人口减少".into();
    }
    let d = district("甲区", vec![behind, missing, missed]);
    assert!(
        quality::data_quality(&d, 2025)
            .not_achieved_without_reason
            .is_empty()
    );
}

#[test]
fn setting_changes_name_what_changed_with_before_and_after() {
    let old = CitySettings::default();
    let mut new = old.clone();
    new.indicator_mut("compulsory_retention").target = Some(96.0);
    new.map("乙县", "巩固率", "compulsory_retention");
    let list = settings::changes(&old, &new);
    assert_eq!(list.len(), 2, "{list:?}");
    assert_eq!(list[0].what, "compulsory_retention 市目标");
    assert_eq!(
        (list[0].before.as_str(), list[0].after.as_str()),
        ("（未设）", "96")
    );
    assert_eq!(list[1].after, "compulsory_retention");
}

#[test]
fn provisional_values_are_marked_in_the_cell_and_counted_in_data_quality() {
    let mut rate = valued("九年义务教育巩固率", "%", 95.0, 96.0, &[(2024, 95.6)]);
    if let Some(a) = rate.actuals.get_mut(&2024) {
        a.estimate = true;
    }
    let mut quota = valued(
        "培养区级骨干教师",
        "人",
        0.0,
        400.0,
        &[(2023, 50.0), (2024, 60.0)],
    );
    quota.kind = IndicatorKind::Cumulative;
    if let Some(a) = quota.actuals.get_mut(&2023) {
        a.estimate = true;
    }
    let a = district("甲区", vec![rate, quota]);
    let b = district(
        "乙县",
        vec![
            valued("九年义务教育巩固率", "%", 95.0, 96.0, &[(2024, 95.2)]),
            {
                let mut q = valued("培养区级骨干教师", "人", 0.0, 300.0, &[(2024, 40.0)]);
                q.kind = IndicatorKind::Cumulative;
                q
            },
        ],
    );
    let c = compare(vec![a, b], &CitySettings::default(), &lib(), Some(2024));
    let cell = |row: usize, d: usize| c.rows[row].cells[d].clone().expect("cell");
    assert_eq!(cell(0, 0).text, "95.6（预计）（96）");
    assert!(cell(0, 0).estimate && !cell(0, 1).estimate);
    assert_eq!(cell(0, 1).text, "95.2（96）");
    // A running total that adds a provisional year is provisional too.
    assert_eq!(cell(1, 0).text, "110（预计）（400）");
    assert_eq!(c.quality[0].estimates, vec!["九年义务教育巩固率"]);
    assert!(
        c.quality[0].summary().contains("预计值1项"),
        "{}",
        c.quality[0].summary()
    );
    assert!(c.quality[1].estimates.is_empty());
}

#[test]
fn settings_are_worded_with_their_whole_numbers() {
    let rule = ScoringRule::ByRank {
        points: vec![10.0, 8.0, 6.5, 4.0, 2.0],
    };
    assert_eq!(rule.label(), "按名次计分（10/8/6.5/4/2分）");
    assert_eq!(
        ScoringRule::MetFullMarks { full: 100.0 }.label(),
        "达标得满分（每项100分）"
    );
    let old = CitySettings::default();
    let mut new = old.clone();
    new.indicator_mut("compulsory_retention").weight = 20.0;
    new.grades.excellent = 90.5;
    let list = settings::changes(&old, &new);
    let after: Vec<&str> = list.iter().map(|c| c.after.as_str()).collect();
    assert_eq!(after, vec!["20", "优秀≥90.5%，良好≥75%，合格≥60%"]);
}
