//! Meeting mode and the everyday views at the screen sizes a bureau has (1024×600 projector,
//! 1366×768 laptop, 1920×1080 monitor): what is drawn can be read and nothing overlaps.

use crate::common;

use std::path::Path;

use eduplan::app::EduPlanApp;
use eduplan::app::dialogs::ScriptedDialogs;
use eduplan::domain::input::format_value;
use eduplan::draw::slides::{Scope, pages};
use eduplan::session::Derived;
use eduplan::ui::View;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};

const SIZES: [[f32; 2]; 3] = [[1024.0, 600.0], [1366.0, 768.0], [1920.0, 1080.0]];

fn harness(path: &Path, dialogs: &ScriptedDialogs, size: [f32; 2]) -> Harness<'static, EduPlanApp> {
    let path = path.to_owned();
    let dialogs = dialogs.clone();
    Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_eframe(move |cc| {
            EduPlanApp::for_tests_with(&cc.egui_ctx, &path, Box::new(dialogs.clone()))
        })
}

/// A label's text (egui gives a label's text as its value).
fn text_of(node: &egui_kittest::Node<'_>) -> Option<String> {
    let n = node.accesskit_node();
    n.label().or_else(|| n.value())
}

/// The number of pages the meeting footer states ("第 i/N 页").
fn pages_said(h: &Harness<'static, EduPlanApp>) -> usize {
    let footer = h
        .query_by_label_contains("第 ")
        .and_then(|n| text_of(&n))
        .expect("a footer with the page number");
    footer
        .split("第 ")
        .nth(1)
        .and_then(|s| s.split('/').nth(1))
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no page count in {footer}"))
}

/// The plan in `path` and what its deck shows for `year`, judged on the year's last day.
fn with_deck<T>(
    path: &Path,
    year: i32,
    scope: Scope,
    f: impl FnOnce(
        &eduplan::domain::Plan,
        &eduplan::session::view::PlanView,
        Vec<eduplan::draw::slides::Page>,
    ) -> T,
) -> T {
    let plan = eduplan::storage::PlanFile::open(path)
        .expect("open")
        .load()
        .expect("load");
    let derived = Derived::of(&plan, year);
    let as_of = eduplan::domain::Date::new(year as i16, 12, 31).expect("date");
    let view = derived.view(&plan, year, as_of);
    let deck = pages(&view, scope);
    f(&plan, &view, deck)
}

fn sample_deck_len(scope: Scope) -> usize {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    with_deck(&path, 2024, scope, |_, _, deck| deck.len())
}

#[test]
fn the_opening_counts_by_light_are_figures_for_the_back_of_the_room() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    let mut h = harness(&path, &ScriptedDialogs::default(), [1024.0, 600.0]);
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    // 21 green, 4 yellow, 7 red, 1 without a value (as `status --year 2024`).
    for figure in ["21项", "4项", "7项"] {
        let node = h.get_by_label(figure);
        assert!(
            node.rect().height() >= 55.0,
            "{figure} is {} px high on a 600 px screen",
            node.rect().height()
        );
    }
}

/// In the plan's last year (总结评估) the opening figures count the close-out's words, the
/// same as its sentence: 25 已完成, 3 基本完成, 5 未完成 (as `status --year 2025`), not lights
/// judged against 序时.
#[test]
fn the_final_opening_figures_count_the_close_out_words_of_its_sentence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path, &ScriptedDialogs::default(), [1366.0, 768.0]);
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    h.get_by_label_contains("25项已完成");
    for (figure, word) in [
        ("25项", "● 已完成"),
        ("3项", "▲ 基本完成"),
        ("5项", "■ 未完成"),
    ] {
        h.get_by_label(figure);
        h.get_by_label(word);
    }
    assert!(
        h.query_by_label("● 绿灯").is_none(),
        "no lights by 序时 in a 总结评估"
    );
    // The sentence's “其中约束性指标2项” are named beneath it.
    h.get_by_label("■ 未完成的约束性指标 2 项：");
}

#[test]
fn in_a_final_review_the_chapter_pages_count_the_same_close_out_words_as_the_opening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path, &ScriptedDialogs::default(), [1366.0, 768.0]);
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    h.key_press(egui::Key::C);
    h.run();
    let pages = pages_said(&h);
    let mut shown: std::collections::HashMap<String, usize> = Default::default();
    for _ in 1..pages {
        h.key_press(egui::Key::ArrowRight);
        h.run();
        for node in h.query_all(By::new().role(Role::Label).predicate(|n| {
            n.value().is_some_and(|v| {
                v.ends_with("项　") && ["●", "▲", "■", "○"].iter().any(|s| v.starts_with(s))
            })
        })) {
            let text = node.accesskit_node().value().unwrap_or_default();
            let mut words = text.trim_end_matches("项　").split(' ').skip(1);
            let (Some(word), Some(n)) = (
                words.next(),
                words.next().and_then(|n| n.parse::<usize>().ok()),
            ) else {
                continue; // 整改 and task counts are written otherwise
            };
            assert!(
                !word.contains('灯'),
                "a light by 序时 in a 总结评估: {text}"
            );
            *shown.entry(word.to_owned()).or_default() += n;
        }
    }
    let plan = h.state().document().expect("doc").plan().clone();
    let judgements = eduplan::domain::closeout::judge_plan(&plan, 2025);
    let c = eduplan::domain::closeout::count_verdicts(&plan, &judgements);
    assert_eq!(
        shown.get("已完成").copied().unwrap_or(0),
        c.met,
        "{shown:?}"
    );
    assert_eq!(
        shown.get("基本完成").copied().unwrap_or(0),
        c.basic,
        "{shown:?}"
    );
    assert_eq!(
        shown.get("未完成").copied().unwrap_or(0),
        c.not_done,
        "{shown:?}"
    );
}

#[test]
fn chapters_only_is_a_key_a_control_and_the_pdf_and_is_kept_while_the_program_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness(&path, &dialogs, [1366.0, 768.0]);
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    let full = sample_deck_len(Scope::Full);
    let chapters = sample_deck_len(Scope::ChaptersOnly);
    assert!(chapters < full);
    assert_eq!(pages_said(&h), full);
    h.key_press(egui::Key::C);
    h.run();
    assert_eq!(pages_said(&h), chapters, "C: chapters only");
    // The index shows the switch, checked; a click turns it off again.
    h.key_press(egui::Key::G);
    h.run();
    let switch = h.get_by_label("只看章（C）");
    assert_eq!(
        switch.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    switch.click();
    h.run();
    assert_eq!(pages_said(&h), full);
    h.get_by_label("只看章（C）").click();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().view(), View::Overview);
    // Back in meeting mode it is still on; the PDF has the same pages.
    h.key_press(egui::Key::F5);
    h.run();
    assert_eq!(pages_said(&h), chapters, "kept while the program runs");
    h.key_press(egui::Key::Escape);
    h.run();
    let out = dir.path().join("会议材料.pdf");
    dialogs.answer(&out);
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("导出会议材料（PDF）…").click();
    h.run();
    let bytes = std::fs::read(&out).expect("written");
    let needle = b"/Type /Page";
    let printed = bytes
        .windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
        .count();
    assert_eq!(printed, chapters, "the PDF is the chapters-only deck");
    // The shortcuts table lists the key.
    h.get_by_label("帮助").click();
    h.run();
    h.get_by_label("快捷键").click();
    h.run();
    assert!(h.query_by_label("会议模式：C").is_some());
}

#[test]
fn the_page_index_entries_never_overlap_at_any_screen_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    for size in SIZES {
        let mut h = harness(&path, &ScriptedDialogs::default(), size);
        h.run();
        h.key_press(egui::Key::F5);
        h.run();
        h.key_press(egui::Key::G);
        h.run();
        let entries: Vec<egui::Rect> = h
            .query_all_by_role(Role::Label)
            .filter(|n| {
                let label = text_of(n).unwrap_or_default();
                let trimmed = label.trim_start();
                trimmed.chars().next().is_some_and(|c| c.is_ascii_digit()) && trimmed.contains("  ")
            })
            .map(|n| n.rect())
            .collect();
        assert!(entries.len() >= 20, "{size:?}: {} entries", entries.len());
        for (k, a) in entries.iter().enumerate() {
            assert!(
                a.right() <= size[0] + 0.5,
                "{size:?}: an entry runs off the screen at {a:?}"
            );
            for b in &entries[k + 1..] {
                assert!(
                    !a.shrink(0.5).intersects(b.shrink(0.5)),
                    "{size:?}: {a:?} overlaps {b:?}"
                );
            }
        }
    }
}

#[test]
fn every_school_below_the_standard_is_named_in_the_balance_chart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path, &ScriptedDialogs::default(), [1366.0, 768.0]);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num4);
    h.run();
    let plan = h.state().document().expect("doc").plan().clone();
    let year = 2024;
    let schools = eduplan::domain::balance::schools_for_year(&plan, year);
    let settings = &plan.info.balance;
    let report = eduplan::domain::balance::evaluate_balance(&schools, settings).expect("figures");
    let mut named = 0;
    for (s, stage) in eduplan::domain::balance::Stage::ALL.iter().enumerate() {
        for (k, resource) in eduplan::domain::balance::Resource::ALL.iter().enumerate() {
            // The chart's switches, not the table cells with the same words.
            let switch = |h: &Harness<'static, EduPlanApp>, label: &str| {
                h.query_all_by_label(label)
                    .find(|n| n.accesskit_node().role() != Role::Label)
                    .unwrap_or_else(|| panic!("a switch “{label}”"))
                    .click();
            };
            switch(&h, stage.label());
            h.run();
            switch(&h, resource.short_label());
            h.run();
            let standard = settings.standard(*resource, *stage);
            for part in report.parts.iter().filter(|p| p.stage == *stage) {
                if part.values[k] < standard - 1e-9 {
                    let label = format!("■ {}", part.school);
                    let node = h
                        .query_by_label(&label)
                        .unwrap_or_else(|| panic!("{} {}: {label} is not named", stage.label(), s));
                    assert!(node.rect().width() > 20.0, "{label} is drawn");
                    named += 1;
                }
            }
        }
    }
    assert!(named >= 3, "the sample has schools below a standard");
}

/// Whether a label shows its whole text: wrapped onto `lines` lines of its width, it holds
/// the text laid out on one line (a cut label is one line of the column's width).
fn shown_whole(h: &Harness<'static, EduPlanApp>, node_rect: egui::Rect, text: &str) -> bool {
    let font = egui::TextStyle::Body.resolve(&h.ctx.global_style());
    let (width, line) = h.ctx.fonts_mut(|f| {
        (
            f.layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::WHITE)
                .size()
                .x,
            f.row_height(&font),
        )
    });
    let lines = (node_rect.height() / line).round().max(1.0);
    node_rect.width() * lines + 2.0 >= width && lines <= 2.0
}

#[test]
fn on_a_laptop_the_grid_shows_every_name_and_target_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path, &ScriptedDialogs::default(), [1366.0, 768.0]);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num2);
    h.run();
    let plan = h.state().document().expect("doc").plan().clone();
    let mut seen = 0;
    for ind in &plan.indicators {
        for text in [&ind.name, &ind.target_text] {
            for node in h.query_all_by_role_and_label(Role::Label, text) {
                assert!(
                    shown_whole(&h, node.rect(), text),
                    "“{text}” is cut at {:?}",
                    node.rect()
                );
                seen += 1;
            }
        }
    }
    assert!(seen >= 20, "{seen} names and targets on screen");

    // Every 评价 whole (on two lines where one has no room), with the outline shown or not.
    for outline in ["as opened", "toggled"] {
        if outline == "toggled" {
            h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B);
            h.run();
        }
        let statuses: Vec<(String, egui::Rect)> = h
            .query_all(By::new().role(Role::Label).predicate(|n| {
                n.value()
                    .is_some_and(|l| ["●", "▲", "■", "○"].iter().any(|s| l.starts_with(s)))
            }))
            .map(|n| (n.accesskit_node().value().unwrap_or_default(), n.rect()))
            .collect();
        assert!(statuses.len() >= 10, "{} 评价 on screen", statuses.len());
        assert!(
            statuses.iter().any(|(t, _)| t.contains("提前完成（")),
            "the sample has a long 评价: {statuses:?}"
        );
        for (text, rect) in &statuses {
            assert!(
                shown_whole(&h, *rect, text),
                "“{text}” is cut at {rect:?} (outline {outline})"
            );
        }
    }

    // Every year value whole, 预计 marks too.
    let mut estimates = 0;
    for ind in &plan.indicators {
        for (year, actual) in &ind.actuals {
            let label = format!("{} {year}年", ind.name);
            let Some(cell) = h.query_by_label(&label) else {
                continue;
            };
            let text = format_value(actual.value.unwrap_or_default(), ind);
            estimates += usize::from(actual.estimate);
            let width = value_width(&h, &text, actual.estimate, cell.rect());
            assert!(
                cell.rect().width() >= width + 4.0 - 0.5,
                "{} {year}: “{text}” ({width:.0}) in {:?}",
                ind.name,
                cell.rect()
            );
        }
    }
    assert!(estimates > 0, "the sample's 2025 values include estimates");
}

/// The width of a value as a year cell shows it: on one line, or with （预计） on the second
/// line as 预计 when the cell is two lines high.
fn value_width(
    h: &Harness<'static, EduPlanApp>,
    value: &str,
    estimate: bool,
    cell: egui::Rect,
) -> f32 {
    let font = egui::TextStyle::Body.resolve(&h.ctx.global_style());
    let width = |text: &str| {
        h.ctx.fonts_mut(|f| {
            f.layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::WHITE)
                .size()
                .x
        })
    };
    let line = h.ctx.fonts_mut(|f| f.row_height(&font));
    if !estimate {
        width(value)
    } else if cell.height() > 1.5 * line {
        width(value).max(width("预计"))
    } else {
        width(&format!("{value}（预计）"))
    }
}

#[test]
fn the_tasks_view_names_each_tasks_section_under_its_parent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path, &ScriptedDialogs::default(), [1366.0, 768.0]);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num3);
    h.run();
    let plan = h.state().document().expect("doc").plan().clone();
    let task = plan
        .tasks_in_outline_order()
        .into_iter()
        .find(|t| plan.section(t.section).is_some_and(|s| s.parent.is_some()))
        .expect("a task in a sub-chapter");
    let section = plan.section(task.section).expect("section");
    let parent = section
        .parent
        .and_then(|p| plan.section(p))
        .expect("parent");
    let own = h
        .query_all_by_role_and_label(Role::Label, &section.heading())
        .map(|n| n.rect())
        .collect::<Vec<_>>();
    let above = h
        .query_all_by_role_and_label(Role::Label, &parent.heading())
        .map(|n| n.rect())
        .collect::<Vec<_>>();
    assert!(
        own.iter().any(|o| above
            .iter()
            .any(|a| (a.left() - o.left()).abs() < 1.0 && (o.top() - a.bottom()).abs() < 4.0)),
        "“{}” is shown under “{}”: {own:?} {above:?}",
        section.heading(),
        parent.heading()
    );
}

#[test]
fn a_task_is_deleted_through_one_control_with_a_confirmation_and_comes_back_by_undo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path, &ScriptedDialogs::default(), [1366.0, 768.0]);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num3);
    h.run();
    assert!(
        h.query_all_by_label("删除").next().is_none(),
        "no delete button on the rows"
    );
    let plan = h.state().document().expect("doc").plan().clone();
    let first = plan.tasks_in_outline_order()[0].clone();
    let count = plan.tasks.len();
    // Select the row by its 章节 cell, then the one delete control.
    let heading = plan.section(first.section).expect("section").heading();
    h.query_all_by_role_and_label(Role::Label, &heading)
        .next()
        .expect("the row's 章节")
        .click();
    h.run();
    h.get_by_label("删除所选任务…").click();
    h.run();
    let question = h
        .query_by_label_contains("确定要删除")
        .and_then(|n| text_of(&n))
        .expect("a confirmation");
    assert!(question.contains(&first.title), "{question}");
    assert_eq!(h.state().document().expect("doc").plan().tasks.len(), count);
    h.get_by_label("删除").click();
    h.run();
    let plan = h.state().document().expect("doc").plan().clone();
    assert_eq!(plan.tasks.len(), count - 1);
    assert!(plan.task(first.id).is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let plan = h.state().document().expect("doc").plan().clone();
    assert_eq!(plan.tasks.len(), count);
}

#[test]
fn the_alignment_views_provincial_and_city_columns_are_on_the_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    for size in [[1024.0, 600.0], [1366.0, 768.0]] {
        let mut h = harness(&path, &ScriptedDialogs::default(), size);
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num5);
        h.run();
        for column in ["省级目标", "市级目标", "属性（本规划/全国）"] {
            let rect = h.get_by_label(column).rect();
            assert!(
                rect.right() <= size[0] && rect.left() >= 0.0,
                "{size:?}: {column} at {rect:?}"
            );
        }
    }
}

#[test]
fn tab_from_the_last_column_goes_to_the_next_row_and_shift_tab_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut h = harness(&path, &ScriptedDialogs::default(), [1366.0, 768.0]);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num2);
    h.run();
    let plan = h.state().document().expect("doc").plan().clone();
    let rows = plan.indicators_in_outline_order();
    let (first, second) = (rows[0].clone(), rows[1].clone());
    let (first_year, last_year) = (plan.info.first_year, plan.info.last_year);
    h.get_by_label(&format!("{} {last_year}年", first.name))
        .click();
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    let selected = |h: &Harness<'static, EduPlanApp>| h.state().grid_selection();
    assert_eq!(
        selected(&h),
        Some((second.id, first_year)),
        "the next row's first cell"
    );
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    h.run();
    assert_eq!(
        selected(&h),
        Some((first.id, last_year)),
        "back to the last column"
    );
    // Typing a value then Tab in the last column also goes on to the next row.
    for key in ["9", "0"] {
        h.event(egui::Event::Text(key.into()));
        h.step();
    }
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(selected(&h), Some((second.id, first_year)));
    // The keyboard stayed in the grid: typing goes into the selected cell.
    h.event(egui::Event::Text("7".into()));
    h.run();
    assert!(
        h.query_by_label(&format!("{} {first_year}年", second.name))
            .is_some_and(|n| n.value().is_some_and(|v| v.contains('7'))),
        "the typed key is in the next row's cell"
    );
}

fn flatten(shape: &egui::Shape, out: &mut Vec<egui::Shape>) {
    match shape {
        egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| flatten(s, out)),
        other => out.push(other.clone()),
    }
}

#[test]
fn no_value_label_sits_on_the_pace_line_on_any_section_chart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    for size in [[1024.0, 600.0], [1920.0, 1080.0]] {
        let mut h = harness(&path, &ScriptedDialogs::default(), size);
        h.run();
        h.key_press(egui::Key::F5);
        h.run();
        let mut checked = 0;
        for _ in 0..sample_deck_len(Scope::Full) {
            let mut shapes = Vec::new();
            for clipped in &h.output().shapes {
                flatten(&clipped.shape, &mut shapes);
            }
            // The 序时 line: a vertical line 3 px wide across the plot.
            let lines: Vec<(f32, egui::Rangef)> = shapes
                .iter()
                .filter_map(|s| match s {
                    egui::Shape::Path(p)
                        if p.points.len() == 2
                            && (p.points[0].x - p.points[1].x).abs() < 0.5
                            && p.stroke.width >= 2.9 =>
                    {
                        let (a, b) = (p.points[0].y, p.points[1].y);
                        Some((p.points[0].x, egui::Rangef::new(a.min(b), a.max(b))))
                    }
                    _ => None,
                })
                .collect();
            for s in &shapes {
                let egui::Shape::Text(text) = s else { continue };
                if !text.galley.text().ends_with('%') {
                    continue;
                }
                let rect = text.galley.rect.translate(text.pos.to_vec2());
                for (x, ys) in &lines {
                    // Beside the plot (the axis's "80%" under it) is not on the line.
                    let shared = rect.bottom().min(ys.max) - rect.top().max(ys.min);
                    if shared > 3.0 {
                        checked += 1;
                        assert!(
                            rect.right() <= x - 1.5 || rect.left() >= x + 1.5,
                            "{size:?}: “{}” at {rect:?} sits on the line at x = {x}",
                            text.galley.text()
                        );
                    }
                }
            }
            h.key_press(egui::Key::ArrowRight);
            h.run();
        }
        assert!(checked >= 10, "{size:?}: {checked} labels checked");
    }
}

#[test]
fn a_yellow_indicator_page_says_it_is_a_little_behind_the_pace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::mid_course_sample_file(&dir);
    let (page, name) = with_deck(&path, 2024, Scope::Full, |plan, view, deck| {
        deck.iter()
            .enumerate()
            .find_map(|(n, p)| match p {
                eduplan::draw::slides::Page::Indicator(id)
                    if view.eval(*id).is_some_and(|e| {
                        e.light == eduplan::domain::Light::Yellow
                            && e.status == eduplan::domain::Status::OnTrack
                    }) =>
                {
                    Some((n + 1, plan.indicator(*id)?.name.clone()))
                }
                _ => None,
            })
            .expect("a yellow indicator on course in 2024")
    });
    let mut h = harness(&path, &ScriptedDialogs::default(), [1366.0, 768.0]);
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    h.event(egui::Event::Text(page.to_string()));
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label(&name);
    assert!(
        h.query_by_label_contains("▲ 略慢于序时").is_some(),
        "{name}: the yellow light's words on page {page}"
    );
    assert!(h.query_by_label_contains("▲ 基本符合预期").is_none());
}

#[test]
fn in_a_final_review_the_task_pages_give_the_close_out_verdicts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let page = with_deck(&path, 2025, Scope::Full, |_, _, deck| {
        deck.iter()
            .position(|p| matches!(p, eduplan::draw::slides::Page::Tasks(_, 0)))
            .expect("a task page")
            + 1
    });
    let mut h = harness(&path, &ScriptedDialogs::default(), [1366.0, 768.0]);
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    h.event(egui::Event::Text(page.to_string()));
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("总结评估");
    assert!(
        h.query_by_label_contains("临期").is_none(),
        "on the plan's last day a task is done or not, never 临期"
    );
    assert!(h.query_all_by_label_contains("（建议）").count() > 0);
}

#[test]
fn the_page_index_keeps_the_continued_mark_of_a_long_sections_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let continued: Vec<usize> = with_deck(&path, 2025, Scope::Full, |_, _, deck| {
        deck.iter()
            .enumerate()
            .filter(|(_, p)| {
                matches!(
                    p,
                    eduplan::draw::slides::Page::Section(_, part) if *part > 0
                )
            })
            .map(|(n, _)| n + 1)
            .collect()
    });
    assert!(continued.len() >= 3, "the sample has long sections");
    let mut h = harness(&path, &ScriptedDialogs::default(), [1024.0, 600.0]);
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    h.key_press(egui::Key::G);
    h.run();
    let mut seen = 0;
    let mut shortened = 0;
    for n in continued {
        let prefix = format!("{n:>3}  ");
        if let Some(entry) = h.query_by_label_contains(&prefix) {
            let text = text_of(&entry).unwrap_or_default();
            assert!(text.ends_with("（续）"), "page {n}: “{text}”");
            shortened += usize::from(text.ends_with("…（续）"));
            seen += 1;
        }
    }
    assert!(seen >= 2, "{seen} continued pages in view");
    // A long heading gives up its middle, never its （续）.
    assert!(shortened >= 1, "a long heading cut before its （续）");
}
