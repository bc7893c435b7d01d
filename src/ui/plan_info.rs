//! 规划信息: the plan's own fields, including the yellow-light tolerance setting.

use egui::{RichText, Ui};

use super::widgets::{commit_parsed, labelled_commit_text};
use super::{Command, PlanView, theme};
use crate::domain::edit::{Edit, Field, PlanField, Value};
use crate::domain::input::{format_number, normalize, parse_plain_number};

fn set(field: PlanField, value: Value) -> Command {
    Command::Edit {
        edits: vec![Edit::Set(Field::Plan(field), value)],
        action: "修改规划信息".into(),
    }
}

fn parse_year(text: &str) -> Result<i32, String> {
    let y: i32 = normalize(text)
        .trim_end_matches('年')
        .parse()
        .map_err(|_| format!("“{text}”不是年份"))?;
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
            ui.label("黄灯容差（个百分点）");
            let tolerance = |t: &str| match parse_plain_number(t)? {
                Some(v) if (0.0..=100.0).contains(&v) => Ok(v),
                _ => Err("请填写0到100之间的数字".to_owned()),
            };
            let current = format_number(info.yellow_tolerance_pp, 1);
            if let Some(v) = commit_parsed(ui, "黄灯容差", &current, 120.0, tolerance) {
                cmds.push(set(PlanField::YellowTolerancePp, Value::Num(v)));
            }
            ui.end_row();
        });
    ui.label(
        RichText::new("落后序时进度不超过容差为黄灯，超过为红灯。各地做法不同（如10、30个百分点），按本地要求设置。")
            .small()
            .color(theme::GREY),
    );
    ui.add_space(4.0);
    if let Some(text) = labelled_commit_text(ui, "备注", &info.remark, true, 480.0) {
        cmds.push(set(PlanField::Remark, Value::Text(text.trim().to_owned())));
    }
}
