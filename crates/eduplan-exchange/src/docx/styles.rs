//! word/styles.xml: the document defaults and the named 公文 styles (公文标题, 一级标题, …)
//! with their outline levels, so the navigation pane shows the headings and an office can
//! restyle the whole report by style. CT_Style order: name, basedOn, next, uiPriority, qFormat,
//! pPr, rPr.

use super::layout::{
    BODY_HALF_POINTS, LINE_PITCH, PAGE_NUMBER_HALF_POINTS, TABLE_HALF_POINTS, TITLE_HALF_POINTS,
};
use super::xml::{DECLARATION, Indent, ParaProps, RunProps, W_NS, escape, para_props, run_props};
use super::{FontScheme, ParaStyle};

/// Two characters of 3号 as Word counts them (firstLineChars) and in twips.
pub const TWO_CHARS: Indent = Indent {
    first_line_chars: 200,
    first_line: 640,
    left: 0,
    right: 0,
};
pub const NO_INDENT: Indent = Indent {
    first_line_chars: 0,
    first_line: 0,
    left: 0,
    right: 0,
};

/// The body's fixed line pitch.
const EXACT_LINE: (u32, u32, u32, bool) = (0, 0, LINE_PITCH, true);
/// Single spacing, for table cells and footers (which do not follow the page grid).
pub const SINGLE_LINE: (u32, u32, u32, bool) = (0, 0, 240, false);

fn style_props(style: ParaStyle, fonts: FontScheme) -> (ParaProps<'static>, RunProps<'static>) {
    let heading = |font: &'static str| {
        (
            ParaProps {
                keep_next: true,
                keep_lines: true,
                indent: Some(TWO_CHARS),
                outline_level: style.outline_level(),
                ..ParaProps::default()
            },
            RunProps {
                font: Some(font),
                half_points: Some(BODY_HALF_POINTS),
                ..RunProps::default()
            },
        )
    };
    match style {
        ParaStyle::Title => (
            ParaProps {
                keep_next: true,
                keep_lines: true,
                indent: Some(NO_INDENT),
                align: Some("center"),
                outline_level: style.outline_level(),
                ..ParaProps::default()
            },
            RunProps {
                font: Some(fonts.title()),
                bold: fonts.title_bold(),
                half_points: Some(TITLE_HALF_POINTS),
                ..RunProps::default()
            },
        ),
        ParaStyle::Heading1 => heading(fonts.heiti()),
        ParaStyle::Heading2 => heading(fonts.kaiti()),
        ParaStyle::Heading3 => heading(fonts.fangsong()),
        ParaStyle::Body => (
            ParaProps {
                indent: Some(TWO_CHARS),
                ..ParaProps::default()
            },
            RunProps::default(),
        ),
        ParaStyle::TableTitle => (
            ParaProps {
                keep_next: true,
                keep_lines: true,
                indent: Some(NO_INDENT),
                align: Some("center"),
                ..ParaProps::default()
            },
            RunProps {
                font: Some(fonts.heiti()),
                half_points: Some(BODY_HALF_POINTS),
                ..RunProps::default()
            },
        ),
        ParaStyle::TableText => (
            ParaProps {
                snap_to_grid: Some(false),
                spacing: Some(SINGLE_LINE),
                indent: Some(NO_INDENT),
                align: Some("center"),
                ..ParaProps::default()
            },
            RunProps {
                font: Some(fonts.fangsong()),
                half_points: Some(TABLE_HALF_POINTS),
                ..RunProps::default()
            },
        ),
    }
}

fn paragraph_style(
    out: &mut String,
    id: &str,
    name: &str,
    head: &str,
    ppr: &ParaProps,
    rpr: &RunProps,
) {
    out.push_str(&format!(
        r#"<w:style w:type="paragraph" {head}w:styleId="{id}"><w:name w:val="{}"/>"#,
        escape(name)
    ));
    if id != "Normal" {
        out.push_str(r#"<w:basedOn w:val="Normal"/>"#);
    }
    if id.starts_with("GongwenHeading") || id == "GongwenTitle" {
        out.push_str(r#"<w:next w:val="GongwenBody"/>"#);
    }
    out.push_str(r#"<w:uiPriority w:val="1"/><w:qFormat/>"#);
    para_props(out, ppr);
    run_props(out, rpr);
    out.push_str("</w:style>");
}

pub fn styles_xml(fonts: FontScheme) -> String {
    let mut out = String::from(DECLARATION);
    out.push_str(&format!(r#"<w:styles xmlns:w="{W_NS}">"#));
    let body_font = escape(fonts.fangsong());
    // CT_RPr: rFonts … sz, szCs … lang.
    out.push_str(&format!(
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{body_font}" w:eastAsia="{body_font}" w:hAnsi="{body_font}" w:cs="{body_font}"/><w:kern w:val="2"/><w:sz w:val="{BODY_HALF_POINTS}"/><w:szCs w:val="{BODY_HALF_POINTS}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>"#
    ));
    paragraph_style(
        &mut out,
        "Normal",
        "Normal",
        r#"w:default="1" "#,
        &ParaProps {
            spacing: Some(EXACT_LINE),
            align: Some("both"),
            ..ParaProps::default()
        },
        &RunProps {
            font: Some(fonts.fangsong()),
            half_points: Some(BODY_HALF_POINTS),
            ..RunProps::default()
        },
    );
    for style in ParaStyle::ALL {
        let (ppr, rpr) = style_props(style, fonts);
        paragraph_style(
            &mut out,
            style.id(),
            style.name(),
            r#"w:customStyle="1" "#,
            &ppr,
            &rpr,
        );
    }
    paragraph_style(
        &mut out,
        "Footer",
        "footer",
        "",
        &ParaProps {
            snap_to_grid: Some(false),
            spacing: Some(SINGLE_LINE),
            indent: Some(NO_INDENT),
            ..ParaProps::default()
        },
        &RunProps {
            font: Some(fonts.songti()),
            half_points: Some(PAGE_NUMBER_HALF_POINTS),
            ..RunProps::default()
        },
    );
    out.push_str(concat!(
        r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#,
        r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
    ));
    out.push_str("</w:styles>");
    out
}
