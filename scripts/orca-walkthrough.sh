#!/usr/bin/env bash
# Harbor with the Orca screen reader, headless: what Orca says while a keyboard user tabs around, moves along the
# tab list, ticks an indicator, reads an Overview section with Say All, moves by heading (H, with Harbor's Orca
# script in scripts/orca/harbor; Orca says each heading's level), moves to the Overview table (T) and through its
# cells (Alt+Shift+arrows: each cell with its column header and coordinates), reads with flat review, opens a
# search result, creates the notes vault, adds and fills a case record, locks, tries a wrong passphrase and quits. With `--locale ar` (or any locale) a shorter walk
# checks what Orca says in that language. In every language it also walks the focus paths of issue 25: the language
# and Settings menus opened and left with Escape, the About dialog, the patient card and a list in it chosen with
# Enter, lock and unlock, a live region heard once, and the "Save to a case record" menu.
#
#   scripts/orca-walkthrough.sh OUT_DIR [harbor args…]      (HARBOR_BIN: the binary, default target/debug/harbor)
#
# Runs Harbor and Orca under Xvfb on a private D-Bus session with the accessibility bus (as tests/app/screen_reader
# does), presses keys with xdotool, and writes Orca's debug log (OUT_DIR/orca-debug.txt) and what Orca said
# (OUT_DIR/speech.txt: each STEP, then every "SPEECH OUTPUT" it caused). No sound: Orca finds no speech-dispatcher
# voice here and logs every utterance instead. Needs xvfb, dbus, at-spi2-core, orca, xdotool, imagemagick.
# One walk at a time: `orca --replace` stops every other Orca on the machine, another walk's too.
# Not run in CI (it listens; it asserts nothing): the real-bus test is tests/app/screen_reader.rs.
#
# Orca 43 (Debian 12) receives no key events from Harbor: it learns of keys from the toolkit (GTK forwards them to
# the AT-SPI registry; AccessKit does not), so Orca's own commands cannot run there. Orca 48 (Debian 12 backports,
# with at-spi2-core 2.56) reads the keyboard itself, and this walk was checked with it.
set -euo pipefail
out=$(realpath -m "$1"); shift
bin=$(realpath "${HARBOR_BIN:-target/debug/harbor}")
mkdir -p "$out"
rm -rf "$out/data" "$out/orca-prefs" "$out/home" "$out/run" "$out/orca-debug.txt" "$out/steps.txt"
locale=en
for ((i = 1; i <= $#; i++)); do
    if [ "${!i}" = --locale ]; then j=$((i + 1)); locale=${!j}; fi
done
export HARBOR_WALK_OUT=$out HARBOR_WALK_BIN=$bin HARBOR_WALK_LOCALE=$locale
export HARBOR_WALK_SCRIPTS=$(realpath "$(dirname "$0")")
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
set -u
out=$HARBOR_WALK_OUT
export HOME=$out/home XDG_RUNTIME_DIR=$out/run
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
# Orca rewrites its own debug file, so steps go to their own file, timestamped as Orca stamps its lines.
step() { printf "%s - STEP %s\n" "$(date +%H:%M:%S.%6N)" "$*" >> "$out/steps.txt"; }
key() { for k in "$@"; do xdotool key --clearmodifiers "$k"; sleep 1.3; done; }
typed() { xdotool type --delay 60 "$1"; sleep 1; }
/usr/libexec/at-spi-bus-launcher --launch-immediately --a11y=1 & launcher=$!
sleep 1
"$HARBOR_WALK_BIN" --data-dir "$out/data" "$@" > "$out/harbor.log" 2>&1 & harbor=$!
sleep 4
# Harbor'"'"'s Orca script (structural navigation: H for headings and the like), installed as a user would.
mkdir -p "$out/orca-prefs/orca-scripts"; cp -r "$HARBOR_WALK_SCRIPTS/orca/harbor" "$out/orca-prefs/orca-scripts/"
# No speech server: with speech-dispatcher and espeak-ng installed but no sound device, Orca hangs in its first
# utterance; without a server Orca logs each utterance and goes on. SPEECHD_CMD names no program, so the speechd
# client cannot start speech-dispatcher for this session.
SPEECHD_CMD=/nonexistent/speech-dispatcher orca --replace -u "$out/orca-prefs" --debug-file="$out/orca-debug.txt" > "$out/orca.log" 2>&1 & orca=$!
sleep 8
wid=$(xdotool search --sync --name "^Harbor$" | head -n 1)
# No window manager: move the window once so its extents are known, and give it keyboard focus.
xdotool windowmove "$wid" 0 0; sleep 0.5
xdotool windowfocus --sync "$wid"; sleep 2
step "Tab through the top bar and the first tabs"
key Tab Tab Tab Tab Tab Tab
step "Ctrl+4 (Indicators), Down and Up arrows move along the tab list"
key ctrl+4 Down Up
step "Tab goes from the tab list into the page, Space ticks the first indicator"
key Tab space
import -window root "$out/indicators.png"
step "Ctrl+2 (Overview), Tab to the first Contents button, Enter jumps into its section"
key ctrl+2 Tab Return; sleep 2
step "Orca: H moves to the next heading (three times), Shift+H back, 2 to the next level-2 heading"
key h h h shift+h 2
step "Orca: T moves to the next table (push and pull factors); Alt+Shift+arrows move by cell: down, right, down, left, up"
key t; sleep 1
key alt+shift+Down alt+shift+Right alt+shift+Down alt+shift+Left alt+shift+Up
if [ "$HARBOR_WALK_LOCALE" = en ]; then
    # Orca'"'"'s desktop layout, Num Lock off: KP_Up (8) reads the current line, KP_Prior (9) the next one.
    step "Orca: flat review, the current line (KP_8) and the next ones (KP_9)"
    key KP_Up KP_Prior KP_Prior KP_Prior KP_Prior
    step "Orca: Where am I (KP_Enter)"
    key KP_Enter
    step "Ctrl+F, type passport, Enter opens the first result"
    key ctrl+f; typed passport; key Return
fi
# The focus paths of issue 25, in every language: menus say collapsed/expanded and take focus on their first entry,
# Escape gives focus back to the button of the menu, a dialog takes focus, a list chosen with Enter closes.
step "Ctrl+F, Tab to the language menu button (collapsed), Enter opens it (expanded, focus on its first language), Escape closes it (focus back on the button)"
key ctrl+f Tab Return Escape
step "Tab to Settings, Enter opens it (focus on its first entry), Up wraps to About Harbor, Enter opens the About dialog (it takes focus), Escape (focus back on Settings)"
key Tab Return Up Return; sleep 1
key Escape
step "Ctrl+5 (Questions), Tab Tab to the first Show to patient, Enter opens the patient card (it takes focus, on its first list)"
key ctrl+5 Tab Tab Return; sleep 1
step "A list chosen with Enter: Enter opens it (expanded), Down Down, Enter chooses (collapsed, focus back on the list)"
key Return Down Down Return
step "Escape closes the card (focus back on Show to patient)"
key Escape
step "Ctrl+0 (Notes), Tab to the passphrase fields, create the vault"
key ctrl+0 Tab; typed "correct horse battery staple 42"
key Tab; typed "correct horse battery staple 42"
key Tab Tab Return; sleep 6
step "Focus is on the new record label: type it, Tab to New case record, Enter"
typed "Case K-1"; key Tab Return; sleep 2
step "Focus is on the record label: Tab to its notes, type one, Tab on through the record"
key Tab; typed "Seen in the emergency department"; sleep 3
key Tab Tab Tab Tab Tab
import -window root "$out/record.png"
step "Ctrl+L locks"
key ctrl+l; sleep 3
step "A wrong passphrase, Enter"
typed "not the passphrase"; key Return; sleep 6
import -window root "$out/locked.png"
step "A live region speaks once: Ctrl+2, then Ctrl+0 back to Notes (the wrong-passphrase message is not said again)"
key ctrl+2 ctrl+0
step "Tab to the passphrase, Ctrl+A, the right passphrase, Enter unlocks (focus on the new record label)"
key Tab ctrl+a; typed "correct horse battery staple 42"; key Return; sleep 6
step "Ctrl+4 (Indicators), Tab to the first check box, Space ticks it (the summary is said)"
key ctrl+4 Tab space
# Quick exit comes before Search in the Tab order and the page before Quick exit: two Shift+Tabs from Search reach
# the last control of the page, the menu.
step "Ctrl+F, Shift+Tab twice back to Save to a case record (collapsed), Enter opens it (expanded, focus on the record), Escape (focus back, collapsed)"
key ctrl+f shift+Tab shift+Tab Return Escape
step "Enter, Enter saves the ticks to the record: said once, focus on the first check box"
key Return Return; sleep 2
# Last: with no speech server Orca produces a whole Say All at once and hears no keys until it has finished.
step "Ctrl+2, Tab to the first Contents button, Enter, then Orca: Say All (KP_Add) from that section"
key ctrl+2 Tab Return; sleep 2
key KP_Add; sleep 45
step "Ctrl+Q quick exit"
key ctrl+q; sleep 3
# TERM first: Orca writes out the rest of its debug log as it stops.
kill "$orca" 2>/dev/null; sleep 4; kill -9 "$orca" 2>/dev/null; sleep 1
kill "$harbor" "$launcher" 2>/dev/null
wait 2>/dev/null
' _ "$@" > "$out/session.log" 2>&1 || true
{ grep -E "^[0-9:.]+ - SPEECH OUTPUT" "$out/orca-debug.txt"; cat "$out/steps.txt"; } | sort \
    | sed -E "s/^[0-9:.]+ - //; s/\{.*\}$//; s/\[\{.*\}\]$//; s/^STEP /\n=== /" > "$out/speech.txt"
echo "Orca's speech: $out/speech.txt ($(grep -c "SPEECH OUTPUT" "$out/speech.txt") utterances;" \
    "$(grep -c KEYBOARD_EVENT "$out/orca-debug.txt") key events reached Orca)"
