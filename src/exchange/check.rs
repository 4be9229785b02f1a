//! Every entry of an imported file is checked before anything is written: the id exists, the English is today's,
//! placeholders, numbers and web addresses equal the English, the glossary's forbidden forms are absent, and the
//! file-level flags hold. All problems are collected, each with its line.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::catalog::{Catalog, State, is_plural_form};
use super::date::{Day, FileDates};
use super::{Imported, LineError, Status, UI_GROUP};
use crate::content::checks::{number_problems, web_addresses};
use crate::content::glossary::Glossary;

/// What an import will do to one string.
#[derive(Clone, Debug)]
pub(crate) struct Change {
    pub group: String,
    pub key: String,
    pub old: String,
    pub new: String,
    /// The translation now matches the current English (edited against it, or confirmed): record its fingerprint.
    pub confirmed: bool,
    pub was_outdated: bool,
    /// Line in the imported file, for problems found while writing.
    pub line: usize,
}

/// Everything an import will write, once checked.
#[derive(Clone, Debug, Default)]
pub(crate) struct Plan {
    pub translator: String,
    /// The date the import records (see [`super::date`]).
    pub date: String,
    /// Why the file's own date was not used, when it was not.
    pub date_note: Option<String>,
    /// Every imported entry, changed or not.
    pub changes: Vec<Change>,
    /// The reviewed flag each file will have (only files the import sets).
    pub reviewed: BTreeMap<String, bool>,
}

/// `%{name}` (UI strings) and `{name}` placeholders.
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            break;
        };
        let name = &after[..end];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            let percent = rest[..start].ends_with('%');
            found.insert(if percent {
                format!("%{{{name}}}")
            } else {
                format!("{{{name}}}")
            });
        }
        rest = &after[end + 1..];
    }
    found
}

fn list(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        "none".to_owned()
    } else {
        set.iter().cloned().collect::<Vec<_>>().join(" ")
    }
}

/// The problems of one translation against its English.
fn text_problems(
    locale: &str,
    english: &str,
    translated: &str,
    plural_form: bool,
    glossary: &Glossary,
) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(c) = translated
        .chars()
        .find(|c| c.is_control() && !english.contains(*c))
    {
        problems.push(format!(
            "contains the control character U+{:04X}, which the English does not",
            u32::from(c)
        ));
    }
    let (mut expected, mut found) = (placeholders(english), placeholders(translated));
    if plural_form {
        // A form for one number ("one", "two") may say the number in words: Arabic "نتيجة واحدة".
        expected.remove("%{count}");
        found.remove("%{count}");
    }
    if expected != found {
        problems.push(format!(
            "has the placeholders {} where the English has {}: keep every placeholder exactly as in the English",
            list(&found),
            list(&expected)
        ));
    }
    for problem in number_problems(english, translated) {
        problems.push(format!(
            "{problem}: phone numbers, short codes and statute references must equal the English"
        ));
    }
    let (english_web, translated_web) = (web_addresses(english), web_addresses(translated));
    if english_web != translated_web {
        problems.push(format!(
            "has the web addresses {} where the English has {}",
            list(&translated_web),
            list(&english_web)
        ));
    }
    for violation in glossary.violations(locale, translated) {
        problems.push(violation.to_string());
    }
    problems
}

/// Checks the whole import; on success, what to write.
pub(crate) fn check(
    catalog: &Catalog,
    imported: &Imported,
    glossary: &Glossary,
    today: Day,
) -> Result<Plan, Vec<LineError>> {
    let mut errors = Vec::new();
    let mut plan = Plan::default();
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    // Looked up once per entry: linear in the file and the catalog together.
    let index: HashMap<(&str, &str), &super::catalog::Unit> = catalog
        .units
        .iter()
        .map(|u| ((u.group.as_str(), u.key.as_str()), u))
        .collect();
    for unit in &imported.units {
        let id = format!("{}:{}", unit.group, unit.key);
        let line = Some(unit.line);
        if let Some(first) = seen.insert((unit.group.clone(), unit.key.clone()), unit.line) {
            errors.push(LineError::new(
                line,
                format!("`{id}` appears twice (also at line {first})"),
            ));
            continue;
        }
        if catalog.file(&unit.group).is_none() {
            errors.push(LineError::new(
                line,
                format!(
                    "unknown id `{id}`: `{}` is not a Harbor file (ids look like questions:q.statement.privacy or ui:app.about)",
                    unit.group
                ),
            ));
            continue;
        }
        let Some(current) = index
            .get(&(unit.group.as_str(), unit.key.as_str()))
            .copied()
        else {
            errors.push(LineError::new(
                line,
                format!("unknown id `{id}`: Harbor has no such string (renamed or removed since the export?)"),
            ));
            continue;
        };
        if unit.source != current.english {
            errors.push(LineError::new(
                line,
                format!(
                    "the English of `{id}` is not Harbor's current English (it changed since the export, or was edited): export again and translate the current English"
                ),
            ));
            continue;
        }
        if unit.target.is_empty() {
            if !current.translation.is_empty() {
                errors.push(LineError::new(
                    line,
                    format!("`{id}` has no translation: importing it would delete the current one"),
                ));
            }
            continue;
        }
        if unit.target.trim().is_empty() {
            errors.push(LineError::new(
                line,
                format!("the translation of `{id}` is only spaces"),
            ));
            continue;
        }
        let plural_form = unit.group == UI_GROUP && is_plural_form(&unit.key);
        // An outdated translation imported back unchanged and unconfirmed stays outdated: the app shows the English
        // instead, so it is checked against the English once a translator brings it up to date.
        let left_outdated = current.state == State::Outdated
            && unit.target == current.translation
            && unit.status == Status::Draft;
        if !left_outdated {
            for problem in text_problems(
                &catalog.locale,
                &current.english,
                &unit.target,
                plural_form,
                glossary,
            ) {
                errors.push(LineError::new(line, format!("`{id}` {problem}")));
            }
        }
        let changed = unit.target != current.translation;
        plan.changes.push(Change {
            group: unit.group.clone(),
            key: unit.key.clone(),
            old: current.translation.clone(),
            new: unit.target.clone(),
            confirmed: changed || unit.status != Status::Draft,
            was_outdated: current.state == State::Outdated,
            line: unit.line,
        });
    }
    check_reviewed(catalog, imported, &plan, &mut errors);
    for (group, (flag, _)) in &imported.reviewed {
        if catalog.file(group).is_some() {
            plan.reviewed.insert(group.clone(), *flag);
        }
    }
    check_provenance(catalog, imported, today, &mut plan, &mut errors);
    if errors.is_empty() {
        Ok(plan)
    } else {
        errors.sort_by_key(|e| e.line.unwrap_or(0));
        Err(errors)
    }
}

/// A file marked reviewed must have every string translated and none left as a draft, except an outdated one the
/// import leaves as it was (the app keeps showing the English for it).
fn check_reviewed(
    catalog: &Catalog,
    imported: &Imported,
    plan: &Plan,
    errors: &mut Vec<LineError>,
) {
    let entries: HashMap<(&str, &str), &super::ImportedUnit> = imported
        .units
        .iter()
        .rev()
        .map(|i| ((i.group.as_str(), i.key.as_str()), i))
        .collect();
    let changes: HashMap<(&str, &str), &Change> = plan
        .changes
        .iter()
        .rev()
        .map(|c| ((c.group.as_str(), c.key.as_str()), c))
        .collect();
    for (group, (flag, line)) in &imported.reviewed {
        let Some(file) = catalog.file(group) else {
            errors.push(LineError::new(
                Some(*line),
                format!("reviewed flag for `{group}`, which is not a Harbor file"),
            ));
            continue;
        };
        if !*flag || file.reviewed {
            continue;
        }
        for unit in catalog.units.iter().filter(|u| &u.group == group) {
            let entry = entries
                .get(&(unit.group.as_str(), unit.key.as_str()))
                .copied();
            let change = changes
                .get(&(unit.group.as_str(), unit.key.as_str()))
                .copied();
            let problem = match (entry, change) {
                (None, _) => Some((*line, "is not in the file")),
                (Some(entry), None) if entry.target.is_empty() => {
                    Some((entry.line, "has no translation"))
                }
                // An outdated string left as it was stays outdated (shown in English): no review needed.
                (Some(entry), Some(change))
                    if entry.status == Status::Draft
                        && (change.new != change.old || !change.was_outdated) =>
                {
                    Some((
                        entry.line,
                        "is still marked as needing review (fuzzy / initial)",
                    ))
                }
                _ => None,
            };
            if let Some((at, what)) = problem {
                errors.push(LineError::new(
                    Some(at),
                    format!(
                        "`{group}` is marked reviewed, but `{}` {what}: review every string of a file before marking it",
                        unit.id()
                    ),
                ));
            }
        }
    }
}

fn check_provenance(
    catalog: &Catalog,
    imported: &Imported,
    today: Day,
    plan: &mut Plan,
    errors: &mut Vec<LineError>,
) {
    let newly_reviewed = plan
        .reviewed
        .iter()
        .any(|(group, flag)| *flag && catalog.file(group).is_some_and(|f| !f.reviewed));
    let (translator, translator_line) = imported
        .translator
        .clone()
        .unwrap_or_else(|| (catalog.translator.clone(), 1));
    let translator = translator.trim().to_owned();
    if translator.is_empty() {
        errors.push(LineError::new(
            Some(translator_line),
            "the translator is empty: put the translator's name (PO Last-Translator, XLIFF note translator)",
        ));
    }
    if newly_reviewed && translator.eq_ignore_ascii_case("project draft") {
        errors.push(LineError::new(
            Some(translator_line),
            "a file is marked reviewed but the translator is still “project draft”: name the professional medical translator who reviewed it",
        ));
    }
    let dates = FileDates {
        translator: imported
            .date
            .as_ref()
            .map(|(text, line)| (text.as_str(), *line)),
        exported: imported.exported.as_ref().map(|(text, _)| text.as_str()),
        previous: &catalog.date,
    };
    match super::date::choose(&dates, today) {
        Ok(dated) => {
            plan.date = dated.date;
            plan.date_note = dated.note;
        }
        Err(error) => errors.push(error),
    }
    plan.translator = translator;
}
