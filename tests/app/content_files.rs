//! The built-in pack against its source: every file parses and validates, every guidebook list is complete and
//! word for word, and every phone number of the Resources and Reporting sections is present and equal.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

use harbor::content::model::{Block, ContactKind, Item, Page};
use harbor::content::{Content, Severity, validate};

const GUIDEBOOK: &str = include_str!("../../reference/guidebook.txt");

fn english() -> Content {
    Content::builtin("en").expect("built-in English content loads")
}

/// Letters only, lower-cased: compares wording while ignoring line breaks, hyphenation, footnote numbers and quotes.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The guidebook text between two markers (first occurrence of `start`, then the next `end`).
fn region(start: &str, end: &str) -> &'static str {
    let from = GUIDEBOOK
        .find(start)
        .unwrap_or_else(|| panic!("marker `{start}` not in guidebook"));
    let to = GUIDEBOOK[from..]
        .find(end)
        .unwrap_or_else(|| panic!("marker `{end}` not after `{start}`"))
        + from;
    &GUIDEBOOK[from..to]
}

/// Bullet items in a region of the guidebook.
fn bullets(text: &str, marker: char) -> usize {
    text.lines()
        .filter(|line| line.trim_start().starts_with(marker))
        .count()
}

fn assert_faithful(items: &[Item], allowed_edits: &[&str]) {
    let source = letters(GUIDEBOOK);
    for item in items {
        if allowed_edits.contains(&item.id.as_str()) {
            continue;
        }
        assert!(
            source.contains(&letters(&item.text)),
            "item {} is not word for word from the guidebook: {}",
            item.id,
            item.text
        );
    }
}

fn list<'a>(page: &'a Page, id: &str) -> &'a [Item] {
    page.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::List {
                id: list_id, items, ..
            } if list_id == id => Some(items.as_slice()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("list {id} missing"))
}

#[test]
fn built_in_pack_validates_without_errors() {
    let problems = validate::validate_pack(Path::new("content"));
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "content errors:\n{}", errors.join("\n"));
}

#[test]
fn all_fourteen_general_red_flags_are_present_word_for_word() {
    let content = english();
    let group = content
        .indicators
        .groups
        .iter()
        .find(|g| g.id == "ind.general")
        .expect("general group");
    let source = region(
        "“Red Flag” Indicators in the Clinical Setting",
        "Specific red flag indicators",
    );
    assert_eq!(bullets(source, '•'), 14);
    assert_eq!(group.indicators.len(), 14);
    assert_faithful(&group.indicators, &[]);
}

#[test]
fn sex_labor_and_pediatric_indicators_are_complete() {
    let content = english();
    let count = |id: &str| {
        content
            .indicators
            .groups
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.indicators.len())
    };
    let sex = region(
        "Specific red flag indicators",
        "Labor trafficking should be suspected",
    );
    let labor = region(
        "Labor trafficking should be suspected",
        "Given that foreign-born",
    );
    let pediatric = region(
        "Commercial sexual exploitation should be suspected",
        "Pediatric-age red flags",
    );
    assert_eq!(count("ind.sex"), Some(bullets(sex, '•')));
    assert_eq!(count("ind.labor"), Some(bullets(labor, '•')));
    assert_eq!(count("ind.pediatric"), Some(7));
    assert_eq!(bullets(pediatric, '•'), 7);
    for group in &content.indicators.groups {
        assert_faithful(&group.indicators, &[]);
    }
    assert_eq!(count("ind.escalating"), Some(4));
}

#[test]
fn every_sample_question_is_present_word_for_word() {
    let content = english();
    let questions: Vec<Item> = content
        .questions
        .groups
        .iter()
        .flat_map(|g| g.questions.clone())
        .collect();
    let source = region(
        "3. Initial Questions",
        "D. Performing the Physical Examination",
    );
    assert_eq!(
        questions.len(),
        bullets(source, '✓'),
        "every ✓ question of the guidebook"
    );
    assert_faithful(&questions, &[]);
    let ids: BTreeSet<&str> = questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids.len(), questions.len());
}

#[test]
fn traffickers_and_barriers_lists_are_complete() {
    let content = english();
    let traffickers = region("1. Who Are the Traffickers?", "2. Coercive Tactics");
    let barriers = region(
        "I. Barriers to Disclosure",
        "Health Effects of Human Trafficking",
    );
    let all_items: Vec<&Item> = content
        .overview
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .flat_map(|b| match b {
            Block::List { items, .. } => items.iter().collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect();
    for (region_text, expected) in [(traffickers, 18), (barriers, bullets(barriers, '•'))] {
        assert_eq!(bullets(region_text, '•'), expected);
        let found = all_items
            .iter()
            .filter(|i| region_text.contains(i.text.split_whitespace().next().unwrap_or("")))
            .count();
        assert!(
            found >= expected,
            "expected {expected} items from the region, found {found}"
        );
    }
}

#[test]
fn act_means_purpose_matches_figure_one() {
    let content = english();
    let diagram = content
        .overview
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::ActMeansPurpose {
                act,
                means,
                purpose,
                ..
            } => Some((act.len(), means.len(), purpose.len())),
            _ => None,
        })
        .expect("the Act–Means–Purpose diagram");
    assert_eq!(diagram, (5, 7, 6));
}

#[test]
fn health_effect_lists_are_word_for_word() {
    let content = english();
    for section in &content.health.sections {
        for block in &section.blocks {
            if let Block::List { items, .. } = block {
                assert_faithful(items, &[]);
            }
        }
    }
    assert_eq!(list(&content.health, "health.physical.injuries").len(), 10);
}

#[test]
fn every_phone_number_of_resources_and_reporting_is_present_and_equal() {
    let content = english();
    let mut in_app: BTreeSet<String> = BTreeSet::new();
    for resource in content.resources.groups.iter().flat_map(|g| &g.resources) {
        for contact in &resource.contacts {
            in_app.insert(contact.number.clone());
        }
    }
    for outcome in &content.reporting.outcomes {
        for contact in &outcome.contacts {
            in_app.insert(contact.number.clone());
        }
    }
    let reporting = region(
        "Reporting to and Communicating with",
        " Legal and Immigration Issues",
    );
    let resources = &GUIDEBOOK[GUIDEBOOK.rfind(" Resources\n").expect("Resources section")..];
    let mut expected = BTreeSet::new();
    for text in [reporting, resources] {
        let bytes = text.as_bytes();
        for start in 0..bytes.len().saturating_sub(14) {
            if !text.is_char_boundary(start) || !text.is_char_boundary(start + 14) {
                continue;
            }
            let candidate = &text[start..start + 14];
            if validate::is_well_formed_number(ContactKind::Phone, candidate) {
                expected.insert(candidate.to_owned());
            }
        }
    }
    assert_eq!(
        expected.len(),
        11,
        "distinct numbers printed in the Reporting and Resources sections"
    );
    for number in &expected {
        assert!(
            in_app.contains(number),
            "phone number {number} from the guidebook is missing"
        );
    }
    assert!(in_app.contains("233733"), "the BeFree text line");
}

#[test]
fn every_item_cites_a_source() {
    let content = english();
    for page in [&content.overview, &content.health, &content.response] {
        for section in &page.sections {
            assert!(
                !section.source.0.trim().is_empty(),
                "section {} has no source",
                section.id
            );
        }
    }
    for resource in content.resources.groups.iter().flat_map(|g| &g.resources) {
        assert!(
            !resource.source.0.is_empty(),
            "resource {} has no source",
            resource.id
        );
    }
}

/// The coverage numbers count what they say: a missing entry, an outdated one and a kept-English one each land in
/// their own column.
#[test]
fn coverage_counts_missing_outdated_and_kept_english_entries_apart() {
    let work = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for locale in ["en", "fr"] {
        std::fs::create_dir_all(work.path().join(locale)).unwrap();
    }
    std::fs::copy(
        root.join("en/health.ron"),
        work.path().join("en/health.ron"),
    )
    .unwrap();
    std::fs::copy(
        root.join("fr/health.ron"),
        work.path().join("fr/health.ron"),
    )
    .unwrap();
    std::fs::copy(
        root.join("fr/provenance.ron"),
        work.path().join("fr/provenance.ron"),
    )
    .unwrap();
    let whole = || {
        let mut problems = Vec::new();
        let rows = harbor::content::coverage::coverage(work.path(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        rows.into_iter().find(|r| r.locale == "fr").unwrap()
    };
    let before = whole();
    assert!(before.is_whole(), "{before}");
    // One entry's English changes: outdated. One translation goes: missing. One is kept English: counted apart.
    let english = std::fs::read_to_string(work.path().join("en/health.ron")).unwrap();
    let changed = english.replacen("Fatigue", "Tiredness", 1);
    assert_ne!(english, changed);
    std::fs::write(work.path().join("en/health.ron"), changed).unwrap();
    let french = std::fs::read_to_string(work.path().join("fr/health.ron")).unwrap();
    let line = french
        .lines()
        .find(|l| l.contains("\"health.comprehensive.headaches\""))
        .unwrap();
    std::fs::write(
        work.path().join("fr/health.ron"),
        french.replace(&format!("{line}\n"), ""),
    )
    .unwrap();
    std::fs::write(
        work.path().join("keep_english.ron"),
        "[(id: \"health:health.comprehensive.abdominal\", why: \"test\")]",
    )
    .unwrap();
    let after = whole();
    assert_eq!(after.outdated, ["health.comprehensive.fatigue"], "{after}");
    assert_eq!(after.missing, ["health.comprehensive.headaches"], "{after}");
    assert_eq!(after.kept_english, 1);
    assert_eq!(after.total, before.total - 1);
    assert_eq!(after.translated, before.translated - 3);
    // A kept-English id that names nothing is an error.
    std::fs::write(
        work.path().join("keep_english.ron"),
        "[(id: \"health:nope\", why: \"test\")]",
    )
    .unwrap();
    let mut problems = Vec::new();
    harbor::content::coverage::coverage(work.path(), &mut problems);
    assert!(
        problems.iter().any(|p| p.severity == Severity::Error),
        "{problems:?}"
    );
}

/// Issue 23: every language is whole — each entry of every content file translated from the English as it is now,
/// apart from the entries `content/keep_english.ron` keeps English with a reason. `--check-content` prints the same
/// numbers per language and file.
#[test]
fn every_language_translates_every_entry_of_the_current_english() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut problems = Vec::new();
    let rows = harbor::content::coverage::coverage(&dir, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    let locales: BTreeSet<&str> = rows.iter().map(|row| row.locale.as_str()).collect();
    assert_eq!(
        locales.len(),
        9,
        "nine languages besides English: {locales:?}"
    );
    let partial: Vec<String> = rows
        .iter()
        .filter(|row| !row.is_whole())
        .map(|row| {
            let first: Vec<&String> = row.outdated.iter().chain(&row.missing).take(5).collect();
            format!("{row} — e.g. {first:?}")
        })
        .collect();
    assert!(partial.is_empty(), "not whole:\n{}", partial.join("\n"));
}

#[test]
fn a_current_name_needs_the_dated_note_that_records_the_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    crate::cli::copy_dir(Path::new("content"), dir.path());
    assert!(
        validate::validate_pack(dir.path())
            .iter()
            .all(|p| !p.message.contains("current_name")),
        "the built-in renamed hotline has its update note"
    );
    let file = dir.path().join("en/resources.ron");
    let text = std::fs::read_to_string(&file).expect("read");
    let renamed = text.replacen(
        "name: \"My Life My Choice (Boston)\",",
        "name: \"My Life My Choice (Boston)\",\n                    current_name: Some(\"A name from memory\"),",
        1,
    );
    assert_ne!(renamed, text, "the fixture line exists");
    std::fs::write(&file, renamed).expect("write");
    let problems = validate::validate_pack(dir.path());
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("current_name") && p.message.contains("no update note")),
        "a new name without its source is refused: {problems:#?}"
    );
}

#[test]
fn the_numbers_for_tonight_must_be_lines_the_file_lists() {
    let dir = tempfile::tempdir().expect("temp dir");
    crate::cli::copy_dir(Path::new("content"), dir.path());
    let file = dir.path().join("en/resources.ron");
    let text = std::fs::read_to_string(&file).expect("read");
    let wrong = text.replacen(
        "tonight: [\"res.reporting.dcf.hotline\"]",
        "tonight: [\"tx.res.dfps-hotline.phone\"]",
        1,
    );
    assert_ne!(wrong, text, "the fixture line exists");
    std::fs::write(&file, wrong).expect("write");
    let problems = validate::validate_pack(dir.path());
    assert!(
        problems.iter().any(|p| p.severity == Severity::Error
            && p.message
                .contains("`tonight` names `tx.res.dfps-hotline.phone`")),
        "Texas' line in Massachusetts' list is refused: {problems:#?}"
    );
}
