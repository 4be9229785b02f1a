//! Managed policy and the institution pack in the window: locked controls with their reason, "Policies in
//! effect", the malformed-policy message, and the institution's contacts first under Resources.

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use harbor::policy::{Policy, json};
use harbor::settings::Settings;
use harbor::ui::Tab;

use crate::common;

fn policy(text: &str) -> Policy {
    Policy::from_sources(vec![
        json::parse(text.as_bytes(), Path::new("/etc/harbor/policy.json")).map(|s| vec![s]),
    ])
}

#[test]
fn a_policy_locked_setting_shows_as_locked_with_its_reason() {
    let mut harness = common::harness_with_policy(
        "en",
        Settings::default(),
        policy(r#"{"AutoLockMaxMinutes": 2, "AllowedLanguages": ["en", "es"]}"#),
        None,
    );
    harness.get_by_label("Settings").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Set by your institution: notes lock after at most 2 min.")
            .is_some(),
        "the reason is shown beside the auto-lock choices"
    );
    let ten = harness.get_by_label("10 minutes");
    assert!(
        ten.accesskit_node().is_disabled(),
        "a longer auto-lock cannot be chosen"
    );
    assert!(
        !harness
            .get_by_label("2 minutes")
            .accesskit_node()
            .is_disabled()
    );
    assert_eq!(harness.state().app().settings().auto_lock_minutes, 2);
    harness.get_by_label("Policies in effect").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Longest auto-lock time (minutes)")
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label("/etc/harbor/policy.json")
            .next()
            .is_some()
    );
    assert!(harness.query_by_label("en, es").is_some());
}

#[test]
fn languages_outside_the_policy_are_not_offered() {
    let mut harness = common::harness_with_policy(
        "ru",
        Settings::default(),
        policy(r#"{"AllowedLanguages": ["en", "es"], "DefaultLanguage": "es"}"#),
        None,
    );
    // `--locale ru` is not allowed: the app starts in the policy's default language.
    assert_eq!(harness.state().app().content().locale, "es");
    harness.get_by_label("Español").click();
    harness.run();
    assert!(harness.query_by_label("English").is_some());
    assert!(harness.query_by_label("Русский").is_none());
    assert!(
        harness
            .query_by_label_contains("solo se muestran los idiomas que permite")
            .is_some()
    );
}

#[test]
fn a_malformed_policy_is_shown_and_the_strictest_settings_apply() {
    let mut harness = common::harness_with_policy(
        "fr",
        Settings::default(),
        policy("{\n  \"VaultEnabled\": yes\n}\n"),
        None,
    );
    assert!(
        harness
            .query_by_label_contains("/etc/harbor/policy.json:2")
            .is_some(),
        "the window names the file and line"
    );
    assert!(
        harness
            .query_by_label_contains("les réglages les plus stricts s’appliquent")
            .is_some()
    );
    harness
        .state_mut()
        .app
        .as_mut()
        .unwrap()
        .select_tab(Tab::Notes);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Votre établissement a désactivé les notes")
            .is_some(),
        "the vault is off under the strictest settings"
    );
}

#[test]
fn export_and_recovery_key_are_locked_with_their_reason() {
    let mut harness = common::harness_with_policy(
        "en",
        Settings::default(),
        policy(r#"{"PdfExportEnabled": false, "RecoveryKeyRequired": true}"#),
        None,
    );
    harness
        .state_mut()
        .app
        .as_mut()
        .unwrap()
        .select_tab(Tab::Notes);
    harness.run();
    let recovery = harness.get_by_label("Also create a recovery key");
    assert!(recovery.accesskit_node().is_disabled());
    assert!(
        harness
            .query_by_label_contains("every new vault has a recovery key")
            .is_some()
    );
    harness
        .state_mut()
        .app
        .as_mut()
        .unwrap()
        .select_tab(Tab::SafetyPlan);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("PDF export is turned off on this computer")
            .is_some()
    );
}

fn institution_pack() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    harbor::content::institution::import(
        Path::new("packaging/institution/contacts.sample.csv"),
        dir.path(),
    )
    .unwrap();
    dir
}

#[test]
fn the_institution_directory_comes_first_under_resources_and_is_searchable() {
    let pack = institution_pack();
    let mut harness = common::harness_with_policy(
        "es",
        Settings::default(),
        Policy::none(),
        Some(pack.path().to_owned()),
    );
    harness
        .state_mut()
        .app
        .as_mut()
        .unwrap()
        .select_tab(Tab::Resources);
    harness.run();
    let groups = &harness.state().app().content().resources.groups;
    assert_eq!(groups[0].title, "Su institución");
    // The heading (its text is also a readable child label, `ui::readable`).
    assert!(
        harness
            .query_by_role_and_label(Role::Heading, "Su institución")
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("(617) 555-0177")
            .next()
            .is_some()
    );
    harness
        .state_mut()
        .app
        .as_mut()
        .unwrap()
        .select_tab(Tab::Overview);
    harness.run();
    harness.get_by_label("Buscar").click();
    harness.run();
    harness.get_by_label("Buscar").type_text("SANE Programme");
    harness.run();
    harness
        .get_all_by_label_contains("SANE Programme")
        .next()
        .expect("found by search")
        .click();
    harness.run();
    assert_eq!(harness.state().app().tab(), Tab::Resources);
}

#[test]
fn an_institution_contact_goes_on_the_patient_card() {
    let pack = institution_pack();
    let mut harness = common::harness_with_policy(
        "en",
        Settings::default(),
        Policy::none(),
        Some(pack.path().to_owned()),
    );
    harness
        .state_mut()
        .app
        .as_mut()
        .unwrap()
        .select_tab(Tab::Resources);
    harness.run();
    // On the card each number is labelled with how to reach it ("Call: …"), so the label contains the number.
    let before = harness
        .query_all_by_label_contains("(617) 555-0100 x2200")
        .count();
    // The first "show to the patient" button is the institution's first contact (each button is named with its
    // service: "Show to patient: <name>").
    harness
        .query_all(egui_kittest::kittest::by().predicate(|node| {
            node.role() == egui::accesskit::Role::Button
                && node
                    .label()
                    .is_some_and(|l| l.starts_with("Show to patient: "))
        }))
        .next()
        .expect("a card button")
        .click();
    harness.run();
    let numbers = harness
        .query_all_by_label_contains("(617) 555-0100 x2200")
        .count();
    assert!(
        numbers >= before + 2,
        "the number on both sides of the card: {before} before, {numbers} after"
    );
    assert!(
        harness
            .query_all_by_label_contains("Hospital Human Trafficking Response Team")
            .next()
            .is_some()
    );
}

/// Issue 26.1: a user-level policy weaker than the machine's changes nothing in the window, and "Policies in
/// effect" lists every place read and the value refused.
#[test]
fn policies_in_effect_lists_every_place_read_and_every_value_refused() {
    let policy = Policy::from_sources(vec![
        json::parse(
            br#"{"AutoLockMaxMinutes": 2}"#,
            Path::new("/etc/harbor/policy.json"),
        )
        .map(|s| vec![s]),
        json::parse(
            br#"{"AutoLockMaxMinutes": 120}"#,
            Path::new("/home/nurse/weak.json"),
        )
        .map(|s| vec![s.as_user()]),
    ]);
    let mut harness = common::harness_with_policy("en", Settings::default(), policy, None);
    harness.get_by_label("Settings").click();
    harness.run();
    assert!(
        harness
            .get_by_label("10 minutes")
            .accesskit_node()
            .is_disabled(),
        "the machine's 2 minutes stands"
    );
    harness.get_by_label("Policies in effect").click();
    harness.run();
    assert!(harness.query_by_label("Policy read from:").is_some());
    assert!(harness.query_by_label("/home/nurse/weak.json").is_some());
    assert!(
        harness
            .query_by_label_contains(
                "/home/nurse/weak.json:1: AutoLockMaxMinutes 120 was refused; 2 (from /etc/harbor/policy.json) applies"
            )
            .is_some(),
        "the refusal is listed"
    );
}
