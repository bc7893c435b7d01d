//! The parts of a report about work rather than indicators: key tasks and projects, the 整改台账,
//! the 义务教育优质均衡 paragraph, and the next steps recorded with open items.

use eduplan_domain::balance::{evaluate_balance, schools_for_year};
use eduplan_domain::commitments::{RectificationState, TaskState, rectification_state};
use eduplan_domain::input::format_number;
use eduplan_domain::{Rectification, TaskKind};

use super::Facts;
use super::periodic::Numbering;
use super::phrases::{date_text, sentence};
use crate::docx::{Block, Document, ParaStyle, Paragraph, Run};

/// Tasks done (in time or late) and overdue on the evaluation date.
pub fn task_headline(facts: &Facts) -> (usize, usize) {
    let done = facts.tasks.iter().filter(|(_, s)| s.is_done()).count();
    let overdue = facts
        .tasks
        .iter()
        .filter(|(_, s)| *s == TaskState::Overdue)
        .count();
    (done, overdue)
}

fn state_count(facts: &Facts, state: TaskState) -> usize {
    facts.tasks.iter().filter(|(_, s)| *s == state).count()
}

fn overdue_rectifications<'a>(facts: &Facts<'a>) -> Vec<&'a Rectification> {
    let mut items: Vec<&Rectification> = facts
        .plan
        .rectifications
        .iter()
        .filter(|r| rectification_state(r, facts.as_of) == RectificationState::Overdue)
        .collect();
    items.sort_by_key(|r| (r.position, r.id));
    items
}

fn or_dash(text: &str) -> &str {
    if text.trim().is_empty() {
        "未填写"
    } else {
        text.trim()
    }
}

/// 三、重点任务推进情况: counts by state, overdue tasks named with their lead unit; then the
/// 整改台账 where there is one.
pub fn tasks_section(doc: &mut Document, facts: &Facts) {
    let has_ledger = !facts.plan.rectifications.is_empty();
    let mut sub = Numbering::default();
    if has_ledger {
        doc.para(ParaStyle::Heading2, sub.next_sub("重点任务和重点工程"));
    }
    if facts.tasks.is_empty() {
        doc.para(ParaStyle::Body, "规划中未登记重点任务和重点工程。");
    } else {
        let projects = facts
            .tasks
            .iter()
            .filter(|(t, _)| t.kind == TaskKind::Project)
            .count();
        let done_late = state_count(facts, TaskState::DoneLate);
        let (done, overdue) = task_headline(facts);
        let mut parts = Vec::new();
        if done > 0 {
            let late = if done_late > 0 {
                format!("（其中逾期完成{done_late}项）")
            } else {
                String::new()
            };
            parts.push(format!("已完成{done}项{late}"));
        }
        for state in [
            TaskState::InProgress,
            TaskState::DueSoon,
            TaskState::Overdue,
            TaskState::NotStarted,
        ] {
            let n = state_count(facts, state);
            if n > 0 {
                parts.push(format!("{}{n}项", state.label()));
            }
        }
        doc.para(
            ParaStyle::Body,
            format!(
                "规划确定重点任务{}项、重点工程{projects}项，截至{}，{}。",
                facts.tasks.len() - projects,
                date_text(facts.as_of),
                parts.join("，")
            ),
        );
        if overdue > 0 {
            doc.para(ParaStyle::Body, format!("逾期未完成的{overdue}项如下："));
            let overdue_tasks = facts.tasks.iter().filter(|(_, s)| *s == TaskState::Overdue);
            for (n, (task, _)) in overdue_tasks.enumerate() {
                doc.para(
                    ParaStyle::Body,
                    format!(
                        "{}.{}（牵头单位：{}；完成时限：{}）。",
                        n + 1,
                        task.title.trim().trim_end_matches('。'),
                        or_dash(&task.lead_unit),
                        or_dash(&task.deadline)
                    ),
                );
            }
        }
    }
    if has_ledger {
        doc.para(ParaStyle::Heading2, sub.next_sub("整改落实情况"));
        ledger(doc, facts);
    }
}

fn ledger(doc: &mut Document, facts: &Facts) {
    let items = &facts.plan.rectifications;
    let count = |state| {
        items
            .iter()
            .filter(|r| rectification_state(r, facts.as_of) == state)
            .count()
    };
    let parts: Vec<String> = RectificationState::ALL
        .iter()
        .filter(|s| count(**s) > 0)
        .map(|s| format!("{}{}项", s.label(), count(*s)))
        .collect();
    doc.para(
        ParaStyle::Body,
        format!(
            "整改台账共登记问题{}项，截至{}，{}。",
            items.len(),
            date_text(facts.as_of),
            parts.join("，")
        ),
    );
    let overdue = overdue_rectifications(facts);
    if !overdue.is_empty() {
        doc.para(
            ParaStyle::Body,
            format!("超过整改时限未销号的{}项如下：", overdue.len()),
        );
        for (n, r) in overdue.iter().enumerate() {
            let due = r.due.map_or_else(|| "未填写".to_owned(), date_text);
            doc.para(
                ParaStyle::Body,
                format!(
                    "{}.{}（责任单位：{}；整改时限：{due}）。",
                    n + 1,
                    r.problem.trim().trim_end_matches('。'),
                    or_dash(&r.unit)
                ),
            );
        }
    }
}

/// 四、存在的问题: the items about tasks and the 整改台账.
pub fn problem_items(facts: &Facts) -> Vec<String> {
    let mut out = Vec::new();
    let (_, overdue) = task_headline(facts);
    if overdue > 0 {
        out.push(format!(
            "{overdue}项重点任务和重点工程超过完成时限未完成（截至{}）。",
            date_text(facts.as_of)
        ));
    }
    let late = overdue_rectifications(facts).len();
    if late > 0 {
        out.push(format!(
            "{late}项整改问题超过整改时限未销号（截至{}）。",
            date_text(facts.as_of)
        ));
    }
    if let Some(short) = balance_shortfall(facts) {
        out.push(short);
    }
    out
}

/// 五、下一步工作: a placeholder, then the measures recorded with the open items (overdue
/// tasks, open 整改 items).
pub fn next_steps(doc: &mut Document, facts: &Facts) {
    doc.push(Block::Para(Paragraph::runs(
        ParaStyle::Body,
        vec![Run::placeholder("下一步工作安排")],
    )));
    let mut steps = Vec::new();
    for (task, _) in facts.tasks.iter().filter(|(_, s)| *s == TaskState::Overdue) {
        if !task.measures.trim().is_empty() {
            steps.push(format!(
                "{}：{}（牵头单位：{}）",
                task.title.trim().trim_end_matches('。'),
                task.measures.trim().trim_end_matches('。'),
                or_dash(&task.lead_unit)
            ));
        }
    }
    let mut open: Vec<&Rectification> = facts
        .plan
        .rectifications
        .iter()
        .filter(|r| rectification_state(r, facts.as_of) != RectificationState::Closed)
        .filter(|r| !r.measures.trim().is_empty())
        .collect();
    open.sort_by_key(|r| (r.position, r.id));
    for r in open {
        steps.push(format!(
            "整改“{}”：{}（责任单位：{}）",
            r.problem.trim().trim_end_matches('。'),
            r.measures.trim().trim_end_matches('。'),
            or_dash(&r.unit)
        ));
    }
    if !steps.is_empty() {
        doc.para(ParaStyle::Body, "已登记的措施：");
        for (n, step) in steps.iter().enumerate() {
            doc.para(ParaStyle::Body, format!("{}.{}", n + 1, sentence(step)));
        }
    }
}

/// The latest year with school data, up to the evaluation year.
fn school_year(facts: &Facts) -> Option<i32> {
    facts
        .plan
        .school_years()
        .into_iter()
        .filter(|y| *y <= facts.year)
        .max()
}

/// 义务教育优质均衡 in one paragraph: 差异系数 over the limit, schools short of the standard.
pub fn balance_paragraph(facts: &Facts) -> Option<String> {
    let year = school_year(facts)?;
    let settings = &facts.plan.info.balance;
    let schools = schools_for_year(facts.plan, year);
    let report = match evaluate_balance(&schools, settings) {
        Ok(r) => r,
        Err(problems) => {
            return Some(format!(
                "{year}年学校数据尚不完整（{}处问题），差异系数未计算；请在“优质均衡”中补齐后重新生成报告。",
                problems.len()
            ));
        }
    };
    let mut counted: Vec<&str> = report.parts.iter().map(|p| p.school.as_str()).collect();
    counted.dedup();
    let mut text = format!("{year}年，{}所学校参与差异系数计算", counted.len());
    if !report.excluded.is_empty() {
        text.push_str(&format!("（另有{}所按规定不参与）", report.excluded.len()));
    }
    text.push('。');
    for stage in eduplan_domain::balance::Stage::ALL {
        let of_stage: Vec<_> = report
            .dispersions
            .iter()
            .filter(|d| d.stage == *stage)
            .collect();
        if of_stage.is_empty() {
            continue;
        }
        let over: Vec<String> = of_stage
            .iter()
            .filter(|d| !d.meets)
            .map(|d| format!("{}（{}）", d.resource.label(), format_number(d.cv, 3)))
            .collect();
        let limit = format_number(settings.max_cv(*stage), 2);
        if over.is_empty() {
            text.push_str(&format!(
                "{}七项指标差异系数均不超过{limit}。",
                stage.label()
            ));
        } else {
            text.push_str(&format!(
                "{}有{}项指标差异系数超过{limit}：{}。",
                stage.label(),
                over.len(),
                over.join("、")
            ));
        }
    }
    let short: Vec<String> = report
        .parts
        .iter()
        .filter(|p| !p.meets_standards)
        .map(|p| format!("{}（{}，{}项达标）", p.school, p.stage.label(), p.met))
        .collect();
    if short.is_empty() {
        text.push_str("参与计算的学校均达到资源配置标准。");
    } else {
        text.push_str(&format!(
            "{}个学校（学段）未达到资源配置标准：{}。",
            short.len(),
            short.join("、")
        ));
    }
    Some(text)
}

/// 四、存在的问题: the 优质均衡 shortfall in one item, where there is one.
fn balance_shortfall(facts: &Facts) -> Option<String> {
    let year = school_year(facts)?;
    let report = evaluate_balance(
        &schools_for_year(facts.plan, year),
        &facts.plan.info.balance,
    )
    .ok()?;
    let over = report.dispersions.iter().filter(|d| !d.meets).count();
    let short = report.parts.iter().filter(|p| !p.meets_standards).count();
    if over == 0 && short == 0 {
        return None;
    }
    Some(format!(
        "义务教育优质均衡：{year}年有{over}项差异系数超过规定，{short}个学校（学段）未达到资源配置标准。"
    ))
}
