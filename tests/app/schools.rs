//! The school-data table for 义务教育优质均衡: written, filled in as a school office would,
//! read back with every check, and written to the plan in one step.

use crate::common;

use std::path::{Path, PathBuf};

use calamine::Data;
use common::book::*;
use eduplan::domain::balance::SchoolType;
use eduplan::exchange::schools::{preview_school_import, write_school_template};
use eduplan::storage::PlanFile;

fn sample_and_template(dir: &tempfile::TempDir) -> (PathBuf, PathBuf) {
    let path = common::sample_file(dir);
    let plan = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load");
    let template = dir.path().join("2024年学校数据.xlsx");
    let n = write_school_template(&plan, 2024, &template).expect("template");
    assert_eq!(n, plan.schools.len());
    (path, template)
}

fn load(path: &Path) -> eduplan::domain::Plan {
    PlanFile::read_only(path)
        .expect("open")
        .load()
        .expect("load")
}

/// Column of a figure in the school table (after 编号, 序号, 学校名称, 学校类型).
const PUPILS_PRIMARY: usize = 4;
const KEY_TEACHERS: usize = 8;
const EQUIPMENT: usize = 12;

#[test]
fn an_untouched_table_changes_nothing_and_a_filled_one_goes_in_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = sample_and_template(&dir);
    let plan = load(&path);
    let untouched = preview_school_import(&plan, std::slice::from_ref(&template), Some(2024));
    assert!(untouched.problems.is_empty(), "{:?}", untouched.problems);
    assert!(untouched.changes.is_empty(), "{:?}", untouched.changes);

    let returned = dir.path().join("交回 学校数据.xlsx");
    resave(&template, &returned, |rows| {
        let r = row_of(rows, "龙潭区江密峰中心小学");
        rows[r][KEY_TEACHERS] = Data::Float(6.0);
        // A new school in the first empty row.
        let empty = (3..rows.len())
            .find(|r| rows[*r].len() > 5 && rows[*r].get(2).is_some_and(|c| text(c).is_empty()))
            .expect("an empty row");
        rows[empty][2] = Data::String("龙潭区新建小学".into());
        rows[empty][3] = Data::String("小学".into());
        let figures = [
            400.0, 0.0, 0.0, 20.0, 5.0, 4.0, 1900.0, 3100.0, 900_000.0, 10.0,
        ];
        for (k, v) in figures.iter().enumerate() {
            rows[empty][PUPILS_PRIMARY + k] = Data::Float(*v);
        }
    });
    let preview = preview_school_import(&plan, std::slice::from_ref(&returned), Some(2024));
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    let seen: Vec<String> = preview
        .changes
        .iter()
        .map(|c| format!("{} {} {}→{}", c.name, c.what, c.old, c.new))
        .collect();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(
        seen.iter()
            .any(|s| s.starts_with("龙潭区江密峰中心小学 县级以上骨干教师数"))
    );
    assert!(
        seen.iter()
            .any(|s| s == "龙潭区新建小学 新增学校 （无）→小学")
    );

    let mut pf = PlanFile::open(&path).expect("open");
    pf.apply(&preview.edits(), "导入学校数据")
        .expect("apply")
        .expect("changed");
    let after = pf.load().expect("load");
    let added = after
        .schools
        .iter()
        .find(|s| s.name == "龙潭区新建小学")
        .expect("added");
    assert_eq!(added.school_type, SchoolType::Primary);
    assert_eq!(added.years[&2024].counts[5], Some(900_000.0));
    let changed = after
        .schools
        .iter()
        .find(|s| s.name == "龙潭区江密峰中心小学")
        .expect("school");
    assert_eq!(changed.years[&2024].counts[1], Some(6.0));
}

/// A change to the table's rows, as a school office might make it.
type RowEdit = dyn Fn(&mut Vec<Vec<Data>>);

#[test]
fn bad_school_figures_are_all_listed_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = sample_and_template(&dir);
    let plan = load(&path);
    let before = std::fs::read(&path).expect("read");
    let cases: Vec<(&str, Box<RowEdit>)> = vec![
        (
            "在校生数为0",
            Box::new(|rows| {
                let r = row_of(rows, "龙潭区承德小学");
                rows[r][PUPILS_PRIMARY] = Data::Float(0.0);
            }),
        ),
        (
            "缺少“教学仪器设备值（元）”",
            Box::new(|rows| {
                let r = row_of(rows, "龙潭区承德小学");
                rows[r][EQUIPMENT] = Data::Empty;
            }),
        ),
        (
            "不能为负数",
            Box::new(|rows| {
                let r = row_of(rows, "龙潭区承德小学");
                rows[r][KEY_TEACHERS] = Data::Float(-1.0);
            }),
        ),
        (
            "学校类型“幼儿园”无法识别",
            Box::new(|rows| {
                let r = row_of(rows, "龙潭区承德小学");
                rows[r][3] = Data::String("幼儿园".into());
            }),
        ),
        (
            "隐藏编号属于",
            Box::new(|rows| {
                let a = row_of(rows, "龙潭区承德小学");
                let b = row_of(rows, "龙潭区江北小学");
                let (lo, hi) = (a.min(b), a.max(b));
                let (first, second) = rows.split_at_mut(hi);
                first[lo][1..].swap_with_slice(&mut second[0][1..]);
            }),
        ),
        (
            "应为整数",
            Box::new(|rows| {
                let r = row_of(rows, "龙潭区承德小学");
                rows[r][PUPILS_PRIMARY] = Data::Float(640.5);
            }),
        ),
    ];
    for (words, edit) in cases {
        let out = dir.path().join("有问题.xlsx");
        resave(&template, &out, |rows| edit(rows));
        let preview = preview_school_import(&plan, &[out], Some(2024));
        assert!(!preview.can_apply(), "{words}");
        assert!(
            preview.problems.iter().any(|p| p.contains(words)),
            "{words}: {:?}",
            preview.problems
        );
    }
    // An indicator table is not a school table, and another year is refused.
    let indicator_table = dir.path().join("指标填报表.xlsx");
    eduplan::exchange::template::write_template(&plan, 2024, None, &indicator_table)
        .expect("template");
    let preview = preview_school_import(&plan, &[indicator_table], Some(2024));
    assert!(
        preview.problems.iter().any(|p| p.contains("另一种填报表")),
        "{:?}",
        preview.problems
    );
    let preview = preview_school_import(&plan, &[template], Some(2023));
    assert!(
        preview
            .problems
            .iter()
            .any(|p| p.contains("2024年的填报表")),
        "{:?}",
        preview.problems
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn the_command_line_writes_and_imports_school_tables() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let file = path.to_str().expect("utf-8");
    let table = dir.path().join("学校数据.xlsx");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_eduplan"))
            .args(args)
            .output()
            .expect("run");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = run(&[
        "schools",
        "template",
        file,
        "-o",
        table.to_str().expect("utf-8"),
        "--year",
        "2024",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("22所学校"), "{out}");
    let returned = dir.path().join("交回.xlsx");
    resave(&table, &returned, |rows| {
        let r = row_of(rows, "龙潭区缸窑中心小学");
        rows[r][KEY_TEACHERS] = Data::Float(9.0);
    });
    let returned = returned.to_str().expect("utf-8");
    let (code, _, err) = run(&["schools", "import", file, returned]);
    assert_eq!(code, Some(2), "the year is required");
    assert!(err.contains("--year"), "{err}");
    let (code, out, err) = run(&[
        "schools", "import", file, returned, "--year", "2024", "--yes",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("已导入1处改动"), "{out}");
}
