#!/usr/bin/env bash
# Benchmarks our trainers and ML.NET's (through our trainer port) against xgboost and scikit-learn on seeded synthetic CSVs and prints one table.
# Usage: bench/run.sh [rows ...]          (default: 100000 1000000)
# Data is generated once into bench/.data (gitignored); results land in $RESULTS (default bench/.data/results), the
# table in $RESULTS/table.md. Runs one measurement at a time: each uses up to 2 threads.
# KEEP_REFERENCE=1 keeps reference results already measured (ref_*.json) instead of re-running xgboost/sklearn.
# REPEATS=N runs every configuration N times, interleaved (each pass runs everything once; rows carry the pass number
# and the load average, and ratios compare rows of the same pass). LABELS="y_bin" limits the labels (default both).
# Our gbdt runs twice per pass: depth-wise (max_depth 6, the default) and leaf-wise ($LEAFWISE on top).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=bench/.data
RESULTS=${RESULTS:-$DATA/results}
PY=/usr/bin/python3
SIZES=("$@")
REPEATS=${REPEATS:-1}
read -r -a LABEL_LIST <<< "${LABELS:-y_bin y_reg}"
LEAFWISE=${LEAFWISE:-max_leaves=64,max_depth=10}
export OMP_NUM_THREADS=2 # scikit-learn's HistGradientBoosting threads (xgboost and ours take 2 explicitly)
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000)
mkdir -p "$RESULTS"
rm -f "$RESULTS"/ours_*.json
[ "${KEEP_REFERENCE:-0}" = 1 ] || rm -f "$RESULTS"/ref_*.json

# BENCH_BIN=DIR runs an already built copy of the bench (so rebuilding the tree mid-run cannot change what is measured).
if [ -z "${BENCH_BIN:-}" ]; then
  dotnet build bench/MlopsServerless.Bench -c Release -nologo -v q
  BENCH_BIN=bench/MlopsServerless.Bench/bin/Release/net10.0
fi
BENCH=(dotnet "$BENCH_BIN/MlopsServerless.Bench.dll")

for rows in "${SIZES[@]}"; do
  csv=$DATA/synth_${rows}.csv
  [ -f "$csv" ] || { echo "generating $csv"; $PY bench/reference.py generate --rows "$rows" --out "$csv"; }
  for label in "${LABEL_LIST[@]}"; do
    for pass in $(seq "$REPEATS"); do
      # Ours: gbdt (depth-wise, then leaf-wise) and the linear trainer; then ML.NET's trainers through the same runner
      # (MlopsServerless.MLNet).
      linear=$([ "$label" = y_bin ] && echo logreg || echo linear)
      mlnet=$([ "$label" = y_bin ] && echo "mlnet-lightgbm mlnet-fasttree mlnet-lbfgs" || echo "mlnet-lightgbm mlnet-fasttree mlnet-sdca")
      for algo in gbdt gbdt-leafwise "$linear" $mlnet; do
        echo "ours $algo $rows $label pass $pass ($(uptime))"
        extra=()
        [ "$algo" = gbdt-leafwise ] && extra=(--set "$LEAFWISE" --name gbdt-leafwise)
        "${BENCH[@]}" ours --csv "$csv" --label "$label" --algorithm "${algo%-leafwise}" "${extra[@]}" --repeat "$pass" \
          --out "$RESULTS/ours_${algo}_${rows}_${label}_${pass}.json" || echo "  (ours $algo skipped)"
      done
      for algo in xgboost sklearn_hgb sklearn_linear; do
        out="$RESULTS/ref_${algo}_${rows}_${label}_${pass}.json"
        [ -f "$out" ] && { echo "reference $algo $rows $label pass $pass (kept)"; continue; }
        echo "reference $algo $rows $label pass $pass ($(uptime))"
        $PY bench/reference.py run --algo "$algo" --csv "$csv" --label "$label" --repeat "$pass" --out "$out"
      done
    done
  done
done

"${BENCH[@]}" report --results "$RESULTS" | tee "$RESULTS/table.md"
