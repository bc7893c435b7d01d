//! A plan as every output reads it: the plan as last loaded and what is derived from it
//! (evaluations, outline order, findings). The window's views, the meeting pages and the
//! command line's outputs all read a `PlanView`; `Derived` owns the derived parts for callers
//! that have only a `Plan` (the command line).

use std::collections::HashMap;

use crate::domain::validate::Finding;
use crate::domain::{Evaluation, Indicator, IndicatorId, Light, Plan, SectionId};
use crate::storage::HistoryEntry;

/// Everything a view may read: the plan as last loaded and what is derived from it.
/// What the screens and pages say of one indicator: in a 总结评估 (the plan's last year) the
/// close-out's verdict against the target — 已完成 green, 基本完成 yellow, 未完成 red, the same
/// words as the close-out's count sentence — else the year's light against 序时 with its
/// status word.
pub struct ShownVerdict {
    pub light: Light,
    /// 已完成 / 基本完成 / 未完成, or the status (基本符合预期, 滞后 …).
    pub word: String,
    /// Why: the close-out's 目标完成度, or the year's 判定依据.
    pub basis: String,
}

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
    /// Whether the year judged is the plan's last: a 总结评估.
    pub fn final_review(&self) -> bool {
        crate::domain::closeout::evaluation_kind(&self.plan.info, self.year)
            == crate::domain::closeout::EvaluationKind::Final
    }

    pub fn verdict(&self, id: IndicatorId) -> Option<ShownVerdict> {
        use crate::domain::closeout::{FinalVerdict, judge_final};
        let ind = self.indicator(id)?;
        let e = self.eval(id)?;
        if !self.final_review() {
            return Some(ShownVerdict {
                light: e.light,
                word: crate::domain::explain::pace_word(e).to_owned(),
                basis: crate::domain::explain::basis_text(e, ind),
            });
        }
        let j = judge_final(ind, &self.plan.info, self.year);
        let light = match j.verdict() {
            Some(v) if v.is_met() => Light::Green,
            Some(FinalVerdict::Basically) => Light::Yellow,
            Some(_) => Light::Red,
            None => Light::Grey,
        };
        // A floor kept (保持) or a yes/no target has no 完成度: the year's 判定依据 says why.
        let basis = if j.completion_pct.is_some() {
            format!(
                "目标完成度{}；{}",
                j.completion_text(),
                crate::domain::explain::basis_text(e, ind)
            )
        } else {
            crate::domain::explain::basis_text(e, ind)
        };
        Some(ShownVerdict {
            light,
            word: j.verdict_text(),
            basis,
        })
    }

    /// The word for a light in counts: 绿灯 …, or in a 总结评估 已完成 ….
    pub fn light_word(&self, light: Light) -> &'static str {
        match (self.final_review(), light) {
            (true, Light::Green) => "已完成",
            (true, Light::Yellow) => "基本完成",
            (true, Light::Red) => "未完成",
            (true, Light::Grey) => "未填报或无法评价",
            (false, light) => light.label(),
        }
    }
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
