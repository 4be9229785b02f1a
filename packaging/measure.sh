#!/usr/bin/env bash
# Start-up, memory, idle CPU and size of the release binary, against a bare eframe window built with the same
# renderer and features (examples/bare_window.rs). Runs under Xvfb with software rendering.
# Usage: packaging/measure.sh [RUNS]     (default 7)    Needs: xvfb-run, /usr/bin/time (Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
# Two builds: an example pulls in the dev-dependencies, and with them the test-only feature `test-policy`, which
# must never be in target/release/harbor (build-appimage.sh ships whatever binary is there).
[ "${SKIP_BUILD:-0}" = 1 ] || { cargo build --release --quiet --bin harbor && cargo build --release --quiet --example bare_window; }
harbor=target/release/harbor
bare=target/release/examples/bare_window
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LIBGL_ALWAYS_SOFTWARE=1 HARBOR_TRACE_STARTUP=1

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# One launch: prints "first_frame_s peak_rss_kb idle_cpu_percent".
launch() {
    local bin=$1 home=$work/home-$RANDOM
    mkdir -p "$home"
    HOME=$home XDG_DATA_HOME=$home/xdg xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
        /usr/bin/time -v -o "$0.time" "$1" "${@:2}" 2> "$0.err" & timer=$!
        for _ in $(seq 100); do grep -q "first frame" "$0.err" 2>/dev/null && break; sleep 0.1; done
        pid=$(pgrep -n -f "$1") || pid=""
        sleep 2   # let start-up work settle before measuring idle
        if [ -n "$pid" ]; then
            t0=$(awk "{print \$14 + \$15}" /proc/$pid/stat); sleep 10; t1=$(awk "{print \$14 + \$15}" /proc/$pid/stat)
            echo "$(( t1 - t0 ))" > "$0.cpu"
            kill "$pid"
        fi
        wait $timer || true' "$work/run" "$bin" --data-dir "$home/data"
    local first rss ticks hz
    first=$(grep -oE 'first frame after [0-9.]+' "$work/run.err" | awk '{print $4}')
    rss=$(grep 'Maximum resident set size' "$work/run.time" | awk '{print $NF}')
    ticks=$(cat "$work/run.cpu"); hz=$(getconf CLK_TCK)
    echo "$first $rss $(awk "BEGIN { print 100 * $ticks / $hz / 10 }")"
}

# Launches alternate (bare, Harbor, bare, …) so that a change in the machine's load during the run (a shared VM,
# a build next door) falls on both alike.
: > "$work/bare.txt"
: > "$work/harbor.txt"
for _ in $(seq "$runs"); do
    launch "$bare" >> "$work/bare.txt"
    launch "$harbor" >> "$work/harbor.txt"
done

report() {
    local column=$1 name=$2 unit=$3 b h
    b=$(cut -d' ' -f"$column" "$work/bare.txt" | median)
    h=$(cut -d' ' -f"$column" "$work/harbor.txt" | median)
    printf '%-26s harbor %10s %-3s  bare %10s %-3s  ratio %s\n' "$name" "$h" "$unit" "$b" "$unit" \
        "$(awk "BEGIN { if ($b > 0) printf \"%.2f\", $h / $b; else print \"n/a\" }")"
}
echo "median of $runs runs, Xvfb 1280x800, software GL ($(nproc) cores)"
report 1 "first painted frame" s
report 2 "peak RSS" KiB
report 3 "idle CPU over 10 s" %
size_h=$(stat -c %s "$harbor"); size_b=$(stat -c %s "$bare")
printf '%-26s harbor %10s B    bare %10s B    ratio %s\n' "release binary (stripped)" "$size_h" "$size_b" \
    "$(awk "BEGIN { printf \"%.2f\", $size_h / $size_b }")"
