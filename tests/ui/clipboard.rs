//! Copied note text does not outlive the lock: it goes to the system clipboard marked sensitive, is taken back after
//! 30 seconds or at the lock if still there, and the search box empties. Other copies go through egui as usual.
//! (kittest never touches the real clipboard: a stand-in records what Harbor asked of it. The real clipboard is
//! checked in a real window, `tests/app/clipboard.rs`.)

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use egui::{Event, Key, Modifiers, OutputCommand};
use egui_kittest::kittest::Queryable;
use harbor::app::{Clock, SENSITIVE_CLIPBOARD_TIME, SystemClipboard};

use crate::common::{self, TestApp};

const PASSPHRASE: &str = "four unrelated words here";
const NOTE: &str = "lives above the nail salon";

/// The clipboard's text and whether it was marked sensitive.
#[derive(Clone, Default)]
struct StandIn(Arc<Mutex<Option<(String, bool)>>>);

impl StandIn {
    fn get(&self) -> Option<(String, bool)> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The user copies something in another program.
    fn copy_elsewhere(&self, text: &str) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some((text.to_owned(), false));
    }
}

impl SystemClipboard for StandIn {
    fn set_sensitive(&mut self, text: &str) -> bool {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some((text.to_owned(), true));
        true
    }

    fn text(&mut self) -> Option<String> {
        self.get().map(|(text, _)| text)
    }

    fn clear(&mut self) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

fn notes_field() -> egui::accesskit::Role {
    egui::accesskit::Role::MultilineTextInput
}

/// A record whose notes hold NOTE, all of it selected and copied with Ctrl+C.
fn note_copied() -> (egui_kittest::Harness<'static, TestApp>, StandIn, Clock) {
    let mut harness = common::harness("en");
    let clipboard = StandIn::default();
    let clock = Clock::manual();
    let app = harness.state_mut().app.as_mut().expect("a frame ran");
    app.use_clipboard(Box::new(clipboard.clone()));
    app.set_clock(clock.clone());
    common::create_vault(&mut harness, PASSPHRASE);
    common::type_into(&mut harness, "Case label (pseudonym)", "Case V-1");
    harness.get_by_label("New case record").click();
    common::wait_for_vault(&mut harness);
    harness
        .get_by_role_and_label(notes_field(), "Notes")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(notes_field(), "Notes")
        .type_text(NOTE);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    // egui-winit turns Ctrl+C into this event.
    harness.event(Event::Copy);
    harness.step();
    (harness, clipboard, clock)
}

fn egui_copies(harness: &egui_kittest::Harness<'static, TestApp>) -> Vec<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|command| match command {
            OutputCommand::CopyText(text) | OutputCommand::TextSelectionSettled(text) => {
                Some(text.clone())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn copied_note_text_is_marked_sensitive_and_leaves_the_clipboard_at_lock() {
    let (mut harness, clipboard, _clock) = note_copied();
    assert_eq!(
        clipboard.get(),
        Some((NOTE.to_owned(), true)),
        "the note is on the clipboard, marked sensitive"
    );
    assert!(
        egui_copies(&harness).is_empty(),
        "egui's backend (and the primary selection) never gets it"
    );
    harness.get_by_label("Search").click();
    harness.run();
    harness.get_by_label("Search").type_text("shelter");
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    assert_eq!(clipboard.get(), None, "the lock took the note back");
    assert_eq!(
        harness.get_by_label("Search").value().as_deref(),
        Some(""),
        "the search box is empty after the lock"
    );
}

#[test]
fn copied_note_text_leaves_the_clipboard_after_thirty_seconds() {
    let (mut harness, clipboard, clock) = note_copied();
    clock.advance(SENSITIVE_CLIPBOARD_TIME - Duration::from_secs(1));
    harness.step();
    assert!(clipboard.get().is_some(), "still there after 29 s");
    clock.advance(Duration::from_secs(2));
    harness.step();
    assert_eq!(clipboard.get(), None, "gone after 30 s");
    assert!(
        harness.state().app().session().is_unlocked(),
        "the vault stays unlocked"
    );
}

#[test]
fn what_the_user_copied_elsewhere_afterwards_is_left_alone() {
    let (mut harness, clipboard, clock) = note_copied();
    clipboard.copy_elsewhere("an address from the browser");
    clock.advance(SENSITIVE_CLIPBOARD_TIME);
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    assert_eq!(
        clipboard.get(),
        Some(("an address from the browser".to_owned(), false))
    );
}

#[test]
fn copies_outside_the_vault_go_through_egui_as_usual() {
    let mut harness = common::harness("en");
    let clipboard = StandIn::default();
    harness
        .state_mut()
        .app
        .as_mut()
        .expect("a frame ran")
        .use_clipboard(Box::new(clipboard.clone()));
    harness.get_by_label("Search").click();
    harness.run();
    harness.get_by_label("Search").type_text("hotline");
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(Event::Copy);
    harness.step();
    assert_eq!(egui_copies(&harness), vec!["hotline".to_owned()]);
    assert_eq!(clipboard.get(), None, "not a vault copy");
}
