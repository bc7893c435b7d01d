//! The opening page: the overall judgement in one sentence, counts by word and light, 预警.

use egui::Ui;

use super::{PlanView, Slide};
use crate::domain::input::format_percent;
use crate::domain::{Light, Status};

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
        ui.label(self.body(format!(
            "评估年度：{}年　　序时进度：{}",
            pv.year,
            format_percent(Some(elapsed))
        )));
        ui.add_space(12.0);
        let evals: Vec<_> = pv.order.iter().filter_map(|id| pv.eval(*id)).collect();
        let counts = crate::domain::rules::count_statuses(evals.iter().copied());
        ui.label(self.body(judgement(pv)).strong());
        ui.add_space(12.0);
        ui.horizontal_wrapped(|ui| {
            for (status, n) in counts.by_status.iter().filter(|(_, n)| *n > 0) {
                ui.label(self.small(format!("{} {n}项　", status.label())));
            }
        });
        ui.horizontal_wrapped(|ui| {
            for (light, n) in counts.by_light.iter().filter(|(_, n)| *n > 0) {
                ui.label(self.lit(
                    *light,
                    format!("{} {} {n}项　", light.symbol(), light.label()),
                    self.sizes.body,
                ));
            }
        });
        ui.add_space(12.0);
        let warnings: Vec<&str> = pv
            .order
            .iter()
            .filter(|id| pv.eval(**id).is_some_and(|e| e.warning))
            .filter_map(|id| pv.indicator(*id).map(|i| i.name.as_str()))
            .collect();
        if warnings.is_empty() {
            ui.label(self.lit(Light::Green, "约束性指标无预警", self.sizes.body));
        } else {
            ui.label(self.lit(
                Light::Red,
                format!("■ 约束性指标预警 {} 项：", warnings.len()),
                self.sizes.body,
            ));
            for w in warnings {
                ui.label(self.body(format!("　　{w}")));
            }
        }
    }
}

/// One sentence of overall judgement, as a meeting hears it.
fn judgement(pv: &PlanView) -> String {
    let evals: Vec<(bool, &crate::domain::Evaluation)> = pv
        .order
        .iter()
        .filter_map(|id| {
            let binding = pv.indicator(*id)?.attribute == crate::domain::Attribute::Binding;
            Some((binding, pv.eval(*id)?))
        })
        .collect();
    let total = evals.len();
    let good = evals
        .iter()
        .filter(|(_, e)| {
            matches!(
                e.status,
                Status::AheadDone | Status::Faster | Status::OnTrack | Status::Achieved
            )
        })
        .count();
    let behind: Vec<&(bool, &crate::domain::Evaluation)> = evals
        .iter()
        .filter(|(_, e)| matches!(e.status, Status::Behind | Status::NotAchieved))
        .collect();
    let binding_behind = behind.iter().filter(|(b, _)| *b).count();
    let mut s = format!(
        "{total}项指标中，{good}项达到或快于序时进度，{}项滞后",
        behind.len()
    );
    if binding_behind > 0 {
        s.push_str(&format!("，其中约束性{binding_behind}项"));
    }
    let missing = evals
        .iter()
        .filter(|(_, e)| e.status == Status::NotReported)
        .count();
    if missing > 0 {
        s.push_str(&format!("；{missing}项未填报"));
    }
    s.push('。');
    s
}
