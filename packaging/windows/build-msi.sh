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
# wixl does not know MajorUpgrade's AllowSameVersionUpgrades (WiX 3 does; the same upgrade row is set below): its
# warning about that attribute is left out of the output.
(cd "$stage" && wixl --arch x64 --define Version="$version" --define HarborExe=harbor.exe \
    --includedir "$(dirname "$wxs")" --output "$out" "$wxs" 2>&1 >/dev/null \
    | { grep -v -e "no property named 'AllowSameVersionUpgrades'" -e '^$' || true; } >&2)
# Each policy component is installed only when its property is given (AUTOLOCKMAXMINUTES=5 …), and the
# properties are secure so a managed (elevated) install passes them from the command line to the server side.
# `OR REMOVE~="ALL"`: an uninstall (`msiexec /x` without the properties, or the removal of the old version in an
# upgrade) removes the values an install wrote. Windows Installer ignores component conditions when removing, but
# Wine's msiexec does not, and the condition must not be what keeps a policy value behind.
properties=()
while read -r key; do
    property=${key^^}
    properties+=("$property")
    msibuild "$out" -q "UPDATE \`Component\` SET \`Condition\` = '$property OR REMOVE~=\"ALL\"' WHERE \`Component\` = 'Policy$key'"
done < <(grep -o 'Component Id="Policy[A-Za-z]*"' packaging/policy/windows/harbor-policy.wxi | sed 's/.*"Policy\(.*\)"/\1/')
# Same-version upgrades (WiX's AllowSameVersionUpgrades="yes", which wixl ignores): the upgrade row that finds older
# versions also finds the same version (msidbUpgradeAttributesVersionMaxInclusive, 512), so installing a rebuilt MSI
# of the same version replaces the installed one instead of adding a second "Harbor" to Apps. The product code
# changes with every build, so a rebuild is always another product. (Attributes is part of the Upgrade table's key,
# so the row is replaced rather than updated.)
upgrade_code=$(msiinfo export "$out" Property | awk -F'\t' '$1 == "UpgradeCode" {print $2}' | tr -d '\r')
msibuild "$out" -q "DELETE FROM \`Upgrade\` WHERE \`ActionProperty\` = 'WIX_UPGRADE_DETECTED'"
msibuild "$out" -q "INSERT INTO \`Upgrade\` (\`UpgradeCode\`, \`VersionMax\`, \`Attributes\`, \`ActionProperty\`) VALUES ('$upgrade_code', '$version', 513, 'WIX_UPGRADE_DETECTED')"
secure=$(IFS=';'; echo "${properties[*]}")
msibuild "$out" -q "UPDATE \`Property\` SET \`Value\` = 'WIX_DOWNGRADE_DETECTED;WIX_UPGRADE_DETECTED;$secure' WHERE \`Property\` = 'SecureCustomProperties'"
echo "$out $(stat -c %s "$out") bytes"
