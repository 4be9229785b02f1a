//! `--check-content` on what makes guidance safe to rely on (provenance, "since the guidebook" notes, every path
//! through the reporting rules, numbers in translations), the review-due date arithmetic, and
//! `--reporting-table`.

use std::path::Path;

use harbor::content::checks::{days_from_iso, review_is_due};

use crate::cli::{harbor, replace_in as edit, stdout};

/// A copy of the built-in pack (English and, when asked, one translation) to break.
fn pack_copy(locales: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for locale in std::iter::once(&"en").chain(locales) {
        std::fs::create_dir_all(dir.path().join(locale)).expect("locale dir");
        for entry in std::fs::read_dir(Path::new("content").join(locale))
            .expect("locale")
            .flatten()
        {
            std::fs::copy(
                entry.path(),
                dir.path().join(locale).join(entry.file_name()),
            )
            .expect("copy");
        }
    }
    dir
}

/// Deletes the `provenance: Some((…)),` block at the top of a content file.
fn remove_provenance(path: &Path) {
    let text = std::fs::read_to_string(path).expect("read");
    let start = text.find("    provenance:").expect("provenance");
    let end =
        start + text[start..].find("    )),\n").expect("end of provenance") + "    )),\n".len();
    std::fs::write(path, format!("{}{}", &text[..start], &text[end..])).expect("write");
}

fn check(pack: &tempfile::TempDir) -> (Option<i32>, String) {
    let output = harbor(&["--check-content", pack.path().to_str().expect("utf-8 path")]);
    (output.status.code(), stdout(&output))
}

#[test]
fn a_file_without_provenance_fails_and_an_old_review_is_flagged() {
    let pack = pack_copy(&[]);
    remove_provenance(&pack.path().join("en/health.ron"));
    edit(
        &pack.path().join("en/indicators.ron"),
        "date: \"2026-11-30\"",
        "date: \"2024-01-15\"",
    );
    edit(
        &pack.path().join("en/reporting.ron"),
        "checked: \"2026-11-30\"",
        "checked: \"last week\"",
    );
    let (code, report) = check(&pack);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("error: en/health.ron: `provenance` is missing"),
        "{report}"
    );
    assert!(
        report.contains(
            "warning: en/indicators.ron: last reviewed on 2024-01-15, more than 12 months ago"
        ),
        "{report}"
    );
    assert!(
        report.contains("`checked` must be a date like 2026-11-30, not `last week`"),
        "{report}"
    );
}

#[test]
fn a_translation_says_who_translated_it() {
    let pack = pack_copy(&["vi"]);
    remove_provenance(&pack.path().join("vi/questions.ron"));
    let (code, report) = check(&pack);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("error: vi/questions.ron: `provenance` is missing"),
        "{report}"
    );
}

#[test]
fn a_note_since_the_guidebook_needs_a_date_a_public_source_and_real_items() {
    let pack = pack_copy(&[]);
    let resources = pack.path().join("en/resources.ron");
    edit(
        &resources,
        "verified: \"2026-12-05\"",
        "verified: \"recently\"",
    );
    edit(
        &resources,
        "concerns: [\"res.national.polaris\"]",
        "concerns: [\"res.national.nowhere\"]",
    );
    edit(
        &resources,
        "\"https://www.pubt.io/view/E63D3DEDE81EC79CD015B5F76CA741DD8592E87F\"",
        "\"a press release\"",
    );
    let (code, report) = check(&pack);
    assert_eq!(code, Some(1), "{report}");
    for expected in [
        "[res.national.polaris.update.operator]: `verified` must be the date",
        "`concerns` names `res.national.nowhere`, which no item has",
        "source `a press release` is not a web address",
    ] {
        assert!(report.contains(expected), "{expected}\n{report}");
    }
}

#[test]
fn a_note_without_a_primary_source_fails() {
    let pack = pack_copy(&[]);
    let resources = pack.path().join("en/resources.ron");
    // The operator note keeps its press-release copy and news reports, but loses its acf.gov source.
    edit(
        &resources,
        "\"https://acf.gov/blog/2025/05/one-call-can-change-everything-supporting-survivors-through-national-human-trafficking\",",
        "",
    );
    let (code, report) = check(&pack);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("[res.national.polaris.update.operator]: no primary source"),
        "{report}"
    );
    // The built-in pack passes: every note has one.
    let (code, report) = check(&pack_copy(&[]));
    assert!(!report.contains("no primary source"), "{report}");
    assert_eq!(code, Some(0), "{report}");
}

#[test]
fn primary_sources_are_official_domains_only() {
    use harbor::content::checks::is_primary_source;
    for primary in [
        "https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXVI/Chapter111/Section72H",
        "https://www.ecfr.gov/current/title-45/section-164.512",
        "http://www.mass.gov/eohhs/gov/departments/dcf/child-abuse-neglect/reporting-abuse.html",
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC9257483",
        "https://www.ilo.org/global/topics/forced-labour/publications/WCMS_854733/lang--it/index.htm",
        "https://doi.org/10.1002/emp2.12558",
        "https://humantraffickinghotline.org/faqs/hotline-faqs",
        "https://jko.jten.mil/courses/x.html",
    ] {
        assert!(is_primary_source(primary), "{primary}");
    }
    for not_primary in [
        "https://instalawyer.io/laws/massachusetts-general-laws/section-51a-reporting-of",
        "https://icd10check.com/icd10/t76-51xa",
        "https://mass.gov.example.com/page",
        "https://notagov/page",
        "https://user@evil.com/.gov",
        "https://www.pubt.io/view/E63D3DEDE81EC79CD015B5F76CA741DD8592E87F",
        "a press release",
    ] {
        assert!(!is_primary_source(not_primary), "{not_primary}");
    }
}

#[test]
fn a_mandated_report_that_does_not_say_whom_it_binds_fails() {
    let pack = pack_copy(&[]);
    let rules = pack.path().join("en/reporting.ron");
    let text = std::fs::read_to_string(&rules).expect("read");
    let start = text
        .find("            binds: Some(\"“Every physician attending or treating a case of wound")
        .expect("the knife wound's binds");
    let end = start + text[start..].find('\n').expect("line end") + 1;
    let text = format!("{}{}", &text[..start], &text[end..]);
    let text = text.replacen("                (role: Nurse, duty: Yours),\n", "", 1);
    std::fs::write(&rules, text).expect("write");
    let (code, report) = check(&pack);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("[rep.out.12a-sharp]: a mandated report needs `binds`"),
        "{report}"
    );
    assert!(report.contains("Nurse is missing"), "{report}");
}

#[test]
fn rules_with_an_unreachable_outcome_or_a_must_not_beside_a_must_of_the_same_thing_fail() {
    let pack = pack_copy(&[]);
    let rules = pack.path().join("en/reporting.ron");
    // The incapable-adult outcome now needs an answer no path gives: that path ends in nothing.
    edit(
        &rules,
        "when: Is(\"rep.q.incapable\", \"rep.a.incapable-yes\"),",
        "when: All([Is(\"rep.q.incapable\", \"rep.a.incapable-yes\"), Is(\"rep.q.danger\", \"rep.a.danger-yes\")]),",
    );
    // A wound report that claims to be about the adult's trafficking contradicts "must not report" it.
    edit(
        &rules,
        "subject: Some(\"firearm-injury\"),",
        "subject: Some(\"trafficking-competent-adult\"),",
    );
    let (code, report) = check(&pack);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("no outcome for the answers")
            && report.contains("rep.q.incapable=rep.a.incapable-yes"),
        "{report}"
    );
    assert!(
        report.contains("`rep.out.no-consent` (must not report) and `rep.out.12a-firearm` (must report) concern the same subject"),
        "{report}"
    );
}

#[test]
fn a_translation_that_changes_a_number_or_writes_it_in_another_script_fails() {
    let pack = pack_copy(&["es", "ar"]);
    edit(
        &pack.path().join("es/safety_plan.ron"),
        "373-7888",
        "373-7889",
    );
    let arabic = pack.path().join("ar/safety_plan.ron");
    let text = std::fs::read_to_string(&arabic).expect("read");
    let eastern: String = "373-7888"
        .chars()
        .map(|c| {
            c.to_digit(10)
                .map_or(c, |d| char::from_u32(0x0660 + d).expect("digit"))
        })
        .collect();
    assert!(text.contains("373-7888"), "the hotline number in Arabic");
    std::fs::write(&arabic, text.replacen("373-7888", &eastern, 1)).expect("write");
    let (code, report) = check(&pack);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("es/safety_plan.ron")
            && report.contains("has the numbers 373 7889 888 where the English has 373 7888 888"),
        "{report}"
    );
    assert!(
        report.contains("ar/safety_plan.ron") && report.contains("writes digits in another script"),
        "{report}"
    );
}

#[test]
fn review_dates_are_due_after_twelve_months() {
    assert_eq!(days_from_iso("1970-01-01"), Some(0));
    assert_eq!(days_from_iso("2000-03-01"), Some(11_017));
    assert_eq!(days_from_iso("2026-11-30"), Some(20_787));
    assert_eq!(days_from_iso("2026-13-01"), None);
    assert_eq!(days_from_iso("30/11/2026"), None);
    let today = days_from_iso("2026-11-30").expect("date");
    assert!(!review_is_due("2026-11-30", today));
    assert!(!review_is_due("2025-12-01", today));
    assert!(review_is_due("2025-11-29", today));
    assert!(review_is_due("not a date", today));
}

#[test]
fn the_reporting_table_prints_every_combination_for_counsel() {
    let csv = harbor(&["--reporting-table", "--format", "csv"]);
    assert!(csv.status.success());
    let text = stdout(&csv);
    let lines: Vec<&str> = text.lines().collect();
    let rules = harbor::content::Content::builtin("en")
        .expect("content")
        .reporting;
    let combinations = rules.completions(&Default::default()).len();
    assert_eq!(
        lines.len(),
        combinations + 1,
        "a header and one line per combination"
    );
    assert!(lines[0].starts_with("combination,rep.q.age,"));
    assert!(
        lines.iter().any(
            |l| l.contains("rep.out.12a-firearm;rep.out.no-consent;rep.out.offer")
                || l.contains("rep.out.12a-firearm") && l.contains("rep.out.no-consent")
        ),
        "an adult who declines with a firearm injury"
    );
    let markdown = stdout(&harbor(&["--reporting-table", "--locale", "es"]));
    assert!(markdown.starts_with("# Reporting helper"), "{markdown}");
    assert!(markdown.contains("| # |"));
    assert!(markdown.contains("(rep.out.51a-minor)"));
    // Whom each duty binds (in the table's language), and a project check that says it is not legal advice.
    // Said once per outcome, below the table, with each role's duty.
    assert!(
        markdown.contains("(`rep.out.12a-sharp`) — M.G.L. c. 112, § 12A. Binds: «Todo médico"),
        "{markdown}"
    );
    assert!(markdown.contains("Duty by role: Physician: Yours"));
    assert!(markdown.contains(
        "Checked by the project against the statute text (not legal advice): 2026-12-05"
    ));
    assert!(markdown.contains("Last clinical or legal review: none recorded"));
    let bad = harbor(&["--reporting-table", "--format", "pdf"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("`--format` takes `md` or `csv`"));
}
