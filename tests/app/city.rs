//! The city view as a user meets it: `eduplan city` on districts' files (and the workbook and
//! 通报 it writes), and 文件 › 市级汇总… in the window, driven with scripted file dialogs.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Reader, Xlsx, open_workbook};
use eduplan::app::EduPlanApp;
use eduplan::app::dialogs::ScriptedDialogs;
use eduplan::exchange::plan_text::read_plan_text;
use eduplan::storage::PlanFile;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::common;

const CITY_SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_plans/city");

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

/// The five sample districts as plan files, in a folder of their own.
fn district_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut texts: Vec<PathBuf> = std::fs::read_dir(CITY_SAMPLE)
        .expect("sample folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("（示例）.json"))
        .collect();
    texts.sort();
    for text in texts {
        let plan = read_plan_text(&text).expect("sample district reads");
        let path = dir.join(format!("{}.eduplan", plan.info.region));
        drop(PlanFile::create(&path, &plan).expect("create"));
        out.push(path);
    }
    out
}

fn city_file(dir: &Path) -> PathBuf {
    let path = dir.join("示例市.eduplan-city");
    let settings = format!("{CITY_SAMPLE}/示例市市级设置.json");
    let (code, out, err) = eduplan(&[
        "city",
        "new",
        path.to_str().expect("utf-8"),
        "--from",
        &settings,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("4项市目标") && out.contains("1条指标对应"),
        "{out}"
    );
    path
}

#[test]
fn the_city_command_compares_the_districts_and_writes_the_workbook_and_the_bulletin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let districts_dir = dir.path().join("各区县");
    std::fs::create_dir_all(&districts_dir).expect("mkdir");
    let files = district_files(&districts_dir);
    assert_eq!(files.len(), 5);
    let city = city_file(dir.path());
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).expect("read"))
        .collect();
    let xlsx = dir.path().join("通报.xlsx");
    let docx = dir.path().join("通报.docx");
    let (code, out, err) = eduplan(&[
        "city",
        districts_dir.to_str().expect("utf-8"),
        "--city",
        city.to_str().expect("utf-8"),
        "--year",
        "2024",
        "--format",
        "tsv",
        "-o",
        xlsx.to_str().expect("utf-8"),
        "-o",
        docx.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("指标\t单位\t市目标\t东湖区")),
        "{out}"
    );
    // 毛入园率: 南川县 gives no counts, so the city total says why instead of averaging.
    let preschool = lines
        .iter()
        .find(|l| l.starts_with("学前三年毛入园率\t"))
        .expect("row");
    assert!(
        preschool.contains("不合计：南川县未报分子分母"),
        "{preschool}"
    );
    // The quota of new kindergartens adds up: 3 + 5 + 1 + 3 + 2 = 14 (the row takes the library's name).
    let kindergartens = lines
        .iter()
        .find(|l| l.starts_with("新建改扩建公办幼儿园\t"))
        .expect("row");
    assert!(kindergartens.contains("\t14\t"), "{kindergartens}");
    // The mapping kept in the city file puts 南川县's differently named indicator on the row.
    assert!(!out.contains("未能对应的指标"), "{out}");
    assert!(out.contains("得分与排名"), "{out}");
    assert!(
        out.contains("已导出：") && out.contains("已导出通报草稿"),
        "{out}"
    );

    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("workbook opens");
    let names = book.sheet_names();
    assert_eq!(
        names[..3],
        ["指标比较表", "通报表", "数据质量"],
        "{names:?}"
    );
    let bulletin = book.worksheet_range("通报表").expect("sheet");
    let header: Vec<String> = bulletin
        .rows()
        .nth(2)
        .expect("header")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(header[..2], ["序号", "区县"]);
    assert_eq!(
        header[header.len() - 4..],
        ["得分", "排名", "等次", "较上年"]
    );

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).expect("docx")).expect("zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").expect("document"),
        &mut xml,
    )
    .expect("utf-8");
    assert!(xml.contains("关于2024年度各区县教育事业发展规划主要指标监测情况的通报"));
    assert!(
        xml.contains("规划确定的"),
        "the count sentence per district"
    );

    for (f, b) in files.iter().zip(&before) {
        assert_eq!(
            &std::fs::read(f).expect("read"),
            b,
            "{} changed",
            f.display()
        );
    }
}

#[test]
fn bad_files_are_listed_and_the_others_still_compared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = district_files(dir.path());
    let note = dir.path().join("通知.eduplan");
    std::fs::write(&note, "请各区县报送").expect("write");
    let copy = dir.path().join("东湖区（重复）.eduplan");
    std::fs::copy(&files[0], &copy).expect("copy");
    let mut args = vec!["city"];
    let names: Vec<String> = files
        .iter()
        .chain([&note, &copy])
        .map(|p| p.display().to_string())
        .collect();
    args.extend(names.iter().map(String::as_str));
    let (code, out, err) = eduplan(&args);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("通知.eduplan——") && err.contains("不是EduPlan规划文件"),
        "{err}"
    );
    assert!(err.contains("同一区县"), "{err}");
    assert!(out.contains("东湖区") && out.contains("中山区"), "{out}");
}

fn harness(path: &Path, dialogs: &ScriptedDialogs) -> Harness<'static, EduPlanApp> {
    let path = path.to_owned();
    let dialogs = dialogs.clone();
    Harness::builder()
        .with_size([1366.0, 768.0])
        .with_max_steps(12)
        .build_eframe(move |cc| {
            EduPlanApp::for_tests_with(&cc.egui_ctx, &path, Box::new(dialogs.clone()))
        })
}

fn message(h: &Harness<'static, EduPlanApp>) -> String {
    h.state()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn the_city_view_opens_a_folder_keeps_its_settings_and_exports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = common::fixture_file(&dir);
    let folder = dir.path().join("各区县");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let files = district_files(&folder);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&plan, &dialogs);
    h.run();
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("市级汇总…").click();
    h.run();
    dialogs.answer(&folder);
    h.get_by_label("选择文件夹…").click();
    h.run();
    assert!(message(&h).contains("已比较5个区县"), "{}", message(&h));
    assert!(h.query_by_label("指标比较").is_some());

    let city = dir.path().join("市.eduplan-city");
    dialogs.answer(&city);
    h.get_by_label("新建市级汇总文件…").click();
    h.run();
    assert!(city.exists(), "{}", message(&h));

    let out = dir.path().join("通报.xlsx");
    dialogs.answer(&out);
    h.get_by_label("导出通报工作簿…").click();
    h.run();
    assert!(message(&h).contains("已导出"), "{}", message(&h));
    assert!(std::fs::read(&out).expect("written").starts_with(b"PK"));
    for f in &files {
        PlanFile::open(f).expect("district file not locked");
    }
}
