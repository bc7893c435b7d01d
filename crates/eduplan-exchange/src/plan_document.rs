//! Reading a plan's text as the officer has it: a .txt (UTF-8, UTF-16 or GB18030, as Windows
//! Notepad saves it), a Word .docx (paragraphs, heading styles and tables) or a published PDF
//! with a text layer (`plan_pdf`), into the blocks that `eduplan_domain::extract` reads.
//!
//! A .docx is a zip of XML parts: `word/document.xml` is read with `zip` and `quick-xml`, the
//! same crates calamine already brings for xlsx, with the same bounds on what is unpacked.

use std::io::Read;
use std::path::Path;

use eduplan_domain::extract::{Block, Proposal};
use quick_xml::events::Event;

/// Larger than any plan text; a file beyond this is not one.
pub const MAX_TEXT_BYTES: u64 = 20 * 1024 * 1024;
const MAX_DOCX_XML_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("无法读取“{0}”：{1}")]
    Io(String, String),
    #[error(
        "“{0}”不是 .txt、.docx 或 .pdf 文件。Word 97-2003 文档（.doc）、WPS 文档请先另存为 .docx 或纯文本（.txt）再打开。"
    )]
    Unsupported(String),
    #[error("“{0}”不是有效的Word文档（{1}）。请在Word或WPS中打开并另存为 .docx 后重试。")]
    BrokenDocx(String, String),
    #[error("“{0}”超过 {1} MB，不像是规划文本，未读取。")]
    TooLarge(String, u64),
    #[error("“{0}”无法作为PDF读取（{1}）。请确认文件完整，或在原网页上另存为文本后重试。")]
    BrokenPdf(String, String),
    #[error(
        "“{0}”设有打开密码（已加密），无法读取其中的文字。请在PDF阅读器中输入密码后另存为不加密的PDF，或找原文的Word版或网页版。"
    )]
    EncryptedPdf(String),
    #[error(
        "“{0}”中的压缩内容解开后过大（单项超过 64 MB 或合计超过 256 MB），远大于任何规划文件，未读取（文件可能已损坏或是恶意构造的）。"
    )]
    PdfUnpacksTooLarge(String),
    #[error(
        "“{0}”的{1}页没有可以读取的文字（像是扫描件或图片），无法从中提取目标。请找原文的Word版或网页版，或把文字复制到文本文件中再打开。"
    )]
    ScannedPdf(String, usize),
}

/// Where a block starts in its document, as the officer would look for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A text file's line (from 1).
    Line(usize),
    /// A PDF's page and the line on it (from 1).
    PageLine(usize, usize),
    /// A Word document's paragraph or table row (from 1).
    Paragraph(usize),
}

impl Place {
    pub fn describe(self) -> String {
        match self {
            Place::Line(n) => format!("第{n}行"),
            Place::PageLine(page, line) => format!("第{page}页第{line}行"),
            Place::Paragraph(n) => format!("第{n}段"),
        }
    }
}

/// A document read into blocks, each with where it starts.
#[derive(Debug, Default)]
pub struct PlanDocument {
    pub blocks: Vec<Block>,
    /// One per block.
    pub places: Vec<Place>,
}

impl PlanDocument {
    /// Where each proposal's sentence is, in order: the first block at or after the previous
    /// proposal's that holds the start of its sentence (widths and spaces folded), else any.
    pub fn places_of(&self, proposals: &[Proposal]) -> Vec<Option<Place>> {
        let folded: Vec<String> = self.blocks.iter().map(|b| fold(&block_text(b))).collect();
        let mut cursor = 0;
        proposals
            .iter()
            .map(|p| {
                // A table row's sentence is its cells joined by " | "; the first cell names it.
                let first = p.sentence.split(" | ").next().unwrap_or_default();
                let anchor: String = fold(first).chars().take(16).collect();
                let name = fold(&p.name);
                let found = [anchor, name]
                    .iter()
                    .filter(|key| !key.is_empty())
                    .find_map(|key| {
                        let at = |i: &usize| folded[*i].contains(key.as_str());
                        (cursor..folded.len())
                            .find(at)
                            .or_else(|| (0..cursor.min(folded.len())).find(at))
                    })?;
                cursor = found;
                self.places.get(found).copied()
            })
            .collect()
    }
}

fn block_text(block: &Block) -> String {
    match block {
        Block::Paragraph(text) | Block::Heading(_, text) => text.clone(),
        Block::Row(cells) => cells.join(" | "),
    }
}

fn fold(text: &str) -> String {
    eduplan_domain::text::fold_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Read a plan document into blocks, in reading order.
pub fn read_plan_document(path: &Path) -> Result<Vec<Block>, DocumentError> {
    Ok(read_plan_document_placed(path)?.blocks)
}

/// Read a plan document into blocks, each with its place (page and line of a PDF, line of a
/// text file, paragraph of a Word document).
pub fn read_plan_document_placed(path: &Path) -> Result<PlanDocument, DocumentError> {
    let name = path.display().to_string();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "txt" | "text" | "md" | "docx" | "pdf") {
        return Err(DocumentError::Unsupported(name));
    }
    let size = std::fs::metadata(path)
        .map_err(|e| DocumentError::Io(name.clone(), crate::io_words(&e).to_owned()))?
        .len();
    match ext.as_str() {
        "txt" | "text" | "md" => {
            if size > MAX_TEXT_BYTES {
                return Err(DocumentError::TooLarge(name, MAX_TEXT_BYTES / 1024 / 1024));
            }
            let bytes = std::fs::read(path)
                .map_err(|e| DocumentError::Io(name.clone(), crate::io_words(&e).to_owned()))?;
            let text = decode_text(&bytes);
            if crate::plan_pdf::broken_at_the_margin(&text) {
                // Copied out of a PDF: its paragraphs joined again, as a PDF's are.
                let joined = crate::plan_pdf::join_text_lines(&text);
                let text: String = joined.iter().map(|(l, _)| format!("{l}\n")).collect();
                let (blocks, numbers) = text_blocks_numbered(&text);
                let places = numbers
                    .into_iter()
                    .map(|n| Place::Line(joined.get(n - 1).map_or(n, |(_, first)| *first)))
                    .collect();
                return Ok(PlanDocument { blocks, places });
            }
            let (blocks, lines) = text_blocks_numbered(&text);
            Ok(PlanDocument {
                blocks,
                places: lines.into_iter().map(Place::Line).collect(),
            })
        }
        "docx" => {
            if size > MAX_TEXT_BYTES * 5 {
                return Err(DocumentError::TooLarge(
                    name,
                    MAX_TEXT_BYTES * 5 / 1024 / 1024,
                ));
            }
            let file = std::fs::File::open(path)
                .map_err(|e| DocumentError::Io(name.clone(), crate::io_words(&e).to_owned()))?;
            let blocks = read_docx(file).map_err(|why| DocumentError::BrokenDocx(name, why))?;
            let places = (1..=blocks.len()).map(Place::Paragraph).collect();
            Ok(PlanDocument { blocks, places })
        }
        "pdf" => {
            if size > MAX_TEXT_BYTES * 5 {
                return Err(DocumentError::TooLarge(
                    name,
                    MAX_TEXT_BYTES * 5 / 1024 / 1024,
                ));
            }
            let bytes = std::fs::read(path)
                .map_err(|e| DocumentError::Io(name.clone(), crate::io_words(&e).to_owned()))?;
            match crate::plan_pdf::pdf_pages(&bytes) {
                Ok(pages) => {
                    let mut document = PlanDocument::default();
                    for (page, lines) in pages.iter().enumerate() {
                        let text: String = lines.iter().map(|(l, _)| format!("{l}\n")).collect();
                        let (blocks, numbers) = text_blocks_numbered(&text);
                        document.blocks.extend(blocks);
                        document.places.extend(numbers.into_iter().map(|n| {
                            let line = lines.get(n - 1).map_or(n, |(_, first)| *first);
                            Place::PageLine(page + 1, line)
                        }));
                    }
                    Ok(document)
                }
                Err(crate::plan_pdf::PdfTextError::Unreadable(why)) => {
                    Err(DocumentError::BrokenPdf(name, why))
                }
                Err(crate::plan_pdf::PdfTextError::Encrypted) => {
                    Err(DocumentError::EncryptedPdf(name))
                }
                Err(crate::plan_pdf::PdfTextError::UnpacksTooLarge) => {
                    Err(DocumentError::PdfUnpacksTooLarge(name))
                }
                Err(crate::plan_pdf::PdfTextError::Scanned { pages }) => {
                    Err(DocumentError::ScannedPdf(name, pages))
                }
            }
        }
        _ => Err(DocumentError::Unsupported(name)),
    }
}

/// Text bytes to a string: a BOM decides; else UTF-8 when valid; else GB18030 (Notepad's
/// “ANSI” on a Chinese Windows).
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// Lines to blocks: a line of `|`-separated or tab-separated cells is a table row.
pub fn text_blocks(text: &str) -> Vec<Block> {
    text_blocks_numbered(text).0
}

/// Lines to blocks, each with the number (from 1) of its line.
fn text_blocks_numbered(text: &str) -> (Vec<Block>, Vec<usize>) {
    let mut out = Vec::new();
    let mut numbers = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let before = out.len();
        let line = line.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let pipes = line.matches('|').count();
        let tabs: Vec<&str> = line
            .split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if pipes >= 2 {
            let cells: Vec<String> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_owned())
                .collect();
            // A Markdown rule line |---|---|
            if cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
            {
                continue;
            }
            out.push(Block::Row(cells));
        } else if tabs.len() >= 3 {
            out.push(Block::Row(
                line.split('\t').map(|c| c.trim().to_owned()).collect(),
            ));
        } else {
            out.push(Block::Paragraph(line.trim().to_owned()));
        }
        if out.len() > before {
            numbers.push(index + 1);
        }
    }
    (out, numbers)
}

fn read_docx<R: Read + std::io::Seek>(file: R) -> Result<Vec<Block>, String> {
    let mut zip = zip::ZipArchive::new(file).map_err(|_| "文件不是zip格式".to_owned())?;
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|_| "缺少正文部分 word/document.xml".to_owned())?;
    if entry.size() > MAX_DOCX_XML_BYTES {
        return Err("正文部分过大".to_owned());
    }
    let mut xml = String::new();
    entry
        .take(MAX_DOCX_XML_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|_| "正文部分无法解压或不是UTF-8文本".to_owned())?;
    if xml.len() as u64 > MAX_DOCX_XML_BYTES {
        return Err("正文部分过大".to_owned());
    }
    docx_blocks(&xml)
}

/// The body of `word/document.xml` as blocks: paragraphs (heading styles become headings) and
/// table rows (each cell's paragraphs joined).
pub fn docx_blocks(xml: &str) -> Result<Vec<Block>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut paragraph = String::new();
    let mut heading_level: Option<u8> = None;
    let mut in_text = false;
    let mut table_depth = 0usize;
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    loop {
        let event = reader.read_event().map_err(|e| format!("XML错误：{e}"))?;
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "w:p" => {
                    paragraph.clear();
                    heading_level = None;
                }
                "w:pStyle" => {
                    for attr in e.attributes().flatten() {
                        if attr.key.as_ref() == "w:val" {
                            heading_level = style_heading_level(&attr.value);
                        }
                    }
                }
                "w:t" => in_text = true,
                "w:tab" => paragraph.push('\t'),
                "w:br" | "w:cr" => paragraph.push('\n'),
                "w:tbl" => table_depth += 1,
                "w:tr" if table_depth == 1 => row.clear(),
                "w:tc" if table_depth == 1 => cell.clear(),
                _ => {}
            },
            Event::Text(t) if in_text => {
                paragraph.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.xml10_content();
                let ch = match name.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let Some(ch) = ch {
                    paragraph.push(ch);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:p" => {
                    let text = std::mem::take(&mut paragraph);
                    if table_depth > 0 {
                        if !cell.is_empty() && !text.trim().is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(text.trim());
                    } else if !text.trim().is_empty() {
                        match heading_level {
                            Some(level) => out.push(Block::Heading(level, text.trim().to_owned())),
                            None => {
                                for line in text.split('\n').filter(|l| !l.trim().is_empty()) {
                                    out.push(Block::Paragraph(line.trim().to_owned()));
                                }
                            }
                        }
                    }
                }
                "w:tc" if table_depth == 1 => row.push(std::mem::take(&mut cell)),
                "w:tr" if table_depth == 1 && row.iter().any(|c| !c.trim().is_empty()) => {
                    out.push(Block::Row(std::mem::take(&mut row)));
                }
                "w:tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Word's built-in heading styles: `Heading1`… in English Word, `1`, `2`… in Chinese Word,
/// `Title` for the document title.
fn style_heading_level(style: &str) -> Option<u8> {
    let lower = style.to_ascii_lowercase();
    let digits = lower.trim_start_matches("heading").trim();
    if lower == "title" {
        return Some(0);
    }
    if (lower.starts_with("heading") || lower.chars().all(|c| c.is_ascii_digit()))
        && let Ok(n) = digits.parse::<u8>()
        && (1..=9).contains(&n)
    {
        return Some(n);
    }
    None
}
