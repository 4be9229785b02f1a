//! The vault as the UI sees it: `Locked` or `Unlocked`, with every slow step (scrypt, file
//! I/O, encryption) on one background worker thread, so the UI thread never blocks.
//!
//! The UI calls [`Session::poll`] once per frame; the worker calls the waker (the app passes
//! `ctx.request_repaint()`) whenever it finishes something, so an idle UI stays idle.
//!
//! Which thread runs a line is answered by its file: this one (the public API, the state machine, `poll`) runs on
//! the UI thread; `worker.rs` (the thread, its job queue and results) and `jobs.rs` (each task's body, one named
//! function each) run on the worker.
//!
//! One worker per session runs jobs strictly in the order they were queued. That ordering
//! is what makes "lock, then unlock again at once" safe: the final save queued by `lock`
//! completes before the next unlock reads the file.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use age::secrecy::SecretString;

use super::crypto::VaultKey;
use super::error::{Result, VaultError};
use super::history::UnlockHistory;
use super::model::Vault;
use super::store::{BACKUP_FILE, FileOps, StdFileOps, VAULT_FILE};

mod jobs;
mod worker;

use worker::{Done, Job, Opened, TaskResult, Worker};

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
    /// Taking over a read-only vault once the other window has let go ([`Session::reopen_writable`]).
    ReopenWritable,
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

/// Edits that could not be saved when the vault locked, brought back by the next unlock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Restored {
    /// The file still held the previous generation; the edits are simply saved now.
    Edits,
    /// Something else had changed the file; its version is kept as `vault.age.other`.
    EditsOtherVersionKeptAside,
    /// No edits: the backup, the generation saved before the last one, replaced a damaged file.
    Backup,
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
        let jobs = worker::spawn_worker(&dir, &ops, &results_tx, &waker);
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
    pub(crate) fn find_vault(&self) -> Result<bool> {
        let exists = |name: &str| {
            self.dir
                .join(name)
                .try_exists()
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::PermissionDenied => VaultError::FolderUnreadable,
                    _ => e.into(),
                })
        };
        let found = exists(VAULT_FILE)? || exists(BACKUP_FILE)?;
        if !found {
            super::store::no_file_in_the_way(&self.dir)?;
        }
        Ok(found)
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
            jobs::create_job(w, &passphrase, with_recovery_key)
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
        self.start_task(Task::Unlock, move |w| {
            jobs::unlock_job(w, &passphrase, false)
        });
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
            jobs::unlock_job(w, &passphrase, true)
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
            jobs::recover_job(w, &recovery, &new_passphrase)
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
            jobs::restore_backup_job(w, &passphrase)
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
            jobs::rewrap_job(w, &key, &current, &new)
        });
        Ok(())
    }

    /// For a read-only window: takes the vault over once the window that held it has closed, re-reading it from
    /// disk (the other window may have saved since) with the key already in memory, so no passphrase is asked.
    ///
    /// # Errors
    /// Immediately: [`VaultError::Locked`], [`VaultError::Busy`]. Later:
    /// [`VaultError::AlreadyOpen`] while the other window still holds the vault, file errors.
    pub(crate) fn reopen_writable(&mut self) -> Result<()> {
        let key = match &self.state {
            State::Unlocked(u) if u.read_only => Arc::clone(&u.key),
            State::Unlocked(_) => return Ok(()),
            State::Locked => return Err(VaultError::Locked),
        };
        if self.task.is_some() {
            return Err(VaultError::Busy);
        }
        self.start_task(Task::ReopenWritable, move |w| {
            jobs::reopen_writable_job(w, &key)
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
        self.jobs = worker::spawn_worker(&self.dir, &self.ops, &self.results_tx, &self.waker);
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
                self.restored =
                    unsaved.or((running.task == Task::RestoreBackup).then_some(Restored::Backup));
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
