//! The shell: the eframe App and the one place where commands are carried out (edits, undo,
//! files, dialogs). Views and dialogs only emit `Command`s; `handle` is the only code that
//! changes the document or touches the disk.
//!
//! * `document` — the open plan and its undo path;
//! * `files` — the flows that read or write files (new plan, save as, exports, fill-in
//!   tables, imports, evidence, the officer's library);
//! * `dialogs` — file dialogs behind a trait (native, or scripted in tests);
//! * `modals` — one function per modal dialog;
//! * `menu` — menu bar, status bar, keyboard shortcuts;
//! * `settings` — what is remembered between runs.

pub mod city;
pub mod dialogs;
mod files;
mod menu;
mod modals;
pub mod settings;

use std::path::{Path, PathBuf};

use egui::RichText;

use crate::domain::Plan;
use crate::domain::edit::{ActualField, Edit, Field};
pub use crate::session::Document;
use crate::ui::alignment::alignment_ui;
use crate::ui::balance::{BalanceState, balance_ui};
use crate::ui::detail::detail_ui;
use crate::ui::grid::{GridState, grid_ui};
use crate::ui::meeting::{MeetingState, meeting_ui};
use crate::ui::overview::{OverviewState, overview_ui};
use crate::ui::rectification::{RectificationViewState, rectification_ui};
use crate::ui::tasks::{TasksState, tasks_ui};
use crate::ui::tree::{TreeState, tree_ui};
use crate::ui::{Command, RenameTarget, View, theme};
use dialogs::{FileDialogs, NativeDialogs};
use modals::Modal;
use settings::Settings;

const APP_TITLE: &str = "EduPlan 教育规划工作台";

pub struct Message {
    pub text: String,
    pub is_error: bool,
}

pub struct EduPlanApp {
    doc: Option<Document>,
    view: View,
    message: Option<Message>,
    settings: Settings,
    tree: TreeState,
    grid: GridState,
    overview: OverviewState,
    tasks: TasksState,
    balance: BalanceState,
    /// Kept while the program runs: F5 resumes the page and the theme.
    meeting: MeetingState,
    /// The view meeting mode was entered from, where Esc returns.
    before_meeting: View,
    rectification: RectificationViewState,
    alignment: crate::ui::alignment::AlignmentState,
    modal: Option<Modal>,
    dialogs: dialogs::Dialogs,
    fullscreen: bool,
    /// Sent to the window only when it changes: every viewport command costs a repaint.
    window_title: String,
    /// The indicator library with the officer's own provincial and city targets.
    library: crate::domain::library::Library,
    /// Where the officer's own library additions are kept.
    library_file: PathBuf,
    /// Started without a file: the sample is open, and the officer is told so.
    sample_notice: bool,
    /// The outline shown or hidden by the officer (Ctrl+B); None: by the window's width.
    tree_shown: Option<bool>,
    /// The city bureau's comparison of several districts, while it is shown.
    city: Option<city::CitySession>,
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
        let mut app = EduPlanApp::empty(settings, Box::new(NativeDialogs::default()));
        let (library, warning) = settings::load_library();
        app.library = library;
        if let Some(w) = warning {
            app.error(w);
        }
        if let Some(View::Overview | View::Indicators | View::Tasks | View::Balance) =
            app.settings.last_view
        {
            app.view = app.settings.last_view.unwrap_or(View::Overview);
        }
        app.sample_notice = path.is_none();
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

    /// For tests: no remembered settings, `dialogs` answering the file questions, the given
    /// plan open.
    pub fn for_tests_with(ctx: &egui::Context, path: &Path, dialogs: Box<dyn FileDialogs>) -> Self {
        theme::install_fonts(ctx);
        theme::apply(ctx);
        let mut app = EduPlanApp::empty(Settings::default(), dialogs);
        app.open(path);
        app
    }

    /// For tests: keep the officer's library additions in `path` (not the user's data folder).
    pub fn with_library_file(mut self, path: &Path) -> Self {
        self.library_file = path.to_owned();
        self
    }

    /// For tests: as `for_tests_with`, every file question cancelled.
    pub fn for_tests(ctx: &egui::Context, path: &Path) -> Self {
        Self::for_tests_with(ctx, path, Box::new(dialogs::ScriptedDialogs::default()))
    }

    fn empty(settings: Settings, dialogs: Box<dyn FileDialogs>) -> Self {
        EduPlanApp {
            doc: None,
            view: View::Overview,
            message: None,
            settings,
            tree: TreeState::default(),
            grid: GridState::default(),
            overview: OverviewState::default(),
            tasks: TasksState::default(),
            balance: BalanceState::default(),
            meeting: MeetingState::default(),
            before_meeting: View::Overview,
            rectification: RectificationViewState::default(),
            alignment: crate::ui::alignment::AlignmentState::default(),
            modal: None,
            dialogs: dialogs::Dialogs::new(dialogs),
            fullscreen: false,
            window_title: String::new(),
            library: crate::domain::library::Library::builtin(),
            library_file: settings::user_library_path(),
            sample_notice: false,
            tree_shown: None,
            city: None,
        }
    }

    /// The open plan, if any.
    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref()
    }
    pub fn view(&self) -> View {
        self.view
    }
    /// The grid's selected cell (indicator, year).
    pub fn grid_selection(&self) -> Option<(crate::domain::IndicatorId, i32)> {
        self.grid.selected
    }
    /// The message banner above the view.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
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
        let current = self.doc.as_ref().map(|d| {
            d.file()
                .read_only_source()
                .unwrap_or(d.file().path())
                .to_owned()
        });
        if current.is_some_and(|c| same(&c, path)) {
            self.info(format!("“{}”已经打开", path.display()));
            return;
        }
        match Document::open(path, &self.library) {
            Ok(doc) => {
                if !doc.is_writable() {
                    self.error(
                        crate::storage::StorageError::ReadOnly(path.display().to_string())
                            .to_string(),
                    );
                } else if let Some(up) = doc.file().upgrade() {
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
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Carry out one command from a view, a menu or a dialog.
    pub fn handle(&mut self, ctx: &egui::Context, cmd: Command) {
        let asks_for_file = cmd.asks_for_file().then(|| cmd.clone());
        self.carry_out(ctx, cmd);
        // No file dialog could be shown (Linux without a portal): ask for the path here.
        if let Some(cmd) = asks_for_file
            && self.dialogs.take_unavailable()
        {
            self.modal = Some(Modal::PathFallback(cmd, String::new()));
        }
    }

    fn carry_out(&mut self, ctx: &egui::Context, cmd: Command) {
        match cmd {
            Command::Edit { edits, action } => {
                if let Some(doc) = self.doc.as_mut() {
                    match doc.apply(&edits, &action) {
                        Err(e) => self.error(e.to_string()),
                        // Something new in the outline: its name is ready to be typed over.
                        Ok(()) => {
                            if let Some(target) = added_by(&edits, doc.plan()) {
                                let name = current_name(doc.plan(), target);
                                self.modal = Some(Modal::Rename(target, name, true));
                            }
                            // A value for a later year than the one judged: say so, since the
                            // 评价 column does not move with it.
                            let judged = doc.year();
                            let later = edits.iter().find_map(|e| match e {
                                Edit::Set(Field::Actual(_, y, ActualField::Value), _)
                                    if *y > judged =>
                                {
                                    Some(*y)
                                }
                                _ => None,
                            });
                            if let Some(y) = later {
                                self.info(format!(
                                    "已记录{y}年的值；评价仍按评估年度{judged}年，可在状态栏把评估年度改为{y}年"
                                ));
                            }
                        }
                    }
                }
            }
            Command::Undo => {
                if let Some(doc) = self.doc.as_mut() {
                    match doc.undo_described() {
                        Ok(Some(what)) if what.is_empty() => self.info("已撤销"),
                        Ok(Some(what)) => self.info(format!("已撤销：{what}")),
                        Ok(None) => self.info("没有可撤销的操作"),
                        Err(e) => self.error(e.to_string()),
                    }
                }
            }
            Command::Redo => {
                if let Some(doc) = self.doc.as_mut() {
                    match doc.redo() {
                        Ok(true) => self.info("已重做"),
                        Ok(false) => self.info("没有可重做的操作"),
                        Err(e) => self.error(e.to_string()),
                    }
                }
            }
            Command::SetAsOf(day) => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.set_as_of(day);
                }
            }
            Command::SetYear(y) => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.set_year(y);
                }
            }
            Command::LeaveMeeting => {
                self.set_fullscreen(ctx, false);
                self.view = if self.view == View::Meeting {
                    self.before_meeting
                } else {
                    self.view
                };
            }
            Command::Show(view) => {
                if view == View::Meeting {
                    if self.view != View::Meeting {
                        self.before_meeting = self.view;
                    }
                    self.set_fullscreen(ctx, true);
                } else if self.view == View::Meeting {
                    self.set_fullscreen(ctx, false);
                }
                self.view = view;
            }
            Command::ShowOverdueTasks => {
                self.view = View::Tasks;
                self.tasks = TasksState {
                    state: Some(crate::domain::commitments::TaskState::Overdue),
                    ..TasksState::default()
                };
            }
            Command::ShowTask(id) => {
                self.view = View::Tasks;
                self.tasks.highlight = Some(id);
                self.tasks.scroll_to_highlight = true;
                self.tasks.lead_unit = None;
                self.tasks.state = None;
            }
            Command::NewPlan => self.modal = Some(Modal::new_plan()),
            Command::CreatePlan(request) => self.create_plan(&request),
            Command::OpenDialog => {
                if let Some(p) = self.dialogs.open_plan(&settings::documents_dir()) {
                    self.open(&p);
                }
            }
            Command::Open(p) => self.open(&p),
            Command::SaveAsDialog => self.save_as(),
            Command::ExportDialog => self.export(),
            Command::ExportMeetingPdfDialog => self.export_meeting_pdf(),
            Command::ExportReportDialog(kind) => self.export_report(kind),
            Command::NextPlanDialog => self.write_next_plan(),
            Command::TemplateDialog => {
                if self.doc.is_some() {
                    self.modal = Some(Modal::Template(None, None));
                }
            }
            Command::WriteTemplate { unit, quarter } => {
                self.write_template(unit.as_deref(), quarter)
            }
            Command::ImportDialog => self.import(false),
            Command::SchoolTemplateDialog => self.write_school_template(),
            Command::SchoolImportDialog => self.import(true),
            Command::ExtractDialog => self.extract_from_text(),
            Command::AddEvidenceDialog(owner) => self.add_evidence(owner),
            Command::AddLibraryTarget { code, target } => self.add_library_target(&code, target),
            Command::ExportLibraryDialog => {
                if let Some(out) = self
                    .dialogs
                    .save_library(&settings::documents_dir(), "省市目标指标库")
                {
                    match settings::export_user_library(&self.library_file, &out) {
                        Ok(n) => self.info(format!(
                            "已导出本人添加的{n}个指标条目到“{}”，可发给同事导入。",
                            out.display()
                        )),
                        Err(e) => self.error(e),
                    }
                }
            }
            Command::ImportLibraryDialog => {
                if let Some(file) = self.dialogs.open_library(&settings::documents_dir()) {
                    match settings::import_user_library(&self.library_file, &file) {
                        Ok(n) => {
                            if self.reload_library() {
                                self.info(format!(
                                    "已导入{n}个指标条目（同一指标同一级别的目标以导入的为准），对标已按新目标重新判断。"
                                ));
                            }
                        }
                        Err(e) => self.error(e),
                    }
                }
            }
            Command::ProblemListDialog => {
                if let Some(doc) = &self.doc
                    && let Some(path) = self.dialogs.open_problem_list(&settings::documents_dir())
                {
                    let preview = crate::exchange::problem_list::preview_problem_list(
                        doc.plan(),
                        &path,
                        "",
                        crate::domain::commitments::RectificationSource::Inspection,
                        Some(doc.as_of()),
                    );
                    let batch = path
                        .file_stem()
                        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
                    self.modal = Some(Modal::ProblemList(preview, batch));
                }
            }
            Command::OpenEvidence(id) => self.open_evidence(id),
            Command::SaveEvidenceDialog(id) => self.save_evidence(id),
            Command::ConfirmDelete(target) => {
                if let Some(doc) = &self.doc {
                    let what = modals::describe_target(doc.plan(), target);
                    self.modal = Some(Modal::ConfirmDelete(target, what));
                }
            }
            Command::Rename(target) => {
                if let Some(doc) = &self.doc {
                    let plan = doc.plan();
                    let current = match target {
                        RenameTarget::Section(id) => plan.section(id).map(|s| s.title.clone()),
                        RenameTarget::Indicator(id) => plan.indicator(id).map(|i| i.name.clone()),
                        RenameTarget::Task(id) => plan.task(id).map(|t| t.title.clone()),
                    };
                    self.modal = Some(Modal::Rename(target, current.unwrap_or_default(), true));
                }
            }
            Command::AnswerTyped(cmd, path) => {
                self.dialogs.answer_typed(&path);
                self.handle(ctx, *cmd);
                self.dialogs.forget_typed();
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::ShowAbout => self.modal = Some(Modal::About),
            Command::ShowShortcuts => self.modal = Some(Modal::Shortcuts),
            Command::ShowHelp => self.modal = Some(Modal::Help),
            Command::ToggleOutline => {
                let narrow = ctx.content_rect().width() < 1150.0;
                let shown = self.tree_shown.unwrap_or(!narrow);
                self.tree_shown = Some(!shown);
            }
            Command::ShowPlanInfo => self.modal = Some(Modal::PlanInfo),
            Command::EditTask(id) => self.modal = Some(Modal::Task(id)),
            Command::CityDialog => {
                self.city.get_or_insert_with(city::CitySession::new);
            }
            Command::City(c) => self.city_command(ctx, c),
        }
    }

    fn set_fullscreen(&mut self, ctx: &egui::Context, on: bool) {
        if self.fullscreen != on {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
            self.fullscreen = on;
        }
    }
}

impl eframe::App for EduPlanApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut cmds = self.shortcuts(&ctx);
        if self.view == View::Indicators && self.modal.is_none() {
            crate::ui::grid::keep_tab_in_grid(&ctx, &self.grid);
        }
        let title = self.doc.as_ref().map_or_else(
            || APP_TITLE.to_owned(),
            |d| format!("{} — {}", d.plan().info.name, APP_TITLE),
        );
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }

        if let Some(session) = self.city.as_mut().filter(|s| s.view.meeting)
            && let Some(c) = &session.comparison
        {
            let mut city_cmds = Vec::new();
            egui::CentralPanel::no_frame().show(ui, |ui| {
                crate::ui::city::city_meeting_ui(ui, &mut session.view, c, &mut city_cmds)
            });
            cmds.extend(city_cmds.into_iter().map(Command::City));
        } else if let (View::Meeting, Some(doc)) = (self.view, self.doc.as_ref()) {
            egui::CentralPanel::no_frame().show(ui, |ui| {
                meeting_ui(ui, &mut self.meeting, &doc.view(), &mut cmds)
            });
        } else {
            egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui, &mut cmds));
            egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui, &mut cmds));
            // The outline gives way on small screens (1024 wide) unless the officer chose.
            let narrow = ctx.content_rect().width() < 1150.0;
            let show_tree = self.tree_shown.unwrap_or(!narrow) && self.city.is_none();
            if let (Some(doc), true) = (&self.doc, show_tree) {
                // The first frame comes before the window is maximised: the default width
                // follows the screen, not that first window.
                let screen_width = ctx
                    .input(|i| i.viewport().monitor_size)
                    .map_or(ctx.content_rect().width(), |m| m.x);
                egui::Panel::left("outline")
                    .resizable(true)
                    .default_size((screen_width * 0.19).clamp(240.0, 360.0))
                    .size_range(180.0..=(ctx.content_rect().width() * 0.22).clamp(300.0, 480.0))
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
                if self.sample_notice && self.doc.is_some() {
                    egui::Frame::new()
                        .fill(egui::Color32::from_rgb(0xe8, 0xf0, 0xfb))
                        .inner_margin(6.0)
                        .show(ui, |ui| {
                            ui.horizontal_wrapped(|ui| {
                                ui.label(
                                    RichText::new("现在打开的是龙潭区示例规划：目标摘自规划原文，各年数据为示意，可以随意试用。")
                                        .strong(),
                                );
                                if ui.button("新建规划…").clicked() {
                                    cmds.push(Command::NewPlan);
                                    self.sample_notice = false;
                                }
                                if ui.button("打开规划…").clicked() {
                                    cmds.push(Command::OpenDialog);
                                    self.sample_notice = false;
                                }
                                if ui.button("继续查看示例").clicked() {
                                    self.sample_notice = false;
                                }
                            });
                        });
                }
                if let Some(doc) = &self.doc
                    && !doc.is_writable()
                {
                    egui::Frame::new()
                        .fill(theme::WARNING_BG)
                        .inner_margin(6.0)
                        .show(ui, |ui| {
                            ui.label(
                                RichText::new("只读：此规划文件只能查看和导出。如需修改，请用“文件 › 另存为”保存一份可编辑的副本。")
                                    .color(theme::ERROR_TEXT),
                            );
                        });
                }
                if let Some(session) = self.city.as_mut() {
                    city::city_panel(ui, session, &mut cmds);
                    return;
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
                    View::Balance => balance_ui(ui, &mut self.balance, &pv, &mut cmds),
                    View::Alignment => {
                        alignment_ui(ui, &mut self.alignment, &pv, &self.library, &mut cmds)
                    }
                    View::Rectification => {
                        rectification_ui(ui, &mut self.rectification, &pv, &mut cmds)
                    }
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
        // The window opens maximised every time; nothing about it is remembered, so a close in
        // meeting mode can never bring the next start up full screen without a title bar.
        persist_window: false,
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

/// The section, indicator or task a single add just made (the newest of its kind).
fn added_by(edits: &[crate::domain::edit::Edit], plan: &Plan) -> Option<RenameTarget> {
    use crate::domain::edit::Edit;
    match edits {
        [Edit::AddSection { .. }] => plan
            .sections
            .iter()
            .map(|s| s.id)
            .max_by_key(|id| id.0)
            .map(RenameTarget::Section),
        [Edit::AddIndicator { .. }] => plan
            .indicators
            .iter()
            .map(|i| i.id)
            .max_by_key(|id| id.0)
            .map(RenameTarget::Indicator),
        [Edit::AddTask { .. }] => plan
            .tasks
            .iter()
            .map(|t| t.id)
            .max_by_key(|id| id.0)
            .map(RenameTarget::Task),
        _ => None,
    }
}

fn current_name(plan: &Plan, target: RenameTarget) -> String {
    match target {
        RenameTarget::Section(id) => plan.section(id).map(|s| s.title.clone()),
        RenameTarget::Indicator(id) => plan.indicator(id).map(|i| i.name.clone()),
        RenameTarget::Task(id) => plan.task(id).map(|t| t.title.clone()),
    }
    .unwrap_or_default()
}
