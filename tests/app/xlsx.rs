//! The workbook that goes up, read back as a spreadsheet program would; the fill-in round
//! trip done as a unit would do it in Excel; and every kind of bad input.

use crate::common;

use std::io::Write;
use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::book::*;
use eduplan::exchange::import::preview_import;
use eduplan::exchange::template::write_template;
use eduplan::exchange::xlsx_export::export_workbook;
use eduplan::storage::PlanFile;

/// Tasks and 整改 items in the exported workbook are judged on this day.
const AS_OF: eduplan::domain::Date = jiff::civil::date(2024, 12, 31);

#[test]
fn the_exported_workbook_has_the_layouts_and_values_the_city_expects() {
    let plan = common::sample_plan();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("龙潭区 2024年监测.xlsx");
    export_workbook(&plan, 2024, AS_OF, &out).expect("export");
    let mut book: Xlsx<_> = open_workbook(&out).expect("readable xlsx");
    assert_eq!(
        book.sheet_names(),
        [
            "主要指标表",
            "指标监测表",
            "重点任务台账",
            "图表",
            "资源配置指标表",
            "差异系数表",
            "整改台账"
        ],
        "the sample has school data and 整改 items, so the 优质均衡 sheets and the ledger follow"
    );
    let cv = book.worksheet_range("差异系数表").expect("sheet");
    let r = (3..cv.height() as u32)
        .find(|r| {
            text(&cell(&cv, *r, 1)) == "生均教学仪器设备值" && text(&cell(&cv, *r, 2)) == "小学"
        })
        .expect("row");
    let Data::Float(value) = cell(&cv, r, 6) else {
        panic!("the 差异系数 is a number");
    };
    assert!(value > 0.0 && value < 1.0, "{value}");
    let schools = book.worksheet_range("资源配置指标表").expect("sheet");
    assert_eq!(text(&cell(&schools, 3, 1)), "国家标准（小学）");
    assert_eq!(
        cell(&schools, 3, 9),
        Data::Float(2000.0),
        "生均仪器设备 standard"
    );

    let main = book.worksheet_range("主要指标表").expect("sheet");
    assert_eq!(
        text(&cell(&main, 0, 0)),
        "龙潭区教育事业发展“十四五”规划主要指标"
    );
    assert_eq!(text(&cell(&main, 1, 0)), "填报单位：龙潭区教育局");
    assert_eq!(text(&cell(&main, 1, 4)), "评估年度：2024年");
    let header: Vec<String> = (0..7).map(|c| text(&cell(&main, 2, c))).collect();
    assert_eq!(
        header,
        [
            "序号",
            "类别",
            "指标",
            "单位",
            "2020年\n（基期）",
            "2025年\n（目标）",
            "属性"
        ]
    );
    let r = find_row(&main, 2, "学前三年毛入园率");
    assert_eq!(
        cell(&main, r, 4),
        Data::Float(87.5),
        "base stored as a number"
    );
    assert_eq!(
        text(&cell(&main, r, 5)),
        "90%以上",
        "target as the plan words it"
    );
    assert_eq!(text(&cell(&main, r, 1)), "一、学前教育");
    let r = find_row(&main, 2, "本科及以上学历教师比例");
    assert_eq!(text(&cell(&main, r, 5)), "2023年达到80%（2023年）");
    let merged = book
        .merge_cells_by_sheet_name("主要指标表")
        .expect("merges");
    assert!(
        merged.iter().any(|d| d.start == (0, 0) && d.end == (0, 6)),
        "title merged over the table: {merged:?}"
    );

    let mon = book.worksheet_range("指标监测表").expect("sheet");
    assert_eq!(
        text(&cell(&mon, 0, 0)),
        "龙潭区教育事业发展“十四五”规划主要指标监测表（2024年度）"
    );
    let header: Vec<String> = (0..21).map(|c| text(&cell(&mon, 2, c))).collect();
    assert_eq!(
        header,
        [
            "序号",
            "类别",
            "指标",
            "单位",
            "属性",
            "2020\n基期",
            "2021",
            "2022",
            "2023",
            "2024",
            "截至2024\n累计",
            "2025\n目标值",
            "目标表述",
            "完成进度%",
            "序时进度%",
            "评价",
            "灯色",
            "判定依据",
            "说明",
            "数据来源",
            "责任科室"
        ]
    );
    let r = find_row(&mon, 2, "学前三年毛入园率");
    assert_eq!(cell(&mon, r, 9), Data::Float(91.2));
    assert_eq!(cell(&mon, r, 11), Data::Float(90.0), "target is a number");
    assert_eq!(
        text(&cell(&mon, r, 12)),
        "90%以上",
        "the wording in a cell of its own"
    );
    assert_eq!(cell(&mon, r, 14), Data::Float(80.0));
    assert_eq!(text(&cell(&mon, r, 15)), "提前实现");
    assert!(text(&cell(&mon, r, 17)).contains("已达到目标90"));
    let main_number = cell(&main, find_row(&main, 2, "义务教育近视率"), 0);
    assert_eq!(
        cell(&mon, find_row(&mon, 2, "义务教育近视率"), 0),
        main_number,
        "both tables number an indicator the same"
    );
    let r = find_row(&mon, 2, "义务教育巩固率");
    assert_eq!(text(&cell(&mon, r, 13)), "—", "a floor has no 完成进度");
    assert_eq!(text(&cell(&mon, r, 16)), "■红灯\n预警");
    assert!(text(&cell(&mon, r, 17)).contains("低于底线（99）0.4个百分点"));
    let r = find_row(&mon, 2, "新建公办幼儿园");
    assert_eq!(text(&cell(&mon, r, 16)), "■红灯\n预警");
    assert_eq!(cell(&mon, r, 10), Data::Float(1.0), "the running total");
    assert!(
        text(&cell(&mon, r, 18)).contains("用地手续"),
        "the note goes up with the red light"
    );
    let r = find_row(&mon, 2, "区级骨干教师培养");
    assert_eq!(
        cell(&mon, r, 9),
        Data::Float(65.0),
        "the year's completions"
    );
    assert_eq!(
        cell(&mon, r, 10),
        Data::Float(310.0),
        "and the running total"
    );
    let r = find_row(&mon, 2, "校本管理机制改革试点学校");
    assert_eq!(text(&cell(&mon, r, 15)), "未填报");
    assert_eq!(cell(&mon, r, 9), Data::Empty, "missing is blank, not 0");
    let r = find_row(&mon, 2, "义务教育近视率");
    assert_eq!(
        cell(&mon, r, 11),
        Data::Float(42.0),
        "a change target resolves to a level"
    );
    assert_eq!(text(&cell(&mon, r, 12)), "下降10个百分点");
    let footer: String = (0..mon.height() as u32)
        .map(|r| text(&cell(&mon, r, 0)))
        .collect();
    assert!(
        footer.contains("快于预期") && footer.contains("填表人"),
        "rules and signature line"
    );

    let tasks = book.worksheet_range("重点任务台账").expect("sheet");
    let header: Vec<String> = (0..10).map(|c| text(&cell(&tasks, 2, c))).collect();
    assert_eq!(
        header,
        [
            "序号",
            "章节",
            "重点任务",
            "具体措施",
            "牵头单位",
            "责任单位",
            "完成时限",
            "年度进展",
            "完成状态",
            "备注"
        ]
    );
    let r = find_row(&tasks, 2, "实施“嘉树工程”");
    assert_eq!(
        text(&cell(&tasks, r, 8)),
        "推进中（滞后）",
        "the officer's 滞后 stays beside the state of the day"
    );
    assert!(text(&cell(&tasks, r, 7)).contains("310人"));

    let charts = book.worksheet_range("图表").expect("sheet");
    assert_eq!(text(&cell(&charts, 4, 0)), "提前实现");
    assert_eq!(cell(&charts, 4, 1), Data::Float(10.0));
    // No cell anywhere holds an error value.
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        assert!(
            range
                .used_cells()
                .all(|(_, _, d)| !matches!(d, Data::Error(_))),
            "{name}"
        );
    }
    // Native charts are in the file.
    let zip = zip::ZipArchive::new(std::fs::File::open(&out).expect("open")).expect("zip");
    let charts = zip
        .file_names()
        .filter(|n| n.as_ref().is_ok_and(|n| n.starts_with("xl/charts/chart")))
        .count();
    assert!(
        charts >= 3,
        "status chart and key indicator charts: {charts}"
    );
}

#[test]
fn export_to_a_path_that_cannot_be_written_says_so_and_leaves_nothing() {
    let plan = common::sample_plan();
    let dir = tempfile::tempdir().expect("tempdir");
    let err = export_workbook(
        &plan,
        2024,
        AS_OF,
        &dir.path().join("不存在的文件夹").join("a.xlsx"),
    )
    .expect_err("no folder");
    assert!(err.to_string().contains("文件夹不存在"), "{err}");
    let folder_in_the_way = dir.path().join("同名文件夹.xlsx");
    std::fs::create_dir(&folder_in_the_way).expect("mkdir");
    let err = export_workbook(&plan, 2024, AS_OF, &folder_in_the_way)
        .expect_err("a folder is in the way");
    assert!(err.to_string().contains("无法写入"), "{err}");
    let read_only = dir.path().join("只读.xlsx");
    std::fs::write(&read_only, b"old").expect("write");
    let mut perms = std::fs::metadata(&read_only).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&read_only, perms).expect("chmod");
    let err = export_workbook(&plan, 2024, AS_OF, &read_only).expect_err("read-only file");
    assert!(err.to_string().contains("只读"), "{err}");
    assert_eq!(std::fs::read(&read_only).expect("read"), b"old");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left.len(), 2, "no temporary file left behind: {left:?}");
}

/// Re-save a fill-in table the way a user's spreadsheet program would, changing rows on the way.
#[test]
fn a_filled_template_imports_in_one_step_and_twice_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = sample_file_and_template(&dir);
    let returned = dir.path().join("交回 基础教育科.xlsx");
    resave(&template, &returned, |rows| {
        let r = row_of(rows, "义务教育巩固率");
        rows[r][6] = Data::String("99.3%".into()); // typed as text
        rows[r][9] = Data::String("已核实转出学生去向".into());
        let r = row_of(rows, "学前三年毛入园率");
        rows[r][6] = Data::String(" 92.5 ".into());
        rows[r][7] = Data::Float(3700.0);
        rows[r][8] = Data::Float(4000.0);
        let r = row_of(rows, "区级骨干教师培养");
        rows[r][6] = Data::Float(80.0);
        // Re-sorted rows and extra blank rows, as people do in Excel or WPS.
        let header_end = 3;
        rows[header_end..].reverse();
        rows.insert(header_end + 2, vec![Data::Empty; 11]);
        rows.push(vec![Data::Empty; 11]);
    });

    let mut pf = PlanFile::open(&path).expect("open");
    let plan = pf.load().expect("load");
    let preview = preview_import(&plan, std::slice::from_ref(&returned), Some(2024));
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    let mut seen: Vec<String> = preview
        .changes
        .iter()
        .map(|c| format!("{} {} {}→{}", c.name, c.what, c.old, c.new))
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            "义务教育巩固率 实际值 98.6→99.3",
            "义务教育巩固率 说明 2024年外出务工家庭随迁转出学生增多，已逐一核实去向→已核实转出学生去向",
            "区级骨干教师培养 实际值 65→80",
            "学前三年毛入园率 分子 （空）→3700",
            "学前三年毛入园率 分母 （空）→4000",
            "学前三年毛入园率 实际值 91.2→92.5",
        ]
    );
    let batch = pf
        .apply(&preview.edits(), "导入填报表")
        .expect("apply")
        .expect("changed");
    let plan = pf.load().expect("load");
    assert_eq!(
        plan.indicator_by_name("义务教育巩固率")
            .and_then(|i| i.actual_value(2024)),
        Some(99.3)
    );
    assert!(
        preview_import(&plan, &[returned], Some(2024))
            .changes
            .is_empty(),
        "second import changes nothing"
    );
    pf.revert(batch, "撤销").expect("an import can be undone");
    let plan = pf.load().expect("load");
    assert_eq!(
        plan.indicator_by_name("义务教育巩固率")
            .and_then(|i| i.actual_value(2024)),
        Some(98.6)
    );
}

#[test]
fn a_table_keeps_the_header_it_was_written_with_so_a_reworded_heading_does_not_reject_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = sample_file_and_template(&dir);
    let plan = PlanFile::open(&path).expect("open").load().expect("load");
    // A table sent out by a version that worded the 数据来源 heading differently: its hidden
    // sheet records the heading it was written with.
    let older = dir.path().join("旧版填报表.xlsx");
    resave_all(&template, &older, |sheet, rows| {
        if sheet == "填报表" {
            rows[2][10] = Data::String("数据来源（统计口径）".into());
            let r = row_of(rows, "义务教育巩固率");
            rows[r][6] = Data::Float(99.0);
        } else if sheet == "_eduplan" {
            let r = rows
                .iter()
                .position(|r| r.first().map(text).as_deref() == Some("layout:填报表"))
                .expect("the layout record");
            rows[r][11] = Data::String("数据来源（统计口径）".into());
        }
    });
    let preview = preview_import(&plan, std::slice::from_ref(&older), Some(2024));
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(preview.changes.len(), 1, "the value is read");

    // A heading changed by hand, against the table's own record, is still refused.
    let edited = dir.path().join("改了表头.xlsx");
    resave_all(&template, &edited, |sheet, rows| {
        if sheet == "填报表" {
            rows[2][6] = Data::String("实际值".into());
        }
    });
    let preview = preview_import(&plan, std::slice::from_ref(&edited), Some(2024));
    assert!(
        preview
            .problems
            .iter()
            .any(|p| p.contains("表头第7列应为“2024年实际值”，实际为“实际值”")),
        "{:?}",
        preview.problems
    );
    assert!(preview.changes.is_empty());
}

#[test]
fn problems_in_a_returned_table_are_all_listed_and_nothing_applies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = sample_file_and_template(&dir);
    let returned = dir.path().join("有问题.xlsx");
    resave(&template, &returned, |rows| {
        let r = row_of(rows, "义务教育巩固率");
        rows[r][6] = Data::String("九十九".into());
        let r = row_of(rows, "学生体质健康达标率");
        rows[r][6] = Data::Float(120.0);
        let r = row_of(rows, "市级骨干教师");
        rows[r][0] = Data::String("other:99999".into());
        rows[r][6] = Data::Float(3.0);
    });
    let plan = PlanFile::open(&path).expect("open").load().expect("load");
    let preview = preview_import(&plan, &[returned], Some(2024));
    let all = preview.problems.join("\n");
    assert!(
        all.contains("义务教育巩固率") && all.contains("不是数字"),
        "{all}"
    );
    assert!(
        all.contains("学生体质健康达标率") && all.contains("100"),
        "{all}"
    );
    assert!(all.contains("编号无法识别"), "{all}");
    assert!(!preview.can_apply());

    // A table for another year, and one from another plan.
    let other_year = dir.path().join("2023年.xlsx");
    write_template(&plan, 2023, None, &other_year).expect("template");
    let p = preview_import(&plan, &[other_year], Some(2024));
    assert!(
        p.problems.iter().any(|m| m.contains("2023年的填报表")),
        "{:?}",
        p.problems
    );
    let other_plan = common::sample_plan(); // its own uid once made into a file
    let other_dir = tempfile::tempdir().expect("tempdir");
    let other_path = other_dir.path().join("别的规划.eduplan");
    let other = PlanFile::create(&other_path, &other_plan)
        .expect("create")
        .load()
        .expect("load");
    let foreign = dir.path().join("别的规划的表.xlsx");
    write_template(&other, 2024, None, &foreign).expect("template");
    let p = preview_import(&plan, &[foreign], Some(2024));
    assert!(
        p.problems.iter().any(|m| m.contains("另一份规划")),
        "{:?}",
        p.problems
    );
}

#[test]
fn bad_files_get_a_clear_message_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = sample_file_and_template(&dir);
    let plan = PlanFile::open(&path).expect("open").load().expect("load");
    let template_bytes = std::fs::read(&template).expect("read");

    let mut docx = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    docx.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .expect("zip");
    docx.write_all(b"<w:document/>").expect("zip");
    let docx = docx.finish().expect("zip").into_inner();
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend(std::iter::repeat_n(0u8, 4096));

    let moved = dir.path().join("移动了列.xlsx");
    resave(&template, &moved, |rows| {
        for r in rows.iter_mut() {
            r.swap(6, 9);
        }
    });
    let exported = dir.path().join("导出的上报表.xlsx");
    export_workbook(&plan, 2024, AS_OF, &exported).expect("export");

    let cases: Vec<(PathBuf, &str)> = vec![
        (
            write_bytes(dir.path(), "文本.xlsx", "指标,数值\n巩固率,99".as_bytes()),
            "不是Excel工作簿",
        ),
        (write_bytes(dir.path(), "空文件.xlsx", b""), "文件是空的"),
        (
            write_bytes(dir.path(), "改名的文档.xlsx", &docx),
            "无法作为Excel工作簿读取",
        ),
        (
            write_bytes(
                dir.path(),
                "截断.xlsx",
                &template_bytes[..template_bytes.len() / 2],
            ),
            "无法作为Excel工作簿读取",
        ),
        (write_bytes(dir.path(), "加密.xlsx", &encrypted), "密码"),
        (moved, "列被移动"),
        (exported, "不是EduPlan生成的填报表"),
        (dir.path().join("不存在.xlsx"), "找不到文件"),
    ];
    for (file, words) in cases {
        let preview = preview_import(&plan, std::slice::from_ref(&file), Some(2024));
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert_eq!(preview.problems.len(), 1, "{name}: {:?}", preview.problems);
        let message = &preview.problems[0];
        assert!(
            message.contains(&name) && message.contains(words),
            "{name}: {message}"
        );
        assert!(!preview.can_apply());
    }
}

#[test]
fn the_command_line_exports_and_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, template) = sample_file_and_template(&dir);
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
    let file = path.to_str().expect("utf-8");
    let out = dir.path().join("上报 2024.xlsx");
    let (code, stdout, stderr) = run(&[
        "export",
        file,
        "-o",
        out.to_str().expect("utf-8"),
        "--year",
        "2024",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("已导出"));
    assert!(out.exists());

    let returned = dir.path().join("交回.xlsx");
    resave(&template, &returned, |rows| {
        let r = row_of(rows, "长白山名师");
        rows[r][6] = Data::Float(0.0);
    });
    let (code, stdout, _) = run(&["import", file, returned.to_str().expect("utf-8"), "--yes"]);
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains("长白山名师 2024年 实际值：1 → 0"),
        "{stdout}"
    );
    assert!(stdout.contains("已导入1处改动"), "{stdout}");
    let (code, stdout, _) = run(&["import", file, returned.to_str().expect("utf-8"), "--yes"]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("没有需要写入的改动"), "{stdout}");
    let bad = write_bytes(dir.path(), "坏.xlsx", b"garbage");
    let (code, _, stderr) = run(&["import", file, bad.to_str().expect("utf-8"), "--yes"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("坏.xlsx") && stderr.contains("未导入任何数据"),
        "{stderr}"
    );
}

/// Windows only (run it under Wine from Linux): Excel opens a workbook without sharing it.
#[cfg(windows)]
#[test]
fn exporting_over_a_workbook_another_program_holds_open_says_so() {
    use std::os::windows::fs::OpenOptionsExt;
    let plan = common::sample_plan();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("龙潭区 已打开.xlsx");
    std::fs::write(&out, b"PK old").expect("write");
    let held = std::fs::OpenOptions::new()
        .read(true)
        .share_mode(0)
        .open(&out)
        .expect("hold it open");
    let err = export_workbook(&plan, 2024, AS_OF, &out).expect_err("the file is held");
    assert!(err.to_string().contains("正被其他程序"), "{err}");
    drop(held);
    assert_eq!(
        std::fs::read(&out).expect("read"),
        b"PK old",
        "the old file is untouched"
    );
    let left = std::fs::read_dir(dir.path()).expect("ls").count();
    assert_eq!(left, 1, "no temporary file left behind");
}

#[test]
fn a_printed_page_never_cuts_a_category_group_in_two() {
    use std::io::Read;
    let plan = common::sample_plan();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("分页.xlsx");
    export_workbook(&plan, 2024, AS_OF, &out).expect("export");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).expect("open")).expect("zip");
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .expect("主要指标表")
        .read_to_string(&mut xml)
        .expect("xml");
    let breaks: Vec<u32> = xml
        .split("<brk id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect();
    assert!(
        !breaks.is_empty(),
        "the sample's main table spans two pages"
    );
    let mut book: Xlsx<_> = open_workbook(&out).expect("xlsx");
    let main = book.worksheet_range("主要指标表").expect("sheet");
    for row in breaks {
        let label = text(&cell(&main, row, 1));
        assert!(
            label.contains('、'),
            "page break before row {row} is not at the start of a category: “{label}”"
        );
    }
}

#[test]
fn the_rectification_ledger_sheet_has_the_government_layout_and_the_states_of_the_day() {
    let at = |r: &calamine::Range<Data>, row: u32, col: u32| text(&cell(r, row, col));
    let plan = common::sample_plan();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("整改.xlsx");
    export_workbook(&plan, 2024, AS_OF, &out).expect("export");
    let mut book: Xlsx<_> = open_workbook(&out).expect("open");
    let sheet = book.worksheet_range("整改台账").expect("ledger sheet");
    let header: Vec<String> = (0..11).map(|c| at(&sheet, 2, c)).collect();
    assert_eq!(
        header,
        [
            "序号",
            "问题来源",
            "问题描述",
            "整改措施",
            "责任单位",
            "责任人",
            "整改时限",
            "整改进展",
            "佐证材料",
            "是否销号",
            "销号日期"
        ]
    );
    assert!(
        at(&sheet, 1, 0)
            .contains("截至2024-12-31：共15项，未整改0项，整改中2项，逾期5项，已销号8项")
    );
    let rows: Vec<u32> = (3..18).collect();
    let closed = rows.iter().filter(|r| at(&sheet, **r, 9) == "是").count();
    assert_eq!(closed, 8);
    let first = 3;
    assert_eq!(
        at(&sheet, first, 2),
        "部分农村小学生均教学仪器设备值低于省定标准"
    );
    assert_eq!(at(&sheet, first, 6), "2024-06-30");
    assert!(at(&sheet, first, 7).starts_with("2023-12-05 完成8所学校缺口核定"));
    assert_eq!(at(&sheet, first, 10), "2024-06-25");
    let overdue = rows
        .iter()
        .filter(|r| at(&sheet, **r, 9) == "否（逾期）")
        .count();
    assert_eq!(overdue, 5);
    // The tasks sheet shows the state of the day with the completion date.
    let tasks = book.worksheet_range("重点任务台账").expect("tasks");
    let row = (3..40)
        .find(|r| at(&tasks, *r, 2).starts_with("制定完善龙潭区布局调整规划"))
        .expect("task row");
    assert_eq!(at(&tasks, row, 8), "已完成（逾期）\n2023-03-15");
}

#[test]
fn long_school_lists_in_the_dispersion_sheet_get_rows_tall_enough_to_print() {
    use std::io::Read;
    let plan = common::sample_plan();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("差异系数.xlsx");
    export_workbook(&plan, 2024, AS_OF, &out).expect("export");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).expect("open")).expect("zip");
    // Sheets are written in order: the sixth is 差异系数表.
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet6.xml")
        .expect("sheet6")
        .read_to_string(&mut xml)
        .expect("xml");
    let height_of = |r: u32| -> f64 {
        let tag = format!("<row r=\"{r}\"");
        let start = xml.find(&tag).expect("row");
        let row = &xml[start..start + xml[start..].find('>').expect("end")];
        row.split("ht=\"")
            .nth(1)
            .and_then(|h| h.split('"').next())
            .and_then(|h| h.parse().ok())
            .unwrap_or(15.0)
    };
    // Row 4 names three schools: two printed lines at least.
    assert!(height_of(4) >= 28.0, "row 4 is {} points", height_of(4));
}

#[test]
fn the_monitoring_table_prints_at_a_readable_size_across_pages_with_its_names_repeated() {
    use std::io::Read;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    let plan = PlanFile::open(&path).expect("open").load().expect("load");
    let out = dir.path().join("监测.xlsx");
    export_workbook(&plan, 2024, jiff::civil::date(2024, 12, 31), &out).expect("export");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).expect("open")).expect("zip");
    // 指标监测表 is the second sheet.
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet2.xml")
        .expect("sheet")
        .read_to_string(&mut xml)
        .expect("xml");
    let scale: u32 = xml
        .split("scale=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .expect("a print scale");
    // 11 pt text at this scale is at least 8 pt on paper.
    assert!(f64::from(scale) / 100.0 * 11.0 >= 8.0, "scale {scale}");
    assert!(
        !xml.contains("fitToPage=\"1\""),
        "not squeezed onto one page's width"
    );
    assert!(
        xml.contains("<colBreaks count=\"2\""),
        "three printed blocks"
    );
    let mut book = String::new();
    zip.by_name("xl/workbook.xml")
        .expect("workbook")
        .read_to_string(&mut book)
        .expect("xml");
    assert!(
        book.contains("'指标监测表'!$A:$C") || book.contains("指标监测表!$A:$C"),
        "序号, 类别 and 指标 repeat on every printed page"
    );
}

#[test]
fn one_workbook_judges_its_tasks_and_its_rectification_ledger_on_one_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    let plan = PlanFile::open(&path).expect("open").load().expect("load");
    let out = dir.path().join("2024.xlsx");
    export_workbook(&plan, 2024, jiff::civil::date(2024, 12, 31), &out).expect("export");
    let mut book: Xlsx<_> = open_workbook(&out).expect("open");
    let tasks = book.worksheet_range("重点任务台账").expect("tasks");
    let ledger = book.worksheet_range("整改台账").expect("ledger");
    let line = |r: &calamine::Range<Data>| {
        (0..12)
            .map(|c| text(&cell(r, 1, c)))
            .collect::<Vec<_>>()
            .join("")
    };
    assert!(
        line(&tasks).contains("状态截至：2024-12-31"),
        "{}",
        line(&tasks)
    );
    assert!(
        line(&ledger).contains("截至2024-12-31"),
        "{}",
        line(&ledger)
    );
}

#[test]
fn the_rectification_ledger_prints_legibly_on_a4_landscape_with_its_header_repeated() {
    use std::io::Read;
    let plan = common::sample_plan();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("整改打印.xlsx");
    export_workbook(&plan, 2024, AS_OF, &out).expect("export");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).expect("open")).expect("zip");
    let mut book = String::new();
    zip.by_name("xl/workbook.xml")
        .expect("workbook")
        .read_to_string(&mut book)
        .expect("xml");
    // Sheets are written as sheet1.xml, sheet2.xml … in the workbook's order.
    let position = book
        .split("<sheet ")
        .skip(1)
        .position(|s| s.contains("name=\"整改台账\""))
        .expect("the ledger sheet")
        + 1;
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{position}.xml"))
        .expect("sheet")
        .read_to_string(&mut xml)
        .expect("xml");
    let attribute = |name: &str| -> Option<f64> {
        xml.split(&format!(" {name}=\""))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
    };
    assert!(
        !xml.contains("fitToPage=\"1\""),
        "not squeezed to the width"
    );
    let scale = attribute("scale").expect("a print scale") / 100.0;
    assert!(
        scale * 11.0 >= 8.0,
        "11 pt text prints at {} pt",
        scale * 11.0
    );
    assert_eq!(attribute("paperSize"), Some(9.0), "A4");
    assert!(xml.contains("orientation=\"landscape\""));
    // The columns at that scale fit between A4 landscape's margins (842 pt less 0.5 in each
    // side), counting a width unit as written (Excel's padding included) as LibreOffice prints it:
    // about 7.05 pt.
    let widths: Vec<f64> = xml
        .split("<col ")
        .skip(1)
        .filter_map(|c| {
            let min: u32 = c.split("min=\"").nth(1)?.split('"').next()?.parse().ok()?;
            let max: u32 = c.split("max=\"").nth(1)?.split('"').next()?.parse().ok()?;
            let width: f64 = c
                .split("width=\"")
                .nth(1)?
                .split('"')
                .next()?
                .parse()
                .ok()?;
            Some(vec![width; (max - min + 1) as usize])
        })
        .flatten()
        .collect();
    assert_eq!(widths.len(), 11, "{widths:?}");
    let printed: f64 = widths.iter().map(|w| w * 7.05).sum::<f64>() * scale;
    assert!(printed <= 842.0 - 72.0, "{printed} pt wide on paper");
    assert!(
        book.contains("'整改台账'!$1:$3") || book.contains("整改台账!$1:$3"),
        "the title, unit line and header repeat on every page"
    );
}
