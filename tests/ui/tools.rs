//! The encounter tools through their accessible labels: the indicator checklist, the reporting decision helper and
//! the safety-planning worksheet (kept in the vault across lock and unlock).

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

type H = Harness<'static, common::TestApp>;

/// Clicks the radio answer whose accessible label starts with `answer — ` and names `question_start`.
fn answer(harness: &mut H, answer: &str, question_start: &str) {
    let label = format!("{answer} — {question_start}");
    click(harness, &label);
}

/// Scrolls the widget into view (a real user would), then clicks it.
fn click(harness: &mut H, label_part: &str) {
    harness.get_by_label_contains(label_part).scroll_to_me();
    harness.run();
    harness.get_by_label_contains(label_part).click();
    harness.run();
}

fn open_tab(harness: &mut H, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

#[test]
fn ticking_indicators_shows_their_groups_and_related_questions_without_a_score() {
    let mut harness = common::harness("en");
    open_tab(&mut harness, "Indicators");
    assert!(
        harness
            .query_by_label_contains("Sample questions that may help")
            .is_none()
    );
    click(&mut harness, "Recurrent sexually transmitted infections");
    click(&mut harness, "Companion who refuses to leave");
    assert!(
        harness
            .query_all_by_label_contains("Sample questions that may help")
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("Has anyone ever forced you to have sex")
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("speak with the patient alone")
            .next()
            .is_some(),
        "privacy reminder"
    );
    assert!(
        harness
            .query_all_by_label_contains("never label a patient")
            .next()
            .is_some(),
        "no screening sentence"
    );
    assert!(
        harness
            .query_all_by_label_contains("score")
            .next()
            .is_none()
    );
    assert!(
        harness
            .query_all_by_label_contains("not kept anywhere")
            .next()
            .is_some(),
        "locked: nothing kept"
    );
}

#[test]
fn a_fifteen_year_old_requires_a_51a_report_with_the_dcf_numbers() {
    let mut harness = common::harness("en");
    open_tab(&mut harness, "Reporting");
    answer(&mut harness, "Under 18 (a minor)", "How old");
    answer(
        &mut harness,
        "No",
        "Are you providing care in Suffolk County",
    );
    answer(&mut harness, "No", "Does the patient have a gunshot wound");
    answer(&mut harness, "No", "Does the patient have a burn");
    answer(
        &mut harness,
        "No",
        "Does the patient have a wound or injury",
    );
    answer(&mut harness, "No", "Is there apparent imminent danger");
    assert!(
        harness
            .query_all_by_label_contains("G.L. c. 119 § 51A")
            .next()
            .is_some()
            || harness
                .query_all_by_label_contains("c. 119 § 51A")
                .next()
                .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("(800) 792-5200")
            .next()
            .is_some(),
        "DCF Child-At-Risk Hotline"
    );
    assert!(
        harness
            .query_all_by_label_contains("Do not report the trafficking")
            .next()
            .is_none()
    );
}

#[test]
fn a_consenting_adult_with_a_knife_wound_requires_a_12a_report() {
    let mut harness = common::harness("en");
    open_tab(&mut harness, "Reporting");
    answer(
        &mut harness,
        "18 to 59 (an adult), or appears to be an adult under 60",
        "How old",
    );
    answer(&mut harness, "No", "Is the patient temporarily unable");
    answer(
        &mut harness,
        "Yes: competent and gives explicit consent",
        "Is the patient competent",
    );
    answer(&mut harness, "No", "Does the patient have a disability");
    answer(&mut harness, "No", "Does the patient have a gunshot wound");
    answer(&mut harness, "No", "Does the patient have a burn");
    answer(
        &mut harness,
        "Yes: such a wound, and I believe a criminal act was involved",
        "Does the patient have a wound or injury",
    );
    answer(&mut harness, "No", "Does the patient care for a child");
    answer(&mut harness, "No", "Is there apparent imminent danger");
    assert!(
        harness
            .query_all_by_label_contains(
                "Report the knife or sharp-instrument wound to the local police"
            )
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("c. 112, § 12A")
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("Do not report the trafficking")
            .next()
            .is_none(),
        "the patient consented"
    );
}

#[test]
fn a_competent_adult_who_declines_must_not_be_reported() {
    let mut harness = common::harness("en");
    open_tab(&mut harness, "Reporting");
    answer(
        &mut harness,
        "18 to 59 (an adult), or appears to be an adult under 60",
        "How old",
    );
    answer(&mut harness, "No", "Is the patient temporarily unable");
    answer(
        &mut harness,
        "No: competent, and declines",
        "Is the patient competent",
    );
    answer(&mut harness, "No", "Does the patient have a disability");
    answer(&mut harness, "No", "Does the patient have a gunshot wound");
    answer(&mut harness, "No", "Does the patient have a burn");
    answer(
        &mut harness,
        "No",
        "Does the patient have a wound or injury",
    );
    answer(&mut harness, "No", "Does the patient care for a child");
    answer(&mut harness, "No", "Is there apparent imminent danger");
    assert!(
        harness
            .query_all_by_label_contains(
                "Do not report the trafficking without the patient's consent"
            )
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("What to offer the patient")
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains(
                "your institution's procedures and legal advice take precedence"
            )
            .next()
            .is_some()
    );
}

#[test]
fn a_worksheet_is_saved_in_the_vault_and_found_again_after_lock_and_unlock() {
    const PASSPHRASE: &str = "four unrelated words here";
    const PLAN_TEXT: &str = "sister's phone, shelter intake 9am";
    let mut harness = common::harness("en");
    let clock = harbor::app::Clock::manual();
    harness
        .state_mut()
        .app
        .as_mut()
        .unwrap()
        .set_clock(clock.clone());
    open_tab(&mut harness, "Safety plan");
    assert!(
        harness
            .query_all_by_label_contains("nothing you enter is kept")
            .next()
            .is_some(),
        "blank guide when locked"
    );

    open_tab(&mut harness, "Notes");
    for label in ["Passphrase", "Passphrase again"] {
        harness.get_by_label(label).click();
        harness.run();
        harness.get_by_label(label).type_text(PASSPHRASE);
        harness.run();
    }
    harness.get_by_label("Create vault").click();
    common::wait_for_vault(&mut harness);
    harness.get_by_label("Case label (pseudonym)").click();
    harness.run();
    harness
        .get_by_label("Case label (pseudonym)")
        .type_text("Case P-2");
    harness.run();
    harness.get_by_label("New case record").click();
    common::wait_for_vault(&mut harness);

    open_tab(&mut harness, "Safety plan");
    harness.get_by_label("Plan for case record:").scroll_to_me();
    harness.run();
    harness.get_by_label("Plan for case record:").click();
    harness.run();
    harness.get_by_label("Case P-2").click();
    harness.run();
    let field = "Leaving: resources and supports needed if the patient wants to get out";
    harness.get_by_label(field).scroll_to_me();
    harness.run();
    harness.get_by_label(field).click();
    harness.run();
    harness.get_by_label(field).type_text(PLAN_TEXT);
    harness.run();
    // Autosave waits for a pause in typing (on the app's clock), then saves in the background.
    common::wait_for_vault(&mut harness);
    assert!(
        harness.state().app().session().has_unsaved_changes(),
        "not saved while the typing has not paused"
    );
    clock.advance(harbor::app::AUTOSAVE_DELAY);
    common::wait_for_vault(&mut harness);
    assert!(
        !harness.state().app().session().has_unsaved_changes(),
        "the draft was saved"
    );
    let saved = harness.state().app().session().vault().and_then(|v| {
        v.records
            .first()
            .and_then(|r| r.safety_plan.as_ref())
            .map(|p| p.values.len())
    });
    assert_eq!(saved, Some(1), "the draft is in the vault");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    common::wait_for_vault(&mut harness);
    assert!(
        harness
            .query_all_by_label_contains(PLAN_TEXT)
            .next()
            .is_none(),
        "lock clears the worksheet"
    );

    open_tab(&mut harness, "Notes");
    harness.get_by_label("Passphrase").click();
    harness.run();
    harness.get_by_label("Passphrase").type_text(PASSPHRASE);
    harness.run();
    harness.get_by_label("Unlock").click();
    common::wait_for_vault(&mut harness);
    open_tab(&mut harness, "Safety plan");
    harness.get_by_label("Plan for case record:").scroll_to_me();
    harness.run();
    harness.get_by_label("Plan for case record:").click();
    harness.run();
    harness.get_by_label("Case P-2").click();
    harness.run();
    harness.get_by_label(field).scroll_to_me();
    harness.run();
    assert_eq!(
        harness.get_by_label(field).value().as_deref(),
        Some(PLAN_TEXT)
    );
}

/// Without a save dialog (kittest has no xdg-desktop-portal, as a bare Linux desktop may not), the export says no
/// file was chosen and offers a field to type where to save, prefilled with a free name; saving there writes the
/// PDF, readable by its owner only.
#[test]
fn without_a_save_dialog_the_plan_can_be_saved_where_the_user_types() {
    let mut harness = common::harness("en");
    open_tab(&mut harness, "Safety plan");
    click(&mut harness, "Export as PDF…");
    harness.run();
    click(&mut harness, "Save the plan as PDF");
    harness.run();
    assert!(
        harness
            .query_by_label_contains("No file was chosen")
            .is_some(),
        "the missing dialog is explained"
    );
    let field = harness.get_by_label("Or type where to save it:");
    let suggested = field.value().unwrap_or_default();
    assert!(suggested.ends_with(".pdf"), "prefilled with {suggested:?}");

    let folder = tempfile::tempdir().expect("temp dir");
    let target = folder.path().join("patient plan.pdf");
    click(&mut harness, "Or type where to save it:");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_label("Or type where to save it:")
        .type_text(&target.display().to_string());
    harness.run();
    // Never click Save with the suggested path still there: that is the user's real home folder.
    assert_eq!(
        harness.get_by_label("Or type where to save it:").value(),
        Some(target.display().to_string())
    );
    click(&mut harness, "Save here");
    let bytes = std::fs::read(&target).expect("the PDF is written where typed");
    assert!(bytes.starts_with(b"%PDF"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&target)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
    }
    assert!(
        harness.query_by_label_contains("PDF saved").is_some(),
        "the saved path is shown"
    );
}
