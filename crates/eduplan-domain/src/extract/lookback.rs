//! Passages that report the past without a look-back heading: a verb with 了, a year's figure
//! compared with an earlier year, a stock counted as it stands, an earlier plan period named, a
//! whole document that never looks ahead (news of a year's work).
//!
//! Words inside a cited title (《…三年行动计划》) are the title's, not the sentence's: they never
//! make a passage look ahead.

use std::borrow::Cow;

use super::numbers::{NumberMention, year_at};
use super::sentences::stated_year_before;
use super::targets::{ACTION_VERBS, CUE_WORDS};
use super::{Block, Period};
use crate::text::{contains_at, find_word};

/// Words that make a sentence look ahead (到2025年, 力争, 将 …).
const AHEAD: &[&str] = &[
    "到20",
    "到“十",
    "到\"十",
    "到十",
    "力争",
    "争取",
    "计划",
    "预计",
    "将",
    "确保",
];

/// Verbs of change that take 了 in a report (提高了39.6个百分点).
const CHANGE_VERBS: &[&str] = &[
    "提高", "提升", "增长", "下降", "降低", "减少", "实现", "达到", "突破",
];

/// The text without what cited titles hold (《…》) and without a cited target (“达到70%”的目标):
/// their words are not the sentence's.
pub(super) fn without_titles(text: &str) -> Cow<'_, str> {
    if let Some(end) = text.find("”的目标")
        && let Some(start) = text[..end].rfind('“')
    {
        let cited = format!("{}{}", &text[..start], &text[end + "”的目标".len()..]);
        return Cow::Owned(without_titles(&cited).into_owned());
    }
    if !text.contains('《') {
        return Cow::Borrowed(text);
    }
    let mut depth = 0u32;
    Cow::Owned(
        text.chars()
            .filter(|&c| match c {
                '《' => {
                    depth += 1;
                    false
                }
                '》' => {
                    depth = depth.saturating_sub(1);
                    false
                }
                _ => depth == 0,
            })
            .collect(),
    )
}

/// A sentence that reports what was done, whatever its section: a verb with 了 (实现了, 提高了;
/// any verb with 了 when nothing looks ahead: 出台了), or a figure compared with an earlier year
/// (2018年…比2010年增加2154所) in a sentence that does not look ahead, or that states a stock as
/// it stands (到2015年，全区幼儿园57所，比2010年增加12所).
pub(super) fn reports_the_past(
    sentence: &str,
    chars: &[char],
    mask: &[bool],
    mentions: &[NumberMention],
    period: Option<Period>,
) -> bool {
    if done_with_le(chars, mask, ACTION_VERBS) || done_with_le(chars, mask, CHANGE_VERBS) {
        return true;
    }
    // 比十年前提高3.6个百分点: no plan sets a figure against years ago.
    if compared_with_years_ago(chars, mask) {
        return true;
    }
    let open = without_titles(sentence);
    let firm_ahead = AHEAD.iter().any(|w| *w != "到20" && open.contains(w));
    let compared = compared_with_a_year(chars, mask);
    if !firm_ahead && compared && states_a_stock(chars, mask, mentions) {
        return true;
    }
    // 至2025年 looks ahead; 提升至2020年的55.53% is the level a change reached.
    let until_a_year = open
        .match_indices("至20")
        .any(|(i, _)| !open[..i].ends_with(['升', '高', '增', '降', '少', '长']));
    if until_a_year || AHEAD.iter().any(|w| open.contains(w)) {
        return false;
    }
    if aspect_le(chars, mask) {
        return true;
    }
    compared
        && stated_year_before(chars, chars.len(), mask)
            .is_some_and(|y| period.is_none_or(|p| y <= p.base_year))
}

/// 实现了 / 提高了: one of `verbs` right before an unquoted 了.
fn done_with_le(chars: &[char], mask: &[bool], verbs: &[&str]) -> bool {
    (0..chars.len())
        .any(|i| chars[i] == '了' && !mask[i] && verbs.iter().any(|v| ends_at(chars, i, v)))
}

/// 了 as the mark of a thing done (出台了《…》), not 为了 / 除了 / 了解 / 不了.
fn aspect_le(chars: &[char], mask: &[bool]) -> bool {
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    (1..chars.len()).any(|i| {
        chars[i] == '了'
            && !mask[i]
            && cjk(chars[i - 1])
            && !matches!(chars[i - 1], '为' | '除' | '不' | '罢' | '得' | '好')
            && !matches!(chars.get(i + 1), Some('解' | '然'))
    })
}

/// 比十年前 / 较5年前: a figure set against a time some years ago.
fn compared_with_years_ago(chars: &[char], mask: &[bool]) -> bool {
    (1..chars.len()).any(|i| {
        matches!(chars[i - 1], '比' | '较') && !mask[i] && {
            let n = chars[i..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || super::numbers::is_cn_digit(**c))
                .count();
            n > 0 && contains_at(chars, i + n, "年前")
        }
    })
}

/// 比2010年 / 较2015年 / 从2015年: a figure set against an earlier year.
fn compared_with_a_year(chars: &[char], mask: &[bool]) -> bool {
    (1..chars.len()).any(|i| {
        matches!(chars[i - 1], '比' | '较' | '从')
            // 占比2019年底达到30%: the 比 of 占比.
            && !(chars[i - 1] == '比' && i >= 2 && chars[i - 2] == '占')
            && !mask[i]
            && year_at(chars, i).is_some()
            && chars.get(i + 4) == Some(&'年')
    })
}

/// A count stated as it stands (全区幼儿园57所): a number with its unit after words that hold no
/// cue and no action in its clause.
fn states_a_stock(chars: &[char], mask: &[bool], mentions: &[NumberMention]) -> bool {
    mentions.iter().any(|m| {
        if mask[m.start] || m.unit.is_empty() || m.unit == "年" || m.unit.contains('%') {
            return false;
        }
        let a = (0..m.start)
            .rev()
            .find(|&i| super::sentences::is_clause_break(chars[i]))
            .map_or(0, |i| i + 1);
        let words = chars[a..m.start]
            .iter()
            .filter(|c| !c.is_ascii_digit() && !matches!(c, '年' | '底' | '末'))
            .count();
        words >= 2
            && !CUE_WORDS
                .iter()
                .chain(ACTION_VERBS)
                .chain(["到", "至", "比", "较", "约", "共", "有"].iter())
                .any(|w| find_word(chars, a, m.start, w).is_some())
    })
}

/// Whether `word` ends right before `chars[i]`.
pub(super) fn ends_at(chars: &[char], i: usize, word: &str) -> bool {
    let n = word.chars().count();
    i >= n && chars[i - n..i].iter().copied().eq(word.chars())
}

/// “十四五”期间 / 十四五时期 / “十四五”以来 in a plan for a later period: a report.
pub(super) fn earlier_period_named(clause: &str, period: Option<Period>) -> bool {
    const PERIODS: &[(&str, i32)] = &[
        ("十一五", 2010),
        ("十二五", 2015),
        ("十三五", 2020),
        ("十四五", 2025),
        ("十五五", 2030),
    ];
    let Some(period) = period else {
        return false;
    };
    PERIODS.iter().any(|(name, last)| {
        *last <= period.base_year
            && clause.match_indices(name).any(|(i, _)| {
                let after = clause[i + name.len()..].trim_start_matches(['”', '"', '’']);
                ["期间", "时期", "以来", "末", "规划实施"]
                    .iter()
                    .any(|w| after.starts_with(w))
            })
    })
}

/// Words a plan names itself by (规划, 工作要点, 为民办实事 …).
const PLAN_WORDS: &[&str] = &[
    "规划",
    "计划",
    "要点",
    "方案",
    "意见",
    "纲要",
    "实事",
    "任务",
    "安排",
    "部署",
    "打算",
    "思路",
    "重点工作",
];

/// A text that reports the past throughout: it opens as a report (a paragraph among its first
/// three that starts with the year it reports on, 2022年，…; or 总结 / 成效 / 综述 in them) and
/// never looks ahead — no plan word and no word of the future outside cited titles.
pub(super) fn reports_throughout(blocks: &[Block]) -> bool {
    opens_as_report(blocks) && !looks_ahead(blocks)
}

fn block_text(b: &Block) -> String {
    match b {
        Block::Paragraph(p) | Block::Heading(_, p) => crate::text::fold_width(p),
        Block::Row(cells) => crate::text::fold_width(&cells.join(" ")),
    }
}

fn opens_as_report(blocks: &[Block]) -> bool {
    const REPORT_WORDS: &[&str] = &["总结", "成效", "综述", "回顾", "亮点", "纪实", "成绩"];
    blocks.iter().take(3).map(block_text).any(|t| {
        let chars: Vec<char> = t.trim_start().chars().collect();
        let year_first = year_at(&chars, 0).is_some()
            && chars.get(4) == Some(&'年')
            && matches!(chars.get(5), Some(',' | '，'));
        year_first || REPORT_WORDS.iter().any(|w| t.contains(w))
    })
}

/// Whether the document looks ahead anywhere: a plan word or a word of the future outside cited
/// titles (积极争取各类资金 is effort, not a time ahead).
fn looks_ahead(blocks: &[Block]) -> bool {
    const FUTURE: &[&str] = &[
        "到20",
        "至20",
        "力争",
        "争取到",
        "争取在",
        "预计",
        "将",
        "确保",
        "目标",
    ];
    blocks.iter().any(|b| {
        let text = block_text(b);
        let open = without_titles(&text);
        let chars: Vec<char> = open.chars().collect();
        (0..chars.len()).any(|i| {
            FUTURE
                .iter()
                .chain(PLAN_WORDS)
                .any(|w| contains_at(&chars, i, w))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Block, extract_targets};

    fn values(paragraphs: &[&str]) -> Vec<f64> {
        let blocks: Vec<Block> = paragraphs
            .iter()
            .map(|p| Block::Paragraph((*p).to_owned()))
            .collect();
        extract_targets(&blocks).iter().map(|p| p.value).collect()
    }

    #[test]
    fn a_cited_plan_title_does_not_look_ahead() {
        assert!(
            values(&[
                "2013年印发《全县学前教育三年行动计划》以来，全县共建成幼儿园40所，学前三年入园率达95%以上。"
            ])
            .is_empty()
        );
    }

    #[test]
    fn a_verb_with_le_reports_what_was_done() {
        assert!(
            values(&["县政府出台了《关于加快学前教育发展的意见》，公办幼儿园在园幼儿占比达52%。"])
                .is_empty()
        );
        assert_eq!(
            values(&["为了办好人民满意的教育，到2025年，学前三年毛入园率达到95%。"]),
            [95.0]
        );
    }

    #[test]
    fn a_stock_set_against_an_earlier_year_is_a_statistic() {
        assert!(values(&["到2015年，全区幼儿园57所，比2010年增加12所。"]).is_empty());
        assert_eq!(
            values(&["到2025年，全区幼儿园达到60所，比2020年增加12所。"]),
            [60.0, 12.0]
        );
    }

    #[test]
    fn news_of_a_years_work_has_no_target() {
        let news = [
            "某县：教育事业稳步发展",
            "2022年，某县深入实施教育强县战略，办学条件持续改善。",
            "招聘特岗教师52人，新建幼儿园3所，新增学位750个。",
        ];
        assert!(values(&news).is_empty());
        let plan = [
            "某县2023年教育工作要点",
            "2023年，某县深入实施教育强县战略。",
            "招聘特岗教师52人，新建幼儿园3所，新增学位750个。",
        ];
        assert_eq!(values(&plan), [52.0, 3.0, 750.0]);
    }

    #[test]
    fn an_earlier_year_in_a_text_that_looks_ahead_to_a_later_one_is_a_report() {
        assert_eq!(
            values(&[
                "2022年，某县投入4434万元，改薄学校17所，新建5所公办幼儿园。",
                "2023年，某县将新建公办幼儿园3所。",
            ]),
            [3.0]
        );
    }

    #[test]
    fn a_rate_stated_with_wei_and_a_cited_target_met_are_statistics() {
        assert_eq!(
            values(&[
                "到2025年，学前三年毛入园率达到95%。",
                "2020年，全国九年义务教育巩固率为95.2%，实现《纲要》“达到95%”的目标。",
            ]),
            [95.0]
        );
    }

    #[test]
    fn a_plan_already_named_does_not_look_ahead() {
        assert_eq!(
            values(&[
                "到2025年，学前三年毛入园率达到95%。",
                "近年来，连续实施三期学前教育行动计划，新建幼儿园12所。",
            ]),
            [95.0]
        );
    }

    #[test]
    fn a_condition_and_results_achieved_are_no_targets() {
        assert_eq!(
            values(&[
                "到2026年，新建幼儿园5所。",
                "对于招收5名以上残疾学生的普通学校，要建立资源教室。",
                "2025年取得的成效包括：新建改扩建普通高中30所。",
            ]),
            [5.0]
        );
    }

    #[test]
    fn years_ago_and_these_five_years_report_the_past() {
        assert_eq!(
            values(&[
                "到2025年，学前三年毛入园率达到95%，新增学位近26万个。",
                "九年义务教育巩固率达到95.4%，比十年前提高3.6个百分点。",
                "这五年，某县新建各类学校46所，补充招聘教师946人。",
            ]),
            [95.0, 26.0]
        );
    }

    #[test]
    fn a_results_section_opened_after_a_colon_looks_back() {
        assert_eq!(
            values(&[
                "2024年工作总结及2025年工作计划。现将全年工作情况总结汇报如下：一、2024年度主要工作成效（一）供给体系持续完善。投入680万元完成17所学校操场塑化改造，新建标准化实验室26间。二、2025年工作计划。新建幼儿园3所。",
            ]),
            [3.0]
        );
    }

    #[test]
    fn the_span_of_a_statistic_is_no_plan_period() {
        assert_eq!(
            values(&[
                "2020年，全国学前教育毛入园率为85.2%，比2010年提高28.6个百分点。",
                "2010—2020年幼儿园数及学前教育毛入园率。",
            ]),
            [] as [f64; 0]
        );
        assert_eq!(
            values(&["规划期为2021-2025年。", "学前三年毛入园率达到95%。"]),
            [95.0]
        );
    }
}
