//! The target rules: whether a number mention is a target, its comparison and kind, and the
//! words that name it.

use super::names::{Naming, context_name, target_name, with_stage};
use super::numbers::{NumberMention, year_at};
use super::{Proposal, Resolve};
use crate::model::{Attribute, Comparison, IndicatorKind};
use crate::text::{contains_at, find_word, text_of};

// Sentences and clauses

/// Words that make a clause forward-looking or name the action a count target counts.
pub(super) const ACTION_VERBS: &[&str] = &[
    "新（改、扩）建",
    "新(改、扩)建",
    "新（改扩）建",
    "改扩建",
    "开工建设",
    "新建成",
    "新建",
    "改建",
    "扩建",
    "投入使用",
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
    "招录",
    "解决",
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
    "创办",
    "开办",
    "争创",
    "创立",
    "推进",
    "竣工",
    "迁建",
    "撤并",
    "设置",
    "扩充",
    "提质",
    "惠及",
    "开建",
    "重组",
    "扩容改造",
];
/// Having a count as the plan wants it (每个乡镇都建有1所公办中心幼儿园): the count is named by
/// its object alone. 现有 / 已有 / 共有 report the past instead (`PAST_IN_CLAUSE`).
pub(super) const HAVING: &[&str] = &["建有", "都有", "均有", "至少有"];
pub(super) const CUE_WORDS: &[&str] = &[
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
pub(super) fn nearest_action_verb(
    chars: &[char],
    a: usize,
    b: usize,
    mask: &[bool],
) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for i in (a..b).filter(|&i| !mask[i] && may_start_a_verb(chars, i)) {
        for v in ACTION_VERBS {
            if verb_at(chars, i, v) && best.is_none_or(|(j, w)| i >= j + w.chars().count()) {
                best = Some((i, v));
            }
        }
    }
    // 新建、迁建、改扩建公办幼儿园10所，中小学校16所: the later item takes all the verbs.
    best.map(|(i, v)| super::names::full_verb(chars, a, i, v))
}

/// Whether any action verb starts with the character at `i` (most characters start none, and
/// the verbs need not be tried there).
fn may_start_a_verb(chars: &[char], i: usize) -> bool {
    static FIRST: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let first = FIRST.get_or_init(|| {
        let mut v: Vec<char> = ACTION_VERBS
            .iter()
            .filter_map(|w| w.chars().next())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    chars.get(i).is_some_and(|c| first.binary_search(c).is_ok())
}

/// The action verb `v` at `i`, unless it modifies the noun after it (完成时间, 建设标准, 达标率,
/// 建设资金, 建设面积): then it is part of a name, not what the target counts.
fn verb_at(chars: &[char], i: usize, v: &str) -> bool {
    const NOUN_TAILS: &[&str] = &[
        "时间",
        "率",
        "比例",
        "标准",
        "资金",
        "面积",
        "经费",
        "用地",
        "总投资",
    ];
    // 力争创办: the 争 of 力争 starts no verb (争创).
    if i > 0 && chars[i - 1] == '力' && v.starts_with('争') {
        return false;
    }
    // 投入资金 / 安排资金 is still spending: money is what they act on.
    contains_at(chars, i, v)
        && (v == "投入"
            || v == "安排"
            || !NOUN_TAILS
                .iter()
                .any(|t| contains_at(chars, i + v.chars().count(), t)))
}

pub(super) fn action_verb_in(
    chars: &[char],
    a: usize,
    b: usize,
    mask: &[bool],
    last: bool,
) -> Option<(usize, &'static str)> {
    let mut found: Option<(usize, &'static str)> = None;
    for i in (a..b).filter(|&i| !mask[i] && may_start_a_verb(chars, i)) {
        for v in ACTION_VERBS {
            if verb_at(chars, i, v) {
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
pub(super) const GENERIC_VERBS: &[&str] = &["实施", "开展", "建立", "提供", "安排", "推广", "完成"];
/// Verbs that name a count only when nothing after the number says what is done (推进15个续建
/// 项目, but 推进2所公办幼儿园的新建工程 counts what is built).
pub(super) const WEAK_VERBS: &[&str] = &["推进"];

/// One number mention in its clause, with what the sentence so far says around it.
pub(super) struct MentionContext<'a> {
    pub(super) chars: &'a [char],
    pub(super) mask: &'a [bool],
    pub(super) m: &'a NumberMention,
    /// The clause's char range.
    pub(super) a: usize,
    pub(super) b: usize,
    /// Where the previous mention of the clause ends (else `a`) and the next starts (else `b`).
    pub(super) prev_end: usize,
    pub(super) next_start: usize,
    pub(super) subject: &'a str,
    pub(super) last_subject: &'a str,
    pub(super) inherited_verb: Option<&'a str>,
}

/// The action verbs around a mention: the last one before it in its clause, the first one after
/// it before the next mention.
pub(super) struct Verbs {
    pub(super) before: Option<(usize, &'static str)>,
    pub(super) after: Option<(usize, &'static str)>,
}

impl MentionContext<'_> {
    pub(super) fn text(&self, from: usize, to: usize) -> String {
        text_of(self.chars, from, to)
    }
    pub(super) fn before_text(&self) -> String {
        self.text(self.a, self.m.start)
    }
    /// From the end of the mention to the next mention (or the clause's end).
    pub(super) fn after_text(&self) -> String {
        self.text(self.m.end, self.next_start.min(self.b))
    }
    /// Bare numbers (差异系数0.50) read like rates: named by their subject, never counted up.
    pub(super) fn is_percent(&self) -> bool {
        super::numbers::is_rate_unit(&self.m.unit)
    }
    pub(super) fn is_money(&self) -> bool {
        super::numbers::is_money_unit(&self.m.unit)
    }
    fn verbs(&self) -> Verbs {
        Verbs {
            before: action_verb_in(self.chars, self.a, self.m.start, self.mask, true),
            after: action_verb_in(
                self.chars,
                self.m.end,
                self.next_start.min(self.b),
                self.mask,
                false,
            ),
        }
    }
}

/// Decide whether one number is a target and build its proposal (chapter, sentence and year
/// are filled in by the caller).
pub(super) fn mention_target(cx: &MentionContext) -> Option<Proposal> {
    if !plausible_number(cx) {
        return None;
    }
    let verbs = cx.verbs();
    let reading = read_target(cx, &verbs)?;
    if !qualifies(cx, &verbs) {
        return None;
    }
    let name = match target_name(cx, &verbs) {
        Naming::NotATarget => return None,
        Naming::FromContext => context_name(cx)?,
        Naming::Named(name) => {
            let name = planned_money(cx, without_frame_words(&with_stage(cx, name)));
            if name.chars().count() < 2 {
                context_name(cx)?
            } else {
                name
            }
        }
    };
    Some(proposal_template(cx.chars, cx.a, cx.m, reading, name))
}

/// 计划投入4223万元 / 计划投资900万元 / 争取上级资金820万元: a sum named by a word or two keeps
/// the 计划 or 争取 before it (投入 alone says nothing of the future).
fn planned_money(cx: &MentionContext, name: String) -> String {
    let money = cx.is_money();
    let before = cx.before_text();
    let before = before.trim_end();
    // 争取上级资金820万元: funds sought, not a resolve.
    ["计划", "争取"]
        .iter()
        .map(|w| format!("{w}{name}"))
        .find(|planned| money && before.ends_with(planned.as_str()) && name.chars().count() <= 4)
        .unwrap_or(name)
}

/// A name without the words around it that are not the measure's: an example's 如 and its year
/// (如2015年学前三年毛入园率), a change's 从 (毛入园率从60%提高到70%), 做到 before a limit.
fn without_frame_words(name: &str) -> String {
    let mut n = name;
    for lead in ["例如", "比如", "如", "即", "逐步做到", "做到"] {
        if let Some(rest) = n.strip_prefix(lead)
            && rest.chars().count() >= 2
        {
            n = rest;
            break;
        }
    }
    let chars: Vec<char> = n.chars().collect();
    if year_at(&chars, 0).is_some() && chars.get(4) == Some(&'年') && chars.len() > 7 {
        n = &n[n.char_indices().nth(5).map_or(0, |(i, _)| i)..];
    }
    for tail in ["从", "由"] {
        if let Some(rest) = n.strip_suffix(tail)
            && rest.chars().count() >= 2
        {
            n = rest;
        }
    }
    n.to_owned()
}

/// Ordinals, durations, zero counts and Chinese numerals outside an action are not targets.
fn plausible_number(cx: &MentionContext) -> bool {
    let (chars, m) = (cx.chars, cx.m);
    let prev = m.start.checked_sub(1).map(|i| chars[i]);
    // 第三期 / 每一名: ordinals and distributives.
    // (近26万个 is nearly so many; 近五年 is a time.)
    if matches!(prev, Some('第' | '每' | '各' | '前' | '后'))
        || (prev == Some('近') && m.unit == "年")
    {
        return false;
    }
    // 二期336户 / 二期工程: a phase of a project, not a count of phases.
    if m.unit == "期" {
        // 学前教育三期行动计划 / 开阳五中二期: a phase, in words, is a name.
        if m.chinese {
            return false;
        }
        let next = chars.get(m.end).copied();
        if prev.is_some_and(|c| matches!(c, '(' | '（')) {
            return false;
        }
        let after: String = chars[m.end.min(chars.len())..].iter().take(2).collect();
        if next.is_some_and(|c| c.is_ascii_digit() || super::numbers::is_cn_digit(c))
            || ["工程", "项目"].contains(&after.as_str())
        {
            return false;
        }
    }
    // 由目前12%提高到30%: the figure a change starts from.
    let before = cx.before_text();
    let before = before.trim_end();
    if ["由", "从", "由目前", "从目前", "由现在", "由当前"]
        .iter()
        .any(|w| before.ends_with(w))
        && [
            "提高到",
            "提升到",
            "增加到",
            "增长到",
            "上升到",
            "扩大到",
            "提高至",
            "提升至",
            "增加至",
        ]
        .iter()
        .any(|w| cx.after_text().trim_start().starts_with(w))
    {
        return false;
    }
    // 对于招收5名以上残疾学生的普通学校: a condition on whom a rule is for.
    if cx.before_text().contains("对于") && cx.after_text().contains('的') {
        return false;
    }
    // Durations (5年内, 十五年教育) and year numbers are not targets; 年 counts only as 年限.
    if m.unit == "年" {
        if year_at(chars, m.start).is_some() {
            return false;
        }
        let around = cx.text(cx.a, cx.b);
        // …年限分别达到13.5年；2020年分别达到15年: the list named before says what is counted.
        let subject = if cx.subject.is_empty() {
            cx.last_subject
        } else {
            cx.subject
        };
        if !(around.contains("年限") || around.contains("受教育年") || subject.contains("年限"))
            || m.chinese
        {
            return false;
        }
    }
    if m.value == 0.0 && m.stretch.is_none() && !cx.is_percent() {
        return false;
    }
    !m.chinese || m.written_percent || chinese_count_is_target(cx)
}

/// A Chinese numeral count (三所, 四个) is a target only next to an action.
fn chinese_count_is_target(cx: &MentionContext) -> bool {
    let (chars, m) = (cx.chars, cx.m);
    if cx.is_percent() {
        return false;
    }
    if m.value == 1.0 && !matches!(m.unit.as_str(), "所" | "座" | "名" | "人") {
        return false;
    }
    // 四个意识 / 四个模块 are not counted by an action; 创建四个示范校 and 两所小学新建 are.
    const BUILDING: &[&str] = &[
        "新建", "改建", "扩建", "建设", "建成", "创建", "改造", "配备",
    ];
    let built_after = BUILDING
        .iter()
        .any(|w| find_word(chars, m.end, cx.b, w).is_some());
    let having = HAVING
        .iter()
        .any(|w| find_word(chars, cx.a, m.start, w).is_some());
    if action_verb_in(chars, cx.a, m.start, cx.mask, true).is_none() && !built_after && !having {
        return false;
    }
    // A、B和C三项重点: a count that sums up a list before it.
    let before = cx.before_text();
    !(before.contains('、')
        && (before.contains('和') || before.contains('及'))
        && !before.ends_with('等'))
}

/// How a target reads: its kind, comparison, value and the top of its range.
pub(super) type Reading = (IndicatorKind, Comparison, f64, Option<f64>);

const DECREASE: &[&str] = &["下降", "降低", "减少", "压减", "缩小"];
const INCREASE: &[&str] = &["提高", "提升", "增长", "增加"];
/// To a level, not by an amount (降至5% is a level; 下降5个百分点 a change).
const TO_LEVEL: &[&str] = &[
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
];
const AT_MOST: &[&str] = &[
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
];
const MAINTAIN: &[&str] = &["保持", "稳定在", "巩固在", "始终"];
const MONEY_AND_AREA: &[&str] = &["平方米", "万平方米", "万元", "亿元", "元"];

fn any_in(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// The comparison the words before and after the number state.
fn comparison_of(before_text: &str, suffix: &str) -> Comparison {
    let symbol = before_text.trim_end().chars().last();
    if let Some(c @ ('≥' | '≤' | '>' | '<' | '=')) = symbol {
        return match c {
            '≥' => Comparison::AtLeast,
            '≤' => Comparison::AtMost,
            '>' => Comparison::MoreThan,
            '<' => Comparison::LessThan,
            _ => Comparison::Equal,
        };
    }
    if suffix.contains("以下") || suffix.contains("以内") || any_in(before_text, AT_MOST) {
        Comparison::AtMost
    } else if ["超过", "高于", "超"]
        .iter()
        .any(|w| before_text.ends_with(w))
    {
        Comparison::MoreThan
    } else if ["低于", "不足"].iter().any(|w| before_text.ends_with(w))
        && !before_text.ends_with("不低于")
    {
        Comparison::LessThan
    } else {
        Comparison::AtLeast
    }
}

/// Kind, comparison and value; None when a change in points has no direction (or is a level).
fn read_target(cx: &MentionContext, verbs: &Verbs) -> Option<Reading> {
    let m = cx.m;
    let before_text = cx.before_text();
    let suffix = cx.text(m.unit_end, m.end);
    let mut comparison = comparison_of(&before_text, &suffix);
    let to_level = any_in(&before_text, TO_LEVEL);
    let (mut value, mut stretch) = (m.value, m.stretch);
    let kind = if m.unit == "个百分点" {
        if to_level {
            return None;
        }
        if any_in(&before_text, DECREASE) {
            value = -value;
            stretch = stretch.map(|s| -s);
            comparison = Comparison::AtMost;
        } else if !any_in(&before_text, INCREASE) {
            return None;
        }
        IndicatorKind::ChangeFromBase
    } else if !to_level
        && m.unit == "%"
        && [INCREASE, DECREASE]
            .concat()
            .iter()
            .any(|w| before_text.trim_end().ends_with(w))
    {
        // 增长10%以上 / 下降5%: a change by that much, not a level of 10 %.
        if DECREASE.iter().any(|w| before_text.trim_end().ends_with(w)) {
            value = -value;
            stretch = stretch.map(|s| -s);
            comparison = Comparison::AtMost;
        }
        IndicatorKind::ChangeFromBase
    } else if any_in(&before_text, MAINTAIN) {
        IndicatorKind::Maintain
    } else if !cx.is_percent()
        && (verbs.before.is_some() || verbs.after.is_some() || cx.inherited_verb.is_some())
        && !to_level
        && !MONEY_AND_AREA.contains(&m.unit.as_str())
    {
        IndicatorKind::Cumulative
    } else {
        IndicatorKind::Level
    };
    Some((kind, comparison, value, stretch))
}

/// Whether the words after the number close its phrase (新建城区小学2所、初中1所: the list goes
/// on after 、 with the next object).
pub(super) fn ends_clause(after_text: &str) -> bool {
    let after_trimmed =
        after_text.trim_matches(|c: char| c.is_whitespace() || "、和及".contains(c));
    after_trimmed.is_empty()
        || after_text.starts_with('、')
        // 新增学位4.68万个】《报告》提出: a headline's closing bracket ends it.
        || after_text.starts_with(['】', '」', '』'])
        || ["等", "左右"].contains(&after_trimmed)
}

/// A rate is a target wherever it stands in a forward clause; a count needs a cue or an action.
fn qualifies(cx: &MentionContext, verbs: &Verbs) -> bool {
    if cx.is_percent() {
        return true;
    }
    let has_cue_before = CUE_WORDS
        .iter()
        .chain(ACTION_VERBS.iter())
        .chain(HAVING.iter())
        .any(|w| find_word(cx.chars, cx.a, cx.m.start, w).is_some());
    has_cue_before
        || verbs.after.is_some()
        || super::names::count_of_those_who_do(cx, &cx.after_text()).is_some()
        || super::names::dui_object(cx).is_some_and(|(_, done)| done)
        || (verbs.before.is_none() && super::names::listed_count_name(cx).is_some())
        || (ends_clause(&cx.after_text())
            && cx.inherited_verb.is_some()
            && !cx.before_text().trim().is_empty())
        // 全区创建4所区级示范学校，2所市级示范学校: a clause that is only a count and what it
        // counts goes on with the verb before it.
        || (cx.inherited_verb.is_some()
            && cx.before_text().trim().is_empty()
            && cx.next_start >= cx.b
            && !cx.after_text().is_empty())
}

pub(super) fn proposal_template(
    chars: &[char],
    a: usize,
    m: &NumberMention,
    (kind, comparison, value, stretch): Reading,
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
pub(super) fn cue_start(chars: &[char], a: usize, number: usize) -> usize {
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
        // 达标率 is a name, not the cue 达.
        if CUES.iter().any(|w| contains_at(chars, i, w)) && !contains_at(chars, i, "达标") {
            return i;
        }
    }
    number
}
