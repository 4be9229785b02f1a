//! The vault's background thread: its state, the jobs it is sent and the results it reports. Everything here
//! runs on the worker thread except [`spawn_worker`], called by the session to start it.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use age::secrecy::SecretString;

use super::jobs::save_job;
use super::{Restored, Waker};
use crate::vault::crypto::VaultKey;
use crate::vault::error::{Result, VaultError};
use crate::vault::history::UnlockHistory;
use crate::vault::model::Vault;
use crate::vault::store::{FileOps, Store};

/// A task's body, run on the worker.
pub(super) type TaskFn = Box<dyn FnOnce(&mut Worker) -> Result<TaskResult> + Send>;

/// Work for the background thread.
pub(super) enum Job {
    Task {
        id: u64,
        run: TaskFn,
    },
    Save {
        epoch: u64,
        revision: u64,
        refresh_backup: bool,
        vault: Arc<Vault>,
        key: Arc<VaultKey>,
    },
}

/// What the worker reports back.
pub(super) enum Done {
    Task {
        id: u64,
        result: Result<TaskResult>,
    },
    Save {
        epoch: u64,
        revision: u64,
        refresh_backup: bool,
        result: Result<()>,
    },
}

/// The successful result of a task.
pub(super) enum TaskResult {
    Opened(Box<Opened>),
    Rewrapped,
}

pub(super) struct Opened {
    pub(super) vault: Vault,
    pub(super) key: VaultKey,
    pub(super) read_only: bool,
    pub(super) recovery_key: Option<SecretString>,
    /// The vault is the newer generation a save could not write (see [`Stranded`]), not the file's.
    pub(super) unsaved: Option<Restored>,
    /// What the unlock history said before this unlock (passphrase unlocks only).
    pub(super) history: Option<UnlockHistory>,
}

/// The encrypted newest generation of a save that failed. `lock` hands the last edits to a final save and drops
/// the plaintext; if that save fails (a full disk, the file changed by something else), this is what is left of
/// them. It stays in the worker's memory, encrypted, until a save succeeds or an unlock with the same key writes it.
pub(super) struct Stranded {
    pub(super) ciphertext: Vec<u8>,
    pub(super) changed_on_disk: bool,
}

/// The worker thread's state: it alone touches the files, so the store needs no mutex.
pub(super) struct Worker {
    pub(super) dir: PathBuf,
    pub(super) ops: Arc<dyn FileOps>,
    pub(super) store: Option<Store>,
    pub(super) stranded: Option<Stranded>,
}

impl Worker {
    /// The store, opened with the lock if it is not already.
    pub(super) fn writable_store(&mut self) -> Result<&mut Store> {
        if !self.store.as_ref().is_some_and(Store::is_writable) {
            self.store = Some(Store::open_with(&self.dir, Arc::clone(&self.ops))?);
        }
        self.store
            .as_mut()
            .ok_or(VaultError::Internal("store missing after open"))
    }

    /// The store with the lock if it can be had, otherwise read-only: another window holds
    /// it, or the directory cannot be written (a read-only mount, someone else's folder).
    pub(super) fn any_store(&mut self) -> Result<&mut Store> {
        match self.writable_store() {
            Ok(_) => {}
            Err(
                VaultError::AlreadyOpen
                | VaultError::ReadOnlyFilesystem
                | VaultError::PermissionDenied,
            ) => {
                self.store = Some(Store::open_read_only(&self.dir)?);
            }
            Err(e) => return Err(e),
        }
        self.store
            .as_mut()
            .ok_or(VaultError::Internal("store missing after open"))
    }

    fn run(mut self, jobs: &Receiver<Job>, results: &Sender<Done>, waker: &Waker) {
        // Ends when the session (the only job sender) is dropped, after finishing the
        // queue, so a final save still completes.
        while let Ok(job) = jobs.recv() {
            let done = match job {
                Job::Task { id, run } => {
                    let result = catch_unwind(AssertUnwindSafe(|| run(&mut self)))
                        .unwrap_or(Err(VaultError::Internal("vault task panicked")));
                    Done::Task { id, result }
                }
                Job::Save {
                    epoch,
                    revision,
                    refresh_backup,
                    vault,
                    key,
                } => {
                    let result = catch_unwind(AssertUnwindSafe(|| {
                        save_job(&mut self, &vault, &key, refresh_backup)
                    }))
                    .unwrap_or(Err(VaultError::Internal("vault save panicked")));
                    // Drop the snapshot here, before reporting: after `lock()` this may be
                    // the last plaintext copy, and it zeroizes on drop.
                    drop(vault);
                    drop(key);
                    Done::Save {
                        epoch,
                        revision,
                        refresh_backup,
                        result,
                    }
                }
            };
            // A closed channel means the session is gone; the result (and any plaintext in
            // it) is dropped and zeroized here.
            let _ = results.send(done);
            waker();
        }
    }
}

/// Starts the worker thread (called on the UI thread); jobs sent on the returned channel run in order.
pub(super) fn spawn_worker(
    dir: &Path,
    ops: &Arc<dyn FileOps>,
    results: &Sender<Done>,
    waker: &Waker,
) -> Sender<Job> {
    let (jobs_tx, jobs_rx) = mpsc::channel();
    let worker = Worker {
        dir: dir.to_path_buf(),
        ops: Arc::clone(ops),
        store: None,
        stranded: None,
    };
    let results = results.clone();
    let waker = Arc::clone(waker);
    // If the spawn fails, the receiver is dropped with the closure, so the first job send
    // fails and `send_job` handles it.
    let _ = thread::Builder::new()
        .name("harbor-vault".into())
        .spawn(move || worker.run(&jobs_rx, &results, &waker));
    jobs_tx
}
