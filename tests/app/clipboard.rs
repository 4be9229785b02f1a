//! Copy reaches the system clipboard: the real `harbor` binary in a virtual X display, text typed into the search
//! box, selected and copied with the keyboard (Ctrl+A, Ctrl+C), then read back from the X clipboard with
//! `xclip -o` while Harbor still runs (an X11 clipboard lives as long as its owner). Copy buttons hand their text
//! to the same egui output command, so this is their path too. Needs `xvfb-run`, `xdotool` and `xclip` (`.ci/run`
//! installs them and sets `HARBOR_REQUIRE_TOOLS=1`, so CI never skips).

#[test]
fn copy_in_a_real_window_reaches_the_system_clipboard() {
    if !super::tools_present(&["xvfb-run", "xdotool", "xclip"], "the real clipboard test") {
        return;
    }
    const TEXT: &str = "harbor clipboard check 4711";
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("clipboard.txt");
    // No window manager under Xvfb: focus the window explicitly before sending keys.
    let script = r#"
        "$HARBOR_BIN" --data-dir "$HARBOR_DATA" --locale en &
        pid=$!
        wid=
        # Up to three minutes: with the other real-window and screen-reader tests starting debug builds on two
        # cores, the window once took longer than the minute this allowed (CI, 2026-12-06).
        for _ in $(seq 1 360); do
            wid=$(xdotool search --name '^Harbor$' 2>/dev/null | head -n 1)
            [ -n "$wid" ] && break
            sleep 0.5
        done
        [ -n "$wid" ] || { echo "no Harbor window" >&2; kill "$pid"; exit 1; }
        sleep 3
        xdotool windowfocus --sync "$wid"
        xdotool key --clearmodifiers ctrl+f
        sleep 1
        xdotool type --delay 40 "$HARBOR_TEXT"
        sleep 1
        xdotool key --clearmodifiers ctrl+a
        sleep 0.5
        xdotool key --clearmodifiers ctrl+c
        sleep 1.5
        xclip -o -selection clipboard > "$HARBOR_OUT" 2>/dev/null
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        true
    "#;
    let status = super::xvfb_run(script, dir.path())
        .env("HARBOR_DATA", dir.path().join("data"))
        .env("HARBOR_TEXT", TEXT)
        .env("HARBOR_OUT", &out)
        .status()
        .expect("run xvfb-run");
    assert!(status.success(), "xvfb-run failed");
    let copied = std::fs::read_to_string(&out).unwrap_or_default();
    assert_eq!(copied, TEXT, "the X clipboard holds what was copied");
}
