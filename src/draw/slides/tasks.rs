//! A chapter's key tasks: lead unit, deadline, state on the day, the year's progress.

use egui::Ui;

use super::Slide;
use super::deck::{TASKS_PER_PAGE, continued};
use crate::domain::SectionId;
use crate::domain::commitments::{progress_in_year, task_state};

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
        egui::Grid::new(("meeting_task_grid", chapter.0, part))
            .striped(true)
            .spacing([24.0, 8.0])
            .show(ui, |ui| {
                for h in ["任务", "牵头单位", "完成时限", "状态", "进展"] {
                    ui.label(self.small(h).strong());
                }
                ui.end_row();
                for t in tasks {
                    let t = *t;
                    let s = task_state(t, pv.as_of, pv.plan.info.due_soon_days);
                    ui.label(self.small(&t.title));
                    ui.label(self.small(&t.lead_unit));
                    ui.label(self.small(&t.deadline));
                    ui.label(self.lit(
                        s.light(),
                        format!("{} {}", s.light().symbol(), s.label()),
                        self.sizes.small,
                    ));
                    // The year's progress wraps in the room left on the page, never past it.
                    let room = (ui.max_rect().right() - ui.cursor().left()).max(120.0);
                    ui.scope(|ui| {
                        ui.set_max_width(room);
                        ui.add(egui::Label::new(self.small(progress_in_year(t, pv.year))).wrap());
                    });
                    ui.end_row();
                }
            });
    }
}
