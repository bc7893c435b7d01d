//! `balance`: 义务教育优质均衡 from the plan's school data, as a table for the terminal or tsv.

use super::{CliError, CliResult, Options, print_table};
use crate::domain::balance::{Resource, evaluate_balance, schools_for_year};
use crate::domain::explain::exclusion_text;
use crate::domain::input::format_number;
use crate::storage::PlanFile;

/// Exit code 0 when every 差异系数 and every school meets the standards, 1 otherwise.
pub(super) fn cmd_balance(opts: &Options) -> CliResult<i32> {
    let file = opts
        .files
        .first()
        .cloned()
        .ok_or_else(|| CliError::usage("缺少规划文件"))?;
    let tsv = match opts.get("--format").unwrap_or("table") {
        "table" => false,
        "tsv" => true,
        other => {
            return Err(CliError::usage(format!(
                "--format 只能是 table 或 tsv，而不是“{other}”"
            )));
        }
    };
    let plan = PlanFile::read_only(&file)
        .and_then(|f| f.load())
        .map_err(CliError::failed)?;
    let years = plan.school_years();
    let Some(&latest) = years.last() else {
        return Err(CliError::failed(
            "该规划还没有学校数据。请先录入各校的在校生数和七项资源指标的原始数据。",
        ));
    };
    let year = match opts.get("--year") {
        None => latest,
        Some(text) => crate::domain::input::parse_year(text)
            .filter(|y| years.contains(y))
            .ok_or_else(|| {
                let have: Vec<String> = years.iter().map(|y| format!("{y}年")).collect();
                CliError::usage(format!(
                    "“{text}”没有学校数据。有数据的年份：{}",
                    have.join("、")
                ))
            })?,
    };
    let settings = &plan.info.balance;
    let report =
        evaluate_balance(&schools_for_year(&plan, year), settings).map_err(|problems| {
            let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
            CliError::failed(format!(
                "{year}年的学校数据有{}处问题，无法计算：\n  {}",
                lines.len(),
                lines.join("\n  ")
            ))
        })?;

    let yes_no = |ok: bool| if ok { "达标" } else { "未达标" }.to_owned();
    let header: Vec<String> = [
        "指标",
        "学段",
        "校数",
        "均值",
        "标准差",
        "差异系数",
        "标准",
        "是否达标",
    ]
    .map(str::to_owned)
    .to_vec();
    let rows: Vec<Vec<String>> = report
        .dispersions
        .iter()
        .map(|d| {
            vec![
                d.resource.label().to_owned(),
                d.stage.label().to_owned(),
                d.schools.to_string(),
                format_number(d.mean, 2),
                format_number(d.std_dev, 2),
                crate::domain::input::format_near(d.cv, d.max_cv, d.meets, 3),
                format!("≤{}", format_number(d.max_cv, 2)),
                yes_no(d.meets),
            ]
        })
        .collect();
    let mut school_header: Vec<String> = vec!["学校".into(), "学段".into(), "在校生".into()];
    school_header.extend(Resource::ALL.iter().map(|r| r.short_label().to_owned()));
    school_header.extend(["达标项数".to_owned(), "是否达标".to_owned()]);
    let mut parts: Vec<&crate::domain::balance::SchoolPart> = report.parts.iter().collect();
    parts.sort_by(|a, b| a.weakest_share.total_cmp(&b.weakest_share));
    let school_rows: Vec<Vec<String>> = parts
        .iter()
        .map(|p| {
            let mut row = vec![
                p.school.clone(),
                p.stage.label().to_owned(),
                format_number(p.pupils, 0),
            ];
            row.extend(Resource::ALL.iter().zip(&p.values).map(|(r, v)| {
                let standard = settings.standard(*r, p.stage);
                let met = *v >= standard - 1e-9;
                let shown = crate::domain::input::format_near(*v, standard, met, 2);
                if met { shown } else { format!("▼{shown}") }
            }));
            row.extend([format!("{}/7", p.met), yes_no(p.meets_standards)]);
            row
        })
        .collect();
    let cv_failing = report.dispersions.iter().filter(|d| !d.meets).count();
    let schools_failing = report.parts.iter().filter(|p| !p.meets_standards).count();
    let verdict = if report.meets_all() {
        format!("{year}年：各项差异系数和各校资源配置均达到优质均衡标准。")
    } else {
        format!(
            "{year}年：{cv_failing}项差异系数超出标准，{schools_failing}所（校区）资源配置未达标，尚未达到优质均衡标准。"
        )
    };
    if tsv {
        for table in [(&header, &rows), (&school_header, &school_rows)] {
            println!("{}", table.0.join("\t"));
            for r in table.1 {
                println!("{}", r.join("\t"));
            }
        }
        for (name, why) in &report.excluded {
            println!("{name}\t不参与计算\t{}", exclusion_text(*why));
        }
        println!("{verdict}");
    } else {
        println!("{}  义务教育优质均衡（{year}年）", plan.info.name);
        print_table(&header, &rows);
        println!();
        println!("各校资源配置（未达标或最接近不达标的在前）");
        print_table(&school_header, &school_rows);
        for (name, why) in &report.excluded {
            println!("{name}：{}", exclusion_text(*why));
        }
        println!();
        println!("{verdict}");
    }
    Ok(if report.meets_all() { 0 } else { 1 })
}
