//! The body of every task, run on the worker thread: one named function per task, so no session method holds
//! code that runs on another thread.

use age::secrecy::SecretString;

use super::Restored;
use super::worker::{Opened, Stranded, TaskResult, Worker};
use crate::vault::crypto::{self, VaultKey};
use crate::vault::error::{Result, VaultError};
use crate::vault::history;
use crate::vault::model::{Vault, unix_now};
use crate::vault::store::OTHER_FILE;

pub(super) fn opened(
    vault: Vault,
    key: VaultKey,
    read_only: bool,
    recovery_key: Option<SecretString>,
) -> TaskResult {
    TaskResult::Opened(Box::new(Opened {
        vault,
        key,
        read_only,
        recovery_key,
        unsaved: None,
        history: None,
    }))
}

/// Reads both files first, so a missing file is reported before the slow scrypt step. Edits a save could not
/// write when the vault locked take the place of the file's contents (see [`Stranded`]).
pub(super) fn unlock_job(
    w: &mut Worker,
    passphrase: &SecretString,
    allow_read_only: bool,
) -> Result<TaskResult> {
    let store = if allow_read_only {
        w.any_store()?
    } else {
        w.writable_store()?
    };
    let identity = store.read_identity()?;
    let ciphertext = store.read_vault()?;
    let read_only = !store.is_writable();
    let key = match crypto::unwrap_identity(&identity, passphrase) {
        Err(VaultError::WrongPassphrase) => {
            history::record_failure(&w.dir);
            return Err(VaultError::WrongPassphrase);
        }
        other => other?,
    };
    let previous = history::record_unlock(&w.dir, unix_now());
    let stranded = if read_only {
        None
    } else {
        restore_stranded(w, &key, &ciphertext)?
    };
    let (vault, unsaved) = match stranded {
        Some((vault, restored)) => (vault, Some(restored)),
        None => (crypto::decrypt_vault(&ciphertext, &key)?, None),
    };
    Ok(TaskResult::Opened(Box::new(Opened {
        vault,
        key,
        read_only,
        recovery_key: None,
        unsaved,
        history: Some(previous),
    })))
}

/// The stranded generation, if there is one and `key` opens it. If something else had changed the file, the
/// file's version (`on_disk`) is first kept as `vault.age.other`, since saving the edits will replace it.
pub(super) fn restore_stranded(
    w: &mut Worker,
    key: &VaultKey,
    on_disk: &[u8],
) -> Result<Option<(Vault, Restored)>> {
    let Some(stranded) = w.stranded.take() else {
        return Ok(None);
    };
    let Ok(vault) = crypto::decrypt_vault(&stranded.ciphertext, key) else {
        // Encrypted to another key (the passphrase was recovered since): leave it be.
        w.stranded = Some(stranded);
        return Ok(None);
    };
    if !stranded.changed_on_disk {
        return Ok(Some((vault, Restored::Edits)));
    }
    let kept = w
        .writable_store()
        .and_then(|store| store.replace_file(OTHER_FILE, on_disk));
    if let Err(e) = kept {
        w.stranded = Some(stranded);
        return Err(e);
    }
    Ok(Some((vault, Restored::EditsOtherVersionKeptAside)))
}

pub(super) fn save_job(
    w: &mut Worker,
    vault: &Vault,
    key: &VaultKey,
    refresh_backup: bool,
) -> Result<()> {
    let ciphertext = crypto::encrypt_vault(vault, &key.recipient())?;
    let result = w
        .writable_store()
        .and_then(|store| store.save_vault(&ciphertext, refresh_backup));
    w.stranded = match &result {
        Ok(()) => None,
        Err(e) => Some(Stranded {
            ciphertext,
            changed_on_disk: matches!(e, VaultError::ChangedOnDisk),
        }),
    };
    result
}

/// Writes a new vault and its key file, and opens it.
pub(super) fn create_job(
    w: &mut Worker,
    passphrase: &SecretString,
    with_recovery_key: bool,
) -> Result<TaskResult> {
    let store = w.writable_store()?;
    // An identity alone is what a crash between the two writes below leaves; it
    // guards nothing, so it may be replaced. A vault or backup may not.
    if store.vault_exists() || store.backup_exists() {
        return Err(VaultError::AlreadyExists);
    }
    let key = VaultKey::generate();
    let recovery = with_recovery_key.then(VaultKey::generate);
    let mut vault = Vault::new();
    vault.recovery_recipient = recovery.as_ref().map(|r| r.recipient().to_string());
    let identity = crypto::wrap_identity(&key, passphrase)?;
    let ciphertext = crypto::encrypt_vault(&vault, &key.recipient())?;
    store.write_identity(&identity)?;
    store.save_vault(&ciphertext, false)?;
    history::record_unlock(&w.dir, unix_now());
    Ok(opened(
        vault,
        key,
        false,
        recovery.map(|r| r.to_secret_string()),
    ))
}

/// Opens the vault with the recovery key and protects it with a new passphrase (see [`Session::recover`]).
pub(super) fn recover_job(
    w: &mut Worker,
    recovery: &VaultKey,
    new_passphrase: &SecretString,
) -> Result<TaskResult> {
    let store = w.writable_store()?;
    let ciphertext = store.read_vault()?;
    let vault = match crypto::decrypt_vault_with_recovery_key(&ciphertext, recovery) {
        Ok(vault) => vault,
        // A damaged vault file: the backup is encrypted to the recovery key too.
        Err(damage @ (VaultError::Corrupt | VaultError::Truncated)) => {
            let backup = store.read_backup().map_err(|_| damage.clone())?;
            let vault =
                crypto::decrypt_vault_with_recovery_key(&backup, recovery).map_err(|_| damage)?;
            store.restore_backup()?;
            vault
        }
        Err(other) => return Err(other),
    };
    let key = VaultKey::generate();
    let identity = crypto::wrap_identity(&key, new_passphrase)?;
    let ciphertext = crypto::encrypt_vault(&vault, &key.recipient())?;
    // Vault first: if the identity write then fails, the recovery key still opens
    // the vault and recovery can simply be repeated. The backup is refreshed too,
    // since it is encrypted to the forgotten key.
    store.save_vault(&ciphertext, true)?;
    store.write_identity(&identity)?;
    Ok(opened(vault, key, false, None))
}

/// Opens the backup with the passphrase and puts it in place of a damaged vault.
pub(super) fn restore_backup_job(w: &mut Worker, passphrase: &SecretString) -> Result<TaskResult> {
    let store = w.writable_store()?;
    let identity = store.read_identity()?;
    let backup = store.read_backup()?;
    let key = crypto::unwrap_identity(&identity, passphrase)?;
    let vault = crypto::decrypt_vault(&backup, &key)?;
    store.restore_backup()?;
    Ok(opened(vault, key, false, None))
}

/// Re-wraps `key` with `new` once `current` is checked against the key file on disk.
pub(super) fn rewrap_job(
    w: &mut Worker,
    key: &VaultKey,
    current: &SecretString,
    new: &SecretString,
) -> Result<TaskResult> {
    let store = w.writable_store()?;
    let on_disk = crypto::unwrap_identity(&store.read_identity()?, current)?;
    if on_disk.recipient() != key.recipient() {
        // identity.age holds some other key now; do not silently replace it.
        return Err(VaultError::ChangedOnDisk);
    }
    store.write_identity(&crypto::wrap_identity(key, new)?)?;
    Ok(TaskResult::Rewrapped)
}

/// Takes the lock a read-only window could not have, and opens the vault as it is on disk now.
pub(super) fn reopen_writable_job(w: &mut Worker, key: &VaultKey) -> Result<TaskResult> {
    let store = w.writable_store()?;
    let ciphertext = store.read_vault()?;
    let vault = crypto::decrypt_vault(&ciphertext, key)?;
    Ok(opened(vault, key.clone(), false, None))
}
