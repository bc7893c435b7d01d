//! The page index (G): every page's number and title, a click jumps there.

use egui::{RichText, Ui};

use super::deck::page_title;
use super::{MeetingState, Page, Palette, PlanView, Sizes};
use crate::domain::Light;

pub(super) fn index_page(
    ui: &mut Ui,
    pv: &PlanView,
    pages: &[Page],
    state: &mut MeetingState,
    palette: &Palette,
    sizes: &Sizes,
) {
    ui.label(
        RichText::new("目录")
            .size(sizes.title)
            .strong()
            .color(palette.fg),
    );
    egui::ScrollArea::vertical()
        .id_salt("meeting_index")
        .show(ui, |ui| {
            ui.columns(3, |cols| {
                let per_column = pages.len().div_ceil(3).max(1);
                for (i, page) in pages.iter().enumerate() {
                    let col = &mut cols[(i / per_column).min(2)];
                    let text = RichText::new(format!("{:>3}  {}", i + 1, page_title(pv, page)))
                        .size((sizes.small * 0.8).max(18.0))
                        .color(if i == state.page {
                            palette.light(Light::Green)
                        } else {
                            palette.fg
                        });
                    if col.link(text).clicked() {
                        state.page = i;
                        state.show_index = false;
                    }
                }
            });
        });
}
