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
    ui.label(RichText::new("评价规则").strong());
    for line in rules_text(info) {
        ui.label(RichText::new(line).small().color(theme::GREY));
    }
    ui.add_space(4.0);
    if let Some(text) = labelled_commit_text(ui, "备注", &info.remark, true, 480.0) {
        cmds.push(set(PlanField::Remark, Value::Text(text.trim().to_owned())));
    }
}
