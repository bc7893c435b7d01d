//! The command line: the same binary as the GUI. Messages and help are in Chinese.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::domain::edit::{ActualField, Edit, Field, Value};
use crate::domain::explain::{basis_text, light_text, progress_text, status_text, value_text};
use crate::domain::input::{format_percent, format_value, parse_indicator_value};
use crate::domain::{Indicator, Plan, evaluate};
use crate::exchange::plan_text::read_plan_text;
use crate::storage::PlanFile;

/// How long a writing command waits while another command or window holds the plan file.
pub const WRITER_WAIT: std::time::Duration = std::time::Duration::from_secs(15);

pub const HELP: &str = "\
EduPlan 教育规划工作台 —— 区县教育事业发展规划的编制与年度监测

用法：
  eduplan                         打开图形界面（使用示例规划“龙潭区教育事业发展“十四五”规划”的副本）
  eduplan open 文件.eduplan        在图形界面中打开规划文件
  eduplan 文件.eduplan             同上
  eduplan new 文件.eduplan --from 规划文本.json
                                  由规划文本文件（如 sample_plans/ 中的示例）新建规划文件
  eduplan status 文件.eduplan [--year 年份] [--format table|tsv] [--explain]
                  [--evaluation annual|midterm|final]
                                  列出每个指标的基期值、目标值、当年值、完成进度、序时进度、评价、灯色、
                                  累计数和说明；默认年份为最近一个有数据的年份；--explain 另列判定依据；
                                  规划末年默认为总结评估：另列完成情况、目标完成度、首次达标年份和统计句
  eduplan set 文件.eduplan --indicator 指标名称 --year 年份 --value 数值 [--note 说明] [--estimate]
                                  记录一个指标某年的实际值；--estimate 标为预计值（正式数据录入后自动取消）
  eduplan export 文件.eduplan -o 输出.xlsx [--year 年份] [--date 日期] [--evaluation 类型]
                                  导出上报用的Excel工作簿（主要指标表、指标监测表、重点任务台账、图表；
                                  有学校数据时另含资源配置指标表和差异系数表）
  eduplan meeting 文件.eduplan -o 会议材料.pdf [--year 年份] [--date 日期] [--evaluation 类型] [--chapters]
                                  把会议模式各页导出为PDF（每页一张，与屏幕上相同），会前发送或打印；
                                  --chapters 只看章：只有各章的图表页，不含小节和单个指标的页
  eduplan report 文件.eduplan --kind annual|midterm|final --year 年份 -o 报告.docx [--date 日期]
                  [--fonts gb2312|windows]
                                  生成Word报告初稿（年度监测报告、中期评估报告、总结评估报告，公文格式）：
                                  数字和统计句由规划数据生成，数据不能支持的段落留作黄色【请补充】
  eduplan next 本期规划.eduplan -o 下期规划.eduplan [--years 2026-2030]
                                  由本规划生成下一期规划草稿：沿用指标定义和口径，基期值取本期末年的值
                                  （预计值照样标出），结转的指标和任务标“（上期结转）”，目标待定；
                                  本期规划文件不作任何改动
  eduplan template 文件.eduplan -o 填报表.xlsx --year 年份 [--unit 牵头单位] [--quarter 1-4]
                                  生成某一年度的填报表，可只含某个牵头单位的指标和任务；
                                  给出 --quarter 时任务填报该季度的形象进度
  eduplan import 文件.eduplan 填报表.xlsx... [--year 年份] [--yes]
                                  导入交回的填报表：先列出全部改动和问题，确认后一次性写入；
                                  给出 --year 时只接受该年度的填报表；未写入时退出码为1
  eduplan schools template 文件.eduplan -o 学校数据.xlsx --year 年份
                                  生成义务教育学校资源配置数据填报表（每校一行，可在空行中新增学校）
  eduplan schools import 文件.eduplan 学校数据.xlsx... --year 年份 [--yes]
                                  导入交回的学校数据：先列出全部改动和问题，确认后一次性写入
  eduplan balance 文件.eduplan [--year 年份] [--format table|tsv]
                                  义务教育优质均衡：各指标分学段的均值、标准差、差异系数及是否达标，
                                  各校七项指标值和达标项数；不达标时退出码为1
  eduplan tasks 文件.eduplan [--date 日期] [--unit 牵头单位] [--format table|tsv]
                                  重点任务：完成时限、状态（未开始/推进中/临期/逾期/已完成/已完成（逾期））和最新进展；
                                  --date 2024-06-30 按指定日期判断，默认今天
  eduplan rectification 文件.eduplan [--date 日期] [--format table|tsv]
                                  整改台账：每个问题的责任单位、整改时限、状态和销号日期，最后一行按状态计数
  eduplan rectification import 文件.eduplan 问题清单.xlsx [--batch 批次名称] [--source 督导|审计|巡察|自查]
                  [--batch-date 日期] [--yes]
                                  导入督导、审计、巡察反馈的问题清单（按表头“问题描述”“整改措施”“责任单位”
                                  “责任人”“整改时限”识别各列）：先列出全部问题，确认后一次写入
  eduplan findings 文件.eduplan [--year 年份] [--format table|tsv]
                                  上报或印发前的检查：指标定义、数据问题，以及对标（与全国、省、市目标比较：
                                  目标偏低、时限偏晚、全国约束性指标缺失或标为预期性）；有错误时退出码为1
  eduplan library [list] [--format table|tsv]
                                  列出指标库：定义、单位、全国2020年值和目标及出处，以及本人添加的省、市目标
  eduplan library add-target 指标代码或名称 --level province|city --target 数值 --year 年份
                  --source 出处 [--attribute binding|expected] [--text 目标表述]
                                  为指标添加省级或市级目标（保存在本人数据文件夹的“我的指标库.json”）
  eduplan library export -o 文件.json | eduplan library import 文件.json
                                  导出本人添加的指标库以便分享；导入同事分享的指标库文件
  eduplan extract 规划文本.txt|规划文本.docx|规划文本.pdf [--format table|tsv]
                                  从规划正文（纯文本或Word文档，含其中的表格）中找出量化目标，
                                  按阅读顺序每个一行：指标、比较、目标值、单位、年份、类型、章节、原文
  eduplan city 文件.eduplan…|文件夹 [--city 市.eduplan-city] [--year 年份] [--format table|tsv] [-o 通报.xlsx] [-o 通报.docx]
                                  市级汇总：各区县规划文件并列比较（全市合计、达标区县数、最好/最差）、
                                  得分、排名、等次和数据质量；-o 导出工作簿（.xlsx）或通报草稿（.docx）；
                                  区县文件只读取，不作任何改动
  eduplan city new 市.eduplan-city [--from 市级设置.json]
                                  新建市级汇总文件（市目标、指标对应、计分规则、等次、权重），可由设置文件导入
  eduplan --help                  显示本帮助
  eduplan --version               显示版本

每次修改都会立即写入规划文件并记入修改历史，无需“保存”。
";

/// What `main` should do after the command line is read.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// Start the GUI on this file (None: on the copy of the sample plan).
    Gui(Option<PathBuf>),
    /// The command ran; exit with this code.
    Exit(i32),
}

#[derive(Debug)]
struct CliError {
    message: String,
    code: i32,
}

impl CliError {
    fn usage(message: impl Into<String>) -> Self {
        CliError {
            message: format!("{}\n（运行 eduplan --help 查看用法）", message.into()),
            code: 2,
        }
    }
    fn failed(message: impl ToString) -> Self {
        CliError {
            message: message.to_string(),
            code: 1,
        }
    }
}

type CliResult<T> = Result<T, CliError>;

/// Run a command line (without the program name).
pub fn run(args: Vec<OsString>) -> Outcome {
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match dispatch(&args) {
        Ok(outcome) => outcome,
        Err(e) => {
            eprintln!("错误：{}", e.message);
            Outcome::Exit(e.code)
        }
    }
}

fn dispatch(args: &[String]) -> CliResult<Outcome> {
    let Some(first) = args.first() else {
        return Ok(Outcome::Gui(None));
    };
    let rest = &args[1..];
    match first.as_str() {
        "-h" | "--help" | "help" | "帮助" => {
            print!("{HELP}");
            Ok(Outcome::Exit(0))
        }
        "-V" | "--version" => {
            println!("EduPlan 教育规划工作台 {}", env!("CARGO_PKG_VERSION"));
            Ok(Outcome::Exit(0))
        }
        "open" => {
            let opts = Options::parse(rest, &[])?;
            Ok(Outcome::Gui(Some(opts.one_file()?)))
        }
        "new" => cmd_new(&Options::parse(rest, &["--from"])?).map(|_| Outcome::Exit(0)),
        "status" => cmd_status(&Options::parse_with_flags(
            rest,
            &["--year", "--format", "--evaluation"],
            &["--explain"],
        )?)
        .map(|_| Outcome::Exit(0)),
        "set" => cmd_set(&Options::parse_with_flags(
            rest,
            &["--indicator", "--year", "--value", "--note"],
            &["--estimate"],
        )?)
        .map(|_| Outcome::Exit(0)),
        "schools" => match rest.first().map(String::as_str) {
            Some("template") => {
                cmd_school_template(&Options::parse(&rest[1..], &["-o", "--year"])?)
                    .map(|_| Outcome::Exit(0))
            }
            Some("import") => cmd_school_import(&Options::parse_with_flags(
                &rest[1..],
                &["--year"],
                &["--yes"],
            )?)
            .map(Outcome::Exit),
            _ => Err(CliError::usage(
                "schools 后面应为 template 或 import（eduplan schools template|import …）",
            )),
        },
        "balance" => {
            cmd_balance(&Options::parse(rest, &["--year", "--format"])?).map(Outcome::Exit)
        }
        "tasks" => {
            commitments_cmd::cmd_tasks(&Options::parse(rest, &["--format", "--date", "--unit"])?)
                .map(|_| Outcome::Exit(0))
        }
        "rectification" | "整改" => match rest.first().map(String::as_str) {
            Some("import") => {
                commitments_cmd::cmd_rectification_import(&Options::parse_with_flags(
                    &rest[1..],
                    &["--batch", "--source", "--batch-date"],
                    &["--yes"],
                )?)
                .map(Outcome::Exit)
            }
            _ => {
                commitments_cmd::cmd_rectification(&Options::parse(rest, &["--format", "--date"])?)
                    .map(|_| Outcome::Exit(0))
            }
        },
        "city" | "市级汇总" => city_cmd::dispatch(rest).map(|_| Outcome::Exit(0)),
        "findings" => library_cmd::cmd_findings(&Options::parse(rest, &["--format", "--year"])?)
            .map(Outcome::Exit),
        "library" => library_cmd::cmd_library(rest).map(|_| Outcome::Exit(0)),
        "extract" => extract_cmd::cmd_extract(&Options::parse(rest, &["--format"])?)
            .map(|_| Outcome::Exit(0)),
        "export" => cmd_export(&Options::parse(
            rest,
            &["-o", "--year", "--date", "--evaluation"],
        )?)
        .map(|_| Outcome::Exit(0)),
        "meeting" => exchange_cmds::cmd_meeting_pdf(&Options::parse_with_flags(
            rest,
            &["-o", "--year", "--date", "--evaluation"],
            &["--chapters"],
        )?)
        .map(|_| Outcome::Exit(0)),
        "template" => cmd_template(&Options::parse(
            rest,
            &["-o", "--year", "--unit", "--quarter"],
        )?)
        .map(|_| Outcome::Exit(0)),
        "report" => report_cmd::cmd_report(&Options::parse(
            rest,
            &["-o", "--kind", "--year", "--date", "--fonts"],
        )?)
        .map(|_| Outcome::Exit(0)),
        "next" | "下一期" => closeout_cmd::cmd_next(&Options::parse(rest, &["-o", "--years"])?)
            .map(|_| Outcome::Exit(0)),
        "import" => cmd_import(&Options::parse_with_flags(rest, &["--year"], &["--yes"])?)
            .map(Outcome::Exit),
        other if other.starts_with('-') => Err(CliError::usage(format!("未知选项“{other}”"))),
        other
            if Path::new(other)
                .extension()
                .is_some_and(|e| e == crate::storage::EXTENSION) =>
        {
            if rest.is_empty() {
                Ok(Outcome::Gui(Some(PathBuf::from(other))))
            } else {
                Err(CliError::usage("打开文件时不需要其他参数"))
            }
        }
        other => Err(CliError::usage(format!("未知命令“{other}”"))),
    }
}

/// Positional arguments and `--name value` options.
#[derive(Debug, Default)]
pub struct Options {
    pub files: Vec<PathBuf>,
    pub values: Vec<(String, String)>,
    pub flags: Vec<String>,
}

impl Options {
    fn parse(args: &[String], known: &[&str]) -> CliResult<Options> {
        Self::parse_with_flags(args, known, &[])
    }

    fn parse_with_flags(args: &[String], known: &[&str], flags: &[&str]) -> CliResult<Options> {
        let mut opts = Options::default();
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            if flags.contains(&a.as_str()) {
                opts.flags.push(a.clone());
            } else if known.contains(&a.as_str()) {
                let v = args
                    .get(i + 1)
                    .ok_or_else(|| CliError::usage(format!("选项 {a} 后面缺少值")))?;
                opts.values.push((a.clone(), v.clone()));
                i += 1;
            } else if a.starts_with('-') && a.len() > 1 && a.parse::<f64>().is_err() {
                return Err(CliError::usage(format!("未知选项“{a}”")));
            } else {
                opts.files.push(PathBuf::from(a));
            }
            i += 1;
        }
        Ok(opts)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    fn require(&self, name: &str) -> CliResult<&str> {
        self.get(name)
            .ok_or_else(|| CliError::usage(format!("缺少选项 {name}")))
    }

    fn one_file(&self) -> CliResult<PathBuf> {
        match self.files.as_slice() {
            [f] => Ok(f.clone()),
            [] => Err(CliError::usage("缺少规划文件")),
            _ => Err(CliError::usage("只能指定一个规划文件")),
        }
    }

    /// The plan year given with `--year`, checked against the plan.
    pub fn year(&self, plan: &Plan) -> Result<Option<i32>, String> {
        let Some(text) = self.get("--year") else {
            return Ok(None);
        };
        let year = crate::domain::input::parse_year(text)
            .ok_or_else(|| format!("年份“{text}”无法识别，请写成 2024 这样的四位数"))?;
        if !plan.info.years().contains(&year) {
            return Err(format!(
                "{year}年不在规划期{}-{}年内",
                plan.info.first_year, plan.info.last_year
            ));
        }
        Ok(Some(year))
    }
}

fn cmd_new(opts: &Options) -> CliResult<()> {
    let file = opts.one_file()?;
    let from = opts.require("--from")?;
    let plan = read_plan_text(Path::new(from)).map_err(CliError::failed)?;
    let pf = PlanFile::create(&file, &plan).map_err(CliError::failed)?;
    let plan = pf.load().map_err(CliError::failed)?;
    println!(
        "已新建规划文件：{}（{}，{}个章节，{}个指标，{}项任务）",
        file.display(),
        plan.info.name,
        plan.sections.len(),
        plan.indicators.len(),
        plan.tasks.len()
    );
    Ok(())
}

fn cmd_status(opts: &Options) -> CliResult<()> {
    let file = opts.one_file()?;
    let format = opts.get("--format").unwrap_or("table");
    if format != "table" && format != "tsv" {
        return Err(CliError::usage(format!(
            "--format 只能是 table 或 tsv，而不是“{format}”"
        )));
    }
    let explain = opts.flag("--explain");
    // Read without locking or upgrading: status works beside an open window and on
    // read-only files, and never changes the file.
    let pf = PlanFile::read_only(&file).map_err(CliError::failed)?;
    let mut plan = pf.load().map_err(CliError::failed)?;
    closeout_cmd::choose_evaluation(opts, &mut plan)?;
    let year = opts
        .year(&plan)
        .map_err(CliError::usage)?
        .unwrap_or_else(|| plan.default_evaluation_year());
    let final_review = closeout_cmd::is_final(&plan, year);
    let mut header: Vec<String> = [
        "指标",
        "单位",
        "基期值",
        "目标",
        &format!("{year}年"),
        "完成进度",
        "序时进度",
        "评价",
        "灯色",
        "累计",
        "说明",
    ]
    .map(str::to_owned)
    .to_vec();
    if explain {
        header.push("判定依据".to_owned());
    }
    if final_review {
        header.extend(closeout_cmd::FINAL_HEADERS.map(str::to_owned));
    }
    let rows: Vec<Vec<String>> = plan
        .indicators_in_outline_order()
        .into_iter()
        .map(|ind| {
            let mut row = status_row(&plan, ind, year, explain);
            if final_review {
                row.extend(closeout_cmd::final_cells(&plan, ind, year));
            }
            row
        })
        .collect();
    if format == "tsv" {
        println!("{}", header.join("\t"));
        for r in &rows {
            println!("{}", r.join("\t"));
        }
    } else {
        let kind = crate::domain::closeout::evaluation_kind(&plan.info, year);
        println!("{}  评估年度：{year}年（{}）", plan.info.name, kind.label());
        if final_review {
            println!("{}", closeout_cmd::final_summary(&plan, year));
        }
        print_table(&header, &rows);
        if let Some(up) = pf.upgrade() {
            println!(
                "（此文件由旧版EduPlan保存（格式第{}版）；这里按新版规则显示，文件本身未作改动。）",
                up.from_version
            );
        }
    }
    Ok(())
}

fn status_row(plan: &Plan, ind: &Indicator, year: i32, explain: bool) -> Vec<String> {
    let eval = evaluate(ind, &plan.info, year);
    let one_line = |s: &str| s.replace(['\n', '\t'], " ");
    let mut row = vec![
        ind.name.clone(),
        ind.unit.clone(),
        ind.base_value
            .map_or_else(|| "—".to_owned(), |v| format_value(v, ind)),
        ind.target_text.clone(),
        value_text(&eval, ind),
        progress_text(&eval),
        format_percent(eval.elapsed),
        status_text(&eval),
        light_text(&eval),
        eval.cumulative
            .map_or_else(|| "—".to_owned(), |v| format_value(v, ind)),
        one_line(ind.actuals.get(&year).map_or("", |a| a.note.as_str())),
    ];
    if explain {
        row.push(one_line(&basis_text(&eval, ind)));
    }
    row
}

/// Terminal width of a string: CJK characters take two columns.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if c.is_ascii() || c == '—' || ('\u{2500}'..='\u{25FF}').contains(&c) {
                1
            } else {
                2
            }
        })
        .sum()
}

fn print_table(header: &[String], rows: &[Vec<String>]) {
    let n = header.len();
    let mut widths = vec![0usize; n];
    for r in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (w, cell) in widths.iter_mut().zip(r.iter()) {
            *w = (*w).max(display_width(cell));
        }
    }
    let line = |r: &[String]| {
        let mut out = String::new();
        for (i, cell) in r.iter().enumerate() {
            out.push_str(cell);
            if i + 1 < n {
                out.push_str(&" ".repeat(widths[i] - display_width(cell) + 2));
            }
        }
        out
    };
    println!("{}", line(header));
    println!(
        "{}",
        "-".repeat(widths.iter().sum::<usize>() + 2 * n.saturating_sub(1))
    );
    for r in rows {
        println!("{}", line(r));
    }
}

/// Find an indicator by its exact name, or explain which names come close.
pub fn find_indicator<'a>(plan: &'a Plan, name: &str) -> Result<&'a Indicator, String> {
    if let Some(ind) = plan.indicator_by_name(name) {
        return Ok(ind);
    }
    let close: Vec<&str> = plan
        .indicators
        .iter()
        .filter(|i| i.name.contains(name.trim()) || name.contains(&i.name))
        .map(|i| i.name.as_str())
        .collect();
    Err(if close.is_empty() {
        format!("规划中没有名为“{name}”的指标")
    } else {
        format!(
            "规划中没有名为“{name}”的指标。您是否要找：{}",
            close.join("、")
        )
    })
}

fn cmd_set(opts: &Options) -> CliResult<()> {
    let file = opts.one_file()?;
    let name = opts.require("--indicator")?;
    let value_text = opts.require("--value")?;
    opts.require("--year")?;
    let mut pf = PlanFile::open_waiting(&file, WRITER_WAIT).map_err(CliError::failed)?;
    let plan = pf.load().map_err(CliError::failed)?;
    let year = opts
        .year(&plan)
        .map_err(CliError::usage)?
        .unwrap_or(plan.info.first_year);
    let ind = find_indicator(&plan, name).map_err(CliError::failed)?;
    let value = parse_indicator_value(value_text, ind)
        .map_err(|why| CliError::failed(format!("“{}”{year}年的值无效：{why}", ind.name)))?;
    let old = ind.actual_value(year);
    let mut edits = vec![Edit::Set(
        Field::Actual(ind.id, year, ActualField::Value),
        Value::from_opt_num(value),
    )];
    if let Some(note) = opts.get("--note") {
        edits.push(Edit::Set(
            Field::Actual(ind.id, year, ActualField::Note),
            Value::text(note.trim()),
        ));
    }
    let estimate = opts.flag("--estimate");
    if estimate {
        if value.is_none() {
            return Err(CliError::usage(
                "--estimate 标记的是一个数值，不能用于清除数值",
            ));
        }
        // After the value: entering a value clears an older 预计 mark, this sets it again.
        edits.push(Edit::Set(
            Field::Actual(ind.id, year, ActualField::Estimate),
            Value::Int(1),
        ));
    }
    pf.apply(&edits, "命令行录入").map_err(CliError::failed)?;
    let show = |v: Option<f64>| {
        v.map_or_else(
            || "未填报".to_owned(),
            |v| format!("{}{}", format_value(v, ind), ind.unit),
        )
    };
    let plan = pf.load().map_err(CliError::failed)?;
    let eval = plan
        .indicator(ind.id)
        .map(|i| evaluate(i, &plan.info, year));
    println!(
        "已记录：{} {year}年 = {}{}（原为 {}）{}",
        ind.name,
        show(value),
        if estimate { "（预计）" } else { "" },
        show(old),
        eval.map_or_else(String::new, |e| format!(
            "，评价：{}，{}{}",
            e.status.label(),
            e.light.symbol(),
            e.light.label()
        ))
    );
    Ok(())
}

mod balance_cmd;
mod city_cmd;
mod closeout_cmd;
mod commitments_cmd;
mod exchange_cmds;
mod extract_cmd;
mod library_cmd;
mod report_cmd;
use balance_cmd::cmd_balance;
use exchange_cmds::{cmd_export, cmd_import, cmd_school_import, cmd_school_template, cmd_template};

/// `--yes`, or the officer's answer to `question` on the terminal.
fn confirmed(opts: &Options, question: &str) -> bool {
    use std::io::Write;
    opts.flag("--yes") || {
        print!("{question}[y/N] ");
        let _ = std::io::stdout().flush();
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer).is_ok()
            && matches!(answer.trim(), "y" | "Y" | "是" | "yes")
    }
}
