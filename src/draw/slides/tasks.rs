//! A chapter's key tasks: lead unit, deadline, state on the day, the year's progress.

use egui::Ui;

use super::Slide;
use crate::domain::SectionId;
use crate::domain::commitments::{progress_in_year, task_state};

impl Slide<'_> {
    pub(super) fn tasks(&self, ui: &mut Ui, chapter: SectionId) {
        let pv = self.pv;
        let Some(section) = pv.plan.section(chapter) else {
            return;
        };
        self.title(ui, format!("重点任务：{}", section.heading()));
        let ids = pv.plan.subtree_sections(chapter);
        let tasks: Vec<_> = pv
            .plan
            .tasks_in_outline_order()
            .into_iter()
            .filter(|t| ids.contains(&t.section))
            .collect();
        egui::ScrollArea::vertical()
            .id_salt(("meeting_tasks", chapter.0))
            .show(ui, |ui| {
                egui::Grid::new(("meeting_task_grid", chapter.0))
                    .striped(true)
                    .spacing([24.0, 8.0])
                    .show(ui, |ui| {
                        for h in ["任务", "牵头单位", "完成时限", "状态", "进展"] {
                            ui.label(self.small(h).strong());
                        }
                        ui.end_row();
                        for t in tasks {
                            let s = task_state(t, pv.as_of, pv.plan.info.due_soon_days);
                            ui.label(self.small(&t.title));
                            ui.label(self.small(&t.lead_unit));
                            ui.label(self.small(&t.deadline));
                            ui.label(self.lit(
                                s.light(),
                                format!("{} {}", s.light().symbol(), s.label()),
                                self.sizes.small,
                            ));
                            ui.label(self.small(progress_in_year(t, pv.year)));
                            ui.end_row();
                        }
                    });
            });
    }
}
