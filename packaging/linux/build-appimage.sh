#!/usr/bin/env bash
# Builds dist/Harbor-<version>-x86_64.AppImage for distributions other than Debian/Ubuntu. Downloads appimagetool
# (this development machine cannot reach GitHub downloads, so the release workflow runs this script).
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)
[ -x target/release/harbor ] || cargo build --release --bin harbor
# A binary built with the test-only feature `test-policy` (by `cargo build --all-targets`, `--example` or `--tests`)
# reads the machine policy from a variable: never ship one.
case "$(target/release/harbor --show-policy 2>/dev/null || true)" in
*"This is a test build"*) echo "target/release/harbor is a test build; rebuild it with: cargo build --release --bin harbor" >&2; exit 1 ;;
esac
work=$(mktemp -d)
appdir=$work/Harbor.AppDir
install -Dm755 target/release/harbor "$appdir/usr/bin/harbor"
install -Dm644 packaging/linux/org.harborapp.Harbor.desktop "$appdir/org.harborapp.Harbor.desktop"
install -Dm644 packaging/linux/org.harborapp.Harbor.metainfo.xml "$appdir/usr/share/metainfo/org.harborapp.Harbor.appdata.xml"
install -Dm644 assets/icon-256.png "$appdir/org.harborapp.Harbor.png"
ln -s usr/bin/harbor "$appdir/AppRun"
tool=$work/appimagetool
curl -fsSL -o "$tool" https://github.com/AppImage/appimagetool/releases/download/continuous/appimagetool-x86_64.AppImage
chmod +x "$tool"
mkdir -p dist
ARCH=x86_64 "$tool" --appimage-extract-and-run "$appdir" "dist/Harbor-$version-x86_64.AppImage"
