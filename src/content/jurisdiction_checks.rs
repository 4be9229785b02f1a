//! `--check-content` for the jurisdiction packs of a content directory (`<dir>/jurisdictions/<code>/`): each is
//! checked as the main pack is (structure, ids, references, translations, provenance, update notes, and every
//! reachable combination of the helper's answers: an outcome on every path, no "must" and "must not" of one subject
//! together, `binds` and `roles` on every mandated report), plus what a state pack owes its reader: a folder named
//! by a known code, both files, ids of its own, statute texts read on an official site, and, for "Other state or
//! territory", never a mandated report (state law decides, and Harbor does not know the state).

use std::collections::HashSet;
use std::path::Path;

use super::jurisdiction::{FOLDER, Jurisdiction};
use super::model::{OutcomeKind, ReportingRules};
use super::source::{Problem, Severity, Source, parse};

pub(crate) use super::jurisdiction::PACK_FILES;

fn error(file: String, item: Option<&str>, message: String) -> Problem {
    Problem {
        severity: Severity::Error,
        file,
        item: item.map(str::to_owned),
        line: None,
        message,
    }
}

/// The codes of the pack folders under `<dir>/jurisdictions/`, sorted.
pub(crate) fn pack_folders(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir.join(FOLDER)) else {
        return Vec::new();
    };
    let mut codes: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    codes.sort();
    codes
}

/// What a pack at `pack_dir` owes beyond the main pack's checks, which [`super::validate`] runs on it: ids of its
/// own (none of `main_ids`, the main pack's: search results, fallback marks and translations are keyed by id), and
/// the rules' own duties ([`pack_rules_problems`]). Files are named relative to `pack_dir`.
pub(crate) fn pack_problems(
    pack_dir: &Path,
    j: Jurisdiction,
    ids: &HashSet<String>,
    main_ids: &HashSet<String>,
) -> Vec<Problem> {
    let mut problems = super::checks::check_guidance(pack_dir);
    super::glossary::check_pack(pack_dir, &mut problems);
    super::provenance::check_pack(pack_dir, &mut problems);
    let mut reused: Vec<&String> = ids.intersection(main_ids).collect();
    reused.sort();
    for id in reused {
        problems.push(error(
            "en/".into(),
            Some(id),
            format!(
                "id `{id}` is also an id of the main pack: start every id of this pack with `{}.`",
                j.code()
            ),
        ));
    }
    let relative = "en/reporting.ron".to_owned();
    let Ok(text) = super::source::read_pack_text(&pack_dir.join(&relative)) else {
        return problems; // Reported as missing or unreadable by the structural checks.
    };
    let Ok(rules) = parse::<ReportingRules>(&Source {
        file: relative.clone(),
        text,
    }) else {
        return problems;
    };
    problems.extend(pack_rules_problems(j, &rules, &relative));
    problems
}

/// What a jurisdiction's rules owe their reader beyond the main pack's checks.
pub(crate) fn pack_rules_problems(
    j: Jurisdiction,
    rules: &ReportingRules,
    file: &str,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if rules.jurisdiction.trim().is_empty() {
        problems.push(error(
            file.into(),
            None,
            "`jurisdiction` is empty: name the state".into(),
        ));
    }
    let statutes = rules
        .provenance
        .as_ref()
        .map(|p| p.statutes.as_slice())
        .unwrap_or_default();
    if !statutes
        .iter()
        .any(|s| super::checks::is_primary_source(&s.url))
    {
        problems.push(error(
            file.into(),
            None,
            format!(
                "`provenance.statutes` names no text read on an official site ({}): a jurisdiction's rules must rest on the statute or agency text itself",
                super::checks::PRIMARY_DOMAINS.join(", ")
            ),
        ));
    }
    if j == Jurisdiction::Other {
        for outcome in rules
            .outcomes
            .iter()
            .filter(|o| o.kind == OutcomeKind::Must)
        {
            problems.push(error(
                file.into(),
                Some(&outcome.id),
                "“Other state or territory” must never mandate a report: state law decides, and Harbor does not know the state".into(),
            ));
        }
    }
    problems
}
