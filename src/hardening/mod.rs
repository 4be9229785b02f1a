//! Keeps note text, the passphrase and the vault key out of crash dumps: a core file is plaintext memory written to
//! disk, which non-negotiable 2 forbids. Called first thing in `main`, before any secret exists.
//!
//! - Linux: the process is marked non-dumpable (`prctl(PR_SET_DUMPABLE, 0)`), which also stops other processes of
//!   the same user from attaching a debugger or reading `/proc/<pid>/mem`, and the core limit is set to zero.
//! - macOS and other Unix systems: the core limit is set to zero.
//! - Windows ([`windows`], the crate's only module allowed `unsafe`): Windows Error Reporting collects no heap for
//!   Harbor (`WerSetFlags(WER_FAULT_REPORTING_FLAG_NOHEAP)`, for this process) and Harbor's executable is added to
//!   the current user's list of applications WER excludes (`WerAddExcludedApplication`). What remains is in the
//!   README, "What stays in memory".

#[cfg(windows)]
#[allow(unsafe_code)]
mod windows;

/// Makes every file and folder the process creates private to the user whatever umask the session set (a umask
/// of 000 made the settings folder 0777 and `app.ron` 0666): the umask becomes 077. Files written through
/// [`crate::safe_write`] get their exact modes either way; this covers what libraries write (eframe's settings).
pub fn private_file_creation() {
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// Takes group and other access away from `dir` and the files directly in it (the settings folder, which an
/// earlier run under a permissive umask may have left open). Symbolic links are left alone.
///
/// # Errors
/// Any OS error reading the folder; a file whose mode cannot be changed is skipped.
pub fn make_private(dir: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let tighten = |path: &std::path::Path, keep: u32| {
            if let Ok(meta) = std::fs::symlink_metadata(path)
                && !meta.file_type().is_symlink()
                && meta.permissions().mode() & 0o077 != 0
            {
                let mode = meta.permissions().mode() & keep;
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
            }
        };
        if !dir.is_dir() {
            return Ok(());
        }
        tighten(dir, 0o700);
        for entry in std::fs::read_dir(dir)? {
            tighten(&entry?.path(), 0o700);
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// For command-line runs: on Windows, prints into the cmd or PowerShell window Harbor was started from (see
/// `windows::attach_parent_console`); elsewhere a terminal's output already reaches it, and this does nothing.
pub fn attach_parent_console() {
    #[cfg(windows)]
    windows::attach_parent_console();
}

/// Applies every protection this platform offers; returns what could not be applied, for a warning on stderr.
pub fn forbid_crash_dumps() -> Vec<String> {
    #[cfg_attr(not(any(unix, windows)), allow(unused_mut))]
    let mut failures = Vec::new();
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, setrlimit};
        let none = Rlimit {
            current: Some(0),
            maximum: Some(0),
        };
        if let Err(err) = setrlimit(Resource::Core, none) {
            failures.push(format!("core dump limit: {err}"));
        }
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::process::{DumpableBehavior, set_dumpable_behavior};
        if let Err(err) = set_dumpable_behavior(DumpableBehavior::NotDumpable) {
            failures.push(format!("non-dumpable process: {err}"));
        }
    }
    #[cfg(windows)]
    failures.extend(windows::forbid_crash_dumps());
    failures
}
