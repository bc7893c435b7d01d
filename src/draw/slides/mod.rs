//! The meeting pages (会议模式), drawn with egui's painter: on screen by the meeting mode
//! (`ui::meeting`, which adds the keys and the page index) and into the PDF (`draw::pdf`).
//! An opening page with the overall judgement, a page for every section that holds indicators
//! (sub-chapters too) with a labelled chart, each indicator, the key tasks of each chapter, one
//! page per lead unit, and the 整改台账. Type scales with the screen; light or dark.

mod deck;
mod indicator;
mod opening;
mod rectification;
mod section_chart;
mod tasks;
mod unit;

use egui::{Color32, RichText, Ui};

use crate::domain::Light;
use crate::session::view::PlanView;

pub use deck::{
    BARS_PER_PAGE, MERGE_AT_MOST, Page, Scope, SectionPart, TASKS_PER_PAGE, page_title, pages,
    section_part,
};
pub use section_chart::label_start;

/// Colours for a washed-out projector: strong contrast in both themes.
pub struct Palette {
    pub bg: Color32,
    pub fg: Color32,
    pub muted: Color32,
    pub dark: bool,
}

impl Palette {
    pub fn new(dark: bool) -> Self {
        if dark {
            Palette {
                bg: Color32::from_rgb(0x10, 0x18, 0x24),
                fg: Color32::WHITE,
                muted: Color32::from_gray(200),
                dark,
            }
        } else {
            Palette {
                bg: Color32::WHITE,
                fg: Color32::from_gray(15),
                muted: Color32::from_gray(70),
                dark,
            }
        }
    }
    /// The shade of every other table row.
    pub fn stripe(&self) -> Color32 {
        if self.dark {
            Color32::from_gray(36)
        } else {
            Color32::from_gray(240)
        }
    }
    pub fn light(&self, light: Light) -> Color32 {
        match (light, self.dark) {
            (Light::Green, true) => Color32::from_rgb(0x5c, 0xd6, 0x7d),
            (Light::Yellow, true) => Color32::from_rgb(0xff, 0xc8, 0x3d),
            (Light::Red, true) => Color32::from_rgb(0xff, 0x6b, 0x6b),
            (Light::Grey, true) => Color32::from_gray(170),
            (Light::Green, false) => Color32::from_rgb(0x0b, 0x7a, 0x2e),
            (Light::Yellow, false) => Color32::from_rgb(0xb0, 0x6a, 0x00),
            (Light::Red, false) => Color32::from_rgb(0xc0, 0x10, 0x10),
            (Light::Grey, false) => Color32::from_gray(90),
        }
    }
}

/// Sizes from the screen: body ≥ 28 px at 768 px high, bigger on larger screens, a little
/// smaller on a 600 px screen so that a chart still fits under the text.
pub struct Sizes {
    pub title: f32,
    pub body: f32,
    pub small: f32,
}

impl Sizes {
    fn for_height(h: f32) -> Self {
        let k = (h / 768.0).max(0.8);
        Sizes {
            title: 40.0 * k,
            body: 28.0 * k,
            small: 22.0 * k,
        }
    }
}

/// One page as it is printed (the PDF of the meeting pages): light, no keys in the footer.
pub fn print_page(ui: &mut Ui, pv: &PlanView, pages: &[Page], index: usize) {
    let footer = format!(
        "{} ｜ 评估年度 {}年 ｜ 截至{} ｜ 第 {}/{} 页",
        pv.plan.info.name,
        pv.year,
        pv.as_of,
        index + 1,
        pages.len()
    );
    slide_frame(ui, pv, false, &footer, |ui, slide| {
        if let Some(page) = pages.get(index) {
            slide.page(ui, page);
        }
    });
}

/// The slide's background, sizes from the screen, the body and the footer line.
pub fn slide_frame(
    ui: &mut Ui,
    pv: &PlanView,
    dark: bool,
    footer: &str,
    body: impl FnOnce(&mut Ui, &Slide),
) {
    let palette = Palette::new(dark);
    let sizes = Sizes::for_height(ui.ctx().content_rect().height());
    egui::Frame::new()
        .fill(palette.bg)
        .inner_margin(32.0)
        .show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            // This Ui only: `ui.set_visuals` would reach the Context and restyle the program.
            *ui.visuals_mut() = if palette.dark {
                egui::Visuals::dark()
            } else {
                egui::Visuals::light()
            };
            ui.visuals_mut().override_text_color = Some(palette.fg);
            // The footer is laid out first (it wraps on a narrow screen) so that the page body
            // gets exactly the height above it and never runs into it.
            let footer = ui.fonts_mut(|fonts| {
                fonts.layout(
                    footer.to_owned(),
                    egui::FontId::proportional((sizes.small * 0.8).max(18.0)),
                    palette.muted,
                    ui.available_width(),
                )
            });
            let footer_height = footer.size().y + ui.spacing().item_spacing.y + 8.0;
            let body_height = (ui.available_height() - footer_height).max(200.0);
            let slide = Slide {
                pv,
                palette: &palette,
                sizes: &sizes,
            };
            ui.allocate_ui(egui::vec2(ui.available_width(), body_height), |ui| {
                ui.shrink_clip_rect(ui.max_rect());
                body(ui, &slide);
            });
            ui.with_layout(egui::Layout::bottom_up(egui::Align::Min), |ui| {
                ui.label(footer);
            });
        });
}

pub struct Slide<'a> {
    pv: &'a PlanView<'a>,
    pub palette: &'a Palette,
    pub sizes: &'a Sizes,
}

impl Slide<'_> {
    pub fn page(&self, ui: &mut Ui, page: &Page) {
        match page {
            Page::Summary => self.summary(ui),
            Page::Section(id, part) => self.section(ui, *id, *part),
            Page::Indicator(id) => self.indicator(ui, *id),
            Page::Tasks(id, part) => self.tasks(ui, *id, *part),
            Page::Unit(u, part) => self.unit(ui, u, *part),
            Page::Rectification(0) => self.rectification(ui),
            Page::Rectification(part) => self.rectification_rows(ui, *part),
        }
    }

    fn title(&self, ui: &mut Ui, text: impl Into<String>) {
        ui.label(
            RichText::new(text)
                .size(self.sizes.title)
                .strong()
                .color(self.palette.fg),
        );
    }
    fn body(&self, text: impl Into<String>) -> RichText {
        RichText::new(text)
            .size(self.sizes.body)
            .color(self.palette.fg)
    }
    fn small(&self, text: impl Into<String>) -> RichText {
        RichText::new(text)
            .size(self.sizes.small)
            .color(self.palette.fg)
    }
    fn lit(&self, light: Light, text: impl Into<String>, size: f32) -> RichText {
        RichText::new(text)
            .size(size)
            .color(self.palette.light(light))
            .strong()
    }
}
