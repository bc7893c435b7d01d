//! 对标: each indicator the library knows, its target beside the national, provincial and city
//! ones, with what 对标 finds; then the binding national indicators the plan lacks.

use egui::{RichText, Ui};

use super::{PlanView, theme};
use crate::domain::explain::alignment_text;
use crate::domain::input::format_number;
use crate::domain::library::{Alignment, AlignmentIssue, Library, TargetLevel, align};

pub fn alignment_ui(ui: &mut Ui, pv: &PlanView, library: &Library) {
    ui.heading("对标：本规划目标与全国、省、市目标");
    ui.label(
        RichText::new(
            "按指标名称或指标库链接匹配。省级、市级目标可用命令 eduplan library add-target 添加，或导入同事分享的指标库文件（eduplan library import）。",
        )
        .small()
        .color(theme::GREY),
    );
    let findings = align(pv.plan, library);
    let missing: Vec<&Alignment> = findings.iter().filter(|a| a.indicator.is_none()).collect();
    for m in &missing {
        ui.label(
            RichText::new(format!("▲ {}", alignment_text(&m.issue, None))).color(theme::ERROR_TEXT),
        );
    }
    let rows: Vec<_> = pv
        .order
        .iter()
        .filter_map(|id| pv.plan.indicator(*id))
        .filter_map(|ind| library.comparable_entry(ind).map(|e| (ind, e)))
        .collect();
    if rows.is_empty() {
        ui.label("规划中还没有与指标库对应的指标。");
        return;
    }
    egui::ScrollArea::both()
        .id_salt("alignment")
        .show(ui, |ui| {
            egui::Grid::new("alignment_grid")
                .striped(true)
                .num_columns(7)
                .show(ui, |ui| {
                    for h in [
                        "指标",
                        "本规划目标",
                        "全国目标",
                        "对标结论",
                        "省级目标",
                        "市级目标",
                        "属性（本规划/全国）",
                    ] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for (ind, entry) in rows {
                        ui.label(&ind.name);
                        let own = if ind.target_text.is_empty() {
                            format!("{}{}", format_number(ind.target_value, 2), ind.unit)
                        } else {
                            ind.target_text.clone()
                        };
                        ui.label(format!("{own}（{}年）", ind.target_year));
                        let target_cell = |ui: &mut Ui, level: TargetLevel| match entry
                            .targets
                            .iter()
                            .find(|t| t.level == level)
                        {
                            Some(t) => {
                                ui.label(format!("{}（{}年）", t.text, t.year))
                                    .on_hover_text(&t.source);
                            }
                            None => {
                                ui.label(RichText::new("—").color(theme::GREY));
                            }
                        };
                        target_cell(ui, TargetLevel::National);
                        let mine: Vec<&Alignment> = findings
                            .iter()
                            .filter(|a| a.indicator == Some(ind.id))
                            .collect();
                        if mine.is_empty() {
                            let word = if entry.targets.is_empty() {
                                "无上级目标"
                            } else {
                                "√ 不低于上级目标"
                            };
                            ui.label(RichText::new(word).color(if entry.targets.is_empty() {
                                theme::GREY
                            } else {
                                theme::GREEN
                            }));
                        } else {
                            let short: Vec<String> =
                                mine.iter().map(|a| short_issue(&a.issue)).collect();
                            let full: Vec<String> = mine
                                .iter()
                                .map(|a| alignment_text(&a.issue, Some(ind)))
                                .collect();
                            ui.label(RichText::new(short.join("；")).color(theme::ERROR_TEXT))
                                .on_hover_text(full.join("\n"));
                        }
                        target_cell(ui, TargetLevel::Provincial);
                        target_cell(ui, TargetLevel::City);
                        let national_attr =
                            entry.national().map_or("—", |t| t.attribute().label());
                        ui.label(format!("{}/{national_attr}", ind.attribute.label()));
                        ui.end_row();
                    }
                });
        });
}

fn short_issue(issue: &AlignmentIssue) -> String {
    match issue {
        AlignmentIssue::WeakerThan { level, .. } => format!("低于{}目标", level.label()),
        AlignmentIssue::LaterThan { level, .. } => format!("时限晚于{}", level.label()),
        AlignmentIssue::MarkedExpected { .. } => "全国为约束性".to_owned(),
        AlignmentIssue::MissingBinding { .. } => "缺少".to_owned(),
    }
}
