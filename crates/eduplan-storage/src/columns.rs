//! Rows written from the field table: each table's INSERT names every field's column in the
//! table's order (`Field::columns()`), and one exhaustive match per table says which value of
//! the domain type a column holds, so a field added to the table cannot be left unwritten.
//! The loader (`load.rs`) reads the same columns back the same way.

use eduplan_domain::balance::{BalanceSettings, School, SchoolFigures};
use eduplan_domain::edit::{
    ActualField, IndicatorField, PlanField, RectificationField, SchoolField, SchoolYearField,
    SectionField, TaskField,
};
use eduplan_domain::{Actual, Coded, Indicator, PlanInfo, Rectification, Section, Task};
use rusqlite::Transaction;
use rusqlite::types::Value as Sql;

use crate::Result;

fn date(d: Option<eduplan_domain::Date>) -> Sql {
    d.map(|d| d.to_string()).into()
}

fn code<T: Coded>(v: T) -> Sql {
    Sql::Text(v.code().to_owned())
}

fn optional_code<T: Coded>(v: Option<T>) -> Sql {
    v.map(|v| v.code().to_owned()).into()
}

/// `INSERT INTO table (leading…, columns…) VALUES (?1…)` with the values in that order.
pub(crate) fn insert(
    tx: &Transaction,
    table: &str,
    leading: &[&str],
    columns: String,
    values: Vec<Sql>,
) -> Result<()> {
    let names = leading
        .iter()
        .copied()
        .chain(std::iter::once(columns.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let places = (1..=values.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    tx.prepare_cached(&format!("INSERT INTO {table} ({names}) VALUES ({places})"))?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

pub(crate) fn plan_values(info: &PlanInfo) -> Result<Vec<Sql>> {
    use PlanField as F;
    let c = &info.closeout;
    let predecessor = info.predecessor.clone().unwrap_or_default();
    let mut out = Vec::with_capacity(PlanField::ALL.len());
    for &field in PlanField::ALL {
        out.push(match field {
            F::Name => info.name.clone().into(),
            F::Region => info.region.clone().into(),
            F::IssuingBody => info.issuing_body.clone().into(),
            F::DocNumber => info.doc_number.clone().into(),
            F::IssueDate => info.issue_date.clone().into(),
            F::ReportingUnit => info.reporting_unit.clone().into(),
            F::BaseYear => info.base_year.into(),
            F::FirstYear => info.first_year.into(),
            F::LastYear => info.last_year.into(),
            F::AheadMarginPp => info.ahead_margin_pp.into(),
            F::GreenLimitPp => info.green_limit_pp.into(),
            F::YellowTolerancePp => info.yellow_tolerance_pp.into(),
            F::Remark => info.remark.clone().into(),
            // The national defaults are stored as an empty text, so a later default applies.
            F::BalanceSettings if info.balance == BalanceSettings::default() => {
                String::new().into()
            }
            F::BalanceSettings => crate::to_json(&info.balance)?.into(),
            F::DueSoonDays => info.due_soon_days.into(),
            F::EvaluationKind => optional_code(c.evaluation_kind),
            F::ExceedMarginPp => c.exceed_margin_pp.into(),
            F::BasicSharePct => c.basic_share_pct.into(),
            F::BasicForBinding => c.basic_for_binding.into(),
            F::EvaluationDate => date(c.evaluation_date),
            F::PredecessorName => predecessor.name.clone().into(),
            F::PredecessorHash => predecessor.hash.clone().into(),
        });
    }
    Ok(out)
}

pub(crate) fn section_values(s: &Section) -> Vec<Sql> {
    use SectionField as F;
    SectionField::ALL
        .iter()
        .map(|field| match field {
            F::Parent => s.parent.map(|p| p.0).into(),
            F::Position => s.position.into(),
            F::Numbering => s.numbering.clone().into(),
            F::Title => s.title.clone().into(),
            F::Body => s.body.clone().into(),
            F::LeadUnit => s.lead_unit.clone().into(),
            F::CoUnits => s.co_units.clone().into(),
        })
        .collect()
}

pub(crate) fn indicator_values(ind: &Indicator) -> Vec<Sql> {
    use IndicatorField as F;
    let c = &ind.closeout;
    IndicatorField::ALL
        .iter()
        .map(|field| match field {
            F::Section => ind.section.0.into(),
            F::Position => ind.position.into(),
            F::Name => ind.name.clone().into(),
            F::Unit => ind.unit.clone().into(),
            F::Category => ind.category.clone().into(),
            F::Attribute => code(ind.attribute),
            F::Kind => code(ind.kind),
            F::Comparison => code(ind.comparison),
            F::BaseValue => ind.base_value.into(),
            F::BaseYear => ind.base_year.into(),
            F::TargetValue => ind.target_value.into(),
            F::TargetStretch => ind.target_stretch.into(),
            F::TargetYear => ind.target_year.into(),
            F::TargetText => ind.target_text.clone().into(),
            F::LeadUnit => ind.lead_unit.clone().into(),
            F::DataSource => ind.data_source.clone().into(),
            F::NumeratorLabel => ind.numerator_label.clone().into(),
            F::DenominatorLabel => ind.denominator_label.clone().into(),
            F::MayExceed100 => ind.may_exceed_100.into(),
            F::Decimals => ind.decimals.map(i64::from).into(),
            F::EntryMode => code(ind.entry_mode),
            F::LinkedFigure => ind.linked_figure.clone().into(),
            F::Definition => ind.definition.clone().into(),
            F::LibraryCode => ind.library_code.clone().into(),
            F::VerdictOverride => optional_code(c.verdict_override),
            F::OverrideReason => c.override_reason.clone().into(),
            F::MissReason => optional_code(c.miss_reason),
            F::MissNote => c.miss_note.clone().into(),
            F::NextSteps => c.next_steps.clone().into(),
            F::CarryOver => c.carry_over.into(),
            F::BaseEstimate => c.base_estimate.into(),
        })
        .collect()
}

pub(crate) fn actual_values(a: &Actual) -> Vec<Sql> {
    use ActualField as F;
    ActualField::ALL
        .iter()
        .map(|field| match field {
            F::Value => a.value.into(),
            F::Numerator => a.numerator.into(),
            F::Denominator => a.denominator.into(),
            F::Note => a.note.clone().into(),
            F::Source => a.source.clone().into(),
            F::Estimate => a.estimate.into(),
        })
        .collect()
}

pub(crate) fn task_values(task: &Task) -> Vec<Sql> {
    use TaskField as F;
    let c = &task.closeout;
    TaskField::ALL
        .iter()
        .map(|field| match field {
            F::Section => task.section.0.into(),
            F::Position => task.position.into(),
            F::Kind => code(task.kind),
            F::Title => task.title.clone().into(),
            F::Measures => task.measures.clone().into(),
            F::LeadUnit => task.lead_unit.clone().into(),
            F::CoUnits => task.co_units.clone().into(),
            F::Deadline => task.deadline.clone().into(),
            F::BudgetWanYuan => task.budget_wan_yuan.into(),
            F::Status => code(task.status),
            F::Remark => task.remark.clone().into(),
            F::DeadlineDate => date(task.deadline_date),
            F::ResponsiblePerson => task.responsible_person.clone().into(),
            F::AnnualTarget => task.annual_target.clone().into(),
            F::CompletedDate => date(task.completed_date),
            F::Verdict => optional_code(c.verdict),
            F::VerdictBasis => c.verdict_basis.clone().into(),
            F::Scope => c.scope.clone().into(),
            F::BuildPeriod => c.build_period.clone().into(),
            F::Outcome => c.outcome.clone().into(),
            F::NewPlaces => c.new_places.into(),
            F::ProjectState => optional_code(c.project_state),
            F::MissReason => optional_code(c.miss_reason),
            F::MissNote => c.miss_note.clone().into(),
            F::CarryOver => c.carry_over.into(),
        })
        .collect()
}

pub(crate) fn school_values(school: &School) -> Vec<Sql> {
    use SchoolField as F;
    SchoolField::ALL
        .iter()
        .map(|field| match field {
            F::Position => school.position.into(),
            F::Name => school.name.clone().into(),
            F::Type => code(school.school_type),
            F::Remark => school.remark.clone().into(),
        })
        .collect()
}

pub(crate) fn school_year_values(figures: &SchoolFigures) -> Vec<Sql> {
    SchoolYearField::ALL
        .iter()
        .map(|&field| figures.slot(field).into())
        .collect()
}

pub(crate) fn rectification_values(item: &Rectification) -> Vec<Sql> {
    use RectificationField as F;
    RectificationField::ALL
        .iter()
        .map(|field| match field {
            F::Position => item.position.into(),
            F::Source => code(item.source),
            F::Batch => item.batch.clone().into(),
            F::BatchDate => date(item.batch_date),
            F::Problem => item.problem.clone().into(),
            F::Measures => item.measures.clone().into(),
            F::Unit => item.unit.clone().into(),
            F::Person => item.person.clone().into(),
            F::Due => date(item.due),
            F::Closed => date(item.closed),
            F::ClosedBy => item.closed_by.clone().into(),
            F::ClosedNote => item.closed_note.clone().into(),
        })
        .collect()
}
