//! Numbers as plans write them (90%, 3-5所, 百分之九十, 两所, 1,200人, 1.2万人) with their
//! units, ranges and 以上/以下 suffixes.
//!
//! Pure scanning over chars; no sentence or target rules here.

use crate::text::contains_at;

pub(super) const CN_DIGITS: &str = "零〇一二两三四五六七八九十百千";

pub(super) fn year_at(chars: &[char], i: usize) -> Option<i32> {
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

#[derive(Clone, Debug)]
pub(super) struct NumberMention {
    pub(super) start: usize,
    /// After the unit (and 以上 / 以下 where present).
    pub(super) end: usize,
    pub(super) value: f64,
    pub(super) stretch: Option<f64>,
    pub(super) unit: String,
    pub(super) chinese: bool,
    pub(super) unit_end: usize,
    /// Written out as 百分之九十: a percentage in words.
    pub(super) written_percent: bool,
}

/// Comparisons after which a bare number (no unit) is still a target.
pub(super) const BARE_CUES: &[&str] = &[
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
/// A rate's units, and none (差异系数0.50): a level read like a rate, never counted up.
pub(super) fn is_rate_unit(unit: &str) -> bool {
    matches!(unit, "%" | "‰" | "个百分点" | "")
}

/// Sums of money.
pub(super) fn is_money_unit(unit: &str) -> bool {
    matches!(unit, "亿元" | "万元" | "元")
}

pub(super) const UNITS: &[&str] = &[
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
    "件",
    "条",
    "户",
    "场",
    "块",
    "门",
    "年",
];

pub(super) fn parse_cn_number(chars: &[char]) -> Option<f64> {
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

pub(super) fn is_cn_digit(c: char) -> bool {
    CN_DIGITS.contains(c)
}

/// Every number in `chars` with its unit (numbers without a target unit are left out).
pub(super) fn number_mentions(chars: &[char]) -> Vec<NumberMention> {
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
        } else if is_cn_digit(c)
            && let Some(fraction) = fraction_at(chars, i)
        {
            i = fraction.end;
            out.push(fraction);
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

/// 三分之二 / 四分之三以上: a fraction in words, as a percentage to two places (66.67%).
fn fraction_at(chars: &[char], i: usize) -> Option<NumberMention> {
    let whole_len = chars[i..].iter().take_while(|c| is_cn_digit(**c)).count();
    if !contains_at(chars, i + whole_len, "分之") {
        return None;
    }
    let from = i + whole_len + 2;
    let part_len = chars[from..]
        .iter()
        .take_while(|c| is_cn_digit(**c))
        .count();
    let whole = parse_cn_number(&chars[i..i + whole_len])?;
    let part = parse_cn_number(&chars[from..from + part_len])?;
    if part_len == 0 || whole <= 0.0 || part > whole {
        return None;
    }
    let unit_end = from + part_len;
    Some(NumberMention {
        start: i,
        end: unit_end + comparison_suffix_len(chars, unit_end),
        value: (part / whole * 10_000.0).round() / 100.0,
        stretch: None,
        unit: "%".to_owned(),
        chinese: true,
        unit_end,
        written_percent: true,
    })
}

/// The upper end of a range right after a number ending at `j`, and where the mention ends.
pub(super) fn with_range(
    chars: &[char],
    j: usize,
    value: f64,
    chinese: bool,
) -> (Option<f64>, usize) {
    match range_tail(&chars[j..], chinese) {
        Some((s, l)) if s > value => (Some(s), j + l),
        _ => (None, j),
    }
}

/// 以上 / 以下 / 以内 / 左右 right after a number: how many characters it takes.
pub(super) fn comparison_suffix_len(chars: &[char], j: usize) -> usize {
    let tail: String = chars[j.min(chars.len())..chars.len().min(j + 3)]
        .iter()
        .collect();
    ["及以上", "以上", "以下", "以内", "左右"]
        .iter()
        .find(|w| tail.starts_with(**w))
        .map_or(0, |w| w.chars().count())
}

pub(super) fn ascii_number(chars: &[char]) -> (f64, usize) {
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
pub(super) fn range_tail(chars: &[char], chinese: bool) -> Option<(f64, usize)> {
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

pub(super) fn push_mention(
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
    // 5000多平方米 / 20余万人: "more than" before the unit.
    if matches!(chars.get(j), Some('多' | '余'))
        && chars
            .get(j + 1)
            .is_some_and(|&c| matches!(c, '万' | '亿') || UNITS.iter().any(|u| u.starts_with(c)))
    {
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
    // 4.68万和7000个: a unit the next value states is this one's too.
    if unit.is_empty() && !prefix.is_empty() {
        unit = shared_unit(chars, j).unwrap_or_default();
        if !unit.is_empty() {
            let end = j;
            out.push(NumberMention {
                start,
                end,
                value,
                stretch,
                unit: format!("{prefix}{unit}"),
                chinese,
                unit_end: end,
                written_percent: false,
            });
            return;
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
    // 20万人口以上的县: 人口 is a population, not a count of people.
    if unit.ends_with('人') && chars.get(j) == Some(&'口') {
        return;
    }
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

/// The unit of the value listed right after `j` (和7000个 / 、3万个), without its 万.
fn shared_unit(chars: &[char], j: usize) -> Option<String> {
    if !matches!(chars.get(j), Some('和' | '、' | '与' | '及')) {
        return None;
    }
    let mut k = j + 1;
    let digits = chars[k..]
        .iter()
        .take(12)
        .take_while(|c| c.is_ascii_digit() || **c == '.')
        .count();
    if digits == 0 {
        return None;
    }
    k += digits;
    if matches!(chars.get(k), Some('万' | '亿')) {
        k += 1;
    }
    let rest: String = chars[k..chars.len().min(k + 5)].iter().collect();
    UNITS
        .iter()
        .find(|u| rest.starts_with(**u) && !u.starts_with(['万', '亿']))
        .map(|u| (*u).to_owned())
}

#[cfg(test)]
mod range_tests {
    use super::super::{Block, extract_targets};
    use crate::model::IndicatorKind;

    fn found(text: &str) -> Vec<(String, f64, Option<f64>, String, IndicatorKind)> {
        extract_targets(&[
            Block::Paragraph("二、主要目标".into()),
            Block::Paragraph(text.into()),
        ])
        .into_iter()
        .map(|p| (p.name, p.value, p.stretch, p.unit, p.kind))
        .collect()
    }

    #[test]
    fn a_range_is_its_floor_and_a_change_on_last_year_is_a_change() {
        let got = found(
            "到2025年，财政性教育经费投入比上年提高3-5个百分点，每年建设4~5个劳动教育实践基地，\
             学生体质健康优良率增长10%以上。",
        );
        assert_eq!(
            got,
            [
                (
                    "财政性教育经费投入".to_owned(),
                    3.0,
                    Some(5.0),
                    "个百分点".to_owned(),
                    IndicatorKind::ChangeFromBase
                ),
                (
                    "建设劳动教育实践基地".to_owned(),
                    4.0,
                    Some(5.0),
                    "个".to_owned(),
                    IndicatorKind::Cumulative
                ),
                (
                    "学生体质健康优良率".to_owned(),
                    10.0,
                    None,
                    "%".to_owned(),
                    IndicatorKind::ChangeFromBase
                ),
            ]
        );
    }

    #[test]
    fn a_change_on_last_year_in_a_years_work_points_is_a_target() {
        let blocks = [
            Block::Paragraph("2024年教育工作要点".into()),
            Block::Paragraph("2023年，全区学前三年毛入园率比上年提高2个百分点。".into()),
            Block::Paragraph("全区教育经费投入比上年增长5%以上。".into()),
        ];
        let found: Vec<(String, f64)> = extract_targets(&blocks)
            .into_iter()
            .map(|p| (p.name, p.value))
            .collect();
        assert_eq!(found, [("教育经费投入".to_owned(), 5.0)]);
    }
}
