//! The meeting deck shows everything it counts: long charts and task lists go over several
//! pages ("（续）"), and together the pages hold every indicator and task exactly once.

use crate::common;

use eduplan::domain::{IndicatorKind, SectionId};
use eduplan::draw::slides::{BARS_PER_PAGE, Page, TASKS_PER_PAGE, page_title, pages};
use eduplan::session::Derived;

#[test]
fn every_bar_and_every_task_is_on_a_page_and_no_page_holds_more_than_it_can_show() {
    let plan = common::sample_plan();
    let year = 2024;
    let derived = Derived::of(&plan, year);
    let as_of = eduplan::domain::Date::new(2024, 12, 31).expect("date");
    let pv = derived.view(&plan, year, as_of);
    let deck = pages(&pv);

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
