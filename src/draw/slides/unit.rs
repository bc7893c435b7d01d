//! A lead unit's page: its indicators by light, its overdue tasks, its open 整改 items.

use egui::Ui;

use super::Slide;
use crate::domain::commitments::{
    RectificationState, TaskState, latest_progress, rectification_state, task_state,
};
use crate::domain::{IndicatorId, Light, Status};

impl Slide<'_> {
    pub(super) fn unit(&self, ui: &mut Ui, unit: &str) {
        let pv = self.pv;
        self.title(ui, format!("牵头单位：{unit}"));
        let mine: Vec<IndicatorId> = pv
            .order
            .iter()
            .copied()
            .filter(|id| pv.indicator(*id).is_some_and(|i| i.lead_unit == unit))
            .collect();
        let by = |pred: &dyn Fn(&crate::domain::Evaluation) -> bool| {
            mine.iter()
                .filter(|id| pv.eval(**id).is_some_and(pred))
                .count()
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(self.body(format!("指标{}项：", mine.len())));
            for light in [Light::Green, Light::Yellow, Light::Red] {
                let n = by(&|e| e.light == light && e.status != Status::NotReported);
                ui.label(self.lit(
                    light,
                    format!("{} {} {n}　", light.symbol(), light.label()),
                    self.sizes.body,
                ));
            }
            let missing = by(&|e| e.status == Status::NotReported);
            ui.label(self.lit(Light::Grey, format!("○ 未填报 {missing}"), self.sizes.body));
        });
        ui.add_space(8.0);
        let overdue: Vec<_> = pv
            .plan
            .tasks_in_outline_order()
            .into_iter()
            .filter(|t| {
                t.lead_unit == unit
                    && task_state(t, pv.as_of, pv.plan.info.due_soon_days) == TaskState::Overdue
            })
            .collect();
        if overdue.is_empty() {
            ui.label(self.lit(
                Light::Green,
                format!("截至{}，没有逾期任务", pv.as_of),
                self.sizes.body,
            ));
        } else {
            ui.label(self.lit(
                Light::Red,
                format!("■ 逾期任务 {} 项（截至{}）：", overdue.len(), pv.as_of),
                self.sizes.body,
            ));
            for t in overdue.iter().take(8) {
                let latest =
                    latest_progress(t).map_or_else(String::new, |(y, p)| format!("　{y}：{p}"));
                ui.label(self.small(format!("　{}（{}）{latest}", t.title, t.deadline)));
            }
        }
        let open: Vec<_> = pv
            .plan
            .rectifications
            .iter()
            .filter(|r| {
                r.unit == unit && rectification_state(r, pv.as_of) != RectificationState::Closed
            })
            .collect();
        if !open.is_empty() {
            ui.label(self.body(format!("未销号整改问题 {} 项", open.len())));
        }
    }
}
