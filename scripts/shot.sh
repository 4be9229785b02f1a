#!/usr/bin/env bash
# Screenshot of the real app under Xvfb: scripts/shot.sh OUT.png [harbor args…]
# Keys to press before the shot can be given in HARBOR_KEYS (xdotool key syntax, space-separated), and text to
# type (then Enter) in HARBOR_TYPE, and points to click, in window coordinates, in HARBOR_CLICKS ("x,y x,y …",
# after the keys; "down:N" and "up:N" turn the mouse wheel N notches where the pointer is).
set -euo pipefail
out=$1; shift
bin=${HARBOR_BIN:-target/debug/harbor}
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$0" "$@" & pid=$!
  sleep "${HARBOR_WAIT:-5}"
  # No window manager under Xvfb: give the window keyboard focus ourselves.
  wid=$(xdotool search --name "^Harbor$" | head -n 1)
  [ -n "$wid" ] && xdotool mousemove --window "$wid" 600 400 windowfocus "$wid"
  for key in ${HARBOR_KEYS:-}; do xdotool key --delay 100 "$key"; sleep 0.5; done
  for xy in ${HARBOR_CLICKS:-}; do
    case $xy in
      up:*) xdotool click --repeat "${xy#up:}" --delay 80 4 ;;    # mouse wheel up, N notches
      down:*) xdotool click --repeat "${xy#down:}" --delay 80 5 ;;  # mouse wheel down, N notches
      *) xdotool mousemove --window "$wid" "${xy%,*}" "${xy#*,}" click 1 ;;
    esac
    sleep 0.8
  done
  if [ -n "${HARBOR_TYPE:-}" ]; then xdotool type --delay 50 "$HARBOR_TYPE"; sleep 0.5; xdotool key Return; sleep 0.5; fi
  sleep 1
  import -window root "'"$out"'"
  kill $pid; wait $pid 2>/dev/null || true' "$bin" "$@"
