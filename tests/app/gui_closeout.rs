//! The close-out in the window: the overview in a 总结评估, the choice of evaluation kind, the
//! officer's 人工判定 with its reason, and the next plan made from the 文件 menu.

use crate::common;

use std::path::Path;

use eduplan::app::EduPlanApp;
use eduplan::app::dialogs::ScriptedDialogs;
use eduplan::domain::closeout::FinalVerdict;
use eduplan::storage::PlanFile;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(path: &Path, dialogs: &ScriptedDialogs) -> Harness<'static, EduPlanApp> {
    harness_sized(path, dialogs, [1366.0, 768.0])
}

fn harness_sized(
    path: &Path,
    dialogs: &ScriptedDialogs,
    size: [f32; 2],
) -> Harness<'static, EduPlanApp> {
    let path = path.to_owned();
    let dialogs = dialogs.clone();
    Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_eframe(move |cc| {
            EduPlanApp::for_tests_with(&cc.egui_ctx, &path, Box::new(dialogs.clone()))
        })
}

const COUNT_SENTENCE: &str = "规划确定的33项主要指标中，25项已完成（其中8项超额完成、4项提前完成），3项基本完成，5项未完成（其中约束性指标2项）。";

#[test]
fn the_last_year_opens_as_the_final_evaluation_and_the_kind_can_be_chosen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    assert!(
        h.query_by_label_contains("评估年度：2025年（总结评估）")
            .is_some()
    );
    assert!(
        h.query_by_label(COUNT_SENTENCE).is_some(),
        "the count sentence"
    );
    assert!(h.query_by_label("未完成和基本完成的指标").is_some());
    assert!(
        h.query_by_label_contains("2项按预计值评价").is_some(),
        "the provisional values are said"
    );
    // The reason recorded as the year's 说明 stands beside the indicator.
    assert!(
        h.query_by_label_contains("原因：学龄人口变化/生源减少；外出务工随迁子女转学增多")
            .is_some()
    );

    // Read the same year as a 年度监测: the mid-course overview comes back.
    h.get_by_label_contains("评估类型：按年份").click();
    h.run();
    h.get_by_label("年度监测").click();
    h.run();
    assert!(
        h.query_by_label_contains("评估年度：2025年（年度监测）")
            .is_some()
    );
    assert!(h.query_by_label(COUNT_SENTENCE).is_none());
    let plan = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load");
    assert_eq!(
        plan.info.closeout.evaluation_kind,
        Some(eduplan::domain::closeout::EvaluationKind::Annual),
        "the choice is kept in the file"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.query_by_label(COUNT_SENTENCE).is_some(), "undone");
}

#[test]
fn an_officers_verdict_is_kept_with_its_reason_and_shown_beside_the_computed_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let dialogs = ScriptedDialogs::default();
    // Tall enough that the close-out fields below the yearly table are on screen.
    let mut h = harness_sized(&path, &dialogs, [1366.0, 1800.0]);
    h.run();
    h.get_all_by_label("全员培训学时完成率")
        .next()
        .expect("listed")
        .click();
    h.run();
    assert!(h.query_by_label("总结评估（2025年）").is_some());
    h.get_by_role_and_label(Role::ComboBox, "人工判定").click();
    h.run();
    h.get_by_label("基本完成").click();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "人工判定理由")
        .click();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "人工判定理由")
        .type_text("省厅统计口径按学年计算，已完成98%");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    let plan = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load");
    let ind = plan
        .indicator_by_name("全员培训学时完成率")
        .expect("indicator");
    assert_eq!(ind.closeout.verdict_override, Some(FinalVerdict::Basically));
    assert_eq!(
        ind.closeout.override_reason,
        "省厅统计口径按学年计算，已完成98%"
    );
    assert!(
        h.query_all_by_label_contains("基本完成（人工判定；计算结果：未完成）")
            .count()
            >= 1,
        "the computed verdict stays beside the officer's"
    );
}

#[test]
fn the_next_plan_is_made_from_the_file_menu_and_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let before = std::fs::read(&path).expect("read");
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    let next = dir.path().join("龙潭区十五五.eduplan");
    dialogs.answer(&next);
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("由本规划生成下一期规划…").click();
    h.run();
    let message = h
        .state()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(message.contains("已生成下一期规划"), "{message}");
    assert!(message.contains("2026-2030年，基期2025年"), "{message}");
    assert_eq!(
        h.state().plan_path(),
        Some(next.clone()),
        "the new plan is open"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the old one untouched"
    );
    let plan = PlanFile::read_only(&next)
        .expect("open")
        .load()
        .expect("load");
    assert!(plan.info.name.contains("十五五"));
    assert_eq!(
        plan.info.predecessor.map(|p| p.name).as_deref(),
        Some("龙潭区教育事业发展“十四五”规划")
    );
}

#[test]
fn a_task_gets_its_end_of_period_verdict_in_its_dialog() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness_sized(&path, &dialogs, [1366.0, 1600.0]);
    h.run();
    let task = {
        let plan = h.state().document().expect("open").plan().clone();
        plan.tasks
            .iter()
            .find(|t| t.title == "实施“嘉树工程”")
            .expect("the sample's task")
            .id
    };
    h.state_mut().handle(
        &egui::Context::default(),
        eduplan::ui::Command::EditTask(task),
    );
    h.run();
    assert!(h.query_by_label("期末评价（总结评估）").is_some());
    assert!(
        h.query_by_label_contains("建议：未完成（结转）（按任务状态，未确认）")
            .is_some(),
        "the verdict proposed from its status until confirmed"
    );
    h.get_by_label("已调整或取消").click_accesskit();
    h.run();
    h.run();
    let plan = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load");
    let saved = plan.task(task).expect("task");
    assert_eq!(
        saved.closeout.verdict,
        Some(eduplan::domain::closeout::TaskVerdict::Adjusted)
    );
    assert!(
        h.query_by_label("已调整或结转的任务须写明依据或原因")
            .is_some()
    );
}

#[test]
fn a_provisional_value_is_marked_on_the_meeting_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    assert!(
        h.query_by_label_contains(COUNT_SENTENCE).is_some(),
        "the opening page of a 总结评估 says the count sentence"
    );
    h.key_press(egui::Key::G);
    h.run();
    h.get_by_label_contains("　学前三年毛入园率").click();
    h.run();
    assert!(
        h.query_by_label_contains("2025年：92%（预计）").is_some(),
        "the 2025 value is marked provisional"
    );
}

#[test]
fn a_year_that_is_over_is_judged_on_its_last_day_and_its_slides_speak_of_the_target() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs);
    h.run();
    assert_eq!(
        h.state().document().expect("open").as_of(),
        eduplan::domain::Date::new(2025, 12, 31).expect("date"),
        "2025 is over: tasks and 整改 are judged on 2025-12-31, not today"
    );
    h.key_press(egui::Key::F5);
    h.run();
    h.key_press(egui::Key::G);
    h.run();
    h.get_by_label_contains("　义务教育巩固率").click();
    h.run();
    assert!(
        h.query_by_label_contains("■ 未完成").is_some(),
        "the close-out's word, not the pace's"
    );
    assert!(h.query_by_label_contains("截至2025-12-31").is_some());
}

#[test]
fn in_a_final_review_the_overview_chart_colours_each_bar_by_the_close_out_verdict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness_sized(&path, &ScriptedDialogs::default(), [1920.0, 1080.0]);
    h.run();
    h.get_by_label_contains("颜色与符号为总结评估结论");
    // 98 % of the 学时 is behind 序时 by a little (a yellow light) but short of the target:
    // 未完成, red, as the list beside the chart says.
    let plan = h.state().document().expect("doc").plan().clone();
    let ind = plan
        .indicators
        .iter()
        .find(|i| i.name == "全员培训学时完成率")
        .expect("indicator");
    let judged = eduplan::domain::closeout::judge_final(ind, &plan.info, 2025);
    assert_eq!(judged.verdict_text(), "未完成");
    h.get_by_label("全员培训学时完成率 ■ 98%");
    assert!(h.query_by_label("全员培训学时完成率 ▲ 98%").is_none());
}

#[test]
fn in_a_final_review_the_detail_view_leads_with_the_close_out_verdict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path, &ScriptedDialogs::default());
    h.run();
    let id = h
        .state()
        .document()
        .expect("doc")
        .plan()
        .indicators
        .iter()
        .find(|i| i.name == "全员培训学时完成率")
        .expect("indicator")
        .id;
    let ctx = h.ctx.clone();
    h.state_mut().handle(
        &ctx,
        eduplan::ui::Command::Show(eduplan::ui::View::Detail(id)),
    );
    h.run();
    // 98 % of the hours: the year's light is yellow, the close-out says 未完成.
    h.get_by_label("■ 总结评估：未完成");
    assert!(
        h.query_by_label("● 绿灯").is_none() && h.query_by_label("▲ 黄灯").is_none(),
        "no light against 序时 in a 总结评估"
    );
    h.get_by_label_contains("判定依据：目标完成度98%；");
}

#[test]
fn in_a_final_review_the_grid_speaks_the_close_out_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness_sized(&path, &ScriptedDialogs::default(), [1920.0, 1080.0]);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num2);
    h.run();
    // 全员培训学时完成率: the year's light is yellow (未实现), the close-out says 未完成, as
    // the overview and the meeting pages do.
    assert!(h.query_all_by_label("■ 未完成").count() >= 1);
    assert!(h.query_all_by_label("● 超额完成").count() >= 1);
    assert!(
        h.query_by_label("▲ 未实现").is_none(),
        "no year's words in a 总结评估"
    );
    h.get_by_label("年度评价");
}

#[test]
fn every_view_that_shows_a_state_says_the_day_it_was_judged_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path, &ScriptedDialogs::default());
    h.run();
    h.get_by_label_contains("评估年度：2025年（总结评估）　截至2025-12-31");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num2);
    h.run();
    h.get_by_label_contains("评价按2025年数据，截至2025-12-31。");
    h.get_all_by_label("学前三年毛入园率")
        .last()
        .expect("a grid row")
        .click();
    h.run();
    h.get_by_label_contains("2025年（截至2025-12-31） 完成进度");
}

#[test]
fn the_rules_page_explains_the_close_out_words_and_the_yellow_light() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path, &ScriptedDialogs::default());
    h.run();
    h.key_press(egui::Key::F1);
    h.run();
    h.get_by_label("总结评估");
    h.get_by_label_contains("已完成（含超额完成、提前完成）");
    h.get_by_label_contains("黄灯▲：略慢于序时");
}
