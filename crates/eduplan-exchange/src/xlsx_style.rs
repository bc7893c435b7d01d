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
pub fn fit_row(ws: &mut Worksheet, row: u32, cells: &[(&str, f64)]) -> Result<f64, XlsxError> {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            text.split('\n')
                .map(|part| (text_width(part) / (width - 1.0).max(1.0)).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    let height = (lines * 14.5 + 3.0).max(18.0);
    ws.set_row_height(row, height)?;
    Ok(height)
}

/// Page margins of `page_setup`, in inches: left, right, top, bottom.
const MARGINS_IN: (f64, f64, f64, f64) = (0.5, 0.5, 0.6, 0.7);

/// Manual page breaks so that no group of rows (a category with its merged cell, a chart with
/// its data) is cut by a page end. Heights are in points; `header_pt` is the height of the
/// rows repeated on every page; `widths` are the column widths in character units, from
/// which the fit-to-width scale follows (A4 landscape, as `page_setup`).
pub fn keep_groups_together(
    ws: &mut Worksheet,
    groups: &[(u32, f64)],
    header_pt: f64,
    widths: &[f64],
) -> Result<(), XlsxError> {
    let (left, right, top, bottom) = MARGINS_IN;
    let printable_w = 842.0 - (left + right) * 72.0;
    let printable_h = 595.0 - (top + bottom) * 72.0;
    // Excel's column width unit: (chars × 7 + 5) pixels at the default font, 0.75 pt each.
    let table_w: f64 = widths.iter().map(|w| (w * 7.0 + 5.0) * 0.75).sum();
    let scale = (printable_w / table_w).min(1.0);
    // A little slack: spreadsheet programs round row heights and scales their own way.
    let page = printable_h / scale * 0.95 - header_pt;
    let mut breaks = Vec::new();
    let mut used = 0.0;
    for &(first_row, height) in groups {
        if used > 0.0 && used + height > page {
            breaks.push(first_row);
            used = 0.0;
        }
        used += height;
        while used > page {
            used -= page; // a group taller than a page runs on; count what spills over
        }
    }
    if !breaks.is_empty() {
        ws.set_page_breaks(&breaks)?;
    }
    Ok(())
}

/// The rows every table the program writes starts with, in one place: the title across the
/// table, the line under it (who reports, or what to fill in; on the right what the sheet is
/// judged for) and the header row with the columns' widths.
pub struct Preamble<'a> {
    pub title: &'a str,
    pub line: &'a str,
    /// The right half of the line (评估年度…), when there is one.
    pub line_right: Option<&'a str>,
    /// The line starts in this column (a fill-in table keeps its hidden id column empty).
    pub line_from: u16,
    /// The line is long (instructions to whoever fills the table in): wrap it on two lines.
    pub line_wraps: bool,
    pub titles: &'a [String],
    pub widths: &'a [f64],
    pub header_row: u32,
    pub header_height: f64,
}

pub fn preamble(ws: &mut Worksheet, p: &Preamble) -> Result<(), XlsxError> {
    let last_col = p.titles.len().saturating_sub(1) as u16;
    ws.merge_range(0, 0, 0, last_col, p.title, &title())?;
    match p.line_right {
        Some(right) => {
            let half = last_col / 2;
            ws.merge_range(1, p.line_from, 1, half, p.line, &subtitle())?;
            ws.merge_range(
                1,
                half + 1,
                1,
                last_col,
                right,
                &subtitle().set_align(rust_xlsxwriter::FormatAlign::Right),
            )?;
        }
        None if p.line_wraps => {
            ws.merge_range(
                1,
                p.line_from,
                1,
                last_col,
                p.line,
                &subtitle().set_text_wrap(),
            )?;
        }
        None => {
            ws.merge_range(1, p.line_from, 1, last_col, p.line, &subtitle())?;
        }
    }
    ws.set_row_height(0, 32)?;
    ws.set_row_height(1, if p.line_wraps { 30 } else { 20 })?;
    header_row(ws, p.header_row, p.titles, p.widths, p.header_height)
}

/// A header row and its columns' widths.
pub fn header_row(
    ws: &mut Worksheet,
    row: u32,
    titles: &[String],
    widths: &[f64],
    height: f64,
) -> Result<(), XlsxError> {
    let fmt = header();
    for (c, (t, w)) in titles.iter().zip(widths).enumerate() {
        ws.write_string_with_format(row, c as u16, t, &fmt)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(row, height)?;
    Ok(())
}
