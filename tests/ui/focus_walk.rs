//! Keyboard focus is never left on nothing (issue 25 point 4, issue 29 point 5): after every menu, dialog, language
//! switch, Escape, lock, unlock and search jump, the focused node of the AccessKit tree — what a screen reader
//! reads — is a named control, never the bare window; arrowing through the tab list after a lock stays in it; and
//! a live region says an old message once, not again on every visit.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable, by};
use harbor::ui::Tab;

use crate::common;

pub(crate) type App = egui_kittest::Harness<'static, common::TestApp>;

/// The focused node as a screen reader gets it: role, name and where it is. Fails the test, naming `step`, when
/// focus is on nothing, on the window itself, or on a node without a name.
pub(crate) fn focus_after(harness: &App, step: &str) -> (Role, String, egui::Rect) {
    let node = harness
        .query_all(by().predicate(|_| true))
        .map(|node| node.accesskit_node())
        .find(|node| node.is_focused())
        .unwrap_or_else(|| panic!("after {step}: focus is on nothing (the window)"));
    assert_ne!(
        node.role(),
        Role::Window,
        "after {step}: focus is on the window"
    );
    let name = node.label().unwrap_or_default();
    assert!(
        !name.trim().is_empty(),
        "after {step}: focus is on an unnamed {:?}",
        node.role()
    );
    let rect = node
        .bounding_box()
        .map(|b| {
            egui::Rect::from_min_max(
                egui::pos2(b.x0 as f32, b.y0 as f32),
                egui::pos2(b.x1 as f32, b.y1 as f32),
            )
        })
        .unwrap_or(egui::Rect::NOTHING);
    (node.role(), name, rect)
}

/// Presses a key (with Ctrl/⌘ when `command`) and lets the frames it causes run.
pub(crate) fn press(harness: &mut App, key: Key) {
    harness.key_press(key);
    settle(harness);
}

/// Runs frames until the window stops asking for more (a jump can take a few to bring its target to the top).
pub(crate) fn settle(harness: &mut App) {
    harness.run_steps(12);
    harness.run();
}

fn press_command(harness: &mut App, key: Key) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, key);
    harness.run();
}

/// Moves focus to the node named `label` as a screen reader does (AccessKit's focus action).
fn focus_on(harness: &mut App, role: Role, label: &str) {
    harness.get_by_role_and_label(role, label).focus();
    harness.run();
}

/// Moves focus to the first node whose name starts with `start` and presses Enter on it.
fn enter_on(harness: &mut App, role: Role, start: &str) {
    harness
        .query_all(by().role(role))
        .find(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with(start))
        })
        .unwrap_or_else(|| panic!("no {role:?} named “{start}…”"))
        .focus();
    harness.run();
    press(harness, Key::Enter);
}

/// Opens a top-bar menu from the keyboard: focus on its button, Enter.
fn open_menu(harness: &mut App, button: &str) {
    focus_on(harness, Role::Button, button);
    press(harness, Key::Enter);
}

#[test]
fn focus_lands_on_a_named_control_after_every_menu_dialog_language_switch_and_escape() {
    let mut harness = common::harness("en");
    focus_after(&harness, "start");

    // The language menu: opened and closed with Escape, then English → Arabic → English.
    open_menu(&mut harness, "English");
    focus_after(&harness, "opening the language menu");
    press(&mut harness, Key::Escape);
    let (_, name, _) = focus_after(&harness, "Escape in the language menu");
    assert_eq!(name, "English", "back on the menu's button");
    open_menu(&mut harness, "English");
    enter_on(&mut harness, Role::Button, "العربية");
    assert_eq!(harness.state().app().content().locale, "ar");
    let (_, name, _) = focus_after(&harness, "switching to Arabic");
    assert_eq!(name, "العربية", "on the language button, in its new name");
    open_menu(&mut harness, "العربية");
    enter_on(&mut harness, Role::Button, "English");
    assert_eq!(harness.state().app().content().locale, "en");
    let (_, name, _) = focus_after(&harness, "switching back to English");
    assert_eq!(name, "English");

    // Settings: Escape; then the policies dialog and the About box, each opened and closed from the keyboard.
    open_menu(&mut harness, "Settings");
    focus_after(&harness, "opening Settings");
    press(&mut harness, Key::Escape);
    let (_, name, _) = focus_after(&harness, "Escape in Settings");
    assert_eq!(name, "Settings");
    for (entry, inside) in [
        ("Policies in effect", "the policies dialog"),
        ("About Harbor", "the About box"),
    ] {
        open_menu(&mut harness, "Settings");
        enter_on(&mut harness, Role::Button, entry);
        let (_, name, _) = focus_after(&harness, &format!("opening {inside}"));
        assert_ne!(name, "Settings", "focus moved into {inside}");
        press(&mut harness, Key::Escape);
        let (_, name, _) = focus_after(&harness, &format!("Escape in {inside}"));
        assert_eq!(name, "Settings", "back on the button that opened {inside}");
    }

    // The patient card: opened from the keyboard, closed with Escape and with its Close button.
    press_command(&mut harness, Key::Num5);
    let show = "Show to patient: Can you come and go as you please during time off?";
    harness.get_by_label(show).scroll_to_me();
    harness.run();
    for close in [None, Some("Close card")] {
        focus_on(&mut harness, Role::Button, show);
        press(&mut harness, Key::Enter);
        let (_, name, _) = focus_after(&harness, "opening the patient card");
        assert_ne!(name, show, "focus moved into the card");
        match close {
            None => press(&mut harness, Key::Escape),
            Some(button) => enter_on(&mut harness, Role::Button, button),
        }
        let (_, name, _) = focus_after(&harness, "closing the patient card");
        assert_eq!(name, show, "back on the button that opened the card");
    }

    // Escape in the search box, and in the page.
    press_command(&mut harness, Key::F);
    harness.get_by_label("Search").type_text("passport");
    harness.run();
    press(&mut harness, Key::Escape);
    focus_after(&harness, "Escape in the search box");
    press_command(&mut harness, Key::Num2);
    press(&mut harness, Key::Tab);
    press(&mut harness, Key::Escape);
    focus_after(&harness, "Escape in the page");
}

#[test]
fn focus_lands_on_a_named_control_after_lock_and_unlock_and_stays_in_the_tab_list() {
    let mut harness = common::harness("en");
    common::create_vault(&mut harness, "correct horse battery staple");
    focus_after(&harness, "creating the vault");

    // Locked on Notes, then unlocked from the keyboard.
    press_command(&mut harness, Key::L);
    common::wait_for_vault(&mut harness);
    let (_, name, _) = focus_after(&harness, "locking on Notes");
    assert_eq!(name, "Passphrase");
    harness
        .get_by_label("Passphrase")
        .type_text("correct horse battery staple");
    harness.run();
    harness.key_press(Key::Enter);
    common::wait_for_vault(&mut harness);
    assert!(harness.state().app().session().is_unlocked());
    focus_after(&harness, "unlocking");

    // Locked from the Lock button on another tab, then the tab list walked with the arrows, past Notes.
    press_command(&mut harness, Key::Num3);
    focus_on(&mut harness, Role::Button, "Lock notes");
    harness.key_press(Key::Enter);
    common::wait_for_vault(&mut harness);
    assert!(!harness.state().app().session().is_unlocked());
    let (role, name, _) = focus_after(&harness, "locking on Health effects");
    assert_eq!((role, name.as_str()), (Role::Tab, "Health effects"));
    for _ in 0..Tab::ALL.len() + 1 {
        press(&mut harness, Key::ArrowDown);
        let tab = harness.state().app().tab();
        let (role, name, _) = focus_after(&harness, &format!("arrowing onto {tab:?}"));
        assert_eq!(
            (role, name),
            (Role::Tab, tab.label()),
            "the arrows stay in the tab list"
        );
    }
}
