//! The jurisdiction in the window: asked on first run (Massachusetts meanwhile), shown on the Reporting and
//! Resources tabs, changed there or in Settings by a command the app applies; switching clears the helper's answers
//! and keeps the role; a policy value locks it; search results name it; an untranslated pack shows in English,
//! marked.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use egui_kittest::kittest::{NodeT, Queryable};
use harbor::content::Jurisdiction;
use harbor::content::model::Role;
use harbor::policy::{Policy, json};
use harbor::settings::Settings;
use harbor::ui::Tab;

use crate::common;

type App = egui_kittest::Harness<'static, common::TestApp>;

fn shows(harness: &App, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

fn open(harness: &mut App, tab: &str) {
    harness.get_by_label(tab).click();
    harness.run();
}

fn choose(harness: &mut App, name: &str) {
    harness.get_by_label(name).scroll_to_me();
    harness.run();
    harness.get_by_label(name).click();
    harness.run();
}

fn answer(harness: &mut App, answer: &str, question: &str) {
    let label = format!("{answer} — {question}");
    harness.get_by_label(&label).scroll_to_me();
    harness.run();
    harness.get_by_label(&label).click();
    harness.run();
}

fn search_for(harness: &mut App, query: &str) {
    let label = common::ui_string("en", "search.label");
    harness.get_by_label(&label).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(&label).type_text(query);
    harness.run();
}

const OTHER: &str = "Other state or territory";

#[test]
fn first_run_shows_massachusetts_and_asks_then_remembers_the_choice() {
    let mut harness = common::harness("en");
    open(&mut harness, "Reporting");
    assert!(shows(
        &harness,
        "Reporting law and local resources: Massachusetts"
    ));
    assert!(shows(&harness, "until you choose where you practise"));
    assert_eq!(harness.state().app().settings().jurisdiction, None);
    choose(&mut harness, OTHER);
    assert_eq!(
        harness.state().app().settings().jurisdiction,
        Some(Jurisdiction::Other)
    );
    assert!(shows(
        &harness,
        "Reporting law and local resources: Other state or territory"
    ));
    assert!(!shows(&harness, "until you choose where you practise"));
    assert!(shows(
        &harness,
        "changing it clears the reporting helper's answers"
    ));
    assert_eq!(
        harness
            .state()
            .app()
            .content()
            .reporting
            .jurisdiction_name(),
        OTHER
    );
    answer(
        &mut harness,
        "18 or older (an adult), or appears to be an adult",
        "How old is the patient?",
    );
    assert!(shows(
        &harness,
        "Your state's law decides which reports are mandatory"
    ));
    assert!(!shows(&harness, "File a 51A report with DCF"));
}

#[test]
fn switching_clears_the_answers_and_keeps_the_role() {
    let settings = Settings {
        role: Some(Role::Nurse),
        jurisdiction: Some(Jurisdiction::Massachusetts),
        ..Settings::default()
    };
    let mut harness = common::harness_with("en", settings);
    open(&mut harness, "Reporting");
    answer(
        &mut harness,
        "Under 18 (a minor)",
        "How old is the patient?",
    );
    assert!(shows(&harness, "File a 51A report with DCF"));
    choose(&mut harness, OTHER);
    assert!(!shows(&harness, "File a 51A report with DCF"));
    assert!(!shows(&harness, "Start over"), "no answer is left");
    assert!(
        !harness
            .get_by_label("Under 18 (a minor) — How old is the patient?")
            .accesskit_node()
            .is_selected()
            .unwrap_or(false)
    );
    assert_eq!(harness.state().app().settings().role, Some(Role::Nurse));
    assert!(shows(&harness, "Your role: Nurse"));
    // And back: Massachusetts' rules again, from the start.
    choose(&mut harness, "Massachusetts");
    assert!(shows(&harness, "Answer each question to see what applies."));
    answer(
        &mut harness,
        "Under 18 (a minor)",
        "How old is the patient?",
    );
    assert!(shows(&harness, "File a 51A report with DCF"));
}

#[test]
fn resources_show_the_state_groups_of_the_chosen_jurisdiction_and_the_national_group() {
    let mut harness = common::harness("en");
    open(&mut harness, "Resources");
    assert!(shows(&harness, "Massachusetts-specific"));
    choose(&mut harness, OTHER);
    assert_eq!(harness.state().app().tab(), Tab::Resources);
    assert!(shows(&harness, "Finding your state's reporting lines"));
    assert!(shows(&harness, "National"));
    assert!(!shows(&harness, "Massachusetts-specific"));
    assert!(!shows(&harness, "Reporting lines"));
}

#[test]
fn the_settings_menu_changes_it_too() {
    let mut harness = common::harness("en");
    harness.get_by_label("Settings").click();
    harness.run();
    assert!(shows(
        &harness,
        "Jurisdiction (reporting law and local resources)"
    ));
    // The submenu, named by the jurisdiction in effect, holds the five.
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Massachusetts")
        .click();
    harness.run();
    harness.get_by_label(OTHER).click();
    harness.run();
    assert_eq!(
        harness.state().app().settings().jurisdiction,
        Some(Jurisdiction::Other)
    );
    assert_eq!(
        harness
            .state()
            .app()
            .content()
            .reporting
            .jurisdiction_name(),
        OTHER
    );
}

#[test]
fn a_policy_value_locks_the_choice() {
    let policy = Policy::from_sources(vec![
        json::parse(
            br#"{"Jurisdiction": "Other"}"#,
            Path::new("/etc/harbor/policy.json"),
        )
        .map(|s| vec![s]),
    ]);
    let settings = Settings {
        jurisdiction: Some(Jurisdiction::Massachusetts),
        ..Settings::default()
    };
    let mut harness = common::harness_with_policy("en", settings, policy, None);
    open(&mut harness, "Reporting");
    assert!(shows(
        &harness,
        "Reporting law and local resources: Other state or territory"
    ));
    assert!(shows(
        &harness,
        "Set by your institution: Other state or territory"
    ));
    let massachusetts = harness.get_by_label("Massachusetts");
    assert!(massachusetts.accesskit_node().is_disabled());
    // A command that gets through anyway is refused by the app.
    harness
        .state_mut()
        .app_mut()
        .apply(harbor::ui::Command::SetJurisdiction(Jurisdiction::Texas));
    harness.run();
    assert_eq!(
        harness
            .state()
            .app()
            .content()
            .reporting
            .jurisdiction_name(),
        OTHER
    );
    assert_eq!(
        harness.state().app().settings().jurisdiction,
        Some(Jurisdiction::Massachusetts),
        "the user's own choice is kept for when the policy goes"
    );
}

#[test]
fn search_finds_the_chosen_pack_and_names_its_jurisdiction() {
    let mut harness = common::harness("en");
    open(&mut harness, "Reporting");
    choose(&mut harness, OTHER);
    search_for(&mut harness, "Eldercare Locator");
    assert!(
        shows(&harness, "Resources · Other state or territory"),
        "a state resource's result names the jurisdiction"
    );
    assert!(shows(&harness, "Reporting · Other state or territory"));
    // A Massachusetts term finds the chosen pack's child abuse rules, never Massachusetts' 51A.
    search_for(&mut harness, "51A");
    assert!(shows(
        &harness,
        "A minor: check your state's child abuse reporting law now"
    ));
    assert!(
        !shows(&harness, "File a 51A report"),
        "Massachusetts' rules are not indexed under another jurisdiction"
    );
}

/// A pack with no Arabic strings shows in English, marked. Every built-in pack now has an Arabic translation, so an
/// override pack stands in for an untranslated one: California's Arabic file with no strings.
#[test]
fn an_untranslated_pack_shows_in_english_marked_in_arabic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = dir.path().join("jurisdictions/ca/ar");
    std::fs::create_dir_all(&pack).expect("pack folder");
    std::fs::write(pack.join("reporting.ron"), "(reviewed: false, strings: {})")
        .expect("empty translation");
    let mut harness = common::harness_with_content("ar", dir.path());
    open(&mut harness, &common::ui_string("ar", "tab.reporting"));
    choose(
        &mut harness,
        &common::ui_string("ar", "jurisdiction.name.ca"),
    );
    assert_eq!(
        harness.state().app().settings().jurisdiction,
        Some(Jurisdiction::California)
    );
    let question = harness.get_by_label("How old is the patient?");
    assert_eq!(question.accesskit_node().language(), Some("en"));
    let marker = common::ui_string("ar", "common.shown_in_english");
    assert!(shows(&harness, &marker));
    assert!(shows(
        &harness,
        &common::ui_string("ar", "jurisdiction.name.ca")
    ));
}

/// The "Other state or territory" pack (issue 28 point 4) and the three state packs are translated into Arabic: the
/// first question of each is shown in Arabic, not in English, and nothing on the Reporting tab is marked "shown in
/// English".
#[test]
fn the_state_packs_and_the_other_state_pack_show_in_arabic() {
    for (jurisdiction, code) in [
        (Jurisdiction::Other, "other"),
        (Jurisdiction::NewYork, "ny"),
        (Jurisdiction::Texas, "tx"),
        (Jurisdiction::California, "ca"),
    ] {
        let settings = Settings {
            jurisdiction: Some(jurisdiction),
            ..Settings::default()
        };
        let mut harness = common::harness_with("ar", settings);
        open(&mut harness, &common::ui_string("ar", "tab.reporting"));
        assert!(!shows(&harness, "How old is the patient?"), "{code}");
        harness.get_by_label("كم عمر المريض؟");
        let marker = common::ui_string("ar", "common.shown_in_english");
        assert!(!shows(&harness, &marker), "{code}");
        assert!(
            shows(
                &harness,
                &common::ui_string("ar", &format!("jurisdiction.name.{code}"))
            ),
            "{code}"
        );
    }
}

/// "Whom do I call now", at the bedside, in the chosen state: the start screen's numbers for tonight are the
/// national hotline's and then the state's own 24-hour line, never Massachusetts' DCF line under another state's law.
#[test]
fn the_numbers_for_tonight_are_the_chosen_states() {
    for (jurisdiction, own, name) in [
        (
            Jurisdiction::Massachusetts,
            "(800) 792-5200",
            "Massachusetts DCF Child-At-Risk Hotline",
        ),
        (Jurisdiction::Texas, "(800) 252-5400", "Texas Abuse Hotline"),
        (
            Jurisdiction::NewYork,
            "(800) 635-1522",
            "Statewide Central Register",
        ),
        (
            Jurisdiction::California,
            "(833) 401-0832",
            "Adult Protective Services",
        ),
        (Jurisdiction::Other, "(800) 422-4453", "Childhelp"),
    ] {
        let settings = Settings {
            jurisdiction: Some(jurisdiction),
            ..Settings::default()
        };
        let mut harness = common::harness_with("en", settings);
        harness.run_steps(2);
        assert_eq!(harness.state().app().tab(), Tab::Start);
        let national = harness.get_by_label("(888) 373-7888").rect();
        let line = harness
            .query_by_label(own)
            .unwrap_or_else(|| {
                panic!("{jurisdiction:?}: {own} is not among the numbers for tonight")
            })
            .rect();
        assert!(
            line.top() > national.top(),
            "{jurisdiction:?}: the national hotline first"
        );
        assert!(shows(&harness, name), "{jurisdiction:?}: {name}");
        if jurisdiction != Jurisdiction::Massachusetts {
            assert!(
                harness.query_by_label("(800) 792-5200").is_none(),
                "{jurisdiction:?}: Massachusetts' DCF line under another state's law"
            );
        }
    }
}
