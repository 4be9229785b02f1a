//! Loading content packs: the built-in pack compiled into the binary, an optional override pack directory, and
//! translation files applied per item with fallback to English.

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::model::Translation;
use super::texts::Texts;
use super::{Content, ContentFile};

use super::source::BUILTIN_FILES;
pub use super::source::{Problem, Severity, Source, builtin_locales, builtin_text, parse};

/// Reads `<dir>/<locale>/<stem>.ron` from an override pack, if present.
fn read_pack_file(dir: &Path, locale: &str, file: ContentFile) -> Option<Result<Source, Problem>> {
    let relative = format!("{locale}/{}.ron", file.stem());
    let path = dir.join(&relative);
    if !path.exists() {
        return None;
    }
    Some(read_checked(&path, relative))
}

/// Reads a pack's content file within the limits of [`crate::limits`]: its size before reading it whole, then the
/// length of every text and the number of items, before it is parsed.
pub(crate) fn read_checked(path: &Path, relative: String) -> Result<Source, Problem> {
    let problem = |line: Option<usize>, message: String| Problem {
        severity: Severity::Error,
        file: relative.clone(),
        item: None,
        line,
        message,
    };
    let text = crate::limits::read_text_bounded(path, crate::limits::MAX_CONTENT_FILE_BYTES)
        .map_err(|err| problem(None, format!("cannot read: {err}")))?;
    let source = Source {
        file: relative.clone(),
        text,
    };
    check_limits(&source)?;
    Ok(source)
}

/// A content file's texts and items within [`crate::limits`], checked in one pass before parsing.
pub(crate) fn check_limits(source: &Source) -> Result<(), Problem> {
    use crate::limits::{MAX_ITEMS_PER_FILE, MAX_TEXT_CHARS, first_long_string};
    let problem = |line: Option<usize>, message: String| Problem {
        severity: Severity::Error,
        file: source.file.clone(),
        item: None,
        line,
        message,
    };
    if let Some((line, length)) = first_long_string(&source.text, MAX_TEXT_CHARS) {
        return Err(problem(
            Some(line),
            format!(
                "a text of {length} characters; Harbor's limit is {MAX_TEXT_CHARS} per text (split it into paragraphs or items); the file was not used"
            ),
        ));
    }
    let items = crate::limits::count_items(&source.text);
    if items > MAX_ITEMS_PER_FILE {
        return Err(problem(
            None,
            format!(
                "{items} items; Harbor's limit is {MAX_ITEMS_PER_FILE} per file; the file was not used"
            ),
        ));
    }
    Ok(())
}

/// The source of one file: the override pack's copy if it has one, else the built-in one.
fn source_for(
    dir: Option<&Path>,
    locale: &str,
    file: ContentFile,
    problems: &mut Vec<Problem>,
) -> Option<Source> {
    if let Some(dir) = dir {
        match read_pack_file(dir, locale, file) {
            Some(Ok(source)) => return Some(source),
            Some(Err(problem)) => problems.push(problem),
            None => {}
        }
    }
    builtin_text(locale, file).map(|text| Source {
        file: format!("{locale}/{}.ron", file.stem()),
        text: text.into(),
    })
}

/// Parses one English file (override first, built-in on failure) and applies the `locale` translation.
pub(crate) fn load_file<T: DeserializeOwned + Texts + Default + Clone>(
    file: ContentFile,
    locale: &str,
    dir: Option<&Path>,
    content: &mut Content,
    problems: &mut Vec<Problem>,
) -> T {
    let mut value = match source_for(dir, "en", file, problems).map(|s| parse::<T>(&s)) {
        Some(Ok(value)) => value,
        Some(Err(problem)) => {
            problems.push(problem);
            // A broken override never takes the app down: fall back to the built-in file.
            builtin_text("en", file)
                .and_then(|text| {
                    parse::<T>(&Source {
                        file: format!("en/{}.ron", file.stem()),
                        text: text.into(),
                    })
                    .ok()
                })
                .unwrap_or_default()
        }
        None => {
            problems.push(Problem {
                severity: Severity::Error,
                file: format!("en/{}.ron", file.stem()),
                item: None,
                line: None,
                message: "file is missing".into(),
            });
            T::default()
        }
    };
    if locale != "en" {
        let translation =
            match source_for(dir, locale, file, problems).map(|s| parse::<Translation>(&s)) {
                Some(Ok(translation)) => Some(translation),
                Some(Err(problem)) => {
                    problems.push(problem);
                    None
                }
                None => None,
            };
        content.reviewed &= translation.as_ref().is_some_and(|t| t.reviewed);
        let note = translation.as_ref().map(super::TranslationNote::of);
        let mut strings = translation.map(|t| t.strings).unwrap_or_default();
        // A translation of English that has since changed is not shown: the English is, marked as such.
        if let Some(provenance) = super::provenance::Provenance::for_pack(dir, locale) {
            value.clone().visit_texts(&mut |text_ref, english| {
                if provenance.is_stale(file, text_ref.key, english) {
                    strings.remove(text_ref.key);
                }
            });
        }
        if let Some(note) = note.filter(|_| !strings.is_empty()) {
            content.translations.insert(file, note);
        }
        apply_translation(&mut value, &strings, &mut content.fallback_anchors);
    }
    value
}

/// Replaces each English string that has a translation; remembers the anchors that stay in English.
pub(crate) fn apply_translation<T: Texts>(
    value: &mut T,
    strings: &BTreeMap<String, String>,
    fallback_anchors: &mut std::collections::HashSet<String>,
) {
    value.visit_texts(&mut |text_ref, text| match strings.get(text_ref.key) {
        Some(translated) if !translated.trim().is_empty() => translated.clone_into(text),
        _ => {
            fallback_anchors.insert(text_ref.anchor.to_owned());
        }
    });
}

/// Loads the whole pack in `locale`: from `dir` where it has a file, else built-in. Never fails: every problem is
/// returned for the UI (or `--check-content`) to show, and the built-in content stands in for a broken file.
pub fn load(locale: &str, dir: Option<&Path>) -> (Content, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut content = Content {
        locale: locale.to_owned(),
        reviewed: true,
        ..Content::default()
    };
    content.overview = load_file(
        ContentFile::Overview,
        locale,
        dir,
        &mut content,
        &mut problems,
    );
    content.health = load_file(
        ContentFile::Health,
        locale,
        dir,
        &mut content,
        &mut problems,
    );
    content.indicators = load_file(
        ContentFile::Indicators,
        locale,
        dir,
        &mut content,
        &mut problems,
    );
    content.questions = load_file(
        ContentFile::Questions,
        locale,
        dir,
        &mut content,
        &mut problems,
    );
    content.response = load_file(
        ContentFile::Response,
        locale,
        dir,
        &mut content,
        &mut problems,
    );
    content.reporting = load_file(
        ContentFile::Reporting,
        locale,
        dir,
        &mut content,
        &mut problems,
    );
    content.resources = load_file(
        ContentFile::Resources,
        locale,
        dir,
        &mut content,
        &mut problems,
    );
    content.safety_plan = load_file(
        ContentFile::SafetyPlan,
        locale,
        dir,
        &mut content,
        &mut problems,
    );
    content.synonyms = super::synonyms::load(locale, dir, &mut problems);
    if locale == "en" {
        content.reviewed = true;
    }
    (content, problems)
}

/// Whether every built-in translation file of `locale` is marked as reviewed by a professional translator. English
/// is the source text, so it has nothing awaiting review.
pub(crate) fn is_reviewed(locale: &str) -> bool {
    if locale == "en" {
        return true;
    }
    static REVIEWED: std::sync::OnceLock<BTreeMap<String, bool>> = std::sync::OnceLock::new();
    let reviewed = REVIEWED.get_or_init(|| {
        let mut map: BTreeMap<String, bool> = BTreeMap::new();
        for (file_locale, _, text) in BUILTIN_FILES
            .iter()
            .filter(|(l, stem, _)| *l != "en" && ContentFile::from_stem(stem).is_some())
        {
            let file_reviewed = ron::from_str::<Translation>(text).is_ok_and(|t| t.reviewed);
            let entry = map.entry((*file_locale).to_owned()).or_insert(true);
            *entry &= file_reviewed;
        }
        map
    });
    reviewed.get(locale).copied().unwrap_or(false)
}
