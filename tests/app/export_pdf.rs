//! The safety-plan export: the PDF is produced, holds the entered text (read back with `pdftotext`), uses a neutral
//! title unless asked, and shapes non-Latin scripts.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::process::Command;

use harbor::content::Content;
use harbor::export::{Labels, PlanDocument, render_pdf, save_pdf};
use harbor::vault::{NeedStatus, PlanValue};

fn labels(title: &str) -> Labels {
    Labels {
        title: title.to_owned(),
        subtitle: "2026-11-28 10:00 UTC".to_owned(),
        yes: "Yes".to_owned(),
        not_needed: "Not needed".to_owned(),
        to_do: "To do".to_owned(),
        in_progress: "In progress".to_owned(),
        done: "Done".to_owned(),
        unreviewed_note: None,
    }
}

fn values(leaving: &str) -> BTreeMap<String, PlanValue> {
    let mut values = BTreeMap::new();
    values.insert(
        "sp.plan.leaving".to_owned(),
        PlanValue::Text(leaving.to_owned()),
    );
    values.insert("sp.risk.fear".to_owned(), PlanValue::Scale(7));
    values.insert(
        "sp.needs.housing".to_owned(),
        PlanValue::Need {
            status: NeedStatus::InProgress,
            notes: "shelter intake Tuesday".to_owned(),
        },
    );
    values
}

/// The text of a PDF as `pdftotext` reads it, or `None` (with a notice) when poppler is not installed.
fn pdf_text(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.pdf");
    std::fs::write(&path, bytes).expect("write");
    match Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(output) if output.status.success() => {
            Some(String::from_utf8_lossy(&output.stdout).into_owned())
        }
        _ => {
            assert!(
                std::env::var_os("HARBOR_REQUIRE_TOOLS").is_none(),
                "pdftotext (poppler-utils) is required in CI"
            );
            eprintln!("NOTICE: pdftotext not installed; checked the PDF structure only");
            None
        }
    }
}

#[test]
fn the_pdf_holds_the_entered_text_under_a_neutral_title() {
    let content = Content::builtin("en").expect("content");
    let document = PlanDocument::from_plan(
        &content.safety_plan,
        &values("sister's phone, bus fare"),
        &labels("Personal plan"),
    );
    let bytes = render_pdf(&document).expect("render");
    assert!(bytes.starts_with(b"%PDF-"));
    if let Some(text) = pdf_text(&bytes) {
        assert!(text.contains("Personal plan"), "{text}");
        assert!(
            text.contains("sister's phone, bus fare") || text.contains("sister’s phone, bus fare"),
            "{text}"
        );
        assert!(
            text.contains("In progress: shelter intake Tuesday"),
            "{text}"
        );
        assert!(text.contains("7 / 10"), "{text}");
        assert!(
            !text.to_lowercase().contains("trafficking"),
            "neutral unless the user opts in:\n{text}"
        );
    }
}

#[test]
fn arabic_chinese_and_khmer_text_is_embedded_and_extractable() {
    let content = Content::builtin("en").expect("content");
    for entered in ["رقم هاتف أختي", "姐姐的电话", "លេខទូរស័ព្ទបងស្រី"]
    {
        let document = PlanDocument::from_plan(
            &content.safety_plan,
            &values(entered),
            &labels("Personal plan"),
        );
        let bytes = render_pdf(&document).expect("render");
        if let Some(text) = pdf_text(&bytes) {
            let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let wanted: String = entered.chars().filter(|c| !c.is_whitespace()).collect();
            // pdftotext may return right-to-left words in visual order; either order of the words is the text.
            let reversed_words: String = entered.split(' ').rev().collect::<Vec<_>>().concat();
            assert!(
                compact.contains(&wanted) || compact.contains(&reversed_words),
                "{entered} in:\n{text}"
            );
        }
    }
}

#[test]
fn a_long_plan_breaks_across_pages_and_saving_replaces_atomically() {
    let content = Content::builtin("en").expect("content");
    let long = "A line of the plan that the patient and the advocate wrote together. ".repeat(200);
    let document = PlanDocument::from_plan(
        &content.safety_plan,
        &values(&long),
        &labels("Personal plan"),
    );
    let bytes = render_pdf(&document).expect("render");
    if let Some(text) = pdf_text(&bytes) {
        assert!(
            text.matches('\u{c}').count() >= 2,
            "pdftotext ends each page with a form feed: several pages"
        );
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.pdf");
    std::fs::write(&path, b"old").expect("write");
    save_pdf(&path, &bytes).expect("save");
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "no partial file left behind"
    );
}

/// The exported plan is plaintext about a patient: only its owner may read it, whatever the umask.
#[cfg(unix)]
#[test]
fn the_saved_pdf_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.pdf");
    // An existing file another program left world-readable is replaced, not reused.
    std::fs::write(&path, b"old").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    save_pdf(&path, b"%PDF-1.7 test").expect("save");
    let mode = std::fs::metadata(&path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600, "mode {mode:o}");
}

#[test]
fn an_unreviewed_translation_says_so_in_the_pdf_and_its_numbers_read_in_order() {
    let content = Content::builtin("ar").expect("content");
    let note = "* ترجمه مشروع Harbor، ولم يراجعه بعدُ مترجم طبي محترف.";
    let mut arabic = labels("خطة شخصية");
    arabic.unreviewed_note = Some(note.to_owned());
    let document = PlanDocument::from_plan(
        &content.safety_plan,
        &values("اتصل بالرقم (888) 373-7888 عند الحاجة"),
        &arabic,
    );
    assert_eq!(document.note.as_deref(), Some(note));
    let bytes = render_pdf(&document).expect("render");
    let reviewed = render_pdf(&PlanDocument::from_plan(
        &content.safety_plan,
        &values("اتصل بالرقم (888) 373-7888 عند الحاجة"),
        &labels("خطة شخصية"),
    ))
    .expect("render");
    assert_ne!(bytes.len(), reviewed.len(), "the note is drawn");
    if let Some(text) = pdf_text(&bytes) {
        assert!(text.contains("Harbor"), "note in:\n{text}");
        // Drawn in visual order with the number isolated: the digits come out in their own order.
        assert!(text.contains("373-7888"), "{text}");
        assert!(!text.contains("7888-373"), "{text}");
    }
}

#[test]
fn the_suggested_name_never_replaces_an_existing_file() {
    let folder = tempfile::tempdir().expect("temp dir");
    let first = harbor::export::free_name_in(folder.path(), "plan", "pdf");
    assert_eq!(first, folder.path().join("plan.pdf"));
    std::fs::write(&first, b"kept").expect("write");
    let second = harbor::export::free_name_in(folder.path(), "plan", "pdf");
    assert_eq!(second, folder.path().join("plan-2.pdf"));
}
