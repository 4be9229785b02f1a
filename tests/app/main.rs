//! The app as a whole: command line, built-in content, dependency policy, PDF export, reporting rules and a
//! real-window screenshot.

// Test helpers outside #[test] fns: failing loudly is the point.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod back_translations;
mod cli;
mod clipboard;
mod content_files;
mod dependencies;
mod export_pdf;
mod guidance_checks;
mod hostile;
mod institution;
mod jurisdiction_ca;
mod jurisdiction_ny;
mod jurisdiction_tx;
mod jurisdictions;
mod msi;
mod pdf_support;
mod policy;
mod policy_paths;
mod pure;
mod real_exit;
mod reporting_rules;
mod right_to_left;
mod rules_soundness;
mod screen_reader;
mod screenshot;
mod search;
mod search_priors;
mod search_relevance;
mod search_results;
mod structure;
mod terminology;
mod translation_dates;
mod translation_exchange;

/// Whether the system tools a real-window test needs are installed (Linux only). Without them the test is skipped
/// with a notice, except in CI (`HARBOR_REQUIRE_TOOLS`), where a missing tool fails it.
fn tools_present(tools: &[&str], test: &str) -> bool {
    let found = |tool: &&str| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {tool}"))
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let present = cfg!(target_os = "linux") && tools.iter().all(found);
    if !present {
        assert!(
            std::env::var_os("HARBOR_REQUIRE_TOOLS").is_none(),
            "{} are required in CI",
            tools.join(", ")
        );
        eprintln!(
            "NOTICE: skipping {test}: one of {} is missing",
            tools.join(", ")
        );
    }
    present
}

/// `sh -c script` in a virtual X display (1280×800, software GL), with `$HARBOR_BIN` the built binary and `HOME`
/// in `home`, so eframe's preferences stay away from the user's.
fn xvfb_run(script: &str, home: &std::path::Path) -> std::process::Command {
    // `xvfb-run -a` looks for a free display from its start number by the lock files in /tmp; two runs that start
    // together from the same number can both pick it, and one then fails ("xvfb-run failed": seen when the
    // real-window tests of this binary run side by side). Each run starts its search from its own number.
    static RUNS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let start = 1000 + (std::process::id() % 1000) * 16 + run % 16;
    let mut command = std::process::Command::new("xvfb-run");
    command
        .args(["-a", "-n", &start.to_string()])
        .args(["-s", "-screen 0 1280x800x24", "sh", "-c", script])
        .env("HARBOR_BIN", env!("CARGO_BIN_EXE_harbor"))
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg"))
        .env("LIBGL_ALWAYS_SOFTWARE", "1");
    command
}
