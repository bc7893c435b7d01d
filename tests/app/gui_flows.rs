//! Every flow that asks for a file, driven headless with scripted file dialogs: new plan,
//! save as, export, fill-in table and import; and the outline, settings and a read-only plan.

use crate::common;

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::book::*;
use eduplan::app::EduPlanApp;
use eduplan::app::dialogs::ScriptedDialogs;
use eduplan::storage::PlanFile;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

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

fn menu(h: &mut Harness<'static, EduPlanApp>, top: &str, item: &str) {
    h.get_by_label(top).click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

fn message(h: &Harness<'static, EduPlanApp>) -> String {
    h.state()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_new_plan_is_created_where_the_officer_chooses_and_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    let name = h.get_by_role_and_label(Role::TextInput, "规划名称");
    name.click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "规划名称")
        .type_text("青山县教育事业发展“十四五”规划");
    h.run();
    h.get_by_label("以龙潭区示例规划为起点（年度数据为示意）")
        .click();
    h.run();

    // Cancelled at the save dialog: nothing is made, the form stays.
    dialogs.cancel();
    h.get_by_label("选择保存位置并创建…").click();
    h.run();
    assert!(h.query_by_label("新建规划").is_some());

    let new_file = dir.path().join("青山县 规划.eduplan");
    dialogs.answer(&new_file);
    h.get_by_label("选择保存位置并创建…").click();
    h.run();
    assert!(new_file.exists());
    let doc = h.state().document().expect("open");
    assert_eq!(doc.plan().info.name, "青山县教育事业发展“十四五”规划");
    assert_eq!(
        doc.plan().indicators.len(),
        common::sample_plan().indicators.len()
    );
    assert!(message(&h).contains("已新建规划"), "{}", message(&h));
    assert_eq!(dialogs.asked(), ["保存规划文件", "保存规划文件"]);
    let saved = PlanFile::read_only(&new_file)
        .expect("open")
        .load()
        .expect("load");
    assert_eq!(saved.info.name, "青山县教育事业发展“十四五”规划");
}

#[test]
fn save_as_makes_a_complete_copy_and_continues_in_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    let copy = dir.path().join("副本.eduplan");
    dialogs.answer(&copy);
    menu(&mut h, "文件", "另存为…");
    assert!(message(&h).contains("已另存为"), "{}", message(&h));
    let doc = h.state().document().expect("open");
    assert_eq!(doc.file().path(), copy.as_path());
    let plan = PlanFile::read_only(&copy)
        .expect("open")
        .load()
        .expect("load");
    assert_eq!(plan.indicators.len(), 5);
}

#[test]
fn export_fill_in_table_and_import_from_the_menus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();

    // Export: the workbook has the four sheets; the plan itself is never a target.
    let out = dir.path().join("监测表.xlsx");
    dialogs.answer(&out);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    assert!(message(&h).contains("已导出"), "{}", message(&h));
    let book: Xlsx<_> = open_workbook(&out).expect("xlsx");
    assert_eq!(book.sheet_names().len(), 4);
    let plan_bytes = std::fs::read(&path).expect("read");
    dialogs.answer(&path);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    assert!(message(&h).contains(".xlsx"), "{}", message(&h));
    assert_eq!(std::fs::read(&path).expect("read"), plan_bytes);

    // Fill-in table for one unit.
    let table = dir.path().join("填报表 教师进修学校.xlsx");
    menu(&mut h, "文件", "生成填报表…");
    h.get_by_label("填报表牵头单位").click();
    h.run();
    h.get_by_label("教师进修学校").click();
    h.run();
    dialogs.answer(&table);
    h.get_by_label("选择保存位置并生成…").click();
    h.run();
    assert!(message(&h).contains("1个指标"), "{}", message(&h));

    // The unit fills it in; the import shows the change, then writes it.
    let returned = dir.path().join("交回.xlsx");
    resave(&table, &returned, |rows| {
        let r = row_of(rows, "骨干教师培养");
        rows[r][6] = Data::Float(42.0);
    });
    dialogs.answer_many(vec![returned]);
    menu(&mut h, "文件", "导入填报表…");
    assert!(h.query_by_label_contains("将写入 1 处改动").is_some());
    h.get_by_label("全部写入").click();
    h.run();
    let plan = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load");
    let year = h.state().document().expect("open").year();
    assert_eq!(
        plan.indicator_by_name("骨干教师培养")
            .and_then(|i| i.actual_value(year)),
        Some(42.0)
    );
}

#[test]
fn the_outline_grows_is_renamed_and_reordered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    h.get_by_label("＋ 新增章").click();
    h.run();
    let plan = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load");
    assert!(plan.sections.iter().any(|s| s.title == "新章节"));
    // The new chapter's name is selected for typing: typing replaces it, Enter keeps it.
    h.run();
    h.get_by_role_and_label(Role::TextInput, "新名称")
        .type_text("保障");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.query_by_label("新名称").is_none(), "the dialog closed");
    let plan = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load");
    assert!(
        plan.sections.iter().any(|s| s.title == "保障"),
        "{:?}",
        plan.sections
    );

    // Renamed later from its menu.
    h.get_by_label("保障").click_secondary();
    h.run();
    h.get_by_label("重命名…").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "新名称")
        .type_text("保障措施");
    h.run();
    h.get_by_label("确定").click();
    h.run();
    h.get_by_label("保障措施").click_secondary();
    h.run();
    h.get_by_label("上移").click();
    h.run();
    let plan = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load");
    let chapters: Vec<String> = plan
        .child_sections(None)
        .iter()
        .map(|s| s.title.clone())
        .collect();
    assert_eq!(chapters, ["保障措施", "发展目标"]);
}

#[test]
fn the_light_thresholds_are_settings_with_presets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    menu(&mut h, "编辑", "规划信息与设置…");
    assert!(
        h.query_by_label_contains("差距 =（实际值 − 序时目标值）")
            .is_some()
    );
    h.get_by_label("银川做法（绿灯10、黄灯30）").click();
    h.run();
    let info = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load")
        .info;
    assert_eq!(
        (info.green_limit_pp, info.yellow_tolerance_pp),
        (10.0, 30.0)
    );
    // A green limit above the yellow one is refused and changes nothing.
    h.get_by_label("绿灯界限").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("绿灯界限").type_text("40");
    h.key_press(egui::Key::Enter);
    h.run();
    let info = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load")
        .info;
    assert_eq!(info.green_limit_pp, 10.0);
}

#[test]
fn a_read_only_plan_opens_for_viewing_and_says_how_to_edit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let mut permissions = std::fs::metadata(&path).expect("meta").permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).expect("read-only");
    let before = std::fs::read(&path).expect("read");
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    assert!(
        h.query_all_by_label_contains("只读").count() > 0,
        "the window says the file is read-only"
    );
    assert!(!h.state().document().expect("open").is_writable());
    h.get_by_label("指标").click();
    h.run();
    let year = h.state().document().expect("open").year();
    h.get_by_label(&format!("义务教育巩固率 {year}年")).click();
    h.run();
    for key in ["9", "9"] {
        h.event(egui::Event::Text(key.into()));
        h.step();
    }
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(message(&h).contains("只读"), "{}", message(&h));
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn the_balance_thresholds_are_plan_settings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    menu(&mut h, "编辑", "规划信息与设置…");
    h.get_by_label("义务教育优质均衡标准").click();
    h.run();
    let name = "差异系数上限（小学）";
    h.get_by_label(name).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(name).type_text("0.1");
    h.key_press(egui::Key::Enter);
    h.run();
    let info = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load")
        .info;
    assert_eq!(info.balance.max_cv[0], 0.1);
    assert_eq!(
        info.balance.max_cv[1], 0.45,
        "the others keep their defaults"
    );
}

#[test]
fn school_data_goes_out_and_comes_back_from_the_menus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    let table = dir.path().join("学校数据.xlsx");
    dialogs.answer(&table);
    menu(&mut h, "文件", "生成学校数据表…");
    assert!(message(&h).contains("22所学校"), "{}", message(&h));
    let returned = dir.path().join("交回 学校数据.xlsx");
    resave(&table, &returned, |rows| {
        let r = row_of(rows, "龙潭区缸窑中心小学");
        rows[r][8] = Data::Float(9.0);
    });
    dialogs.answer_many(vec![returned]);
    menu(&mut h, "文件", "导入学校数据…");
    assert!(h.query_by_label_contains("将写入 1 处改动").is_some());
    h.get_by_label("全部写入").click();
    h.run();
    let plan = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load");
    let school = plan
        .schools
        .iter()
        .find(|s| s.name == "龙潭区缸窑中心小学")
        .expect("school");
    assert_eq!(school.years[&2024].counts[1], Some(9.0));
}

#[test]
fn a_new_plan_from_a_plan_text_takes_the_accepted_targets_in_one_undoable_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    h.get_by_label("从规划文本提取指标（Word文档或纯文本）")
        .click();
    h.run();
    let new_file = dir.path().join("青山县.eduplan");
    dialogs.answer(&new_file);
    dialogs.answer(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/extract/qingshan-county-plan.txt"
    ));
    h.get_by_label("选择保存位置并创建…").click();
    h.run();
    assert_eq!(dialogs.asked(), ["保存规划文件", "选择规划文本"]);
    assert!(
        h.query_by_label("从规划文本提取的量化目标").is_some(),
        "the review opens"
    );
    // The first proposal's source sentence is shown with the target highlighted.
    assert!(
        h.query_by_label_contains("学前三年毛入园率达到92%以上")
            .is_some()
    );

    // Enter accepts and moves on; Delete rejects.
    h.key_press(egui::Key::Enter);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.key_press(egui::Key::Delete);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("把接受的3项写入规划").click();
    h.run();
    let plan = h.state().document().expect("open").plan().clone();
    let names: Vec<&str> = plan.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "学前三年毛入园率",
            "普惠性幼儿园覆盖率",
            "九年义务教育巩固率"
        ]
    );
    let rate = &plan.indicators[0];
    assert_eq!((rate.target_value, rate.target_year), (92.0, 2025));
    let section = plan.section(rate.section).expect("section");
    assert_eq!(section.heading(), "二、主要目标");

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let plan = h.state().document().expect("open").plan().clone();
    assert!(
        plan.indicators.is_empty() && plan.sections.is_empty(),
        "one undo removes them all"
    );
}

#[test]
fn a_new_plan_from_the_library_has_one_chapter_per_field_and_the_national_targets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    h.get_by_label("从指标库选择指标（带口径和全国目标）")
        .click();
    h.run();
    let new_file = dir.path().join("从指标库.eduplan");
    dialogs.answer(&new_file);
    // The dialog grows with the list and settles within a few frames (it is centred).
    let mut last = h.get_by_label("选择保存位置并创建…").rect();
    for _ in 0..30 {
        h.step();
        let now = h.get_by_label("选择保存位置并创建…").rect();
        if now == last {
            break;
        }
        last = now;
    }
    h.get_by_label("选择保存位置并创建…").click();
    h.run();
    assert_eq!(dialogs.asked(), ["保存规划文件"], "{}", message(&h));
    let plan = h.state().document().expect("open").plan().clone();
    let top: Vec<String> = plan
        .child_sections(None)
        .iter()
        .map(|s| s.heading())
        .collect();
    assert_eq!(top[0], "一、学前教育", "{top:?}");
    assert!(top.contains(&"二、义务教育".to_owned()), "{top:?}");
    let rate = plan.indicator_by_name("学前三年毛入园率").expect("rate");
    assert_eq!(rate.target_value, 90.0);
    assert_eq!(rate.target_text, "90%以上");
    assert!(rate.definition.contains("3-5岁"));
    assert_eq!(
        rate.library_code.as_deref(),
        Some("preschool_gross_enrolment")
    );

    // The 对标 view lists each indicator beside the national target.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num5);
    h.run();
    assert!(
        h.query_by_label("对标：本规划目标与全国、省、市目标")
            .is_some()
    );
    assert!(h.query_all_by_label("90%以上（2025年）").count() >= 1);
}

#[test]
fn evidence_is_attached_from_a_file_and_lets_an_item_close() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num6);
    h.run();
    let problem = "部分学校音乐、美术专用教室不足";
    h.get_by_label(problem).click();
    h.run();

    // A file over 20 MB is refused before it is read.
    let video = dir.path().join("现场录像.mp4");
    std::fs::File::create(&video)
        .and_then(|f| f.set_len(eduplan::domain::MAX_EVIDENCE_BYTES + 1))
        .expect("big file");
    dialogs.answer(&video);
    h.get_by_label("添加佐证材料…").click();
    h.run();
    assert!(
        message(&h).contains("超过佐证材料的上限20 MB"),
        "{}",
        message(&h)
    );

    let photo = dir.path().join("改造后照片.jpg");
    std::fs::write(&photo, b"\xFF\xD8\xFF\xE0 photo").expect("photo");
    dialogs.answer(&photo);
    h.get_by_label("添加佐证材料…").click();
    h.run();
    assert!(h.query_by_label("改造后照片.jpg").is_some());
    assert_eq!(dialogs.asked(), ["选择佐证材料", "选择佐证材料"]);

    // With the photo, 销号 needs no written note.
    let day = h.state().document().expect("doc").as_of();
    h.get_by_label(&format!("按{day}销号")).click();
    h.run();
    let plan = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load");
    let item = plan
        .rectifications
        .iter()
        .find(|r| r.problem == problem)
        .expect("item");
    assert_eq!(item.closed, Some(day));

    // Saved out as a copy, byte for byte.
    let out = dir.path().join("照片副本.jpg");
    dialogs.answer(&out);
    h.get_by_label("另存为…").click();
    h.run();
    assert_eq!(
        std::fs::read(&out).expect("saved"),
        b"\xFF\xD8\xFF\xE0 photo"
    );
}

#[test]
fn an_inspections_problem_list_is_previewed_and_goes_into_the_ledger() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let list = dir.path().join("2024年巡察反馈.xlsx");
    {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["问题描述", "整改措施", "责任单位", "整改时限"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).expect("header");
        }
        ws.write_string(1, 0, "学校食堂食材采购台账不全")
            .expect("p");
        ws.write_string(1, 1, "建立采购台账").expect("m");
        ws.write_string(1, 2, "安全科").expect("u");
        ws.write_string(1, 3, "2025-03-31").expect("d");
        wb.save(&list).expect("save");
    }
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num6);
    h.run();
    dialogs.answer(&list);
    h.get_by_label("导入问题清单…").click();
    h.run();
    assert!(h.query_by_label("将新增 1 项问题：").is_some());
    h.get_by_label("全部写入").click();
    h.run();
    let plan = h.state().document().expect("doc").plan().clone();
    let item = plan
        .rectifications
        .iter()
        .find(|r| r.problem == "学校食堂食材采购台账不全")
        .expect("imported");
    assert_eq!(
        item.batch, "2024年巡察反馈",
        "the file name is the batch unless changed"
    );
    assert_eq!(item.due, Some(jiff::civil::date(2025, 3, 31)));
}

#[test]
fn a_provincial_target_typed_in_the_alignment_view_is_kept_and_judged_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let library = dir.path().join("我的指标库.json");
    let lib = library.clone();
    let p = path.clone();
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .with_max_steps(12)
        .build_eframe(move |cc| EduPlanApp::for_tests(&cc.egui_ctx, &p).with_library_file(&lib));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num5);
    h.run();
    // The first row is 学前三年毛入园率 (90%以上), which meets the national target.
    h.get_all_by_label("添加省/市目标")
        .next()
        .expect("button")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains("为“学前三年毛入园率”添加上级目标")
            .is_some()
    );
    let field = |h: &mut Harness<'static, EduPlanApp>, name: &str, text: &str| {
        h.get_by_role_and_label(Role::TextInput, name).click();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.get_by_role_and_label(Role::TextInput, name)
            .type_text(text);
        h.run();
    };
    field(&mut h, "目标值", "92");
    // Without a source it is refused: the 对标 finding cites it.
    h.get_by_label("保存目标").click();
    h.run();
    assert!(h.query_by_label_contains("请写明出处").is_some());
    field(
        &mut h,
        "出处（文件名称和文号）",
        "省“十四五”教育规划（测试）",
    );
    h.get_by_label("保存目标").click();
    h.run();
    assert!(library.exists(), "kept in the officer's own library file");
    let findings = h.state().document().expect("doc").findings().to_vec();
    let plan = h.state().document().expect("doc").plan().clone();
    let texts: Vec<String> = findings
        .iter()
        .map(|f| eduplan::domain::explain::finding_text(f, &plan))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("低于省级目标（2025年92%，省“十四五”教育规划（测试））")),
        "{texts:?}"
    );
}

#[test]
fn a_colleagues_library_is_imported_from_the_alignment_view_and_the_own_targets_exported() {
    use eduplan::domain::library::{Library, LibraryTarget, TargetLevel};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let own_file = dir.path().join("我的指标库.json");
    // A colleague's file: the provincial target for 学前三年毛入园率.
    let mut entry = Library::builtin()
        .entry("preschool_gross_enrolment")
        .expect("entry")
        .clone();
    entry.targets = vec![LibraryTarget {
        level: TargetLevel::Provincial,
        target: 95.0,
        year: 2025,
        attribute: "expected".to_owned(),
        text: "95%以上".to_owned(),
        source: "某省“十四五”教育事业发展规划".to_owned(),
        base_2020: None,
        comparison: None,
        main_table: false,
    }];
    let colleague = dir.path().join("同事的指标库.json");
    std::fs::write(
        &colleague,
        Library::of_entries("同事", vec![entry]).to_json(),
    )
    .expect("write");
    let not_a_library = dir.path().join("随便的文件.json");
    std::fs::write(&not_a_library, "{\"a\": 1}").expect("write");

    let dialogs = ScriptedDialogs::default();
    let (p, lib, d) = (path.clone(), own_file.clone(), dialogs.clone());
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .with_max_steps(12)
        .build_eframe(move |cc| {
            EduPlanApp::for_tests_with(&cc.egui_ctx, &p, Box::new(d.clone()))
                .with_library_file(&lib)
        });
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num5);
    h.run();

    // Nothing to export yet: said, and no file written.
    let out = dir.path().join("导出的指标库.json");
    dialogs.answer(&out);
    h.get_by_label("导出本人添加的目标…").click();
    h.run();
    assert!(message(&h).contains("还没有本人添加"), "{}", message(&h));
    assert!(!out.exists());

    // A file that is not a library is refused and changes nothing.
    dialogs.answer(&not_a_library);
    h.get_by_label("导入同事的指标库…").click();
    h.run();
    assert!(message(&h).contains("未导入"), "{}", message(&h));
    assert!(!own_file.exists());

    dialogs.answer(&colleague);
    h.get_by_label("导入同事的指标库…").click();
    h.run();
    assert!(message(&h).contains("已导入1个指标条目"), "{}", message(&h));
    let doc = h.state().document().expect("doc");
    let texts: Vec<String> = doc
        .findings()
        .iter()
        .map(|f| eduplan::domain::explain::finding_text(f, doc.plan()))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("低于省级目标（2025年95%，某省“十四五”教育事业发展规划）")),
        "{texts:?}"
    );
    // The side-by-side table shows the provincial target.
    assert!(h.query_by_label_contains("95%以上").is_some());

    dialogs.answer(&out);
    h.get_by_label("导出本人添加的目标…").click();
    h.run();
    assert!(
        message(&h).contains("已导出本人添加的1个指标条目"),
        "{}",
        message(&h)
    );
    let exported =
        Library::parse(&std::fs::read_to_string(&out).expect("exported")).expect("parses");
    assert_eq!(exported.entries.len(), 1);
    assert_eq!(exported.entries[0].targets[0].target, 95.0);
    assert_eq!(
        exported.entries[0].targets[0].level,
        TargetLevel::Provincial
    );
}

#[test]
fn the_meeting_pages_are_exported_as_a_pdf_from_the_file_menu() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    let out = dir.path().join("会议材料.pdf");
    dialogs.answer(&out);
    menu(&mut h, "文件", "导出会议材料（PDF）…");
    assert!(
        dialogs
            .asked()
            .iter()
            .any(|q| q.contains("导出会议材料（PDF）"))
    );
    assert!(message(&h).contains("已导出会议材料"), "{}", message(&h));
    let bytes = std::fs::read(&out).expect("written");
    assert!(bytes.starts_with(b"%PDF-"));
    // Cancelled: nothing written, nothing said.
    std::fs::remove_file(&out).expect("rm");
    dialogs.cancel();
    menu(&mut h, "文件", "导出会议材料（PDF）…");
    assert!(!out.exists());
}

#[test]
fn in_every_dialog_enter_confirms_and_esc_cancels() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();

    // Esc: the fill-in table dialog goes away and nothing is asked.
    menu(&mut h, "文件", "生成填报表…");
    assert!(h.query_by_label("选择保存位置并生成…").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("选择保存位置并生成…").is_none());
    assert!(dialogs.asked().is_empty());

    // Enter: it goes on to the file question and writes the table.
    let table = dir.path().join("填报表.xlsx");
    dialogs.answer(&table);
    menu(&mut h, "文件", "生成填报表…");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(table.exists(), "{}", message(&h));
    assert!(h.query_by_label("选择保存位置并生成…").is_none());

    // A returned table: Enter writes what the preview shows.
    let returned = dir.path().join("交回.xlsx");
    resave(&table, &returned, |rows| {
        let r = row_of(rows, "骨干教师培养");
        rows[r][6] = Data::Float(43.0);
    });
    dialogs.answer_many(vec![returned.clone()]);
    menu(&mut h, "文件", "导入填报表…");
    assert!(h.query_by_label_contains("将写入 1 处改动").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    let year = h.state().document().expect("open").year();
    let value = |h: &Harness<'static, EduPlanApp>| {
        h.state()
            .document()
            .expect("open")
            .plan()
            .indicator_by_name("骨干教师培养")
            .and_then(|i| i.actual_value(year))
    };
    assert_ne!(value(&h), Some(43.0), "Esc writes nothing");
    dialogs.answer_many(vec![returned]);
    menu(&mut h, "文件", "导入填报表…");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(value(&h), Some(43.0));

    // Dialogs that only show things close on either key.
    for key in [egui::Key::Enter, egui::Key::Escape] {
        h.key_press(egui::Key::F1);
        h.run();
        assert!(h.query_by_label("评价规则").is_some());
        h.key_press(key);
        h.run();
        assert!(h.query_by_label("评价规则").is_none(), "{key:?}");
    }
}

#[test]
fn without_a_system_file_dialog_the_path_is_typed_instead() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    // Linux without a portal: the export asks, nothing comes up.
    dialogs.unavailable();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    assert!(
        h.query_by_label_contains("系统没有弹出选择文件的窗口")
            .is_some()
    );
    let out = dir.path().join("手输路径 监测表.xlsx");
    let field = h.get_by_role_and_label(Role::TextInput, "文件路径");
    field.click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "文件路径")
        .type_text(out.to_str().expect("utf-8"));
    h.run();
    h.get_by_label("确定").click();
    h.run();
    assert!(out.exists(), "{}", message(&h));
    assert!(message(&h).contains("已导出"), "{}", message(&h));
    assert!(h.query_by_label_contains("系统没有弹出").is_none());

    // A cancelled dialog is just a cancel: no path field.
    dialogs.cancel();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    assert!(h.query_by_label_contains("系统没有弹出").is_none());
}

#[test]
fn a_status_word_opens_the_rules_that_made_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    // In the indicator grid, the 评价 of a row.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num2);
    h.run();
    assert!(h.query_by_label("评价规则").is_none());
    h.get_all_by_label_contains("基本符合预期")
        .next()
        .expect("a status word in the grid")
        .click();
    h.run();
    assert!(h.query_by_label("评价规则").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("评价规则").is_none());
}

#[test]
fn targets_read_into_an_open_plan_update_its_indicators_instead_of_repeating_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let text = dir.path().join("修订稿.txt");
    // The plan has 学前三年毛入园率 (90%, 2025) and 义务教育巩固率 (99%) under 一、发展目标.
    std::fs::write(
        &text,
        "一、发展目标\n到2025年，全区学前三年毛入园率达到92%以上，义务教育巩固率保持在99%以上，\
         普惠性幼儿园覆盖率达到85%以上。\n",
    )
    .expect("write");
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    let before = h.state().document().expect("open").plan().clone();
    dialogs.answer(&text);
    menu(&mut h, "文件", "从规划文本提取指标…");
    assert!(h.query_by_label("从规划文本提取的量化目标").is_some());
    // A different target: 更新, with the plan's own shown; the same target: 不要.
    assert!(h.query_by_label("规划已有：90%以上（2025年）").is_some());
    assert!(h.query_by_label("→ 更新").is_some());
    assert!(h.query_by_label("× 不要").is_some());
    // Accept the new one (the only one still undecided) and write.
    h.get_by_label("全部接受").click();
    h.run();
    h.get_by_label("把接受的2项写入规划").click();
    h.run();
    let plan = h.state().document().expect("open").plan().clone();
    assert_eq!(
        plan.indicators.len(),
        before.indicators.len() + 1,
        "one new indicator, none repeated"
    );
    let rate = plan.indicator_by_name("学前三年毛入园率").expect("kept");
    assert_eq!(rate.target_value, 92.0, "its target updated");
    let new = plan.indicator_by_name("普惠性幼儿园覆盖率").expect("added");
    let old_section = before
        .indicator_by_name("学前三年毛入园率")
        .expect("there")
        .section;
    assert_eq!(new.section, old_section, "into the chapter that exists");
    assert_eq!(
        plan.sections.len(),
        before.sections.len(),
        "no chapter repeated"
    );
}

#[test]
fn the_review_says_on_which_page_and_line_of_a_pdf_each_target_stands() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    dialogs.answer(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/extract/qingshan-county-plan.pdf"
    ));
    menu(&mut h, "文件", "从规划文本提取指标…");
    assert!(h.query_by_label("从规划文本提取的量化目标").is_some());
    // The first target, 学前三年毛入园率达到92%以上, is on the 27th line of page 1 (as
    // `pdftotext` counts the lines that hold text).
    assert!(
        h.query_by_label_contains("原文（第1页第27行；").is_some(),
        "the place of the first proposal"
    );
}
