//! 整改: the rectification ledger. Counts by state and by unit, the 动态清零 curve (open items
//! at each month's end), every item with its state on the day, and the selected item's details:
//! dated progress, 销号 (refused without evidence or a written acceptance note) and reopening.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::widgets::{commit_parsed, labelled_commit_text};
use super::{Command, PlanView, theme};
use crate::domain::commitments::{
    CloseRefusal, RectificationSource, RectificationState, check_close, count_by_state,
    open_items_by_month, rectification_state,
};
use crate::domain::edit::{Edit, Field, RectificationField, Value};
use crate::domain::{Date, Rectification, RectificationId};

#[derive(Default)]
pub struct RectificationViewState {
    pub selected: Option<RectificationId>,
    pub unit: Option<String>,
    pub state: Option<RectificationState>,
    /// The progress entry being written: date and text.
    new_progress: (String, String),
    reopen_reason: String,
    message: Option<String>,
}

fn set(id: RectificationId, field: RectificationField, value: Value, action: &str) -> Command {
    Command::Edit {
        edits: vec![Edit::Set(Field::Rectification(id, field), value)],
        action: action.into(),
    }
}

fn parse_day(text: &str) -> Result<Option<Date>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse()
        .map(Some)
        .map_err(|_| format!("“{t}”不是日期，请写作 2024-06-30"))
}

fn date_value(d: Option<Date>) -> Value {
    d.map_or(Value::Null, |d| Value::text(d.to_string()))
}

fn state_rich(state: RectificationState) -> RichText {
    let light = state.light();
    RichText::new(format!("{} {}", light.symbol(), state.label())).color(theme::light_color(light))
}

pub fn rectification_ui(
    ui: &mut Ui,
    state: &mut RectificationViewState,
    pv: &PlanView,
    cmds: &mut Vec<Command>,
) {
    let items = &pv.plan.rectifications;
    ui.horizontal_wrapped(|ui| {
        super::widgets::heading(ui, "整改台账");
        ui.label("评估日期");
        if let Some(Some(day)) =
            commit_parsed(ui, "整改评估日期", &pv.as_of.to_string(), 96.0, parse_day)
        {
            cmds.push(Command::SetAsOf(day));
        }
        if ui.button("导入问题清单…").clicked() {
            cmds.push(Command::ProblemListDialog);
        }
        if ui.button("新增问题").clicked() {
            let mut item = Rectification::new(RectificationId(0), "新问题");
            item.due = None;
            cmds.push(Command::Edit {
                edits: vec![Edit::AddRectification(item)],
                action: "新增整改事项".into(),
            });
        }
    });
    if items.is_empty() {
        ui.label("还没有整改事项。督导、审计、巡察反馈的问题清单可逐条新增，销号时附上验收意见。");
        return;
    }
    let counts = count_by_state(items, pv.as_of);
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("截至{}：共{}项", pv.as_of, items.len()));
        for (s, n) in &counts {
            let selected = state.state == Some(*s);
            if ui
                .selectable_label(
                    selected,
                    RichText::new(format!("{} {}{n}项", s.light().symbol(), s.label()))
                        .color(theme::light_color(s.light())),
                )
                .clicked()
            {
                state.state = if selected { None } else { Some(*s) };
            }
        }
        let open = counts
            .iter()
            .filter(|(s, _)| *s != RectificationState::Closed)
            .map(|(_, n)| n)
            .sum::<usize>();
        ui.label(
            RichText::new(if open == 0 {
                "已全部销号（动态清零）".to_owned()
            } else {
                format!("尚未销号{open}项")
            })
            .strong(),
        );
    });
    // The summary keeps to about a third of the height so the list below still shows rows
    // on a small screen; the unit table scrolls when it is longer.
    let summary_height = (ui.available_height() * 0.3).clamp(110.0, 260.0);
    ui.columns(2, |cols| {
        by_unit_ui(&mut cols[0], pv, state, summary_height);
        clearing_chart(&mut cols[1], pv, summary_height);
    });
    ui.separator();
    let shown: Vec<&Rectification> = items
        .iter()
        .filter(|r| state.unit.as_ref().is_none_or(|u| &r.unit == u))
        .filter(|r| {
            state
                .state
                .is_none_or(|s| rectification_state(r, pv.as_of) == s)
        })
        .collect();
    // The list on the left, the selected item's details on the right (both scroll). With
    // nothing selected the list has the whole width, so that descriptions are read whole.
    let selected = state
        .selected
        .and_then(|id| items.iter().find(|r| r.id == id));
    let Some(item) = selected else {
        ui.label(
            RichText::new("点击问题描述，查看和编辑详情、填写进展、销号。").color(theme::GREY),
        );
        let height = ui.available_height();
        list_ui(ui, state, pv, &shown, height);
        return;
    };
    let height = ui.available_height();
    ui.columns(2, |cols| {
        list_ui(&mut cols[0], state, pv, &shown, height);
        egui::ScrollArea::vertical()
            .id_salt("rectification_detail")
            .max_height(height)
            .show(&mut cols[1], |ui| detail_ui(ui, state, pv, item, cmds));
    });
}

fn list_ui(
    ui: &mut Ui,
    state: &mut RectificationViewState,
    pv: &PlanView,
    shown: &[&Rectification],
    height: f32,
) {
    let items = &pv.plan.rectifications;
    TableBuilder::new(ui)
        .id_salt("rectification_table")
        .striped(true)
        .max_scroll_height(height)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(32.0))
        .column(Column::remainder().at_least(160.0).clip(true))
        .column(Column::initial(90.0).clip(true))
        .column(Column::exact(88.0))
        .column(Column::exact(84.0))
        .header(theme::ROW_HEIGHT + 4.0, |mut h| {
            for t in ["序号", "问题描述", "责任单位", "整改时限", "状态"] {
                h.col(|ui| {
                    ui.strong(t);
                });
            }
        })
        .body(|body| {
            body.rows(theme::ROW_HEIGHT + 4.0, shown.len(), |mut row| {
                let item = shown[row.index()];
                let number = items.iter().position(|r| r.id == item.id).unwrap_or(0) + 1;
                row.set_selected(state.selected == Some(item.id));
                row.col(|ui| {
                    ui.label(number.to_string());
                });
                row.col(|ui| {
                    let closed = item
                        .closed
                        .map_or_else(String::new, |d| format!("（{d}销号）"));
                    if ui
                        .link(&item.problem)
                        .on_hover_text(format!("{}{closed}", item.problem))
                        .clicked()
                    {
                        state.selected = Some(item.id);
                        state.message = None;
                    }
                });
                row.col(|ui| {
                    ui.label(&item.unit);
                });
                row.col(|ui| {
                    ui.label(item.due.map_or_else(String::new, |d| d.to_string()));
                });
                row.col(|ui| {
                    ui.label(state_rich(rectification_state(item, pv.as_of)));
                });
            });
        });
}

fn by_unit_ui(ui: &mut Ui, pv: &PlanView, state: &mut RectificationViewState, height: f32) {
    let mut units: Vec<&str> = pv
        .plan
        .rectifications
        .iter()
        .map(|r| r.unit.as_str())
        .collect();
    units.sort_unstable();
    units.dedup();
    ui.label(RichText::new("按责任单位").strong());
    egui::ScrollArea::vertical()
        .id_salt("rect_by_unit_scroll")
        .max_height(height)
        .show(ui, |ui| by_unit_table(ui, pv, state, units));
}

fn by_unit_table(ui: &mut Ui, pv: &PlanView, state: &mut RectificationViewState, units: Vec<&str>) {
    egui::Grid::new("rect_by_unit")
        .striped(true)
        .show(ui, |ui| {
            for h in ["责任单位", "未销号", "其中逾期", "已销号"] {
                ui.strong(h);
            }
            ui.end_row();
            for unit in units {
                let mine: Vec<RectificationState> = pv
                    .plan
                    .rectifications
                    .iter()
                    .filter(|r| r.unit == unit)
                    .map(|r| rectification_state(r, pv.as_of))
                    .collect();
                let closed = mine
                    .iter()
                    .filter(|s| **s == RectificationState::Closed)
                    .count();
                let overdue = mine
                    .iter()
                    .filter(|s| **s == RectificationState::Overdue)
                    .count();
                let selected = state.unit.as_deref() == Some(unit);
                let label = if unit.is_empty() {
                    "（未填）"
                } else {
                    unit
                };
                if ui.selectable_label(selected, label).clicked() {
                    state.unit = if selected {
                        None
                    } else {
                        Some(unit.to_owned())
                    };
                }
                ui.label((mine.len() - closed).to_string());
                ui.label(RichText::new(overdue.to_string()).color(if overdue > 0 {
                    theme::RED
                } else {
                    ui.visuals().text_color()
                }));
                ui.label(closed.to_string());
                ui.end_row();
            }
        });
}

/// 动态清零: open items at the end of each month.
fn clearing_chart(ui: &mut Ui, pv: &PlanView, height: f32) {
    use egui_plot::{Line, Plot, PlotPoints};
    let curve = open_items_by_month(&pv.plan.rectifications, pv.as_of);
    ui.label(RichText::new("动态清零：各月末未销号问题数").strong());
    if curve.is_empty() {
        return;
    }
    let labels: Vec<String> = curve
        .iter()
        .map(|(d, _)| format!("{}年{}月", d.year(), d.month()))
        .collect();
    let points: PlotPoints = curve
        .iter()
        .enumerate()
        .map(|(i, (_, n))| [i as f64, *n as f64])
        .collect();
    Plot::new("clearing")
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.line(Line::new("未销号", points).width(3.0).color(theme::ACCENT));
        });
}

fn detail_ui(
    ui: &mut Ui,
    state: &mut RectificationViewState,
    pv: &PlanView,
    item: &Rectification,
    cmds: &mut Vec<Command>,
) {
    let id = item.id;
    let current = rectification_state(item, pv.as_of);
    ui.horizontal(|ui| {
        ui.label(RichText::new("整改事项详情").strong());
        ui.label(state_rich(current));
    });
    let evidence = super::widgets::evidence_ui(
        ui,
        pv,
        crate::domain::EvidenceOwner::Rectification(id),
        cmds,
    );
    if item.closed.is_some() {
        ui.label(format!(
            "已于{}销号（审核：{}）。验收意见：{}",
            item.closed.map_or_else(String::new, |d| d.to_string()),
            if item.closed_by.is_empty() {
                "未填"
            } else {
                &item.closed_by
            },
            item.closed_note
        ));
        ui.horizontal(|ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut state.reopen_reason)
                    .hint_text("重新打开的原因（记入进展和修改历史）")
                    .desired_width(360.0),
            );
            super::widgets::name_widget(ui, &r, "重新打开原因");
            if ui.button("重新打开").clicked() {
                if state.reopen_reason.trim().is_empty() {
                    state.message = Some("请写明重新打开的原因".into());
                } else {
                    cmds.push(Command::Edit {
                        edits: vec![
                            Edit::Set(
                                Field::Rectification(id, RectificationField::Closed),
                                Value::Null,
                            ),
                            Edit::Set(
                                Field::RectificationProgress(id, pv.as_of),
                                Value::text(format!("重新打开：{}", state.reopen_reason.trim())),
                            ),
                        ],
                        action: "重新打开整改事项".into(),
                    });
                    state.reopen_reason.clear();
                    state.message = None;
                }
            }
        });
    } else {
        ui.label(RichText::new("销号").strong());
        egui::Grid::new(("rect_close", id.0))
            .num_columns(2)
            .show(ui, |ui| {
                if let Some(t) =
                    labelled_commit_text(ui, "验收意见", &item.closed_note, true, 480.0)
                {
                    cmds.push(set(
                        id,
                        RectificationField::ClosedNote,
                        Value::text(t.trim()),
                        "填写验收意见",
                    ));
                }
                ui.end_row();
                if let Some(t) = labelled_commit_text(ui, "审核人", &item.closed_by, false, 200.0)
                {
                    cmds.push(set(
                        id,
                        RectificationField::ClosedBy,
                        Value::text(t.trim()),
                        "填写验收意见",
                    ));
                }
                ui.end_row();
            });
        if ui.button(format!("按{}销号", pv.as_of)).clicked() {
            match check_close(item, evidence) {
                Ok(()) => {
                    cmds.push(set(
                        id,
                        RectificationField::Closed,
                        Value::text(pv.as_of.to_string()),
                        "销号",
                    ));
                    state.message = None;
                }
                Err(CloseRefusal::NoEvidence) => {
                    state.message =
                        Some("销号需要佐证：请先添加佐证材料，或填写书面验收意见（说明整改结果和依据）。".into());
                }
                Err(CloseRefusal::AlreadyClosed) => {}
            }
        }
    }
    if let Some(m) = &state.message {
        ui.label(RichText::new(m).color(theme::ERROR_TEXT));
    }
    ui.separator();
    egui::Grid::new(("rect_detail", id.0))
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            ui.label("问题来源");
            ui.horizontal(|ui| {
                for &s in RectificationSource::ALL {
                    if ui.radio(item.source == s, s.label()).clicked() && item.source != s {
                        cmds.push(set(
                            id,
                            RectificationField::Source,
                            Value::code(s),
                            "修改整改事项",
                        ));
                    }
                }
            });
            ui.end_row();
            for (label, field, text, multiline) in [
                ("批次", RectificationField::Batch, &item.batch, false),
                ("问题描述", RectificationField::Problem, &item.problem, true),
                (
                    "整改措施",
                    RectificationField::Measures,
                    &item.measures,
                    true,
                ),
                ("责任单位", RectificationField::Unit, &item.unit, false),
                ("责任人", RectificationField::Person, &item.person, false),
            ] {
                if let Some(t) = labelled_commit_text(ui, label, text, multiline, 480.0) {
                    let t = t.trim().to_owned();
                    if !(field == RectificationField::Problem && t.is_empty()) {
                        cmds.push(set(id, field, Value::Text(t), "修改整改事项"));
                    }
                }
                ui.end_row();
            }
            for (label, field, day) in [
                ("反馈日期", RectificationField::BatchDate, item.batch_date),
                ("整改时限", RectificationField::Due, item.due),
            ] {
                ui.label(label);
                let text = day.map_or_else(String::new, |d| d.to_string());
                if let Some(d) = commit_parsed(ui, label, &text, 110.0, parse_day) {
                    cmds.push(set(id, field, date_value(d), "修改整改事项"));
                }
                ui.end_row();
            }
        });
    ui.label(RichText::new("整改进展").strong());
    for p in &item.progress {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(p.date.to_string()).color(theme::GREY));
            ui.label(&p.text);
            if ui.small_button("删除").clicked() {
                cmds.push(Command::Edit {
                    edits: vec![Edit::Set(
                        Field::RectificationProgress(id, p.date),
                        Value::text(""),
                    )],
                    action: "删除整改进展".into(),
                });
            }
        });
    }
    ui.horizontal(|ui| {
        if state.new_progress.0.is_empty() {
            state.new_progress.0 = pv.as_of.to_string();
        }
        let date =
            ui.add(egui::TextEdit::singleline(&mut state.new_progress.0).desired_width(96.0));
        super::widgets::name_widget(ui, &date, "进展日期");
        let text = ui.add(
            egui::TextEdit::singleline(&mut state.new_progress.1)
                .hint_text("本次整改进展")
                .desired_width(360.0),
        );
        super::widgets::name_widget(ui, &text, "进展内容");
        if ui.button("记录进展").clicked() {
            match parse_day(&state.new_progress.0) {
                Ok(Some(day)) if !state.new_progress.1.trim().is_empty() => {
                    cmds.push(Command::Edit {
                        edits: vec![Edit::Set(
                            Field::RectificationProgress(id, day),
                            Value::text(state.new_progress.1.trim()),
                        )],
                        action: "填写整改进展".into(),
                    });
                    state.new_progress.1.clear();
                    state.message = None;
                }
                Ok(_) => state.message = Some("请填写进展日期和内容".into()),
                Err(e) => state.message = Some(e),
            }
        }
    });
    if ui.small_button("删除此整改事项").clicked() {
        cmds.push(Command::Edit {
            edits: vec![Edit::DeleteRectification(id)],
            action: "删除整改事项".into(),
        });
        state.selected = None;
    }
}
