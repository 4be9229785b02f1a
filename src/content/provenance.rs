//! Where a locale's translations come from: who translated them, when, and a fingerprint of the English each entry
//! was made from. A sidecar per locale, `content/<locale>/provenance.ron`. When the English of an entry changes,
//! its fingerprint no longer matches: `--check-content` reports the entry as outdated and the app shows the English
//! (marked "shown in English") instead of a translation of old text.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ContentFile;
use super::model::{
    IndicatorPack, Page, QuestionPack, ReportingRules, ResourcePack, SafetyPlanTemplate,
    Translation,
};
use super::source::{BUILTIN_FILES, Problem, Severity, Source, parse};
use super::texts::Texts;

/// The sidecar of one locale.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Provenance {
    /// Who translated ("project draft" until a named professional has).
    pub translator: String,
    /// When the translation was last brought up to date with the English (YYYY-MM-DD).
    pub date: String,
    /// Whether a professional medical translator has reviewed the UI strings (`locales/<locale>.yml`).
    #[serde(default)]
    pub ui_reviewed: bool,
    /// Per content file stem, per key: the fingerprint of the English text the translation was made from.
    pub english: BTreeMap<String, BTreeMap<String, String>>,
    /// Per content file stem (`ui` for the interface strings), per key: the day (ISO) an import last changed the
    /// translation's text or confirmed it against new English. An entry without one dates from `date` or before;
    /// an entry an import leaves as it was keeps its day.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dates: BTreeMap<String, BTreeMap<String, String>>,
}

/// File name of the sidecar inside `content/<locale>/`.
pub const FILE_NAME: &str = "provenance.ron";

/// The fingerprint of an English text: 64-bit FNV-1a, in hex. Detects change; not a security measure.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

impl Provenance {
    /// Parses a sidecar.
    pub fn parse(text: &str) -> Result<Self, ron::error::SpannedError> {
        ron::from_str(text)
    }

    /// The sidecar as written to disk.
    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new().indentor("    ".to_owned());
        ron::ser::to_string_pretty(self, config).unwrap_or_default() + "\n"
    }

    /// The sidecar compiled into the binary for `locale`, if any.
    pub(crate) fn builtin(locale: &str) -> Option<&'static Self> {
        static ALL: std::sync::OnceLock<BTreeMap<String, Provenance>> = std::sync::OnceLock::new();
        ALL.get_or_init(|| {
            BUILTIN_FILES
                .iter()
                .filter(|(_, stem, _)| *stem == "provenance")
                .filter_map(|(locale, _, text)| {
                    Some(((*locale).to_owned(), Self::parse(text).ok()?))
                })
                .collect()
        })
        .get(locale)
    }

    /// The sidecar of `locale` in an override pack, else the built-in one.
    pub(crate) fn for_pack(dir: Option<&Path>, locale: &str) -> Option<Self> {
        if let Some(dir) = dir
            && let Ok(text) = super::source::read_pack_text(&dir.join(locale).join(FILE_NAME))
        {
            return Self::parse(&text).ok();
        }
        Self::builtin(locale).cloned()
    }

    /// Whether the translation of `key` in `file` was made from an English text other than `english`. An entry
    /// with no recorded fingerprint is not called stale (`--check-content` warns about it instead).
    pub(crate) fn is_stale(&self, file: ContentFile, key: &str, english: &str) -> bool {
        self.english
            .get(file.stem())
            .and_then(|keys| keys.get(key))
            .is_some_and(|recorded| *recorded != fingerprint(english))
    }

    /// Records that the translations of `keys` in `file` were made from the English now in `english`.
    pub(crate) fn record(
        &mut self,
        file: ContentFile,
        english: &BTreeMap<String, String>,
        keys: &[&str],
    ) {
        let entries = self.english.entry(file.stem().to_owned()).or_default();
        for key in keys {
            if let Some(text) = english.get(*key) {
                entries.insert((*key).to_owned(), fingerprint(text));
            }
        }
    }
}

/// Key → English text of one content file.
pub(crate) fn english_texts(
    file: ContentFile,
    source: &Source,
) -> Result<BTreeMap<String, String>, Problem> {
    fn texts<T: serde::de::DeserializeOwned + Texts + Clone>(
        source: &Source,
    ) -> Result<BTreeMap<String, String>, Problem> {
        Ok(parse::<T>(source)?
            .collect_texts()
            .into_iter()
            .map(|(key, _, text)| (key, text))
            .collect())
    }
    match file {
        ContentFile::Overview | ContentFile::Health | ContentFile::Response => {
            texts::<Page>(source)
        }
        ContentFile::Indicators => texts::<IndicatorPack>(source),
        ContentFile::Questions => texts::<QuestionPack>(source),
        ContentFile::Reporting => texts::<ReportingRules>(source),
        ContentFile::Resources => texts::<ResourcePack>(source),
        ContentFile::SafetyPlan => texts::<SafetyPlanTemplate>(source),
    }
}

/// Reads `dir/<locale>/<file>.ron`.
fn read(dir: &Path, locale: &str, file: ContentFile) -> Option<Source> {
    let relative = format!("{locale}/{}.ron", file.stem());
    super::source::read_pack_text(&dir.join(&relative))
        .ok()
        .map(|text| Source {
            file: relative,
            text,
        })
}

/// The sidecar `dir/<locale>/provenance.ron` should hold: every translated entry fingerprinted against the English
/// now in `dir/en`, keeping translator, date and flags of the existing sidecar.
pub fn refreshed(dir: &Path, locale: &str) -> Provenance {
    let mut provenance = super::source::read_pack_text(&dir.join(locale).join(FILE_NAME))
        .ok()
        .and_then(|text| Provenance::parse(&text).ok())
        .unwrap_or_else(|| Provenance {
            translator: "project draft".into(),
            date: String::new(),
            ..Provenance::default()
        });
    provenance.english.clear();
    for file in ContentFile::ALL {
        let (Some(english), Some(translated)) = (read(dir, "en", file), read(dir, locale, file))
        else {
            continue;
        };
        let (Ok(english), Ok(translation)) = (
            english_texts(file, &english),
            parse::<Translation>(&translated),
        ) else {
            continue;
        };
        let keys: Vec<&str> = translation.strings.keys().map(String::as_str).collect();
        provenance.record(file, &english, &keys);
    }
    provenance
}

/// `--check-content`: every translated entry whose English changed since it was translated (warning: it is shown
/// in English), and every entry or locale with no fingerprint to tell.
pub(crate) fn check_pack(dir: &Path, problems: &mut Vec<Problem>) {
    for locale in super::source::translation_locales(dir) {
        let sidecar = format!("{locale}/{FILE_NAME}");
        let provenance = match super::source::read_pack_text(&dir.join(&sidecar)) {
            Ok(text) => match Provenance::parse(&text) {
                Ok(provenance) => provenance,
                Err(err) => {
                    problems.push(Problem {
                        severity: Severity::Error,
                        file: sidecar,
                        item: None,
                        line: Some(err.span.start.line),
                        message: err.code.to_string(),
                    });
                    continue;
                }
            },
            Err(err @ crate::limits::ReadError::TooLarge { .. }) => {
                problems.push(Problem {
                    severity: Severity::Error,
                    file: sidecar,
                    item: None,
                    line: None,
                    message: err.to_string(),
                });
                continue;
            }
            Err(_) => {
                problems.push(Problem {
                    severity: Severity::Warning,
                    file: sidecar,
                    item: None,
                    line: None,
                    message: "no provenance file: translator, date and the English each entry was translated from are unknown".into(),
                });
                continue;
            }
        };
        for file in ContentFile::ALL {
            let (Some(english), Some(translated)) =
                (read(dir, "en", file), read(dir, &locale, file))
            else {
                continue;
            };
            let (Ok(english), Ok(translation)) = (
                english_texts(file, &english),
                parse::<Translation>(&translated),
            ) else {
                continue;
            };
            let recorded = provenance.english.get(file.stem());
            for key in translation.strings.keys() {
                let Some(english_text) = english.get(key) else {
                    continue;
                };
                let line = super::glossary::line_of_key(&translated.text, key);
                match recorded.and_then(|r| r.get(key)) {
                    None => problems.push(Problem {
                        severity: Severity::Warning,
                        file: translated.file.clone(),
                        item: Some(key.clone()),
                        line,
                        message: format!("no fingerprint of the English this was translated from in {sidecar}"),
                    }),
                    Some(print) if *print != fingerprint(english_text) => problems.push(Problem {
                        severity: Severity::Warning,
                        file: translated.file.clone(),
                        item: Some(key.clone()),
                        line,
                        message: "outdated: the English has changed since this was translated (shown in English until the translation is updated)".into(),
                    }),
                    Some(_) => {}
                }
            }
        }
    }
}
