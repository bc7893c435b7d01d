//! word/document.xml and the two footers: paragraphs, tables (title above, unit line, a header
//! row Word repeats on every page) and the section with the GB/T 9704 page.
//!
//! Schema orders kept here: CT_Tbl tblPr, tblGrid, tr; CT_TblPr tblW, jc, tblBorders,
//! tblLayout, tblCellMar; CT_TrPr cantSplit, tblHeader; CT_TcPr tcW, gridSpan, vAlign;
//! CT_SectPr footerReference…, pgSz, pgMar, pgNumType, cols, docGrid.

use super::layout::{
    CHAR_SPACE, FOOTER, LINE_PITCH, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP,
    PAGE_HEIGHT, PAGE_NUMBER_HALF_POINTS, PAGE_WIDTH,
};
use super::styles::NO_INDENT;
use super::xml::{
    DECLARATION, Indent, ParaProps, R_NS, RunProps, W_NS, para_props, run, run_props,
};
use super::{Block, Document, ParaStyle, Paragraph, Row, Table};

pub const ODD_FOOTER_ID: &str = "rIdFooterOdd";
pub const EVEN_FOOTER_ID: &str = "rIdFooterEven";

pub fn document_xml(doc: &Document) -> String {
    let mut out = String::with_capacity(4096 + doc.blocks.len() * 400);
    out.push_str(DECLARATION);
    out.push_str(&format!(
        r#"<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>"#
    ));
    for block in &doc.blocks {
        match block {
            Block::Para(p) => paragraph(&mut out, p),
            Block::Table(t) => table(&mut out, t),
            Block::PageBreak => out.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#),
        }
    }
    // A document ends with a paragraph (Word adds one after a final table otherwise). Off the
    // grid and one point tall, so a table that fills its last page never pushes it onto a
    // blank page of its own.
    if !matches!(doc.blocks.last(), Some(Block::Para(_))) {
        out.push_str(&format!(
            concat!(
                r#"<w:p><w:pPr><w:pStyle w:val="{}"/><w:snapToGrid w:val="0"/>"#,
                r#"<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>"#,
                r#"<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>"#
            ),
            ParaStyle::Body.id()
        ));
    }
    section(&mut out);
    out.push_str("</w:body></w:document>");
    out
}

fn paragraph(out: &mut String, p: &Paragraph) {
    out.push_str("<w:p>");
    para_props(
        out,
        &ParaProps {
            style: Some(p.style.id()),
            align: p.align.map(|a| a.code()),
            ..ParaProps::default()
        },
    );
    for r in &p.runs {
        run(
            out,
            &RunProps {
                bold: r.bold,
                highlight: r.highlight,
                ..RunProps::default()
            },
            &r.text,
        );
    }
    out.push_str("</w:p>");
}

/// A paragraph of 表格文字 with its own alignment (and bold for header and group rows).
fn cell_paragraph(out: &mut String, text: &str, align: &str, bold: bool, keep_next: bool) {
    out.push_str("<w:p>");
    para_props(
        out,
        &ParaProps {
            style: Some(ParaStyle::TableText.id()),
            keep_next,
            align: Some(align),
            ..ParaProps::default()
        },
    );
    if !text.is_empty() {
        let props = RunProps {
            bold,
            highlight: text.contains(super::PLACEHOLDER_MARK),
            ..RunProps::default()
        };
        run(out, &props, text);
    }
    out.push_str("</w:p>");
}

fn cell(out: &mut String, width: u32, span: usize, f: impl FnOnce(&mut String)) {
    out.push_str(&format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#
    ));
    if span > 1 {
        out.push_str(&format!(r#"<w:gridSpan w:val="{span}"/>"#));
    }
    out.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
    f(out);
    out.push_str("</w:tc>");
}

fn table(out: &mut String, t: &Table) {
    if !t.title.is_empty() {
        paragraph(
            out,
            &Paragraph::new(ParaStyle::TableTitle, t.title.as_str()),
        );
    }
    if !t.unit_line.is_empty() {
        cell_paragraph(out, &t.unit_line, "right", false, true);
    }
    let total: u32 = t.columns.iter().map(|c| c.width).sum();
    out.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>"#
    ));
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.push_str(&format!(
            r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
        ));
    }
    out.push_str(concat!(
        r#"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>"#,
        r#"<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#
    ));
    for c in &t.columns {
        out.push_str(&format!(r#"<w:gridCol w:w="{}"/>"#, c.width));
    }
    out.push_str("</w:tblGrid>");
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (c, text) in t.columns.iter().zip(&t.header) {
        cell(out, c.width, 1, |out| {
            cell_paragraph(out, text, "center", true, false)
        });
    }
    out.push_str("</w:tr>");
    for row in &t.rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        match row {
            Row::Cells(cells) => {
                for (i, c) in t.columns.iter().enumerate() {
                    let text = cells.get(i).map_or("", String::as_str);
                    cell(out, c.width, 1, |out| {
                        cell_paragraph(out, text, c.align.code(), false, false)
                    });
                }
            }
            Row::Group(text) => cell(out, total, t.columns.len(), |out| {
                cell_paragraph(out, text, "left", true, false)
            }),
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

fn section(out: &mut String) {
    out.push_str(&format!(
        concat!(
            r#"<w:sectPr><w:footerReference w:type="even" r:id="{even}"/>"#,
            r#"<w:footerReference w:type="default" r:id="{odd}"/>"#,
            r#"<w:pgSz w:w="{w}" w:h="{h}"/>"#,
            r#"<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="851" w:footer="{footer}" w:gutter="0"/>"#,
            r#"<w:pgNumType w:start="1"/><w:cols w:space="425"/>"#,
            r#"<w:docGrid w:type="linesAndChars" w:linePitch="{pitch}" w:charSpace="{chars}"/></w:sectPr>"#
        ),
        even = EVEN_FOOTER_ID,
        odd = ODD_FOOTER_ID,
        w = PAGE_WIDTH,
        h = PAGE_HEIGHT,
        top = MARGIN_TOP,
        right = MARGIN_RIGHT,
        bottom = MARGIN_BOTTOM,
        left = MARGIN_LEFT,
        footer = FOOTER,
        pitch = LINE_PITCH,
        chars = CHAR_SPACE,
    ));
}

/// A footer with the page number "— 1 —": odd pages on the right, even pages on the left, one
/// character in from the edge of the text block (GB/T 9704 7.5).
pub fn footer_xml(odd: bool) -> String {
    let one_char = PAGE_NUMBER_HALF_POINTS * 10;
    let indent = Indent {
        left: if odd { 0 } else { one_char },
        right: if odd { one_char } else { 0 },
        ..NO_INDENT
    };
    let mut out = String::from(DECLARATION);
    out.push_str(&format!(
        r#"<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p>"#
    ));
    para_props(
        &mut out,
        &ParaProps {
            style: Some("Footer"),
            indent: Some(indent),
            align: Some(if odd { "right" } else { "left" }),
            ..ParaProps::default()
        },
    );
    let props = RunProps::default();
    let field_char = |out: &mut String, kind: &str| {
        out.push_str("<w:r>");
        run_props(out, &props);
        out.push_str(&format!(r#"<w:fldChar w:fldCharType="{kind}"/></w:r>"#));
    };
    run(&mut out, &props, "— ");
    field_char(&mut out, "begin");
    out.push_str(r#"<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#);
    field_char(&mut out, "separate");
    run(&mut out, &props, "1");
    field_char(&mut out, "end");
    run(&mut out, &props, " —");
    out.push_str("</w:p></w:ftr>");
    out
}
