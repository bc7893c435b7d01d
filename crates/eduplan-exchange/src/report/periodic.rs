//! 年度监测报告 and 中期评估报告: 一、总体情况 · 二、主要指标完成情况 · 三、重点任务推进情况 ·
//! 四、存在的问题 · 五、下一步工作 · 附表 主要指标监测表.

use eduplan_domain::explain::{light_text, progress_text, status_text, value_text};
use eduplan_domain::input::{format_percent, format_value};
use eduplan_domain::rules::{count_statuses, running_total, time_elapsed};
use eduplan_domain::{Attribute, Evaluation, Indicator, IndicatorKind, Light, Status};

use super::phrases::{
    base_text, chinese_number, counts_text, date_text, derived, difference_unit, name_list,
    sentence, unit_after, with_unit,
};
use super::{Facts, ReportKind, work};
use crate::docx::{
    Align, Block, Column, Document, ParaStyle, Paragraph, Row, Run, Table, layout::TEXT_WIDTH,
};

/// How many names a problem sentence lists before "等N项".
const NAMES_LISTED: usize = 30;

pub fn build(facts: &Facts) -> Document {
    let plan = facts.plan;
    let title = match facts.kind {
        ReportKind::Annual => format!("{}{}年度监测报告", plan.info.name, facts.year),
        _ => format!("{}{}", plan.info.name, facts.kind.label()),
    };
    let mut doc = Document {
        title: title.clone(),
        blocks: Vec::new(),
    };
    doc.para(ParaStyle::Title, title);
    doc.para(ParaStyle::Body, "");
    doc.para(ParaStyle::Body, intro(facts));
    let mut heading = Numbering::default();
    doc.para(ParaStyle::Heading1, heading.next("总体情况"));
    overall(&mut doc, facts);
    doc.para(ParaStyle::Heading1, heading.next("主要指标完成情况"));
    indicators(&mut doc, facts);
    doc.para(ParaStyle::Heading1, heading.next("重点任务推进情况"));
    work::tasks_section(&mut doc, facts);
    doc.para(ParaStyle::Heading1, heading.next("存在的问题"));
    problems(&mut doc, facts);
    doc.para(ParaStyle::Heading1, heading.next("下一步工作"));
    work::next_steps(&mut doc, facts);
    doc.push(Block::PageBreak);
    doc.para(ParaStyle::Heading1, "附表");
    doc.push(Block::Table(monitoring_table(facts)));
    doc
}

/// 一、 二、 …
#[derive(Default)]
pub struct Numbering(usize);

impl Numbering {
    pub fn next(&mut self, title: &str) -> String {
        self.0 += 1;
        format!("{}、{title}", chinese_number(self.0))
    }
    pub fn next_sub(&mut self, title: &str) -> String {
        self.0 += 1;
        format!("（{}）{title}", chinese_number(self.0))
    }
}

/// The plan-wide 序时进度 at the end of the year.
fn plan_elapsed(facts: &Facts) -> f64 {
    let info = &facts.plan.info;
    time_elapsed(info.base_year, info.last_year, facts.year)
}

fn intro(facts: &Facts) -> String {
    let info = &facts.plan.info;
    let doc_number = if info.doc_number.trim().is_empty() {
        String::new()
    } else {
        format!("（{}）", info.doc_number.trim())
    };
    let projects = facts
        .tasks
        .iter()
        .filter(|(t, _)| t.kind == eduplan_domain::TaskKind::Project)
        .count();
    let what = match facts.kind {
        ReportKind::Midterm => "中期评估",
        _ => "年度监测",
    };
    format!(
        "《{}》{doc_number}规划期为{}—{}年，基期为{}年。本报告为{}年{what}，{}年末序时进度为{}。报告依据规划确定的{}项主要指标的{}年数据，以及{}项重点任务、{}项重点工程截至{}的进展情况。",
        info.name,
        info.first_year,
        info.last_year,
        info.base_year,
        facts.year,
        facts.year,
        format_percent(Some(plan_elapsed(facts))),
        facts.indicators.len(),
        facts.year,
        facts.tasks.len() - projects,
        projects,
        date_text(facts.as_of)
    )
}

/// The count sentence by status word: "规划确定的N项主要指标中，2024年a项提前实现，…。"
pub fn count_sentence(facts: &Facts) -> String {
    status_count_sentence(facts.indicators.iter().map(|(_, e)| e), facts.year)
}

/// "规划确定的N项主要指标中，{year}年a项提前实现，…。" for these evaluations.
pub fn status_count_sentence<'a>(
    evaluations: impl IntoIterator<Item = &'a Evaluation> + Clone,
    year: i32,
) -> String {
    let n = evaluations.clone().into_iter().count();
    let counts = count_statuses(evaluations);
    let by_status: Vec<(usize, &str)> = Status::ALL
        .iter()
        .map(|s| (counts.status(*s), s.label()))
        .collect();
    format!(
        "规划确定的{n}项主要指标中，{year}年{}。",
        counts_text(&by_status)
    )
}

fn light_sentence(facts: &Facts) -> String {
    light_count_sentence(facts.indicators.iter().map(|(_, e)| e))
}

/// "按灯色统计，绿灯●a项，…。"
pub fn light_count_sentence<'a>(evaluations: impl IntoIterator<Item = &'a Evaluation>) -> String {
    let counts = count_statuses(evaluations);
    let parts: Vec<String> = Light::ALL
        .iter()
        .filter(|l| counts.light(**l) > 0)
        .map(|l| format!("{}{}{}项", l.label(), l.symbol(), counts.light(*l)))
        .collect();
    format!("按灯色统计，{}。", parts.join("，"))
}

fn overall(doc: &mut Document, facts: &Facts) {
    doc.para(
        ParaStyle::Body,
        format!("{}{}", count_sentence(facts), light_sentence(facts)),
    );
    let binding: Vec<&(&Indicator, Evaluation)> = facts
        .indicators
        .iter()
        .filter(|(i, _)| i.attribute == Attribute::Binding)
        .collect();
    if !binding.is_empty() {
        let warned: Vec<&str> = binding
            .iter()
            .filter(|(_, e)| e.warning)
            .map(|(i, _)| i.name.as_str())
            .collect();
        let text = if warned.is_empty() {
            format!("约束性指标{}项，均未亮红灯预警。", binding.len())
        } else {
            format!(
                "约束性指标{}项，其中{}项亮红灯预警：{}。",
                binding.len(),
                warned.len(),
                name_list(&warned, NAMES_LISTED)
            )
        };
        doc.para(ParaStyle::Body, text);
    }
    let (done, overdue) = work::task_headline(facts);
    if !facts.tasks.is_empty() {
        doc.para(
            ParaStyle::Body,
            format!(
                "重点任务和重点工程共{}项，截至{}，已完成{done}项，逾期未完成{overdue}项。",
                facts.tasks.len(),
                date_text(facts.as_of)
            ),
        );
    }
}

fn is_lagging(e: &Evaluation) -> bool {
    matches!(e.status, Status::Behind | Status::NotAchieved)
}

/// One indicator in one sentence: its value, 序时目标值, progress and verdict.
fn indicator_sentence(ind: &Indicator, e: &Evaluation, year: i32) -> String {
    let mut parts = Vec::new();
    match (e.value, ind.kind) {
        (None, _) => parts.push(format!("{year}年未填报")),
        (Some(v), IndicatorKind::YesNo) => parts.push(format!(
            "{year}年{}",
            if v >= 0.5 { "已达成" } else { "未达成" }
        )),
        (Some(_), IndicatorKind::Cumulative) => {
            parts.push(format!(
                "{year}年完成{}",
                with_unit(&value_text(e, ind), ind)
            ));
            if let Some(total) = e.cumulative {
                parts.push(format!("累计{}", with_unit(&format_value(total, ind), ind)));
            }
        }
        (Some(_), _) => parts.push(format!(
            "{year}年为{}",
            eduplan_domain::closeout::with_estimate_mark(
                with_unit(&value_text(e, ind), ind),
                ind.actuals.get(&year).is_some_and(|a| a.estimate)
            )
        )),
    }
    if let Some(expected) = e.expected {
        parts.push(format!(
            "序时目标值{}",
            with_unit(&derived(expected, ind), ind)
        ));
    }
    if e.progress.is_some() {
        parts.push(format!("完成进度{}", progress_text(e)));
    }
    let target = if ind.target_text.trim().is_empty() {
        with_unit(&format_value(ind.target_value, ind), ind)
    } else {
        ind.target_text.trim().to_owned()
    };
    parts.push(format!("目标{target}（{}年）", ind.target_year));
    parts.push(format!("评价为“{}”（{}）", status_text(e), light_text(e)));
    format!("{}：{}", ind.name, parts.join("，"))
}

/// Midterm: the yearly change still needed to reach the target, beside the change so far.
fn needed_per_year(facts: &Facts, ind: &Indicator, e: &Evaluation) -> Option<String> {
    let info = &facts.plan.info;
    let year = facts.year;
    let remaining = ind.target_year - year;
    let base_year = ind.base_year_or(info);
    if remaining <= 0 || year <= base_year {
        return None;
    }
    let (now, base, target) = match ind.kind {
        IndicatorKind::Level | IndicatorKind::ChangeFromBase => {
            (e.value?, ind.base_value?, ind.effective_target()?)
        }
        IndicatorKind::Cumulative => (running_total(ind, info, year).0?, 0.0, ind.target_value),
        _ => return None,
    };
    let need = (target - now) / f64::from(remaining);
    let so_far = (now - base) / f64::from(year - base_year);
    let unit = if ind.kind == IndicatorKind::Cumulative {
        unit_after(ind)
    } else {
        difference_unit(ind)
    };
    let verb = |x: f64| {
        if ind.kind == IndicatorKind::Cumulative {
            format!("完成{}{unit}", derived(x, ind))
        } else if x >= 0.0 {
            format!("提高{}{unit}", derived(x, ind))
        } else {
            format!("降低{}{unit}", derived(-x, ind))
        }
    };
    Some(format!(
        "要在{}年达到目标，{}—{}年需年均{}（{}—{}年年均{}）",
        ind.target_year,
        year + 1,
        ind.target_year,
        verb(need),
        base_year,
        year,
        verb(so_far)
    ))
}

fn category_name(category: &str) -> &str {
    if category.trim().is_empty() {
        "其他指标"
    } else {
        category.trim()
    }
}

/// Indicators grouped by category in the outline's order of first appearance.
pub fn by_category<'f, 'a>(
    facts: &'f Facts<'a>,
) -> Vec<(String, Vec<&'f (&'a Indicator, Evaluation)>)> {
    let mut groups: Vec<(String, Vec<&(&Indicator, Evaluation)>)> = Vec::new();
    for item in &facts.indicators {
        let name = category_name(&item.0.category).to_owned();
        match groups.iter_mut().find(|(c, _)| *c == name) {
            Some((_, v)) => v.push(item),
            None => groups.push((name, vec![item])),
        }
    }
    groups
}

fn indicators(doc: &mut Document, facts: &Facts) {
    let mut sub = Numbering::default();
    for (category, items) in by_category(facts) {
        doc.para(ParaStyle::Heading2, sub.next_sub(&category));
        let counts = count_statuses(items.iter().map(|(_, e)| e));
        let by_status: Vec<(usize, &str)> = Status::ALL
            .iter()
            .map(|s| (counts.status(*s), s.label()))
            .collect();
        doc.para(
            ParaStyle::Body,
            format!("本类{}项指标，{}。", items.len(), counts_text(&by_status)),
        );
        for (n, (ind, e)) in items.iter().enumerate() {
            let mut runs = vec![Run::text(format!(
                "{}.{}",
                n + 1,
                sentence(&indicator_sentence(ind, e, facts.year))
            ))];
            if is_lagging(e) {
                let note = ind.actuals.get(&facts.year).map_or("", |a| a.note.trim());
                if note.is_empty() {
                    runs.push(Run::text("说明："));
                    runs.push(Run::placeholder(&format!("{}滞后的原因", ind.name)));
                } else {
                    runs.push(Run::text(format!("说明：{}", sentence(note))));
                }
                if facts.kind == ReportKind::Midterm
                    && let Some(need) = needed_per_year(facts, ind, e)
                {
                    runs.push(Run::text(sentence(&need)));
                }
            }
            doc.push(Block::Para(Paragraph::runs(ParaStyle::Body, runs)));
        }
    }
    if let Some(text) = work::balance_paragraph(facts) {
        doc.para(ParaStyle::Heading2, sub.next_sub("义务教育优质均衡"));
        doc.para(ParaStyle::Body, text);
    }
}

fn problems(doc: &mut Document, facts: &Facts) {
    let names = |f: &dyn Fn(&Evaluation) -> bool| -> Vec<&str> {
        facts
            .indicators
            .iter()
            .filter(|(_, e)| f(e))
            .map(|(i, _)| i.name.as_str())
            .collect()
    };
    let lagging = names(&is_lagging);
    let warned = names(&|e| e.warning);
    let missing = names(&|e| e.status == Status::NotReported);
    let mut items = Vec::new();
    if !lagging.is_empty() {
        items.push(format!(
            "{}项指标滞后于序时进度或未实现目标：{}。",
            lagging.len(),
            name_list(&lagging, NAMES_LISTED)
        ));
    }
    if !warned.is_empty() {
        items.push(format!(
            "{}项约束性指标亮红灯预警：{}。",
            warned.len(),
            name_list(&warned, NAMES_LISTED)
        ));
    }
    if !missing.is_empty() {
        items.push(format!(
            "{}项指标{}年未填报数据：{}。",
            missing.len(),
            facts.year,
            name_list(&missing, NAMES_LISTED)
        ));
    }
    items.extend(work::problem_items(facts));
    if items.is_empty() {
        doc.para(
            ParaStyle::Body,
            format!(
                "从数据看，{}年没有滞后或预警的指标，没有逾期的任务和整改事项。",
                facts.year
            ),
        );
    }
    for (n, item) in items.iter().enumerate() {
        doc.para(ParaStyle::Body, format!("{}.{item}", n + 1));
    }
    doc.push(Block::Para(Paragraph::runs(
        ParaStyle::Body,
        vec![Run::placeholder("存在的问题及原因分析")],
    )));
}

/// Column widths of the 附表 (twips): 序号, 指标, 单位, 基期值, 目标, 当年, 序时目标值, 完成进度, 评价.
const MONITORING_WIDTHS: [u32; 9] = [480, 2160, 600, 840, 1200, 900, 900, 900, 865];

/// 附表 主要指标监测表: every indicator by category, with the numbers `status` prints.
pub fn monitoring_table(facts: &Facts) -> Table {
    let info = &facts.plan.info;
    let year = facts.year;
    let aligns = [
        Align::Center,
        Align::Left,
        Align::Center,
        Align::Right,
        Align::Center,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Center,
    ];
    debug_assert_eq!(MONITORING_WIDTHS.iter().sum::<u32>(), TEXT_WIDTH);
    let columns = MONITORING_WIDTHS
        .iter()
        .zip(aligns)
        .map(|(w, a)| Column {
            width: *w,
            align: a,
        })
        .collect();
    let header = [
        "序号".to_owned(),
        "指标".to_owned(),
        "单位".to_owned(),
        format!("{}年基期值", info.base_year),
        "目标".to_owned(),
        format!("{year}年"),
        "序时目标值".to_owned(),
        "完成进度".to_owned(),
        "评价".to_owned(),
    ]
    .to_vec();
    let mut rows = Vec::new();
    let mut number = 0;
    for (g, (category, items)) in by_category(facts).into_iter().enumerate() {
        rows.push(Row::Group(format!("{}、{category}", chinese_number(g + 1))));
        for (ind, e) in items {
            number += 1;
            let mut verdict = format!("{}{}", e.light.symbol(), status_text(e));
            if e.warning {
                verdict.push_str("（预警）");
            }
            rows.push(Row::Cells(vec![
                number.to_string(),
                ind.name.clone(),
                ind.unit.clone(),
                base_text(ind),
                ind.target_text.clone(),
                eduplan_domain::closeout::with_estimate_mark(
                    value_text(e, ind),
                    ind.actuals.get(&year).is_some_and(|a| a.estimate),
                ),
                e.expected
                    .map_or_else(|| "—".to_owned(), |x| derived(x, ind)),
                progress_text(e),
                verdict,
            ]));
        }
    }
    let mut unit_line = format!("评估年度：{year}年");
    if !info.reporting_unit.trim().is_empty() {
        unit_line = format!("填报单位：{}　　{unit_line}", info.reporting_unit.trim());
    }
    Table {
        title: format!("主要指标监测表（{year}年）"),
        unit_line,
        columns,
        header,
        rows,
    }
}
