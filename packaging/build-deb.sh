#!/usr/bin/env bash
# Builds dist/harbor_<version>_<arch>.deb from a release build. Needs: cargo, dpkg-deb, ImageMagick (icons).
# Depends lists what eframe loads with dlopen at run time (X11 or Wayland, xkbcommon, EGL/GL), which dpkg's
# shlibdeps cannot see; fonts are bundled in the binary, so no font package is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["packages"][0]["version"])')
arch=$(dpkg --print-architecture)
[ "${SKIP_BUILD:-0}" = 1 ] || cargo build --release --bin harbor
# A binary built with the test-only feature `test-policy` (by `cargo build --all-targets`, `--example` or `--tests`)
# reads the machine policy from a variable: never ship one.
case "$(target/release/harbor --show-policy 2>/dev/null || true)" in
*"This is a test build"*) echo "target/release/harbor is a test build; rebuild it with: cargo build --release --bin harbor" >&2; exit 1 ;;
esac
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
install -Dm755 target/release/harbor "$root/usr/bin/harbor"
install -Dm644 packaging/linux/org.harborapp.Harbor.desktop "$root/usr/share/applications/org.harborapp.Harbor.desktop"
install -Dm644 packaging/linux/org.harborapp.Harbor.metainfo.xml "$root/usr/share/metainfo/org.harborapp.Harbor.metainfo.xml"
for size in 16 32 48 64 128 256 512; do
    install -Dm644 "assets/icon-$size.png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/org.harborapp.Harbor.png"
done
install -Dm644 assets/fonts/OFL.txt "$root/usr/share/doc/harbor/fonts-OFL.txt"
# Managed policy: a neutral /etc/harbor/policy.json that IT edits in place (a conffile, so dpkg keeps the edits on
# upgrade and asks before replacing them), with the schema, an example setting every key, and the sample directory.
install -Dm644 packaging/linux/policy.json "$root/etc/harbor/policy.json"
install -Dm644 packaging/policy/linux/policy.schema.json "$root/usr/share/doc/harbor/policy.schema.json"
install -Dm644 packaging/policy/linux/policy.example.json "$root/usr/share/doc/harbor/policy.example.json"
install -Dm644 packaging/institution/contacts.sample.csv "$root/usr/share/doc/harbor/contacts.sample.csv"
cat > "$root/usr/share/doc/harbor/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: harbor
Files: *
License: MIT or Apache-2.0
Files: bundled fonts (Noto Sans, Noto Sans Arabic, Noto Sans Khmer, Noto Sans SC subsets)
License: OFL-1.1 (see fonts-OFL.txt)
COPYRIGHT
installed_kib=$(du -sk "$root" | cut -f1)
mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<CONTROL
Package: harbor
Version: $version
Architecture: $arch
Maintainer: The Harbor project <harbor@harborapp.org>
Installed-Size: $installed_kib
Depends: libc6 (>= 2.31), libgcc-s1, libgl1, libegl1, libxkbcommon0, libxkbcommon-x11-0, libx11-6, libxcursor1, libxrandr2, libxi6, libwayland-client0, libwayland-cursor0, libwayland-egl1
Recommends: xdg-desktop-portal-gtk | xdg-desktop-portal-kde | xdg-desktop-portal
Section: misc
Priority: optional
Homepage: https://github.com/harborapp/harbor
Description: Human trafficking guidebook for clinicians, with encrypted notes
 Harbor puts the MGH / Massachusetts Medical Society guidebook on identifying,
 assessing and responding to human trafficking in the health care setting at a
 clinician's fingertips, offline, in ten languages, and keeps case notes and
 safety-plan drafts encrypted on this computer. It makes no network connections.
CONTROL
echo /etc/harbor/policy.json > "$root/DEBIAN/conffiles"
mkdir -p dist
out="dist/harbor_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "$out $(stat -c %s "$out") bytes"
