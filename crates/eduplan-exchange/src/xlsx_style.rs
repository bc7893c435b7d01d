//! How government tables look (domain.md §4): A4 landscape fitted to the width, a merged
//! title in 黑体, body in 仿宋, thin borders, bold header rows repeated on every page,
//! page numbers in the footer. Shared by the export and the fill-in table.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use eduplan_domain::Light;

pub const TITLE_FONT: &str = "黑体";
pub const BODY_FONT: &str = "仿宋";

pub fn title() -> Format {
    Format::new()
        .set_font_name(TITLE_FONT)
        .set_font_size(18)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

pub fn subtitle() -> Format {
    Format::new()
        .set_font_name(BODY_FONT)
        .set_font_size(11)
        .set_align(FormatAlign::VerticalCenter)
}

pub fn header() -> Format {
    Format::new()
        .set_font_name(TITLE_FONT)
        .set_font_size(11)
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xD9E1F2))
}

pub fn text() -> Format {
    Format::new()
        .set_font_name(BODY_FONT)
        .set_font_size(11)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
}

pub fn centered() -> Format {
    text().set_align(FormatAlign::Center)
}

/// Rates with one decimal, counts as integers.
pub fn number(decimals: usize) -> Format {
    let pattern = if decimals == 0 {
        "0".to_owned()
    } else {
        format!("0.{}", "0".repeat(decimals))
    };
    text().set_num_format(pattern).set_align(FormatAlign::Right)
}

pub fn light_fill(light: Light) -> Color {
    match light {
        Light::Green => Color::RGB(0xC6EFCE),
        Light::Yellow => Color::RGB(0xFFEB9C),
        Light::Red => Color::RGB(0xFFC7CE),
        Light::Grey => Color::RGB(0xEDEDED),
    }
}

/// A status or light cell: its word plus the light's fill.
pub fn light_cell(light: Light) -> Format {
    centered().set_background_color(light_fill(light))
}

/// A4 landscape, fitted to one page wide, header rows repeated, page numbers, frozen header.
pub fn page_setup(
    ws: &mut Worksheet,
    header_last_row: u32,
    footer_note: &str,
) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.7, 0.3, 0.3);
    ws.set_repeat_rows(0, header_last_row)?;
    ws.set_footer(format!(
        "&L&\"仿宋\"{footer_note}&C&\"仿宋\"第 &P 页，共 &N 页"
    ));
    ws.set_freeze_panes(header_last_row + 1, 0)?;
    Ok(())
}

/// Width of text in column-width units: a Chinese character takes two.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum()
}

/// Set a row tall enough for its wrapped cells; spreadsheet programs do not grow a row
/// for wrapped text on their own when they open a file.
pub fn fit_row(ws: &mut Worksheet, row: u32, cells: &[(&str, f64)]) -> Result<(), XlsxError> {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            text.split('\n')
                .map(|part| (text_width(part) / (width - 1.0).max(1.0)).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    ws.set_row_height(row, (lines * 14.5 + 3.0).max(18.0))?;
    Ok(())
}
