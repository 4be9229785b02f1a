//! How much of each language is translated, as numbers: per locale and content file, the entries translated from
//! the English now in the pack, those translated from an older English (outdated: shown in English), and those with
//! no translation at all. `--check-content` prints the table; `tests/app/content_files.rs` requires every language to
//! be whole.
//!
//! Some entries are the same in every language and stay English on purpose (a statute's official title, a web
//! address). They are listed, each with the reason, in `content/keep_english.ron`, and are counted apart.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use serde::Deserialize;

use super::ContentFile;
use super::model::Translation;
use super::provenance::{self, Provenance, english_texts, fingerprint};
use super::source::{Problem, Severity, Source, parse, translation_locales};

/// File name of the list of entries that stay English, at the pack root.
pub const KEEP_ENGLISH_FILE: &str = "keep_english.ron";

/// One entry that stays English in every language, and why.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeptEnglish {
    /// `stem:key`, as in the translators' exchange (`overview:ov.definitions.ma.s50`).
    id: String,
    /// Why a translation would be wrong here.
    #[allow(dead_code)]
    why: String,
}

/// The coverage of one content file in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileCoverage {
    /// The language.
    pub locale: String,
    /// The content file.
    pub file: Option<ContentFile>,
    /// Entries in the English that a translation should have (those kept English excluded).
    pub total: usize,
    /// Translated from the English as it is now.
    pub translated: usize,
    /// Translated from an older English, or with no fingerprint to tell (shown in English).
    pub outdated: Vec<String>,
    /// Not translated at all (shown in English).
    pub missing: Vec<String>,
    /// Entries kept English on purpose (`keep_english.ron`).
    pub kept_english: usize,
    /// The jurisdiction pack the file belongs to (`tx`), `None` for the main files.
    pub pack: Option<String>,
}

impl FileCoverage {
    /// Counts one English entry: translated from this English (its fingerprint recorded), outdated, or missing.
    fn count(
        &mut self,
        key: &str,
        english: &str,
        translated: &BTreeMap<String, String>,
        recorded: Option<&BTreeMap<String, String>>,
    ) {
        self.total += 1;
        if !translated.contains_key(key) {
            self.missing.push(key.to_owned());
        } else if recorded.and_then(|r| r.get(key)) == Some(&fingerprint(english)) {
            self.translated += 1;
        } else {
            self.outdated.push(key.to_owned());
        }
    }

    /// Whether every entry that should be translated is, from the current English.
    pub fn is_whole(&self) -> bool {
        self.translated == self.total
    }

    /// Translated share, 0–100.
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            self.translated as f64 * 100.0 / self.total as f64
        }
    }
}

impl fmt::Display for FileCoverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stem = self.file.map_or("?", ContentFile::stem);
        let stem = match &self.pack {
            Some(code) => format!("{}/{code}/{stem}", super::jurisdiction::FOLDER),
            None => stem.to_owned(),
        };
        write!(
            f,
            "{:<6} {:<12} {:>4}/{:<4} translated ({:5.1} %), {:>3} outdated, {:>3} missing",
            self.locale,
            stem,
            self.translated,
            self.total,
            self.percent(),
            self.outdated.len(),
            self.missing.len()
        )?;
        if self.kept_english > 0 {
            write!(f, ", {} kept in English", self.kept_english)?;
        }
        Ok(())
    }
}

/// The ids (`stem:key`) the pack in `dir` keeps English on purpose; a broken list is a problem, never a panic.
pub fn kept_english(dir: &Path, problems: &mut Vec<Problem>) -> BTreeSet<String> {
    let path = dir.join(KEEP_ENGLISH_FILE);
    let Ok(text) = super::source::read_pack_text(&path) else {
        return BTreeSet::new();
    };
    let source = Source {
        file: KEEP_ENGLISH_FILE.to_owned(),
        text,
    };
    match parse::<Vec<KeptEnglish>>(&source) {
        Ok(list) => list.into_iter().map(|kept| kept.id).collect(),
        Err(problem) => {
            problems.push(problem);
            BTreeSet::new()
        }
    }
}

/// Coverage of every translation language of the pack in `dir`, per content file, in file order.
pub fn coverage(dir: &Path, problems: &mut Vec<Problem>) -> Vec<FileCoverage> {
    let kept = kept_english(dir, problems);
    let english: Vec<(ContentFile, BTreeMap<String, String>)> = ContentFile::ALL
        .into_iter()
        .filter_map(|file| {
            let source = read(dir, "en", file)?;
            english_texts(file, &source).ok().map(|texts| (file, texts))
        })
        .collect();
    for id in &kept {
        let known = id.split_once(':').is_some_and(|(stem, key)| {
            ContentFile::from_stem(stem)
                .and_then(|file| english.iter().find(|(f, _)| *f == file))
                .is_some_and(|(_, texts)| texts.contains_key(key))
        });
        if !known {
            problems.push(Problem {
                severity: Severity::Error,
                file: KEEP_ENGLISH_FILE.to_owned(),
                item: Some(id.clone()),
                line: None,
                message: "names no entry of the English content (`stem:key`)".into(),
            });
        }
    }
    let mut out = Vec::new();
    for locale in translation_locales(dir) {
        let sidecar = super::source::read_pack_text(&dir.join(&locale).join(provenance::FILE_NAME))
            .ok()
            .and_then(|text| Provenance::parse(&text).ok())
            .unwrap_or_default();
        for (file, english) in &english {
            let file = *file;
            let translated: BTreeMap<String, String> = read(dir, &locale, file)
                .and_then(|source| parse::<Translation>(&source).ok())
                .map(|translation| translation.strings)
                .unwrap_or_default();
            let recorded = sidecar.english.get(file.stem());
            let mut row = FileCoverage {
                locale: locale.clone(),
                file: Some(file),
                ..FileCoverage::default()
            };
            for (key, text) in english {
                if kept.contains(&format!("{}:{key}", file.stem())) {
                    row.kept_english += 1;
                    continue;
                }
                row.count(key, text, &translated, recorded);
            }
            out.push(row);
        }
    }
    out
}

/// Coverage of the jurisdiction packs of the content directory `dir` (`dir/jurisdictions/<code>/`), per pack file,
/// in every translation language of the main pack: a pack is translated after the main files, and until then its
/// strings are shown in English, marked. Counted apart from [`coverage`], whose languages must be whole.
pub fn pack_coverage(dir: &Path) -> Vec<FileCoverage> {
    let locales = translation_locales(dir);
    let mut out = Vec::new();
    for code in super::jurisdiction_checks::pack_folders(dir) {
        if super::Jurisdiction::from_code(&code).is_none_or(|j| j.is_main_pack()) {
            continue; // Reported by `--check-content`'s structural checks.
        }
        let pack_dir = dir.join(super::jurisdiction::FOLDER).join(&code);
        let english: Vec<(ContentFile, BTreeMap<String, String>)> = super::jurisdiction::PACK_FILES
            .into_iter()
            .filter_map(|file| {
                let source = read(&pack_dir, "en", file)?;
                english_texts(file, &source).ok().map(|texts| (file, texts))
            })
            .collect();
        for locale in &locales {
            let sidecar =
                super::source::read_pack_text(&pack_dir.join(locale).join(provenance::FILE_NAME))
                    .ok()
                    .and_then(|text| Provenance::parse(&text).ok())
                    .unwrap_or_default();
            for (file, english) in &english {
                let translated: BTreeMap<String, String> = read(&pack_dir, locale, *file)
                    .and_then(|source| parse::<Translation>(&source).ok())
                    .map(|translation| translation.strings)
                    .unwrap_or_default();
                let recorded = sidecar.english.get(file.stem());
                let mut row = FileCoverage {
                    locale: locale.clone(),
                    file: Some(*file),
                    pack: Some(code.clone()),
                    ..FileCoverage::default()
                };
                for (key, text) in english {
                    row.count(key, text, &translated, recorded);
                }
                out.push(row);
            }
        }
    }
    out
}

fn read(dir: &Path, locale: &str, file: ContentFile) -> Option<Source> {
    let file = format!("{locale}/{}.ron", file.stem());
    super::source::read_pack_text(&dir.join(&file))
        .ok()
        .map(|text| Source { file, text })
}
