//! Reading back the PDFs Harbor writes with poppler's tools, for the app tests (`tests/app`) and the window tests
//! (`tests/ui`, a crate of its own, which includes this file by its path, as the vault benchmark includes
//! `tests/vault/vault_support.rs`).
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// What poppler's `tool` (`pdftotext`, `pdfinfo`) prints for the PDF at `path`, given `args` (`-layout`, `-bbox`;
/// `pdftotext` writes to standard output), or `None` with a notice when poppler is not installed. CI
/// (`HARBOR_REQUIRE_TOOLS`) requires it.
pub fn poppler(tool: &str, args: &[&str], path: &Path) -> Option<String> {
    let mut command = Command::new(tool);
    command.args(args).arg(path);
    if tool == "pdftotext" {
        command.arg("-");
    }
    match command.output() {
        Ok(output) if output.status.success() => {
            Some(String::from_utf8_lossy(&output.stdout).into_owned())
        }
        _ => {
            assert!(
                std::env::var_os("HARBOR_REQUIRE_TOOLS").is_none(),
                "{tool} (poppler-utils) is required in CI"
            );
            eprintln!("NOTICE: {tool} not installed; what it would read was not checked");
            None
        }
    }
}

/// [`poppler`] on PDF bytes, written to a temporary file first.
pub fn poppler_on_bytes(tool: &str, args: &[&str], bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).expect("write");
    poppler(tool, args, &path)
}

/// The text of PDF bytes as `pdftotext -layout` reads it, or `None` (with a notice) when poppler is not installed.
pub fn pdf_text(bytes: &[u8]) -> Option<String> {
    poppler_on_bytes("pdftotext", &["-layout"], bytes)
}
