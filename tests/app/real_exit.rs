//! The real `harbor` binary in a virtual X display, ended by SIGTERM (a logout, a shutdown, `kill`): it closes as
//! its close button would and exits 0, instead of dying of the signal (exit status 143 before). What happens to
//! typing in that path is tested headless in `tests/ui/exits.rs`.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[cfg(unix)]
#[test]
fn the_real_window_closes_cleanly_on_sigterm_and_sighup() {
    if !super::tools_present(&["xvfb-run"], "the real-window exit-signal test") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    // Waits (up to 240 s, for a busy machine) for the first frame, then signals and reports the exit status.
    let script = r#"
        "$HARBOR_BIN" --data-dir "$HARBOR_DATA" --locale en 2> "$HARBOR_ERR" &
        pid=$!
        tries=0
        until grep -q "first frame" "$HARBOR_ERR" 2>/dev/null; do
            tries=$((tries + 1))
            if [ "$tries" -gt 2400 ] || ! kill -0 "$pid" 2>/dev/null; then
                echo "NEVER-STARTED"; kill -9 "$pid" 2>/dev/null; exit 0
            fi
            sleep 0.1
        done
        kill -"$HARBOR_SIGNAL" "$pid"
        wait "$pid"
        echo "EXIT $?"
    "#;
    for signal in ["TERM", "HUP"] {
        let output = super::xvfb_run(script, dir.path())
            .env("HARBOR_DATA", dir.path().join("data"))
            .env(
                "HARBOR_ERR",
                dir.path().join(format!("stderr-{signal}.txt")),
            )
            .env("HARBOR_SIGNAL", signal)
            .env("HARBOR_TRACE_STARTUP", "1")
            .output()
            .expect("run xvfb-run");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = std::fs::read_to_string(dir.path().join(format!("stderr-{signal}.txt")))
            .unwrap_or_default();
        assert!(
            stdout.contains("EXIT 0"),
            "SIG{signal}: {stdout}\nHarbor said: {stderr}"
        );
    }
}
