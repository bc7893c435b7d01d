//! The workbench, driven headless as a user would: click, type, paste, undo, switch views.

use crate::common;

use eduplan::app::EduPlanApp;
use eduplan::domain::{Status, evaluate};
use eduplan::storage::PlanFile;
use eduplan::ui::View;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(path: &std::path::Path) -> Harness<'static, EduPlanApp> {
    let path = path.to_owned();
    Harness::builder()
        .with_size([1366.0, 768.0])
        .with_max_steps(12) // dialogs with grids take a few frames to settle their layout
        .build_eframe(move |cc| EduPlanApp::for_tests(&cc.egui_ctx, &path))
}

fn value_in_file(path: &std::path::Path, name: &str, year: i32) -> Option<f64> {
    let plan = PlanFile::open(path).expect("open").load().expect("load");
    plan.indicator_by_name(name)
        .and_then(|i| i.actual_value(year))
}

#[test]
fn overview_shows_counts_and_the_warning_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    assert!(h.query_by_label_contains("约束性指标预警 2 项").is_some());
    h.get_by_label("新建公办幼儿园").click();
    h.run();
    assert!(matches!(h.state().view(), View::Detail(_)));
    let note = h.get_by_label("2024年说明").value().unwrap_or_default();
    assert!(
        note.contains("双语实验学校新建幼儿园"),
        "the note is shown: {note}"
    );
}

#[test]
fn find_in_tree_type_a_value_see_status_change_undo_and_check_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    let mut h = harness(&path);
    h.run();

    // Find the indicator through the search box and open it.
    h.get_by_role_and_label(Role::TextInput, "搜索")
        .type_text("巩固");
    h.run();
    // The tree's entry comes first; the overview lists the indicator too.
    h.get_all_by_label("义务教育巩固率")
        .next()
        .expect("tree entry")
        .click();
    h.run();
    assert!(matches!(h.state().view(), View::Detail(_)));

    // Type into the 2024 cell of the grid.
    h.get_by_label("指标").click();
    h.run();
    h.get_by_label("义务教育巩固率 2024年").click();
    h.run();
    // Typed key by key, the first key starts the edit in the cell.
    for key in ["9", "9", ".", "5"] {
        h.event(egui::Event::Text(key.into()));
        h.step();
    }
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let doc = h.state().document().expect("open plan");
    let ind = doc
        .plan()
        .indicator_by_name("义务教育巩固率")
        .expect("indicator");
    assert_eq!(ind.actual_value(2024), Some(99.5));
    assert_eq!(
        evaluate(ind, &doc.plan().info, 2024).status,
        Status::OnTrack
    );
    assert!(
        h.query_all_by_label_contains("● 基本符合预期").count() > 0,
        "the grid shows the new status"
    );
    assert!(
        h.query_by_label_contains("已保存").is_some(),
        "the status bar says it is saved"
    );

    // Undo puts the old value back, in the file too.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let doc = h.state().document().expect("open plan");
    assert_eq!(
        doc.plan()
            .indicator_by_name("义务教育巩固率")
            .and_then(|i| i.actual_value(2024)),
        Some(98.6)
    );
    assert!(
        h.query_by_label_contains("已撤销：义务教育巩固率·2024年实际值 98.6 → 99.5")
            .is_some(),
        "the banner says what was undone: {:?}",
        h.state().message().map(|m| m.text.clone())
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    drop(h);
    assert_eq!(
        value_in_file(&path, "义务教育巩固率", 2024),
        Some(99.5),
        "redo is in the file"
    );
}

#[test]
fn a_bad_value_is_refused_in_place_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    h.get_by_label("指标").click();
    h.run();
    for bad in ["九十", "abc", "-5", "120"] {
        h.get_by_label("义务教育巩固率 2023年").click();
        h.run();
        h.event(egui::Event::Text(bad.into()));
        h.run();
        h.key_press(egui::Key::Enter);
        h.run();
        assert!(h.state().message().is_none());
        let shown = h
            .query_by_label_contains("义务教育巩固率 2023年：")
            .is_some();
        assert!(shown, "message for {bad}");
        h.key_press(egui::Key::Escape);
        h.run();
    }
    drop(h);
    assert_eq!(value_in_file(&path, "义务教育巩固率", 2023), Some(99.1));
    let history = PlanFile::open(&path)
        .expect("open")
        .history(None, 10)
        .expect("history");
    assert!(history.is_empty(), "nothing was written: {history:?}");
}

#[test]
fn a_block_copied_from_excel_pastes_into_the_year_cells() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    h.get_by_label("指标").click();
    h.run();
    h.get_by_label("学前三年毛入园率 2021年").click();
    h.run();
    h.event(egui::Event::Paste("88.5\t８９％\r\n99.0\t99.4\r\n".into()));
    h.run();
    let doc = h.state().document().expect("plan");
    let v = |name: &str, y| {
        doc.plan()
            .indicator_by_name(name)
            .and_then(|i| i.actual_value(y))
    };
    assert_eq!(
        (v("学前三年毛入园率", 2021), v("学前三年毛入园率", 2022)),
        (Some(88.5), Some(89.0))
    );
    assert_eq!(
        (v("义务教育巩固率", 2021), v("义务教育巩固率", 2022)),
        (Some(99.0), Some(99.4))
    );

    // One bad cell refuses the whole block.
    h.event(egui::Event::Paste("70\tabc".into()));
    h.run();
    assert!(h.query_by_label_contains("粘贴未执行").is_some());
    let doc = h.state().document().expect("plan");
    assert_eq!(
        doc.plan()
            .indicator_by_name("学前三年毛入园率")
            .and_then(|i| i.actual_value(2021)),
        Some(88.5)
    );

    // The paste is one undo step.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    drop(h);
    assert_eq!(value_in_file(&path, "学前三年毛入园率", 2021), Some(88.2));
    assert_eq!(value_in_file(&path, "义务教育巩固率", 2022), Some(99.3));
}

#[test]
fn every_view_opens_and_meeting_mode_pages_and_leaves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    h.get_by_label("任务").click();
    h.run();
    assert_eq!(h.state().view(), View::Tasks);
    assert!(h.query_by_label_contains("重点任务与重点工程").is_some());
    h.get_by_label("总览").click();
    h.run();
    assert_eq!(h.state().view(), View::Overview);
    h.get_by_label("会议模式").click();
    h.run();
    assert_eq!(h.state().view(), View::Meeting);
    assert!(h.query_by_label_contains("第 1/").is_some());
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert!(h.query_by_label_contains("第 2/").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().view(), View::Overview);
}

#[test]
fn changing_the_evaluation_year_recomputes_statuses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    assert_eq!(h.state().document().map(|d| d.year()), Some(2024));
    h.state_mut().handle(
        &egui::Context::default(),
        eduplan::ui::Command::SetYear(2022),
    );
    h.run();
    assert!(h.query_by_label_contains("评估年度：2022年").is_some());
}

#[test]
fn the_workbench_lays_out_at_windows_display_scaling() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    for scale in [1.25, 1.5] {
        let p = path.clone();
        let mut h = Harness::builder()
            .with_size([1366.0 / scale, 768.0 / scale])
            .with_pixels_per_point(scale)
            .build_eframe(move |cc| EduPlanApp::for_tests(&cc.egui_ctx, &p));
        h.run();
        h.get_by_label("指标").click();
        h.run();
        assert!(
            h.query_by_label("义务教育巩固率 2024年").is_some(),
            "grid visible at {scale}"
        );
    }
}

#[test]
fn deleting_asks_first_and_can_be_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    h.get_all_by_label("新建公办幼儿园")
        .next()
        .expect("tree entry")
        .click();
    h.run();
    h.get_by_label("删除此指标…").click();
    h.run();
    assert!(
        h.query_by_label_contains("确定要删除指标“新建公办幼儿园”")
            .is_some()
    );
    h.get_by_label("取消").click();
    h.run();
    assert!(
        h.state()
            .document()
            .and_then(|d| d.plan().indicator_by_name("新建公办幼儿园"))
            .is_some()
    );
    h.get_by_label("删除此指标…").click();
    h.run();
    h.get_by_label("删除").click();
    h.run();
    assert!(
        h.state()
            .document()
            .and_then(|d| d.plan().indicator_by_name("新建公办幼儿园"))
            .is_none()
    );
    assert_eq!(h.state().view(), View::Indicators);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let doc = h.state().document().expect("plan");
    let back = doc
        .plan()
        .indicator_by_name("新建公办幼儿园")
        .expect("undone");
    assert_eq!(
        back.actual_value(2023),
        Some(1.0),
        "its values came back too"
    );
}

#[test]
fn the_yellow_tolerance_is_set_in_the_plan_and_changes_the_lights() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    let light = |h: &Harness<'_, EduPlanApp>| {
        let doc = h.state().document().expect("plan");
        let id = doc
            .plan()
            .indicator_by_name("学生体质健康达标率")
            .expect("indicator")
            .id;
        doc.evaluation(id).expect("evaluated").light
    };
    assert_eq!(light(&h), eduplan::domain::Light::Red);
    h.get_by_label("编辑").click();
    h.run();
    h.get_by_label("规划信息与设置…").click();
    h.run();
    h.get_by_label("黄灯界限").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("黄灯界限").type_text("30");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        light(&h),
        eduplan::domain::Light::Yellow,
        "15 points behind is yellow with a 30-point tolerance"
    );
    drop(h);
    let plan = PlanFile::open(&path).expect("open").load().expect("load");
    assert_eq!(plan.info.yellow_tolerance_pp, 30.0);
}

#[test]
fn a_task_opens_with_every_field_editable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    h.get_by_label("任务").click();
    h.run();
    h.get_by_label("实施“嘉树工程”").click();
    h.run();
    assert!(h.query_by_label("编辑任务").is_some());
    h.get_by_label("配合单位").click();
    h.run();
    h.get_by_label("配合单位").type_text("各中小学校");
    h.key_press(egui::Key::Enter);
    h.run();
    let doc = h.state().document().expect("plan");
    let task = doc
        .plan()
        .tasks
        .iter()
        .find(|t| t.title == "实施“嘉树工程”")
        .expect("task");
    assert_eq!(task.co_units, "各中小学校");
}

#[test]
fn the_balance_view_shows_every_cv_and_the_schools_furthest_from_the_standards_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    h.get_by_label("优质均衡").click();
    h.run();
    assert_eq!(h.state().view(), View::Balance);
    assert!(
        h.query_by_label_contains("义务教育优质均衡（2024年）")
            .is_some()
    );
    assert!(h.query_by_label("校际差异系数").is_some());
    assert!(h.query_by_label_contains("资源配置未达标").is_some());
    assert!(
        h.query_by_label_contains("不足50人的教学点不参与差异系数计算")
            .is_some()
    );
    h.get_by_label("2023年").click();
    h.run();
    assert!(
        h.query_by_label_contains("义务教育优质均衡（2023年）")
            .is_some()
    );
}

#[test]
fn what_if_shows_the_effect_of_changed_counts_and_saves_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let before = std::fs::read(&path).expect("read");
    let p = path.clone();
    // Tall enough that the 假设分析 panel at the bottom of the view is on screen.
    let mut h = Harness::builder()
        .with_size([1366.0, 2400.0])
        .with_max_steps(12)
        .build_eframe(move |cc| EduPlanApp::for_tests(&cc.egui_ctx, &p));
    h.run();
    h.get_by_label("优质均衡").click();
    h.run();
    // A school is picked for the what-if by clicking its name in the table.
    h.get_by_role_and_label(Role::Label, "龙潭区江密峰中心小学")
        .click();
    h.run();
    let field = "假设县级以上骨干教师数";
    h.get_by_label(field).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(field).type_text("10");
    h.run();
    assert!(
        h.query_by_label_contains("假设结果：龙潭区江密峰中心小学（小学）达标项数 1/7 → 2/7")
            .is_some(),
        "the school's standards move with the counts"
    );
    drop(h);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "nothing is saved"
    );
}

fn set_date_field(h: &mut Harness<'static, EduPlanApp>, name: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, name).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, name)
        .type_text(text);
    h.key_press(egui::Key::Enter);
    h.run();
}

#[test]
fn tasks_are_judged_on_the_chosen_day_and_overdue_ones_reach_the_overview() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num3);
    h.run();
    set_date_field(&mut h, "评估日期", "2024-12-31");
    assert_eq!(
        h.state().document().expect("doc").as_of(),
        jiff::civil::date(2024, 12, 31)
    );
    // 探索建立教师绩效考核制度 was due at the end of 2023 and is not done.
    assert!(h.query_all_by_label("■ 逾期").count() >= 1);
    assert!(
        h.query_by_label("▲ 已完成（逾期）").is_some(),
        "布局调整规划 finished late"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num1);
    h.run();
    assert!(h.query_all_by_label("■ 任务逾期").count() >= 1);
    h.get_by_label("探索建立教师绩效考核制度").click();
    h.run();
    assert_eq!(h.state().view(), View::Tasks);
}

#[test]
fn a_rectification_item_closes_only_with_an_acceptance_note_and_reopens_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num6);
    h.run();
    set_date_field(&mut h, "整改评估日期", "2024-12-31");
    assert!(
        h.query_by_label_contains("截至2024-12-31：共15项")
            .is_some()
    );
    let problem = "江密峰中心小学体育运动场馆面积不足";
    h.get_by_label(problem).click();
    h.run();
    let closed = |path: &std::path::Path| {
        let plan = PlanFile::read_only(path)
            .expect("open")
            .load()
            .expect("load");
        let item = plan
            .rectifications
            .iter()
            .find(|r| r.problem == problem)
            .expect("item")
            .clone();
        (item.closed, item.progress)
    };
    // No evidence and no note: refused, nothing written.
    h.get_by_label("按2024-12-31销号").click();
    h.run();
    assert!(h.query_by_label_contains("销号需要佐证").is_some());
    assert_eq!(closed(&path).0, None);
    // With a written acceptance note it closes.
    h.get_by_role_and_label(Role::MultilineTextInput, "验收意见")
        .click();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "验收意见")
        .type_text("风雨操场建成，现场复核面积达标");
    h.run();
    // Moving on to the next field keeps what was written.
    h.get_by_role_and_label(Role::TextInput, "审核人").click();
    h.run();
    let note = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load")
        .rectifications
        .iter()
        .find(|r| r.problem == problem)
        .map(|r| r.closed_note.clone())
        .unwrap_or_default();
    assert_eq!(note, "风雨操场建成，现场复核面积达标");
    h.get_by_label("按2024-12-31销号").click();
    h.run();
    assert_eq!(closed(&path).0, Some(jiff::civil::date(2024, 12, 31)));
    // Reopening needs a reason, which is kept among the progress entries.
    h.get_by_label("重新打开").click();
    h.run();
    assert!(h.query_by_label_contains("请写明重新打开的原因").is_some());
    h.get_by_role_and_label(Role::TextInput, "重新打开原因")
        .click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "重新打开原因")
        .type_text("复查发现面积计算有误");
    h.run();
    h.get_by_label("重新打开").click();
    h.run();
    let (closed_on, progress) = closed(&path);
    assert_eq!(closed_on, None);
    assert!(
        progress
            .iter()
            .any(|p| p.text == "重新打开：复查发现面积计算有误"),
        "{progress:?}"
    );
}

#[test]
fn leaving_meeting_mode_restores_the_light_workbench() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let p = path.clone();
    // As on a real screen: the harness's own default theme is dark.
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .with_theme(egui::Theme::Light)
        .build_eframe(move |cc| EduPlanApp::for_tests(&cc.egui_ctx, &p));
    h.run();
    let before = h.ctx.global_style().visuals.clone();
    assert!(!before.dark_mode, "the workbench starts light");
    h.key_press(egui::Key::F5);
    h.run();
    assert_eq!(h.state().view(), View::Meeting);
    h.key_press(egui::Key::Escape);
    h.run();
    assert_ne!(h.state().view(), View::Meeting);
    assert!(
        !h.ctx.global_style().visuals.dark_mode,
        "the workbench stays light"
    );
    assert_eq!(h.ctx.global_style().visuals, before);
}

#[test]
fn meeting_mode_opens_on_a_summary_and_moves_by_keys_index_and_page_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    assert!(
        // By light (as `status --year 2024` shows them): 21 green, 4 yellow, 7 red of which
        // the 2 约束性 warnings, 1 without a value. Yellow is not "at or ahead of 序时".
        h.query_by_label_contains(
            "33项指标中，21项达到或快于序时进度，4项略慢于序时，7项滞后（其中约束性2项），1项未填报。"
        )
        .is_some(),
        "the opening judgement"
    );
    assert!(h.query_by_label_contains("约束性指标预警 2 项").is_some());
    h.key_press(egui::Key::End);
    h.run();
    assert!(
        h.query_by_label("整改台账（续）").is_some(),
        "the last page goes on with the 整改台账's overdue items"
    );
    assert!(h.query_by_label("逾期未销号：").is_some());
    h.key_press(egui::Key::PageUp);
    h.run();
    assert!(h.query_by_label("整改台账").is_some());
    // Counts by 责任单位 and the 动态清零 curve are on it too.
    assert!(h.query_by_label("其中逾期").is_some());
    assert!(h.query_by_label("动态清零：各月末未销号问题数").is_some());
    h.key_press(egui::Key::Home);
    h.run();
    assert!(h.query_by_label_contains("第 1/").is_some());
    // A page number and Enter jump there (a presenter's "go to slide").
    h.event(egui::Event::Text("3".into()));
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.query_by_label_contains("第 3/").is_some());
    // G shows the index; Esc closes it before it leaves meeting mode.
    h.key_press(egui::Key::G);
    h.run();
    assert!(h.query_by_label("目录").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().view(), View::Meeting);
    assert!(h.query_by_label("目录").is_none());
    // A unit's page names its overdue tasks on the day, and its red and yellow indicators
    // with their 判定依据.
    h.key_press(egui::Key::G);
    h.run();
    h.get_by_label_contains("牵头单位：人事科").click();
    h.run();
    assert!(
        h.query_by_label_contains("■ 逾期任务：探索建立教师绩效考核制度")
            .is_some()
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().view(), View::Overview);
}

#[test]
fn esc_returns_to_the_view_meeting_mode_came_from_and_f5_resumes_the_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let mut h = harness(&path);
    h.run();
    h.get_by_label("指标").click();
    h.run();
    assert_eq!(h.state().view(), View::Indicators);
    h.key_press(egui::Key::F5);
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert!(h.query_by_label_contains("第 3/").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().view(), View::Indicators, "back where it started");
    h.key_press(egui::Key::F5);
    h.run();
    assert!(
        h.query_by_label_contains("第 3/").is_some(),
        "the page it left"
    );
}

#[test]
fn schools_are_added_renamed_and_deleted_in_the_balance_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    let before = h.state().document().expect("doc").plan().schools.len();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num4);
    h.run();
    h.get_by_label_contains("学校名单（").click();
    h.run();
    h.get_by_label("新增学校").click();
    h.run();
    let plan = h.state().document().expect("doc").plan().clone();
    assert_eq!(plan.schools.len(), before + 1);
    // Rename the first school on the list.
    let first = plan.schools[0].clone();
    let field = format!("学校名称 {}", first.id.0);
    h.get_by_role_and_label(Role::TextInput, &field).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, &field)
        .type_text("龙潭区实验小学（本部）");
    h.key_press(egui::Key::Enter);
    h.run();
    let plan = h.state().document().expect("doc").plan().clone();
    assert_eq!(
        plan.school(first.id).map(|s| s.name.as_str()),
        Some("龙潭区实验小学（本部）")
    );
    // Deleting takes its figures with it and is undone like any edit.
    h.query_all_by_label("删除").next().expect("delete").click();
    h.run();
    let plan = h.state().document().expect("doc").plan().clone();
    assert!(plan.school(first.id).is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let plan = h.state().document().expect("doc").plan().clone();
    assert_eq!(
        plan.school(first.id).map(|s| s.years.len()),
        Some(first.years.len())
    );
}

#[test]
fn f1_explains_the_rules_with_this_plans_settings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    h.key_press(egui::Key::F1);
    h.run();
    assert!(h.query_by_label("评价规则").is_some());
    assert!(
        h.query_by_label_contains("2024年评估一个2020年基期、2025年目标的指标，序时进度为80%")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("差距 ≥ +5 为快于预期").is_some(),
        "the plan's own settings"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("评价规则").is_none());
}

#[test]
fn on_a_small_screen_the_outline_gives_way_and_ctrl_b_brings_it_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let p = path.clone();
    let mut h = Harness::builder()
        .with_size([1024.0, 600.0])
        .with_max_steps(12)
        .build_eframe(move |cc| EduPlanApp::for_tests(&cc.egui_ctx, &p));
    h.run();
    assert!(
        h.query_by_role_and_label(Role::TextInput, "搜索").is_none(),
        "hidden at 1024 wide"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B);
    h.run();
    assert!(h.query_by_role_and_label(Role::TextInput, "搜索").is_some());
    h.get_by_label("目录").click();
    h.run();
    assert!(h.query_by_role_and_label(Role::TextInput, "搜索").is_none());
}

#[test]
fn the_frozen_names_follow_the_cells_down_the_grid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    h.get_by_label("指标").click();
    h.run();
    let names: Vec<String> = {
        let doc = h.state().document().expect("open");
        doc.plan()
            .indicators_in_outline_order()
            .iter()
            .map(|i| i.name.clone())
            .collect()
    };
    let last = names.last().expect("indicators").clone();
    assert!(
        h.query_by_label(&last).is_none(),
        "the last row starts below the window"
    );
    h.get_by_label(&format!("{} 2024年", names[0])).click();
    h.run();
    for _ in 0..names.len() {
        h.key_press(egui::Key::ArrowDown);
        h.run();
    }
    // The cells scrolled to the last row, and the frozen column with them.
    assert!(h.query_by_label(&format!("{last} 2024年")).is_some());
    assert!(h.query_by_label(&last).is_some(), "{last}");
}

/// The longest 目标 in the sample, and the 完成进度 header.
fn target_and_next_column(h: &Harness<'_, EduPlanApp>) -> (egui::Rect, egui::Rect) {
    let target = h.get_by_label_contains("共360学时").rect();
    let next = h.get_by_label("完成进度").rect();
    (target, next)
}

#[test]
fn the_grid_shows_every_target_whole_on_a_wide_screen_and_every_column_on_a_small_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    for (size, whole) in [([1920.0, 1080.0], true), ([1024.0, 600.0], false)] {
        let p = path.clone();
        let mut h = Harness::builder()
            .with_size(size)
            .with_max_steps(12)
            .build_eframe(move |cc| EduPlanApp::for_tests(&cc.egui_ctx, &p));
        h.run();
        h.get_by_label("指标").click();
        h.run();
        if whole {
            let (target, next) = target_and_next_column(&h);
            assert!(
                target.right() <= next.left(),
                "at {size:?} the 目标 text ends at {} but the next column starts at {}",
                target.right(),
                next.left()
            );
            assert!(
                next.right() <= size[0],
                "nothing beyond the window at {size:?}"
            );
        } else {
            // The 目标 column lies beyond the window; a scrollbar takes the rest sideways.
            // Long targets give up width (their whole text shows on hover) so that every
            // column, up to 完成进度, still fits beside the names.
            let next = h.get_by_label("完成进度").rect();
            assert!(next.right() <= size[0], "完成进度 ends at {}", next.right());
            assert!(h.get_by_label("义务教育巩固率").rect().left() < 300.0);
        }
    }
}

#[test]
fn a_long_dialog_fits_a_small_screen_and_its_close_button_stays_on_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let p = path.clone();
    let mut h = Harness::builder()
        .with_size([1024.0, 600.0])
        .with_max_steps(12)
        .build_eframe(move |cc| EduPlanApp::for_tests(&cc.egui_ctx, &p));
    h.run();
    let task = {
        let plan = h.state().document().expect("open").plan().clone();
        // The task with the most written in it: the tallest dialog.
        plan.tasks
            .iter()
            .max_by_key(|t| t.measures.len() + t.progress.len() * 40)
            .expect("a task")
            .id
    };
    h.state_mut().handle(
        &egui::Context::default(),
        eduplan::ui::Command::EditTask(task),
    );
    h.run();
    let close = h.get_by_label("关闭").rect();
    assert!(
        close.max.y <= 600.0 && close.min.y >= 0.0,
        "关闭 at {close:?} is on the 1024×600 screen"
    );
}

#[test]
fn a_value_for_a_later_year_says_the_verdicts_are_still_of_the_year_judged() {
    use eduplan::domain::edit::{ActualField, Edit, Field, Value};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    let mut h = harness(&path);
    h.run();
    let id = h
        .state()
        .document()
        .expect("open")
        .plan()
        .indicator_by_name("义务教育巩固率")
        .expect("indicator")
        .id;
    h.state_mut().handle(
        &egui::Context::default(),
        eduplan::ui::Command::Edit {
            edits: vec![Edit::Set(
                Field::Actual(id, 2025, ActualField::Value),
                Value::Num(98.8),
            )],
            action: "录入".into(),
        },
    );
    h.run();
    let message = h
        .state()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        message.contains("已记录2025年的值；评价仍按评估年度2024年"),
        "{message}"
    );
}

#[test]
fn the_shortcut_list_names_every_view_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let mut h = harness(&path);
    h.run();
    h.get_by_label("帮助").click();
    h.run();
    h.get_by_label("快捷键").click();
    h.run();
    for key in ["Ctrl+1", "Ctrl+6", "Ctrl+B", "F1", "会议模式：G / T / Esc"] {
        assert!(h.query_by_label(key).is_some(), "{key}");
    }
}
