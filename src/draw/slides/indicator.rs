//! An indicator page: its status, values, 完成进度 against 序时进度, note and chart.

use egui::Ui;

use super::Slide;
use crate::domain::input::{format_percent, format_value};
use crate::domain::{IndicatorId, IndicatorKind, Light};

impl Slide<'_> {
    pub(super) fn indicator(&self, ui: &mut Ui, id: IndicatorId) {
        let pv = self.pv;
        let (Some(ind), Some(e)) = (pv.indicator(id), pv.eval(id)) else {
            return;
        };
        let chapter = pv
            .plan
            .section(ind.section)
            .map(|s| s.heading())
            .unwrap_or_default();
        ui.label(self.small(chapter).color(self.palette.muted));
        self.title(ui, &ind.name);
        let warning = if e.warning {
            "  约束性指标预警"
        } else {
            ""
        };
        if pv.final_review()
            && let Some(v) = pv.verdict(ind.id)
        {
            // A 总结评估 says the close-out's word against the target, not the pace; a kept
            // floor has no 完成度, its 判定依据 below says why.
            let judged = crate::domain::closeout::judge_final(ind, &pv.plan.info, pv.year);
            let completion = judged
                .completion_pct
                .map(|_| format!("　目标完成度{}", judged.completion_text()))
                .unwrap_or_default();
            ui.label(self.lit(
                v.light,
                format!("{} {}{completion}", v.light.symbol(), v.word),
                self.sizes.title,
            ));
        } else {
            ui.label(self.lit(
                e.light,
                format!(
                    "{} {}{warning}",
                    e.light.symbol(),
                    crate::domain::explain::pace_word(e)
                ),
                self.sizes.title,
            ));
        }
        ui.label(self.body(format!(
            "目标：{}（{}年，{}）",
            ind.target_text,
            ind.target_year,
            ind.attribute.label()
        )));
        if ind.kind == IndicatorKind::YesNo {
            // 是/否 by year, never on a numeric axis.
            ui.horizontal_wrapped(|ui| {
                for year in pv.plan.info.years().filter(|y| *y <= pv.year) {
                    let v = ind
                        .actual_value(year)
                        .map_or("—".to_owned(), |v| format_value(v, ind));
                    ui.label(self.body(format!("{year}年：{v}　")));
                }
            });
        } else {
            ui.label(self.body(format!(
                "基期：{}　　{}年：{}",
                ind.base_value.map_or_else(
                    || "—".to_owned(),
                    |v| format!("{}{}", format_value(v, ind), ind.unit)
                ),
                pv.year,
                e.value.map_or_else(
                    || "未填报".to_owned(),
                    |v| crate::domain::closeout::with_estimate_mark(
                        format!("{}{}", format_value(v, ind), ind.unit),
                        ind.actuals.get(&pv.year).is_some_and(|a| a.estimate)
                    )
                ),
            )));
            if let Some(total) = e.cumulative {
                ui.label(self.body(format!(
                    "累计完成：{}{}，目标{}{}",
                    format_value(total, ind),
                    ind.unit,
                    format_value(ind.target_value, ind),
                    ind.unit
                )));
            }
            // A floor or ceiling has no progress: it is met or not, as its basis says.
            if e.progress.is_some() {
                ui.label(self.body(format!(
                    "完成进度 {}　　序时进度 {}",
                    format_percent(e.progress),
                    format_percent(e.elapsed)
                )));
            }
        }
        // Every indicator page says why it got its word.
        ui.label(self.small(format!(
            "判定依据：{}",
            crate::domain::explain::basis_text(e, ind)
        )));
        let note = ind
            .actuals
            .get(&pv.year)
            .map(|a| a.note.trim())
            .unwrap_or("");
        if !note.is_empty() {
            ui.label(self.body(format!("说明：{note}")));
        } else if matches!(e.light, Light::Red) {
            ui.label(self.lit(
                Light::Red,
                "说明：未填写（红灯指标上报前需补充说明）",
                self.sizes.body,
            ));
        }
        if ind.kind != IndicatorKind::YesNo {
            ui.add_space(8.0);
            let height = (ui.available_height() - 10.0).max(120.0);
            self.chart_text(ui);
            crate::draw::chart::indicator_chart_ui(ui, &pv.plan.info, ind, pv.year, height, 4.0);
        }
    }
}
