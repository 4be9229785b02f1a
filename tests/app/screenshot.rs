//! Runs the real `harbor` binary in a virtual X display, takes a screenshot and checks that the window is not
//! blank, in English and in non-Latin scripts. Needs `xvfb-run` and ImageMagick's `import` (`.ci/run` installs
//! them and sets `HARBOR_REQUIRE_TOOLS=1`, so CI never skips).

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

/// Launches the app in `locale` under Xvfb and returns the screenshot's path.
fn screenshot(locale: &str, dir: &Path) -> std::path::PathBuf {
    let shot = dir.join(format!("shot-{locale}.png"));
    let data = dir.join("data");
    let script = r#"
        "$HARBOR_BIN" --data-dir "$HARBOR_DATA" --locale "$HARBOR_LOCALE" &
        pid=$!
        sleep "${HARBOR_WAIT:-6}"
        cat "/proc/$pid/limits" > "$HARBOR_LIMITS"
        import -window root "$HARBOR_SHOT"
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        true
    "#;
    let status = super::xvfb_run(script, dir)
        .env("HARBOR_DATA", &data)
        .env("HARBOR_LOCALE", locale)
        .env("HARBOR_SHOT", &shot)
        .env("HARBOR_LIMITS", dir.join(format!("limits-{locale}.txt")))
        .status()
        .expect("run xvfb-run");
    assert!(status.success(), "xvfb-run failed");
    shot
}

/// Distinct colours in the image: a blank (or single-colour) window has one or two.
fn distinct_colours(path: &Path) -> usize {
    let image = image::open(path)
        .expect("screenshot is a readable PNG")
        .to_rgb8();
    let mut colours: Vec<[u8; 3]> = image.pixels().map(|p| p.0).collect();
    colours.sort_unstable();
    colours.dedup();
    colours.len()
}

#[test]
fn real_window_is_not_blank_in_english_chinese_arabic_and_khmer() {
    if !super::tools_present(&["xvfb-run", "import"], "the real-window screenshot test") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    for locale in ["en", "zh-CN", "ar", "km"] {
        let shot = screenshot(locale, dir.path());
        let colours = distinct_colours(&shot);
        assert!(
            colours > 50,
            "the {locale} window looks blank ({colours} colours)"
        );
        // A core file would be the notes' plaintext on disk: the running app allows none.
        let limits = std::fs::read_to_string(dir.path().join(format!("limits-{locale}.txt")))
            .expect("the app's /proc limits");
        let core = limits
            .lines()
            .find(|line| line.starts_with("Max core file size"))
            .expect("core limit line");
        let values: Vec<&str> = core.split_whitespace().skip(4).take(2).collect();
        assert_eq!(values, ["0", "0"], "{core}");
    }
}
