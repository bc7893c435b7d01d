//! Meeting pages for the city: one page per indicator across the districts (a bar per
//! district with its value, the 市目标 line, 全市) and the ranking. ← → or PageUp/PageDown
//! turn pages, Esc leaves. Separate from the district meeting mode.

use egui::{Align2, Color32, FontId, Key, Pos2, Rect, RichText, Stroke, Ui, Vec2};

use super::{CityCommand, CityViewState};
use crate::domain::city::CityComparison;
use crate::domain::input::format_number;
use crate::ui::theme;

pub fn city_meeting_ui(
    ui: &mut Ui,
    state: &mut CityViewState,
    c: &CityComparison,
    cmds: &mut Vec<CityCommand>,
) {
    // The panel has no frame of its own: without this the pages sit on the window's dark
    // clear colour, with the theme's dark text on it.
    ui.painter()
        .rect_filled(ui.max_rect(), 0.0, ui.visuals().panel_fill);
    let pages = c.rows.len() + 1;
    ui.input(|i| {
        if i.key_pressed(Key::ArrowRight)
            || i.key_pressed(Key::PageDown)
            || i.key_pressed(Key::Space)
        {
            state.meeting_page = (state.meeting_page + 1).min(pages - 1);
        }
        if i.key_pressed(Key::ArrowLeft) || i.key_pressed(Key::PageUp) {
            state.meeting_page = state.meeting_page.saturating_sub(1);
        }
        if i.key_pressed(Key::Escape) {
            cmds.push(CityCommand::Meeting(false));
        }
    });
    let page = state.meeting_page.min(pages - 1);
    ui.horizontal(|ui| {
        if ui.button("上一页（←）").clicked() {
            state.meeting_page = page.saturating_sub(1);
        }
        ui.label(format!("第{}页，共{pages}页", page + 1));
        if ui.button("下一页（→）").clicked() {
            state.meeting_page = (page + 1).min(pages - 1);
        }
        if ui.button("退出会议模式（Esc）").clicked() {
            cmds.push(CityCommand::Meeting(false));
        }
    });
    if page < c.rows.len() {
        indicator_page(ui, c, page);
    } else {
        ranking_page(ui, c);
    }
}

fn indicator_page(ui: &mut Ui, c: &CityComparison, index: usize) {
    let row = &c.rows[index];
    ui.label(
        RichText::new(format!("{}年 {}（{}）", c.year, row.name, row.unit))
            .size(theme::MEETING_TITLE_SIZE)
            .strong(),
    );
    let target = row.city_target.map_or_else(
        || "未设市目标".to_owned(),
        |t| format!("市目标 {}", row.format(t)),
    );
    ui.label(
        RichText::new(format!(
            "{target}　全市 {}　达标区县 {}/{}",
            row.total_text(),
            row.met,
            row.present
        ))
        .size(theme::MEETING_BODY_SIZE * 0.8),
    );
    let values: Vec<(String, Option<f64>, Color32, String)> = c
        .districts
        .iter()
        .zip(&row.cells)
        .map(|(d, cell)| match cell {
            None => (d.name.clone(), None, theme::GREY, "无此指标".to_owned()),
            Some(cell) => (
                d.name.clone(),
                cell.value,
                theme::light_color(cell.evaluation.light),
                format!("{} {}", cell.evaluation.light.symbol(), cell.text),
            ),
        })
        .collect();
    let max = values
        .iter()
        .filter_map(|v| v.1)
        .chain(row.city_target)
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    let avail = ui.available_size();
    let (rect, _) = ui.allocate_exact_size(avail, egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let n = values.len().max(1) as f32;
    let label_w = (rect.width() * 0.18).min(220.0);
    let bar_h = ((rect.height() - 20.0) / n * 0.7).min(48.0);
    let step = (rect.height() - 20.0) / n;
    let scale = (rect.width() - label_w - 260.0).max(50.0) / max as f32;
    let font = FontId::proportional((bar_h * 0.6).clamp(14.0, 26.0));
    for (i, (name, value, color, text)) in values.iter().enumerate() {
        let y = rect.top() + 10.0 + step * i as f32;
        painter.text(
            Pos2::new(rect.left() + label_w - 10.0, y + bar_h / 2.0),
            Align2::RIGHT_CENTER,
            name,
            font.clone(),
            ui.visuals().text_color(),
        );
        let w = value.map_or(0.0, |v| v as f32 * scale);
        let bar = Rect::from_min_size(Pos2::new(rect.left() + label_w, y), Vec2::new(w, bar_h));
        painter.rect_filled(bar, 2.0, *color);
        painter.text(
            Pos2::new(bar.right() + 8.0, y + bar_h / 2.0),
            Align2::LEFT_CENTER,
            text,
            font.clone(),
            ui.visuals().text_color(),
        );
    }
    if let Some(t) = row.city_target {
        let x = rect.left() + label_w + t as f32 * scale;
        painter.line_segment(
            [Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom() - 10.0)],
            Stroke::new(2.0, theme::PLAN_LINE),
        );
        painter.text(
            Pos2::new(x + 4.0, rect.bottom() - 10.0),
            Align2::LEFT_BOTTOM,
            format!("市目标 {}", row.format(t)),
            FontId::proportional(16.0),
            theme::PLAN_LINE,
        );
    }
}

fn ranking_page(ui: &mut Ui, c: &CityComparison) {
    ui.label(
        RichText::new(format!("{}年度各区县得分与排名", c.year))
            .size(theme::MEETING_TITLE_SIZE)
            .strong(),
    );
    let size = theme::MEETING_BODY_SIZE;
    egui::Grid::new("city_meeting_rank")
        .spacing([40.0, 12.0])
        .show(ui, |ui| {
            for t in ["排名", "区县", "得分", "等次", "较上年"] {
                ui.label(RichText::new(t).size(size).strong());
            }
            ui.end_row();
            for d in c.by_rank() {
                let s = &c.scores[d];
                ui.label(RichText::new(s.rank.to_string()).size(size));
                ui.label(RichText::new(&c.districts[d].name).size(size));
                ui.label(RichText::new(format_number(s.total, 1)).size(size));
                ui.label(RichText::new(s.grade.label()).size(size).strong());
                ui.label(RichText::new(s.change_text()).size(size));
                ui.end_row();
            }
        });
}
