//! Every column the field table names is written and read back at its own place: a plan with
//! every field away from its default comes back from the file equal to what was saved.

use eduplan_domain::balance::{School, SchoolFigures, SchoolType};
use eduplan_domain::closeout::{
    EvaluationKind, FinalVerdict, MissReason, Predecessor, ProjectState, TaskVerdict,
};
use eduplan_domain::commitments::RectificationSource;
use eduplan_domain::*;
use eduplan_storage::PlanFile;

fn date(text: &str) -> Date {
    text.parse().expect("date")
}

fn plan_with_every_field_set() -> Plan {
    let mut plan = Plan::default();
    let info = &mut plan.info;
    info.name = "某区教育事业发展规划".into();
    info.region = "某区".into();
    info.issuing_body = "某区人民政府".into();
    info.doc_number = "某府发〔2021〕3号".into();
    info.issue_date = "2021-06-30".into();
    info.reporting_unit = "某区教育局".into();
    info.base_year = 2019;
    info.first_year = 2020;
    info.last_year = 2026;
    info.ahead_margin_pp = 4.0;
    info.green_limit_pp = -1.0;
    info.yellow_tolerance_pp = 8.0;
    info.remark = "备注".into();
    info.balance.max_cv = [0.48, 0.44];
    info.due_soon_days = 21;
    info.closeout.evaluation_kind = Some(EvaluationKind::Midterm);
    info.closeout.exceed_margin_pp = 7.0;
    info.closeout.basic_share_pct = 85.0;
    info.closeout.basic_for_binding = true;
    info.closeout.evaluation_date = Some(date("2024-06-30"));
    info.predecessor = Some(Predecessor {
        name: "上期规划".into(),
        hash: "ab12".into(),
    });
    plan.sections.push(Section {
        id: SectionId(1),
        parent: None,
        position: 1,
        numbering: "一、".into(),
        title: "主要指标".into(),
        body: "正文".into(),
        lead_unit: "基教科".into(),
        co_units: "人事科".into(),
    });
    plan.sections.push(Section {
        id: SectionId(2),
        parent: Some(SectionId(1)),
        position: 2,
        numbering: "（一）".into(),
        title: "学前教育".into(),
        body: String::new(),
        lead_unit: String::new(),
        co_units: String::new(),
    });

    let mut ind = Indicator::new(IndicatorId(7), SectionId(2), "学前三年毛入园率");
    ind.position = 3;
    ind.unit = "%".into();
    ind.category = "普及水平".into();
    ind.attribute = Attribute::Binding;
    ind.kind = IndicatorKind::Maintain;
    ind.comparison = Comparison::AtMost;
    ind.base_value = Some(85.2);
    ind.base_year = Some(2018);
    ind.target_value = 90.0;
    ind.target_stretch = Some(92.0);
    ind.target_year = 2026;
    ind.target_text = "90%以上".into();
    ind.planned.insert(2023, 88.0);
    ind.lead_unit = "学前科".into();
    ind.data_source = "教育统计".into();
    ind.numerator_label = "在园幼儿数".into();
    ind.denominator_label = "适龄人口".into();
    ind.may_exceed_100 = true;
    ind.decimals = Some(2);
    ind.entry_mode = EntryMode::RunningTotal;
    ind.benchmarks.insert(2024, 91.0);
    ind.linked_figure = Some("schools_meeting_standard".into());
    ind.definition = "口径".into();
    ind.library_code = Some("preschool_gross".into());
    ind.actuals.insert(
        2024,
        Actual {
            value: Some(92.9),
            numerator: Some(929.0),
            denominator: Some(1000.0),
            note: "说明".into(),
            source: "统计快报".into(),
            estimate: true,
        },
    );
    ind.closeout.verdict_override = Some(FinalVerdict::Basically);
    ind.closeout.override_reason = "理由".into();
    ind.closeout.miss_reason = Some(MissReason::Population);
    ind.closeout.miss_note = "生源".into();
    ind.closeout.next_steps = "措施".into();
    ind.closeout.carry_over = true;
    ind.closeout.base_estimate = true;
    plan.indicators.push(ind);

    let mut task = Task::new(TaskId(4), SectionId(2), "新建幼儿园");
    task.position = 2;
    task.kind = TaskKind::Project;
    task.measures = "措施".into();
    task.lead_unit = "计财科".into();
    task.co_units = "基建办".into();
    task.deadline = "2024年底".into();
    task.budget_wan_yuan = Some(1200.0);
    task.status = TaskStatus::Late;
    task.remark = "备注".into();
    task.deadline_date = Some(date("2024-12-31"));
    task.responsible_person = "科长".into();
    task.annual_target = "主体完工".into();
    task.completed_date = Some(date("2025-03-01"));
    task.progress.insert(2023, "开工".into());
    task.closeout.verdict = Some(TaskVerdict::CarriedOver);
    task.closeout.verdict_basis = "依据".into();
    task.closeout.scope = "12个班".into();
    task.closeout.build_period = "2022-2024年".into();
    task.closeout.outcome = "主体完工".into();
    task.closeout.new_places = Some(360.0);
    task.closeout.project_state = Some(ProjectState::Building);
    task.closeout.miss_reason = Some(MissReason::LandFundsApproval);
    task.closeout.miss_note = "用地".into();
    task.closeout.carry_over = true;
    plan.tasks.push(task);

    let mut school = School::new(SchoolId(5), "第一小学");
    school.position = 1;
    school.school_type = SchoolType::NineYear;
    school.remark = "备注".into();
    let mut figures = SchoolFigures {
        pupils_primary: Some(900.0),
        pupils_junior: Some(400.0),
        pupils_senior: None,
        counts: [None; 7],
    };
    for (k, slot) in figures.counts.iter_mut().enumerate() {
        *slot = Some(10.0 + k as f64);
    }
    school.years.insert(2024, figures);
    plan.schools.push(school);

    let mut item = Rectification::new(RectificationId(9), "大班额");
    item.position = 1;
    item.source = RectificationSource::Audit;
    item.batch = "2023年督导反馈".into();
    item.batch_date = Some(date("2023-05-10"));
    item.measures = "分流".into();
    item.unit = "基教科".into();
    item.person = "科长".into();
    item.due = Some(date("2024-08-31"));
    item.closed = Some(date("2024-08-20"));
    item.closed_by = "局长".into();
    item.closed_note = "已验收".into();
    plan.rectifications.push(item);
    plan
}

#[test]
fn every_field_comes_back_from_the_file_as_it_was_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("全字段.eduplan");
    let saved = plan_with_every_field_set();
    PlanFile::create(&path, &saved).expect("create");
    let loaded = PlanFile::open(&path).expect("open").load().expect("load");
    assert_eq!(loaded.info, saved.info);
    assert_eq!(loaded.sections, saved.sections);
    assert_eq!(loaded.indicators, saved.indicators);
    assert_eq!(loaded.tasks, saved.tasks);
    assert_eq!(loaded.schools, saved.schools);
    assert_eq!(loaded.rectifications, saved.rectifications);
}
