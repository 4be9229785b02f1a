//! Multi-process behaviour with real processes: crash safety under SIGKILL, the one-writer
//! lock, and real read-only / full / forbidden directories.
//!
//! Child processes are this test binary itself, re-run with `HARBOR_VAULT_CHILD=<role>`
//! and filtered to `child_entry`, an ignored test (a normal run lists it as ignored, not as
//! a pass) that fails when that variable is unset.
//!
//! The real read-only mount and the real full disk need a private mount namespace. They get
//! one without root: the child runs as an unprivileged user (root drops to `nobody` first)
//! inside a user namespace of its own (`unshare --user --map-root-user --mount`). Where user
//! namespaces are unavailable they say "SKIPPED" on the terminal, past the test harness's
//! output capture, and fail under `HARBOR_REQUIRE_TOOLS` (CI).

// Test helpers outside #[test] fns: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::vault_support;

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use harbor::vault::crypto::{self, VaultKey};
use harbor::vault::store::{BACKUP_FILE, TEMP_MARKER, VAULT_FILE};
use harbor::vault::{Store, Vault, VaultError};
use secrecy::{ExposeSecret, SecretString};
use vault_support::{Rng, realistic_vault, temp_files};

const ROLE: &str = "HARBOR_VAULT_CHILD";
const DIR: &str = "HARBOR_VAULT_DIR";
const KEY: &str = "HARBOR_VAULT_KEY";

/// Arguments that make the test binary run only `child_entry`, printing its output.
const CHILD_ARGS: [&str; 5] = [
    "--exact",
    "processes::child_entry",
    "--ignored",
    "--nocapture",
    "--test-threads=1",
];

fn child_command(
    program: &str,
    pre_args: &[&str],
    role: &str,
    dir: &Path,
    key: &VaultKey,
) -> Command {
    let exe = std::env::current_exe().unwrap();
    let mut c = Command::new(program);
    c.args(pre_args)
        .arg(&exe)
        .args(CHILD_ARGS)
        .env(ROLE, role)
        .env(DIR, dir)
        .env(KEY, key.to_secret_string().expose_secret())
        .stdin(Stdio::null());
    c
}

fn child(role: &str, dir: &Path, key: &VaultKey) -> Command {
    let exe = std::env::current_exe().unwrap();
    let mut c = Command::new(exe);
    c.args(CHILD_ARGS)
        .env(ROLE, role)
        .env(DIR, dir)
        .env(KEY, key.to_secret_string().expose_secret())
        .stdin(Stdio::null());
    c
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Marks every record with generation `g`, so a torn write would show mixed generations.
fn stamp(vault: &mut Vault, g: u64) {
    for r in &mut vault.records {
        r.findings = format!("generation {g}");
    }
}

fn generation(vault: &Vault) -> u64 {
    let gens: Vec<u64> = vault
        .records
        .iter()
        .map(|r| {
            r.findings
                .trim_start_matches("generation ")
                .parse()
                .unwrap()
        })
        .collect();
    assert!(
        gens.windows(2).all(|w| w[0] == w[1]),
        "mixed generations: {gens:?}"
    );
    gens[0]
}

/// Entry point of the child processes the tests below start.
#[test]
#[ignore = "entry point of the child processes that the process tests start"]
fn child_entry() {
    let role = std::env::var(ROLE).expect("started by a process test, with HARBOR_VAULT_CHILD set");
    let dir = std::path::PathBuf::from(std::env::var(DIR).unwrap());
    let key = VaultKey::parse(&SecretString::from(std::env::var(KEY).unwrap())).unwrap();
    match role.as_str() {
        "crash" => {
            // Save in a loop until killed (bounded, in case the parent died).
            let mut store = Store::open(&dir).unwrap();
            let mut vault = crypto::decrypt_vault(&store.read_vault().unwrap(), &key).unwrap();
            let mut g = generation(&vault);
            // Straight to the fd: the test harness may hold `println!` output until exit.
            let mut out = std::io::stdout();
            writeln!(out, "READY").unwrap();
            out.flush().unwrap();
            let deadline = Instant::now() + Duration::from_secs(30);
            while Instant::now() < deadline {
                g += 1;
                stamp(&mut vault, g);
                let ct = crypto::encrypt_vault(&vault, &key.recipient()).unwrap();
                store.save_vault(&ct, false).unwrap();
                writeln!(out, "SAVED {g}").unwrap();
                out.flush().unwrap();
            }
        }
        "second" => {
            let e = Store::open(&dir).unwrap_err();
            assert!(matches!(e, VaultError::AlreadyOpen), "{e:?}");
            assert_eq!(e.message_key(), "vault.error.already_open");
            let mut ro = Store::open_read_only(&dir).unwrap();
            assert!(!ro.is_writable());
            let ct = ro.read_vault().unwrap();
            let vault = crypto::decrypt_vault(&ct, &key).unwrap();
            let e = ro.save_vault(&ct, false).unwrap_err();
            assert!(matches!(e, VaultError::ReadOnlySession), "{e:?}");
            assert!(matches!(
                ro.write_identity(b"x"),
                Err(VaultError::ReadOnlySession)
            ));
            println!("CHILD-OK read {} records", vault.records.len());
        }
        "after-release" => {
            let mut store = Store::open(&dir).unwrap();
            store.read_vault().unwrap();
            println!("CHILD-OK");
        }
        "erofs" => {
            let e = Store::open(&dir).unwrap_err();
            assert!(matches!(e, VaultError::ReadOnlyFilesystem), "{e:?}");
            assert_eq!(e.message_key(), "vault.error.read_only_filesystem");
            // Reading still works.
            let mut ro = Store::open_read_only(&dir).unwrap();
            crypto::decrypt_vault(&ro.read_vault().unwrap(), &key).unwrap();
            println!("CHILD-OK");
        }
        "enospc" => {
            // `dir` is a fresh 256 KiB tmpfs.
            let mut store = Store::open(&dir).unwrap();
            let small = crypto::encrypt_vault(&realistic_vault(5, 1), &key.recipient()).unwrap();
            store.save_vault(&small, false).unwrap();
            let big = crypto::encrypt_vault(&realistic_vault(200, 2), &key.recipient()).unwrap();
            assert!(big.len() > 300 * 1024);
            let e = store.save_vault(&big, false).unwrap_err();
            assert!(matches!(e, VaultError::DiskFull), "{e:?}");
            assert_eq!(fs::read(dir.join(VAULT_FILE)).unwrap(), small);
            assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
            // And the store is usable again once there is room.
            store.save_vault(&small, false).unwrap();
            println!("CHILD-OK");
        }
        "eacces" => {
            let e = Store::open(&dir).unwrap_err();
            assert!(matches!(e, VaultError::PermissionDenied), "{e:?}");
            assert_eq!(e.message_key(), "vault.error.permission_denied");
            println!("CHILD-OK");
        }
        other => panic!("unknown child role {other}"),
    }
}

/// Runs a child to completion and checks it reported success.
fn run_ok(mut c: Command) -> String {
    let out = c.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success() && stdout.contains("CHILD-OK"),
        "child failed: {}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn crash_safety_under_sigkill() {
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let key = VaultKey::generate();
    {
        let mut store = Store::open(dir).unwrap();
        let mut vault = realistic_vault(60, 3);
        stamp(&mut vault, 0);
        store
            .save_vault(
                &crypto::encrypt_vault(&vault, &key.recipient()).unwrap(),
                false,
            )
            .unwrap();
    }
    let mut rng = Rng::from_time();
    let (mut kills, mut mid_save, mut last_gen) = (0, 0, 0);
    while kills < 120 {
        let mut c = child("crash", dir, &key);
        let mut proc = c
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(proc.stdout.take().unwrap()).lines();
        let ready = lines
            .by_ref()
            .map_while(Result::ok)
            .any(|l| l.ends_with("READY"));
        if !ready {
            let out = proc.wait_with_output().unwrap();
            panic!(
                "child {kills} did not start: {}\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        // Time one full save cycle, then kill at a random point of the following ones, so
        // kills land in every phase: encrypting, writing, fsync, linking, renaming.
        let t0 = Instant::now();
        assert!(
            lines
                .by_ref()
                .map_while(Result::ok)
                .any(|l| l.starts_with("SAVED"))
        );
        let cycle = t0.elapsed().as_micros() as u64;
        std::thread::sleep(Duration::from_micros(rng.below(cycle * 2)));
        proc.kill().unwrap(); // SIGKILL
        proc.wait().unwrap();
        kills += 1;
        if !temp_files(dir).is_empty() {
            mid_save += 1;
        }
        // After every kill the vault opens to one complete generation, never an older one.
        let vault = crypto::decrypt_vault(&fs::read(dir.join(VAULT_FILE)).unwrap(), &key)
            .unwrap_or_else(|e| panic!("kill {kills}: vault does not open: {e:?}"));
        let g = generation(&vault);
        assert!(g >= last_gen, "generation went back from {last_gen} to {g}");
        last_gen = g;
        if let Ok(bak) = fs::read(dir.join(BACKUP_FILE)) {
            let b = crypto::decrypt_vault(&bak, &key).expect("backup opens");
            assert!(generation(&b) <= g);
        }
    }
    // The next open sweeps what the kills left behind.
    let store = Store::open(dir).unwrap();
    assert!(temp_files(dir).is_empty());
    drop(store);
    let took = started.elapsed();
    eprintln!(
        "crash safety: {kills} SIGKILLs, {mid_save} left temp files (killed mid-save), \
         {last_gen} generations written, {took:?}"
    );
    // A bound against a hang, not a benchmark: generous enough for a machine busy building beside it.
    assert!(took < Duration::from_secs(900), "took {took:?}");
}

#[test]
fn second_process_cannot_write() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let key = VaultKey::generate();
    let mut store = Store::open(dir).unwrap();
    let ct = crypto::encrypt_vault(&realistic_vault(3, 4), &key.recipient()).unwrap();
    store.save_vault(&ct, false).unwrap();

    let out = run_ok(child("second", dir, &key));
    assert!(out.contains("read 3 records"));
    assert_eq!(fs::read(dir.join(VAULT_FILE)).unwrap(), ct);
    // This process still writes.
    store.save_vault(&ct, false).unwrap();

    // Once the first process lets go, another may take over.
    drop(store);
    run_ok(child("after-release", dir, &key));
}

/// Says loudly that a test could not do what it is for: straight to the terminal (the test
/// harness captures `eprintln!` of passing tests), and a failure in CI.
fn skipped(what: &str, why: &str) {
    let line = format!("\nSKIPPED {what}: {why}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
    assert!(
        std::env::var_os("HARBOR_REQUIRE_TOOLS").is_none(),
        "{what} must run in CI: {why}"
    );
}

/// A child in a private mount namespace inside a user namespace of its own, as an
/// unprivileged user (root first drops to `nobody`, which then owns `dir`), with `setup` run
/// first. Returns `None` (after saying why, see [`skipped`]) where that is not possible.
fn in_mount_namespace(setup: &str, role: &str, dir: &Path, key: &VaultKey) -> Option<String> {
    #[cfg(unix)]
    if is_root() {
        // The unprivileged user must reach `dir`: hand it the folder and open the way there.
        use std::os::unix::fs::PermissionsExt;
        fn hand_over(path: &Path) {
            std::os::unix::fs::chown(path, Some(65534), Some(65534)).unwrap();
            if path.is_dir() {
                for entry in fs::read_dir(path).unwrap() {
                    hand_over(&entry.unwrap().path());
                }
            }
        }
        hand_over(dir);
        if let Some(parent) = dir.parent() {
            fs::set_permissions(parent, fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
    let script = format!("{setup} || exit 77; exec \"$@\"");
    let mut namespaced = vec![
        "unshare",
        "--user",
        "--map-root-user",
        "--mount",
        "sh",
        "-c",
        &script,
        "sh",
    ];
    let privilege_drop = ["--reuid=65534", "--regid=65534", "--clear-groups"];
    let program = if is_root() {
        namespaced.splice(0..0, privilege_drop);
        "setpriv"
    } else {
        namespaced.remove(0);
        "unshare"
    };
    let mut c = child_command(program, &namespaced, role, dir, key);
    let out = match c.output() {
        Ok(out) => out,
        Err(err) => {
            skipped(role, &format!("{program} could not run: {err}"));
            return None;
        }
    };
    if out.status.code() == Some(77) || (!out.status.success() && out.stdout.is_empty()) {
        skipped(
            role,
            &format!(
                "no user and mount namespace here: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        );
        return None;
    }
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success() && stdout.contains("CHILD-OK"),
        "child failed: {}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    Some(stdout)
}

#[test]
fn read_only_directory_gives_its_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let key = VaultKey::generate();
    {
        let mut store = Store::open(&dir).unwrap();
        let ct = crypto::encrypt_vault(&realistic_vault(2, 5), &key.recipient()).unwrap();
        store.save_vault(&ct, false).unwrap();
    }
    let setup = "mount --bind \"$HARBOR_VAULT_DIR\" \"$HARBOR_VAULT_DIR\" && \
                 mount -o remount,ro,bind \"$HARBOR_VAULT_DIR\" \"$HARBOR_VAULT_DIR\"";
    if in_mount_namespace(setup, "erofs", &dir, &key).is_some() {
        eprintln!("read-only mount: EROFS reported as ReadOnlyFilesystem");
    }
}

#[test]
fn full_disk_for_real() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tiny");
    fs::create_dir(&dir).unwrap();
    let key = VaultKey::generate();
    let setup = "mount -t tmpfs -o size=256k,mode=0700 tmpfs \"$HARBOR_VAULT_DIR\"";
    if in_mount_namespace(setup, "enospc", &dir, &key).is_some() {
        eprintln!("256 KiB tmpfs: ENOSPC reported as DiskFull, previous vault intact");
    }
}

#[test]
fn permission_denied_directory() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        let key = VaultKey::generate();
        {
            let mut store = Store::open(&dir).unwrap();
            let ct = crypto::encrypt_vault(&realistic_vault(2, 6), &key.recipient()).unwrap();
            store.save_vault(&ct, false).unwrap();
        }
        if is_root() {
            // Root ignores permission bits, so run the child as `nobody` instead.
            if Command::new("setpriv").arg("--version").output().is_err() {
                eprintln!("SKIPPED permission test: running as root without setpriv(1)");
                return;
            }
            fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
            let c = child_command(
                "setpriv",
                &["--reuid=65534", "--regid=65534", "--clear-groups"],
                "eacces",
                &dir,
                &key,
            );
            run_ok(c);
        } else {
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
            let mut store = Store::open(&dir).unwrap();
            let ct = store.read_vault().unwrap();
            let e = store.save_vault(&ct, false).unwrap_err();
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
            assert!(matches!(e, VaultError::PermissionDenied), "{e:?}");
        }
        assert!(!fs::read_dir(&dir).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .contains(TEMP_MARKER)
        }));
    }
}
