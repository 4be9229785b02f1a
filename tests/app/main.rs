//! The app as a whole: command line, built-in content, dependency policy, PDF export, reporting rules and a
//! real-window screenshot.

// Test helpers outside #[test] fns: failing loudly is the point.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod cli;
mod clipboard;
mod content_files;
mod dependencies;
mod export_pdf;
mod guidance_checks;
mod pure;
mod reporting_rules;
mod screenshot;
mod search;
mod search_relevance;
mod structure;
