//! Failed attempts since the last unlock, kept beside the vault: counted by a real session, shown once, reset.

use std::sync::Arc;
use std::time::Duration;

use harbor::vault::Session;
use harbor::vault::history::{HISTORY_FILE, UnlockHistory};
use harbor::vault::model::unix_now;

const PASSPHRASE: &str = "four unrelated words here";

fn unlock(session: &mut Session, passphrase: &str) -> bool {
    session.unlock(passphrase.into()).expect("unlock starts");
    assert!(session.wait_idle(Duration::from_secs(60)));
    session.is_unlocked()
}

#[test]
fn wrong_passphrases_are_counted_until_the_next_unlock() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = Session::new(dir.path(), Arc::new(|| {}));
    let created = unix_now();
    session
        .create(PASSPHRASE.into(), false)
        .expect("create starts");
    assert!(session.wait_idle(Duration::from_secs(60)));
    assert_eq!(
        session.unlock_history(),
        None,
        "nothing to report after creating"
    );
    session.lock();
    assert!(session.wait_idle(Duration::from_secs(60)));

    assert!(!unlock(&mut session, "someone guessing"));
    assert!(!unlock(&mut session, "someone guessing again"));
    assert!(unlock(&mut session, PASSPHRASE));
    let history = session.unlock_history().expect("reported after unlocking");
    assert_eq!(history.failed_attempts, 2);
    let last = history
        .last_unlock
        .expect("the creation counts as the last unlock");
    assert!((created..=unix_now()).contains(&last), "{last}");

    session.lock();
    assert_eq!(session.unlock_history(), None, "forgotten at the lock");
    assert!(session.wait_idle(Duration::from_secs(60)));
    assert!(unlock(&mut session, PASSPHRASE));
    assert_eq!(
        session.unlock_history().map(|h| h.failed_attempts),
        Some(0),
        "reset by the unlock before"
    );
}

#[test]
fn a_damaged_history_file_never_stands_in_the_way() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = Session::new(dir.path(), Arc::new(|| {}));
    session
        .create(PASSPHRASE.into(), false)
        .expect("create starts");
    assert!(session.wait_idle(Duration::from_secs(60)));
    session.lock();
    assert!(session.wait_idle(Duration::from_secs(60)));
    std::fs::write(dir.path().join(HISTORY_FILE), b"\xff not ron").expect("write");
    assert!(unlock(&mut session, PASSPHRASE), "the notes still open");
    assert_eq!(session.unlock_history(), Some(UnlockHistory::default()));
}
