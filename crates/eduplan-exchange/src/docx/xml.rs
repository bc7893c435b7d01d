//! Text escaping and the two property elements every part writes (w:pPr, w:rPr), each with
//! its children in the schema's sequence.

/// Text for an XML element or attribute; characters XML 1.0 forbids are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Run properties. CT_RPr order: rFonts, b, bCs, …, sz, szCs, highlight, …
#[derive(Clone, Copy, Debug, Default)]
pub struct RunProps<'a> {
    pub font: Option<&'a str>,
    pub bold: bool,
    pub half_points: Option<u32>,
    pub highlight: bool,
}

pub fn run_props(out: &mut String, p: &RunProps) {
    if p.font.is_none() && !p.bold && p.half_points.is_none() && !p.highlight {
        return;
    }
    out.push_str("<w:rPr>");
    if let Some(font) = p.font {
        let f = escape(font);
        out.push_str(&format!(
            r#"<w:rFonts w:ascii="{f}" w:eastAsia="{f}" w:hAnsi="{f}" w:cs="{f}"/>"#
        ));
    }
    if p.bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    if let Some(sz) = p.half_points {
        out.push_str(&format!(r#"<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>"#));
    }
    if p.highlight {
        out.push_str(r#"<w:highlight w:val="yellow"/>"#);
    }
    out.push_str("</w:rPr>");
}

/// First-line or hanging indent, in characters (hundredths) with the twips Word falls back to.
#[derive(Clone, Copy, Debug, Default)]
pub struct Indent {
    pub first_line_chars: u32,
    pub first_line: u32,
    pub left: u32,
    pub right: u32,
}

/// Paragraph properties. CT_PPr order: pStyle, keepNext, keepLines, pageBreakBefore,
/// widowControl, …, snapToGrid, spacing, ind, …, jc, …, outlineLvl, …, rPr.
#[derive(Clone, Copy, Debug, Default)]
pub struct ParaProps<'a> {
    pub style: Option<&'a str>,
    pub keep_next: bool,
    pub keep_lines: bool,
    pub page_break_before: bool,
    /// Some(false): lines are not snapped to the document grid (tables, footers).
    pub snap_to_grid: Option<bool>,
    /// (before, after, line, exact): spacing in twips; `exact` = fixed line pitch.
    pub spacing: Option<(u32, u32, u32, bool)>,
    pub indent: Option<Indent>,
    pub align: Option<&'a str>,
    pub outline_level: Option<u8>,
    pub run: Option<RunProps<'a>>,
}

pub fn para_props(out: &mut String, p: &ParaProps) {
    let mut inner = String::new();
    if let Some(style) = p.style {
        inner.push_str(&format!(r#"<w:pStyle w:val="{}"/>"#, escape(style)));
    }
    if p.keep_next {
        inner.push_str("<w:keepNext/>");
    }
    if p.keep_lines {
        inner.push_str("<w:keepLines/>");
    }
    if p.page_break_before {
        inner.push_str("<w:pageBreakBefore/>");
    }
    if let Some(snap) = p.snap_to_grid {
        inner.push_str(&format!(
            r#"<w:snapToGrid w:val="{}"/>"#,
            if snap { 1 } else { 0 }
        ));
    }
    if let Some((before, after, line, exact)) = p.spacing {
        inner.push_str(&format!(
            r#"<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="{}"/>"#,
            if exact { "exact" } else { "auto" }
        ));
    }
    if let Some(ind) = p.indent {
        inner.push_str(&format!(
            r#"<w:ind w:left="{}" w:right="{}" w:firstLineChars="{}" w:firstLine="{}"/>"#,
            ind.left, ind.right, ind.first_line_chars, ind.first_line
        ));
    }
    if let Some(jc) = p.align {
        inner.push_str(&format!(r#"<w:jc w:val="{jc}"/>"#));
    }
    if let Some(level) = p.outline_level {
        inner.push_str(&format!(r#"<w:outlineLvl w:val="{level}"/>"#));
    }
    if let Some(run) = &p.run {
        run_props(&mut inner, run);
    }
    if !inner.is_empty() {
        out.push_str("<w:pPr>");
        out.push_str(&inner);
        out.push_str("</w:pPr>");
    }
}

/// A run of text: line breaks become w:br, tabs w:tab.
pub fn run(out: &mut String, props: &RunProps, text: &str) {
    out.push_str("<w:r>");
    run_props(out, props);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                out.push_str(r#"<w:t xml:space="preserve">"#);
                out.push_str(&escape(piece));
                out.push_str("</w:t>");
            }
        }
    }
    out.push_str("</w:r>");
}

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
