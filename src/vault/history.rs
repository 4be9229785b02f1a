//! The unlock history, kept beside the vault in the clear (it is not secret, and must be readable before the
//! passphrase is known): how many passphrase attempts failed since the last unlock, and when that unlock was. A
//! clinician shown "3 failed attempts since yesterday 17:05" learns that someone tried their notes.
//!
//! Advisory: a missing or damaged file reads as "nothing recorded", and a failed write is ignored — it must never
//! stand between the user and their notes. Someone who can write the data folder can also reset it.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The file's name in the data folder.
pub const HISTORY_FILE: &str = "unlock-history.ron";

/// What the file records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnlockHistory {
    /// Wrong passphrases entered since the last unlock.
    pub failed_attempts: u32,
    /// The last unlock (or creation), Unix seconds; `None` before the first.
    pub last_unlock: Option<i64>,
}

/// The recorded history (nothing recorded if the file is missing or unreadable).
#[must_use]
pub(crate) fn read(dir: &Path) -> UnlockHistory {
    std::fs::read_to_string(dir.join(HISTORY_FILE))
        .ok()
        .and_then(|text| ron::from_str(&text).ok())
        .unwrap_or_default()
}

fn write(dir: &Path, history: &UnlockHistory) {
    let Ok(text) = ron::to_string(history) else {
        return;
    };
    // Best effort: a history that cannot be written is not worth stopping an unlock for.
    let _ = crate::safe_write::write(
        &dir.join(HISTORY_FILE),
        text.as_bytes(),
        crate::safe_write::Access::Private,
    );
}

/// Counts one wrong passphrase.
pub(crate) fn record_failure(dir: &Path) {
    let mut history = read(dir);
    history.failed_attempts = history.failed_attempts.saturating_add(1);
    write(dir, &history);
}

/// Records an unlock at `now` and returns what was recorded before it (to show once).
pub(crate) fn record_unlock(dir: &Path, now: i64) -> UnlockHistory {
    let previous = read(dir);
    write(
        dir,
        &UnlockHistory {
            failed_attempts: 0,
            last_unlock: Some(now),
        },
    );
    previous
}
