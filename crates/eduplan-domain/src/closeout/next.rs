//! "由本规划生成下一期规划": the draft of the next plan, made from this one (domain.md §7).
//!
//! The base year is this plan's last year and the base values are that year's values (预计
//! marks carried); the target year is five years on (or as given); indicators keep their
//! definitions, units, sources and library links; saturated indicators are proposed as 保持
//! targets; indicators and tasks flagged 结转 come over marked "（上期结转）". Targets are
//! left for the officer (marked 待定). A pure function: the old plan is only read.

use crate::closeout::{Predecessor, TaskVerdict};
use crate::model::{Comparison, IndicatorKind, Plan, PlanInfo, Task, TaskKind, TaskStatus};

/// Marks what comes over from the plan before.
pub const CARRIED_MARK: &str = "（上期结转）";
/// Target wording of a target the officer still has to set.
pub const TARGET_PENDING: &str = "待定";
/// A rate at or beyond this (%) is saturated: the next plan keeps it (保持) rather than
/// raising it. Gross rates (毛入园率) that may exceed 100 count from the same mark.
pub const SATURATION_PCT: f64 = 99.0;

/// The next period's years: the first year after this plan, five years long.
pub fn default_next_years(info: &PlanInfo) -> (i32, i32) {
    (info.last_year + 1, info.last_year + 5)
}

/// The plan's name with the next five-year plan's numeral (十四五 → 十五五), else the years.
fn next_name(name: &str, first: i32, last: i32) -> String {
    const NUMERALS: [&str; 8] = [
        "十二五",
        "十三五",
        "十四五",
        "十五五",
        "十六五",
        "十七五",
        "十八五",
        "十九五",
    ];
    for pair in NUMERALS.windows(2) {
        if name.contains(pair[0]) {
            return name.replace(pair[0], pair[1]);
        }
    }
    format!("{name}（{first}-{last}年）")
}

/// Whether a task or project carries over: flagged 结转, or its verdict says so.
pub fn task_carries_over(task: &Task) -> bool {
    task.closeout.carry_over || task.closeout.verdict == Some(TaskVerdict::CarriedOver)
}

/// The draft of the next plan. `years` = (first, last) of the new period.
pub fn next_plan(plan: &Plan, years: (i32, i32), predecessor: Predecessor) -> Plan {
    let old = &plan.info;
    let (first, last) = years;
    let base_year = first - 1;
    let info = PlanInfo {
        name: next_name(&old.name, first, last),
        region: old.region.clone(),
        issuing_body: old.issuing_body.clone(),
        reporting_unit: old.reporting_unit.clone(),
        base_year,
        first_year: first,
        last_year: last,
        ahead_margin_pp: old.ahead_margin_pp,
        green_limit_pp: old.green_limit_pp,
        yellow_tolerance_pp: old.yellow_tolerance_pp,
        balance: old.balance.clone(),
        due_soon_days: old.due_soon_days,
        remark: format!(
            "由《{}》生成的下一期规划草案：基期{base_year}年，基期值取上期{base_year}年数值（标“预计”的仍为预计值）；\
             目标值标“{TARGET_PENDING}”的待确定。",
            old.name
        ),
        predecessor: Some(predecessor),
        ..PlanInfo::default()
    };
    let sections = plan
        .sections
        .iter()
        .map(|s| {
            let mut s = s.clone();
            s.body = String::new();
            s
        })
        .collect();
    let indicators = plan
        .indicators
        .iter()
        .map(|ind| {
            let mut next = ind.clone();
            let carried = ind.closeout.carry_over;
            let base_actual = ind.actuals.get(&base_year);
            next.base_year = None;
            next.target_year = last;
            next.planned.clear();
            next.benchmarks.clear();
            next.actuals.clear();
            next.target_stretch = None;
            next.closeout = Default::default();
            next.closeout.base_estimate = base_actual.is_some_and(|a| a.estimate);
            let base_value = match ind.kind {
                IndicatorKind::Cumulative => Some(0.0),
                IndicatorKind::YearOverYear | IndicatorKind::Benchmark => {
                    ind.actual_value(base_year).or(ind.base_value)
                }
                _ => ind.actual_value(base_year),
            };
            next.base_value = base_value;
            let saturated = ind.is_percent()
                && matches!(ind.comparison, Comparison::AtLeast | Comparison::MoreThan)
                && matches!(ind.kind, IndicatorKind::Level | IndicatorKind::Maintain)
                && base_value.is_some_and(|v| v >= SATURATION_PCT - 1e-9);
            if saturated && let Some(v) = base_value {
                next.kind = IndicatorKind::Maintain;
                next.comparison = Comparison::AtLeast;
                next.target_value = v.min(ind.value_ceiling().unwrap_or(f64::MAX));
                next.target_text = format!(
                    "保持在{}%以上",
                    crate::input::format_value(next.target_value, ind)
                );
            } else {
                if ind.kind == IndicatorKind::ChangeFromBase {
                    // The change is measured from the new base: none until the officer sets it.
                    next.target_value = 0.0;
                }
                next.target_text = TARGET_PENDING.to_owned();
            }
            if carried && !next.name.ends_with(CARRIED_MARK) {
                next.name.push_str(CARRIED_MARK);
            }
            next
        })
        .collect();
    let tasks = plan
        .tasks
        .iter()
        .filter(|t| task_carries_over(t))
        .map(|t| {
            let mut next = t.clone();
            if !next.title.ends_with(CARRIED_MARK) {
                next.title.push_str(CARRIED_MARK);
            }
            next.status = TaskStatus::NotStarted;
            next.progress.clear();
            next.quarterly.clear();
            next.deadline = String::new();
            next.deadline_date = None;
            next.completed_date = None;
            next.annual_target = String::new();
            next.remark = if t.closeout.outcome.is_empty() {
                format!("上期{}未完成，结转本期", kind_word(t.kind))
            } else {
                format!("上期完成情况：{}", t.closeout.outcome)
            };
            next.closeout = Default::default();
            next
        })
        .collect();
    let schools = plan
        .schools
        .iter()
        .map(|s| {
            let mut s = s.clone();
            s.years.retain(|y, _| *y == base_year);
            s
        })
        .collect();
    Plan {
        info,
        uid: String::new(),
        sections,
        indicators,
        tasks,
        schools,
        rectifications: Vec::new(),
        evidence: Vec::new(),
    }
}

fn kind_word(kind: TaskKind) -> &'static str {
    match kind {
        TaskKind::Task => "任务",
        TaskKind::Project => "工程",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::closeout::{MissReason, TaskVerdict};
    use crate::model::{
        Actual, Attribute, Indicator, IndicatorId, Section, SectionId, Task, TaskId,
    };

    fn plan() -> Plan {
        let mut plan = Plan::default();
        plan.info.name = "龙潭区教育事业发展“十四五”规划".into();
        plan.sections.push(Section {
            id: SectionId(1),
            parent: None,
            position: 0,
            numbering: "一、".into(),
            title: "主要指标".into(),
            body: "十四五期间……".into(),
            lead_unit: String::new(),
            co_units: String::new(),
        });
        let mut rate = Indicator::new(IndicatorId(1), SectionId(1), "学前三年毛入园率");
        rate.base_value = Some(87.5);
        rate.target_value = 90.0;
        rate.target_text = "90%以上".into();
        rate.definition = "在园幼儿数占3-5岁适龄人口数的比例".into();
        rate.library_code = Some("preschool_gross_enrolment".into());
        rate.may_exceed_100 = true;
        rate.planned.insert(2023, 89.0);
        rate.actuals.insert(
            2025,
            Actual {
                value: Some(92.9),
                estimate: true,
                ..Actual::default()
            },
        );
        rate.closeout.miss_reason = Some(MissReason::Other);
        let mut saturated = Indicator::new(IndicatorId(2), SectionId(1), "义务教育巩固率");
        saturated.attribute = Attribute::Binding;
        saturated.base_value = Some(99.1);
        saturated.target_value = 99.0;
        saturated.actuals.insert(
            2025,
            Actual {
                value: Some(99.3),
                ..Actual::default()
            },
        );
        let mut missed = Indicator::new(IndicatorId(3), SectionId(1), "新建公办幼儿园");
        missed.kind = IndicatorKind::Cumulative;
        missed.unit = "所".into();
        missed.base_value = Some(0.0);
        missed.target_value = 2.0;
        missed.closeout.carry_over = true;
        missed.actuals.insert(
            2023,
            Actual {
                value: Some(1.0),
                ..Actual::default()
            },
        );
        plan.indicators = vec![rate, saturated, missed];
        let mut done = Task::new(TaskId(1), SectionId(1), "制定布局调整规划");
        done.status = TaskStatus::Done;
        let mut carried = Task::new(TaskId(2), SectionId(1), "新建2所公办幼儿园");
        carried.kind = TaskKind::Project;
        carried.closeout.verdict = Some(TaskVerdict::CarriedOver);
        carried.closeout.outcome = "完成1所，另1所因用地未落实未开工".into();
        carried.progress.insert(2024, "完成选址".into());
        plan.tasks = vec![done, carried];
        plan
    }

    #[test]
    fn the_next_plan_starts_from_this_plans_last_year() {
        let old = plan();
        let before = old.clone();
        let hash = Predecessor {
            name: old.info.name.clone(),
            hash: "ab".repeat(32),
        };
        let next = next_plan(&old, default_next_years(&old.info), hash.clone());
        assert_eq!(old, before, "the old plan is only read");
        assert_eq!(next.info.name, "龙潭区教育事业发展“十五五”规划");
        assert_eq!(
            (
                next.info.base_year,
                next.info.first_year,
                next.info.last_year
            ),
            (2025, 2026, 2030)
        );
        assert_eq!(next.info.predecessor, Some(hash));
        assert!(next.sections[0].body.is_empty());

        let rate = &next.indicators[0];
        assert_eq!(rate.base_value, Some(92.9));
        assert!(rate.closeout.base_estimate, "the 预计 mark comes along");
        assert_eq!(rate.target_year, 2030);
        assert_eq!(rate.target_text, TARGET_PENDING);
        assert!(rate.actuals.is_empty() && rate.planned.is_empty());
        assert_eq!(rate.definition, "在园幼儿数占3-5岁适龄人口数的比例");
        assert_eq!(
            rate.library_code.as_deref(),
            Some("preschool_gross_enrolment")
        );
        assert_eq!(rate.closeout.miss_reason, None);

        let kept = &next.indicators[1];
        assert_eq!(kept.kind, IndicatorKind::Maintain);
        assert_eq!(kept.target_value, 99.3);
        assert_eq!(kept.target_text, "保持在99.3%以上");
        assert!(!kept.closeout.base_estimate);

        let carried = &next.indicators[2];
        assert_eq!(carried.name, "新建公办幼儿园（上期结转）");
        assert_eq!(carried.base_value, Some(0.0), "a quota starts again");

        assert_eq!(next.tasks.len(), 1, "only what is carried over comes back");
        let task = &next.tasks[0];
        assert_eq!(task.title, "新建2所公办幼儿园（上期结转）");
        assert_eq!(task.status, TaskStatus::NotStarted);
        assert!(task.progress.is_empty());
        assert_eq!(
            task.remark,
            "上期完成情况：完成1所，另1所因用地未落实未开工"
        );
    }

    #[test]
    fn other_periods_and_names() {
        let mut old = plan();
        old.info.name = "某区教育发展规划".into();
        old.info.base_year = 2021;
        old.info.first_year = 2022;
        old.info.last_year = 2028;
        old.indicators[0].actuals.insert(
            2028,
            Actual {
                value: Some(95.0),
                ..Actual::default()
            },
        );
        let next = next_plan(&old, (2029, 2035), Predecessor::default());
        assert_eq!(next.info.name, "某区教育发展规划（2029-2035年）");
        assert_eq!(next.info.base_year, 2028);
        assert_eq!(next.indicators[0].base_value, Some(95.0));
        assert!(!next.indicators[0].closeout.base_estimate);
        assert_eq!(next.indicators[0].target_year, 2035);
        // No 2028 value: the base is left for the officer.
        assert_eq!(next.indicators[1].base_value, None);
    }
}
