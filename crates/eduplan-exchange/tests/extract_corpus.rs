//! Extraction scored strictly on plan texts with hand-marked targets: a proposal counts only
//! when its indicator name is the expected name (whitespace, punctuation and full-width forms
//! folded) and its value and unit agree; each expected target is matched at most once.
//!
//! Two sets share the matcher: the published texts of tests/fixtures/extract/real (README there;
//! the rules are written on `dev`, a held-out set is only scored: `heldout16`) and the fictional texts of
//! tests/fixtures/extract (README there), written in the style of county plans.
//!
//! `cargo test -p eduplan-exchange --test extract_corpus -- --nocapture` lists every miss and
//! every extra proposal, and each set's score with the names not compared (value, unit and the
//! marked piece of text): how much of a strict miss is the name.

use std::path::{Path, PathBuf};

use eduplan_domain::extract::{Proposal, extract_targets};
use eduplan_exchange::plan_document::read_plan_document;

/// The figures last measured (precision, recall), a little under them; a set scoring below them
/// fails. Raise them when the rules improve; never lower them to let a change in.
/// Measured: dev (twenty-six texts, the former held-out sets among them) 79 of 99 proposals
/// right, 79 of 93 targets (0.798 / 0.849) when `heldout/` and `heldout2/` were moved into it;
/// 92 of 93 right, 92 of 93 targets (0.989 / 0.989) after the rules were extended on it.
/// With the former `heldout3` moved into it (forty-one texts): 118 of 159 proposals right,
/// 118 of 169 targets (0.742 / 0.698) before any rule was written on those texts; 164 of 166
/// right, 164 of 169 targets (0.988 / 0.970) after the rules were extended on them.
/// With the former `heldout4` moved into it too (fifty-two texts), after the rules were extended
/// on it (traditional characters, building verbs, shares, fractions): 204 of 210 right, 204 of
/// 214 targets (0.971 / 0.953); with 推进 as a weak verb and 项目 after a verb a noun, 205 of 211,
/// 205 of 214 (0.972 / 0.958). With the former `heldout5` moved into it (sixty-six texts; it
/// had scored 0.623 / 0.446 and then 0.722 / 0.770 while held out), after the rules were
/// extended on it: 273 of 287 right, 273 of 288 targets (0.951 / 0.948). With a published PDF
/// in it (sixty-seven texts; the PDF alone 0 of 4 right, 0 of 18 targets when it arrived, 18 of
/// 19, 18 of 18 after its table was read): 291 of 306, 291 of 306 (0.951 / 0.951). With the
/// former `heldout6` moved into it (seventy-nine texts; it had scored 0.484 / 0.463 while held
/// out), after the rules were extended on it: 352 of 390 right, 352 of 401 targets (0.903 /
/// 0.878); most of what is left is in its lists of 民生实事 outside education. With the former
/// `heldout7` moved into it (ninety-one texts; it had scored 0.267 / 0.571 while held out), after
/// the rules were extended on it: 368 of 421 right, 368 of 422 targets (0.874 / 0.872). Then,
/// on dev alone (占比 with a year, 件/条/户/场/块/门 as units, bullets): 380 of 437, 380 of 422
/// (0.870 / 0.900). With the former `heldout8` moved into it (one hundred and three texts; it had
/// scored 0.522 / 0.556 while held out), after the rules were extended on it: 429 of 514 right,
/// 429 of 485 targets (0.835 / 0.885). With the former `heldout9` moved into it (one hundred and
/// seventeen texts; it had scored 0.464 / 0.548 while held out), after the rules were extended on
/// it: 493 of 618 right, 493 of 578 targets (0.798 / 0.853). Two of those rules were then taken
/// back because they lowered the scores of texts never seen (news dated at its top read as that
/// year's plan; 配建 as a verb): 495 of 627, 495 of 578 (0.789 / 0.856). With the former
/// `heldout10` and `heldout11` moved into it (one hundred and forty-three texts; `heldout11` was
/// used to find the rules to take back, so it was no longer unseen), after the rules were
/// extended on both: 589 of 767 right, 589 of 714 targets (0.768 / 0.825). With the former
/// `heldout12` moved into it (one hundred and fifty-four texts; it had scored 0.404 / 0.567 while
/// held out, 0.824 / 0.910 after the rules were extended on it): 651 of 842 right, 651 of 781
/// targets (0.773 / 0.834). With the former `heldout13` moved into it (one hundred and sixty-six
/// texts; it had scored 0.491 / 0.400 while held out, 0.833 / 0.786 after the rules were extended
/// on it): 705 of 902 right, 705 of 851 targets (0.782 / 0.828). With the former `heldout14` moved
/// into it (one hundred and seventy-six texts; it had scored 0.500 / 0.466 while held out, 0.723 /
/// 0.644 after the rules were extended on it): 765 of 966 right, 765 of 924 targets (0.792 /
/// 0.828). With the former `heldout15` moved into it (one hundred and eighty-seven texts; it had
/// scored 0.635 / 0.610 while held out, 0.743 / 0.714 after the rules were extended on it): 820 of
/// 1040 right, 820 of 1001 targets (0.788 / 0.819) — the floor follows the larger set.
const DEV_FLOOR: (f64, f64) = (0.78, 0.81);
/// The fictional set (eight texts, and a PDF print of one), scored strictly since its expected files name each target:
/// 160 of 182 proposals right, 160 of 184 targets (0.879 / 0.870) when it was first scored so;
/// 175 of 184, 175 of 184 (0.951 / 0.951) after the rules were extended on `real/dev`. With the
/// PDF print of one of them scored too (nine): 208 of 217, 208 of 217 (0.959 / 0.959); with two
/// targets in 门 and 块 marked once those were units: 210 of 219, 210 of 219 (0.959 / 0.959);
/// with three of its long-standing misses fixed (旱厕改造, 塑胶运动场面积, 到农村学校支教): 213 of
/// 219, 213 of 219 (0.973 / 0.973).
const FICTIONAL_FLOOR: (f64, f64) = (0.97, 0.97);

/// `real/heldout16` (eleven texts, gathered and marked on 2026-12-03 while `heldout15` was being
/// tuned on, never tuned on): 13 of 36 proposals right, 13 of 49 targets (0.361 / 0.265) when it
/// arrived (after `heldout12` to `heldout15` had been tuned on); 12 of 32, 12 of 49 (0.375 /
/// 0.245) by the rules of the morning, before any of them was read. Four of its seven official
/// texts are budget and performance tables.
const HELDOUT16_FLOOR: (f64, f64) = (0.36, 0.26);

struct Expected {
    names: Vec<String>,
    value: f64,
    unit: String,
    comparison: String,
    year: Option<i32>,
    /// The piece of the text the target stands in.
    fragment: String,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/extract")
}

/// Whitespace, punctuation and full-width forms folded away: only letters, digits and ideographs.
fn fold(name: &str) -> String {
    eduplan_domain::text::fold_width(name)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn expected(path: &Path) -> Vec<Expected> {
    std::fs::read_to_string(path)
        .expect("expected file")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 6, "six columns in {}: {l}", path.display());
            Expected {
                names: f[0].split('|').map(fold).collect(),
                value: f[1].parse().expect("value"),
                unit: f[2].to_owned(),
                comparison: f[3].to_owned(),
                year: f[4].parse().ok(),
                fragment: fold(f[5]),
            }
        })
        .collect()
}

fn matches(p: &Proposal, e: &Expected) -> bool {
    (p.value - e.value).abs() < 1e-9 && p.unit == e.unit && e.names.contains(&fold(&p.name))
}

#[derive(Default)]
struct Tally {
    proposed: usize,
    expected: usize,
    matched: usize,
    /// Matched with a comparison or year other than the expected one.
    details_wrong: usize,
    /// Matched by value, unit and place (the marked piece of text), the name not compared: how
    /// much of what is missed strictly is the name.
    by_value: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        if self.proposed == 0 {
            1.0
        } else {
            self.matched as f64 / self.proposed as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.matched as f64 / self.expected as f64
        }
    }
}

fn score_text(dir: &Path, file: &str, notes: &mut Vec<String>) -> Tally {
    let (text, _) = file
        .rsplit_once('.')
        .expect("a file name with an extension");
    let blocks = read_plan_document(&dir.join(file)).expect("document");
    let proposals = extract_targets(&blocks);
    let wanted = expected(&dir.join(format!("{text}.expected.tsv")));
    let mut used = vec![false; proposals.len()];
    let mut matched = 0;
    let mut details_wrong = 0;
    for e in &wanted {
        match (0..proposals.len()).find(|&i| !used[i] && matches(&proposals[i], e)) {
            Some(i) => {
                used[i] = true;
                matched += 1;
                let p = &proposals[i];
                if p.comparison.symbol() != e.comparison || p.year != e.year {
                    details_wrong += 1;
                    notes.push(format!(
                        "  {text}: {} {}{} — 比较 {} 年份 {:?}，应为 {} {:?}",
                        p.name,
                        p.value,
                        p.unit,
                        p.comparison.symbol(),
                        p.year,
                        e.comparison,
                        e.year
                    ));
                }
            }
            None => notes.push(format!(
                "  漏 {text}: {} {}{}",
                e.names.join("|"),
                e.value,
                e.unit
            )),
        }
    }
    let mut used_by_value = vec![false; proposals.len()];
    let mut by_value = 0;
    for e in &wanted {
        // Value, unit and place: the proposal stands in the marked piece of text.
        let same = |p: &Proposal| {
            (p.value - e.value).abs() < 1e-9
                && p.unit == e.unit
                && (fold(&p.sentence).contains(&e.fragment)
                    || e.fragment.contains(&fold(&p.target_text)))
        };
        if let Some(i) = (0..proposals.len()).find(|&i| !used_by_value[i] && same(&proposals[i])) {
            used_by_value[i] = true;
            by_value += 1;
        }
    }
    for (p, _) in proposals.iter().zip(&used).filter(|(_, u)| !**u) {
        notes.push(format!(
            "  多 {text}: {} {}{} «{}»",
            p.name, p.value, p.unit, p.sentence
        ));
    }
    Tally {
        proposed: proposals.len(),
        expected: wanted.len(),
        matched,
        details_wrong,
        by_value,
    }
}

/// Every `*.txt` or `*.pdf` with an `*.expected.tsv` beside it in `dir`.
fn score_set(set: &str, dir: &Path) -> Tally {
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .expect("corpus folder")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|n| {
            n.rsplit_once('.').is_some_and(|(stem, ext)| {
                matches!(ext, "txt" | "pdf") && dir.join(format!("{stem}.expected.tsv")).exists()
            })
        })
        .collect();
    texts.sort();
    let mut total = Tally::default();
    let mut notes = Vec::new();
    for text in &texts {
        let t = score_text(dir, text, &mut notes);
        println!(
            "{set}/{text}: 提出{} 应有{} 命中{} 精确率{:.2} 召回率{:.2}",
            t.proposed,
            t.expected,
            t.matched,
            t.precision(),
            t.recall()
        );
        total.proposed += t.proposed;
        total.expected += t.expected;
        total.matched += t.matched;
        total.details_wrong += t.details_wrong;
        total.by_value += t.by_value;
    }
    let by_value = Tally {
        matched: total.by_value,
        ..Tally {
            proposed: total.proposed,
            expected: total.expected,
            ..Tally::default()
        }
    };
    println!(
        "{set} 合计（{}篇）：提出{} 应有{} 命中{} 精确率{:.3} 召回率{:.3}\n\
         {set} 按数值、单位和原文位置（名称不计）：命中{} 精确率{:.3} 召回率{:.3}\n{}",
        texts.len(),
        total.proposed,
        total.expected,
        total.matched,
        total.precision(),
        total.recall(),
        by_value.matched,
        by_value.precision(),
        by_value.recall(),
        notes.join("\n")
    );
    total
}

/// Scores a set against its floor.
fn check(set: &str, dir: &Path, floor: (f64, f64)) -> Tally {
    let t = score_set(set, dir);
    assert!(
        t.precision() >= floor.0 && t.recall() >= floor.1,
        "{set}: precision {:.3} recall {:.3}, below the recorded {:.2} / {:.2}",
        t.precision(),
        t.recall(),
        floor.0,
        floor.1
    );
    t
}

#[test]
fn strict_scores_on_the_development_texts_hold() {
    check("dev", &fixtures().join("real/dev"), DEV_FLOOR);
}

#[test]
fn strict_scores_on_the_fictional_texts_hold() {
    let t = check("fictional", &fixtures(), FICTIONAL_FLOOR);
    // Their comparisons and years were marked with care: at most a tenth may differ.
    assert!(
        t.details_wrong * 10 <= t.matched,
        "fictional: comparison or year wrong on {} of {} matched targets",
        t.details_wrong,
        t.matched
    );
}

/// Scores any folder of marked texts without a floor, e.g. a new set before it is added:
/// `EXTRACT_SET=path/to/folder cargo test -p eduplan-exchange --test extract_corpus -- --ignored --nocapture`.
#[test]
#[ignore = "scores the folder named by EXTRACT_SET"]
fn score_the_folder_named_by_extract_set() {
    let dir = std::env::var("EXTRACT_SET").expect("EXTRACT_SET names a folder of marked texts");
    let dir = Path::new(&dir);
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("set");
    let t = score_set(name, dir);
    assert!(
        t.expected + t.proposed > 0,
        "{}: nothing marked or proposed",
        dir.display()
    );
}

#[test]
fn strict_scores_on_the_held_out_texts_hold() {
    let t = check(
        "heldout16",
        &fixtures().join("real/heldout16"),
        HELDOUT16_FLOOR,
    );
    // With the names not compared (value, unit and the marked piece of text), what is found
    // and where: 17 of 36, 17 of 49 (0.472 / 0.347) when it arrived. (`heldout15` scored 0.892 /
    // 0.857 so while it was held out: there the strict gap was names; here it is tables.)
    let (p, r) = (
        t.by_value as f64 / t.proposed.max(1) as f64,
        t.by_value as f64 / t.expected.max(1) as f64,
    );
    assert!(
        p >= 0.47 && r >= 0.34,
        "heldout16 without names: {p:.3} / {r:.3}, below the recorded 0.47 / 0.34"
    );
}
