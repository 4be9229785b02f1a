//! No exit loses typing: the real process, killed or signalled right after typing into Notes, leaves the text in the
//! vault on disk. Each test runs this test binary again as a child (`child_entry`, with `HARBOR_EXIT_CHILD` set)
//! driving Harbor headless, and reads the vault back with its own session once the child has gone.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use harbor::app::Clock;
use harbor::settings::Settings;
use harbor::ui::Tab;
use harbor::vault::Session;
use secrecy::SecretString;

use crate::common;

const ROLE: &str = "HARBOR_EXIT_CHILD";
const DATA: &str = "HARBOR_EXIT_DATA";
const PASSPHRASE: &str = "four unrelated words here";
const FINDINGS: &str = "bruise on left forearm, exit-test";
/// How long a test waits for a child's next step; generous, for a machine busy building.
const PATIENCE: Duration = Duration::from_secs(240);

/// The child: makes a vault with one record, types into its findings, then does what its role says.
#[test]
#[ignore = "entry point of the child processes that the exit tests start"]
fn child_entry() {
    let role = std::env::var(ROLE).expect("started by an exit test, with HARBOR_EXIT_CHILD set");
    let data = std::path::PathBuf::from(std::env::var(DATA).expect("HARBOR_EXIT_DATA"));
    let mut harness = common::harness_at("en", Settings::default(), Some(&data));
    let clock = Clock::stopped();
    let app = harness.state_mut().app.as_mut().expect("the app");
    app.set_clock(clock.clone());
    if role == "signal" {
        app.listen_for_exit_signals();
    }
    harness.get_by_label("Notes").click();
    harness.run();
    common::type_into(&mut harness, "Passphrase", PASSPHRASE);
    common::type_into(&mut harness, "Passphrase again", PASSPHRASE);
    harness.get_by_label("Create vault").click();
    common::wait_for_vault(&mut harness);
    common::type_into(&mut harness, "Case label (pseudonym)", "Case X-1");
    harness.get_by_label("New case record").click();
    common::wait_for_vault(&mut harness);
    common::type_into(&mut harness, "Physical findings", FINDINGS);
    if role == "switch-tab" {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
        harness.run();
        assert_eq!(harness.state().app().tab(), Tab::Start);
    }
    assert!(
        harness.state().app().session().has_unsaved_changes(),
        "the typing is not saved yet (the app's clock has not moved)"
    );
    if role == "switch-tab" {
        clock.advance(Duration::from_secs(2));
    }
    println!("READY {}", std::process::id());
    let deadline = Instant::now() + PATIENCE;
    let mut said_saved = false;
    while Instant::now() < deadline {
        harness.step();
        let app = harness.state().app();
        if app.may_close() {
            println!("CLOSED");
            std::process::exit(0);
        }
        let session = app.session();
        if !said_saved
            && !session.has_unsaved_changes()
            && matches!(session.save_status(), harbor::vault::SaveStatus::Saved)
        {
            said_saved = true;
            println!("SAVED");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    std::process::exit(3);
}

/// Starts a child in `role`; its output lines arrive on the returned channel.
fn start_child(role: &str, data: &Path) -> (Child, mpsc::Receiver<String>) {
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "exits::child_entry",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ROLE, role)
        .env(DATA, data)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the child");
    let stdout = child.stdout.take().expect("piped stdout");
    let (lines, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    (child, receiver)
}

/// Waits (up to [`PATIENCE`]) for a line with `start` in it (the test harness may print its own words before it on
/// the same line) and returns the line from there; panics with what came instead.
fn wait_for_line(lines: &mpsc::Receiver<String>, start: &str, child: &mut Child) -> String {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(start) => {
                return line[line.find(start).unwrap_or_default()..].to_owned();
            }
            Ok(line) => seen.push(line),
            Err(_) => break,
        }
    }
    let _ = child.kill();
    panic!(
        "the child never said {start:?} ({}): {seen:#?}",
        child
            .try_wait()
            .ok()
            .flatten()
            .map_or_else(|| "still running".into(), |s| s.to_string())
    );
}

/// The findings of the vault's first record, read with a session of our own.
fn findings_on_disk(data: &Path) -> String {
    let mut session = Session::new(data, std::sync::Arc::new(|| {}));
    session
        .unlock(SecretString::from(PASSPHRASE.to_owned()))
        .expect("unlock starts");
    assert!(session.wait_idle(PATIENCE), "unlocking finished");
    let vault = session
        .vault()
        .expect("the vault opens with its passphrase");
    vault
        .records
        .first()
        .map(|record| record.findings.clone())
        .unwrap_or_default()
}

/// Typed into Notes, switched tab at once, killed (SIGKILL: nothing of Harbor runs) after 2 s on the app's
/// clock: the typing is in the vault, saved by the app's autosave while Notes was not on screen.
#[test]
fn typing_then_switching_tab_is_saved_before_a_kill_two_seconds_later() {
    let data = tempfile::tempdir().expect("temp dir");
    let (mut child, lines) = start_child("switch-tab", data.path());
    wait_for_line(&lines, "READY", &mut child);
    wait_for_line(&lines, "SAVED", &mut child);
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    assert_eq!(findings_on_disk(data.path()), FINDINGS);
}

/// SIGTERM right after typing (a logout, a shutdown, `kill`): Harbor locks, writes the final save, and exits
/// normally; the typing is in the vault.
#[cfg(unix)]
#[test]
fn sigterm_right_after_typing_saves_then_exits() {
    for signal in ["TERM", "HUP"] {
        let data = tempfile::tempdir().expect("temp dir");
        let (mut child, lines) = start_child("signal", data.path());
        let ready = wait_for_line(&lines, "READY", &mut child);
        let pid = ready.trim_start_matches("READY ").trim();
        assert_eq!(pid, child.id().to_string());
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), pid])
            .status()
            .expect("run kill");
        assert!(sent.success());
        wait_for_line(&lines, "CLOSED", &mut child);
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = child.try_wait().expect("child status") {
                break status;
            }
            assert!(Instant::now() < deadline, "the child did not exit");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(status.success(), "SIG{signal}: exited with {status}");
        assert_eq!(findings_on_disk(data.path()), FINDINGS, "SIG{signal}");
    }
}
