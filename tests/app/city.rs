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
use egui_kittest::kittest::{NodeT, Queryable};

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

/// The shipped sample as a new user runs it (README): the district plan texts in the folder and
/// the city file beside them, every file marked illustrative.
#[test]
fn the_shipped_sample_opens_at_once_with_its_city_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let shipped = Path::new(CITY_SAMPLE).join("示例市.eduplan-city");
    let city = dir.path().join("示例市.eduplan-city");
    std::fs::copy(&shipped, &city).expect("the sample ships its city file");
    let settings_text =
        std::fs::read_to_string(Path::new(CITY_SAMPLE).join("示例市市级设置.json")).expect("read");
    let expected: eduplan::domain::city::CitySettings =
        serde_json::from_str(&settings_text).expect("settings");
    let kept = eduplan::storage::city::CityFile::open(&city)
        .and_then(|f| f.settings())
        .expect("the shipped city file opens");
    assert_eq!(kept, expected, "scripts/make-city-sample.sh makes it");
    assert!(kept.notes.contains("【示例】"), "{}", kept.notes);
    for entry in std::fs::read_dir(CITY_SAMPLE).expect("folder").flatten() {
        let path = entry.path();
        if path.to_string_lossy().contains("（示例）.json") {
            let plan = read_plan_text(&path).expect("sample reads");
            assert!(
                plan.info.remark.starts_with("【示例数据·虚构】"),
                "{}",
                path.display()
            );
        }
    }

    let (code, out, err) = eduplan(&[
        "city",
        CITY_SAMPLE,
        "--city",
        city.to_str().expect("utf-8"),
        "--year",
        "2024",
        "--format",
        "tsv",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "no file is left out: {err}");
    let lines: Vec<&str> = out.lines().collect();
    // 北原县's 2024 体质健康 figure is a 预计 value: marked in its cell and in data quality.
    let fitness = lines
        .iter()
        .find(|l| l.starts_with("国家学生体质健康标准达标率\t"))
        .expect("row");
    assert!(fitness.contains("90.3（预计）（93）"), "{fitness}");
    let quality = lines
        .iter()
        .find(|l| l.starts_with("北原县\t最近修改"))
        .expect("quality line");
    assert!(quality.contains("预计值1项"), "{quality}");
    // The 优质均衡 board lists the two districts with school data, with the city's years.
    assert!(out.contains("义务教育优质均衡"), "{out}");
    assert!(
        lines.iter().any(|l| l.starts_with("东湖区\t2025年\t")),
        "{out}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("西岭区\t2027年\t")),
        "{out}"
    );
    assert!(
        !lines.iter().any(|l| l.starts_with("南川县\t未设")),
        "{out}"
    );
}

/// The 通报's sentence per district is the one the district's own 年度监测报告 opens with.
#[test]
fn the_bulletin_gives_each_district_the_count_sentence_of_its_own_report() {
    use eduplan::exchange::docx::{Block, FontScheme};
    use eduplan::exchange::report::{ReportKind, ReportOptions, build_report};
    let dir = tempfile::tempdir().expect("tempdir");
    let files = district_files(dir.path());
    let (districts, rejected) = eduplan::session::city::read_district_files(&files);
    assert!(rejected.is_empty(), "{rejected:?}");
    let c = eduplan::domain::city::compare(
        districts,
        &eduplan::domain::city::CitySettings::default(),
        &eduplan::domain::library::Library::builtin(),
        Some(2024),
    );
    let paragraphs = |blocks: &[Block]| -> Vec<String> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p.text()),
                _ => None,
            })
            .collect()
    };
    let bulletin = paragraphs(
        &eduplan::exchange::city_bulletin::build_bulletin(
            &c,
            &eduplan::domain::city::CitySettings::default(),
        )
        .blocks,
    );
    for d in &c.districts {
        let opts = ReportOptions {
            kind: ReportKind::Annual,
            year: 2024,
            as_of: jiff::civil::date(2024, 12, 31),
            fonts: FontScheme::Gb2312,
        };
        let report = build_report(&d.plan, &opts).expect("report");
        let own = paragraphs(&report.document.blocks)
            .into_iter()
            .find(|p| p.starts_with("规划确定的"))
            .expect("the report's count sentence");
        let line = format!("{}{own}", d.name);
        assert!(
            bulletin.iter().any(|p| p.starts_with(&line)),
            "{line}\n{bulletin:#?}"
        );
    }
}

#[test]
fn the_city_meeting_pages_go_through_the_indicators_to_the_ranking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = common::fixture_file(&dir);
    let folder = dir.path().join("各区县");
    std::fs::create_dir_all(&folder).expect("mkdir");
    district_files(&folder);
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
    // The city view's button (the menu bar has the district plan's own).
    h.get_all_by_label("会议模式")
        .last()
        .expect("button")
        .click();
    h.run();
    let rows = (2..=40)
        .find(|n| h.query_by_label(&format!("第1页，共{n}页")).is_some())
        .expect("page counter");
    assert!(rows >= 9, "{rows}");
    assert!(
        h.query_by_label_contains("2024年 学前三年毛入园率")
            .is_some()
    );
    assert!(h.query_by_label_contains("市目标").is_some());
    for _ in 1..rows {
        h.key_press(egui::Key::ArrowRight);
        h.run();
    }
    assert!(
        h.query_by_label_contains(&format!("第{rows}页")).is_some(),
        "last page"
    );
    assert!(h.query_by_label("2024年度各区县得分与排名").is_some());
    assert!(h.query_by_label("中山区").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        h.query_by_label("指标比较").is_some(),
        "back to the city view"
    );
}

#[test]
fn an_indicator_mapped_in_the_view_is_kept_in_the_city_file_for_next_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = common::fixture_file(&dir);
    let folder = dir.path().join("各区县");
    std::fs::create_dir_all(&folder).expect("mkdir");
    district_files(&folder);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&plan, &dialogs);
    let open_folder = |h: &mut Harness<'static, EduPlanApp>| {
        h.get_by_label("文件").click();
        h.run();
        h.get_by_label("市级汇总…").click();
        h.run();
        dialogs.answer(&folder);
        h.get_by_label("选择文件夹…").click();
        h.run();
    };
    h.run();
    open_folder(&mut h);
    // Without the city's mapping 南川县's differently named indicator stands alone.
    assert!(
        h.query_by_label("1项指标未对应（见“市级设置与指标对应”）")
            .is_some()
    );
    let city = dir.path().join("市.eduplan-city");
    dialogs.answer(&city);
    h.get_by_label("新建市级汇总文件…").click();
    h.run();
    h.get_by_label("市级设置与指标对应").click();
    h.run();
    assert!(
        h.query_by_label("教师信息素养提升培训完成率（%）")
            .is_some()
    );
    h.get_by_value("请选择…").click();
    h.run();
    h.get_by_label("教师信息技术应用能力提升工程2.0培训完成率（%）")
        .click_accesskit();
    h.run();
    assert!(
        h.query_by_value("教师信息技术应用能力提升工程2.0培训完成率（%）")
            .is_some(),
        "chosen"
    );
    h.get_by_label("对应").click();
    h.run();
    assert!(message(&h).contains("已保存指标对应"), "{}", message(&h));
    assert!(h.query_by_label_contains("项指标未对应").is_none());
    // The change is listed under the settings, which themselves have nothing left to save.
    assert!(
        h.query_by_label("指标对应 南川县：教师信息素养提升培训完成率")
            .is_some()
    );
    assert!(
        h.get_by_label("保存设置").accesskit_node().is_disabled(),
        "the settings being edited took the mapping"
    );

    // Next time: the same districts and the city file, and the mapping holds.
    h.get_by_label("关闭市级汇总").click();
    h.run();
    open_folder(&mut h);
    assert!(h.query_by_label_contains("项指标未对应").is_some());
    dialogs.answer(&city);
    h.get_by_label("打开市级汇总文件…").click();
    h.run();
    assert!(
        h.query_by_label_contains("项指标未对应").is_none(),
        "{}",
        message(&h)
    );
    // The window holds its city file; the file is read once the window is gone.
    drop(h);
    let history = eduplan::storage::city::CityFile::open(&city)
        .and_then(|f| f.history(10))
        .expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].action, "指标对应");
    assert_eq!(
        history[0].what,
        "指标对应 南川县：教师信息素养提升培训完成率"
    );
}

/// The part of a sheet's XML that decides how it prints: margins, paper and fit, centring,
/// and whether the footer numbers the pages.
fn print_setup(xlsx: &Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).expect("xlsx")).expect("zip");
    let mut read = |name: &str| {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).expect(name), &mut xml)
            .expect("utf-8");
        xml
    };
    let element = |xml: &str, tag: &str| {
        xml.find(&format!("<{tag}"))
            .map(|start| {
                let end = xml[start..].find("/>").map_or(xml.len(), |e| start + e + 2);
                xml[start..end].to_owned()
            })
            .unwrap_or_default()
    };
    let workbook = read("xl/workbook.xml");
    let sheets = workbook.matches("<sheet ").count();
    (0..sheets)
        .map(|i| {
            let xml = read(&format!("xl/worksheets/sheet{}.xml", i + 1));
            let footer = xml.contains("第 &amp;P 页，共 &amp;N 页");
            let titles = workbook.contains(&format!(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{i}\""
            ));
            (
                format!("sheet {i}"),
                format!(
                    "{} {} {} footer page numbers: {footer}, repeated header: {titles}",
                    element(&xml, "pageMargins"),
                    element(&xml, "pageSetup"),
                    element(&xml, "printOptions"),
                ),
            )
        })
        .collect()
}

#[test]
fn the_city_workbook_prints_like_the_district_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = common::fixture_file(&dir);
    let district_book = dir.path().join("区县.xlsx");
    let (code, _, err) = eduplan(&[
        "export",
        plan.to_str().expect("utf-8"),
        "-o",
        district_book.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let district = print_setup(&district_book);
    let reference = &district[0].1;
    assert!(
        reference.contains("paperSize=\"9\"")
            && reference.contains("landscape")
            && reference.contains("footer page numbers: true, repeated header: true"),
        "{reference}"
    );
    let folder = dir.path().join("各区县");
    std::fs::create_dir_all(&folder).expect("mkdir");
    district_files(&folder);
    let city_book = dir.path().join("通报.xlsx");
    let (code, _, err) = eduplan(&[
        "city",
        folder.to_str().expect("utf-8"),
        "-o",
        city_book.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let city = print_setup(&city_book);
    assert_eq!(city.len(), 4, "比较表, 通报表, 数据质量, 优质均衡");
    for (sheet, setup) in &city {
        assert_eq!(setup, reference, "{sheet}");
    }
}

/// The fill colour (RRGGBB) of a cell, from the sheet's XML and the workbook's styles.
fn cell_fill(xlsx: &Path, sheet: usize, row: usize, col: usize) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).expect("xlsx")).expect("zip");
    let mut read = |name: &str| {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).expect(name), &mut xml)
            .expect("utf-8");
        xml
    };
    let attr = |tag: &str, name: &str| -> Option<String> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[at..at + tag[at..].find('"')?].to_owned())
    };
    let letters = {
        let (mut n, mut s) = (col + 1, String::new());
        while n > 0 {
            s.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
            n = (n - 1) / 26;
        }
        s
    };
    let sheet_xml = read(&format!("xl/worksheets/sheet{}.xml", sheet + 1));
    let start = sheet_xml.find(&format!("<c r=\"{letters}{}\"", row + 1))?;
    let tag = &sheet_xml[start..start + sheet_xml[start..].find('>')?];
    let xf: usize = attr(tag, "s")?.parse().ok()?;
    let styles = read("xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs")?..];
    let xf_tag = xfs.split("<xf ").nth(xf + 1)?;
    let fill: usize = attr(&format!(" {xf_tag}"), "fillId")?.parse().ok()?;
    let fills = &styles[styles.find("<fills")?..styles.find("</fills>")?];
    let fill_xml = fills.split("<fill>").nth(fill + 1)?;
    let rgb = attr(
        &format!(" {}", &fill_xml[fill_xml.find("<fgColor")?..]),
        "rgb",
    )?;
    Some(rgb[rgb.len().saturating_sub(6)..].to_owned())
}

#[test]
fn the_bulletin_sheet_shades_the_figures_that_miss_their_target() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("各区县");
    std::fs::create_dir_all(&folder).expect("mkdir");
    district_files(&folder);
    let city = city_file(dir.path());
    let xlsx = dir.path().join("通报.xlsx");
    let (code, _, err) = eduplan(&[
        "city",
        folder.to_str().expect("utf-8"),
        "--city",
        city.to_str().expect("utf-8"),
        "--year",
        "2024",
        "-o",
        xlsx.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("workbook opens");
    let sheet = book.worksheet_range("通报表").expect("sheet");
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    let col = rows[2]
        .iter()
        .position(|h| h.starts_with("学前三年毛入园率"))
        .expect("column");
    let row_of = |name: &str| rows.iter().position(|r| r[1] == name).expect("district");
    // 市目标 90: 北原县 87.3 misses it, 中山区 93.4 meets it.
    let (short, met) = (row_of("北原县"), row_of("中山区"));
    assert_eq!(rows[short][col], "87.3");
    assert_eq!(cell_fill(&xlsx, 1, short, col).as_deref(), Some("FFC7CE"));
    assert_eq!(rows[met][col], "93.4");
    assert_ne!(cell_fill(&xlsx, 1, met, col).as_deref(), Some("FFC7CE"));
}
