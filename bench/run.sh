#!/usr/bin/env bash
# Benchmarks our trainers and ML.NET's (through our trainer port) against xgboost and scikit-learn on seeded synthetic CSVs and prints one table.
# Usage: bench/run.sh [rows ...]          (default: 100000 1000000)
# Data is generated once into bench/.data (gitignored); results land in $RESULTS (default bench/.data/results), the
# table in $RESULTS/table.md. Runs one measurement at a time: each uses up to 2 threads.
# KEEP_REFERENCE=1 keeps reference results already measured (ref_*.json) instead of re-running xgboost/sklearn.
# REPEATS=N runs every configuration N times, interleaved (each pass runs everything once; rows carry the pass number
# and the load average, and ratios compare rows of the same pass). LABELS="y_bin" limits the labels (default both).
# Our gbdt runs twice per pass: depth-wise (max_depth 6, the default) and leaf-wise ($LEAFWISE on top: the README's
# documented leaf-wise setting; the 2026-12-04 run in RESULTS.md used max_leaves=64,max_depth=10 alone, and runs up to
# 2026-12-05 00:21 UTC the same without n_estimators=60,learning_rate=0.17).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=bench/.data
RESULTS=${RESULTS:-$DATA/results}
PY=/usr/bin/python3
SIZES=("$@")
REPEATS=${REPEATS:-1}
read -r -a LABEL_LIST <<< "${LABELS:-y_bin y_reg}"
LEAFWISE=${LEAFWISE:-max_leaves=64,max_depth=10,cat_smooth=10,min_samples_per_category=50,n_estimators=60,learning_rate=0.17}
export OMP_NUM_THREADS=2 # scikit-learn's HistGradientBoosting threads (xgboost and ours take 2 explicitly)
# OpenMP threads (LightGBM's, scikit-learn's, xgboost's) sleep instead of spinning while they wait: on a shared machine
# spinning burned most of their CPU time (ML.NET LightGBM on 1M rows ran 13 minutes with spinning threads before it
# was stopped). Our threads (the .NET thread pool) spin briefly then sleep either way.
export OMP_WAIT_POLICY=PASSIVE
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
      # Tree models first and side by side (the gbdt targets compare them), then the linear ones. Ours: gbdt depth-wise,
      # then leaf-wise; ML.NET's trainers run through the same runner (MlopsServerless.MLNet).
      if [ "$label" = y_bin ]; then
        steps="ours:gbdt ours:gbdt-leafwise ref:sklearn_hgb ours:mlnet-lightgbm ref:xgboost ours:mlnet-fasttree ours:logreg ref:sklearn_linear ours:mlnet-lbfgs"
      else
        steps="ours:gbdt ours:gbdt-leafwise ref:sklearn_hgb ours:mlnet-lightgbm ref:xgboost ours:mlnet-fasttree ours:linear ref:sklearn_linear ours:mlnet-sdca"
      fi
      for step in $steps; do
        algo=${step#*:}
        if [ "${step%%:*}" = ours ]; then
          echo "ours $algo $rows $label pass $pass ($(uptime))"
          extra=()
          [ "$algo" = gbdt-leafwise ] && extra=(--set "$LEAFWISE" --name "${LEAFWISE_NAME:-gbdt-leafwise}")
          "${BENCH[@]}" ours --csv "$csv" --label "$label" --algorithm "${algo%-leafwise}" "${extra[@]}" --repeat "$pass" \
            --out "$RESULTS/ours_${algo}_${rows}_${label}_${pass}.json" || echo "  (ours $algo skipped)"
        else
          out="$RESULTS/ref_${algo}_${rows}_${label}_${pass}.json"
          [ -f "$out" ] && { echo "reference $algo $rows $label pass $pass (kept)"; continue; }
          echo "reference $algo $rows $label pass $pass ($(uptime))"
          $PY bench/reference.py run --algo "$algo" --csv "$csv" --label "$label" --repeat "$pass" --out "$out"
        fi
      done
    done
  done
done

"${BENCH[@]}" report --results "$RESULTS" | tee "$RESULTS/table.md"
