//! At the bedside (issue 22): Quick exit never moves, counted phrases read right, the page scrolls from the
//! keyboard, and nothing above the pointer moves when a box is ticked or a question answered.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::common::{self, ui_string};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

type App = Harness<'static, common::TestApp>;

/// Puts `query` in the search box (labelled in `locale`), replacing what was there.
fn search_for(harness: &mut App, locale: &str, query: &str) {
    let label = ui_string(locale, "search.label");
    harness.get_by_label(&label).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(&label).type_text(query);
    harness.run();
}

fn clear_search(harness: &mut App, locale: &str) {
    harness
        .get_by_label(&ui_string(locale, "search.clear"))
        .click();
    harness.run();
    assert!(
        harness
            .query_by_label(&ui_string(locale, "search.label"))
            .and_then(|field| field.value())
            .is_none_or(|value| value.is_empty()),
        "the search box is empty"
    );
}

fn quick_exit(harness: &App, locale: &str) -> egui::Rect {
    harness
        .get_by_label(&ui_string(locale, "app.quick_exit"))
        .rect()
}

#[test]
fn quick_exit_stays_on_the_outer_edge_whatever_the_search_lock_or_language() {
    let mut harness = common::harness("en");
    let window = harness.ctx.content_rect();
    let english = quick_exit(&harness, "en");
    assert!(
        window.right() - english.right() < 24.0,
        "pinned to the right edge in English: {english:?} in {window:?}"
    );
    let mut seen = Vec::new();
    search_for(&mut harness, "en", "hotline");
    seen.push(("en, search filled, locked", quick_exit(&harness, "en")));
    clear_search(&mut harness, "en");
    seen.push(("en, search empty, locked", quick_exit(&harness, "en")));
    common::create_vault(&mut harness, "correct horse battery staple");
    seen.push(("en, search empty, unlocked", quick_exit(&harness, "en")));
    search_for(&mut harness, "en", "hotline");
    seen.push(("en, search filled, unlocked", quick_exit(&harness, "en")));
    for (state, rect) in &seen {
        assert_eq!(*rect, english, "Quick exit moved: {state}");
    }

    // Arabic, still unlocked: the bar is mirrored, Quick exit on the left edge.
    clear_search(&mut harness, "en");
    harness.get_by_label("English").click();
    harness.run();
    harness.get_by_label_contains("العربية").click();
    harness.run();
    let arabic = quick_exit(&harness, "ar");
    assert!(
        arabic.left() - window.left() < 24.0,
        "pinned to the left edge in Arabic: {arabic:?}"
    );
    let mut seen = vec![("ar, search empty, unlocked", arabic)];
    search_for(&mut harness, "ar", "خط");
    seen.push(("ar, search filled, unlocked", quick_exit(&harness, "ar")));
    clear_search(&mut harness, "ar");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.run();
    assert!(!harness.state().app().session().is_unlocked(), "locked");
    seen.push(("ar, search empty, locked", quick_exit(&harness, "ar")));
    search_for(&mut harness, "ar", "خط");
    seen.push(("ar, search filled, locked", quick_exit(&harness, "ar")));
    for (state, rect) in &seen {
        assert_eq!(*rect, arabic, "Quick exit moved: {state}");
    }
}

#[test]
fn one_minute_is_singular_in_the_settings_menu() {
    let mut harness = common::harness("en");
    harness.get_by_label("Settings").click();
    harness.run();
    assert!(harness.query_by_label("1 minute").is_some(), "1 minute");
    assert!(harness.query_by_label("1 minutes").is_none());
    assert!(harness.query_by_label("5 minutes").is_some());
}
