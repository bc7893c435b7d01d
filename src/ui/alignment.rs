//! 对标: each indicator the library knows, its target beside the national, provincial and city
//! ones, with what 对标 finds; then the binding national indicators the plan lacks.

use egui::{RichText, Ui};

use super::{Command, PlanView, theme};
use crate::domain::explain::alignment_text;
use crate::domain::input::format_number;
use crate::domain::library::{Alignment, AlignmentIssue, Library, TargetLevel, align};

/// The provincial or city target being typed for one library entry.
#[derive(Default)]
pub struct AlignmentState {
    editing: Option<String>,
    level_city: bool,
    value: String,
    year: String,
    source: String,
    binding: bool,
    message: Option<String>,
}

pub fn alignment_ui(
    ui: &mut Ui,
    state: &mut AlignmentState,
    pv: &PlanView,
    library: &Library,
    cmds: &mut Vec<Command>,
) {
    ui.heading("对标：本规划目标与全国、省、市目标");
    ui.label(
        RichText::new(
            "按指标名称或指标库链接匹配。点“添加省/市目标”录入上级文件的目标（保存在本人的指标库中，可导出分享给同事）。",
        )
        .small()
        .color(theme::GREY),
    );
    ui.horizontal(|ui| {
        if ui
            .button("导入同事的指标库…")
            .on_hover_text("合并同事导出的省级、市级目标（.json）；同一指标同一级别以导入的为准")
            .clicked()
        {
            cmds.push(Command::ImportLibraryDialog);
        }
        if ui
            .button("导出本人添加的目标…")
            .on_hover_text("把本人录入的省级、市级目标存为一个 .json 文件，发给同事导入")
            .clicked()
        {
            cmds.push(Command::ExportLibraryDialog);
        }
    });
    target_form_ui(ui, state, library, cmds);
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
        .filter_map(|id| pv.indicator(*id))
        .filter_map(|ind| library.comparable_entry(ind).map(|e| (ind, e)))
        .collect();
    if rows.is_empty() {
        ui.label("规划中还没有与指标库对应的指标。");
        return;
    }
    // The columns share the window's width and their texts wrap: 省级 and 市级 beside 全国,
    // never off-screen; on a window too narrow even for that the table scrolls, with its bar
    // shown.
    let spacing = ui.spacing().item_spacing.x;
    let button_width = super::widgets::widest_text(ui, ["添加省/市目标"]) + 24.0;
    let shares = [0.19, 0.14, 0.14, 0.12, 0.12, 0.17, 0.12];
    let text_room = (ui.available_width()
        - button_width
        - spacing * (shares.len() as f32 + 1.0)
        - ui.spacing().scroll.bar_width)
        .max(560.0);
    let widths: Vec<f32> = shares.iter().map(|s| (s * text_room).floor()).collect();
    let cell = |ui: &mut Ui, column: usize, text: RichText| {
        let width = widths[column];
        // In the grid's own cell, so that a wrapped text makes its row taller.
        ui.scope(|ui| {
            ui.set_min_width(width);
            ui.set_max_width(width);
            ui.add(egui::Label::new(text).wrap())
        })
        .inner
    };
    egui::ScrollArea::both()
        .id_salt("alignment")
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded)
        .show(ui, |ui| {
            egui::Grid::new("alignment_grid")
                .striped(true)
                .num_columns(8)
                .show(ui, |ui| {
                    for (column, h) in [
                        "指标",
                        "本规划目标",
                        "全国目标",
                        "省级目标",
                        "市级目标",
                        "对标结论",
                        "属性（本规划/全国）",
                    ]
                    .into_iter()
                    .enumerate()
                    {
                        cell(ui, column, RichText::new(h).strong());
                    }
                    ui.label("");
                    ui.end_row();
                    for (ind, entry) in rows {
                        cell(ui, 0, RichText::new(&ind.name));
                        let own = if ind.target_text.is_empty() {
                            format!("{}{}", format_number(ind.target_value, 2), ind.unit)
                        } else {
                            ind.target_text.clone()
                        };
                        cell(
                            ui,
                            1,
                            RichText::new(format!("{own}（{}年）", ind.target_year)),
                        );
                        let target_cell =
                            |ui: &mut Ui, column: usize, level: TargetLevel| match entry
                                .targets
                                .iter()
                                .find(|t| t.level == level)
                            {
                                Some(t) => {
                                    cell(
                                        ui,
                                        column,
                                        RichText::new(format!("{}（{}年）", t.text, t.year)),
                                    )
                                    .on_hover_text(&t.source);
                                }
                                None => {
                                    cell(ui, column, RichText::new("—").color(theme::GREY));
                                }
                            };
                        target_cell(ui, 2, TargetLevel::National);
                        target_cell(ui, 3, TargetLevel::Provincial);
                        target_cell(ui, 4, TargetLevel::City);
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
                            cell(
                                ui,
                                5,
                                RichText::new(word).color(if entry.targets.is_empty() {
                                    theme::GREY
                                } else {
                                    theme::GREEN
                                }),
                            );
                        } else {
                            let short: Vec<String> =
                                mine.iter().map(|a| short_issue(&a.issue)).collect();
                            let full: Vec<String> = mine
                                .iter()
                                .map(|a| alignment_text(&a.issue, Some(ind)))
                                .collect();
                            cell(
                                ui,
                                5,
                                RichText::new(short.join("；")).color(theme::ERROR_TEXT),
                            )
                            .on_hover_text(full.join("\n"));
                        }
                        let national_attr =
                            entry.national().map_or("—", |t| t.attribute().label());
                        cell(
                            ui,
                            6,
                            RichText::new(format!("{}/{national_attr}", ind.attribute.label())),
                        );
                        if ui.small_button("添加省/市目标").clicked() {
                            state.editing = Some(entry.code.clone());
                            state.year = ind.target_year.to_string();
                            state.value.clear();
                            state.source.clear();
                            state.message = None;
                        }
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

/// The form for one entry's provincial or city target: value, year, source (required).
fn target_form_ui(
    ui: &mut Ui,
    state: &mut AlignmentState,
    library: &Library,
    cmds: &mut Vec<Command>,
) {
    use crate::domain::library::LibraryTarget;
    let Some(code) = state.editing.clone() else {
        return;
    };
    let Some(entry) = library.entry(&code) else {
        state.editing = None;
        return;
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(
            RichText::new(format!(
                "为“{}”添加上级目标（单位：{}）",
                entry.name, entry.unit
            ))
            .strong(),
        );
        ui.horizontal_wrapped(|ui| {
            ui.radio_value(&mut state.level_city, false, "省级");
            ui.radio_value(&mut state.level_city, true, "市级");
            let l = ui.label("目标值");
            ui.add(egui::TextEdit::singleline(&mut state.value).desired_width(70.0))
                .labelled_by(l.id);
            let l = ui.label("年份");
            ui.add(egui::TextEdit::singleline(&mut state.year).desired_width(60.0))
                .labelled_by(l.id);
            ui.checkbox(&mut state.binding, "约束性");
        });
        ui.horizontal(|ui| {
            let l = ui.label("出处（文件名称和文号）");
            ui.add(egui::TextEdit::singleline(&mut state.source).desired_width(420.0))
                .labelled_by(l.id);
        });
        ui.horizontal(|ui| {
            if ui.button("保存目标").clicked() {
                let value = crate::domain::input::parse_plain_number(&state.value)
                    .ok()
                    .flatten();
                let year = crate::domain::input::parse_year(&state.year);
                match (value, year) {
                    (None, _) => state.message = Some("目标值应为数字".into()),
                    (_, None) => state.message = Some("年份应为四位数字，如2025".into()),
                    _ if state.source.trim().is_empty() => {
                        state.message =
                            Some("请写明出处（文件名称和文号），对标结论会引用它".into());
                    }
                    (Some(v), Some(y)) => {
                        cmds.push(Command::AddLibraryTarget {
                            code: code.clone(),
                            target: LibraryTarget {
                                level: if state.level_city {
                                    TargetLevel::City
                                } else {
                                    TargetLevel::Provincial
                                },
                                target: v,
                                year: y,
                                attribute: if state.binding { "binding" } else { "expected" }
                                    .to_owned(),
                                text: format!("{}{}", format_number(v, 2), entry.unit),
                                source: state.source.trim().to_owned(),
                                base_2020: None,
                                comparison: None,
                                main_table: false,
                            },
                        });
                        state.editing = None;
                        state.message = None;
                    }
                }
            }
            if ui.button("取消").clicked() {
                state.editing = None;
            }
        });
        if let Some(m) = &state.message {
            ui.label(RichText::new(m).color(theme::ERROR_TEXT));
        }
    });
}
