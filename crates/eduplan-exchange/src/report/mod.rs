//! The first draft of the report an officer hands in (domain.md §8): 年度监测报告, 中期评估报告,
//! 总结评估报告, built from the plan with the domain's own rules and words. Every number comes
//! from `eduplan_domain` (the same functions `eduplan status` prints with); every paragraph the
//! data cannot support is a highlighted 【请补充：…】 placeholder.
//!
//! Builds a `docx::Document`; knows nothing of files being open, the command line or the GUI.

mod final_report;
mod periodic;
mod phrases;
mod work;

use std::path::Path;

use eduplan_domain::commitments::{TaskState, task_state};
use eduplan_domain::{Date, Evaluation, Indicator, Plan, Task, evaluate};

use crate::ExchangeError;
use crate::docx::{self, Document, FontScheme};

/// Which report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportKind {
    /// 年度监测报告
    Annual,
    /// 中期评估报告
    Midterm,
    /// 总结评估报告
    Final,
}

impl ReportKind {
    /// `annual`, `midterm`, `final` as the command line spells them.
    pub fn from_code(code: &str) -> Option<ReportKind> {
        match code.trim().to_ascii_lowercase().as_str() {
            "annual" => Some(ReportKind::Annual),
            "midterm" => Some(ReportKind::Midterm),
            "final" => Some(ReportKind::Final),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ReportKind::Annual => "年度监测报告",
            ReportKind::Midterm => "中期评估报告",
            ReportKind::Final => "总结评估报告",
        }
    }
}

/// What to report on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReportOptions {
    pub kind: ReportKind,
    /// The evaluation year.
    pub year: i32,
    /// The day tasks and 整改 items are judged on.
    pub as_of: Date,
    pub fonts: FontScheme,
}

/// A report ready to write, with the number of placeholders left for the officer.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub document: Document,
    pub placeholders: usize,
}

/// The count sentence that opens a 年度监测报告's 总体情况: "规划确定的N项主要指标中，{year}年…。
/// 按灯色统计，…。" (the city's 通报 gives it per district).
pub fn indicator_count_sentence(plan: &Plan, year: i32) -> String {
    let evaluations: Vec<Evaluation> = plan
        .indicators_in_outline_order()
        .into_iter()
        .map(|ind| evaluate(ind, &plan.info, year))
        .collect();
    format!(
        "{}{}",
        periodic::status_count_sentence(&evaluations, year),
        periodic::light_count_sentence(&evaluations)
    )
}

/// The plan judged once for the report: every indicator's evaluation and every task's state.
pub(crate) struct Facts<'a> {
    pub plan: &'a Plan,
    pub kind: ReportKind,
    pub year: i32,
    pub as_of: Date,
    /// Indicators in outline order with their evaluation for the year.
    pub indicators: Vec<(&'a Indicator, Evaluation)>,
    /// Tasks and projects in outline order with their state on `as_of`.
    pub tasks: Vec<(&'a Task, TaskState)>,
}

impl<'a> Facts<'a> {
    fn new(plan: &'a Plan, opts: &ReportOptions) -> Facts<'a> {
        let indicators = plan
            .indicators_in_outline_order()
            .into_iter()
            .map(|ind| (ind, evaluate(ind, &plan.info, opts.year)))
            .collect();
        let tasks = plan
            .tasks_in_outline_order()
            .into_iter()
            .map(|t| (t, task_state(t, opts.as_of, plan.info.due_soon_days)))
            .collect();
        Facts {
            plan,
            kind: opts.kind,
            year: opts.year,
            as_of: opts.as_of,
            indicators,
            tasks,
        }
    }
}

/// Refuse what no report can be made of: a plan without indicators, a year outside the plan.
pub fn check_request(plan: &Plan, year: i32) -> Result<(), ExchangeError> {
    if plan.indicators.is_empty() {
        return Err(ExchangeError::NoIndicators);
    }
    if !plan.info.years().contains(&year) {
        return Err(ExchangeError::YearOutsidePlan {
            year,
            first: plan.info.first_year,
            last: plan.info.last_year,
        });
    }
    Ok(())
}

/// The report as a document.
pub fn build_report(plan: &Plan, opts: &ReportOptions) -> Result<Report, ExchangeError> {
    check_request(plan, opts.year)?;
    let facts = Facts::new(plan, opts);
    let document = match opts.kind {
        ReportKind::Final => final_report::build(&facts),
        ReportKind::Annual | ReportKind::Midterm => periodic::build(&facts),
    };
    let placeholders = document.placeholders();
    Ok(Report {
        document,
        placeholders,
    })
}

/// Build the report and write it to `path` (through a temporary file and a rename). Refuses a
/// path that is not a .docx, one of the `protected` files (the plan), an existing file that is
/// not a Word document, a plan without indicators and a year outside the plan: nothing is
/// written then. Returns the number of 【请补充】 placeholders.
pub fn write_report(
    plan: &Plan,
    opts: &ReportOptions,
    path: &Path,
    protected: &[&Path],
) -> Result<usize, ExchangeError> {
    crate::check_output_path_for(path, protected, crate::OutputKind::WordDocument)?;
    let report = build_report(plan, opts)?;
    let bytes = docx::write_docx(&report.document, opts.fonts)
        .map_err(|e| ExchangeError::Docx(e.to_string()))?;
    crate::write_docx_atomically(path, &bytes, protected)?;
    Ok(report.placeholders)
}

/// The evaluation date when none is given: the end of the evaluation year once it is over,
/// else `today`.
pub fn default_as_of(year: i32, today: Date) -> Date {
    if i32::from(today.year()) > year
        && let Ok(y) = i16::try_from(year)
        && let Ok(end) = Date::new(y, 12, 31)
    {
        return end;
    }
    today
}
