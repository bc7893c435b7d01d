//! Reading a workbook that came from outside, safely: the bytes are checked before the
//! third-party xlsx reader sees them (what the file really is, archive and unpacked sizes,
//! shared-string counts), cells are streamed so that a far-out cell costs nothing, and error
//! cells are told apart from text. Used by every importer (fill-in, school, problem lists).

use std::collections::HashMap;
use std::io::{Read, Seek};
use std::path::Path;

use calamine::{Data, Xlsx};

/// Bounds on what a returned table may make us read. A fill-in table is a few hundred KB
/// with at most a few thousand rows; anything far larger is refused before it is unpacked.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
pub const MAX_UNPACKED_BYTES: u64 = 20 * 1024 * 1024;
const MAX_ZIP_ENTRIES: usize = 500;
pub const MAX_ROWS: u32 = 5_000;

pub(crate) fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) => eduplan_domain::input::format_number(*f, 6),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => format!("#{e:?}"),
        Data::Empty => String::new(),
    }
}

/// A text cell as typed; a formula's error value ("#N/A") is refused, never kept as text.
pub(crate) fn text_input(d: &Data) -> Result<String, String> {
    match excel_error(d) {
        Some(e) => Err(format!("是错误值“{e}”（公式出错），请改为文字或留空")),
        None => Ok(cell_text(d)),
    }
}

/// A formula's error: an error cell, or its text as another program saved the cached result.
pub(crate) fn excel_error(d: &Data) -> Option<String> {
    const ERROR_TEXTS: &[&str] = &[
        "#DIV/0!",
        "#N/A",
        "#NAME?",
        "#NULL!",
        "#NUM!",
        "#REF!",
        "#VALUE!",
        "#DATA!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
    ];
    match d {
        Data::Error(e) => Some(e.to_string()),
        Data::String(t) if ERROR_TEXTS.contains(&t.trim()) => Some(t.trim().to_owned()),
        _ => None,
    }
}

/// Check the bytes before handing them to the xlsx reader, to say what the file really is,
/// and refuse archives that would unpack to far more than a fill-in table can hold.
pub(crate) fn sniff(path: &Path) -> Result<(), String> {
    let mut head = [0u8; 8];
    let mut f = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "找不到文件".to_owned(),
        _ => "无法读取文件，请检查文件是否被其他程序占用".to_owned(),
    })?;
    let n = f.read(&mut head).map_err(|_| "无法读取文件".to_owned())?;
    if n == 0 {
        return Err("文件是空的".to_owned());
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(
            "文件设置了打开密码，或是旧版.xls格式。请在Excel中取消密码并另存为.xlsx后再导入"
                .to_owned(),
        );
    }
    if !head.starts_with(b"PK") {
        return Err("不是Excel工作簿（.xlsx）".to_owned());
    }
    let too_big = || "文件远大于一张填报表（可能不是填报表，或已损坏），未读取".to_owned();
    if f.metadata().map(|m| m.len()).unwrap_or(0) > MAX_FILE_BYTES {
        return Err(too_big());
    }
    f.rewind().map_err(|_| "无法读取文件".to_owned())?;
    let mut zip = zip::ZipArchive::new(f).map_err(|_| {
        "无法作为Excel工作簿读取，文件可能已损坏、不完整，或是改了扩展名的其他文件".to_owned()
    })?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(too_big());
    }
    // Declared sizes can lie: unpack each member through a bounded reader and count.
    let mut unpacked: u64 = 0;
    for i in 0..zip.len() {
        let mut member = zip
            .by_index(i)
            .map_err(|_| "工作簿内部结构损坏，无法读取".to_owned())?;
        if member.size() > MAX_UNPACKED_BYTES {
            return Err(too_big());
        }
        let is_shared_strings = member
            .name()
            .is_ok_and(|n| n.eq_ignore_ascii_case("xl/sharedStrings.xml"));
        let budget = MAX_UNPACKED_BYTES - unpacked;
        let mut head = HeadKeeper::default();
        let read = std::io::copy(&mut (&mut member).take(budget + 1), &mut head)
            .map_err(|_| "工作簿内部结构损坏，无法读取".to_owned())?;
        unpacked += read;
        if unpacked > MAX_UNPACKED_BYTES {
            return Err(too_big());
        }
        if is_shared_strings {
            check_shared_string_count(&head.bytes, read)?;
        }
    }
    Ok(())
}

/// Keeps the first bytes of what is written to it and counts the rest away.
#[derive(Default)]
struct HeadKeeper {
    bytes: Vec<u8>,
}

impl std::io::Write for HeadKeeper {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let room = 4096usize.saturating_sub(self.bytes.len());
        self.bytes.extend_from_slice(&buf[..room.min(buf.len())]);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The shared-string table declares how many strings it holds, and the xlsx reader reserves
/// room for that many before reading one: a `uniqueCount` of 4294967295 would ask for about
/// 100 GB and abort the program. Each string takes at least `<si><t/></si>` (12 bytes), so a
/// count beyond the table's size can only be a lie.
fn check_shared_string_count(head: &[u8], unpacked_bytes: u64) -> Result<(), String> {
    let text = String::from_utf8_lossy(head);
    let Some(start) = text.find("<sst") else {
        return Ok(());
    };
    let tag_end = text[start..].find('>').map_or(text.len(), |e| start + e);
    let tag = &text[start..tag_end];
    let Some(at) = tag.find("uniqueCount=") else {
        return Ok(());
    };
    let digits: String = tag[at + "uniqueCount=".len()..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let declared: u64 = digits.parse().unwrap_or(u64::MAX);
    if declared > unpacked_bytes / 12 + 1 {
        return Err(
            "工作簿内部的字符串表数量声明与实际内容不符（文件已损坏或被篡改），未读取".to_owned(),
        );
    }
    Ok(())
}

/// One sheet's cells, read as a stream so that a cell far out (XFD1048576) costs nothing.
pub(crate) struct SheetCells {
    cells: HashMap<(u32, u16), (Data, bool)>,
    pub(crate) last_row: u32,
    /// A non-empty cell below `MAX_ROWS`: (row, column) of the first one.
    pub(crate) outside: Option<(u32, u32)>,
}

impl SheetCells {
    pub(crate) fn get(&self, row: u32, col: u16) -> Data {
        self.cells
            .get(&(row, col))
            .map_or(Data::Empty, |(d, _)| d.clone())
    }
    /// The cell carries a percentage number format (Excel stores 95.5% as 0.955).
    pub(crate) fn is_percent(&self, row: u32, col: u16) -> bool {
        self.cells.get(&(row, col)).is_some_and(|(_, p)| *p)
    }
}

pub(crate) fn read_sheet<RS: Read + Seek>(
    book: &mut Xlsx<RS>,
    name: &str,
    last_col: u16,
) -> Result<SheetCells, String> {
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|_| format!("找不到名为“{name}”的工作表"))?;
    let percent_styles: Vec<bool> = reader
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .is_some_and(|f| f.format_code.contains('%') || matches!(f.format_id, Some(9 | 10)))
        })
        .collect();
    let mut sheet = SheetCells {
        cells: HashMap::new(),
        last_row: 0,
        outside: None,
    };
    while let Some((cell, style)) = reader
        .next_cell_with_style_id()
        .map_err(|_| format!("工作表“{name}”的内容无法读取，文件可能已损坏"))?
    {
        let (row, col) = cell.get_position();
        let data: Data = cell.get_value().clone().into();
        let empty = matches!(&data, Data::Empty) || cell_text(&data).is_empty();
        if empty {
            continue;
        }
        if row >= MAX_ROWS {
            sheet.outside.get_or_insert((row, col));
            continue;
        }
        let Ok(col) = u16::try_from(col) else {
            continue;
        };
        if col > last_col {
            continue; // outside the table's columns: not part of the form
        }
        sheet.last_row = sheet.last_row.max(row);
        let percent = percent_styles.get(style).copied().unwrap_or(false);
        sheet.cells.insert((row, col), (data, percent));
    }
    Ok(sheet)
}

/// Column letters as Excel shows them (0 → A, 16383 → XFD).
pub(crate) fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}
