//! The city bureau's session: which district files are compared, the city file (settings
//! and their history) and the comparison shown. The flows that read or write files for the
//! city view live here; the view (`ui::city`) only emits `CityCommand`s.
//!
//! District files are read through `storage::city::read_districts` (private snapshots): they
//! are never changed or locked.

use std::path::{Path, PathBuf};

use super::dialogs::FileDialogs;
use super::{EduPlanApp, settings};
use crate::domain::city::{CityComparison, CitySettings, Rejected, compare};
use crate::session::city::{district_files, read_district_files};
use crate::storage::city::{CityFile, CityHistoryEntry};
use crate::ui::city::{CityCommand, CityViewState};

pub struct CitySession {
    pub files: Vec<PathBuf>,
    pub city_file: Option<CityFile>,
    pub settings: CitySettings,
    pub year: Option<i32>,
    pub comparison: Option<CityComparison>,
    pub rejected: Vec<Rejected>,
    /// The city file's changes, newest first.
    pub history: Vec<CityHistoryEntry>,
    pub view: CityViewState,
}

impl CitySession {
    pub fn new() -> CitySession {
        CitySession {
            files: Vec::new(),
            city_file: None,
            settings: CitySettings::default(),
            year: None,
            comparison: None,
            rejected: Vec::new(),
            history: Vec::new(),
            view: CityViewState::default(),
        }
    }

    /// Read the district files again and compare them.
    pub fn refresh(&mut self, library: &crate::domain::library::Library) {
        let (districts, rejected) = read_district_files(&self.files);
        self.rejected = rejected;
        self.comparison =
            (!districts.is_empty()).then(|| compare(districts, &self.settings, library, self.year));
    }

    /// Compare again with the districts already read (after a settings change).
    fn recompute(&mut self, library: &crate::domain::library::Library) {
        if let Some(c) = self.comparison.take() {
            self.comparison = Some(compare(c.districts, &self.settings, library, self.year));
        }
    }

    /// The changes shown under the settings.
    const HISTORY_SHOWN: usize = 50;

    fn reload_history(&mut self) {
        self.history = self
            .city_file
            .as_ref()
            .and_then(|f| f.history(Self::HISTORY_SHOWN).ok())
            .unwrap_or_default();
    }

    pub fn city_file_path(&self) -> Option<&Path> {
        self.city_file.as_ref().map(CityFile::path)
    }
}

impl Default for CitySession {
    fn default() -> Self {
        CitySession::new()
    }
}

impl EduPlanApp {
    /// Carry out a command of the city view.
    pub(super) fn city_command(&mut self, ctx: &egui::Context, cmd: CityCommand) {
        let docs = settings::documents_dir();
        let library = self.library.clone();
        let session = self.city.get_or_insert_with(CitySession::new);
        match cmd {
            CityCommand::PickFiles => {
                if let Some(files) = self.dialogs.open_plans_many(&docs) {
                    session.files = files;
                    session.refresh(&library);
                    self.after_city_read();
                }
            }
            CityCommand::PickFolder => {
                if let Some(folder) = self.dialogs.pick_folder(&docs) {
                    match district_files(std::slice::from_ref(&folder)) {
                        Ok(files) if files.is_empty() => self.error(format!(
                            "文件夹“{}”中没有规划文件（.eduplan 或规划文本 .json）",
                            folder.display()
                        )),
                        Ok(files) => {
                            session.files = files;
                            session.refresh(&library);
                            self.after_city_read();
                        }
                        Err(e) => self.error(e.to_string()),
                    }
                }
            }
            CityCommand::Reload => {
                session.refresh(&library);
                self.after_city_read();
            }
            CityCommand::OpenCityFile => {
                if let Some(path) = self.dialogs.open_city(&docs) {
                    self.open_city_file(&path);
                }
            }
            CityCommand::NewCityFile => {
                if let Some(path) = self.dialogs.save_city(&docs, "市级汇总设置") {
                    match CityFile::create(&path, &session.settings) {
                        Ok(file) => {
                            session.city_file = Some(file);
                            session.reload_history();
                            self.info(format!(
                                "已新建市级汇总文件“{}”，市目标、指标对应和计分规则都保存在其中",
                                path.display()
                            ));
                        }
                        Err(e) => self.error(e.to_string()),
                    }
                }
            }
            CityCommand::SetYear(y) => {
                session.year = Some(y);
                session.recompute(&library);
            }
            CityCommand::SaveSettings(new, action) => {
                let saved = match session.city_file.as_mut() {
                    Some(file) => file.save(&new, &action).map(|c| Some(c.len())),
                    None => Ok(None),
                };
                match saved {
                    Ok(n) => {
                        session.settings = new;
                        session.reload_history();
                        session.recompute(&library);
                        match n {
                            Some(0) => self.info("设置没有变化"),
                            Some(n) => self.info(format!("已保存{action}（{n}处改动，记入修改历史）")),
                            None => self.info(format!(
                                "已按新设置比较。{action}尚未保存：请用“新建市级汇总文件”或“打开市级汇总文件”保存，明年可沿用"
                            )),
                        }
                    }
                    Err(e) => self.error(e.to_string()),
                }
            }
            CityCommand::ExportWorkbook => self.export_city_workbook(),
            CityCommand::ExportBulletin => self.export_city_bulletin(),
            CityCommand::Meeting(on) => {
                session.view.meeting = on;
                if on {
                    session.view.meeting_page = 0;
                }
                if self.fullscreen != on {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
                    self.fullscreen = on;
                }
            }
            CityCommand::Close => {
                self.city = None;
                if self.fullscreen {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                    self.fullscreen = false;
                }
            }
        }
    }

    fn after_city_read(&mut self) {
        let Some(session) = &self.city else { return };
        let rejected = session.rejected.len();
        match &session.comparison {
            None => self.error(format!(
                "没有可以比较的区县规划文件：{}",
                session
                    .rejected
                    .iter()
                    .map(|r| format!("{}——{}", r.source, r.reason))
                    .collect::<Vec<_>>()
                    .join("；")
            )),
            Some(c) if rejected > 0 => self.error(format!(
                "已比较{}个区县；{rejected}个文件未纳入，原因见“数据质量”页",
                c.districts.len()
            )),
            Some(c) => self.info(format!(
                "已比较{}个区县（{}年度）。区县文件只读取，未作任何改动。",
                c.districts.len(),
                c.year
            )),
        }
    }

    pub(super) fn open_city_file(&mut self, path: &Path) {
        let library = self.library.clone();
        match CityFile::open(path).and_then(|f| f.settings().map(|s| (f, s))) {
            Ok((file, settings)) => {
                let session = self.city.get_or_insert_with(CitySession::new);
                session.settings = settings;
                session.city_file = Some(file);
                session.reload_history();
                session.recompute(&library);
                self.info(format!("已打开市级汇总文件“{}”", path.display()));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn export_city_bulletin(&mut self) {
        let Some(session) = &self.city else { return };
        let Some(c) = &session.comparison else {
            self.error("请先选择各区县的规划文件");
            return;
        };
        let name = crate::exchange::city_bulletin::bulletin_title(c.year);
        let Some(out) = self.dialogs.save_docx(&settings::documents_dir(), &name) else {
            return;
        };
        let mut protected: Vec<&Path> = session.files.iter().map(PathBuf::as_path).collect();
        protected.extend(session.city_file_path());
        let fonts = if self.settings.report_fonts_windows {
            crate::exchange::docx::FontScheme::Windows
        } else {
            crate::exchange::docx::FontScheme::Gb2312
        };
        let result = crate::exchange::city_bulletin::export_bulletin(
            c,
            &session.settings,
            fonts,
            &out,
            &protected,
        );
        let done = format!(
            "已导出通报草稿“{}”。文中【请补充】处（问题分析、下一步工作、印发日期）需填写后再印发。",
            out.display()
        );
        match result {
            Ok(()) => self.info(done),
            Err(e) => self.error(e.to_string()),
        }
    }

    fn export_city_workbook(&mut self) {
        let Some(session) = &self.city else { return };
        let Some(c) = &session.comparison else {
            self.error("请先选择各区县的规划文件");
            return;
        };
        let name = format!("{}年度各区县规划指标监测通报", c.year);
        let Some(out) =
            self.dialogs
                .save_xlsx(&settings::documents_dir(), &name, "导出市级汇总工作簿")
        else {
            return;
        };
        let mut protected: Vec<&Path> = session.files.iter().map(PathBuf::as_path).collect();
        protected.extend(session.city_file_path());
        let result = crate::exchange::check_output_path(&out, &protected).and_then(|()| {
            crate::exchange::city_workbook::export_city_workbook(
                c,
                &session.settings,
                &session.rejected,
                &out,
            )
        });
        let done = format!(
            "已导出“{}”（指标比较表、通报表、数据质量{}）",
            out.display(),
            if c.board.is_empty() {
                ""
            } else {
                "、优质均衡"
            }
        );
        match result {
            Ok(()) => self.info(done),
            Err(e) => self.error(e.to_string()),
        }
    }
}

/// The city view in the central panel; its commands become the app's.
pub(super) fn city_panel(
    ui: &mut egui::Ui,
    session: &mut CitySession,
    cmds: &mut Vec<crate::ui::Command>,
) {
    let mut city_cmds = Vec::new();
    let input = crate::ui::city::CityInput {
        comparison: session.comparison.as_ref(),
        settings: &session.settings,
        rejected: &session.rejected,
        city_file: session.city_file.as_ref().map(CityFile::path),
        history: &session.history,
    };
    crate::ui::city::city_ui(ui, &mut session.view, &input, &mut city_cmds);
    cmds.extend(city_cmds.into_iter().map(crate::ui::Command::City));
}
