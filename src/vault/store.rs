//! The vault's files on disk: atomic saves with a previous generation kept as a backup,
//! one exclusive lock per data directory, detection of outside changes, and cleanup of
//! temp files a crash left behind. Everything here handles ciphertext only.
//!
//! Layout of the data directory:
//! - `vault.age` — the current vault (age, X25519)
//! - `vault.age.bak` — the previous generation
//! - `identity.age` — the vault key wrapped with the passphrase (age, scrypt)
//! - `vault.lock` — held with an exclusive OS lock while a window may write
//! - `*.harbor-tmp-*` — in-flight temp files, swept at the next open

use std::collections::hash_map::DefaultHasher;
use std::fs::{self, File, OpenOptions};
use std::hash::Hasher;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use super::error::{Result, VaultError};

/// File name of the encrypted vault document.
pub const VAULT_FILE: &str = "vault.age";
/// File name of the previous generation of the vault.
pub const BACKUP_FILE: &str = "vault.age.bak";
/// File name of the passphrase-wrapped identity.
pub const IDENTITY_FILE: &str = "identity.age";
/// File name of the lock file (it is never deleted; deleting lock files races).
pub const LOCK_FILE: &str = "vault.lock";
/// Where a damaged `vault.age` is moved when the backup is restored over it.
pub const DAMAGED_FILE: &str = "vault.age.damaged";
/// A version of the vault that something else wrote while Harbor held unsaved changes, kept beside the vault when
/// Harbor's changes replace it.
pub const OTHER_FILE: &str = "vault.age.other";
/// Marker in the names of temp files; anything carrying it is swept at open.
pub const TEMP_MARKER: &str = ".harbor-tmp-";

/// The file operations a save goes through: a seam so tests can simulate a full disk or a
/// read-only file system without one. Implementations must be cheap to call.
pub trait FileOps: Send + Sync {
    /// Creates a new file that must not exist yet, readable only by the owner.
    ///
    /// # Errors
    /// Any OS error.
    fn create_new(&self, path: &Path) -> io::Result<File> {
        crate::safe_write::create_new(path, crate::safe_write::Access::Private)
    }

    /// Writes all of `bytes` to `file`.
    ///
    /// # Errors
    /// Any OS error, e.g. ENOSPC.
    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    /// Flushes `file`'s data and metadata to the device.
    ///
    /// # Errors
    /// Any OS error.
    fn sync(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }
}

/// The real file system.
#[derive(Debug, Default, Clone, Copy)]
pub struct StdFileOps;

impl FileOps for StdFileOps {}

/// What the vault file looked like when this store last read or wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    file_id: (u64, u64),
    /// Content hash, consulted only when the cheap metadata differs (e.g. a `touch`).
    hash: u64,
}

impl Fingerprint {
    fn new(meta: &fs::Metadata, bytes: &[u8]) -> Self {
        Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            file_id: file_id(meta),
            hash: content_hash(bytes),
        }
    }

    fn same_metadata(&self, meta: &fs::Metadata) -> bool {
        self.len == meta.len()
            && self.modified == meta.modified().ok()
            && self.file_id == file_id(meta)
    }
}

#[cfg(unix)]
fn file_id(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_id(_meta: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// Not cryptographic and not stable across Rust releases: it only compares two states of
/// the same file within one process.
fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// The vault's data directory, opened by one session.
///
/// A writable store holds the directory's exclusive lock for as long as it lives; a
/// read-only store holds no lock and refuses every write.
pub struct Store {
    dir: PathBuf,
    lock: Option<File>,
    ops: Arc<dyn FileOps>,
    /// `None`: no vault file was seen, so a save expects to create one.
    known: Option<Fingerprint>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .field("writable", &self.lock.is_some())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens `dir` for reading and writing: creates it (mode 0700) if needed, takes the
    /// exclusive lock and sweeps temp files left by a crash.
    ///
    /// # Errors
    /// [`VaultError::AlreadyOpen`] if another window or process holds the lock; the
    /// file-system errors otherwise.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self> {
        Self::open_with(dir, Arc::new(StdFileOps))
    }

    /// [`Store::open`] with a custom [`FileOps`] (tests inject failures through it).
    ///
    /// # Errors
    /// As [`Store::open`].
    pub(crate) fn open_with(dir: impl Into<PathBuf>, ops: Arc<dyn FileOps>) -> Result<Self> {
        let dir = dir.into();
        create_private_dir(&dir)?;
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        // Owner-only, and never through a link planted at its name (it would create or lock another file).
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
            options.custom_flags(
                i32::try_from(rustix::fs::OFlags::NOFOLLOW.bits()).unwrap_or_default(),
            );
        }
        let lock = options.open(dir.join(LOCK_FILE))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Err(VaultError::AlreadyOpen),
            Err(fs::TryLockError::Error(e)) => return Err(e.into()),
        }
        let store = Self {
            dir,
            lock: Some(lock),
            ops,
            known: None,
        };
        // Only safe while holding the lock: no other writer can own a live temp file.
        store.sweep_temp_files()?;
        Ok(store)
    }

    /// Opens `dir` without the lock, for a second window that may only read.
    ///
    /// # Errors
    /// File-system errors reading the directory.
    pub fn open_read_only(dir: impl Into<PathBuf>) -> Result<Self> {
        let dir = dir.into();
        // Touch the directory so a missing or unreadable one fails here, not later.
        fs::read_dir(&dir).map_err(|e| match e.kind() {
            io::ErrorKind::PermissionDenied => VaultError::FolderUnreadable,
            _ => e.into(),
        })?;
        Ok(Self {
            dir,
            lock: None,
            ops: Arc::new(StdFileOps),
            known: None,
        })
    }

    /// Whether this store holds the lock and may write.
    #[must_use]
    pub fn is_writable(&self) -> bool {
        self.lock.is_some()
    }

    /// Whether `vault.age` exists.
    #[must_use]
    pub(crate) fn vault_exists(&self) -> bool {
        self.path(VAULT_FILE).exists()
    }

    /// Whether `vault.age.bak` exists.
    #[must_use]
    pub(crate) fn backup_exists(&self) -> bool {
        self.path(BACKUP_FILE).exists()
    }

    /// Full path of a file in the data directory.
    #[must_use]
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Reads `identity.age`.
    ///
    /// # Errors
    /// [`VaultError::MissingIdentity`] if it does not exist.
    pub(crate) fn read_identity(&self) -> Result<Vec<u8>> {
        fs::read(self.path(IDENTITY_FILE)).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => VaultError::MissingIdentity,
            _ => e.into(),
        })
    }

    /// Reads `vault.age` and remembers its fingerprint, so a later save can tell whether
    /// someone else changed it in between.
    ///
    /// # Errors
    /// [`VaultError::MissingVault`] if it does not exist.
    pub fn read_vault(&mut self) -> Result<Vec<u8>> {
        let path = self.path(VAULT_FILE);
        // Reading a directory fails with a bare "is a directory" I/O error, which would hide that the backup may
        // still open.
        if path.is_dir() {
            return Err(VaultError::VaultIsFolder);
        }
        let (bytes, meta) = read_with_metadata(&path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => VaultError::MissingVault,
            _ => e.into(),
        })?;
        self.known = Some(Fingerprint::new(&meta, &bytes));
        Ok(bytes)
    }

    /// Reads `vault.age.bak`.
    ///
    /// # Errors
    /// [`VaultError::MissingBackup`] if it does not exist.
    pub(crate) fn read_backup(&self) -> Result<Vec<u8>> {
        fs::read(self.path(BACKUP_FILE)).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => VaultError::MissingBackup,
            _ => e.into(),
        })
    }

    /// Atomically replaces `vault.age` with `ciphertext`, keeping the previous generation
    /// as `vault.age.bak`: temp file in the same directory, fsync, link the old file to the
    /// backup name, rename the temp over the vault, fsync the directory. With
    /// `refresh_backup` the backup is then also replaced by the new generation (used after
    /// a key change, so an old key cannot open the backup).
    ///
    /// On error the previous `vault.age` is untouched (or already fully replaced) and no
    /// temp file is left behind.
    ///
    /// # Errors
    /// [`VaultError::ChangedOnDisk`] if the vault changed since it was read or written by
    /// this store; [`VaultError::ReadOnlySession`] without the lock; file-system errors
    /// ([`VaultError::DiskFull`], [`VaultError::ReadOnlyFilesystem`], …).
    pub fn save_vault(&mut self, ciphertext: &[u8], refresh_backup: bool) -> Result<()> {
        self.require_writable()?;
        self.check_unchanged()?;
        let tmp = self.write_temp(VAULT_FILE, ciphertext)?;
        let result = self.install_vault(&tmp, ciphertext, refresh_backup);
        if result.is_err() {
            // Best effort: the sweep at next open catches what this misses.
            let _ = fs::remove_file(&tmp);
        }
        result
    }

    fn install_vault(&mut self, tmp: &Path, ciphertext: &[u8], refresh_backup: bool) -> Result<()> {
        let vault = self.path(VAULT_FILE);
        if vault.exists() {
            self.link_or_copy(&vault, BACKUP_FILE)?;
        }
        // Re-check just before the switch to narrow the window for an outside writer.
        self.check_unchanged()?;
        fs::rename(tmp, &vault)?;
        // The rename happened: from here on the new file is the one we know, even if the
        // directory sync below fails.
        let meta = fs::metadata(&vault)?;
        self.known = Some(Fingerprint::new(&meta, ciphertext));
        self.sync_dir()?;
        if refresh_backup {
            self.link_or_copy(&vault, BACKUP_FILE)?;
            self.sync_dir()?;
        }
        Ok(())
    }

    /// Atomically replaces `identity.age` (temp file, fsync, rename, fsync directory).
    /// No backup is kept: an old copy would keep the old passphrase working.
    ///
    /// # Errors
    /// [`VaultError::ReadOnlySession`] without the lock; file-system errors.
    pub fn write_identity(&mut self, ciphertext: &[u8]) -> Result<()> {
        self.replace_file(IDENTITY_FILE, ciphertext)
    }

    /// Writes `ciphertext` atomically as `name` in the vault directory (temp file, fsync, rename, fsync
    /// directory).
    ///
    /// # Errors
    /// [`VaultError::ReadOnlySession`] without the lock; file-system errors.
    pub(crate) fn replace_file(&mut self, name: &str, ciphertext: &[u8]) -> Result<()> {
        self.require_writable()?;
        let tmp = self.write_temp(name, ciphertext)?;
        let result = fs::rename(&tmp, self.path(name))
            .map_err(VaultError::from)
            .and_then(|()| self.sync_dir());
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }

    /// Puts the backup back in place of a damaged `vault.age`, which is kept as
    /// `vault.age.damaged` rather than deleted. Call only after checking the backup opens.
    ///
    /// # Errors
    /// [`VaultError::MissingBackup`]; [`VaultError::ReadOnlySession`]; file-system errors.
    pub(crate) fn restore_backup(&mut self) -> Result<()> {
        self.require_writable()?;
        let backup = self.read_backup()?;
        let tmp = self.write_temp(VAULT_FILE, &backup)?;
        let vault = self.path(VAULT_FILE);
        let result = (|| {
            if vault.exists() {
                // Each damaged file is kept: a second restore must not overwrite the first one's evidence.
                fs::rename(&vault, self.unused_path(DAMAGED_FILE))?;
            }
            fs::rename(&tmp, &vault)?;
            let meta = fs::metadata(&vault)?;
            self.known = Some(Fingerprint::new(&meta, &backup));
            self.sync_dir()
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }

    /// Deletes files whose names carry [`TEMP_MARKER`]: temp files of saves that a crash
    /// or kill interrupted.
    ///
    /// # Errors
    /// File-system errors listing the directory.
    pub(crate) fn sweep_temp_files(&self) -> Result<()> {
        self.require_writable()?;
        for entry in fs::read_dir(&self.dir)? {
            let entry = entry?;
            if entry.file_name().to_string_lossy().contains(TEMP_MARKER) {
                // A file we cannot remove now is retried at the next open.
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(())
    }

    /// `name` in the data directory, or `name.1`, `name.2`, … if it is taken.
    fn unused_path(&self, name: &str) -> PathBuf {
        let first = self.path(name);
        if !first.exists() {
            return first;
        }
        (1..)
            .map(|n| self.path(&format!("{name}.{n}")))
            .find(|path| !path.exists())
            .unwrap_or(first)
    }

    fn require_writable(&self) -> Result<()> {
        if self.lock.is_some() {
            Ok(())
        } else {
            Err(VaultError::ReadOnlySession)
        }
    }

    /// Fails unless `vault.age` is still what this store last read or wrote.
    fn check_unchanged(&self) -> Result<()> {
        let path = self.path(VAULT_FILE);
        match (fs::metadata(&path), &self.known) {
            (Err(e), None) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            (Err(e), Some(_)) if e.kind() == io::ErrorKind::NotFound => {
                Err(VaultError::ChangedOnDisk)
            }
            (Err(e), _) => Err(e.into()),
            (Ok(_), None) => Err(VaultError::ChangedOnDisk),
            (Ok(meta), Some(known)) => {
                if known.same_metadata(&meta) {
                    return Ok(());
                }
                let bytes = fs::read(&path)?;
                if bytes.len() as u64 == known.len && content_hash(&bytes) == known.hash {
                    Ok(())
                } else {
                    Err(VaultError::ChangedOnDisk)
                }
            }
        }
    }

    /// Writes `bytes` to a fresh temp file next to `name` and fsyncs it; removes it again
    /// if anything fails.
    fn write_temp(&self, name: &str, bytes: &[u8]) -> Result<PathBuf> {
        // A random name no other user can guess and plant a link at (creation is exclusive as well).
        let tmp = self.path(&format!(
            "{name}{TEMP_MARKER}{}",
            crate::safe_write::random_suffix()
        ));
        let mut file = self.ops.create_new(&tmp)?;
        let written = self
            .ops
            .write_all(&mut file, bytes)
            .and_then(|()| self.ops.sync(&file));
        drop(file);
        match written {
            Ok(()) => Ok(tmp),
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                Err(e.into())
            }
        }
    }

    /// Atomically points `name` at the same contents as `src`: a hard link where the file
    /// system has them (no data copied), a full copy otherwise.
    fn link_or_copy(&self, src: &Path, name: &str) -> Result<()> {
        // A random name no other user can guess and plant a link at (creation is exclusive as well).
        let tmp = self.path(&format!(
            "{name}{TEMP_MARKER}{}",
            crate::safe_write::random_suffix()
        ));
        let staged = if fs::hard_link(src, &tmp).is_ok() {
            tmp
        } else {
            // FAT, some network shares: no hard links.
            let bytes = fs::read(src)?;
            self.write_temp(name, &bytes)?
        };
        let result = fs::rename(&staged, self.path(name));
        if result.is_err() {
            let _ = fs::remove_file(&staged);
        }
        Ok(result?)
    }

    /// Makes renames in the directory durable. Windows has no directory handles to sync;
    /// its renames are journaled by NTFS.
    fn sync_dir(&self) -> Result<()> {
        #[cfg(unix)]
        {
            File::open(&self.dir)?.sync_all()?;
        }
        Ok(())
    }
}

/// Fails when a file stands where one of `dir`'s folders should be, so that no vault there can be looked for. Linux
/// and macOS report that as an error of the lookup itself (`ENOTDIR`); Windows reports "path not found", which would
/// read as "no vault here" and offer to create one. Checked from `dir` up to the nearest part that exists.
pub(crate) fn no_file_in_the_way(dir: &Path) -> io::Result<()> {
    // A relative `dir` ends in "", the working folder, which exists.
    for part in dir.ancestors().filter(|part| !part.as_os_str().is_empty()) {
        match fs::metadata(part) {
            Ok(meta) if meta.is_dir() => return Ok(()),
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::NotADirectory,
                    format!("{} is a file, not a folder", part.display()),
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn read_with_metadata(path: &Path) -> io::Result<(Vec<u8>, fs::Metadata)> {
    let mut file = File::open(path)?;
    let meta = file.metadata()?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok((bytes, meta))
}

/// Creates the data directory (and parents) readable only by the owner. An existing directory that others can write
/// to loses that write access: anyone who can write there could replace the vault or plant files beside it. (A
/// folder the user chose, such as a USB stick, keeps the rest of its permissions; where they cannot be changed —
/// a FAT-formatted stick — the folder is used as it is.)
fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir)?.permissions().mode();
        if mode & 0o022 != 0 {
            let _ = fs::set_permissions(dir, fs::Permissions::from_mode(mode & !0o022 & 0o7777));
        }
    }
    // A folder that cannot be listed would look empty, and Harbor would offer to create a vault over one it cannot
    // see.
    fs::read_dir(dir).map_err(|e| match e.kind() {
        io::ErrorKind::PermissionDenied => VaultError::FolderUnreadable,
        _ => e.into(),
    })?;
    Ok(())
}
