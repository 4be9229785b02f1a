//! The vault as the UI sees it: `Locked` or `Unlocked`, with every slow step (scrypt, file
//! I/O, encryption) on one background worker thread, so the UI thread never blocks.
//!
//! The UI calls [`Session::poll`] once per frame; the worker calls the waker (the app passes
//! `ctx.request_repaint()`) whenever it finishes something, so an idle UI stays idle.
//!
//! One worker per session runs jobs strictly in the order they were queued. That ordering
//! is what makes "lock, then unlock again at once" safe: the final save queued by `lock`
//! completes before the next unlock reads the file.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use age::secrecy::SecretString;

use super::crypto::{self, VaultKey};
use super::error::{Result, VaultError};
use super::history::{self, UnlockHistory};
use super::model::{Vault, unix_now};
use super::store::{BACKUP_FILE, FileOps, OTHER_FILE, StdFileOps, Store, VAULT_FILE};

/// Called from the worker thread when background work finishes; the app passes a closure
/// that calls `egui::Context::request_repaint`.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// A slow operation that runs in the background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Task {
    /// Creating a new vault ([`Session::create`]).
    Create,
    /// Unlocking with the passphrase ([`Session::unlock`]).
    Unlock,
    /// Unlocking, read-only if another window holds the vault
    /// ([`Session::unlock_allow_read_only`]).
    UnlockAllowReadOnly,
    /// Opening with the recovery key and setting a new passphrase ([`Session::recover`]).
    Recover,
    /// Putting the backup back in place of a damaged vault ([`Session::restore_backup`]).
    RestoreBackup,
    /// Re-wrapping the key with a new passphrase ([`Session::change_passphrase`]).
    ChangePassphrase,
}

/// The result of a finished [`Task`], returned once by [`Session::poll`].
#[derive(Debug)]
pub struct Outcome {
    /// Which task finished.
    pub task: Task,
    /// Whether it worked; the error is also kept in [`Session::last_error`].
    pub result: Result<()>,
}

/// State of saving, for the status line.
#[derive(Debug, Clone)]
pub enum SaveStatus {
    /// Nothing is being written and the last save (if any) succeeded.
    Saved,
    /// A save is queued or being written.
    Saving,
    /// The last save failed; the edits are still in memory and the next save retries.
    Failed(VaultError),
}

/// The vault session owned by the app: state machine plus background worker.
pub struct Session {
    dir: PathBuf,
    waker: Waker,
    ops: Arc<dyn FileOps>,
    jobs: Sender<Job>,
    results_tx: Sender<Done>,
    results: Receiver<Done>,
    state: State,
    task: Option<RunningTask>,
    next_task_id: u64,
    saves: SaveTracker,
    /// Bumped at every unlock, so a save result from an earlier unlock is not credited to
    /// the current one.
    epoch: u64,
    recovery_key: Option<SecretString>,
    last_error: Option<VaultError>,
    /// Set by an unlock that brought back edits the lock-time save could not write.
    restored: Option<Restored>,
    /// The unlock history as it was before the current unlock, to show until the lock.
    history: Option<UnlockHistory>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("dir", &self.dir)
            .field("unlocked", &self.is_unlocked())
            .field("task", &self.task.as_ref().map(|t| t.task))
            .field("save_status", &self.saves.status)
            .finish_non_exhaustive()
    }
}

enum State {
    Locked,
    Unlocked(Box<Unlocked>),
}

struct Unlocked {
    /// Shared with an in-flight save as a snapshot; editing clones it only if a save still
    /// holds the old one (`Arc::make_mut`).
    vault: Arc<Vault>,
    key: Arc<VaultKey>,
    read_only: bool,
    revision: u64,
    saved_revision: u64,
}

struct RunningTask {
    task: Task,
    id: u64,
}

struct SaveTracker {
    /// Saves queued on the worker and not yet reported back (`lock` may add a second).
    in_flight: u32,
    /// Another save was asked for while one was running.
    wanted: bool,
    /// The next save must also replace the backup (after a key change).
    refresh_backup: bool,
    status: SaveStatus,
}

/// A task's body, run on the worker.
type TaskFn = Box<dyn FnOnce(&mut Worker) -> Result<TaskResult> + Send>;

/// Work for the background thread.
enum Job {
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
enum Done {
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
enum TaskResult {
    Opened(Box<Opened>),
    Rewrapped,
}

struct Opened {
    vault: Vault,
    key: VaultKey,
    read_only: bool,
    recovery_key: Option<SecretString>,
    /// The vault is the newer generation a save could not write (see [`Stranded`]), not the file's.
    unsaved: Option<Restored>,
    /// What the unlock history said before this unlock (passphrase unlocks only).
    history: Option<UnlockHistory>,
}

/// Edits that could not be saved when the vault locked, brought back by the next unlock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Restored {
    /// The file still held the previous generation; the edits are simply saved now.
    Edits,
    /// Something else had changed the file; its version is kept as `vault.age.other`.
    EditsOtherVersionKeptAside,
}

/// The encrypted newest generation of a save that failed. `lock` hands the last edits to a final save and drops
/// the plaintext; if that save fails (a full disk, the file changed by something else), this is what is left of
/// them. It stays in the worker's memory, encrypted, until a save succeeds or an unlock with the same key writes it.
struct Stranded {
    ciphertext: Vec<u8>,
    changed_on_disk: bool,
}

/// The worker thread's state: it alone touches the files, so the store needs no mutex.
struct Worker {
    dir: PathBuf,
    ops: Arc<dyn FileOps>,
    store: Option<Store>,
    stranded: Option<Stranded>,
}

impl Worker {
    /// The store, opened with the lock if it is not already.
    fn writable_store(&mut self) -> Result<&mut Store> {
        if !self.store.as_ref().is_some_and(Store::is_writable) {
            self.store = Some(Store::open_with(&self.dir, Arc::clone(&self.ops))?);
        }
        self.store
            .as_mut()
            .ok_or(VaultError::Internal("store missing after open"))
    }

    /// The store with the lock if it can be had, otherwise read-only: another window holds
    /// it, or the directory cannot be written (a read-only mount, someone else's folder).
    fn any_store(&mut self) -> Result<&mut Store> {
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

impl Session {
    /// A locked session for the vault in `dir` (the platform data directory or
    /// `--data-dir`). Does no file I/O; starts the background worker.
    #[must_use]
    pub fn new(dir: impl Into<PathBuf>, waker: Waker) -> Self {
        Self::with_file_ops(dir, waker, Arc::new(StdFileOps))
    }

    /// [`Session::new`] with custom file operations (tests inject a full disk through it).
    #[must_use]
    pub fn with_file_ops(dir: impl Into<PathBuf>, waker: Waker, ops: Arc<dyn FileOps>) -> Self {
        let dir = dir.into();
        let (results_tx, results) = mpsc::channel();
        let jobs = spawn_worker(&dir, &ops, &results_tx, &waker);
        Self {
            dir,
            waker,
            ops,
            jobs,
            results_tx,
            results,
            state: State::Locked,
            task: None,
            next_task_id: 0,
            saves: SaveTracker {
                in_flight: 0,
                wanted: false,
                refresh_backup: false,
                status: SaveStatus::Saved,
            },
            epoch: 0,
            recovery_key: None,
            last_error: None,
            restored: None,
            history: None,
        }
    }

    /// The data directory.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether a vault (or its backup) exists, to choose between the create and unlock
    /// screens. One `stat` per file: cheap enough for the UI thread, but cache it.
    #[must_use]
    pub fn vault_exists(&self) -> bool {
        self.find_vault().unwrap_or(false)
    }

    /// Like [`Session::vault_exists`], but a data folder that cannot be looked into is an
    /// error rather than "no vault": a vault may be there, and must never be created over.
    ///
    /// # Errors
    /// The folder or a vault file cannot be examined (permissions, a file where a folder
    /// should be, a disk error).
    pub fn find_vault(&self) -> Result<bool> {
        let exists = |name: &str| {
            self.dir
                .join(name)
                .try_exists()
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::PermissionDenied => VaultError::FolderUnreadable,
                    _ => e.into(),
                })
        };
        Ok(exists(VAULT_FILE)? || exists(BACKUP_FILE)?)
    }

    /// Collects finished background work; call once per frame. Returns the outcome of a
    /// finished [`Task`] (once). Never blocks.
    pub fn poll(&mut self) -> Option<Outcome> {
        let mut outcome = None;
        loop {
            match self.results.try_recv() {
                Ok(Done::Task { id, result }) => {
                    if let Some(o) = self.finish_task(id, result) {
                        outcome = Some(o);
                    }
                }
                Ok(Done::Save {
                    epoch,
                    revision,
                    refresh_backup,
                    result,
                }) => self.finish_save(epoch, revision, refresh_backup, result),
                // The session holds a sender itself, so the channel never disconnects.
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
        outcome
    }

    /// The task running in the background, if any.
    #[must_use]
    pub fn task(&self) -> Option<Task> {
        self.task.as_ref().map(|t| t.task)
    }

    /// Whether the vault is unlocked (its plaintext is in memory).
    #[must_use]
    pub fn is_unlocked(&self) -> bool {
        matches!(self.state, State::Unlocked(_))
    }

    /// Whether the vault is unlocked read-only (another window holds it).
    #[must_use]
    pub fn is_read_only(&self) -> bool {
        matches!(&self.state, State::Unlocked(u) if u.read_only)
    }

    /// The error of the last failed task, until the next task starts.
    #[must_use]
    pub fn last_error(&self) -> Option<&VaultError> {
        self.last_error.as_ref()
    }

    /// Creates a new vault protected by `passphrase`, optionally with a recovery key
    /// (then fetch it once with [`Session::take_recovery_key`]). Unlocks on success.
    ///
    /// # Errors
    /// Immediately: [`VaultError::Busy`] if a task runs or the vault is unlocked. Later, via
    /// [`Session::poll`]: [`VaultError::AlreadyExists`], [`VaultError::AlreadyOpen`], file
    /// errors.
    pub fn create(&mut self, passphrase: SecretString, with_recovery_key: bool) -> Result<()> {
        self.require_locked_idle()?;
        self.start_task(Task::Create, move |w| {
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
            let identity = crypto::wrap_identity(&key, &passphrase)?;
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
        });
        Ok(())
    }

    /// Unlocks with the passphrase (about 1.3 s of scrypt in the background).
    ///
    /// # Errors
    /// Immediately: [`VaultError::Busy`]. Later, via [`Session::poll`]:
    /// [`VaultError::WrongPassphrase`], [`VaultError::AlreadyOpen`],
    /// [`VaultError::Corrupt`] (offer [`Session::restore_backup`]), ….
    pub fn unlock(&mut self, passphrase: SecretString) -> Result<()> {
        self.require_locked_idle()?;
        self.start_task(Task::Unlock, move |w| unlock_job(w, &passphrase, false));
        Ok(())
    }

    /// Unlocks for writing if possible, otherwise read-only (when another window holds the
    /// vault); check [`Session::is_read_only`] afterwards.
    ///
    /// # Errors
    /// As [`Session::unlock`], except [`VaultError::AlreadyOpen`].
    pub fn unlock_allow_read_only(&mut self, passphrase: SecretString) -> Result<()> {
        self.require_locked_idle()?;
        self.start_task(Task::UnlockAllowReadOnly, move |w| {
            unlock_job(w, &passphrase, true)
        });
        Ok(())
    }

    /// Opens the vault with the recovery key alone and protects it with `new_passphrase`:
    /// a fresh vault key is generated, the vault re-encrypted to it (and still to the
    /// recovery key), then `identity.age` replaced. The old passphrase stops working. If
    /// `vault.age` is damaged, the backup is opened instead and put in its place (the damaged
    /// file is kept as `vault.age.damaged`), as [`Session::restore_backup`] does.
    ///
    /// # Errors
    /// Immediately: [`VaultError::InvalidRecoveryKey`], [`VaultError::Busy`]. Later:
    /// [`VaultError::WrongRecoveryKey`], file errors.
    pub fn recover(
        &mut self,
        recovery_key: &SecretString,
        new_passphrase: SecretString,
    ) -> Result<()> {
        self.require_locked_idle()?;
        let recovery = VaultKey::parse(recovery_key)?;
        self.start_task(Task::Recover, move |w| {
            let store = w.writable_store()?;
            let ciphertext = store.read_vault()?;
            let vault = match crypto::decrypt_vault_with_recovery_key(&ciphertext, &recovery) {
                Ok(vault) => vault,
                // A damaged vault file: the backup is encrypted to the recovery key too.
                Err(damage @ (VaultError::Corrupt | VaultError::Truncated)) => {
                    let backup = store.read_backup().map_err(|_| damage.clone())?;
                    let vault = crypto::decrypt_vault_with_recovery_key(&backup, &recovery)
                        .map_err(|_| damage)?;
                    store.restore_backup()?;
                    vault
                }
                Err(other) => return Err(other),
            };
            let key = VaultKey::generate();
            let identity = crypto::wrap_identity(&key, &new_passphrase)?;
            let ciphertext = crypto::encrypt_vault(&vault, &key.recipient())?;
            // Vault first: if the identity write then fails, the recovery key still opens
            // the vault and recovery can simply be repeated. The backup is refreshed too,
            // since it is encrypted to the forgotten key.
            store.save_vault(&ciphertext, true)?;
            store.write_identity(&identity)?;
            Ok(opened(vault, key, false, None))
        });
        Ok(())
    }

    /// Checks that `vault.age.bak` opens with the passphrase, puts it in place of the
    /// (damaged) `vault.age` — kept as `vault.age.damaged` — and unlocks it.
    ///
    /// # Errors
    /// Immediately: [`VaultError::Busy`]. Later: [`VaultError::MissingBackup`],
    /// [`VaultError::WrongPassphrase`], [`VaultError::Corrupt`] if the backup is damaged too.
    pub fn restore_backup(&mut self, passphrase: SecretString) -> Result<()> {
        self.require_locked_idle()?;
        self.start_task(Task::RestoreBackup, move |w| {
            let store = w.writable_store()?;
            let identity = store.read_identity()?;
            let backup = store.read_backup()?;
            let key = crypto::unwrap_identity(&identity, &passphrase)?;
            let vault = crypto::decrypt_vault(&backup, &key)?;
            store.restore_backup()?;
            Ok(opened(vault, key, false, None))
        });
        Ok(())
    }

    /// Re-wraps the vault key with `new` after checking `current` against `identity.age`
    /// (two scrypt runs, ~2.6 s). Only `identity.age` is replaced, atomically; the vault
    /// file is untouched and the old passphrase stops working.
    ///
    /// # Errors
    /// Immediately: [`VaultError::Locked`], [`VaultError::ReadOnlySession`],
    /// [`VaultError::Busy`]. Later: [`VaultError::WrongPassphrase`], file errors.
    pub fn change_passphrase(&mut self, current: SecretString, new: SecretString) -> Result<()> {
        let key = match &self.state {
            State::Unlocked(u) if u.read_only => return Err(VaultError::ReadOnlySession),
            State::Unlocked(u) => Arc::clone(&u.key),
            State::Locked => return Err(VaultError::Locked),
        };
        if self.task.is_some() {
            return Err(VaultError::Busy);
        }
        self.start_task(Task::ChangePassphrase, move |w| {
            let store = w.writable_store()?;
            let on_disk = crypto::unwrap_identity(&store.read_identity()?, &current)?;
            if on_disk.recipient() != key.recipient() {
                // identity.age holds some other key now; do not silently replace it.
                return Err(VaultError::ChangedOnDisk);
            }
            store.write_identity(&crypto::wrap_identity(&key, &new)?)?;
            Ok(TaskResult::Rewrapped)
        });
        Ok(())
    }

    /// Generates a new recovery key, encrypts the vault to it (replacing any previous
    /// recovery key, also in the backup) and starts a save. Fetch the key text once with
    /// [`Session::take_recovery_key`].
    ///
    /// # Errors
    /// [`VaultError::Locked`], [`VaultError::ReadOnlySession`].
    pub fn set_new_recovery_key(&mut self) -> Result<()> {
        let recovery = VaultKey::generate();
        let recipient = recovery.recipient().to_string();
        let refusal = self.edit_refusal();
        self.vault_mut().ok_or(refusal)?.recovery_recipient = Some(recipient);
        self.recovery_key = Some(recovery.to_secret_string());
        self.saves.refresh_backup = true;
        self.save()
    }

    /// Stops encrypting the vault to the recovery key (also in the backup) and starts a
    /// save.
    ///
    /// # Errors
    /// [`VaultError::Locked`], [`VaultError::ReadOnlySession`].
    pub fn remove_recovery_key(&mut self) -> Result<()> {
        let refusal = self.edit_refusal();
        self.vault_mut().ok_or(refusal)?.recovery_recipient = None;
        self.saves.refresh_backup = true;
        self.save()
    }

    /// The recovery key created by [`Session::create`] or
    /// [`Session::set_new_recovery_key`], as `AGE-SECRET-KEY-1…` text. Returns it once;
    /// it is also dropped by [`Session::lock`].
    pub fn take_recovery_key(&mut self) -> Option<SecretString> {
        self.recovery_key.take()
    }

    /// The unlocked vault, for reading.
    #[must_use]
    pub fn vault(&self) -> Option<&Vault> {
        match &self.state {
            State::Unlocked(u) => Some(&u.vault),
            State::Locked => None,
        }
    }

    /// The unlocked vault, for changing; marks it changed. `None` when locked or
    /// read-only. For widgets that report whether they changed anything, prefer
    /// [`Session::edit`], so that merely showing a field does not mark the vault changed.
    pub fn vault_mut(&mut self) -> Option<&mut Vault> {
        match &mut self.state {
            State::Unlocked(u) if !u.read_only => {
                u.revision += 1;
                Some(Arc::make_mut(&mut u.vault))
            }
            _ => None,
        }
    }

    /// Runs `edit` on the unlocked vault; marks it changed only if `edit` returns `true`
    /// (e.g. `|v| ui.text_edit_multiline(&mut …).changed()`). Returns what `edit`
    /// returned, or `false` when locked or read-only.
    pub fn edit(&mut self, edit: impl FnOnce(&mut Vault) -> bool) -> bool {
        match &mut self.state {
            State::Unlocked(u) if !u.read_only => {
                let changed = edit(Arc::make_mut(&mut u.vault));
                if changed {
                    u.revision += 1;
                }
                changed
            }
            _ => false,
        }
    }

    /// Whether there are edits not yet written to disk.
    #[must_use]
    pub fn has_unsaved_changes(&self) -> bool {
        matches!(&self.state, State::Unlocked(u) if u.revision != u.saved_revision)
    }

    /// Starts saving in the background (or queues one more save if one is running).
    /// Does nothing when there are no unsaved changes.
    ///
    /// # Errors
    /// [`VaultError::Locked`], [`VaultError::ReadOnlySession`]. Write errors arrive later
    /// as [`SaveStatus::Failed`].
    pub fn save(&mut self) -> Result<()> {
        match &self.state {
            State::Locked => return Err(VaultError::Locked),
            State::Unlocked(u) if u.read_only => return Err(VaultError::ReadOnlySession),
            State::Unlocked(u) if u.revision == u.saved_revision && !self.saves.wanted => {
                return Ok(());
            }
            State::Unlocked(_) => {}
        }
        if self.saves.in_flight > 0 {
            self.saves.wanted = true;
            self.saves.status = SaveStatus::Saving;
            return Ok(());
        }
        self.start_save();
        Ok(())
    }

    /// The state of saving.
    #[must_use]
    pub fn save_status(&self) -> &SaveStatus {
        &self.saves.status
    }

    /// Failed passphrase attempts before the current unlock, and when the unlock before it was; `None` while
    /// locked, and after creating or recovering.
    #[must_use]
    pub fn unlock_history(&self) -> Option<UnlockHistory> {
        self.history
    }

    /// Whether the last unlock brought back edits that could not be saved when the vault locked (they are being
    /// saved now), and whether another version of the file was kept aside for them.
    #[must_use]
    pub fn restored_edits(&self) -> Option<Restored> {
        self.restored
    }

    /// Locks: drops the plaintext, the vault key and any recovery key not yet taken, and
    /// forgets a running task's result. Unsaved edits are first handed to a final
    /// background save, which drops its copy as soon as it is written; watch
    /// [`Session::save_status`] for its result. The lock file stays held, so the vault
    /// stays this window's.
    pub fn lock(&mut self) {
        // The worker runs jobs in order, so this final save lands after any save already
        // queued, and before any later unlock reads the file.
        if self.has_unsaved_changes() && !self.is_read_only() {
            self.start_save();
        }
        self.saves.wanted = false;
        self.state = State::Locked;
        self.task = None;
        self.recovery_key = None;
        self.restored = None;
        self.history = None;
    }

    /// Blocks until no task or save is running, or `timeout` passes; returns whether idle.
    /// For shutdown (quick exit) and tests only — never call it from a frame.
    pub fn wait_idle(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            self.poll();
            if self.task.is_none() && self.saves.in_flight == 0 {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            thread::sleep(Duration::from_millis(2));
        }
    }

    fn require_locked_idle(&self) -> Result<()> {
        if self.task.is_some() || self.is_unlocked() {
            Err(VaultError::Busy)
        } else {
            Ok(())
        }
    }

    fn edit_refusal(&self) -> VaultError {
        if self.is_unlocked() {
            VaultError::ReadOnlySession
        } else {
            VaultError::Locked
        }
    }

    fn start_task(
        &mut self,
        task: Task,
        run: impl FnOnce(&mut Worker) -> Result<TaskResult> + Send + 'static,
    ) {
        let id = self.next_task_id;
        self.next_task_id += 1;
        self.last_error = None;
        self.task = Some(RunningTask { task, id });
        self.send_job(Job::Task {
            id,
            run: Box::new(run),
        });
    }

    fn send_job(&mut self, job: Job) {
        let Err(mpsc::SendError(job)) = self.jobs.send(job) else {
            return;
        };
        // The worker is gone: it catches panics, so only a failed thread spawn gets here.
        // Try a new one; if that fails too, report the job as failed instead of hanging.
        self.jobs = spawn_worker(&self.dir, &self.ops, &self.results_tx, &self.waker);
        let Err(mpsc::SendError(job)) = self.jobs.send(job) else {
            return;
        };
        let error = VaultError::Internal("could not start the vault worker thread");
        let done = match job {
            Job::Task { id, .. } => Done::Task {
                id,
                result: Err(error),
            },
            Job::Save {
                epoch,
                revision,
                refresh_backup,
                ..
            } => Done::Save {
                epoch,
                revision,
                refresh_backup,
                result: Err(error),
            },
        };
        let _ = self.results_tx.send(done);
        (self.waker)();
    }

    fn start_save(&mut self) {
        if let State::Unlocked(u) = &self.state {
            let (revision, vault, key) = (u.revision, Arc::clone(&u.vault), Arc::clone(&u.key));
            self.queue_save(revision, vault, key);
        }
    }

    fn queue_save(&mut self, revision: u64, vault: Arc<Vault>, key: Arc<VaultKey>) {
        let refresh_backup = std::mem::take(&mut self.saves.refresh_backup);
        self.saves.in_flight += 1;
        self.saves.wanted = false;
        self.saves.status = SaveStatus::Saving;
        let epoch = self.epoch;
        self.send_job(Job::Save {
            epoch,
            revision,
            refresh_backup,
            vault,
            key,
        });
    }

    fn finish_task(&mut self, id: u64, result: Result<TaskResult>) -> Option<Outcome> {
        // A result for a task that `lock` abandoned is dropped (and zeroized) here.
        let running = self.task.take_if(|t| t.id == id)?;
        let result = match result {
            Ok(TaskResult::Opened(opened)) => {
                let Opened {
                    vault,
                    key,
                    read_only,
                    recovery_key,
                    unsaved,
                    history,
                } = *opened;
                self.history = history;
                self.epoch += 1;
                self.saves.status = SaveStatus::Saved;
                self.saves.wanted = false;
                self.recovery_key = recovery_key;
                self.restored = unsaved;
                self.state = State::Unlocked(Box::new(Unlocked {
                    vault: Arc::new(vault),
                    key: Arc::new(key),
                    read_only,
                    revision: u64::from(unsaved.is_some()),
                    saved_revision: 0,
                }));
                if unsaved.is_some() && !read_only {
                    self.start_save();
                }
                Ok(())
            }
            Ok(TaskResult::Rewrapped) => Ok(()),
            Err(e) => {
                self.last_error = Some(e.clone());
                Err(e)
            }
        };
        Some(Outcome {
            task: running.task,
            result,
        })
    }

    fn finish_save(&mut self, epoch: u64, revision: u64, refresh_backup: bool, result: Result<()>) {
        self.saves.in_flight = self.saves.in_flight.saturating_sub(1);
        match result {
            Ok(()) => {
                if let State::Unlocked(u) = &mut self.state
                    && epoch == self.epoch
                {
                    u.saved_revision = u.saved_revision.max(revision);
                }
                self.saves.status = SaveStatus::Saved;
            }
            Err(e) => {
                // The edits stay in memory; remember to redo the backup refresh too.
                self.saves.refresh_backup |= refresh_backup;
                self.saves.status = SaveStatus::Failed(e);
            }
        }
        if self.saves.in_flight > 0 {
            self.saves.status = SaveStatus::Saving;
        } else if std::mem::take(&mut self.saves.wanted)
            && self.has_unsaved_changes()
            && !self.is_read_only()
        {
            self.start_save();
        }
    }
}

fn opened(
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
fn unlock_job(
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
fn restore_stranded(
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

fn save_job(w: &mut Worker, vault: &Vault, key: &VaultKey, refresh_backup: bool) -> Result<()> {
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

fn spawn_worker(
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
