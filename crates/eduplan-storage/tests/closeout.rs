//! The close-out in the plan file: every new field round-trips, is edited through the field
//! table with history and undo, and entering a final value clears a 预计 mark (both kept in the
//! history). An older file (format 8) upgrades to the new columns with their defaults.

use eduplan_domain::closeout::{
    EvaluationKind, FinalVerdict, MissReason, Predecessor, ProjectState, TaskVerdict,
};
use eduplan_domain::edit::{ActualField, Edit, Field, IndicatorField, PlanField, TaskField, Value};
use eduplan_domain::*;
use eduplan_storage::PlanFile;

fn plan() -> Plan {
    let mut plan = Plan::default();
    plan.info.name = "测试规划".into();
    plan.sections.push(Section {
        id: SectionId(1),
        parent: None,
        position: 1,
        numbering: "一、".into(),
        title: "主要指标".into(),
        body: String::new(),
        lead_unit: String::new(),
        co_units: String::new(),
    });
    let mut ind = Indicator::new(IndicatorId(1), SectionId(1), "九年义务教育巩固率");
    ind.base_value = Some(95.2);
    ind.target_value = 96.0;
    ind.actuals.insert(
        2025,
        Actual {
            value: Some(96.1),
            estimate: true,
            ..Actual::default()
        },
    );
    ind.closeout.verdict_override = Some(FinalVerdict::Basically);
    ind.closeout.override_reason = "教育部按已达到报告".into();
    ind.closeout.miss_reason = Some(MissReason::Population);
    ind.closeout.miss_note = "生源外流".into();
    ind.closeout.next_steps = "下一步将……".into();
    ind.closeout.carry_over = true;
    plan.indicators.push(ind);
    let mut task = Task::new(TaskId(1), SectionId(1), "新建幼儿园");
    task.kind = TaskKind::Project;
    task.closeout.verdict = Some(TaskVerdict::CarriedOver);
    task.closeout.verdict_basis = "用地未落实".into();
    task.closeout.scope = "建筑面积3000平方米".into();
    task.closeout.build_period = "2023-2024年".into();
    task.closeout.outcome = "主体完工".into();
    task.closeout.new_places = Some(270.0);
    task.closeout.project_state = Some(ProjectState::Building);
    task.closeout.miss_reason = Some(MissReason::LandFundsApproval);
    task.closeout.carry_over = true;
    plan.tasks.push(task);
    plan.info.closeout.evaluation_kind = Some(EvaluationKind::Final);
    plan.info.closeout.exceed_margin_pp = 8.0;
    plan.info.closeout.basic_share_pct = 85.0;
    plan.info.closeout.basic_for_binding = true;
    plan.info.closeout.evaluation_date = Some(Date::new(2026, 3, 31).expect("date"));
    plan.info.predecessor = Some(Predecessor {
        name: "上期规划".into(),
        hash: "ab".repeat(32),
    });
    plan
}

#[test]
fn every_close_out_field_round_trips() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("p.eduplan");
    let original = plan();
    let pf = PlanFile::create(&path, &original).expect("create");
    let loaded = pf.load().expect("load");
    assert_eq!(loaded.info.closeout, original.info.closeout);
    assert_eq!(loaded.info.predecessor, original.info.predecessor);
    assert_eq!(
        loaded.indicators[0].closeout,
        original.indicators[0].closeout
    );
    assert!(loaded.indicators[0].actuals[&2025].estimate);
    assert_eq!(loaded.tasks[0].closeout, original.tasks[0].closeout);
}

#[test]
fn a_final_value_clears_the_estimate_and_undo_brings_it_back() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("p.eduplan");
    let mut pf = PlanFile::create(&path, &plan()).expect("create");
    let id = IndicatorId(1);
    pf.apply(
        &[Edit::Set(
            Field::Actual(id, 2025, ActualField::Value),
            Value::Num(96.3),
        )],
        "录入",
    )
    .expect("set")
    .expect("a batch");
    let after = pf.load().expect("load");
    let actual = &after.indicators[0].actuals[&2025];
    assert_eq!((actual.value, actual.estimate), (Some(96.3), false));
    let history = pf.history(Some(id), 10).expect("history");
    let labels: Vec<(String, String, String)> = history
        .iter()
        .map(|h| (h.label.clone(), h.old.clone(), h.new.clone()))
        .collect();
    assert!(
        labels.contains(&(
            "九年义务教育巩固率·2025年预计".into(),
            "是".into(),
            "否".into()
        )),
        "{labels:?}"
    );
    assert!(
        labels.contains(&(
            "九年义务教育巩固率·2025年实际值".into(),
            "96.1".into(),
            "96.3".into()
        )),
        "{labels:?}"
    );
    pf.revert(history[0].batch, "撤销").expect("undo");
    let back = pf.load().expect("load");
    let actual = &back.indicators[0].actuals[&2025];
    assert_eq!((actual.value, actual.estimate), (Some(96.1), true));

    // A value entered as provisional in one batch keeps its mark.
    pf.apply(
        &[
            Edit::Set(
                Field::Actual(id, 2025, ActualField::Value),
                Value::Num(96.2),
            ),
            Edit::Set(
                Field::Actual(id, 2025, ActualField::Estimate),
                Value::flag(true),
            ),
        ],
        "录入",
    )
    .expect("set");
    let actual = &pf.load().expect("load").indicators[0].actuals[&2025];
    assert_eq!((actual.value, actual.estimate), (Some(96.2), true));
    // A year without a row: marking it 预计 and undoing leaves it unmarked.
    let batch = pf
        .apply(
            &[Edit::Set(
                Field::Actual(id, 2024, ActualField::Estimate),
                Value::flag(true),
            )],
            "录入",
        )
        .expect("set")
        .expect("batch");
    pf.revert(batch, "撤销").expect("undo");
    assert!(
        pf.load().expect("load").indicators[0]
            .actuals
            .get(&2024)
            .is_none_or(|a| !a.estimate)
    );
}

#[test]
fn close_out_fields_are_edited_with_history_and_checked_codes() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("p.eduplan");
    let mut pf = PlanFile::create(&path, &Plan::default()).expect("create");
    let mut p = plan();
    p.indicators[0].closeout = Default::default();
    drop(pf);
    std::fs::remove_file(&path).expect("remove");
    pf = PlanFile::create(&path, &p).expect("create");
    let id = IndicatorId(1);
    let edits = [
        Edit::Set(
            Field::Indicator(id, IndicatorField::VerdictOverride),
            Value::code(FinalVerdict::Done),
        ),
        Edit::Set(
            Field::Indicator(id, IndicatorField::OverrideReason),
            Value::text("按部统计公报"),
        ),
        Edit::Set(
            Field::Indicator(id, IndicatorField::MissReason),
            Value::code(MissReason::Epidemic),
        ),
        Edit::Set(
            Field::Indicator(id, IndicatorField::CarryOver),
            Value::flag(true),
        ),
        Edit::Set(
            Field::Task(TaskId(1), TaskField::ProjectState),
            Value::code(ProjectState::InUse),
        ),
        Edit::Set(
            Field::Plan(PlanField::EvaluationKind),
            Value::code(EvaluationKind::Midterm),
        ),
        Edit::Set(Field::Plan(PlanField::ExceedMarginPp), Value::Num(10.0)),
    ];
    let batch = pf.apply(&edits, "总结评估").expect("apply").expect("batch");
    let loaded = pf.load().expect("load");
    let c = &loaded.indicators[0].closeout;
    assert_eq!(c.verdict_override, Some(FinalVerdict::Done));
    assert_eq!(c.override_reason, "按部统计公报");
    assert_eq!(c.miss_reason, Some(MissReason::Epidemic));
    assert!(c.carry_over);
    assert_eq!(
        loaded.tasks[0].closeout.project_state,
        Some(ProjectState::InUse)
    );
    assert_eq!(
        loaded.info.closeout.evaluation_kind,
        Some(EvaluationKind::Midterm)
    );
    assert_eq!(loaded.info.closeout.exceed_margin_pp, 10.0);
    let labels: Vec<String> = pf
        .history(None, 20)
        .expect("history")
        .into_iter()
        .map(|h| format!("{}：{}→{}", h.label, h.old, h.new))
        .collect();
    assert!(
        labels.contains(&"九年义务教育巩固率·人工判定：（空）→已完成".to_owned()),
        "{labels:?}"
    );
    assert!(
        labels.contains(&"规划·评估类型：总结评估→中期评估".to_owned()),
        "{labels:?}"
    );
    pf.revert(batch, "撤销").expect("undo");
    let undone = pf.load().expect("load");
    assert_eq!(undone.indicators[0].closeout, Default::default());
    assert_eq!(
        undone.info.closeout.evaluation_kind,
        Some(EvaluationKind::Final)
    );
    // A code that is not one is refused and changes nothing.
    let bad = pf.apply(
        &[Edit::Set(
            Field::Indicator(id, IndicatorField::MissReason),
            Value::text("天气"),
        )],
        "总结评估",
    );
    assert!(bad.is_err());
    assert_eq!(
        pf.load().expect("load").indicators[0].closeout.miss_reason,
        None
    );
}

#[test]
fn an_older_file_upgrades_with_the_defaults() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.eduplan");
    eduplan_storage::create_old_version_for_tests(
        &path,
        8,
        "INSERT INTO plan (id, uid, name, base_year, first_year, last_year) VALUES (1, 'u1', '旧规划', 2020, 2021, 2025);
         INSERT INTO section (id, title) VALUES (1, '发展目标');
         INSERT INTO indicator (id, section_id, name, unit, attribute, kind, comparison, base_value, target_value, target_year)
             VALUES (1, 1, '学前三年毛入园率', '%', 'expected', 'level', 'ge', 85, 90, 2025);
         INSERT INTO actual (indicator_id, year, value) VALUES (1, 2025, 91);",
    )
    .expect("old file");
    let pf = PlanFile::open(&path).expect("open");
    let plan = pf.load().expect("load");
    assert_eq!(plan.info.closeout, Default::default());
    assert_eq!(plan.info.predecessor, None);
    assert!(!plan.indicators[0].actuals[&2025].estimate);
    assert_eq!(plan.indicators[0].closeout, Default::default());
}
