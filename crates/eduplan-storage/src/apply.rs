//! Applying edits: every edit of one action in one transaction with its history rows, the
//! values linked to the school data following inside the same batch.

#![allow(unused_imports)] // each part takes what it needs from the crate's common imports
use super::*;

/// What a delete removes, as the plan stands: the history label, the indicator it concerns
/// and the subtree (a section with everything under it).
pub(crate) fn removal(plan: &Plan, edit: &Edit) -> Result<(String, Option<i64>, Subtree)> {
    let gone = |what: &str| StorageError::Invalid(format!("要删除的{what}已不存在"));
    match edit {
        Edit::DeleteSection(id) => {
            let section = plan.section(*id).ok_or_else(|| gone("章节"))?;
            let label = format!("删除章节“{}”", section.heading());
            Ok((label, None, Subtree::of_section(plan, *id)))
        }
        Edit::DeleteIndicator(id) => {
            let ind = plan.indicator(*id).ok_or_else(|| gone("指标"))?;
            let subtree = Subtree {
                indicators: vec![ind.clone()],
                ..Subtree::default()
            };
            Ok((format!("删除指标“{}”", ind.name), Some(id.0), subtree))
        }
        Edit::DeleteTask(id) => {
            let task = plan.task(*id).ok_or_else(|| gone("任务"))?;
            let subtree = Subtree {
                tasks: vec![task.clone()],
                ..Subtree::default()
            };
            Ok((format!("删除任务“{}”", task.title), None, subtree))
        }
        Edit::DeleteRectification(id) => {
            let item = plan
                .rectifications
                .iter()
                .find(|r| r.id == *id)
                .ok_or_else(|| gone("整改事项"))?;
            let subtree = Subtree {
                rectifications: vec![item.clone()],
                ..Subtree::default()
            };
            let short: String = item.problem.chars().take(16).collect();
            Ok((format!("删除整改事项“{short}”"), None, subtree))
        }
        Edit::DeleteSchool(id) => {
            let school = plan.school(*id).ok_or_else(|| gone("学校"))?;
            let subtree = Subtree {
                schools: vec![school.clone()],
                ..Subtree::default()
            };
            Ok((format!("删除学校“{}”", school.name), None, subtree))
        }
        _ => Err(StorageError::Invalid("不是删除操作".to_owned())),
    }
}

/// The plan as it stands inside the transaction, for what a delete removes.
pub(crate) fn plan_in(tx: &Transaction) -> Result<Plan> {
    load_plan(tx)
}

/// Indicators whose values come from the school data follow it inside the same transaction
/// and history batch as the change that moved them, whoever made it (window, `set`, an
/// import): one undo step takes both back, and a failure leaves neither.
pub(crate) fn apply_linked_figures(tx: &Transaction, batch: BatchId) -> Result<()> {
    let any_linked: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM indicator WHERE linked_figure IS NOT NULL AND linked_figure <> '')",
        [],
        |r| r.get(0),
    )?;
    if !any_linked {
        return Ok(());
    }
    let plan = plan_in(tx)?;
    for edit in eduplan_domain::balance::linked_edits(&plan) {
        apply_edit(tx, batch, LINKED_ACTION, &edit)?;
    }
    Ok(())
}

/// 销号 needs a 佐证材料 or a written acceptance note, for every caller (the window checks
/// first to explain; this keeps the command line, imports and plan files to the same rule).
pub(crate) fn check_close_in(tx: &Transaction, id: RectificationId) -> Result<()> {
    let plan = plan_in(tx)?;
    let Some(item) = plan.rectifications.iter().find(|r| r.id == id) else {
        return Ok(());
    };
    let evidence = plan
        .evidence_of(eduplan_domain::EvidenceOwner::Rectification(id))
        .len();
    let mut open = item.clone();
    open.closed = None;
    match eduplan_domain::commitments::check_close(&open, evidence) {
        Err(eduplan_domain::commitments::CloseRefusal::NoEvidence) => Err(StorageError::Invalid(
            "销号需要佐证：请先添加佐证材料，或填写书面验收意见（说明整改结果和依据）。未销号。"
                .to_owned(),
        )),
        _ => Ok(()),
    }
}

/// The action recorded for values that followed the school data.
pub const LINKED_ACTION: &str = "由学校数据更新";

pub(crate) fn apply_edit(
    tx: &Transaction,
    batch: BatchId,
    action: &str,
    edit: &Edit,
) -> Result<()> {
    match edit {
        Edit::Set(field, value) => {
            let settings_ok = match (field, value) {
                (Field::Plan(PlanField::BalanceSettings), Value::Text(json)) => {
                    balance_settings(json).is_ok()
                }
                (Field::Indicator(_, IndicatorField::LinkedFigure), Value::Text(code)) => {
                    eduplan_domain::balance::LinkedFigure::from_code(code).is_some()
                }
                _ => true,
            };
            if !field.shape().accepts(value) || !settings_ok {
                return Err(StorageError::Invalid(format!(
                    "“{}”的值不符合要求：{}",
                    describe_field(tx, *field)?,
                    value.display()
                )));
            }
            let old = read_field(tx, *field)?;
            if &old == value {
                return Ok(());
            }
            if let (Field::Rectification(id, RectificationField::Closed), Value::Text(_)) =
                (field, value)
            {
                check_close_in(tx, *id)?;
            }
            write_field(tx, *field, value)?;
            let label = describe_field(tx, *field)?;
            record(
                tx,
                batch,
                action,
                field.indicator().map(|i| i.0),
                &label,
                &Record::Set {
                    field: *field,
                    old,
                    new: value.clone(),
                },
            )?;
            match closeout::implied_by(tx, *field)? {
                Some((implied, v)) => apply_edit(tx, batch, action, &Edit::Set(implied, v)),
                None => Ok(()),
            }
        }
        Edit::AddSection {
            parent,
            numbering,
            title,
        } => {
            let position: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM section WHERE parent_id IS ?1",
                [parent.map(|p| p.0)],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO section (parent_id, position, numbering, title) VALUES (?1, ?2, ?3, ?4)",
                params![parent.map(|p| p.0), position, numbering, title],
            )?;
            let section = Section {
                id: SectionId(tx.last_insert_rowid()),
                parent: *parent,
                position,
                numbering: numbering.clone(),
                title: title.clone(),
                body: String::new(),
                lead_unit: String::new(),
                co_units: String::new(),
            };
            let label = format!("新增章节“{}”", section.heading());
            let subtree = Subtree {
                sections: vec![section],
                ..Subtree::default()
            };
            record(tx, batch, action, None, &label, &Record::Insert(subtree))
        }
        Edit::AddIndicator { section, name } => {
            let position: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM indicator WHERE section_id = ?1",
                [section.0],
                |r| r.get(0),
            )?;
            let last_year: i32 =
                tx.query_row("SELECT last_year FROM plan WHERE id = 1", [], |r| r.get(0))?;
            let mut ind = Indicator::new(IndicatorId(0), *section, name);
            ind.position = position;
            ind.target_year = last_year;
            ind.id = insert_indicator(tx, &ind, false)?;
            let label = format!("新增指标“{name}”");
            let id = ind.id.0;
            let subtree = Subtree {
                indicators: vec![ind],
                ..Subtree::default()
            };
            record(
                tx,
                batch,
                action,
                Some(id),
                &label,
                &Record::Insert(subtree),
            )
        }
        Edit::AddTask { section, title } => {
            let position: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM task WHERE section_id = ?1",
                [section.0],
                |r| r.get(0),
            )?;
            let mut task = Task::new(TaskId(0), *section, title);
            task.position = position;
            task.id = insert_task(tx, &task, false)?;
            let label = format!("新增任务“{title}”");
            let subtree = Subtree {
                tasks: vec![task],
                ..Subtree::default()
            };
            record(tx, batch, action, None, &label, &Record::Insert(subtree))
        }
        Edit::AddSchool(new_school) => {
            let position: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM school",
                [],
                |r| r.get(0),
            )?;
            let mut school = new_school.clone();
            school.position = position;
            school.id = insert_school(tx, &school, false)?;
            let label = format!("新增学校“{}”", school.name);
            let subtree = Subtree {
                schools: vec![school],
                ..Subtree::default()
            };
            record(tx, batch, action, None, &label, &Record::Insert(subtree))
        }
        Edit::AddOutline(outline) => {
            let mut new_ids: HashMap<SectionId, SectionId> = HashMap::new();
            let mut added = Subtree::default();
            for s in &outline.sections {
                let parent = s.parent.map(|p| new_ids.get(&p).copied().unwrap_or(p));
                let position: i64 = tx.query_row(
                    "SELECT COALESCE(MAX(position), 0) + 1 FROM section WHERE parent_id IS ?1",
                    [parent.map(|p| p.0)],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "INSERT INTO section (parent_id, position, numbering, title, body)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![parent.map(|p| p.0), position, s.numbering, s.title, s.body],
                )?;
                let id = SectionId(tx.last_insert_rowid());
                new_ids.insert(s.id, id);
                added.sections.push(Section {
                    id,
                    parent,
                    position,
                    ..s.clone()
                });
            }
            for ind in &outline.indicators {
                let section = new_ids.get(&ind.section).copied().unwrap_or(ind.section);
                let position: i64 = tx.query_row(
                    "SELECT COALESCE(MAX(position), 0) + 1 FROM indicator WHERE section_id = ?1",
                    [section.0],
                    |r| r.get(0),
                )?;
                let mut ind = Indicator {
                    section,
                    position,
                    actuals: Default::default(),
                    ..ind.clone()
                };
                ind.id = insert_indicator(tx, &ind, false)?;
                added.indicators.push(ind);
            }
            let label = if added.sections.is_empty() {
                format!("新增{}个指标", added.indicators.len())
            } else {
                format!(
                    "新增{}个章节、{}个指标",
                    added.sections.len(),
                    added.indicators.len()
                )
            };
            record(tx, batch, action, None, &label, &Record::Insert(added))
        }
        Edit::AddRectification(new_item) => {
            let position: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM rectification",
                [],
                |r| r.get(0),
            )?;
            let mut item = new_item.clone();
            item.position = position;
            item.id = insert_rectification(tx, &item, false)?;
            let short: String = item.problem.chars().take(16).collect();
            let label = format!("新增整改事项“{short}”");
            let subtree = Subtree {
                rectifications: vec![item],
                ..Subtree::default()
            };
            record(tx, batch, action, None, &label, &Record::Insert(subtree))
        }
        Edit::AddEvidence {
            owner,
            name,
            added,
            data,
        } => {
            if data.len() as u64 > eduplan_domain::MAX_EVIDENCE_BYTES {
                return Err(StorageError::Invalid(format!(
                    "“{name}”有{:.1} MB，超过佐证材料的上限20 MB，未加入。请压缩或拆分后再添加。",
                    data.len() as f64 / 1024.0 / 1024.0
                )));
            }
            let name = name.trim();
            if name.is_empty() {
                return Err(StorageError::Invalid("佐证材料缺少文件名".to_owned()));
            }
            let (kind, owner_id, year) = evidence_owner_columns(*owner);
            tx.prepare_cached(
                "INSERT INTO evidence (owner, owner_id, year, name, size, added, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                kind,
                owner_id,
                year,
                name,
                data.len() as i64,
                added.to_string(),
                data
            ])?;
            let evidence = eduplan_domain::Evidence {
                id: eduplan_domain::EvidenceId(tx.last_insert_rowid()),
                owner: *owner,
                name: name.to_owned(),
                size: data.len() as u64,
                added: *added,
                removed: false,
            };
            let label = format!("添加佐证材料“{name}”");
            let subtree = Subtree {
                evidence: vec![evidence],
                ..Subtree::default()
            };
            record(tx, batch, action, None, &label, &Record::Insert(subtree))
        }
        Edit::DeleteSection(_)
        | Edit::DeleteIndicator(_)
        | Edit::DeleteTask(_)
        | Edit::DeleteSchool(_)
        | Edit::DeleteRectification(_) => {
            let (label, indicator, subtree) = removal(&plan_in(tx)?, edit)?;
            delete_subtree(tx, &subtree)?;
            record(
                tx,
                batch,
                action,
                indicator,
                &label,
                &Record::Delete(subtree),
            )
        }
    }
}

impl PlanFile {
    /// Apply `edits` as one user action, in one transaction. Returns the history batch, or
    /// None when nothing changed (every value was already as asked). What a delete removes and
    /// the names the history shows are read from the file inside the same transaction.
    pub fn apply(&mut self, edits: &[Edit], action: &str) -> Result<Option<BatchId>> {
        self.check_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let batch = next_batch(&tx)?;
        for edit in edits {
            eduplan_domain::text_limits::check_edit(edit).map_err(StorageError::Invalid)?;
            apply_edit(&tx, batch, action, edit)?;
        }
        apply_linked_figures(&tx, batch)?;
        let recorded: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM history WHERE batch = ?1)",
            [batch.0],
            |r| r.get(0),
        )?;
        if !recorded {
            return Ok(None);
        }
        tx.commit()?;
        Ok(Some(batch))
    }
}
