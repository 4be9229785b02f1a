//! The app driven through its UI, headless (egui_kittest): every view, languages, notes, the encounter tools.
//! One test binary, because rust-i18n's locale is process-wide and these tests take turns (see `common`).

// Test helpers outside #[test] fns: failing loudly is the point.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod accessibility;
mod bedside;
mod capture;
mod clipboard;
mod closing;
mod common;
mod exits;
mod focus_walk;
mod guide;
mod i18n;
mod jurisdiction;
mod language;
mod locking;
mod menus_expanded;
mod notes;
#[path = "../app/pdf_support.rs"]
mod pdf_support;
mod policy;
mod policy_commands;
mod provenance;
mod readable;
mod reporting_helper;
mod search;
mod search_actions;
mod search_focus;
mod take_home;
mod tools;
