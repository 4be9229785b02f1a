//! The guide through its accessible labels: every tab opens, search finds items and jumps to them, shortcuts work.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use harbor::ui::Tab;

#[test]
fn every_tab_opens_by_its_accessible_label() {
    let mut harness = common::harness("en");
    for (label, tab, expected_text) in [
        ("Overview", Tab::Overview, "Act (what is done)"),
        ("Health effects", Tab::Health, "Blunt force trauma"),
        (
            "Indicators",
            Tab::Indicators,
            "Delayed presentation for medical care",
        ),
        (
            "Questions",
            Tab::Questions,
            "Can you come and go as you please",
        ),
        ("Response", Tab::Response, "120 hours"),
        ("Reporting", Tab::Reporting, "Do I have to report?"),
        ("Resources", Tab::Resources, "(888) 373-7888"),
    ] {
        harness.get_by_label(label).click();
        harness.run();
        assert_eq!(harness.state().app().tab(), tab, "clicking {label}");
        assert!(
            harness
                .query_all_by_label_contains(expected_text)
                .next()
                .is_some(),
            "{label} tab shows “{expected_text}”"
        );
    }
}

#[test]
fn search_finds_an_indicator_and_jumps_to_it() {
    let mut harness = common::harness("en");
    harness.get_by_label("Search").click();
    harness.run();
    harness.get_by_label("Search").type_text("scripted");
    harness.run();
    let hit = harness.get_by_label_contains("Scripted, memorized, or mechanically recited history");
    hit.click();
    harness.run();
    assert_eq!(harness.state().app().tab(), Tab::Indicators);
    assert!(
        harness
            .query_all_by_label_contains("Scripted, memorized")
            .next()
            .is_some()
    );
}

#[test]
fn search_finds_a_phone_number_by_organisation_name() {
    let mut harness = common::harness("en");
    harness.get_by_label("Search").click();
    harness.run();
    harness.get_by_label("Search").type_text("SafeLink");
    harness.run();
    harness
        .get_all_by_label_contains("SafeLink — Statewide Hotline")
        .next()
        .expect("the SafeLink result")
        .click();
    harness.run();
    assert_eq!(harness.state().app().tab(), Tab::Resources);
    assert!(
        harness
            .query_all_by_label_contains("(877) 785-2020")
            .next()
            .is_some()
    );
}

#[test]
fn control_number_keys_switch_tabs_and_control_f_focuses_search() {
    let mut harness = common::harness("en");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    harness.run();
    assert_eq!(harness.state().app().tab(), Tab::Resources);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    harness.run();
    assert_eq!(harness.state().app().tab(), Tab::Indicators);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    assert!(harness.get_by_label("Search").is_focused());
}

#[test]
fn every_sample_question_has_a_copy_button() {
    let mut harness = common::harness("en");
    harness.get_by_label("Questions").click();
    harness.run();
    let questions: usize = harness
        .state()
        .app()
        .content()
        .questions
        .groups
        .iter()
        .map(|g| g.questions.len())
        .sum();
    let copy_buttons = harness.get_all_by_label_contains("Copy: ").count();
    assert!(
        copy_buttons >= questions,
        "{copy_buttons} copy buttons for {questions} questions"
    );
}

#[test]
fn control_plus_enlarges_text_and_the_size_is_remembered() {
    let mut harness = common::harness("en");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    harness.run();
    let zoom = harness.state().app().settings().zoom;
    assert!(zoom > 1.0, "zoom after Ctrl+plus: {zoom}");
}
