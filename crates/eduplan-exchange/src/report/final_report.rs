//! 总结评估报告 (domain.md §7-8): 一、总体情况 · 二、主要指标完成情况 · 三、重点任务和重大工程完成
//! 情况 · 四、主要成效和经验做法 · 五、存在的问题和未完成指标原因分析 · 六、下一期规划的思路与建议 ·
//! 附表1 主要指标完成情况表. Each indicator is judged against its target with the close-out's
//! words (`eduplan_domain::closeout`), not against 序时.

use eduplan_domain::closeout::next::task_carries_over;
use eduplan_domain::closeout::{
    FinalJudgement, FinalVerdict, TaskVerdict, count_sentence, count_verdicts, judge_final,
    proposed_task_verdict, with_estimate_mark,
};
use eduplan_domain::input::format_value;
use eduplan_domain::{Indicator, IndicatorKind, Task, TaskKind};

use super::Facts;
use super::periodic::{Numbering, by_category};
use super::phrases::{base_text, chinese_number, counts_text, date_text, name_list, sentence};
use super::work;
use crate::docx::{
    Align, Block, Column, Document, ParaStyle, Paragraph, Row, Run, Table, layout::TEXT_WIDTH,
};

const NAMES_LISTED: usize = 30;

/// One indicator judged for the close-out, in outline order.
struct Judged<'a> {
    ind: &'a Indicator,
    j: FinalJudgement,
}

fn judged<'a>(facts: &Facts<'a>) -> Vec<Judged<'a>> {
    facts
        .indicators
        .iter()
        .map(|(ind, _)| Judged {
            ind,
            j: judge_final(ind, &facts.plan.info, facts.year),
        })
        .collect()
}

pub fn build(facts: &Facts) -> Document {
    let plan = facts.plan;
    let title = format!("{}总结评估报告", plan.info.name);
    let mut doc = Document {
        title: title.clone(),
        blocks: Vec::new(),
    };
    let all = judged(facts);
    doc.para(ParaStyle::Title, title);
    doc.para(ParaStyle::Body, "");
    doc.para(ParaStyle::Body, intro(facts, &all));
    let mut heading = Numbering::default();
    doc.para(ParaStyle::Heading1, heading.next("总体情况"));
    overall(&mut doc, facts, &all);
    doc.para(ParaStyle::Heading1, heading.next("主要指标完成情况"));
    indicators(&mut doc, facts, &all);
    doc.para(
        ParaStyle::Heading1,
        heading.next("重点任务和重大工程完成情况"),
    );
    tasks(&mut doc, facts);
    doc.para(ParaStyle::Heading1, heading.next("主要成效和经验做法"));
    placeholder(&mut doc, "主要成效和经验做法");
    doc.para(
        ParaStyle::Heading1,
        heading.next("存在的问题和未完成指标原因分析"),
    );
    problems(&mut doc, facts, &all);
    doc.para(ParaStyle::Heading1, heading.next("下一期规划的思路与建议"));
    next_period(&mut doc, facts, &all);
    doc.push(Block::PageBreak);
    doc.para(ParaStyle::Heading1, "附表1");
    doc.push(Block::Table(completion_table(facts, &all)));
    doc
}

fn placeholder(doc: &mut Document, what: &str) {
    doc.push(Block::Para(Paragraph::runs(
        ParaStyle::Body,
        vec![Run::placeholder(what)],
    )));
}

fn estimates<'a>(all: &'a [Judged]) -> Vec<&'a Judged<'a>> {
    all.iter().filter(|x| x.j.estimate).collect()
}

fn intro(facts: &Facts, all: &[Judged]) -> String {
    let info = &facts.plan.info;
    let doc_number = if info.doc_number.trim().is_empty() {
        String::new()
    } else {
        format!("（{}）", info.doc_number.trim())
    };
    let projects = facts
        .tasks
        .iter()
        .filter(|(t, _)| t.kind == TaskKind::Project)
        .count();
    let estimated = estimates(all).len();
    let estimate_note = if estimated > 0 {
        format!("（其中{estimated}项为预计值，正式统计数据公布后更新）")
    } else {
        String::new()
    };
    format!(
        "《{}》{doc_number}规划期为{}—{}年，基期为{}年。本报告为规划期末的总结评估，依据规划确定的{}项主要指标{}年的数据{estimate_note}，以及{}项重点任务、{}项重大工程截至{}的完成情况，逐项对照规划目标作出评价。",
        info.name,
        info.first_year,
        info.last_year,
        info.base_year,
        all.len(),
        facts.year,
        facts.tasks.len() - projects,
        projects,
        date_text(facts.as_of)
    )
}

/// "学前三年毛入园率92%（预计）"
fn value_with_mark(x: &Judged) -> String {
    let value = match (x.j.value, x.ind.kind) {
        (None, _) => return "未填报".to_owned(),
        (Some(v), IndicatorKind::YesNo) => return if v >= 0.5 { "是" } else { "否" }.to_owned(),
        (Some(v), _) => format!("{}{}", format_value(v, x.ind), x.ind.unit),
    };
    with_estimate_mark(value, x.j.estimate)
}

fn overall(doc: &mut Document, facts: &Facts, all: &[Judged]) {
    let judgements: Vec<FinalJudgement> = all.iter().map(|x| x.j.clone()).collect();
    let counts = count_verdicts(facts.plan, &judgements);
    let mut text = count_sentence(&counts);
    if let Some(share) = counts.met_share_pct() {
        text.push_str(&format!("指标完成率{share:.1}%。"));
    }
    let est = estimates(all);
    if !est.is_empty() {
        let named: Vec<String> = est
            .iter()
            .map(|x| format!("{}{}", x.ind.name, value_with_mark(x)))
            .collect();
        text.push_str(&format!(
            "其中{}项按{}年预计值评价：{}，正式数据公布后据实更新。",
            est.len(),
            facts.year,
            named.join("、")
        ));
    }
    doc.para(ParaStyle::Body, text);
    if !facts.tasks.is_empty() {
        doc.para(ParaStyle::Body, task_count_sentence(facts));
    }
}

/// The task's verdict: the officer's, else the one proposed from its status.
fn task_verdict(task: &Task) -> (TaskVerdict, bool) {
    match task.closeout.verdict {
        Some(v) => (v, true),
        None => (proposed_task_verdict(task), false),
    }
}

fn task_count_sentence(facts: &Facts) -> String {
    let verdicts: Vec<(TaskVerdict, bool)> =
        facts.tasks.iter().map(|(t, _)| task_verdict(t)).collect();
    let by: Vec<(usize, &str)> = TaskVerdict::ALL
        .iter()
        .map(|v| (verdicts.iter().filter(|(x, _)| x == v).count(), v.label()))
        .collect();
    let proposed = verdicts.iter().filter(|(_, confirmed)| !confirmed).count();
    let mut text = format!(
        "规划确定的重点任务和重大工程共{}项，{}。",
        facts.tasks.len(),
        counts_text(&by)
    );
    if proposed > 0 {
        text.push_str(&format!(
            "其中{proposed}项的完成情况按任务状态建议判定，尚待确认。"
        ));
    }
    text
}

fn indicator_sentence(x: &Judged, year: i32) -> String {
    let mut parts = vec![match (x.j.value, x.ind.kind) {
        (Some(_), IndicatorKind::YesNo) => format!("{year}年为“{}”", value_with_mark(x)),
        _ => format!("{year}年为{}", value_with_mark(x)),
    }];
    if x.ind.kind == IndicatorKind::Cumulative
        && let Some(total) = x.j.value
    {
        parts[0] = format!("规划期累计{}{}", format_value(total, x.ind), x.ind.unit);
    }
    parts.push(format!("目标{}", x.ind.target_text.trim()));
    if x.j.completion_pct.is_some() {
        parts.push(format!("目标完成度{}", x.j.completion_text()));
    }
    // A first year met says something only of a target that is met now.
    if let Some(first) = x.j.first_met_year
        && x.j.verdict().is_some_and(FinalVerdict::is_met)
    {
        parts.push(format!("{first}年首次达到目标"));
    }
    parts.push(format!("评价为“{}”", x.j.verdict_text()));
    format!("{}：{}", x.ind.name, parts.join("，"))
}

/// The recorded 未完成原因 and its text; else the year's 说明; else a placeholder.
fn reason_runs(x: &Judged) -> Vec<Run> {
    let c = &x.ind.closeout;
    let mut text = String::new();
    if let Some(r) = c.miss_reason {
        text.push_str(r.label());
    }
    if !c.miss_note.trim().is_empty() {
        if !text.is_empty() {
            text.push('；');
        }
        text.push_str(c.miss_note.trim());
    }
    if text.is_empty()
        && let Some(note) = x.ind.actuals.get(&x.j.year).map(|a| a.note.trim())
    {
        text.push_str(note);
    }
    if text.is_empty() {
        vec![
            Run::text("原因："),
            Run::placeholder(&format!("{}未达到目标的原因", x.ind.name)),
        ]
    } else {
        vec![Run::text(format!("原因：{}", sentence(&text)))]
    }
}

fn indicators(doc: &mut Document, facts: &Facts, all: &[Judged]) {
    let mut sub = Numbering::default();
    for (category, items) in by_category(facts) {
        doc.para(ParaStyle::Heading2, sub.next_sub(&category));
        let group: Vec<&Judged> = items
            .iter()
            .filter_map(|(ind, _)| all.iter().find(|x| x.ind.id == ind.id))
            .collect();
        let judgements: Vec<FinalJudgement> = group.iter().map(|x| x.j.clone()).collect();
        let n = count_verdicts(facts.plan, &judgements);
        let parts = [
            (n.met, "已完成"),
            (n.basic, "基本完成"),
            (n.not_done, "未完成"),
            (n.unjudged, "未能评价"),
        ];
        doc.para(
            ParaStyle::Body,
            format!("本类{}项指标，{}。", group.len(), counts_text(&parts)),
        );
        for (k, x) in group.iter().enumerate() {
            let mut runs = vec![Run::text(format!(
                "{}.{}",
                k + 1,
                sentence(&indicator_sentence(x, facts.year))
            ))];
            if x.j.verdict().is_some_and(FinalVerdict::needs_reason) {
                runs.extend(reason_runs(x));
            }
            doc.push(Block::Para(Paragraph::runs(ParaStyle::Body, runs)));
        }
    }
    if let Some(text) = work::balance_paragraph(facts) {
        doc.para(ParaStyle::Heading2, sub.next_sub("义务教育优质均衡"));
        doc.para(ParaStyle::Body, text);
    }
}

fn tasks(doc: &mut Document, facts: &Facts) {
    if facts.tasks.is_empty() {
        doc.para(ParaStyle::Body, "规划未列重点任务和重大工程。");
        return;
    }
    doc.para(ParaStyle::Body, task_count_sentence(facts));
    let open: Vec<&Task> = facts
        .tasks
        .iter()
        .map(|(t, _)| *t)
        .filter(|t| {
            matches!(
                task_verdict(t).0,
                TaskVerdict::CarriedOver | TaskVerdict::Adjusted | TaskVerdict::Basically
            )
        })
        .collect();
    if !open.is_empty() {
        doc.para(
            ParaStyle::Body,
            format!("未全部完成或作了调整的{}项如下：", open.len()),
        );
        for (n, t) in open.iter().enumerate() {
            let (verdict, confirmed) = task_verdict(t);
            let mut text = format!(
                "{}.{}（牵头单位：{}）：{}{}",
                n + 1,
                t.title.trim().trim_end_matches('。'),
                if t.lead_unit.trim().is_empty() {
                    "—"
                } else {
                    t.lead_unit.trim()
                },
                verdict.label(),
                if confirmed { "" } else { "（建议）" }
            );
            let basis = t.closeout.verdict_basis.trim();
            if !basis.is_empty() {
                text.push_str(&format!("，{basis}"));
            }
            doc.para(ParaStyle::Body, sentence(&text));
        }
    }
    let projects: Vec<&Task> = facts
        .tasks
        .iter()
        .map(|(t, _)| *t)
        .filter(|t| t.kind == TaskKind::Project)
        .collect();
    if !projects.is_empty() {
        let states: Vec<(usize, &str)> = eduplan_domain::closeout::ProjectState::ALL
            .iter()
            .map(|s| {
                (
                    projects
                        .iter()
                        .filter(|p| p.closeout.project_state == Some(*s))
                        .count(),
                    s.label(),
                )
            })
            .collect();
        let unstated = projects
            .iter()
            .filter(|p| p.closeout.project_state.is_none())
            .count();
        let mut text = format!("重大工程{}项", projects.len());
        if unstated < projects.len() {
            text.push_str(&format!("，{}", counts_text(&states)));
        }
        if unstated > 0 {
            text.push_str(&format!("，{unstated}项尚未登记建设状态"));
        }
        text.push('。');
        let places: f64 = projects.iter().filter_map(|p| p.closeout.new_places).sum();
        if places > 0.0 {
            text.push_str(&format!("新增学位{}个。", places.round()));
        }
        doc.para(ParaStyle::Body, text);
    }
}

fn problems(doc: &mut Document, facts: &Facts, all: &[Judged]) {
    let short: Vec<&Judged> = all
        .iter()
        .filter(|x| x.j.verdict().is_some_and(FinalVerdict::needs_reason))
        .collect();
    if short.is_empty() {
        doc.para(
            ParaStyle::Body,
            "规划确定的主要指标均已完成，没有基本完成或未完成的指标。",
        );
    } else {
        let names: Vec<&str> = short.iter().map(|x| x.ind.name.as_str()).collect();
        doc.para(
            ParaStyle::Body,
            format!(
                "{}项指标未全部完成：{}。逐项原因如下：",
                short.len(),
                name_list(&names, NAMES_LISTED)
            ),
        );
        for (n, x) in short.iter().enumerate() {
            let mut runs = vec![Run::text(format!(
                "{}.{}（{}，目标完成度{}）。",
                n + 1,
                x.ind.name,
                x.j.verdict_text(),
                x.j.completion_text()
            ))];
            runs.extend(reason_runs(x));
            doc.push(Block::Para(Paragraph::runs(ParaStyle::Body, runs)));
        }
    }
    for (n, item) in work::problem_items(facts).iter().enumerate() {
        doc.para(ParaStyle::Body, format!("{}.{item}", short.len() + n + 1));
    }
    placeholder(doc, "存在的问题");
}

fn next_period(doc: &mut Document, facts: &Facts, all: &[Judged]) {
    let carried: Vec<&str> = all
        .iter()
        .filter(|x| {
            x.ind.closeout.carry_over || x.j.verdict().is_some_and(|v| v == FinalVerdict::NotDone)
        })
        .map(|x| x.ind.name.as_str())
        .collect();
    if !carried.is_empty() {
        doc.para(
            ParaStyle::Body,
            format!(
                "建议将{}项指标结转下一期规划继续推进：{}。",
                carried.len(),
                name_list(&carried, NAMES_LISTED)
            ),
        );
    }
    let tasks: Vec<&str> = facts
        .tasks
        .iter()
        .filter(|(t, _)| task_carries_over(t))
        .map(|(t, _)| t.title.as_str())
        .collect();
    if !tasks.is_empty() {
        doc.para(
            ParaStyle::Body,
            format!(
                "结转下一期规划的重点任务和重大工程{}项：{}。",
                tasks.len(),
                name_list(&tasks, NAMES_LISTED)
            ),
        );
    }
    placeholder(doc, "下一期规划的思路与建议");
}

/// Column widths of 附表1 (twips): 序号, 指标, 单位, 基期值, 目标, 末年值, 目标完成度, 首次达标年份,
/// 完成情况.
const COMPLETION_WIDTHS: [u32; 9] = [480, 2000, 560, 800, 1200, 1000, 900, 900, 1005];

/// 附表1 主要指标完成情况表.
fn completion_table(facts: &Facts, all: &[Judged]) -> Table {
    let info = &facts.plan.info;
    let year = facts.year;
    debug_assert_eq!(COMPLETION_WIDTHS.iter().sum::<u32>(), TEXT_WIDTH);
    let aligns = [
        Align::Center,
        Align::Left,
        Align::Center,
        Align::Right,
        Align::Center,
        Align::Right,
        Align::Right,
        Align::Center,
        Align::Center,
    ];
    let columns = COMPLETION_WIDTHS
        .iter()
        .zip(aligns)
        .map(|(w, a)| Column {
            width: *w,
            align: a,
        })
        .collect();
    let header = vec![
        "序号".to_owned(),
        "指标".to_owned(),
        "单位".to_owned(),
        format!("{}年基期值", info.base_year),
        "规划目标".to_owned(),
        format!("{year}年"),
        "目标完成度".to_owned(),
        "首次达标年份".to_owned(),
        "完成情况".to_owned(),
    ];
    let mut rows = Vec::new();
    let mut number = 0;
    for (g, (category, items)) in by_category(facts).into_iter().enumerate() {
        rows.push(Row::Group(format!("{}、{category}", chinese_number(g + 1))));
        for (ind, _) in items {
            let Some(x) = all.iter().find(|x| x.ind.id == ind.id) else {
                continue;
            };
            number += 1;
            let value = match x.j.value {
                None => "—".to_owned(),
                Some(_) if ind.kind == IndicatorKind::YesNo => value_with_mark(x),
                Some(v) => with_estimate_mark(format_value(v, ind), x.j.estimate),
            };
            rows.push(Row::Cells(vec![
                number.to_string(),
                ind.name.clone(),
                ind.unit.clone(),
                base_text(ind),
                ind.target_text.clone(),
                value,
                x.j.completion_text(),
                x.j.first_met_text(),
                x.j.verdict_text(),
            ]));
        }
    }
    let mut unit_line = format!("评估年度：{year}年（规划末年）");
    if !info.reporting_unit.trim().is_empty() {
        unit_line = format!("填报单位：{}　　{unit_line}", info.reporting_unit.trim());
    }
    Table {
        title: "主要指标完成情况表".to_owned(),
        unit_line,
        columns,
        header,
        rows,
    }
}
