//! Exchange under real-world input: percentages typed the Excel way, outputs that must not
//! destroy a plan, hostile or oversized tables, rows sorted out of line, counts that do not
//! add up, read-only plans, and the command line's import.

use crate::common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use calamine::Data;
use common::book::*;
use eduplan::exchange::import::{MAX_PROBLEMS_LISTED, preview_import};
use eduplan::exchange::template::write_template;
use eduplan::storage::PlanFile;

fn fixture_and_template(dir: &tempfile::TempDir) -> (PathBuf, PathBuf) {
    let path = common::fixture_file(dir);
    let plan = PlanFile::open(&path).expect("open").load().expect("load");
    let template = dir.path().join("2024年填报表.xlsx");
    write_template(&plan, 2024, None, &template).expect("template");
    (path, template)
}

fn load(path: &Path) -> eduplan::domain::Plan {
    PlanFile::read_only(path)
        .expect("open")
        .load()
        .expect("load")
}

fn eduplan(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_eduplan"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run eduplan");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn a_percentage_typed_the_excel_way_is_read_as_a_percentage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = fixture_and_template(&dir);
    let plan = load(&path);

    // "95.5%" typed into a cell: Excel stores 0.955 with a % number format.
    let typed = dir.path().join("带百分号.xlsx");
    resave_formatted(&template, &typed, |rows| {
        let r = row_of(rows, "学前三年毛入园率");
        rows[r][6] = Data::Float(0.955);
        vec![(r, 6)]
    });
    let preview = preview_import(&plan, std::slice::from_ref(&typed), Some(2024));
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    let change = preview
        .changes
        .iter()
        .find(|c| c.name == "学前三年毛入园率")
        .expect("a change");
    assert_eq!(change.new, "95.5");

    // 0.955 without the format is most likely a slip: a problem, not a silent 0.955 %.
    let bare = dir.path().join("小数.xlsx");
    resave(&template, &bare, |rows| {
        let r = row_of(rows, "学前三年毛入园率");
        rows[r][6] = Data::Float(0.955);
    });
    let preview = preview_import(&plan, &[bare], Some(2024));
    assert!(!preview.can_apply());
    assert!(
        preview
            .problems
            .iter()
            .any(|p| p.contains("是否漏填了百分号之前的数字")),
        "{:?}",
        preview.problems
    );

    // A % format on a count is refused.
    let counted = dir.path().join("人数百分比.xlsx");
    resave_formatted(&template, &counted, |rows| {
        let r = row_of(rows, "骨干教师培养");
        rows[r][6] = Data::Float(0.4);
        vec![(r, 6)]
    });
    let preview = preview_import(&plan, &[counted], Some(2024));
    assert!(
        preview.problems.iter().any(|p| p.contains("百分比格式")),
        "{:?}",
        preview.problems
    );
}

#[test]
fn export_and_template_never_overwrite_a_plan_or_another_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let before = std::fs::read(&path).expect("read");

    let (code, _, err) = eduplan(&["export", s(&path), "-o", s(&path)]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(".xlsx"), "{err}");
    let disguised = dir.path().join("伪装成表格.xlsx");
    std::fs::copy(&path, &disguised).expect("copy");
    let disguised_before = std::fs::read(&disguised).expect("read");
    let (code, _, err) = eduplan(&["export", s(&path), "-o", s(&disguised)]);
    assert_eq!(code, 1);
    assert!(err.contains("不是Excel工作簿"), "{err}");
    let (code, _, err) = eduplan(&[
        "template",
        s(&path),
        "-o",
        s(&dir.path().join("说明.txt")),
        "--year",
        "2024",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains(".xlsx"), "{err}");

    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the plan is untouched"
    );
    assert_eq!(std::fs::read(&disguised).expect("read"), disguised_before);
    assert_eq!(load(&path).indicators.len(), 5, "and still opens");

    // A workbook may be replaced by a newer export.
    let out = dir.path().join("监测表.xlsx");
    for _ in 0..2 {
        let (code, _, err) = eduplan(&["export", s(&path), "-o", s(&out), "--year", "2023"]);
        assert_eq!(code, 0, "{err}");
    }
}

/// Add a cell to one sheet of a workbook by editing its XML, as a hostile or broken file has.
fn with_extra_cell(src: &Path, dst: &Path, sheet_member: &str, cell_xml: &str) {
    rewrite_zip(src, dst, |name, bytes| {
        if name != sheet_member {
            return bytes;
        }
        let xml = String::from_utf8(bytes).expect("xml");
        xml.replace("</sheetData>", &format!("{cell_xml}</sheetData>"))
            .into_bytes()
    });
}

fn rewrite_zip(src: &Path, dst: &Path, change: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(src).expect("open")).expect("zip");
    let mut zout = zip::ZipWriter::new(std::fs::File::create(dst).expect("create"));
    for i in 0..zin.len() {
        let mut member = zin.by_index(i).expect("member");
        let name = member.name().expect("member name").to_string();
        let mut bytes = Vec::new();
        member.read_to_end(&mut bytes).expect("read");
        zout.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start");
        zout.write_all(&change(&name, bytes)).expect("write");
    }
    zout.finish().expect("finish");
}

const FAR_CORNER_EMPTY: &str =
    r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t></t></is></c></row>"#;
const FAR_CORNER_VALUE: &str = r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#;

#[test]
fn a_cell_in_the_far_corner_of_a_sheet_is_read_without_harm() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = fixture_and_template(&dir);
    let plan = load(&path);
    // sheet1 is the fill-in sheet, sheet2 the hidden identification sheet.
    for (member, cell, problem) in [
        ("xl/worksheets/sheet1.xml", FAR_CORNER_EMPTY, None),
        ("xl/worksheets/sheet1.xml", FAR_CORNER_VALUE, Some("XFD列")),
        ("xl/worksheets/sheet2.xml", FAR_CORNER_EMPTY, None),
        ("xl/worksheets/sheet2.xml", FAR_CORNER_VALUE, None),
    ] {
        let out = dir.path().join("角落.xlsx");
        with_extra_cell(&template, &out, member, cell);
        let preview = preview_import(&plan, &[out], Some(2024));
        match problem {
            Some(words) => assert!(
                preview.problems.iter().any(|p| p.contains(words)),
                "{member}: {:?}",
                preview.problems
            ),
            None => assert!(
                preview.problems.is_empty(),
                "{member}: {:?}",
                preview.problems
            ),
        }
    }
}

#[test]
fn the_regression_files_from_fuzzing_give_a_clear_answer() {
    let plan = common::fixture_plan();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    // These two aborted the program with a 512 GiB allocation before the reader streamed cells.
    let far_value = preview_import(
        &plan,
        &[dir.join("regress-xfd1048576-fill-sheet.xlsx")],
        Some(2024),
    );
    assert!(
        far_value
            .problems
            .iter()
            .any(|p| p.contains("第1048576行XFD列")),
        "{:?}",
        far_value.problems
    );
    let far_empty = preview_import(
        &plan,
        &[dir.join("regress-xfd1048576-meta-sheet.xlsx")],
        Some(2024),
    );
    assert!(far_empty.problems.is_empty(), "{:?}", far_empty.problems);
    assert!(
        far_empty.changes.is_empty(),
        "an untouched table changes nothing"
    );
}

/// Writes the regression files above from the fixture plan (run with `--ignored` to re-make).
#[test]
#[ignore]
fn make_regression_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let template = dir.path().join("t.xlsx");
    write_template(&common::fixture_plan(), 2024, None, &template).expect("template");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    with_extra_cell(
        &template,
        &out.join("regress-xfd1048576-fill-sheet.xlsx"),
        "xl/worksheets/sheet1.xml",
        FAR_CORNER_VALUE,
    );
    with_extra_cell(
        &template,
        &out.join("regress-xfd1048576-meta-sheet.xlsx"),
        "xl/worksheets/sheet2.xml",
        FAR_CORNER_EMPTY,
    );
}

#[test]
fn an_oversized_archive_is_refused_before_it_is_unpacked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = fixture_and_template(&dir);
    let plan = load(&path);
    let bomb = dir.path().join("炸弹.xlsx");
    let zeros = vec![0u8; 1 << 20];
    rewrite_zip(&template, &bomb, |name, bytes| {
        if name == "xl/sharedStrings.xml" {
            let mut big = bytes;
            for _ in 0..100 {
                big.extend_from_slice(&zeros);
            }
            big
        } else {
            bytes
        }
    });
    assert!(
        std::fs::metadata(&bomb).expect("meta").len() < 2 << 20,
        "small on disk"
    );
    let preview = preview_import(&plan, &[bomb], Some(2024));
    assert_eq!(preview.problem_count, 1, "{:?}", preview.problems);
    assert!(
        preview.problems[0].contains("远大于一张填报表"),
        "{:?}",
        preview.problems
    );
}

#[test]
fn thousands_of_problems_are_counted_but_only_the_first_are_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = fixture_and_template(&dir);
    let plan = load(&path);
    let noisy = dir.path().join("很多问题.xlsx");
    resave(&template, &noisy, |rows| {
        for i in 0..3000 {
            let mut row = vec![Data::Empty; 11];
            row[0] = Data::String(format!("不存在:{i}"));
            rows.push(row);
        }
    });
    let preview = preview_import(&plan, &[noisy], Some(2024));
    assert_eq!(preview.problem_count, 3000);
    assert_eq!(preview.problems.len(), MAX_PROBLEMS_LISTED);
    let shown = preview.problems_for_display();
    assert_eq!(shown.last().map(String::as_str), Some("……另有2,800处问题"));
    assert!(!preview.can_apply());
}

#[test]
fn rows_sorted_on_their_visible_columns_only_are_caught() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = fixture_and_template(&dir);
    let plan = load(&path);
    let sorted = dir.path().join("只排了可见列.xlsx");
    resave(&template, &sorted, |rows| {
        let a = row_of(rows, "学前三年毛入园率");
        let b = row_of(rows, "义务教育巩固率");
        rows[a][6] = Data::Float(99.6);
        rows[b][6] = Data::Float(91.0);
        // Swap everything but the hidden id in column A.
        let (lo, hi) = (a.min(b), a.max(b));
        let (first, second) = rows.split_at_mut(hi);
        first[lo][1..].swap_with_slice(&mut second[0][1..]);
    });
    let preview = preview_import(&plan, &[sorted], Some(2024));
    assert!(!preview.can_apply());
    assert!(
        preview.problems.iter().any(|p| p.contains("隐藏编号属于")),
        "{:?}",
        preview.problems
    );
}

#[test]
fn counts_are_checked_like_a_typed_value() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = fixture_and_template(&dir);
    let plan = load(&path);
    for (numerator, denominator, value, words) in [
        (1200.0, 1000.0, None, "不能大于100"),
        (990.0, 0.0, None, "分母必须大于0"),
        (990.5, 1000.0, None, "应为整数"),
        (990.0, 1000.0, Some(99.6), "不一致"),
    ] {
        let out = dir.path().join("计数.xlsx");
        resave(&template, &out, |rows| {
            let r = row_of(rows, "义务教育巩固率");
            rows[r][7] = Data::Float(numerator);
            rows[r][8] = Data::Float(denominator);
            if let Some(v) = value {
                rows[r][6] = Data::Float(v);
            }
        });
        let preview = preview_import(&plan, &[out], Some(2024));
        assert!(!preview.can_apply(), "{numerator}/{denominator}");
        assert!(
            preview.problems.iter().any(|p| p.contains(words)),
            "{numerator}/{denominator}: {:?}",
            preview.problems
        );
    }
    // Counts that agree with the value go in.
    let good = dir.path().join("计数一致.xlsx");
    resave(&template, &good, |rows| {
        let r = row_of(rows, "义务教育巩固率");
        rows[r][6] = Data::Float(99.0);
        rows[r][7] = Data::Float(990.0);
        rows[r][8] = Data::Float(1000.0);
    });
    let preview = preview_import(&plan, &[good], Some(2024));
    assert!(preview.can_apply(), "{:?}", preview.problems);
}

#[cfg(unix)]
fn make_read_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
}

#[cfg(not(unix))]
fn make_read_only(path: &Path) {
    let mut p = std::fs::metadata(path).expect("meta").permissions();
    p.set_readonly(true);
    std::fs::set_permissions(path, p).expect("set read-only");
}

#[test]
fn a_read_only_plan_is_viewed_and_exported_but_never_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    make_read_only(&path);
    let before = std::fs::read(&path).expect("read");

    let (code, out, err) = eduplan(&["status", s(&path), "--format", "tsv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("义务教育巩固率"));
    let xlsx = dir.path().join("只读规划导出.xlsx");
    let (code, _, err) = eduplan(&["export", s(&path), "-o", s(&xlsx)]);
    assert_eq!(code, 0, "{err}");
    assert!(xlsx.exists());
    let (code, _, err) = eduplan(&[
        "set",
        s(&path),
        "--indicator",
        "义务教育巩固率",
        "--year",
        "2024",
        "--value",
        "99.5",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("只读") && err.contains("另存为"), "{err}");
    assert!(
        !err.contains("损坏"),
        "a healthy file is not called damaged: {err}"
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn the_command_line_import_is_tied_to_a_year_and_a_refusal_is_not_success() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = fixture_and_template(&dir);
    let returned = dir.path().join("交回.xlsx");
    resave(&template, &returned, |rows| {
        let r = row_of(rows, "骨干教师培养");
        rows[r][6] = Data::Float(45.0);
    });
    let before = std::fs::read(&path).expect("read");

    let (code, _, err) = eduplan(&["import", s(&path), s(&returned), "--year", "2023", "--yes"]);
    assert_eq!(code, 1);
    assert!(err.contains("2024年的填报表"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);

    // Declined at the prompt: nothing written, exit 1; the file is not locked meanwhile.
    let mut child = Command::new(env!("CARGO_BIN_EXE_eduplan"))
        .args(["import", s(&path), s(&returned), "--year", "2024"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut seen = Vec::new();
    let mut buf = [0u8; 256];
    while !String::from_utf8_lossy(&seen).contains("确认写入") {
        let n = stdout.read(&mut buf).expect("read prompt");
        assert!(n > 0, "the prompt appears");
        seen.extend_from_slice(&buf[..n]);
    }
    let other_window = PlanFile::open(&path);
    assert!(other_window.is_ok(), "the prompt does not hold the lock");
    drop(other_window);
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all("n\n".as_bytes())
        .expect("answer");
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(1));
    assert_eq!(
        load(&path)
            .indicator_by_name("骨干教师培养")
            .and_then(|i| i.actual_value(2024)),
        None
    );

    let (code, out, err) = eduplan(&["import", s(&path), s(&returned), "--year", "2024", "--yes"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已导入1处改动"), "{out}");
}

/// A small deterministic generator, so that every failing case can be re-made from its number.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut XorShift, bytes: Vec<u8>) -> Vec<u8> {
    let mut b = bytes;
    match rng.below(7) {
        0 => {
            for _ in 0..=rng.below(8) {
                let i = rng.below(b.len());
                if let Some(x) = b.get_mut(i) {
                    *x ^= 1 << rng.below(8);
                }
            }
        }
        1 => b.truncate(rng.below(b.len())),
        2 => {
            let start = rng.below(b.len());
            let end = (start + rng.below(200)).min(b.len());
            let span = b[start..end].to_vec();
            let at = rng.below(b.len());
            b.splice(at..at, span);
        }
        3 => {
            let start = rng.below(b.len());
            let end = (start + rng.below(200)).min(b.len());
            b.drain(start..end);
        }
        4 | 5 => {
            // A cell at a random, possibly enormous, position with a random value.
            let columns = ["A", "G", "K", "Z", "AA", "XFD", "XFE", "ZZZZ"];
            let col = columns[rng.below(columns.len())];
            let row: u64 = [1, 4, 5000, 70000, 1_048_576, 1_048_577, 4_294_967_295][rng.below(7)];
            let value = ["", "1", "-1e308", "NaN", "0.955", "99999999999999999999"][rng.below(6)];
            let cell = format!(r#"<row r="{row}"><c r="{col}{row}"><v>{value}</v></c></row>"#);
            let xml = String::from_utf8_lossy(&b).into_owned();
            b = xml
                .replacen("</sheetData>", &format!("{cell}</sheetData>"), 1)
                .into_bytes();
        }
        _ => {
            // A digit changed: ids, sizes, style indexes, shared-string indexes.
            let digits: Vec<usize> = b
                .iter()
                .enumerate()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            if !digits.is_empty() {
                let i = digits[rng.below(digits.len())];
                b[i] = b'0' + rng.below(10) as u8;
            }
        }
    }
    b
}

/// Mutates a real template's zip members and cell XML; the reader must answer every case
/// with changes or problems, never a crash. Bounded so that `cargo test` stays quick; raise
/// EDUPLAN_FUZZ_CASES to search longer. A case that fails is saved for a regression file.
#[test]
fn mutated_fill_in_tables_never_crash_the_reader() {
    let cases: u64 = std::env::var("EDUPLAN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = fixture_and_template(&dir);
    let plan = load(&path);
    let members = [
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
        "xl/workbook.xml",
        "[Content_Types].xml",
        "xl/_rels/workbook.xml.rels",
    ];
    for case in 0..cases {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15 ^ (case + 1).wrapping_mul(0x2545_F491));
        let target = members[rng.below(members.len())];
        let out = dir.path().join(format!("变异{case}.xlsx"));
        rewrite_zip(&template, &out, |name, bytes| {
            if name == target {
                mutate(&mut XorShift(rng.0 ^ 0xABCD), bytes)
            } else {
                bytes
            }
        });
        let result = std::panic::catch_unwind(|| {
            preview_import(&plan, std::slice::from_ref(&out), Some(2024))
        });
        let Ok(preview) = result else {
            let keep = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("target/fuzz-crash-{case}.xlsx"));
            let _ = std::fs::copy(&out, &keep);
            panic!(
                "case {case} ({target}) crashed the reader; saved as {}",
                keep.display()
            );
        };
        if preview.can_apply() {
            assert_eq!(preview.problem_count, 0);
            for c in &preview.changes {
                assert!(
                    c.indicator.is_some_and(|id| plan.indicator(id).is_some()),
                    "case {case}: {c:?}"
                );
            }
        }
        let _ = std::fs::remove_file(&out);
    }
}

#[test]
fn two_tables_that_disagree_on_a_cell_are_a_problem_and_agreeing_ones_count_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = fixture_and_template(&dir);
    let plan = load(&path);
    let fill = |name: &str, value: f64| {
        let out = dir.path().join(name);
        resave(&template, &out, |rows| {
            let r = row_of(rows, "学前三年毛入园率");
            rows[r][6] = Data::Float(value);
        });
        out
    };
    let a = fill("甲.xlsx", 90.0);
    let same = fill("乙.xlsx", 90.0);
    let close = fill("丙.xlsx", 90.004);
    let preview = preview_import(&plan, &[a.clone(), same], Some(2024));
    assert!(preview.can_apply(), "{:?}", preview.problems);
    assert_eq!(preview.changes.len(), 1, "the same value twice counts once");
    // Values are compared as numbers, not as they print: 90 and 90.004 differ.
    let preview = preview_import(&plan, &[a, close], Some(2024));
    assert!(!preview.can_apply());
    assert!(
        preview
            .problems
            .iter()
            .any(|p| p.contains("甲.xlsx") && p.contains("丙.xlsx")),
        "{:?}",
        preview.problems
    );
}

/// A problem list as an inspection sends it: a header and one row, the 整改时限 a date cell.
fn problem_list_book(path: &Path, due_serial: f64) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in [
        "序号",
        "问题描述",
        "整改措施",
        "责任单位",
        "责任人",
        "整改时限",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("header");
    }
    ws.write_number(1, 0, 1.0).expect("cell");
    ws.write_string(1, 1, "部分学校功能室不足").expect("cell");
    ws.write_string(1, 2, "增建功能室").expect("cell");
    ws.write_string(1, 3, "计财科").expect("cell");
    ws.write_string(1, 4, "张科长").expect("cell");
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    ws.write_number_with_format(1, 5, due_serial, &date)
        .expect("cell");
    wb.save(path).expect("save");
}

#[test]
fn a_date_far_outside_the_calendar_is_a_problem_not_a_crash() {
    use eduplan::domain::commitments::RectificationSource;
    use eduplan::exchange::problem_list::preview_problem_list;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let plan = load(&path);
    for (n, serial) in [1e300, -5.0, 3_000_000.0, 45_000.5].into_iter().enumerate() {
        let book = dir.path().join(format!("问题清单{n}.xlsx"));
        problem_list_book(&book, serial);
        let preview = std::panic::catch_unwind(|| {
            preview_problem_list(
                &plan,
                &book,
                "2024年督导",
                RectificationSource::Inspection,
                None,
            )
        })
        .unwrap_or_else(|_| panic!("{serial} crashed the problem-list reader"));
        if serial == 45_000.5 {
            assert_eq!(preview.problem_count, 0, "{:?}", preview.problems);
        } else {
            assert!(
                preview.problems.iter().any(|p| p.contains("整改时限")),
                "{serial}: {:?}",
                preview.problems
            );
        }
    }
}

/// The shared-string table may claim any count; the xlsx reader would reserve room for it
/// before reading a string (4294967295 aborts the process). Every reader refuses it first.
#[test]
fn a_shared_string_table_that_lies_about_its_size_is_refused_by_every_reader() {
    use eduplan::domain::commitments::RectificationSource;
    use eduplan::exchange::problem_list::preview_problem_list;
    use eduplan::exchange::schools::preview_school_import;
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = fixture_and_template(&dir);
    let plan = load(&path);
    let lying = dir.path().join("字符串表.xlsx");
    rewrite_zip(&template, &lying, |name, bytes| {
        if name != "xl/sharedStrings.xml" {
            return bytes;
        }
        let xml = String::from_utf8(bytes).expect("xml");
        let start = xml.find("uniqueCount=\"").expect("uniqueCount") + "uniqueCount=\"".len();
        let end = start + xml[start..].find('"').expect("quote");
        format!("{}4294967295{}", &xml[..start], &xml[end..]).into_bytes()
    });
    let said = |problems: &[String]| problems.iter().any(|p| p.contains("字符串表"));
    let preview = preview_import(&plan, std::slice::from_ref(&lying), Some(2024));
    assert!(said(&preview.problems), "{:?}", preview.problems);
    let preview = preview_school_import(&plan, std::slice::from_ref(&lying), Some(2024));
    assert!(said(&preview.problems), "{:?}", preview.problems);
    let preview =
        preview_problem_list(&plan, &lying, "督导", RectificationSource::Inspection, None);
    assert!(said(&preview.problems), "{:?}", preview.problems);
}

/// The same mutations as above, fed to the school-data and problem-list readers.
#[test]
fn mutated_school_tables_and_problem_lists_never_crash_their_readers() {
    use eduplan::domain::commitments::RectificationSource;
    use eduplan::exchange::problem_list::preview_problem_list;
    use eduplan::exchange::schools::{preview_school_import, write_school_template};
    let cases: u64 = std::env::var("EDUPLAN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let plan = load(&path);
    let schools = dir.path().join("学校数据.xlsx");
    write_school_template(&plan, 2024, &schools).expect("school table");
    let problems = dir.path().join("问题清单.xlsx");
    problem_list_book(&problems, 45_600.0);
    let members = [
        "xl/worksheets/sheet1.xml",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
        "xl/workbook.xml",
    ];
    for case in 0..cases {
        let mut rng = XorShift(0x51_7CC1_B727_220A ^ (case + 1).wrapping_mul(0x2545_F491));
        let target = members[rng.below(members.len())];
        let source = if case % 2 == 0 { &schools } else { &problems };
        let out = dir.path().join(format!("变异{case}.xlsx"));
        rewrite_zip(source, &out, |name, bytes| {
            if name == target {
                mutate(&mut XorShift(rng.0 ^ 0x1234), bytes)
            } else {
                bytes
            }
        });
        let outcome = std::panic::catch_unwind(|| {
            if case % 2 == 0 {
                let p = preview_school_import(&plan, std::slice::from_ref(&out), Some(2024));
                p.problem_count + p.changes.len()
            } else {
                let p = preview_problem_list(
                    &plan,
                    &out,
                    "督导",
                    RectificationSource::Inspection,
                    None,
                );
                p.problem_count + p.items.len()
            }
        });
        if outcome.is_err() {
            let keep = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("target/fuzz-crash-{case}.xlsx"));
            let _ = std::fs::copy(&out, &keep);
            panic!(
                "case {case} ({target}) crashed a reader; saved as {}",
                keep.display()
            );
        }
        let _ = std::fs::remove_file(&out);
    }
}
