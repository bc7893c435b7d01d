//! The meeting deck shows everything it counts: long charts and task lists go over several
//! pages ("（续）"), and together the pages hold every indicator and task exactly once.

use crate::common;

use eduplan::domain::{IndicatorId, IndicatorKind, SectionId};
use eduplan::draw::slides::{
    BARS_PER_PAGE, MERGE_AT_MOST, Page, Scope, TASKS_PER_PAGE, label_start, page_title, pages,
    section_part,
};
use eduplan::session::Derived;

#[test]
fn every_bar_and_every_task_is_on_a_page_and_no_page_holds_more_than_it_can_show() {
    let plan = common::sample_plan();
    let year = 2024;
    let derived = Derived::of(&plan, year);
    let as_of = eduplan::domain::Date::new(2024, 12, 31).expect("date");
    let pv = derived.view(&plan, year, as_of);
    let deck = pages(&pv, Scope::Full);

    // Sections: parts 0..n in a row, n = bars ÷ BARS_PER_PAGE rounded up.
    let mut sections: Vec<(SectionId, Vec<usize>)> = Vec::new();
    for page in &deck {
        if let Page::Section(id, part) = page {
            match sections.iter_mut().find(|(s, _)| s == id) {
                Some((_, parts)) => parts.push(*part),
                None => sections.push((*id, vec![*part])),
            }
        }
    }
    assert!(!sections.is_empty());
    let mut paginated = 0;
    for (id, parts) in &sections {
        let bars = pv
            .indicators_under(*id)
            .iter()
            .filter(|i| {
                plan.indicator(**i)
                    .is_some_and(|x| x.kind != IndicatorKind::YesNo)
            })
            .count();
        let expected = bars.div_ceil(BARS_PER_PAGE).max(1);
        assert_eq!(*parts, (0..expected).collect::<Vec<_>>(), "section {id:?}");
        if expected > 1 {
            paginated += 1;
            let title = page_title(&pv, &Page::Section(*id, 1));
            assert!(title.ends_with("（续）"), "{title}");
        }
    }
    assert!(
        paginated >= 2,
        "the sample's long chapters go over several pages"
    );

    // Tasks: every task of every chapter on exactly one page.
    let task_pages: Vec<(SectionId, usize)> = deck
        .iter()
        .filter_map(|p| match p {
            Page::Tasks(id, part) => Some((*id, *part)),
            _ => None,
        })
        .collect();
    let mut covered = 0;
    for chapter in plan.sections.iter().filter(|s| s.parent.is_none()) {
        let in_chapter = plan
            .tasks
            .iter()
            .filter(|t| plan.subtree_sections(chapter.id).contains(&t.section))
            .count();
        let parts = task_pages.iter().filter(|(c, _)| *c == chapter.id).count();
        assert_eq!(
            parts,
            in_chapter.div_ceil(TASKS_PER_PAGE),
            "{}",
            chapter.title
        );
        covered += in_chapter;
    }
    assert_eq!(covered, plan.tasks.len(), "36 tasks, none left out");
}

/// The indicators a section page draws or lists: its part's bars, and on the first part the
/// yes/no ones.
fn on_chart_page(pv: &eduplan::session::view::PlanView, page: &Page) -> Vec<IndicatorId> {
    match page {
        Page::Section(id, part) => {
            let shown = section_part(pv, *id, *part);
            shown.bars.into_iter().chain(shown.yes_no).collect()
        }
        _ => Vec::new(),
    }
}

#[test]
fn chapters_only_shows_the_chapters_charts_with_every_indicator_on_exactly_one_page() {
    let plan = common::sample_plan();
    let derived = Derived::of(&plan, 2024);
    let as_of = eduplan::domain::Date::new(2024, 12, 31).expect("date");
    let pv = derived.view(&plan, 2024, as_of);
    let full = pages(&pv, Scope::Full);
    let chapters = pages(&pv, Scope::ChaptersOnly);
    assert!(chapters.len() < full.len());
    assert!(
        !chapters.iter().any(|p| matches!(p, Page::Indicator(_))),
        "no single indicator's page"
    );
    for page in &chapters {
        if let Page::Section(id, _) = page {
            let section = plan.section(*id).expect("section");
            assert!(
                section.parent.is_none(),
                "{} is not a chapter",
                section.title
            );
        }
    }
    for id in pv.order {
        let on = chapters
            .iter()
            .filter(|p| on_chart_page(&pv, p).contains(id))
            .count();
        assert_eq!(on, 1, "{:?} is on {on} chart pages", plan.indicator(*id));
    }
}

#[test]
fn no_chart_page_repeats_another_and_small_sections_are_on_their_parents_chart() {
    let plan = common::sample_plan();
    let derived = Derived::of(&plan, 2024);
    let as_of = eduplan::domain::Date::new(2024, 12, 31).expect("date");
    let pv = derived.view(&plan, 2024, as_of);
    let deck = pages(&pv, Scope::Full);
    let charts: Vec<SectionId> = deck
        .iter()
        .filter_map(|p| match p {
            Page::Section(id, 0) => Some(*id),
            _ => None,
        })
        .collect();
    for (k, a) in charts.iter().enumerate() {
        let under_a = pv.indicators_under(*a);
        let is_chapter = plan.section(*a).is_some_and(|s| s.parent.is_none());
        assert!(
            is_chapter || under_a.len() > MERGE_AT_MOST,
            "{:?} has a chart of {} bars of its own",
            plan.section(*a).map(|s| &s.title),
            under_a.len()
        );
        for b in &charts[k + 1..] {
            let under_b = pv.indicators_under(*b);
            let differ = under_a.iter().filter(|i| !under_b.contains(i)).count()
                + under_b.iter().filter(|i| !under_a.contains(i)).count();
            assert!(
                differ > MERGE_AT_MOST,
                "{:?} and {:?} show nearly the same bars",
                plan.section(*a).map(|s| &s.title),
                plan.section(*b).map(|s| &s.title)
            );
        }
    }
    // Every indicator is still on a chart, and has exactly one page of its own.
    for id in pv.order {
        assert!(deck.iter().any(|p| on_chart_page(&pv, p).contains(id)));
        let own = deck
            .iter()
            .filter(|p| matches!(p, Page::Indicator(i) if i == id))
            .count();
        assert_eq!(own, 1);
    }
}

#[test]
fn a_value_label_never_starts_on_or_runs_across_the_pace_line() {
    let line = 80.0;
    let gap = 1.0;
    for bar_end in [0.0, 40.0, 70.0, 76.0, 79.0, 80.0, 81.0, 120.0, 150.0] {
        for width in [5.0, 12.0, 30.0] {
            let start = label_start(bar_end, width, line, gap);
            assert!(start >= bar_end, "the label follows its bar");
            let clear = start + width <= line - gap || start >= line + gap;
            assert!(clear, "bar {bar_end}, width {width}: starts at {start}");
        }
    }
}

#[test]
fn a_review_of_a_year_draws_nothing_of_the_years_after_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let plan = eduplan::storage::PlanFile::open(&path)
        .expect("open")
        .load()
        .expect("load");
    let mut later_values = 0;
    for ind in &plan.indicators {
        later_values += usize::from(ind.actual_value(2025).is_some());
        let points = eduplan::draw::chart::actual_points(&plan.info, ind, 2024);
        assert!(
            points.iter().all(|p| p[0] <= 2024.0),
            "{}: {points:?}",
            ind.name
        );
        let all = eduplan::draw::chart::actual_points(&plan.info, ind, 2025);
        assert!(points.len() <= all.len());
    }
    assert!(later_values > 20, "the sample has 2025 values to leave out");
}
