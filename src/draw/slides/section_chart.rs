//! A section page: its lights and a labelled bar chart of 完成进度 against 序时进度.

use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Plot, PlotPoint, Text, VLine};

use super::Slide;
use super::deck::{SectionPart, continued, section_part, section_parts};
use crate::domain::input::{format_percent, format_value};
use crate::domain::{Light, SectionId};
use crate::draw::chart::LegendMark;

impl Slide<'_> {
    /// A section: its lights and a labelled chart of 完成进度 against 序时进度.
    /// One page (`part`) of a section: the lights of what this page draws, and its chart.
    /// Every page has the same legend and scale; the yes/no ones are listed on the first.
    pub(super) fn section(&self, ui: &mut Ui, id: SectionId, part: usize) {
        let pv = self.pv;
        let Some(section) = pv.plan.section(id) else {
            return;
        };
        if let Some(chapter) = pv.plan.chapter_of(id).filter(|c| c.id != id) {
            ui.label(self.small(chapter.heading()).color(self.palette.muted));
        }
        self.title(ui, format!("{}{}", section.heading(), continued(part)));
        let SectionPart {
            all,
            bars_in_section,
            bars: shown,
            yes_no,
        } = section_part(pv, id, part);
        let lights: Vec<Light> = shown
            .iter()
            .chain(&yes_no)
            .filter_map(|i| pv.verdict(*i).map(|v| v.light))
            .collect();
        ui.horizontal_wrapped(|ui| {
            let parts = section_parts(bars_in_section);
            if parts > 1 {
                ui.label(self.small(format!(
                    "本章节{}项指标，第{}/{parts}页，本页：",
                    all.len(),
                    part + 1
                )));
            }
            for light in Light::ALL {
                let n = lights.iter().filter(|l| **l == light).count();
                if n == 0 {
                    continue;
                }
                ui.label(self.lit(
                    light,
                    format!("{} {} {n}项　", light.symbol(), pv.light_word(light)),
                    self.sizes.body,
                ));
            }
        });
        for id in &yes_no {
            if let (Some(ind), Some(e), Some(verdict)) =
                (pv.indicator(*id), pv.eval(*id), pv.verdict(*id))
            {
                let v = e
                    .value
                    .map_or_else(|| "未填报".to_owned(), |v| format_value(v, ind));
                ui.label(self.lit(
                    verdict.light,
                    format!(
                        "{} {}：{v}（{}）",
                        verdict.light.symbol(),
                        ind.name,
                        verdict.word
                    ),
                    self.sizes.small,
                ));
            }
        }
        if shown.is_empty() {
            return;
        }
        let elapsed = crate::domain::rules::time_elapsed(
            pv.plan.info.base_year,
            pv.plan.info.last_year,
            pv.year,
        ) * 100.0;
        let names: Vec<String> = shown
            .iter()
            .map(|id| {
                pv.plan
                    .indicator(*id)
                    .map_or_else(String::new, |i| i.name.clone())
            })
            .collect();
        let n = shown.len();
        let mut bars_by_light: Vec<(Light, Vec<Bar>)> = Vec::new();
        let mut labels: Vec<(f64, f64, String)> = Vec::new();
        for (i, id) in shown.iter().enumerate() {
            let (Some(e), Some(verdict)) = (pv.eval(*id), pv.verdict(*id)) else {
                continue;
            };
            let light = verdict.light;
            let y = (n - 1 - i) as f64;
            let value = e.progress.map_or(0.0, |p| (p * 100.0).clamp(0.0, 150.0));
            let bar = Bar::new(y, value)
                .width(0.7)
                .fill(self.palette.light(light));
            match bars_by_light.iter_mut().find(|(l, _)| *l == light) {
                Some((_, v)) => v.push(bar),
                None => bars_by_light.push((light, vec![bar])),
            }
            let text = match e.progress {
                Some(_) => format_percent(e.progress),
                None => verdict.word,
            };
            labels.push((value, y, text));
        }
        let label_size = self.chart_text(ui);
        let fg = self.palette.fg;
        let line = if self.palette.dark {
            Color32::WHITE
        } else {
            Color32::from_gray(20)
        };
        // The legend stands above the chart, in words, where it cannot cover a bar.
        let elapsed_label = format!("序时进度 {elapsed:.0}%");
        let mut legend: Vec<(Color32, LegendMark, &str)> = bars_by_light
            .iter()
            .map(|(light, _)| {
                (
                    self.palette.light(*light),
                    LegendMark::Bar,
                    bar_series(*light, pv.final_review()),
                )
            })
            .collect();
        legend.push((line, LegendMark::Line, elapsed_label.as_str()));
        crate::draw::chart::legend_row(ui, &legend);
        // Every bar keeps its name: as wide as the widest name up to 42 % of the slide, and a
        // longer name on two lines.
        let room = ui.available_width() * 0.42;
        let font = egui::FontId::proportional(label_size);
        let width_of = |ui: &Ui, text: &str| {
            ui.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font.clone(), fg).size().x)
        };
        let names: Vec<String> = names
            .into_iter()
            .map(|name| {
                if width_of(ui, &name) <= room {
                    name
                } else {
                    let chars: Vec<char> = name.chars().collect();
                    let half = chars.len().div_ceil(2);
                    format!(
                        "{}\n{}",
                        chars[..half].iter().collect::<String>(),
                        chars[half..].iter().collect::<String>()
                    )
                }
            })
            .collect();
        let axis_width = names
            .iter()
            .flat_map(|n| n.lines())
            .map(|line| width_of(ui, line))
            .fold(120.0_f32, f32::max)
            .min(room)
            + 16.0;
        let label_font = egui::FontId::proportional(label_size);
        let label_widths: std::collections::HashMap<String, f32> = labels
            .iter()
            .map(|(_, _, text)| {
                let width = ui.fonts_mut(|f| {
                    f.layout_no_wrap(text.clone(), label_font.clone(), fg)
                        .size()
                        .x
                });
                (text.clone(), width)
            })
            .collect();
        let width_of_label = |text: &str| label_widths.get(text).copied().unwrap_or(0.0);
        Plot::new(("meeting_section", id.0, part))
            .height(ui.available_height().max(200.0))
            .show_grid([true, false])
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            // No crosshair and stray coordinates over a chart shown to a room.
            .show_x(false)
            .show_y(false)
            .default_x_bounds(0.0, 170.0)
            .include_y(-0.6)
            .include_y(n as f64 - 0.4)
            .y_axis_min_width(axis_width)
            .y_axis_formatter(move |mark, _| {
                let i = mark.value.round();
                if (mark.value - i).abs() > 1e-6 || i < 0.0 {
                    return String::new();
                }
                names
                    .get(n.wrapping_sub(1).wrapping_sub(i as usize))
                    .cloned()
                    .unwrap_or_default()
            })
            .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
            .x_axis_formatter(|mark, _| format!("{}%", mark.value.round()))
            .show(ui, |p| {
                for (light, bars) in bars_by_light {
                    p.bar_chart(
                        BarChart::new(bar_series(light, pv.final_review()), bars)
                            .horizontal()
                            .color(self.palette.light(light)),
                    );
                }
                p.vline(
                    VLine::new(elapsed_label.as_str(), elapsed)
                        .color(line)
                        .width(3.0),
                );
                // A value label that would sit on the 序时 line starts right of it instead.
                let units_per_px = p.transform().dvalue_dpos()[0].abs();
                for (x, y, text) in labels {
                    let width = width_of_label(&text) as f64 * units_per_px;
                    let gap = 6.0 * units_per_px;
                    let start = label_start(x, width, elapsed, gap);
                    p.text(
                        Text::new(
                            "",
                            PlotPoint::new(start, y),
                            RichText::new(text).size(label_size).color(fg),
                        )
                        .anchor(egui::Align2::LEFT_CENTER),
                    );
                }
            });
    }

    /// Chart text (axis labels, legends) big enough for the back row: at least 20 px at
    /// 1366×768. Returns the size.
    pub(super) fn chart_text(&self, ui: &mut Ui) -> f32 {
        let size = (self.sizes.small * 0.9).max(20.0);
        for style in [egui::TextStyle::Body, egui::TextStyle::Small] {
            ui.style_mut()
                .text_styles
                .insert(style, egui::FontId::proportional(size));
        }
        size
    }
}

/// Where a bar's value label starts: just right of the bar's end (`gap`), unless the label
/// would then cross the 序时 line at `line`; then just right of the line. All in plot units.
pub fn label_start(bar_end: f64, label_width: f64, line: f64, gap: f64) -> f64 {
    let start = bar_end + gap;
    let crosses = start < line + gap && start + label_width > line - gap;
    if crosses { line + gap } else { start }
}

/// The name of a section chart's bar series (one per light; a 总结评估 colours by the
/// close-out's verdict).
fn bar_series(light: Light, final_review: bool) -> &'static str {
    match (light, final_review) {
        (Light::Green, false) => "完成进度：绿灯",
        (Light::Yellow, false) => "完成进度：黄灯",
        (Light::Red, false) => "完成进度：红灯",
        (Light::Green, true) => "完成进度：已完成",
        (Light::Yellow, true) => "完成进度：基本完成",
        (Light::Red, true) => "完成进度：未完成",
        (Light::Grey, _) => "无法评价/未填报",
    }
}
