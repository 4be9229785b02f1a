#!/usr/bin/env bash
# Makes dist/harbor-<version>-setup.exe from a built harbor.exe with NSIS (makensis; Debian package `nsis`).
# Usage: packaging/windows/make-installer.sh path/to/harbor.exe
set -euo pipefail
cd "$(dirname "$0")/../.."
exe=$(realpath "$1")
version=$(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)
mkdir -p dist
out=$(realpath dist)/harbor-$version-setup.exe
cp assets/harbor.ico packaging/windows/harbor.ico
(cd packaging/windows && makensis -V2 -DVERSION="$version" -DEXE="$exe" -DOUTFILE="$out" harbor.nsi)
rm -f packaging/windows/harbor.ico
echo "$out $(stat -c %s "$out") bytes"
