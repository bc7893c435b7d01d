//! 规划信息与设置: the plan's own fields and the thresholds of its verdicts and lights.

use egui::{RichText, Ui};

use super::widgets::{commit_parsed, labelled_commit_text};
use super::{Command, PlanView, theme};
use crate::domain::edit::{Edit, Field, PlanField, Value};
use crate::domain::explain::rules_text;
use crate::domain::input::{format_number, parse_plain_number};

fn set(field: PlanField, value: Value) -> Command {
    Command::Edit {
        edits: vec![Edit::Set(Field::Plan(field), value)],
        action: "修改规划信息".into(),
    }
}

fn parse_year(text: &str) -> Result<i32, String> {
    let y = crate::domain::input::parse_year(text).ok_or_else(|| format!("“{text}”不是年份"))?;
    if (1990..=2100).contains(&y) {
        Ok(y)
    } else {
        Err("年份应在1990-2100之间".to_owned())
    }
}

pub fn plan_info_ui(ui: &mut Ui, pv: &PlanView, cmds: &mut Vec<Command>) {
    let info = &pv.plan.info;
    ui.set_min_width(560.0);
    egui::Grid::new("plan_info_fields")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            for (label, field, current) in [
                ("规划名称", PlanField::Name, &info.name),
                ("区县", PlanField::Region, &info.region),
                ("发文机关", PlanField::IssuingBody, &info.issuing_body),
                ("发文字号", PlanField::DocNumber, &info.doc_number),
                ("印发日期", PlanField::IssueDate, &info.issue_date),
                ("填报单位", PlanField::ReportingUnit, &info.reporting_unit),
            ] {
                if let Some(text) = labelled_commit_text(ui, label, current, false, 320.0) {
                    let text = text.trim().to_owned();
                    if !(field == PlanField::Name && text.is_empty()) {
                        cmds.push(set(field, Value::Text(text)));
                    }
                }
                ui.end_row();
            }
            for (label, field, current) in [
                ("基期年", PlanField::BaseYear, info.base_year),
                ("规划起始年", PlanField::FirstYear, info.first_year),
                ("规划终止年", PlanField::LastYear, info.last_year),
            ] {
                ui.label(label);
                let check = |t: &str| {
                    let y = parse_year(t)?;
                    let (base, first, last) = match field {
                        PlanField::BaseYear => (y, info.first_year, info.last_year),
                        PlanField::FirstYear => (info.base_year, y, info.last_year),
                        _ => (info.base_year, info.first_year, y),
                    };
                    if base < first && first <= last {
                        Ok(y)
                    } else {
                        Err("应满足：基期年 < 起始年 ≤ 终止年".to_owned())
                    }
                };
                if let Some(y) = commit_parsed(ui, label, &current.to_string(), 120.0, check) {
                    cmds.push(set(field, Value::Int(i64::from(y))));
                }
                ui.end_row();
            }
            let points = |t: &str| match parse_plain_number(t)? {
                Some(v) if (0.0..=100.0).contains(&v) => Ok(v),
                _ => Err("请填写0到100之间的数字（个百分点）".to_owned()),
            };
            for (label, name, field, current) in [
                (
                    "快于预期：领先至少（个百分点）",
                    "快于预期界限",
                    PlanField::AheadMarginPp,
                    info.ahead_margin_pp,
                ),
                (
                    "绿灯：落后不超过（个百分点）",
                    "绿灯界限",
                    PlanField::GreenLimitPp,
                    info.green_limit_pp,
                ),
                (
                    "黄灯：落后不超过（个百分点）",
                    "黄灯界限",
                    PlanField::YellowTolerancePp,
                    info.yellow_tolerance_pp,
                ),
            ] {
                ui.label(label);
                let green = info.green_limit_pp;
                let yellow = info.yellow_tolerance_pp;
                let check = move |t: &str| {
                    let v = points(t)?;
                    match field {
                        PlanField::GreenLimitPp if v > yellow => {
                            Err("绿灯界限不能大于黄灯界限".to_owned())
                        }
                        PlanField::YellowTolerancePp if v < green => {
                            Err("黄灯界限不能小于绿灯界限".to_owned())
                        }
                        _ => Ok(v),
                    }
                };
                if let Some(v) = commit_parsed(ui, name, &format_number(current, 1), 120.0, check) {
                    cmds.push(set(field, Value::Num(v)));
                }
                ui.end_row();
            }
            ui.label("灯色常用做法");
            ui.horizontal(|ui| {
                for (label, green, yellow) in [
                    ("默认（绿灯0、黄灯10）", 0.0, 10.0),
                    ("银川做法（绿灯10、黄灯30）", 10.0, 30.0),
                ] {
                    if ui.button(label).clicked() {
                        cmds.push(Command::Edit {
                            edits: vec![
                                Edit::Set(Field::Plan(PlanField::GreenLimitPp), Value::Num(green)),
                                Edit::Set(
                                    Field::Plan(PlanField::YellowTolerancePp),
                                    Value::Num(yellow),
                                ),
                            ],
                            action: "修改灯色界限".into(),
                        });
                    }
                }
            });
            ui.end_row();
        });
    balance_settings_ui(ui, &info.balance, cmds);
    ui.label(RichText::new("评价规则").strong());
    for line in rules_text(info) {
        ui.label(RichText::new(line).small().color(theme::GREY));
    }
    ui.add_space(4.0);
    if let Some(text) = labelled_commit_text(ui, "备注", &info.remark, true, 480.0) {
        cmds.push(set(PlanField::Remark, Value::Text(text.trim().to_owned())));
    }
}

/// The 优质均衡 thresholds: national defaults, each adjustable where the province differs.
fn balance_settings_ui(
    ui: &mut Ui,
    current: &crate::domain::balance::BalanceSettings,
    cmds: &mut Vec<Command>,
) {
    use crate::domain::balance::{Resource, Stage};
    egui::CollapsingHeader::new("义务教育优质均衡标准")
        .id_salt("balance_settings")
        .show(ui, |ui| {
            let positive = |t: &str| match parse_plain_number(t)? {
                Some(v) if v > 0.0 => Ok(v),
                _ => Err("请填写大于0的数字".to_owned()),
            };
            let mut changed = current.clone();
            let mut any = false;
            egui::Grid::new("balance_standards")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    ui.strong("指标");
                    ui.strong("小学");
                    ui.strong("初中");
                    ui.end_row();
                    for (k, r) in Resource::ALL.iter().enumerate() {
                        ui.label(r.label());
                        for (s, stage) in Stage::ALL.iter().enumerate() {
                            let name = format!("{}标准（{}）", r.short_label(), stage.label());
                            let shown = format_number(current.standard(*r, *stage), 2);
                            if let Some(v) = commit_parsed(ui, &name, &shown, 80.0, positive) {
                                changed.standards[k][s] = v;
                                any = true;
                            }
                        }
                        ui.end_row();
                    }
                    ui.label("差异系数不高于");
                    for s in 0..2 {
                        let name = format!("差异系数上限（{}）", Stage::ALL[s].label());
                        let shown = format_number(current.max_cv[s], 2);
                        if let Some(v) = commit_parsed(ui, &name, &shown, 80.0, positive) {
                            changed.max_cv[s] = v;
                            any = true;
                        }
                    }
                    ui.end_row();
                });
            egui::Grid::new("balance_rules")
                .num_columns(2)
                .show(ui, |ui| {
                    for (label, value, set) in [
                        (
                            "九年一贯制学校 初中学生折算系数（小学为1）",
                            current.nine_year_junior_weight,
                            0usize,
                        ),
                        (
                            "完全中学 高中学生折算系数（初中为1）",
                            current.complete_senior_weight,
                            1,
                        ),
                        (
                            "唯一未达标指标不低于标准的比例",
                            current.miss_floor_share,
                            2,
                        ),
                        (
                            "教学点不足多少人不参与计算",
                            current.min_teaching_point_pupils,
                            3,
                        ),
                    ] {
                        ui.label(label);
                        if let Some(v) =
                            commit_parsed(ui, label, &format_number(value, 2), 80.0, positive)
                        {
                            match set {
                                0 => changed.nine_year_junior_weight = v,
                                1 => changed.complete_senior_weight = v,
                                2 => changed.miss_floor_share = v,
                                _ => changed.min_teaching_point_pupils = v,
                            }
                            any = true;
                        }
                        ui.end_row();
                    }
                });
            if ui.button("恢复国家标准").clicked() {
                changed = crate::domain::balance::BalanceSettings::default();
                any = true;
            }
            if any && changed != *current {
                // Serialising a struct of numbers does not fail.
                if let Ok(json) = serde_json::to_string(&changed) {
                    cmds.push(set(PlanField::BalanceSettings, Value::Text(json)));
                }
            }
        });
}
