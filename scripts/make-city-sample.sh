#!/usr/bin/env bash
# Re-make sample_plans/city/: the five illustrative district plans and the city's settings
# (make-city-sample.py), then the city file 示例市.eduplan-city made from those settings the
# way a city officer makes one (`eduplan city new … --from`). tests/app/city.rs checks the
# shipped city file holds the settings file's choices.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 scripts/make-city-sample.py
out=sample_plans/city/示例市.eduplan-city
rm -f "$out"
cargo run -q -- city new "$out" --from sample_plans/city/示例市市级设置.json
