//! The shell: the eframe App, the open plan document, and the one place where the views'
//! commands are carried out (edits, undo, files, dialogs).

pub mod dialogs;
pub mod settings;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers, RichText};

use crate::domain::edit::{Edit, Field, IndicatorField, SectionField, TaskField, Value};
use crate::domain::validate::{Finding, validate_plan};
use crate::domain::{Evaluation, IndicatorId, Plan, PlanInfo, evaluate};
use crate::storage::{BatchId, HistoryEntry, PlanFile};
use crate::ui::detail::detail_ui;
use crate::ui::grid::{GridState, grid_ui};
use crate::ui::meeting::{MeetingState, meeting_ui};
use crate::ui::overview::{OverviewState, overview_ui};
use crate::ui::tasks::{TasksState, tasks_ui};
use crate::ui::tree::{TreeState, tree_ui};
use crate::ui::{Command, DeleteTarget, PlanView, RenameTarget, View, theme};
use settings::Settings;

const APP_TITLE: &str = "EduPlan 教育规划工作台";

/// The open plan: its file, the plan as last read, and what is derived from it.
pub struct Document {
    pub file: PlanFile,
    pub plan: Plan,
    pub year: i32,
    pub evals: HashMap<IndicatorId, Evaluation>,
    pub order: Vec<IndicatorId>,
    pub findings: Vec<Finding>,
    pub history: Vec<HistoryEntry>,
    history_for: Option<IndicatorId>,
    undo: Vec<BatchId>,
    redo: Vec<BatchId>,
    pub saved_at: Option<String>,
}

impl Document {
    pub fn open(path: &Path) -> Result<Document, String> {
        let file = PlanFile::open(path).map_err(|e| e.to_string())?;
        let plan = file.load().map_err(|e| e.to_string())?;
        let year = crate::cli::default_year(&plan);
        let mut doc = Document {
            file,
            plan,
            year,
            evals: HashMap::new(),
            order: Vec::new(),
            findings: Vec::new(),
            history: Vec::new(),
            history_for: None,
            undo: Vec::new(),
            redo: Vec::new(),
            saved_at: None,
        };
        doc.derive();
        Ok(doc)
    }

    fn derive(&mut self) {
        self.year = self.year.clamp(
            self.plan.info.first_year,
            self.plan.info.last_year.max(self.plan.info.first_year),
        );
        self.order = self
            .plan
            .indicators_in_outline_order()
            .iter()
            .map(|i| i.id)
            .collect();
        self.evals = self
            .plan
            .indicators
            .iter()
            .map(|i| (i.id, evaluate(i, &self.plan.info, self.year)))
            .collect();
        self.findings = validate_plan(&self.plan, self.year);
    }

    fn reload(&mut self) -> Result<(), String> {
        self.plan = self.file.load().map_err(|e| e.to_string())?;
        self.derive();
        self.history_for = None;
        Ok(())
    }

    fn mark_saved(&mut self) {
        self.saved_at = self.file.history(None, 1).ok().and_then(|h| {
            h.first()
                .map(|e| e.at.rsplit(' ').next().unwrap_or_default().to_owned())
        });
    }

    /// Commit edits to the file at once; they become one undo step.
    pub fn apply(&mut self, edits: &[Edit], action: &str) -> Result<(), String> {
        let applied = self.file.apply(&self.plan, edits, action);
        let Some(batch) = applied.map_err(|e| e.to_string())? else {
            return Ok(()); // nothing changed: no undo step
        };
        self.undo.push(batch);
        self.redo.clear();
        self.mark_saved();
        self.reload()
    }

    pub fn undo(&mut self) -> Result<bool, String> {
        let Some(batch) = self.undo.pop() else {
            return Ok(false);
        };
        match self.file.revert(batch, "撤销") {
            Ok(reverse) => {
                self.redo.push(reverse);
                self.mark_saved();
                self.reload()?;
                Ok(true)
            }
            Err(e) => {
                self.undo.push(batch);
                Err(e.to_string())
            }
        }
    }

    pub fn redo(&mut self) -> Result<bool, String> {
        let Some(batch) = self.redo.pop() else {
            return Ok(false);
        };
        match self.file.revert(batch, "重做") {
            Ok(again) => {
                self.undo.push(again);
                self.mark_saved();
                self.reload()?;
                Ok(true)
            }
            Err(e) => {
                self.redo.push(batch);
                Err(e.to_string())
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn refresh_history(&mut self, id: Option<IndicatorId>) {
        if self.history_for != id {
            self.history = match id {
                Some(id) => self.file.history(Some(id), 200).unwrap_or_default(),
                None => Vec::new(),
            };
            self.history_for = id;
        }
    }

    pub fn view(&self) -> PlanView<'_> {
        PlanView {
            plan: &self.plan,
            year: self.year,
            evals: &self.evals,
            order: &self.order,
            findings: &self.findings,
            history: &self.history,
        }
    }
}

enum Modal {
    ConfirmDelete(DeleteTarget, String),
    Rename(RenameTarget, String),
    NewPlan(NewPlanForm),
    About,
    Shortcuts,
    Import(crate::exchange::import::ImportPreview),
    PlanInfo,
    Task(crate::domain::TaskId),
    /// Choose whose indicators go into a fill-in table.
    Template(Option<String>),
}

struct NewPlanForm {
    name: String,
    region: String,
    first_year: i32,
    last_year: i32,
    from_sample: bool,
    error: Option<String>,
}

pub struct Message {
    pub text: String,
    pub is_error: bool,
}

pub struct EduPlanApp {
    pub doc: Option<Document>,
    pub view: View,
    pub message: Option<Message>,
    settings: Settings,
    tree: TreeState,
    grid: GridState,
    overview: OverviewState,
    tasks: TasksState,
    meeting: MeetingState,
    modal: Option<Modal>,
    native_dialogs: bool,
    fullscreen: bool,
    /// Sent to the window only when it changes: every viewport command costs a repaint.
    window_title: String,
}

impl EduPlanApp {
    /// The app as the program starts it: fonts, theme, remembered settings, the given plan
    /// (or the user's copy of the sample plan).
    pub fn new(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        theme::install_fonts(&cc.egui_ctx);
        theme::apply(&cc.egui_ctx);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, settings::STORAGE_KEY))
            .unwrap_or_default();
        let mut app = EduPlanApp::empty(settings, true);
        if let Some(View::Overview | View::Indicators | View::Tasks) = app.settings.last_view {
            app.view = app.settings.last_view.unwrap_or(View::Overview);
        }
        let path = match path {
            Some(p) => Some(p),
            None => match settings::sample_copy() {
                Ok(p) => Some(p),
                Err(e) => {
                    app.error(e);
                    None
                }
            },
        };
        if let Some(p) = path {
            app.open(&p);
        }
        app
    }

    /// For tests: no native dialogs, no remembered settings, the given plan open.
    pub fn for_tests(ctx: &egui::Context, path: &Path) -> Self {
        theme::install_fonts(ctx);
        theme::apply(ctx);
        let mut app = EduPlanApp::empty(Settings::default(), false);
        app.open(path);
        app
    }

    fn empty(settings: Settings, native_dialogs: bool) -> Self {
        EduPlanApp {
            doc: None,
            view: View::Overview,
            message: None,
            settings,
            tree: TreeState::default(),
            grid: GridState::default(),
            overview: OverviewState::default(),
            tasks: TasksState::default(),
            meeting: MeetingState::default(),
            modal: None,
            native_dialogs,
            fullscreen: false,
            window_title: String::new(),
        }
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: true,
        });
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }

    pub fn open(&mut self, path: &Path) {
        let same = |a: &Path, b: &Path| {
            a.canonicalize()
                .ok()
                .is_some_and(|a| b.canonicalize().ok() == Some(a))
        };
        if self.doc.as_ref().is_some_and(|d| same(d.file.path(), path)) {
            self.info(format!("“{}”已经打开", path.display()));
            return;
        }
        match Document::open(path) {
            Ok(doc) => {
                if let Some(up) = doc.file.upgrade() {
                    self.info(format!(
                        "已将旧版规划文件升级，升级前的文件已备份为“{}”",
                        up.backup.display()
                    ));
                } else {
                    self.message = None;
                }
                self.settings.remember(path);
                self.doc = Some(doc);
                self.grid = GridState::default();
                if matches!(self.view, View::Detail(_)) {
                    self.view = View::Overview;
                }
            }
            Err(e) => self.error(e),
        }
    }

    /// Carry out one command from a view or a menu.
    pub fn handle(&mut self, ctx: &egui::Context, cmd: Command) {
        match cmd {
            Command::Edit { edits, action } => {
                if let Some(doc) = self.doc.as_mut()
                    && let Err(e) = doc.apply(&edits, &action)
                {
                    self.error(e);
                }
            }
            Command::Undo => {
                if let Some(doc) = self.doc.as_mut() {
                    match doc.undo() {
                        Ok(true) => self.info("已撤销"),
                        Ok(false) => self.info("没有可撤销的操作"),
                        Err(e) => self.error(e),
                    }
                }
            }
            Command::Redo => {
                if let Some(doc) = self.doc.as_mut() {
                    match doc.redo() {
                        Ok(true) => self.info("已重做"),
                        Ok(false) => self.info("没有可重做的操作"),
                        Err(e) => self.error(e),
                    }
                }
            }
            Command::SetYear(y) => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.year = y;
                    doc.derive();
                }
            }
            Command::Show(view) => {
                if view == View::Meeting {
                    self.meeting = MeetingState::default();
                    self.set_fullscreen(ctx, true);
                } else if self.view == View::Meeting {
                    self.set_fullscreen(ctx, false);
                }
                self.view = view;
            }
            Command::ShowTask(id) => {
                self.view = View::Tasks;
                self.tasks.highlight = Some(id);
                self.tasks.scroll_to_highlight = true;
                self.tasks.lead_unit = None;
                self.tasks.status = None;
            }
            Command::NewPlan => {
                self.modal = Some(Modal::NewPlan(NewPlanForm {
                    name: "教育事业发展“十四五”规划".into(),
                    region: String::new(),
                    first_year: 2021,
                    last_year: 2025,
                    from_sample: false,
                    error: None,
                }));
            }
            Command::OpenDialog => {
                if self.native_dialogs
                    && let Some(p) = dialogs::open_plan(&settings::documents_dir())
                {
                    self.open(&p);
                }
            }
            Command::Open(p) => self.open(&p),
            Command::SaveAsDialog => self.save_as(),
            Command::ExportDialog => self.export_dialog(),
            Command::TemplateDialog => {
                if self.doc.is_some() {
                    self.modal = Some(Modal::Template(None));
                }
            }
            Command::ImportDialog => self.import_dialog(),
            Command::ConfirmDelete(target) => {
                if let Some(doc) = &self.doc {
                    let what = describe_target(&doc.plan, target);
                    self.modal = Some(Modal::ConfirmDelete(target, what));
                }
            }
            Command::Rename(target) => {
                if let Some(doc) = &self.doc {
                    let current = match target {
                        RenameTarget::Section(id) => doc.plan.section(id).map(|s| s.title.clone()),
                        RenameTarget::Indicator(id) => {
                            doc.plan.indicator(id).map(|i| i.name.clone())
                        }
                        RenameTarget::Task(id) => doc.plan.task(id).map(|t| t.title.clone()),
                    };
                    self.modal = Some(Modal::Rename(target, current.unwrap_or_default()));
                }
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::ShowAbout => self.modal = Some(Modal::About),
            Command::ShowShortcuts => self.modal = Some(Modal::Shortcuts),
            Command::ShowPlanInfo => self.modal = Some(Modal::PlanInfo),
            Command::EditTask(id) => self.modal = Some(Modal::Task(id)),
        }
    }

    fn set_fullscreen(&mut self, ctx: &egui::Context, on: bool) {
        if self.fullscreen != on {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
            self.fullscreen = on;
        }
    }

    fn save_as(&mut self) {
        let Some(doc) = &self.doc else { return };
        if !self.native_dialogs {
            return;
        }
        let Some(dest) = dialogs::save_plan(&settings::documents_dir(), &doc.plan.info.name) else {
            return;
        };
        match doc.file.save_copy(&dest) {
            Ok(()) => {
                self.open(&dest);
                self.info(format!(
                    "已另存为“{}”，现在编辑的是这个新文件",
                    dest.display()
                ));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn export_dialog(&mut self) {
        let Some(doc) = &self.doc else { return };
        if !self.native_dialogs {
            return;
        }
        let name = format!("{}（{}年监测）", doc.plan.info.name, doc.year);
        let Some(dest) = dialogs::save_xlsx(&settings::documents_dir(), &name, "导出Excel")
        else {
            return;
        };
        match crate::exchange::xlsx_export::export_workbook(&doc.plan, doc.year, &dest) {
            Ok(()) => self.info(format!("已导出“{}”", dest.display())),
            Err(e) => self.error(e.to_string()),
        }
    }

    fn template_dialog(&mut self, unit: Option<&str>) {
        let Some(doc) = &self.doc else { return };
        if !self.native_dialogs {
            return;
        }
        let name = format!("{}年指标填报表（{}）", doc.year, unit.unwrap_or("全部"));
        let Some(dest) = dialogs::save_xlsx(&settings::documents_dir(), &name, "生成填报表")
        else {
            return;
        };
        match crate::exchange::template::write_template(&doc.plan, doc.year, unit, &dest) {
            Ok(n) => self.info(format!("已生成填报表“{}”（{n}个指标）", dest.display())),
            Err(e) => self.error(e.to_string()),
        }
    }

    fn import_dialog(&mut self) {
        let Some(doc) = &self.doc else { return };
        if !self.native_dialogs {
            return;
        }
        let Some(files) = dialogs::open_xlsx_many(&settings::documents_dir()) else {
            return;
        };
        let preview = crate::exchange::import::preview_import(&doc.plan, &files, Some(doc.year));
        self.modal = Some(Modal::Import(preview));
    }

    fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut cmds = Vec::new();
        let typing = ctx.text_edit_focused();
        ctx.input_mut(|i| {
            let mut shortcut =
                |m: Modifiers, k: Key| i.consume_shortcut(&KeyboardShortcut::new(m, k));
            if !typing {
                if shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z)
                    || shortcut(Modifiers::COMMAND, Key::Y)
                {
                    cmds.push(Command::Redo);
                } else if shortcut(Modifiers::COMMAND, Key::Z) {
                    cmds.push(Command::Undo);
                }
            }
            if shortcut(Modifiers::COMMAND, Key::N) {
                cmds.push(Command::NewPlan);
            }
            if shortcut(Modifiers::COMMAND, Key::O) {
                cmds.push(Command::OpenDialog);
            }
            if shortcut(Modifiers::COMMAND, Key::E) {
                cmds.push(Command::ExportDialog);
            }
            if shortcut(Modifiers::NONE, Key::F5) {
                cmds.push(Command::Show(View::Meeting));
            }
        });
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        for p in dropped {
            if p.extension()
                .is_some_and(|e| e == crate::storage::EXTENSION)
            {
                cmds.push(Command::Open(p));
            } else {
                self.error(format!(
                    "“{}”不是EduPlan规划文件（.eduplan），未打开",
                    p.display()
                ));
            }
        }
        cmds
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| {
                if ui.button("新建规划…\tCtrl+N").clicked() {
                    cmds.push(Command::NewPlan);
                }
                if ui.button("打开…\tCtrl+O").clicked() {
                    cmds.push(Command::OpenDialog);
                }
                ui.menu_button("最近打开", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("（无）");
                    }
                    for p in self.settings.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            cmds.push(Command::Open(p));
                        }
                    }
                });
                if ui.button("另存为…").clicked() {
                    cmds.push(Command::SaveAsDialog);
                }
                ui.separator();
                if ui.button("导出Excel…\tCtrl+E").clicked() {
                    cmds.push(Command::ExportDialog);
                }
                if ui.button("生成填报表…").clicked() {
                    cmds.push(Command::TemplateDialog);
                }
                if ui.button("导入填报表…").clicked() {
                    cmds.push(Command::ImportDialog);
                }
                ui.separator();
                if ui.button("退出").clicked() {
                    cmds.push(Command::Quit);
                }
            });
            ui.menu_button("编辑", |ui| {
                let (can_undo, can_redo) = self
                    .doc
                    .as_ref()
                    .map_or((false, false), |d| (d.can_undo(), d.can_redo()));
                if ui
                    .add_enabled(can_undo, egui::Button::new("撤销\tCtrl+Z"))
                    .clicked()
                {
                    cmds.push(Command::Undo);
                }
                if ui
                    .add_enabled(can_redo, egui::Button::new("重做\tCtrl+Y"))
                    .clicked()
                {
                    cmds.push(Command::Redo);
                }
                ui.separator();
                if ui.button("规划信息与设置…").clicked() {
                    cmds.push(Command::ShowPlanInfo);
                }
                ui.separator();
                if let Some(doc) = &self.doc
                    && let Some(first) = doc.plan.child_sections(None).first()
                    && ui.button("新增指标").clicked()
                {
                    cmds.push(Command::Edit {
                        edits: vec![Edit::AddIndicator {
                            section: first.id,
                            name: "新指标".into(),
                        }],
                        action: "新增指标".into(),
                    });
                }
            });
            ui.menu_button("视图", |ui| {
                for v in [View::Overview, View::Indicators, View::Tasks, View::Meeting] {
                    let label = if v == View::Meeting {
                        "会议模式\tF5"
                    } else {
                        v.label()
                    };
                    if ui.button(label).clicked() {
                        cmds.push(Command::Show(v));
                    }
                }
            });
            ui.menu_button("帮助", |ui| {
                if ui.button("关于").clicked() {
                    cmds.push(Command::ShowAbout);
                }
                if ui.button("快捷键").clicked() {
                    cmds.push(Command::ShowShortcuts);
                }
            });
            ui.separator();
            for v in [View::Overview, View::Indicators, View::Tasks, View::Meeting] {
                let selected = self.view == v
                    || (v == View::Indicators && matches!(self.view, View::Detail(_)));
                if ui.selectable_label(selected, v.label()).clicked() {
                    cmds.push(Command::Show(v));
                }
            }
        });
    }

    fn status_bar_ui(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            let Some(doc) = &self.doc else {
                ui.label("未打开规划文件");
                return;
            };
            ui.label(RichText::new(doc.file.path().display().to_string()).small());
            ui.separator();
            match &doc.saved_at {
                Some(t) => ui.label(RichText::new(format!("已保存 {t}")).color(theme::GREEN)),
                None => ui.label(RichText::new("所有修改即时保存").color(theme::GREY)),
            };
            ui.separator();
            let errors = doc
                .findings
                .iter()
                .filter(|f| f.severity == crate::domain::validate::Severity::Error)
                .count();
            let notices = doc.findings.len() - errors;
            let findings = ui.label(format!("错误 {errors}｜提醒 {notices}"));
            if !doc.findings.is_empty() {
                findings.on_hover_ui(|ui| {
                    for f in doc.findings.iter().take(20) {
                        ui.label(format!("{}：{}", f.severity.label(), f.message));
                    }
                });
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let mut year = doc.year;
                let combo = egui::ComboBox::from_id_salt("evaluation_year")
                    .selected_text(format!("{year}年"))
                    .show_ui(ui, |ui| {
                        for y in doc.plan.info.years() {
                            ui.selectable_value(&mut year, y, format!("{y}年"));
                        }
                    })
                    .response;
                crate::ui::widgets::name_widget(ui, &combo, "评估年度");
                ui.label("评估年度");
                if year != doc.year {
                    cmds.push(Command::SetYear(year));
                }
            });
        });
    }

    fn modal_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let Some(modal) = self.modal.as_mut() else {
            return;
        };
        let mut close = false;
        match modal {
            Modal::ConfirmDelete(target, what) => {
                egui::Modal::new(egui::Id::unique("confirm_delete")).show(ctx, |ui| {
                    ui.heading("确认删除");
                    ui.label(format!("确定要删除{what}吗？"));
                    ui.label(RichText::new("删除后可用“撤销”（Ctrl+Z）恢复。").color(theme::GREY));
                    ui.horizontal(|ui| {
                        if ui.button(RichText::new("删除").color(theme::RED)).clicked() {
                            let edit = match *target {
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
            }
            Modal::Rename(target, text) => {
                egui::Modal::new(egui::Id::unique("rename")).show(ctx, |ui| {
                    ui.heading("重命名");
                    let label = ui.label("新名称");
                    let r = ui
                        .add(egui::TextEdit::singleline(text).desired_width(360.0))
                        .labelled_by(label.id);
                    r.request_focus();
                    ui.horizontal(|ui| {
                        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                        if (ui.button("确定").clicked() || enter) && !text.trim().is_empty() {
                            let v = Value::text(text.trim());
                            let field = match *target {
                                RenameTarget::Section(id) => {
                                    Field::Section(id, SectionField::Title)
                                }
                                RenameTarget::Indicator(id) => {
                                    Field::Indicator(id, IndicatorField::Name)
                                }
                                RenameTarget::Task(id) => Field::Task(id, TaskField::Title),
                            };
                            cmds.push(Command::Edit {
                                edits: vec![Edit::Set(field, v)],
                                action: "重命名".into(),
                            });
                            close = true;
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                });
            }
            Modal::NewPlan(form) => {
                let mut create = false;
                egui::Modal::new(egui::Id::unique("new_plan")).show(ctx, |ui| {
                    ui.heading("新建规划");
                    egui::Grid::new("new_plan_form")
                        .num_columns(2)
                        .show(ui, |ui| {
                            let l = ui.label("规划名称");
                            ui.add(egui::TextEdit::singleline(&mut form.name).desired_width(320.0))
                                .labelled_by(l.id);
                            ui.end_row();
                            let l = ui.label("区县");
                            ui.add(
                                egui::TextEdit::singleline(&mut form.region).desired_width(320.0),
                            )
                            .labelled_by(l.id);
                            ui.end_row();
                            ui.label("规划期");
                            ui.horizontal(|ui| {
                                ui.add(
                                    egui::DragValue::new(&mut form.first_year).range(2000..=2100),
                                );
                                ui.label("—");
                                ui.add(
                                    egui::DragValue::new(&mut form.last_year).range(2000..=2100),
                                );
                                ui.label("年");
                            });
                            ui.end_row();
                            ui.label("内容");
                            ui.vertical(|ui| {
                                ui.radio_value(&mut form.from_sample, false, "从空白开始");
                                ui.radio_value(
                                    &mut form.from_sample,
                                    true,
                                    "以龙潭区示例规划为起点",
                                );
                            });
                            ui.end_row();
                        });
                    if let Some(e) = &form.error {
                        ui.label(RichText::new(e).color(theme::ERROR_TEXT));
                    }
                    ui.horizontal(|ui| {
                        if ui.button("选择保存位置并创建…").clicked() {
                            create = true;
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                });
                if create {
                    match new_plan_from_form(form) {
                        Err(e) => form.error = Some(e),
                        Ok(plan) if self.native_dialogs => {
                            if let Some(path) =
                                dialogs::save_plan(&settings::documents_dir(), &plan.info.name)
                            {
                                let _ = std::fs::create_dir_all(settings::documents_dir());
                                match PlanFile::create(&path, &plan) {
                                    Ok(_) => {
                                        cmds.push(Command::Open(path));
                                        close = true;
                                    }
                                    Err(e) => form.error = Some(e.to_string()),
                                }
                            }
                        }
                        Ok(_) => {}
                    }
                }
            }
            Modal::About => {
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
            }
            Modal::PlanInfo => {
                let doc = self.doc.as_ref();
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
            }
            Modal::Task(id) => {
                let id = *id;
                let doc = self.doc.as_ref();
                egui::Modal::new(egui::Id::unique("task_detail")).show(ctx, |ui| {
                    ui.heading("编辑任务");
                    if let Some(doc) = doc {
                        crate::ui::tasks::task_detail_ui(ui, &doc.view(), id, cmds);
                    }
                    if ui.button("关闭").clicked() {
                        close = true;
                    }
                });
            }
            Modal::Shortcuts => {
                egui::Modal::new(egui::Id::unique("shortcuts")).show(ctx, |ui| {
                    ui.heading("快捷键");
                    egui::Grid::new("shortcut_list")
                        .striped(true)
                        .show(ui, |ui| {
                            for (k, what) in [
                                ("Ctrl+Z / Ctrl+Y", "撤销 / 重做（已写入文件的修改也可撤销）"),
                                ("Ctrl+N / Ctrl+O", "新建 / 打开规划"),
                                ("Ctrl+E", "导出Excel"),
                                ("F5", "会议模式；←/→、PageUp/PageDown 翻页，Esc 退出"),
                                (
                                    "指标表：回车/Tab/方向键",
                                    "像电子表格一样移动；直接输入即可录入",
                                ),
                                ("指标表：Ctrl+V", "粘贴从Excel复制的数据块"),
                                ("Delete", "清除所选单元格的数值"),
                            ] {
                                ui.strong(k);
                                ui.label(what);
                                ui.end_row();
                            }
                        });
                    if ui.button("关闭").clicked() {
                        close = true;
                    }
                });
            }
            Modal::Template(unit) => {
                let mut write = false;
                let units = self
                    .doc
                    .as_ref()
                    .map(|d| d.plan.lead_units())
                    .unwrap_or_default();
                let year = self.doc.as_ref().map_or(0, |d| d.year);
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
                        if ui.button("选择保存位置并生成…").clicked() {
                            write = true;
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                });
                if write {
                    let unit = unit.clone();
                    self.modal = None;
                    self.template_dialog(unit.as_deref());
                    return;
                }
            }
            Modal::Import(preview) => {
                let mut apply = false;
                egui::Modal::new(egui::Id::unique("import_preview")).show(ctx, |ui| {
                    crate::ui::import::preview_ui(ui, preview);
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(preview.can_apply(), egui::Button::new("全部写入"))
                            .clicked()
                        {
                            apply = true;
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                });
                if apply {
                    cmds.push(Command::Edit {
                        edits: preview.edits(),
                        action: "导入填报表".into(),
                    });
                    close = true;
                }
            }
        }
        if close {
            self.modal = None;
        }
    }
}

fn describe_target(plan: &Plan, target: DeleteTarget) -> String {
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

fn new_plan_from_form(form: &NewPlanForm) -> Result<Plan, String> {
    let name = form.name.trim();
    if name.is_empty() {
        return Err("请填写规划名称".into());
    }
    if form.first_year > form.last_year {
        return Err("规划期的起始年不能晚于终止年".into());
    }
    let mut plan = if form.from_sample {
        crate::exchange::plan_text::parse_plan_text(settings::SAMPLE_PLAN_TEXT, "示例规划")
            .map_err(|e| e.to_string())?
    } else {
        let mut p = Plan::default();
        for (i, (num, title)) in [
            ("一、", "发展目标"),
            ("二、", "重点任务"),
            ("三、", "保障措施"),
        ]
        .into_iter()
        .enumerate()
        {
            p.sections.push(crate::domain::Section {
                id: crate::domain::SectionId(i as i64 + 1),
                parent: None,
                position: i as i64 + 1,
                numbering: num.into(),
                title: title.into(),
                body: String::new(),
                lead_unit: String::new(),
                co_units: String::new(),
            });
        }
        p
    };
    plan.uid = String::new();
    plan.info = PlanInfo {
        name: name.to_owned(),
        region: form.region.trim().to_owned(),
        base_year: form.first_year - 1,
        first_year: form.first_year,
        last_year: form.last_year,
        remark: if form.from_sample {
            plan.info.remark.clone()
        } else {
            String::new()
        },
        ..PlanInfo::default()
    };
    Ok(plan)
}

impl eframe::App for EduPlanApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut cmds = self.shortcuts(&ctx);
        let title = self.doc.as_ref().map_or_else(
            || APP_TITLE.to_owned(),
            |d| format!("{} — {}", d.plan.info.name, APP_TITLE),
        );
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }

        if let (View::Meeting, Some(doc)) = (self.view, self.doc.as_ref()) {
            egui::CentralPanel::no_frame().show(ui, |ui| {
                meeting_ui(ui, &mut self.meeting, &doc.view(), &mut cmds)
            });
        } else {
            egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui, &mut cmds));
            egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui, &mut cmds));
            if let Some(doc) = &self.doc {
                egui::Panel::left("outline")
                    .resizable(true)
                    .default_size(250.0)
                    .size_range(180.0..=300.0)
                    .show(ui, |ui| {
                        tree_ui(ui, &mut self.tree, &doc.view(), self.view, &mut cmds)
                    });
            }
            let view = self.view;
            if let View::Detail(id) = view
                && let Some(doc) = self.doc.as_mut()
            {
                doc.refresh_history(Some(id));
            }
            egui::CentralPanel::default_margins().show(ui, |ui| {
                if let Some(m) = &self.message {
                    let mut dismiss = false;
                    egui::Frame::new()
                        .fill(if m.is_error { theme::WARNING_BG } else { egui::Color32::from_rgb(0xe8, 0xf3, 0xe8) })
                        .inner_margin(6.0)
                        .show(ui, |ui| {
                            ui.horizontal_wrapped(|ui| {
                                let color = if m.is_error { theme::ERROR_TEXT } else { theme::GREEN };
                                ui.label(RichText::new(&m.text).color(color).strong());
                                if ui.small_button("知道了").clicked() {
                                    dismiss = true;
                                }
                            });
                        });
                    if dismiss {
                        self.message = None;
                    }
                }
                let Some(doc) = &self.doc else {
                    ui.vertical_centered(|ui| {
                        ui.add_space(80.0);
                        ui.heading(APP_TITLE);
                        ui.label("请通过“文件”菜单新建或打开规划文件，也可以把 .eduplan 文件拖到窗口中。");
                    });
                    return;
                };
                let pv = doc.view();
                match view {
                    View::Overview => overview_ui(ui, &mut self.overview, &pv, &mut cmds),
                    View::Indicators => grid_ui(ui, &mut self.grid, &pv, &mut cmds),
                    View::Detail(id) => detail_ui(ui, &pv, id, &mut cmds),
                    View::Tasks => tasks_ui(ui, &mut self.tasks, &pv, &mut cmds),
                    View::Meeting => {}
                }
            });
        }
        self.modal_ui(&ctx, &mut cmds);
        for cmd in cmds {
            self.handle(&ctx, cmd);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.last_view = Some(self.view);
        eframe::set_value(storage, settings::STORAGE_KEY, &self.settings);
    }
}

/// Start the window. Returns the process exit code.
pub fn run_gui(path: Option<PathBuf>) -> i32 {
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon-256.png")).ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(APP_TITLE)
        .with_inner_size([1280.0, 720.0])
        .with_maximized(true)
        .with_min_inner_size([960.0, 600.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        ..Default::default()
    };
    match eframe::run_native(
        "EduPlan",
        options,
        Box::new(move |cc| Ok(Box::new(EduPlanApp::new(cc, path)))),
    ) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("错误：无法启动图形界面：{e}");
            1
        }
    }
}
