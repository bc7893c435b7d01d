//! `extract`: the quantified targets a plan's text states, one row per proposal.

use super::{CliError, CliResult, Options, print_table};
use crate::domain::extract::{Proposal, extract_targets};
use crate::exchange::plan_document::read_plan_document_placed;

pub(super) const HEADER: [&str; 9] = [
    "指标",
    "比较",
    "目标值",
    "单位",
    "年份",
    "类型",
    "章节",
    "原文",
    "位置",
];

pub(super) fn cmd_extract(opts: &Options) -> CliResult<()> {
    let file = opts.one_file()?;
    let tsv = match opts.get("--format").unwrap_or("table") {
        "table" => false,
        "tsv" => true,
        other => {
            return Err(CliError::usage(format!(
                "--format 只能是 table 或 tsv，而不是“{other}”"
            )));
        }
    };
    let document = read_plan_document_placed(&file).map_err(CliError::failed)?;
    let proposals = extract_targets(&document.blocks);
    let places = document.places_of(&proposals);
    let rows: Vec<Vec<String>> = proposals
        .iter()
        .zip(places)
        .map(|(p, place)| {
            let mut row = proposal_row(p, tsv);
            row.push(place.map_or_else(String::new, |place| place.describe()));
            row
        })
        .collect();
    let header: Vec<String> = HEADER.map(str::to_owned).to_vec();
    if tsv {
        println!("{}", header.join("\t"));
        for r in &rows {
            println!("{}", r.join("\t"));
        }
    } else {
        print_table(&header, &rows);
        println!("共找到{}个量化目标。", proposals.len());
    }
    Ok(())
}

fn proposal_row(p: &Proposal, full: bool) -> Vec<String> {
    let one_line = |s: &str| s.replace(['\n', '\t', '\r'], " ");
    let chapter = if full {
        p.chapter_text()
    } else {
        p.chapter.last().cloned().unwrap_or_default()
    };
    let mut kind = p.kind.label().to_owned();
    match p.resolve {
        crate::domain::extract::Resolve::Firm => kind.push_str("·确保"),
        crate::domain::extract::Resolve::Strive => kind.push_str("·力争"),
        crate::domain::extract::Resolve::Plain => {}
    }
    vec![
        one_line(&p.name),
        p.comparison.symbol().to_owned(),
        p.value_text(),
        p.unit.clone(),
        p.year.map(|y| y.to_string()).unwrap_or_default(),
        kind,
        one_line(&chapter),
        one_line(&p.sentence),
    ]
}
