//! A chapter's key tasks: lead unit, deadline, state on the day, the year's progress.

use egui::Ui;

use super::Slide;
use super::deck::{TASKS_PER_PAGE, continued};
use crate::domain::commitments::{progress_in_year, task_state};
use crate::domain::{Light, SectionId};

impl Slide<'_> {
    /// One page of a chapter's tasks (`part` 0, 1, …), with the date they are judged on.
    pub(super) fn tasks(&self, ui: &mut Ui, chapter: SectionId, part: usize) {
        let pv = self.pv;
        let Some(section) = pv.plan.section(chapter) else {
            return;
        };
        self.title(
            ui,
            format!("重点任务：{}{}", section.heading(), continued(part)),
        );
        let ids = pv.plan.subtree_sections(chapter);
        let all: Vec<_> = pv
            .plan
            .tasks_in_outline_order()
            .into_iter()
            .filter(|t| ids.contains(&t.section))
            .collect();
        let first = part * TASKS_PER_PAGE;
        let tasks: Vec<_> = all.iter().skip(first).take(TASKS_PER_PAGE).collect();
        ui.label(
            self.small(format!(
                "共{}项，本页第{}-{}项；状态截至{}",
                all.len(),
                first + 1,
                first + tasks.len(),
                pv.as_of
            ))
            .color(self.palette.muted),
        );
        // Columns sized to their words; the task and its progress wrap in what is left, so
        // nothing runs past the page.
        let rows: Vec<[egui::RichText; 5]> = tasks
            .iter()
            .map(|t| {
                let (light, state) = shown_task_state(pv, t);
                [
                    self.small(&t.title),
                    self.small(&t.lead_unit),
                    self.small(&t.deadline),
                    self.lit(
                        light,
                        format!("{} {state}", light.symbol()),
                        self.sizes.small,
                    ),
                    self.small(progress_in_year(t, pv.year)),
                ]
            })
            .collect();
        let state_title = if pv.final_review() {
            "总结评估"
        } else {
            "状态"
        };
        let header =
            ["任务", "牵头单位", "完成时限", state_title, "进展"].map(|h| self.small(h).strong());
        let gap = 24.0;
        let total = ui.available_width();
        let width_of = |ui: &Ui, text: &egui::RichText| {
            egui::WidgetText::from(text.clone())
                .into_galley(
                    ui,
                    Some(egui::TextWrapMode::Extend),
                    f32::INFINITY,
                    egui::TextStyle::Body,
                )
                .size()
                .x
        };
        let widest = |ui: &Ui, k: usize| {
            rows.iter()
                .map(|r| &r[k])
                .chain([&header[k]])
                .map(|t| width_of(ui, t))
                .fold(0.0_f32, f32::max)
        };
        let mut widths: [f32; 5] = std::array::from_fn(|k| widest(ui, k));
        let fixed: f32 = widths[1..4].iter().sum::<f32>() + 4.0 * gap;
        widths[0] = widest(ui, 0).min((total - fixed) * 0.6);
        widths[4] = (total - fixed - widths[0]).max(80.0);
        for (n, row) in std::iter::once(&header).chain(rows.iter()).enumerate() {
            let stripe = ui.painter().add(egui::Shape::Noop);
            let cells = ui.horizontal_top(|ui| {
                ui.spacing_mut().item_spacing.x = gap;
                for (k, text) in row.iter().enumerate() {
                    ui.allocate_ui_with_layout(
                        egui::vec2(widths[k], 0.0),
                        egui::Layout::top_down(egui::Align::LEFT),
                        |ui| {
                            ui.set_width(widths[k]);
                            ui.add(egui::Label::new(text.clone()).wrap());
                        },
                    );
                }
            });
            if n % 2 == 1 {
                // Every other row shaded, behind its words.
                let rect = cells.response.rect.expand2(egui::vec2(4.0, 2.0));
                ui.painter().set(
                    stripe,
                    egui::Shape::rect_filled(rect, 0.0, self.palette.stripe()),
                );
            }
            ui.add_space(8.0);
        }
    }
}

/// A task's state as a page shows it: in a 总结评估 the close-out's verdict (the officer's, or
/// the one proposed from its status, marked 建议), else its state on the day judged.
fn shown_task_state(
    pv: &crate::session::view::PlanView,
    task: &crate::domain::Task,
) -> (Light, String) {
    use crate::domain::closeout::{TaskVerdict, proposed_task_verdict, task_verdict_text};
    if pv.final_review() {
        let verdict = task
            .closeout
            .verdict
            .unwrap_or_else(|| proposed_task_verdict(task));
        let light = match verdict {
            TaskVerdict::Done | TaskVerdict::Ongoing => Light::Green,
            TaskVerdict::Basically => Light::Yellow,
            TaskVerdict::CarriedOver => Light::Red,
            TaskVerdict::Adjusted => Light::Grey,
        };
        return (light, task_verdict_text(task));
    }
    let s = task_state(task, pv.as_of, pv.plan.info.due_soon_days);
    (s.light(), s.label().to_owned())
}
