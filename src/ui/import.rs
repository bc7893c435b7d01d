//! The preview of an import: every change and every problem, before anything is written.

use egui::{RichText, Ui};

use super::theme;
use crate::exchange::import::ImportPreview;

pub fn preview_ui(ui: &mut Ui, preview: &ImportPreview) {
    ui.heading("导入填报表");
    for f in &preview.files {
        ui.label(RichText::new(f).small());
    }
    if preview.problem_count > 0 {
        ui.label(
            RichText::new(format!(
                "发现 {} 个问题，必须先改正，本次不会写入任何数据：",
                preview.problem_count
            ))
            .color(theme::ERROR_TEXT)
            .strong(),
        );
        egui::ScrollArea::vertical()
            .id_salt("import_problems")
            .max_height(160.0)
            .show(ui, |ui| {
                for p in preview.problems_for_display() {
                    ui.label(RichText::new(format!("× {p}")).color(theme::ERROR_TEXT));
                }
            });
    }
    if preview.changes.is_empty() {
        ui.label("没有需要写入的改动（可能已经导入过）。");
        return;
    }
    ui.label(RichText::new(format!("将写入 {} 处改动：", preview.changes.len())).strong());
    egui::ScrollArea::vertical()
        .id_salt("import_changes")
        .max_height(320.0)
        .show(ui, |ui| {
            egui::Grid::new("import_change_grid")
                .striped(true)
                .show(ui, |ui| {
                    for t in ["指标", "年度", "项目", "原值", "新值"] {
                        ui.strong(t);
                    }
                    ui.end_row();
                    for c in &preview.changes {
                        ui.label(&c.name);
                        ui.label(format!("{}年", c.year));
                        ui.label(c.what);
                        ui.label(&c.old);
                        ui.label(RichText::new(&c.new).strong());
                        ui.end_row();
                    }
                });
        });
}
