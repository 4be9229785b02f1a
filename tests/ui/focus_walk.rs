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

    // A list inside the card: choosing from it leaves focus on it, in the card.
    focus_on(&mut harness, Role::Button, show);
    press(&mut harness, Key::Enter);
    focus_on(&mut harness, Role::ComboBox, "Patient's language");
    press(&mut harness, Key::Enter);
    enter_on(&mut harness, Role::Button, "Español");
    let (role, name, _) = focus_after(&harness, "choosing the patient's language");
    assert_eq!(
        (role, name.as_str()),
        (Role::ComboBox, "Patient's language"),
        "back on the list's button, in the card"
    );
    press(&mut harness, Key::Escape);
    let (_, name, _) = focus_after(&harness, "closing the card after choosing a language");
    assert_eq!(name, show);

    // The safety plan's export panel and its warning: opened (focus on its first choice), cancelled (focus back on
    // the button that opened it).
    press_command(&mut harness, Key::Num9);
    open_menu(&mut harness, "Export as PDF…");
    let (role, name, _) = focus_after(&harness, "opening the export panel");
    assert_eq!(
        (role, name.as_str()),
        (Role::RadioButton, "Copy for the patient to take home")
    );
    enter_on(&mut harness, Role::Button, "Cancel");
    let (_, name, _) = focus_after(&harness, "cancelling the export");
    assert_eq!(name, "Export as PDF…");

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
    // While the unlock runs, the form is gone: focus is on what is happening, not sent back to the tab list.
    harness.key_press(Key::Enter);
    harness.step();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut busy_frames = 0;
    while harness.state().app().session().task().is_some() {
        assert!(
            std::time::Instant::now() < deadline,
            "the unlock did not finish"
        );
        harness.step();
        let (role, name, _) = focus_after(&harness, "unlocking, while it runs");
        if harness.state().app().session().task().is_some() {
            busy_frames += 1;
            assert!(
                role != Role::Tab && name.starts_with("Unlocking…"),
                "focus on the unlock's progress, not on {role:?} {name}"
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(busy_frames > 0, "the unlock was seen running");
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

/// What a screen reader says by itself: AccessKit's AT-SPI adapter announces a live node when it is added to the
/// tree or its name changes. Looks at the tree after every frame, as the adapter does.
#[derive(Default)]
struct Listener {
    /// Every node of the last frame, with its text.
    seen: std::collections::HashMap<String, String>,
}

impl Listener {
    /// The announcements of the frame just run.
    fn hear(&mut self, harness: &App) -> Vec<String> {
        let mut now = std::collections::HashMap::new();
        let mut heard = Vec::new();
        for node in harness.query_all(by().predicate(|_| true)) {
            let node = node.accesskit_node();
            let text = node.value().or_else(|| node.label()).unwrap_or_default();
            let id = format!("{:?}", node.id());
            if node.live() != egui::accesskit::Live::Off
                && self.seen.get(&id) != Some(&text)
                && !text.is_empty()
            {
                heard.push(text.clone());
            }
            now.insert(id, text);
        }
        self.seen = now;
        heard
    }

    /// Runs `frames` frames, listening to each.
    fn frames(&mut self, harness: &mut App, frames: usize) -> Vec<String> {
        let mut heard = Vec::new();
        for _ in 0..frames {
            harness.step();
            heard.extend(self.hear(harness));
        }
        heard
    }

    /// Runs frames until the vault's task has finished (and a few more), listening to each.
    fn until_idle(&mut self, harness: &mut App) -> Vec<String> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let mut heard = self.frames(harness, 2);
        while harness.state().app().session().task().is_some() {
            assert!(
                std::time::Instant::now() < deadline,
                "the vault task did not finish"
            );
            heard.extend(self.frames(harness, 1));
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        heard.extend(self.frames(harness, 8));
        heard
    }
}

fn said(heard: &[String], words: &str) -> bool {
    heard.iter().any(|text| text.contains(words))
}

#[test]
fn a_live_region_says_an_event_once_not_again_on_every_visit() {
    let mut harness = common::harness("en");
    let mut listener = Listener::default();
    press_command(&mut harness, Key::Num4);
    listener.frames(&mut harness, 2);
    harness
        .get_by_role_and_label(Role::CheckBox, "Delayed presentation for medical care")
        .click();
    let heard = listener.frames(&mut harness, 6);
    assert!(said(&heard, "General red flags (1)"), "ticking: {heard:?}");
    // Away and back: the same summary is not news.
    press_command(&mut harness, Key::Num2);
    listener.frames(&mut harness, 6);
    press_command(&mut harness, Key::Num4);
    let heard = listener.frames(&mut harness, 6);
    assert!(
        !said(&heard, "General red flags"),
        "coming back to Indicators said again: {heard:?}"
    );

    // A wrong passphrase is said; coming back to Notes does not say it again; a second wrong one is said again.
    common::create_vault(&mut harness, "correct horse battery staple");
    press_command(&mut harness, Key::L);
    common::wait_for_vault(&mut harness);
    let wrong = "does not open your notes";
    for attempt in ["first", "second"] {
        harness
            .get_by_label("Passphrase")
            .type_text("not the passphrase");
        harness.run();
        harness.key_press(Key::Enter);
        let heard = listener.until_idle(&mut harness);
        assert!(said(&heard, wrong), "{attempt} wrong passphrase: {heard:?}");
        if attempt == "first" {
            press_command(&mut harness, Key::Num2);
            listener.frames(&mut harness, 6);
            press_command(&mut harness, Key::Num0);
            let heard = listener.frames(&mut harness, 6);
            assert!(
                !said(&heard, wrong),
                "coming back to Notes said again: {heard:?}"
            );
            harness.get_by_label("Passphrase").focus();
            harness.run();
        }
    }
}

#[test]
fn in_arabic_too_focus_comes_back_from_menus_and_dialogs() {
    let mut harness = common::harness("ar");
    let settings = common::ui_string("ar", "settings.menu");
    open_menu(&mut harness, "العربية");
    press(&mut harness, Key::Escape);
    let (_, name, _) = focus_after(&harness, "Escape in the Arabic language menu");
    assert_eq!(name, "العربية");
    open_menu(&mut harness, &settings);
    press(&mut harness, Key::Escape);
    let (_, name, _) = focus_after(&harness, "Escape in the Arabic settings");
    assert_eq!(name, settings);
    for entry in ["deploy.policy.in_effect", "app.about"] {
        open_menu(&mut harness, &settings);
        enter_on(&mut harness, Role::Button, &common::ui_string("ar", entry));
        focus_after(&harness, &format!("opening {entry}"));
        press(&mut harness, Key::Escape);
        let (_, name, _) = focus_after(&harness, &format!("closing {entry}"));
        assert_eq!(name, settings);
    }
}

/// A vault directory that cannot be written to (as on a read-only USB stick or a directory whose permission was
/// taken away), once `refuse` is set: every new file of a save is refused, so the final save on exit fails.
#[derive(Default)]
struct Unwritable {
    refuse: std::sync::atomic::AtomicBool,
}

impl harbor::vault::FileOps for Unwritable {
    fn create_new(&self, path: &std::path::Path) -> std::io::Result<std::fs::File> {
        if self.refuse.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        }
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    }
}

/// A vault on `storage` with one record ("Case E-1") whose notes were just typed, not yet saved.
fn record_with_typed_notes(storage: &std::sync::Arc<Unwritable>) -> App {
    let mut harness = common::harness("en");
    harness.state_mut().app_mut().use_file_ops(storage.clone());
    common::create_vault(&mut harness, "correct horse battery staple");
    common::type_into(&mut harness, "Case label (pseudonym)", "Case E-1");
    harness.get_by_label("New case record").click();
    common::wait_for_vault(&mut harness);
    let notes = || Role::MultilineTextInput;
    harness.get_by_role_and_label(notes(), "Notes").click();
    harness.run();
    harness
        .get_by_role_and_label(notes(), "Notes")
        .type_text("seen with her cousin");
    harness.run();
    harness
}

#[test]
fn the_exit_dialog_takes_focus_and_gives_it_back_to_quick_exit() {
    let storage = std::sync::Arc::new(Unwritable::default());
    let mut harness = record_with_typed_notes(&storage);
    storage
        .refuse
        .store(true, std::sync::atomic::Ordering::SeqCst);

    // Quick exit from the keyboard; the final save fails and the window asks.
    for (attempt, leave) in [("Escape", Key::Escape), ("Keep Harbor open", Key::Enter)] {
        focus_on(&mut harness, Role::Button, "Quick exit");
        harness.key_press(Key::Enter);
        // The window is blank while the final save runs; it comes back with the choice when the save fails.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while harness.query_by_label("Keep Harbor open").is_none() {
            assert!(
                std::time::Instant::now() < deadline,
                "the exit dialog never appeared"
            );
            harness.step();
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        harness.run_steps(4);
        assert!(
            harness
                .query_all_by_label_contains("Your latest changes are not saved")
                .next()
                .is_some(),
            "the final save failed and the exit dialog says so"
        );
        let (role, name, _) = focus_after(&harness, "the exit dialog opening");
        assert_eq!(
            (role, name.as_str()),
            (Role::Button, "Keep Harbor open"),
            "focus moved into the exit dialog, on its first choice"
        );
        press(&mut harness, leave);
        assert!(
            harness.query_by_label("Keep Harbor open").is_none(),
            "{attempt} closed the exit dialog"
        );
        assert!(
            !harness.state().app().session().is_unlocked(),
            "the notes stay locked"
        );
        let (_, name, _) = focus_after(&harness, &format!("{attempt} in the exit dialog"));
        assert_eq!(name, "Quick exit", "back on the button that opened it");
    }
}

#[test]
fn the_save_to_record_menu_takes_focus_and_gives_it_back() {
    let storage = std::sync::Arc::new(Unwritable::default());
    let mut harness = record_with_typed_notes(&storage);
    press_command(&mut harness, Key::Num4);
    settle(&mut harness);
    harness
        .get_by_role_and_label(Role::CheckBox, "Delayed presentation for medical care")
        .click();
    harness.run();
    let menu = "Save to a case record";
    open_menu(&mut harness, menu);
    let (role, name, _) = focus_after(&harness, "opening the save-to-record menu");
    assert_eq!(
        (role, name.as_str()),
        (Role::Button, "Case E-1"),
        "focus on the menu's first record"
    );
    press(&mut harness, Key::Escape);
    let (_, name, _) = focus_after(&harness, "Escape in the save-to-record menu");
    assert_eq!(name, menu, "back on the menu's button");

    // Chosen with Enter: the observation goes to the record, the ticks (and the menu with them) are cleared, a
    // live region says so once, and focus is on the first check box, where the next observation starts.
    let mut listener = Listener::default();
    listener.frames(&mut harness, 2);
    open_menu(&mut harness, menu);
    harness.key_press(Key::Enter);
    let heard = listener.until_idle(&mut harness);
    assert!(
        said(&heard, "Observations added to the case record."),
        "the save is said: {heard:?}"
    );
    let (role, name, _) = focus_after(&harness, "saving to a record from the menu");
    assert_eq!(
        (role, name.as_str()),
        (Role::CheckBox, "Delayed presentation for medical care"),
        "on the first check box"
    );
    let records = harness.state().app().session().vault().expect("unlocked");
    assert_eq!(
        records.records[0].observations.len(),
        1,
        "the observation is in the record"
    );
}

/// Presses `key` and checks every frame after it, as AccessKit's adapter sends them, that focus is on a control:
/// a single frame with the window focused makes Orca say "Harbor frame".
fn never_on_the_window(harness: &mut App, key: Key, step: &str) {
    // Down and up in frames of their own, as a keyboard sends them (kittest's key_press would run both frames
    // before the tree is looked at).
    harness.key_down(key);
    for frame in 0..8 {
        if frame == 1 {
            harness.key_up(key);
        }
        harness.step();
        let focused = harness
            .query_all(by().predicate(|_| true))
            .map(|node| node.accesskit_node())
            .find(|node| node.is_focused());
        assert!(
            focused.is_some_and(|node| node.role() != Role::Window),
            "{step}: in frame {frame} the window has focus"
        );
    }
    settle(harness);
}

#[test]
fn no_frame_leaves_focus_on_the_window_when_a_menu_or_dialog_closes() {
    let mut harness = common::harness("en");
    open_menu(&mut harness, "English");
    never_on_the_window(&mut harness, Key::Escape, "Escape in the language menu");
    let (_, name, _) = focus_after(&harness, "Escape in the language menu");
    assert_eq!(name, "English");
    open_menu(&mut harness, "Settings");
    enter_on(&mut harness, Role::Button, "About Harbor");
    focus_after(&harness, "opening the About box");
    never_on_the_window(&mut harness, Key::Escape, "Escape in the About box");
    let (_, name, _) = focus_after(&harness, "Escape in the About box");
    assert_eq!(name, "Settings");

    // A list chosen from with Enter: its entry goes with it, focus goes back to the list.
    press_command(&mut harness, Key::Num5);
    let show = "Show to patient: Can you come and go as you please during time off?";
    harness.get_by_label(show).scroll_to_me();
    harness.run();
    focus_on(&mut harness, Role::Button, show);
    press(&mut harness, Key::Enter);
    focus_on(&mut harness, Role::ComboBox, "Patient's language");
    press(&mut harness, Key::Enter);
    harness
        .query_all(by().role(Role::Button))
        .find(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("Español"))
        })
        .expect("the list is open")
        .focus();
    harness.run();
    never_on_the_window(
        &mut harness,
        Key::Enter,
        "Enter in the patient's language list",
    );
    let (role, name, _) = focus_after(&harness, "choosing a language with Enter");
    assert_eq!(
        (role, name.as_str()),
        (Role::ComboBox, "Patient's language")
    );
}
