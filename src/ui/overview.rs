//! 总览: counts by status, the indicators that need attention, and every indicator's
//! progress against 序时进度 grouped by category.

use egui::{RichText, Ui};

use super::{Command, PlanView, View, theme};
use crate::domain::closeout::{
    EvaluationKind, FinalJudgement, FinalVerdict, count_sentence, count_verdicts, evaluation_kind,
    judge_plan,
};
use crate::domain::edit::{Edit, Field, PlanField, Value};
use crate::domain::explain::progress_text;
use crate::domain::input::format_percent;
use crate::domain::rules::attention_rank;
use crate::domain::rules::{count_statuses, time_elapsed};
use crate::domain::{IndicatorId, IndicatorKind, Status};

/// The attention list shows this many; the indicator grid's status filter shows them all.
const ATTENTION_LIMIT: usize = 60;

/// Above this many indicators the chart shows one category at a time.
const CHART_ALL_LIMIT: usize = 80;

#[derive(Default)]
pub struct OverviewState {
    pub chart_category: Option<String>,
}

pub fn overview_ui(ui: &mut Ui, state: &mut OverviewState, pv: &PlanView, cmds: &mut Vec<Command>) {
    let kind = evaluation_kind(&pv.plan.info, pv.year);
    ui.horizontal(|ui| {
        super::widgets::heading(ui, &pv.plan.info.name);
        ui.label(
            RichText::new(format!(
                "评估年度：{}年（{}）　截至{}",
                pv.year,
                kind.label(),
                pv.as_of
            ))
            .color(theme::ACCENT)
            .strong(),
        );
        evaluation_kind_ui(ui, pv, cmds);
    });
    if kind == EvaluationKind::Final {
        // Judged once a frame, for the counts and the list.
        let judgements = judge_plan(pv.plan, pv.year);
        final_ui(ui, pv, &judgements, cmds);
        ui.add_space(6.0);
        ui.columns(2, |cols| {
            shortfall_ui(&mut cols[0], pv, &judgements, cmds);
            chart_ui(&mut cols[1], state, pv, cmds);
        });
        return;
    }
    counts_ui(ui, pv, cmds);
    ui.add_space(6.0);
    ui.columns(2, |cols| {
        attention_ui(&mut cols[0], pv, cmds);
        chart_ui(&mut cols[1], state, pv, cmds);
    });
}

/// The plan's choice of evaluation kind; "按年份" leaves it to the year (总结评估 in the last).
fn evaluation_kind_ui(ui: &mut Ui, pv: &PlanView, cmds: &mut Vec<Command>) {
    let chosen = pv.plan.info.closeout.evaluation_kind;
    let text =
        |k: Option<EvaluationKind>| k.map_or_else(|| "按年份".to_owned(), |k| k.label().to_owned());
    let mut picked = chosen;
    ui.add_enabled_ui(pv.writable, |ui| {
        let combo = egui::ComboBox::from_id_salt("evaluation_kind")
            .selected_text(format!("评估类型：{}", text(chosen)))
            .show_ui(ui, |ui| {
                for k in [
                    None,
                    Some(EvaluationKind::Annual),
                    Some(EvaluationKind::Midterm),
                    Some(EvaluationKind::Final),
                ] {
                    ui.selectable_value(&mut picked, k, text(k));
                }
            })
            .response
            .on_hover_text("按年份：规划末年为总结评估，此前为年度监测");
        super::widgets::name_widget(ui, &combo, &format!("评估类型：{}", text(chosen)));
    });
    if picked != chosen {
        let value = picked.map_or(Value::Null, |k| Value::text(k.code()));
        cmds.push(Command::Edit {
            edits: vec![Edit::Set(Field::Plan(PlanField::EvaluationKind), value)],
            action: "设置评估类型".to_owned(),
        });
    }
}

/// 总结评估: the count sentence the reports use and the verdicts counted.
fn final_ui(ui: &mut Ui, pv: &PlanView, judgements: &[FinalJudgement], cmds: &mut Vec<Command>) {
    let counts = count_verdicts(pv.plan, judgements);
    ui.label(RichText::new(count_sentence(&counts)).size(17.0).strong());
    ui.horizontal_wrapped(|ui| {
        let boxes = [
            ("已完成", counts.met, theme::GREEN),
            ("其中超额完成", counts.exceeded, theme::GREEN),
            ("其中提前完成", counts.early, theme::GREEN),
            ("基本完成", counts.basic, theme::YELLOW),
            ("未完成", counts.not_done, theme::RED),
            ("未能评价", counts.unjudged, theme::GREY),
        ];
        for (word, n, color) in boxes {
            if n == 0 && word.starts_with("未能") {
                continue;
            }
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.vertical(|ui| {
                    ui.label(RichText::new(word).color(color));
                    ui.label(
                        RichText::new(n.to_string())
                            .size(26.0)
                            .strong()
                            .color(color),
                    );
                });
            });
        }
        let estimates = judgements.iter().filter(|j| j.estimate).count();
        if estimates > 0 {
            ui.separator();
            ui.label(
                RichText::new(format!("{estimates}项按预计值评价，正式数据公布后请更新"))
                    .color(theme::YELLOW),
            );
        }
        if ui.link("评价规则").clicked() {
            cmds.push(Command::ShowHelp);
        }
    });
}

/// 总结评估: the indicators short of their target, 未完成 first, with their reason.
fn shortfall_ui(
    ui: &mut Ui,
    pv: &PlanView,
    judgements: &[FinalJudgement],
    cmds: &mut Vec<Command>,
) {
    ui.label(RichText::new("未完成和基本完成的指标").strong());
    let mut short: Vec<(u8, &crate::domain::Indicator, &FinalJudgement)> = judgements
        .iter()
        .filter_map(|j| {
            let rank = match j.verdict()? {
                FinalVerdict::NotDone => 0,
                FinalVerdict::Basically => 1,
                _ => return None,
            };
            Some((rank, pv.indicator(j.indicator)?, j))
        })
        .collect();
    short.sort_by_key(|(rank, _, _)| *rank);
    let total = short.len();
    short.truncate(ATTENTION_LIMIT);
    egui::ScrollArea::vertical()
        .id_salt("shortfall")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if short.is_empty() {
                ui.label(RichText::new("主要指标均已完成。").color(theme::GREEN));
            }
            // Tasks still open at the end are part of the close-out too.
            let overdue: Vec<&crate::domain::Task> = pv
                .plan
                .tasks_in_outline_order()
                .into_iter()
                .filter(|t| {
                    crate::domain::commitments::task_state(t, pv.as_of, pv.plan.info.due_soon_days)
                        == crate::domain::commitments::TaskState::Overdue
                })
                .collect();
            overdue_tasks_ui(ui, pv, &overdue, cmds);
            if total > ATTENTION_LIMIT {
                ui.label(
                    RichText::new(format!(
                        "共{total}项，这里列出前{ATTENTION_LIMIT}项，全部见导出的主要指标完成情况表"
                    ))
                    .color(theme::GREY),
                );
            }
            for (rank, ind, j) in short {
                let color = if rank == 0 { theme::RED } else { theme::YELLOW };
                ui.horizontal_wrapped(|ui| {
                    if ui.link(&ind.name).clicked() {
                        cmds.push(Command::Show(View::Detail(ind.id)));
                    }
                    ui.label(RichText::new(j.verdict_text()).color(color).strong());
                    ui.label(format!("目标完成度{}", j.completion_text()));
                });
                let c = &ind.closeout;
                let reason = match (c.miss_reason, c.miss_note.trim()) {
                    (Some(r), "") => r.label().to_owned(),
                    (Some(r), note) => format!("{}；{note}", r.label()),
                    (None, note) if !note.is_empty() => note.to_owned(),
                    _ => ind
                        .actuals
                        .get(&pv.year)
                        .map(|a| a.note.trim().to_owned())
                        .unwrap_or_default(),
                };
                if reason.is_empty() {
                    ui.label(RichText::new("未填写未完成原因").color(theme::ERROR_TEXT));
                } else {
                    ui.label(format!("原因：{reason}"));
                }
                ui.add_space(4.0);
            }
        });
}

fn counts_ui(ui: &mut Ui, pv: &PlanView, cmds: &mut Vec<Command>) {
    let counts = count_statuses(pv.order.iter().filter_map(|id| pv.eval(*id)));
    ui.horizontal_wrapped(|ui| {
        for (status, n) in &counts.by_status {
            // The four words of the national review always; the others when they occur.
            let always = matches!(
                status,
                Status::AheadDone | Status::Faster | Status::OnTrack | Status::Behind
            );
            if !always && *n == 0 {
                continue;
            }
            let color = theme::status_word_color(*status);
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.vertical(|ui| {
                    super::widgets::status_word(
                        ui,
                        RichText::new(status.label()).color(color),
                        "",
                        cmds,
                    );
                    ui.label(
                        RichText::new(n.to_string())
                            .size(26.0)
                            .strong()
                            .color(color),
                    );
                });
            });
        }
        ui.separator();
        for (light, n) in &counts.by_light {
            ui.label(
                RichText::new(format!("{} {} {n}", light.symbol(), light.label()))
                    .color(theme::light_color(*light))
                    .strong(),
            );
        }
        if counts.warnings > 0 {
            ui.label(
                RichText::new(format!("！约束性指标预警 {} 项", counts.warnings))
                    .color(theme::RED)
                    .strong()
                    .background_color(theme::WARNING_BG),
            );
        }
    });
}

fn attention_ui(ui: &mut Ui, pv: &PlanView, cmds: &mut Vec<Command>) {
    ui.label(RichText::new("需要关注的指标和任务").strong());
    let mut items: Vec<(u8, IndicatorId)> = pv
        .order
        .iter()
        .filter_map(|id| {
            let rank = attention_rank(pv.eval(*id)?)?;
            Some((rank, *id))
        })
        .collect();
    items.sort_by_key(|(rank, _)| *rank);
    let total = items.len();
    items.truncate(ATTENTION_LIMIT);
    let overdue: Vec<&crate::domain::Task> = pv
        .plan
        .tasks_in_outline_order()
        .into_iter()
        .filter(|t| {
            crate::domain::commitments::task_state(t, pv.as_of, pv.plan.info.due_soon_days)
                == crate::domain::commitments::TaskState::Overdue
        })
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("attention")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if items.is_empty() {
                ui.label(RichText::new("所有已填报指标均达到序时进度。").color(theme::GREEN));
            }
            // Warnings first, then overdue tasks, then the other indicators.
            let mut overdue_shown = false;
            for (rank, id) in items {
                if rank > 0 && !overdue_shown {
                    overdue_tasks_ui(ui, pv, &overdue, cmds);
                    overdue_shown = true;
                }
                let (Some(ind), Some(e)) = (pv.indicator(id), pv.eval(id)) else {
                    continue;
                };
                let frame = if rank == 0 {
                    egui::Frame::new()
                        .fill(theme::WARNING_BG)
                        .inner_margin(4.0)
                        .corner_radius(4.0)
                } else {
                    egui::Frame::new().inner_margin(4.0)
                };
                frame.show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        let tag = if rank == 0 { "预警" } else { e.light.label() };
                        ui.label(
                            RichText::new(format!("{} {tag}", e.light.symbol()))
                                .color(theme::light_color(e.light))
                                .strong(),
                        );
                        if ui.link(&ind.name).clicked() {
                            cmds.push(Command::Show(View::Detail(id)));
                        }
                        let detail = match (e.status, e.progress) {
                            (Status::NotReported, _) => e.status.label().to_owned(),
                            (_, None) => crate::domain::explain::basis_text(e, ind),
                            _ => format!(
                                "进度 {}，序时 {}",
                                progress_text(e),
                                format_percent(e.elapsed)
                            ),
                        };
                        ui.label(RichText::new(detail).color(theme::GREY));
                    });
                    if rank <= 1 {
                        let note = ind
                            .actuals
                            .get(&pv.year)
                            .map(|a| a.note.trim())
                            .unwrap_or("");
                        if note.is_empty() {
                            ui.label(
                                RichText::new("说明：（未填写，上报前需补充）")
                                    .color(theme::ERROR_TEXT),
                            );
                        } else {
                            ui.label(format!("说明：{note}"));
                        }
                    }
                });
            }
            if !overdue_shown {
                overdue_tasks_ui(ui, pv, &overdue, cmds);
            }
            if total > ATTENTION_LIMIT {
                let more = format!(
                    "……另有 {} 项，可在“指标”中按评价筛选查看",
                    total - ATTENTION_LIMIT
                );
                if ui.link(more).clicked() {
                    cmds.push(Command::Show(View::Indicators));
                }
            }
        });
}

fn chart_ui(ui: &mut Ui, state: &mut OverviewState, pv: &PlanView, cmds: &mut Vec<Command>) {
    let categories = pv.plan.categories();
    let show_all_allowed = pv.order.len() <= CHART_ALL_LIMIT;
    if !show_all_allowed && state.chart_category.is_none() {
        state.chart_category = categories.first().cloned();
    }
    ui.horizontal(|ui| {
        ui.label(RichText::new("完成进度与序时进度").strong());
        let combo = egui::ComboBox::from_id_salt("chart_category")
            .selected_text(state.chart_category.as_deref().unwrap_or("全部类别"))
            .show_ui(ui, |ui| {
                if show_all_allowed {
                    ui.selectable_value(&mut state.chart_category, None, "全部类别");
                }
                for c in &categories {
                    ui.selectable_value(&mut state.chart_category, Some(c.clone()), c);
                }
            })
            .response;
        crate::ui::widgets::name_widget(ui, &combo, "图表类别");
    });

    enum Row {
        Category(String),
        Indicator(IndicatorId),
    }
    let mut rows: Vec<Row> = Vec::new();
    for cat in categories
        .iter()
        .filter(|c| state.chart_category.as_ref().is_none_or(|s| s == *c))
    {
        let members: Vec<IndicatorId> = pv
            .order
            .iter()
            .copied()
            .filter(|id| {
                pv.plan
                    .indicator(*id)
                    .is_some_and(|i| &i.category == cat && i.kind != IndicatorKind::YesNo)
            })
            .collect();
        if !members.is_empty() {
            rows.push(Row::Category(if cat.is_empty() {
                "未分类".to_owned()
            } else {
                cat.clone()
            }));
            rows.extend(members.into_iter().map(Row::Indicator));
        }
    }
    let plan_elapsed = time_elapsed(pv.plan.info.base_year, pv.plan.info.last_year, pv.year);
    let colours = if pv.final_review() {
        "颜色与符号为总结评估结论（已完成、基本完成、未完成）"
    } else {
        "颜色与符号为灯色"
    };
    ui.label(
        RichText::new(format!(
            "竖线为序时进度（{}年末 {:.0}%）；条形长度为完成进度，{colours}。",
            pv.year,
            plan_elapsed * 100.0
        ))
        .small()
        .color(theme::GREY),
    );
    let row_height = 22.0;
    egui::ScrollArea::vertical()
        .id_salt("progress_chart")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for row in &rows[range] {
                match row {
                    Row::Category(name) => {
                        ui.add_sized(
                            [ui.available_width(), row_height],
                            egui::Label::new(RichText::new(name).strong()),
                        );
                    }
                    Row::Indicator(id) => {
                        if progress_row_ui(ui, pv, *id, row_height) {
                            cmds.push(Command::Show(View::Detail(*id)));
                        }
                    }
                }
            }
        });
}

/// One bar: name, progress against the 序时进度 tick, the number. Returns true when clicked.
fn progress_row_ui(ui: &mut Ui, pv: &PlanView, id: IndicatorId, height: f32) -> bool {
    const MAX_PCT: f32 = 150.0;
    let (Some(ind), Some(e), Some(verdict)) = (pv.indicator(id), pv.eval(id), pv.verdict(id))
    else {
        return false;
    };
    let light = verdict.light;
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::click());
    let painter = ui.painter_at(rect);
    let name_w = (width * 0.38).min(190.0);
    let number_w = 64.0;
    let track = egui::Rect::from_min_max(
        egui::pos2(rect.left() + name_w, rect.top() + 4.0),
        egui::pos2(rect.right() - number_w, rect.bottom() - 4.0),
    );
    let text_color = ui.visuals().text_color();
    let font = egui::FontId::proportional(13.0);
    let name: String = ind.name.chars().take(12).collect();
    let name = if ind.name.chars().count() > 12 {
        format!("{name}…")
    } else {
        name
    };
    painter.text(
        egui::pos2(rect.left(), rect.center().y),
        egui::Align2::LEFT_CENTER,
        name,
        font.clone(),
        text_color,
    );
    if response.hovered() {
        painter.rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
    }
    painter.rect_filled(track, 2.0, egui::Color32::from_gray(235));
    let x_of = |pct: f32| track.left() + track.width() * (pct.clamp(0.0, MAX_PCT) / MAX_PCT);
    if let Some(p) = e.progress {
        let fill =
            egui::Rect::from_min_max(track.min, egui::pos2(x_of(p as f32 * 100.0), track.max.y));
        painter.rect_filled(fill, 2.0, theme::light_color(light));
    }
    for (pct, color) in [
        (100.0, theme::GREEN),
        (
            e.elapsed.map_or(100.0, |v| v as f32 * 100.0),
            theme::PLAN_LINE,
        ),
    ] {
        let x = x_of(pct);
        painter.line_segment(
            [
                egui::pos2(x, rect.top() + 1.0),
                egui::pos2(x, rect.bottom() - 1.0),
            ],
            egui::Stroke::new(if color == theme::GREEN { 1.0 } else { 2.0 }, color),
        );
    }
    let label = match e.progress {
        Some(p) => format!("{} {:.0}%", light.symbol(), p * 100.0),
        None => format!("{} {}", light.symbol(), verdict.word),
    };
    painter.text(
        egui::pos2(rect.right(), rect.center().y),
        egui::Align2::RIGHT_CENTER,
        &label,
        font,
        theme::light_color(light),
    );
    crate::ui::widgets::name_widget(ui, &response, &format!("{} {label}", ind.name));
    let clicked = response.clicked();
    response.on_hover_text(format!(
        "{}：{}。{}（点击查看详情）",
        ind.name, verdict.word, verdict.basis
    ));
    clicked
}

/// Tasks past their deadline on the 评估日期: the first few, and a link to all of them.
fn overdue_tasks_ui(
    ui: &mut Ui,
    pv: &PlanView,
    overdue: &[&crate::domain::Task],
    cmds: &mut Vec<Command>,
) {
    const OVERDUE_SHOWN: usize = 3;
    if overdue.len() > OVERDUE_SHOWN
        && ui
            .link(format!(
                "另有{}项任务逾期（截至{}），查看全部",
                overdue.len() - OVERDUE_SHOWN,
                pv.as_of
            ))
            .clicked()
    {
        cmds.push(Command::ShowOverdueTasks);
    }
    for t in overdue.iter().take(OVERDUE_SHOWN) {
        egui::Frame::new()
            .fill(theme::WARNING_BG)
            .inner_margin(4.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new("■ 任务逾期").color(theme::RED).strong());
                    if ui.link(&t.title).clicked() {
                        cmds.push(Command::ShowTask(t.id));
                    }
                    let due = t.deadline_date.map_or_else(String::new, |d| d.to_string());
                    ui.label(
                        RichText::new(format!("{}　完成时限{due}（{}）", t.lead_unit, t.deadline))
                            .color(theme::GREY),
                    );
                });
            });
    }
}
