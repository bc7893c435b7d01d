//! The left panel: the plan outline as a tree, with a search box.

use egui::{RichText, Ui};

use super::{Command, DeleteTarget, PlanView, RenameTarget, View, theme};
use crate::domain::edit::{Edit, Field, IndicatorField, SectionField, Value};
use crate::domain::{Indicator, SectionId, Task};

#[derive(Default)]
pub struct TreeState {
    pub search: String,
}

pub fn tree_ui(
    ui: &mut Ui,
    state: &mut TreeState,
    pv: &PlanView,
    current: View,
    cmds: &mut Vec<Command>,
) {
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    ui.horizontal(|ui| {
        let label = ui.label("搜索");
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .hint_text("指标、任务或牵头单位")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let query = state.search.trim();
            if query.is_empty() {
                for chapter in pv.plan.child_sections(None) {
                    section_ui(ui, pv, chapter.id, 0, current, cmds);
                }
                if ui.button("＋ 新增章").clicked() {
                    cmds.push(Command::Edit {
                        edits: vec![Edit::AddSection {
                            parent: None,
                            numbering: String::new(),
                            title: "新章节".into(),
                        }],
                        action: "新增章节".into(),
                    });
                }
            } else {
                let mut any = false;
                for id in pv.order {
                    let Some(ind) = pv.indicator(*id) else {
                        continue;
                    };
                    if ind.name.contains(query)
                        || ind.lead_unit.contains(query)
                        || ind.category.contains(query)
                    {
                        indicator_row(ui, pv, ind, current, cmds);
                        any = true;
                    }
                }
                for task in &pv.plan.tasks {
                    if task.title.contains(query) || task.lead_unit.contains(query) {
                        task_row(ui, task, cmds);
                        any = true;
                    }
                }
                if !any {
                    ui.label(RichText::new("没有找到匹配的指标或任务").color(theme::GREY));
                }
            }
        });
}

fn section_ui(
    ui: &mut Ui,
    pv: &PlanView,
    id: SectionId,
    depth: usize,
    current: View,
    cmds: &mut Vec<Command>,
) {
    let Some(section) = pv.plan.section(id) else {
        return;
    };
    let children = pv.plan.child_sections(Some(id));
    let indicators = pv.plan.section_indicators(id);
    let tasks = pv.plan.section_tasks(id);
    let title = section.heading();
    // Long headings end in "…" inside the panel (whole on hover) rather than widening it.
    let room = ui.available_width() - ui.spacing().indent - ui.spacing().button_padding.x;
    let mut job = egui::text::LayoutJob::simple_singleline(
        title.clone(),
        egui::TextStyle::Button.resolve(ui.style()),
        ui.visuals().strong_text_color(),
    );
    job.wrap = egui::text::TextWrapping::truncate_at_width(room.max(40.0));
    let heading = ui.fonts_mut(|f| f.layout_job(job));
    let header = egui::CollapsingHeader::new(heading)
        .id_salt(("section", id.0))
        // Large plans open with their chapters only, so the tree stays quick to draw.
        .default_open(
            depth == 0 || (depth == 1 && !indicators.is_empty() && pv.plan.indicators.len() <= 200),
        )
        .show(ui, |ui| {
            for ind in &indicators {
                indicator_row(ui, pv, ind, current, cmds);
            }
            for task in &tasks {
                task_row(ui, task, cmds);
            }
            for child in &children {
                section_ui(ui, pv, child.id, depth + 1, current, cmds);
            }
        });
    header
        .header_response
        .on_hover_text(&title)
        .context_menu(|ui| {
            let additions = [
                (
                    "新增下级章节",
                    "新增章节",
                    Edit::AddSection {
                        parent: Some(id),
                        numbering: String::new(),
                        title: "新章节".into(),
                    },
                ),
                (
                    "在此新增指标",
                    "新增指标",
                    Edit::AddIndicator {
                        section: id,
                        name: "新指标".into(),
                    },
                ),
                (
                    "在此新增任务",
                    "新增任务",
                    Edit::AddTask {
                        section: id,
                        title: "新任务".into(),
                    },
                ),
            ];
            for (button, action, edit) in additions {
                if ui.button(button).clicked() {
                    cmds.push(Command::Edit {
                        edits: vec![edit],
                        action: action.into(),
                    });
                }
            }
            ui.separator();
            if ui.button("重命名…").clicked() {
                cmds.push(Command::Rename(RenameTarget::Section(id)));
            }
            let siblings = pv.plan.child_sections(section.parent);
            let pos = siblings.iter().position(|s| s.id == id).unwrap_or(0);
            let swap = |other: usize| {
                let a = siblings[pos];
                let b = siblings[other];
                Command::Edit {
                    edits: vec![
                        Edit::Set(
                            Field::Section(a.id, SectionField::Position),
                            Value::Int(b.position),
                        ),
                        Edit::Set(
                            Field::Section(b.id, SectionField::Position),
                            Value::Int(a.position),
                        ),
                    ],
                    action: "调整顺序".into(),
                }
            };
            move_buttons_ui(ui, pos, siblings.len(), swap, cmds);
            ui.separator();
            if ui.button("删除章节…").clicked() {
                cmds.push(Command::ConfirmDelete(DeleteTarget::Section(id)));
            }
        });
}

/// 上移/下移 within `len` siblings, `pos` being this one; `swap(other)` makes the command.
fn move_buttons_ui(
    ui: &mut Ui,
    pos: usize,
    len: usize,
    swap: impl Fn(usize) -> Command,
    cmds: &mut Vec<Command>,
) {
    if ui.add_enabled(pos > 0, egui::Button::new("上移")).clicked() {
        cmds.push(swap(pos - 1));
    }
    if ui
        .add_enabled(pos + 1 < len, egui::Button::new("下移"))
        .clicked()
    {
        cmds.push(swap(pos + 1));
    }
}

fn indicator_row(
    ui: &mut Ui,
    pv: &PlanView,
    ind: &Indicator,
    current: View,
    cmds: &mut Vec<Command>,
) {
    let light = pv
        .eval(ind.id)
        .map(|e| e.light)
        .unwrap_or(crate::domain::Light::Grey);
    let selected = current == View::Detail(ind.id);
    let response = ui
        .horizontal(|ui| {
            ui.label(RichText::new(light.symbol()).color(theme::light_color(light)));
            ui.add(egui::Button::selectable(selected, &ind.name).truncate())
        })
        .inner;
    if response.clicked() {
        cmds.push(Command::Show(View::Detail(ind.id)));
    }
    response
        .on_hover_text(format!(
            "{}\n{}｜{}｜{}",
            ind.name,
            light.label(),
            ind.category,
            ind.lead_unit
        ))
        .context_menu(|ui| {
            if ui.button("重命名…").clicked() {
                cmds.push(Command::Rename(RenameTarget::Indicator(ind.id)));
            }
            let siblings = pv.plan.section_indicators(ind.section);
            let pos = siblings.iter().position(|s| s.id == ind.id).unwrap_or(0);
            let swap = |other: usize| Command::Edit {
                edits: vec![
                    Edit::Set(
                        Field::Indicator(ind.id, IndicatorField::Position),
                        Value::Int(siblings[other].position),
                    ),
                    Edit::Set(
                        Field::Indicator(siblings[other].id, IndicatorField::Position),
                        Value::Int(ind.position),
                    ),
                ],
                action: "调整顺序".into(),
            };
            move_buttons_ui(ui, pos, siblings.len(), swap, cmds);
            if ui.button("删除指标…").clicked() {
                cmds.push(Command::ConfirmDelete(DeleteTarget::Indicator(ind.id)));
            }
        });
}

fn task_row(ui: &mut Ui, task: &Task, cmds: &mut Vec<Command>) {
    let response = ui
        .horizontal(|ui| {
            ui.label(RichText::new("◆").color(theme::ACCENT));
            ui.add(egui::Button::selectable(false, &task.title).truncate())
        })
        .inner;
    if response.clicked() {
        cmds.push(Command::ShowTask(task.id));
    }
    let response = response.on_hover_text(format!("{}（{}）", task.title, task.lead_unit));
    response.context_menu(|ui| {
        if ui.button("重命名…").clicked() {
            cmds.push(Command::Rename(RenameTarget::Task(task.id)));
        }
        if ui.button("删除任务…").clicked() {
            cmds.push(Command::ConfirmDelete(DeleteTarget::Task(task.id)));
        }
    });
}
