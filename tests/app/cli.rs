//! The command line: help, version, unknown flags, and `--check-content` on good and broken packs.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

pub(crate) fn harbor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_harbor"))
        .args(args)
        .output()
        .expect("run harbor")
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A copy of the built-in English pack in a temporary directory, for breaking.
fn pack_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("en")).expect("en dir");
    for entry in std::fs::read_dir("content/en")
        .expect("content/en")
        .flatten()
    {
        std::fs::copy(entry.path(), dir.path().join("en").join(entry.file_name())).expect("copy");
    }
    dir
}

pub(crate) fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn help_and_version_work() {
    let help = harbor(&["--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("--check-content DIR"));
    let version = harbor(&["--version"]);
    assert!(version.status.success());
    assert_eq!(
        stdout(&version).trim(),
        format!("harbor {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_flag_is_a_clear_error_not_a_panic() {
    let output = harbor(&["--frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown option `--frobnicate`"), "{stderr}");
    assert!(!stderr.contains("panicked"));
    let missing = harbor(&["--data-dir"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn built_in_pack_checks_clean() {
    let output = harbor(&["--check-content", "content"]);
    assert!(output.status.success(), "{}", stdout(&output));
    assert!(stdout(&output).contains("0 errors"));
}

#[test]
fn syntax_error_is_reported_with_file_and_line() {
    let pack = pack_copy();
    let file = pack.path().join("en/questions.ron");
    let text = std::fs::read_to_string(&file).expect("read");
    let line = text
        .lines()
        .position(|l| l.contains("q.initial.paid"))
        .expect("question line")
        + 1;
    replace_in(
        &file,
        "(id: \"q.initial.paid\", text:",
        "(id: \"q.initial.paid\" text:",
    );
    let output = harbor(&["--check-content", pack.path().to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    assert!(
        report.contains(&format!("en/questions.ron:{line}")),
        "{report}"
    );
}

#[test]
fn duplicate_ids_bad_references_and_malformed_numbers_are_each_reported() {
    let pack = pack_copy();
    replace_in(
        &pack.path().join("en/questions.ron"),
        "id: \"q.initial.quit\"",
        "id: \"q.initial.paid\"",
    );
    replace_in(
        &pack.path().join("en/indicators.ron"),
        "\"q.sexual\"",
        "\"q.no-such-group\"",
    );
    replace_in(
        &pack.path().join("en/resources.ron"),
        "(617) 343-6533",
        "617-343-653",
    );
    replace_in(
        &pack.path().join("en/reporting.ron"),
        "Is(\"rep.q.age\", \"rep.a.age-minor\")",
        "Is(\"rep.q.age\", \"rep.a.age-teen\")",
    );
    let output = harbor(&["--check-content", pack.path().to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    assert!(
        report.contains("en/questions.ron:") && report.contains("[q.initial.paid]: duplicate id"),
        "{report}"
    );
    assert!(
        report.contains("related question group `q.no-such-group` does not exist"),
        "{report}"
    );
    assert!(
        report.contains("number `617-343-653` is not a well-formed"),
        "{report}"
    );
    assert!(
        report.contains("unknown answer `rep.a.age-teen`"),
        "{report}"
    );
}

#[test]
fn a_broken_pack_falls_back_to_built_in_content_and_names_the_file() {
    let pack = pack_copy();
    std::fs::write(
        pack.path().join("en/resources.ron"),
        "(groups: [ this is not ron",
    )
    .expect("write");
    let (content, problems) = harbor::content::load::load("en", Some(pack.path()));
    assert!(
        problems
            .iter()
            .any(|p| p.file == "en/resources.ron" && p.line.is_some()),
        "{problems:?}"
    );
    assert!(
        !content.resources.groups.is_empty(),
        "the built-in resources stand in"
    );
}

#[test]
fn missing_pack_directory_is_a_clear_error() {
    let output = harbor(&["--check-content", "/no/such/pack"]);
    assert_eq!(output.status.code(), Some(2));
}

/// Copies a directory tree (a content pack, the locale files) so a test can change its copy.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
