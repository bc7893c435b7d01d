//! Charts drawn the same on screen, in meeting mode and in the PDF: an indicator's path over
//! the years, legends outside the plot, value axes that step 1-2-5.

use egui::Ui;
use egui_plot::{HLine, Line, LineStyle, Plot, PlotPoints, Points};

use super::theme;
use crate::domain::rules::running_total;
use crate::domain::{EntryMode, Indicator, IndicatorKind, PlanInfo};

/// The points of the actual line: the base, then each year's value (running totals for a
/// cumulative indicator) up to `through`, the year judged.
pub fn actual_points(info: &PlanInfo, ind: &Indicator, through: i32) -> Vec<[f64; 2]> {
    let cumulative = ind.kind == IndicatorKind::Cumulative;
    let mut points: Vec<[f64; 2]> = Vec::new();
    if let (false, Some(b)) = (cumulative, ind.base_value) {
        points.push([f64::from(ind.base_year_or(info)), b]);
    }
    for year in info.years().filter(|y| *y <= through) {
        let Some(v) = ind.actual_value(year) else {
            continue;
        };
        let shown = if cumulative {
            running_total(ind, info, year).0.unwrap_or(v)
        } else {
            v
        };
        points.push([f64::from(year), shown]);
    }
    points
}

/// The indicator's chart: actual values up to `through` (the year judged: a review of 2024
/// shows nothing of 2025), running totals for cumulative ones, the target, the straight path
/// and the plan's yearly milestones. `line` is the width of its lines in points (thicker in
/// the meeting room).
pub fn indicator_chart_ui(
    ui: &mut Ui,
    info: &PlanInfo,
    ind: &Indicator,
    through: i32,
    height: f32,
    line: f32,
) {
    let cumulative = ind.kind == IndicatorKind::Cumulative;
    let target = ind.effective_target();
    let base = if cumulative {
        Some(0.0)
    } else {
        ind.base_value
    };
    let base_year = ind.base_year_or(info);
    let actual_points = actual_points(info, ind, through);
    let mut planned: Vec<[f64; 2]> = Vec::new();
    let mut planned_sum = 0.0;
    for (y, v) in &ind.planned {
        planned_sum += v;
        let running = cumulative && ind.entry_mode == EntryMode::Increment;
        planned.push([f64::from(*y), if running { planned_sum } else { *v }]);
    }
    let y_label = if cumulative {
        format!("累计（{}）", ind.unit)
    } else {
        ind.unit.clone()
    };
    // A floor or ceiling (保持在…以上/控制在…以下) is met every year: its line is flat, there
    // is no path from the base towards it.
    let maintained = ind.kind == IndicatorKind::Maintain;
    // The legend sits above the chart, never over a point.
    let target_label = if maintained {
        format!("底线（上限） {}", ind.target_text)
    } else {
        format!("目标 {}", ind.target_text)
    };
    let mut legend = Vec::new();
    if !actual_points.is_empty() {
        legend.push((theme::ACCENT, LegendMark::LineWithDot, "实际值"));
    }
    if target.is_some() {
        legend.push((theme::GREEN, LegendMark::Line, target_label.as_str()));
    }
    if base.is_some() && target.is_some() && !maintained {
        legend.push((theme::PLAN_LINE, LegendMark::Dashed, "规划路径"));
    }
    if !planned.is_empty() {
        legend.push((theme::YELLOW, LegendMark::Diamond, "年度目标"));
    }
    // The legend takes its own height out of the chart's: the year axis stays in view.
    let top = ui.cursor().top();
    legend_row(ui, &legend);
    let height = (height - (ui.cursor().top() - top)).max(80.0);
    Plot::new(("indicator_chart", ind.id.0))
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        // No crosshair and stray coordinates over a chart shown to a room.
        .show_x(false)
        .show_y(false)
        .include_x(f64::from(info.base_year) - 0.3)
        .include_x(f64::from(info.last_year) + 0.3)
        .x_axis_formatter(|mark, _| {
            if mark.value.fract().abs() < 1e-6 {
                format!("{:.0}年", mark.value)
            } else {
                String::new()
            }
        })
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
        .y_grid_spacer(nice_grid_spacer())
        .y_axis_formatter(|mark, _| axis_value_label(mark))
        .y_axis_label(y_label)
        .show(ui, |plot_ui| {
            if let (Some(b), Some(t), false) = (base, target, maintained) {
                let path = vec![[f64::from(base_year), b], [f64::from(ind.target_year), t]];
                plot_ui.line(
                    Line::new("规划路径", PlotPoints::from(path))
                        .style(LineStyle::dashed_loose())
                        .width(line * 0.8)
                        .color(theme::PLAN_LINE),
                );
            }
            if !planned.is_empty() {
                plot_ui.points(
                    Points::new("年度目标", PlotPoints::from(planned))
                        .shape(egui_plot::MarkerShape::Diamond)
                        .radius(line * 2.0)
                        .color(theme::YELLOW),
                );
            }
            if let Some(t) = target {
                plot_ui.hline(
                    HLine::new(target_label.as_str(), t)
                        .color(theme::GREEN)
                        .width(line),
                );
            }
            if !actual_points.is_empty() {
                plot_ui.line(
                    Line::new("实际值", PlotPoints::from(actual_points.clone()))
                        .color(theme::ACCENT)
                        .width(line),
                );
                plot_ui.points(
                    Points::new("实际值", PlotPoints::from(actual_points))
                        .radius(line * 1.6)
                        .color(theme::ACCENT),
                );
            }
        });
}

/// How a chart's legend draws one series.
#[derive(Clone, Copy)]
pub enum LegendMark {
    Line,
    LineWithDot,
    Dashed,
    Diamond,
    Bar,
}

/// A chart's legend as a row of marks and words, drawn outside the plot area so that it never
/// covers data.
pub fn legend_row(ui: &mut Ui, items: &[(egui::Color32, LegendMark, &str)]) {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    ui.horizontal_wrapped(|ui| {
        for (color, mark, label) in items {
            let (rect, _) =
                ui.allocate_exact_size(egui::vec2(size * 1.8, size), egui::Sense::hover());
            let painter = ui.painter();
            let (left, right, mid) = (rect.left_center(), rect.right_center(), rect.center());
            let stroke = egui::Stroke::new((size / 8.0).max(2.5), *color);
            match mark {
                LegendMark::Line => {
                    painter.line_segment([left, right], stroke);
                }
                LegendMark::LineWithDot => {
                    painter.line_segment([left, right], stroke);
                    painter.circle_filled(mid, 4.0, *color);
                }
                LegendMark::Dashed => {
                    painter.extend(egui::Shape::dashed_line(&[left, right], stroke, 5.0, 3.0));
                }
                LegendMark::Diamond => {
                    let r = (size * 0.3).max(5.0);
                    painter.add(egui::Shape::convex_polygon(
                        vec![
                            mid - egui::vec2(0.0, r),
                            mid + egui::vec2(r, 0.0),
                            mid + egui::vec2(0.0, r),
                            mid - egui::vec2(r, 0.0),
                        ],
                        *color,
                        egui::Stroke::NONE,
                    ));
                }
                LegendMark::Bar => {
                    painter.rect_filled(
                        rect.shrink2(egui::vec2(size * 0.5, size * 0.2)),
                        1.0,
                        *color,
                    );
                }
            }
            ui.label(*label);
            ui.add_space(8.0);
        }
    });
}

/// A value axis whose grid steps go 1, 2, 5, 10, … (the default goes 1, 10, 100, which leaves
/// a single labelled value on a chart from 42 to 52).
pub fn nice_grid_spacer() -> Box<dyn Fn(egui_plot::GridInput) -> Vec<egui_plot::GridMark>> {
    egui_plot::uniform_grid_spacer(|input| {
        let first = next_nice_step(input.base_step_size.abs().max(f64::MIN_POSITIVE));
        let second = next_nice_step(first * 1.01);
        [first, second, next_nice_step(second * 1.01)]
    })
}

/// A value-axis label with as many decimals as its grid step needs (0.5 steps print 87.5,
/// not 88 twice).
pub fn axis_value_label(mark: egui_plot::GridMark) -> String {
    let decimals = (-mark.step_size.abs().log10().floor()).clamp(0.0, 6.0) as usize;
    let text = format!("{:.*}", decimals, mark.value);
    if text.starts_with('-') && text.trim_start_matches(['-', '0', '.']).is_empty() {
        text.trim_start_matches('-').to_owned()
    } else {
        text
    }
}

/// The smallest of 1, 2, 5 × 10ⁿ that is at least `at_least`.
pub(crate) fn next_nice_step(at_least: f64) -> f64 {
    let power = 10f64.powf(at_least.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= at_least * 0.999_999)
        .unwrap_or(10.0 * power)
}
