#!/usr/bin/env bash
# Publishes the Functions app (functions/MlopsServerless.Functions, Release, framework-dependent) and zips
# the publish folder into a package Flex Consumption's OneDeploy takes (`az functionapp deployment source config-zip`
# or the Pulumi program's deployment blob). Checks the zip holds what the Functions host needs at its root:
# host.json, functions.metadata, worker.config.json, extensions.json and .azurefunctions/ (the WebJobs extensions).
#
# Usage: eng/package-functions.sh [OUTPUT.zip]   (default: artifacts/functions.zip)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
zip_path="$(realpath -m "${1:-$root/artifacts/functions.zip}")"
publish="$root/artifacts/functions-publish"

rm -rf "$publish"
mkdir -p "$(dirname "$zip_path")"
dotnet publish "$root/functions/MlopsServerless.Functions/MlopsServerless.Functions.csproj" \
    -c Release -o "$publish" -nologo -v q

rm -f "$zip_path"
# Python's zipfile is on every build machine here; `zip` is not. Entries are relative to the publish root.
python3 - "$publish" "$zip_path" <<'PY'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, _, files in os.walk(source):
        for name in sorted(files):
            path = os.path.join(folder, name)
            z.write(path, os.path.relpath(path, source))
PY

missing=()
listing="$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$zip_path")"
for required in host.json functions.metadata worker.config.json extensions.json; do
    grep -qx "$required" <<<"$listing" || missing+=("$required")
done
grep -q '^\.azurefunctions/' <<<"$listing" || missing+=(".azurefunctions/")
if (( ${#missing[@]} > 0 )); then
    echo "package-functions: $zip_path lacks ${missing[*]}" >&2
    exit 1
fi

echo "package-functions: $zip_path ($(du -h "$zip_path" | cut -f1)) holds host.json, functions.metadata, worker.config.json, extensions.json and .azurefunctions/"
