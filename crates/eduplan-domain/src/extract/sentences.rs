//! Sentences, clauses, quoted spans and the time context of a clause (past adverbials, stated
//! years).
//!
//! Knows nothing of names or units.

use super::numbers::year_at;
use crate::text::contains_at;

pub(super) const PAST_ADVERBIALS: &[&str] = &[
    "十三五”期间",
    "十三五\"期间",
    "十三五期间",
    "十三五”时期",
    "十三五”以来",
    "以来",
    "至今",
    "截至",
    "截止",
    "过去",
    "近年来",
    "近五年",
    "年来",
    "这五年",
    "前两年",
    "前几年",
    "这十年",
    "这一年",
    "成效",
    "目前",
    "现阶段",
    "先后",
    "上年",
    "去年",
    "同比",
];
pub(super) const PAST_IN_CLAUSE: &[&str] = &[
    "现有",
    "已有",
    "已经",
    "已达",
    "已建成",
    "已完成",
    "已实现",
    "共有",
    "分别为",
    "率为",
    "比例为",
    "占比为",
    "比上年",
    "累计完成投资",
    "共计完成",
    "完成投资",
];
pub(super) const FUTURE_MARKS: &[&str] = &[
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

/// Whether the text holds a word of the future. 计划 at the end of a name (实施三期学前教育行动
/// 计划 ,) is a plan already named, not one looking ahead.
pub(super) fn has_future_mark(text: &str) -> bool {
    FUTURE_MARKS.iter().any(|w| {
        text.match_indices(w).any(|(at, _)| {
            *w != "计划"
                || !text[at + w.len()..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_none_or(|c| is_clause_break(c) || "的》”）)".contains(c))
        })
    })
}

/// The longest sentence read as one (a real sentence is rarely longer). Work on a
/// sentence looks back over it, so a "sentence" of a megabyte without a full stop — a pasted
/// table, a broken file — is cut at its clause breaks into pieces of at most this length,
/// which keeps the whole extraction linear in the text's length.
pub(super) const MAX_SENTENCE_CHARS: usize = 200;

/// A sentence, or a piece of an over-long one: `continues` when it goes on from the piece
/// before, whose time and resolve it keeps.
pub(super) struct SentencePiece {
    pub text: String,
    pub continues: bool,
}

pub(super) fn split_sentences(text: &str) -> Vec<SentencePiece> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut len = 0usize;
    let mut continues = false;
    let mut push = |cur: &mut String, len: &mut usize, continues: bool| {
        if !cur.trim().is_empty() {
            out.push(SentencePiece {
                text: cur.trim().to_owned(),
                continues,
            });
        }
        cur.clear();
        *len = 0;
    };
    for c in text.chars() {
        cur.push(c);
        len += 1;
        let sentence_end = matches!(c, '。' | '！' | '？' | '!' | '?' | '\n');
        // Over-long: cut at the next clause break, or anywhere at twice the length.
        let too_long =
            (len >= MAX_SENTENCE_CHARS && is_clause_break(c)) || len >= 2 * MAX_SENTENCE_CHARS;
        if sentence_end {
            push(&mut cur, &mut len, continues);
            continues = false;
        } else if too_long {
            push(&mut cur, &mut len, continues);
            continues = true;
        }
    }
    push(&mut cur, &mut len, continues);
    out
}

pub(super) fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '：' | ':' | '。' | '！' | '？' | '!' | '?' | '—'
    )
}

/// Char ranges inside quotes, titles, brackets and parentheses: names, slogans, document numbers.
pub(super) fn quoted_mask(chars: &[char]) -> Vec<bool> {
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
    mask_earlier_figures(chars, &mut mask);
    mask
}

/// (2022年为54%) / （2020年为…）: a figure for an earlier year in brackets is a past value, and
/// its year is not the target's. Each bracket is looked into at most a few characters ahead.
fn mask_earlier_figures(chars: &[char], mask: &mut [bool]) {
    const LOOK: usize = 24;
    for i in 0..chars.len() {
        let close = match chars[i] {
            '(' => ')',
            '（' => '）',
            _ => continue,
        };
        let Some(len) = chars[i + 1..].iter().take(LOOK).position(|&c| c == close) else {
            continue;
        };
        let j = i + 1;
        let stated = year_at(chars, j).is_some()
            && chars.get(j + 4) == Some(&'年')
            && chars[j + 5..j + len]
                .iter()
                .take(3)
                .any(|c| matches!(c, '为' | '是' | '达' | ':' | '：'));
        if stated {
            mask[i..=i + len + 1].iter_mut().for_each(|m| *m = true);
        }
    }
}

/// A stated year near the target: 到2023年 / 在2023年 / 2023年底前 / 2023年，… (the latest one
/// before `pos`).
pub(super) fn stated_year_before(chars: &[char], pos: usize, mask: &[bool]) -> Option<i32> {
    stated_years(chars, mask)
        .get(pos.min(chars.len()))
        .copied()
        .flatten()
}

/// `stated_year_before` for every position at once, in one pass: entry `p` is the latest year
/// stated before `p` (a sentence's numbers each look up their year without rescanning it).
pub(super) fn stated_years(chars: &[char], mask: &[bool]) -> Vec<Option<i32>> {
    let mut years = vec![None; chars.len() + 1];
    let mut found = None;
    let mut i = 0;
    // A year at `i` counts for positions after `i + 4` (its 年).
    let mut next = 0;
    while i < chars.len() {
        // 较2020年提高5个百分点: the year of the comparison base, not a time.
        let comparison_base =
            i > 0 && matches!(chars[i - 1], '较' | '比' | '与' | '同' | '由' | '从');
        let mut step = 1;
        let mut hit = None;
        if i + 4 < chars.len()
            && !mask[i]
            && !comparison_base
            && let Some(y) = year_at(chars, i)
            && chars.get(i + 4) == Some(&'年')
        {
            // 2021—2023年, 新建…: the span's end is the year the target is due.
            hit = Some(y);
            step = 5;
        }
        // Positions up to i + 4 see the years found before this one.
        let upto = (i + 4).min(chars.len());
        while next <= upto {
            years[next] = found;
            next += 1;
        }
        if hit.is_some() {
            found = hit;
        }
        i += step;
    }
    while next <= chars.len() {
        years[next] = found;
        next += 1;
    }
    years
}

pub(super) struct Clause {
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) fn clauses(chars: &[char], mask: &[bool]) -> Vec<Clause> {
    // A headline has no punctuation: its phrases are set apart by spaces (宁夏将新增3.6万个幼儿学位
    // 普惠性幼儿园覆盖率2025年超90%).
    let headline = !chars.iter().any(|c| is_clause_break(*c));
    let cjk = |c: Option<&char>| c.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(c));
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        let spaced = headline
            && c.is_whitespace()
            && i > 0
            && cjk(chars.get(i - 1))
            && cjk(chars.get(i + 1));
        if (is_clause_break(c) || spaced || (c == '、' && stage_value_follows(chars, i + 1)))
            && !mask[i]
        {
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

/// 学段 that a rate may be given for one after another (巩固率小学为100%、初中在98%以上).
pub(super) const VALUE_STAGES: &[&str] = &[
    "小学",
    "初中",
    "高中",
    "普通高中",
    "幼儿园",
    "中职",
    "职业中专",
    "职业高中",
    "中专",
    "特殊教育",
];

/// A 学段, a copula and a percentage (初中在98% / 高中为97%): a rate of its own after 、.
fn stage_value_follows(chars: &[char], i: usize) -> bool {
    let percent_at = |k: usize| {
        let digits = chars[k.min(chars.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == '.')
            .count();
        digits > 0 && chars.get(k + digits) == Some(&'%')
    };
    VALUE_STAGES.iter().any(|st| {
        let n = st.chars().count();
        contains_at(chars, i, st)
            && ["在", "为", "达到", "达", "保持在", "稳定在", "不低于"]
                .iter()
                .any(|w| contains_at(chars, i + n, w) && percent_at(i + n + w.chars().count()))
    })
}

pub(super) fn any_word_in(
    chars: &[char],
    a: usize,
    b: usize,
    words: &[&str],
    mask: &[bool],
) -> bool {
    words
        .iter()
        .any(|w| (a..b).any(|i| !mask[i] && contains_at(chars, i, w)))
}

#[cfg(test)]
mod year_tests {
    use super::*;

    #[test]
    fn every_position_sees_the_latest_year_stated_before_it_in_one_pass() {
        let text = "较2020年提高5个百分点，到2023年新建2所，2024—2025年新增300个，“2030年”";
        let chars: Vec<char> = text.chars().collect();
        let mask = quoted_mask(&chars);
        let years = stated_years(&chars, &mask);
        let at = |w: &str| text[..text.find(w).unwrap_or(0)].chars().count();
        assert_eq!(years[at("提高")], None);
        assert_eq!(years[at("新建")], Some(2023));
        assert_eq!(years[at("新增")], Some(2025));
        assert_eq!(years[chars.len()], Some(2025));
        assert_eq!(years.len(), chars.len() + 1);
    }
}
