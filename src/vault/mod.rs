//! The encrypted case-notes vault: private data only, no UI.
//!
//! - [`model`]: the plaintext document (`Vault`, `CaseRecord`, …), zeroized on drop.
//! - [`crypto`]: the age envelope (X25519 for the vault, scrypt for the key file).
//! - [`store`]: the files — atomic saves, backup, lock file, temp-file sweep.
//! - [`session`]: `Locked | Unlocked` with a background worker, polled by the UI.
//! - [`error`]: one typed error per case, each with an i18n key.
//! - [`passphrase`]: how guessable a new passphrase is.
//! - [`history`]: failed attempts since the last unlock, kept beside the vault (not secret).

pub mod crypto;
pub(crate) mod error;
pub mod history;
pub mod model;
pub mod passphrase;
pub(crate) mod session;
pub mod store;

pub use error::VaultError;
pub use model::{
    CURRENT_FORMAT, CaseRecord, NeedStatus, Observation, PhotoEntry, PlanValue, Quote,
    SafetyPlanDraft, Vault,
};
pub use session::{Outcome, Restored, SaveStatus, Session, Task, Waker};
pub use store::{FileOps, StdFileOps, Store};
