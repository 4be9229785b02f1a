//! A translator's round trip (issue 15): `--export-translation L --format po|xliff` and `--import-translation
//! FILE`, always on a temporary copy of the content pack and the UI strings, never on the repository's files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use harbor::content::provenance::{Provenance, fingerprint};

use crate::cli::{copy_dir, harbor, stdout};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of `content/` and `locales/` to work on.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("content"), &dir.path().join("content"));
    copy_dir(&root().join("locales"), &dir.path().join("locales"));
    dir
}

/// A workspace whose French is as these tests expect whatever the shipped French holds: translated on 2026-11-30
/// by the project, Overview not translated yet (the shipped files are only copied, never edited).
pub(crate) fn french_workspace() -> tempfile::TempDir {
    let dir = workspace();
    let content = dir.path().join("content/fr");
    let _ = std::fs::remove_file(content.join("overview.ron"));
    let sidecar = content.join("provenance.ron");
    let text = std::fs::read_to_string(&sidecar).unwrap();
    let date = text
        .lines()
        .find(|line| line.trim_start().starts_with("date: "))
        .unwrap()
        .to_owned();
    std::fs::write(
        &sidecar,
        text.replacen(&date, "    date: \"2026-11-30\",", 1),
    )
    .unwrap();
    dir
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let relative = path.strip_prefix(base).unwrap().to_path_buf();
                out.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The files whose bytes differ between two snapshots (added, removed or changed).
fn changed_files(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
) -> Vec<String> {
    let mut paths: Vec<&PathBuf> = before.keys().chain(after.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter(|p| before.get(*p) != after.get(*p))
        .map(|p| p.display().to_string())
        .collect()
}

/// The lines of two texts that differ, as (old, new) pairs; the texts must have the same number of lines.
fn changed_lines(before: &[u8], after: &[u8]) -> Vec<(String, String)> {
    let before = String::from_utf8_lossy(before);
    let after = String::from_utf8_lossy(after);
    assert_eq!(before.lines().count(), after.lines().count());
    before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect()
}

fn dirs(work: &Path) -> [String; 4] {
    [
        "--content".into(),
        work.join("content").display().to_string(),
        "--locales".into(),
        work.join("locales").display().to_string(),
    ]
}

fn export(work: &Path, locale: &str, format: &str) -> String {
    let [c, content, l, locales] = dirs(work);
    let output = harbor(&[
        "--export-translation",
        locale,
        "--format",
        format,
        &c,
        &content,
        &l,
        &locales,
    ]);
    assert!(
        output.status.success(),
        "export {locale} {format}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(&output)
}

fn import(work: &Path, file: &Path) -> Output {
    let [c, content, l, locales] = dirs(work);
    let file = file.display().to_string();
    harbor(&["--import-translation", &file, &c, &content, &l, &locales])
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Writes `text` into the workspace under `name` and imports it.
fn import_text(work: &Path, name: &str, text: &str) -> Output {
    let path = work.join(name);
    std::fs::write(&path, text).unwrap();
    import(work, &path)
}

/// The PO header field `name` set to `value` (the export writes `POT-Creation-Date` with the day it was made).
pub(crate) fn set_header(po: &str, name: &str, value: &str) -> String {
    let start = po
        .find(&format!("\"{name}: "))
        .unwrap_or_else(|| panic!("the export has {name}"));
    let end = start + po[start..].find("\\n\"").unwrap();
    format!("{}\"{name}: {value}{}", &po[..start], &po[end..])
}

pub(crate) fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` is in the export");
    text.replacen(from, to, 1)
}

/// How many entries of `group` a PO export has.
fn entries(po: &str, group: &str) -> usize {
    po.lines()
        .filter(|l| l.starts_with(&format!("msgctxt \"{group}:")))
        .count()
}

pub(crate) fn sidecar(work: &Path, locale: &str) -> Provenance {
    let text =
        std::fs::read_to_string(work.join(format!("content/{locale}/provenance.ron"))).unwrap();
    Provenance::parse(&text).unwrap()
}

pub(crate) fn check_content(work: &Path) -> String {
    let content = work.join("content").display().to_string();
    let output = harbor(&["--check-content", &content]);
    let out = stdout(&output);
    assert!(
        output.status.success(),
        "--check-content after import:\n{out}"
    );
    out
}

#[test]
fn exporting_and_importing_without_changes_writes_nothing() {
    let work = workspace();
    let before = snapshot(work.path());
    for (locale, format) in [
        ("fr", "po"),
        ("ar", "xliff"),
        ("zh-CN", "po"),
        ("ru", "xliff"),
    ] {
        let text = export(work.path(), locale, format);
        let output = import_text(work.path(), &format!("round.{format}"), &text);
        assert!(
            output.status.success(),
            "{locale} {format}: {}",
            stderr(&output)
        );
        let summary = stdout(&output);
        assert!(
            summary.contains(&format!("{locale}: 0 changed, 0 newly translated"))
                && summary.contains("0 file(s) written"),
            "{locale} {format}: {summary}"
        );
        std::fs::remove_file(work.path().join(format!("round.{format}"))).unwrap();
        assert_eq!(
            changed_files(&before, &snapshot(work.path())),
            Vec::<String>::new(),
            "{locale} {format}: a round trip without changes left every file byte for byte as it was"
        );
    }
}

#[test]
fn the_export_carries_ids_english_translation_state_and_provenance() {
    let work = french_workspace();
    let po = export(work.path(), "fr", "po");
    for expected in [
        "\"Language: fr\\n\"",
        "\"Last-Translator: project draft\\n\"",
        "\"PO-Revision-Date: 2026-11-30 00:00+0000\\n\"",
        "X-Harbor-Reviewed: overview=no,",
        "ui=no\\n\"",
        // A translated, unreviewed entry: fuzzy, with its id, English and translation.
        "#, fuzzy\nmsgctxt \"questions:q.statement.confidentiality\"\nmsgid \"What you tell me stays between us as far as the law allows.\"\nmsgstr \"Ce que vous me dites reste entre nous, dans les limites prévues par la loi.\"",
        // A file French does not translate yet: empty, not fuzzy.
        "#. content/fr/overview.ron: not translated yet\nmsgctxt \"overview:ov.about\"\nmsgid \"About this guide\"\nmsgstr \"\"",
        "msgctxt \"ui:app.about_close\"\nmsgid \"Close\"\nmsgstr \"Fermer\"",
    ] {
        assert!(po.contains(expected), "the PO export has {expected:?}");
    }
    let xliff = export(work.path(), "ar", "xliff");
    for expected in [
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"ar\">",
        "<file id=\"safety_plan\" original=\"content/ar/safety_plan.ron\">",
        "<note category=\"translator\">project draft</note>",
        "<note category=\"reviewed\">no</note>",
        "<unit id=\"sp.closing.intro\">\n      <segment state=\"translated\">",
        "<file id=\"ui\" original=\"locales/ar.yml\">",
    ] {
        assert!(
            xliff.contains(expected),
            "the XLIFF export has {expected:?}"
        );
    }
}

#[test]
fn an_outdated_translation_is_exported_as_needing_review_and_stays_outdated_unless_confirmed() {
    let work = workspace();
    // The English changes after the French was made: the French entry is outdated.
    let english = work.path().join("content/en/questions.ron");
    crate::cli::replace_in(
        &english,
        "What you tell me stays between us as far as the law allows.",
        "What you tell me stays between us, as far as the law allows.",
    );
    let po = export(work.path(), "fr", "po");
    assert!(
        po.contains("outdated: the English has changed since this was translated; check it against the English\n#, fuzzy\nmsgctxt \"questions:q.statement.confidentiality\"\nmsgid \"What you tell me stays between us, as far as the law allows.\""),
        "the outdated entry is marked and fuzzy"
    );
    let xliff = export(work.path(), "fr", "xliff");
    assert!(xliff.contains("<note category=\"state\">outdated"));
    // Imported as it was (still fuzzy): nothing changes, it stays outdated.
    let before = snapshot(work.path());
    let output = import_text(work.path(), "same.po", &po);
    assert!(output.status.success(), "{}", stderr(&output));
    std::fs::remove_file(work.path().join("same.po")).unwrap();
    assert!(changed_files(&before, &snapshot(work.path())).is_empty());
    // Confirmed by the translator (fuzzy removed): its fingerprint now matches the new English.
    let confirmed = replace_once(
        &po,
        "#, fuzzy\nmsgctxt \"questions:q.statement.confidentiality\"",
        "msgctxt \"questions:q.statement.confidentiality\"",
    );
    let confirmed = replace_once(
        &confirmed,
        "Last-Translator: project draft",
        "Last-Translator: Test Translator",
    );
    let output = import_text(work.path(), "confirmed.po", &confirmed);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains(&format!(
            "content/fr/questions.ron: 0 changed, 0 newly translated, {} unchanged, 1 outdated brought up to date",
            entries(&po, "questions") - 1
        )),
        "{}",
        stdout(&output)
    );
    let provenance = sidecar(work.path(), "fr");
    assert_eq!(
        provenance.english["questions"]["q.statement.confidentiality"],
        fingerprint("What you tell me stays between us, as far as the law allows.")
    );
    assert_eq!(provenance.translator, "Test Translator");
}

#[test]
fn an_edited_po_entry_changes_exactly_that_string_and_the_provenance() {
    let work = french_workspace();
    let before = snapshot(work.path());
    let po = export(work.path(), "fr", "po");
    let edited = replace_once(
        &po,
        "msgstr \"Ce que vous me dites reste entre nous, dans les limites prévues par la loi.\"",
        // A double quote in the text: escaped in PO, and must be escaped again in RON.
        "msgstr \"Ce que vous me dites reste \\\"confidentiel\\\", dans les limites prévues par la loi.\"",
    );
    let edited = replace_once(
        &edited,
        "msgctxt \"ui:app.about_close\"\nmsgid \"Close\"\nmsgstr \"Fermer\"",
        "msgctxt \"ui:app.about_close\"\nmsgid \"Close\"\nmsgstr \"Fermer la fenêtre\"",
    );
    let edited = replace_once(
        &edited,
        "msgctxt \"overview:ov.about\"\nmsgid \"About this guide\"\nmsgstr \"\"",
        "msgctxt \"overview:ov.about\"\nmsgid \"About this guide\"\nmsgstr \"À propos de ce guide\"",
    );
    let edited = replace_once(
        &edited,
        "Last-Translator: project draft",
        "Last-Translator: Test Translator <test@example.org>",
    );
    // The translator's tool dated the work the day of the export, after the exported translation's date: kept.
    let edited = replace_once(
        &edited,
        "PO-Revision-Date: 2026-11-30 00:00+0000",
        "PO-Revision-Date: 2026-12-01 09:30+0100",
    );
    let edited = set_header(&edited, "POT-Creation-Date", "2026-12-01 08:00+0000");
    let output = import_text(work.path(), "fr.po", &edited);
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = stdout(&output);
    for line in [
        format!(
            "content/fr/questions.ron: 1 changed, 0 newly translated, {} unchanged\n",
            entries(&po, "questions") - 1
        ),
        "content/fr/overview.ron: 0 changed, 1 newly translated, 0 unchanged\n".to_owned(),
        format!(
            "locales/fr.yml: 1 changed, 0 newly translated, {} unchanged\n",
            entries(&po, "ui") - 1
        ),
        "fr: 2 changed, 1 newly translated".to_owned(),
        "4 file(s) written".to_owned(),
    ] {
        assert!(summary.contains(&line), "summary has {line:?}:\n{summary}");
    }
    std::fs::remove_file(work.path().join("fr.po")).unwrap();
    let after = snapshot(work.path());
    assert_eq!(
        changed_files(&before, &after),
        [
            "content/fr/overview.ron",
            "content/fr/provenance.ron",
            "content/fr/questions.ron",
            "locales/fr.yml"
        ]
    );
    let questions = PathBuf::from("content/fr/questions.ron");
    assert_eq!(
        changed_lines(&before[&questions], &after[&questions]),
        [(
            "        \"q.statement.confidentiality\": \"Ce que vous me dites reste entre nous, dans les limites prévues par la loi.\",".to_owned(),
            "        \"q.statement.confidentiality\": \"Ce que vous me dites reste \\\"confidentiel\\\", dans les limites prévues par la loi.\",".to_owned()
        )]
    );
    let yml = PathBuf::from("locales/fr.yml");
    assert_eq!(
        changed_lines(&before[&yml], &after[&yml]),
        [(
            "  about_close: \"Fermer\"".to_owned(),
            "  about_close: \"Fermer la fenêtre\"".to_owned()
        )]
    );
    let provenance = sidecar(work.path(), "fr");
    assert_eq!(provenance.translator, "Test Translator <test@example.org>");
    assert_eq!(provenance.date, "2026-12-01");
    assert_eq!(
        provenance.english["overview"]["ov.about"],
        fingerprint("About this guide")
    );
    // The pack still passes its checks, and the new file is laid out like the others.
    check_content(work.path());
    let overview =
        String::from_utf8_lossy(&after[&PathBuf::from("content/fr/overview.ron")]).into_owned();
    assert!(
        overview.contains("        \"ov.about\": \"À propos de ce guide\",\n"),
        "{overview}"
    );
    // Exported again, the file shows the new texts, and importing that is a no-op.
    let again = export(work.path(), "fr", "po");
    assert!(again.contains("Ce que vous me dites reste \\\"confidentiel\\\""));
    let output = import_text(work.path(), "again.po", &again);
    assert!(
        stdout(&output).contains("0 file(s) written"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn an_xliff_edit_and_the_reviewed_flag_reach_the_files() {
    let work = workspace();
    let before = snapshot(work.path());
    let xliff = export(work.path(), "ar", "xliff");
    let edited = replace_once(
        &xliff,
        "<target>خروج سريع</target>",
        "<target>خروج فوري</target>",
    );
    // A named professional reviewed the UI strings: the file note says so.
    let edited = edited.replace(
        "<note category=\"translator\">project draft</note>",
        "<note category=\"translator\">Test Reviewer</note>",
    );
    let ui_file = edited.find("<file id=\"ui\"").unwrap();
    let (head, tail) = edited.split_at(ui_file);
    let tail = tail.replacen(
        "<note category=\"reviewed\">no</note>",
        "<note category=\"reviewed\">yes</note>",
        1,
    );
    let output = import_text(work.path(), "ar.xliff", &format!("{head}{tail}"));
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = stdout(&output);
    assert!(
        summary.contains("locales/ar.yml: 1 changed, 0 newly translated")
            && summary.contains("; marked reviewed")
            && summary.contains("1 file(s) marked reviewed"),
        "{summary}"
    );
    std::fs::remove_file(work.path().join("ar.xliff")).unwrap();
    let after = snapshot(work.path());
    assert_eq!(
        changed_files(&before, &after),
        ["content/ar/provenance.ron", "locales/ar.yml"]
    );
    let yml = PathBuf::from("locales/ar.yml");
    let lines = changed_lines(&before[&yml], &after[&yml]);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].1.ends_with("quick_exit: \"خروج فوري\""),
        "{lines:?}"
    );
    let provenance = sidecar(work.path(), "ar");
    assert!(provenance.ui_reviewed);
    assert_eq!(provenance.translator, "Test Reviewer");
    // Exported again, the UI strings are reviewed.
    let again = export(work.path(), "ar", "xliff");
    let unit = &again[again.find("<unit id=\"app.quick_exit\">").unwrap()..];
    let unit = &unit[..unit.find("</unit>").unwrap()];
    assert!(unit.contains("<segment state=\"reviewed\">"), "{unit}");
    // The edited string carries its own date (the day of the import: the file kept the exported date).
    assert!(
        unit.contains("<note category=\"translation-date\">"),
        "{unit}"
    );
}

#[test]
fn a_content_file_marked_reviewed_in_po_gets_the_flag_and_a_review_record() {
    let work = french_workspace();
    let po = export(work.path(), "fr", "po");
    let marked = replace_once(&po, "questions=no", "questions=yes");
    // Still fuzzy and still "project draft": refused, each fuzzy entry named at its line.
    let output = import_text(work.path(), "marked.po", &marked);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(errors.contains("“project draft”"), "{errors}");
    assert!(
        errors.contains("`questions` is marked reviewed, but `questions:q.statement.privacy` is still marked as needing review"),
        "{errors}"
    );
    // Reviewed by a named translator who cleared every fuzzy flag of the file, on a day of their own.
    let mut reviewed = replace_once(
        &marked,
        "Last-Translator: project draft",
        "Last-Translator: Test Reviewer",
    );
    let reviewed_on = set_header(&reviewed, "POT-Creation-Date", "2026-12-02 08:00+0000");
    reviewed = set_header(&reviewed_on, "PO-Revision-Date", "2026-12-03 16:00+0000");
    while let Some(at) = reviewed.find("#, fuzzy\nmsgctxt \"questions:") {
        reviewed.replace_range(at..at + "#, fuzzy\n".len(), "");
    }
    let before = snapshot(work.path());
    let output = import_text(work.path(), "reviewed.po", &reviewed);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains(&format!(
        "content/fr/questions.ron: 0 changed, 0 newly translated, {} unchanged; marked reviewed",
        entries(&po, "questions")
    )));
    let after = snapshot(work.path());
    let questions = PathBuf::from("content/fr/questions.ron");
    let text = String::from_utf8_lossy(&after[&questions]).into_owned();
    assert!(text.starts_with("(\n    reviewed: true,\n"), "{text}");
    assert!(text.contains("(by: \"Test Reviewer\", scope: \"professional medical translation review, imported with harbor --import-translation\", date: \"2026-12-03\"),"));
    assert_ne!(before[&questions], after[&questions]);
    check_content(work.path());
}

/// The 1-based line of the `msgstr` of the entry whose `msgctxt` is `id`.
fn msgstr_line(po: &str, id: &str) -> usize {
    let lines: Vec<&str> = po.lines().collect();
    let start = lines
        .iter()
        .position(|l| *l == format!("msgctxt \"{id}\""))
        .unwrap_or_else(|| panic!("{id} in the fixture"));
    start
        + lines[start..]
            .iter()
            .position(|l| l.starts_with("msgstr"))
            .unwrap()
        + 1
}

/// The 1-based line of the `<target>` of the unit with `id`.
fn target_line(xliff: &str, id: &str) -> usize {
    let lines: Vec<&str> = xliff.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == format!("<unit id=\"{id}\">"))
        .unwrap_or_else(|| panic!("{id} in the fixture"));
    start
        + lines[start..]
            .iter()
            .position(|l| l.trim_start().starts_with("<target>"))
            .unwrap()
        + 1
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/translation").join(name)
}

#[test]
fn a_po_file_with_bad_entries_lists_each_at_its_line_and_writes_nothing() {
    let work = workspace();
    let before = snapshot(work.path());
    let path = fixture("bad-entries.po");
    let po = std::fs::read_to_string(&path).unwrap();
    let output = import(work.path(), &path);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    let shown = path.display().to_string();
    for (id, says) in [
        (
            "safety_plan:sp.closing.intro",
            "has the numbers 373 7880 888 where the English has 373 7888 888",
        ),
        (
            "ui:common.copy_named",
            "has the placeholders none where the English has %{what}",
        ),
        (
            "questions:q.statement.confidentiality",
            "uses “trafiquant” for trafficker",
        ),
        (
            "questions:q.statement.privacy",
            "is not Harbor's current English",
        ),
    ] {
        let expected = format!("{shown}:{}: ", msgstr_line(&po, id));
        assert!(
            errors
                .lines()
                .any(|l| l.starts_with(&expected) && l.contains(id) && l.contains(says)),
            "{id} reported at line {expected}: {says}\n{errors}"
        );
    }
    assert!(errors.contains("harbor: 4 problem(s)"), "{errors}");
    assert!(errors.contains("nothing was written"));
    assert!(
        !errors.contains("ui:app.about"),
        "the good entry is not an error: {errors}"
    );
    assert!(stdout(&output).is_empty());
    assert_eq!(
        changed_files(&before, &snapshot(work.path())),
        Vec::<String>::new()
    );
}

#[test]
fn an_xliff_file_with_an_unknown_id_lists_each_error_at_its_line_and_writes_nothing() {
    let work = workspace();
    let before = snapshot(work.path());
    let path = fixture("bad-entries.xliff");
    let xliff = std::fs::read_to_string(&path).unwrap();
    let output = import(work.path(), &path);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    let shown = path.display().to_string();
    for (id, says) in [
        ("app.about_window", "unknown id `ui:app.about_window`"),
        ("sp.closing.intro", "writes digits in another script"),
        (
            "sp.closing.intro",
            "has the numbers none where the English has 373 7888 888",
        ),
    ] {
        let expected = format!("{shown}:{}: ", target_line(&xliff, id));
        assert!(
            errors
                .lines()
                .any(|l| l.starts_with(&expected) && l.contains(says)),
            "{id} reported at {expected}: {says}\n{errors}"
        );
    }
    assert!(errors.contains("harbor: 3 problem(s)"), "{errors}");
    assert_eq!(
        changed_files(&before, &snapshot(work.path())),
        Vec::<String>::new()
    );
}

#[test]
fn broken_files_are_a_clear_error_with_a_line_never_a_panic() {
    let work = workspace();
    let before = snapshot(work.path());
    let mut cases: Vec<(PathBuf, usize, &str)> = vec![
        (
            fixture("broken-quoting.po"),
            9,
            "a double quote inside the text must be written \\\"",
        ),
        (
            fixture("broken-markup.xliff"),
            7,
            "expected `</target>`, but `</source>` was found",
        ),
    ];
    let header = "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\n";
    let inline = [
        ("lone-quote.po", format!("{header}msgctxt \"ui:app.about\"\nmsgid \"About Harbor\"\nmsgstr \"x\"\n\"\n"), 8, "not closed"),
        ("msgstr-first.po", format!("{header}msgctxt \"ui:app.about\"\nmsgstr \"x\"\n"), 6, "msgstr cannot follow msgctxt"),
        ("unclosed.po", format!("{header}msgctxt \"ui:app.about\"\nmsgid \"About Harbor\nmsgstr \"x\"\n"), 6, "not closed"),
        ("bad-escape.po", format!("{header}msgctxt \"ui:app.about\"\nmsgid \"About Harbor\"\nmsgstr \"\\q\"\n"), 7, "unknown escape"),
        ("stray.po", format!("{header}hello\n"), 5, "is not a PO keyword"),
        ("unknown-language.po", "msgid \"\"\nmsgstr \"\"\n\"Language: xx\\n\"\n".to_owned(), 3, "`xx` is not a language Harbor translates into"),
        ("truncated.xliff", "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\">\n  <file id=\"ui\">\n".to_owned(), 4, "ends before </file>"),
        ("old.xliff", "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n</xliff>\n".to_owned(), 2, "Harbor reads XLIFF 2.0"),
        ("markup.xliff", "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\">\n<file id=\"ui\"><unit id=\"app.about\"><segment>\n<source>About Harbor</source>\n<target>À <b>propos</b></target>\n</segment></unit></file></xliff>\n".to_owned(), 4, "plain text without inline markup"),
    ];
    for (name, text, line, says) in &inline {
        let path = work.path().join(name);
        std::fs::write(&path, text).unwrap();
        cases.push((path, *line, says));
    }
    for (path, line, says) in cases {
        let output = import(work.path(), &path);
        let errors = stderr(&output);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{}: {errors}",
            path.display()
        );
        assert!(
            !errors.contains("panicked") && !errors.contains("internal error"),
            "{errors}"
        );
        let expected = format!("{}:{line}: ", path.display());
        assert!(
            errors
                .lines()
                .any(|l| l.starts_with(&expected) && l.contains(says)),
            "{}: line {line}, {says}\n{errors}",
            path.display()
        );
        assert!(errors.contains("nothing was written"), "{errors}");
    }
    for (name, _, _, _) in &inline {
        std::fs::remove_file(work.path().join(name)).unwrap();
    }
    assert_eq!(
        changed_files(&before, &snapshot(work.path())),
        Vec::<String>::new()
    );
}

#[test]
fn translation_flags_are_checked_on_the_command_line() {
    let output = harbor(&["--export-translation", "xx"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`xx` is not a language Harbor translates into"));
    let output = harbor(&["--export-translation", "fr", "--format", "docx"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`--format` takes `po` or `xliff`"));
    let output = harbor(&["--locales", "somewhere"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`--locales` only goes with"));
    let output = harbor(&["--import-translation"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("needs a value"));
    let missing = harbor(&["--import-translation", "/nonexistent/fr.po"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("could not read /nonexistent/fr.po"));
    let help = stdout(&harbor(&["--help"]));
    for flag in [
        "--export-translation CODE [--format po|xliff]",
        "--import-translation FILE",
        "--locales DIR",
    ] {
        assert!(help.contains(flag), "--help lists {flag}");
    }
}

/// A small deterministic generator (xorshift), so a failure reproduces.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn no_arrangement_of_lines_makes_the_po_or_xliff_reader_panic() {
    use harbor::exchange::{Format, read_entries};
    // Lines a CAT tool, a text editor or a mistake can produce, well formed and not.
    let po_lines = [
        "msgid \"\"",
        "msgstr \"\"",
        "\"Language: fr\\n\"",
        "msgctxt \"ui:app.about\"",
        "msgid \"About Harbor\"",
        "msgstr \"À propos\"",
        "\"continued\"",
        "\"",
        "msgstr",
        "msgid \"open",
        "msgstr \"a\\\"",
        "msgstr \"\\q\"",
        "msgid_plural \"x\"",
        "msgstr[0] \"x\"",
        "msgstr[x] \"x\"",
        "# translator",
        "#",
        "##x",
        "#comment",
        "#. generated",
        "#.",
        "#: file:1",
        "#, fuzzy",
        "#,",
        "#| msgid \"old\"",
        "#| msgctxt \"old\"",
        "#|  msgid \"old\"",
        "#| \"more\"",
        "#|",
        "#| msgid_plural \"x\"",
        "#~ msgid \"gone\"",
        "#~ msgstr \"gone\"",
        "#~ \"gone\"",
        "#~",
        "#~|",
        "\u{feff}msgid \"\"",
        "",
        "   ",
        "garbage",
        "msgid \"é\" \"é\"",
    ];
    let xliff_lines = [
        "<?xml version=\"1.0\"?>",
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\">",
        "<xliff version=\"1.2\">",
        "</xliff>",
        "<file id=\"ui\">",
        "</file>",
        "<notes><note category=\"reviewed\">maybe</note></notes>",
        "<notes><note category=\"translator\">A</note><note category=\"translator\">B</note></notes>",
        "<unit id=\"app.about\">",
        "</unit>",
        "<segment state=\"final\">",
        "<segment state=\"odd\">",
        "</segment>",
        "<source>About &amp; Harbor</source>",
        "<target>À &#x41; &#0; &bogus; propos</target>",
        "<target/>",
        "<target><b>x</b></target>",
        "<![CDATA[text]]>",
        "<!-- comment -->",
        "<target>unclosed",
        "</source>",
        "<unit id=\"x\"/>",
        "&",
        "<",
        "",
    ];
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    for round in 0..20_000 {
        let (lines, format): (&[&str], Format) = if round % 2 == 0 {
            (&po_lines, Format::Po)
        } else {
            (&xliff_lines, Format::Xliff)
        };
        let count = 1 + random.below(9);
        let text: Vec<&str> = (0..count)
            .map(|_| lines[random.below(lines.len())])
            .collect();
        let text = text.join("\n");
        // Ok or a problem with a line, never a panic (which would fail this test).
        if let Err(error) = read_entries(&text, format) {
            assert!(!error.message.is_empty(), "{text:?}");
            if let Some(line) = error.line {
                assert!(
                    line >= 1 && line <= count + 1,
                    "line {line} of {count}: {text:?}"
                );
            }
        }
    }
}

#[test]
fn gnu_gettext_accepts_the_export_and_its_rewrapped_copy_imports_unchanged() {
    if !crate::tools_present(
        &["msgfmt", "msgcat"],
        "the GNU gettext check of the PO export",
    ) {
        return;
    }
    let work = workspace();
    let before = snapshot(work.path());
    let exported = work.path().join("ar.po");
    std::fs::write(&exported, export(work.path(), "ar", "po")).unwrap();
    let check = std::process::Command::new("msgfmt")
        .args(["--check", "-o", "/dev/null"])
        .arg(&exported)
        .output()
        .unwrap();
    assert!(check.status.success(), "msgfmt --check: {}", stderr(&check));
    assert!(
        !stderr(&check).contains("warning"),
        "msgfmt --check: {}",
        stderr(&check)
    );
    // msgcat rewraps every string at 79 columns and rewrites the header, as PO editors do when they save.
    let rewrapped = work.path().join("ar-rewrapped.po");
    let cat = std::process::Command::new("msgcat")
        .arg("-o")
        .arg(&rewrapped)
        .arg(&exported)
        .output()
        .unwrap();
    assert!(cat.status.success(), "msgcat: {}", stderr(&cat));
    assert_ne!(
        std::fs::read(&exported).unwrap(),
        std::fs::read(&rewrapped).unwrap(),
        "msgcat rewrapped the file"
    );
    let output = import(work.path(), &rewrapped);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("0 file(s) written"),
        "{}",
        stdout(&output)
    );
    std::fs::remove_file(&exported).unwrap();
    std::fs::remove_file(&rewrapped).unwrap();
    assert!(changed_files(&before, &snapshot(work.path())).is_empty());
}

/// Issue 26.3: the hotline's groups swapped, "(373) 888-7888" for "(888) 373-7888", is a different number: the import
/// refuses it and writes nothing. So are the other disguises the audit found.
#[test]
fn a_swapped_phone_number_and_other_disguised_numbers_are_refused_and_nothing_is_written() {
    let work = workspace();
    let before = snapshot(work.path());
    let po = export(work.path(), "fr", "po");
    let id = "safety_plan:sp.closing.intro";
    let context = format!("msgctxt \"{id}\"");
    let at = po.find(&context).expect("the entry is exported");
    let msgstr_at = at + po[at..].find("msgstr \"").expect("msgstr");
    let line_end = msgstr_at + po[msgstr_at..].find('\n').expect("end of line");
    let msgstr = &po[msgstr_at..line_end];
    assert!(msgstr.contains("(888) 373-7888"), "{msgstr}");
    for (disguise, says) in [
        (
            "(373) 888-7888",
            "has the phone numbers 373-888-7888 where the English has 888-373-7888",
        ),
        (
            "(888) 373-373-7888",
            "has the phone numbers 888-373-373-7888 where",
        ),
        (
            "(888) 373-7888 ou au 06 12 34 56 78",
            "has the phone numbers 888-373-7888 06-12-34-56-78 where",
        ),
        (
            "(888) 373-7888 ou ९११",
            "writes digits in another script (`९`, U+096F)",
        ),
        (
            "\u{202E}(888) 373-7888\u{202C}",
            "contains the invisible character U+202E",
        ),
        (
            "(888) 373\u{200B}-7888",
            "contains the invisible character U+200B",
        ),
    ] {
        let edited = format!(
            "{}{}{}",
            &po[..msgstr_at],
            msgstr.replacen("(888) 373-7888", disguise, 1),
            &po[line_end..]
        );
        let output = import_text(work.path(), "fr.po", &edited);
        let errors = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{disguise}: {errors}");
        assert!(
            errors.lines().any(|l| l.contains(id) && l.contains(says)),
            "{disguise}: {says}\n{errors}"
        );
        assert!(errors.contains("nothing was written"), "{errors}");
    }
    // Only the separators between the groups may be localised.
    let spaced = format!(
        "{}{}{}",
        &po[..msgstr_at],
        msgstr.replacen("(888) 373-7888", "888 373 7888", 1),
        &po[line_end..]
    );
    let output = import_text(work.path(), "fr.po", &spaced);
    assert!(output.status.success(), "{}", stderr(&output));
    let changed = changed_files(&before, &snapshot(work.path()));
    assert!(
        changed.iter().any(|f| f.ends_with("fr/safety_plan.ron")),
        "{changed:?}"
    );
}

/// Issue 26.5: a translation file over the size limit is refused unread; a text over the length limit is named.
#[test]
fn a_translation_file_over_the_limits_is_refused_with_the_limit() {
    let work = workspace();
    let before = snapshot(work.path());
    let huge = work.path().join("huge.po");
    let size = usize::try_from(harbor::limits::MAX_TRANSLATION_FILE_BYTES).unwrap() + 1;
    std::fs::write(&huge, vec![b'#'; size]).unwrap();
    let output = import(work.path(), &huge);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("larger than 16 MiB"),
        "{}",
        stderr(&output)
    );
    let po = export(work.path(), "fr", "po");
    let long = "é".repeat(harbor::limits::MAX_TEXT_CHARS + 1);
    let edited = replace_once(
        &po,
        "msgstr \"À propos de Harbor\"",
        &format!("msgstr \"{long}\""),
    );
    let output = import_text(work.path(), "long.po", &edited);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{errors}");
    assert!(
        errors.contains("`ui:app.about` is 20001 characters long; Harbor's limit is 20000"),
        "{errors}"
    );
    let written: Vec<String> = changed_files(&before, &snapshot(work.path()))
        .into_iter()
        .filter(|f| !f.ends_with(".po"))
        .collect();
    assert_eq!(written, Vec::<String>::new());
}

/// A jurisdiction pack's files go to translators as files of their own (`jurisdictions.other.reporting`), and a
/// translation comes back into the pack's folder with the pack's own provenance sidecar; the locale's main files and
/// sidecar are left alone.
#[test]
fn a_jurisdiction_pack_is_exported_and_imported_as_its_own_files() {
    let work = workspace();
    // Start from a pack with no Arabic translation yet: the shipped pack has one (issue 28 point 4).
    let shipped = work.path().join("content/jurisdictions/other/ar");
    if shipped.exists() {
        std::fs::remove_dir_all(&shipped).unwrap();
    }
    let po = export(work.path(), "ar", "po");
    assert!(
        entries(&po, "jurisdictions.other.reporting") > 20,
        "every string of the pack"
    );
    assert!(entries(&po, "jurisdictions.other.resources") > 5);
    assert!(po.contains("content/jurisdictions/other/ar/reporting.ron: not translated yet"));
    let main_sidecar = sidecar(work.path(), "ar");
    let before = snapshot(work.path());
    let translated = replace_once(
        &po,
        "msgctxt \"jurisdictions.other.reporting:other.rep.q.age\"\nmsgid \"How old is the patient?\"\nmsgstr \"\"",
        "msgctxt \"jurisdictions.other.reporting:other.rep.q.age\"\nmsgid \"How old is the patient?\"\nmsgstr \"كم عمر المريض؟\"",
    );
    let output = import_text(work.path(), "pack.po", &translated);
    assert!(output.status.success(), "{}", stderr(&output));
    let pack = work.path().join("content/jurisdictions/other/ar");
    let changed: Vec<String> = changed_files(&before, &snapshot(work.path()))
        .into_iter()
        .filter(|path| !path.ends_with("pack.po"))
        .collect();
    assert_eq!(
        changed,
        [
            "content/jurisdictions/other/ar/provenance.ron",
            "content/jurisdictions/other/ar/reporting.ron",
        ],
        "only the pack's translation and its sidecar"
    );
    assert_eq!(sidecar(work.path(), "ar"), main_sidecar);
    let pack_sidecar =
        Provenance::parse(&std::fs::read_to_string(pack.join("provenance.ron")).unwrap()).unwrap();
    assert!(pack_sidecar.english["reporting"].contains_key("other.rep.q.age"));
    // The app shows it; the rest of the pack stays English, marked.
    let (content, _) = harbor::content::jurisdiction::load_content(
        harbor::content::Jurisdiction::Other,
        "ar",
        Some(&work.path().join("content")),
    );
    assert_eq!(content.reporting.questions[0].id, "other.rep.q.age");
    assert!(content.is_fallback("other.rep.q.consent"));
    check_content(work.path());
}
