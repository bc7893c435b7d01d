//! The end of the plan on the command line: the 总结评估 of the sample's last year, 预计
//! values marked and cleared, and the next plan drafted from this one.

use crate::common;

use std::process::Command;

use eduplan::storage::PlanFile;

fn eduplan(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_eduplan"))
        .args(args)
        .output()
        .expect("run eduplan");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn row<'a>(out: &'a str, name: &str) -> Vec<&'a str> {
    out.lines()
        .find(|l| l.starts_with(&format!("{name}\t")))
        .unwrap_or_else(|| panic!("a row for {name}: {out}"))
        .split('\t')
        .collect()
}

#[test]
fn the_last_year_is_read_as_the_final_evaluation_with_the_count_sentence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = common::sample_file(&dir);
    let file = file.to_str().expect("utf-8");

    let (code, out, err) = eduplan(&["status", file]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("评估年度：2025年（总结评估）"), "{out}");
    // Counted by hand from the sample's 2025 values: 8 beyond the target, 4 met before 2025,
    // 13 met; 近视率 (92 % of the distance), 区级骨干 (370/400) and 市级学科带头人 (37/40)
    // within 90 % of it; 巩固率, 体质健康, 校本教材, 全员培训 and 省学科带头人 short.
    assert!(
        out.contains(
            "规划确定的33项主要指标中，25项已完成（其中8项超额完成、4项提前完成），3项基本完成，5项未完成（其中约束性指标2项）。"
        ),
        "{out}"
    );
    assert!(
        out.contains("其中2项按2025年预计值评价：学前三年毛入园率92%（预计）、学生体质健康达标率94.2%（预计）。"),
        "{out}"
    );

    let (code, out, _) = eduplan(&["status", file, "--format", "tsv"]);
    assert_eq!(code, 0);
    let header = out.lines().next().expect("header");
    assert!(
        header.ends_with("\t完成情况\t目标完成度\t首次达标年份"),
        "{header}"
    );
    let quota = row(&out, "区级骨干教师培养");
    assert_eq!(quota[quota.len() - 3..], ["基本完成", "92.5%", "—"]);
    let early = row(&out, "长白山名师");
    assert_eq!(
        early[early.len() - 3..],
        ["提前完成（2024年）", "100%", "2024年"]
    );
    let floor = row(&out, "义务教育巩固率");
    assert_eq!(floor[floor.len() - 3], "未完成");

    // The same year read as a 年度监测: no close-out columns, no count sentence.
    let (code, out, _) = eduplan(&["status", file, "--evaluation", "annual"]);
    assert_eq!(code, 0);
    assert!(out.contains("评估年度：2025年（年度监测）"), "{out}");
    assert!(!out.contains("项已完成"), "{out}");
    let (code, _, err) = eduplan(&["status", file, "--evaluation", "yearly"]);
    assert_eq!(code, 2);
    assert!(err.contains("--evaluation 只能是"), "{err}");

    // A year before the last is a 年度监测 unless chosen.
    let (_, out, _) = eduplan(&["status", file, "--year", "2024"]);
    assert!(out.contains("评估年度：2024年（年度监测）"), "{out}");
    let (_, out, _) = eduplan(&["status", file, "--year", "2023", "--evaluation", "midterm"]);
    assert!(out.contains("评估年度：2023年（中期评估）"), "{out}");
}

#[test]
fn a_provisional_value_is_marked_and_the_definitive_one_clears_the_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = common::sample_file(&dir);
    let path = file.clone();
    let file = file.to_str().expect("utf-8");
    let set = |value: &str, estimate: bool| {
        let mut args = vec![
            "set",
            file,
            "--indicator",
            "义务教育巩固率",
            "--year",
            "2025",
            "--value",
            value,
        ];
        if estimate {
            args.push("--estimate");
        }
        eduplan(&args)
    };
    let (code, out, err) = set("99.1", true);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("99.1%（预计）"), "{out}");
    let estimate_of = || {
        let plan = PlanFile::read_only(&path)
            .expect("open")
            .load()
            .expect("load");
        let ind = plan.indicator_by_name("义务教育巩固率").expect("indicator");
        (ind.actual_value(2025), ind.actuals[&2025].estimate)
    };
    assert_eq!(estimate_of(), (Some(99.1), true));
    let (_, out, _) = eduplan(&["status", file]);
    assert!(out.contains("义务教育巩固率99.1%（预计）"), "{out}");

    let (code, _, err) = set("99.0", false);
    assert_eq!(code, 0, "{err}");
    assert_eq!(estimate_of(), (Some(99.0), false));

    let (code, _, err) = eduplan(&[
        "set",
        file,
        "--indicator",
        "义务教育巩固率",
        "--year",
        "2025",
        "--value",
        "",
        "--estimate",
    ]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(estimate_of(), (Some(99.0), false), "nothing changed");
}

#[test]
fn the_next_plan_starts_from_this_one_and_never_touches_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = common::sample_file(&dir);
    let before = std::fs::read(&file).expect("read");
    let next = dir.path().join("十五五.eduplan");
    let (code, out, err) = eduplan(&[
        "next",
        file.to_str().expect("utf-8"),
        "-o",
        next.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2026-2030年，基期2025年"), "{out}");
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "the old plan is unchanged"
    );

    let plan = PlanFile::read_only(&next)
        .expect("open")
        .load()
        .expect("load");
    assert!(plan.info.name.contains("十五五"), "{}", plan.info.name);
    assert_eq!(
        (
            plan.info.base_year,
            plan.info.first_year,
            plan.info.last_year
        ),
        (2025, 2026, 2030)
    );
    assert_eq!(plan.indicators.len(), 33);
    let preschool = plan
        .indicators
        .iter()
        .find(|i| i.name.starts_with("学前三年毛入园率"))
        .expect("carried indicator");
    assert_eq!(
        preschool.base_value,
        Some(92.0),
        "the 2025 value is the base"
    );
    assert!(preschool.closeout.base_estimate, "and it was 预计");
    assert!(preschool.actuals.is_empty());

    // The 2026-2030 plan works end to end: a value, its status, its workbook.
    let next_s = next.to_str().expect("utf-8");
    let (code, _, err) = eduplan(&[
        "set",
        next_s,
        "--indicator",
        "学前三年毛入园率",
        "--year",
        "2026",
        "--value",
        "92.5",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = eduplan(&["status", next_s, "--year", "2026"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("评估年度：2026年（年度监测）"), "{out}");
    let workbook = dir.path().join("十五五2026.xlsx");
    let (code, _, err) = eduplan(&[
        "export",
        next_s,
        "-o",
        workbook.to_str().expect("utf-8"),
        "--year",
        "2026",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(workbook.exists());

    // Never over an existing file, and only into a plan file.
    let (code, _, err) = eduplan(&[
        "next",
        file.to_str().expect("utf-8"),
        "-o",
        next.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("已存在"), "{err}");
    let (code, _, err) = eduplan(&[
        "next",
        file.to_str().expect("utf-8"),
        "-o",
        dir.path().join("下期.xlsx").to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains(".eduplan"), "{err}");
    let (code, _, err) = eduplan(&[
        "next",
        file.to_str().expect("utf-8"),
        "-o",
        dir.path().join("下期2.eduplan").to_str().expect("utf-8"),
        "--years",
        "2030-2026",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--years"), "{err}");
}

/// The next plan written as plan text (the shipped 十五五 draft is made this way): it reads
/// back as the same plan; its 主要指标表 prints 2025年（基期） and 2030年（目标）, and while no
/// value is reported a milestone the officer sets gets its own 阶段目标 column.
#[test]
fn the_next_plan_as_plan_text_and_its_main_table() {
    use calamine::Reader;
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_plans/longtan-14th-five-year-education-plan.json");
    let text = dir.path().join("十五五草案.json");
    let (code, out, err) = eduplan(&[
        "next",
        sample.to_str().expect("utf-8"),
        "-o",
        text.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("基期2025年"), "{out}");
    let plan = eduplan::exchange::plan_text::read_plan_text(&text).expect("plan text reads");
    assert_eq!(plan.indicators.len(), 33);

    let file = dir.path().join("十五五.eduplan");
    let (code, _, err) = eduplan(&[
        "new",
        file.to_str().expect("utf-8"),
        "--from",
        text.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let f = file.to_str().expect("utf-8");
    let workbook = dir.path().join("主要指标表.xlsx");
    let export = |out: &std::path::Path| {
        eduplan(&[
            "export",
            f,
            "-o",
            out.to_str().expect("utf-8"),
            "--year",
            "2026",
        ])
    };
    let (code, _, err) = export(&workbook);
    assert_eq!(code, 0, "{err}");
    let header = |book: &std::path::Path| -> Vec<String> {
        let mut wb = calamine::open_workbook_auto(book).expect("workbook");
        let name = wb.sheet_names()[0].clone();
        let range = wb.worksheet_range(&name).expect("sheet");
        (0..range.width() as u32)
            .map(|c| common::book::text(&common::book::cell(&range, 2, c)))
            .collect()
    };
    let titles = header(&workbook);
    {
        // The base column prints as the officer reads it: 是 for a yes/no indicator (not
        // “1.0”), an estimate with its （预计）.
        let mut wb = calamine::open_workbook_auto(&workbook).expect("workbook");
        let name = wb.sheet_names()[0].clone();
        let range = wb.worksheet_range(&name).expect("sheet");
        let base_of = |indicator: &str| {
            let row = common::book::find_row(&range, 2, indicator);
            common::book::text(&common::book::cell(&range, row, 4))
        };
        assert_eq!(base_of("教师工资收入不低于公务员工资收入"), "是");
        let estimate = plan
            .indicators
            .iter()
            .find(|i| i.closeout.base_estimate)
            .expect("an estimated base");
        assert!(
            base_of(&estimate.name).ends_with("（预计）"),
            "{}: {}",
            estimate.name,
            base_of(&estimate.name)
        );
    }
    assert_eq!(
        titles,
        [
            "序号",
            "类别",
            "指标",
            "单位",
            "2025年\n（基期）",
            "2030年\n（目标）",
            "属性"
        ],
    );

    // A milestone set in the detail view (Field::Planned), as the officer would.
    {
        use eduplan::domain::edit::{Edit, Field, Value};
        let mut pf = PlanFile::open(&file).expect("open");
        let id = pf
            .load()
            .expect("load")
            .indicators
            .iter()
            .find(|i| i.name == "学前三年毛入园率")
            .expect("indicator")
            .id;
        pf.apply(
            &[Edit::Set(Field::Planned(id, 2027), Value::Num(93.0))],
            "设置阶段目标",
        )
        .expect("apply");
    }
    let with_milestone = dir.path().join("含阶段目标.xlsx");
    let (code, _, err) = export(&with_milestone);
    assert_eq!(code, 0, "{err}");
    let titles = header(&with_milestone);
    assert_eq!(titles[5], "2027年\n（阶段目标）", "{titles:?}");
    assert_eq!(titles[6], "2030年\n（目标）");
}

#[test]
fn the_basis_calls_an_estimate_a_forecast_not_an_actual_figure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let (code, out, err) = eduplan(&["status", path.to_str().expect("utf-8"), "--explain"]);
    assert_eq!(code, 0, "{err}");
    let line = out
        .lines()
        .find(|l| l.starts_with("学生体质健康达标率"))
        .expect("a row");
    assert!(line.contains("2025年预计94.2"), "{line}");
    assert!(!line.contains("2025年实际94.2"), "{line}");
}
