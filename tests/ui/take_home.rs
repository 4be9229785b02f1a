//! What the patient takes home, through the window: the export offers the patient's copy first, warns before the
//! clinician's record is saved, writes the patient's copy in the patient's language; the hotline's card puts the
//! labelled numbers first and saves pocket cards.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

type H = Harness<'static, common::TestApp>;

fn click(harness: &mut H, label_part: &str) {
    harness.get_by_label_contains(label_part).scroll_to_me();
    harness.run();
    harness.get_by_label_contains(label_part).click();
    harness.run();
}

/// No save dialog in kittest: types `target` into the fallback field the app offers, and saves there.
fn save_to(harness: &mut H, target: &std::path::Path) {
    let field = "Or type where to save it:";
    assert!(
        harness.query_by_label(field).is_some(),
        "the fallback field is offered"
    );
    click(harness, field);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_label(field)
        .type_text(&target.display().to_string());
    harness.run();
    // Never click Save with the suggested path still there: that is the user's real home folder.
    assert_eq!(
        harness.get_by_label(field).value(),
        Some(target.display().to_string())
    );
    click(harness, "Save here");
}

/// Saves through the fallback field into a new temporary folder as `name`, checks a PDF was written, and returns its
/// text (`pdftotext`), or `None` when poppler is not installed.
fn save_and_read(harness: &mut H, name: &str) -> Option<String> {
    let folder = tempfile::tempdir().expect("temp dir");
    let target = folder.path().join(name);
    save_to(harness, &target);
    assert!(
        std::fs::read(&target)
            .expect("written")
            .starts_with(b"%PDF")
    );
    crate::pdf_support::poppler("pdftotext", &[], &target)
}

/// A window in English on `tab`.
fn harness_on(tab: &str) -> H {
    let mut harness = common::harness("en");
    harness.get_by_label(tab).click();
    harness.run();
    harness
}

#[test]
fn the_clinicians_record_is_chosen_on_purpose_and_warned_about_before_saving() {
    let mut harness = harness_on("Safety plan");
    click(&mut harness, "Export as PDF…");
    let warning = "It is a record to keep in the patient's file";
    assert!(
        harness.query_by_label_contains(warning).is_none(),
        "the patient's copy is the default: no record warning yet"
    );
    click(&mut harness, "Clinician's record for the file");
    assert!(
        harness.query_by_label_contains(warning).is_some(),
        "the warning shows before anything is saved"
    );
    click(&mut harness, "Save the plan as PDF");
    if let Some(text) = save_and_read(&mut harness, "record.pdf") {
        let flat: String = text.split_whitespace().collect();
        assert!(
            flat.contains("Clinician'srecord:keepitinthepatient'sfile"),
            "{text}"
        );
        assert!(
            flat.contains("Thepatient'sownviewoftherisk") || flat.contains("Personalplan"),
            "{text}"
        );
    }
}

#[test]
fn the_patients_copy_is_written_in_the_language_picked_for_the_patient() {
    let mut harness = harness_on("Safety plan");
    click(&mut harness, "Export as PDF…");
    click(&mut harness, "Patient's language");
    click(&mut harness, "Español *");
    click(&mut harness, "Save the plan as PDF");
    if let Some(text) = save_and_read(&mut harness, "notes.pdf") {
        assert!(
            text.contains("Sus notas"),
            "Spanish, the interface being English:\n{text}"
        );
        assert!(
            text.contains("Línea de ayuda, 24 horas"),
            "discreet by default:\n{text}"
        );
        assert!(!text.to_lowercase().contains("trata"), "{text}");
        assert!(
            !text.contains("Personal plan") && !text.contains("risk"),
            "{text}"
        );
    }
}

#[test]
fn the_hotline_card_puts_labelled_numbers_first_and_saves_pocket_cards() {
    let mut harness = harness_on("Resources");
    let on_the_page = harness
        .query_all_by_label_contains("law enforcement")
        .count();
    click(
        &mut harness,
        "Show to patient: National Human Trafficking Hotline",
    );
    assert!(
        harness
            .query_all_by_label_contains("Call: (888) 373-7888")
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("Text: 233733")
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("more than 200 languages")
            .next()
            .is_some(),
        "the interpreter claim"
    );
    assert_eq!(
        harness
            .query_all_by_label_contains("law enforcement")
            .count(),
        on_the_page,
        "the card is not the clinician's description (which mentions law enforcement)"
    );
    click(&mut harness, "Save pocket cards as PDF…");
    if let Some(text) = save_and_read(&mut harness, "cards.pdf") {
        assert!(
            text.contains("Help line, 24 hours"),
            "discreet by default:\n{text}"
        );
        assert!(!text.to_lowercase().contains("traffick"), "{text}");
    }
}
