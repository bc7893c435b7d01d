//! The modal dialogs, one function each. They read the document and emit commands; the
//! shell's `handle` carries the commands out (dialogs never write files themselves).

use egui::{Key, RichText};

use super::{APP_TITLE, Document, EduPlanApp};
use crate::domain::edit::{Edit, Field, IndicatorField, SectionField, TaskField, Value};
use crate::domain::{Plan, TaskId};
use crate::exchange::import::ImportPreview;
use crate::ui::{Command, DeleteTarget, NewPlanRequest, PlanStart, RenameTarget, View, theme};

pub(super) enum Modal {
    ConfirmDelete(DeleteTarget, String),
    /// The name being typed; true until the whole name has been selected once.
    Rename(RenameTarget, String, bool),
    NewPlan(NewPlanForm),
    About,
    Shortcuts,
    Help,
    /// A preview, and the words the history gives the import.
    Import(ImportPreview, &'static str),
    PlanInfo,
    Task(TaskId),
    /// Choose whose indicators go into a fill-in table.
    Template(Option<String>, Option<u8>),
    /// The targets read from a plan's text, to accept or reject.
    Review(crate::ui::review::ReviewState),
    /// An inspection's problem list, before it goes into the 整改台账; the batch name typed.
    ProblemList(crate::exchange::problem_list::ProblemListPreview, String),
    /// The system could not show a file dialog: the path typed here answers the command.
    PathFallback(Command, String),
}

pub(super) struct NewPlanForm {
    pub request: NewPlanRequest,
    pub error: Option<String>,
}

impl Modal {
    pub fn new_plan() -> Modal {
        Modal::NewPlan(NewPlanForm {
            request: NewPlanRequest {
                name: "教育事业发展“十四五”规划".into(),
                region: String::new(),
                first_year: 2021,
                last_year: 2025,
                start: PlanStart::Blank,
            },
            error: None,
        })
    }
}

impl EduPlanApp {
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let doc = self.doc.as_ref();
        let Some(modal) = self.modal.as_mut() else {
            return;
        };
        // Every dialog: Esc cancels; Enter confirms (closes a dialog that only shows things)
        // unless a text field has the keyboard, where Enter finishes the field first.
        let (escape, enter) = ctx.input(|i| {
            (
                i.key_pressed(Key::Escape),
                i.key_pressed(Key::Enter) && i.modifiers.is_none(),
            )
        });
        let nothing_focused = ctx.memory(|m| m.focused().is_none());
        let enter = enter && nothing_focused;
        // In a text field, Esc first puts back what the field held (widgets::commit_text);
        // the review screen has its own Esc.
        let escape = escape && nothing_focused && !matches!(modal, Modal::Review(_));
        let close = match modal {
            Modal::ConfirmDelete(target, what) => {
                confirm_delete_ui(ctx, *target, what, enter, cmds)
            }
            Modal::Rename(target, text, select_all) => {
                rename_ui(ctx, *target, text, select_all, cmds)
            }
            Modal::NewPlan(form) => new_plan_ui(ctx, form, &self.library, enter, cmds),
            Modal::About => about_ui(ctx) || enter,
            Modal::PlanInfo => plan_info_ui(ctx, doc, cmds) || enter,
            Modal::Task(id) => task_ui(ctx, doc, *id, cmds) || enter,
            Modal::Shortcuts => shortcuts_ui(ctx) || enter,
            Modal::Help => help_ui(ctx, doc) || enter,
            Modal::Template(unit, quarter) => template_ui(ctx, doc, unit, quarter, enter, cmds),
            Modal::Import(preview, action) => import_ui(ctx, preview, action, enter, cmds),
            // Enter accepts the selected target there; the screen says so.
            Modal::Review(state) => review_modal_ui(ctx, state, doc, &self.library, cmds),
            Modal::ProblemList(preview, batch) => problem_list_ui(ctx, preview, batch, enter, cmds),
            Modal::PathFallback(cmd, path) => path_fallback_ui(ctx, cmd, path, cmds),
        };
        if close || escape {
            self.modal = None;
        }
    }
}

/// Returns true when the dialog closes.
fn confirm_delete_ui(
    ctx: &egui::Context,
    target: DeleteTarget,
    what: &str,
    enter: bool,
    cmds: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("confirm_delete")).show(ctx, |ui| {
        ui.heading("确认删除");
        ui.label(format!("确定要删除{what}吗？"));
        ui.label(RichText::new("删除后可用“撤销”（Ctrl+Z）恢复。").color(theme::GREY));
        ui.horizontal(|ui| {
            if ui.button(RichText::new("删除").color(theme::RED)).clicked() || enter {
                let edit = match target {
                    DeleteTarget::Section(id) => Edit::DeleteSection(id),
                    DeleteTarget::Indicator(id) => Edit::DeleteIndicator(id),
                    DeleteTarget::Task(id) => Edit::DeleteTask(id),
                };
                cmds.push(Command::Edit {
                    edits: vec![edit],
                    action: "删除".into(),
                });
                if let DeleteTarget::Indicator(_) = target {
                    cmds.push(Command::Show(View::Indicators));
                }
                close = true;
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
    });
    close
}

fn rename_ui(
    ctx: &egui::Context,
    target: RenameTarget,
    text: &mut String,
    select_all: &mut bool,
    cmds: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("rename")).show(ctx, |ui| {
        ui.heading("重命名");
        let label = ui.label("新名称");
        let mut output = egui::TextEdit::singleline(text)
            .desired_width(360.0)
            .show(ui);
        if std::mem::take(select_all) {
            // The whole name selected: typing replaces it.
            let all = egui::text::CCursorRange::two(
                egui::text::CCursor::new(0),
                egui::text::CCursor::new(text.chars().count()),
            );
            output.state.cursor.set_char_range(Some(all));
            output.state.store(ui.ctx(), output.response.id);
        }
        let r = output.response.response.clone().labelled_by(label.id);
        r.request_focus();
        ui.horizontal(|ui| {
            let enter =
                (r.has_focus() || r.lost_focus()) && ui.input(|i| i.key_pressed(Key::Enter));
            if (ui.button("确定").clicked() || enter) && !text.trim().is_empty() {
                let field = match target {
                    RenameTarget::Section(id) => Field::Section(id, SectionField::Title),
                    RenameTarget::Indicator(id) => Field::Indicator(id, IndicatorField::Name),
                    RenameTarget::Task(id) => Field::Task(id, TaskField::Title),
                };
                cmds.push(Command::Edit {
                    edits: vec![Edit::Set(field, Value::text(text.trim()))],
                    action: "重命名".into(),
                });
                close = true;
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
    });
    close
}

fn new_plan_ui(
    ctx: &egui::Context,
    form: &mut NewPlanForm,
    library: &crate::domain::library::Library,
    enter: bool,
    cmds: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    let request = &mut form.request;
    egui::Modal::new(egui::Id::unique("new_plan")).show(ctx, |ui| {
        ui.heading("新建规划");
        egui::Grid::new("new_plan_form")
            .num_columns(2)
            .show(ui, |ui| {
                let l = ui.label("规划名称");
                ui.add(egui::TextEdit::singleline(&mut request.name).desired_width(320.0))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("区县");
                ui.add(egui::TextEdit::singleline(&mut request.region).desired_width(320.0))
                    .labelled_by(l.id);
                ui.end_row();
                ui.label("规划期");
                ui.horizontal(|ui| {
                    let first =
                        ui.add(egui::DragValue::new(&mut request.first_year).range(2000..=2100));
                    crate::ui::widgets::name_widget(ui, &first, "规划起始年");
                    ui.label("—");
                    let last =
                        ui.add(egui::DragValue::new(&mut request.last_year).range(2000..=2100));
                    crate::ui::widgets::name_widget(ui, &last, "规划终止年");
                    ui.label("年");
                });
                ui.end_row();
                ui.label("内容");
                ui.vertical(|ui| {
                    let start = &mut request.start;
                    if ui.radio(*start == PlanStart::Blank, "从空白开始").clicked() {
                        *start = PlanStart::Blank;
                    }
                    if ui
                        .radio(
                            matches!(start, PlanStart::Library(_)),
                            "从指标库选择指标（带口径和全国目标）",
                        )
                        .clicked()
                        && !matches!(start, PlanStart::Library(_))
                    {
                        *start = PlanStart::Library(default_library_choice(library));
                    }
                    if ui
                        .radio(
                            *start == PlanStart::Text,
                            "从规划文本提取指标（Word文档或纯文本）",
                        )
                        .clicked()
                    {
                        *start = PlanStart::Text;
                    }
                    if ui
                        .radio(
                            *start == PlanStart::Sample,
                            "以龙潭区示例规划为起点（年度数据为示意）",
                        )
                        .clicked()
                    {
                        *start = PlanStart::Sample;
                    }
                });
                ui.end_row();
            });
        if let PlanStart::Library(codes) = &mut request.start {
            library_choice_ui(ui, library, codes);
        }
        if request.start == PlanStart::Text {
            ui.label(
                RichText::new("创建后选择规划文本，逐项确认程序找到的量化目标。")
                    .color(theme::GREY),
            );
        }
        if let Some(e) = &form.error {
            ui.label(RichText::new(e).color(theme::ERROR_TEXT));
        }
        ui.horizontal(|ui| {
            if ui.button("选择保存位置并创建…").clicked() || enter {
                cmds.push(Command::CreatePlan(request.clone()));
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
    });
    close
}

fn review_modal_ui(
    ctx: &egui::Context,
    state: &mut crate::ui::review::ReviewState,
    doc: Option<&Document>,
    library: &crate::domain::library::Library,
    cmds: &mut Vec<Command>,
) -> bool {
    use crate::ui::review::{ReviewOutcome, review_ui};
    let mut close = false;
    let screen = ctx.content_rect();
    egui::Modal::new(egui::Id::unique("extract_review")).show(ctx, |ui| {
        ui.set_width((screen.width() - 80.0).clamp(600.0, 1400.0));
        ui.set_height((screen.height() - 120.0).clamp(400.0, 1000.0));
        match review_ui(ui, state, library) {
            ReviewOutcome::Continue => {}
            ReviewOutcome::Cancel => close = true,
            ReviewOutcome::Import => match doc.map(|d| state.edits(d.plan(), library)) {
                Some(Ok(edits)) => {
                    cmds.push(Command::Edit {
                        edits,
                        action: "从规划文本提取指标".into(),
                    });
                    cmds.push(Command::Show(View::Indicators));
                    close = true;
                }
                Some(Err(e)) => state.error = Some(e),
                None => close = true,
            },
        }
    });
    close
}

fn problem_list_ui(
    ctx: &egui::Context,
    preview: &crate::exchange::problem_list::ProblemListPreview,
    batch: &mut String,
    enter: bool,
    cmds: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("problem_list")).show(ctx, |ui| {
        ui.heading("导入问题清单");
        ui.label(RichText::new(&preview.file).small());
        if preview.problem_count > 0 {
            ui.label(
                RichText::new(format!(
                    "发现 {} 个问题，必须先改正，本次不会写入任何数据：",
                    preview.problem_count
                ))
                .color(theme::ERROR_TEXT)
                .strong(),
            );
            for p in &preview.problems {
                ui.label(RichText::new(format!("× {p}")).color(theme::ERROR_TEXT));
            }
        }
        if preview.already_there > 0 {
            ui.label(format!(
                "已在台账中的{}项不重复导入。",
                preview.already_there
            ));
        }
        ui.horizontal(|ui| {
            let l = ui.label("批次名称");
            ui.add(egui::TextEdit::singleline(batch).desired_width(320.0))
                .labelled_by(l.id);
        });
        ui.label(RichText::new(format!("将新增 {} 项问题：", preview.items.len())).strong());
        egui::ScrollArea::vertical()
            .id_salt("problem_list_items")
            .max_height(320.0)
            .show(ui, |ui| {
                egui::Grid::new("problem_list_grid")
                    .striped(true)
                    .show(ui, |ui| {
                        for h in ["问题描述", "责任单位", "整改时限"] {
                            ui.strong(h);
                        }
                        ui.end_row();
                        for item in &preview.items {
                            ui.label(&item.problem);
                            ui.label(&item.unit);
                            ui.label(
                                item.due
                                    .map_or_else(|| "未定".to_owned(), |d| d.to_string()),
                            );
                            ui.end_row();
                        }
                    });
            });
        ui.horizontal(|ui| {
            let write = ui
                .add_enabled(preview.can_apply(), egui::Button::new("全部写入"))
                .clicked();
            if write || (enter && preview.can_apply()) {
                let edits = preview
                    .items
                    .iter()
                    .map(|item| {
                        let mut item = item.clone();
                        if item.batch.is_empty() {
                            item.batch = batch.trim().to_owned();
                        }
                        Edit::AddRectification(item)
                    })
                    .collect();
                cmds.push(Command::Edit {
                    edits,
                    action: "导入问题清单".into(),
                });
                close = true;
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
    });
    close
}

/// What the path typed for `cmd` looks like.
fn example_file_name(cmd: &Command) -> &'static str {
    match cmd {
        Command::OpenDialog | Command::SaveAsDialog | Command::CreatePlan(_) => {
            "龙潭区教育规划.eduplan"
        }
        Command::ExportMeetingPdfDialog => "会议材料.pdf",
        Command::ExportReportDialog(_) => "报告.docx",
        Command::ExtractDialog => "规划文本.docx",
        Command::ExportLibraryDialog | Command::ImportLibraryDialog => "省市目标指标库.json",
        Command::AddEvidenceDialog(_) | Command::SaveEvidenceDialog(_) => "佐证材料.pdf",
        _ => "填报表.xlsx",
    }
}

/// A path typed by hand, where no file dialog can be shown.
fn path_fallback_ui(
    ctx: &egui::Context,
    cmd: &Command,
    path: &mut String,
    cmds: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("path_fallback")).show(ctx, |ui| {
        ui.heading("请输入文件路径");
        ui.label(
            "系统没有弹出选择文件的窗口（Linux 上需要安装 xdg-desktop-portal 或 zenity）。请直接输入完整路径：",
        );
        ui.label(
            RichText::new(format!(
                "例如 {}；导入多个填报表时用分号“;”隔开。",
                super::settings::documents_dir()
                    .join(example_file_name(cmd))
                    .display()
            ))
            .color(theme::GREY),
        );
        let label = ui.label("文件路径");
        let r = ui
            .add(egui::TextEdit::singleline(path).desired_width(560.0))
            .labelled_by(label.id);
        if !r.has_focus() && path.is_empty() {
            r.request_focus();
        }
        let enter = (r.has_focus() || r.lost_focus()) && ui.input(|i| i.key_pressed(Key::Enter));
        ui.horizontal(|ui| {
            if (ui.button("确定").clicked() || enter) && !path.trim().is_empty() {
                cmds.push(Command::AnswerTyped(Box::new(cmd.clone()), path.trim().to_owned()));
                close = true;
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
    });
    close
}

fn about_ui(ctx: &egui::Context) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("about")).show(ctx, |ui| {
        ui.heading(APP_TITLE);
        ui.label(format!("版本 {}", env!("CARGO_PKG_VERSION")));
        ui.label("区县教育事业发展规划的编制与年度监测：指标、序时进度、红黄绿灯、上报表格。");
        ui.label("每次修改即时写入规划文件并记入修改历史，无需保存。");
        ui.label(RichText::new("内嵌字体：Noto Sans CJK SC（SIL Open Font License 1.1）").small());
        if ui.button("关闭").clicked() {
            close = true;
        }
    });
    close
}

fn plan_info_ui(ctx: &egui::Context, doc: Option<&Document>, cmds: &mut Vec<Command>) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("plan_info")).show(ctx, |ui| {
        ui.heading("规划信息与设置");
        match doc {
            Some(doc) => crate::ui::plan_info::plan_info_ui(ui, &doc.view(), cmds),
            None => {
                ui.label("未打开规划文件");
            }
        }
        if ui.button("关闭").clicked() {
            close = true;
        }
    });
    close
}

fn task_ui(
    ctx: &egui::Context,
    doc: Option<&Document>,
    id: TaskId,
    cmds: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("task_detail")).show(ctx, |ui| {
        ui.heading("编辑任务");
        if let Some(doc) = doc {
            crate::ui::tasks::task_detail_ui(ui, &doc.view(), id, cmds);
        }
        if ui.button("关闭").clicked() {
            close = true;
        }
    });
    close
}

/// 帮助: how the program judges, in a few short paragraphs, with this plan's settings.
fn help_ui(ctx: &egui::Context, doc: Option<&Document>) -> bool {
    let mut close = false;
    let info = doc.map(|d| d.plan().info.clone()).unwrap_or_default();
    egui::Modal::new(egui::Id::unique("help")).show(ctx, |ui| {
        ui.set_max_width(760.0);
        ui.heading("评价规则");
        egui::ScrollArea::vertical().max_height(520.0).show(ui, |ui| {
            for (title, text) in [
                (
                    "序时进度",
                    "规划期已过去的比例：评估年距基期年的年数 ÷ 目标年距基期年的年数。2024年评估一个2020年基期、2025年目标的指标，序时进度为80%。".to_owned(),
                ),
                (
                    "完成进度",
                    "已走过全程的多少：（实际值 − 基期值）÷（目标值 − 基期值）。累计类指标用基期以来的累计数。完成进度不低于序时进度，就是按计划推进。".to_owned(),
                ),
                (
                    "评价用语",
                    "提前实现：目标年之前已达到最终目标；已实现/未实现：目标年及以后是否达到；快于预期、基本符合预期、滞后：按差距判断（见下）；未填报：当年没有数据（不是0）；未到期：是否类事项还没到目标年；无法评价：缺少基期值等，判定依据会写明缺什么。".to_owned(),
                ),
                (
                    "灯色",
                    "绿灯●：达到或快于序时进度；黄灯▲：略慢于序时（会议页和统计句中黄灯的基本符合预期说成“略慢于序时”）；红灯■：明显落后；不亮灯○。约束性指标亮红灯即为预警，上报前需填写说明。颜色之外总有符号和文字，黑白打印也看得出。".to_owned(),
                ),
                (
                    "总结评估",
                    "规划末年（或选定为总结评估时）不再按序时亮灯，而是对照目标下结论：已完成（含超额完成、提前完成）●、基本完成▲、未完成■，总览、指标表、详情、会议页和报告都用这一套说法；目标完成度 =（实际值 − 基期值）÷（目标值 − 基期值）。重点任务按期末结论：已完成、基本完成、持续推进、未完成（结转）、已调整或取消，未确认的标“（建议）”。".to_owned(),
                ),
            ] {
                ui.label(RichText::new(title).strong());
                ui.label(text);
                ui.add_space(6.0);
            }
            ui.label(RichText::new("本规划的设置").strong());
            for line in crate::domain::explain::rules_text(&info) {
                ui.label(format!("· {line}"));
            }
            ui.label(
                RichText::new("界限在“编辑 › 规划信息与设置”中修改；每个指标的“判定依据”写明了它是怎样算出来的。")
                    .color(theme::GREY),
            );
        });
        if ui.button("关闭").clicked() {
            close = true;
        }
    });
    close
}

fn shortcuts_ui(ctx: &egui::Context) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("shortcuts")).show(ctx, |ui| {
        ui.heading("快捷键");
        egui::Grid::new("shortcut_list")
            .striped(true)
            .show(ui, |ui| {
                let views: Vec<(String, String)> = super::menu::VIEW_KEYS
                    .iter()
                    .map(|(_, v, k)| ((*k).to_owned(), format!("{}视图", v.label())))
                    .collect();
                let general = [
                    ("Ctrl+Z / Ctrl+Y", "撤销 / 重做（已写入文件的修改也可撤销）"),
                    ("Ctrl+N / Ctrl+O", "新建 / 打开规划"),
                    ("Ctrl+E", "导出Excel"),
                    ("Ctrl+B", "显示 / 隐藏目录"),
                    ("F1", "评价规则"),
                    ("F5", "会议模式（回到上次的页）"),
                    ("会议模式：←/→、PageUp/PageDown", "翻页（翻页笔）"),
                    (
                        "会议模式：Home/End、页码+回车",
                        "第一页 / 最后一页 / 跳到某页",
                    ),
                    (
                        "会议模式：G / T / Esc",
                        "目录 / 深浅色 / 退出，回到原来的视图",
                    ),
                    (
                        "会议模式：C",
                        "只看章：只放各章的图表（导出会议材料PDF时同样）；再按一次显示全部页",
                    ),
                    (
                        "指标表：回车/Tab/方向键",
                        "像电子表格一样移动；直接输入即可录入",
                    ),
                    ("指标表：Ctrl+V", "粘贴从Excel复制的数据块"),
                    ("指标表：Delete", "清除所选单元格的数值"),
                    ("对话框：回车 / Esc", "确认 / 取消"),
                ];
                for (k, what) in general
                    .iter()
                    .map(|(k, w)| ((*k).to_owned(), (*w).to_owned()))
                    .chain(views)
                {
                    ui.strong(k);
                    ui.label(what);
                    ui.end_row();
                }
            });
        if ui.button("关闭").clicked() {
            close = true;
        }
    });
    close
}

fn template_ui(
    ctx: &egui::Context,
    doc: Option<&Document>,
    unit: &mut Option<String>,
    quarter: &mut Option<u8>,
    enter: bool,
    cmds: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    let units = doc
        .map(|d| crate::exchange::template::units_with_something_to_report(d.plan()))
        .unwrap_or_default();
    let year = doc.map_or(0, Document::year);
    egui::Modal::new(egui::Id::unique("template")).show(ctx, |ui| {
        ui.heading(format!("生成{year}年填报表"));
        ui.label("填报表发给牵头单位填写，交回后用“导入填报表”合并。年度为状态栏中的评估年度。");
        ui.horizontal(|ui| {
            ui.label("牵头单位");
            let combo = egui::ComboBox::from_id_salt("template_unit")
                .selected_text(unit.as_deref().unwrap_or("全部"))
                .show_ui(ui, |ui| {
                    ui.selectable_value(unit, None, "全部");
                    for u in &units {
                        ui.selectable_value(unit, Some(u.clone()), u);
                    }
                })
                .response;
            crate::ui::widgets::name_widget(ui, &combo, "填报表牵头单位");
        });
        ui.horizontal(|ui| {
            ui.label("任务进展");
            let label = |q: Option<u8>| match q {
                None => "全年进展".to_owned(),
                Some(q) => format!(
                    "第{}季度形象进度",
                    ["一", "二", "三", "四"][usize::from(q - 1)]
                ),
            };
            let combo = egui::ComboBox::from_id_salt("template_quarter")
                .selected_text(label(*quarter))
                .show_ui(ui, |ui| {
                    for q in [None, Some(1), Some(2), Some(3), Some(4)] {
                        ui.selectable_value(quarter, q, label(q));
                    }
                })
                .response;
            crate::ui::widgets::name_widget(ui, &combo, "填报表任务进展");
        });
        ui.horizontal(|ui| {
            if ui.button("选择保存位置并生成…").clicked() || enter {
                cmds.push(Command::WriteTemplate {
                    unit: unit.clone(),
                    quarter: *quarter,
                });
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
    });
    close
}

fn import_ui(
    ctx: &egui::Context,
    preview: &ImportPreview,
    action: &str,
    enter: bool,
    cmds: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("import_preview")).show(ctx, |ui| {
        crate::ui::import::preview_ui(ui, preview);
        ui.horizontal(|ui| {
            let write = ui
                .add_enabled(preview.can_apply(), egui::Button::new("全部写入"))
                .clicked();
            if write || (enter && preview.can_apply()) {
                cmds.push(Command::Edit {
                    edits: preview.edits(),
                    action: action.into(),
                });
                close = true;
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
    });
    close
}

pub(super) fn describe_target(plan: &Plan, target: DeleteTarget) -> String {
    match target {
        DeleteTarget::Section(id) => {
            let ids = plan.subtree_sections(id);
            let inds = plan
                .indicators
                .iter()
                .filter(|i| ids.contains(&i.section))
                .count();
            let tasks = plan
                .tasks
                .iter()
                .filter(|t| ids.contains(&t.section))
                .count();
            format!(
                "章节“{}”及其下的{}个下级章节、{inds}个指标和{tasks}项任务",
                plan.section(id).map(|s| s.heading()).unwrap_or_default(),
                ids.len() - 1
            )
        }
        DeleteTarget::Indicator(id) => {
            let ind = plan.indicator(id);
            let years = ind.map_or(0, |i| i.actuals.len());
            format!(
                "指标“{}”（含{years}个年度的数据）",
                ind.map(|i| i.name.as_str()).unwrap_or_default()
            )
        }
        DeleteTarget::Task(id) => format!(
            "任务“{}”",
            plan.task(id).map(|t| t.title.as_str()).unwrap_or_default()
        ),
    }
}

/// The library entries a new plan starts with: those with a national target, except the
/// per-school 优质均衡 standards (they belong to the 优质均衡 view).
fn default_library_choice(library: &crate::domain::library::Library) -> Vec<String> {
    library
        .entries
        .iter()
        .filter(|e| {
            e.national().is_some() && !e.code.ends_with("_primary") && !e.code.ends_with("_junior")
        })
        .map(|e| e.code.clone())
        .collect()
}

/// Chapters (领域) with their indicators, each one ticked or not.
fn library_choice_ui(
    ui: &mut egui::Ui,
    library: &crate::domain::library::Library,
    codes: &mut Vec<String>,
) {
    ui.label(format!("已选{}个指标，按领域分章：", codes.len()));
    egui::ScrollArea::vertical()
        .id_salt("library_choice")
        .max_height(200.0)
        .show(ui, |ui| {
            for stage in library.stages() {
                let entries: Vec<_> = library
                    .entries
                    .iter()
                    .filter(|e| e.stage == stage)
                    .collect();
                let chosen = entries.iter().filter(|e| codes.contains(&e.code)).count();
                egui::CollapsingHeader::new(format!("{stage}（{chosen}/{}）", entries.len()))
                    .id_salt(("library_stage", &stage))
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            if ui.small_button("全选").clicked() {
                                for e in &entries {
                                    if !codes.contains(&e.code) {
                                        codes.push(e.code.clone());
                                    }
                                }
                            }
                            if ui.small_button("全不选").clicked() {
                                codes.retain(|c| !entries.iter().any(|e| &e.code == c));
                            }
                        });
                        for e in entries {
                            let mut on = codes.contains(&e.code);
                            let national = e.national().map_or_else(String::new, |t| {
                                format!("　全国：{}（{}年）", t.text, t.year)
                            });
                            if ui
                                .checkbox(&mut on, format!("{}{national}", e.name))
                                .changed()
                            {
                                if on {
                                    codes.push(e.code.clone());
                                } else {
                                    codes.retain(|c| c != &e.code);
                                }
                            }
                        }
                    });
            }
        });
}
