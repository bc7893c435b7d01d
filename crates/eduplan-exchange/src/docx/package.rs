//! The .docx package: content types, relationships, document properties, settings (even and
//! odd footers) and the parts from `body` and `styles`, zipped.

use std::io::Write;

use super::body::{EVEN_FOOTER_ID, ODD_FOOTER_ID, document_xml, footer_xml};
use super::styles::styles_xml;
use super::xml::{DECLARATION, R_NS, W_NS, escape};
use super::{Document, FontScheme};

const CONTENT_TYPES: &str = concat!(
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#,
    r#"<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#,
    r#"<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
    r#"</Types>"#
);

const PACKAGE_RELS: &str = concat!(
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    r#"</Relationships>"#
);

fn document_rels() -> String {
    format!(
        concat!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            r#"<Relationship Id="rIdStyles" Type="{r}/styles" Target="styles.xml"/>"#,
            r#"<Relationship Id="rIdSettings" Type="{r}/settings" Target="settings.xml"/>"#,
            r#"<Relationship Id="{odd}" Type="{r}/footer" Target="footer1.xml"/>"#,
            r#"<Relationship Id="{even}" Type="{r}/footer" Target="footer2.xml"/>"#,
            r#"</Relationships>"#
        ),
        r = R_NS,
        odd = ODD_FOOTER_ID,
        even = EVEN_FOOTER_ID
    )
}

/// CT_Settings order: zoom, defaultTabStop, evenAndOddHeaders, characterSpacingControl, compat.
pub fn settings_xml() -> String {
    format!(
        concat!(
            r#"<w:settings xmlns:w="{w}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>"#,
            r#"<w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/>"#,
            r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
            r#"</w:settings>"#
        ),
        w = W_NS
    )
}

fn core_xml(title: &str) -> String {
    format!(
        concat!(
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:creator>EduPlan</dc:creator></cp:coreProperties>"#
        ),
        title = escape(title)
    )
}

const APP_XML: &str = concat!(
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#,
    r#"<Application>EduPlan</Application></Properties>"#
);

/// Every part of the package, by its name, in the order it is zipped.
pub fn parts(doc: &Document, fonts: FontScheme) -> Vec<(&'static str, String)> {
    let with_decl = |s: &str| format!("{DECLARATION}{s}");
    vec![
        ("[Content_Types].xml", with_decl(CONTENT_TYPES)),
        ("_rels/.rels", with_decl(PACKAGE_RELS)),
        ("docProps/core.xml", with_decl(&core_xml(&doc.title))),
        ("docProps/app.xml", with_decl(APP_XML)),
        ("word/_rels/document.xml.rels", with_decl(&document_rels())),
        ("word/document.xml", document_xml(doc)),
        ("word/styles.xml", styles_xml(fonts)),
        ("word/settings.xml", with_decl(&settings_xml())),
        ("word/footer1.xml", footer_xml(true)),
        ("word/footer2.xml", footer_xml(false)),
    ]
}

/// The bytes of a .docx file holding `doc`, set in `fonts`. The same document gives the same
/// bytes (no time stamps).
pub fn write_docx(doc: &Document, fonts: FontScheme) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts(doc, fonts) {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}
