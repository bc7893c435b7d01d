//! The plan text written from a plan: what `plan_text` reads, so that a plan made by the
//! program (the next period's draft made from the sample) can be kept in the repository and
//! read in a diff. Sections nest in their order; a value with nothing beside it is written as
//! a bare number.

use std::collections::BTreeMap;

use eduplan_domain::edit::SchoolYearField;
use eduplan_domain::{Actual, EntryMode, Indicator, Plan, SectionId, Task};

use crate::closeout_text::{IndicatorCloseoutText, TaskCloseoutText};
use crate::plan_text::{
    ActualText, FORMAT, FORMAT_VERSION, IndicatorText, PlanText, ProgressText, RectificationText,
    SchoolText, SectionText, TaskText,
};

/// The plan as a plan text (JSON, pretty-printed, ending with a newline).
pub fn write_plan_text(plan: &Plan) -> String {
    let text = plan_text_of(plan);
    let mut json = serde_json::to_string_pretty(&text).unwrap_or_default();
    json.push('\n');
    json
}

pub fn plan_text_of(plan: &Plan) -> PlanText {
    PlanText {
        format: FORMAT.to_owned(),
        version: FORMAT_VERSION,
        plan: plan.info.clone(),
        sections: sections_under(plan, None),
        schools: plan
            .schools_in_order()
            .into_iter()
            .map(|s| SchoolText {
                name: s.name.clone(),
                school_type: s.school_type.label().to_owned(),
                remark: s.remark.clone(),
                years: s
                    .years
                    .iter()
                    .map(|(year, figures)| {
                        let values: BTreeMap<String, f64> = SchoolYearField::ALL
                            .iter()
                            .filter_map(|&f| figures.slot(f).map(|v| (f.spec().key.to_owned(), v)))
                            .collect();
                        (*year, values)
                    })
                    .collect(),
            })
            .collect(),
        rectifications: {
            let mut items: Vec<_> = plan.rectifications.iter().collect();
            items.sort_by_key(|r| (r.position, r.id.0));
            items
                .into_iter()
                .map(|r| RectificationText {
                    source: r.source.label().to_owned(),
                    batch: r.batch.clone(),
                    batch_date: r.batch_date.map(|d| d.to_string()),
                    problem: r.problem.clone(),
                    measures: r.measures.clone(),
                    unit: r.unit.clone(),
                    person: r.person.clone(),
                    due: r.due.map(|d| d.to_string()),
                    progress: r
                        .progress
                        .iter()
                        .map(|p| ProgressText {
                            date: p.date.to_string(),
                            text: p.text.clone(),
                        })
                        .collect(),
                    closed: r.closed.map(|d| d.to_string()),
                    closed_by: r.closed_by.clone(),
                    closed_note: r.closed_note.clone(),
                })
                .collect()
        },
    }
}

fn sections_under(plan: &Plan, parent: Option<SectionId>) -> Vec<SectionText> {
    let mut sections: Vec<_> = plan
        .sections
        .iter()
        .filter(|s| s.parent == parent)
        .collect();
    sections.sort_by_key(|s| (s.position, s.id.0));
    sections
        .into_iter()
        .map(|s| {
            let mut indicators: Vec<&Indicator> = plan
                .indicators
                .iter()
                .filter(|i| i.section == s.id)
                .collect();
            indicators.sort_by_key(|i| (i.position, i.id.0));
            let mut tasks: Vec<&Task> = plan.tasks.iter().filter(|t| t.section == s.id).collect();
            tasks.sort_by_key(|t| (t.position, t.id.0));
            SectionText {
                numbering: s.numbering.clone(),
                title: s.title.clone(),
                body: s.body.clone(),
                lead_unit: s.lead_unit.clone(),
                co_units: s.co_units.clone(),
                indicators: indicators.into_iter().map(indicator_text).collect(),
                tasks: tasks.into_iter().map(task_text).collect(),
                sections: sections_under(plan, Some(s.id)),
            }
        })
        .collect()
}

fn indicator_text(ind: &Indicator) -> IndicatorText {
    IndicatorText {
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        category: ind.category.clone(),
        attribute: ind.attribute.label().to_owned(),
        kind: ind.kind.code().to_owned(),
        comparison: ind.comparison.symbol().to_owned(),
        base: ind.base_value,
        base_year: ind.base_year,
        decimals: ind.decimals,
        entry: (ind.entry_mode != EntryMode::Increment).then(|| ind.entry_mode.code().to_owned()),
        benchmarks: ind.benchmarks.clone(),
        linked_figure: ind.linked_figure.clone(),
        definition: ind.definition.clone(),
        library: ind.library_code.clone(),
        target: Some(ind.target_value),
        stretch: ind.target_stretch,
        target_year: ind.target_year,
        target_text: ind.target_text.clone(),
        planned: ind.planned.clone(),
        lead_unit: ind.lead_unit.clone(),
        data_source: ind.data_source.clone(),
        numerator: ind.numerator_label.clone(),
        denominator: ind.denominator_label.clone(),
        may_exceed_100: ind.may_exceed_100,
        actuals: ind
            .actuals
            .iter()
            .map(|(year, a)| (*year, actual_text(a)))
            .collect(),
        closeout: IndicatorCloseoutText::of(&ind.closeout),
    }
}

fn actual_text(a: &Actual) -> ActualText {
    match a.value {
        Some(v)
            if *a
                == (Actual {
                    value: Some(v),
                    ..Actual::default()
                }) =>
        {
            ActualText::Value(v)
        }
        _ => ActualText::Full {
            value: a.value,
            numerator: a.numerator,
            denominator: a.denominator,
            note: a.note.clone(),
            source: a.source.clone(),
            estimate: a.estimate,
        },
    }
}

fn task_text(t: &Task) -> TaskText {
    TaskText {
        kind: t.kind.code().to_owned(),
        title: t.title.clone(),
        measures: t.measures.clone(),
        lead_unit: t.lead_unit.clone(),
        co_units: t.co_units.clone(),
        deadline: t.deadline.clone(),
        budget_wan_yuan: t.budget_wan_yuan,
        status: t.status.label().to_owned(),
        progress: t.progress.clone(),
        quarterly_progress: t
            .quarterly
            .iter()
            .map(|(q, text)| (q.to_string(), text.clone()))
            .collect(),
        remark: t.remark.clone(),
        deadline_date: t.deadline_date.map(|d| d.to_string()),
        responsible_person: t.responsible_person.clone(),
        annual_target: t.annual_target.clone(),
        completed_date: t.completed_date.map(|d| d.to_string()),
        closeout: TaskCloseoutText::of(&t.closeout),
    }
}
