//! Synonyms and abbreviations as content data: `content/<locale>/synonyms.ron`, one file per locale, extended by an
//! institution pack's own `<pack>/<locale>/synonyms.ron`, checked by `--check-content`.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;

use crate::analyze::{Piece, fold, pieces};
use crate::content::ContentFile;
use crate::content::source::{Problem, Severity, Source, builtin_named, parse};

/// Synonym groups whose id starts with this name an app action instead of content (searched as actions).
pub const ACTION_PREFIX: &str = "action.";

/// The app actions a synonym group may name.
pub const ACTIONS: [&str; 6] = [
    "action.lock",
    "action.quick-exit",
    "action.settings",
    "action.language",
    "action.patient-card",
    "action.export-plan",
];

/// File stem of the synonym files.
pub(crate) const STEM: &str = "synonyms";

/// One locale's synonym file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SynonymFile {
    /// Words of a question that carry no meaning for search ("who do I call" searches for "call").
    #[serde(default)]
    pub(crate) ignore: Vec<String>,
    pub(crate) groups: Vec<SynonymGroup>,
}

/// Words and phrases a searcher uses for the same thing; any of them finds the items that use any other.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymGroup {
    pub(crate) id: String,
    pub(crate) terms: Vec<String>,
    /// The tab whose items rank higher when the group matched (file stem, e.g. "resources" for "call").
    #[serde(default)]
    pub(crate) tab: Option<String>,
    /// Items (ids) that rank first when the group matched — what a searcher using these words means most often:
    /// "hotline" means the National Human Trafficking Hotline, "tonight" the 24-hour lines.
    #[serde(default)]
    pub(crate) boost: Vec<String>,
}

impl SynonymGroup {
    /// The items that rank first when the group matched (to change them, e.g. in a test).
    pub fn boost_mut(&mut self) -> &mut Vec<String> {
        &mut self.boost
    }
}

/// The synonyms of one locale: the built-in file plus an institution pack's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Synonyms {
    pub(crate) locale: String,
    pub(crate) ignore: Vec<String>,
    /// Words that find each other (abbreviations and their expansions).
    pub groups: Vec<SynonymGroup>,
}

impl Synonyms {
    fn extend(&mut self, file: SynonymFile) {
        self.ignore.extend(file.ignore);
        self.groups.extend(file.groups);
    }
}

/// Loads the synonyms of `locale`: built-in, then the pack's in `dir` (added, not replacing). A broken pack file is
/// reported and skipped; search then works with the built-in synonyms.
pub(crate) fn load(locale: &str, dir: Option<&Path>, problems: &mut Vec<Problem>) -> Synonyms {
    let mut synonyms = Synonyms {
        locale: locale.to_owned(),
        ..Synonyms::default()
    };
    let relative = format!("{locale}/{STEM}.ron");
    if let Some(text) = builtin_named(locale, STEM) {
        match parse::<SynonymFile>(&Source {
            file: relative.clone(),
            text: text.to_owned(),
        }) {
            Ok(file) => synonyms.extend(file),
            Err(problem) => problems.push(problem),
        }
    }
    if let Some(path) = dir.map(|d| d.join(&relative)).filter(|p| p.exists()) {
        match read(&path, &relative).and_then(|source| parse::<SynonymFile>(&source)) {
            Ok(file) => synonyms.extend(file),
            Err(problem) => problems.push(problem),
        }
    }
    synonyms
}

fn read(path: &Path, relative: &str) -> Result<Source, Problem> {
    super::source::read_pack_text(path)
        .map(|text| Source {
            file: relative.to_owned(),
            text,
        })
        .map_err(|err| Problem {
            severity: Severity::Error,
            file: relative.to_owned(),
            item: None,
            line: None,
            message: format!("cannot read: {err}"),
        })
}

/// Checks every `<dir>/<locale>/synonyms.ron`: it parses, group ids are unique, each group has at least two
/// distinct searchable terms, a named tab exists, and no ignored word is also a synonym (it could never match).
pub fn validate_dir(dir: &Path) -> Vec<Problem> {
    validate_dir_with_ids(dir, None)
}

/// As [`validate_dir`], and every boosted item must be one of `ids` (the pack's item ids) when they are given.
pub fn validate_dir_with_ids(dir: &Path, ids: Option<&HashSet<String>>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return problems;
    };
    let mut locales: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    locales.sort();
    for locale in locales {
        let relative = format!("{locale}/{STEM}.ron");
        let path = dir.join(&relative);
        if !path.exists() {
            continue;
        }
        match read(&path, &relative) {
            Ok(source) => problems.extend(validate_source(&source, ids)),
            Err(problem) => problems.push(problem),
        }
    }
    problems
}

/// Checks one synonym file's text; boosted items against `ids` when given.
pub(crate) fn validate_source(source: &Source, ids: Option<&HashSet<String>>) -> Vec<Problem> {
    let file = match parse::<SynonymFile>(source) {
        Ok(file) => file,
        Err(problem) => return vec![problem],
    };
    let mut problems = Vec::new();
    let mut error = |item: Option<&str>, message: String| {
        let line = item.and_then(|id| {
            let needle = format!("\"{id}\"");
            source
                .text
                .lines()
                .position(|l| l.contains(&needle))
                .map(|n| n + 1)
        });
        problems.push(Problem {
            severity: Severity::Error,
            file: source.file.clone(),
            item: item.map(str::to_owned),
            line,
            message,
        });
    };
    let ignored: HashSet<String> = file.ignore.iter().map(|w| fold(w.trim())).collect();
    for word in &file.ignore {
        let folded = fold(word);
        // One word, or one stretch of Chinese or Khmer (stripped from the ends of an unspaced query).
        if !matches!(
            pieces(&folded).as_slice(),
            [Piece::Word(_)] | [Piece::Run(_)]
        ) {
            error(
                None,
                format!("ignored word `{word}` must be one word without spaces or punctuation"),
            );
        }
    }
    let known_items = ids;
    let mut ids = HashSet::new();
    for group in &file.groups {
        let id = group.id.as_str();
        for item in &group.boost {
            if known_items.is_some_and(|known| !known.contains(item)) {
                error(
                    Some(id),
                    format!("boosted item `{item}` is not an id in the content"),
                );
            }
        }
        if id.starts_with(ACTION_PREFIX) && !ACTIONS.contains(&id) {
            error(
                Some(id),
                format!("unknown action `{id}`; use one of {}", ACTIONS.join(", ")),
            );
        }
        if id.trim().is_empty() {
            error(None, "a synonym group has an empty id".into());
        } else if !ids.insert(id) {
            error(Some(id), format!("synonym group id `{id}` is used twice"));
        }
        let mut seen = HashSet::new();
        for term in &group.terms {
            let folded = fold(term);
            if pieces(&folded).is_empty() {
                error(Some(id), format!("term `{term}` has no letters or digits"));
                continue;
            }
            if ignored.contains(folded.trim()) {
                error(
                    Some(id),
                    format!("`{term}` is also an ignored word, so it could never be searched"),
                );
            }
            if !seen.insert(folded.split_whitespace().collect::<Vec<_>>().join(" ")) {
                error(Some(id), format!("term `{term}` is listed twice"));
            }
        }
        if seen.len() < 2 {
            error(
                Some(id),
                "a synonym group needs at least two different terms".into(),
            );
        }
        if let Some(tab) = &group.tab
            && ContentFile::from_stem(tab).is_none()
        {
            let known: Vec<&str> = ContentFile::ALL.iter().map(|f| f.stem()).collect();
            error(
                Some(id),
                format!("unknown tab `{tab}`; use one of {}", known.join(", ")),
            );
        }
    }
    problems
}
