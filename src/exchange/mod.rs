//! A translator's round trip: medical translators work in CAT tools, not RON or YAML. `--export-translation L`
//! writes every content and UI string of a locale as gettext PO or XLIFF 2.0, with the English, the current
//! translation, its state and the per-file provenance; `--import-translation FILE` reads such a file back, checks
//! every entry first (ids, English, placeholders, numbers and web addresses, glossary, file syntax), writes nothing
//! on any error, and otherwise updates the RON and YAML files in place, the provenance sidecar with them.

pub mod catalog;
mod check;
mod date;
mod po;
mod write;
mod xliff;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use catalog::{Catalog, State, Unit};
pub use date::Day;
pub use write::{FileSummary, Summary};

/// The group of the UI strings (`locales/<locale>.yml`); content groups are the content file stems.
pub const UI_GROUP: &str = "ui";

/// The group of a jurisdiction pack's file: `jurisdictions.tx.reporting` (dots, not slashes: an XLIFF file id is an
/// XML name token). Its translation is `content/jurisdictions/tx/<locale>/reporting.ron`, with the pack's own
/// provenance sidecar beside it.
pub fn pack_group(code: &str, file: crate::content::ContentFile) -> String {
    format!("jurisdictions.{code}.{}", file.stem())
}

/// The pack code and content file of a [`pack_group`], if `group` is one.
pub fn parse_pack_group(group: &str) -> Option<(&str, crate::content::ContentFile)> {
    let rest = group.strip_prefix("jurisdictions.")?;
    let (code, stem) = rest.split_once('.')?;
    let file = crate::content::ContentFile::ALL
        .into_iter()
        .find(|file| file.stem() == stem)?;
    crate::content::Jurisdiction::from_code(code)
        .filter(|j| !j.is_main_pack() && j.code() == code)
        .map(|_| (code, file))
}

/// The file formats a CAT tool reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// GNU gettext PO.
    Po,
    /// OASIS XLIFF 2.0.
    Xliff,
}

impl Format {
    /// `po` or `xliff` (`xlf` too).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "po" => Some(Self::Po),
            "xliff" | "xlf" => Some(Self::Xliff),
            _ => None,
        }
    }
}

/// The folders a round trip reads and writes: the content pack (`en/`, `<locale>/`) and the UI strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dirs {
    /// The content pack's root (holding `en/` and `<locale>/`).
    pub content: PathBuf,
    /// The folder of the UI strings (`<locale>.yml`).
    pub locales: PathBuf,
}

/// A problem in the imported file, at a line of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line in the imported file, where known.
    pub line: Option<usize>,
    /// What is wrong with the entry, for the translator.
    pub message: String,
}

impl LineError {
    pub(crate) fn new(line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            line,
            message: message.into(),
        }
    }
}

/// Why an export or import could not be done.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// The locale is not one of Harbor's translations (English is the source, not a target).
    #[error(
        "`{0}` is not a language Harbor translates into; use one of: es, pt-BR, ht, zh-CN, vi, ru, ar, km, fr"
    )]
    UnknownLocale(String),
    /// A file could not be read.
    #[error("could not read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A file is not well-formed PO, XLIFF, RON or YAML.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Broken {
        /// The file.
        path: PathBuf,
        /// Where in it, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// Entries that fail the checks, each at its line; nothing was written.
    #[error("{} problem(s) in the file; nothing was written", .0.len())]
    Invalid(Vec<LineError>),
    /// A file could not be written.
    #[error("could not write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
}

/// How an imported entry was left by the translator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// PO `fuzzy`, XLIFF `initial`: not confirmed against the current English.
    Draft,
    /// Confirmed by the translator (PO without `fuzzy`, XLIFF `translated`).
    Translated,
    /// XLIFF `reviewed` or `final` (PO has no such state: the file-level flag says it).
    Reviewed,
}

/// One entry of an imported file.
#[derive(Clone, Debug)]
pub(crate) struct ImportedUnit {
    pub group: String,
    pub key: String,
    pub source: String,
    pub target: String,
    pub status: Status,
    /// Line of the translation (PO `msgstr`, XLIFF `<target>` or `<segment>`).
    pub line: usize,
}

/// A value read from the imported file with its line.
pub(crate) type Located<T> = Option<(T, usize)>;

/// An imported file, parsed but not yet checked.
#[derive(Clone, Debug, Default)]
pub(crate) struct Imported {
    pub locale: Located<String>,
    pub translator: Located<String>,
    /// The translator's date as written (PO `PO-Revision-Date`, XLIFF note `date`).
    pub date: Located<String>,
    /// The day of the export the file was made from (PO `POT-Creation-Date`, XLIFF note `exported`).
    pub exported: Located<String>,
    /// Per group, the file-level reviewed flag.
    pub reviewed: BTreeMap<String, (bool, usize)>,
    pub units: Vec<ImportedUnit>,
}

/// `--export-translation LOCALE --format po|xliff`: the whole locale as one file's text, exported today.
pub fn export(dirs: &Dirs, locale: &str, format: Format) -> Result<String, ExchangeError> {
    export_on(dirs, locale, format, Day::today())
}

/// [`export`] on the day `today`: the file says it was exported that day (PO `POT-Creation-Date`, XLIFF note
/// `exported`), so an import can tell the date of the work from the date the export carried.
pub fn export_on(
    dirs: &Dirs,
    locale: &str,
    format: Format,
    today: Day,
) -> Result<String, ExchangeError> {
    let catalog = catalog::load(dirs, locale)?;
    Ok(match format {
        Format::Po => po::write(&catalog, today),
        Format::Xliff => xliff::write(&catalog, today),
    })
}

/// `--import-translation FILE`: checks everything, then writes the changed RON, YAML and provenance files, dated
/// today unless the file carries a later date of the translator's own (see [`import_on`]).
pub fn import(dirs: &Dirs, file: &Path) -> Result<Summary, ExchangeError> {
    import_on(dirs, file, Day::today())
}

/// [`import`] on the day `today`. The translation is dated `today`, or the file's own date when that is a date of
/// this work: later than the date of the translation it was exported from, not before the export, never after
/// `today`. An entry's own date (in the provenance sidecar) moves only when its text changes or it is confirmed
/// against new English.
pub fn import_on(dirs: &Dirs, file: &Path, today: Day) -> Result<Summary, ExchangeError> {
    let text = crate::limits::read_text_bounded(file, crate::limits::MAX_TRANSLATION_FILE_BYTES)
        .map_err(|err| match err {
            crate::limits::ReadError::Io(source) => ExchangeError::Read {
                path: file.to_path_buf(),
                source,
            },
            too_large @ crate::limits::ReadError::TooLarge { .. } => ExchangeError::Broken {
                path: file.to_path_buf(),
                line: None,
                message: format!("{too_large} (a whole language exports to about 1 MB)"),
            },
        })?;
    let imported = parse(&text, file).map_err(|err| ExchangeError::Invalid(vec![err]))?;
    check_limits(&imported)?;
    let Some((locale, locale_line)) = imported.locale.clone() else {
        return Err(ExchangeError::Invalid(vec![LineError::new(
            Some(1),
            "the file does not say its language (PO header `Language:`, XLIFF `trgLang`)",
        )]));
    };
    if !catalog::is_translation_locale(&locale) {
        return Err(ExchangeError::Invalid(vec![LineError::new(
            Some(locale_line),
            format!(
                "`{locale}` is not a language Harbor translates into; use one of: es, pt-BR, ht, zh-CN, vi, ru, ar, km, fr"
            ),
        )]));
    }
    let catalog = catalog::load(dirs, &locale)?;
    let glossary = glossary_for(dirs);
    let plan =
        check::check(&catalog, &imported, &glossary, today).map_err(ExchangeError::Invalid)?;
    write::apply(dirs, &catalog, &plan)
}

/// The number of entries and the length of each text within [`crate::limits`]; every text too long is listed.
fn check_limits(imported: &Imported) -> Result<(), ExchangeError> {
    use crate::limits::{MAX_TEXT_CHARS, MAX_TRANSLATION_UNITS};
    if imported.units.len() > MAX_TRANSLATION_UNITS {
        return Err(ExchangeError::Invalid(vec![LineError::new(
            imported.units.get(MAX_TRANSLATION_UNITS).map(|u| u.line),
            format!(
                "{} entries; Harbor has a few thousand strings and reads at most {MAX_TRANSLATION_UNITS} entries per file",
                imported.units.len()
            ),
        )]));
    }
    let errors: Vec<LineError> = imported
        .units
        .iter()
        .filter_map(|unit| {
            let length = unit.target.chars().count().max(unit.source.chars().count());
            (length > MAX_TEXT_CHARS).then(|| {
                LineError::new(
                    Some(unit.line),
                    format!(
                        "`{}:{}` is {length} characters long; Harbor's limit is {MAX_TEXT_CHARS} per text",
                        unit.group, unit.key
                    ),
                )
            })
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ExchangeError::Invalid(errors))
    }
}

/// Reads a PO or XLIFF text as `--import-translation` does, without checking it against a pack: the number of
/// entries, or the first syntax problem with its line.
pub fn read_entries(text: &str, format: Format) -> Result<usize, LineError> {
    let imported = match format {
        Format::Po => po::read(text)?,
        Format::Xliff => xliff::read(text)?,
    };
    Ok(imported.units.len())
}

/// Which format a file is in: XLIFF starts with `<`, anything else is read as PO.
fn parse(text: &str, file: &Path) -> Result<Imported, LineError> {
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let looks_like_xml = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<');
    match extension.as_deref() {
        Some("xliff" | "xlf") => xliff::read(text),
        Some("po" | "pot") => po::read(text),
        _ if looks_like_xml => xliff::read(text),
        _ => po::read(text),
    }
}

/// The pack's own glossary if it has one, else the built-in one.
fn glossary_for(dirs: &Dirs) -> crate::content::glossary::Glossary {
    std::fs::read_to_string(dirs.content.join("glossary.ron"))
        .ok()
        .and_then(|text| crate::content::glossary::Glossary::parse(&text).ok())
        .unwrap_or_else(|| crate::content::glossary::Glossary::builtin().clone())
}
