//! A lead unit's pages: its counts, then by name its red and yellow indicators with their
//! 判定依据, its overdue tasks and its open 整改 items, over as many pages as they need.

use egui::Ui;

use super::Slide;
use super::deck::{UNIT_ITEMS_PER_PAGE, UnitItem, continued, unit_items};
use crate::domain::commitments::{latest_progress, rectification_state};
use crate::domain::{IndicatorId, Light, Status};

impl Slide<'_> {
    pub(super) fn unit(&self, ui: &mut Ui, unit: &str, part: usize) {
        let pv = self.pv;
        self.title(ui, format!("牵头单位：{unit}{}", continued(part)));
        let mine: Vec<IndicatorId> = pv
            .order
            .iter()
            .copied()
            .filter(|id| pv.indicator(*id).is_some_and(|i| i.lead_unit == unit))
            .collect();
        let lights: Vec<Light> = mine
            .iter()
            .filter(|id| {
                pv.eval(**id)
                    .is_some_and(|e| e.status != Status::NotReported)
            })
            .filter_map(|id| pv.verdict(*id).map(|v| v.light))
            .collect();
        let missing = mine.len() - lights.len();
        let items = unit_items(pv, unit);
        let tasks = items
            .iter()
            .filter(|i| matches!(i, UnitItem::Task(_)))
            .count();
        let open = items
            .iter()
            .filter(|i| matches!(i, UnitItem::Rectification(_)))
            .count();
        ui.horizontal_wrapped(|ui| {
            ui.label(self.body(format!("指标{}项：", mine.len())));
            for light in [Light::Green, Light::Yellow, Light::Red, Light::Grey] {
                let n = lights.iter().filter(|l| **l == light).count();
                if light == Light::Grey && n == 0 {
                    continue;
                }
                ui.label(self.lit(
                    light,
                    format!("{} {} {n}　", light.symbol(), pv.light_word(light)),
                    self.sizes.body,
                ));
            }
            ui.label(self.lit(Light::Grey, format!("○ 未填报 {missing}"), self.sizes.body));
        });
        ui.label(self.small(format!(
            "逾期任务{tasks}项，未销号整改问题{open}项（截至{}）",
            pv.as_of
        )));
        let parts = items.len().div_ceil(UNIT_ITEMS_PER_PAGE).max(1);
        if parts > 1 {
            ui.label(
                self.small(format!("第{}/{parts}页", part + 1))
                    .color(self.palette.muted),
            );
        }
        ui.add_space(8.0);
        if items.is_empty() {
            ui.label(self.lit(
                Light::Green,
                if pv.final_review() {
                    "没有未完成、基本完成的指标，没有逾期任务和未销号的整改问题"
                } else {
                    "没有红灯、黄灯指标，没有逾期任务和未销号的整改问题"
                },
                self.sizes.body,
            ));
        }
        for item in items
            .iter()
            .skip(part * UNIT_ITEMS_PER_PAGE)
            .take(UNIT_ITEMS_PER_PAGE)
        {
            match *item {
                UnitItem::Indicator(id) => {
                    let (Some(ind), Some(v)) = (pv.indicator(id), pv.verdict(id)) else {
                        continue;
                    };
                    ui.label(self.lit(
                        v.light,
                        format!("{} {}：{}", v.light.symbol(), ind.name, v.word),
                        self.sizes.small,
                    ));
                    ui.label(self.small(format!("　　{}", v.basis)));
                }
                UnitItem::Task(id) => {
                    let Some(t) = pv.plan.task(id) else { continue };
                    let latest =
                        latest_progress(t).map_or_else(String::new, |(y, p)| format!("；{y}：{p}"));
                    ui.label(self.lit(
                        Light::Red,
                        format!("■ 逾期任务：{}（时限：{}）", t.title, t.deadline),
                        self.sizes.small,
                    ));
                    if !latest.is_empty() {
                        ui.label(self.small(format!("　　最新进展{latest}")));
                    }
                }
                UnitItem::Rectification(id) => {
                    let Some(r) = pv.plan.rectifications.iter().find(|r| r.id == id) else {
                        continue;
                    };
                    let state = rectification_state(r, pv.as_of);
                    ui.label(self.lit(
                        state.light(),
                        format!(
                            "{} 整改：{}（{}）",
                            state.light().symbol(),
                            r.problem,
                            state.label()
                        ),
                        self.sizes.small,
                    ));
                }
            }
        }
    }
}
