//! The date an import records. A translator who keeps the exported header (it carries the date of the translation
//! as exported) must not date new work with the old date: an import dates what it changes the day of the import,
//! unless the file carries a later date of the translator's own, never one in the future or before the export; an
//! entry the import leaves as it was keeps its date. The day is given to the library (`export_on`, `import_on`), so
//! no assertion depends on the wall clock.

use std::path::Path;

use harbor::content::provenance::fingerprint;
use harbor::exchange::{Day, Dirs, Format, Summary, export_on, import_on};

use crate::translation_exchange::{
    check_content, french_workspace, replace_once, set_header, sidecar,
};

const CONFIDENTIALITY_EN: &str = "What you tell me stays between us as far as the law allows.";
const CONFIDENTIALITY_FR: &str =
    "Ce que vous me dites reste entre nous, dans les limites prévues par la loi.";
const CONFIDENTIALITY_EDITED: &str =
    "Ce que vous me dites reste confidentiel, dans les limites prévues par la loi.";

fn day(iso: &str) -> Day {
    Day::from_iso(iso).unwrap()
}

fn dirs(work: &Path) -> Dirs {
    Dirs {
        content: work.join("content"),
        locales: work.join("locales"),
    }
}

fn export(work: &Path, format: Format, on: &str) -> String {
    export_on(&dirs(work), "fr", format, day(on)).unwrap()
}

fn import(work: &Path, name: &str, text: &str, on: &str) -> Summary {
    let file = work.join(name);
    std::fs::write(&file, text).unwrap();
    let summary = import_on(&dirs(work), &file, day(on)).unwrap();
    std::fs::remove_file(&file).unwrap();
    summary
}

/// The PO export with the confidentiality statement edited and the header as exported.
fn edit_confidentiality(po: &str) -> String {
    replace_once(
        po,
        &format!("msgstr \"{CONFIDENTIALITY_FR}\""),
        &format!("msgstr \"{CONFIDENTIALITY_EDITED}\""),
    )
}

#[test]
fn an_entry_edited_under_the_exported_header_is_dated_the_day_of_the_import() {
    let work = french_workspace();
    let po = export(work.path(), Format::Po, "2026-12-10");
    assert!(
        po.contains("\"PO-Revision-Date: 2026-11-30 00:00+0000\\n\""),
        "the export carries the translation's date"
    );
    assert!(po.contains("\"POT-Creation-Date: 2026-12-10 00:00+0000\\n\""));
    let summary = import(
        work.path(),
        "fr.po",
        &edit_confidentiality(&po),
        "2026-12-12",
    );
    assert_eq!(summary.changed(), 1);
    assert_eq!(summary.date, "2026-12-12");
    // The translator is told why the file's date was not used.
    let note = summary.date_note.clone().unwrap_or_default();
    assert!(
        note.starts_with("dated 2026-12-12, the day of the import: the file's date 2026-11-30"),
        "{note}"
    );
    assert!(summary.to_string().contains(&note), "{summary}");
    let provenance = sidecar(work.path(), "fr");
    assert_eq!(provenance.date, "2026-12-12");
    assert_eq!(
        provenance.dates["questions"]["q.statement.confidentiality"],
        "2026-12-12"
    );
    assert_eq!(
        provenance
            .dates
            .values()
            .map(|keys| keys.len())
            .sum::<usize>(),
        1,
        "only the edited entry has a date of its own: {:?}",
        provenance.dates
    );
    // The English it was made from is still recorded: outdated detection is unchanged.
    assert_eq!(
        provenance.english["questions"]["q.statement.confidentiality"],
        fingerprint(CONFIDENTIALITY_EN)
    );
    check_content(work.path());
}

#[test]
fn an_entry_left_as_it_was_keeps_its_date_when_another_is_imported_later() {
    let work = french_workspace();
    let first = export(work.path(), Format::Po, "2026-12-10");
    import(
        work.path(),
        "first.po",
        &edit_confidentiality(&first),
        "2026-12-12",
    );
    // A week later, another export (dated 2026-12-12 now), one UI string edited, the header kept again.
    let second = export(work.path(), Format::Po, "2026-12-15");
    assert!(second.contains("\"PO-Revision-Date: 2026-12-12 00:00+0000\\n\""));
    let edited = replace_once(
        &second,
        "msgctxt \"ui:app.about_close\"\nmsgid \"Close\"\nmsgstr \"Fermer\"",
        "msgctxt \"ui:app.about_close\"\nmsgid \"Close\"\nmsgstr \"Fermer la fenêtre\"",
    );
    let summary = import(work.path(), "second.po", &edited, "2026-12-20");
    assert_eq!(summary.date, "2026-12-20");
    let provenance = sidecar(work.path(), "fr");
    assert_eq!(provenance.date, "2026-12-20");
    assert_eq!(provenance.dates["ui"]["app.about_close"], "2026-12-20");
    assert_eq!(
        provenance.dates["questions"]["q.statement.confidentiality"], "2026-12-12",
        "the entry this import left as it was keeps its date"
    );
    // The export shows each entry's own date to the translator and the reviewer.
    let third = export(work.path(), Format::Po, "2026-12-21");
    for (path, id, date) in [
        (
            "content/fr/questions.ron",
            "questions:q.statement.confidentiality",
            "2026-12-12",
        ),
        ("locales/fr.yml", "ui:app.about_close", "2026-12-20"),
    ] {
        let entry = format!(
            "#. {path}: needs review by a professional medical translator; translation dated {date}\n#, fuzzy\nmsgctxt \"{id}\""
        );
        assert!(third.contains(&entry), "the PO export has {entry:?}");
    }
    // Only the entry each import changed carries that import's date; entries of the workspace's real content that
    // an earlier import dated (the French state packs, 2026-12-06) keep their own dates and are not counted here.
    assert_eq!(third.matches("; translation dated 2026-12-12\n").count(), 1);
    assert_eq!(third.matches("; translation dated 2026-12-20\n").count(), 1);
    let xliff = export(work.path(), Format::Xliff, "2026-12-21");
    assert!(xliff.contains(
        "<unit id=\"q.statement.confidentiality\">\n      <notes>\n        <note category=\"translation-date\">2026-12-12</note>\n      </notes>"
    ));
    // Brought back once more unchanged, in either format, nothing is written and every date stays.
    let summary = import(work.path(), "third.po", &third, "2026-12-22");
    assert!(summary.written.is_empty(), "{summary}");
    let summary = import(work.path(), "third.xliff", &xliff, "2026-12-22");
    assert!(summary.written.is_empty(), "{summary}");
    assert_eq!(sidecar(work.path(), "fr"), provenance);
}

#[test]
fn confirming_an_outdated_entry_dates_it_and_leaving_it_outdated_does_not() {
    let work = french_workspace();
    crate::cli::replace_in(
        &work.path().join("content/en/questions.ron"),
        CONFIDENTIALITY_EN,
        "What you tell me stays between us, as far as the law allows.",
    );
    let po = export(work.path(), Format::Po, "2026-12-10");
    let summary = import(work.path(), "same.po", &po, "2026-12-11");
    assert!(summary.written.is_empty(), "{summary}");
    assert!(sidecar(work.path(), "fr").dates.is_empty());
    let confirmed = replace_once(
        &po,
        "#, fuzzy\nmsgctxt \"questions:q.statement.confidentiality\"",
        "msgctxt \"questions:q.statement.confidentiality\"",
    );
    import(work.path(), "confirmed.po", &confirmed, "2026-12-12");
    let provenance = sidecar(work.path(), "fr");
    assert_eq!(
        provenance.dates["questions"]["q.statement.confidentiality"],
        "2026-12-12"
    );
    assert_eq!(
        provenance.english["questions"]["q.statement.confidentiality"],
        fingerprint("What you tell me stays between us, as far as the law allows.")
    );
}

#[test]
fn a_later_translator_date_is_kept_and_a_future_or_pre_export_one_is_replaced() {
    for (revision, expected, reason) in [
        // The translator's tool dated the work after the export: the work's own date.
        ("2026-12-11 09:30+0100", "2026-12-11", None),
        // Late evening west of UTC is the next day in UTC.
        ("2026-12-11 23:30-0200", "2026-12-12", None),
        (
            "2026-12-20 10:00+0000",
            "2026-12-14",
            Some("is in the future"),
        ),
        (
            "2026-12-05 10:00+0000",
            "2026-12-14",
            Some("is earlier than the export it translates (2026-12-10)"),
        ),
    ] {
        let work = french_workspace();
        let po = export(work.path(), Format::Po, "2026-12-10");
        let po = set_header(&edit_confidentiality(&po), "PO-Revision-Date", revision);
        let summary = import(work.path(), "fr.po", &po, "2026-12-14");
        assert_eq!(summary.date, expected, "{revision}");
        match reason {
            None => assert_eq!(summary.date_note, None, "{revision}"),
            Some(reason) => {
                let note = summary.date_note.unwrap_or_default();
                assert!(note.contains(reason), "{revision}: {note}");
            }
        }
        let provenance = sidecar(work.path(), "fr");
        assert_eq!(provenance.date, expected);
        assert_eq!(
            provenance.dates["questions"]["q.statement.confidentiality"],
            expected
        );
    }
}

#[test]
fn an_xliff_file_that_keeps_the_exported_date_is_dated_the_day_of_the_import() {
    let work = french_workspace();
    let xliff = export(work.path(), Format::Xliff, "2026-12-10");
    assert!(xliff.contains("<note category=\"date\">2026-11-30</note>"));
    assert!(xliff.contains("<note category=\"exported\">2026-12-10</note>"));
    let edited = replace_once(
        &xliff,
        &format!("<target>{CONFIDENTIALITY_FR}</target>"),
        &format!("<target>{CONFIDENTIALITY_EDITED}</target>"),
    );
    let summary = import(work.path(), "fr.xliff", &edited, "2026-12-12");
    assert_eq!(summary.changed(), 1);
    assert_eq!(summary.date, "2026-12-12");
    assert!(summary.date_note.is_some());
    let provenance = sidecar(work.path(), "fr");
    assert_eq!(provenance.date, "2026-12-12");
    assert_eq!(
        provenance.dates["questions"]["q.statement.confidentiality"],
        "2026-12-12"
    );
    // A later date of the translator's own in every file note is kept.
    let work = french_workspace();
    let edited = edited.replace(
        "<note category=\"date\">2026-11-30</note>",
        "<note category=\"date\">2026-12-11</note>",
    );
    let summary = import(work.path(), "fr.xliff", &edited, "2026-12-12");
    assert_eq!(
        (summary.date.as_str(), summary.date_note),
        ("2026-12-11", None)
    );
}
