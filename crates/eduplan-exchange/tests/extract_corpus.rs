//! Extraction scored strictly on real published plan texts (tests/fixtures/extract/real, README
//! there): a proposal counts only when its indicator name is the expected name (whitespace,
//! punctuation and full-width forms folded) and its value and unit agree; each expected target is
//! matched at most once. The rules are written on `dev`; `heldout` is only scored.
//!
//! `cargo test -p eduplan-exchange --test extract_corpus -- --nocapture` lists every miss and
//! every extra proposal.

use std::path::{Path, PathBuf};

use eduplan_domain::extract::{Proposal, extract_targets};
use eduplan_exchange::plan_document::read_plan_document;

/// The figures last measured (precision, recall), a little under them; a set scoring below them
/// fails. Raise them when the rules improve; never lower them to let a change in.
/// Measured: dev (fifteen texts) 64 of 64 proposals right, 64 of 65 targets (1.000 / 0.985);
/// held-out 15 of 21, 15 of 28 (0.714 / 0.536).
const DEV_FLOOR: (f64, f64) = (0.98, 0.98);
const HELDOUT_FLOOR: (f64, f64) = (0.71, 0.53);
/// A second held-out set gathered after the rules were improved (a year's 工作总结, news of what
/// was done, an article looking back, a plan whose figures are blanks): no targets, so only
/// precision counts, and every proposal is wrong. Measured: 22 proposals before the look-back
/// rules were extended on four more development texts, 14 after.
const HELDOUT2_FLOOR: (f64, f64) = (0.0, 1.0);

struct Expected {
    names: Vec<String>,
    value: f64,
    unit: String,
    comparison: String,
    year: Option<i32>,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/extract/real")
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

fn score_text(set: &str, text: &str, notes: &mut Vec<String>) -> Tally {
    let dir = corpus().join(set);
    let blocks = read_plan_document(&dir.join(format!("{text}.txt"))).expect("document");
    let proposals = extract_targets(&blocks);
    let wanted = expected(&dir.join(format!("{text}.expected.tsv")));
    let mut used = vec![false; proposals.len()];
    let mut matched = 0;
    for e in &wanted {
        match (0..proposals.len()).find(|&i| !used[i] && matches(&proposals[i], e)) {
            Some(i) => {
                used[i] = true;
                matched += 1;
                let p = &proposals[i];
                if p.comparison.symbol() != e.comparison || p.year != e.year {
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
    }
}

fn score_set(set: &str) -> Tally {
    let mut texts: Vec<String> = std::fs::read_dir(corpus().join(set))
        .expect("corpus folder")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".txt"))
                .map(str::to_owned)
        })
        .collect();
    texts.sort();
    let mut total = Tally::default();
    let mut notes = Vec::new();
    for text in &texts {
        let t = score_text(set, text, &mut notes);
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
    }
    println!(
        "{set} 合计（{}篇）：提出{} 应有{} 命中{} 精确率{:.3} 召回率{:.3}\n{}",
        texts.len(),
        total.proposed,
        total.expected,
        total.matched,
        total.precision(),
        total.recall(),
        notes.join("\n")
    );
    total
}

fn check(set: &str, floor: (f64, f64)) {
    let t = score_set(set);
    assert!(
        t.precision() >= floor.0 && t.recall() >= floor.1,
        "{set}: precision {:.3} recall {:.3}, below the recorded {:.2} / {:.2}",
        t.precision(),
        t.recall(),
        floor.0,
        floor.1
    );
}

#[test]
fn strict_scores_on_the_development_texts_hold() {
    check("dev", DEV_FLOOR);
}

#[test]
fn strict_scores_on_the_held_out_texts_hold() {
    check("heldout", HELDOUT_FLOOR);
}

#[test]
fn strict_scores_on_the_second_held_out_texts_hold() {
    check("heldout2", HELDOUT2_FLOOR);
}
