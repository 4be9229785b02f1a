//! The safety-plan export: the PDF is produced, holds the entered text (read back with `pdftotext`), uses a neutral
//! title unless asked, and shapes non-Latin scripts; the clinician's copy says on every page that it is a record to
//! keep. The patient's copy holds nothing of the assessment and, discreet, no word for trafficking in any language;
//! the pocket card reads its numbers in order in Arabic and Khmer; every PDF is tagged; `--export-card` works and
//! fails clearly.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;

use crate::pdf_support::{pdf_text, poppler_on_bytes};

use harbor::content::Content;
use harbor::content::texts::Texts as _;
use harbor::export::card::{CardOptions, HelpLine, card_pdf};
use harbor::export::patient::{PatientOptions, patient_pdf};
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
        record_label: "Clinician's record: keep it in the patient's file.".to_owned(),
        lang: "en".to_owned(),
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

/// The clinician's record of a worksheet whose plan for leaving says `leaving` (with a fear score and a need in
/// progress, see [`values`]), in the built-in content of `locale`, under `labels`.
fn plan_document(locale: &str, leaving: &str, labels: &Labels) -> PlanDocument {
    let content = Content::builtin(locale).expect("content");
    PlanDocument::from_plan(&content.safety_plan, &values(leaving), labels)
}

/// [`plan_document`] as PDF bytes.
fn plan_pdf(locale: &str, leaving: &str, labels: &Labels) -> Vec<u8> {
    render_pdf(&plan_document(locale, leaving, labels)).expect("render")
}

/// A plan for leaving long enough to fill several pages.
fn long_plan() -> String {
    "A line of the plan that the patient and the advocate wrote together. ".repeat(200)
}

#[test]
fn the_pdf_holds_the_entered_text_under_a_neutral_title() {
    let bytes = plan_pdf("en", "sister's phone, bus fare", &labels("Personal plan"));
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
    for entered in ["رقم هاتف أختي", "姐姐的电话", "លេខទូរស័ព្ទបងស្រី"]
    {
        let bytes = plan_pdf("en", entered, &labels("Personal plan"));
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
    let bytes = plan_pdf("en", &long_plan(), &labels("Personal plan"));
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
    let note = "* ترجمه مشروع Harbor، ولم يراجعه بعدُ مترجم طبي محترف.";
    let leaving = "اتصل بالرقم (888) 373-7888 عند الحاجة";
    let mut arabic = labels("خطة شخصية");
    arabic.unreviewed_note = Some(note.to_owned());
    let document = plan_document("ar", leaving, &arabic);
    assert_eq!(document.note.as_deref(), Some(note));
    let bytes = render_pdf(&document).expect("render");
    let reviewed = plan_pdf("ar", leaving, &labels("خطة شخصية"));
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

/// The ten languages Harbor ships.
const LOCALES: [&str; 10] = [
    "en", "es", "pt-BR", "ht", "zh-CN", "vi", "ru", "ar", "km", "fr",
];

/// Text without any whitespace: `pdftotext` wraps lines where the PDF does, and may space glyphs differently.
fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `pdfinfo`'s report, or `None` (with a notice) when poppler is not installed.
fn pdf_info(bytes: &[u8]) -> Option<String> {
    poppler_on_bytes("pdfinfo", &[], bytes)
}

/// A worksheet filled in everywhere: the risk assessment, every indicator, needs, care, and what the patient wants
/// to take home.
fn full_worksheet(content: &Content) -> BTreeMap<String, PlanValue> {
    let mut values = BTreeMap::new();
    for section in &content.safety_plan.sections {
        for field in &section.fields {
            let value = match field.id.as_str() {
                "sp.risk.fear" => PlanValue::Scale(8),
                "sp.risk.appraisal" => PlanValue::Text("Afraid employer will find out".to_owned()),
                "sp.closing.numbers" => PlanValue::Text("Rosa 617-555-0142".to_owned()),
                "sp.closing.referrals" => PlanValue::Text("Clinic desk 617-555-0100".to_owned()),
                "sp.closing.follow-up" => PlanValue::Text("Tuesday 10:30, room 4".to_owned()),
                "sp.plan.staying" => PlanValue::Text("Keep the bus pass in the shoe".to_owned()),
                "sp.plan.leaving" => PlanValue::Text("Spare key with Rosa".to_owned()),
                "sp.plan.future" => PlanValue::Text("Call back after payday".to_owned()),
                id if id.starts_with("sp.needs.") => PlanValue::Need {
                    status: NeedStatus::InProgress,
                    notes: "intake booked".to_owned(),
                },
                _ => PlanValue::Check(true),
            };
            values.insert(field.id.clone(), value);
        }
    }
    values
}

/// Every worksheet heading, introduction and field label, in `locale` and in English: none may reach the
/// patient's copy.
fn worksheet_wording(locale: &str) -> Vec<String> {
    let mut wording = Vec::new();
    for code in ["en", locale] {
        let content = Content::builtin(code).expect("content");
        wording.extend(
            content
                .safety_plan
                .collect_texts()
                .into_iter()
                .map(|(_, _, text)| text),
        );
    }
    wording
}

#[derive(serde::Deserialize)]
struct GlossaryFile {
    locales: BTreeMap<String, Vec<GlossaryTerm>>,
}

#[derive(serde::Deserialize)]
struct GlossaryTerm {
    concept: String,
    approved: Vec<String>,
    #[serde(default)]
    forbidden: Vec<String>,
}

/// The words for trafficking and traffickers in `locale` (the glossary's renderings and the forms it forbids),
/// and the English stem, lower-cased.
fn trafficking_words(locale: &str) -> Vec<String> {
    let text = std::fs::read_to_string("content/glossary.ron").expect("glossary");
    let glossary: GlossaryFile = ron::from_str(&text).expect("glossary parses");
    let mut words = vec!["traffick".to_owned()];
    for term in glossary.locales.get(locale).into_iter().flatten() {
        if term.concept == "human trafficking" || term.concept == "trafficker" {
            words.extend(
                term.approved
                    .iter()
                    .chain(&term.forbidden)
                    .map(|w| w.to_lowercase()),
            );
        }
    }
    words
}

fn the_help_line() -> HelpLine {
    HelpLine::from_content(&Content::builtin("en").expect("content")).expect("hotline in the pack")
}

fn options(locale: &str, discreet: bool) -> PatientOptions {
    PatientOptions {
        locale: locale.to_owned(),
        discreet,
        steps: true,
        ..PatientOptions::default()
    }
}

#[test]
fn the_clinician_copy_says_on_every_page_that_it_is_a_record_to_keep() {
    let bytes = plan_pdf("en", &long_plan(), &labels("Personal plan"));
    if let Some(text) = pdf_text(&bytes) {
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert!(pages.len() >= 2, "several pages:\n{text}");
        for (n, page) in pages.iter().enumerate() {
            assert!(
                compact(page).contains(&compact(
                    "Clinician's record: keep it in the patient's file."
                )),
                "page {} lacks the label:\n{page}",
                n + 1
            );
        }
    }
}

#[test]
fn the_patient_copy_holds_what_the_patient_chose_and_nothing_of_the_assessment() {
    for locale in LOCALES {
        let content = Content::builtin(locale).expect("content");
        let values = full_worksheet(&content);
        for discreet in [false, true] {
            let bytes = patient_pdf(
                &values,
                &options(locale, discreet),
                Some(&the_help_line()),
                "en",
            )
            .expect("render");
            let Some(text) = pdf_text(&bytes) else {
                return;
            };
            let flat = compact(&text);
            let lower = flat.to_lowercase();
            for kept in [
                "Rosa617-555-0142",
                "Tuesday10:30",
                "Sparekeywith",
                "(888)373-7888",
                "233733",
            ] {
                assert!(flat.contains(kept), "{locale}: {kept} missing:\n{text}");
            }
            assert!(
                !flat.contains("Afraidemployer"),
                "{locale}: the appraisal leaked:\n{text}"
            );
            assert!(
                !flat.contains("/10") && !flat.contains("8/"),
                "{locale}: the fear score leaked:\n{text}"
            );
            assert!(
                !flat.contains("intakebooked"),
                "{locale}: case-management notes leaked:\n{text}"
            );
            if locale != "en" {
                assert!(
                    flat.contains('*'),
                    "{locale}: the not-yet-reviewed mark:\n{text}"
                );
            }
            for wording in worksheet_wording(locale) {
                assert!(
                    !flat.contains(&compact(&wording)),
                    "{locale}: worksheet wording in the patient's copy: {wording}\n{text}"
                );
            }
            if discreet {
                for word in trafficking_words(locale) {
                    assert!(
                        !lower.contains(&compact(&word)),
                        "{locale}: discreet copy says {word}:\n{text}"
                    );
                }
            } else {
                assert!(
                    flat.contains("NationalHumanTraffickingHotline"),
                    "{locale}:\n{text}"
                );
            }
        }
    }
}

#[test]
fn the_patient_copy_is_in_the_patients_language_with_english_beside_when_asked() {
    let content = Content::builtin("en").expect("content");
    let mut chosen = options("es", true);
    chosen.english_beside = true;
    let bytes = patient_pdf(
        &full_worksheet(&content),
        &chosen,
        Some(&the_help_line()),
        "en",
    )
    .expect("render");
    if let Some(text) = pdf_text(&bytes) {
        let flat = compact(&text);
        assert!(
            flat.contains("Susnotas") && flat.contains("Yournotes"),
            "{text}"
        );
        assert!(flat.contains("Líneadeayuda,24horas"), "{text}");
        assert!(
            flat.contains("intérprete"),
            "interpreters, in Spanish:\n{text}"
        );
    }
    // A name the patient picked replaces the help line's, and nothing else names it.
    let mut named = options("en", true);
    named.helpline_name = "Aunt Rosa".to_owned();
    let bytes = patient_pdf(
        &full_worksheet(&content),
        &named,
        Some(&the_help_line()),
        "en",
    )
    .expect("render");
    if let Some(text) = pdf_text(&bytes) {
        assert!(compact(&text).contains("AuntRosa"), "{text}");
        assert!(!compact(&text).contains("Helpline,24hours"), "{text}");
    }
}

#[test]
fn the_arabic_and_khmer_cards_read_the_number_in_order() {
    for locale in ["ar", "km"] {
        for discreet in [false, true] {
            let card = CardOptions {
                locale: locale.to_owned(),
                discreet,
                name: String::new(),
            };
            let bytes = card_pdf(&card, &the_help_line()).expect("render");
            let Some(text) = pdf_text(&bytes) else {
                return;
            };
            let flat = compact(&text);
            assert!(
                flat.contains("(888)373-7888"),
                "{locale}: number out of order:\n{text}"
            );
            assert!(
                !flat.contains("7888-373") && !flat.contains("(888)7888"),
                "{locale}:\n{text}"
            );
            assert!(flat.contains("233733"), "{locale}:\n{text}");
            assert!(
                flat.contains("200"),
                "{locale}: the interpreter claim:\n{text}"
            );
            // Unreviewed translations say so on the card.
            assert!(
                flat.contains('*'),
                "{locale}: not-yet-reviewed mark missing:\n{text}"
            );
        }
    }
}

#[test]
fn a_discreet_card_names_no_service_in_any_language_and_a_plain_one_cites_its_source() {
    for locale in LOCALES {
        for discreet in [true, false] {
            let card = CardOptions {
                locale: locale.to_owned(),
                discreet,
                name: String::new(),
            };
            let bytes = card_pdf(&card, &the_help_line()).expect("card fits");
            let Some(text) = pdf_text(&bytes) else {
                return;
            };
            let flat = compact(&text);
            assert!(flat.contains("(888)373-7888"), "{locale}:\n{text}");
            if discreet {
                let lower = flat.to_lowercase();
                for word in trafficking_words(locale) {
                    assert!(
                        !lower.contains(&compact(&word)),
                        "{locale}: card says {word}:\n{text}"
                    );
                }
            } else {
                assert!(
                    flat.contains("NationalHumanTraffickingHotline"),
                    "{locale}:\n{text}"
                );
                assert!(
                    flat.contains("humantraffickinghotline.org/about-us/what-we-do"),
                    "{locale}:\n{text}"
                );
                assert!(flat.contains("2026-12-05"), "{locale}:\n{text}");
            }
        }
    }
}

#[test]
fn every_pdf_harbor_writes_is_tagged_and_the_patients_copy_has_no_telling_metadata() {
    let content = Content::builtin("en").expect("content");
    let clinician = render_pdf(&PlanDocument::from_plan(
        &content.safety_plan,
        &full_worksheet(&content),
        &labels("Personal plan"),
    ))
    .expect("render");
    let patient = patient_pdf(
        &full_worksheet(&content),
        &options("ar", true),
        Some(&the_help_line()),
        "en",
    )
    .expect("render");
    let card = card_pdf(
        &CardOptions {
            locale: "km".to_owned(),
            discreet: true,
            name: String::new(),
        },
        &the_help_line(),
    )
    .expect("render");
    for (name, bytes) in [
        ("clinician", &clinician),
        ("patient", &patient),
        ("card", &card),
    ] {
        let Some(info) = pdf_info(bytes) else {
            return;
        };
        assert!(
            info.lines()
                .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
            "{name} is not tagged:\n{info}"
        );
        // The document's language travels with it (PDF/UA-1 identification is in the XMP).
        let raw = String::from_utf8_lossy(bytes);
        assert!(raw.contains("pdfuaid"), "{name}: no PDF/UA identification");
        assert!(raw.contains("/Lang("), "{name}: no language");
    }
    // The eight cards of a sheet are read once: one card's paragraphs in the structure, the copies artifacts.
    let raw = String::from_utf8_lossy(&card);
    let paragraphs = raw.matches("/S/P").count();
    assert!(
        (3..=8).contains(&paragraphs),
        "{paragraphs} paragraphs in the card's structure"
    );
    if let Some(info) = pdf_info(&patient) {
        for key in ["Subject:", "Keywords:", "Author:"] {
            assert!(!info.contains(key), "patient's copy has {key}\n{info}");
        }
        let title = info
            .lines()
            .find(|l| l.starts_with("Title:"))
            .unwrap_or_default();
        assert!(
            title.contains("ملاحظاتك"),
            "neutral title in the patient's language: {title}"
        );
        assert!(!info.to_lowercase().contains("traffick"), "{info}");
    }
}

#[test]
fn export_card_writes_a_tagged_sheet_and_fails_clearly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("cards.pdf");
    let output = crate::cli::harbor(&[
        "--export-card",
        "km",
        "--out",
        out.to_str().expect("utf-8 path"),
        "--discreet",
    ]);
    assert!(output.status.success(), "{output:?}");
    let bytes = std::fs::read(&out).expect("written");
    assert!(bytes.starts_with(b"%PDF-"));
    if let Some(text) = pdf_text(&bytes) {
        assert!(compact(&text).contains("(888)373-7888"), "{text}");
        assert!(!compact(&text).contains("ការជួញដូរ"), "{text}");
    }
    if let Some(info) = pdf_info(&bytes) {
        assert!(
            info.contains("Tagged:")
                && info
                    .lines()
                    .any(|l| l.starts_with("Tagged:") && l.ends_with("yes"))
        );
    }

    let unknown =
        crate::cli::harbor(&["--export-card", "xx", "--out", out.to_str().expect("utf-8")]);
    assert!(!unknown.status.success());
    let message = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        message.contains("unknown language `xx`") && message.contains("km"),
        "{message}"
    );

    let nowhere = dir.path().join("no-such-folder").join("cards.pdf");
    let unwritable = crate::cli::harbor(&[
        "--export-card",
        "es",
        "--out",
        nowhere.to_str().expect("utf-8"),
    ]);
    assert!(!unwritable.status.success());
    let message = String::from_utf8_lossy(&unwritable.stderr);
    assert!(
        message.contains("could not write") && message.contains("no-such-folder"),
        "{message}"
    );
    assert!(!nowhere.exists());

    let stray = crate::cli::harbor(&["--discreet"]);
    assert!(!stray.status.success());
    assert!(String::from_utf8_lossy(&stray.stderr).contains("only goes with `--export-card`"));

    let missing_out = crate::cli::harbor(&["--export-card", "es"]);
    assert!(!missing_out.status.success());
    assert!(String::from_utf8_lossy(&missing_out.stderr).contains("--out"));
}

#[test]
fn text_no_bundled_font_draws_still_exports() {
    let content = Content::builtin("en").expect("content");
    let document = PlanDocument::from_plan(
        &content.safety_plan,
        &values("call ☎ Rosa 🙂 ሰላም 👩‍👩‍👧 ok\u{FE0F}\u{FEFF}\t\u{0}\u{E000}\u{200D}!"),
        &labels("Personal plan"),
    );
    let bytes =
        render_pdf(&document).expect("a character without a glyph does not stop the export");
    if let Some(text) = pdf_text(&bytes) {
        assert!(compact(&text).contains("Rosa"), "{text}");
    }
}

/// Whatever a clinician pastes — a sample of the whole of Unicode, a few characters of every block — the three
/// documents are still written.
#[test]
fn any_text_still_exports() {
    let sample: String = (0x20..0x3_0000)
        .step_by(37)
        .filter_map(char::from_u32)
        .collect::<Vec<_>>()
        .chunks(40)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ");
    let content = Content::builtin("en").expect("content");
    let mut entered = values(&sample);
    entered.insert(
        "sp.closing.numbers".to_owned(),
        PlanValue::Text(sample.clone()),
    );
    render_pdf(&PlanDocument::from_plan(
        &content.safety_plan,
        &entered,
        &labels("Personal plan"),
    ))
    .expect("the clinician's record");
    patient_pdf(&entered, &options("ar", true), Some(&the_help_line()), "en")
        .expect("the patient's copy");
    let card = CardOptions {
        locale: "km".to_owned(),
        discreet: true,
        name: sample.chars().take(30).collect(),
    };
    card_pdf(&card, &the_help_line()).expect("the cards, with a strange name");
    // The longest name the window lets the patient pick (40 characters) fits in every language.
    for locale in LOCALES {
        for name in ["W".repeat(40), "ញ្ញ".repeat(14), "آ".repeat(40)] {
            let card = CardOptions {
                locale: locale.to_owned(),
                discreet: true,
                name,
            };
            let bytes = card_pdf(&card, &the_help_line()).expect("a 40-character name fits");
            // Nothing runs past the cards' grid (2 × 269.3 pt, centred on the 612 pt sheet).
            for (x_min, x_max) in word_boxes(&bytes) {
                assert!(
                    x_min >= 36.0 && x_max <= 576.0,
                    "{locale}: a word at {x_min}..{x_max} runs off its card"
                );
            }
        }
    }
}

/// The horizontal extent of every word `pdftotext -bbox` finds (empty without poppler).
fn word_boxes(bytes: &[u8]) -> Vec<(f32, f32)> {
    let html = poppler_on_bytes("pdftotext", &["-bbox"], bytes).unwrap_or_default();
    let number = |line: &str, key: &str| -> Option<f32> {
        let start = line.find(key)? + key.len();
        line[start..].split('"').next()?.parse().ok()
    };
    html.lines()
        .filter(|line| line.contains("<word"))
        .filter_map(|line| Some((number(line, "xMin=\"")?, number(line, "xMax=\"")?)))
        .collect()
}
