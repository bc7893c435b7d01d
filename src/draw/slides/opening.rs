//! The opening page: the overall judgement in one sentence, counts by word and light, 预警.

use egui::Ui;

use super::{PlanView, Slide};
use crate::domain::Light;
use crate::domain::input::format_percent;

impl Slide<'_> {
    /// The opening page: counts by word and light, 预警, and one sentence of judgement.
    pub(super) fn summary(&self, ui: &mut Ui) {
        let pv = self.pv;
        self.title(ui, &pv.plan.info.name);
        let elapsed = crate::domain::rules::time_elapsed(
            pv.plan.info.base_year,
            pv.plan.info.last_year,
            pv.year,
        );
        let kind = crate::domain::closeout::evaluation_kind(&pv.plan.info, pv.year);
        ui.label(self.body(format!(
            "评估年度：{}年（{}）　　序时进度：{}　　任务截至{}",
            pv.year,
            kind.label(),
            format_percent(Some(elapsed)),
            pv.as_of
        )));
        ui.add_space(12.0);
        let evals: Vec<_> = pv.order.iter().filter_map(|id| pv.eval(*id)).collect();
        ui.label(self.body(judgement(pv)).strong());
        ui.add_space(12.0);
        // The page's figures, big enough for the back of the room. A 总结评估 counts the
        // close-out's words (the same as its sentence): 已完成 green, 基本完成 yellow, 未完成
        // red; a year in course counts by light, with the status words above.
        let figures: Vec<(Light, usize, String)> = if final_evaluation(pv) {
            let judgements = crate::domain::closeout::judge_plan(pv.plan, pv.year);
            let c = crate::domain::closeout::count_verdicts(pv.plan, &judgements);
            [
                (Light::Green, c.met, "已完成"),
                (Light::Yellow, c.basic, "基本完成"),
                (Light::Red, c.not_done, "未完成"),
                (Light::Grey, c.unjudged, "未填报或无法评价"),
            ]
            .into_iter()
            .map(|(light, n, word)| (light, n, format!("{} {word}", light.symbol())))
            .collect()
        } else {
            let counts = crate::domain::rules::count_statuses(evals.iter().copied());
            ui.horizontal_wrapped(|ui| {
                for (status, n) in counts.by_status.iter().filter(|(_, n)| *n > 0) {
                    ui.label(self.small(format!("{} {n}项　", status.label())));
                }
            });
            counts
                .by_light
                .iter()
                .map(|(light, n)| (*light, *n, format!("{} {}", light.symbol(), light.label())))
                .collect()
        };
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = self.sizes.title;
            for (light, n, caption) in figures.into_iter().filter(|(_, n, _)| *n > 0) {
                ui.vertical(|ui| {
                    ui.label(self.lit(light, format!("{n}项"), self.sizes.title * 2.0));
                    ui.label(self.lit(light, caption, self.sizes.body));
                });
            }
        });
        ui.add_space(12.0);
        // The binding indicators the sentence above counts: in a 总结评估 those 未完成, else
        // those with a 预警 for the year.
        let binding_short = |id: &&crate::domain::IndicatorId| {
            let binding = pv
                .indicator(**id)
                .is_some_and(|i| i.attribute == crate::domain::Attribute::Binding);
            binding && pv.verdict(**id).is_some_and(|v| v.light == Light::Red)
        };
        let warned = |id: &&crate::domain::IndicatorId| pv.eval(**id).is_some_and(|e| e.warning);
        let final_review = final_evaluation(pv);
        let warnings: Vec<&str> = pv
            .order
            .iter()
            .filter(|id| {
                if final_review {
                    binding_short(id)
                } else {
                    warned(id)
                }
            })
            .filter_map(|id| pv.indicator(*id).map(|i| i.name.as_str()))
            .collect();
        let (none, some) = if final_review {
            ("约束性指标全部完成", "未完成的约束性指标")
        } else {
            ("约束性指标无预警", "约束性指标预警")
        };
        if warnings.is_empty() {
            ui.label(self.lit(Light::Green, none, self.sizes.body));
        } else {
            ui.label(self.lit(
                Light::Red,
                format!("■ {some} {} 项：", warnings.len()),
                self.sizes.body,
            ));
            for w in warnings {
                ui.label(self.body(format!("　　{w}")));
            }
        }
    }
}

/// One sentence of overall judgement, as a meeting hears it: in a 总结评估 the close-out's
/// count sentence, else the year by light (only green is at or ahead of 序时).
fn judgement(pv: &PlanView) -> String {
    use crate::domain::closeout::{count_sentence, count_verdicts};
    if final_evaluation(pv) {
        let judgements = crate::domain::closeout::judge_plan(pv.plan, pv.year);
        return count_sentence(&count_verdicts(pv.plan, &judgements));
    }
    crate::domain::explain::pace_sentence(pv.order.iter().filter_map(|id| {
        let binding = pv.indicator(*id)?.attribute == crate::domain::Attribute::Binding;
        Some((binding, pv.eval(*id)?))
    }))
}

fn final_evaluation(pv: &PlanView) -> bool {
    crate::domain::closeout::evaluation_kind(&pv.plan.info, pv.year)
        == crate::domain::closeout::EvaluationKind::Final
}
