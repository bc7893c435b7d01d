//! Design tokens: colours and sizes, declared once.

use egui::Color32;

use crate::domain::{Light, Status};

pub const GREEN: Color32 = Color32::from_rgb(0x1e, 0x8e, 0x3e);
pub const YELLOW: Color32 = Color32::from_rgb(0xd9, 0x8c, 0x00);
pub const RED: Color32 = Color32::from_rgb(0xc6, 0x28, 0x28);
pub const GREY: Color32 = Color32::from_rgb(0x8a, 0x8a, 0x8a);
pub const ACCENT: Color32 = Color32::from_rgb(0x1f, 0x5f, 0xa8);
pub const WARNING_BG: Color32 = Color32::from_rgb(0xfd, 0xec, 0xea);
pub const ERROR_TEXT: Color32 = Color32::from_rgb(0xb0, 0x1c, 0x1c);
pub const PLAN_LINE: Color32 = Color32::from_rgb(0x5c, 0x6b, 0x7a);

pub const ROW_HEIGHT: f32 = 24.0;
pub const BODY_SIZE: f32 = 15.0;
pub const MEETING_TITLE_SIZE: f32 = 40.0;
pub const MEETING_BODY_SIZE: f32 = 28.0;

pub fn light_color(light: Light) -> Color32 {
    match light {
        Light::Green => GREEN,
        Light::Yellow => YELLOW,
        Light::Red => RED,
        Light::Grey => GREY,
    }
}

/// The colour of a status word where no single light goes with it (the counts row).
pub fn status_word_color(status: Status) -> Color32 {
    match status {
        Status::AheadDone | Status::Achieved | Status::Faster | Status::OnTrack => GREEN,
        Status::Behind | Status::NotAchieved => RED,
        Status::NotReported | Status::NotDue | Status::CannotJudge => GREY,
    }
}

/// The colour of a status word: that of its light, which the rules give with the word.
pub fn status_color(status: Status, light: Light) -> Color32 {
    match status {
        Status::NotReported | Status::NotDue | Status::CannotJudge => GREY,
        _ => light_color(light),
    }
}

/// Light mode with slightly larger type: the program is often projected.
pub fn apply(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily, FontId, TextStyle};
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(22.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Body,
                FontId::new(BODY_SIZE, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(14.0, FontFamily::Monospace),
            ),
            (
                TextStyle::Button,
                FontId::new(BODY_SIZE, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(12.0, FontFamily::Proportional),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        // Scrollbars always shown, as in Excel: a table that goes on to the right or below
        // must say so without the pointer over it.
        style.spacing.scroll = egui::style::ScrollStyle::solid();
    });
}

/// The embedded CJK font (GB 2312 and common punctuation), first in both families so Chinese
/// and Latin text share one design. Characters outside it fall back to the system's fonts.
/// Noto Sans CJK SC cut to GB 2312 (`scripts/make-font.sh`): the screen's font and the PDF's.
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-GB2312.otf");

pub fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    ctx.add_font(FontInsert::new(
        "noto_sans_sc",
        egui::FontData::from_static(CJK_FONT),
        vec![
            InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: FontPriority::Highest,
            },
            InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}
