#!/usr/bin/env bash
# Logistic regression training, same data, back to back: ours (TrainerCatalog "logreg", defaults), ML.NET
# LbfgsLogisticRegression (defaults, mean imputation + standardization + one-hot, cached), scikit-learn
# LogisticRegression (lbfgs, max_iter 200, mean imputation + standardization + one-hot). Train = first 80% of
# bench/.data/synth_<rows>.csv (800k rows for 1M), AUC on the last 20%. Prints `uptime` before each run.
# Ours runs twice: with its defaults (missing_indicators=true, max_levels=256: every level of the 200-level c3 its own
# column and a missing value its own signal, the model the other two fit) and with the general featurizer defaults it
# had before (missing_indicators=false, max_levels=50: missing imputed, the rarer c3 levels pooled into "other").
# Usage: bench/logreg.sh [rows] [repeats]      (defaults 1000000 1)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}; repeats=${2:-1}
csv=bench/.data/synth_${rows}.csv
out=bench/.data/results; mkdir -p "$out"
[ -f "$csv" ] || /usr/bin/python3 bench/reference.py generate --rows "$rows" --out "$csv"
dotnet build bench/MlopsServerless.Bench -c Release -nologo -v q >/dev/null
dotnet build bench/MlopsServerless.Bench.MlNet -c Release -nologo -v q >/dev/null
for i in $(seq "$repeats"); do
  echo "== ours   $(uptime)"
  dotnet bench/MlopsServerless.Bench/bin/Release/net10.0/MlopsServerless.Bench.dll ours --csv "$csv" --label y_bin --algorithm logreg --out "$out/logreg_ours_$i.json" 2>&1 | grep logreg
  cat "$out/logreg_ours_$i.json"; echo
  echo "== ours missing_indicators=false max_levels=50 (the featurizer's general defaults) $(uptime)"
  dotnet bench/MlopsServerless.Bench/bin/Release/net10.0/MlopsServerless.Bench.dll ours --csv "$csv" --label y_bin --algorithm logreg --set missing_indicators=false,max_levels=50 --out "$out/logreg_ours_pooled_$i.json" 2>&1 | grep logreg
  cat "$out/logreg_ours_pooled_$i.json"; echo
  echo "== mlnet  $(uptime)"
  dotnet bench/MlopsServerless.Bench.MlNet/bin/Release/net10.0/MlopsServerless.Bench.MlNet.dll logreg --csv "$csv"
  echo "== sklearn $(uptime)"
  /usr/bin/python3 bench/reference.py run --algo sklearn_linear --csv "$csv" --label y_bin --out "$out/logreg_sklearn_$i.json"
  cat "$out/logreg_sklearn_$i.json"; echo
done
