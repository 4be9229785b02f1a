//! Where content text comes from and how problems with it are reported: the pack files compiled into the binary,
//! the RON parser's errors as [`Problem`]s, and small readers every loader and checker shares (item ids with their
//! lines, a pack's translation folders). The bottom of `content/`: it uses nothing else in it but [`ContentFile`], so
//! loading, checking and validating all build on it and call one way (`tests/app/structure.rs` checks).

use std::fmt;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::ContentFile;

include!(concat!(env!("OUT_DIR"), "/builtin_content.rs"));

/// How serious a content problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Shown in English instead, or otherwise harmless.
    Warning,
    /// The file or item cannot be used as it is.
    Error,
}

/// A problem found in a content pack, pointing at the file, item and line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Whether the file or item can still be used.
    pub severity: Severity,
    /// Path of the file relative to the pack root, e.g. `en/indicators.ron`.
    pub file: String,
    /// Id of the item concerned, when the problem is inside one.
    pub item: Option<String>,
    /// Line in the file, when the parser knows it.
    pub line: Option<usize>,
    /// What is wrong, for the person editing the pack.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{severity}: {}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(item) = &self.item {
            write!(f, " [{item}]")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Where the text of one content file comes from.
#[derive(Clone, Debug)]
pub struct Source {
    /// Path relative to the pack root, for messages.
    pub file: String,
    /// The file's RON text.
    pub text: String,
}

/// The built-in text of `locale/stem`, if the binary has it.
pub fn builtin_text(locale: &str, file: ContentFile) -> Option<&'static str> {
    BUILTIN_FILES
        .iter()
        .find(|(l, s, _)| *l == locale && *s == file.stem())
        .map(|(_, _, text)| *text)
}

/// The built-in text of `locale/stem.ron` for files outside the guidebook's content files (search synonyms).
pub(crate) fn builtin_named(locale: &str, stem: &str) -> Option<&'static str> {
    BUILTIN_FILES
        .iter()
        .find(|(l, s, _)| *l == locale && *s == stem)
        .map(|(_, _, text)| *text)
}

/// The folder of the jurisdiction packs inside a content directory (`content/jurisdictions/`): not a locale.
pub(crate) const JURISDICTIONS_FOLDER: &str = "jurisdictions";

/// The built-in text of a jurisdiction pack's `locale/stem.ron` (`content/jurisdictions/<code>/<locale>/`), if the
/// binary has it.
pub(crate) fn builtin_jurisdiction_text(
    code: &str,
    locale: &str,
    stem: &str,
) -> Option<&'static str> {
    BUILTIN_JURISDICTION_FILES
        .iter()
        .find(|(c, l, s, _)| *c == code && *l == locale && *s == stem)
        .map(|(_, _, _, text)| *text)
}

/// Locales that the built-in pack has translation files for (besides English).
pub fn builtin_locales() -> Vec<&'static str> {
    let mut locales: Vec<&str> = BUILTIN_FILES
        .iter()
        .map(|(l, _, _)| *l)
        .filter(|l| *l != "en")
        .collect();
    locales.dedup();
    locales
}

/// Parses RON text, turning a parse error into a [`Problem`] with its line.
pub fn parse<T: DeserializeOwned>(source: &Source) -> Result<T, Problem> {
    ron::from_str(&source.text).map_err(|err| Problem {
        severity: Severity::Error,
        file: source.file.clone(),
        item: None,
        line: Some(err.span.start.line),
        message: err.code.to_string(),
    })
}

/// Every `id: "…"` in a RON text with its 1-based line; the ids' own positions make messages point at the item.
pub(crate) fn ids_with_lines(text: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(position) = rest.find("id") {
            let before = rest[..position].chars().next_back();
            let after = rest[position + 2..].trim_start();
            rest = &rest[position + 2..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let Some(after_colon) = after.strip_prefix(':') else {
                continue;
            };
            let Some(quoted) = after_colon.trim_start().strip_prefix('"') else {
                continue;
            };
            if let Some(end) = quoted.find('"') {
                found.push((quoted[..end].to_owned(), number + 1));
            }
        }
    }
    found
}

/// The translation folders of the pack at `dir` (every folder but `en`), sorted.
pub(crate) fn translation_locales(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut locales: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|l| l != "en" && l != JURISDICTIONS_FOLDER)
        .collect();
    locales.sort();
    locales
}

/// Reads a pack's file as text within the content-file size limit (`crate::limits`): a sidecar (provenance,
/// synonyms, glossary, kept-English list) is as bounded as the content files beside it, so a huge or hostile one is
/// refused unread instead of taking the memory.
///
/// # Errors
/// The file cannot be read, is not UTF-8, or is over the limit (the message says which).
pub(crate) fn read_pack_text(path: &Path) -> Result<String, crate::limits::ReadError> {
    crate::limits::read_text_bounded(path, crate::limits::MAX_CONTENT_FILE_BYTES)
}
