//! The city's settings (市目标, weights, scoring rule, 等次 thresholds, notes) and the mapping
//! of indicators that did not match, edited as a draft and saved in one step.

use egui::{RichText, Ui};

use super::{CityCommand, CityInput, CityViewState};
use crate::domain::city::{CityComparison, CitySettings, ScoringRule};

/// A field named by the labels it stands under or beside (screen readers, the tests).
fn named(response: egui::Response, labels: &[egui::Id]) -> egui::Response {
    labels.iter().fold(response, |r, id| r.labelled_by(*id))
}

fn optional_number(ui: &mut Ui, value: &mut Option<f64>, id: &str, labels: &[egui::Id]) {
    let mut on = value.is_some();
    ui.horizontal(|ui| {
        let check = named(ui.checkbox(&mut on, ""), labels).on_hover_text(id);
        if check.changed() {
            *value = on.then_some(value.unwrap_or(0.0));
        }
        if let Some(v) = value.as_mut() {
            named(
                ui.add(egui::DragValue::new(v).speed(0.1).max_decimals(2)),
                labels,
            );
        } else {
            ui.label("未设");
        }
    });
}

pub(super) fn settings_ui(
    ui: &mut Ui,
    state: &mut CityViewState,
    c: &CityComparison,
    input: &CityInput,
    cmds: &mut Vec<CityCommand>,
) {
    let saved = input.settings;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            mapping_ui(ui, state, c, saved, cmds);
            ui.add_space(12.0);
            if state.draft.as_ref().is_some_and(|(base, _)| base != saved) {
                state.draft = None;
            }
            let (_, draft) = state
                .draft
                .get_or_insert_with(|| (saved.clone(), saved.clone()));
            ui.label(RichText::new("市级设置").strong());
            ui.horizontal(|ui| {
                let label = ui.label("市教育局名称").id;
                named(ui.text_edit_singleline(&mut draft.city_name), &[label]);
            });
            ui.horizontal(|ui| {
                ui.label("计分规则");
                let is = |r: &ScoringRule| std::mem::discriminant(r);
                let options = [
                    ScoringRule::MetFullMarks { full: 10.0 },
                    ScoringRule::default(),
                    ScoringRule::Linear { full: 10.0 },
                ];
                for option in options {
                    let label = match option {
                        ScoringRule::MetFullMarks { .. } => "达标得满分",
                        ScoringRule::ByRank { .. } => "按名次计分",
                        ScoringRule::Linear { .. } => "线性计分",
                    };
                    if ui
                        .selectable_label(is(&draft.scoring) == is(&option), label)
                        .clicked()
                        && is(&draft.scoring) != is(&option)
                    {
                        draft.scoring = option;
                    }
                }
            });
            match &mut draft.scoring {
                ScoringRule::MetFullMarks { full } | ScoringRule::Linear { full } => {
                    ui.horizontal(|ui| {
                        let label = ui.label("每项满分").id;
                        named(
                            ui.add(egui::DragValue::new(full).range(0.0..=1000.0)),
                            &[label],
                        );
                    });
                }
                ScoringRule::ByRank { points } => {
                    ui.horizontal(|ui| {
                        let label = ui.label("各名次得分（第1名起）").id;
                        for p in points.iter_mut() {
                            named(
                                ui.add(egui::DragValue::new(p).range(0.0..=1000.0)),
                                &[label],
                            );
                        }
                        if ui.small_button("＋").clicked() {
                            points.push(points.last().copied().unwrap_or(0.0));
                        }
                        if points.len() > 1 && ui.small_button("－").clicked() {
                            points.pop();
                        }
                    });
                }
            }
            ui.horizontal(|ui| {
                let grades = [
                    ("等次（得分率%）：优秀≥", &mut draft.grades.excellent),
                    ("良好≥", &mut draft.grades.good),
                    ("合格≥", &mut draft.grades.pass),
                ];
                for (text, value) in grades {
                    let label = ui.label(text).id;
                    named(
                        ui.add(egui::DragValue::new(value).range(0.0..=100.0)),
                        &[label],
                    );
                }
            });
            egui::Grid::new("city_targets")
                .striped(true)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    let headers: Vec<egui::Id> = [
                        "指标",
                        "单位",
                        "市目标",
                        "权重",
                        "零分线",
                        "满分线（默认市目标）",
                    ]
                    .into_iter()
                    .map(|t| ui.label(RichText::new(t).strong()).id)
                    .collect();
                    ui.end_row();
                    for row in &c.rows {
                        let setting = draft.indicator_mut(&row.key);
                        let name = ui.label(&row.name).id;
                        ui.label(&row.unit);
                        optional_number(ui, &mut setting.target, "市目标", &[name, headers[2]]);
                        named(
                            ui.add(
                                egui::DragValue::new(&mut setting.weight)
                                    .speed(0.1)
                                    .range(0.0..=100.0),
                            ),
                            &[name, headers[3]],
                        );
                        optional_number(ui, &mut setting.zero_line, "零分线", &[name, headers[4]]);
                        optional_number(ui, &mut setting.full_line, "满分线", &[name, headers[5]]);
                        ui.end_row();
                    }
                });
            let label = ui.label("备注").id;
            named(ui.text_edit_multiline(&mut draft.notes), &[label]);
            // Rows never set stay out of the file: an untouched default is not a setting.
            let mut cleaned = draft.clone();
            cleaned
                .indicators
                .retain(|k, s| *s != Default::default() || saved.indicators.contains_key(k));
            ui.horizontal(|ui| {
                let changed = cleaned != *saved;
                if ui
                    .add_enabled(changed, egui::Button::new("保存设置"))
                    .clicked()
                {
                    cmds.push(CityCommand::SaveSettings(
                        cleaned.clone(),
                        "修改市级设置".to_owned(),
                    ));
                }
                if ui
                    .add_enabled(changed, egui::Button::new("放弃修改"))
                    .clicked()
                {
                    state.draft = None;
                }
            });
            ui.add_space(12.0);
            history_ui(ui, input);
        });
}

fn mapping_ui(
    ui: &mut Ui,
    state: &mut CityViewState,
    c: &CityComparison,
    saved: &CitySettings,
    cmds: &mut Vec<CityCommand>,
) {
    ui.label(RichText::new("未能对应的指标").strong());
    if c.unmatched.is_empty() {
        ui.label("各区县的指标都已对应（按指标库代码、名称、别名或市里指定的对应）。");
        return;
    }
    ui.label("下列指标在其他区县找不到同一指标。选择它对应的比较行，对应关系记入市级汇总文件，明年沿用。");
    let mut mapped = false;
    egui::Grid::new("city_mapping")
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for (i, u) in c.unmatched.iter().enumerate() {
                let district = ui.label(&u.district).id;
                let indicator = ui.label(format!("{}（{}）", u.indicator, u.unit)).id;
                let choice = state.mapping_choice.entry(i).or_default();
                let shown = c
                    .row_choices
                    .iter()
                    .find(|(k, _, _)| k == choice)
                    .map_or_else(
                        || "请选择…".to_owned(),
                        |(_, n, unit)| format!("{n}（{unit}）"),
                    );
                let combo = egui::ComboBox::from_id_salt(("city_map", i))
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for (key, name, unit) in &c.row_choices {
                            ui.selectable_value(choice, key.clone(), format!("{name}（{unit}）"));
                        }
                    });
                named(combo.response, &[district, indicator]);
                if ui
                    .add_enabled(!choice.is_empty(), egui::Button::new("对应"))
                    .clicked()
                {
                    let mut next = saved.clone();
                    next.map(&u.district, &u.indicator, choice);
                    // The settings being edited keep their edits and take the mapping too.
                    if let Some((base, draft)) = state.draft.as_mut() {
                        base.map(&u.district, &u.indicator, choice);
                        draft.map(&u.district, &u.indicator, choice);
                    }
                    cmds.push(CityCommand::SaveSettings(next, "指标对应".to_owned()));
                    mapped = true;
                }
                ui.label(egui::RichText::new(&u.reason).small());
                ui.end_row();
            }
        });
    // The list shrinks: a choice kept by position would land on another indicator.
    if mapped {
        state.mapping_choice.clear();
    }
}

/// What the city file remembers: who changed which setting when, before and after.
fn history_ui(ui: &mut Ui, input: &CityInput) {
    ui.label(RichText::new("修改历史").strong());
    if input.city_file.is_none() {
        ui.label("设置尚未保存到市级汇总文件，没有修改历史。");
        return;
    }
    if input.history.is_empty() {
        ui.label("市级汇总文件建立后设置还没有修改过。");
        return;
    }
    egui::Grid::new("city_history")
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for t in ["时间", "修改人", "操作", "内容", "改前", "改后"] {
                ui.label(RichText::new(t).strong());
            }
            ui.end_row();
            for h in input.history {
                ui.label(&h.at);
                ui.label(&h.who);
                ui.label(&h.action);
                ui.label(&h.what);
                ui.label(&h.before);
                ui.label(&h.after);
                ui.end_row();
            }
        });
}
