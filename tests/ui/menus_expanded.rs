//! Menus and lists say whether they are open (issue 25's follow-up): the button of the language menu, the Settings
//! menu (and its jurisdiction submenu), the indicators' "Save to a case record" menu and every combo box carries
//! AccessKit's expanded state — collapsed before, expanded while open, collapsed again after Escape — which the
//! AT-SPI adapter (with Harbor's patch) turns into `expandable`/`expanded` for Orca.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable, by};

use crate::common;
use crate::focus_walk::{App, focus_after, press, settle};

const PASSPHRASE: &str = "correct horse battery staple";

/// The expanded state of the node with this role and name that has one (an open menu's first entry can share its
/// button's name); None when none has.
fn expanded(harness: &App, role: Role, name: &str) -> Option<bool> {
    harness
        .query_all(by().role(role).label(name))
        .find_map(|node| node.accesskit_node().data().is_expanded())
}

/// Opens a menu or list from the keyboard (focus on its button, Enter), checks it says collapsed before and expanded
/// while open, closes it with Escape and checks it says collapsed again.
fn open_and_escape(harness: &mut App, role: Role, name: &str) {
    assert_eq!(
        expanded(harness, role, name),
        Some(false),
        "{name}: collapsed before it is opened"
    );
    harness.get_by_role_and_label(role, name).focus();
    harness.run();
    press(harness, Key::Enter);
    if role == Role::Button {
        let (_, entry, _) = focus_after(harness, &format!("opening {name}"));
        assert!(
            harness
                .query_all(by().predicate(|_| true))
                .map(|node| node.accesskit_node())
                .any(|node| node.is_focused() && node.data().is_expanded().is_none()),
            "{name}: focus moved into the menu (on {entry})"
        );
    }
    assert_eq!(
        expanded(harness, role, name),
        Some(true),
        "{name}: expanded while open"
    );
    press(harness, Key::Escape);
    assert_eq!(
        expanded(harness, role, name),
        Some(false),
        "{name}: collapsed after Escape"
    );
    focus_after(harness, &format!("Escape in {name}"));
}

fn command(harness: &mut App, key: Key) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, key);
    settle(harness);
}

#[test]
fn the_language_and_settings_menus_say_collapsed_and_expanded() {
    let mut harness = common::harness("en");
    open_and_escape(&mut harness, Role::Button, "English");
    open_and_escape(&mut harness, Role::Button, "Settings");

    // The jurisdiction submenu inside Settings: collapsed, expanded once entered with Enter.
    harness
        .get_by_role_and_label(Role::Button, "Settings")
        .focus();
    harness.run();
    press(&mut harness, Key::Enter);
    let jurisdiction = harness
        .query_all(by().role(Role::Button))
        .map(|node| node.accesskit_node())
        .find(|node| {
            node.data().is_expanded().is_some() && node.label().as_deref() != Some("Settings")
        })
        .map(|node| node.label().unwrap_or_default())
        .expect("the jurisdiction submenu's button says it can expand");
    assert_eq!(expanded(&harness, Role::Button, &jurisdiction), Some(false));
    harness
        .get_by_role_and_label(Role::Button, &jurisdiction)
        .focus();
    harness.run();
    press(&mut harness, Key::Enter);
    assert_eq!(
        expanded(&harness, Role::Button, &jurisdiction),
        Some(true),
        "the jurisdiction submenu is open"
    );
    press(&mut harness, Key::Escape);
    assert_eq!(expanded(&harness, Role::Button, "Settings"), Some(false));

    // In Arabic too (names are the Arabic strings).
    drop(harness);
    let mut harness = common::harness("ar");
    open_and_escape(&mut harness, Role::Button, "العربية");
    open_and_escape(
        &mut harness,
        Role::Button,
        &common::ui_string("ar", "settings.menu"),
    );
}

#[test]
fn a_menu_opened_from_the_keyboard_takes_focus_on_its_first_entry() {
    let mut harness = common::harness("en");
    harness
        .get_by_role_and_label(Role::Button, "English")
        .focus();
    harness.run();
    press(&mut harness, Key::Enter);
    let (role, name, _) = focus_after(&harness, "opening the language menu with Enter");
    assert_eq!((role, name.as_str()), (Role::Button, "English"));
    let focused = harness
        .query_all(by().predicate(|_| true))
        .map(|node| node.accesskit_node())
        .find(|node| node.is_focused())
        .expect("focus is on a node");
    assert_eq!(
        focused.data().is_expanded(),
        None,
        "focus is on the menu's first entry, not on the menu's button"
    );
}

#[test]
fn the_save_to_record_menu_and_every_list_say_collapsed_and_expanded() {
    let mut harness = common::harness("en");
    common::create_vault(&mut harness, PASSPHRASE);
    common::type_into(&mut harness, "Case label (pseudonym)", "Case E-1");
    harness.get_by_label("New case record").click();
    common::wait_for_vault(&mut harness);

    // Indicators: tick one, then the menu of records to save the observation to.
    command(&mut harness, Key::Num4);
    harness
        .get_by_role_and_label(Role::CheckBox, "Delayed presentation for medical care")
        .click();
    harness.run();
    open_and_escape(&mut harness, Role::Button, "Save to a case record");

    // The patient card's two language lists.
    command(&mut harness, Key::Num5);
    let show = "Show to patient: Can you come and go as you please during time off?";
    harness.get_by_label(show).scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(Role::Button, show).focus();
    harness.run();
    press(&mut harness, Key::Enter);
    open_and_escape(&mut harness, Role::ComboBox, "Patient's language");
    open_and_escape(&mut harness, Role::ComboBox, "Your language");
    press(&mut harness, Key::Escape);

    // Safety plan: the record list and every need's status list.
    command(&mut harness, Key::Num9);
    open_and_escape(&mut harness, Role::ComboBox, "Plan for case record:");
    let lists: Vec<(String, Option<bool>)> = harness
        .query_all(by().role(Role::ComboBox))
        .map(|node| {
            let node = node.accesskit_node();
            (node.label().unwrap_or_default(), node.data().is_expanded())
        })
        .collect();
    assert!(lists.len() > 1, "the plan's lists are drawn: {lists:?}");
    for (name, state) in &lists {
        assert_eq!(*state, Some(false), "{name}: collapsed");
    }
    let need = &lists.last().expect("a need's list").0;
    open_and_escape(&mut harness, Role::ComboBox, need);
}
