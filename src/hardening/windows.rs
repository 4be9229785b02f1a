//! The Windows platform module, the one place in Harbor with `unsafe` (`windows-sys` exposes these functions only as
//! raw FFI): the Windows Error Reporting calls, and attaching a command-line run to the console it was typed in.

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

/// Makes command-line output (`--help`, `--show-policy`, `--search`, `--check-content`, …) visible in the cmd or
/// PowerShell window Harbor was started from. `harbor.exe` is a GUI-subsystem program (no console window opens beside
/// the app), so Windows gives it no console: without this, everything it prints is lost unless redirected.
///
/// Standard output and error that are already redirected (`> file`, `| more`, `| Out-String`) are kept as they are;
/// the others are pointed at the parent's console. Started from Explorer or a shortcut there is no parent console,
/// and nothing changes. Called only for command-line runs, never for the window.
pub fn attach_parent_console() {
    use windows_sys::Win32::Foundation::{
        ERROR_ACCESS_DENIED, GENERIC_READ, GENERIC_WRITE, HANDLE, INVALID_HANDLE_VALUE,
    };
    use windows_sys::Win32::Storage::FileSystem::{
        CreateFileW, FILE_SHARE_READ, FILE_SHARE_WRITE, OPEN_EXISTING,
    };
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_HANDLE,
        STD_OUTPUT_HANDLE, SetStdHandle,
    };

    let valid =
        |handle: HANDLE| (!handle.is_null() && handle != INVALID_HANDLE_VALUE).then_some(handle);
    let current = |which: STD_HANDLE| {
        // SAFETY: GetStdHandle takes one of the STD_* constants and only returns a handle value (null or
        // INVALID_HANDLE_VALUE when there is none); nothing is dereferenced here.
        valid(unsafe { GetStdHandle(which) })
    };
    let streams = [STD_OUTPUT_HANDLE, STD_ERROR_HANDLE].map(|which| (which, current(which)));
    if streams.iter().all(|(_, handle)| handle.is_some()) {
        return;
    }
    // SAFETY: AttachConsole takes a process id (here the constant meaning "the parent") and no pointers; it fails
    // harmlessly when the parent has no console.
    let attached = unsafe { AttachConsole(ATTACH_PARENT_PROCESS) } != 0;
    // ERROR_ACCESS_DENIED means this process already has a console (Wine gives a windowed program its parent's, with
    // no standard handles): its screen buffer is opened all the same. Any other failure: no console to write to.
    let already_attached =
        std::io::Error::last_os_error().raw_os_error() == i32::try_from(ERROR_ACCESS_DENIED).ok();
    if !attached && !already_attached {
        return;
    }
    let name: Vec<u16> = "CONOUT$".encode_utf16().chain(std::iter::once(0)).collect();
    for (which, before) in streams {
        let handle = match before {
            // Redirected: kept, whatever attaching did to the standard handles.
            Some(handle) => Some(handle),
            // SAFETY: `name` is a NUL-terminated UTF-16 string that outlives the call; the security attributes and
            // template handle are null, which CreateFileW accepts. The console's screen buffer it opens stays open
            // for the rest of the process, as a standard handle must.
            None => valid(unsafe {
                CreateFileW(
                    name.as_ptr(),
                    GENERIC_READ | GENERIC_WRITE,
                    FILE_SHARE_READ | FILE_SHARE_WRITE,
                    std::ptr::null(),
                    OPEN_EXISTING,
                    0,
                    std::ptr::null_mut(),
                )
            }),
        };
        if let Some(handle) = handle {
            // SAFETY: `handle` is a valid handle this process owns for its whole life (the redirected one it was
            // given, or the console buffer opened above and never closed); SetStdHandle only stores the value.
            unsafe { SetStdHandle(which, handle) };
        }
    }
}
