#!/usr/bin/env python3
"""Writes sample_plans/city/: five illustrative district plans (plan text JSON, version 3) of
a fictitious city and the city's settings. Every figure is invented for demonstration.
Run through scripts/make-city-sample.sh, which also builds the city file from the settings."""
import json
import os

OUT = "sample_plans/city"
REMARK = ("【示例数据·虚构】本文件是为演示“市级汇总”而虚构的区县规划：区县名称、指标、目标值、"
          "2020年基期值、2021—2024年实际值（北原县2024年学生体质健康达标率标为预计值）、分子分母、说明和"
          "学校数据均为示意，不是任何地方的实际统计数据。")

# name, region, base/target/values per indicator, with counts where the district gives them.
DISTRICTS = [
    {"file": "东湖区", "name": "东湖区教育事业发展“十四五”规划（示例）", "counts": True,
     "preschool": (88.0, 92.0, [89.1, 90.2, 91.5, 92.9], 5200), "retention": (98.6, 99.0, [98.8, 99.1, 99.2, 99.3], 3100),
     "senior": (90.5, 93.0, [91.0, 91.8, 92.4, 93.1], 4100), "inclusive": (82.0, 88.0, [83.5, 85.0, 86.9, 88.4]),
     "fitness": (91.0, 95.0, [91.8, 92.6, 93.3, 94.2], 21000), "backbone": (400, [70, 85, 90, 95]),
     "kindergartens": (4, [1, 1, 0, 1]), "myopia": (52.0, -5.0, [51.2, 50.1, 49.5, 48.3]),
     "it_name": "教师信息技术应用能力提升工程2.0培训完成率", "it": (60.0, 100.0, [75.0, 88.0, 95.0, 99.0]),
     "schools": True, "missing_2024": [], "red_note": True},
    {"file": "西岭区", "name": "西岭区教育事业发展“十四五”规划（示例）", "counts": True,
     "preschool": (86.0, 90.0, [86.8, 87.5, 88.6, 89.4], 3900), "retention": (98.2, 99.0, [98.5, 98.7, 98.9, 98.8], 2700),
     "senior": (89.0, 92.0, [89.8, 90.3, 91.2, 91.6], 3300), "inclusive": (80.0, 85.0, [81.0, 82.4, 83.9, 85.2]),
     "fitness": (90.0, 94.0, [90.5, 91.4, 92.0, 92.8], 16500), "backbone": (300, [50, 60, 55, 70]),
     "kindergartens": (3, [0, 1, 1, 0]), "myopia": (55.0, -5.0, [54.6, 54.0, 53.8, 53.1]),
     "it_name": "教师信息技术应用能力提升工程2.0培训完成率", "it": (55.0, 100.0, [70.0, 82.0, 90.0, 96.0]),
     "schools": True, "missing_2024": [], "red_note": False},
    {"file": "南川县", "name": "南川县教育事业发展“十四五”规划（示例）", "counts": False,
     "preschool": (84.0, 90.0, [85.2, 86.9, 88.0, 89.6], None), "retention": (97.5, 98.5, [97.8, 98.0, 98.3, 98.6], None),
     "senior": (87.0, 92.0, [88.0, 89.5, 90.2, 91.0], None), "inclusive": (78.0, 85.0, [79.5, 81.0, 82.8, 84.1]),
     "fitness": (89.0, 93.0, [89.6, 90.1, 90.9, 91.5], None), "backbone": (250, [40, 45, 50, 52]),
     "kindergartens": (3, [1, 0, 1, 1]), "myopia": (48.0, -4.0, [47.5, 47.0, 46.2, 45.9]),
     "it_name": "教师信息素养提升培训完成率", "it": (50.0, 100.0, [68.0, 80.0, 91.0, 97.0]),
     "schools": False, "missing_2024": ["普惠性幼儿园覆盖率"], "red_note": False},
    {"file": "北原县", "name": "北原县教育事业发展“十四五”规划（示例）", "counts": True,
     "preschool": (82.0, 90.0, [83.0, 84.6, 86.1, 87.3], 2600), "retention": (97.0, 98.5, [97.3, 97.6, 97.9, 98.1], 1900),
     "senior": (86.0, 91.0, [86.9, 87.8, 88.5, 89.2], 2200), "inclusive": (76.0, 85.0, [77.2, 79.0, 80.5, 82.0]),
     "fitness": (88.0, 93.0, [88.4, 89.0, 89.9, 90.3], 11800), "backbone": (200, [30, 35, 38, 40]),
     "kindergartens": (2, [0, 1, 0, 0]), "myopia": (50.0, -4.0, [50.3, 49.9, 49.6, 49.2]),
     "it_name": "教师信息技术应用能力提升工程2.0培训完成率", "it": (45.0, 100.0, [60.0, 72.0, 84.0, 90.0]),
     "schools": False, "missing_2024": [], "red_note": False,
     "estimate_2024": ["学生体质健康达标率"]},
    {"file": "中山区", "name": "中山区教育事业发展“十四五”规划（示例）", "counts": True,
     "preschool": (90.0, 93.0, [90.8, 91.9, 92.6, 93.4], 6100), "retention": (99.0, 99.5, [99.1, 99.2, 99.4, 99.6], 3600),
     "senior": (92.0, 95.0, [92.6, 93.3, 94.0, 94.6], 4800), "inclusive": (85.0, 90.0, [86.0, 87.1, 88.5, 89.9]),
     "fitness": (92.0, 96.0, [92.9, 93.6, 94.5, 95.2], 24500), "backbone": (450, [80, 95, 100, 110]),
     "kindergartens": (5, [1, 2, 1, 1]), "myopia": (53.0, -6.0, [52.0, 50.9, 49.8, 48.6]),
     "it_name": "教师信息技术应用能力提升工程2.0培训完成率", "it": (65.0, 100.0, [80.0, 91.0, 97.0, 100.0]),
     "schools": False, "missing_2024": [], "red_note": False},
]

YEARS = [2021, 2022, 2023, 2024]


def rate(name, unit, cat, attr, kind, cmp, base, target, values, text, denominator=None,
         labels=("", ""), library=None, missing=(), exceed=False, estimate=()):
    actuals = {}
    for y, v in zip(YEARS, values):
        if name in missing and y == 2024:
            continue
        if denominator:
            d = round(denominator * (1 + (y - 2022) * 0.01))
            actuals[str(y)] = {"value": v, "numerator": round(d * v / 100), "denominator": d}
        else:
            actuals[str(y)] = {"value": v}
        if name in estimate and y == 2024:
            actuals[str(y)]["estimate"] = True
            actuals[str(y)]["note"] = "体质健康测试数据正在复核，按初报数预计"
    ind = {"name": name, "unit": unit, "category": cat, "attribute": attr, "kind": kind,
           "comparison": cmp, "base": base, "target": target, "target_year": 2025,
           "target_text": text, "lead_unit": "规划科", "data_source": "教育事业统计年报",
           "may_exceed_100": exceed, "actuals": actuals}
    if denominator:
        ind["numerator"], ind["denominator"] = labels
    if library:
        ind["library"] = library
    return ind


def plan(d):
    m = d["missing_2024"]
    c = d["counts"]
    pre = d["preschool"]
    ret = d["retention"]
    sen = d["senior"]
    fit = d["fitness"]
    inc = d["inclusive"]
    preschool_name = "学前三年毛入园率" if d["file"] != "南川县" else "学前教育毛入园率"
    indicators_pre = [
        rate(preschool_name, "%", "学前教育", "预期性", "level", "≥", pre[0], pre[1], pre[2],
             f"{pre[1]:g}%以上", pre[3] if c else None, ("在园幼儿数（不分年龄）", "3-5岁人口"),
             missing=m, exceed=True),
        rate("普惠性幼儿园覆盖率", "%", "学前教育", "约束性", "level", "≥", inc[0], inc[1], inc[2],
             f"{inc[1]:g}%以上", missing=m),
        {"name": "新建公办幼儿园", "unit": "所", "category": "学前教育", "attribute": "预期性",
         "kind": "cumulative", "comparison": "≥", "base": 0, "target": d["kindergartens"][0],
         "target_year": 2025, "target_text": f"新建{d['kindergartens'][0]}所",
         "actuals": {str(y): v for y, v in zip(YEARS, d["kindergartens"][1])}},
    ]
    indicators_comp = [
        rate("九年义务教育巩固率", "%", "义务教育", "约束性", "maintain", "≥", ret[0], ret[1], ret[2],
             f"保持在{ret[1]:g}%以上", ret[3] if c and d["file"] != "北原县" else None,
             ("初中毕业班学生数", "该年级入小学一年级时的学生数"), missing=m),
        rate("学生体质健康达标率", "%", "义务教育", "预期性", "level", "≥", fit[0], fit[1], fit[2],
             f"{fit[1]:g}%", fit[3] if c else None, ("学年总分≥60的人数", "参测人数"), missing=m,
             estimate=d.get("estimate_2024", ())),
        {"name": "义务教育近视率", "unit": "%", "category": "义务教育", "attribute": "预期性",
         "kind": "change", "comparison": "≤", "base": d["myopia"][0], "target": d["myopia"][1],
         "target_year": 2025, "target_text": f"下降{-d['myopia'][1]:g}个百分点",
         "actuals": {str(y): {"value": v} for y, v in zip(YEARS, d["myopia"][2])}},
    ]
    indicators_senior = [
        rate("高中阶段教育毛入学率", "%", "普通高中", "预期性", "level", "≥", sen[0], sen[1], sen[2],
             f"{sen[1]:g}%以上", sen[3] if c else None, ("高中阶段在校生数", "15-17岁人口"),
             missing=m, exceed=True),
    ]
    it = d["it"]
    indicators_teachers = [
        {"name": "区级骨干教师培养", "unit": "人", "category": "教师队伍", "attribute": "预期性",
         "kind": "cumulative", "comparison": "≥", "base": 0, "target": d["backbone"][0],
         "target_year": 2025, "target_text": f"5年培养{d['backbone'][0]}人",
         "actuals": {str(y): v for y, v in zip(YEARS, d["backbone"][1])}},
        rate(d["it_name"], "%", "教师队伍", "预期性", "level", "≥", it[0], it[1], it[2], "100%"),
    ]
    if d["red_note"]:
        # A value behind its path, with the district's explanation.
        indicators_teachers[1]["actuals"]["2024"]["note"] = "部分教师参训延期，2025年上半年补训"
    sections = [
        {"numbering": "一、", "title": "学前教育", "indicators": indicators_pre},
        {"numbering": "二、", "title": "义务教育", "indicators": indicators_comp},
        {"numbering": "三、", "title": "普通高中", "indicators": indicators_senior},
        {"numbering": "四、", "title": "教师队伍", "indicators": indicators_teachers},
    ]
    out = {
        "format": "eduplan-plan-text",
        "version": 4,
        "plan": {
            "name": d["name"],
            "region": d["file"],
            "issuing_body": f"{d['file']}人民政府办公室（示例）",
            "reporting_unit": f"{d['file']}教育局",
            "base_year": 2020, "first_year": 2021, "last_year": 2025,
            "remark": REMARK,
        },
        "sections": sections,
    }
    if d["schools"]:
        with open("sample_plans/longtan-14th-five-year-education-plan.json", encoding="utf-8") as f:
            longtan = json.load(f)
        schools = []
        for s in longtan["schools"][:10]:
            s = json.loads(json.dumps(s))
            s["name"] = s["name"].replace("龙潭区", d["file"])
            if d["file"] == "西岭区":
                for y in s["years"].values():
                    if "equipment" in y:
                        y["equipment"] = round(y["equipment"] * 0.55)
            schools.append(s)
        out["schools"] = schools
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    for d in DISTRICTS:
        with open(os.path.join(OUT, f"{d['file']}（示例）.json"), "w", encoding="utf-8") as f:
            json.dump(plan(d), f, ensure_ascii=False, indent=2)
            f.write("\n")
    settings = {
        "city_name": "示例市教育局",
        "indicators": {
            "preschool_gross_enrolment": {"target": 90.0, "weight": 1.0},
            "compulsory_retention": {"target": 98.5, "weight": 2.0},
            "upper_secondary_gross_enrolment": {"target": 92.0, "weight": 1.0},
            "inclusive_kindergarten_coverage": {"target": 85.0, "weight": 1.0},
        },
        "mapping": {
            "南川县\u001f教师信息素养提升培训完成率": "名称:教师信息技术应用能力提升工程2.0培训完成率",
        },
        "scoring": {"rule": "by_rank", "points": [10, 8, 6, 4, 2]},
        "grades": {"excellent": 85.0, "good": 70.0, "pass": 55.0},
        "balance_years": {"东湖区": 2025, "西岭区": 2027},
        "notes": "【示例】示例市对各区县规划主要指标的年度监测设置：市目标、权重和计分规则均为示意。",
    }
    with open(os.path.join(OUT, "示例市市级设置.json"), "w", encoding="utf-8") as f:
        json.dump(settings, f, ensure_ascii=False, indent=2)
        f.write("\n")


main()
