//! The city file and reading district files for the city comparison.

use std::path::{Path, PathBuf};

use eduplan_domain::city::CitySettings;
use eduplan_domain::{Actual, Indicator, IndicatorId, Plan, Section, SectionId};
use eduplan_storage::PlanFile;
use eduplan_storage::city::{CityFile, read_districts};

fn plan(region: &str, base_year: i32) -> Plan {
    let mut p = Plan::default();
    p.info.region = region.to_owned();
    p.info.base_year = base_year;
    p.info.first_year = base_year + 1;
    p.info.last_year = base_year + 5;
    p.sections.push(Section {
        id: SectionId(1),
        parent: None,
        position: 0,
        numbering: "一、".into(),
        title: "主要指标".into(),
        body: String::new(),
        lead_unit: String::new(),
        co_units: String::new(),
    });
    let mut ind = Indicator::new(IndicatorId(1), SectionId(1), "九年义务教育巩固率");
    ind.base_value = Some(95.0);
    ind.target_value = 96.0;
    ind.actuals.insert(
        base_year + 4,
        Actual {
            value: Some(95.5),
            ..Actual::default()
        },
    );
    p.indicators.push(ind);
    p
}

fn make_plan(dir: &Path, file: &str, region: &str, base_year: i32) -> PathBuf {
    let path = dir.join(file);
    drop(PlanFile::create(&path, &plan(region, base_year)).expect("city file"));
    path
}

#[test]
fn city_settings_are_kept_with_who_what_when_before_and_after() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("市.eduplan-city");
    let mut file = CityFile::create(&path, &CitySettings::default()).expect("city file");
    let mut s = file.settings().expect("city file");
    s.indicator_mut("compulsory_retention").target = Some(96.0);
    s.map("乙县", "巩固率", "compulsory_retention");
    let changes = file.save(&s, "设置市目标").expect("city file");
    assert_eq!(changes.len(), 2);
    assert!(
        file.save(&s, "再次保存").expect("city file").is_empty(),
        "no change, no history"
    );
    drop(file);

    let file = CityFile::open(&path).expect("city file");
    let again = file.settings().expect("city file");
    assert_eq!(again.mapped("乙县", "巩固率"), Some("compulsory_retention"));
    assert_eq!(again.indicator("compulsory_retention").target, Some(96.0));
    let history = file.history(10).expect("city file");
    assert_eq!(history.len(), 2);
    let target = history
        .iter()
        .find(|h| h.what == "compulsory_retention 市目标")
        .expect("city file");
    assert_eq!(
        (target.before.as_str(), target.after.as_str()),
        ("（未设）", "96")
    );
    assert_eq!(target.action, "设置市目标");
    assert!(!target.who.is_empty() && target.at.len() == 19);
}

#[test]
fn a_plan_file_a_foreign_file_a_damaged_one_and_a_newer_one_are_refused_as_city_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan_path = make_plan(dir.path(), "甲区.eduplan", "甲区", 2020);
    let before = std::fs::read(&plan_path).expect("city file");
    let e = CityFile::open(&plan_path)
        .err()
        .expect("city file")
        .to_string();
    assert!(e.contains("区县规划文件"), "{e}");
    assert_eq!(std::fs::read(&plan_path).expect("city file"), before);

    let text = dir.path().join("说明.eduplan-city");
    std::fs::write(&text, "这不是数据库").expect("city file");
    let e = CityFile::open(&text).err().expect("city file").to_string();
    assert!(e.contains("不是EduPlan市级汇总文件"), "{e}");

    let city = dir.path().join("市.eduplan-city");
    drop(CityFile::create(&city, &CitySettings::default()).expect("city file"));
    let newer = dir.path().join("新版.eduplan-city");
    std::fs::copy(&city, &newer).expect("city file");
    {
        let c = rusqlite::Connection::open(&newer).expect("city file");
        c.pragma_update(None, "user_version", 99)
            .expect("city file");
    }
    let e = CityFile::open(&newer).err().expect("city file").to_string();
    assert!(e.contains("更新版本"), "{e}");

    let damaged = dir.path().join("坏.eduplan-city");
    let bytes = std::fs::read(&city).expect("city file");
    std::fs::write(&damaged, &bytes[..bytes.len() - 100]).expect("city file");
    let e = CityFile::open(&damaged)
        .err()
        .expect("city file")
        .to_string();
    assert!(e.contains("损坏"), "{e}");
    assert_eq!(
        std::fs::read(&damaged).expect("city file").len(),
        bytes.len() - 100
    );

    // A plan file opener refuses the city file the same way.
    let e = PlanFile::open(&city).err().expect("city file").to_string();
    assert!(e.contains("不是EduPlan规划文件"), "{e}");
}

#[test]
fn bad_district_files_are_listed_with_the_reason_and_the_others_are_still_compared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let a = make_plan(d, "甲区.eduplan", "甲区", 2020);
    let b = make_plan(d, "乙县.eduplan", "乙县", 2020);
    let c = make_plan(d, "丙县.eduplan", "丙县", 2020);
    let copy = make_plan(d, "甲区（第二份）.eduplan", "甲区", 2020);
    let old = make_plan(d, "丁县十三五.eduplan", "丁县", 2015);
    let not_plan = d.join("通知.eduplan");
    std::fs::write(&not_plan, "请各区县于月底前报送").expect("city file");
    let damaged = d.join("戊县.eduplan");
    let bytes = std::fs::read(&b).expect("city file");
    std::fs::write(&damaged, &bytes[..bytes.len() / 2 + 7]).expect("city file");
    let newer = make_plan(d, "己县.eduplan", "己县", 2020);
    {
        let conn = rusqlite::Connection::open(&newer).expect("city file");
        conn.pragma_update(None, "user_version", 999)
            .expect("city file");
    }
    let all = vec![
        a.clone(),
        b.clone(),
        copy.clone(),
        old.clone(),
        not_plan.clone(),
        damaged.clone(),
        newer.clone(),
        c.clone(),
    ];
    // One district is open for editing elsewhere: it is still read.
    let held = PlanFile::open(&c).expect("city file");
    let before: Vec<Vec<u8>> = all
        .iter()
        .map(|p| std::fs::read(p).expect("city file"))
        .collect();

    let (kept, rejected) = read_districts(&all);
    drop(held);

    let names: Vec<&str> = kept.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, vec!["甲区", "乙县", "丙县"]);
    let reason = |p: &Path| {
        rejected
            .iter()
            .find(|r| r.source == p.display().to_string())
            .map(|r| r.reason.clone())
            .unwrap_or_default()
    };
    assert!(reason(&copy).contains("同一区县"), "{}", reason(&copy));
    assert!(reason(&old).contains("2016—2020"), "{}", reason(&old));
    assert!(
        reason(&not_plan).contains("不是EduPlan规划文件"),
        "{}",
        reason(&not_plan)
    );
    assert!(reason(&damaged).contains("损坏"), "{}", reason(&damaged));
    assert!(reason(&newer).contains("更新版本"), "{}", reason(&newer));
    assert_eq!(rejected.len(), 5);

    for (p, b) in all.iter().zip(&before) {
        assert_eq!(
            &std::fs::read(p).expect("city file"),
            b,
            "{} changed",
            p.display()
        );
        for suffix in ["-wal", "-shm"] {
            let mut side = p.as_os_str().to_owned();
            side.push(suffix);
            let side = PathBuf::from(side);
            assert!(!side.exists() || *p == c, "{} left behind", side.display());
        }
    }
    // Not locked: each district can be opened for editing right after.
    for p in [&a, &b, &c] {
        drop(PlanFile::open(p).expect("city file"));
    }
    assert!(kept[0].last_change.is_some());
}
