#!/usr/bin/env bash
# Builds dist/Harbor-<version>.dmg on macOS: a universal Harbor.app (arm64 + x86_64) with an .icns made from the
# PNGs in assets/, in a dmg with an Applications link. Runs on a macOS runner (needs iconutil, hdiutil, lipo).
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)
rustup target add aarch64-apple-darwin x86_64-apple-darwin
cargo build --release --bin harbor --target aarch64-apple-darwin
cargo build --release --bin harbor --target x86_64-apple-darwin
work=$(mktemp -d)
app=$work/Harbor.app
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
lipo -create -output "$app/Contents/MacOS/harbor" \
    target/aarch64-apple-darwin/release/harbor target/x86_64-apple-darwin/release/harbor
sed "s/VERSION/$version/g" packaging/macos/Info.plist > "$app/Contents/Info.plist"
iconset=$work/Harbor.iconset
mkdir -p "$iconset"
for size in 16 32 128 256 512; do
    cp "assets/icon-$size.png" "$iconset/icon_${size}x${size}.png"
done
cp assets/icon-32.png "$iconset/icon_16x16@2x.png"
cp assets/icon-64.png "$iconset/icon_32x32@2x.png"
cp assets/icon-256.png "$iconset/icon_128x128@2x.png"
cp assets/icon-512.png "$iconset/icon_256x256@2x.png"
iconutil -c icns -o "$app/Contents/Resources/Harbor.icns" "$iconset"
# Ad-hoc signature so Gatekeeper can at least verify integrity; replaced by the Developer ID signature, notarized
# and stapled, when the release workflow has the signing secrets.
codesign --force --deep --sign - "$app"
packaging/macos/sign-notarize.sh "$app"
staging=$work/dmg
mkdir -p "$staging"
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
mkdir -p dist
hdiutil create -volname Harbor -srcfolder "$staging" -ov -format UDZO "dist/Harbor-$version.dmg"
packaging/macos/sign-notarize.sh "dist/Harbor-$version.dmg"
ls -l "dist/Harbor-$version.dmg"
