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

/// A Unix time as a UTC date and time (`2026-11-28 14:05 UTC`), without a time-zone database.
pub fn format_time(unix_secs: i64) -> String {
    let days = unix_secs.div_euclid(86_400);
    let seconds = unix_secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        seconds / 3600,
        (seconds % 3600) / 60
    )
}
