//! The city's settings (市目标, weights, scoring rule, 等次 thresholds, notes) and the mapping
//! of indicators that did not match, edited as a draft and saved in one step.

use egui::{RichText, Ui};

use super::{CityCommand, CityViewState};
use crate::domain::city::{CityComparison, CitySettings, ScoringRule};

fn optional_number(ui: &mut Ui, value: &mut Option<f64>, id: &str) {
    let mut on = value.is_some();
    ui.horizontal(|ui| {
        if ui.checkbox(&mut on, "").on_hover_text(id).changed() {
            *value = on.then_some(value.unwrap_or(0.0));
        }
        if let Some(v) = value.as_mut() {
            ui.add(egui::DragValue::new(v).speed(0.1).max_decimals(2));
        } else {
            ui.label("未设");
        }
    });
}

pub(super) fn settings_ui(
    ui: &mut Ui,
    state: &mut CityViewState,
    c: &CityComparison,
    saved: &CitySettings,
    cmds: &mut Vec<CityCommand>,
) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            mapping_ui(ui, state, c, saved, cmds);
            ui.add_space(12.0);
            let draft = state.draft.get_or_insert_with(|| saved.clone());
            ui.label(RichText::new("市级设置").strong());
            ui.horizontal(|ui| {
                ui.label("市教育局名称");
                ui.text_edit_singleline(&mut draft.city_name);
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
                        ui.label("每项满分");
                        ui.add(egui::DragValue::new(full).range(0.0..=1000.0));
                    });
                }
                ScoringRule::ByRank { points } => {
                    ui.horizontal(|ui| {
                        ui.label("各名次得分（第1名起）");
                        for p in points.iter_mut() {
                            ui.add(egui::DragValue::new(p).range(0.0..=1000.0));
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
                ui.label("等次（得分率%）：优秀≥");
                ui.add(egui::DragValue::new(&mut draft.grades.excellent).range(0.0..=100.0));
                ui.label("良好≥");
                ui.add(egui::DragValue::new(&mut draft.grades.good).range(0.0..=100.0));
                ui.label("合格≥");
                ui.add(egui::DragValue::new(&mut draft.grades.pass).range(0.0..=100.0));
            });
            egui::Grid::new("city_targets")
                .striped(true)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    for t in [
                        "指标",
                        "单位",
                        "市目标",
                        "权重",
                        "零分线",
                        "满分线（默认市目标）",
                    ] {
                        ui.label(RichText::new(t).strong());
                    }
                    ui.end_row();
                    for row in &c.rows {
                        let setting = draft.indicator_mut(&row.key);
                        ui.label(&row.name);
                        ui.label(&row.unit);
                        optional_number(ui, &mut setting.target, "市目标");
                        ui.add(
                            egui::DragValue::new(&mut setting.weight)
                                .speed(0.1)
                                .range(0.0..=100.0),
                        );
                        optional_number(ui, &mut setting.zero_line, "零分线");
                        optional_number(ui, &mut setting.full_line, "满分线");
                        ui.end_row();
                    }
                });
            ui.label("备注");
            ui.text_edit_multiline(&mut draft.notes);
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
    egui::Grid::new("city_mapping")
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for (i, u) in c.unmatched.iter().enumerate() {
                ui.label(&u.district);
                ui.label(format!("{}（{}）", u.indicator, u.unit));
                let choice = state.mapping_choice.entry(i).or_default();
                let shown = c
                    .row_choices
                    .iter()
                    .find(|(k, _, _)| k == choice)
                    .map_or_else(
                        || "请选择…".to_owned(),
                        |(_, n, unit)| format!("{n}（{unit}）"),
                    );
                egui::ComboBox::from_id_salt(("city_map", i))
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for (key, name, unit) in &c.row_choices {
                            ui.selectable_value(choice, key.clone(), format!("{name}（{unit}）"));
                        }
                    });
                if ui
                    .add_enabled(!choice.is_empty(), egui::Button::new("对应"))
                    .clicked()
                {
                    let mut next = saved.clone();
                    next.map(&u.district, &u.indicator, choice);
                    cmds.push(CityCommand::SaveSettings(next, "指标对应".to_owned()));
                }
                ui.label(egui::RichText::new(&u.reason).small());
                ui.end_row();
            }
        });
}
