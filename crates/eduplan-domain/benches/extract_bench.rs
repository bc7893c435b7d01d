//! Extraction on the worst shape of text: a megabyte in one paragraph, a target every few
//! dozen characters and no full stop. Target: ≤ 1 s and ≤ 200 MB. Prints the time of each run
//! and the process's peak memory (Linux). `cargo bench -p eduplan-domain`.

use std::time::Instant;

use eduplan_domain::extract::{Block, extract_targets};

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
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
