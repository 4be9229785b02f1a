#!/usr/bin/env bash
# The privacy promise, checked on the real binary:
#  1. A scripted session (HARBOR_SELF_TEST=1: every tab, create a vault, add a record with a unique marker, lock,
#     quit) runs under `strace -f -e trace=network`; any socket other than AF_UNIX (display server, D-Bus,
#     AccessKit) fails the check.
#  2. The data directory, $TMPDIR, $HOME (eframe's storage lives under it) and $XDG_DATA_HOME are searched for the
#     marker in plaintext; any hit fails the check.
# Usage: packaging/privacy-check.sh [path/to/harbor]   (default: target/release/harbor)
# Needs: xvfb-run, strace.
set -euo pipefail
bin=$(realpath "${1:-target/release/harbor}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
marker="harbor-canary-$(date +%s%N)-$$"
mkdir -p "$work/home" "$work/xdg" "$work/tmp" "$work/data"
export HOME="$work/home" XDG_DATA_HOME="$work/xdg" TMPDIR="$work/tmp"
export HARBOR_SELF_TEST=1 HARBOR_SELF_TEST_MARKER="$marker" LIBGL_ALWAYS_SOFTWARE=1

timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" \
    strace -f -qq -e trace=network -o "$work/strace.log" "$bin" --data-dir "$work/data" 2> "$work/stderr.log" || true

if ! grep -q "harbor self-test: done" "$work/stderr.log"; then
    echo "FAIL: the scripted session did not finish"; cat "$work/stderr.log"; exit 1
fi
[ -s "$work/data/vault.age" ] || { echo "FAIL: no vault was written"; exit 1; }

families=$(grep -oE 'socket\((AF_[A-Z0-9]+|PF_[A-Z0-9]+)' "$work/strace.log" | sed 's/socket(//' | sort | uniq -c || true)
echo "sockets created, by family:"; echo "${families:-  (none)}"
if grep -E 'socket\(' "$work/strace.log" | grep -vq 'AF_UNIX'; then
    echo "FAIL: a non-AF_UNIX socket was created:"; grep -E 'socket\(' "$work/strace.log" | grep -v AF_UNIX | head; exit 1
fi
if grep -E 'connect\(' "$work/strace.log" | grep -E 'sa_family=AF_INET6?' | head -n 1 | grep -q .; then
    echo "FAIL: an internet connection was attempted"; exit 1
fi

hits=$(grep -rlaF "$marker" "$work/data" "$work/tmp" "$work/home" "$work/xdg" 2>/dev/null || true)
if [ -n "$hits" ]; then
    echo "FAIL: the marker is on disk in plaintext in:"; echo "$hits"; exit 1
fi
echo "files written during the session:"; (cd "$work" && find data home xdg tmp -type f | sed 's/^/  /')
echo "PASS: only AF_UNIX sockets; no plaintext marker on disk"
