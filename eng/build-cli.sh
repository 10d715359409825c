#!/usr/bin/env bash
# Restores (eng/bootstrap.sh) and builds the mlops CLI when its sources changed, then prints the path of the mlops.dll
# to run; build output goes to stderr, and only when a build fails. Called by ./mlops under a lock (two commands started
# at once on a fresh clone must not compile into the same folders: crossgen opens its outputs exclusively).
#
# The CLI is published ReadyToRun (precompiled) for this machine into artifacts/cli, apart from the solution's own
# bin/ and obj/ (which the tests build): a CLI command is a short process, and without precompiled code it spends its
# first few hundred milliseconds in the JIT. When the ReadyToRun publish fails but the sources build, the plain build
# is used for that run; only when the publish says that the ReadyToRun compiler or the runtime pack is not served is
# that remembered (artifacts/cli/no-readytorun; delete it to try again).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/functions/MlopsServerless.Cli/MlopsServerless.Cli.csproj"
artifacts="$root/artifacts/cli"
plain="$root/functions/MlopsServerless.Cli/bin/Release/net10.0/mlops.dll"
no_precompiled="$artifacts/no-readytorun"
publish_log="$artifacts/publish.log"

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) rid=linux-x64 ;;
    Linux-aarch64 | Linux-arm64) rid=linux-arm64 ;;
    Darwin-x86_64) rid=osx-x64 ;;
    Darwin-arm64) rid=osx-arm64 ;;
    *) rid="" ;;
esac
precompiled="$artifacts/publish/MlopsServerless.Cli/release_$rid/mlops.dll"

# Skip even dotnet's own (seconds-long) up-to-date check when nothing the CLI is built from is newer than it.
stale() {
    [[ ! -s "$1" ]] && return 0
    [[ -n "$(find "$root/functions" "$root/Directory.Build.props" "$root/Directory.Packages.props" "$root/global.json" \
        "$root/mlops" "$root/eng/build-cli.sh" \( -name bin -o -name obj \) -prune -o -type f -newer "$1" -print -quit)" ]]
}

# Runs a build command with its output in $log; the dll it makes is stamped with the time the build started, so a
# source edited while it ran is newer than the dll and rebuilds next time.
build() {
    local dll="$1" log="$2" started
    shift 2
    started="$(mktemp)"
    if "$@" > "$log" 2>&1 && [[ -s "$dll" ]]; then
        touch -r "$started" "$dll"
        rm -f "$started"
        return 0
    fi

    rm -f "$started"
    return 1
}

"$root/eng/bootstrap.sh" >&2

mkdir -p "$artifacts"
if [[ -n "$rid" && ! -f "$no_precompiled" ]]; then
    if ! stale "$precompiled"; then
        echo "$precompiled"
        exit 0
    fi

    if build "$precompiled" "$publish_log" dotnet publish "$project" -c Release -r "$rid" --self-contained false \
        -p:PublishReadyToRun=true --artifacts-path "$artifacts" -v q -nologo; then
        rm -f "$publish_log"
        echo "$precompiled"
        exit 0
    fi

    # NU1101/NU1102: a package (here the ReadyToRun compiler or the runtime pack for this machine) is not served. A
    # compile error needs no word here: the plain build below shows it.
    if grep -Eq 'NU110[12].*(Crossgen2|App\.Runtime)' "$publish_log"; then
        echo "no ReadyToRun compiler for $rid is served: using the plain build from now on (delete $no_precompiled to try again)" \
            | tee "$no_precompiled" >&2
    elif ! grep -q ': error CS' "$publish_log"; then
        echo "the ReadyToRun publish failed (see $publish_log): using the plain build this time" >&2
    fi
fi

if stale "$plain"; then
    log="$(mktemp)"
    if ! build "$plain" "$log" dotnet build "$project" -c Release -v q -nologo; then
        cat "$log" >&2
        rm -f "$log"
        echo "mlops: building the CLI failed" >&2
        exit 1
    fi

    rm -f "$log"
fi

echo "$plain"
