//! No lock-in: both vault files are standard age files that the stock `age` command-line
//! tool decrypts. Skipped (with a notice) when `age` or `python3` is not installed; on
//! Debian/Ubuntu: `apt-get install age`.

// Test helpers outside #[test] fns: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::vault_support;

use std::fs;
use std::path::Path;
use std::process::Command;

use harbor::vault::crypto;
use harbor::vault::model::random_id;
use harbor::vault::store::{IDENTITY_FILE, VAULT_FILE};
use harbor::vault::{SaveStatus, Session};
use secrecy::ExposeSecret;
use vault_support::{noop_waker, pass, wait_save, wait_task};

/// Runs a command on a pseudo-terminal and types the passphrase when prompted: age reads
/// passphrases from the terminal, never from stdin.
const PTY_DRIVER: &str = r#"
import os, pty, sys
pw = os.environ["HARBOR_TEST_PASSPHRASE"].encode()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out, sent = b"", False
while True:
    try:
        data = os.read(fd, 1024)
    except OSError:
        break
    if not data:
        break
    out += data
    if not sent and b"passphrase" in out.lower():
        os.write(fd, pw + b"\n")
        sent = True
_, status = os.waitpid(pid, 0)
sys.stderr.write(out.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
"#;

fn have(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn age_with_passphrase(passphrase: &str, args: &[&str]) {
    let out = Command::new("python3")
        .arg("-c")
        .arg(PTY_DRIVER)
        .arg("age")
        .args(args)
        .env("HARBOR_TEST_PASSPHRASE", passphrase)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "age {args:?} failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn age(args: &[&str]) {
    let out = Command::new("age").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "age {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn stock_age_cli_decrypts_both_files() {
    if !have("age", "--version") || !have("python3", "--version") {
        eprintln!(
            "SKIPPED stock_age_cli_decrypts_both_files: the `age` CLI (and python3 for its \
             passphrase prompt) is not installed; `apt-get install age` to run it"
        );
        return;
    }
    let version = Command::new("age").arg("--version").output().unwrap();
    eprintln!(
        "using age {}",
        String::from_utf8_lossy(&version.stdout).trim()
    );

    let marker = format!("CLI-{}", random_id());
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let passphrase = "a long and memorable passphrase";
    let mut session = Session::new(&dir, noop_waker());
    session.create(pass(passphrase), true).unwrap();
    wait_task(&mut session).result.unwrap();
    let recovery = session.take_recovery_key().unwrap();
    let r = session.vault_mut().unwrap().new_record("Patient CLI");
    r.notes = format!("{marker}: ñ, 名, ✓");
    session.save().unwrap();
    assert!(matches!(wait_save(&mut session), SaveStatus::Saved));
    let expected = session.vault().unwrap().clone();
    session.lock();
    drop(session);

    let (vault, identity) = (dir.join(VAULT_FILE), dir.join(IDENTITY_FILE));
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();

    // 1. The passphrase-encrypted identity file used directly as `-i`.
    let plain1 = out.join("plain1.ron");
    age_with_passphrase(
        passphrase,
        &["-d", "-i", s(&identity), "-o", s(&plain1), s(&vault)],
    );
    // 2. identity.age decrypted on its own: an ordinary age identity file inside.
    let key_file = out.join("key.txt");
    age_with_passphrase(passphrase, &["-d", "-o", s(&key_file), s(&identity)]);
    let key_text = fs::read_to_string(&key_file).unwrap();
    assert!(key_text.lines().any(|l| l.starts_with("AGE-SECRET-KEY-1")));
    let plain2 = out.join("plain2.ron");
    age(&["-d", "-i", s(&key_file), "-o", s(&plain2), s(&vault)]);
    // 3. The recovery key as printed for the user.
    let recovery_file = out.join("recovery.txt");
    fs::write(&recovery_file, format!("{}\n", recovery.expose_secret())).unwrap();
    let plain3 = out.join("plain3.ron");
    age(&["-d", "-i", s(&recovery_file), "-o", s(&plain3), s(&vault)]);

    for p in [plain1, plain2, plain3] {
        let bytes = fs::read(&p).unwrap();
        assert!(String::from_utf8_lossy(&bytes).contains(&marker));
        assert_eq!(crypto::parse_document(&bytes).unwrap(), expected);
    }
    // A wrong passphrase fails in the CLI too.
    let out_bad = Command::new("python3")
        .arg("-c")
        .arg(PTY_DRIVER)
        .args(["age", "-d", "-o", "/dev/null", s(&identity)])
        .env("HARBOR_TEST_PASSPHRASE", "wrong")
        .output()
        .unwrap();
    assert!(!out_bad.status.success());
}
