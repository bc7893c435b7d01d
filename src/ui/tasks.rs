//! 任务: key tasks and projects with lead unit, deadline, budget, status and this year's
//! progress, all editable; filtered by lead unit and status.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::widgets::{commit_parsed, commit_text, option_filter_ui};
use super::{Command, DeleteTarget, PlanView, theme};
use crate::domain::commitments::{TaskState, deadline_from_wording, task_state};
use crate::domain::edit::{Edit, Field, TaskField, Value};
use crate::domain::input::{format_number, parse_plain_number};
use crate::domain::{Task, TaskId, TaskStatus};

#[derive(Default)]
pub struct TasksState {
    pub lead_unit: Option<String>,
    /// Filter by the state of the day.
    pub state: Option<TaskState>,
    pub highlight: Option<TaskId>,
    pub scroll_to_highlight: bool,
}

fn set(task: &Task, field: TaskField, value: Value) -> Command {
    Command::Edit {
        edits: vec![Edit::Set(Field::Task(task.id, field), value)],
        action: "修改任务".into(),
    }
}

pub fn tasks_ui(ui: &mut Ui, state: &mut TasksState, pv: &PlanView, cmds: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        super::widgets::heading(ui, "重点任务与重点工程");
        option_filter_ui(ui, "牵头单位", &mut state.lead_unit, &pv.plan.lead_units());
        ui.label("状态");
        let combo = egui::ComboBox::from_id_salt("task_status")
            .selected_text(state.state.map_or("全部", TaskState::label))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.state, None, "全部");
                for &s in TaskState::ALL {
                    ui.selectable_value(&mut state.state, Some(s), s.label());
                }
            })
            .response;
        crate::ui::widgets::name_widget(ui, &combo, "任务状态筛选");
        ui.label("评估日期");
        if let Some(Some(day)) =
            commit_parsed(ui, "评估日期", &pv.as_of.to_string(), 96.0, parse_day)
        {
            cmds.push(Command::SetAsOf(day));
        }
        ui.label(
            RichText::new(format!("（{}天内到期为临期）", pv.plan.info.due_soon_days))
                .small()
                .color(theme::GREY),
        );
        ui.separator();
        // One delete for the selected row (with a confirmation, undone like any edit) rather
        // than a button on every row beside the fields being typed in.
        let selected = state.highlight.filter(|id| pv.plan.task(*id).is_some());
        let delete = ui
            .add_enabled(selected.is_some(), egui::Button::new("删除所选任务…"))
            .on_hover_text("删除选中的任务（会先确认，可撤销）；也可按 Delete 键")
            .on_disabled_hover_text("先单击表格中的一行选中任务");
        let delete_key = selected.is_some()
            && !ui.ctx().text_edit_focused()
            && ui.input(|i| i.key_pressed(egui::Key::Delete));
        if let Some(id) = selected
            && (delete.clicked() || delete_key)
        {
            cmds.push(Command::ConfirmDelete(DeleteTarget::Task(id)));
        }
    });
    let days = pv.plan.info.due_soon_days;
    let mut tasks = pv.plan.tasks_in_outline_order();
    tasks.retain(|t| {
        state.lead_unit.as_ref().is_none_or(|u| &t.lead_unit == u)
            && state
                .state
                .is_none_or(|s| task_state(t, pv.as_of, days) == s)
    });
    let year = pv.year;
    let widths = TaskColumnWidths::measure(ui, pv, &tasks, year);
    egui::ScrollArea::horizontal()
        .id_salt("tasks_hscroll")
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt("task_table")
                .striped(true)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::exact(widths.chapter).clip(true))
                .column(Column::exact(widths.title).clip(true))
                .column(Column::exact(widths.unit))
                .column(Column::exact(widths.deadline))
                .column(Column::exact(TaskColumnWidths::BUDGET))
                .column(Column::exact(widths.state))
                .column(Column::remainder().at_least(widths.progress))
                .sense(egui::Sense::click())
                .min_scrolled_height(0.0);
            if state.scroll_to_highlight {
                if let Some(pos) = tasks.iter().position(|t| Some(t.id) == state.highlight) {
                    table = table.scroll_to_row(pos, Some(egui::Align::Center));
                }
                state.scroll_to_highlight = false;
            }
            table
                .header(theme::ROW_HEIGHT + 4.0, |mut h| {
                    for title in [
                        "章节",
                        "任务/工程",
                        "牵头单位",
                        "完成时限",
                        "预算（万元）",
                        "状态",
                        &format!("{year}年进展"),
                    ] {
                        h.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|body| {
                    body.rows(theme::ROW_HEIGHT + 6.0, tasks.len(), |mut row| {
                        let task = tasks[row.index()];
                        let highlighted = state.highlight == Some(task.id);
                        row.set_selected(highlighted);
                        row.col(|ui| {
                            // The section under its parent: "1.坚持…" alone says little.
                            let (parent, own) = section_lines(pv, task);
                            let whole = format!("{parent}\n{own}");
                            ui.vertical(|ui| {
                                ui.spacing_mut().item_spacing.y = 0.0;
                                if !parent.is_empty() {
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(&parent)
                                                .size(SECTION_LINE)
                                                .color(theme::GREY),
                                        )
                                        .truncate()
                                        .selectable(false),
                                    );
                                }
                                // Not selectable text: a click here selects the row.
                                ui.add(
                                    egui::Label::new(RichText::new(&own).size(SECTION_LINE))
                                        .truncate()
                                        .selectable(false),
                                );
                            })
                            .response
                            .on_hover_text(whole.trim());
                        });
                        row.col(|ui| {
                            let kind = if task.kind == crate::domain::TaskKind::Project {
                                "【工程】"
                            } else {
                                ""
                            };
                            let link = ui.link(format!("{kind}{}", task.title));
                            if link.clicked() {
                                state.highlight = Some(task.id);
                                cmds.push(Command::EditTask(task.id));
                            }
                            link.on_hover_text(if task.measures.is_empty() {
                                format!("{}（点击编辑全部内容）", task.title)
                            } else {
                                format!(
                                    "{}\n具体措施：{}（点击编辑全部内容）",
                                    task.title, task.measures
                                )
                            });
                        });
                        row.col(|ui| {
                            if let Some(t) = commit_text(
                                ui,
                                &format!("{} 牵头单位", task.title),
                                &task.lead_unit,
                                false,
                                widths.unit - TaskColumnWidths::CELL_GAP,
                            ) {
                                cmds.push(set(
                                    task,
                                    TaskField::LeadUnit,
                                    Value::Text(t.trim().to_owned()),
                                ));
                            }
                        });
                        row.col(|ui| {
                            if let Some(t) = commit_text(
                                ui,
                                &format!("{} 完成时限", task.title),
                                &task.deadline,
                                false,
                                widths.deadline - TaskColumnWidths::CELL_GAP,
                            ) {
                                cmds.push(set_deadline(task, t.trim()));
                            }
                        });
                        row.col(|ui| {
                            let budget = task
                                .budget_wan_yuan
                                .map_or_else(String::new, |v| format_number(v, 1));
                            let parse = |t: &str| match parse_plain_number(t)? {
                                Some(v) if v < 0.0 => Err("预算不能为负数".to_owned()),
                                v => Ok(v),
                            };
                            if let Some(v) = commit_parsed(
                                ui,
                                &format!("{} 预算", task.title),
                                &budget,
                                70.0,
                                parse,
                            ) {
                                cmds.push(set(
                                    task,
                                    TaskField::BudgetWanYuan,
                                    Value::from_opt_num(v),
                                ));
                            }
                        });
                        row.col(|ui| {
                            let s = task_state(task, pv.as_of, days);
                            let link = ui.link(state_rich(s));
                            if link.clicked() {
                                state.highlight = Some(task.id);
                                cmds.push(Command::EditTask(task.id));
                            }
                            let due = task
                                .deadline_date
                                .map_or_else(|| "未定".to_owned(), |d| d.to_string());
                            let done = task
                                .completed_date
                                .map_or_else(String::new, |d| format!("，{d}完成"));
                            link.on_hover_text(format!(
                                "完成时限日期：{due}{done}；按{}判断（点击修改日期和责任人）",
                                pv.as_of
                            ));
                        });
                        row.col(|ui| {
                            let current = task.progress.get(&year).cloned().unwrap_or_default();
                            if let Some(t) = commit_text(
                                ui,
                                &format!("{} {year}年进展", task.title),
                                &current,
                                false,
                                f32::INFINITY,
                            ) {
                                cmds.push(Command::Edit {
                                    edits: vec![Edit::Set(
                                        Field::TaskProgress(task.id, year),
                                        Value::Text(t.trim().to_owned()),
                                    )],
                                    action: "填写进展".into(),
                                });
                            }
                        });
                        if row.response().clicked() {
                            state.highlight = Some(task.id);
                        }
                    });
                });
        });
}

/// Widths from the texts shown: unit names and deadlines are never cut; chapters, titles and
/// the progress text share what is left (each shows its whole text on hover), and on a small
/// screen the table scrolls sideways.
struct TaskColumnWidths {
    chapter: f32,
    title: f32,
    unit: f32,
    deadline: f32,
    state: f32,
    progress: f32,
}

impl TaskColumnWidths {
    const BUDGET: f32 = 100.0;
    /// A text field's frame, inner margin and cursor room, both sides together.
    const FIELD_MARGIN: f32 = 26.0;
    /// Between a text field and the next column.
    const CELL_GAP: f32 = 8.0;

    fn measure(ui: &Ui, pv: &PlanView, tasks: &[&Task], year: i32) -> Self {
        use crate::ui::widgets::{share_width, widest_text, widest_text_in};
        let pad = 12.0;
        let chapters: Vec<String> = tasks
            .iter()
            .flat_map(|t| {
                let (parent, own) = section_lines(pv, t);
                [parent, own]
            })
            .collect();
        let chapter = widest_text_in(
            ui,
            egui::TextStyle::Small,
            chapters.iter().map(String::as_str),
        ) + pad;
        let title = widest_text(
            ui,
            tasks.iter().map(|t| t.title.as_str()).chain(["【工程】"]),
        ) + pad;
        let unit = (widest_text(ui, tasks.iter().map(|t| t.lead_unit.as_str()))
            + Self::FIELD_MARGIN
            + Self::CELL_GAP)
            .max(widest_text(ui, ["牵头单位"]) + pad);
        let deadline = (widest_text(ui, tasks.iter().map(|t| t.deadline.as_str()))
            + Self::FIELD_MARGIN
            + Self::CELL_GAP)
            .max(widest_text(ui, ["完成时限"]) + pad);
        let state = widest_text(ui, ["■ 已完成（逾期）"]) + pad;
        // The year's progress as wide as what is written (an empty column gives its room to the
        // task names), at least its header and a field to type in.
        let progress = (widest_text(
            ui,
            tasks
                .iter()
                .filter_map(|t| t.progress.get(&year).map(String::as_str)),
        ) + Self::FIELD_MARGIN
            + pad)
            .max(widest_text(ui, [format!("{year}年进展").as_str()]) + Self::FIELD_MARGIN + pad);

        let columns = 7.0;
        let fixed = unit
            + deadline
            + Self::BUDGET
            + state
            + ui.spacing().item_spacing.x * (columns + 1.0)
            + ui.spacing().scroll.bar_width;
        let shared = share_width(
            &[chapter.min(300.0), title.min(420.0), progress.min(600.0)],
            &[90.0, 160.0, progress.min(160.0)],
            ui.available_width() - fixed,
        );
        Self {
            chapter: shared[0],
            title: shared[1],
            unit,
            deadline,
            state,
            progress: shared[2],
        }
    }
}

/// The 章节 cell's two lines (parent, section) fit a row at this size.
const SECTION_LINE: f32 = 11.0;

/// A task's section as two lines: its parent's heading (empty for a chapter) and its own.
fn section_lines(pv: &PlanView, task: &Task) -> (String, String) {
    let section = pv.plan.section(task.section);
    let parent = section
        .and_then(|s| s.parent)
        .and_then(|p| pv.plan.section(p))
        .map_or_else(String::new, |p| p.heading());
    (parent, section.map_or_else(String::new, |s| s.heading()))
}

fn state_rich(state: TaskState) -> RichText {
    // The same light as in 重点任务台账.
    let light = state.light();
    RichText::new(format!("{} {}", light.symbol(), state.label())).color(theme::light_color(light))
}

fn parse_day(text: &str) -> Result<Option<crate::domain::Date>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse()
        .map(Some)
        .map_err(|_| format!("“{t}”不是日期，请写作 2024-06-30"))
}

/// The deadline as worded, with the date it names (the officer can change the date after).
fn set_deadline(task: &Task, wording: &str) -> Command {
    let mut edits = vec![Edit::Set(
        Field::Task(task.id, TaskField::Deadline),
        Value::text(wording),
    )];
    if let Some(d) = deadline_from_wording(wording) {
        edits.push(Edit::Set(
            Field::Task(task.id, TaskField::DeadlineDate),
            Value::text(d.to_string()),
        ));
    }
    Command::Edit {
        edits,
        action: "修改任务".into(),
    }
}

fn date_value(d: Option<crate::domain::Date>) -> Value {
    d.map_or(Value::Null, |d| Value::text(d.to_string()))
}

/// Every field of one task, for the 任务 dialog.
pub fn task_detail_ui(ui: &mut Ui, pv: &PlanView, id: TaskId, cmds: &mut Vec<Command>) {
    let Some(task) = pv.plan.task(id) else {
        ui.label("该任务已被删除。");
        return;
    };
    ui.set_min_width(600.0);
    egui::Grid::new(("task_detail", id.0))
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            // Labels come from the field table, the same words the history list uses.
            for (field, current, multiline) in [
                (TaskField::Title, &task.title, false),
                (TaskField::Measures, &task.measures, true),
                (TaskField::LeadUnit, &task.lead_unit, false),
                (TaskField::CoUnits, &task.co_units, false),
                (
                    TaskField::ResponsiblePerson,
                    &task.responsible_person,
                    false,
                ),
                (TaskField::AnnualTarget, &task.annual_target, false),
                (TaskField::Remark, &task.remark, false),
            ] {
                let label = field.spec().label;
                if let Some(text) =
                    super::widgets::labelled_commit_text(ui, label, current, multiline, 420.0)
                {
                    let text = text.trim().to_owned();
                    if !(field == TaskField::Title && text.is_empty()) {
                        cmds.push(set(task, field, Value::Text(text)));
                    }
                }
                ui.end_row();
            }
            if let Some(t) =
                super::widgets::labelled_commit_text(ui, "完成时限", &task.deadline, false, 420.0)
            {
                cmds.push(set_deadline(task, t.trim()));
            }
            ui.end_row();
            for (field, current) in [
                (TaskField::DeadlineDate, task.deadline_date),
                (TaskField::CompletedDate, task.completed_date),
            ] {
                let label = field.spec().label;
                ui.label(label);
                ui.horizontal(|ui| {
                    let text = current.map_or_else(String::new, |d| d.to_string());
                    if let Some(day) = commit_parsed(ui, label, &text, 110.0, parse_day) {
                        cmds.push(set(task, field, date_value(day)));
                    }
                    if field == TaskField::CompletedDate
                        && current.is_none()
                        && ui.small_button(format!("标记为{}完成", pv.as_of)).clicked()
                    {
                        cmds.push(set(task, field, date_value(Some(pv.as_of))));
                    }
                });
                ui.end_row();
            }
            ui.label("状态");
            let s = task_state(task, pv.as_of, pv.plan.info.due_soon_days);
            ui.label(state_rich(s))
                .on_hover_text(format!("按{}判断", pv.as_of));
            ui.end_row();
            ui.label("人工标注");
            ui.horizontal(|ui| {
                for &st in TaskStatus::ALL {
                    if ui.radio(task.status == st, st.label()).clicked() && task.status != st {
                        cmds.push(set(task, TaskField::Status, Value::code(st)));
                    }
                }
            });
            ui.end_row();
            ui.label("类型");
            ui.horizontal(|ui| {
                for kind in [
                    crate::domain::TaskKind::Task,
                    crate::domain::TaskKind::Project,
                ] {
                    if ui.radio(task.kind == kind, kind.label()).clicked() && task.kind != kind {
                        cmds.push(set(task, TaskField::Kind, Value::code(kind)));
                    }
                }
            });
            ui.end_row();
        });
    // The rest scrolls within what the window leaves, so the dialog and its 关闭 fit a
    // 1024×600 screen.
    let room = (ui.ctx().content_rect().bottom() - ui.cursor().top() - 140.0).max(48.0);
    egui::ScrollArea::vertical()
        .id_salt(("task_detail_rest", id.0))
        .max_height(room)
        .show(ui, |ui| task_detail_rest_ui(ui, pv, task, cmds));
}

/// Evidence, the close-out, yearly and quarterly progress of a task's dialog.
fn task_detail_rest_ui(
    ui: &mut Ui,
    pv: &PlanView,
    task: &crate::domain::Task,
    cmds: &mut Vec<Command>,
) {
    let id = task.id;
    super::widgets::evidence_ui(ui, pv, crate::domain::EvidenceOwner::Task(id), cmds);
    if crate::domain::closeout::evaluation_kind(&pv.plan.info, pv.year)
        == crate::domain::closeout::EvaluationKind::Final
    {
        super::closeout::task_closeout_ui(ui, pv, task, cmds);
    }
    ui.label(RichText::new("各年度进展").strong());
    egui::Grid::new(("task_progress", id.0))
        .num_columns(2)
        .show(ui, |ui| {
            for year in pv.plan.info.years() {
                let current = task.progress.get(&year).cloned().unwrap_or_default();
                if let Some(t) = super::widgets::labelled_commit_text(
                    ui,
                    &format!("{year}年"),
                    &current,
                    false,
                    420.0,
                ) {
                    cmds.push(Command::Edit {
                        edits: vec![Edit::Set(
                            Field::TaskProgress(task.id, year),
                            Value::Text(t.trim().to_owned()),
                        )],
                        action: "填写进展".into(),
                    });
                }
                ui.end_row();
            }
        });
    ui.label(RichText::new(format!("{}年季度形象进度", pv.year)).strong())
        .on_hover_text("局里按季度调度时逐季填写；评估年度在状态栏切换");
    egui::Grid::new(("task_quarters", id.0))
        .num_columns(2)
        .show(ui, |ui| {
            for quarter in crate::domain::Quarter::of_year(pv.year) {
                let current = task.quarterly.get(&quarter).cloned().unwrap_or_default();
                if let Some(t) = super::widgets::labelled_commit_text(
                    ui,
                    quarter.label(),
                    &current,
                    false,
                    420.0,
                ) {
                    cmds.push(Command::Edit {
                        edits: vec![Edit::Set(
                            Field::TaskQuarter(task.id, quarter),
                            Value::Text(t.trim().to_owned()),
                        )],
                        action: "填写季度形象进度".into(),
                    });
                }
                ui.end_row();
            }
        });
}
