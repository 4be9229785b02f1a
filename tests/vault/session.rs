//! The vault session end to end: create, unlock, save, lock, recovery, passphrase change
//! and the fault cases. Each scrypt step costs ~1.3 s, so each test uses as few as it can.

// Test helpers outside #[test] fns: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::vault_support;

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use harbor::vault::crypto::VaultKey;
use harbor::vault::model::random_id;
use harbor::vault::store::{
    BACKUP_FILE, DAMAGED_FILE, IDENTITY_FILE, LOCK_FILE, OTHER_FILE, VAULT_FILE,
};
use harbor::vault::{
    PlanValue, Quote, Restored, SafetyPlanDraft, SaveStatus, Session, Task, VaultError,
};
use secrecy::ExposeSecret;
use vault_support::{
    DISK_FULL, FaultyOps, OK, READ_ONLY_FS, counting_waker, noop_waker, pass, temp_files,
    wait_save, wait_task,
};

/// A new session with a freshly created (and unlocked) vault in `dir`.
fn created(dir: &Path, passphrase: &str, recovery: bool) -> Session {
    let mut s = Session::new(dir, noop_waker());
    s.create(pass(passphrase), recovery).unwrap();
    wait_task(&mut s).result.unwrap();
    s
}

/// A locked vault in `dir` saved twice: `vault.age` holds records A and B, its backup only A. With the recovery
/// key if asked for.
fn saved_twice(
    dir: &Path,
    passphrase: &str,
    recovery: bool,
) -> (Session, Option<secrecy::SecretString>) {
    let mut s = created(dir, passphrase, recovery);
    let key = s.take_recovery_key();
    for label in ["A", "B"] {
        add_note(&mut s, label, &label.to_lowercase());
        s.save().unwrap();
        assert!(matches!(wait_save(&mut s), SaveStatus::Saved));
    }
    s.lock();
    (s, key)
}

/// An unlocked vault in `dir` (passphrase "pw") whose file operations can be made to fail, saved once with one
/// record labelled `label`.
fn saved_once_with_faults(dir: &Path, label: &str) -> (Session, Arc<FaultyOps>) {
    let ops = Arc::new(FaultyOps::default());
    let mut s = Session::with_file_ops(dir, noop_waker(), ops.clone());
    s.create(pass("pw"), false).unwrap();
    wait_task(&mut s).result.unwrap();
    add_note(&mut s, label, "saved");
    s.save().unwrap();
    assert!(matches!(wait_save(&mut s), SaveStatus::Saved));
    (s, ops)
}

fn add_note(s: &mut Session, label: &str, notes: &str) -> String {
    let v = s.vault_mut().expect("unlocked and writable");
    let r = v.new_record(label);
    r.notes = notes.to_owned();
    r.id.clone()
}

fn labels(s: &Session) -> Vec<String> {
    s.vault()
        .unwrap()
        .records
        .iter()
        .map(|r| r.label.clone())
        .collect()
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nested").join("data");
    let (waker, wakes) = counting_waker();
    let mut s = Session::new(&dir, waker);
    assert!(!s.vault_exists() && !s.is_unlocked());

    let started = Instant::now();
    s.create(pass("correct horse battery"), false).unwrap();
    // The call returns at once; scrypt runs on the worker.
    assert!(started.elapsed() < Duration::from_millis(100));
    assert_eq!(s.task(), Some(Task::Create));
    let poll_started = Instant::now();
    assert!(s.poll().is_none());
    assert!(poll_started.elapsed() < Duration::from_millis(20));
    let outcome = wait_task(&mut s);
    assert_eq!(outcome.task, Task::Create);
    outcome.result.unwrap();
    assert!(s.is_unlocked() && !s.is_read_only() && s.task().is_none());
    assert!(s.take_recovery_key().is_none());
    assert!(wakes.load(Ordering::SeqCst) >= 1);

    let id = add_note(&mut s, "Patient K", "first visit; bruising left arm");
    s.vault_mut().unwrap().update(&id, |r| {
        r.quotes.push(Quote {
            text: "I owe them money".into(),
            recorded: 3,
        });
        let mut plan = SafetyPlanDraft::default();
        plan.values
            .insert("safe_contact".into(), PlanValue::Text("sister".into()));
        r.safety_plan = Some(plan);
    });
    assert!(s.has_unsaved_changes());
    s.save().unwrap();
    assert!(matches!(s.save_status(), SaveStatus::Saving));
    assert!(matches!(wait_save(&mut s), SaveStatus::Saved));
    assert!(!s.has_unsaved_changes());
    let before = s.vault().unwrap().clone();

    s.lock();
    assert!(!s.is_unlocked() && s.vault().is_none());
    assert!(s.vault_exists());
    #[cfg(unix)]
    {
        for f in [VAULT_FILE, BACKUP_FILE, IDENTITY_FILE, LOCK_FILE] {
            assert_eq!(mode(&dir.join(f)), 0o600, "{f}");
        }
        assert_eq!(mode(&dir), 0o700);
    }

    s.unlock(pass("correct horse battery")).unwrap();
    wait_task(&mut s).result.unwrap();
    assert_eq!(s.vault().unwrap(), &before);
    assert_eq!(s.vault().unwrap().search("bruising"), vec![id]);
}

#[test]
fn wrong_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = created(tmp.path(), "right one", false);
    s.lock();
    s.unlock(pass("wrong one")).unwrap();
    let outcome = wait_task(&mut s);
    let e = outcome.result.unwrap_err();
    assert!(matches!(e, VaultError::WrongPassphrase), "{e:?}");
    assert_eq!(e.message_key(), "vault.error.wrong_passphrase");
    assert!(matches!(s.last_error(), Some(VaultError::WrongPassphrase)));
    assert!(!s.is_unlocked());
    // Nothing about the failure leaks the passphrase.
    assert!(!format!("{e:?} {e}").contains("wrong one"));
}

#[test]
fn recovery_key_opens_and_rekeys() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut s = created(dir, "forgotten passphrase", true);
    let key = s.take_recovery_key().expect("shown once");
    assert!(s.take_recovery_key().is_none());
    assert!(key.expose_secret().starts_with("AGE-SECRET-KEY-1"));
    assert!(s.vault().unwrap().has_recovery_key());
    add_note(&mut s, "Patient R", "kept safe by the recovery key");
    s.save().unwrap();
    assert!(matches!(wait_save(&mut s), SaveStatus::Saved));
    s.lock();

    // Refusals that cost no scrypt.
    assert!(matches!(
        s.recover(&pass("not a key"), pass("x")),
        Err(VaultError::InvalidRecoveryKey)
    ));
    s.recover(&VaultKey::generate().to_secret_string(), pass("x"))
        .unwrap();
    assert!(matches!(
        wait_task(&mut s).result,
        Err(VaultError::WrongRecoveryKey)
    ));

    // The recovery key alone suffices: even without identity.age.
    fs::remove_file(dir.join(IDENTITY_FILE)).unwrap();
    s.recover(&key, pass("brand new passphrase")).unwrap();
    let outcome = wait_task(&mut s);
    assert_eq!(outcome.task, Task::Recover);
    outcome.result.unwrap();
    assert_eq!(labels(&s), ["Patient R"]);
    assert!(s.vault().unwrap().has_recovery_key());
    s.lock();

    s.unlock(pass("forgotten passphrase")).unwrap();
    assert!(matches!(
        wait_task(&mut s).result,
        Err(VaultError::WrongPassphrase)
    ));
    s.unlock(pass("brand new passphrase")).unwrap();
    wait_task(&mut s).result.unwrap();
    assert_eq!(labels(&s), ["Patient R"]);
    s.lock();
    // The recovery key still opens the re-keyed vault and its refreshed backup.
    let rk = VaultKey::parse(&key).unwrap();
    for f in [VAULT_FILE, BACKUP_FILE] {
        let ct = fs::read(dir.join(f)).unwrap();
        harbor::vault::crypto::decrypt_vault_with_recovery_key(&ct, &rk).unwrap();
    }
}

#[test]
fn passphrase_change() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut s = created(dir, "old passphrase", false);
    add_note(&mut s, "Patient P", "note");
    s.save().unwrap();
    assert!(matches!(wait_save(&mut s), SaveStatus::Saved));
    let vault_before = fs::read(dir.join(VAULT_FILE)).unwrap();
    let identity_before = fs::read(dir.join(IDENTITY_FILE)).unwrap();

    s.change_passphrase(pass("not the current one"), pass("new passphrase"))
        .unwrap();
    assert!(matches!(
        wait_task(&mut s).result,
        Err(VaultError::WrongPassphrase)
    ));
    assert_eq!(fs::read(dir.join(IDENTITY_FILE)).unwrap(), identity_before);

    s.change_passphrase(pass("old passphrase"), pass("new passphrase"))
        .unwrap();
    // The session stays usable while the worker re-wraps.
    assert!(s.is_unlocked() && s.vault().is_some());
    let outcome = wait_task(&mut s);
    assert_eq!(outcome.task, Task::ChangePassphrase);
    outcome.result.unwrap();
    assert_eq!(
        fs::read(dir.join(VAULT_FILE)).unwrap(),
        vault_before,
        "vault untouched"
    );
    assert_ne!(fs::read(dir.join(IDENTITY_FILE)).unwrap(), identity_before);
    assert!(temp_files(dir).is_empty());
    s.lock();

    s.unlock(pass("old passphrase")).unwrap();
    assert!(matches!(
        wait_task(&mut s).result,
        Err(VaultError::WrongPassphrase)
    ));
    s.unlock(pass("new passphrase")).unwrap();
    wait_task(&mut s).result.unwrap();
    assert_eq!(labels(&s), ["Patient P"]);
}

#[test]
fn disk_full_keeps_previous_vault_and_retries() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (mut s, ops) = saved_once_with_faults(dir, "Before");
    let vault_before = fs::read(dir.join(VAULT_FILE)).unwrap();
    let backup_before = fs::read(dir.join(BACKUP_FILE)).unwrap();

    ops.set(DISK_FULL);
    add_note(&mut s, "After", "not yet on disk");
    for _ in 0..2 {
        s.save().unwrap();
        let status = wait_save(&mut s);
        let SaveStatus::Failed(e) = status else {
            panic!("expected failure, got {status:?}")
        };
        assert!(matches!(e, VaultError::DiskFull), "{e:?}");
        assert_eq!(e.message_key(), "vault.error.disk_full");
        assert_eq!(fs::read(dir.join(VAULT_FILE)).unwrap(), vault_before);
        assert_eq!(fs::read(dir.join(BACKUP_FILE)).unwrap(), backup_before);
        assert!(temp_files(dir).is_empty(), "{:?}", temp_files(dir));
        assert!(s.has_unsaved_changes());
        assert_eq!(labels(&s), ["Before", "After"]);
    }

    ops.set(OK);
    s.save().unwrap();
    assert!(matches!(wait_save(&mut s), SaveStatus::Saved));
    assert!(!s.has_unsaved_changes());
    assert_ne!(fs::read(dir.join(VAULT_FILE)).unwrap(), vault_before);
    assert_eq!(fs::read(dir.join(BACKUP_FILE)).unwrap(), vault_before);
    s.lock();
    s.unlock(pass("pw")).unwrap();
    wait_task(&mut s).result.unwrap();
    assert_eq!(labels(&s), ["Before", "After"]);
}

#[test]
fn edits_a_full_disk_refused_at_lock_come_back_at_unlock() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (mut s, ops) = saved_once_with_faults(dir, "Saved");
    let vault_before = fs::read(dir.join(VAULT_FILE)).unwrap();

    // The disk fills; the edit typed just before locking cannot be written by the lock's final save.
    ops.set(DISK_FULL);
    add_note(&mut s, "Typed before lock", "must not be lost");
    s.lock();
    assert!(matches!(
        wait_save(&mut s),
        SaveStatus::Failed(VaultError::DiskFull)
    ));
    assert_eq!(fs::read(dir.join(VAULT_FILE)).unwrap(), vault_before);
    assert!(s.vault().is_none(), "locked: no plaintext");

    // Space is freed; the next unlock brings the edit back and saves it.
    ops.set(OK);
    s.unlock(pass("pw")).unwrap();
    wait_task(&mut s).result.unwrap();
    assert_eq!(s.restored_edits(), Some(Restored::Edits));
    assert_eq!(labels(&s), ["Saved", "Typed before lock"]);
    assert!(matches!(wait_save(&mut s), SaveStatus::Saved));
    assert!(!s.has_unsaved_changes());
    s.lock();
    assert_eq!(s.restored_edits(), None);
    s.unlock(pass("pw")).unwrap();
    wait_task(&mut s).result.unwrap();
    assert_eq!(s.restored_edits(), None, "brought back once");
    assert_eq!(labels(&s), ["Saved", "Typed before lock"]);
}

#[test]
fn edits_refused_at_lock_because_the_file_changed_keep_both_versions() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut s = created(dir, "pw", false);
    add_note(&mut s, "Early", "saved");
    s.save().unwrap();
    assert!(matches!(wait_save(&mut s), SaveStatus::Saved));
    let theirs = fs::read(dir.join(VAULT_FILE)).unwrap();
    add_note(&mut s, "Mine", "saved too");
    s.save().unwrap();
    assert!(matches!(wait_save(&mut s), SaveStatus::Saved));
    // Something else (a sync tool, a copy put back by hand) replaces the file meanwhile.
    fs::write(dir.join(VAULT_FILE), &theirs).unwrap();
    add_note(&mut s, "Typed before lock", "must not be lost");
    s.lock();
    assert!(matches!(
        wait_save(&mut s),
        SaveStatus::Failed(VaultError::ChangedOnDisk)
    ));

    s.unlock(pass("pw")).unwrap();
    wait_task(&mut s).result.unwrap();
    assert_eq!(
        s.restored_edits(),
        Some(Restored::EditsOtherVersionKeptAside)
    );
    assert_eq!(labels(&s), ["Early", "Mine", "Typed before lock"]);
    assert!(matches!(wait_save(&mut s), SaveStatus::Saved));
    assert_eq!(fs::read(dir.join(OTHER_FILE)).unwrap(), theirs);
    assert!(temp_files(dir).is_empty(), "{:?}", temp_files(dir));
}

#[test]
fn read_only_filesystem_gives_its_error() {
    // The real read-only mount is exercised in vault_processes.rs (needs a mount
    // namespace); this covers the session's handling through the injected seam.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ops = Arc::new(FaultyOps::default());
    let mut s = Session::with_file_ops(dir, noop_waker(), ops.clone());
    s.create(pass("pw"), false).unwrap();
    wait_task(&mut s).result.unwrap();
    let vault_before = fs::read(dir.join(VAULT_FILE)).unwrap();
    ops.set(READ_ONLY_FS);
    add_note(&mut s, "X", "y");
    s.save().unwrap();
    let SaveStatus::Failed(e) = wait_save(&mut s) else {
        panic!("expected failure")
    };
    assert!(matches!(e, VaultError::ReadOnlyFilesystem), "{e:?}");
    assert_eq!(e.message_key(), "vault.error.read_only_filesystem");
    assert_eq!(fs::read(dir.join(VAULT_FILE)).unwrap(), vault_before);
    assert!(s.has_unsaved_changes());
}

#[test]
fn second_session_cannot_write() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut first = created(dir, "pw", false);
    add_note(&mut first, "Mine", "n");
    first.save().unwrap();
    assert!(matches!(wait_save(&mut first), SaveStatus::Saved));

    let mut second = Session::new(dir, noop_waker());
    let started = Instant::now();
    second.unlock(pass("pw")).unwrap();
    let e = wait_task(&mut second).result.unwrap_err();
    assert!(matches!(e, VaultError::AlreadyOpen), "{e:?}");
    assert_eq!(e.message_key(), "vault.error.already_open");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "refused before scrypt"
    );

    second.unlock_allow_read_only(pass("pw")).unwrap();
    wait_task(&mut second).result.unwrap();
    assert!(second.is_unlocked() && second.is_read_only());
    assert_eq!(labels(&second), ["Mine"]);
    assert!(second.vault_mut().is_none());
    assert!(!second.edit(|_| true));
    assert!(matches!(second.save(), Err(VaultError::ReadOnlySession)));
    assert!(matches!(
        second.set_new_recovery_key(),
        Err(VaultError::ReadOnlySession)
    ));

    // The first window keeps writing.
    add_note(&mut first, "Mine too", "n");
    first.save().unwrap();
    assert!(matches!(wait_save(&mut first), SaveStatus::Saved));
}

#[test]
fn changed_on_disk_is_not_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut s = created(dir, "pw", false);
    add_note(&mut s, "A", "a");
    s.save().unwrap();
    assert!(matches!(wait_save(&mut s), SaveStatus::Saved));

    // A touch alone (same bytes, new mtime) is not a change.
    let f = fs::File::options()
        .write(true)
        .open(dir.join(VAULT_FILE))
        .unwrap();
    f.set_modified(std::time::SystemTime::now() + Duration::from_secs(5))
        .unwrap();
    drop(f);
    add_note(&mut s, "B", "b");
    s.save().unwrap();
    assert!(matches!(wait_save(&mut s), SaveStatus::Saved));

    // Something else replaces the file (a sync tool, a restore by hand).
    let foreign = fs::read(dir.join(BACKUP_FILE)).unwrap();
    fs::write(dir.join(VAULT_FILE), &foreign).unwrap();
    add_note(&mut s, "C", "c");
    s.save().unwrap();
    let SaveStatus::Failed(e) = wait_save(&mut s) else {
        panic!("expected failure")
    };
    assert!(matches!(e, VaultError::ChangedOnDisk), "{e:?}");
    assert_eq!(e.message_key(), "vault.error.changed_on_disk");
    assert_eq!(fs::read(dir.join(VAULT_FILE)).unwrap(), foreign);
    assert!(s.has_unsaved_changes());
}

#[test]
fn corrupt_vault_offers_and_restores_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (mut s, _) = saved_twice(dir, "pw", false);
    let backup = fs::read(dir.join(BACKUP_FILE)).unwrap();
    let mut damaged = fs::read(dir.join(VAULT_FILE)).unwrap();
    let mid = damaged.len() - 40;
    damaged[mid] ^= 0x20;
    fs::write(dir.join(VAULT_FILE), &damaged).unwrap();

    s.unlock(pass("pw")).unwrap();
    let e = wait_task(&mut s).result.unwrap_err();
    assert!(
        matches!(e, VaultError::Corrupt) && e.offers_backup(),
        "{e:?}"
    );

    s.restore_backup(pass("pw")).unwrap();
    let outcome = wait_task(&mut s);
    assert_eq!(outcome.task, Task::RestoreBackup);
    outcome.result.unwrap();
    assert_eq!(labels(&s), ["A"]);
    // Issue 26.6: the window says these are the previous generation's notes.
    assert_eq!(s.restored_edits(), Some(Restored::Backup));
    assert_eq!(fs::read(dir.join(VAULT_FILE)).unwrap(), backup);
    assert_eq!(fs::read(dir.join(DAMAGED_FILE)).unwrap(), damaged);
    // Saving after a restore works (no "changed on disk").
    add_note(&mut s, "C", "c");
    s.save().unwrap();
    assert!(matches!(wait_save(&mut s), SaveStatus::Saved));
}

#[test]
fn recovery_key_falls_back_to_the_backup_of_a_damaged_vault() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (mut s, key) = saved_twice(dir, "forgotten", true);
    let key = key.unwrap();
    let mut damaged = fs::read(dir.join(VAULT_FILE)).unwrap();
    damaged.truncate(damaged.len() / 2);
    fs::write(dir.join(VAULT_FILE), &damaged).unwrap();

    // Passphrase forgotten and vault file damaged: the recovery key opens the backup.
    s.recover(&key, pass("new passphrase")).unwrap();
    wait_task(&mut s).result.unwrap();
    assert_eq!(labels(&s), ["A"]);
    assert_eq!(fs::read(dir.join(DAMAGED_FILE)).unwrap(), damaged);
    s.lock();
    s.unlock(pass("new passphrase")).unwrap();
    wait_task(&mut s).result.unwrap();
    assert_eq!(labels(&s), ["A"]);
    s.lock();

    // Both damaged: the error names the damage, not the key.
    fs::write(dir.join(VAULT_FILE), &damaged).unwrap();
    fs::write(dir.join(BACKUP_FILE), &damaged).unwrap();
    s.recover(&key, pass("x")).unwrap();
    let e = wait_task(&mut s).result.unwrap_err();
    assert!(
        matches!(e, VaultError::Truncated | VaultError::Corrupt),
        "{e:?}"
    );
}

#[test]
fn lock_saves_pending_edits_and_drops_plaintext() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut s = created(dir, "pw", true);
    let recovery = s.take_recovery_key().unwrap();
    // Edits made right before an (auto-)lock are written by the final save.
    add_note(&mut s, "Late", "typed just before auto-lock");
    s.lock();
    assert!(s.vault().is_none() && s.vault_mut().is_none());
    assert!(matches!(s.save(), Err(VaultError::Locked)));
    assert!(matches!(wait_save(&mut s), SaveStatus::Saved));
    let ct = fs::read(dir.join(VAULT_FILE)).unwrap();
    let v = harbor::vault::crypto::decrypt_vault_with_recovery_key(
        &ct,
        &VaultKey::parse(&recovery).unwrap(),
    )
    .unwrap();
    assert_eq!(v.records[0].label, "Late");
}

#[test]
fn canary_never_reaches_disk_in_plaintext() {
    let marker = format!("CANARY-{}-{}", random_id(), random_id());
    // Files older than the test cannot hold its marker; skipping them keeps the scan of a busy /tmp fast.
    let started = std::time::SystemTime::now() - Duration::from_secs(2);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut s = created(&dir, "pw", true);
    let recovery = s.take_recovery_key().unwrap();
    for i in 0..20 {
        let v = s.vault_mut().unwrap();
        let r = v.new_record(format!("{marker} label {i}"));
        r.notes = format!("notes {marker} {i}");
        r.findings = marker.clone();
        r.quotes.push(Quote {
            text: marker.clone(),
            recorded: 1,
        });
        let mut plan = SafetyPlanDraft::default();
        plan.values
            .insert("x".into(), PlanValue::Text(marker.clone()));
        r.safety_plan = Some(plan);
    }
    s.save().unwrap();
    assert!(matches!(wait_save(&mut s), SaveStatus::Saved));
    add_note(&mut s, &marker, &marker);
    s.set_new_recovery_key().unwrap();
    let recovery2 = s.take_recovery_key().unwrap();
    s.lock();
    assert!(s.wait_idle(Duration::from_secs(60)));
    drop(s);

    let needles = [
        marker.as_bytes().to_vec(),
        recovery.expose_secret().as_bytes().to_vec(),
        recovery2.expose_secret().as_bytes().to_vec(),
    ];
    let mut counts = Vec::new();
    for root in [dir.clone(), std::env::temp_dir()] {
        let mut scanned = 0usize;
        scan(&root, &needles, started, &mut scanned);
        counts.push((root, scanned));
    }
    assert!(counts[0].1 >= 4, "scanned {counts:?}");
    eprintln!("canary: no plaintext found; files written since the start, per root: {counts:?}");
}

fn scan(path: &Path, needles: &[Vec<u8>], since: std::time::SystemTime, scanned: &mut usize) {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return;
    };
    if meta.is_dir() {
        let Ok(entries) = fs::read_dir(path) else {
            return;
        };
        for e in entries.flatten() {
            scan(&e.path(), needles, since, scanned);
        }
    } else if meta.is_file()
        && meta.len() < 64 * 1024 * 1024
        && meta.modified().is_ok_and(|m| m >= since)
    {
        let Ok(bytes) = fs::read(path) else { return };
        *scanned += 1;
        for n in needles {
            assert!(
                !bytes.windows(n.len()).any(|w| w == n.as_slice()),
                "plaintext secret found in {}",
                path.display()
            );
        }
    }
}

#[test]
fn a_folder_in_place_of_vault_age_is_named_and_the_backup_still_opens() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (mut s, _) = saved_twice(dir, "pw", false);
    fs::remove_file(dir.join(VAULT_FILE)).unwrap();
    fs::create_dir(dir.join(VAULT_FILE)).unwrap();

    s.unlock(pass("pw")).unwrap();
    let e = wait_task(&mut s).result.unwrap_err();
    assert!(matches!(e, VaultError::VaultIsFolder), "{e:?}");
    assert_eq!(e.message_key(), "vault.error.vault_is_folder");
    assert!(
        e.offers_backup(),
        "the backup is offered, not hidden behind an I/O error"
    );

    s.restore_backup(pass("pw")).unwrap();
    wait_task(&mut s).result.unwrap();
    assert_eq!(labels(&s), ["A"]);
    assert!(
        dir.join(DAMAGED_FILE).is_dir(),
        "the folder is kept aside, not deleted"
    );
}

#[test]
fn every_restore_keeps_its_own_damaged_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (mut s, _) = saved_twice(dir, "pw", false);
    let mut kept = Vec::new();
    for round in 0..2 {
        let mut damaged = fs::read(dir.join(VAULT_FILE)).unwrap();
        let mid = damaged.len() - 40 - round;
        damaged[mid] ^= 0x20;
        fs::write(dir.join(VAULT_FILE), &damaged).unwrap();
        kept.push(damaged);
        s.unlock(pass("pw")).unwrap();
        assert!(wait_task(&mut s).result.is_err());
        s.restore_backup(pass("pw")).unwrap();
        wait_task(&mut s).result.unwrap();
        s.lock();
    }
    assert_eq!(fs::read(dir.join(DAMAGED_FILE)).unwrap(), kept[0]);
    assert_eq!(
        fs::read(dir.join(format!("{DAMAGED_FILE}.1"))).unwrap(),
        kept[1],
        "the second restore did not overwrite the first one's damaged file"
    );
}

#[cfg(unix)]
#[test]
fn a_data_folder_others_can_write_to_is_tightened() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("shared");
    fs::create_dir(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o777)).unwrap();
    let _s = created(&dir, "pw", false);
    let mode = fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode & 0o022,
        0,
        "mode {mode:o}: nobody else may write to the vault's folder"
    );
}
