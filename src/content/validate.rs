//! Checks a content pack before anyone relies on it: every file parses, ids are unique, references resolve, phone
//! numbers are well formed, and every translation covers the English ids (and nothing else).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use super::ContentFile;
use super::model::{
    Condition, Contact, ContactKind, IndicatorPack, Page, QuestionPack, ReportingRules,
    ResourcePack, SafetyPlanTemplate, Translation,
};
use super::source::{Problem, Severity, Source, ids_with_lines, parse, translation_locales};
use super::texts::Texts;

/// The line of the first occurrence of each quoted text in `text` (`"id"` anywhere on a line), for messages.
fn quoted_lines(text: &str) -> HashMap<String, usize> {
    let mut lines = HashMap::new();
    for (number, line) in text.lines().enumerate() {
        for quoted in line.split('"').skip(1).step_by(2) {
            lines.entry(quoted.to_owned()).or_insert(number + 1);
        }
    }
    lines
}

/// True for numbers such as `(617) 343-6533`, `(800) 792-5200`, or a short code such as `233733` for text lines.
pub fn is_well_formed_number(kind: ContactKind, number: &str) -> bool {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    match kind {
        ContactKind::Text => (3..=8).contains(&digits.len()) && digits.len() == number.len(),
        ContactKind::Phone | ContactKind::Tty => {
            let bytes = number.as_bytes();
            let north_american = bytes.len() == 14
                && bytes[0] == b'('
                && bytes[4] == b')'
                && bytes[5] == b' '
                && bytes[9] == b'-'
                && digits.len() == 10;
            let international = number.starts_with('+')
                && (8..=15).contains(&digits.len())
                && number[1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
            north_american || international
        }
    }
}

/// A parsed English pack with the raw texts kept for line lookups.
struct Parsed {
    sources: HashMap<ContentFile, Source>,
    keys: HashMap<ContentFile, BTreeSet<String>>,
    indicators: Option<IndicatorPack>,
    questions: Option<QuestionPack>,
    reporting: Option<ReportingRules>,
    resources: Option<ResourcePack>,
}

struct Checker {
    /// The content files this pack has: all of them for the main pack, reporting and resources for a jurisdiction.
    files: &'static [ContentFile],
    /// A jurisdiction pack: a missing translation is shown in English, marked, and is a warning in every file.
    jurisdiction_pack: bool,
    problems: Vec<Problem>,
    /// Files reported as unreadable (too large, not UTF-8), not to be reported as missing as well.
    unreadable: HashSet<String>,
    /// Per file, each quoted text's first line: built once, so a line lookup per problem stays linear.
    lines: HashMap<String, HashMap<String, usize>>,
}

impl Checker {
    fn error(&mut self, source: &Source, item: Option<&str>, message: String) {
        self.report(Severity::Error, source, item, message);
    }

    fn report(&mut self, severity: Severity, source: &Source, item: Option<&str>, message: String) {
        let line = item.and_then(|id| {
            self.lines
                .entry(source.file.clone())
                .or_insert_with(|| quoted_lines(&source.text))
                .get(id)
                .copied()
        });
        self.problems.push(Problem {
            severity,
            file: source.file.clone(),
            item: item.map(str::to_owned),
            line,
            message,
        });
    }

    fn parse_file<T: serde::de::DeserializeOwned + Texts + Clone>(
        &mut self,
        source: &Source,
        keys: &mut BTreeSet<String>,
    ) -> Option<T> {
        match parse::<T>(source) {
            Ok(value) => {
                for (key, anchor, text) in value.collect_texts() {
                    if text.trim().is_empty() {
                        self.error(source, Some(&anchor), format!("text `{key}` is empty"));
                    }
                    if !keys.insert(key.clone()) {
                        self.error(
                            source,
                            Some(&anchor),
                            format!("translation key `{key}` is used twice"),
                        );
                    }
                }
                Some(value)
            }
            Err(problem) => {
                self.problems.push(problem);
                None
            }
        }
    }

    fn contacts(&mut self, source: &Source, contacts: &[Contact]) {
        for contact in contacts {
            if !is_well_formed_number(contact.kind, &contact.number) {
                self.error(
                    source,
                    Some(&contact.id),
                    format!(
                        "number `{}` is not a well-formed {:?} number",
                        contact.number, contact.kind
                    ),
                );
            }
        }
    }

    fn condition(
        &mut self,
        source: &Source,
        item: &str,
        condition: &Condition,
        answers: &HashMap<&str, Vec<&str>>,
    ) {
        match condition {
            Condition::Is(question, answer) => match answers.get(question.as_str()) {
                None => self.error(
                    source,
                    Some(item),
                    format!("condition refers to unknown question `{question}`"),
                ),
                Some(known) if !known.contains(&answer.as_str()) => self.error(
                    source,
                    Some(item),
                    format!(
                        "condition refers to unknown answer `{answer}` of question `{question}`"
                    ),
                ),
                Some(_) => {}
            },
            Condition::Not(inner) => self.condition(source, item, inner, answers),
            Condition::All(all) | Condition::Any(all) => {
                for inner in all {
                    self.condition(source, item, inner, answers);
                }
            }
        }
    }
}

/// Reads `<dir>/<locale>/<stem>.ron` for every content file present.
fn read_locale(dir: &Path, locale: &str, checker: &mut Checker) -> HashMap<ContentFile, Source> {
    let mut sources = HashMap::new();
    for &file in checker.files {
        let relative = format!("{locale}/{}.ron", file.stem());
        let path = dir.join(&relative);
        if !path.exists() {
            continue;
        }
        match super::load::read_checked(&path, relative.clone()) {
            Ok(source) => {
                sources.insert(file, source);
            }
            Err(problem) => {
                // Reported once: not again as missing.
                checker.unreadable.insert(relative);
                checker.problems.push(problem);
            }
        }
    }
    sources
}

fn parse_english(checker: &mut Checker, sources: HashMap<ContentFile, Source>) -> Parsed {
    let mut parsed = Parsed {
        sources: HashMap::new(),
        keys: HashMap::new(),
        indicators: None,
        questions: None,
        reporting: None,
        resources: None,
    };
    for &file in checker.files {
        let Some(source) = sources.get(&file) else {
            if checker
                .unreadable
                .contains(&format!("en/{}.ron", file.stem()))
            {
                continue;
            }
            checker.problems.push(Problem {
                severity: Severity::Error,
                file: format!("en/{}.ron", file.stem()),
                item: None,
                line: None,
                message: "file is missing".into(),
            });
            continue;
        };
        let mut keys = BTreeSet::new();
        match file {
            ContentFile::Overview | ContentFile::Health | ContentFile::Response => {
                checker.parse_file::<Page>(source, &mut keys);
            }
            ContentFile::Indicators => parsed.indicators = checker.parse_file(source, &mut keys),
            ContentFile::Questions => parsed.questions = checker.parse_file(source, &mut keys),
            ContentFile::Reporting => parsed.reporting = checker.parse_file(source, &mut keys),
            ContentFile::Resources => parsed.resources = checker.parse_file(source, &mut keys),
            ContentFile::SafetyPlan => {
                checker.parse_file::<SafetyPlanTemplate>(source, &mut keys);
            }
        }
        parsed.keys.insert(file, keys);
    }
    parsed.sources = sources;
    parsed
}

fn check_unique_ids(checker: &mut Checker, parsed: &Parsed) {
    let mut seen: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for &file in checker.files {
        let Some(source) = parsed.sources.get(&file) else {
            continue;
        };
        for (id, line) in ids_with_lines(&source.text) {
            if id.trim().is_empty() || id.chars().any(char::is_whitespace) {
                checker.problems.push(Problem {
                    severity: Severity::Error,
                    file: source.file.clone(),
                    item: Some(id.clone()),
                    line: Some(line),
                    message: "ids must be non-empty and contain no spaces".into(),
                });
            }
            if let Some((first_file, first_line)) = seen.get(&id) {
                checker.problems.push(Problem {
                    severity: Severity::Error,
                    file: source.file.clone(),
                    item: Some(id.clone()),
                    line: Some(line),
                    message: format!("duplicate id (first used in {first_file}:{first_line})"),
                });
            } else {
                seen.insert(id, (source.file.clone(), line));
            }
        }
    }
}

fn check_references(checker: &mut Checker, parsed: &Parsed) {
    if let (Some(indicators), Some(questions), Some(source)) = (
        &parsed.indicators,
        &parsed.questions,
        parsed.sources.get(&ContentFile::Indicators),
    ) {
        let groups: BTreeSet<&str> = questions.groups.iter().map(|g| g.id.as_str()).collect();
        for group in &indicators.groups {
            for related in &group.related_questions {
                if !groups.contains(related.as_str()) {
                    checker.error(
                        source,
                        Some(&group.id),
                        format!("related question group `{related}` does not exist"),
                    );
                }
            }
        }
    }
    if let (Some(rules), Some(source)) = (
        &parsed.reporting,
        parsed.sources.get(&ContentFile::Reporting),
    ) {
        let answers: HashMap<&str, Vec<&str>> = rules
            .questions
            .iter()
            .map(|q| {
                (
                    q.id.as_str(),
                    q.answers.iter().map(|a| a.id.as_str()).collect(),
                )
            })
            .collect();
        for question in &rules.questions {
            if question.answers.len() < 2 {
                checker.error(
                    source,
                    Some(&question.id),
                    "a question needs at least two answers".into(),
                );
            }
            if let Some(condition) = &question.ask_if {
                checker.condition(source, &question.id, condition, &answers);
            }
        }
        for outcome in &rules.outcomes {
            checker.condition(source, &outcome.id, &outcome.when, &answers);
            checker.contacts(source, &outcome.contacts);
        }
    }
    if let (Some(resources), Some(source)) = (
        &parsed.resources,
        parsed.sources.get(&ContentFile::Resources),
    ) {
        // The start screen's own lines for tonight must be numbers this file lists (so a pack cannot name a line
        // that is not there, or Massachusetts' under another state's law).
        for id in &resources.tonight {
            let listed = resources
                .groups
                .iter()
                .flat_map(|g| &g.resources)
                .flat_map(|r| &r.contacts)
                .any(|c| c.id == *id);
            if !listed {
                checker.error(
                    source,
                    Some(id),
                    format!("`tonight` names `{id}`, which is not a contact in this file"),
                );
            }
        }
        for resource in resources.groups.iter().flat_map(|g| &g.resources) {
            checker.contacts(source, &resource.contacts);
            // A new name is a fact beyond the guidebook: it needs the dated, sourced note that says so.
            if resource.current_name.is_some() && resource.updates.is_empty() {
                checker.error(
                    source,
                    Some(&resource.id),
                    "`current_name` is set but no update note records the change (with its source and date)"
                        .to_owned(),
                );
            }
            if let Some(website) = &resource.website
                && (website.contains(' ') || !website.contains('.'))
            {
                checker.error(
                    source,
                    Some(&resource.id),
                    format!("website `{website}` is not well formed"),
                );
            }
        }
    }
}

fn check_translations(checker: &mut Checker, dir: &Path, parsed: &Parsed) {
    for locale in translation_locales(dir) {
        let sources = read_locale(dir, &locale, checker);
        for &file in checker.files {
            let Some(english_keys) = parsed.keys.get(&file) else {
                continue;
            };
            let Some(source) = sources.get(&file) else {
                if checker
                    .unreadable
                    .contains(&format!("{locale}/{}.ron", file.stem()))
                {
                    continue;
                }
                let severity = if file.is_patient_facing() && !checker.jurisdiction_pack {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                checker.problems.push(Problem {
                    severity,
                    file: format!("{locale}/{}.ron", file.stem()),
                    item: None,
                    line: None,
                    message: "translation file is missing (shown in English)".into(),
                });
                continue;
            };
            let translation = match parse::<Translation>(source) {
                Ok(translation) => translation,
                Err(problem) => {
                    checker.problems.push(problem);
                    continue;
                }
            };
            for key in translation
                .strings
                .keys()
                .filter(|k| !english_keys.contains(*k))
            {
                checker.error(
                    source,
                    Some(key),
                    "orphan translation: no English item has this id".into(),
                );
            }
            let missing: Vec<&String> = english_keys
                .iter()
                .filter(|k| !translation.strings.contains_key(*k))
                .collect();
            let severity = if file.is_patient_facing() && !checker.jurisdiction_pack {
                Severity::Error
            } else {
                Severity::Warning
            };
            for key in missing {
                checker.report(
                    severity,
                    source,
                    None,
                    format!("missing translation of `{key}` (shown in English)"),
                );
            }
        }
    }
}

/// Validates the pack rooted at `dir` (`dir/en/*.ron` plus translations in `dir/<locale>/`).
pub fn validate_pack(dir: &Path) -> Vec<Problem> {
    if super::institution::is_standalone_pack(dir) {
        return super::institution::validate_dir(dir);
    }
    let mut checker = Checker {
        files: &ContentFile::ALL,
        jurisdiction_pack: false,
        problems: Vec::new(),
        unreadable: HashSet::new(),
        lines: HashMap::new(),
    };
    let english = read_locale(dir, "en", &mut checker);
    let parsed = parse_english(&mut checker, english);
    check_unique_ids(&mut checker, &parsed);
    check_references(&mut checker, &parsed);
    check_translations(&mut checker, dir, &parsed);
    checker.problems.extend(super::checks::check_guidance(dir));
    // Boosted search items must exist in the pack.
    let ids: std::collections::HashSet<String> = parsed
        .sources
        .values()
        .flat_map(|source| ids_with_lines(&source.text))
        .map(|(id, _)| id)
        .collect();
    checker
        .problems
        .extend(super::synonyms::validate_dir_with_ids(dir, Some(&ids)));
    super::glossary::check_pack(dir, &mut checker.problems);
    super::provenance::check_pack(dir, &mut checker.problems);
    checker
        .problems
        .extend(super::institution::validate_dir(dir));
    checker.problems.extend(validate_jurisdictions(dir, &ids));
    checker.problems
}

/// Every jurisdiction pack of the content directory `dir` (`dir/jurisdictions/<code>/`), checked as the main pack
/// is and for what a pack owes besides ([`super::jurisdiction_checks`]); `main_ids` are the main pack's item ids.
fn validate_jurisdictions(dir: &Path, main_ids: &HashSet<String>) -> Vec<Problem> {
    use super::jurisdiction::{FOLDER, Jurisdiction};
    // A pack in an override directory that lacks a main file still shares the app with the built-in one.
    let mut main_ids = main_ids.clone();
    main_ids.extend(
        ContentFile::ALL
            .into_iter()
            .filter_map(|file| super::source::builtin_text("en", file))
            .flat_map(ids_with_lines)
            .map(|(id, _)| id),
    );
    let main_ids = &main_ids;
    let mut problems = Vec::new();
    for code in super::jurisdiction_checks::pack_folders(dir) {
        let prefix = format!("{FOLDER}/{code}/");
        let Some(j) = Jurisdiction::from_code(&code).filter(|j| !j.is_main_pack()) else {
            problems.push(Problem {
                severity: Severity::Error,
                file: prefix,
                item: None,
                line: None,
                message: format!(
                    "`{code}` is not a jurisdiction Harbor knows (ca, tx, ny, other); Massachusetts lives in the main files"
                ),
            });
            continue;
        };
        let pack_dir = dir.join(FOLDER).join(&code);
        let (mut found, ids) = validate_jurisdiction_files(&pack_dir);
        found.extend(super::jurisdiction_checks::pack_problems(
            &pack_dir, j, &ids, main_ids,
        ));
        for problem in &mut found {
            problem.file = format!("{prefix}{}", problem.file);
        }
        problems.extend(found);
    }
    problems
}

/// Validates one jurisdiction pack rooted at `pack_dir` (`en/{reporting,resources}.ron` plus translations in
/// `<locale>/`), with the structural checks of the main pack; problems name files relative to `pack_dir`.
pub(crate) fn validate_jurisdiction_files(pack_dir: &Path) -> (Vec<Problem>, HashSet<String>) {
    let mut checker = Checker {
        files: &super::jurisdiction_checks::PACK_FILES,
        jurisdiction_pack: true,
        problems: Vec::new(),
        unreadable: HashSet::new(),
        lines: HashMap::new(),
    };
    let english = read_locale(pack_dir, "en", &mut checker);
    let parsed = parse_english(&mut checker, english);
    check_unique_ids(&mut checker, &parsed);
    check_references(&mut checker, &parsed);
    check_translations(&mut checker, pack_dir, &parsed);
    let ids = parsed
        .sources
        .values()
        .flat_map(|source| ids_with_lines(&source.text))
        .map(|(id, _)| id)
        .collect();
    (checker.problems, ids)
}
