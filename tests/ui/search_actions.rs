//! App actions found by search (issue 29): typing an action's name lists it first; clicking it (or Enter) performs
//! it through the app's commands, or opens where it is done.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use egui_kittest::kittest::{NodeT, Queryable};
use harbor::ui::Tab;

use crate::common;

fn search(harness: &mut egui_kittest::Harness<'static, common::TestApp>, query: &str) {
    harness.get_by_label("Search").click();
    harness.run();
    harness.get_by_label("Search").type_text(query);
    harness.run();
}

fn choose(harness: &mut egui_kittest::Harness<'static, common::TestApp>, label: &str) {
    harness
        .get_all_by_label_contains(label)
        .next()
        .unwrap_or_else(|| panic!("no result “{label}”"))
        .click();
    harness.run();
}

#[test]
fn settings_and_language_open_their_menus() {
    let mut harness = common::harness("en");
    search(&mut harness, "settings");
    assert!(harness.query_by_label("Theme").is_none());
    choose(&mut harness, "Settings");
    harness.run();
    assert!(
        harness.query_by_label("Theme").is_some(),
        "the settings menu is open"
    );
    // One harness at a time holds the interface language.
    drop(harness);

    let mut harness = common::harness("en");
    search(&mut harness, "change language");
    choose(&mut harness, "Language of the interface and the guide");
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("Español")
            .next()
            .is_some(),
        "the language menu is open"
    );
}

#[test]
fn enter_on_an_action_performs_it_and_spanish_names_it_too() {
    let mut harness = common::harness("es");
    harness.get_by_label("Buscar").click();
    harness.run();
    harness.get_by_label("Buscar").type_text("exportar plan");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().app().tab(), Tab::SafetyPlan);
}

#[test]
fn print_card_opens_the_hotline_card_with_focus_on_its_save_button() {
    let mut harness = common::harness("en");
    search(&mut harness, "print card");
    choose(&mut harness, "Save pocket cards as PDF");
    harness.run();
    assert!(
        harness.query_by_label("Close card").is_some(),
        "the national hotline's card is open"
    );
    let focused = harness
        .query_all(egui_kittest::kittest::by().predicate(|_| true))
        .map(|node| node.accesskit_node())
        .find(|node| node.is_focused())
        .and_then(|node| node.label());
    assert_eq!(focused.as_deref(), Some("Save pocket cards as PDF…"));
}

#[test]
fn lock_locks_the_notes() {
    let mut harness = common::harness("en");
    common::create_vault(&mut harness, "correct horse battery staple 42");
    search(&mut harness, "lock");
    choose(&mut harness, "Lock notes");
    common::wait_for_vault(&mut harness);
    assert!(!harness.state().app().session().is_unlocked());
}

#[test]
fn quick_exit_leaves_at_once() {
    let mut harness = common::harness("en");
    search(&mut harness, "quick exit");
    assert!(harness.query_all_by_label("Overview").next().is_some());
    // The result (a link), not the button of the top bar.
    harness
        .query_all_by_role(egui::accesskit::Role::Link)
        .find(|n| n.accesskit_node().label().as_deref() == Some("Quick exit"))
        .expect("the Quick exit result")
        .click();
    harness.run();
    assert!(
        harness.query_all_by_label("Overview").next().is_none(),
        "the window is blank while it closes"
    );
}

#[test]
fn a_word_that_only_looks_like_an_action_is_not_one() {
    // "locked in" is a question about being locked in, not the Lock action.
    let mut harness = common::harness("en");
    search(&mut harness, "locked in");
    assert!(harness.query_by_label("Lock notes").is_none());
}
