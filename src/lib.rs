//! Harbor: the MGH/MMS human trafficking guidebook at a clinician's fingertips, offline, with a private encrypted
//! place for case notes and safety-plan drafts.
//!
//! Folders show the architecture: [`content`] is the knowledge (the guidebook as data), [`vault`] the private case
//! data, and [`ui`] the views that present them. Data flows one way: files → typed model → views.

// `unsafe` is denied everywhere but the Windows Error Reporting calls (`hardening/windows.rs`), which allow it.
#![deny(unsafe_code)]
// What stays public is what the binary, the tests, the benches and the fuzz targets use; it says what it is for.
#![warn(missing_docs)]
// Without the window the library is the content and vault code the fuzz targets build; the rest is unused there.
#![cfg_attr(not(feature = "gui"), allow(dead_code, unused_imports))]

rust_i18n::i18n!("locales", fallback = "en");

pub(crate) mod analyze;
#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod content;
pub mod exchange;
#[cfg(feature = "gui")]
pub mod export;
pub mod hardening;
pub mod i18n;
pub mod limits;
pub mod local_time;
pub mod plural;
pub mod policy;
pub mod safe_write;
pub mod search;
pub mod settings;
#[cfg(feature = "gui")]
pub mod startup_trace;
#[cfg(feature = "gui")]
pub mod take_home;
#[cfg(feature = "gui")]
pub mod ui;
pub mod vault;

#[cfg(feature = "gui")]
pub use app::HarborApp;
