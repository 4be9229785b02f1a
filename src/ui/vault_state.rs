//! What passes between the app and the vault screens (Notes, Safety plan), both ways through one door: views get a
//! [`VaultView`] — the session's state and the app's [`VaultUi`], read-only, plus one narrow write, binding a text
//! field to a record — and hand everything else back as commands. Only the app writes [`VaultUi`].

use std::time::Instant;

use rust_i18n::t;
use secrecy::SecretString;

use super::vault_text::error_text;
use crate::vault::VaultError;
use crate::vault::model::CaseRecord;
use crate::vault::session::{Session, Task};

/// What the institution's policy allows the vault screens, read once at start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Permissions {
    /// Every new vault gets a recovery key (the choice is locked on).
    pub(crate) recovery_key_required: bool,
    /// The safety plan may be exported as an (unencrypted) PDF.
    pub(crate) pdf_export: bool,
}

/// A rule of the institution's policy that a command broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PolicyRule {
    /// The vault is turned off: no vault command is carried out.
    VaultDisabled,
    /// A new vault must have a recovery key.
    RecoveryKeyRequired,
    /// No PDF export.
    ExportDisabled,
}

/// Why the app refused a command at once.
#[derive(Clone, Debug)]
pub(crate) enum Refusal {
    /// The session refused (busy, locked, read-only…).
    Vault(VaultError),
    /// The institution's policy forbids it.
    Policy(PolicyRule),
}

impl Refusal {
    /// The translated reason, for the screen that asked.
    pub(crate) fn text(&self) -> String {
        match self {
            Self::Vault(error) => error_text(error),
            Self::Policy(PolicyRule::VaultDisabled) => {
                t!("deploy.policy.vault_disabled").into_owned()
            }
            Self::Policy(PolicyRule::RecoveryKeyRequired) => {
                t!("deploy.policy.recovery_required").into_owned()
            }
            Self::Policy(PolicyRule::ExportDisabled) => {
                t!("deploy.policy.export_disabled").into_owned()
            }
        }
    }
}

/// A finished vault task, numbered so a view can tell a new one from one it has already reacted to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Finished {
    /// Counts up with every finished task.
    pub(crate) serial: u64,
    /// Which task finished.
    pub(crate) task: Task,
    /// Whether it worked (the error itself is the session's `last_error`).
    pub(crate) ok: bool,
}

/// Where the safety-plan export stands after the app's last attempt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ExportStatus {
    /// What happened (written to a path, failed, no file chosen, refused).
    pub(crate) message: String,
    /// A free file name to offer when no save dialog gave a file.
    pub(crate) suggested: Option<std::path::PathBuf>,
}

/// The vault screens' state that the app owns: views read it, only the app writes it (in `apply`, `logic` and
/// `lock`).
#[derive(Debug, Default)]
pub(crate) struct VaultUi {
    /// What the policy allows.
    pub(crate) permissions: Permissions,
    /// Why the last command was refused, until the next vault command is applied or the vault locks.
    pub(crate) refusal: Option<Refusal>,
    /// A recovery key just made, shown once until the user confirms they stored it (wiped when dropped).
    pub(crate) recovery_key: Option<SecretString>,
    /// The last vault task that finished.
    pub(crate) finished: Option<Finished>,
    /// The last export's result.
    pub(crate) export: Option<ExportStatus>,
    /// The case record added last, numbered like [`Finished`] (the Safety plan takes it when it has none). An id,
    /// no note text: it outlives a lock, as the plan's chosen record does.
    pub(crate) created_record: Option<(u64, String)>,
}

impl VaultUi {
    /// The state for a policy's permissions, nothing else yet.
    pub(crate) fn new(permissions: Permissions) -> Self {
        Self {
            permissions,
            ..Self::default()
        }
    }

    /// Drops everything of the unlocked vault (the recovery key, a refusal, an export result); the permissions and
    /// the last record's id stay.
    pub(crate) fn clear(&mut self) {
        *self = Self {
            created_record: self.created_record.take(),
            ..Self::new(self.permissions)
        };
    }
}

/// The vault as views see it: the session's state and the app's [`VaultUi`] to read, and one narrow way to write —
/// binding a widget to a record, which stamps the time of the edit on the app's clock (the app saves once edits
/// have paused, whatever tab is shown).
pub(crate) struct VaultView<'a> {
    session: &'a mut Session,
    /// Whether the vault files exist, or why the data folder cannot be looked into (cached by the app: no `stat`
    /// per frame).
    found: &'a Result<bool, VaultError>,
    state: &'a VaultUi,
    /// When the vault was last edited; set here, read by the app's autosave.
    edited: &'a mut Option<Instant>,
    /// This frame's time on the app's clock.
    now: Instant,
}

impl<'a> VaultView<'a> {
    /// A view of `session` and the app's `state`; `found` says whether a vault (or its backup) is on disk; an edit
    /// sets `edited` to `now`.
    pub(crate) fn new(
        session: &'a mut Session,
        found: &'a Result<bool, VaultError>,
        state: &'a VaultUi,
        edited: &'a mut Option<Instant>,
        now: Instant,
    ) -> Self {
        Self {
            session,
            found,
            state,
            edited,
            now,
        }
    }

    /// The app's state for the vault screens.
    pub(crate) fn state(&self) -> &VaultUi {
        self.state
    }

    /// Why the data folder cannot be looked into, if it cannot (then nothing may be created there).
    pub(crate) fn folder_error(&self) -> Option<&VaultError> {
        self.found.as_ref().err()
    }

    /// The session's state, read-only (its operations take `&mut` and are the app's, through commands).
    pub(crate) fn session(&self) -> &Session {
        self.session
    }

    /// Whether a vault exists to unlock (otherwise the create screen shows).
    pub(crate) fn exists(&self) -> bool {
        matches!(self.found, Ok(true))
    }

    /// (id, label) of every record, when the vault is unlocked.
    pub(crate) fn record_labels(&self) -> Option<Vec<(String, String)>> {
        self.session.vault().map(|vault| {
            vault
                .records
                .iter()
                .map(|r| (r.id.clone(), r.label.clone()))
                .collect()
        })
    }

    /// Runs `edit` on the record `id` in place (so a text field binds to the vault's own copy); marks the vault
    /// changed, and stamps the time of the edit, if `edit` returns `true`. `false` when locked, read-only or the
    /// record is gone.
    pub(crate) fn edit_record(
        &mut self,
        id: &str,
        edit: impl FnOnce(&mut CaseRecord) -> bool,
    ) -> bool {
        let changed = self
            .session
            .edit(|vault| vault.get_mut(id).is_some_and(edit));
        if changed {
            *self.edited = Some(self.now);
        }
        changed
    }
}
