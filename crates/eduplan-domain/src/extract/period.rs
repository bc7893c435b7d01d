//! The plan period a text names (“十四五”, 2022年工作要点, 规划期为2021-2025年).
//!
//! Reads blocks only; knows nothing of targets.

use super::numbers::year_at;
use super::{Block, Period};
use crate::text::fold_width as normalize;

pub(super) fn detect_period(blocks: &[Block]) -> Option<Period> {
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
            if [
                "工作要点",
                "工作计划",
                "工作安排",
                "重点工作",
                "工作任务",
                "为民办实事",
            ]
            .iter()
            .any(|w| line.contains(w))
            {
                let y = body_year(&text, &head, y);
                return Some(Period {
                    base_year: y - 1,
                    last_year: y,
                });
            }
        }
    }
    // The period named first is the plan's own (a 十五五 plan looks back on 十四五 after its
    // title).
    let named = [("十四五", 2020), ("十五五", 2025), ("十三五规划", 2015)]
        .into_iter()
        .filter_map(|(name, base)| text.find(name).map(|at| (at, base)))
        .min();
    if let Some((_, base)) = named {
        return Some(Period {
            base_year: base,
            last_year: base + 5,
        });
    }
    // “规划期为2021-2025年”, not a title the text cites (《…纲要(2011—2020年)》).
    let chars: Vec<char> = text.chars().collect();
    let mut cited = 0i32;
    let mut i = 0;
    while i + 9 < chars.len() {
        match chars[i] {
            '《' => cited += 1,
            '》' => cited = (cited - 1).max(0),
            _ => {}
        }
        if cited > 0 {
            i += 1;
            continue;
        }
        if let (Some(a), Some(b)) = (year_at(&chars, i), year_at(&chars, i + 5))
            && matches!(chars[i + 4], '-' | '—' | '至' | '~' | '～' | '–')
            && b > a
            && b - a <= 15
            && names_a_plan_period(&chars, i)
        {
            return Some(Period {
                base_year: a - 1,
                last_year: b,
            });
        }
        i += 1;
    }
    first_year_looked_ahead_to(&text)
}

/// A range of years that is a plan's period (规划期为2021-2025年, 行动计划（2021—2025年）,
/// 2021-2025年教育发展规划), not the span of a statistic (2010—2020年幼儿园数).
fn names_a_plan_period(chars: &[char], i: usize) -> bool {
    let before: String = chars[i.saturating_sub(6)..i].iter().collect();
    let after: String = chars[(i + 9).min(chars.len())..(i + 17).min(chars.len())]
        .iter()
        .collect();
    let after = after.trim_start_matches('年');
    ["规划", "计划", "方案", "期为", "期限", "周期", "（", "("]
        .iter()
        .any(|w| before.ends_with(w) || before.contains(&format!("{w}为")))
        || before.ends_with("期")
        || [
            ")", "）", "规划", "计划", "行动", "期间", "发展", "教育", "年", "的",
        ]
        .iter()
        .any(|w| after.starts_with(w))
            && !["幼儿园", "学校", "数", "人数", "在校"]
                .iter()
                .any(|w| after.contains(w))
}

/// The year of a one-year plan: the title's, unless the text keeps naming another year that its
/// opening names too (a page titled 2025年工作安排 whose text is 2012年全区教育工作…).
fn body_year(text: &str, head: &[char], titled: i32) -> i32 {
    let chars: Vec<char> = text.chars().collect();
    let mut counts: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
    for i in 0..chars.len() {
        if let Some(y) = year_at(&chars, i)
            && chars.get(i + 4) == Some(&'年')
        {
            *counts.entry(y).or_default() += 1;
        }
    }
    let head_text: String = head.iter().collect();
    let titled_count = counts.get(&titled).copied().unwrap_or(0).max(1);
    counts
        .into_iter()
        .filter(|&(y, n)| y != titled && n > titled_count && head_text.contains(&format!("{y}年")))
        .max_by_key(|&(y, n)| (n, y))
        .map_or(titled, |(y, _)| y)
}

/// A text naming no period whose first look ahead opens with its year (2023年，某县将…) is that
/// year's plan: what it says of earlier years is a report.
fn first_year_looked_ahead_to(text: &str) -> Option<Period> {
    const AHEAD: &[&str] = &["将", "力争", "计划", "预计", "确保", "争取"];
    text.split(['。', '；', '\n'])
        .filter(|s| AHEAD.iter().any(|w| s.contains(w)) && !s.contains('《'))
        .find_map(|sentence| {
            let chars: Vec<char> = sentence.trim().chars().collect();
            year_at(&chars, 0)
                .filter(|_| chars.get(4) == Some(&'年') && matches!(chars.get(5), Some('，' | ',')))
        })
        .map(|y| Period {
            base_year: y - 1,
            last_year: y,
        })
}
