#!/usr/bin/env bash
# Signs PATH (Harbor.app or the dmg) with a Developer ID, notarizes it with Apple and staples the ticket, so it
# opens on an offline Mac. Wired to repository secrets in .github/workflows/release.yml; without them it keeps the
# ad-hoc signature and prints a warning that shows on the workflow run.
#   MACOS_CERTIFICATE_P12 (base64), MACOS_CERTIFICATE_PASSWORD, MACOS_SIGNING_IDENTITY ("Developer ID Application: …")
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD (an app-specific password for notarytool)
# Usage: packaging/macos/sign-notarize.sh PATH
set -euo pipefail
target=$1
if [ -z "${MACOS_CERTIFICATE_P12:-}" ] || [ -z "${MACOS_SIGNING_IDENTITY:-}" ]; then
    echo "::warning title=macOS build not signed::MACOS_CERTIFICATE_P12 / MACOS_SIGNING_IDENTITY secrets are absent; $target keeps an ad-hoc signature and is not notarized"
    exit 0
fi
# The certificate goes into a temporary keychain that is deleted afterwards.
keychain=$RUNNER_TEMP/harbor-signing.keychain-db
keychain_password=$(uuidgen)
security create-keychain -p "$keychain_password" "$keychain"
trap 'security delete-keychain "$keychain" || true' EXIT
security set-keychain-settings -lut 3600 "$keychain"
security unlock-keychain -p "$keychain_password" "$keychain"
echo "$MACOS_CERTIFICATE_P12" | base64 --decode > "$RUNNER_TEMP/certificate.p12"
security import "$RUNNER_TEMP/certificate.p12" -k "$keychain" -P "$MACOS_CERTIFICATE_PASSWORD" -T /usr/bin/codesign
rm -f "$RUNNER_TEMP/certificate.p12"
security set-key-partition-list -S apple-tool:,apple: -s -k "$keychain_password" "$keychain" >/dev/null
security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
# Hardened runtime and a secure timestamp: both required for notarization.
codesign --force --options runtime --timestamp --keychain "$keychain" --sign "$MACOS_SIGNING_IDENTITY" "$target"
codesign --verify --strict --verbose=2 "$target"
if [ -z "${APPLE_ID:-}" ] || [ -z "${APPLE_TEAM_ID:-}" ] || [ -z "${APPLE_APP_PASSWORD:-}" ]; then
    echo "::warning title=macOS build not notarized::APPLE_ID / APPLE_TEAM_ID / APPLE_APP_PASSWORD secrets are absent; $target is signed but not notarized"
    exit 0
fi
submission=$target
if [ -d "$target" ]; then
    submission=$RUNNER_TEMP/$(basename "$target").zip
    ditto -c -k --keepParent "$target" "$submission"
fi
xcrun notarytool submit "$submission" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait
# Stapling puts the notarization ticket in the bundle: Gatekeeper then accepts it without asking Apple (offline).
xcrun stapler staple "$target"
xcrun stapler validate "$target"
