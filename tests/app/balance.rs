//! 义务教育优质均衡: the 差异系数 and the per-school standards, checked against figures worked
//! out by hand (domain.md §6 and a small district computed separately).

use crate::common;

use eduplan::domain::balance::*;
use eduplan::domain::explain::exclusion_text;

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

#[test]
fn the_worked_check_of_the_evaluation_gives_cv_0_515() {
    let pupils = [45.0, 37.0, 89.0, 76.0, 55.0];
    let books = [279.0, 137.0, 935.0, 160.0, 402.0];
    let per_pupil: Vec<f64> = books.iter().zip(pupils).map(|(b, p)| b / p).collect();
    let (mean, std_dev, cv) = weighted_cv(&pupils, &per_pupil);
    assert!(close(mean, 6.334, 0.0005), "{mean}");
    assert!(close(std_dev, 3.264, 0.0005), "{std_dev}");
    assert!(close(cv, 0.515, 0.0005), "{cv}");
}

fn school(name: &str, kind: SchoolType, pupils: [f64; 3], counts: [f64; 7]) -> SchoolYear {
    SchoolYear {
        name: name.into(),
        school_type: kind,
        pupils_primary: pupils[0],
        pupils_junior: pupils[1],
        pupils_senior: pupils[2],
        counts: counts.map(Some),
    }
}

/// Counts that meet every standard comfortably except where a test changes them.
fn ample(pupils: f64) -> [f64; 7] {
    let per100 = pupils / 100.0;
    [
        6.0 * per100,
        1.5 * per100,
        1.2 * per100,
        6.0 * pupils,
        11.0 * pupils,
        3000.0 * pupils,
        3.0 * per100,
    ]
}

fn district() -> Vec<SchoolYear> {
    let with = |mut counts: [f64; 7], qualified: f64, equipment: f64| {
        counts[0] = qualified;
        counts[5] = equipment;
        counts
    };
    vec![
        school(
            "甲小学",
            SchoolType::Primary,
            [400.0, 0.0, 0.0],
            with(ample(400.0), 20.0, 1_000_000.0),
        ),
        school(
            "乙小学",
            SchoolType::Primary,
            [200.0, 0.0, 0.0],
            with(ample(200.0), 8.0, 300_000.0),
        ),
        school(
            "丙学校",
            SchoolType::NineYear,
            [300.0, 200.0, 0.0],
            with(ample(500.0), 30.0, 1_160_000.0),
        ),
        school(
            "丁中学",
            SchoolType::Junior,
            [0.0, 600.0, 0.0],
            with(ample(600.0), 33.0, 1_800_000.0),
        ),
        school(
            "戊教学点",
            SchoolType::TeachingPoint,
            [30.0, 0.0, 0.0],
            ample(30.0),
        ),
        school(
            "特殊教育学校",
            SchoolType::Special,
            [80.0, 40.0, 0.0],
            ample(120.0),
        ),
    ]
}

#[test]
fn a_small_district_with_a_combined_school_and_an_excluded_teaching_point() {
    let report = evaluate_balance(&district(), &BalanceSettings::default()).expect("valid data");
    // Excluded schools stay listed, with the reason.
    assert_eq!(report.excluded.len(), 2);
    let (name, why) = &report.excluded[0];
    assert_eq!(name, "戊教学点");
    assert!(exclusion_text(*why).contains("不足50人"));

    // The 九年一贯制 school splits 1 : 1.1: its 小学 part carries 300/520 of the shared resources.
    let part = |school: &str, stage: Stage| {
        report
            .parts
            .iter()
            .find(|p| p.school == school && p.stage == stage)
            .expect("part")
    };
    assert!(close(
        part("丙学校", Stage::Primary).resource_share,
        300.0 / 520.0,
        1e-12
    ));
    assert!(close(
        part("丙学校", Stage::Primary).values[5],
        2230.769,
        0.001
    ));
    assert!(close(
        part("丙学校", Stage::Junior).values[5],
        2453.846,
        0.001
    ));

    // Hand-computed (Python, outside this code): 生均教学仪器设备值 and 高于规定学历教师.
    let dispersion = |resource: Resource, stage: Stage| {
        report
            .dispersions
            .iter()
            .find(|d| d.resource == resource && d.stage == stage)
            .expect("dispersion")
    };
    let d = dispersion(Resource::Equipment, Stage::Primary);
    assert_eq!(d.schools, 3);
    assert!(close(d.mean, 2188.034, 0.001), "{}", d.mean);
    assert!(close(d.std_dev, 386.085, 0.001), "{}", d.std_dev);
    assert!(close(d.cv, 0.17645, 0.00001), "{}", d.cv);
    assert!(d.meets);
    let d = dispersion(Resource::Equipment, Stage::Junior);
    assert!(close(d.cv, 0.08259, 0.00001), "{}", d.cv);
    let d = dispersion(Resource::QualifiedTeachers, Stage::Primary);
    assert!(close(d.mean, 5.03419, 0.00001), "{}", d.mean);
    assert!(close(d.cv, 0.12847, 0.00001), "{}", d.cv);
    assert_eq!(
        d.contributions[0].0, "乙小学",
        "the school furthest from the mean pulls the CV up most"
    );
    let d = dispersion(Resource::QualifiedTeachers, Stage::Junior);
    assert!(close(d.cv, 0.06415, 0.00001), "{}", d.cv);

    // 乙小学: 4.0 qualified teachers per 100 against 4.2 (95 %) and 1500 元 against 2000 (75 %):
    // two misses, so it does not meet the standards.
    let weak = part("乙小学", Stage::Primary);
    assert_eq!(weak.met, 5);
    assert!(!weak.meets_standards);
    assert!(part("甲小学", Stage::Primary).meets_standards);
    assert!(!report.meets_all());
}

#[test]
fn six_of_seven_standards_and_the_seventh_at_85_percent_is_the_boundary() {
    let settings = BalanceSettings::default();
    let with_equipment = |per_pupil: f64| {
        let mut counts = ample(100.0);
        counts[5] = per_pupil * 100.0;
        school("某小学", SchoolType::Primary, [100.0, 0.0, 0.0], counts)
    };
    let verdict = |per_pupil: f64| {
        let report = evaluate_balance(&[with_equipment(per_pupil)], &settings).expect("valid");
        (report.parts[0].met, report.parts[0].meets_standards)
    };
    assert_eq!(
        verdict(2000.0),
        (7, true),
        "exactly at the standard meets it"
    );
    assert_eq!(
        verdict(1700.0),
        (6, true),
        "85 % of 2000 is enough for the one miss"
    );
    assert_eq!(verdict(1699.0), (6, false), "just under 85 % is not");
    // Two misses never meet, however close.
    let mut counts = ample(100.0);
    counts[5] = 1990.0 * 100.0;
    counts[6] = 2.29;
    let two = school("某小学", SchoolType::Primary, [100.0, 0.0, 0.0], counts);
    let report = evaluate_balance(&[two], &settings).expect("valid");
    assert_eq!(report.parts[0].met, 5);
    assert!(!report.parts[0].meets_standards);
}

#[test]
fn zero_pupils_and_missing_counts_are_refused_with_the_school_named() {
    let mut schools = district();
    schools[1].pupils_primary = 0.0;
    schools[3].counts[2] = None;
    let problems = evaluate_balance(&schools, &BalanceSettings::default()).expect_err("refused");
    let words: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        words
            .iter()
            .any(|w| w.contains("乙小学") && w.contains("在校生数为0")),
        "{words:?}"
    );
    assert!(
        words
            .iter()
            .any(|w| w.contains("丁中学") && w.contains("体育艺术专任教师数")),
        "{words:?}"
    );
    // An excluded teaching point may have gaps: it is not computed.
    let mut schools = district();
    schools[4].counts[0] = None;
    assert!(evaluate_balance(&schools, &BalanceSettings::default()).is_ok());
}

#[test]
fn the_thresholds_are_settings() {
    let strict = BalanceSettings {
        max_cv: [0.10, 0.05],
        ..BalanceSettings::default()
    };
    let report = evaluate_balance(&district(), &strict).expect("valid");
    let equipment_primary = report
        .dispersions
        .iter()
        .find(|d| d.resource == Resource::Equipment && d.stage == Stage::Primary)
        .expect("dispersion");
    assert!(!equipment_primary.meets, "0.176 is above a limit of 0.10");
    // A province that weighs 九年一贯制 junior pupils 1 : 1.2 shifts the split.
    let weights = BalanceSettings {
        nine_year_junior_weight: 1.2,
        ..BalanceSettings::default()
    };
    let report = evaluate_balance(&district(), &weights).expect("valid");
    let share = report
        .parts
        .iter()
        .find(|p| p.school == "丙学校" && p.stage == Stage::Primary)
        .expect("part")
        .resource_share;
    assert!(close(share, 300.0 / 540.0, 1e-12));
}

#[test]
fn an_indicator_linked_to_a_cv_follows_the_school_data_in_one_undo_step() {
    use eduplan::app::Document;
    use eduplan::domain::edit::{Edit, Field, IndicatorField, SchoolYearField, Value};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut doc =
        Document::open(&path, &eduplan::domain::library::Library::builtin()).expect("open");
    let section = doc.plan().child_sections(None)[0].id;
    doc.apply(
        &[Edit::AddIndicator {
            section,
            name: "小学生均教学仪器设备值差异系数".into(),
        }],
        "新增指标",
    )
    .expect("add");
    let id = doc
        .plan()
        .indicator_by_name("小学生均教学仪器设备值差异系数")
        .expect("added")
        .id;
    let figure = LinkedFigure::Cv(Resource::Equipment, Stage::Primary);
    doc.apply(
        &[Edit::Set(
            Field::Indicator(id, IndicatorField::LinkedFigure),
            Value::Text(figure.code()),
        )],
        "修改指标",
    )
    .expect("link");
    let expected = figure.value(doc.plan(), 2024).expect("computed");
    let ind = doc.plan().indicator(id).expect("indicator");
    assert!(close(
        ind.actual_value(2024).expect("filled"),
        expected,
        1e-12
    ));
    assert!(
        ind.actual_value(2023).is_some(),
        "every year with school data"
    );

    // A school's figures change: the linked value follows, and one undo takes both back.
    let school = doc.plan().schools_in_order()[0].id;
    doc.apply(
        &[Edit::Set(
            Field::SchoolYear(school, 2024, SchoolYearField::Equipment),
            Value::Num(1.0),
        )],
        "修改学校数据",
    )
    .expect("change");
    let moved = doc
        .plan()
        .indicator(id)
        .and_then(|i| i.actual_value(2024))
        .expect("value");
    assert!(moved > expected + 0.01, "{moved} vs {expected}");
    doc.undo().expect("undo");
    let back = doc
        .plan()
        .indicator(id)
        .and_then(|i| i.actual_value(2024))
        .expect("value");
    assert!(close(back, expected, 1e-12), "{back} vs {expected}");
}
