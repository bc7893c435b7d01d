//! "由本规划生成下一期规划" for both front ends: the draft of the next plan written into a new
//! file. The plan it is made from is only read (its bytes are hashed so the new plan can say
//! which file it quotes).

use std::path::Path;

use crate::domain::Plan;
use crate::domain::closeout::next::{CARRIED_MARK, default_next_years, next_plan};
use crate::domain::closeout::{Predecessor, hash::sha256_hex};
use crate::storage::PlanFile;

/// What the new plan holds, for the message after writing it.
#[derive(Clone, Debug, PartialEq)]
pub struct NextPlanSummary {
    pub name: String,
    pub years: (i32, i32),
    pub indicators: usize,
    /// Base values that are the old plan's 预计 values.
    pub estimated_bases: usize,
    pub carried_indicators: usize,
    pub carried_tasks: usize,
}

impl NextPlanSummary {
    /// The lines shown after writing (the window shows them joined).
    pub fn lines(&self, path: &Path) -> Vec<String> {
        let (first, last) = self.years;
        let mut out = vec![
            format!(
                "已生成下一期规划：{}（{}，{first}-{last}年，基期{}年）",
                path.display(),
                self.name,
                first - 1
            ),
            format!(
                "{}个指标沿用定义和口径，基期值取{}年的值（其中{}个为预计值）；目标值待定，请逐项确定。",
                self.indicators,
                first - 1,
                self.estimated_bases
            ),
        ];
        if self.carried_indicators + self.carried_tasks > 0 {
            out.push(format!(
                "上期结转：{}个指标、{}项任务（标“（上期结转）”）。",
                self.carried_indicators, self.carried_tasks
            ));
        }
        out
    }
}

/// The new plan is written as plan text (JSON, to keep in a repository or send for review)
/// rather than as a plan file.
fn is_plan_text(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Refuse a destination before anything is read: a name that is neither a plan file nor a
/// plan text, an existing file (never overwritten), the plan itself.
pub fn check_destination(from: &Path, to: &Path) -> Result<(), String> {
    if !to
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(crate::storage::EXTENSION))
        && !is_plan_text(to)
    {
        return Err(format!(
            "新规划文件名必须以 .{} 结尾（或以 .json 结尾，写成规划文本）",
            crate::storage::EXTENSION
        ));
    }
    if to.exists() || to == from {
        return Err(format!(
            "“{}”已存在；下一期规划只写入新文件，不覆盖已有文件",
            to.display()
        ));
    }
    Ok(())
}

/// Make the next plan from `plan` (read from `from`) and write it to the new file `to`.
pub fn write_next_plan(
    plan: &Plan,
    from: &Path,
    to: &Path,
    years: Option<(i32, i32)>,
) -> Result<NextPlanSummary, String> {
    check_destination(from, to)?;
    let bytes = std::fs::read(from).map_err(|e| format!("无法读取“{}”：{e}", from.display()))?;
    let years = years.unwrap_or_else(|| default_next_years(&plan.info));
    let predecessor = Predecessor {
        name: plan.info.name.clone(),
        hash: sha256_hex(&bytes),
    };
    let next = next_plan(plan, years, predecessor);
    if is_plan_text(to) {
        let text = crate::exchange::plan_text_write::write_plan_text(&next);
        // check_destination has refused an existing file and a wrong name.
        crate::exchange::replace_atomically(to, text.as_bytes()).map_err(|e| e.to_string())?;
    } else {
        PlanFile::create(to, &next).map_err(|e| e.to_string())?;
    }
    Ok(NextPlanSummary {
        name: next.info.name.clone(),
        years,
        indicators: next.indicators.len(),
        estimated_bases: next
            .indicators
            .iter()
            .filter(|i| i.closeout.base_estimate)
            .count(),
        carried_indicators: next
            .indicators
            .iter()
            .filter(|i| i.name.contains(CARRIED_MARK))
            .count(),
        carried_tasks: next
            .tasks
            .iter()
            .filter(|t| t.title.contains(CARRIED_MARK))
            .count(),
    })
}
