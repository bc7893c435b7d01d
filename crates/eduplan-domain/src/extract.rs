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

use crate::model::{Attribute, Comparison, IndicatorKind};

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

/// Find every quantified target in the document, in reading order.
pub fn extract_targets(blocks: &[Block]) -> Vec<Proposal> {
    let period = detect_period(blocks);
    let mut headings = HeadingStack::default();
    let mut table: Option<TableHeader> = None;
    let mut out: Vec<Proposal> = Vec::new();
    for block in blocks {
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
                        paragraph_targets(&rest, period)
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
                let text = normalize(text);
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
                for p in paragraph_targets(&body, period) {
                    out.push(Proposal {
                        chapter: chapter.clone(),
                        ..p
                    });
                }
            }
            Block::Row(cells) => {
                let cells: Vec<String> = cells
                    .iter()
                    .map(|c| normalize(c).trim().to_owned())
                    .collect();
                if let Some(header) = TableHeader::detect(&cells, period) {
                    table = Some(header);
                    continue;
                }
                if headings.in_past_section() {
                    continue;
                }
                if let Some(header) = &table
                    && let Some(p) = header.row_target(&cells, period)
                {
                    out.push(Proposal {
                        chapter: headings.path(),
                        ..p
                    });
                }
            }
        }
    }
    dedupe(out)
}

/// The same target stated twice (in 发展目标 and again under its task) is proposed once.
fn dedupe(proposals: Vec<Proposal>) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = Vec::with_capacity(proposals.len());
    for p in proposals {
        let twin = out.iter_mut().find(|q| {
            q.unit == p.unit
                && q.value == p.value
                && q.stretch == p.stretch
                && q.year == p.year
                && name_overlap(&q.name, &p.name) >= 0.8
        });
        match twin {
            // The table's base value and 属性 complete the sentence's target.
            Some(q) => {
                q.base_value = q.base_value.or(p.base_value);
                if p.attribute == Attribute::Binding {
                    q.attribute = Attribute::Binding;
                }
            }
            None => out.push(p),
        }
    }
    out
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
    short.chars().filter(|c| long.contains(*c)).count() as f64 / n as f64
}

// ---------------------------------------------------------------------------------------------
// Text normalisation

/// Full-width digits and signs to ASCII, so one scanner reads both.
pub fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '％' => '%',
            '＞' => '>',
            '＜' => '<',
            '＝' => '=',
            '．' => '.',
            '\u{3000}' | '\u{a0}' => ' ',
            _ => c,
        })
        .collect()
}

fn detect_period(blocks: &[Block]) -> Option<Period> {
    let mut text = String::new();
    for b in blocks.iter().take(400) {
        match b {
            Block::Paragraph(p) | Block::Heading(_, p) => text.push_str(p),
            Block::Row(cells) => text.push_str(&cells.join(" ")),
        }
        text.push('\n');
    }
    let text = normalize(&text);
    // 2022年教育工作要点: a one-year document.
    let head: Vec<char> = text.chars().take(300).collect();
    for i in 0..head.len() {
        if let Some(y) = year_at(&head, i)
            && head.get(i + 4) == Some(&'年')
        {
            let after: String = head[i + 5..head.len().min(i + 30)].iter().collect();
            let line = after.split('\n').next().unwrap_or_default();
            if ["工作要点", "工作计划", "工作安排", "重点工作", "工作任务"]
                .iter()
                .any(|w| line.contains(w))
            {
                return Some(Period {
                    base_year: y - 1,
                    last_year: y,
                });
            }
        }
    }
    for (name, base) in [("十四五", 2020), ("十五五", 2025), ("十三五规划", 2015)] {
        if text.contains(name) {
            return Some(Period {
                base_year: base,
                last_year: base + 5,
            });
        }
    }
    // “规划期为2021-2025年”
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i + 9 < chars.len() {
        if let (Some(a), Some(b)) = (year_at(&chars, i), year_at(&chars, i + 5))
            && matches!(chars[i + 4], '-' | '—' | '至' | '~' | '～' | '–')
            && b > a
            && b - a <= 15
        {
            return Some(Period {
                base_year: a - 1,
                last_year: b,
            });
        }
        i += 1;
    }
    None
}

fn year_at(chars: &[char], i: usize) -> Option<i32> {
    if i + 4 > chars.len() {
        return None;
    }
    if i > 0 && chars[i - 1].is_ascii_digit() {
        return None;
    }
    let s: String = chars[i..i + 4].iter().collect();
    if !s.chars().all(|c| c.is_ascii_digit())
        || chars.get(i + 4).is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    let y: i32 = s.parse().ok()?;
    (1990..=2060).contains(&y).then_some(y)
}

// ---------------------------------------------------------------------------------------------
// Headings

#[derive(Clone, Debug)]
struct Heading {
    level: u8,
    text: String,
    rest: String,
}

#[derive(Default)]
struct HeadingStack {
    stack: Vec<Heading>,
}

impl HeadingStack {
    fn push(&mut self, h: Heading) {
        while self.stack.last().is_some_and(|top| top.level >= h.level) {
            self.stack.pop();
        }
        self.stack.push(h);
    }
    fn path(&self) -> Vec<String> {
        self.stack.iter().map(|h| h.text.clone()).collect()
    }
    /// Sections that look back: their numbers are statistics, never targets.
    fn in_past_section(&self) -> bool {
        const PAST: &[&str] = &[
            "发展基础",
            "工作基础",
            "现实基础",
            "基础条件",
            "发展现状",
            "现状",
            "回顾",
            "成就",
            "成绩",
            "面临形势",
            "形势",
            "机遇",
            "挑战",
            "存在问题",
            "主要问题",
            "背景",
            "基本情况",
        ];
        self.stack
            .iter()
            .any(|h| PAST.iter().any(|w| h.text.contains(w)))
    }
}

const CN_DIGITS: &str = "零〇一二两三四五六七八九十百千";

/// 第一章 / 一、 / （一） / 1. / （1）, with the heading's title (up to the first 。) and the text
/// after it on the same line.
fn parse_heading(text: &str) -> Option<Heading> {
    let t = text.trim_start();
    let chars: Vec<char> = t.chars().collect();
    let cn = |c: char| CN_DIGITS.contains(c);
    let count =
        |from: usize, f: &dyn Fn(char) -> bool| chars[from..].iter().take_while(|c| f(**c)).count();
    let (level, mark_len) = if chars.first() == Some(&'第') {
        let n = count(1, &|c| cn(c) || c.is_ascii_digit());
        match chars.get(1 + n) {
            Some('章' | '部') if n > 0 => {
                (0, 2 + n + usize::from(chars.get(2 + n) == Some(&'分')))
            }
            Some('节') if n > 0 => (1, 2 + n),
            _ => return None,
        }
    } else if chars.first().is_some_and(|c| cn(*c)) {
        let n = count(0, &cn);
        if chars.get(n) == Some(&'、') {
            (1, n + 1)
        } else {
            return None;
        }
    } else if matches!(chars.first(), Some('（' | '(')) {
        let n = count(1, &cn);
        let m = count(1, &|c: char| c.is_ascii_digit());
        if n > 0 && matches!(chars.get(1 + n), Some('）' | ')')) {
            (2, n + 2)
        } else if m > 0 && m <= 2 && matches!(chars.get(1 + m), Some('）' | ')')) {
            (4, m + 2)
        } else {
            return None;
        }
    } else if chars.first().is_some_and(|c| c.is_ascii_digit()) {
        let m = count(0, &|c: char| c.is_ascii_digit());
        let after = chars.get(m);
        let next_is_digit = chars.get(m + 1).is_some_and(|c| c.is_ascii_digit());
        if m <= 2 && matches!(after, Some('.' | '、')) && !next_is_digit {
            (3, m + 1)
        } else {
            return None;
        }
    } else {
        return None;
    };
    let after: String = chars[mark_len..].iter().collect();
    // 2.每千名学生拥有…不低于0.5人； is an item of a list of targets, not a heading.
    if level >= 3 {
        let first: Vec<char> = after.chars().take_while(|c| *c != '。').collect();
        let targets = number_mentions(&first)
            .iter()
            .any(|m| !m.unit.is_empty() && m.unit != "年");
        if targets || first.last().is_some_and(|c| matches!(c, '；' | ';')) {
            return None;
        }
    }
    let title_end = after.find(['。', '\n']).unwrap_or(after.len());
    let (title, rest) = after.split_at(title_end);
    let rest = rest.trim_start_matches('。');
    // A long first sentence is body text under a numbered item, not a heading title.
    let title_chars = title.chars().count();
    // (三) and （三） are the same mark; sections made from it read as the plan prints them.
    let mark: String = chars[..mark_len]
        .iter()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => *c,
        })
        .collect();
    let (title, rest) = if title_chars > 30 {
        let short: String = title
            .chars()
            .take_while(|c| !matches!(c, '，' | ',' | '：' | ':'))
            .collect();
        (short, after.clone())
    } else {
        (title.to_owned(), rest.to_owned())
    };
    Some(Heading {
        level,
        text: format!("{mark}{}", title.trim()),
        rest,
    })
}

// ---------------------------------------------------------------------------------------------
// Numbers and units

#[derive(Clone, Debug)]
struct NumberMention {
    start: usize,
    /// After the unit (and 以上 / 以下 where present).
    end: usize,
    value: f64,
    stretch: Option<f64>,
    unit: String,
    chinese: bool,
    unit_end: usize,
    /// Written out as 百分之九十: a percentage in words.
    written_percent: bool,
}

/// Comparisons after which a bare number (no unit) is still a target.
const BARE_CUES: &[&str] = &[
    "≥",
    "≤",
    ">",
    "<",
    "=",
    "不高于",
    "不低于",
    "不超过",
    "控制在",
    "低于",
    "高于",
    "小于",
    "大于",
    "达到",
    "降至",
    "提高到",
];

/// Units a target can be counted in. 年 only for 年限 (受教育年限 11.3 年); durations are not targets.
const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "%",
    "‰",
    "万平方米",
    "平方米",
    "㎡",
    "亿元",
    "万元",
    "元",
    "万人次",
    "人次",
    "万人",
    "人",
    "名",
    "所",
    "学时",
    "课时",
    "小时",
    "分钟",
    "台套",
    "台",
    "套",
    "间",
    "个",
    "项",
    "期",
    "座",
    "家",
    "张",
    "册",
    "亩",
    "辆",
    "处",
    "年",
];

fn parse_cn_number(chars: &[char]) -> Option<f64> {
    let digit = |c: char| match c {
        '零' | '〇' => Some(0.0),
        '一' => Some(1.0),
        '二' | '两' => Some(2.0),
        '三' => Some(3.0),
        '四' => Some(4.0),
        '五' => Some(5.0),
        '六' => Some(6.0),
        '七' => Some(7.0),
        '八' => Some(8.0),
        '九' => Some(9.0),
        _ => None,
    };
    let mut total = 0.0;
    let mut current: Option<f64> = None;
    for &c in chars {
        if let Some(d) = digit(c) {
            current = Some(d);
        } else {
            let mult = match c {
                '十' => 10.0,
                '百' => 100.0,
                '千' => 1000.0,
                _ => return None,
            };
            total += current.unwrap_or(1.0) * mult;
            current = None;
        }
    }
    Some(total + current.unwrap_or(0.0))
}

fn is_cn_digit(c: char) -> bool {
    CN_DIGITS.contains(c)
}

/// Every number in `chars` with its unit (numbers without a target unit are left out).
fn number_mentions(chars: &[char]) -> Vec<NumberMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        // 百分之九十 / 百分之95: a percentage written in words.
        if contains_at(chars, i, "百分之") {
            let from = i + 3;
            let (value, len, chinese) = if chars.get(from).is_some_and(char::is_ascii_digit) {
                let (v, l) = ascii_number(&chars[from..]);
                (Some(v), l, false)
            } else {
                let l = chars[from..]
                    .iter()
                    .take_while(|c| is_cn_digit(**c))
                    .count();
                (parse_cn_number(&chars[from..from + l]), l, true)
            };
            if let Some(value) = value.filter(|_| len > 0) {
                let end = from + len + comparison_suffix_len(chars, from + len);
                out.push(NumberMention {
                    start: i,
                    end,
                    value,
                    stretch: None,
                    unit: "%".to_owned(),
                    chinese,
                    unit_end: from + len,
                    written_percent: true,
                });
                i = end;
                continue;
            }
        }
        if c.is_ascii_digit() && !prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.') {
            let (value, len) = ascii_number(&chars[i..]);
            let (stretch, j) = with_range(chars, i + len, value, false);
            push_mention(chars, i, j, value, stretch, false, &mut out);
            i = j.max(i + 1);
        } else if is_cn_digit(c) {
            let len = chars[i..].iter().take_while(|c| is_cn_digit(**c)).count();
            let Some(value) = parse_cn_number(&chars[i..i + len]) else {
                i += len;
                continue;
            };
            let (stretch, j) = with_range(chars, i + len, value, true);
            push_mention(chars, i, j, value, stretch, true, &mut out);
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The upper end of a range right after a number ending at `j`, and where the mention ends.
fn with_range(chars: &[char], j: usize, value: f64, chinese: bool) -> (Option<f64>, usize) {
    match range_tail(&chars[j..], chinese) {
        Some((s, l)) if s > value => (Some(s), j + l),
        _ => (None, j),
    }
}

/// 以上 / 以下 / 以内 / 左右 right after a number: how many characters it takes.
fn comparison_suffix_len(chars: &[char], j: usize) -> usize {
    let tail: String = chars[j.min(chars.len())..chars.len().min(j + 3)]
        .iter()
        .collect();
    ["及以上", "以上", "以下", "以内", "左右"]
        .iter()
        .find(|w| tail.starts_with(**w))
        .map_or(0, |w| w.chars().count())
}

fn ascii_number(chars: &[char]) -> (f64, usize) {
    let mut s = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let decimal_point =
            c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()) && !s.contains('.');
        if c.is_ascii_digit() || decimal_point {
            s.push(c);
        } else if c == ','
            && chars.len() >= i + 4
            && chars[i + 1..i + 4].iter().all(|d| d.is_ascii_digit())
            && !chars.get(i + 4).is_some_and(|d| d.is_ascii_digit())
        {
            // 1,200 — a thousands separator, not a clause comma.
        } else {
            break;
        }
        i += 1;
    }
    (s.parse().unwrap_or(0.0), i)
}

/// `-5`, `～5`, `至5`, `到五` after a number: the upper end of a range.
fn range_tail(chars: &[char], chinese: bool) -> Option<(f64, usize)> {
    let sep = *chars.first()?;
    if !matches!(sep, '-' | '—' | '–' | '~' | '～' | '至' | '到' | '－') {
        return None;
    }
    let mut start = 1;
    if sep == '—' && chars.get(1) == Some(&'—') {
        start = 2;
    }
    let rest = &chars[start..];
    if !chinese && rest.first().is_some_and(|c| c.is_ascii_digit()) {
        let (v, l) = ascii_number(rest);
        // 2021-2025 is a span of years, not a range target.
        return Some((v, start + l));
    }
    if chinese && rest.first().is_some_and(|c| is_cn_digit(*c)) {
        let l = rest.iter().take_while(|c| is_cn_digit(**c)).count();
        return parse_cn_number(&rest[..l]).map(|v| (v, start + l));
    }
    None
}

fn push_mention(
    chars: &[char],
    start: usize,
    number_end: usize,
    value: f64,
    stretch: Option<f64>,
    chinese: bool,
    out: &mut Vec<NumberMention>,
) {
    let mut j = number_end;
    while chars.get(j) == Some(&' ') {
        j += 1;
    }
    let mut unit = String::new();
    // 1.2万人 / 2.4万册: 万 belongs to the unit as written.
    let mut prefix = "";
    if matches!(chars.get(j), Some('万' | '亿')) && !matches!(chars.get(j + 1), Some('元')) {
        prefix = if chars[j] == '万' { "万" } else { "亿" };
        j += 1;
    }
    let rest: String = chars[j..chars.len().min(j + 5)].iter().collect();
    for u in UNITS {
        if rest.starts_with(u) {
            unit = (*u).to_owned();
            break;
        }
    }
    if unit.is_empty() {
        // A bare number right after a comparison (差异系数不高于0.50) is a target without a unit.
        let before: String = chars[start.saturating_sub(4)..start].iter().collect();
        let after = chars.get(number_end).copied();
        let listed = start > 0
            && chars[start - 1] == '、'
            && out
                .last()
                .is_some_and(|m| m.unit.is_empty() && m.end + 1 == start);
        let cue = BARE_CUES.iter().any(|w| before.ends_with(w)) || listed;
        let ends = after.is_none_or(|c| {
            matches!(
                c,
                '、' | '，' | ',' | '；' | ';' | '。' | '以' | ' ' | '）' | ')'
            )
        });
        if cue && ends && !chinese && prefix.is_empty() {
            let end = number_end + comparison_suffix_len(chars, number_end);
            out.push(NumberMention {
                start,
                end,
                value,
                stretch,
                unit: String::new(),
                chinese,
                unit_end: number_end,
                written_percent: false,
            });
        }
        return;
    }
    j += unit.chars().count();
    unit = format!("{prefix}{unit}");
    let unit_end = j;
    j += comparison_suffix_len(chars, j);
    if unit == "百分点" {
        unit = "个百分点".to_owned();
    }
    if unit == "㎡" {
        unit = "平方米".to_owned();
    }
    out.push(NumberMention {
        start,
        end: j,
        value,
        stretch,
        unit,
        chinese,
        unit_end,
        written_percent: false,
    });
}

// ---------------------------------------------------------------------------------------------
// Sentences and clauses

/// Words that make a clause forward-looking or name the action a count target counts.
const ACTION_VERBS: &[&str] = &[
    "新（改、扩）建",
    "新(改、扩)建",
    "新（改扩）建",
    "改扩建",
    "新建",
    "改建",
    "扩建",
    "投入",
    "新增",
    "建设",
    "建成",
    "创建",
    "培养",
    "培育",
    "培训",
    "打造",
    "配备",
    "配齐",
    "招聘",
    "补充",
    "完成",
    "改造",
    "遴选",
    "认定",
    "评选",
    "引进",
    "选派",
    "资助",
    "开设",
    "增加",
    "建立",
    "实施",
    "创设",
    "组建",
    "招收",
    "接收",
    "提供",
    "安排",
    "评定",
    "评为",
    "达标",
    "覆盖",
    "开展",
    "举办",
    "购置",
    "更新",
    "交流",
    "轮岗",
    "送教",
    "支教",
    "扶持",
    "命名",
    "推广",
    "试点",
    "推荐",
];
const CUE_WORDS: &[&str] = &[
    "达到",
    "达",
    "以上",
    "以下",
    "不低于",
    "不少于",
    "不高于",
    "不超过",
    "不多于",
    "确保",
    "保证",
    "力争",
    "至少",
    "争取",
    "保持",
    "稳定在",
    "控制在",
    "提高",
    "提升",
    "增长",
    "下降",
    "降低",
    "减少",
    "降至",
    "超过",
    "高于",
    "低于",
    "计划",
    "目标",
    "实现",
];
const PAST_ADVERBIALS: &[&str] = &[
    "十三五”期间",
    "十三五\"期间",
    "十三五期间",
    "十三五”时期",
    "十三五”以来",
    "以来",
    "截至",
    "截止",
    "过去",
    "近年来",
    "近五年",
    "目前",
    "现阶段",
    "先后",
    "上年",
    "去年",
    "同比",
];
const PAST_IN_CLAUSE: &[&str] = &[
    "现有",
    "已有",
    "已经",
    "已达",
    "已建成",
    "已完成",
    "已实现",
    "共有",
    "分别为",
    "比上年",
    "累计完成投资",
    "共计完成",
    "完成投资",
];
const FUTURE_MARKS: &[&str] = &[
    "力争",
    "确保",
    "争取",
    "计划",
    "将",
    "预计",
    "目标",
    "要",
    "到20",
    "至20",
    "达到",
    "保持",
    "提高到",
    "提升到",
];

fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        cur.push(c);
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '\n') {
            if !cur.trim().is_empty() {
                out.push(cur.trim().to_owned());
            }
            cur.clear();
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_owned());
    }
    out
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '：' | ':' | '。' | '！' | '？' | '!' | '?' | '—'
    )
}

/// Char ranges inside quotes, titles, brackets and parentheses: names, slogans, document numbers.
fn quoted_mask(chars: &[char]) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let mut depth = 0i32;
    let mut ascii_quote = false;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '“' | '《' | '〔' | '【' | '「' | '『' | '[' => {
                depth += 1;
                mask[i] = true;
            }
            '”' | '》' | '〕' | '】' | '」' | '』' | ']' => {
                mask[i] = true;
                depth = (depth - 1).max(0);
            }
            '"' => {
                ascii_quote = !ascii_quote;
                mask[i] = true;
            }
            _ => mask[i] = depth > 0 || ascii_quote,
        }
    }
    mask
}

fn contains_at(chars: &[char], i: usize, word: &str) -> bool {
    for (k, w) in (i..).zip(word.chars()) {
        if chars.get(k) != Some(&w) {
            return false;
        }
    }
    true
}

fn find_word(chars: &[char], from: usize, to: usize, word: &str) -> Option<usize> {
    (from..to).find(|&i| contains_at(chars, i, word))
}

fn text_of(chars: &[char], a: usize, b: usize) -> String {
    chars[a.min(chars.len())..b.min(chars.len())]
        .iter()
        .collect()
}

/// A stated year near the target: 到2023年 / 在2023年 / 2023年底前 / 2023年，… (the latest one
/// before `pos`).
fn stated_year_before(chars: &[char], pos: usize, mask: &[bool]) -> Option<i32> {
    let mut found = None;
    let mut i = 0;
    while i + 4 < pos.min(chars.len()) {
        // 较2020年提高5个百分点: the year of the comparison base, not a time.
        let comparison_base =
            i > 0 && matches!(chars[i - 1], '较' | '比' | '与' | '同' | '由' | '从');
        if !mask[i]
            && !comparison_base
            && let Some(y) = year_at(chars, i)
            && chars.get(i + 4) == Some(&'年')
        {
            // 2021—2023年, 新建…: the span's end is the year the target is due.
            found = Some(y);
            i += 4;
        }
        i += 1;
    }
    found
}

struct Clause {
    start: usize,
    end: usize,
}

fn clauses(chars: &[char], mask: &[bool]) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if is_clause_break(c) && !mask[i] {
            if i > start {
                out.push(Clause { start, end: i });
            }
            start = i + 1;
        }
    }
    if start < chars.len() {
        out.push(Clause {
            start,
            end: chars.len(),
        });
    }
    out
}

fn any_word_in(chars: &[char], a: usize, b: usize, words: &[&str], mask: &[bool]) -> bool {
    words
        .iter()
        .any(|w| (a..b).any(|i| !mask[i] && contains_at(chars, i, w)))
}

/// The targets of one paragraph (headings already removed).
fn paragraph_targets(text: &str, period: Option<Period>) -> Vec<Proposal> {
    let mut out = Vec::new();
    let mut paragraph_year: Option<i32> = None;
    let mut last_subject = String::new();
    for sentence in split_sentences(text) {
        let chars: Vec<char> = sentence.chars().collect();
        let mask = quoted_mask(&chars);
        let mentions = number_mentions(&chars);
        let clause_list = clauses(&chars, &mask);
        let mut past = false;
        let mut last_verb: Option<String> = None;
        let mut sentence_resolve = Resolve::Plain;
        for clause in &clause_list {
            let (a, b) = (clause.start, clause.end);
            let clause_text = text_of(&chars, a, b);
            if any_word_in(&chars, a, b, &["确保", "保证", "必须"], &mask) {
                sentence_resolve = Resolve::Firm;
            } else if any_word_in(&chars, a, b, &["力争", "争取"], &mask) {
                sentence_resolve = Resolve::Strive;
            }
            // Time context of this clause.
            if let Some(y) = stated_year_before(&chars, b, &mask).filter(|y| {
                // only years stated inside this clause change the context
                let s = text_of(&chars, a, b);
                s.contains(&format!("{y}年"))
            }) {
                let is_past = period.is_some_and(|p| y <= p.base_year);
                past = is_past;
                if !is_past {
                    paragraph_year = Some(y);
                }
            }
            if PAST_ADVERBIALS.iter().any(|w| clause_text.contains(w))
                && !clause_text.contains("到20")
            {
                past = true;
            }
            let clause_past = PAST_IN_CLAUSE.iter().any(|w| clause_text.contains(w));
            if FUTURE_MARKS.iter().any(|w| clause_text.contains(w)) && !clause_past {
                past = past
                    && !clause_text.contains("到20")
                    && !["力争", "确保", "计划", "预计"]
                        .iter()
                        .any(|w| clause_text.contains(w));
            }
            let subject_here = clause_subject(&chars, a, b, &mask);
            let clause_mentions: Vec<&NumberMention> = mentions
                .iter()
                .filter(|m| m.start >= a && m.start < b && !mask[m.start])
                // 三至六年级 / 五年内: durations and grades, not numbers of the clause.
                .filter(|m| m.unit != "年" || !m.chinese)
                // 每百名学生 / 第三期: part of a name, not a number of its own.
                .filter(|m| {
                    m.start == 0
                        || !matches!(chars[m.start - 1], '第' | '每' | '各' | '前' | '近' | '后')
                })
                .collect();
            let verb_here = nearest_action_verb(&chars, a, b, &mask);
            for (k, m) in clause_mentions.iter().enumerate() {
                if past || clause_past {
                    continue;
                }
                let next_start = clause_mentions.get(k + 1).map_or(b, |n| n.start);
                let prev_end = if k > 0 { clause_mentions[k - 1].end } else { a };
                if let Some(p) = mention_target(
                    &chars,
                    &mask,
                    m,
                    (a, b, prev_end, next_start),
                    &subject_here,
                    &last_subject,
                    last_verb.as_deref(),
                ) {
                    let year = stated_year_before(&chars, m.start, &mask)
                        .filter(|y| period.is_none_or(|p| *y > p.base_year))
                        .or(paragraph_year);
                    let resolve = sentence_resolve;
                    // 其中2022年前完成4所: the verb alone names nothing; the sentence's last
                    // target says what is counted.
                    let mut p = p;
                    if ACTION_VERBS.contains(&p.name.as_str())
                        && let Some(prev) = out
                            .iter()
                            .rev()
                            .find(|q: &&Proposal| q.sentence == sentence)
                    {
                        p.name = prev.name.clone();
                    }
                    out.push(Proposal {
                        year: year.or(period.map(|p| p.last_year)),
                        year_stated: year.is_some(),
                        resolve,
                        attribute: if resolve == Resolve::Firm {
                            Attribute::Binding
                        } else {
                            Attribute::Expected
                        },
                        sentence: sentence.clone(),
                        ..p
                    });
                }
            }
            if !subject_here.is_empty() {
                last_subject = subject_here;
            }
            if let Some(v) = verb_here {
                last_verb = Some(v);
            }
        }
    }
    out
}

/// A list item's mark (1. / 2、 / （3） / ④) before its text.
fn strip_list_mark(text: &str) -> String {
    let t = text.trim_start();
    let chars: Vec<char> = t.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits <= 2 && matches!(chars.get(digits), Some('.' | '、')) {
        let next_digit = chars.get(digits + 1).is_some_and(char::is_ascii_digit);
        if !next_digit {
            return chars[digits + 1..].iter().collect();
        }
    }
    if matches!(chars.first(), Some('（' | '('))
        && let Some(close) = chars.iter().position(|c| matches!(c, '）' | ')'))
        && close <= 3
        && chars[1..close].iter().all(char::is_ascii_digit)
        && close > 1
    {
        return chars[close + 1..].iter().collect();
    }
    t.trim_start_matches(|c: char| ('①'..='⑳').contains(&c))
        .to_owned()
}

/// What a clause talks about: the words before its first cue (毛入园率 in 毛入园率达到90%).
fn clause_subject(chars: &[char], a: usize, b: usize, mask: &[bool]) -> String {
    const STOPS: &[&str] = &[
        "≥",
        "≤",
        ">",
        "<",
        "=",
        "达到",
        "保持",
        "稳定在",
        "不低于",
        "不少于",
        "不高于",
        "不超过",
        "控制在",
        "提高到",
        "提升到",
        "提高至",
        "提升至",
        "下降",
        "降低",
        "降至",
        "减少",
        "提高",
        "提升",
        "增长",
        "增加到",
    ];
    // 达 / 为 / 在 are cues only right before the number (达标率 and 在校生 are names).
    const SHORT_STOPS: &[&str] = &[
        "达", "为", "在", "约", "较", "超过", "高于", "低于", "小于", "大于",
    ];
    // The subject ends at the last cue before the first number (达到资源配置…的学校比例达到60%).
    let first_digit = (a..b)
        .find(|&i| !mask[i] && chars[i].is_ascii_digit())
        .unwrap_or(b);
    let mut end = first_digit;
    let mut stop_end = None;
    for i in (a..first_digit).filter(|&i| !mask[i]) {
        if let Some(w) = STOPS.iter().find(|w| contains_at(chars, i, w))
            && i > a
        {
            end = i;
            stop_end = Some(i + w.chars().count());
        }
        let short_before_number = SHORT_STOPS.iter().any(|w| {
            contains_at(chars, i, w)
                && chars
                    .get(i + w.chars().count())
                    .is_some_and(|c| c.is_ascii_digit())
        });
        // 保持在99%: 在 belongs to the cue before it.
        if short_before_number && stop_end.is_none_or(|e| i > e) {
            end = i;
            break;
        }
    }
    clean_name(&text_of(chars, a, end))
}

const LEADING_NOISE: &[&str] = &[
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "六是",
    "其中",
    "同时",
    "并且",
    "并",
    "且",
    "使",
    "让",
    "力争",
    "确保",
    "争取",
    "保证",
    "全区",
    "全县",
    "全市",
    "全旗",
    "我区",
    "我县",
    "我市",
    "将",
    "要",
    "进一步",
    "逐步",
    "在",
    "到",
    "至",
    "约",
    "共",
    "计划",
    "预计",
    "基本",
    "努力",
    "再",
    "以及",
    "和",
    "及",
    "其余",
    "以",
    "对",
    "为",
    "把",
    "由",
    "从",
    "向",
    "给",
    "达到",
];
const TRAILING_NOISE: &[&str] = &[
    "年均",
    "每年",
    "要",
    "将",
    "均",
    "都",
    "全部",
    "基本",
    "稳定",
    "持续",
    "逐步",
    "进一步",
    "分别",
    "累计",
    "共",
    "约",
    "的",
    "总数",
    "力争",
    "确保",
    "达",
    "年均",
    "每年",
    "以上",
    "等",
];

fn clean_name(s: &str) -> String {
    // ①… list marks, and the period a sentence opens with (“十四五”期间, 规划期内).
    let s = s.trim_start_matches(|c: char| ('①'..='⑳').contains(&c));
    let s = match s.find("期间").or_else(|| s.find("期内")) {
        Some(i) if s[..i].chars().count() <= 8 => &s[i + "期间".len()..],
        _ => s,
    };
    let mut s = s
        .trim()
        .trim_matches(|c: char| c.is_whitespace() || "，,、：:；;（）()".contains(c))
        .to_owned();
    // 到2025年 / 在2023年 / 2022年底前
    loop {
        let before = s.clone();
        for w in LEADING_NOISE {
            if let Some(r) = s.strip_prefix(w) {
                s = r.to_owned();
            }
        }
        let chars: Vec<char> = s.chars().collect();
        if year_at(&chars, 0).is_some() {
            let skip = chars
                .iter()
                .take_while(|c| c.is_ascii_digit() || matches!(c, '年' | '底' | '前' | '末' | '内'))
                .count();
            s = chars[skip..].iter().collect();
        }
        for w in TRAILING_NOISE {
            if let Some(r) = s.strip_suffix(w) {
                s = r.to_owned();
            }
        }
        s = s
            .trim_matches(|c: char| c.is_whitespace() || "，,、：:；;".contains(c))
            .to_owned();
        if s == before {
            break;
        }
    }
    s
}

fn nearest_action_verb(chars: &[char], a: usize, b: usize, mask: &[bool]) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for i in (a..b).filter(|&i| !mask[i]) {
        for v in ACTION_VERBS {
            if contains_at(chars, i, v) && best.is_none_or(|(j, w)| i >= j + w.chars().count()) {
                best = Some((i, v));
            }
        }
    }
    best.map(|(_, v)| v.to_owned())
}

fn action_verb_in(
    chars: &[char],
    a: usize,
    b: usize,
    mask: &[bool],
    last: bool,
) -> Option<(usize, &'static str)> {
    let mut found: Option<(usize, &'static str)> = None;
    for i in (a..b).filter(|&i| !mask[i]) {
        for v in ACTION_VERBS {
            if contains_at(chars, i, v) {
                if !last {
                    return Some((i, v));
                }
                // 扩建 inside 改扩建 is the same verb.
                if found.is_none_or(|(j, w)| i >= j + w.chars().count()) {
                    found = Some((i, v));
                }
            }
        }
    }
    found
}

/// Verbs too general to name a target by (实施12所学校… is named by what is done to them).
const GENERIC_VERBS: &[&str] = &["实施", "开展", "建立", "提供", "安排", "推广", "完成"];

/// Decide whether one number is a target and build its proposal (chapter, sentence and year
/// are filled in by the caller).
fn mention_target(
    chars: &[char],
    mask: &[bool],
    m: &NumberMention,
    (a, b, prev_end, next_start): (usize, usize, usize, usize),
    subject: &str,
    last_subject: &str,
    inherited_verb: Option<&str>,
) -> Option<Proposal> {
    let prev = if m.start > 0 {
        Some(chars[m.start - 1])
    } else {
        None
    };
    // 第三期 / 每一名: ordinals and distributives.
    if matches!(prev, Some('第' | '每' | '各' | '前' | '近' | '后')) {
        return None;
    }
    // Bare numbers (差异系数0.50) read like rates: named by their subject, never counted up.
    let is_percent = matches!(m.unit.as_str(), "%" | "‰" | "个百分点" | "");
    // Durations (5年内, 十五年教育) and year numbers are not targets; 年 counts only as 年限.
    if m.unit == "年" {
        let around = text_of(chars, a, b);
        if !(around.contains("年限") || around.contains("受教育年")) || m.chinese {
            return None;
        }
    }
    if m.value == 0.0 && m.stretch.is_none() && !is_percent {
        return None;
    }
    // A Chinese numeral count (三所, 四个) is a target only next to an action.
    if m.chinese && !m.written_percent {
        if is_percent {
            return None;
        }
        if m.value == 1.0 && !matches!(m.unit.as_str(), "所" | "座" | "名" | "人") {
            return None;
        }
        // 四个意识 / 四个模块 are not counted by an action; 创建四个示范校 and 两所小学新建 are.
        const BUILDING: &[&str] = &[
            "新建", "改建", "扩建", "建设", "建成", "创建", "改造", "配备",
        ];
        let built_after = BUILDING
            .iter()
            .any(|w| find_word(chars, m.end, b, w).is_some());
        if action_verb_in(chars, a, m.start, mask, true).is_none() && !built_after {
            return None;
        }
        // A、B和C三项重点: a count that sums up a list before it.
        let before = text_of(chars, a, m.start);
        if before.contains('、')
            && (before.contains('和') || before.contains('及'))
            && !before.ends_with('等')
        {
            return None;
        }
    }
    let has_cue_before = CUE_WORDS
        .iter()
        .chain(ACTION_VERBS.iter())
        .any(|w| find_word(chars, a, m.start, w).is_some());
    let verb_before = action_verb_in(chars, a, m.start, mask, true);
    let verb_after = action_verb_in(chars, m.end, next_start.min(b), mask, false);
    let after_text = text_of(chars, m.end, next_start.min(b));
    let before_text = text_of(chars, a, m.start);

    // Comparison and kind from the words around the number.
    let suffix = text_of(chars, m.unit_end, m.end);
    let decrease = ["下降", "降低", "减少", "压减", "缩小"]
        .iter()
        .any(|w| before_text.contains(w));
    let increase = ["提高", "提升", "增长", "增加"]
        .iter()
        .any(|w| before_text.contains(w));
    let to_level = [
        "降至",
        "降到",
        "下降到",
        "下降至",
        "降低到",
        "降低至",
        "减少到",
        "减少至",
        "提高到",
        "提高至",
        "提升到",
        "提升至",
        "增加到",
        "增至",
        "增加至",
    ]
    .iter()
    .any(|w| before_text.contains(w));
    let maintain = ["保持", "稳定在", "巩固在", "始终"]
        .iter()
        .any(|w| before_text.contains(w));
    let symbol = before_text.trim_end().chars().last();
    let mut comparison = if let Some(c @ ('≥' | '≤' | '>' | '<' | '=')) = symbol {
        match c {
            '≥' => Comparison::AtLeast,
            '≤' => Comparison::AtMost,
            '>' => Comparison::MoreThan,
            '<' => Comparison::LessThan,
            _ => Comparison::Equal,
        }
    } else if suffix.contains("以下")
        || suffix.contains("以内")
        || [
            "不超过",
            "不高于",
            "不多于",
            "控制在",
            "降至",
            "降到",
            "下降到",
            "下降至",
            "降低到",
            "降低至",
            "减少到",
            "减少至",
        ]
        .iter()
        .any(|w| before_text.contains(w))
    {
        Comparison::AtMost
    } else if ["超过", "高于"].iter().any(|w| before_text.ends_with(w)) {
        Comparison::MoreThan
    } else if ["低于", "不足"].iter().any(|w| before_text.ends_with(w))
        && !before_text.ends_with("不低于")
    {
        Comparison::LessThan
    } else {
        Comparison::AtLeast
    };
    let count_unit = !is_percent;
    let mut value = m.value;
    let mut stretch = m.stretch;
    let kind = if m.unit == "个百分点" {
        if to_level {
            return None;
        }
        if decrease {
            value = -value;
            stretch = stretch.map(|s| -s);
            comparison = Comparison::AtMost;
        } else if !increase {
            return None;
        }
        IndicatorKind::ChangeFromBase
    } else if maintain {
        IndicatorKind::Maintain
    } else if count_unit
        && (verb_before.is_some() || verb_after.is_some() || inherited_verb.is_some())
        && !to_level
        && !["平方米", "万平方米", "万元", "亿元", "元"].contains(&m.unit.as_str())
    {
        IndicatorKind::Cumulative
    } else {
        IndicatorKind::Level
    };

    // Is it a target at all?
    let percent_of = is_percent && after_text.starts_with('的');
    let after_trimmed =
        after_text.trim_matches(|c: char| c.is_whitespace() || "、和及".contains(c));
    // 新建城区小学2所、初中1所: the list goes on after 、 with the next object.
    let ends_clause = after_trimmed.is_empty()
        || after_text.starts_with('、')
        || ["等", "左右"].contains(&after_trimmed);
    let qualifies = if is_percent {
        true
    } else {
        has_cue_before
            || verb_after.is_some()
            || (ends_clause && inherited_verb.is_some() && !before_text.trim().is_empty())
    };
    if !qualifies {
        return None;
    }

    let fill =
        |name: String| proposal_template(chars, a, m, (kind, comparison, value, stretch), name);
    // What is measured. A count names its object before the number (培养区级骨干教师400人) or
    // after it (建设3-5所足球、冰雪特色校).
    let clause_has_cue = CUE_WORDS
        .iter()
        .any(|w| find_word(chars, a, b, w).is_some());
    let (object_start, verb_for_object) = match verb_before {
        Some((i, v)) => (i + v.chars().count(), v.to_owned()),
        // A clause with its own comparison (不少于80名) does not borrow the sentence's verb.
        None if clause_has_cue => (a, String::new()),
        None => (a, inherited_verb.unwrap_or_default().to_owned()),
    };
    let object_start = object_start.max(prev_end);
    let object_before = clean_name(&text_of(
        chars,
        object_start,
        cue_start(chars, object_start, m.start),
    ));
    let object_before_number = ends_clause && !object_before.is_empty();
    let name = if percent_of {
        // 80%的教师达到本科学历 → 教师达到本科学历的比例
        let rest =
            clean_name(&after_text[after_text.find('的').map_or(0, |i| i + '的'.len_utf8())..]);
        if rest.is_empty() {
            return None;
        }
        format!("{rest}的比例")
    } else if is_percent {
        let mut s = if subject.is_empty() {
            last_subject.to_owned()
        } else {
            subject.to_owned()
        };
        // 教师学历100%合格 → 教师学历合格率
        let tail = clean_name(&after_text);
        let predicate = !tail.is_empty()
            && tail.chars().count() <= 3
            && !tail.chars().any(|c| "、，不高低于达均".contains(c));
        if predicate && !s.ends_with('率') && !s.ends_with("比例") {
            s = format!("{s}{tail}");
            if !s.ends_with('率') {
                s.push('率');
            }
        }
        s
    } else if object_before_number {
        // 培养区级骨干教师400人 → 培养区级骨干教师
        format!("{verb_for_object}{object_before}")
    } else {
        // 建设3-5所足球、冰雪特色校 → 建设足球、冰雪特色校
        if let Some(rest) = after_text.strip_prefix('的') {
            // 共360学时的全员培训任务 → 全员培训任务
            let named = clean_name(rest);
            if named.chars().count() < 2 {
                return named_by_context(chars, a, m, subject, last_subject, &fill);
            }
            named
        } else {
            let range_end = next_start.min(b);
            let verb_after_last = action_verb_in(chars, m.end, range_end, mask, true);
            let mut obj_end = range_end;
            if let Some((i, _)) = verb_after_last {
                obj_end = obj_end.min(i);
            }
            let mut object = text_of(chars, m.end, obj_end);
            for cut in [
                "以及", "的", "和", "及", "与", "进行", "在", "作为", "给予", "开展",
            ] {
                if let Some(i) = object.find(cut)
                    && i > 0
                {
                    object.truncate(i);
                }
            }
            let object = clean_name(&object);
            if object.is_empty() {
                // 省级培训260人次 / 分别达到2000元、2500元: named by what precedes.
                return named_by_context(chars, a, m, subject, last_subject, &fill);
            }
            // A generic verb before (实施 / 推进) names less than the one after (改造).
            let after_in_clause = action_verb_in(chars, m.end, b, mask, false).map(|(_, v)| v);
            match (
                verb_before.map(|(_, v)| v),
                verb_after_last.map(|(_, v)| v).or(after_in_clause),
            ) {
                (Some(v), after) if GENERIC_VERBS.contains(&v) => {
                    format!("{object}{}", after.unwrap_or_default())
                }
                (Some(v), _) => format!("{v}{object}"),
                (None, Some(v)) if v == "试点" => format!("{v}{object}"),
                (None, Some(v)) => format!("{v}{object}"),
                (None, None) => object,
            }
        }
    };
    // 生均公用经费标准小学不低于720元、初中不低于940元: the second names only its 学段.
    const STAGES: &[&str] = &["小学", "初中", "高中", "幼儿园", "中职", "学前"];
    // 小学均不高于0.50、初中均不高于0.45: the words since the last number name the 学段.
    let local = if prev_end > a {
        clean_name(&text_of(
            chars,
            prev_end,
            cue_start(chars, prev_end, m.start),
        ))
    } else {
        String::new()
    };
    let stage_word = STAGES
        .iter()
        .find(|s| name == **s || (is_percent && local == **s));
    let name = match stage_word {
        Some(stage) => STAGES
            .iter()
            .find_map(|other| subject.strip_suffix(other).filter(|_| other != stage))
            .map_or(name.clone(), |stem| format!("{stem}{stage}")),
        None => name,
    };
    let name = name.trim().to_owned();
    if name.chars().count() < 2 {
        return named_by_context(chars, a, m, subject, last_subject, &fill);
    }
    Some(fill(name))
}

/// A name from the clause's subject, the sentence's last subject, or the words before the number.
fn named_by_context(
    chars: &[char],
    a: usize,
    m: &NumberMention,
    subject: &str,
    last_subject: &str,
    fill: &dyn Fn(String) -> Proposal,
) -> Option<Proposal> {
    let before = clean_name(&text_of(chars, a, cue_start(chars, a, m.start)));
    [subject, last_subject, before.as_str()]
        .into_iter()
        .find(|s| s.chars().count() >= 2)
        .map(|s| fill(s.to_owned()))
}

fn proposal_template(
    chars: &[char],
    a: usize,
    m: &NumberMention,
    (kind, comparison, value, stretch): (IndicatorKind, Comparison, f64, Option<f64>),
    name: String,
) -> Proposal {
    // The words of the target as the plan states them.
    let from = cue_start(chars, a, m.start);
    let target_text = text_of(chars, from, m.end);
    Proposal {
        name,
        kind,
        comparison,
        value,
        stretch,
        unit: m.unit.clone(),
        year: None,
        year_stated: false,
        resolve: Resolve::Plain,
        attribute: Attribute::Expected,
        base_value: None,
        chapter: Vec::new(),
        sentence: String::new(),
        span: (from, m.end),
        target_text,
    }
}

/// Where the target's own words start: the cue right before the number (达到 / 下降 / 保持在).
fn cue_start(chars: &[char], a: usize, number: usize) -> usize {
    const CUES: &[&str] = &[
        "保持在",
        "稳定在",
        "控制在",
        "不低于",
        "不少于",
        "不高于",
        "不超过",
        "达到",
        "下降",
        "降低",
        "减少",
        "提高到",
        "提高",
        "提升",
        "降至",
        "超过",
        "达",
    ];
    let window_start = number.saturating_sub(6).max(a);
    for i in window_start..number {
        if CUES.iter().any(|w| contains_at(chars, i, w)) {
            return i;
        }
    }
    number
}

// ---------------------------------------------------------------------------------------------
// Tables (主要指标表)

#[derive(Clone, Debug)]
struct TableHeader {
    name: usize,
    unit: Option<usize>,
    base: Option<usize>,
    target: usize,
    target_year: Option<i32>,
    attribute: Option<usize>,
    cumulative_header: bool,
}

impl TableHeader {
    fn detect(cells: &[String], period: Option<Period>) -> Option<TableHeader> {
        let name = cells.iter().position(|c| {
            ["指标", "名称", "项目"].iter().any(|w| c.contains(w)) && !c.contains("属性")
        })?;
        let mut base = None;
        let mut target = None;
        let mut target_year: Option<i32> = None;
        let mut unit = None;
        let mut attribute = None;
        let mut cumulative_header = false;
        let mut year_columns: Vec<(usize, i32)> = Vec::new();
        for (i, c) in cells.iter().enumerate() {
            if i == name {
                continue;
            }
            let chars: Vec<char> = c.chars().collect();
            let year = (0..chars.len()).find_map(|k| year_at(&chars, k));
            if c.contains("单位") {
                unit = Some(i);
            } else if c.contains("属性") || c.contains("性质") {
                attribute = Some(i);
            } else if let Some(y) = year {
                year_columns.push((i, y));
                cumulative_header |= c.contains("累计") && !c.contains("基期");
            } else if c.contains("目标") || c.contains("规划") || c.contains("预期") {
                target = Some(i);
                cumulative_header |= c.contains("累计");
            } else if c.contains("基期") || c.contains("现状") || c.contains("基数") {
                base = Some(i);
            }
        }
        // Year columns: the latest is the target; the base is the plan's base year, or else the
        // earliest of several.
        if let Some(&(i, y)) = year_columns.iter().max_by_key(|(_, y)| *y)
            && (target.is_none() || period.is_some_and(|p| y >= p.last_year))
        {
            target = Some(i);
            target_year = Some(y);
        }
        let earlier: Vec<&(usize, i32)> = year_columns
            .iter()
            .filter(|(i, _)| Some(*i) != target)
            .collect();
        if base.is_none() {
            base = match period {
                Some(p) => earlier
                    .iter()
                    .filter(|(_, y)| *y <= p.base_year)
                    .max_by_key(|(_, y)| *y),
                None => earlier.iter().min_by_key(|(_, y)| *y),
            }
            .map(|(i, _)| *i);
        }
        Some(TableHeader {
            name,
            unit,
            base,
            target: target?,
            target_year,
            attribute,
            cumulative_header,
        })
    }

    fn row_target(&self, cells: &[String], period: Option<Period>) -> Option<Proposal> {
        let raw_name = cells.get(self.name)?.trim();
        let target_cell = cells.get(self.target)?.trim();
        if raw_name.is_empty() || target_cell.is_empty() {
            return None;
        }
        // 学前三年毛入园率（%） / 毛入园率(%)
        let (mut name, mut unit) = split_unit(raw_name);
        if let Some(u) = self
            .unit
            .and_then(|i| cells.get(i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
        {
            unit = u.to_owned();
        }
        let cumulative =
            self.cumulative_header || name.contains("累计") || target_cell.contains("累计");
        name = name
            .replace("〔累计〕", "")
            .replace("[累计]", "")
            .replace("（累计）", "")
            .replace("(累计)", "");
        let (value, stretch, comparison, cell_unit) = parse_target_cell(target_cell)?;
        if unit.is_empty() {
            unit = cell_unit;
        }
        let base_value = self
            .base
            .and_then(|i| cells.get(i))
            .and_then(|c| parse_target_cell(c.trim()))
            .map(|(v, ..)| v);
        let comparison = match (comparison, base_value) {
            (Some(c), _) => c,
            (None, Some(b)) if value < b => Comparison::AtMost,
            _ => Comparison::AtLeast,
        };
        let attribute = self
            .attribute
            .and_then(|i| cells.get(i))
            .map(|c| {
                if c.contains("约束") {
                    Attribute::Binding
                } else {
                    Attribute::Expected
                }
            })
            .unwrap_or(Attribute::Expected);
        let kind = if cumulative {
            IndicatorKind::Cumulative
        } else if base_value == Some(value) && target_cell.contains("保持") {
            IndicatorKind::Maintain
        } else {
            IndicatorKind::Level
        };
        let year = self.target_year.or(period.map(|p| p.last_year));
        let sentence = cells
            .iter()
            .map(|c| c.trim())
            .collect::<Vec<_>>()
            .join(" | ");
        let before: usize = cells[..self.target]
            .iter()
            .map(|c| c.trim().chars().count() + 3)
            .sum();
        Some(Proposal {
            name: name.trim().to_owned(),
            kind,
            comparison,
            value,
            stretch,
            unit,
            year,
            year_stated: self.target_year.is_some(),
            resolve: if attribute == Attribute::Binding {
                Resolve::Firm
            } else {
                Resolve::Plain
            },
            attribute,
            base_value,
            chapter: Vec::new(),
            sentence,
            span: (before, before + target_cell.chars().count()),
            target_text: target_cell.to_owned(),
        })
    }
}

fn split_unit(name: &str) -> (String, String) {
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(i) = name.rfind(open)
            && name.ends_with(close)
        {
            let inner = &name[i + open.len_utf8()..name.len() - close.len_utf8()];
            if inner.chars().count() <= 6 && !inner.contains("累计") {
                return (name[..i].to_owned(), inner.to_owned());
            }
        }
    }
    (name.to_owned(), String::new())
}

/// `≥95` / `>90` / `95以上` / `3-5` / `≤0.5` / `[100]`: the number a table cell states.
fn parse_target_cell(cell: &str) -> Option<(f64, Option<f64>, Option<Comparison>, String)> {
    let chars: Vec<char> = cell.chars().collect();
    let first_digit = chars.iter().position(|c| c.is_ascii_digit())?;
    let prefix: String = chars[..first_digit].iter().collect();
    if prefix
        .chars()
        .any(|c| c.is_alphabetic() && !"约达保持在不低于高超过以上下≥≤＞＜><".contains(c))
    {
        return None;
    }
    let (value, len) = ascii_number(&chars[first_digit..]);
    let mut j = first_digit + len;
    let mut stretch = None;
    if let Some((s, l)) = range_tail(&chars[j..], false)
        && s > value
    {
        stretch = Some(s);
        j += l;
    }
    let suffix: String = chars[j..].iter().collect();
    let comparison = if prefix.contains('≥') || prefix.contains("不低于") || suffix.contains("以上")
    {
        Some(Comparison::AtLeast)
    } else if prefix.contains('>')
        || prefix.contains('＞')
        || prefix.contains("超过")
        || prefix.contains("高于")
    {
        Some(Comparison::MoreThan)
    } else if prefix.contains('≤') || suffix.contains("以下") || suffix.contains("以内") {
        Some(Comparison::AtMost)
    } else if prefix.contains('<') || prefix.contains('＜') {
        Some(Comparison::LessThan)
    } else {
        None
    };
    let unit = UNITS
        .iter()
        .find(|u| suffix.trim_start().starts_with(**u))
        .map(|u| (*u).to_owned())
        .unwrap_or_default();
    Some((value, stretch, comparison, unit))
}

#[cfg(test)]
mod tests {
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
