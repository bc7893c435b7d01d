//! 优质均衡 view: the 差异系数 of each indicator by 学段 with its limit and light, and every
//! school's seven values against the standards, those furthest from them first.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{PlanView, theme};
use crate::domain::Light;
use crate::domain::balance::{Resource, evaluate_balance, schools_for_year};
use crate::domain::explain::exclusion_text;
use crate::domain::input::format_number;

#[derive(Default)]
pub struct BalanceState {
    /// The year shown; None: the latest year with school figures up to the evaluation year.
    pub year: Option<i32>,
}

fn verdict(ui: &mut Ui, ok: bool) {
    let light = if ok { Light::Green } else { Light::Red };
    let word = if ok { "达标" } else { "未达标" };
    ui.label(
        RichText::new(format!("{} {word}", light.symbol()))
            .color(theme::light_color(light))
            .strong(),
    );
}

pub fn balance_ui(ui: &mut Ui, state: &mut BalanceState, pv: &PlanView) {
    let years = pv.plan.school_years();
    let Some(default_year) = years
        .iter()
        .rev()
        .find(|y| **y <= pv.year)
        .or(years.last())
        .copied()
    else {
        super::widgets::heading(ui, "义务教育优质均衡");
        ui.label("该规划还没有学校数据。录入各校的在校生数和七项资源指标的原始数据后，这里会计算差异系数和各校达标情况。");
        return;
    };
    let year = state
        .year
        .filter(|y| years.contains(y))
        .unwrap_or(default_year);
    ui.horizontal(|ui| {
        super::widgets::heading(ui, &format!("义务教育优质均衡（{year}年）"));
        for y in &years {
            if ui.selectable_label(*y == year, format!("{y}年")).clicked() {
                state.year = Some(*y);
            }
        }
    });
    let settings = &pv.plan.info.balance;
    let report = match evaluate_balance(&schools_for_year(pv.plan, year), settings) {
        Ok(report) => report,
        Err(problems) => {
            ui.label(
                RichText::new(format!("{year}年的学校数据有问题，无法计算："))
                    .color(theme::ERROR_TEXT)
                    .strong(),
            );
            for p in problems {
                ui.label(RichText::new(format!("× {p}")).color(theme::ERROR_TEXT));
            }
            return;
        }
    };
    let failing_cv = report.dispersions.iter().filter(|d| !d.meets).count();
    let failing_schools = report.parts.iter().filter(|p| !p.meets_standards).count();
    ui.label(
        RichText::new(if report.meets_all() {
            "各项差异系数和各校资源配置均达到优质均衡标准。".to_owned()
        } else {
            format!("{failing_cv}项差异系数超出标准，{failing_schools}所（校区）资源配置未达标。")
        })
        .strong(),
    );
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("balance_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(RichText::new("校际差异系数").strong());
            egui::Grid::new("cv_table").striped(true).show(ui, |ui| {
                for title in [
                    "指标",
                    "学段",
                    "校数",
                    "均值",
                    "差异系数",
                    "标准",
                    "评价",
                    "拉高最多的学校",
                ] {
                    ui.strong(title);
                }
                ui.end_row();
                for d in &report.dispersions {
                    ui.label(d.resource.label());
                    ui.label(d.stage.label());
                    ui.label(d.schools.to_string());
                    ui.label(format_number(d.mean, 2));
                    ui.label(format_number(d.cv, 3));
                    ui.label(format!("≤{}", format_number(d.max_cv, 2)));
                    verdict(ui, d.meets);
                    let top: Vec<&str> = d
                        .contributions
                        .iter()
                        .take(2)
                        .map(|(s, _)| s.as_str())
                        .collect();
                    ui.label(top.join("、"));
                    ui.end_row();
                }
            });
            ui.add_space(8.0);
            ui.label(
                RichText::new("各校资源配置（离标准最远的在前；▼为未达到标准的指标）").strong(),
            );
            let mut parts: Vec<_> = report.parts.iter().collect();
            parts.sort_by(|a, b| a.weakest_share.total_cmp(&b.weakest_share));
            TableBuilder::new(ui)
                .id_salt("school_table")
                .striped(true)
                .column(Column::initial(220.0).clip(true).resizable(true))
                .column(Column::exact(40.0))
                .column(Column::exact(56.0))
                .columns(Column::exact(104.0), Resource::ALL.len())
                .column(Column::exact(60.0))
                .column(Column::remainder().at_least(80.0))
                .header(theme::ROW_HEIGHT + 4.0, |mut header| {
                    for title in ["学校", "学段", "在校生"] {
                        header.col(|ui| {
                            ui.strong(title);
                        });
                    }
                    for r in Resource::ALL {
                        header.col(|ui| {
                            ui.strong(r.short_label()).on_hover_text(r.label());
                        });
                    }
                    for title in ["达标项数", "评价"] {
                        header.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|body| {
                    body.rows(theme::ROW_HEIGHT, parts.len(), |mut row| {
                        let p = parts[row.index()];
                        row.col(|ui| {
                            ui.label(&p.school);
                        });
                        row.col(|ui| {
                            ui.label(p.stage.label());
                        });
                        row.col(|ui| {
                            ui.label(format_number(p.pupils, 0));
                        });
                        for (k, r) in Resource::ALL.iter().enumerate() {
                            row.col(|ui| {
                                let standard = settings.standard(*r, p.stage);
                                let value = format_number(p.values[k], 2);
                                if p.values[k] >= standard - 1e-9 {
                                    ui.label(value);
                                } else {
                                    ui.label(RichText::new(format!("▼{value}")).color(theme::RED))
                                        .on_hover_text(format!(
                                            "标准 {}",
                                            format_number(standard, 2)
                                        ));
                                }
                            });
                        }
                        row.col(|ui| {
                            ui.label(format!("{}/7", p.met));
                        });
                        row.col(|ui| verdict(ui, p.meets_standards));
                    });
                });
            for (name, why) in &report.excluded {
                ui.label(
                    RichText::new(format!("{name}：{}", exclusion_text(*why))).color(theme::GREY),
                );
            }
        });
}
