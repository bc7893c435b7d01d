//! 指标详情: every field of one indicator, its chart, yearly values and notes, its history.

use egui::{RichText, Ui};

use super::widgets::{commit_parsed, commit_text, labelled_commit_text, light_badge};
use super::{Command, DeleteTarget, PlanView, View, theme};
use crate::domain::balance::LinkedFigure;
use crate::domain::edit::{ActualField, Edit, Field, IndicatorField, Value};
use crate::domain::explain::{basis_text, progress_text};
use crate::domain::input::{
    format_number, format_percent, format_value, parse_indicator_value, parse_plain_number,
    parse_year,
};
use crate::domain::rules::{inferred_comparison, running_total};
use crate::domain::{Attribute, Comparison, EntryMode, Indicator, IndicatorKind, PlanInfo};
pub use crate::draw::chart::indicator_chart_ui;

fn set(ind: &Indicator, f: IndicatorField, v: Value) -> Command {
    Command::Edit {
        edits: vec![Edit::Set(Field::Indicator(ind.id, f), v)],
        action: "修改指标".into(),
    }
}

pub fn detail_ui(
    ui: &mut Ui,
    pv: &PlanView,
    id: crate::domain::IndicatorId,
    cmds: &mut Vec<Command>,
) {
    let Some(ind) = pv.indicator(id) else {
        ui.label("该指标已被删除。");
        if ui.button("返回指标列表").clicked() {
            cmds.push(Command::Show(View::Indicators));
        }
        return;
    };
    let eval = pv.eval(id);
    ui.horizontal(|ui| {
        if ui.button("← 指标列表").clicked() {
            cmds.push(Command::Show(View::Indicators));
        }
        super::widgets::heading(ui, &ind.name);
        let verdict = pv.verdict(id).filter(|_| pv.final_review());
        if let Some(v) = &verdict {
            // A 总结评估 speaks the close-out's word, not the year's light.
            ui.label(
                RichText::new(format!("{} 总结评估：{}", v.light.symbol(), v.word))
                    .color(theme::light_color(v.light))
                    .strong(),
            );
        }
        if let Some(e) = eval {
            if verdict.is_none() {
                light_badge(ui, e.light, e.warning);
                super::widgets::status_word(
                    ui,
                    super::widgets::status_text(e),
                    &basis_text(e, ind),
                    cmds,
                );
            }
            ui.label(format!(
                "{}年（截至{}） 完成进度 {}，序时进度 {}",
                pv.year,
                pv.as_of,
                progress_text(e),
                format_percent(e.elapsed)
            ));
            if let Some(total) = e.cumulative {
                ui.label(format!("累计 {}{}", format_value(total, ind), ind.unit));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button(RichText::new("删除此指标…").color(theme::RED))
                .clicked()
            {
                cmds.push(Command::ConfirmDelete(DeleteTarget::Indicator(ind.id)));
            }
        });
    });
    if let Some(e) = eval {
        let basis = match pv.verdict(id).filter(|_| pv.final_review()) {
            Some(v) => v.basis,
            None => basis_text(e, ind),
        };
        ui.label(RichText::new(format!("判定依据：{basis}")).strong());
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("detail_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // The chart about as tall as the fields beside it on a large screen.
            let chart_height = (ui.available_height() * 0.45).clamp(230.0, 480.0);
            ui.columns(2, |cols| {
                fields_ui(&mut cols[0], pv, ind, cmds);
                cols[1].label(RichText::new("走势").strong());
                indicator_chart_ui(&mut cols[1], &pv.plan.info, ind, pv.year, chart_height, 2.5);
            });
            ui.add_space(8.0);
            years_ui(ui, pv, ind, cmds);
            ui.add_space(8.0);
            if crate::domain::closeout::evaluation_kind(&pv.plan.info, pv.year)
                == crate::domain::closeout::EvaluationKind::Final
            {
                super::closeout::closeout_ui(ui, pv, ind, cmds);
                ui.add_space(8.0);
            }
            // The 佐证材料 behind this year's figure (a statistics sheet, a notice).
            ui.label(RichText::new(format!("{}年数据的佐证", pv.year)).strong());
            super::widgets::evidence_ui(
                ui,
                pv,
                crate::domain::EvidenceOwner::Actual(ind.id, pv.year),
                cmds,
            );
            ui.add_space(8.0);
            history_ui(ui, pv);
            ui.add_space(8.0);
            egui::CollapsingHeader::new("评价规则")
                .id_salt("rules")
                .show(ui, |ui| {
                    for line in crate::domain::explain::rules_text(&pv.plan.info) {
                        ui.label(RichText::new(line).color(theme::GREY));
                    }
                });
        });
}

fn fields_ui(ui: &mut Ui, pv: &PlanView, ind: &Indicator, cmds: &mut Vec<Command>) {
    ui.label(RichText::new("指标信息").strong());
    let w = (ui.available_width() - 140.0).clamp(220.0, 420.0);
    egui::Grid::new("indicator_fields")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            // Labels come from the field table, the same words the history list uses.
            for (field, current) in [
                (IndicatorField::Name, &ind.name),
                (IndicatorField::Unit, &ind.unit),
                (IndicatorField::Category, &ind.category),
                (IndicatorField::TargetText, &ind.target_text),
                (IndicatorField::LeadUnit, &ind.lead_unit),
                (IndicatorField::DataSource, &ind.data_source),
                (IndicatorField::NumeratorLabel, &ind.numerator_label),
                (IndicatorField::DenominatorLabel, &ind.denominator_label),
            ] {
                let label = field.spec().label;
                if let Some(text) = labelled_commit_text(ui, label, current, false, w) {
                    let text = text.trim().to_owned();
                    if field == IndicatorField::Name && text.is_empty() {
                        continue;
                    }
                    cmds.push(set(ind, field, Value::Text(text)));
                }
                ui.end_row();
            }

            ui.label("属性");
            let mut attribute = ind.attribute;
            let combo = egui::ComboBox::from_id_salt("attribute")
                .selected_text(attribute.label())
                .show_ui(ui, |ui| {
                    for &a in Attribute::ALL {
                        ui.selectable_value(&mut attribute, a, a.label());
                    }
                })
                .response;
            crate::ui::widgets::name_widget(ui, &combo, "属性");
            if attribute != ind.attribute {
                cmds.push(set(ind, IndicatorField::Attribute, Value::code(attribute)));
            }
            ui.end_row();

            ui.label("类型");
            let mut kind = ind.kind;
            let combo = egui::ComboBox::from_id_salt("kind")
                .selected_text(kind.label())
                .show_ui(ui, |ui| {
                    for &k in IndicatorKind::ALL {
                        ui.selectable_value(&mut kind, k, k.label());
                    }
                })
                .response;
            crate::ui::widgets::name_widget(ui, &combo, "类型");
            if kind != ind.kind {
                cmds.push(set(ind, IndicatorField::Kind, Value::code(kind)));
            }
            ui.end_row();

            ui.label("比较方式");
            let mut cmp = ind.comparison;
            let combo = egui::ComboBox::from_id_salt("comparison")
                .selected_text(cmp.symbol())
                .show_ui(ui, |ui| {
                    for &c in Comparison::ALL {
                        ui.selectable_value(&mut cmp, c, c.symbol());
                    }
                })
                .response;
            crate::ui::widgets::name_widget(ui, &combo, "比较方式");
            if cmp != ind.comparison {
                cmds.push(set(ind, IndicatorField::Comparison, Value::code(cmp)));
            }
            ui.end_row();

            let num = |v: Option<f64>| v.map_or_else(String::new, |v| format_number(v, 2));
            ui.label(format!("基期值（{}年）", ind.base_year_or(&pv.plan.info)));
            if let Some(v) =
                commit_parsed(ui, "基期值", &num(ind.base_value), w, parse_plain_number)
            {
                let mut edits = vec![Edit::Set(
                    Field::Indicator(ind.id, IndicatorField::BaseValue),
                    Value::from_opt_num(v),
                )];
                let target = match ind.kind {
                    IndicatorKind::ChangeFromBase => v.map(|b| b + ind.target_value),
                    _ => Some(ind.target_value),
                };
                edits.extend(inferred_comparison_edit(ind, v, target));
                cmds.push(Command::Edit {
                    edits,
                    action: "修改指标".into(),
                });
            }
            ui.end_row();
            ui.label("基期年（留空同规划）");
            let plan_base = pv.plan.info.base_year;
            if let Some(y) = commit_parsed(
                ui,
                "指标基期年",
                &ind.base_year.map_or_else(String::new, |y| y.to_string()),
                w,
                move |t| parse_base_year(t, plan_base),
            ) {
                cmds.push(set(
                    ind,
                    IndicatorField::BaseYear,
                    y.map_or(Value::Null, |y| Value::Int(i64::from(y))),
                ));
            }
            ui.end_row();
            ui.label(if ind.kind == IndicatorKind::ChangeFromBase {
                "较基期变化量"
            } else {
                "目标值"
            });
            if let Some(Some(v)) = commit_parsed(
                ui,
                "目标值",
                &num(Some(ind.target_value)),
                w,
                parse_plain_number,
            ) {
                let mut edits = vec![Edit::Set(
                    Field::Indicator(ind.id, IndicatorField::TargetValue),
                    Value::Num(v),
                )];
                let target = match ind.kind {
                    IndicatorKind::ChangeFromBase => ind.base_value.map(|b| b + v),
                    _ => Some(v),
                };
                edits.extend(inferred_comparison_edit(ind, ind.base_value, target));
                cmds.push(Command::Edit {
                    edits,
                    action: "修改指标".into(),
                });
            }
            ui.end_row();
            ui.label("力争目标（区间上限）");
            if let Some(v) = commit_parsed(
                ui,
                "力争目标",
                &num(ind.target_stretch),
                w,
                parse_plain_number,
            ) {
                cmds.push(set(
                    ind,
                    IndicatorField::TargetStretch,
                    Value::from_opt_num(v),
                ));
            }
            ui.end_row();
            ui.label("目标年份");
            let info = pv.plan.info.clone();
            if let Some(y) = commit_parsed(
                ui,
                "目标年份",
                &ind.target_year.to_string(),
                w,
                move |t| parse_target_year(t, &info),
            ) {
                cmds.push(set(
                    ind,
                    IndicatorField::TargetYear,
                    Value::Int(i64::from(y)),
                ));
            }
            ui.end_row();
            ui.label("毛入学（园）率");
            let mut gross = ind.may_exceed_100;
            if ui.checkbox(&mut gross, "可超过100%").changed() {
                cmds.push(set(ind, IndicatorField::MayExceed100, Value::flag(gross)));
            }
            ui.end_row();
            ui.label("小数位数（留空自动）");
            if let Some(d) = commit_parsed(
                ui,
                "小数位数",
                &ind.decimals.map_or_else(String::new, |d| d.to_string()),
                w,
                parse_decimals,
            ) {
                cmds.push(set(
                    ind,
                    IndicatorField::Decimals,
                    d.map_or(Value::Null, |d| Value::Int(i64::from(d))),
                ));
            }
            ui.end_row();
            if !pv.plan.schools.is_empty() {
                ui.label("数据来自");
                let current = ind
                    .linked_figure
                    .as_deref()
                    .and_then(LinkedFigure::from_code);
                let mut chosen = current;
                let combo = egui::ComboBox::from_id_salt("linked_figure")
                    .width(w)
                    .selected_text(chosen.map_or_else(|| "手工填报".to_owned(), |f| f.label()))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut chosen, None, "手工填报");
                        for figure in LinkedFigure::all() {
                            ui.selectable_value(&mut chosen, Some(figure), figure.label());
                        }
                    })
                    .response;
                crate::ui::widgets::name_widget(ui, &combo, "数据来自");
                if chosen != current {
                    let mut edits = vec![Edit::Set(
                        Field::Indicator(ind.id, IndicatorField::LinkedFigure),
                        chosen.map_or(Value::Null, |f| Value::Text(f.code())),
                    )];
                    // A 差异系数 reads with three decimals (0.515).
                    if matches!(chosen, Some(LinkedFigure::Cv(..))) && ind.decimals.is_none() {
                        edits.push(Edit::Set(
                            Field::Indicator(ind.id, IndicatorField::Decimals),
                            Value::Int(3),
                        ));
                    }
                    cmds.push(Command::Edit {
                        edits,
                        action: "修改指标".into(),
                    });
                }
                ui.end_row();
            }
            if ind.kind == IndicatorKind::Cumulative {
                ui.label("各年填报");
                let mut mode = ind.entry_mode;
                let combo = egui::ComboBox::from_id_salt("entry_mode")
                    .selected_text(mode.label())
                    .show_ui(ui, |ui| {
                        for &m in EntryMode::ALL {
                            ui.selectable_value(&mut mode, m, m.label());
                        }
                    })
                    .response;
                crate::ui::widgets::name_widget(ui, &combo, "各年填报");
                if mode != ind.entry_mode {
                    cmds.push(set(ind, IndicatorField::EntryMode, Value::code(mode)));
                }
                ui.end_row();
            }
        });
}

/// While an indicator has no yearly values yet, its comparison follows the direction from
/// base to target (a target below the base is a ceiling): new indicators start as ≥.
fn inferred_comparison_edit(
    ind: &Indicator,
    base: Option<f64>,
    target: Option<f64>,
) -> Option<Edit> {
    if !matches!(
        ind.kind,
        IndicatorKind::Level | IndicatorKind::ChangeFromBase
    ) || !ind.actuals.is_empty()
    {
        return None;
    }
    let (Some(base), Some(target)) = (base, target) else {
        return None;
    };
    let inferred = inferred_comparison(Some(base), target);
    let same_direction = inferred.lower_is_better() == ind.comparison.lower_is_better();
    (!same_direction && (target - base).abs() > 1e-9).then(|| {
        Edit::Set(
            Field::Indicator(ind.id, IndicatorField::Comparison),
            Value::code(inferred),
        )
    })
}

fn parse_base_year(text: &str, plan_base: i32) -> Result<Option<i32>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match parse_year(text) {
        Some(y) if y == plan_base => Ok(None),
        Some(y) => Ok(Some(y)),
        None => Err(format!("“{text}”不是年份，请写成 2022 这样的四位数")),
    }
}

fn parse_decimals(text: &str) -> Result<Option<u8>, String> {
    match parse_plain_number(text)? {
        None => Ok(None),
        Some(d) if (0.0..=6.0).contains(&d) && d.fract() == 0.0 => Ok(Some(d as u8)),
        Some(_) => Err("小数位数应为0到6之间的整数".to_owned()),
    }
}

fn parse_target_year(text: &str, info: &PlanInfo) -> Result<i32, String> {
    let y = parse_year(text).ok_or_else(|| format!("“{text}”不是年份"))?;
    if info.years().contains(&y) {
        Ok(y)
    } else {
        Err(format!(
            "目标年份应在{}-{}年之间",
            info.first_year, info.last_year
        ))
    }
}

fn years_ui(ui: &mut Ui, pv: &PlanView, ind: &Indicator, cmds: &mut Vec<Command>) {
    ui.label(RichText::new("年度数据").strong());
    let counts = ind.computed_from_counts();
    let cumulative = ind.kind == IndicatorKind::Cumulative;
    let benchmark = ind.kind == IndicatorKind::Benchmark;
    let value_title = match (cumulative, ind.entry_mode) {
        (true, EntryMode::Increment) => "当年完成数",
        (true, EntryMode::RunningTotal) => "累计数",
        _ => "实际值",
    };
    // The 说明 field takes the width the other columns leave: it holds a paragraph.
    let other_columns = 50.0
        + 60.0 * (2.0 + f32::from(u8::from(benchmark)) + f32::from(u8::from(cumulative)))
        + 120.0 * f32::from(u8::from(counts))
        + 160.0;
    let columns = 5.0
        + 2.0 * f32::from(u8::from(counts))
        + f32::from(u8::from(cumulative))
        + f32::from(u8::from(benchmark));
    let note_width = (ui.available_width()
        - other_columns
        - ui.spacing().item_spacing.x * columns
        - ui.spacing().scroll.bar_width
        - 16.0)
        .clamp(300.0, 900.0);
    egui::Grid::new("indicator_years")
        .striped(true)
        .num_columns(5 + 2 * usize::from(counts) + usize::from(cumulative) + usize::from(benchmark))
        .show(ui, |ui| {
            ui.strong("年度");
            ui.strong("年度目标");
            if benchmark {
                ui.strong("对照基准");
            }
            ui.strong(value_title);
            if cumulative {
                ui.strong("累计");
            }
            if counts {
                ui.strong(ActualField::Numerator.spec().label)
                    .on_hover_text(&ind.numerator_label);
                ui.strong(ActualField::Denominator.spec().label)
                    .on_hover_text(&ind.denominator_label);
            }
            ui.strong(ActualField::Note.spec().label);
            ui.strong(ActualField::Source.spec().label);
            ui.end_row();
            for year in pv.plan.info.years() {
                let actual = ind.actuals.get(&year).cloned().unwrap_or_default();
                ui.label(format!("{year}年"));
                let planned = ind
                    .planned
                    .get(&year)
                    .map_or_else(String::new, |v| format_value(*v, ind));
                if let Some(v) =
                    commit_parsed(ui, &format!("{year}年年度目标"), &planned, 60.0, |t| {
                        parse_indicator_value(t, ind)
                    })
                {
                    cmds.push(Command::Edit {
                        edits: vec![Edit::Set(
                            Field::Planned(ind.id, year),
                            Value::from_opt_num(v),
                        )],
                        action: "修改年度目标".into(),
                    });
                }
                if benchmark {
                    let current = ind
                        .benchmarks
                        .get(&year)
                        .map_or_else(String::new, |v| format_value(*v, ind));
                    if let Some(v) =
                        commit_parsed(ui, &format!("{year}年对照基准"), &current, 60.0, |t| {
                            parse_indicator_value(t, ind)
                        })
                    {
                        cmds.push(Command::Edit {
                            edits: vec![Edit::Set(
                                Field::Benchmark(ind.id, year),
                                Value::from_opt_num(v),
                            )],
                            action: "修改对照基准".into(),
                        });
                    }
                }
                let shown = actual
                    .value
                    .map_or_else(String::new, |v| format_value(v, ind));
                if let Some(v) =
                    commit_parsed(ui, &format!("{year}年实际值"), &shown, 60.0, |t| {
                        parse_indicator_value(t, ind)
                    })
                {
                    cmds.push(actual_edit(
                        ind,
                        year,
                        ActualField::Value,
                        Value::from_opt_num(v),
                    ));
                }
                if cumulative {
                    let total = actual
                        .value
                        .and(running_total(ind, &pv.plan.info, year).0)
                        .map_or_else(|| "—".to_owned(), |v| format_value(v, ind));
                    ui.label(total);
                }
                if counts {
                    for (field, current) in [
                        (ActualField::Numerator, actual.numerator),
                        (ActualField::Denominator, actual.denominator),
                    ] {
                        let name = field.spec().label;
                        let text = current.map_or_else(String::new, |v| format_number(v, 2));
                        if let Some(v) =
                            commit_parsed(ui, &format!("{year}年{name}"), &text, 60.0, parse_count)
                        {
                            cmds.push(actual_edit(ind, year, field, Value::from_opt_num(v)));
                        }
                    }
                }
                if let Some(t) =
                    commit_text(ui, &format!("{year}年说明"), &actual.note, true, note_width)
                {
                    cmds.push(actual_edit(
                        ind,
                        year,
                        ActualField::Note,
                        Value::Text(t.trim().to_owned()),
                    ));
                }
                if let Some(t) = commit_text(
                    ui,
                    &format!("{year}年数据来源"),
                    &actual.source,
                    false,
                    160.0,
                ) {
                    cmds.push(actual_edit(
                        ind,
                        year,
                        ActualField::Source,
                        Value::Text(t.trim().to_owned()),
                    ));
                }
                ui.end_row();
            }
        });
}

fn parse_count(text: &str) -> Result<Option<f64>, String> {
    match parse_plain_number(text)? {
        Some(v) if v < 0.0 => Err("人数不能为负数".to_owned()),
        v => Ok(v),
    }
}

fn actual_edit(ind: &Indicator, year: i32, field: ActualField, value: Value) -> Command {
    Command::Edit {
        edits: vec![Edit::Set(Field::Actual(ind.id, year, field), value)],
        action: "录入".into(),
    }
}

fn history_ui(ui: &mut Ui, pv: &PlanView) {
    ui.label(RichText::new("修改历史").strong());
    if pv.history.is_empty() {
        ui.label(RichText::new("尚无修改记录").color(theme::GREY));
        return;
    }
    egui::Grid::new("indicator_history")
        .striped(true)
        .show(ui, |ui| {
            for title in ["时间", "操作", "内容", "原值", "新值"] {
                ui.strong(title);
            }
            ui.end_row();
            for h in pv.history {
                ui.label(&h.at);
                ui.label(&h.action);
                ui.label(&h.label);
                ui.label(&h.old);
                ui.label(&h.new);
                ui.end_row();
            }
        });
}
