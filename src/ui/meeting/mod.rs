//! 会议模式: full screen slides for the back of a meeting room. An opening page with the
//! overall judgement, a page for every section that holds indicators (sub-chapters too) with a
//! labelled chart, each indicator, the key tasks of each chapter, one page per lead unit, and
//! the 整改台账. Type scales with the screen; a light theme by default (T for dark).
//! Keys: ←/→ PageUp/PageDown (presenter clickers), Home/End, a number then Enter, G for the page
//! index, Esc to leave.

mod deck;
mod index;
mod indicator;
mod opening;
mod rectification;
mod section_chart;
mod tasks;
mod unit;

use egui::{Color32, Key, RichText, Ui};

use super::{Command, PlanView, View};
use crate::domain::Light;

pub use deck::{Page, pages};

#[derive(Default)]
pub struct MeetingState {
    pub page: usize,
    /// Digits typed before Enter, to jump to a page.
    typed: String,
    show_index: bool,
    dark: bool,
}

/// Colours for a washed-out projector: strong contrast in both themes.
struct Palette {
    bg: Color32,
    fg: Color32,
    muted: Color32,
    dark: bool,
}

impl Palette {
    fn new(dark: bool) -> Self {
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
    fn light(&self, light: Light) -> Color32 {
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
struct Sizes {
    title: f32,
    body: f32,
    small: f32,
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

pub fn meeting_ui(ui: &mut Ui, state: &mut MeetingState, pv: &PlanView, cmds: &mut Vec<Command>) {
    let pages = pages(pv);
    let last = pages.len().saturating_sub(1);
    let mut jump: Option<usize> = None;
    let (next, prev, home, end, leave, index, theme, enter, digits) = ui.input(|i| {
        let digits: String = i
            .events
            .iter()
            .filter_map(|e| match e {
                egui::Event::Text(t) => {
                    Some(t.chars().filter(char::is_ascii_digit).collect::<String>())
                }
                _ => None,
            })
            .collect();
        (
            i.key_pressed(Key::ArrowRight)
                || i.key_pressed(Key::PageDown)
                || i.key_pressed(Key::Space),
            i.key_pressed(Key::ArrowLeft) || i.key_pressed(Key::PageUp),
            i.key_pressed(Key::Home),
            i.key_pressed(Key::End),
            i.key_pressed(Key::Escape),
            i.key_pressed(Key::G),
            i.key_pressed(Key::T),
            i.key_pressed(Key::Enter),
            digits,
        )
    });
    state.typed.push_str(&digits);
    if enter && !state.typed.is_empty() {
        if let Ok(n) = state.typed.parse::<usize>() {
            jump = Some(n.saturating_sub(1));
        }
        state.typed.clear();
    }
    if leave {
        if state.show_index {
            state.show_index = false;
        } else {
            cmds.push(Command::Show(View::Overview));
        }
    }
    if index {
        state.show_index = !state.show_index;
    }
    if theme {
        state.dark = !state.dark;
    }
    if next && state.page < last {
        state.page += 1;
    }
    if prev {
        state.page = state.page.saturating_sub(1);
    }
    if home {
        state.page = 0;
    }
    if end {
        state.page = last;
    }
    if let Some(p) = jump {
        state.page = p.min(last);
        state.show_index = false;
    }
    state.page = state.page.min(last);

    let typed = if state.typed.is_empty() {
        String::new()
    } else {
        format!(" ｜ 跳到第{}页（回车）", state.typed)
    };
    let footer = format!(
        "{} ｜ 评估年度 {}年 ｜ 第 {}/{} 页 ｜ ←/→ 翻页，数字+回车跳页，G 目录，T 深浅色，Esc 退出{typed}",
        pv.plan.info.name,
        pv.year,
        state.page + 1,
        pages.len()
    );
    let dark = state.dark;
    slide_frame(ui, pv, dark, &footer, |ui, slide| {
        if state.show_index {
            index::index_page(ui, pv, &pages, state, slide.palette, slide.sizes);
        } else if let Some(page) = pages.get(state.page) {
            slide.page(ui, page);
        }
    });
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
fn slide_frame(
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

struct Slide<'a> {
    pv: &'a PlanView<'a>,
    palette: &'a Palette,
    sizes: &'a Sizes,
}

impl Slide<'_> {
    fn page(&self, ui: &mut Ui, page: &Page) {
        match page {
            Page::Summary => self.summary(ui),
            Page::Section(id) => self.section(ui, *id),
            Page::Indicator(id) => self.indicator(ui, *id),
            Page::Tasks(id) => self.tasks(ui, *id),
            Page::Unit(u) => self.unit(ui, u),
            Page::Rectification => self.rectification(ui),
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
