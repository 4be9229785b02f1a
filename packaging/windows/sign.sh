#!/usr/bin/env bash
# Authenticode-signs Windows files (harbor.exe, the NSIS installer, the MSI) with signtool and an RFC 3161
# timestamp. Wired to repository secrets in .github/workflows/release.yml; without them it prints a warning that
# shows on the workflow run and leaves the files unsigned.
#   WINDOWS_CERTIFICATE_PFX (base64), WINDOWS_CERTIFICATE_PASSWORD, optional WINDOWS_TIMESTAMP_URL
# Usage (Git Bash on a Windows runner): packaging/windows/sign.sh FILE...
set -euo pipefail
if [ -z "${WINDOWS_CERTIFICATE_PFX:-}" ]; then
    echo "::warning title=Windows build not signed::the WINDOWS_CERTIFICATE_PFX secret is absent; $* left unsigned"
    exit 0
fi
pfx=$RUNNER_TEMP/harbor-signing.pfx
trap 'rm -f "$pfx"' EXIT
echo "$WINDOWS_CERTIFICATE_PFX" | base64 --decode > "$pfx"
# signtool comes with the Windows SDK on the hosted runners; take the newest x64 one.
signtool=$(ls "/c/Program Files (x86)/Windows Kits/10/bin/"*/x64/signtool.exe | sort -V | tail -1)
timestamp=${WINDOWS_TIMESTAMP_URL:-http://timestamp.digicert.com}
for file in "$@"; do
    "$signtool" sign //fd SHA256 //td SHA256 //tr "$timestamp" //f "$(cygpath -w "$pfx")" \
        //p "$WINDOWS_CERTIFICATE_PASSWORD" //d Harbor "$(cygpath -w "$file")"
    "$signtool" verify //pa //v "$(cygpath -w "$file")"
done
