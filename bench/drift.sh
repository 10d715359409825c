#!/usr/bin/env bash
# `mlops drift compare` on two 1M-row x 24-feature CSVs against pandas read + scipy statistics, back to back, with
# `uptime` before each run. The files: bench/.data/synth_1000000.csv (seed 20261123) and synth_1000000_seed7.csv (seed 7),
# labels excluded. Usage: bench/drift.sh [repeats]   (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-2}
a=bench/.data/synth_1000000.csv; b=bench/.data/synth_1000000_seed7.csv
[ -f "$a" ] || /usr/bin/python3 bench/reference.py generate --rows 1000000 --out "$a"
[ -f "$b" ] || /usr/bin/python3 -c "import sys; sys.path.insert(0,'bench'); import reference; reference.generate(1000000, '$b', seed=7)"
mlops_dll=$(MLOPS_PRINT_DLL=1 ./mlops)                  # builds the CLI as ./mlops runs it (ReadyToRun)
for i in $(seq "$repeats"); do
  echo "== ours $(uptime)"
  start=$(date +%s.%N)
  dotnet "$mlops_dll" drift compare "$a" "$b" --exclude y_bin --exclude y_reg --json > /tmp/drift-ours.json
  echo "ours wall_seconds $(echo "$(date +%s.%N) - $start" | bc) verdict $(/usr/bin/python3 -c 'import json; r=json.load(open("/tmp/drift-ours.json")); print(r["verdict"], len(r["features"]), "features")')"
  echo "== pandas+scipy $(uptime)"
  /usr/bin/python3 bench/drift_reference.py "$a" "$b" --exclude y_bin --exclude y_reg
done
