//! A small Word (.docx) writer for reports in the 党政机关公文 layout (GB/T 9704-2012): a
//! document is a list of paragraphs and tables with named styles; `write_docx` turns it into
//! the bytes of a .docx package (document, styles, settings, two footers with page numbers,
//! relationships) written with `zip`.
//!
//! Only the small fixed part of WordprocessingML the reports need is written, every element in
//! the order the OOXML schema requires (Word asks to repair a file otherwise). Knows nothing
//! of plans: `report` builds the `Document`.

mod body;
mod package;
mod styles;
mod xml;

pub use package::write_docx;

/// The fonts a report is set in. Office machines usually have the GB2312 fonts and 方正小标宋;
/// a bare Windows has only 仿宋, 楷体, 黑体 and 宋体.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FontScheme {
    /// 仿宋_GB2312 / 楷体_GB2312 / 方正小标宋简体
    #[default]
    Gb2312,
    /// 仿宋 / 楷体 / 宋体（加粗）
    Windows,
}

impl FontScheme {
    /// `gb2312` or `windows`, as the command line spells them.
    pub fn from_code(code: &str) -> Option<FontScheme> {
        match code.trim().to_ascii_lowercase().as_str() {
            "gb2312" => Some(FontScheme::Gb2312),
            "windows" => Some(FontScheme::Windows),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            FontScheme::Gb2312 => "仿宋_GB2312 / 楷体_GB2312 / 方正小标宋简体",
            FontScheme::Windows => "仿宋 / 楷体 / 宋体（加粗）",
        }
    }
    pub(crate) fn fangsong(self) -> &'static str {
        match self {
            FontScheme::Gb2312 => "仿宋_GB2312",
            FontScheme::Windows => "仿宋",
        }
    }
    pub(crate) fn kaiti(self) -> &'static str {
        match self {
            FontScheme::Gb2312 => "楷体_GB2312",
            FontScheme::Windows => "楷体",
        }
    }
    pub(crate) fn title(self) -> &'static str {
        match self {
            FontScheme::Gb2312 => "方正小标宋简体",
            FontScheme::Windows => "宋体",
        }
    }
    /// 宋体 stands in for 小标宋 only when bold.
    pub(crate) fn title_bold(self) -> bool {
        self == FontScheme::Windows
    }
    pub(crate) fn heiti(self) -> &'static str {
        "黑体"
    }
    pub(crate) fn songti(self) -> &'static str {
        "宋体"
    }
}

/// The named paragraph styles (Word's style list shows their Chinese names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParaStyle {
    /// 公文标题: 2号 小标宋, centred.
    Title,
    /// 一级标题 "一、": 3号 黑体.
    Heading1,
    /// 二级标题 "（一）": 3号 楷体.
    Heading2,
    /// 三级标题 "1.": 3号 仿宋.
    Heading3,
    /// 公文正文: 3号 仿宋, first line indented two characters.
    Body,
    /// 表格标题: 黑体, centred, above its table.
    TableTitle,
    /// 表格文字: 仿宋 小四, in table cells and the unit line.
    TableText,
}

impl ParaStyle {
    pub const ALL: [ParaStyle; 7] = [
        ParaStyle::Title,
        ParaStyle::Heading1,
        ParaStyle::Heading2,
        ParaStyle::Heading3,
        ParaStyle::Body,
        ParaStyle::TableTitle,
        ParaStyle::TableText,
    ];
    /// The style id inside the file (ASCII, stable).
    pub fn id(self) -> &'static str {
        match self {
            ParaStyle::Title => "GongwenTitle",
            ParaStyle::Heading1 => "GongwenHeading1",
            ParaStyle::Heading2 => "GongwenHeading2",
            ParaStyle::Heading3 => "GongwenHeading3",
            ParaStyle::Body => "GongwenBody",
            ParaStyle::TableTitle => "GongwenTableTitle",
            ParaStyle::TableText => "GongwenTableText",
        }
    }
    /// The name the officer sees in Word's style list.
    pub fn name(self) -> &'static str {
        match self {
            ParaStyle::Title => "公文标题",
            ParaStyle::Heading1 => "一级标题",
            ParaStyle::Heading2 => "二级标题",
            ParaStyle::Heading3 => "三级标题",
            ParaStyle::Body => "公文正文",
            ParaStyle::TableTitle => "表格标题",
            ParaStyle::TableText => "表格文字",
        }
    }
    /// The level shown in Word's navigation pane (0 = top).
    pub fn outline_level(self) -> Option<u8> {
        match self {
            ParaStyle::Title => Some(0),
            ParaStyle::Heading1 => Some(1),
            ParaStyle::Heading2 => Some(2),
            ParaStyle::Heading3 => Some(3),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Both,
}

impl Align {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Both => "both",
        }
    }
}

/// A stretch of text with one look.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    /// Highlighted in yellow: a 【请补充】 placeholder the officer must not overlook.
    pub highlight: bool,
}

/// The mark every placeholder starts with; reports count them.
pub const PLACEHOLDER_MARK: &str = "【请补充";

impl Run {
    pub fn text(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
            highlight: false,
        }
    }
    /// 【请补充：what】, highlighted.
    pub fn placeholder(what: &str) -> Run {
        Run {
            text: format!("{PLACEHOLDER_MARK}：{what}】"),
            bold: false,
            highlight: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    pub style: ParaStyle,
    /// Overrides the style's alignment.
    pub align: Option<Align>,
    pub runs: Vec<Run>,
}

impl Paragraph {
    pub fn new(style: ParaStyle, text: impl Into<String>) -> Paragraph {
        Paragraph {
            style,
            align: None,
            runs: vec![Run::text(text)],
        }
    }
    pub fn runs(style: ParaStyle, runs: Vec<Run>) -> Paragraph {
        Paragraph {
            style,
            align: None,
            runs,
        }
    }
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// One column of a table: its width and how its cells are aligned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    /// Width in twentieths of a point (twips); the columns should add up to the text width.
    pub width: u32,
    pub align: Align,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    Cells(Vec<String>),
    /// A row spanning the whole table (a category: 一、学前教育).
    Group(String),
}

/// A table with its title above (黑体), a unit line (right-aligned) and a header row that
/// Word repeats on every page.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub title: String,
    pub unit_line: String,
    pub columns: Vec<Column>,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Para(Paragraph),
    Table(Table),
    /// The next block starts on a new page.
    PageBreak,
}

/// What `write_docx` writes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// The document's title in its properties (File › Info).
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }
    pub fn para(&mut self, style: ParaStyle, text: impl Into<String>) {
        self.blocks.push(Block::Para(Paragraph::new(style, text)));
    }
    /// How many 【请补充】 placeholders the document holds.
    pub fn placeholders(&self) -> usize {
        let in_text = |t: &str| t.matches(PLACEHOLDER_MARK).count();
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Para(p) => p.runs.iter().map(|r| in_text(&r.text)).sum(),
                Block::Table(t) => t
                    .rows
                    .iter()
                    .map(|r| match r {
                        Row::Cells(cells) => cells.iter().map(|c| in_text(c)).sum(),
                        Row::Group(g) => in_text(g),
                    })
                    .sum(),
                Block::PageBreak => 0,
            })
            .sum()
    }
}

/// Page geometry of GB/T 9704-2012, in twips (1 mm = 56.69 twips).
pub mod layout {
    pub const PAGE_WIDTH: u32 = 11906;
    pub const PAGE_HEIGHT: u32 = 16838;
    /// 37 mm
    pub const MARGIN_TOP: u32 = 2098;
    /// 35 mm
    pub const MARGIN_BOTTOM: u32 = 1984;
    /// 28 mm
    pub const MARGIN_LEFT: u32 = 1587;
    /// 26 mm
    pub const MARGIN_RIGHT: u32 = 1474;
    /// The page number's line sits 7 mm below the text block: its baseline about 23 mm above
    /// the page's edge.
    pub const FOOTER: u32 = 1304;
    /// 156 mm
    pub const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
    /// 28.95 pt: 22 lines in the 225 mm text block.
    pub const LINE_PITCH: u32 = 579;
    /// 28 characters of 3号 (16 pt) in 156 mm: each 15.79 pt, i.e. 16 pt − 849/4096 pt.
    pub const CHAR_SPACE: i32 = -849;
    /// 3号
    pub const BODY_HALF_POINTS: u32 = 32;
    /// 2号
    pub const TITLE_HALF_POINTS: u32 = 44;
    /// 4号
    pub const PAGE_NUMBER_HALF_POINTS: u32 = 28;
    /// 小四
    pub const TABLE_HALF_POINTS: u32 = 24;
}
