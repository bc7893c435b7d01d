//! The deck: which pages a meeting sees, in which order, and each page's title for the index.
//! Plan data only; no drawing.

use crate::domain::{IndicatorId, SectionId};
use crate::session::view::PlanView;

#[derive(Clone, Debug, PartialEq)]
pub enum Page {
    Summary,
    Section(SectionId),
    Indicator(IndicatorId),
    /// The key tasks of a top-level chapter.
    Tasks(SectionId),
    /// One lead unit: its indicators by light and its overdue tasks.
    Unit(String),
    Rectification,
}

/// Pages in order: the summary; each section that holds indicators (its page, then the
/// indicators directly in it), depth first; each chapter's tasks; each unit; the 整改台账.
/// One pass over the plan (it runs every frame, on plans of a thousand indicators).
pub fn pages(pv: &PlanView) -> Vec<Page> {
    use std::collections::HashMap;
    let plan = pv.plan;
    let section_of: HashMap<IndicatorId, SectionId> =
        plan.indicators.iter().map(|i| (i.id, i.section)).collect();
    let mut direct: HashMap<SectionId, Vec<IndicatorId>> = HashMap::new();
    for id in pv.order {
        if let Some(section) = section_of.get(id) {
            direct.entry(*section).or_default().push(*id);
        }
    }
    let mut children: HashMap<Option<SectionId>, Vec<(i64, SectionId)>> = HashMap::new();
    for s in &plan.sections {
        children
            .entry(s.parent)
            .or_default()
            .push((s.position, s.id));
    }
    for list in children.values_mut() {
        list.sort_unstable();
    }
    let mut tasks_in: HashMap<SectionId, usize> = HashMap::new();
    for t in &plan.tasks {
        *tasks_in.entry(t.section).or_default() += 1;
    }
    // Indicators and tasks anywhere under each section, children first.
    fn totals(
        s: SectionId,
        children: &HashMap<Option<SectionId>, Vec<(i64, SectionId)>>,
        direct: &HashMap<SectionId, Vec<IndicatorId>>,
        tasks_in: &HashMap<SectionId, usize>,
        out: &mut HashMap<SectionId, (usize, usize)>,
    ) -> (usize, usize) {
        let mut sum = (
            direct.get(&s).map_or(0, Vec::len),
            tasks_in.get(&s).copied().unwrap_or(0),
        );
        for (_, c) in children.get(&Some(s)).into_iter().flatten() {
            let (i, t) = totals(*c, children, direct, tasks_in, out);
            sum.0 += i;
            sum.1 += t;
        }
        out.insert(s, sum);
        sum
    }
    let mut total: HashMap<SectionId, (usize, usize)> = HashMap::new();
    for (_, top) in children.get(&None).into_iter().flatten() {
        totals(*top, &children, &direct, &tasks_in, &mut total);
    }
    fn walk(
        parent: Option<SectionId>,
        parent_count: Option<usize>,
        children: &HashMap<Option<SectionId>, Vec<(i64, SectionId)>>,
        direct: &HashMap<SectionId, Vec<IndicatorId>>,
        total: &HashMap<SectionId, (usize, usize)>,
        out: &mut Vec<Page>,
    ) {
        for (_, s) in children.get(&parent).into_iter().flatten() {
            let count = total.get(s).map_or(0, |t| t.0);
            if count == 0 {
                continue;
            }
            // A sub-chapter that holds all its chapter's indicators would repeat its page.
            if parent_count != Some(count) {
                out.push(Page::Section(*s));
            }
            out.extend(
                direct
                    .get(s)
                    .into_iter()
                    .flatten()
                    .map(|id| Page::Indicator(*id)),
            );
            walk(Some(*s), Some(count), children, direct, total, out);
        }
    }
    let mut out = vec![Page::Summary];
    walk(None, None, &children, &direct, &total, &mut out);
    for (_, chapter) in children.get(&None).into_iter().flatten() {
        if total.get(chapter).is_some_and(|t| t.1 > 0) {
            out.push(Page::Tasks(*chapter));
        }
    }
    for unit in plan.lead_units() {
        out.push(Page::Unit(unit));
    }
    if !plan.rectifications.is_empty() {
        out.push(Page::Rectification);
    }
    out
}

/// The page's title, for the index (G).
pub fn page_title(pv: &PlanView, page: &Page) -> String {
    match page {
        Page::Summary => "总体情况".to_owned(),
        Page::Section(id) => pv
            .plan
            .section(*id)
            .map_or_else(String::new, |s| s.heading()),
        Page::Indicator(id) => pv
            .plan
            .indicator(*id)
            .map_or_else(String::new, |i| format!("　{}", i.name)),
        Page::Tasks(id) => pv
            .plan
            .section(*id)
            .map_or_else(String::new, |s| format!("重点任务：{}", s.heading())),
        Page::Unit(u) => format!("牵头单位：{u}"),
        Page::Rectification => "整改台账".to_owned(),
    }
}
