//! The targets of one paragraph: sentences → clauses → number mentions → proposals, with the
//! sentence's time context, subject and verb carried from clause to clause.

use super::lists::give_out_listed_names;
use super::lookback::{earlier_period_named, reports_the_past, without_titles};
use super::names::{clause_subject, is_scope, scoped_like};
use super::numbers::{NumberMention, number_mentions};
use super::sentences::{
    PAST_ADVERBIALS, PAST_IN_CLAUSE, VALUE_STAGES, any_word_in, clauses, has_future_mark,
    quoted_mask, split_sentences, stated_years,
};
use super::targets::{
    ACTION_VERBS, GENERIC_VERBS, MentionContext, mention_target, nearest_action_verb,
};
use super::{Period, Proposal, Resolve};
use crate::model::Attribute;
use crate::text::text_of;

/// What a paragraph carries from sentence to sentence.
struct ParagraphContext {
    period: Option<Period>,
    /// The last forward year a clause stated (到2025年，…).
    year: Option<i32>,
    last_subject: String,
    /// Under a heading of goals (一、工作目标): a figure stated as it is (…率为100%) is one.
    under_goals: bool,
}

/// The targets of one paragraph (headings already removed).
pub(super) fn paragraph_targets(
    text: &str,
    period: Option<Period>,
    under_goals: bool,
) -> Vec<Proposal> {
    let mut context = ParagraphContext {
        period,
        year: None,
        last_subject: String::new(),
        under_goals,
    };
    let mut out = Vec::new();
    let mut carried: Option<Carried> = None;
    // Whether the paragraph opened as a report (截至本月8日，… / 数据显示，五年来…): the
    // sentences after the opening one go on reporting unless one of them sets a target ahead.
    let mut opened_as_report: Option<bool> = None;
    for piece in split_sentences(text) {
        let from = if piece.continues {
            carried.take()
        } else {
            None
        };
        if opened_as_report == Some(true) && !piece.continues && !under_goals {
            if !looks_ahead(&piece.text) {
                carried = None;
                continue;
            }
            opened_as_report = Some(false);
        }
        let opening = opened_as_report.is_none() && !piece.continues;
        let result = sentence_targets(&piece.text, from, opening, &mut context, &mut out);
        if opening {
            opened_as_report = Some(result.opened_as_report && !looks_ahead(&piece.text));
        }
        carried = Some(result);
    }
    out
}

/// A sentence that speaks of what is to be done (到2025年 / 力争 / 确保 / 将新建), not of what
/// there will be (全年将有39所).
fn looks_ahead(sentence: &str) -> bool {
    let open = without_titles(sentence);
    // 能够确保超额完成: a forecast of what will be, not a target set.
    let open = open.replace("能够确保", "能够").replace("能确保", "能");
    [
        "到20",
        "至20",
        "力争",
        "争取",
        "确保",
        "目标是",
        "目标为",
        "任务是",
        "任务为",
    ]
    .iter()
    .any(|w| open.contains(w))
        || open
            .match_indices('将')
            .any(|(i, _)| !open[i..].starts_with("将有"))
}

/// A report's opening: a time of report (截至本月8日 / 五年来) before its first figure with a
/// unit (dates are no figures).
fn opens_as_report(scan: &Scan) -> bool {
    let first_figure = scan
        .mentions
        .iter()
        .find(|m| !m.unit.is_empty() && !["年", "月", "日"].contains(&m.unit.as_str()));
    let Some(first_figure) = first_figure else {
        return false;
    };
    let opening = text_of(&scan.chars, 0, first_figure.start);
    !opening.contains("到20") && PAST_ADVERBIALS.iter().any(|w| opening.contains(w))
}

/// What a piece of an over-long sentence hands to the next piece of the same sentence.
struct Carried {
    past: bool,
    /// The sentence opened with a report's time (截至…, 五年来) or reports the past throughout.
    opened_as_report: bool,
    last_verb: Option<String>,
    resolve: Resolve,
}

/// One sentence scanned: its chars, what is quoted, its numbers.
struct Scan<'a> {
    sentence: &'a str,
    chars: Vec<char>,
    mask: Vec<bool>,
    mentions: Vec<NumberMention>,
    /// The latest year stated before each position (`stated_years`).
    years: Vec<Option<i32>>,
}

/// What the sentence so far says.
struct SentenceContext {
    past: bool,
    /// A past adverbial (截至4月, 近年来) opened the sentence: a later year in it is the year
    /// reported on, not a target's, unless a clause looks ahead again.
    reported: bool,
    last_verb: Option<String>,
    resolve: Resolve,
    /// Where this sentence's proposals start in the output.
    first: usize,
    /// The total a 其中 clause splits up (新建…9所，其中：凉州区4所): where it is in the output.
    whole: Option<usize>,
}

fn sentence_targets(
    sentence: &str,
    carried: Option<Carried>,
    opening: bool,
    context: &mut ParagraphContext,
    out: &mut Vec<Proposal>,
) -> Carried {
    let chars: Vec<char> = sentence.chars().collect();
    let mask = quoted_mask(&chars);
    let scan = Scan {
        sentence,
        mentions: number_mentions(&chars),
        years: stated_years(&chars, &mask),
        chars,
        mask,
    };
    let mut state = match carried {
        Some(c) => SentenceContext {
            past: c.past,
            reported: false,
            last_verb: c.last_verb,
            resolve: c.resolve,
            first: out.len(),
            whole: None,
        },
        None => SentenceContext {
            past: false,
            reported: false,
            last_verb: None,
            resolve: Resolve::Plain,
            first: out.len(),
            whole: None,
        },
    };
    if reports_the_past(
        scan.sentence,
        &scan.chars,
        &scan.mask,
        &scan.mentions,
        context.period,
    ) {
        return Carried {
            past: true,
            opened_as_report: opening && opens_as_report(&scan),
            last_verb: state.last_verb,
            resolve: state.resolve,
        };
    }
    let mut respectively: Option<usize> = None;
    for clause in clauses(&scan.chars, &scan.mask) {
        let (a, b) = (clause.start, clause.end);
        if respectively.is_none() && any_word_in(&scan.chars, a, b, &["分别"], &scan.mask) {
            respectively = Some(out.len());
        }
        if any_word_in(&scan.chars, a, b, &["确保", "保证", "必须"], &scan.mask) {
            state.resolve = Resolve::Firm;
        } else if any_word_in(&scan.chars, a, b, &["力争", "争取"], &scan.mask) {
            state.resolve = Resolve::Strive;
        }
        let clause_past = clause_time(&scan, (a, b), &mut state, context);
        let subject_here = clause_subject(&scan.chars, a, b, &scan.mask);
        let verb_here = nearest_action_verb(&scan.chars, a, b, &scan.mask);
        if opens_with(&scan, a, "其中") && out.len() > state.first {
            state.whole = Some(out.len() - 1);
        }
        // 在计划建设的67万平方米生活用房中，学生宿舍…: a frame is no target; its parts are
        // counted as it says, each named by itself (an empty verb goes on to them).
        let clause_text = text_of(&scan.chars, a, b);
        // 今年确定的新建续建项目中，…: the same frame without its 在.
        let frame = (clause_text.trim_start().starts_with('在')
            || (clause_text.contains('的') && !clause_text.chars().any(|c| c.is_ascii_digit())))
            && clause_text.trim_end().ends_with(['中', '里']);
        if !(state.past || clause_past || frame) {
            clause_targets(&scan, (a, b), &subject_here, &state, context, out);
        }
        if !subject_here.is_empty() && !frame {
            context.last_subject = subject_here;
        }
        if frame && verb_here.is_some() {
            state.last_verb = Some(String::new());
        } else if let Some(v) = verb_here {
            state.last_verb = Some(v);
        }
    }
    if let Some(r) = respectively {
        name_by_the_list_before(out, state.first, r);
    }
    give_out_listed_names(out, state.first, respectively);
    Carried {
        past: state.past,
        opened_as_report: opening && opens_as_report(&scan),
        last_verb: state.last_verb,
        resolve: state.resolve,
    }
}

/// The time context of a clause: updates whether the sentence speaks of the past and the
/// paragraph's year; returns whether this clause itself reports the past (现有, 已建成).
fn clause_time(
    scan: &Scan,
    (a, b): (usize, usize),
    state: &mut SentenceContext,
    context: &mut ParagraphContext,
) -> bool {
    let clause_text = text_of(&scan.chars, a, b);
    // A cited title's words (《…行动计划》) do not look ahead.
    let open_text = without_titles(&clause_text);
    // Only years stated inside this clause change the context.
    let mut past_year_here = false;
    if let Some(y) = scan
        .years
        .get(b)
        .copied()
        .flatten()
        .filter(|y| clause_text.contains(&format!("{y}年")))
    {
        let is_past = context.period.is_some_and(|p| y <= p.base_year);
        past_year_here = is_past;
        state.past = is_past || state.reported;
        if !is_past {
            context.year = Some(y);
        }
    }
    // "比上年提高3个百分点" after 到2025年 or with 每年/年均 is a yearly target, not a report
    // of last year: the comparison is with the year before the one the target is for.
    // In a one-year plan (2024年工作要点) a change on last year is this year's target.
    let one_year_plan = context
        .period
        .is_some_and(|p| p.last_year == p.base_year + 1);
    let forward = ((context.year.is_some() || one_year_plan) && !state.past)
        || open_text.contains("到20")
        || ["每年", "年均", "逐年", "力争", "确保"]
            .iter()
            .any(|w| open_text.contains(w));
    let relative = |w: &&str| forward && clause_text.contains("比上年") && w.contains("上年");
    if (PAST_ADVERBIALS
        .iter()
        .any(|w| clause_text.contains(w) && !relative(w))
        || earlier_period_named(&clause_text, context.period))
        && !clause_text.contains("到20")
    {
        state.past = true;
        state.reported = true;
    }
    // 分别为 states figures as they are, unless the sentence looks ahead (目标…均保持100%；初中…
    // 分别为100%、99.9%).
    let past_so_far = state.past;
    let sentence_ahead = || {
        let open = without_titles(scan.sentence);
        (context.under_goals || has_future_mark(&open)) && !past_so_far
    };
    // …以来 / 已新增: what has been done so far; a plan named before 以来 (计划实施以来) does not
    // look ahead.
    let since = clause_text.contains("以来");
    if since || done_already(&scan.chars, (a, b), &scan.mask) {
        state.past = true;
    }
    let clause_past = PAST_IN_CLAUSE.iter().any(|w| {
        clause_text.contains(w) && !relative(w) && !(w.ends_with('为') && sentence_ahead())
    });
    // 到2015年 in a later plan's look-back is a past year, whatever 到 says.
    if has_future_mark(&open_text)
        && !clause_past
        && !past_year_here
        && !since
        && !done_already(&scan.chars, (a, b), &scan.mask)
    {
        state.past = state.past
            && !open_text.contains("到20")
            && !["力争", "确保", "计划", "预计"]
                .iter()
                .any(|w| open_text.contains(w));
        state.reported &= state.past;
    }
    clause_past
}

/// 已新增 / 已推动开工 / 已经: 已 as an adverb (before a word, not 而已) in the clause.
fn done_already(chars: &[char], (a, b): (usize, usize), mask: &[bool]) -> bool {
    (a..b).any(|i| {
        chars[i] == '已'
            && !mask[i]
            && (i == 0 || !matches!(chars[i - 1], '而' | '不' | '早'))
            && chars
                .get(i + 1)
                .is_some_and(|&c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    })
}

/// The numbers of a clause that can be its own: not quoted, not a grade or duration in words,
/// not part of a name (每百名学生 / 第三期).
fn clause_mentions<'a>(scan: &'a Scan, (a, b): (usize, usize)) -> Vec<&'a NumberMention> {
    scan.mentions
        .iter()
        .filter(|m| m.start >= a && m.start < b && !scan.mask[m.start])
        .filter(|m| m.unit != "年" || !m.chinese)
        .filter(|m| {
            // 近五年 is a time; 近26万个 is nearly so many.
            m.start == 0
                || !(matches!(scan.chars[m.start - 1], '第' | '每' | '各' | '前' | '后')
                    || (scan.chars[m.start - 1] == '近' && m.unit == "年"))
        })
        .collect()
}

/// Whether the clause starting at `a` opens with `word`.
fn opens_with(scan: &Scan, a: usize, word: &str) -> bool {
    let skip = scan.chars[a..]
        .iter()
        .take_while(|c| c.is_whitespace())
        .count();
    crate::text::contains_at(&scan.chars, a + skip, word)
}

fn clause_targets(
    scan: &Scan,
    (a, b): (usize, usize),
    subject: &str,
    state: &SentenceContext,
    context: &ParagraphContext,
    out: &mut Vec<Proposal>,
) {
    let mentions = clause_mentions(scan, (a, b));
    for (k, m) in mentions.iter().enumerate() {
        let cx = MentionContext {
            chars: &scan.chars,
            mask: &scan.mask,
            m,
            a,
            b,
            prev_end: if k > 0 { mentions[k - 1].end } else { a },
            next_start: mentions.get(k + 1).map_or(b, |n| n.start),
            subject,
            last_subject: &context.last_subject,
            inherited_verb: state.last_verb.as_deref(),
        };
        let Some(mut p) = mention_target(&cx) else {
            continue;
        };
        if let Some(prev) = out[state.first..].last().filter(|q| q.unit == p.unit)
            && (p.unit != "%" || prev.name.ends_with('率') || prev.name.ends_with("比例"))
            && let Some(name) = scoped_like(&p.name, &prev.name, opens_with(scan, a, "其中"))
        {
            p.name = name;
        } else if let Some(prev) = out[state.first..].last()
            && let Some(name) = measure_like(&p.name, &prev.name)
        {
            p.name = name;
        } else if let Some(whole) = state.whole.and_then(|w| out.get(w))
            && let Some(name) = part_of_whole(&p.name, &p.unit, whole)
        {
            p.name = name;
        } else if let Some(prev) = out[state.first..].last()
            && let Some(name) = stage_like(&p.name, &p.unit, prev)
        {
            p.name = name;
        } else if let Some(prev) = out[state.first..].last()
            && let Some(name) = rate_for_a_stage(&p.name, &p.unit, prev)
        {
            p.name = name;
        }
        let period = context.period;
        let year = scan
            .years
            .get(m.start)
            .copied()
            .flatten()
            .filter(|y| period.is_none_or(|p| *y > p.base_year))
            .or(context.year);
        // 新建塑胶运动场5块，面积约2.6万平方米: a measure named by its word alone is the last
        // target's (新建塑胶运动场面积).
        const MEASURES_OF_A_THING: &[&str] = &["建筑面积", "占地面积", "面积", "总投资", "投资"];
        let counts_things = |u: &str| {
            !u.is_empty()
                && !["米", "亩", "元", "%", "㎡", "人"]
                    .iter()
                    .any(|m| u.contains(m))
        };
        if let Some(word) = MEASURES_OF_A_THING.iter().find(|w| p.name.ends_with(**w))
            && let Some(prev) = out[state.first..].last()
            && counts_things(&prev.unit)
        {
            let head = &p.name[..p.name.len() - word.len()];
            if head.is_empty() || ACTION_VERBS.contains(&head) {
                p.name = format!("{}{word}", prev.name);
            }
        }
        // 其中2022年前完成4所: the verb alone names nothing; the sentence's last target says
        // what is counted, when it is the same act (改扩建5所、配建3所 are two).
        if ACTION_VERBS.contains(&p.name.as_str())
            && let Some(prev) = out[state.first..].last()
            && (GENERIC_VERBS.contains(&p.name.as_str()) || prev.name.starts_with(&p.name))
        {
            p.name = prev.name.clone();
        }
        out.push(Proposal {
            year: year.or(period.map(|p| p.last_year)),
            year_stated: year.is_some(),
            resolve: state.resolve,
            attribute: if state.resolve == Resolve::Firm {
                Attribute::Binding
            } else {
                Attribute::Expected
            },
            sentence: scan.sentence.to_owned(),
            ..p
        });
    }
}

/// 残疾儿童入学率99.9%，巩固率99%以上: a bare measure after one with a scope (残疾儿童) shares it.
fn measure_like(name: &str, previous: &str) -> Option<String> {
    let n = name.chars().count();
    let prev: Vec<char> = previous.chars().collect();
    let measure = |s: &str| s.ends_with('率');
    if n != 3
        || !measure(name)
        || !measure(previous)
        || prev.len() <= n + 1
        || previous.ends_with(name)
    {
        return None;
    }
    let scope: String = prev[..prev.len() - n].iter().collect();
    (scope.chars().count() <= 16).then(|| format!("{scope}{name}"))
}

/// 新建公办幼儿园、中小学9所，其中：凉州区4所: a count under 其中 named only by a scope (with
/// the verb it inherits) is the part of the total in that scope.
fn part_of_whole(name: &str, unit: &str, whole: &Proposal) -> Option<String> {
    // 新增3.2万个学位，其中赤坎区3505个: the same unit, counted in ten thousands or not.
    let counted = |u: &str| u.trim_start_matches(['万', '亿']).to_owned();
    if counted(unit) != counted(&whole.unit) || unit.contains('%') || unit.is_empty() {
        return None;
    }
    // The verbs it inherits, listed or not (新建、改扩建东城区 → 东城区).
    let mut scope = name;
    while let Some(rest) = ACTION_VERBS
        .iter()
        .filter_map(|v| scope.strip_prefix(v))
        .chain(scope.strip_prefix('、'))
        .min_by_key(|s| s.len())
    {
        scope = rest;
    }
    // 改扩建幼儿园3所 after 新建幼儿园6所，其中…: its own act, not a part.
    let verbs = &name[..name.len() - scope.len()];
    if !verbs.is_empty() && !whole.name.contains(verbs) {
        return None;
    }
    // 其中公办4所，民办2所: who runs them is a part too.
    // 新建、改扩建幼儿园275所，其中新建88所: a part named by one of the total's verbs.
    if scope.is_empty() {
        return (whole.name.contains(verbs) && whole.name != verbs)
            .then(|| format!("{}（{verbs}）", whole.name));
    }
    let ownership = ["公办", "民办", "公办园", "民办园", "公办学校", "民办学校"].contains(&scope);
    // 其中延吉4所、珲春1所: a short name with no verb under 其中 is a place the total is split by.
    let place = !verbs.is_empty()
        && (2..=3).contains(&scope.chars().count())
        && !scope.ends_with(['率', '数', '校', '园', '生', '师']);
    (is_scope(scope) || ownership || place).then(|| format!("{}（{scope}）", whole.name))
}

/// 新改扩建中小学45所、幼儿园18所，分别新增学位4.68万和7000个: values after 分别 under one name
/// belong, in order, to the things counted just before it (新增学位（中小学）, 新增学位（幼儿园）).
fn name_by_the_list_before(out: &mut [Proposal], first: usize, r: usize) {
    let Some(name) = out.get(r).map(|p| p.name.clone()) else {
        return;
    };
    let run = out[r..].iter().take_while(|p| p.name == name).count();
    if run < 2 || r < first + run || name.contains('、') {
        return;
    }
    let before = &out[r - run..r];
    let objects: Vec<String> = before
        .iter()
        .map(|p| {
            // 新改扩建: a 新 before the verb is the verb's.
            let name = p
                .name
                .strip_prefix('新')
                .filter(|rest| ACTION_VERBS.iter().any(|v| rest.starts_with(v)))
                .unwrap_or(&p.name);
            ACTION_VERBS
                .iter()
                .filter_map(|v| name.strip_prefix(v))
                .min_by_key(|s| s.len())
                .unwrap_or(name)
                .to_owned()
        })
        .collect();
    let distinct = objects.iter().enumerate().all(|(k, o)| {
        !o.is_empty() && objects[..k].iter().all(|x| x != o) && !name.contains(o.as_str())
    });
    if !distinct {
        return;
    }
    for (p, o) in out[r..r + run].iter_mut().zip(objects) {
        p.name = format!("{name}（{o}）");
    }
}

/// 学段 a count may be split by.
const COUNT_STAGES: &[&str] = &[
    "学前教育",
    "义务教育",
    "普通高中",
    "高中阶段",
    "职业教育",
    "中职",
    "中小学",
    "小学",
    "初中",
    "高中",
    "幼儿园",
];

/// 新增公办学位学前教育13万个、义务教育80万个: a count named only by its 学段 (with the verb it
/// inherits) is the count before it for that 学段.
/// 年度巩固率小学为100%、初中在98%以上: a 学段 alone after a rate given for another 学段 is
/// that rate's for this one (年度巩固率（初中）; 小学巩固率 … 初中 → 初中巩固率).
fn rate_for_a_stage(name: &str, unit: &str, prev: &Proposal) -> Option<String> {
    if unit != "%" || prev.unit != "%" {
        return None;
    }
    let stage = name
        .trim_end_matches(['在', '为'])
        .trim_end_matches("稳定")
        .trim_end_matches("保持");
    if !VALUE_STAGES.contains(&stage) {
        return None;
    }
    let rate = |r: &str| r.chars().count() >= 2 && (r.ends_with('率') || r.ends_with("比例"));
    let prev_name = prev.name.trim_end_matches(['）', ')']);
    VALUE_STAGES.iter().find_map(|st| {
        if let Some(r) = prev_name.strip_suffix(st) {
            let r = r.trim_end_matches(['（', '(']);
            rate(r).then(|| format!("{r}（{stage}）"))
        } else {
            let r = prev.name.strip_prefix(st)?;
            rate(r).then(|| format!("{stage}{r}"))
        }
    })
}

fn stage_like(name: &str, unit: &str, prev: &Proposal) -> Option<String> {
    if unit != prev.unit || unit.contains('%') || unit.is_empty() {
        return None;
    }
    let stage = ACTION_VERBS
        .iter()
        .filter_map(|v| name.strip_prefix(v))
        .min_by_key(|s| s.len())
        .unwrap_or(name);
    // The item's verb is the count's own (新建幼儿园8所、改扩建幼儿园12所 are two counts).
    let verb = &name[..name.len() - stage.len()];
    if !COUNT_STAGES.contains(&stage) || !prev.name.starts_with(verb) {
        return None;
    }
    let before = COUNT_STAGES
        .iter()
        .find_map(|st| prev.name.strip_suffix(st))?;
    // 新建城区小学2所、初中1所: a scope before the 学段 is not the second one's.
    let scoped = ["区", "县", "市", "镇", "村", "乡", "农村", "城镇"]
        .iter()
        .any(|w| before.ends_with(w));
    (before.chars().count() >= 2 && !scoped).then(|| format!("{before}{stage}"))
}

#[cfg(test)]
mod tests {
    use super::super::{Block, extract_targets};

    fn found(blocks: &[&str]) -> Vec<(String, f64)> {
        super::super::test_support::found_in(blocks)
    }

    use super::super::test_support::pairs;

    #[test]
    fn each_item_of_a_list_with_its_own_cue_keeps_its_own_name() {
        assert_eq!(
            found(&[
                "2025年重点工作",
                "力争高中阶段毛入学率达96%以上、随迁子女公办学校就读比例达90%、寄宿制学校达标率达到80%。"
            ]),
            pairs(&[
                ("高中阶段毛入学率", 96.0),
                ("随迁子女公办学校就读比例", 90.0),
                ("寄宿制学校达标率", 80.0)
            ])
        );
    }

    #[test]
    fn a_verb_after_a_list_mark_ends_the_counted_object() {
        assert_eq!(
            found(&["今年将改造6所薄弱学校、实现乡村学校网络全覆盖。"]),
            pairs(&[("改造薄弱学校", 6.0)])
        );
    }

    #[test]
    fn a_news_posts_numbered_sections_look_back_or_ahead_by_their_titles() {
        assert_eq!(
            found(&[
                "01",
                "2024年工作回顾",
                "新建幼儿园5所，新增学位2700个。",
                "02",
                "2025年重点任务",
                "计划新建幼儿园3所。"
            ]),
            pairs(&[("新建幼儿园", 3.0)])
        );
    }

    #[test]
    fn what_was_done_since_a_plan_began_or_already_is_not_a_target() {
        assert_eq!(
            found(&[
                "行动计划实施以来，全县已建成普惠性幼儿园21所，其中公办园14所。到2027年，新增公办学位3000个。"
            ]),
            pairs(&[("新增公办学位", 3000.0)])
        );
        assert_eq!(
            found(&["2025年，全区已改造薄弱学校12所；力争新建小学2所。"]),
            pairs(&[("新建小学", 2.0)])
        );
    }

    #[test]
    fn a_count_named_only_by_its_stage_is_the_count_before_it_for_that_stage() {
        assert_eq!(
            found(&["两年内计划新增学位学前教育2万个、义务教育6万个、普通高中1万个。"]),
            pairs(&[
                ("新增学位学前教育", 2.0),
                ("新增学位义务教育", 6.0),
                ("新增学位普通高中", 1.0)
            ])
        );
    }

    #[test]
    fn stages_after_a_verbs_object_are_the_object_and_a_share_may_open_its_clause() {
        assert_eq!(
            found(&[
                "2026年目标：争创省级标准化小学和初中6所，创立市级文明校园4所，90%乡村学校创建成智慧校园。"
            ]),
            pairs(&[
                ("争创省级标准化小学和初中", 6.0),
                ("创立市级文明校园", 4.0),
                ("创建成智慧校园的乡村学校", 90.0)
            ])
        );
    }

    #[test]
    fn a_headlines_closing_bracket_ends_the_counted_object() {
        assert_eq!(
            found(&["聚焦两会|今年将新建幼儿园12所】县政府工作报告提出，要办好学前教育。"]),
            pairs(&[("新建幼儿园", 12.0)])
        );
    }

    #[test]
    fn a_target_stated_once_with_its_year_and_once_without_is_one() {
        let blocks = [
            Block::Paragraph("2026年，全县将新建幼儿园5所，新增学位900个。".into()),
            Block::Paragraph("主要任务".into()),
            Block::Paragraph("新建幼儿园5所。".into()),
        ];
        let got: Vec<(String, f64, Option<i32>)> = extract_targets(&blocks)
            .into_iter()
            .map(|p| (p.name, p.value, p.year))
            .collect();
        assert_eq!(
            got,
            [
                ("新建幼儿园".to_owned(), 5.0, Some(2026)),
                ("新增学位".to_owned(), 900.0, Some(2026))
            ]
        );
    }

    #[test]
    fn values_after_respectively_share_a_unit_and_belong_to_the_things_counted_before() {
        assert_eq!(
            found(&["今年将新建小学6所、幼儿园9所，分别新增学位1.2万和2700个。"]),
            pairs(&[
                ("新建小学", 6.0),
                ("新建幼儿园", 9.0),
                ("新增学位（小学）", 1.2),
                ("新增学位（幼儿园）", 2700.0)
            ])
        );
        let units: Vec<String> = extract_targets(&[Block::Paragraph(
            "今年将新建小学6所、幼儿园9所，分别新增学位1.2万和2700个。".into(),
        )])
        .into_iter()
        .map(|p| p.unit)
        .collect();
        assert_eq!(units, ["所", "所", "万个", "个"]);
    }

    #[test]
    fn a_count_summing_up_listed_names_is_named_by_what_is_said_of_them() {
        assert_eq!(
            found(&[
                "2026年学校建设工作方案",
                "5月，城东小学、城西小学、北关幼儿园3所学校改扩建项目完成主体工程。",
                "8月，城东小学等2所学校改扩建项目完成装修工程，南关中学等4所学校开学招生。"
            ]),
            pairs(&[
                ("完成主体工程的学校改扩建项目", 3.0),
                ("完成装修工程的学校改扩建项目", 2.0),
                ("开学招生的学校", 4.0)
            ])
        );
    }

    #[test]
    fn a_population_is_not_a_count_of_people() {
        assert_eq!(
            found(&[
                "到2027年，30万人口以上的县均建有特殊教育学校，适龄残疾儿童入学率达到97%以上。"
            ]),
            pairs(&[("适龄残疾儿童入学率", 97.0)])
        );
    }
}

#[cfg(test)]
mod progress_tests {
    use super::super::test_support::{found_in, pairs};

    #[test]
    fn a_progress_report_dated_by_jiezhi_is_no_target_even_when_it_names_the_year() {
        assert_eq!(
            found_in(&[
                "2020年新改扩建公办幼儿园20所。",
                "截至4月，2020年新改扩建20所公办幼儿园，已推动开工建设7所，开工率35%。"
            ]),
            pairs(&[("新改扩建公办幼儿园", 20.0)])
        );
    }

    #[test]
    fn a_list_mark_with_a_closing_bracket_is_not_in_the_name() {
        assert_eq!(
            found_in(&["2)普高证书会考合格率达到95.8%。"]),
            pairs(&[("普高证书会考合格率", 95.8)])
        );
    }
}

#[cfg(test)]
mod report_and_stage_tests {
    use super::super::test_support::{found_in, pairs};

    #[test]
    fn a_paragraph_opened_by_a_report_date_goes_on_reporting_until_it_looks_ahead() {
        let got = found_in(&[
            "今年，全市的建设任务为，新建、改扩建中小学30所。",
            "市教育局相关负责人表示，截至本月8日，市区30所中小学建设任务，有30所开工建设，圆满完成年度目标任务。市区有29所中小学投入使用，已超额完成年度26所目标任务。全市有33所幼儿园投入使用，完成年初35所目标任务的94.29%，全年将有39所幼儿园投入使用，能够确保超额完成年度目标任务。到2025年，全市新建幼儿园20所。",
        ]);
        assert_eq!(
            got,
            [
                ("新建、改扩建中小学".to_owned(), 30.0),
                ("新建幼儿园".to_owned(), 20.0)
            ]
        );
    }

    #[test]
    fn a_rate_given_for_one_stage_after_another_keeps_its_name_for_each() {
        assert_eq!(
            found_in(&[
                "到2025年，年度巩固率小学为100%、初中在98%以上，高中在97%以上，职业中专在95%以上。"
            ]),
            pairs(&[
                ("年度巩固率小学", 100.0),
                ("年度巩固率（初中）", 98.0),
                ("年度巩固率（高中）", 97.0),
                ("年度巩固率（职业中专）", 95.0),
            ])
        );
        assert_eq!(
            found_in(&["到2025年，小学巩固率达到100%，初中达到98%。"]),
            pairs(&[("小学巩固率", 100.0), ("初中巩固率", 98.0)])
        );
    }
}
