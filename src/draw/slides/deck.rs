//! The deck: which pages a meeting sees, in which order, and each page's title for the index.
//! Plan data only; no drawing.

use std::collections::HashMap;

use crate::domain::{IndicatorId, Light, SectionId};
use crate::session::view::PlanView;

/// Bars on one section page: each keeps its name (on two lines if need be) at 1024×600.
pub const BARS_PER_PAGE: usize = 6;
/// Task rows on one page.
pub const TASKS_PER_PAGE: usize = 7;
/// Items (indicators, tasks, 整改) on one lead unit's page.
pub const UNIT_ITEMS_PER_PAGE: usize = 6;

/// What a lead unit's pages list: the unit's red, then yellow indicators, its overdue tasks,
/// its open 整改 items.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum UnitItem {
    Indicator(IndicatorId),
    Task(crate::domain::TaskId),
    Rectification(crate::domain::RectificationId),
}

/// 责任单位 rows in the 整改 summary page; the others go on its continuation pages.
pub const RECTIFICATION_UNITS_FIRST: usize = 6;
/// Overdue items named on the 整改 summary page.
pub const RECTIFICATION_OVERDUE_FIRST: usize = 3;
/// Rows on a continuation page of the 整改台账.
pub const RECTIFICATION_ROWS_PER_PAGE: usize = 8;

/// One 责任单位 of the 整改台账: (unit, open, overdue, closed), most overdue first.
pub type UnitCounts = (String, usize, usize, usize);

pub fn rectification_units(pv: &PlanView) -> Vec<UnitCounts> {
    use crate::domain::commitments::{RectificationState, rectification_state};
    let mut names: Vec<&str> = pv
        .plan
        .rectifications
        .iter()
        .map(|r| r.unit.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    let mut units: Vec<UnitCounts> = names
        .into_iter()
        .map(|unit| {
            let states: Vec<RectificationState> = pv
                .plan
                .rectifications
                .iter()
                .filter(|r| r.unit == unit)
                .map(|r| rectification_state(r, pv.as_of))
                .collect();
            let count = |s: RectificationState| states.iter().filter(|x| **x == s).count();
            let closed = count(RectificationState::Closed);
            (
                unit.to_owned(),
                states.len() - closed,
                count(RectificationState::Overdue),
                closed,
            )
        })
        .collect();
    units.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    units
}

/// A row of the 整改台账's continuation pages.
#[derive(Clone, Debug, PartialEq)]
pub enum RectificationRow {
    Overdue(crate::domain::RectificationId),
    Unit(UnitCounts),
}

/// What the summary page could not hold: every overdue item when it names only the first
/// few, then the 责任单位 after the first rows.
pub fn rectification_rows(pv: &PlanView) -> Vec<RectificationRow> {
    use crate::domain::commitments::{RectificationState, rectification_state};
    let overdue: Vec<RectificationRow> = pv
        .plan
        .rectifications
        .iter()
        .filter(|r| rectification_state(r, pv.as_of) == RectificationState::Overdue)
        .map(|r| RectificationRow::Overdue(r.id))
        .collect();
    let mut out = Vec::new();
    if overdue.len() > RECTIFICATION_OVERDUE_FIRST {
        out.extend(overdue);
    }
    out.extend(
        rectification_units(pv)
            .into_iter()
            .skip(RECTIFICATION_UNITS_FIRST)
            .map(RectificationRow::Unit),
    );
    out
}

pub fn unit_items(pv: &PlanView, unit: &str) -> Vec<UnitItem> {
    use crate::domain::commitments::{
        RectificationState, TaskState, rectification_state, task_state,
    };
    let mut out = Vec::new();
    for light in [Light::Red, Light::Yellow] {
        out.extend(
            pv.order
                .iter()
                .filter(|id| pv.indicator(**id).is_some_and(|i| i.lead_unit == unit))
                .filter(|id| pv.verdict(**id).is_some_and(|v| v.light == light))
                .map(|id| UnitItem::Indicator(*id)),
        );
    }
    out.extend(
        pv.plan
            .tasks_in_outline_order()
            .into_iter()
            .filter(|t| {
                t.lead_unit == unit
                    && task_state(t, pv.as_of, pv.plan.info.due_soon_days) == TaskState::Overdue
            })
            .map(|t| UnitItem::Task(t.id)),
    );
    let mut open: Vec<&crate::domain::Rectification> = pv
        .plan
        .rectifications
        .iter()
        .filter(|r| {
            r.unit == unit && rectification_state(r, pv.as_of) != RectificationState::Closed
        })
        .collect();
    open.sort_by_key(|r| (r.position, r.id));
    out.extend(open.into_iter().map(|r| UnitItem::Rectification(r.id)));
    out
}

/// A page of the deck. A long chart or list goes over several pages (`part` 0, 1, …), each
/// showing and counting only what it draws; later parts are titled "（续）".
#[derive(Clone, Debug, PartialEq)]
pub enum Page {
    Summary,
    Section(SectionId, usize),
    Indicator(IndicatorId),
    /// The key tasks of a top-level chapter.
    Tasks(SectionId, usize),
    /// One lead unit: its red and yellow indicators, overdue tasks and open 整改 items.
    Unit(String, usize),
    /// The 整改台账: part 0 the summary, later parts the rows it could not hold.
    Rectification(usize),
}

/// How much of the plan a deck shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every chapter and sub-chapter that has a page of its own, and every indicator's page.
    #[default]
    Full,
    /// 只看章: the chapters' charts (every indicator on one of them), no sub-chapter or
    /// indicator pages.
    ChaptersOnly,
}

/// A sub-chapter with this many indicators or fewer has no chart of its own: its bars are on
/// its parent's chart. Likewise a sub-chapter whose parent holds at most this many more, as
/// its page would repeat the parent's.
pub const MERGE_AT_MOST: usize = 2;

/// Pages in order: the summary; each section that holds indicators (its page, then the
/// indicators directly in it), depth first; each chapter's tasks; each unit; the 整改台账.
/// One pass over the plan (it runs every frame, on plans of a thousand indicators).
pub fn pages(pv: &PlanView, scope: Scope) -> Vec<Page> {
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
    // Indicators drawn as bars (yes/no ones are listed in words) under each section.
    let yes_no: std::collections::HashSet<IndicatorId> = plan
        .indicators
        .iter()
        .filter(|i| i.kind == crate::domain::IndicatorKind::YesNo)
        .map(|i| i.id)
        .collect();
    let mut measured: HashMap<SectionId, usize> = HashMap::new();
    for s in total.keys() {
        let n = pv
            .indicators_under(*s)
            .iter()
            .filter(|i| !yes_no.contains(i))
            .count();
        measured.insert(*s, n);
    }
    let outline = Outline {
        scope,
        children: &children,
        direct: &direct,
        total: &total,
        measured: &measured,
    };
    let mut out = vec![Page::Summary];
    outline.walk(None, None, &mut out);
    for (_, chapter) in children.get(&None).into_iter().flatten() {
        let tasks = total.get(chapter).map_or(0, |t| t.1);
        let parts = tasks.div_ceil(TASKS_PER_PAGE);
        out.extend((0..parts).map(|part| Page::Tasks(*chapter, part)));
    }
    for unit in plan.lead_units() {
        let parts = unit_items(pv, &unit)
            .len()
            .div_ceil(UNIT_ITEMS_PER_PAGE)
            .max(1);
        out.extend((0..parts).map(|part| Page::Unit(unit.clone(), part)));
    }
    if !plan.rectifications.is_empty() {
        let more = rectification_rows(pv)
            .len()
            .div_ceil(RECTIFICATION_ROWS_PER_PAGE);
        out.extend((0..=more).map(Page::Rectification));
    }
    out
}

/// The outline as `pages` reads it: each section's children in order, the indicators directly
/// in it, its totals (indicators, tasks) and its indicators drawn as bars.
struct Outline<'a> {
    scope: Scope,
    children: &'a HashMap<Option<SectionId>, Vec<(i64, SectionId)>>,
    direct: &'a HashMap<SectionId, Vec<IndicatorId>>,
    total: &'a HashMap<SectionId, (usize, usize)>,
    measured: &'a HashMap<SectionId, usize>,
}

impl Outline<'_> {
    /// The pages under `parent`, depth first. `shown_above` is the number of indicators on the
    /// nearest chart above (none for a chapter).
    fn walk(&self, parent: Option<SectionId>, shown_above: Option<usize>, out: &mut Vec<Page>) {
        for (_, s) in self.children.get(&parent).into_iter().flatten() {
            let count = self.total.get(s).map_or(0, |t| t.0);
            if count == 0 {
                continue;
            }
            let own_page = match shown_above {
                None => true,
                Some(_) if self.scope == Scope::ChaptersOnly => false,
                Some(above) => count > MERGE_AT_MOST && above - count > MERGE_AT_MOST,
            };
            if own_page {
                let parts = section_parts(self.measured.get(s).copied().unwrap_or(0));
                out.extend((0..parts).map(|part| Page::Section(*s, part)));
            }
            if self.scope == Scope::ChaptersOnly {
                continue;
            }
            out.extend(
                self.direct
                    .get(s)
                    .into_iter()
                    .flatten()
                    .map(|id| Page::Indicator(*id)),
            );
            let above = if own_page {
                count
            } else {
                shown_above.unwrap_or(count)
            };
            self.walk(Some(*s), Some(above), out);
        }
    }
}

/// What one page of a section's chart shows: the bars of this part, and on the first part
/// the yes/no indicators (listed as 是/否, not drawn as bars).
pub struct SectionPart {
    /// Every indicator under the section.
    pub all: Vec<IndicatorId>,
    /// How many of them are bars, on all parts together.
    pub bars_in_section: usize,
    pub bars: Vec<IndicatorId>,
    pub yes_no: Vec<IndicatorId>,
}

pub fn section_part(pv: &PlanView, id: SectionId, part: usize) -> SectionPart {
    let all = pv.indicators_under(id);
    let (yes_no, measured): (Vec<IndicatorId>, Vec<IndicatorId>) = all.iter().partition(|i| {
        pv.plan
            .indicator(**i)
            .is_some_and(|x| x.kind == crate::domain::IndicatorKind::YesNo)
    });
    SectionPart {
        bars_in_section: measured.len(),
        bars: measured
            .into_iter()
            .skip(part * BARS_PER_PAGE)
            .take(BARS_PER_PAGE)
            .collect(),
        yes_no: if part == 0 { yes_no } else { Vec::new() },
        all,
    }
}

/// How many pages a section's chart takes: at least one (it may hold only yes/no ones).
pub fn section_parts(bars: usize) -> usize {
    bars.div_ceil(BARS_PER_PAGE).max(1)
}

/// "（续）" on the pages after a chart's or list's first.
pub fn continued(part: usize) -> &'static str {
    if part > 0 { "（续）" } else { "" }
}

/// The page's title, for the index (G).
pub fn page_title(pv: &PlanView, page: &Page) -> String {
    match page {
        Page::Summary => "总体情况".to_owned(),
        Page::Section(id, part) => pv.plan.section(*id).map_or_else(String::new, |s| {
            format!("{}{}", s.heading(), continued(*part))
        }),
        Page::Indicator(id) => pv
            .plan
            .indicator(*id)
            .map_or_else(String::new, |i| format!("　{}", i.name)),
        Page::Tasks(id, part) => pv.plan.section(*id).map_or_else(String::new, |s| {
            format!("重点任务：{}{}", s.heading(), continued(*part))
        }),
        Page::Unit(u, part) => format!("牵头单位：{u}{}", continued(*part)),
        Page::Rectification(part) => format!("整改台账{}", continued(*part)),
    }
}
