#!/usr/bin/env bash
# Benchmarks our trainers and ML.NET's (through our trainer port) against xgboost and scikit-learn on seeded synthetic CSVs and prints one table.
# Usage: bench/run.sh [rows ...]          (default: 100000 1000000)
# Data is generated once into bench/.data (gitignored); results land in bench/.data/results, the table in
# bench/.data/table.md. Runs one measurement at a time: each uses up to 2 threads.
# KEEP_REFERENCE=1 keeps reference results already measured (ref_*.json) instead of re-running xgboost/sklearn.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=bench/.data
RESULTS=$DATA/results
PY=/usr/bin/python3
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000)
mkdir -p "$RESULTS"
rm -f "$RESULTS"/ours_*.json
[ "${KEEP_REFERENCE:-0}" = 1 ] || rm -f "$RESULTS"/ref_*.json

dotnet build bench/MlopsServerless.Bench -c Release -nologo -v q
BENCH=(dotnet bench/MlopsServerless.Bench/bin/Release/net10.0/MlopsServerless.Bench.dll)

for rows in "${SIZES[@]}"; do
  csv=$DATA/synth_${rows}.csv
  [ -f "$csv" ] || { echo "generating $csv"; $PY bench/reference.py generate --rows "$rows" --out "$csv"; }
  for label in y_bin y_reg; do
    # Ours: gbdt and the linear trainer; then ML.NET's trainers through the same runner (MlopsServerless.MLNet).
    linear=$([ "$label" = y_bin ] && echo logreg || echo linear)
    mlnet=$([ "$label" = y_bin ] && echo "mlnet-lightgbm mlnet-fasttree mlnet-lbfgs" || echo "mlnet-lightgbm mlnet-fasttree mlnet-sdca")
    for algo in gbdt "$linear" $mlnet; do
      echo "ours $algo $rows $label"
      "${BENCH[@]}" ours --csv "$csv" --label "$label" --algorithm "$algo" --out "$RESULTS/ours_${algo}_${rows}_${label}.json" \
        || echo "  (ours $algo skipped)"
    done
    for algo in xgboost sklearn_hgb sklearn_linear; do
      out="$RESULTS/ref_${algo}_${rows}_${label}.json"
      [ -f "$out" ] && { echo "reference $algo $rows $label (kept)"; continue; }
      echo "reference $algo $rows $label"
      $PY bench/reference.py run --algo "$algo" --csv "$csv" --label "$label" --out "$out"
    done
  done
done

"${BENCH[@]}" report --results "$RESULTS" | tee "$DATA/table.md"
