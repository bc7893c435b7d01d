//! A plan as every output reads it: the plan as last loaded and what is derived from it
//! (evaluations, outline order, findings). The window's views, the meeting pages and the
//! command line's outputs all read a `PlanView`; `Derived` owns the derived parts for callers
//! that have only a `Plan` (the command line).

use std::collections::HashMap;

use crate::domain::validate::Finding;
use crate::domain::{Evaluation, Indicator, IndicatorId, Plan, SectionId};
use crate::storage::HistoryEntry;

/// Everything a view may read: the plan as last loaded and what is derived from it.
pub struct PlanView<'a> {
    pub plan: &'a Plan,
    pub year: i32,
    pub evals: &'a HashMap<IndicatorId, Evaluation>,
    /// Indicators in outline order.
    pub order: &'a [IndicatorId],
    /// Where each indicator sits in `plan.indicators` (a view looks up thousands a frame).
    pub positions: &'a HashMap<IndicatorId, usize>,
    pub findings: &'a [Finding],
    /// History of the indicator shown in the detail view.
    pub history: &'a [HistoryEntry],
    /// False for a read-only file: editors are shown but edits are refused.
    pub writable: bool,
    /// The day tasks and 整改 items are judged on (今天 unless the officer chose another).
    pub as_of: crate::domain::Date,
}

/// Where each indicator sits in `plan.indicators`, for `PlanView::indicator`.
pub fn indicator_positions(plan: &Plan) -> HashMap<IndicatorId, usize> {
    plan.indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| (ind.id, i))
        .collect()
}

impl PlanView<'_> {
    pub fn eval(&self, id: IndicatorId) -> Option<&Evaluation> {
        self.evals.get(&id)
    }

    pub fn indicator(&self, id: IndicatorId) -> Option<&Indicator> {
        self.positions
            .get(&id)
            .and_then(|&i| self.plan.indicators.get(i))
            .filter(|ind| ind.id == id)
    }

    /// Indicators anywhere under `section`, in outline order.
    pub fn indicators_under(&self, section: SectionId) -> Vec<IndicatorId> {
        let sections = self.plan.subtree_sections(section);
        self.order
            .iter()
            .copied()
            .filter(|id| {
                self.indicator(*id)
                    .is_some_and(|i| sections.contains(&i.section))
            })
            .collect()
    }
}

/// What a `PlanView` borrows, computed once from a plan read from its file.
pub struct Derived {
    pub evals: HashMap<IndicatorId, Evaluation>,
    pub order: Vec<IndicatorId>,
    pub positions: HashMap<IndicatorId, usize>,
    pub findings: Vec<Finding>,
}

impl Derived {
    /// Everything judged for `year`.
    pub fn of(plan: &Plan, year: i32) -> Derived {
        Derived {
            evals: plan
                .indicators
                .iter()
                .map(|i| (i.id, crate::domain::evaluate(i, &plan.info, year)))
                .collect(),
            order: plan
                .indicators_in_outline_order()
                .iter()
                .map(|i| i.id)
                .collect(),
            positions: indicator_positions(plan),
            findings: crate::domain::validate::validate_plan(plan, year),
        }
    }

    /// A read-only view of `plan` for `year`, tasks and 整改 items judged on `as_of`.
    pub fn view<'a>(
        &'a self,
        plan: &'a Plan,
        year: i32,
        as_of: crate::domain::Date,
    ) -> PlanView<'a> {
        PlanView {
            plan,
            year,
            evals: &self.evals,
            order: &self.order,
            positions: &self.positions,
            findings: &self.findings,
            history: &[],
            writable: false,
            as_of,
        }
    }
}
