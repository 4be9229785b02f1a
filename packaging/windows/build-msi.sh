#!/usr/bin/env bash
# Builds dist/harbor-<version>-x64.msi (per machine) from a built harbor.exe with wixl (Debian package `wixl`),
# then sets the policy components' conditions with msibuild (`msitools`), which wixl cannot express.
# Usage: packaging/windows/build-msi.sh path/to/harbor.exe [output.msi]
set -euo pipefail
exe=$(realpath "$1")
out=${2:+$(realpath -m "$2")}
cd "$(dirname "$0")/../.."
version=$(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)
if [ -z "$out" ]; then
    mkdir -p dist
    out=$(realpath dist)/harbor-$version-x64.msi
fi
# wixl resolves file sources relative to the working directory only, so it runs beside a copy of the binary.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$exe" "$stage/harbor.exe"
wxs=$(realpath packaging/windows/harbor.wxs)
(cd "$stage" && wixl --arch x64 --define Version="$version" --define HarborExe=harbor.exe \
    --includedir "$(dirname "$wxs")" --output "$out" "$wxs")
# Each policy component is installed only when its property is given (AUTOLOCKMAXMINUTES=5 …), and the
# properties are secure so a managed (elevated) install passes them from the command line to the server side.
properties=()
while read -r key; do
    property=${key^^}
    properties+=("$property")
    msibuild "$out" -q "UPDATE \`Component\` SET \`Condition\` = '$property' WHERE \`Component\` = 'Policy$key'"
done < <(grep -o 'Component Id="Policy[A-Za-z]*"' packaging/policy/windows/harbor-policy.wxi | sed 's/.*"Policy\(.*\)"/\1/')
secure=$(IFS=';'; echo "${properties[*]}")
msibuild "$out" -q "UPDATE \`Property\` SET \`Value\` = 'WIX_DOWNGRADE_DETECTED;WIX_UPGRADE_DETECTED;$secure' WHERE \`Property\` = 'SecureCustomProperties'"
echo "$out $(stat -c %s "$out") bytes"
