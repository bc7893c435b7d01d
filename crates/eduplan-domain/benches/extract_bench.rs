//! Extraction on the worst shape of text: a megabyte in one paragraph, a target every few
//! dozen characters and no full stop. Target: ≤ 1 s and ≤ 200 MB. Prints the time of each run
//! and the process's peak memory (Linux). `cargo bench -p eduplan-domain`.
//!
//! Also timed: the Longtan plan text (a real plan, one block per line) and a megabyte of a
//! table pasted one row per line with its cells set apart by spaces.

use std::time::Instant;

use eduplan_domain::extract::{Block, extract_targets};

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The median and the slowest of `runs` runs of extraction on `blocks`, in seconds.
fn timed(blocks: &[Block], runs: usize) -> (f64, f64, usize) {
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..runs {
        let start = Instant::now();
        found = extract_targets(blocks).len();
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[times.len() - 1], found)
}

fn lines(text: &str) -> Vec<Block> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Block::Paragraph(l.trim().to_owned()))
        .collect()
}

fn main() {
    let plan = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/extract/longtan.txt"
    ))
    .expect("the Longtan plan text");
    let (median, max, found) = timed(&lines(&plan), 30);
    println!(
        "targets from the Longtan plan ({} kB, {found} targets): median {:.2} ms, max {:.2} ms (n=30)",
        plan.len() / 1024,
        median * 1e3,
        max * 1e3
    );
    let row = "学前三年毛入园率（%）    90.5    ≥ 95    预期性\n";
    let table = format!(
        "指标    2020年    2025年    属性\n{}",
        row.repeat(1024 * 1024 / row.len())
    );
    let (median, max, found) = timed(&lines(&table), 5);
    println!(
        "targets from a 1 MB table, a row per line ({found} after merging): median {median:.3} s, max {max:.3} s (n=5)"
    );
    let unit = "到2025年，全区学前三年毛入园率达到92%以上，义务教育巩固率保持在99%以上，新建公办幼儿园3所，";
    let paragraph = unit.repeat(1024 * 1024 / unit.len());
    let mut times = Vec::new();
    for _ in 0..5 {
        let blocks = vec![Block::Paragraph(paragraph.clone())];
        let start = Instant::now();
        let found = extract_targets(&blocks).len();
        times.push(start.elapsed().as_secs_f64());
        assert!(found > 0);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let peak = peak_rss_mb().map_or_else(|| "—".to_owned(), |m| format!("{m:.0} MB"));
    println!(
        "targets from a 1 MB paragraph: median {median:.3} s, max {:.3} s (n={}, target ≤ 1 s); peak memory {peak} (target ≤ 200 MB) {}",
        times[times.len() - 1],
        times.len(),
        if median <= 1.0 { "ok" } else { "OVER TARGET" }
    );
}
