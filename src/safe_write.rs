//! The one way Harbor writes a file: a new temporary file created exclusively (`O_CREAT|O_EXCL`, so a symbolic
//! link or any file planted at its name makes the creation fail instead of being followed) under a random name in
//! the target's own folder, its permissions set on creation and then exactly (whatever the umask), its data synced,
//! then renamed over the target (a rename replaces a link planted at the target; it never writes through it), and
//! the folder synced so the rename survives a power cut. A failure leaves the target as it was and removes the
//! temporary file.
//!
//! Every writer goes through here: the vault store's temporary files, the unlock history, the safety-plan PDF,
//! the institution pack (`--import-directory`) and the translation import.

use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Who may read what is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// The user alone: files 0600, new folders 0700. Notes, the vault, settings, the unlock history, the PDF.
    Private,
    /// Everyone may read, only the owner may write: files 0644, new folders 0755. The institution pack, which IT
    /// writes once for every user of the computer, and the translation files of the source tree.
    Shared,
}

impl Access {
    /// The file mode on Unix.
    pub fn file_mode(self) -> u32 {
        match self {
            Self::Private => 0o600,
            Self::Shared => 0o644,
        }
    }

    /// The mode of a folder this module creates, on Unix.
    pub fn folder_mode(self) -> u32 {
        match self {
            Self::Private => 0o700,
            Self::Shared => 0o755,
        }
    }
}

/// Marks the names of temporary files (`.NAME.<random>.harbor-partial`), so an interrupted write can be recognised.
pub const PARTIAL_MARKER: &str = ".harbor-partial";

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// 64 bits no other user can predict: the standard library's hash keys come from the operating system's random
/// source once per thread; the counter, process id and clock make each call different.
pub fn random_suffix() -> String {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u32(std::process::id());
    if let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(now.as_nanos());
    }
    format!("{:016x}", hasher.finish())
}

/// Creates `dir` and any missing parents with the mode of `access` (set exactly, whatever the umask). Folders that
/// exist already are left as they are.
///
/// # Errors
/// Any OS error.
pub fn create_dirs(dir: &Path, access: Access) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_dirs(parent, access)?;
    }
    match fs::create_dir(dir) {
        Ok(()) => set_mode_of_path(dir, access.folder_mode()),
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(err) => Err(err),
    }
}

#[cfg(unix)]
fn set_mode_of_path(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode_of_path(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

/// Creates a new temporary file for `target` in the same folder, exclusively, with the permissions of `access`.
/// Returns it and its path. Tries other random names if one is taken (by a planted link, say).
///
/// # Errors
/// Any OS error other than a name already taken.
pub fn create_temporary(target: &Path, access: Access) -> io::Result<(File, PathBuf)> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut last = None;
    for _ in 0..16 {
        let temporary =
            target.with_file_name(format!(".{name}.{}{PARTIAL_MARKER}", random_suffix()));
        match create_new(&temporary, access) {
            Ok(file) => return Ok((file, temporary)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => last = Some(err),
            Err(err) => return Err(err),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

/// Creates `path`, which must not exist (not even as a symbolic link), with the permissions of `access`.
///
/// # Errors
/// Any OS error; `AlreadyExists` if anything is at `path`.
pub fn create_new(path: &Path, access: Access) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, access.file_mode());
    let file = options.open(path)?;
    // The mode above is reduced by the umask; set it exactly (on the open file, not through the name).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Err(err) = file.set_permissions(fs::Permissions::from_mode(access.file_mode())) {
            drop(file);
            let _ = fs::remove_file(path);
            return Err(err);
        }
    }
    #[cfg(not(unix))]
    let _ = access;
    Ok(file)
}

/// Makes renames in `dir` durable. Windows has no folder handles to sync; NTFS journals its renames.
///
/// # Errors
/// Any OS error.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Writes `bytes` as `path`, creating its folder if needed: exclusive random temporary file, exact permissions,
/// fsync, rename, fsync of the folder. On failure the previous file is untouched and no temporary file is left.
///
/// # Errors
/// Any OS error (a full disk: `StorageFull`).
pub fn write(path: &Path, bytes: &[u8], access: Access) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new(""));
    create_dirs(dir, access)?;
    let (mut file, temporary) = create_temporary(path, access)?;
    let result = (|| {
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temporary, path)
    })();
    if let Err(err) = result {
        let _ = fs::remove_file(&temporary);
        return Err(err);
    }
    sync_dir(dir)
}
