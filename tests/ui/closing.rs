//! Closing the window never loses typed text: it waits for the final save ("Saving…"), however slow the disk, and
//! if the save fails the user chooses.

use std::fs::File;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use egui::{ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::kittest::Queryable;
use harbor::vault::FileOps;

use crate::common::{self, TestApp};

const PASSPHRASE: &str = "four unrelated words here";
const NOTE: &str = "seen at the clinic with her cousin";

/// Storage like a slow USB stick: every write waits `delay` once `slow` is set; or a full disk once `full` is.
#[derive(Default)]
struct Storage {
    slow: AtomicBool,
    full: AtomicBool,
}

const DELAY: Duration = Duration::from_millis(1500);

impl FileOps for Storage {
    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        if self.full.load(Ordering::SeqCst) {
            return Err(io::Error::from_raw_os_error(28)); // ENOSPC
        }
        if self.slow.load(Ordering::SeqCst) {
            std::thread::sleep(DELAY);
        }
        io::Write::write_all(file, bytes)
    }
}

/// A vault on `storage` with one record whose notes were just typed (not yet autosaved).
fn note_typed(storage: &Arc<Storage>) -> egui_kittest::Harness<'static, TestApp> {
    let mut harness = common::harness("en");
    harness
        .state_mut()
        .app
        .as_mut()
        .expect("the harness ran a frame")
        .use_file_ops(storage.clone());
    common::create_vault(&mut harness, PASSPHRASE);
    common::type_into(&mut harness, "Case label (pseudonym)", "Case C-1");
    harness.get_by_label("New case record").click();
    common::wait_for_vault(&mut harness);
    // "Notes" is also the tab's name: the text field is the multi-line one.
    let field = || egui::accesskit::Role::MultilineTextInput;
    harness.get_by_role_and_label(field(), "Notes").click();
    harness.run();
    harness
        .get_by_role_and_label(field(), "Notes")
        .type_text(NOTE);
    harness.run();
    harness
}

/// The window manager's close button.
fn request_close(harness: &mut egui_kittest::Harness<'static, TestApp>) {
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.step();
}

fn commands(harness: &egui_kittest::Harness<'static, TestApp>) -> Vec<ViewportCommand> {
    harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .map(|output| output.commands.clone())
        .unwrap_or_default()
}

/// Steps until the app asks the window to close; fails after `limit`.
fn wait_for_close(harness: &mut egui_kittest::Harness<'static, TestApp>, limit: Duration) {
    let deadline = Instant::now() + limit;
    loop {
        harness.step();
        if commands(harness).contains(&ViewportCommand::Close) {
            return;
        }
        assert!(Instant::now() < deadline, "the window never closed");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// What a fresh session reads from the data directory (read-only: the app's window still holds the vault).
fn notes_on_disk(harness: &egui_kittest::Harness<'static, TestApp>) -> String {
    let mut session = harbor::vault::Session::new(
        harness.state().app().session().dir().to_owned(),
        Arc::new(|| {}),
    );
    session
        .unlock_allow_read_only(PASSPHRASE.into())
        .expect("unlock starts");
    assert!(session.wait_idle(Duration::from_secs(60)));
    let vault = session.vault().expect("the vault on disk opens");
    vault.records.first().expect("the record").notes.clone()
}

#[test]
fn closing_on_slow_storage_waits_for_the_final_save() {
    let storage = Arc::new(Storage::default());
    let mut harness = note_typed(&storage);
    storage.slow.store(true, Ordering::SeqCst);
    let started = Instant::now();
    request_close(&mut harness);
    assert!(
        commands(&harness).contains(&ViewportCommand::CancelClose),
        "the first close request is held back while the save runs"
    );
    assert!(
        !harness.state().app().session().is_unlocked(),
        "locked at once"
    );
    // A modal window is laid out on the frame after it opens.
    harness.step();
    assert!(
        harness
            .query_by_label_contains("Saving your notes before Harbor closes")
            .is_some(),
        "says it is saving"
    );
    wait_for_close(&mut harness, Duration::from_secs(30));
    assert!(
        started.elapsed() >= DELAY,
        "closed only after the slow write finished"
    );
    assert_eq!(notes_on_disk(&harness), NOTE, "the typed text is on disk");
}

#[test]
fn a_failed_final_save_asks_before_closing() {
    let storage = Arc::new(Storage::default());
    let mut harness = note_typed(&storage);
    storage.full.store(true, Ordering::SeqCst);
    request_close(&mut harness);
    common::wait_for_vault(&mut harness);
    assert!(
        // The close dialog's heading says it, and the save status under it says why.
        harness
            .query_all_by_label_contains("Your latest changes are not saved")
            .next()
            .is_some(),
        "the failure is shown"
    );
    assert!(
        !commands(&harness).contains(&ViewportCommand::Close),
        "nothing closes by itself"
    );
    // The user frees space and keeps Harbor open; unlocking saves the kept edits.
    harness.get_by_label("Keep Harbor open").click();
    harness.run();
    storage.full.store(false, Ordering::SeqCst);
    harness.get_by_label("Notes").click();
    harness.run();
    common::type_into(&mut harness, "Passphrase", PASSPHRASE);
    harness.get_by_label("Unlock").click();
    common::wait_for_vault(&mut harness);
    assert!(
        !harness.state().app().session().has_unsaved_changes(),
        "the kept edits were saved"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    common::wait_for_vault(&mut harness);
    assert_eq!(notes_on_disk(&harness), NOTE);
}

#[test]
fn quick_exit_blanks_at_once_and_closes_after_the_save() {
    let storage = Arc::new(Storage::default());
    let mut harness = note_typed(&storage);
    storage.slow.store(true, Ordering::SeqCst);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    harness.step();
    assert!(
        harness.query_by_label_contains(NOTE).is_none(),
        "the note is off screen at once"
    );
    wait_for_close(&mut harness, Duration::from_secs(30));
    assert_eq!(notes_on_disk(&harness), NOTE);
}
