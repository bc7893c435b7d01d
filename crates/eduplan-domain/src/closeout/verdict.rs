//! The final evaluation (总结评估) of one indicator in the words close-out reports use, and the
//! count sentence that sums them up (domain.md §7). No 序时: every indicator is judged against
//! its target in the evaluation year, with 目标完成度 and 首次达标年份 beside the verdict.
//!
//! Trajectory kinds (level, change from base, cumulative): met by at least the 超额 margin of
//! the whole distance → 超额完成; met before the target year and still met → 提前完成（20xx年）;
//! met → 已完成; short but covering at least the 基本完成 share of the distance → 基本完成
//! (预期性 only unless the setting allows 约束性 too); otherwise 未完成. Floors and ceilings,
//! year-over-year and benchmark kinds: met every reported year → 已完成, met in the last year
//! only → 基本完成 (same attribute rule), not met in the last year → 未完成. Yes/no: yes by the
//! due year → 已完成, earlier → 提前完成. A 约束性 indicator is only 已完成 or 未完成 (no 超额,
//! 提前 or 基本 unless the setting allows 基本完成).

use serde::{Deserialize, Serialize};

use crate::closeout::{CloseoutSettings, FinalVerdict};
use crate::model::{Attribute, Comparison, Indicator, IndicatorId, IndicatorKind, Plan, PlanInfo};
use crate::rules::{Status, definition_problem, running_total, target_ahead_of_base};

const EPS: f64 = 1e-9;

impl FinalVerdict {
    /// Counted as met (已完成, with 超额 and 提前 among them).
    pub fn is_met(self) -> bool {
        matches!(
            self,
            FinalVerdict::Exceeded | FinalVerdict::Early | FinalVerdict::Done
        )
    }
    /// 基本完成 and 未完成 need a reason in the close-out.
    pub fn needs_reason(self) -> bool {
        matches!(self, FinalVerdict::Basically | FinalVerdict::NotDone)
    }
}

/// One indicator's final evaluation.
#[derive(Clone, Debug, PartialEq)]
pub struct FinalJudgement {
    pub indicator: IndicatorId,
    pub year: i32,
    /// The value judged (for a cumulative quota: the running total).
    pub value: Option<f64>,
    pub target: Option<f64>,
    /// The year's value is 预计.
    pub estimate: bool,
    /// The verdict the rules give; None when there is none (see `no_verdict`).
    pub computed: Option<FinalVerdict>,
    /// 未填报 or 无法评价 when the rules give no verdict.
    pub no_verdict: Option<Status>,
    /// 人工判定: the officer's verdict (only when given with a reason).
    pub manual: Option<FinalVerdict>,
    /// 目标完成度 in % of the distance from base to target (yes/no: 100 or 0).
    pub completion_pct: Option<f64>,
    /// 首次达标年份
    pub first_met_year: Option<i32>,
}

impl FinalJudgement {
    /// The verdict that counts: the officer's where given, else the computed one.
    pub fn verdict(&self) -> Option<FinalVerdict> {
        self.manual.or(self.computed)
    }

    /// "提前完成（2023年）", "已完成（人工判定；计算结果：基本完成）", "未填报".
    pub fn verdict_text(&self) -> String {
        let words = |v: FinalVerdict| match (v, self.first_met_year) {
            (FinalVerdict::Early, Some(y)) => format!("提前完成（{y}年）"),
            _ => v.label().to_owned(),
        };
        match (self.manual, self.computed) {
            (Some(m), Some(c)) => format!("{}（人工判定；计算结果：{}）", words(m), words(c)),
            (Some(m), None) => format!(
                "{}（人工判定；计算结果：{}）",
                words(m),
                self.no_verdict.unwrap_or(Status::CannotJudge).label()
            ),
            (None, Some(c)) => words(c),
            (None, None) => self
                .no_verdict
                .unwrap_or(Status::CannotJudge)
                .label()
                .to_owned(),
        }
    }

    /// 目标完成度 as printed: 102.1%, or "—".
    pub fn completion_text(&self) -> String {
        self.completion_pct
            .map_or_else(|| "—".to_owned(), |p| format!("{}%", trimmed(p)))
    }

    /// 首次达标年份 as printed.
    pub fn first_met_text(&self) -> String {
        self.first_met_year
            .map_or_else(|| "—".to_owned(), |y| format!("{y}年"))
    }
}

fn trimmed(x: f64) -> String {
    let text = crate::input::format_number(x, 1);
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

/// Whether `year`'s figure meets the indicator's target (or its floor, previous year,
/// benchmark), and the figure judged.
fn met_in(ind: &Indicator, info: &PlanInfo, year: i32) -> Option<(bool, f64)> {
    match ind.kind {
        IndicatorKind::Level | IndicatorKind::ChangeFromBase => {
            let value = ind.actual_value(year)?;
            let target = ind.effective_target()?;
            Some((ind.comparison.holds(value, target), value))
        }
        IndicatorKind::Cumulative => {
            ind.actual_value(year)?;
            let total = running_total(ind, info, year).0?;
            Some((Comparison::AtLeast.holds(total, ind.target_value), total))
        }
        IndicatorKind::Maintain => {
            let value = ind.actual_value(year)?;
            Some((ind.comparison.holds(value, ind.target_value), value))
        }
        IndicatorKind::YesNo => {
            let value = ind.actual_value(year)?;
            Some((value >= 0.5, value))
        }
        IndicatorKind::YearOverYear => {
            let value = ind.actual_value(year)?;
            let previous = if year - 1 == ind.base_year_or(info) {
                ind.actual_value(year - 1).or(ind.base_value)
            } else {
                ind.actual_value(year - 1)
            }?;
            Some((ind.comparison.holds(value, previous), value))
        }
        IndicatorKind::Benchmark => {
            let value = ind.actual_value(year)?;
            let benchmark = ind.benchmarks.get(&year)?;
            Some((ind.comparison.holds(value, *benchmark), value))
        }
    }
}

/// 基本完成 may be said of this indicator.
fn may_be_basic(ind: &Indicator, settings: &CloseoutSettings) -> bool {
    ind.attribute == Attribute::Expected || settings.basic_for_binding
}

/// Judge one indicator for the final evaluation of `year`.
pub fn judge_final(ind: &Indicator, info: &PlanInfo, year: i32) -> FinalJudgement {
    let settings = &info.closeout;
    let first_year = ind.base_year_or(info) + 1;
    let met_years: Vec<(i32, bool)> = (first_year..=year)
        .filter_map(|y| met_in(ind, info, y).map(|(met, _)| (y, met)))
        .collect();
    let first_met_year = met_years.iter().find(|(_, m)| *m).map(|(y, _)| *y);
    let mut j = FinalJudgement {
        indicator: ind.id,
        year,
        value: None,
        target: None,
        estimate: ind.actuals.get(&year).is_some_and(|a| a.estimate),
        computed: None,
        no_verdict: None,
        manual: None,
        completion_pct: None,
        first_met_year,
    };
    let c = &ind.closeout;
    if !c.override_reason.trim().is_empty() {
        j.manual = c.verdict_override;
    }
    if definition_problem(ind, info).is_some() {
        j.no_verdict = Some(Status::CannotJudge);
        return j;
    }
    // A yes/no event that happened stays done although the last year repeats nothing.
    let judged = met_in(ind, info, year).or_else(|| {
        (ind.kind == IndicatorKind::YesNo && first_met_year.is_some()).then_some((true, 1.0))
    });
    let Some((met, value)) = judged else {
        j.no_verdict = Some(if ind.actual_value(year).is_some() {
            Status::CannotJudge
        } else {
            Status::NotReported
        });
        return j;
    };
    j.value = Some(value);
    let early = |j: &FinalJudgement| {
        j.first_met_year
            .is_some_and(|y| y < ind.target_year && y < year)
    };
    match ind.kind {
        IndicatorKind::Level | IndicatorKind::ChangeFromBase | IndicatorKind::Cumulative => {
            let (base, target, cmp) = if ind.kind == IndicatorKind::Cumulative {
                (Some(0.0), ind.target_value, Comparison::AtLeast)
            } else {
                let Some(target) = ind.effective_target() else {
                    j.no_verdict = Some(Status::CannotJudge);
                    return j;
                };
                (ind.base_value, target, ind.comparison)
            };
            j.target = Some(target);
            let distance = base
                .filter(|b| target_ahead_of_base(cmp, *b, target))
                .map(|b| (b, target - b));
            if let Some((b, d)) = distance {
                j.completion_pct = Some((value - b) / d * 100.0);
            }
            let binding = ind.attribute == Attribute::Binding;
            j.computed = Some(match (met, distance) {
                (true, _) if binding => FinalVerdict::Done,
                (true, Some((_, d)))
                    if (value - target) / d * 100.0 >= settings.exceed_margin_pp - EPS =>
                {
                    FinalVerdict::Exceeded
                }
                (true, Some(_)) if early(&j) => FinalVerdict::Early,
                (true, _) => FinalVerdict::Done,
                (false, Some(_))
                    if may_be_basic(ind, settings)
                        && j.completion_pct.unwrap_or(0.0) >= settings.basic_share_pct - EPS =>
                {
                    FinalVerdict::Basically
                }
                (false, Some(_)) => FinalVerdict::NotDone,
                // Without a base the share of the distance is unknown.
                (false, None) if base.is_none() => {
                    j.no_verdict = Some(Status::CannotJudge);
                    return j;
                }
                (false, None) => FinalVerdict::NotDone,
            });
        }
        IndicatorKind::YesNo => {
            j.target = Some(1.0);
            let done = met || first_met_year.is_some();
            j.completion_pct = Some(if done { 100.0 } else { 0.0 });
            let binding = ind.attribute == Attribute::Binding;
            j.computed = Some(match (done, early(&j) && !binding) {
                (true, true) => FinalVerdict::Early,
                (true, false) => FinalVerdict::Done,
                (false, _) => FinalVerdict::NotDone,
            });
        }
        IndicatorKind::Maintain | IndicatorKind::YearOverYear | IndicatorKind::Benchmark => {
            if ind.kind == IndicatorKind::Maintain {
                j.target = Some(ind.target_value);
            }
            let every_year = met_years.iter().all(|(_, m)| *m);
            j.computed = Some(if met && every_year {
                FinalVerdict::Done
            } else if met && may_be_basic(ind, settings) {
                FinalVerdict::Basically
            } else {
                FinalVerdict::NotDone
            });
        }
    }
    j
}

/// Every indicator of the plan, in outline order, judged for the final evaluation of `year`.
pub fn judge_plan(plan: &Plan, year: i32) -> Vec<FinalJudgement> {
    plan.indicators_in_outline_order()
        .into_iter()
        .map(|ind| judge_final(ind, &plan.info, year))
        .collect()
}

/// The numbers of the count sentence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalCounts {
    pub total: usize,
    /// 已完成, including 超额 and 提前.
    pub met: usize,
    pub exceeded: usize,
    pub early: usize,
    pub basic: usize,
    pub not_done: usize,
    /// 约束性 among the 未完成.
    pub not_done_binding: usize,
    /// 未填报 or 无法评价.
    pub unjudged: usize,
}

impl FinalCounts {
    /// 指标完成率: the share met, in %.
    pub fn met_share_pct(&self) -> Option<f64> {
        (self.total > 0).then(|| self.met as f64 / self.total as f64 * 100.0)
    }
}

pub fn count_verdicts(plan: &Plan, judgements: &[FinalJudgement]) -> FinalCounts {
    let mut n = FinalCounts {
        total: judgements.len(),
        ..FinalCounts::default()
    };
    for j in judgements {
        match j.verdict() {
            Some(v) if v.is_met() => {
                n.met += 1;
                n.exceeded += usize::from(v == FinalVerdict::Exceeded);
                n.early += usize::from(v == FinalVerdict::Early);
            }
            Some(FinalVerdict::Basically) => n.basic += 1,
            Some(_) => {
                n.not_done += 1;
                let binding = plan
                    .indicator(j.indicator)
                    .is_some_and(|i| i.attribute == Attribute::Binding);
                n.not_done_binding += usize::from(binding);
            }
            None => n.unjudged += 1,
        }
    }
    n
}

/// "规划确定的N项主要指标中，a项已完成（其中b项超额完成、c项提前完成），d项基本完成，e项未完成
/// （其中约束性指标f项）。" Empty parts are left out.
pub fn count_sentence(n: &FinalCounts) -> String {
    if n.total == 0 {
        return "规划未确定主要指标。".to_owned();
    }
    let mut among: Vec<String> = Vec::new();
    if n.exceeded > 0 {
        among.push(format!("{}项超额完成", n.exceeded));
    }
    if n.early > 0 {
        among.push(format!("{}项提前完成", n.early));
    }
    let among = if among.is_empty() {
        String::new()
    } else {
        format!("（其中{}）", among.join("、"))
    };
    if n.met == n.total {
        return format!("规划确定的{}项主要指标全部完成{among}。", n.total);
    }
    let mut parts: Vec<String> = Vec::new();
    if n.met > 0 {
        parts.push(format!("{}项已完成{among}", n.met));
    }
    if n.basic > 0 {
        parts.push(format!("{}项基本完成", n.basic));
    }
    if n.not_done > 0 {
        let binding = if n.not_done_binding > 0 {
            format!("（其中约束性指标{}项）", n.not_done_binding)
        } else {
            String::new()
        };
        parts.push(format!("{}项未完成{binding}", n.not_done));
    }
    if n.unjudged > 0 {
        parts.push(format!("{}项尚无数据或无法评价", n.unjudged));
    }
    format!("规划确定的{}项主要指标中，{}。", n.total, parts.join("，"))
}
