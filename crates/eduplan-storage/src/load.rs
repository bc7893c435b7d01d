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

pub(crate) fn load_plan(conn: &Connection) -> Result<Plan> {
    let (uid, info) = conn.query_row(
        "SELECT uid, name, region, issuing_body, doc_number, issue_date, reporting_unit,
                base_year, first_year, last_year, yellow_tolerance_pp, remark, ahead_margin_pp,
                green_limit_pp, balance_settings, due_soon_days FROM plan WHERE id = 1",
        [],
        |r| {
            Ok((
                (r.get::<_, String>(0)?, r.get::<_, String>(14)?),
                PlanInfo {
                    name: r.get(1)?,
                    region: r.get(2)?,
                    issuing_body: r.get(3)?,
                    doc_number: r.get(4)?,
                    issue_date: r.get(5)?,
                    reporting_unit: r.get(6)?,
                    base_year: r.get(7)?,
                    first_year: r.get(8)?,
                    last_year: r.get(9)?,
                    yellow_tolerance_pp: r.get(10)?,
                    remark: r.get(11)?,
                    ahead_margin_pp: r.get(12)?,
                    green_limit_pp: r.get(13)?,
                    balance: Default::default(),
                    due_soon_days: r.get(15)?,
                    ..PlanInfo::default()
                },
            ))
        },
    )?;

    let ((uid, balance_json), mut info) = (uid, info);
    info.balance = balance_settings(&balance_json)?;
    let mut stmt = conn.prepare(
        "SELECT id, parent_id, position, numbering, title, body, lead_unit, co_units FROM section ORDER BY position, id",
    )?;
    let sections = stmt
        .query_map([], |r| {
            Ok(Section {
                id: SectionId(r.get(0)?),
                parent: r.get::<_, Option<i64>>(1)?.map(SectionId),
                position: r.get(2)?,
                numbering: r.get(3)?,
                title: r.get(4)?,
                body: r.get(5)?,
                lead_unit: r.get(6)?,
                co_units: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let mut stmt = conn.prepare(
        "SELECT id, section_id, position, name, unit, category, attribute, kind, comparison,
                base_value, target_value, target_stretch, target_year, target_text, lead_unit,
                data_source, numerator_label, denominator_label, may_exceed_100, base_year,
                decimals, entry_mode, linked_figure, definition, library_code
         FROM indicator ORDER BY position, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut indicators = Vec::new();
    while let Some(r) = rows.next()? {
        let attribute: String = r.get(6)?;
        let kind: String = r.get(7)?;
        let comparison: String = r.get(8)?;
        let entry_mode: String = r.get(21)?;
        let decimals: Option<i64> = r.get(20)?;
        indicators.push(Indicator {
            id: IndicatorId(r.get(0)?),
            section: SectionId(r.get(1)?),
            position: r.get(2)?,
            name: r.get(3)?,
            unit: r.get(4)?,
            category: r.get(5)?,
            attribute: Attribute::from_code(&attribute).ok_or_else(|| bad("属性", &attribute))?,
            kind: IndicatorKind::from_code(&kind).ok_or_else(|| bad("指标类型", &kind))?,
            comparison: Comparison::from_code(&comparison)
                .ok_or_else(|| bad("比较方式", &comparison))?,
            base_value: r.get(9)?,
            target_value: r.get(10)?,
            target_stretch: r.get(11)?,
            target_year: r.get(12)?,
            target_text: r.get(13)?,
            planned: Default::default(),
            lead_unit: r.get(14)?,
            data_source: r.get(15)?,
            numerator_label: r.get(16)?,
            denominator_label: r.get(17)?,
            may_exceed_100: r.get(18)?,
            base_year: r.get(19)?,
            decimals: decimals.and_then(|d| u8::try_from(d).ok()),
            entry_mode: EntryMode::from_code(&entry_mode)
                .ok_or_else(|| bad("填报口径", &entry_mode))?,
            benchmarks: Default::default(),
            linked_figure: r.get(22)?,
            definition: r.get(23)?,
            library_code: r.get(24)?,
            actuals: Default::default(),
            closeout: Default::default(),
        });
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
    let mut stmt = conn.prepare(
        "SELECT indicator_id, year, value, numerator, denominator, note, source FROM actual",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            indicators[i].actuals.insert(
                r.get(1)?,
                Actual {
                    value: r.get(2)?,
                    numerator: r.get(3)?,
                    denominator: r.get(4)?,
                    note: r.get(5)?,
                    source: r.get(6)?,
                    estimate: false,
                },
            );
        }
    }

    let mut stmt = conn.prepare(
        "SELECT id, section_id, position, kind, title, measures, lead_unit, co_units, deadline,
                budget_wan_yuan, status, remark, deadline_date, responsible_person, annual_target,
                completed_date FROM task ORDER BY position, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut tasks = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(3)?;
        let status: String = r.get(10)?;
        tasks.push(Task {
            id: TaskId(r.get(0)?),
            section: SectionId(r.get(1)?),
            position: r.get(2)?,
            kind: TaskKind::from_code(&kind).ok_or_else(|| bad("任务类型", &kind))?,
            title: r.get(4)?,
            measures: r.get(5)?,
            lead_unit: r.get(6)?,
            co_units: r.get(7)?,
            deadline: r.get(8)?,
            budget_wan_yuan: r.get(9)?,
            status: TaskStatus::from_code(&status).ok_or_else(|| bad("任务状态", &status))?,
            progress: Default::default(),
            quarterly: Default::default(),
            remark: r.get(11)?,
            deadline_date: parse_date(r.get(12)?, "完成时限日期")?,
            responsible_person: r.get(13)?,
            annual_target: r.get(14)?,
            completed_date: parse_date(r.get(15)?, "完成日期")?,
            closeout: Default::default(),
        });
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
    let mut stmt = conn.prepare(
        "SELECT id, position, name, school_type, remark FROM school ORDER BY position, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut schools = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(3)?;
        schools.push(School {
            id: SchoolId(r.get(0)?),
            position: r.get(1)?,
            name: r.get(2)?,
            school_type: SchoolType::from_code(&kind).ok_or_else(|| bad("学校类型", &kind))?,
            remark: r.get(4)?,
            years: Default::default(),
        });
    }
    let school_index: HashMap<i64, usize> = schools
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.0, i))
        .collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT school_id, year, {SCHOOL_YEAR_COLUMNS} FROM school_year"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = school_index.get(&r.get::<_, i64>(0)?) {
            let mut counts = [None; 7];
            for (k, slot) in counts.iter_mut().enumerate() {
                *slot = r.get(5 + k)?;
            }
            schools[i].years.insert(
                r.get(1)?,
                SchoolFigures {
                    pupils_primary: r.get(2)?,
                    pupils_junior: r.get(3)?,
                    pupils_senior: r.get(4)?,
                    counts,
                },
            );
        }
    }
    let rectifications = load_rectifications(conn)?;
    let evidence = load_evidence(conn)?;
    let mut plan = Plan {
        info,
        uid,
        sections,
        indicators,
        tasks,
        schools,
        rectifications,
        evidence,
    };
    closeout::load(conn, &mut plan)?;
    Ok(plan)
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
    let mut stmt = conn.prepare(
        "SELECT id, position, source, batch, batch_date, problem, measures, unit, person, due,
                closed, closed_by, closed_note FROM rectification ORDER BY position, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut items = Vec::new();
    while let Some(r) = rows.next()? {
        let source: String = r.get(2)?;
        items.push(Rectification {
            id: RectificationId(r.get(0)?),
            position: r.get(1)?,
            source: RectificationSource::from_code(&source)
                .ok_or_else(|| bad("问题来源", &source))?,
            batch: r.get(3)?,
            batch_date: parse_date(r.get(4)?, "反馈日期")?,
            problem: r.get(5)?,
            measures: r.get(6)?,
            unit: r.get(7)?,
            person: r.get(8)?,
            due: parse_date(r.get(9)?, "整改时限")?,
            progress: Vec::new(),
            closed: parse_date(r.get(10)?, "销号日期")?,
            closed_by: r.get(11)?,
            closed_note: r.get(12)?,
        });
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
