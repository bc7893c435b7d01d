//! `city`: several districts' plan files side by side for the city bureau — the matrix, the
//! scores and ranks, data quality — and the workbook with `-o`. District files are read
//! through private snapshots only: never changed, never locked.

use std::path::{Path, PathBuf};

use super::{CliError, CliResult, Options, print_table};
use crate::domain::city::{CityComparison, CitySettings, Rejected, compare};
use crate::domain::input::format_number;
use crate::session::city::{district_files, read_district_files};
use crate::session::files as settings;
use crate::storage::city::CityFile;

pub(super) fn dispatch(rest: &[String]) -> CliResult<()> {
    match rest.first().map(String::as_str) {
        Some("new") => cmd_city_new(&Options::parse(&rest[1..], &["--from"])?),
        _ => cmd_city(&Options::parse(
            rest,
            &["--city", "--year", "--format", "-o"],
        )?),
    }
}

/// A new city file, from a settings file (JSON) where one is given.
fn cmd_city_new(opts: &Options) -> CliResult<()> {
    let [path] = opts.files.as_slice() else {
        return Err(CliError::usage(
            "请给出一个市级汇总文件名，如 示例市.eduplan-city",
        ));
    };
    let settings: CitySettings = match opts.get("--from") {
        None => CitySettings::default(),
        Some(from) => {
            let text = std::fs::read_to_string(from)
                .map_err(|e| CliError::failed(format!("无法读取“{from}”：{e}")))?;
            serde_json::from_str(&text).map_err(|e| {
                CliError::failed(format!("“{from}”不是市级设置文件（第{}行：{e}）", e.line()))
            })?
        }
    };
    CityFile::create(path, &settings).map_err(CliError::failed)?;
    println!(
        "已新建市级汇总文件：{}（{}项市目标，{}条指标对应，计分规则：{}）",
        path.display(),
        settings
            .indicators
            .values()
            .filter(|s| s.target.is_some())
            .count(),
        settings.mapping.len(),
        settings.scoring.label()
    );
    Ok(())
}

fn cmd_city(opts: &Options) -> CliResult<()> {
    let tsv = match opts.get("--format").unwrap_or("table") {
        "table" => false,
        "tsv" => true,
        other => {
            return Err(CliError::usage(format!(
                "--format 只能是 table 或 tsv，而不是“{other}”"
            )));
        }
    };
    let files = district_files(&opts.files).map_err(CliError::failed)?;
    if files.is_empty() {
        return Err(CliError::usage(
            "缺少区县规划文件：请列出各区县的 .eduplan 文件，或给出存放它们的文件夹",
        ));
    }
    let city_path = opts.get("--city").map(PathBuf::from);
    let city_settings = match &city_path {
        Some(p) => CityFile::open(p)
            .and_then(|f| f.settings())
            .map_err(CliError::failed)?,
        None => CitySettings::default(),
    };
    let year = match opts.get("--year") {
        None => None,
        Some(text) => Some(crate::domain::input::parse_year(text).ok_or_else(|| {
            CliError::usage(format!("年份“{text}”无法识别，请写成 2024 这样的四位数"))
        })?),
    };
    let (districts, rejected) = read_district_files(&files);
    for r in &rejected {
        eprintln!("未纳入：{}——{}", r.source, r.reason);
    }
    if districts.is_empty() {
        return Err(CliError::failed(
            "没有可以比较的区县规划文件（见上面列出的原因）",
        ));
    }
    let (library, _) = settings::load_library();
    let comparison = compare(districts, &city_settings, &library, year);
    print_comparison(&comparison, tsv);
    let outputs: Vec<&str> = opts
        .values
        .iter()
        .filter(|(k, _)| k == "-o")
        .map(|(_, v)| v.as_str())
        .collect();
    for out in outputs {
        write_output(
            Path::new(out),
            &comparison,
            &city_settings,
            &rejected,
            &files,
            city_path.as_deref(),
        )?;
    }
    Ok(())
}

fn write_output(
    out: &Path,
    c: &CityComparison,
    city: &CitySettings,
    rejected: &[Rejected],
    inputs: &[PathBuf],
    city_file: Option<&Path>,
) -> CliResult<()> {
    let mut protected: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    protected.extend(city_file);
    if out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
    {
        crate::exchange::city_bulletin::export_bulletin(
            c,
            city,
            crate::exchange::docx::FontScheme::default(),
            out,
            &protected,
        )
        .map_err(CliError::failed)?;
        println!(
            "已导出通报草稿：{}（{}；【请补充】处需填写后印发）",
            out.display(),
            crate::exchange::city_bulletin::bulletin_title(c.year)
        );
        return Ok(());
    }
    crate::exchange::check_output_path(out, &protected).map_err(CliError::failed)?;
    crate::exchange::city_workbook::export_city_workbook(c, city, rejected, out)
        .map_err(CliError::failed)?;
    println!(
        "已导出：{}（指标比较表、通报表、数据质量{}；{}年度，{}个区县）",
        out.display(),
        if c.board.is_empty() {
            ""
        } else {
            "、优质均衡"
        },
        c.year,
        c.districts.len()
    );
    Ok(())
}

fn print_rows(tsv: bool, header: &[String], rows: &[Vec<String>]) {
    if tsv {
        println!("{}", header.join("\t"));
        for r in rows {
            println!("{}", r.join("\t"));
        }
    } else {
        print_table(header, rows);
    }
}

fn print_comparison(c: &CityComparison, tsv: bool) {
    let names = c.district_names();
    let mut header: Vec<String> = ["指标", "单位", "市目标"].map(str::to_owned).to_vec();
    header.extend(names.iter().cloned());
    header.extend(["全市", "达标区县数", "最好", "最差"].map(str::to_owned));
    let who = |list: &[usize]| {
        if list.is_empty() {
            "—".to_owned()
        } else {
            list.iter()
                .map(|d| names[*d].clone())
                .collect::<Vec<_>>()
                .join("、")
        }
    };
    let rows: Vec<Vec<String>> = c
        .rows
        .iter()
        .map(|row| {
            let mut r = vec![
                row.name.clone(),
                row.unit.clone(),
                row.city_target
                    .map_or_else(|| "—".to_owned(), |t| row.format(t)),
            ];
            r.extend(row.cells.iter().map(|cell| match cell {
                None => "无此指标".to_owned(),
                Some(cell) => format!("{}{}", cell.evaluation.light.symbol(), cell.text),
            }));
            r.extend([
                row.total_text(),
                format!("{}/{}", row.met, row.present),
                who(&row.best),
                who(&row.worst),
            ]);
            r
        })
        .collect();
    println!(
        "{}年度各区县主要指标比较（●绿灯 ▲黄灯 ■红灯 ○无灯；括号内为本区县目标）",
        c.year
    );
    print_rows(tsv, &header, &rows);

    println!();
    println!("得分与排名");
    let header: Vec<String> = ["排名", "区县", "得分", "得分率", "等次", "较上年"]
        .map(str::to_owned)
        .to_vec();
    let rows: Vec<Vec<String>> = c
        .by_rank()
        .into_iter()
        .map(|d| {
            let s = &c.scores[d];
            vec![
                s.rank.to_string(),
                names[d].clone(),
                format_number(s.total, 1),
                format!("{}%", format_number(s.rate, 1)),
                s.grade.label().to_owned(),
                s.change_text(),
            ]
        })
        .collect();
    print_rows(tsv, &header, &rows);

    println!();
    println!("各指标排名（名次 · 与市目标之差 · 较上年变化 · 得分）");
    let mut header: Vec<String> = vec!["指标".to_owned()];
    header.extend(names.iter().cloned());
    let rows: Vec<Vec<String>> = c
        .rows
        .iter()
        .zip(&c.rankings)
        .map(|(row, ranking)| {
            let mut r = vec![row.name.clone()];
            r.extend(ranking.entries.iter().map(|e| match e {
                None => "—".to_owned(),
                Some(e) => e.text(row),
            }));
            r
        })
        .collect();
    print_rows(tsv, &header, &rows);
    for (row, ranking) in c.rows.iter().zip(&c.rankings) {
        if let Some(why) = &ranking.not_scored {
            println!("  {}：{why}", row.name);
        }
    }

    println!();
    println!("数据质量");
    let header: Vec<String> = ["区县", "情况"].map(str::to_owned).to_vec();
    let rows: Vec<Vec<String>> = c
        .quality
        .iter()
        .zip(&names)
        .map(|(q, n)| vec![n.clone(), q.summary()])
        .collect();
    print_rows(tsv, &header, &rows);

    if !c.board.is_empty() {
        println!();
        println!("义务教育优质均衡");
        let header: Vec<String> = [
            "区县",
            "计划认定年份",
            "差异系数超标项数",
            "资源配置达标校比例（小学/初中）",
            "状态",
        ]
        .map(str::to_owned)
        .to_vec();
        let pct = |v: Option<f64>| {
            v.map_or_else(|| "—".to_owned(), |v| format!("{}%", format_number(v, 1)))
        };
        let rows: Vec<Vec<String>> = c
            .board
            .iter()
            .map(|b| {
                vec![
                    names[b.district].clone(),
                    b.planned_year
                        .map_or_else(|| "未设".to_owned(), |y| format!("{y}年")),
                    b.cv_over.map_or_else(|| "—".to_owned(), |n| n.to_string()),
                    format!("{}/{}", pct(b.primary_share), pct(b.junior_share)),
                    b.status.clone(),
                ]
            })
            .collect();
        print_rows(tsv, &header, &rows);
    }

    if !c.unmatched.is_empty() {
        println!();
        println!("未能对应的指标（可在图形界面“市级汇总 › 指标对应”中指定，记入市级汇总文件）");
        for u in &c.unmatched {
            println!(
                "  {}：{}（{}）——{}",
                u.district, u.indicator, u.unit, u.reason
            );
        }
    }
}
