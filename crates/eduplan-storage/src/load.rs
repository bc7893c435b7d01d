//! Reading the whole plan from its file into plain domain values.

#![allow(unused_imports)] // each part takes what it needs from the crate's common imports
use super::*;

pub(crate) fn parse_date(text: Option<String>, what: &str) -> Result<Option<eduplan_domain::Date>> {
    match text.filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => t.parse().map(Some).map_err(|_| bad(what, &t)),
    }
}

/// The 优质均衡 thresholds as stored: empty for the national defaults.
pub(crate) fn balance_settings(json: &str) -> Result<BalanceSettings> {
    if json.trim().is_empty() {
        return Ok(BalanceSettings::default());
    }
    serde_json::from_str(json).map_err(|_| bad("优质均衡标准", "（设置记录）"))
}

pub(crate) fn bad(what: &str, value: &str) -> StorageError {
    StorageError::Unreadable(String::new(), format!("{what}“{value}”无法识别"))
}

/// A stored code read back; an unknown one names the field it was in.
fn code<T: Coded>(text: String, what: &str) -> Result<T> {
    T::from_code(&text).ok_or_else(|| bad(what, &text))
}

fn optional_code<T: Coded>(text: Option<String>, what: &str) -> Result<Option<T>> {
    match text.filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => code(t, what).map(Some),
    }
}

/// `SELECT <first>, <every field's column> FROM <table> <rest>`: the columns come from the
/// field table, and each is read back at its place there (`1 + field.column()`).
fn select(first: &str, columns: String, table: &str, rest: &str) -> String {
    format!("SELECT {first}, {columns} FROM {table} {rest}")
}

pub(crate) fn load_plan(conn: &Connection) -> Result<Plan> {
    let (uid, info) = conn.query_row(
        &select("uid", PlanField::columns(), "plan", "WHERE id = 1"),
        [],
        |r| Ok((r.get::<_, String>(0)?, plan_info(r))),
    )?;
    let info = info?;
    let mut stmt = conn.prepare(&select(
        "id",
        SectionField::columns(),
        "section",
        "ORDER BY position, id",
    ))?;
    let at = |f: SectionField| 1 + f.column();
    let sections = stmt
        .query_map([], |r| {
            use SectionField as F;
            Ok(Section {
                id: SectionId(r.get(0)?),
                parent: r.get::<_, Option<i64>>(at(F::Parent))?.map(SectionId),
                position: r.get(at(F::Position))?,
                numbering: r.get(at(F::Numbering))?,
                title: r.get(at(F::Title))?,
                body: r.get(at(F::Body))?,
                lead_unit: r.get(at(F::LeadUnit))?,
                co_units: r.get(at(F::CoUnits))?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let mut stmt = conn.prepare(&select(
        "id",
        IndicatorField::columns(),
        "indicator",
        "ORDER BY position, id",
    ))?;
    let mut rows = stmt.query([])?;
    let mut indicators = Vec::new();
    while let Some(r) = rows.next()? {
        let mut ind = Indicator::new(IndicatorId(r.get(0)?), SectionId(0), "");
        for &field in IndicatorField::ALL {
            read_indicator_field(&mut ind, field, r)?;
        }
        indicators.push(ind);
    }
    let index: HashMap<i64, usize> = indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| (ind.id.0, i))
        .collect();
    let mut stmt = conn.prepare("SELECT indicator_id, year, value FROM planned_value")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            indicators[i].planned.insert(r.get(1)?, r.get(2)?);
        }
    }
    let mut stmt = conn.prepare("SELECT indicator_id, year, value FROM benchmark_value")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            indicators[i].benchmarks.insert(r.get(1)?, r.get(2)?);
        }
    }
    let mut stmt = conn.prepare(&select(
        "indicator_id, year",
        ActualField::columns(),
        "actual",
        "",
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            let mut actual = Actual::default();
            for &field in ActualField::ALL {
                let at = 2 + field.column();
                match field {
                    ActualField::Value => actual.value = r.get(at)?,
                    ActualField::Numerator => actual.numerator = r.get(at)?,
                    ActualField::Denominator => actual.denominator = r.get(at)?,
                    ActualField::Note => actual.note = r.get(at)?,
                    ActualField::Source => actual.source = r.get(at)?,
                    ActualField::Estimate => actual.estimate = r.get(at)?,
                }
            }
            indicators[i].actuals.insert(r.get(1)?, actual);
        }
    }

    let mut stmt = conn.prepare(&select(
        "id",
        TaskField::columns(),
        "task",
        "ORDER BY position, id",
    ))?;
    let mut rows = stmt.query([])?;
    let mut tasks = Vec::new();
    while let Some(r) = rows.next()? {
        let mut task = Task::new(TaskId(r.get(0)?), SectionId(0), "");
        for &field in TaskField::ALL {
            read_task_field(&mut task, field, r)?;
        }
        tasks.push(task);
    }
    let task_index: HashMap<i64, usize> =
        tasks.iter().enumerate().map(|(i, t)| (t.id.0, i)).collect();
    let mut stmt = conn.prepare("SELECT task_id, year, text FROM task_progress")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = task_index.get(&r.get::<_, i64>(0)?) {
            tasks[i].progress.insert(r.get(1)?, r.get(2)?);
        }
    }
    let mut stmt = conn.prepare("SELECT task_id, quarter, text FROM task_quarter_progress")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = task_index.get(&r.get::<_, i64>(0)?) {
            let n: i32 = r.get(1)?;
            let quarter =
                Quarter::from_number(n).ok_or_else(|| bad("季度形象进度的季度", &n.to_string()))?;
            tasks[i].quarterly.insert(quarter, r.get(2)?);
        }
    }
    let mut stmt = conn.prepare(&select(
        "id",
        SchoolField::columns(),
        "school",
        "ORDER BY position, id",
    ))?;
    let mut rows = stmt.query([])?;
    let mut schools = Vec::new();
    while let Some(r) = rows.next()? {
        let mut school = School::new(SchoolId(r.get(0)?), "");
        for &field in SchoolField::ALL {
            let at = 1 + field.column();
            let what = field.spec().label;
            match field {
                SchoolField::Position => school.position = r.get(at)?,
                SchoolField::Name => school.name = r.get(at)?,
                SchoolField::Type => school.school_type = code(r.get(at)?, what)?,
                SchoolField::Remark => school.remark = r.get(at)?,
            }
        }
        schools.push(school);
    }
    let school_index: HashMap<i64, usize> = schools
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.0, i))
        .collect();
    let mut stmt = conn.prepare(&select(
        "school_id, year",
        SchoolYearField::columns(),
        "school_year",
        "",
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = school_index.get(&r.get::<_, i64>(0)?) {
            let mut figures = SchoolFigures::default();
            for &field in SchoolYearField::ALL {
                *figures.slot_mut(field) = r.get(2 + field.column())?;
            }
            schools[i].years.insert(r.get(1)?, figures);
        }
    }
    Ok(Plan {
        info,
        uid,
        sections,
        indicators,
        tasks,
        schools,
        rectifications: load_rectifications(conn)?,
        evidence: load_evidence(conn)?,
    })
}

/// The plan row: every `PlanField` at its place after `uid`.
fn plan_info(r: &rusqlite::Row) -> Result<PlanInfo> {
    use PlanField as F;
    let mut info = PlanInfo::default();
    let mut predecessor = Predecessor::default();
    for &field in PlanField::ALL {
        let at = 1 + field.column();
        let what = field.spec().label;
        let c = &mut info.closeout;
        match field {
            F::Name => info.name = r.get(at)?,
            F::Region => info.region = r.get(at)?,
            F::IssuingBody => info.issuing_body = r.get(at)?,
            F::DocNumber => info.doc_number = r.get(at)?,
            F::IssueDate => info.issue_date = r.get(at)?,
            F::ReportingUnit => info.reporting_unit = r.get(at)?,
            F::BaseYear => info.base_year = r.get(at)?,
            F::FirstYear => info.first_year = r.get(at)?,
            F::LastYear => info.last_year = r.get(at)?,
            F::AheadMarginPp => info.ahead_margin_pp = r.get(at)?,
            F::GreenLimitPp => info.green_limit_pp = r.get(at)?,
            F::YellowTolerancePp => info.yellow_tolerance_pp = r.get(at)?,
            F::Remark => info.remark = r.get(at)?,
            F::BalanceSettings => info.balance = balance_settings(&r.get::<_, String>(at)?)?,
            F::DueSoonDays => info.due_soon_days = r.get(at)?,
            F::EvaluationKind => c.evaluation_kind = optional_code(r.get(at)?, what)?,
            F::ExceedMarginPp => c.exceed_margin_pp = r.get(at)?,
            F::BasicSharePct => c.basic_share_pct = r.get(at)?,
            F::BasicForBinding => c.basic_for_binding = r.get(at)?,
            F::EvaluationDate => c.evaluation_date = parse_date(r.get(at)?, what)?,
            F::PredecessorName => predecessor.name = r.get(at)?,
            F::PredecessorHash => predecessor.hash = r.get(at)?,
        }
    }
    info.predecessor =
        (!predecessor.name.is_empty() || !predecessor.hash.is_empty()).then_some(predecessor);
    Ok(info)
}

fn read_indicator_field(
    ind: &mut Indicator,
    field: IndicatorField,
    r: &rusqlite::Row,
) -> Result<()> {
    use IndicatorField as F;
    let at = 1 + field.column();
    let what = field.spec().label;
    let c = &mut ind.closeout;
    match field {
        F::Section => ind.section = SectionId(r.get(at)?),
        F::Position => ind.position = r.get(at)?,
        F::Name => ind.name = r.get(at)?,
        F::Unit => ind.unit = r.get(at)?,
        F::Category => ind.category = r.get(at)?,
        F::Attribute => ind.attribute = code(r.get(at)?, what)?,
        F::Kind => ind.kind = code(r.get(at)?, what)?,
        F::Comparison => ind.comparison = code(r.get(at)?, what)?,
        F::BaseValue => ind.base_value = r.get(at)?,
        F::BaseYear => ind.base_year = r.get(at)?,
        F::TargetValue => ind.target_value = r.get(at)?,
        F::TargetStretch => ind.target_stretch = r.get(at)?,
        F::TargetYear => ind.target_year = r.get(at)?,
        F::TargetText => ind.target_text = r.get(at)?,
        F::LeadUnit => ind.lead_unit = r.get(at)?,
        F::DataSource => ind.data_source = r.get(at)?,
        F::NumeratorLabel => ind.numerator_label = r.get(at)?,
        F::DenominatorLabel => ind.denominator_label = r.get(at)?,
        F::MayExceed100 => ind.may_exceed_100 = r.get(at)?,
        F::Decimals => {
            ind.decimals = r
                .get::<_, Option<i64>>(at)?
                .and_then(|d| u8::try_from(d).ok())
        }
        F::EntryMode => ind.entry_mode = code(r.get(at)?, what)?,
        F::LinkedFigure => ind.linked_figure = r.get(at)?,
        F::Definition => ind.definition = r.get(at)?,
        F::LibraryCode => ind.library_code = r.get(at)?,
        F::VerdictOverride => c.verdict_override = optional_code(r.get(at)?, what)?,
        F::OverrideReason => c.override_reason = r.get(at)?,
        F::MissReason => c.miss_reason = optional_code(r.get(at)?, what)?,
        F::MissNote => c.miss_note = r.get(at)?,
        F::NextSteps => c.next_steps = r.get(at)?,
        F::CarryOver => c.carry_over = r.get(at)?,
        F::BaseEstimate => c.base_estimate = r.get(at)?,
    }
    Ok(())
}

fn read_task_field(task: &mut Task, field: TaskField, r: &rusqlite::Row) -> Result<()> {
    use TaskField as F;
    let at = 1 + field.column();
    let what = field.spec().label;
    let c = &mut task.closeout;
    match field {
        F::Section => task.section = SectionId(r.get(at)?),
        F::Position => task.position = r.get(at)?,
        F::Kind => task.kind = code(r.get(at)?, what)?,
        F::Title => task.title = r.get(at)?,
        F::Measures => task.measures = r.get(at)?,
        F::LeadUnit => task.lead_unit = r.get(at)?,
        F::CoUnits => task.co_units = r.get(at)?,
        F::Deadline => task.deadline = r.get(at)?,
        F::BudgetWanYuan => task.budget_wan_yuan = r.get(at)?,
        F::Status => task.status = code(r.get(at)?, what)?,
        F::Remark => task.remark = r.get(at)?,
        F::DeadlineDate => task.deadline_date = parse_date(r.get(at)?, what)?,
        F::ResponsiblePerson => task.responsible_person = r.get(at)?,
        F::AnnualTarget => task.annual_target = r.get(at)?,
        F::CompletedDate => task.completed_date = parse_date(r.get(at)?, what)?,
        F::Verdict => c.verdict = optional_code(r.get(at)?, what)?,
        F::VerdictBasis => c.verdict_basis = r.get(at)?,
        F::Scope => c.scope = r.get(at)?,
        F::BuildPeriod => c.build_period = r.get(at)?,
        F::Outcome => c.outcome = r.get(at)?,
        F::NewPlaces => c.new_places = r.get(at)?,
        F::ProjectState => c.project_state = optional_code(r.get(at)?, what)?,
        F::MissReason => c.miss_reason = optional_code(r.get(at)?, what)?,
        F::MissNote => c.miss_note = r.get(at)?,
        F::CarryOver => c.carry_over = r.get(at)?,
    }
    Ok(())
}

pub(crate) fn evidence_owner_columns(
    owner: eduplan_domain::EvidenceOwner,
) -> (&'static str, i64, Option<i32>) {
    use eduplan_domain::EvidenceOwner as O;
    match owner {
        O::Task(id) => ("task", id.0, None),
        O::Rectification(id) => ("rectification", id.0, None),
        O::Actual(id, year) => ("actual", id.0, Some(year)),
    }
}

pub(crate) fn load_evidence(conn: &Connection) -> Result<Vec<eduplan_domain::Evidence>> {
    use eduplan_domain::EvidenceOwner as O;
    let mut stmt = conn.prepare(
        "SELECT id, owner, owner_id, year, name, size, added, removed FROM evidence ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(1)?;
        let owner_id: i64 = r.get(2)?;
        let year: Option<i32> = r.get(3)?;
        let owner = match (kind.as_str(), year) {
            ("task", _) => O::Task(TaskId(owner_id)),
            ("rectification", _) => O::Rectification(RectificationId(owner_id)),
            ("actual", Some(y)) => O::Actual(IndicatorId(owner_id), y),
            _ => return Err(bad("佐证材料的归属", &kind)),
        };
        let added: String = r.get(6)?;
        out.push(eduplan_domain::Evidence {
            id: eduplan_domain::EvidenceId(r.get(0)?),
            owner,
            name: r.get(4)?,
            size: u64::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
            added: added.parse().map_err(|_| bad("佐证材料的日期", &added))?,
            removed: r.get(7)?,
        });
    }
    Ok(out)
}

pub(crate) fn load_rectifications(conn: &Connection) -> Result<Vec<Rectification>> {
    use RectificationField as F;
    let mut stmt = conn.prepare(&select(
        "id",
        RectificationField::columns(),
        "rectification",
        "ORDER BY position, id",
    ))?;
    let mut rows = stmt.query([])?;
    let mut items = Vec::new();
    while let Some(r) = rows.next()? {
        let mut item = Rectification::new(RectificationId(r.get(0)?), "");
        for &field in RectificationField::ALL {
            let at = 1 + field.column();
            let what = field.spec().label;
            match field {
                F::Position => item.position = r.get(at)?,
                F::Source => item.source = code(r.get(at)?, what)?,
                F::Batch => item.batch = r.get(at)?,
                F::BatchDate => item.batch_date = parse_date(r.get(at)?, what)?,
                F::Problem => item.problem = r.get(at)?,
                F::Measures => item.measures = r.get(at)?,
                F::Unit => item.unit = r.get(at)?,
                F::Person => item.person = r.get(at)?,
                F::Due => item.due = parse_date(r.get(at)?, what)?,
                F::Closed => item.closed = parse_date(r.get(at)?, what)?,
                F::ClosedBy => item.closed_by = r.get(at)?,
                F::ClosedNote => item.closed_note = r.get(at)?,
            }
        }
        items.push(item);
    }
    let index: HashMap<i64, usize> = items.iter().enumerate().map(|(i, r)| (r.id.0, i)).collect();
    let mut stmt = conn
        .prepare("SELECT rectification_id, day, text FROM rectification_progress ORDER BY day")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let day: i32 = r.get(1)?;
        if let (Some(&i), Some(date)) = (index.get(&r.get::<_, i64>(0)?), day_from_number(day)) {
            items[i].progress.push(ProgressEntry {
                date,
                text: r.get(2)?,
            });
        }
    }
    Ok(items)
}

impl PlanFile {
    pub fn load(&self) -> Result<Plan> {
        load_plan(&self.conn).map_err(|e| match e {
            StorageError::Sql(_) => StorageError::Damaged(display_name(&self.path), "内容无法读取"),
            StorageError::Unreadable(_, what) => {
                StorageError::Unreadable(display_name(&self.path), what)
            }
            other => other,
        })
    }
}
