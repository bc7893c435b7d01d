//! The close-out in the plan text (version 4): what the officer recorded for an indicator or a
//! task at the end of the period, written with the words users see (or the stable codes).

use serde::{Deserialize, Serialize};

use eduplan_domain::closeout::{
    FinalVerdict, IndicatorCloseout, MissReason, ProjectState, TaskCloseout, TaskVerdict,
};

/// A word or code of an enumeration, or an error naming the item and the field.
fn coded<T: eduplan_domain::Coded>(
    text: &Option<String>,
    label_of: fn(&str) -> Option<T>,
    owner: &str,
    what: &str,
) -> Result<Option<T>, String> {
    match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => label_of(t)
            .or_else(|| T::from_code(t))
            .map(Some)
            .ok_or_else(|| format!("“{owner}”的{what}“{t}”无法识别")),
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IndicatorCloseoutText {
    /// 人工判定: 超额完成 / 提前完成 / 已完成 / 基本完成 / 未完成
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict_override: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub override_reason: String,
    /// 未完成原因: 学龄人口变化/生源减少, 统计口径调整, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub miss_reason: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub miss_note: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub next_steps: String,
    pub carry_over: bool,
    pub base_estimate: bool,
}

impl IndicatorCloseoutText {
    pub fn to_domain(&self, name: &str) -> Result<IndicatorCloseout, String> {
        Ok(IndicatorCloseout {
            verdict_override: coded(
                &self.verdict_override,
                FinalVerdict::from_label,
                name,
                "人工判定",
            )?,
            override_reason: self.override_reason.clone(),
            miss_reason: coded(
                &self.miss_reason,
                MissReason::from_label,
                name,
                "未完成原因",
            )?,
            miss_note: self.miss_note.clone(),
            next_steps: self.next_steps.clone(),
            carry_over: self.carry_over,
            base_estimate: self.base_estimate,
        })
    }

    pub fn of(c: &IndicatorCloseout) -> Option<IndicatorCloseoutText> {
        (*c != IndicatorCloseout::default()).then(|| IndicatorCloseoutText {
            verdict_override: c.verdict_override.map(|v| v.label().to_owned()),
            override_reason: c.override_reason.clone(),
            miss_reason: c.miss_reason.map(|v| v.label().to_owned()),
            miss_note: c.miss_note.clone(),
            next_steps: c.next_steps.clone(),
            carry_over: c.carry_over,
            base_estimate: c.base_estimate,
        })
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskCloseoutText {
    /// 已完成 / 基本完成 / 持续推进（常态化工作） / 未完成（结转） / 已调整或取消
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub verdict_basis: String,
    /// 建设内容及规模
    #[serde(skip_serializing_if = "String::is_empty")]
    pub scope: String,
    /// 计划建设期
    #[serde(skip_serializing_if = "String::is_empty")]
    pub build_period: String,
    /// 实际完成情况
    #[serde(skip_serializing_if = "String::is_empty")]
    pub outcome: String,
    /// 新增学位
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_places: Option<f64>,
    /// 建成投用 / 在建 / 未开工 / 已调整
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub miss_reason: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub miss_note: String,
    pub carry_over: bool,
}

impl TaskCloseoutText {
    pub fn to_domain(&self, title: &str) -> Result<TaskCloseout, String> {
        Ok(TaskCloseout {
            verdict: coded(&self.verdict, TaskVerdict::from_label, title, "期末评价")?,
            verdict_basis: self.verdict_basis.clone(),
            scope: self.scope.clone(),
            build_period: self.build_period.clone(),
            outcome: self.outcome.clone(),
            new_places: self.new_places,
            project_state: coded(
                &self.project_state,
                ProjectState::from_label,
                title,
                "工程状态",
            )?,
            miss_reason: coded(
                &self.miss_reason,
                MissReason::from_label,
                title,
                "未完成原因",
            )?,
            miss_note: self.miss_note.clone(),
            carry_over: self.carry_over,
        })
    }

    pub fn of(c: &TaskCloseout) -> Option<TaskCloseoutText> {
        (*c != TaskCloseout::default()).then(|| TaskCloseoutText {
            verdict: c.verdict.map(|v| v.label().to_owned()),
            verdict_basis: c.verdict_basis.clone(),
            scope: c.scope.clone(),
            build_period: c.build_period.clone(),
            outcome: c.outcome.clone(),
            new_places: c.new_places,
            project_state: c.project_state.map(|v| v.label().to_owned()),
            miss_reason: c.miss_reason.map(|v| v.label().to_owned()),
            miss_note: c.miss_note.clone(),
            carry_over: c.carry_over,
        })
    }
}
