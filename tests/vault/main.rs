//! The encrypted vault: format, sessions, real processes (crash, lock, permissions) and the stock `age` CLI.

// Test helpers outside #[test] fns: failing loudly is the point.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod age_cli;
mod format;
mod history;
mod passphrase;
mod processes;
mod session;
mod vault_support;
