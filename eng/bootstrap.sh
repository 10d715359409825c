#!/usr/bin/env bash
# Makes a fresh clone restorable. Restores MlopsServerless.sln from the configured NuGet sources; only when that fails
# because the registry lacks System.IO.Hashing (needed by Azure.Storage.Common) does it pack the .NET SDK's own copy
# of that assembly into eng/local-feed (which Directory.Build.props then adds as a restore source) and restore again.
#
# Prints one line naming the mode, then stays quiet on later runs until Directory.Packages.props, Directory.Build.props,
# global.json, a project file or the SDK changes (stamp: obj/bootstrap.stamp).
#
# MLOPS_FORCE_LOCAL_HASHING=1 skips the registry attempt and takes the offline fallback (to exercise that path).
# MLOPS_BOOTSTRAP_VERBOSE=1 prints the mode line even when nothing needs doing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

feed="$root/eng/local-feed"
stamp="$root/obj/bootstrap.stamp"
log="$root/obj/bootstrap-restore.log"
registry_line="registry has System.IO.Hashing: using the normal package"
fallback_line="offline fallback: System.IO.Hashing packed from the .NET SDK into eng/local-feed"
mkdir -p "$root/obj"

sdk_version="$(dotnet --version)"

key="$({
    echo "sdk $sdk_version force ${MLOPS_FORCE_LOCAL_HASHING:-0}"
    find . \( -name bin -o -name obj -o -name node_modules -o -name .git \) -prune -o \
        \( -name '*.csproj' -o -name 'Directory.Packages.props' -o -name 'Directory.Build.props' -o -name 'global.json' \) \
        -type f -print | LC_ALL=C sort | xargs sha256sum
} | sha256sum | cut -d' ' -f1)"

if [[ -f "$stamp" ]]; then
    read -r stamped_key stamped_mode < "$stamp" || true
    if [[ "${stamped_key:-}" == "$key" && ( "${stamped_mode:-}" == registry || -n "$(ls "$feed"/*.nupkg 2>/dev/null)" ) ]]; then
        if [[ "${MLOPS_BOOTSTRAP_VERBOSE:-0}" == 1 ]]; then
            [[ "$stamped_mode" == registry ]] && echo "$registry_line" || echo "$fallback_line"
        fi
        exit 0
    fi
fi

restore() {
    dotnet restore MlopsServerless.sln -nologo -v q > "$log" 2>&1
}

fail() {
    echo "eng/bootstrap.sh: $1" >&2
    [[ -f "$log" ]] && tail -n 40 "$log" >&2
    exit 1
}

hashing_dll() {
    # The SDK this repository selects (global.json), wherever dotnet is installed (/usr/bin/dotnet may be a symlink).
    local base
    base="$(dotnet --list-sdks | awk -v v="$sdk_version" '$1 == v { sub(/^[^[]*\[/, ""); sub(/\]$/, ""); print; exit }')"
    [[ -n "$base" ]] || base="$(dirname "$(readlink -f "$(command -v dotnet)")")/sdk"
    local expected="$base/$sdk_version/Sdks/Microsoft.NET.Sdk/tools/net10.0/System.IO.Hashing.dll"
    if [[ -f "$expected" ]]; then
        echo "$expected"
    else
        find "$base/$sdk_version" -name System.IO.Hashing.dll -path '*net10.0*' 2>/dev/null | head -n 1
    fi
}

pack_local_hashing() {
    local dll work
    dll="$(hashing_dll)"
    [[ -n "$dll" && -f "$dll" ]] || fail "System.IO.Hashing.dll not found in the .NET SDK $sdk_version; install the full registry or an SDK that ships it."
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' RETURN
    # Outside the repository, so none of its Directory.*.props apply. The package version is the assembly's product
    # version (for example 10.0.12), the version the same assembly has on nuget.org.
    cat > "$work/System.IO.Hashing.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <HashingDll>$dll</HashingDll>
    <ProductVersionText>\$([System.Diagnostics.FileVersionInfo]::GetVersionInfo('\$(HashingDll)').ProductVersion)</ProductVersionText>
    <PackageId>System.IO.Hashing</PackageId>
    <PackageVersion>\$(ProductVersionText.Split('+')[0])</PackageVersion>
    <Authors>Microsoft (repacked from the .NET SDK by eng/bootstrap.sh)</Authors>
    <Description>System.IO.Hashing from the installed .NET SDK, for machines whose NuGet source lacks the package.</Description>
    <IncludeBuildOutput>false</IncludeBuildOutput>
    <NoWarn>\$(NoWarn);NU5128</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <None Include="\$(HashingDll)" Pack="true" PackagePath="lib/net10.0/" />
  </ItemGroup>
</Project>
PROJ
    mkdir -p "$feed"
    MSBUILDENABLEALLPROPERTYFUNCTIONS=1 dotnet pack "$work/System.IO.Hashing.csproj" -nologo -v q -o "$feed" > "$log" 2>&1 \
        || fail "packing the SDK's System.IO.Hashing failed:"
}

# A feed left by an earlier fallback would make the registry look complete; ask the registry alone first.
rm -rf "$feed"
if [[ "${MLOPS_FORCE_LOCAL_HASHING:-0}" != 1 ]] && restore; then
    mode=registry
else
    if [[ "${MLOPS_FORCE_LOCAL_HASHING:-0}" != 1 ]] && ! grep -Eq 'NU110[12].*System\.IO\.Hashing' "$log"; then
        fail "dotnet restore MlopsServerless.sln failed (see $log):"
    fi
    pack_local_hashing
    restore || fail "dotnet restore MlopsServerless.sln failed even with eng/local-feed (see $log):"
    mode=fallback
fi

[[ "$mode" == registry ]] && echo "$registry_line" || echo "$fallback_line"
echo "$key $mode" > "$stamp"
