//! The open plan: its file, the plan as last read, and what is derived from it. Every change
//! goes through `apply`, `undo` or `redo`, which commit to the file first and then reload:
//! the fields are private so that no view can change the plan another way.

use std::collections::HashMap;
use std::path::Path;

use super::view::PlanView;
use crate::domain::edit::Edit;
use crate::domain::library::Library;
use crate::domain::validate::{Finding, validate_plan_with_library};
use crate::domain::{Evaluation, IndicatorId, Plan, evaluate};
use crate::storage::{BatchId, HistoryEntry, PlanFile, StorageError};

pub struct Document {
    file: PlanFile,
    plan: Plan,
    year: i32,
    evals: HashMap<IndicatorId, Evaluation>,
    order: Vec<IndicatorId>,
    positions: HashMap<IndicatorId, usize>,
    findings: Vec<Finding>,
    history: Vec<HistoryEntry>,
    history_for: Option<IndicatorId>,
    /// Undo steps; a step can be several batches (an edit and the linked values it moved).
    undo: Vec<Vec<BatchId>>,
    redo: Vec<Vec<BatchId>>,
    saved_at: Option<String>,
    /// For 对标 among the findings.
    library: Library,
    /// The day the officer chose to judge tasks and 整改 on; None: the evaluation date.
    as_of: Option<crate::domain::Date>,
}

impl Document {
    /// Open for editing; a read-only file (e-mail attachment, CD, share) opens for viewing.
    pub fn open(path: &Path, library: &Library) -> Result<Document, StorageError> {
        // A file that cannot be written where it lies (read-only, or in a folder that is:
        // a CD, a share) still opens for viewing; anything else wrong is said as it is.
        let file = match PlanFile::open(path) {
            Err(StorageError::ReadOnly(name)) => {
                PlanFile::read_only(path).map_err(|_| StorageError::ReadOnly(name))?
            }
            Err(StorageError::Io(name, why)) => {
                PlanFile::read_only(path).map_err(|_| StorageError::Io(name, why))?
            }
            other => other?,
        };
        let plan = file.load()?;
        let year = plan.default_evaluation_year();
        let mut doc = Document {
            file,
            plan,
            year,
            evals: HashMap::new(),
            order: Vec::new(),
            positions: HashMap::new(),
            findings: Vec::new(),
            history: Vec::new(),
            history_for: None,
            undo: Vec::new(),
            redo: Vec::new(),
            saved_at: None,
            library: library.clone(),
            as_of: None,
        };
        doc.derive();
        Ok(doc)
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }
    pub fn file(&self) -> &PlanFile {
        &self.file
    }
    pub fn year(&self) -> i32 {
        self.year
    }
    pub fn evaluation(&self, id: IndicatorId) -> Option<&Evaluation> {
        self.evals.get(&id)
    }
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    pub fn saved_at(&self) -> Option<&str> {
        self.saved_at.as_deref()
    }
    /// False for a read-only file: edits are refused with a message that says why.
    pub fn is_writable(&self) -> bool {
        self.file.is_writable()
    }

    /// Judge 对标 against this library from now on.
    pub fn set_library(&mut self, library: &Library) {
        self.library = library.clone();
        self.derive();
    }

    /// The day tasks and 整改 items are judged on: the one the officer chose, else the
    /// evaluation date (the end of the evaluation year once it is over, the plan's fixed date,
    /// or today).
    pub fn as_of(&self) -> crate::domain::Date {
        self.as_of.unwrap_or_else(|| {
            crate::domain::closeout::evaluation_date(
                &self.plan.info,
                self.year,
                super::files::today(),
            )
        })
    }
    pub fn set_as_of(&mut self, day: crate::domain::Date) {
        self.as_of = Some(day);
    }

    pub fn set_year(&mut self, year: i32) {
        self.year = year;
        self.derive();
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
        self.positions = super::view::indicator_positions(&self.plan);
        self.evals = self
            .plan
            .indicators
            .iter()
            .map(|i| (i.id, evaluate(i, &self.plan.info, self.year)))
            .collect();
        self.findings = validate_plan_with_library(&self.plan, self.year, &self.library);
    }

    fn reload(&mut self) -> Result<(), StorageError> {
        self.plan = self.file.load()?;
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

    /// Commit edits to the file at once; they become one undo step. Indicators that take
    /// their values from the school data (优质均衡) follow inside the same batch (storage).
    pub fn apply(&mut self, edits: &[Edit], action: &str) -> Result<(), StorageError> {
        let Some(batch) = self.file.apply(edits, action)? else {
            return Ok(()); // nothing changed: no undo step
        };
        self.redo.clear();
        self.reload()?;
        self.undo.push(vec![batch]);
        self.mark_saved();
        Ok(())
    }

    /// Revert a step's batches, newest first; returns the batches that redo it.
    fn revert_step(
        &mut self,
        step: &[BatchId],
        action: &str,
    ) -> Result<Vec<BatchId>, StorageError> {
        let mut reverse = Vec::new();
        for batch in step.iter().rev() {
            reverse.push(self.file.revert(*batch, action)?);
        }
        Ok(reverse)
    }

    /// What a reverse step changed, as the original change reads: “义务教育巩固率·2024年实际值
    /// 98.6 → 99.2”, and how many more values it took with it.
    pub fn describe_reverse(&self, reverse: &[BatchId]) -> String {
        let entries = self.file.history(None, 200).unwrap_or_default();
        let mine: Vec<_> = entries
            .iter()
            .filter(|e| reverse.contains(&e.batch))
            .collect();
        match mine.last() {
            None => String::new(),
            Some(first) => {
                let more = if mine.len() > 1 {
                    format!("等{}处", mine.len())
                } else {
                    String::new()
                };
                // The reverse entry runs new → old; the officer thinks of the change itself.
                format!("{} {} → {}{more}", first.label, first.new, first.old)
            }
        }
    }

    /// The last step undone and what it was, or None when there is nothing to undo.
    pub fn undo_described(&mut self) -> Result<Option<String>, StorageError> {
        if !self.undo()? {
            return Ok(None);
        }
        let last = self.redo.last().cloned().unwrap_or_default();
        Ok(Some(self.describe_reverse(&last)))
    }

    pub fn undo(&mut self) -> Result<bool, StorageError> {
        let Some(step) = self.undo.pop() else {
            return Ok(false);
        };
        let reverted = self.revert_step(&step, "撤销");
        self.reload()?;
        match reverted {
            Ok(reverse) => {
                self.redo.push(reverse);
                self.mark_saved();
                Ok(true)
            }
            Err(e) => {
                self.undo.push(step);
                Err(e)
            }
        }
    }

    pub fn redo(&mut self) -> Result<bool, StorageError> {
        let Some(step) = self.redo.pop() else {
            return Ok(false);
        };
        let redone = self.revert_step(&step, "重做");
        self.reload()?;
        match redone {
            Ok(again) => {
                self.undo.push(again);
                self.mark_saved();
                Ok(true)
            }
            Err(e) => {
                self.redo.push(step);
                Err(e)
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn refresh_history(&mut self, id: Option<IndicatorId>) {
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
            positions: &self.positions,
            findings: &self.findings,
            history: &self.history,
            writable: self.file.is_writable(),
            as_of: self.as_of(),
        }
    }
}
