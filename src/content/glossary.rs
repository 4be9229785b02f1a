//! The per-locale terminology a translation must use: for each key concept (trafficker, interpreter…) the approved
//! renderings and the forbidden forms, from `content/glossary.ron`. A string that uses a forbidden form is an error
//! in `--check-content` and in the tests over every UI string.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::ContentFile;
use super::model::Translation;
use super::source::{Problem, Severity};

/// The glossary compiled into the binary.
pub const BUILTIN_GLOSSARY: &str = include_str!("../../content/glossary.ron");

/// Every locale's key terms.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Glossary {
    pub(crate) locales: BTreeMap<String, Vec<Term>>,
}

/// One concept in one language.
#[derive(Clone, Debug, Deserialize)]
pub struct Term {
    /// The English concept, e.g. `trafficker`.
    pub concept: String,
    /// Renderings to use. They are also allowed to contain a forbidden form ("traficante de pessoas").
    pub(crate) approved: Vec<String>,
    /// Forms that must not appear outside an approved rendering.
    #[serde(default)]
    pub(crate) forbidden: Vec<String>,
    /// Why, for the translator.
    #[serde(default)]
    pub(crate) note: String,
}

/// A forbidden form found in a string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub(crate) concept: String,
    pub(crate) found: String,
    pub(crate) approved: Vec<String>,
    pub(crate) note: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "uses “{}” for {}; the glossary says “{}”",
            self.found,
            self.concept,
            self.approved.join("” or “")
        )?;
        if !self.note.is_empty() {
            write!(f, " ({})", self.note)?;
        }
        Ok(())
    }
}

/// Stands in for an approved rendering while forbidden forms are searched for; never in real text.
const MASK: char = '\u{FFFC}';

impl Glossary {
    /// Parses a glossary file.
    pub fn parse(text: &str) -> Result<Self, ron::error::SpannedError> {
        ron::from_str(text)
    }

    /// The built-in glossary (an empty one if the compiled-in file were broken; a test keeps it parseable).
    pub fn builtin() -> &'static Self {
        static GLOSSARY: std::sync::OnceLock<Glossary> = std::sync::OnceLock::new();
        GLOSSARY.get_or_init(|| Self::parse(BUILTIN_GLOSSARY).unwrap_or_default())
    }

    /// The terms of `locale` (none for English, which is the source).
    pub fn terms(&self, locale: &str) -> &[Term] {
        self.locales.get(locale).map_or(&[], Vec::as_slice)
    }

    /// Every forbidden form in `text`, a string of `locale`.
    pub fn violations(&self, locale: &str, text: &str) -> Vec<Violation> {
        let terms = self.terms(locale);
        if terms.is_empty() {
            return Vec::new();
        }
        let mut masked = text.to_lowercase();
        let mut approved: Vec<String> = terms
            .iter()
            .flat_map(|t| t.approved.iter().map(|a| a.to_lowercase()))
            .collect();
        // Longest first, so "traficantes de pessoas" is masked whole before "traficante de pessoas" could split it.
        approved.sort_by_key(|a| std::cmp::Reverse(a.chars().count()));
        for form in approved.iter().filter(|a| !a.is_empty()) {
            masked = masked.replace(form.as_str(), &MASK.to_string());
        }
        let mut found = Vec::new();
        for term in terms {
            for form in &term.forbidden {
                if !form.is_empty() && masked.contains(&form.to_lowercase()) {
                    found.push(Violation {
                        concept: term.concept.clone(),
                        found: form.clone(),
                        approved: term.approved.clone(),
                        note: term.note.clone(),
                    });
                }
            }
        }
        found
    }
}

/// The glossary of a pack: its own `glossary.ron` if it has one, else the built-in one.
fn pack_glossary(dir: &Path, problems: &mut Vec<Problem>) -> Glossary {
    let path = dir.join("glossary.ron");
    let Ok(text) = super::source::read_pack_text(&path) else {
        return Glossary::builtin().clone();
    };
    match Glossary::parse(&text) {
        Ok(glossary) => glossary,
        Err(err) => {
            problems.push(Problem {
                severity: Severity::Error,
                file: "glossary.ron".into(),
                item: None,
                line: Some(err.span.start.line),
                message: err.code.to_string(),
            });
            Glossary::builtin().clone()
        }
    }
}

/// Checks every translated string of the pack in `dir` against the glossary; adds an error per forbidden form.
pub(crate) fn check_pack(dir: &Path, problems: &mut Vec<Problem>) {
    let glossary = pack_glossary(dir, problems);
    for locale in glossary.locales.keys() {
        for file in ContentFile::ALL {
            let relative = format!("{locale}/{}.ron", file.stem());
            let Ok(text) = super::source::read_pack_text(&dir.join(&relative)) else {
                continue;
            };
            // A file that does not parse is reported by the translation check already.
            let Ok(translation) = ron::from_str::<Translation>(&text) else {
                continue;
            };
            for (key, value) in &translation.strings {
                for violation in glossary.violations(locale, value) {
                    problems.push(Problem {
                        severity: Severity::Error,
                        file: relative.clone(),
                        item: Some(key.clone()),
                        line: line_of_key(&text, key),
                        message: violation.to_string(),
                    });
                }
            }
        }
    }
}

/// 1-based line of `"key"` in a translation file.
pub(crate) fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let needle = format!("\"{key}\"");
    text.lines()
        .position(|line| line.trim_start().starts_with(&needle))
        .map(|n| n + 1)
}
