#!/usr/bin/env bash
# Builds the solution once and runs every test project; ends with one line "N passed, N failed[, N skipped]".
# Exits non-zero when the build or any test failed.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

eng/bootstrap.sh || exit 1

# LightGBM's native library (ML.NET's mlnet-lightgbm, tested in MlopsServerless.MLNet.Tests) needs the GNU OpenMP runtime.
if ! ldconfig -p | grep -q libgomp; then
    echo "installing libgomp1 (LightGBM's OpenMP runtime)"
    { apt-get update -qq && apt-get install -y -qq libgomp1; } > /dev/null || { echo "could not install libgomp1 (apt-get install -y libgomp1)" >&2; exit 1; }
fi

# Azurite (the storage emulator the Azure tests start) comes from the committed lockfile.
azurite="$root/tools/azurite"
if [[ ! -f "$azurite/node_modules/.package-lock.json" || "$azurite/package-lock.json" -nt "$azurite/node_modules/.package-lock.json" ]]; then
    echo "installing Azurite (npm ci in tools/azurite)"
    (cd "$azurite" && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci in tools/azurite failed" >&2; exit 1; }
fi

# The dashboard's browser tests drive Debian's Chromium (Playwright never downloads a browser here).
if [[ ! -x /usr/bin/chromium ]]; then
    echo "installing chromium (apt-get) for the dashboard's browser tests"
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium > /dev/null) \
        || echo "could not install chromium: the dashboard's browser tests will fail saying so" >&2
fi

logs="$root/obj/test-logs"
rm -rf "$logs"
mkdir -p "$logs"

if ! dotnet build MlopsServerless.sln -nologo -v q > "$logs/build.log" 2>&1; then
    grep -E ': (error|warning) ' "$logs/build.log" | sort -u >&2 || cat "$logs/build.log" >&2
    echo "build failed: no tests ran" >&2
    exit 2
fi

dotnet test MlopsServerless.sln --no-build -nologo 2>&1 | tee "$logs/test.log"
status=${PIPESTATUS[0]}

# One summary line per test project, for example "Passed!  - Failed: 0, Passed: 44, Skipped: 0, Total: 44, ...".
read -r passed failed skipped < <(
    grep -E '^(Passed|Failed)! +- Failed: ' "$logs/test.log" | awk -F'[:,]' '
        { failed += $2; passed += $4; skipped += $6 }
        END { printf "%d %d %d\n", passed, failed, skipped }'
)

if [[ $status -ne 0 && $failed -eq 0 ]]; then
    # dotnet test failed without a failing test (a test host crashed, or a project could not run): count the run.
    echo "dotnet test exited with $status without reporting a failed test; counting that as one failure" >&2
    failed=1
fi

line="$passed passed, $failed failed"
[[ $skipped -gt 0 ]] && line="$line, $skipped skipped"
echo "$line"
[[ $status -eq 0 && $failed -eq 0 ]]
