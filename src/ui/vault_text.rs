//! Texts about the vault that more than one screen shows: a vault error's message, the save status line, and a
//! time stamp. The Notes and Safety-plan views and the app's exit dialog use them.

use rust_i18n::t;

use crate::vault::VaultError;
use crate::vault::session::{SaveStatus, Session};

/// The translated message for a vault error.
pub fn error_text(error: &VaultError) -> String {
    t!(error.message_key()).into_owned()
}

/// The translated save status line.
pub(crate) fn save_status_text(session: &Session) -> String {
    match session.save_status() {
        SaveStatus::Saved if session.has_unsaved_changes() => {
            t!("vault.status_unsaved").into_owned()
        }
        SaveStatus::Saved => t!("vault.status_saved").into_owned(),
        SaveStatus::Saving => t!("vault.status_saving").into_owned(),
        SaveStatus::Failed(error) => {
            t!("vault.status_failed", reason = error_text(error).as_str()).into_owned()
        }
    }
}

/// A Unix time as the user's clock shows it, with the zone's offset (`crate::local_time`): records, quotes and the
/// last unlock on screen read the same as the PDF.
pub fn format_time(unix_secs: i64) -> String {
    crate::local_time::format_local(unix_secs)
}
