//! The 整改台账 page: counts by state, the overdue items, each 责任单位, the 动态清零 curve.

use egui::{RichText, Ui};

use super::Slide;
use super::deck::{
    RECTIFICATION_OVERDUE_FIRST, RECTIFICATION_ROWS_PER_PAGE, RECTIFICATION_UNITS_FIRST,
    RectificationRow, UnitCounts, continued, rectification_rows, rectification_units,
};
use crate::domain::Light;
use crate::domain::commitments::{
    RectificationState, count_by_state, open_items_by_month, rectification_state,
};

impl Slide<'_> {
    pub(super) fn rectification(&self, ui: &mut Ui) {
        let pv = self.pv;
        self.title(ui, "整改台账");
        let counts = count_by_state(&pv.plan.rectifications, pv.as_of);
        ui.horizontal_wrapped(|ui| {
            ui.label(self.body(format!(
                "截至{}：共{}项　",
                pv.as_of,
                pv.plan.rectifications.len()
            )));
            for (s, n) in counts {
                ui.label(self.lit(
                    s.light(),
                    format!("{} {}{n}项　", s.light().symbol(), s.label()),
                    self.sizes.body,
                ));
            }
        });
        let overdue: Vec<_> = pv
            .plan
            .rectifications
            .iter()
            .filter(|r| rectification_state(r, pv.as_of) == RectificationState::Overdue)
            .collect();
        if !overdue.is_empty() {
            ui.label(self.lit(Light::Red, "逾期未销号：", self.sizes.body));
            for r in overdue.iter().take(RECTIFICATION_OVERDUE_FIRST) {
                let due = r.due.map_or_else(String::new, |d| d.to_string());
                ui.label(self.small(format!("　{}（{}，时限{due}）", r.problem, r.unit)));
            }
            if overdue.len() > RECTIFICATION_OVERDUE_FIRST {
                ui.label(self.small(format!(
                    "　另有{}项，见后页",
                    overdue.len() - RECTIFICATION_OVERDUE_FIRST
                )));
            }
        }
        ui.add_space(self.sizes.small * 0.5);
        ui.columns(2, |cols| {
            self.rectification_units(&mut cols[0]);
            self.clearing_curve(&mut cols[1]);
        });
    }

    /// The first 责任单位 with their open, overdue and closed items, most overdue first;
    /// the others are on the continuation pages.
    fn rectification_units(&self, ui: &mut Ui) {
        let units = rectification_units(self.pv);
        self.units_grid(
            ui,
            "meeting_rectification_units",
            &units[..units.len().min(RECTIFICATION_UNITS_FIRST)],
        );
        if units.len() > RECTIFICATION_UNITS_FIRST {
            ui.label(self.small(format!(
                "其余{}个单位见后页",
                units.len() - RECTIFICATION_UNITS_FIRST
            )));
        }
    }

    fn units_grid(&self, ui: &mut Ui, id: &str, units: &[UnitCounts]) {
        egui::Grid::new(id)
            .striped(true)
            .spacing([self.sizes.small, self.sizes.small * 0.3])
            .show(ui, |ui| {
                for h in ["责任单位", "未销号", "其中逾期", "已销号"] {
                    ui.label(self.small(h).strong());
                }
                ui.end_row();
                for (unit, open, overdue, closed) in units {
                    ui.label(self.small(if unit.is_empty() {
                        "（未填）"
                    } else {
                        unit
                    }));
                    ui.label(self.small(open.to_string()));
                    ui.label(if *overdue > 0 {
                        self.lit(Light::Red, overdue.to_string(), self.sizes.small)
                    } else {
                        self.small("0")
                    });
                    ui.label(self.lit(Light::Green, closed.to_string(), self.sizes.small));
                    ui.end_row();
                }
            });
    }

    /// A continuation page of the 整改台账: the overdue items, then the other units.
    pub(super) fn rectification_rows(&self, ui: &mut Ui, part: usize) {
        let pv = self.pv;
        self.title(ui, format!("整改台账{}", continued(part)));
        ui.label(
            self.small(format!("截至{}", pv.as_of))
                .color(self.palette.muted),
        );
        let rows: Vec<RectificationRow> = rectification_rows(pv)
            .into_iter()
            .skip((part - 1) * RECTIFICATION_ROWS_PER_PAGE)
            .take(RECTIFICATION_ROWS_PER_PAGE)
            .collect();
        let units: Vec<UnitCounts> = rows
            .iter()
            .filter_map(|r| match r {
                RectificationRow::Unit(u) => Some(u.clone()),
                RectificationRow::Overdue(_) => None,
            })
            .collect();
        let mut heading_shown = false;
        for row in &rows {
            let RectificationRow::Overdue(id) = row else {
                continue;
            };
            let Some(r) = pv.plan.rectifications.iter().find(|r| r.id == *id) else {
                continue;
            };
            if !heading_shown {
                ui.label(self.lit(Light::Red, "逾期未销号：", self.sizes.body));
                heading_shown = true;
            }
            let due = r.due.map_or_else(String::new, |d| d.to_string());
            ui.label(self.small(format!("　{}（{}，时限{due}）", r.problem, r.unit)));
        }
        if !units.is_empty() {
            ui.add_space(self.sizes.small * 0.5);
            self.units_grid(ui, "meeting_rectification_more_units", &units);
        }
    }

    /// 动态清零: items still open at the end of each month, the last point labelled.
    fn clearing_curve(&self, ui: &mut Ui) {
        use egui_plot::{Line, Plot, PlotPoints};
        let pv = self.pv;
        let curve = open_items_by_month(&pv.plan.rectifications, pv.as_of);
        ui.label(self.small("动态清零：各月末未销号问题数").strong());
        if curve.is_empty() {
            return;
        }
        let label_size = (self.sizes.small * 0.9).max(20.0);
        for style in [egui::TextStyle::Body, egui::TextStyle::Small] {
            ui.style_mut()
                .text_styles
                .insert(style, egui::FontId::proportional(label_size));
        }
        let labels: Vec<String> = curve
            .iter()
            .map(|(d, _)| format!("{}年{}月", d.year(), d.month()))
            .collect();
        let points: PlotPoints = curve
            .iter()
            .enumerate()
            .map(|(i, (_, n))| [i as f64, *n as f64])
            .collect();
        let last = curve.len() - 1;
        let last_count = curve[last].1;
        let fg = self.palette.fg;
        Plot::new("meeting_clearing")
            .height(ui.available_height().max(180.0))
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .include_y(0.0)
            .x_axis_formatter(move |mark, _| {
                let i = mark.value.round();
                if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                    labels.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .show(ui, |plot| {
                plot.line(
                    Line::new("未销号问题数", points)
                        .width(4.0)
                        .color(self.palette.light(Light::Red)),
                );
                plot.text(
                    egui_plot::Text::new(
                        "",
                        egui_plot::PlotPoint::new(last as f64, last_count as f64),
                        RichText::new(format!("{last_count}项"))
                            .size(label_size)
                            .color(fg),
                    )
                    .anchor(egui::Align2::RIGHT_BOTTOM),
                );
            });
    }
}
