//! Targets from a plan's own text: every quantified target the text states, proposed as an
//! indicator (what is measured, comparison, number, unit, year, kind, chapter, source sentence).
//!
//! Rules, not a model: a number becomes a proposal only when it carries a unit that can be a
//! target, stands outside quotes, titles and document numbers, and its clause is forward-looking.
//! Sections that describe the past (发展基础, 面临形势 …) and clauses after a past adverbial
//! (“十三五”期间, 截至…, 现有) are skipped, so past statistics are never proposed.
//!
//! The input is the document as blocks (paragraphs and table rows); reading .txt and .docx lives
//! in the exchange crate.

mod cell_lines;
mod clean;
mod headings;
mod lists;
mod lookback;
mod names;
mod numbers;
mod paragraph;
mod period;
mod script;
mod sentences;
mod table_cells;
mod tables;
mod targets;

#[cfg(test)]
mod name_cases;
#[cfg(test)]
mod test_support;

use crate::model::{Attribute, Comparison, IndicatorKind};
use crate::text::fold_width as normalize;
use headings::{Heading, HeadingStack, inline_sections, parse_heading, strip_list_mark};
use paragraph::paragraph_targets;
use period::detect_period;
use tables::TableHeader;

/// One block of a plan document, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Paragraph(String),
    /// A paragraph in a heading style (Word's 标题 1…): its level and text.
    Heading(u8, String),
    /// A table row, one string per cell (Word tables; `a | b | c` lines in text files).
    Row(Vec<String>),
}

/// Whether the plan commits to the number or aims for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolve {
    /// 确保 / 保证 / 必须
    Firm,
    /// 力争 / 争取
    Strive,
    Plain,
}

/// One proposed target.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub name: String,
    pub kind: IndicatorKind,
    pub comparison: Comparison,
    /// The number (for `ChangeFromBase` the signed change).
    pub value: f64,
    /// The upper end of a range (建设3-5所 → 3, stretch 5).
    pub stretch: Option<f64>,
    pub unit: String,
    /// The target year the text states, else the plan period's last year when known.
    pub year: Option<i32>,
    /// Whether the year was stated next to the target.
    pub year_stated: bool,
    pub resolve: Resolve,
    pub attribute: Attribute,
    /// A base value, where a table gives one.
    pub base_value: Option<f64>,
    /// Headings from the top, each with its numbering (一、规划背景 …).
    pub chapter: Vec<String>,
    /// The source sentence (a table row: its cells joined by " | ").
    pub sentence: String,
    /// The target's words inside `sentence`, as a char range, for highlighting.
    pub span: (usize, usize),
    /// The target as the plan words it (90%以上, 3-5所, 下降10个百分点).
    pub target_text: String,
}

impl Proposal {
    /// The deepest heading, or an empty string.
    pub fn chapter_text(&self) -> String {
        self.chapter.join(" › ")
    }
    pub fn value_text(&self) -> String {
        let v = crate::input::format_number(self.value, 2);
        match self.stretch {
            Some(s) => format!("{v}～{}", crate::input::format_number(s, 2)),
            None => v,
        }
    }
    /// The sentence split around the target: before, the target words, after.
    pub fn sentence_parts(&self) -> (String, String, String) {
        let chars: Vec<char> = self.sentence.chars().collect();
        let (a, b) = (self.span.0.min(chars.len()), self.span.1.min(chars.len()));
        (
            chars[..a].iter().collect(),
            chars[a..b].iter().collect(),
            chars[b..].iter().collect(),
        )
    }
}

/// The plan period the text names (“十四五” → base 2020, last year 2025).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub base_year: i32,
    pub last_year: i32,
}

/// Find every quantified target in the document, in reading order. A text that never looks
/// ahead (news of a year's work) reports the past throughout and has none.
pub fn extract_targets(blocks: &[Block]) -> Vec<Proposal> {
    match script::Folded::from_traditional(blocks) {
        Some(folded) => folded.restore(extract_simplified(&folded.blocks)),
        None => extract_simplified(blocks),
    }
}

/// The rules proper, which match simplified characters.
fn extract_simplified(blocks: &[Block]) -> Vec<Proposal> {
    if lookback::reports_throughout(blocks) {
        return Vec::new();
    }
    let period = detect_period(blocks);
    let blocks = cell_lines::regroup(blocks);
    let mut headings = HeadingStack::default();
    let mut table: Option<TableHeader> = None;
    // The last row's name, which a 其中 row of a table belongs to.
    let mut row_parent = String::new();
    let mut out: Vec<Proposal> = Vec::new();
    // Which table each proposal came from (its header's block), if any.
    let mut sources: Vec<Option<usize>> = Vec::new();
    let mut table_source = 0;
    // How many proposals the headline gave: the body states them again, in its own words.
    let mut headline = 0;
    // A form of targets (绩效目标表 / 指标值), its fields a label on one line and the value on
    // the next.
    let mut target_form = false;
    for (at, block) in blocks.iter().enumerate() {
        let before = out.len();
        match block {
            Block::Heading(level, text) => {
                table = None;
                let text = normalize(text);
                let heading = parse_heading(&text).unwrap_or(Heading {
                    level: *level,
                    text: text.trim().to_owned(),
                    rest: String::new(),
                });
                let rest = heading.rest.clone();
                headings.push(heading);
                if !headings.in_past_section() && !rest.trim().is_empty() {
                    let chapter = headings.path();
                    out.extend(
                        paragraph_targets(&rest, period, headings.under_goals())
                            .into_iter()
                            .map(|p| Proposal {
                                chapter: chapter.clone(),
                                ..p
                            }),
                    );
                }
            }
            Block::Paragraph(text) => {
                table = None;
                // 01 / 2020年工作回顾: a news post's numbered section, its number on a line of
                // its own and its title on the next.
                let numbered = at
                    .checked_sub(1)
                    .and_then(|k| blocks.get(k))
                    .is_some_and(is_section_number);
                if numbered && let Some(title) = section_title(text) {
                    headings.push(Heading {
                        level: 1,
                        text: title,
                        rest: String::new(),
                    });
                    continue;
                }
                target_form |= ["指标值", "目标值", "绩效目标"]
                    .iter()
                    .any(|w| text.contains(w));
                if target_form
                    && !headings.in_past_section()
                    && let Some(sentence) = at
                        .checked_sub(1)
                        .and_then(|k| blocks.get(k))
                        .and_then(|label| form_field(label, text))
                {
                    out.extend(paragraph_targets(&sentence, period, true));
                    continue;
                }
                paragraph_proposals(text, &mut headings, period, &mut out);
            }
            Block::Row(cells) => {
                let cells: Vec<String> = cells
                    .iter()
                    .map(|c| normalize(c).trim().to_owned())
                    .collect();
                if let Some(mut header) = TableHeader::detect(&cells, period) {
                    // 单位：% on the line above the header: the unit of every value below.
                    header.stated_unit = at
                        .checked_sub(1)
                        .and_then(|k| blocks.get(k))
                        .and_then(tables::unit_line);
                    table = Some(header);
                    table_source = at;
                    continue;
                }
                if headings.in_past_section() {
                    continue;
                }
                if let Some(header) = &table {
                    let row = with_parent(cells, header.name, &mut row_parent);
                    out.extend(
                        header
                            .row_targets(&row, period)
                            .into_iter()
                            .map(|p| Proposal {
                                chapter: headings.path(),
                                ..p
                            }),
                    );
                }
            }
        }
        let source = matches!(block, Block::Row(_)).then_some(table_source);
        sources.resize(sources.len() + (out.len() - before), source);
        if at == 0 && is_headline(block) {
            headline = out.len();
        }
    }
    dedupe(out, &sources, headline)
}

/// A form's field, its label on one line (重点建设工程验收合格率 / 其中：财政拨款) and its value
/// alone on the next (100% / 10000万元 / ≥90%), as the sentence it stands for.
fn form_field(label: &Block, value: &str) -> Option<String> {
    let Block::Paragraph(label) = label else {
        return None;
    };
    let value = normalize(value).trim().to_owned();
    if table_cells::cell_kind(&value) != table_cells::Cell::Number {
        return None;
    }
    let label = normalize(label);
    let label = label
        .trim()
        .trim_start_matches("其中")
        .trim_matches([':', '：', ' ']);
    let n = label.chars().count();
    if !(2..=20).contains(&n)
        || label.contains(['，', '。', '；', ',', ';'])
        || label.chars().any(|c| c.is_ascii_digit())
        || ["时间", "日期", "编码", "电话"]
            .iter()
            .any(|w| label.contains(w))
    {
        return None;
    }
    Some(if value.starts_with(['≥', '≤', '>', '<']) {
        format!("{label}{value}")
    } else {
        format!("{label}达到{value}")
    })
}

/// A news post's first line: short, no full stop.
fn is_headline(block: &Block) -> bool {
    matches!(block, Block::Paragraph(p) if {
        let t = p.trim();
        t.chars().count() <= 60 && !t.contains(['。', '；', ';'])
    })
}

/// 01 / 02 on a line of its own.
fn is_section_number(block: &Block) -> bool {
    matches!(block, Block::Paragraph(p) if {
        let t = p.trim();
        (1..=2).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
    })
}

/// A short line with no sentence punctuation: a title.
fn section_title(text: &str) -> Option<String> {
    let t = normalize(text).trim().to_owned();
    let n = t.chars().count();
    ((2..=16).contains(&n) && !t.contains(['，', '。', '；', ',', ';', '！', '!'])).then_some(t)
}

/// A paragraph's targets, each with its chapter; headings run into it (a flattened document)
/// go on the stack.
fn paragraph_proposals(
    text: &str,
    headings: &mut HeadingStack,
    period: Option<Period>,
    out: &mut Vec<Proposal>,
) {
    let text = clean::without_debris(&normalize(text));
    for text in inline_sections(&clean::without_spaces_around_figures(&text)) {
        let body = match parse_heading(&text) {
            Some(h) => {
                let rest = h.rest.clone();
                headings.push(h);
                rest
            }
            None => strip_list_mark(&text),
        };
        if headings.in_past_section() || body.trim().is_empty() {
            continue;
        }
        let chapter = headings.path();
        out.extend(
            paragraph_targets(&body, period, headings.under_goals())
                .into_iter()
                .map(|p| Proposal {
                    chapter: chapter.clone(),
                    ..p
                }),
        );
    }
}

/// A table row named 其中：小学 under 义务教育标准班额比例: named 义务教育标准班额比例（小学）; any
/// other row becomes the parent of the 其中 rows after it.
fn with_parent(mut cells: Vec<String>, name: usize, parent: &mut String) -> Vec<String> {
    let Some(label) = cells.get(name).cloned() else {
        return cells;
    };
    if table_cells::is_sub_row(&label) && !parent.is_empty() {
        cells[name] = table_cells::sub_row_name(parent, &label);
    } else {
        parent.clone_from(&label);
    }
    cells
}

/// The same target stated twice (in 发展目标 and again under its task, once with its year and
/// once without) is proposed once; two rows of one table are never the same target stated twice.
/// Proposals are grouped by unit, value, range and year first, so each is compared only with
/// those it could repeat (linear in the number of proposals for any real text).
fn dedupe(proposals: Vec<Proposal>, sources: &[Option<usize>], headline: usize) -> Vec<Proposal> {
    type Key = (String, u64, Option<u64>);
    let mut out: Vec<Proposal> = Vec::with_capacity(proposals.len());
    let mut groups: std::collections::HashMap<Key, Vec<(usize, Option<usize>)>> =
        std::collections::HashMap::new();
    // How many of `out` came from the headline.
    let mut from_headline = 0;
    for (k, p) in proposals.into_iter().enumerate() {
        if k == headline {
            from_headline = out.len();
        }
        let source = sources.get(k).copied().flatten();
        let key: Key = (
            p.unit.clone(),
            (p.value + 0.0).to_bits(),
            p.stretch.map(f64::to_bits),
        );
        let group = groups.entry(key).or_default();
        let twin = group
            .iter()
            .find(|(i, s)| {
                let q = &out[*i];
                (s.is_none() || *s != source)
                    && same_year(q, &p)
                    && same_indicator(&q.name, &p.name)
            })
            .map(|(i, _)| *i);
        // 今年将新建两所中小学 over 将建成…两所学校: the headline's figure is the body's target,
        // named as the body names it.
        if twin.is_none()
            && from_headline > 0
            && k >= headline
            && let Some(&(i, _)) = group.iter().find(|(i, _)| {
                let q = &out[*i];
                // A rate is named alike wherever it stands; a count may be named two ways.
                let counted = !numbers::is_rate_unit(&p.unit);
                *i < from_headline
                    && same_year(q, &p)
                    && (counted || same_indicator(&q.name, &p.name))
            })
        {
            out[i] = Proposal {
                year: p.year.or(out[i].year),
                ..p
            };
            continue;
        }
        match twin {
            // The table's base value and 属性 complete the sentence's target.
            Some(i) => {
                let q = &mut out[i];
                q.base_value = q.base_value.or(p.base_value);
                if p.year_stated && !q.year_stated {
                    q.year = p.year;
                    q.year_stated = true;
                }
                if p.attribute == Attribute::Binding {
                    q.attribute = Attribute::Binding;
                }
            }
            None => {
                group.push((out.len(), source));
                out.push(p);
            }
        }
    }
    out
}

/// A year stated once and left to the plan's period (or unknown) the other time is the same.
fn same_year(a: &Proposal, b: &Proposal) -> bool {
    a.year == b.year || !a.year_stated || !b.year_stated
}

/// Names of one indicator: one holds the other, or they share most characters and begin alike
/// (小学教师… and 幼儿教师… differ in whom they measure).
fn same_indicator(a: &str, b: &str) -> bool {
    // …数（小学） and …数（初中）: one measure for two 学段 is two indicators.
    let stage_of = |s: &str| lists::STAGES.iter().filter(|st| s.contains(*st)).count();
    let only_in = |x: &str, y: &str| {
        lists::STAGES
            .iter()
            .any(|st| x.contains(st) && !y.contains(st))
    };
    if only_in(a, b) && only_in(b, a) && stage_of(a) > 0 {
        return false;
    }
    // …（凉州区） and …（古浪县）: one total's parts in two scopes.
    let part = |s: &str| {
        s.strip_suffix('）')
            .and_then(|x| x.rsplit_once('（'))
            .map(|(_, p)| p.to_owned())
    };
    if let (Some(x), Some(y)) = (part(a), part(b))
        && x != y
    {
        return false;
    }
    if a.contains(b) || b.contains(a) {
        return true;
    }
    // …的巩固率 and …的毕业率: two rates of one group are two measures.
    let measure = |s: &str| s.chars().rev().take(3).collect::<String>();
    if a.ends_with('率') && b.ends_with('率') && measure(a) != measure(b) {
        return false;
    }
    // 实施基础工程的学校建设项目 and 实施主体工程的…: what is said of the same things differs.
    if let (Some((x, _)), Some((y, _))) = (a.split_once('的'), b.split_once('的'))
        && x != y
    {
        return false;
    }
    let head = |s: &str| s.chars().take(2).collect::<String>();
    name_overlap(a, b) >= 0.8 && head(a) == head(b)
}

/// The share of the shorter name's characters found in the longer one.
fn name_overlap(a: &str, b: &str) -> f64 {
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let n = short.chars().count();
    if n == 0 {
        return 0.0;
    }
    // Each character of the longer name is found once (学 twice in 小学入学率 is not in
    // 小学稳固率 twice).
    let mut left: Vec<char> = long.chars().collect();
    let found = short
        .chars()
        .filter(|c| match left.iter().position(|l| l == c) {
            Some(i) => {
                left.swap_remove(i);
                true
            }
            None => false,
        })
        .count();
    found as f64 / n as f64
}

#[cfg(test)]
mod tests {
    use super::numbers::parse_cn_number;
    use super::*;

    fn one(text: &str) -> Vec<Proposal> {
        extract_targets(&[
            Block::Paragraph("一、主要目标".into()),
            Block::Paragraph(text.into()),
        ])
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(
            parse_cn_number(&"一百五十一".chars().collect::<Vec<_>>()),
            Some(151.0)
        );
        assert_eq!(
            parse_cn_number(&"十二".chars().collect::<Vec<_>>()),
            Some(12.0)
        );
        assert_eq!(
            parse_cn_number(&"两".chars().collect::<Vec<_>>()),
            Some(2.0)
        );
        assert_eq!(
            parse_cn_number(&"二十".chars().collect::<Vec<_>>()),
            Some(20.0)
        );
    }

    #[test]
    fn a_rate_with_its_comparison_and_year() {
        let p = one("到2025年，全区学前三年毛入园率达到90%以上，义务教育巩固率保持在99%以上。");
        assert_eq!(p.len(), 2, "{p:#?}");
        assert_eq!(p[0].name, "学前三年毛入园率");
        assert_eq!(p[0].value, 90.0);
        assert_eq!(p[0].year, Some(2025));
        assert_eq!(p[1].name, "义务教育巩固率");
        assert_eq!(p[1].kind, IndicatorKind::Maintain);
    }

    #[test]
    fn counts_ranges_and_changes() {
        let p = one(
            "建设3-5所足球、冰雪特色校，义务教育近视率下降10个百分点，计划培养区级骨干教师400人，市级学科带头人40人。",
        );
        let got: Vec<(String, f64, Option<f64>, String)> = p
            .iter()
            .map(|p| (p.name.clone(), p.value, p.stretch, p.unit.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("建设足球、冰雪特色校".into(), 3.0, Some(5.0), "所".into()),
                ("义务教育近视率".into(), -10.0, None, "个百分点".into()),
                ("培养区级骨干教师".into(), 400.0, None, "人".into()),
                ("培养市级学科带头人".into(), 40.0, None, "人".into()),
            ]
        );
    }

    #[test]
    fn comparison_symbols_as_tables_and_texts_write_them() {
        let p = one("到2025年，学前三年毛入园率≥95%，义务教育巩固率＞99%，生师比≤19。");
        let got: Vec<(String, &str, f64, String)> = p
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    p.comparison.symbol(),
                    p.value,
                    p.unit.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("学前三年毛入园率".into(), "≥", 95.0, "%".into()),
                ("义务教育巩固率".into(), ">", 99.0, "%".into()),
                ("生师比".into(), "≤", 19.0, String::new()),
            ]
        );
    }

    #[test]
    fn past_statistics_and_non_targets_are_left_out() {
        let p = one(
            "“十三五”期间，全区新建幼儿园12所。现有幼儿园47所。依据吉龙政办函〔2021〕29号，增强“四个意识”，联系电话0432-62021234，5年内完成，推进5G建设，第3页。",
        );
        assert!(p.is_empty(), "{p:#?}");
    }
}

#[cfg(test)]
mod look_back_tests {
    use super::*;

    #[test]
    fn a_flattened_plan_looks_back_until_its_goals() {
        let text = "“十五五”教育事业发展规划为推进教育现代化，制定本规划。第一章发展基础“十四五”期间，\
                    我区教育取得显著成效。2015至2025年，全区新增学位1.5万个，新建公办幼儿园10所。\
                    第二章发展目标到2030年，学前三年毛入园率达到98%。";
        let found = extract_targets(&[Block::Paragraph(text.into())]);
        let got: Vec<(String, f64, Option<i32>)> = found
            .into_iter()
            .map(|p| (p.name, p.value, p.year))
            .collect();
        assert_eq!(got, [("学前三年毛入园率".to_owned(), 98.0, Some(2030))]);
    }

    #[test]
    fn a_review_of_last_year_is_not_a_plan_for_this_one() {
        let blocks = [
            Block::Paragraph("县教育局2017年目标完成情况及2018年工作计划".into()),
            Block::Paragraph("一、2017年目标完成情况".into()),
            Block::Paragraph("今年，新建3所学校分校区，实施28个教育建设项目。".into()),
            Block::Paragraph("二、2018年工作计划".into()),
            Block::Paragraph("新建幼儿园4所。".into()),
        ];
        let found: Vec<f64> = extract_targets(&blocks).iter().map(|p| p.value).collect();
        assert_eq!(found, [4.0]);
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, f64)> {
        extract_targets(&[
            Block::Paragraph("2020年工作计划".into()),
            Block::Paragraph(text.into()),
        ])
        .into_iter()
        .map(|p| (p.name, p.value))
        .collect()
    }

    #[test]
    fn the_name_is_the_subject_with_the_whole_verb() {
        assert_eq!(
            names(
                "新建、改扩建中小学幼儿园9所，新招录教师400名，力争在2020年底实现教室光环境达标率100%。"
            ),
            [
                ("新建、改扩建中小学幼儿园".to_owned(), 9.0),
                ("新招录教师".to_owned(), 400.0),
                ("教室光环境达标率".to_owned(), 100.0),
            ]
        );
        assert_eq!(
            names(
                "市区学前第四年幼儿入园率达到50%以上，县(市)达到30%以上，从业人员继续教育年参与率达60%以上。"
            ),
            [
                ("市区学前第四年幼儿入园率".to_owned(), 50.0),
                ("县(市)学前第四年幼儿入园率".to_owned(), 30.0),
                ("从业人员继续教育年参与率".to_owned(), 60.0),
            ]
        );
    }

    #[test]
    fn a_one_year_plan_is_for_the_year_its_text_keeps_naming_and_its_goals_are_targets() {
        let found: Vec<(String, f64, Option<i32>)> = extract_targets(&[
            Block::Paragraph("教育局2025年工作安排".into()),
            Block::Paragraph("2012年全区教育工作的总体要求是：优先发展教育事业。".into()),
            Block::Paragraph("一、工作目标".into()),
            Block::Paragraph("确保到2012年底，新建幼儿园6所。中小学校长岗位培训率为100%。".into()),
        ])
        .into_iter()
        .map(|p| (p.name, p.value, p.year))
        .collect();
        assert_eq!(
            found,
            [
                ("新建幼儿园".to_owned(), 6.0, Some(2012)),
                ("中小学校长岗位培训率".to_owned(), 100.0, Some(2012)),
            ]
        );
    }

    #[test]
    fn a_headline_and_a_due_time_do_not_make_the_name() {
        let found: Vec<(String, f64, &str)> = extract_targets(&[
            Block::Paragraph("宁夏将新增3.6万个幼儿学位 普惠性幼儿园覆盖率2025年超90%".into()),
            Block::Paragraph(
                "全国残疾儿童少年义务教育入学率要达到90%以上，重点解决8万名适龄残疾儿童少年就学问题，\
                 特殊教育学校生均公用经费标准在2016年前达到6000元。"
                    .into(),
            ),
        ])
        .into_iter()
        .map(|p| (p.name, p.value, p.comparison.symbol()))
        .collect();
        assert_eq!(
            found,
            [
                ("新增幼儿学位".to_owned(), 3.6, "≥"),
                ("普惠性幼儿园覆盖率".to_owned(), 90.0, ">"),
                ("残疾儿童少年义务教育入学率".to_owned(), 90.0, "≥"),
                ("解决适龄残疾儿童少年就学问题".to_owned(), 8.0, "≥"),
                ("特殊教育学校生均公用经费标准".to_owned(), 6000.0, "≥"),
            ]
        );
    }

    #[test]
    fn a_list_with_respectively_is_read_again_for_a_second_year() {
        let found: Vec<(String, f64, Option<i32>)> = extract_targets(&[Block::Paragraph(
            "2015年义务教育巩固率和人均受教育年限分别达到99%和13.5年；2020年分别达到99.5%和15年以上。"
                .into(),
        )])
        .into_iter()
        .map(|p| (p.name, p.value, p.year))
        .collect();
        assert_eq!(
            found,
            [
                ("义务教育巩固率".to_owned(), 99.0, Some(2015)),
                ("人均受教育年限".to_owned(), 13.5, Some(2015)),
                ("义务教育巩固率".to_owned(), 99.5, Some(2020)),
                ("人均受教育年限".to_owned(), 15.0, Some(2020)),
            ]
        );
    }
}

#[cfg(test)]
mod earlier_period_tests {
    use super::*;

    #[test]
    fn the_period_before_the_plans_own_is_looked_back_on() {
        let blocks = [
            Block::Paragraph("“十五五”教育事业发展规划".into()),
            Block::Paragraph(
                "“十四五”期间，新建普惠性幼儿园共计200所，学前三年毛入园率达95%。".into(),
            ),
            Block::Paragraph("到2015年，全区幼儿园57所，比2010年增加12所。".into()),
            Block::Paragraph("到2030年，学前三年毛入园率达到98%。".into()),
        ];
        let found: Vec<f64> = extract_targets(&blocks).iter().map(|p| p.value).collect();
        assert_eq!(found, [98.0]);
    }
}

#[cfg(test)]
mod report_tests {
    use super::*;

    #[test]
    fn a_report_of_what_was_done_is_not_a_target() {
        let blocks = [
            Block::Paragraph("2018年全省共有公办幼儿园3253所，比2010年增加2154所。".into()),
            Block::Paragraph("普惠性幼儿园覆盖率达70.4%，实现了乡镇公办幼儿园100%全覆盖。".into()),
            Block::Paragraph("自2011年至今，学前三年入园率达98%以上。".into()),
            Block::Paragraph("到2025年，学前三年毛入园率比2020年提高5个百分点。".into()),
        ];
        let found: Vec<f64> = extract_targets(&blocks).iter().map(|p| p.value).collect();
        assert_eq!(found, [5.0]);
    }
}
