//! The command line, run as a user would run it.

use crate::common;

use std::process::Command;

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

#[test]
fn new_status_and_set_work_together() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("龙潭区 十四五规划.eduplan");
    let file = file.to_str().expect("utf-8 path");
    let (code, out, err) = eduplan(&["new", file, "--from", common::SAMPLE]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("33个指标"), "{out}");

    let (code, out, _) = eduplan(&["status", file, "--format", "tsv", "--year", "2024"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "指标\t单位\t基期值\t目标\t2024年\t完成进度\t序时进度\t评价\t灯色\t累计\t说明"
    );
    let row = lines
        .iter()
        .find(|l| l.starts_with("义务教育巩固率\t"))
        .expect("row");
    assert_eq!(
        *row,
        "义务教育巩固率\t%\t99.1\t保持在99%以上\t98.6\t—\t—\t滞后\t■红灯 预警\t—\t2024年外出务工家庭随迁转出学生增多，已逐一核实去向",
        "a binding floor breached is red and a warning, with no 完成进度"
    );
    let quota = lines
        .iter()
        .find(|l| l.starts_with("区级骨干教师培养\t"))
        .expect("row");
    assert!(
        quota.contains("\t65\t") && quota.contains("\t310\t"),
        "the year's completions and the running total: {quota}"
    );
    let red = lines
        .iter()
        .find(|l| l.starts_with("新建公办幼儿园\t"))
        .expect("row");
    assert!(red.contains("\t■红灯 预警\t"), "{red}");
    assert!(out.contains("\t未填报\t"), "a missing year shows as 未填报");

    let (code, out, err) = eduplan(&[
        "set",
        file,
        "--indicator",
        "义务教育巩固率",
        "--year",
        "2024",
        "--value",
        "９９.２%",
        "--note",
        "已核实",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("99.2") && out.contains("基本符合预期"),
        "{out}"
    );

    let (_, out, _) = eduplan(&["status", file, "--year", "2024", "--format", "tsv"]);
    assert!(
        out.contains(
            "义务教育巩固率\t%\t99.1\t保持在99%以上\t99.2\t—\t—\t基本符合预期\t●绿灯\t—\t已核实"
        ),
        "{out}"
    );

    let (code, out, _) = eduplan(&[
        "status",
        file,
        "--year",
        "2024",
        "--explain",
        "--format",
        "tsv",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .next()
            .is_some_and(|h| h.ends_with("\t判定依据")),
        "{out}"
    );
    assert!(out.contains("2024年99.2，不低于底线99"), "{out}");
    assert!(
        out.contains("2024年序时目标值94.2，实际93.6，慢于序时15个百分点"),
        "{out}"
    );

    let (_, out, _) = eduplan(&["status", file, "--year", "2022"]);
    assert!(out.contains("评估年度：2022年"));
}

#[test]
fn errors_are_clear_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let file = path.to_str().expect("utf-8 path");
    let before = std::fs::read(&path).expect("read");

    let (code, _, err) = eduplan(&[
        "set",
        file,
        "--indicator",
        "义务教育巩固率",
        "--year",
        "2024",
        "--value",
        "九十九",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("不是数字"), "{err}");
    let (code, _, err) = eduplan(&[
        "set",
        file,
        "--indicator",
        "巩固率",
        "--year",
        "2024",
        "--value",
        "99",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("义务教育巩固率"),
        "suggests the close name: {err}"
    );
    let (code, _, err) = eduplan(&[
        "set",
        file,
        "--indicator",
        "义务教育巩固率",
        "--year",
        "2030",
        "--value",
        "99",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("不在规划期"), "{err}");
    let (code, _, err) = eduplan(&["status", file, "--format", "csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("table 或 tsv"), "{err}");
    let (code, _, err) = eduplan(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("未知命令"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);

    let (code, _, err) = eduplan(&["new", file, "--from", common::SAMPLE]);
    assert_eq!(code, 1);
    assert!(err.contains("已存在"), "{err}");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "new never overwrites"
    );
}

#[test]
fn help_is_in_chinese() {
    let (code, out, _) = eduplan(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("用法") && out.contains("eduplan status"));
}

#[test]
fn template_for_one_unit_and_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let file = path.to_str().expect("utf-8 path");
    let out = dir.path().join("填报表.xlsx");
    let (code, stdout, err) = eduplan(&[
        "template",
        file,
        "-o",
        out.to_str().expect("utf-8"),
        "--year",
        "2024",
        "--unit",
        "计财科",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("1个指标"), "{stdout}");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).expect("xlsx");
    use calamine::Reader;
    let sheet = book.worksheet_range("填报表").expect("sheet");
    let names: Vec<String> = sheet
        .rows()
        .filter_map(|r| r.get(2).map(|c| c.to_string()))
        .collect();
    assert!(
        names.iter().any(|n| n == "生均一般公共预算教育经费"),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n == "义务教育巩固率"), "{names:?}");

    let (code, _, err) = eduplan(&[
        "template",
        file,
        "-o",
        out.to_str().expect("utf-8"),
        "--year",
        "2024",
        "--unit",
        "不存在的科室",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("可生成填报表的单位"), "{err}");

    assert_eq!(
        eduplan::cli::run(vec!["open".into(), path.clone().into_os_string()]),
        eduplan::cli::Outcome::Gui(Some(path.clone()))
    );
    assert_eq!(
        eduplan::cli::run(vec![path.clone().into_os_string()]),
        eduplan::cli::Outcome::Gui(Some(path))
    );
    assert_eq!(eduplan::cli::run(vec![]), eduplan::cli::Outcome::Gui(None));
}

#[test]
fn balance_reports_every_cv_and_school_and_says_when_there_is_no_school_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = common::sample_file(&dir);
    let (code, out, err) = eduplan(&[
        "balance",
        sample.to_str().expect("utf-8"),
        "--format",
        "tsv",
    ]);
    assert_eq!(code, 1, "some illustrative schools fall short: {err}");
    let first = out.lines().next().expect("header");
    assert_eq!(
        first,
        "指标\t学段\t校数\t均值\t标准差\t差异系数\t标准\t是否达标"
    );
    assert_eq!(
        out.lines().filter(|l| l.contains("\t≤0.")).count(),
        14,
        "7 indicators × 2 学段"
    );
    assert!(out.contains("龙潭区孤店子教学点\t不参与计算"), "{out}");
    assert!(
        out.lines()
            .last()
            .is_some_and(|l| l.contains("尚未达到优质均衡标准")),
        "{out}"
    );

    let (code, _, err) = eduplan(&["balance", sample.to_str().expect("utf-8"), "--year", "2021"]);
    assert_eq!(code, 2);
    assert!(err.contains("2023年、2024年"), "{err}");

    let dir2 = tempfile::tempdir().expect("tempdir");
    let fixture = common::fixture_file(&dir2);
    let (code, _, err) = eduplan(&["balance", fixture.to_str().expect("utf-8")]);
    assert_eq!(code, 1);
    assert!(err.contains("还没有学校数据"), "{err}");
}

fn eduplan_with_data(data: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_eduplan"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .env("APPDATA", data)
        .output()
        .expect("run eduplan");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn extract_prints_one_row_per_target_in_reading_order() {
    let text = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/extract/longtan.txt"
    );
    let (code, out, err) = eduplan(&["extract", text, "--format", "tsv"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "指标\t比较\t目标值\t单位\t年份\t类型\t章节\t原文\t位置"
    );
    assert_eq!(lines.len(), 32, "31 targets: {out}");
    let first: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(&first[..5], ["学前三年毛入园率", "≥", "90", "%", "2025"]);
    assert!(first[6].contains("（三）发展目标"), "{}", first[6]);
    assert!(first[7].contains("学前三年毛入园率达到90%以上"));
    assert_eq!(first[8], "第38行", "where the sentence is in the file");
    let range = lines
        .iter()
        .find(|l| l.contains("冰雪特色校"))
        .expect("range row");
    assert!(range.contains("\t3～5\t所\t"), "{range}");
    let (code, _, err) = eduplan(&["extract", "/nonexistent/规划.doc"]);
    assert_eq!(code, 1);
    assert!(err.contains(".docx"), "{err}");
}

#[test]
fn findings_compare_targets_with_the_national_and_the_officers_provincial_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = common::mid_course_sample_file(&dir);
    let file = file.to_str().expect("utf-8 path");
    let data = dir.path().join("data");
    let (code, out, _) = eduplan_with_data(&data, &["findings", file, "--format", "tsv"]);
    assert_eq!(code, 0, "notices only: {out}");
    assert!(
        out.contains("对标：规划中没有全国约束性指标“劳动年龄人口平均受教育年限”"),
        "{out}"
    );
    assert!(
        !out.contains("“学前三年毛入园率”的目标"),
        "90 meets the national 90%以上: {out}"
    );

    let (code, out, err) = eduplan_with_data(
        &data,
        &[
            "library",
            "add-target",
            "学前三年毛入园率",
            "--level",
            "province",
            "--target",
            "92",
            "--year",
            "2025",
            "--source",
            "省级规划（测试）",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("省级目标"), "{out}");
    let (_, out, _) = eduplan_with_data(&data, &["findings", file, "--format", "tsv"]);
    assert!(
        out.contains(
            "“学前三年毛入园率”的目标（2025年90%）低于省级目标（2025年92%，省级规划（测试））"
        ),
        "{out}"
    );
    // Shared with a colleague: export, then import into another data folder.
    let shared = dir.path().join("分享.json");
    let shared = shared.to_str().expect("utf-8 path");
    let (code, _, err) = eduplan_with_data(&data, &["library", "export", "-o", shared]);
    assert_eq!(code, 0, "{err}");
    let other = dir.path().join("other");
    let (code, _, err) = eduplan_with_data(&other, &["library", "import", shared]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = eduplan_with_data(&other, &["library", "--format", "tsv"]);
    assert!(
        out.lines()
            .any(|l| l.starts_with("preschool_gross_enrolment\t") && l.contains("92%")),
        "{out}"
    );
    // A foreign file is refused and changes nothing.
    std::fs::write(dir.path().join("坏.json"), "{\"x\":1}").expect("write");
    let bad = dir.path().join("坏.json");
    let (code, _, err) =
        eduplan_with_data(&other, &["library", "import", bad.to_str().expect("path")]);
    assert_eq!(code, 1);
    assert!(err.contains("不是EduPlan指标库文件"), "{err}");
}

/// Pages of a PDF as its page objects say (`/Type /Page`, not `/Pages`).
fn pdf_pages(bytes: &[u8]) -> usize {
    let needle = b"/Type /Page";
    bytes
        .windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
        .count()
}

#[test]
fn the_meeting_pages_go_out_as_a_pdf_one_page_per_slide() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = common::sample_file(&dir);
    let file = file.to_str().expect("utf-8 path");
    let pdf = dir.path().join("会议材料 2024.pdf");
    let (code, out, err) = eduplan(&[
        "meeting",
        file,
        "-o",
        pdf.to_str().expect("p"),
        "--year",
        "2024",
        "--date",
        "2024-12-31",
    ]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&pdf).expect("the pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    // As many pages as meeting mode shows (the sample: 64).
    let said: usize = out
        .split_once('（')
        .and_then(|(_, r)| r.split_once('页'))
        .and_then(|(n, _)| n.parse().ok())
        .expect("the page count is said");
    assert_eq!(pdf_pages(&bytes), said, "{out}");
    assert!(said > 30, "{out}");
    // The slides' text is embedded as text, in the subset CJK font.
    assert!(bytes.windows(10).any(|w| w == b"/ToUnicode"));

    // Never over the plan, a workbook, or under a name that is not .pdf.
    let before = std::fs::read(file).expect("plan");
    for bad in [
        file.to_owned(),
        dir.path().join("x.xlsx").display().to_string(),
    ] {
        let (code, _, err) = eduplan(&["meeting", file, "-o", &bad]);
        assert_eq!(code, 1, "{bad}");
        assert!(err.contains("PDF") || err.contains(".pdf"), "{err}");
    }
    let notes = dir.path().join("会议纪要.pdf");
    std::fs::write(&notes, "不是PDF的文件").expect("write");
    let (code, _, err) = eduplan(&["meeting", file, "-o", notes.to_str().expect("p")]);
    assert_eq!(code, 1);
    assert!(err.contains("不能覆盖"), "{err}");
    assert_eq!(
        std::fs::read(&notes).expect("kept"),
        "不是PDF的文件".as_bytes()
    );
    assert_eq!(std::fs::read(file).expect("plan"), before);
}

/// `eduplan status … | head`: the reader closes the pipe before the command has printed
/// everything; the command stops quietly instead of reporting a crash.
#[test]
fn a_closed_output_pipe_stops_the_command_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = common::sample_file(&dir);
    let mut child = Command::new(env!("CARGO_BIN_EXE_eduplan"))
        .args(["status", file.to_str().expect("utf-8")])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start");
    drop(child.stdout.take()); // the reader is gone before the first line is printed
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
