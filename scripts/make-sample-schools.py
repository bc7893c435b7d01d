#!/usr/bin/env python3
"""Add the illustrative school data (义务教育优质均衡) to the Longtan sample plan text.
The schools and all their figures are invented for demonstration; the plan's remark says so.
Run from the repository root: python3 scripts/make-sample-schools.py"""

import json
import random

PATH = "sample_plans/longtan-14th-five-year-education-plan.json"

# name, type, pupils (小学, 初中, 高中), how well resourced (1.0 = at the standard)
SCHOOLS = [
    ("龙潭区实验小学", "小学", (1850, 0, 0), 1.45),
    ("龙潭区新吉林小学", "小学", (1320, 0, 0), 1.30),
    ("龙潭区铁东小学", "小学", (960, 0, 0), 1.20),
    ("龙潭区双语实验学校（小学部）", "小学", (1100, 0, 0), 1.35),
    ("龙潭区龙华小学", "小学", (780, 0, 0), 1.15),
    ("龙潭区承德小学", "小学", (640, 0, 0), 1.10),
    ("龙潭区江北小学", "小学", (520, 0, 0), 1.05),
    ("龙潭区乌拉街中心小学", "小学", (430, 0, 0), 0.98),
    ("龙潭区金珠中心小学", "小学", (380, 0, 0), 0.95),
    ("龙潭区江密峰中心小学", "小学", (310, 0, 0), 0.92),
    ("龙潭区大口钦中心小学", "小学", (290, 0, 0), 1.02),
    ("龙潭区缸窑中心小学", "小学", (260, 0, 0), 0.90),
    ("龙潭区第一实验中学", "初中", (0, 1650, 0), 1.30),
    ("龙潭区第二中学", "初中", (0, 980, 0), 1.15),
    ("龙潭区铁东中学", "初中", (0, 720, 0), 1.05),
    ("龙潭区乌拉街中学", "初中", (0, 460, 0), 0.96),
    ("龙潭区江密峰中学", "初中", (0, 380, 0), 0.93),
    ("龙潭区金珠学校", "九年一贯制学校", (420, 310, 0), 1.00),
    ("龙潭区大口钦学校", "九年一贯制学校", (350, 260, 0), 0.97),
    ("吉林市第十中学（初中部）", "完全中学", (0, 900, 1200), 1.25),
    ("龙潭区孤店子教学点", "教学点", (35, 0, 0), 0.80),
    ("龙潭区特殊教育学校", "特殊教育学校", (60, 30, 0), 1.10),
]

# National standards [小学, 初中] and whether the indicator is per 100 pupils.
RESOURCES = [
    ("qualified_teachers", (4.2, 5.3), True),
    ("key_teachers", (1.0, 1.0), True),
    ("arts_pe_teachers", (0.9, 0.9), True),
    ("teaching_space", (4.5, 5.8), False),
    ("sports_space", (7.5, 10.2), False),
    ("equipment", (2000.0, 2500.0), False),
    ("multimedia_rooms", (2.3, 2.4), True),
]


def figures(pupils, level, rng, year_factor):
    primary, junior, senior = pupils
    out = {}
    if primary:
        out["pupils_primary"] = primary
    if junior:
        out["pupils_junior"] = junior
    if senior:
        out["pupils_senior"] = senior
    for key, (std_p, std_j), per_hundred in RESOURCES:
        # Shared resources of all pupils, each part at its own standard.
        need = primary * std_p + (junior + senior) * std_j
        if per_hundred:
            need /= 100.0
        spread = rng.uniform(0.8, 1.25) if key in ("equipment", "sports_space") else rng.uniform(0.9, 1.12)
        value = need * level * spread * year_factor
        out[key] = round(value) if per_hundred else round(value, 0)
    return out


def main():
    with open(PATH, encoding="utf-8") as f:
        plan = json.load(f)
    rng = random.Random(2024)
    schools = []
    for name, kind, pupils, level in SCHOOLS:
        years = {}
        for year, factor in ((2023, 0.96), (2024, 1.0)):
            grown = tuple(round(p * (0.98 if year == 2023 else 1.0)) for p in pupils)
            years[str(year)] = figures(grown, level, rng, factor)
        schools.append({"name": name, "type": kind, "years": years})
    plan["version"] = 2
    plan["schools"] = schools
    note = "学校名单和各校在校生数、师资、校舍、仪器设备等优质均衡数据也均为示例数据。"
    if note not in plan["plan"]["remark"]:
        plan["plan"]["remark"] += note
    with open(PATH, "w", encoding="utf-8") as f:
        json.dump(plan, f, ensure_ascii=False, indent=2)
        f.write("\n")


main()
