//! A table pasted from a web page or a PDF arrives one cell per line: the header cells (指标 /
//! 2020年 / 2025年 / 属性) each on a line, then each row's name and its values on the lines
//! after it, category rows (一、发展水平) in between, and rows with 其中 sub-rows whose cells
//! hold one value per sub-row (小学 34.52% / 初中 77.34%). Such runs of lines become table rows
//! again, so the table rules read them as they read a Word table.
//!
//! A line may also hold a whole row, its cells set apart by runs of spaces or tabs (指标  2020年
//! 2025年  属性 / 学前三年毛入园率（%）  92.1  95  预期性): its cells are read in the same order.
//!
//! One pass over the blocks: each line is looked at once.

use super::Block;
use super::headings::strip_list_mark;
use super::numbers::year_at;
use super::table_cells::{Cell, cell_kind, is_category, is_sub_row, sub_row_name};
use crate::text::fold_width;

/// The longest line read as a cell; a longer one (or a sentence) ends the table.
const MAX_CELL_CHARS: usize = 40;
/// The most lines of names before values come (a name, 其中 and its sub-rows).
const MAX_LABELS: usize = 6;

/// Blocks with every cell-per-line table made rows; everything else as it was.
pub(super) fn regroup(blocks: &[Block]) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut i = 0;
    while i < blocks.len() {
        match header_at(blocks, i) {
            Some(header) => i = read_table(blocks, i, header, &mut out),
            None => {
                out.push(blocks[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// The cell text of a line: spaces dropped (指  标), widths folded.
fn cell_text(block: &Block) -> Option<String> {
    match block {
        Block::Paragraph(p) => Some(
            fold_width(p)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect(),
        ),
        _ => None,
    }
}

/// The cells of a line: one when it holds no space; else its pieces between spaces, a name
/// broken by spaces (学前三年 毛入园率, 指  标) joined again and a comparison set apart (≥ 95)
/// joined to its number.
fn cells_of(block: &Block) -> Option<Vec<String>> {
    let p = match block {
        Block::Paragraph(p) => p,
        // A tab-separated line read as a row already.
        Block::Row(cells) => {
            return Some(
                cells
                    .iter()
                    .map(|c| fold_width(c).trim().to_owned())
                    .filter(|c| !c.is_empty())
                    .collect(),
            );
        }
        Block::Heading(..) => return None,
    };
    let folded = fold_width(p);
    let mut cells: Vec<String> = Vec::new();
    let mut glue = false;
    for piece in folded
        .split(|c: char| c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        let label = cell_kind(piece) == Cell::Label;
        match cells.last_mut() {
            Some(last) if glue || (label && cell_kind(last) == Cell::Label) => last.push_str(piece),
            _ => cells.push(piece.to_owned()),
        }
        glue = piece.chars().all(|c| "≥≤><约".contains(c));
    }
    Some(cells)
}

#[derive(Clone, Copy, PartialEq)]
enum Column {
    /// 序号: a row's number, not one of its values.
    Index,
    Name,
    Number,
    Unit,
    Attribute,
    Other,
}

struct Header {
    cells: Vec<String>,
    columns: Vec<Column>,
    /// How many lines the header takes.
    lines: usize,
}

impl Header {
    fn numbers(&self) -> usize {
        self.columns
            .iter()
            .filter(|c| **c == Column::Number)
            .count()
    }
}

/// A header starting at block `i`: a short 指标 / 名称 / 项目 cell (after a 序号 cell, if any), then
/// year, 目标, 属性 and 单位 cells on the same line or one per line after it, with at least one
/// column of numbers.
fn header_at(blocks: &[Block], i: usize) -> Option<Header> {
    let Block::Paragraph(line) = &blocks[i] else {
        return None;
    };
    // Only a line that starts with a header's first cells is read further (a paragraph of a
    // megabyte is not split into pieces for nothing).
    let head: String = line.chars().take(16).collect();
    if !["指", "名称", "项目", "序号"]
        .iter()
        .any(|w| head.contains(w))
    {
        return None;
    }
    // 指标 单位 2020年 …: header cells are never one name broken by spaces, unless they are
    // all there is (指  标).
    let pieces: Vec<String> = fold_width(line)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let mut first = if pieces.len() >= 3 {
        pieces
    } else {
        cells_of(&blocks[i])?
    };
    // 序号 on a line of its own, the name column's cell on the next.
    let mut lines = 1;
    if first.len() == 1
        && first[0] == "序号"
        && let Some(next) = blocks.get(i + 1).and_then(cell_text)
    {
        first.push(next);
        lines = 2;
    }
    let indexed = first.first().is_some_and(|c| c == "序号");
    let name = first.get(usize::from(indexed))?;
    let n = name.chars().count();
    if n == 0
        || n > 8
        || !["指标", "名称", "项目"].iter().any(|w| name.contains(w))
        || name.contains("属性")
    {
        return None;
    }
    let mut cells = first.clone();
    let mut columns = vec![Column::Name];
    if indexed {
        columns.insert(0, Column::Index);
    }
    for cell in &first[columns.len()..] {
        columns.push(header_column(cell)?);
    }
    if first.len() == columns.len() && first.len() <= 2 {
        for block in &blocks[i + lines..] {
            let Some(more) = header_cells(block) else {
                break;
            };
            for (cell, column) in more {
                cells.push(cell);
                columns.push(column);
            }
            lines += 1;
        }
    }
    (columns.contains(&Column::Number) && cells.len() >= 3).then_some(Header {
        cells,
        columns,
        lines,
    })
}

/// The header cells on a line after the name cell: one cell (2025年), or several set apart by
/// spaces (单位 2015年 2020年) when each is a header cell.
fn header_cells(block: &Block) -> Option<Vec<(String, Column)>> {
    let cell = cell_text(block)?;
    if let Some(column) = header_column(&cell) {
        return Some(vec![(cell, column)]);
    }
    let Block::Paragraph(line) = block else {
        return None;
    };
    let folded = fold_width(line);
    let pieces: Vec<&str> = folded.split_whitespace().collect();
    if pieces.len() < 2 {
        return None;
    }
    pieces
        .into_iter()
        .map(|p| header_column(p).map(|c| (p.to_owned(), c)))
        .collect()
}

fn header_column(cell: &str) -> Option<Column> {
    let chars: Vec<char> = cell.chars().collect();
    if chars.is_empty() || chars.len() > 12 {
        return None;
    }
    if year_at(&chars, 0).is_some() && chars.get(4) == Some(&'年') {
        return Some(Column::Number);
    }
    if chars.len() > 8 {
        return None;
    }
    if cell.contains("单位") {
        Some(Column::Unit)
    } else if cell.contains("属性") || cell.contains("性质") {
        Some(Column::Attribute)
    } else if ["目标", "基期", "现状", "基数", "预期", "标准"]
        .iter()
        .any(|w| cell.contains(w))
    {
        Some(Column::Number)
    } else if cell.contains("备注") {
        Some(Column::Other)
    } else {
        None
    }
}

/// The row being read: its labels (block index, text) and values, and the name of the last row
/// read, which a 其中 row on a line of its own belongs to.
#[derive(Default)]
struct RowState {
    labels: Vec<(usize, String)>,
    values: Vec<String>,
    parent: Option<String>,
    /// The last category row read (学前教育 / 二、义务教育), whose kind of education a bare
    /// name under it (在校生, 巩固率) belongs to.
    category: Option<String>,
}

/// Reads the table whose header starts at `start`; pushes its rows (and whatever after it is
/// not part of it, as it was) and returns the index of the first block after it.
fn read_table(blocks: &[Block], start: usize, header: Header, out: &mut Vec<Block>) -> usize {
    let mut i = start + header.lines;
    out.push(Block::Row(header.cells.clone()));
    let indexed = header.columns.first() == Some(&Column::Index);
    let mut row = RowState::default();
    // The last row number read under 序号, and the name of a row whose lines under it are its
    // measures (幼儿园生均建筑面积(≥10.44平方米) / 2017年规划设计的达标率(%) / 100).
    let mut last_index = 0;
    let mut measured: Option<String> = None;
    'lines: while i < blocks.len() {
        let Some(mut cells) = cells_of(&blocks[i]) else {
            break;
        };
        // 1  学前三年毛入园率  …: the row's number under 序号.
        if indexed && cells.len() > 1 && cells[0].chars().all(|c| c.is_ascii_digit()) {
            cells.remove(0);
        }
        // A row number on a line of its own: the next number in turn, where a row may start.
        if indexed
            && cells.len() == 1
            && cells[0].parse::<u32>().ok() == Some(last_index + 1)
            && (row.labels.is_empty() || row_complete(&header, &row))
        {
            last_index += 1;
            measured = None;
            i += 1;
            continue;
        }
        for cell in cells {
            if cell.chars().count() > MAX_CELL_CHARS || cell.contains('。') || cell.contains('；')
            {
                break 'lines;
            }
            if cell_kind(&cell) == Cell::Label {
                let cell = with_unit_bracket(&cell);
                if indexed && let Some(name) = standard_in_brackets(&cell) {
                    let has_number = row.values.iter().any(|v| cell_kind(v) == Cell::Number);
                    if has_number && !emit(&header, &mut row, out) {
                        return fallback(blocks, &row.labels, i, out);
                    }
                    if !row.labels.is_empty() {
                        break 'lines;
                    }
                    measured = Some(name);
                    continue;
                }
                let cell = match &measured {
                    Some(name) => format!("{name}{cell}"),
                    None => cell,
                };
                // A unit alone after a name (义务教育标准班额比例  %) waits for the 其中 rows.
                let has_number = row.values.iter().any(|v| cell_kind(v) == Cell::Number);
                if has_number && !emit(&header, &mut row, out) {
                    return fallback(blocks, &row.labels, i, out);
                }
                if row.labels.len() >= MAX_LABELS {
                    break 'lines;
                }
                row.labels.push((i, cell));
            } else {
                if row.labels.is_empty() {
                    break 'lines;
                }
                row.values.push(cell);
            }
        }
        i += 1;
    }
    if !row.values.is_empty() && emit(&header, &mut row, out) {
        return i;
    }
    // Lines read as names with no values after them are text after the table (a heading).
    fallback(blocks, &row.labels, i, out)
}

/// Whether the row read so far has a value for every number column (once or per sub-row).
fn row_complete(header: &Header, row: &RowState) -> bool {
    let k = header.numbers();
    let n = row
        .values
        .iter()
        .filter(|v| cell_kind(v) == Cell::Number)
        .count();
    k > 0 && n > 0 && n.is_multiple_of(k)
}

/// 达标率%) as a copy lost its opening bracket: 达标率(%).
fn with_unit_bracket(cell: &str) -> String {
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(body) = cell.strip_suffix(close)
            && !cell.contains(open)
            && let Some(unit) = super::numbers::UNITS
                .iter()
                .filter(|u| body.ends_with(**u))
                .max_by_key(|u| u.len())
        {
            let name = &body[..body.len() - unit.len()];
            if !name.is_empty() {
                return format!("{name}{open}{unit}{close}");
            }
        }
    }
    cell.to_owned()
}

/// 幼儿园室外游戏场地生均面积(≥4平方米): a name whose brackets hold a standard, not a unit; the
/// lines under it are what is measured of it. Returns the name without the brackets.
fn standard_in_brackets(cell: &str) -> Option<String> {
    let (name, inner) = cell
        .strip_suffix(')')
        .and_then(|b| b.rsplit_once('('))
        .or_else(|| cell.strip_suffix('）').and_then(|b| b.rsplit_once('（')))?;
    (!name.is_empty() && inner.starts_with(['≥', '≤']) && inner.chars().any(|c| c.is_ascii_digit()))
        .then(|| name.to_owned())
}

/// Emits the row read so far (a 其中 row alone taking the last row's name as its parent) and
/// starts the next.
fn emit(header: &Header, row: &mut RowState, out: &mut Vec<Block>) -> bool {
    let cats = leading_categories(&row.labels);
    if cats > 0 {
        row.category = Some(row.labels[cats - 1].1.clone());
    }
    let mut labels = row.labels.clone();
    if let (Some((at, first)), Some(parent)) = (labels.get(cats), &row.parent)
        && is_sub_row(first)
    {
        labels.insert(cats, (*at, parent.clone()));
    }
    if let (Some((_, name)), Some(category)) = (labels.get_mut(cats), &row.category)
        && !is_sub_row(name)
    {
        *name = scoped_by_category(category, name);
    }
    if !emit_row(header, &labels, &row.values, out) {
        return false;
    }
    row.parent = labels.get(cats).map(|(_, l)| l.clone());
    row.labels.clear();
    row.values.clear();
    true
}

/// How many of a row's labels are category rows before its name: numbered ones (一、发展水平),
/// and any label followed by another name rather than by a 其中 sub-row (学前教育 / 幼儿在园人数;
/// 义务教育 / 巩固率, though 义务教育 alone may also name a sub-row).
fn leading_categories(labels: &[(usize, String)]) -> usize {
    labels
        .iter()
        .enumerate()
        .take_while(|(k, (_, l))| {
            is_category(l)
                || labels
                    .get(k + 1)
                    .is_some_and(|(_, next)| !is_sub_row(next) && !l.starts_with("其中"))
        })
        .count()
}

/// Words that say which kind of education a name is about.
const KIND_WORDS: &[&str] = &[
    "教育",
    "学前",
    "幼儿",
    "小学",
    "初中",
    "高中",
    "中职",
    "高职",
    "职业",
    "高等",
    "高校",
    "大学",
    "研究生",
    "特殊",
    "义务",
    "普高",
    "中学",
];

/// A bare name (在校生, 巩固率) under a category naming a kind of education (九年义务教育) is that
/// kind's: 九年义务教育在校生. Names that say their own kind, and categories that name none
/// (一、发展水平), are left as they are.
fn scoped_by_category(category: &str, name: &str) -> String {
    let kind = strip_list_mark(category);
    let kind = if is_category(&kind) {
        kind.split_once(['、', '）', ')'])
            .map_or(kind.as_str(), |(_, k)| k)
    } else {
        kind.as_str()
    };
    let names_a_kind = kind.chars().count() <= 8 && KIND_WORDS.iter().any(|w| kind.contains(w));
    if names_a_kind && !KIND_WORDS.iter().any(|w| name.contains(w)) {
        format!("{kind}{name}")
    } else {
        name.to_owned()
    }
}

/// The blocks from the first unread label on, as they were.
fn fallback(blocks: &[Block], labels: &[(usize, String)], i: usize, out: &mut Vec<Block>) -> usize {
    match labels.first() {
        Some(&(first, _)) => {
            out.extend(blocks[first..i].iter().cloned());
            i
        }
        None => i,
    }
}

/// One row (or a row and its 其中 sub-rows) from its labels and values; false when the values do
/// not fit the header's columns.
fn emit_row(
    header: &Header,
    labels: &[(usize, String)],
    values: &[String],
    out: &mut Vec<Block>,
) -> bool {
    let cats = leading_categories(labels);
    let names: Vec<&str> = labels[cats..].iter().map(|(_, l)| l.as_str()).collect();
    let numbers: Vec<&String> = values
        .iter()
        .filter(|v| cell_kind(v) == Cell::Number)
        .collect();
    let attribute = values.iter().find(|v| cell_kind(v) == Cell::Attribute);
    let unit = values.iter().find(|v| cell_kind(v) == Cell::Unit);
    let k = header.numbers();
    if names.is_empty() || k == 0 || numbers.is_empty() || !numbers.len().is_multiple_of(k) {
        return false;
    }
    let rows = numbers.len() / k;
    let parent = strip_list_mark(names[0]);
    let subs = &names[1..];
    if !subs.iter().all(|s| is_sub_row(s)) {
        return false;
    }
    let row_names: Vec<String> = if rows == names.len() {
        std::iter::once(parent.clone())
            .chain(subs.iter().map(|s| sub_row_name(&parent, s)))
            .collect()
    } else if rows + 1 == names.len() && rows > 0 {
        subs.iter().map(|s| sub_row_name(&parent, s)).collect()
    } else {
        return false;
    };
    for (_, cat) in &labels[..cats] {
        out.push(Block::Row(vec![cat.clone()]));
    }
    for (r, name) in row_names.into_iter().enumerate() {
        let mut number_column = 0;
        let cells = header
            .columns
            .iter()
            .map(|c| match c {
                Column::Name => name.clone(),
                Column::Number => {
                    let cell = numbers[number_column * rows + r].clone();
                    number_column += 1;
                    cell
                }
                Column::Unit => unit.cloned().unwrap_or_default(),
                Column::Attribute => attribute.cloned().unwrap_or_default(),
                Column::Other | Column::Index => String::new(),
            })
            .collect();
        out.push(Block::Row(cells));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Block> {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| Block::Paragraph(l.trim().to_owned()))
            .collect()
    }

    fn rows(blocks: &[Block]) -> Vec<Vec<String>> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Row(c) => Some(c.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_table_one_cell_per_line_becomes_rows() {
        let got = regroup(&lines(
            "指  标\n2020年\n2025年\n属性\n一、发展水平\n1.学前教育毛入园率(%)\n99%\n99%以上\n约束性\n\
             4.义务教育标准班额比例(%)\n其中:小学\n初中\n34.52%\n77.34%\n80%以上\n85%以上\n预期性\n\
             1.幼儿教师专科及以上学历比例(%)\n其中:本科及以上学历比例(%)\n97.74%\n49.85%\n100%\n50%\n预期性\n\
             二、保障措施\n加大投入，确保各项指标如期完成。",
        ));
        let r = rows(&got);
        assert_eq!(r[0], ["指标", "2020年", "2025年", "属性"]);
        assert_eq!(r[1], ["一、发展水平"]);
        assert_eq!(r[2], ["学前教育毛入园率(%)", "99%", "99%以上", "约束性"]);
        assert_eq!(
            r[3],
            [
                "义务教育标准班额比例（小学）(%)",
                "34.52%",
                "80%以上",
                "预期性"
            ]
        );
        assert_eq!(
            r[4],
            [
                "义务教育标准班额比例（初中）(%)",
                "77.34%",
                "85%以上",
                "预期性"
            ]
        );
        assert_eq!(r[5][0], "幼儿教师专科及以上学历比例(%)");
        assert_eq!(
            r[6][..3],
            ["幼儿教师本科及以上学历比例(%)", "49.85%", "50%"]
        );
        assert_eq!(r.len(), 7);
        assert!(
            matches!(&got[got.len() - 2], Block::Paragraph(p) if p == "二、保障措施"),
            "the heading after the table stays a heading: {got:?}"
        );
    }

    #[test]
    fn short_lines_without_a_header_stay_text() {
        let text = lines("主要目标\n2025年\n学前三年毛入园率达到92%。");
        assert_eq!(regroup(&text), text);
    }
}

#[cfg(test)]
mod spaced_tests {
    use super::super::{Block, extract_targets};

    fn targets(text: &str) -> Vec<(String, f64, String)> {
        // A line with tabs comes as a row (as a text file's reader gives it).
        let blocks: Vec<Block> = text
            .lines()
            .map(|l| match l.matches('\t').count() {
                0 => Block::Paragraph(l.trim().to_owned()),
                _ => Block::Row(l.split('\t').map(str::to_owned).collect()),
            })
            .collect();
        extract_targets(&blocks)
            .into_iter()
            .map(|p| (p.name, p.value, p.unit))
            .collect()
    }

    fn rows(list: &[(&str, f64, &str)]) -> Vec<(String, f64, String)> {
        list.iter()
            .map(|(n, v, u)| ((*n).to_owned(), *v, (*u).to_owned()))
            .collect()
    }

    #[test]
    fn a_row_per_line_with_cells_set_apart_by_spaces() {
        let text = "“十四五”教育发展主要指标\n\
                    指标    2020年    2025年    属性\n\
                    一、普及水平\n\
                    学前三年 毛入园率（%）   90.5   ≥ 95   预期性\n\
                    义务教育标准班额比例（%）\n\
                    其中：小学   88%   95%以上   约束性\n\
                    初中\t82%\t90%以上\t约束性\n\
                    劳动年龄人口平均受教育年限（年）  11.1  11.4年  预期性\n\
                    二、保障措施";
        assert_eq!(
            targets(text),
            rows(&[
                ("学前三年毛入园率", 95.0, "%"),
                ("义务教育标准班额比例（小学）", 95.0, "%"),
                ("义务教育标准班额比例（初中）", 90.0, "%"),
                ("劳动年龄人口平均受教育年限", 11.4, "年"),
            ])
        );
    }

    #[test]
    fn a_table_with_its_unit_above_and_a_target_for_each_later_year() {
        let text = "教育事业发展主要预期指标\n\
                    单位：%\n\
                    指标  2017年  2020年  2035年\n\
                    学前教育毛入园率  79.6  85  >95\n\
                    域内义务教育均衡县（市、区）的比例  81（基本均衡）  95（基本均衡）  95（基本均衡）\n\
                    劳动年龄人口平均受教育年限（年）  10.5  10.8  12\n\
                    三、战略任务";
        assert_eq!(
            targets(text),
            rows(&[
                ("学前教育毛入园率", 85.0, "%"),
                ("学前教育毛入园率", 95.0, "%"),
                ("域内义务教育均衡县（市、区）的比例", 95.0, "%"),
                ("域内义务教育均衡县（市、区）的比例", 95.0, "%"),
                ("劳动年龄人口平均受教育年限", 10.8, "年"),
                ("劳动年龄人口平均受教育年限", 12.0, "年"),
            ])
        );
    }

    #[test]
    fn a_numbered_table_with_a_unit_column() {
        let text = "序号 指标 单位 2020年 2025年 属性\n\
                    1 普惠性幼儿园覆盖率 % 86 90 约束性\n\
                    2 中小学生近视率 % 52 48 [预期性]\n\
                    3 义务教育标准班额比例 %\n\
                    其中：小学 % 92 100 约束性";
        assert_eq!(
            targets(text),
            rows(&[
                ("普惠性幼儿园覆盖率", 90.0, "%"),
                ("中小学生近视率", 48.0, "%"),
                ("义务教育标准班额比例（小学）", 100.0, "%"),
            ])
        );
    }

    #[test]
    fn a_standards_table_one_cell_per_line_with_its_unit_in_the_name() {
        let text = "义务教育办学条件评估标准\n序号\n指标\n省定标准\n1\n小学巩固率(%)\n≥98\n\
                    2\n生均图书(册)\n30\n初中生均图书(册)\n40\n3\n体育场地生均面积(≥6平方米)\n\
                    2015年建校的达标率(%)\n100\n2015年前建校的达标率%)\n60\n4\n生师比\n≤1:13\n\
                    5\n家长满意度%)\n≥90";
        assert_eq!(
            targets(text),
            rows(&[
                ("小学巩固率", 98.0, "%"),
                ("生均图书", 30.0, "册"),
                ("初中生均图书", 40.0, "册"),
                ("体育场地生均面积2015年建校的达标率", 100.0, "%"),
                ("体育场地生均面积2015年前建校的达标率", 60.0, "%"),
                ("家长满意度", 90.0, "%"),
            ])
        );
    }

    #[test]
    fn a_word_tables_sub_rows_take_the_name_of_the_row_above() {
        let row = |cells: &[&str]| Block::Row(cells.iter().map(|c| (*c).to_owned()).collect());
        let blocks = [
            row(&["指标", "2020年", "2025年", "属性"]),
            row(&["义务教育标准班额比例（%）", "", "", ""]),
            row(&["其中：小学", "88", "95", "约束性"]),
            row(&["初中", "82", "90", "约束性"]),
        ];
        let found: Vec<(String, f64)> = extract_targets(&blocks)
            .into_iter()
            .map(|p| (p.name, p.value))
            .collect();
        assert_eq!(
            found,
            [
                ("义务教育标准班额比例（小学）".to_owned(), 95.0),
                ("义务教育标准班额比例（初中）".to_owned(), 90.0)
            ]
        );
    }

    #[test]
    fn a_table_with_its_header_over_two_lines_and_bare_names_under_categories() {
        let text = "“十三五”期间教育事业主要预期指标\n指 标\n单位 2015年 2020年\n\
             学前教育\n幼儿在园人数 万人 181 222\n学前三年入园率 % 97 97\n九年义务教育\n\
             在校生 万人 505 535\n巩固率 % 100 100\n高等教育\n在学总规模 万人 148 159\n\
             在校生 万人 133 144\n其中:研究生 万人 6.35 8\n毛入学率 % 56 62\n\
             义务教育\n寄宿生 万人 1.1 1.5\n\
             三、各级各类教育发展任务";
        assert_eq!(
            targets(text),
            rows(&[
                ("幼儿在园人数", 222.0, "万人"),
                ("学前三年入园率", 97.0, "%"),
                ("九年义务教育在校生", 535.0, "万人"),
                ("九年义务教育巩固率", 100.0, "%"),
                ("高等教育在学总规模", 159.0, "万人"),
                ("高等教育在校生", 144.0, "万人"),
                ("高等教育在校生（研究生）", 8.0, "万人"),
                ("高等教育毛入学率", 62.0, "%"),
                ("义务教育寄宿生", 1.5, "万人"),
            ])
        );
    }

    #[test]
    fn a_table_whose_years_run_back_in_time_holds_statistics_not_targets() {
        let text = "到2025年，力争新增公办幼儿学位7.1万个。\n\
                    指标(在校学生数/万人)\t2022年\t2021年\t2020年\n\
                    普通高中\t13.81\t13.21\t12.67\n\
                    初中\t29.16\t28.8\t28.23";
        assert_eq!(targets(text), rows(&[("新增公办幼儿学位", 7.1, "万个")]));
    }

    #[test]
    fn a_target_forms_fields_label_on_one_line_value_on_the_next() {
        let text = "项目支出绩效目标表\n项目起止时间\n202001-202012\n项目资金\n资金总额\n10000万元\n\
             三级指标(年度)\n指标值(年度)\n重点建设工程验收合格率\n100%\n建设项目成本\n参照政府采购成本控制\n\
             学生、家长、社会满意度\n≥90%";
        assert_eq!(
            targets(text),
            rows(&[
                ("资金总额", 10000.0, "万元"),
                ("重点建设工程验收合格率", 100.0, "%"),
                ("学生、家长、社会满意度", 90.0, "%"),
            ])
        );
        // Outside a form of targets, a label and a value on two lines are a statistic.
        assert!(targets("全区教育概况\n在校学生\n12000人").is_empty());
    }
}
