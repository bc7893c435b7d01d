//! 优质均衡 view: the 差异系数 of each indicator by 学段 with its limit and light, and every
//! school's seven values against the standards, those furthest from them first.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{Command, PlanView, theme};
use crate::domain::balance::BalanceReport;
use crate::domain::balance::{Resource, evaluate_balance, schools_for_year};
use crate::domain::edit::{Edit, Field, SchoolYearField, Value};
use crate::domain::explain::exclusion_text;
use crate::domain::input::format_number;
use crate::domain::{Light, SchoolId};

#[derive(Default)]
pub struct BalanceState {
    /// The year shown; None: the latest year with school figures up to the evaluation year.
    pub year: Option<i32>,
    /// The indicator and 学段 the chart of schools shows.
    chart: (usize, usize),
    /// 假设分析: the school whose counts are tried out, and the counts as typed.
    what_if: Option<(SchoolId, i32, [String; 7])>,
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

pub fn balance_ui(ui: &mut Ui, state: &mut BalanceState, pv: &PlanView, cmds: &mut Vec<Command>) {
    let years = pv.plan.school_years();
    let Some(default_year) = years
        .iter()
        .rev()
        .find(|y| **y <= pv.year)
        .or(years.last())
        .copied()
    else {
        super::widgets::heading(ui, "义务教育优质均衡");
        ui.label("该规划还没有学校数据。先在下面的学校名单中新增学校，再用“文件 › 生成学校数据表”请各校填报在校生数和七项资源指标的原始数据，交回后导入；这里会计算差异系数和各校达标情况。");
        school_list_ui(ui, pv, cmds, true);
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
    school_list_ui(ui, pv, cmds, false);
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
                    ui.label(crate::domain::input::format_near(
                        d.cv, d.max_cv, d.meets, 3,
                    ));
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
            chart_ui(ui, state, &report, settings);
            ui.add_space(8.0);
            ui.label(
                RichText::new("各校资源配置（离标准最远的在前；▼为未达到标准的指标）").strong(),
            );
            let mut parts: Vec<_> = report.parts.iter().collect();
            parts.sort_by(|a, b| a.weakest_share.total_cmp(&b.weakest_share));
            let mut picked: Option<String> = None;
            // Each column as wide as its header or its widest value, whichever is wider.
            let pad = 14.0;
            let school_width =
                super::widgets::widest_text(ui, parts.iter().map(|p| p.school.as_str())) + pad;
            let resource_widths: Vec<f32> = Resource::ALL
                .iter()
                .enumerate()
                .map(|(k, r)| {
                    let values: Vec<String> = parts
                        .iter()
                        .map(|p| format!("▼{}", format_number(p.values[k], 2)))
                        .collect();
                    super::widgets::widest_text(ui, [r.short_label()]).max(
                        super::widgets::widest_text(ui, values.iter().map(String::as_str)),
                    ) + pad
                })
                .collect();
            // On a small screen the table scrolls sideways rather than losing its last columns.
            egui::ScrollArea::horizontal()
                .id_salt("school_table_sideways")
                .show(ui, |ui| {
                    let mut table = TableBuilder::new(ui)
                        .id_salt("school_table")
                        .striped(true)
                        .column(
                            Column::initial(school_width.clamp(120.0, 320.0))
                                .clip(true)
                                .resizable(true),
                        )
                        .column(Column::exact(40.0))
                        .column(Column::exact(56.0));
                    for width in resource_widths {
                        table = table.column(Column::exact(width));
                    }
                    table
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
                                    let name = ui
                                        .add(
                                            egui::Label::new(&p.school).sense(egui::Sense::click()),
                                        )
                                        .on_hover_text("点击进行假设分析");
                                    if name.clicked() {
                                        picked = Some(p.school.clone());
                                    }
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
                                        let met = p.values[k] >= standard - 1e-9;
                                        let value = crate::domain::input::format_near(
                                            p.values[k],
                                            standard,
                                            met,
                                            2,
                                        );
                                        if met {
                                            ui.label(value);
                                        } else {
                                            ui.label(
                                                RichText::new(format!("▼{value}"))
                                                    .color(theme::RED),
                                            )
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
                });
            for (name, why) in &report.excluded {
                ui.label(
                    RichText::new(format!("{name}：{}", exclusion_text(*why))).color(theme::GREY),
                );
            }
            if let Some(school) =
                picked.and_then(|name| pv.plan.schools.iter().find(|s| s.name == name))
            {
                start_what_if(state, school, year);
            }
            ui.add_space(8.0);
            what_if_ui(ui, state, pv, year, &report, cmds);
        });
}

/// 学校名单: add, rename, retype or delete a school (its figures come by the school-data table
/// or the 假设分析's “保存”).
fn school_list_ui(ui: &mut Ui, pv: &PlanView, cmds: &mut Vec<Command>, open: bool) {
    use crate::domain::balance::{School, SchoolType};
    use crate::domain::edit::SchoolField;
    egui::CollapsingHeader::new(format!(
        "学校名单（{}所，可新增、改名、删除）",
        pv.plan.schools.len()
    ))
    .id_salt("school_list")
    .default_open(open)
    .show(ui, |ui| {
        if ui.button("新增学校").clicked() {
            let n = pv.plan.schools.len() + 1;
            cmds.push(Command::Edit {
                edits: vec![Edit::AddSchool(School::new(
                    SchoolId(0),
                    &format!("新学校{n}"),
                ))],
                action: "新增学校".into(),
            });
        }
        egui::ScrollArea::vertical()
            .id_salt("school_list_scroll")
            .max_height(260.0)
            .show(ui, |ui| {
                egui::Grid::new("school_list_grid")
                    .striped(true)
                    .show(ui, |ui| {
                        for h in ["学校名称", "类型", "备注", ""] {
                            ui.strong(h);
                        }
                        ui.end_row();
                        for school in &pv.plan.schools {
                            let set = |field: SchoolField, value: Value| Command::Edit {
                                edits: vec![Edit::Set(Field::School(school.id, field), value)],
                                action: "修改学校".into(),
                            };
                            if let Some(t) = super::widgets::commit_text(
                                ui,
                                &format!("学校名称 {}", school.id.0),
                                &school.name,
                                false,
                                240.0,
                            ) {
                                let t = t.trim().to_owned();
                                if !t.is_empty() {
                                    cmds.push(set(SchoolField::Name, Value::Text(t)));
                                }
                            }
                            let mut kind = school.school_type;
                            let combo = egui::ComboBox::from_id_salt(("school_type", school.id.0))
                                .selected_text(kind.label())
                                .show_ui(ui, |ui| {
                                    for &t in SchoolType::ALL {
                                        ui.selectable_value(&mut kind, t, t.label());
                                    }
                                })
                                .response;
                            super::widgets::name_widget(
                                ui,
                                &combo,
                                &format!("{} 学校类型", school.name),
                            );
                            if kind != school.school_type {
                                cmds.push(set(SchoolField::Type, Value::code(kind)));
                            }
                            if let Some(t) = super::widgets::commit_text(
                                ui,
                                &format!("{} 备注", school.name),
                                &school.remark,
                                false,
                                200.0,
                            ) {
                                cmds.push(set(SchoolField::Remark, Value::text(t.trim())));
                            }
                            if ui
                                .small_button("删除")
                                .on_hover_text("连同各年数据一起删除，可用“撤销”恢复")
                                .clicked()
                            {
                                cmds.push(Command::Edit {
                                    edits: vec![Edit::DeleteSchool(school.id)],
                                    action: "删除学校".into(),
                                });
                            }
                            ui.end_row();
                        }
                    });
            });
    });
}

/// One indicator in one 学段, school by school, with the standard as a line: who is below it
/// and by how much. One row per school, lowest first, each named (a label a screen reader
/// and a test can find): a long list makes the page longer, it never drops a name.
fn chart_ui(
    ui: &mut Ui,
    state: &mut BalanceState,
    report: &BalanceReport,
    settings: &crate::domain::balance::BalanceSettings,
) {
    use crate::domain::balance::Stage;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("各校指标图").strong());
        for (s, stage) in Stage::ALL.iter().enumerate() {
            if ui
                .selectable_label(state.chart.1 == s, stage.label())
                .clicked()
            {
                state.chart.1 = s;
            }
        }
        ui.separator();
        for (k, r) in Resource::ALL.iter().enumerate() {
            if ui
                .selectable_label(state.chart.0 == k, r.short_label())
                .clicked()
            {
                state.chart.0 = k;
            }
        }
    });
    let (k, s) = state.chart;
    let (Some(resource), Some(stage)) = (Resource::ALL.get(k), Stage::ALL.get(s)) else {
        return;
    };
    let standard = settings.standard(*resource, *stage);
    let mut parts: Vec<_> = report.parts.iter().filter(|p| p.stage == *stage).collect();
    parts.sort_by(|a, b| a.values[k].total_cmp(&b.values[k]));
    let standard_label = format!("标准 {}", format_number(standard, 2));
    {
        use super::widgets::LegendMark;
        super::widgets::legend_row(
            ui,
            &[
                (theme::GREEN, LegendMark::Bar, "● 达到标准的学校"),
                (theme::RED, LegendMark::Bar, "■ 低于标准的学校"),
                (theme::PLAN_LINE, LegendMark::Line, standard_label.as_str()),
            ],
        );
    }
    ui.label(
        RichText::new(format!("{}（{}）", resource.short_label(), stage.label()))
            .small()
            .weak(),
    );
    let names: Vec<String> = parts
        .iter()
        .map(|p| {
            let light = if p.values[k] < standard - 1e-9 {
                Light::Red
            } else {
                Light::Green
            };
            format!("{} {}", light.symbol(), p.school)
        })
        .collect();
    let name_width = (super::widgets::widest_text(ui, names.iter().map(String::as_str)) + 8.0)
        .min(ui.available_width() * 0.45);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let highest = parts
        .iter()
        .map(|p| p.values[k])
        .fold(standard * 1.15, f64::max)
        .max(f64::MIN_POSITIVE);
    let body_font = egui::TextStyle::Body.resolve(ui.style());
    let text_color = ui.visuals().text_color();
    // Rows touch, so that the standard's line runs through them unbroken.
    ui.scope(|ui| {
        ui.spacing_mut().item_spacing.y = 0.0;
        for (part, name) in parts.iter().zip(&names) {
            let value = part.values[k];
            let below = value < standard - 1e-9;
            ui.horizontal(|ui| {
                ui.allocate_ui_with_layout(
                    egui::vec2(name_width, row_height),
                    egui::Layout::right_to_left(egui::Align::Center),
                    |ui| {
                        ui.set_min_size(egui::vec2(name_width, row_height));
                        ui.add(egui::Label::new(name.as_str()).wrap());
                    },
                );
                let (rect, _) = ui.allocate_exact_size(
                    egui::vec2(ui.available_width().max(120.0), row_height),
                    egui::Sense::hover(),
                );
                // Room on the right for the value after the longest bar.
                let scale = (rect.width() - 70.0).max(40.0) / highest as f32;
                let x_of = |v: f64| rect.left() + (v.max(0.0) as f32) * scale;
                let bar = egui::Rect::from_min_max(
                    egui::pos2(rect.left(), rect.top() + 4.0),
                    egui::pos2(x_of(value), rect.bottom() - 4.0),
                );
                let painter = ui.painter();
                painter.rect_filled(bar, 0.0, if below { theme::RED } else { theme::GREEN });
                let line_x = x_of(standard);
                painter.line_segment(
                    [
                        egui::pos2(line_x, rect.top()),
                        egui::pos2(line_x, rect.bottom()),
                    ],
                    egui::Stroke::new(3.0, theme::PLAN_LINE),
                );
                let text = format_number(value, 2);
                let galley = painter.layout_no_wrap(text, body_font.clone(), text_color);
                // The value never sits on the standard's line.
                let mut left = bar.right() + 4.0;
                if left < line_x + 4.0 && left + galley.size().x > line_x - 4.0 {
                    left = line_x + 6.0;
                }
                painter.galley(
                    egui::pos2(left, rect.center().y - galley.size().y / 2.0),
                    galley,
                    text_color,
                );
            });
        }
    });
}

/// Start trying out a school's counts: its figures for the year, as text to edit.
fn start_what_if(state: &mut BalanceState, school: &crate::domain::balance::School, year: i32) {
    let counts = school
        .years
        .get(&year)
        .map(|f| f.counts)
        .unwrap_or_default()
        .map(|c| c.map_or_else(String::new, |v| format_number(v, 2)));
    state.what_if = Some((school.id, year, counts));
}

/// 假设分析: change one school's counts and see its standards and every 差异系数 move, before
/// anything is saved (nothing here writes to the plan).
fn what_if_ui(
    ui: &mut Ui,
    state: &mut BalanceState,
    pv: &PlanView,
    year: i32,
    before: &BalanceReport,
    cmds: &mut Vec<Command>,
) {
    ui.label(RichText::new("假设分析（修改后可保存为该校实际数据）").strong());
    let settings = &pv.plan.info.balance;
    let candidates: Vec<_> = pv
        .plan
        .schools_in_order()
        .into_iter()
        .filter(|s| {
            s.for_year(year)
                .is_some_and(|y| crate::domain::balance::exclusion(&y, settings).is_none())
        })
        .collect();
    let current = state
        .what_if
        .as_ref()
        .filter(|(_, y, _)| *y == year)
        .map(|(id, _, _)| *id);
    let mut chosen = current;
    ui.horizontal(|ui| {
        ui.label("学校");
        let shown = chosen
            .and_then(|id| pv.plan.school(id))
            .map_or("（选择学校）", |s| s.name.as_str());
        let combo = egui::ComboBox::from_id_salt("what_if_school")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for s in &candidates {
                    ui.selectable_value(&mut chosen, Some(s.id), &s.name);
                }
            })
            .response;
        super::widgets::name_widget(ui, &combo, "假设分析学校");
    });
    if chosen != current
        && let Some(school) = chosen.and_then(|id| pv.plan.school(id))
    {
        start_what_if(state, school, year);
    }
    let Some((id, _, texts)) = state.what_if.as_mut().filter(|(_, y, _)| *y == year) else {
        ui.label(
            RichText::new(
                "选择一所学校，修改它的原始数据，即可看到各项差异系数和该校达标情况的变化。",
            )
            .color(theme::GREY),
        );
        return;
    };
    let id = *id;
    egui::Grid::new("what_if_counts")
        .num_columns(2)
        .show(ui, |ui| {
            for (k, r) in Resource::ALL.iter().enumerate() {
                let label = ui.label(format!("假设{}", r.count_label()));
                ui.add(egui::TextEdit::singleline(&mut texts[k]).desired_width(120.0))
                    .labelled_by(label.id);
                ui.end_row();
            }
        });
    let mut parsed = [None; 7];
    for (k, text) in texts.iter().enumerate() {
        match crate::domain::input::parse_plain_number(text) {
            Ok(v) => parsed[k] = v,
            Err(e) => {
                ui.label(RichText::new(format!("× {e}")).color(theme::ERROR_TEXT));
                return;
            }
        }
    }
    let Some(name) = pv.plan.school(id).map(|s| s.name.clone()) else {
        return;
    };
    let stored = pv
        .plan
        .school(id)
        .and_then(|s| s.years.get(&year))
        .map(|f| f.counts)
        .unwrap_or_default();
    if parsed != stored
        && pv.writable
        && ui
            .button("把这些数据保存为该校实际数据")
            .on_hover_text("写入规划文件，可撤销")
            .clicked()
    {
        let edits = SchoolYearField::ALL
            .iter()
            .skip(3)
            .zip(parsed)
            .map(|(field, v)| {
                Edit::Set(Field::SchoolYear(id, year, *field), Value::from_opt_num(v))
            })
            .collect();
        cmds.push(Command::Edit {
            edits,
            action: "修改学校数据".into(),
        });
    }
    let mut schools = schools_for_year(pv.plan, year);
    for s in schools.iter_mut().filter(|s| s.name == name) {
        s.counts = parsed;
    }
    let after = match evaluate_balance(&schools, settings) {
        Ok(r) => r,
        Err(problems) => {
            for p in problems {
                ui.label(RichText::new(format!("× {p}")).color(theme::ERROR_TEXT));
            }
            return;
        }
    };
    let word = |ok: bool| if ok { "达标" } else { "未达标" };
    for (b, a) in before
        .parts
        .iter()
        .zip(&after.parts)
        .filter(|(b, _)| b.school == name)
    {
        ui.label(format!(
            "假设结果：{name}（{}）达标项数 {}/7 → {}/7，{} → {}",
            b.stage.label(),
            b.met,
            a.met,
            word(b.meets_standards),
            word(a.meets_standards),
        ));
    }
    egui::Grid::new("what_if_cv").striped(true).show(ui, |ui| {
        for title in ["指标", "学段", "差异系数（现）", "差异系数（假设）", "评价"]
        {
            ui.strong(title);
        }
        ui.end_row();
        for (b, a) in before.dispersions.iter().zip(&after.dispersions) {
            if (b.cv - a.cv).abs() < 1e-9 {
                continue;
            }
            ui.label(b.resource.label());
            ui.label(b.stage.label());
            ui.label(format_number(b.cv, 3));
            ui.label(format_number(a.cv, 3));
            verdict(ui, a.meets);
            ui.end_row();
        }
    });
}
