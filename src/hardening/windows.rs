//! The Windows Error Reporting calls. The one place in Harbor with `unsafe`: `windows-sys` exposes these functions
//! only as raw FFI.

use windows_sys::Win32::System::ErrorReporting::{
    WER_FAULT_REPORTING_FLAG_NOHEAP, WerAddExcludedApplication, WerSetFlags,
};

/// Keeps Harbor's heap (where notes, the passphrase and the key live) out of any report WER makes of this process,
/// and excludes Harbor's executable from WER for the current user. Returns what failed.
pub fn forbid_crash_dumps() -> Vec<String> {
    let mut failures = Vec::new();
    // SAFETY: WerSetFlags takes a flags value and no pointers; it only changes this process's WER settings.
    let flags = unsafe { WerSetFlags(WER_FAULT_REPORTING_FLAG_NOHEAP) };
    if flags < 0 {
        failures.push(format!(
            "Windows Error Reporting without heap: HRESULT {flags:#010x}"
        ));
    }
    match executable_name() {
        Some(name) => {
            // SAFETY: `name` is a NUL-terminated UTF-16 string that lives until the call returns; WER copies it into
            // the registry and keeps no pointer to it. `0` (FALSE) limits the change to the current user's hive,
            // which needs no administrator rights.
            let excluded = unsafe { WerAddExcludedApplication(name.as_ptr(), 0) };
            if excluded < 0 {
                failures.push(format!(
                    "exclusion from Windows Error Reporting: HRESULT {excluded:#010x}"
                ));
            }
        }
        None => failures.push("exclusion from Windows Error Reporting: no executable name".into()),
    }
    failures
}

/// The running executable's file name (e.g. `harbor.exe`), as WER's exclusion list names applications: no folder.
fn executable_name() -> Option<Vec<u16>> {
    use std::os::windows::ffi::OsStrExt;
    let exe = std::env::current_exe().ok()?;
    let name = exe.file_name()?;
    Some(name.encode_wide().chain(std::iter::once(0)).collect())
}
