#!/usr/bin/env bash
# Serving benchmark: `mlops serve` (the project's server, Production model trained by `mlops run`) against an ASP.NET
# Core minimal API serving an ML.NET LightGBM model through pooled PredictionEngines (bench/MlopsServerless.Bench.MlNet),
# both trained on the same rows (first 80% of bench/.data/synth_<rows>.csv), both on 127.0.0.1, the same one-row JSON
# body, under wrk at 1 connection (1 thread) and 32 connections (2 threads). Each pair runs back to back, ML.NET first,
# with `uptime` before each run. Usage: bench/serving.sh [rows] [seconds] [repeats] [warmup]   (defaults 100000 10 2 3)
# warmup: seconds of wrk -c8 on each server before measuring; both are JIT-compiled servers whose tiered compilation is
# still running for a while after start, so a longer warm-up (e.g. 15) measures steady state on a busy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}; seconds=${2:-10}; repeats=${3:-2}; warmup=${4:-3}
data=bench/.data; mkdir -p "$data"
csv=$data/synth_${rows}.csv
[ -f "$csv" ] || /usr/bin/python3 bench/reference.py generate --rows "$rows" --out "$csv"
ours_csv=$data/serve_${rows}.csv                      # without y_reg, which would otherwise be a feature
[ -f "$ours_csv" ] || cut -d, -f1-25 "$csv" > "$ours_csv"
dir=$(mktemp -d /tmp/mlops-serving.XXXXXX)
dotnet build bench/MlopsServerless.Bench.MlNet -c Release -nologo -v q >/dev/null
MLOPS=(dotnet "$(MLOPS_PRINT_DLL=1 ./mlops)")             # the CLI as ./mlops builds and runs it (ReadyToRun)
"${MLOPS[@]}" run "$ours_csv" --dataset synth --label y_bin --data-dir "$dir" | grep -E "registered|promot|candidate|winner" || true
"${MLOPS[@]}" models show synth --data-dir "$dir" 2>/dev/null | head -5 || true

# One complete row (no missing cell), as JSON.
row=$(awk -F, 'NR>1 && $0 !~ /,,/ && $1 != "" {print; exit}' "$ours_csv")
body=$(/usr/bin/python3 -c 'import json,sys; h=sys.argv[1].split(","); v=sys.argv[2].split(","); print(json.dumps({k:(x if k.startswith("c") else float(x)) for k,x in zip(h[:24],v[:24])}))' "$(head -1 "$ours_csv")" "$row")
key=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
export MLOPS_API_KEY=$key                                # mlops serve takes its key from here
cat > "$dir/post.lua" <<LUA
wrk.method = "POST"
wrk.body = [[$body]]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-functions-key"] = "$key"
LUA

"${MLOPS[@]}" serve --port 5090 --no-watch --data-dir "$dir" > "$dir/ours.log" 2>&1 & ours=$!
dotnet bench/MlopsServerless.Bench.MlNet/bin/Release/net10.0/MlopsServerless.Bench.MlNet.dll serve --csv "$csv" --port 5091 > "$dir/mlnet.log" 2>&1 & mlnet=$!
trap 'kill $ours $mlnet 2>/dev/null || true' EXIT
for url in http://127.0.0.1:5090/api/models/synth/predict http://127.0.0.1:5091/predict; do
  for _ in $(seq 240); do curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -H "x-functions-key: $key" -d "$body" "$url" && break; sleep 1; done
done
echo "body: $body"
echo "ours answers: $(curl -s -X POST -H 'Content-Type: application/json' -H "x-functions-key: $key" -d "$body" http://127.0.0.1:5090/api/models/synth/predict)"
echo "mlnet answers: $(curl -s -X POST -H 'Content-Type: application/json' -d "$body" http://127.0.0.1:5091/predict)"
# Warm-up, then the measured pairs.
wrk -t1 -c8 -d"${warmup}s" -s "$dir/post.lua" http://127.0.0.1:5091/predict >/dev/null
wrk -t1 -c8 -d"${warmup}s" -s "$dir/post.lua" http://127.0.0.1:5090/api/models/synth/predict >/dev/null
for i in $(seq "$repeats"); do
  for c in 1 32; do
    t=$([ "$c" = 1 ] && echo 1 || echo 2)
    for who in mlnet ours; do
      url=$([ "$who" = ours ] && echo http://127.0.0.1:5090/api/models/synth/predict || echo http://127.0.0.1:5091/predict)
      echo "== run $i $who c=$c $(uptime)"
      wrk -t"$t" -c"$c" -d"${seconds}s" --latency -s "$dir/post.lua" "$url" | grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors"
    done
  done
done
# Logging stays on: the counters show every measured request was logged (dropped 0) or still pending a write.
echo "ours prediction log: $(curl -s -H "x-functions-key: $key" http://127.0.0.1:5090/api/monitoring/prediction-log)"
