#!/usr/bin/env bash
# Re-make the 十五五 draft shipped in sample_plans/ from the 十四五 sample, the way an officer
# makes it ("由本规划生成下一期规划" / `eduplan next`). Run after changing the sample or the
# rules of the next plan; tests/app/closeout.rs checks the shipped file is what this makes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=sample_plans/longtan-15th-five-year-draft.json
rm -f "$out"
cargo run -q -- next sample_plans/longtan-14th-five-year-education-plan.json -o "$out" --years 2026-2030
# Say in the file which figures are illustrative: its base values are the sample's 2025 values.
python3 - "$out" <<'PY'
import json, sys
path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    plan = json.load(f)
plan["plan"]["remark"] = (
    "【示例数据】本草案由示例规划《龙潭区教育事业发展“十四五”规划》经“由本规划生成下一期规划”生成："
    "指标名称、单位、定义沿用原规划；2025年基期值取自示例规划中演示用的2025年数值（其中标“预计”的为预计值），"
    "并非龙潭区的实际统计数据；目标值标“待定”的有待确定。" + plan["plan"]["remark"]
)
with open(path, "w", encoding="utf-8") as f:
    json.dump(plan, f, ensure_ascii=False, indent=2)
    f.write("\n")
PY
