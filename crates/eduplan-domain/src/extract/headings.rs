//! Headings as plans number them (第一章 / 一、 / （一） / 1. / （1）) and the stack of them
//! above a paragraph, including whether that stack is a look-back section.
//!
//! Depends on `numbers` only (to tell a numbered target from a numbered heading).

use super::numbers::{CN_DIGITS, number_mentions};

#[derive(Clone, Debug)]
pub(super) struct Heading {
    pub(super) level: u8,
    pub(super) text: String,
    pub(super) rest: String,
}

#[derive(Default)]
pub(super) struct HeadingStack {
    pub(super) stack: Vec<Heading>,
}

impl HeadingStack {
    pub(super) fn push(&mut self, h: Heading) {
        while self.stack.last().is_some_and(|top| top.level >= h.level) {
            self.stack.pop();
        }
        self.stack.push(h);
    }
    pub(super) fn path(&self) -> Vec<String> {
        self.stack.iter().map(|h| h.text.clone()).collect()
    }
    /// Sections of goals (一、工作目标 / 主要任务): what they state is to be reached.
    pub(super) fn under_goals(&self) -> bool {
        self.stack
            .iter()
            .any(|h| ["目标", "任务", "要点"].iter().any(|w| h.text.contains(w)))
    }
    /// Sections that look back: their numbers are statistics, never targets.
    pub(super) fn in_past_section(&self) -> bool {
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
            "完成情况",
            "执行情况",
            "成效",
            "总结",
            "亮点",
            "以来",
        ];
        self.stack
            .iter()
            .any(|h| PAST.iter().any(|w| h.text.contains(w)))
    }
}

/// 第一章 / 一、 / （一） / 1. / （1）, with the heading's title (up to the first 。) and the text
/// after it on the same line.
pub(super) fn parse_heading(text: &str) -> Option<Heading> {
    let t = text.trim_start();
    let chars: Vec<char> = t.chars().collect();
    let (level, mark_len) = heading_mark(&chars)?;
    let after: String = chars[mark_len..].iter().collect();
    let first: Vec<char> = after.chars().take_while(|c| *c != '。').collect();
    let targets = number_mentions(&first)
        .iter()
        .any(|m| !m.unit.is_empty() && m.unit != "年");
    // 2.每千名学生拥有…不低于0.5人； is an item of a list of targets, not a heading.
    if level >= 3 && (targets || first.last().is_some_and(|c| matches!(c, '；' | ';'))) {
        return None;
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
    // A title that runs into a target (第二章发展目标到2030年，…达到98%) keeps it as text.
    let (title, rest) = if title_chars > 30 || targets {
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

/// A paragraph that runs its headings into the text (a document flattened to one line:
/// …制定本规划。第一章发展基础…。一、良好发展态势…) in pieces, each chapter (第X章 / 第X节),
/// part (一、) or section (（一）) that follows a full stop starting a new piece.
pub(super) fn inline_sections(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..chars.len() {
        // …总结汇报如下:一、2024年度主要工作成效: a colon may introduce the first part too.
        if matches!(chars[i - 1], '。' | '：' | ':')
            && heading_mark(&chars[i..]).is_some_and(|(level, _)| level <= 2)
        {
            out.push(chars[start..i].iter().collect());
            start = i;
        }
    }
    out.push(chars[start..].iter().collect());
    out
}

/// The numbering a heading starts with: its level and how many chars it takes.
fn heading_mark(chars: &[char]) -> Option<(u8, usize)> {
    let cn = |c: char| CN_DIGITS.contains(c);
    let count =
        |from: usize, f: &dyn Fn(char) -> bool| chars[from..].iter().take_while(|c| f(**c)).count();
    let first = *chars.first()?;
    if first == '第' {
        let n = count(1, &|c| cn(c) || c.is_ascii_digit());
        return match chars.get(1 + n) {
            Some('章' | '部') if n > 0 => {
                Some((0, 2 + n + usize::from(chars.get(2 + n) == Some(&'分'))))
            }
            Some('节') if n > 0 => Some((1, 2 + n)),
            _ => None,
        };
    }
    if cn(first) {
        let n = count(0, &cn);
        return (chars.get(n) == Some(&'、')).then_some((1, n + 1));
    }
    if matches!(first, '（' | '(') {
        let n = count(1, &cn);
        let m = count(1, &|c: char| c.is_ascii_digit());
        return if n > 0 && matches!(chars.get(1 + n), Some('）' | ')')) {
            Some((2, n + 2))
        } else if m > 0 && m <= 2 && matches!(chars.get(1 + m), Some('）' | ')')) {
            Some((4, m + 2))
        } else {
            None
        };
    }
    if first.is_ascii_digit() {
        let m = count(0, &|c: char| c.is_ascii_digit());
        let next_is_digit = chars.get(m + 1).is_some_and(|c| c.is_ascii_digit());
        if m <= 2 && matches!(chars.get(m), Some('.' | '、')) && !next_is_digit {
            return Some((3, m + 1));
        }
    }
    None
}

/// A list item's mark (1. / 2、 / （3） / ④) before its text.
pub(super) fn strip_list_mark(text: &str) -> String {
    let t = text.trim_start();
    let chars: Vec<char> = t.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits <= 2 && matches!(chars.get(digits), Some('.' | '、' | ')' | '）')) {
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
