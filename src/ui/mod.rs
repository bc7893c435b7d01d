//! The views. Each reads a snapshot of the plan (`PlanView`) and emits `Command`s; none of
//! them touches the plan file, a dialog or the disk. The app shell carries the commands out.

pub mod alignment;
pub mod balance;
pub mod city;
pub mod closeout;
pub mod detail;
pub mod grid;
pub mod import;
pub mod meeting;
pub mod overview;
pub mod plan_info;
pub mod rectification;
pub mod review;
pub mod tasks;
pub mod tree;
pub mod widgets;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::domain::edit::Edit;
use crate::domain::{IndicatorId, SectionId, TaskId};
pub use crate::draw::theme;
pub use crate::session::view::{PlanView, indicator_positions};

/// Which view fills the central area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    Overview,
    Indicators,
    Detail(IndicatorId),
    Tasks,
    /// 义务教育优质均衡.
    Balance,
    /// 对标: the plan's targets beside the national, provincial and city ones.
    Alignment,
    /// 整改台账.
    Rectification,
    Meeting,
}

impl View {
    pub fn label(self) -> &'static str {
        match self {
            View::Overview => "总览",
            View::Indicators => "指标",
            View::Detail(_) => "指标详情",
            View::Tasks => "任务",
            View::Balance => "优质均衡",
            View::Alignment => "对标",
            View::Rectification => "整改",
            View::Meeting => "会议模式",
        }
    }
}

/// What a view asks the shell to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Edit {
        edits: Vec<Edit>,
        action: String,
    },
    Undo,
    Redo,
    SetYear(i32),
    /// Judge tasks and 整改 items on this day.
    SetAsOf(crate::domain::Date),
    Show(View),
    /// Select a task in the task list.
    ShowTask(TaskId),
    /// The task list filtered to 逾期.
    ShowOverdueTasks,
    /// Show the new-plan form.
    NewPlan,
    /// Ask where to save, then create the plan the form describes and open it.
    CreatePlan(NewPlanRequest),
    OpenDialog,
    Open(PathBuf),
    SaveAsDialog,
    ExportDialog,
    /// Ask where to write the meeting pages as a PDF, and write them.
    ExportMeetingPdfDialog,
    /// Leave meeting mode for the view it was entered from.
    LeaveMeeting,
    /// Ask where to write a Word report of this kind, write it and open it.
    ExportReportDialog(crate::exchange::report::ReportKind),
    /// Ask where to write the next period's plan made from this one, write it and open it.
    NextPlanDialog,
    /// Show the choice of lead unit for a fill-in table.
    TemplateDialog,
    /// Ask where to save, then write the fill-in table (all units, or one).
    /// Ask where to write a fill-in table for one lead unit (or all), its tasks asking for
    /// the year's progress or one quarter's (1-4).
    WriteTemplate {
        unit: Option<String>,
        quarter: Option<u8>,
    },
    ImportDialog,
    /// Ask where to save, then write the school-data table for the evaluation year.
    SchoolTemplateDialog,
    /// Ask for returned school-data tables and show their preview.
    SchoolImportDialog,
    /// Ask for a plan's text (.txt/.docx) and review the targets read from it.
    ExtractDialog,
    /// Keep a provincial or city target in the officer's own library (我的指标库.json).
    AddLibraryTarget {
        code: String,
        target: crate::domain::library::LibraryTarget,
    },
    /// Ask where to write the officer's library additions, and write them.
    ExportLibraryDialog,
    /// Ask for a colleague's library file and merge it into the officer's own.
    ImportLibraryDialog,
    /// Ask for an inspection's problem list (.xlsx) and preview it.
    ProblemListDialog,
    /// Ask for a file and keep it in the plan as evidence of `owner`.
    AddEvidenceDialog(crate::domain::EvidenceOwner),
    /// Open an evidence file with the system's viewer.
    OpenEvidence(crate::domain::EvidenceId),
    /// Ask where, then save a copy of an evidence file.
    SaveEvidenceDialog(crate::domain::EvidenceId),
    ConfirmDelete(DeleteTarget),
    Rename(RenameTarget),
    /// Carry out a command again, the file question answered with a typed path (the
    /// fallback when the system has no file dialog).
    AnswerTyped(Box<Command>, String),
    Quit,
    ShowAbout,
    ShowShortcuts,
    /// Show or hide the outline on the left (Ctrl+B), for small screens.
    ToggleOutline,
    /// 帮助: 序时进度, 完成进度, the words, the lights and the settings, for this plan.
    ShowHelp,
    ShowPlanInfo,
    /// Open the dialog with every field of one task.
    EditTask(TaskId),
    /// 文件 › 市级汇总…: the city view.
    CityDialog,
    City(city::CityCommand),
}

impl Command {
    /// Commands that ask the officer for a file (and so need a fallback when the system
    /// cannot show a file dialog).
    pub fn asks_for_file(&self) -> bool {
        matches!(
            self,
            Command::CreatePlan(_)
                | Command::OpenDialog
                | Command::SaveAsDialog
                | Command::ExportDialog
                | Command::ExportMeetingPdfDialog
                | Command::ExportReportDialog(_)
                | Command::NextPlanDialog
                | Command::WriteTemplate { .. }
                | Command::ImportDialog
                | Command::SchoolTemplateDialog
                | Command::SchoolImportDialog
                | Command::ExtractDialog
                | Command::ExportLibraryDialog
                | Command::ImportLibraryDialog
                | Command::ProblemListDialog
                | Command::AddEvidenceDialog(_)
                | Command::SaveEvidenceDialog(_)
                | Command::City(
                    city::CityCommand::PickFiles
                        | city::CityCommand::PickFolder
                        | city::CityCommand::OpenCityFile
                        | city::CityCommand::NewCityFile
                        | city::CityCommand::ExportWorkbook
                        | city::CityCommand::ExportBulletin
                )
        )
    }
}

/// What the new-plan form asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct NewPlanRequest {
    pub name: String,
    pub region: String,
    pub first_year: i32,
    pub last_year: i32,
    pub start: PlanStart,
}

/// What a new plan starts from.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanStart {
    /// An empty outline (发展目标 / 重点任务 / 保障措施).
    Blank,
    /// The Longtan sample.
    Sample,
    /// Indicators chosen from the library (their codes), one chapter per 领域.
    Library(Vec<String>),
    /// The targets read from a plan's text, reviewed after the plan is made.
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeleteTarget {
    Section(SectionId),
    Indicator(IndicatorId),
    Task(TaskId),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenameTarget {
    Section(SectionId),
    Indicator(IndicatorId),
    Task(TaskId),
}
