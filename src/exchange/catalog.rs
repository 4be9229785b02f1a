//! Every translatable string of one locale, as a translator sees it: the English, the current translation, and
//! where it stands (missing, outdated, needs review, reviewed), with the per-file provenance.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Dirs, ExchangeError, UI_GROUP};
use crate::content::ContentFile;
use crate::content::load::{Source, parse};
use crate::content::model::Translation;
use crate::content::provenance::{self, Provenance, fingerprint};

/// Where one translation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// No translation yet.
    Missing,
    /// Translated from English that has changed since (the app shows the English).
    Outdated,
    /// Translated, not yet reviewed by a professional medical translator.
    NeedsReview,
    /// Translated, and its file reviewed by a professional medical translator.
    Reviewed,
}

impl State {
    /// The state of `translation`: missing when blank, else outdated when `stale` says its English has changed,
    /// else as its file is marked.
    fn of(translation: &str, reviewed: bool, stale: impl FnOnce() -> bool) -> Self {
        if translation.trim().is_empty() {
            Self::Missing
        } else if stale() {
            Self::Outdated
        } else if reviewed {
            Self::Reviewed
        } else {
            Self::NeedsReview
        }
    }
}

/// One translatable string.
#[derive(Clone, Debug)]
pub struct Unit {
    /// `ui` or a content file stem (`questions`).
    pub group: String,
    /// The key inside the group: a content id (`q.statement.privacy`) or a UI key path (`app.about`).
    pub key: String,
    /// The source text the translation must match.
    pub english: String,
    /// Empty when missing.
    pub translation: String,
    /// Missing, outdated, awaiting review or reviewed.
    pub state: State,
    /// The day an import last changed the translation or confirmed it against new English (the provenance sidecar's
    /// `dates`), if one has.
    pub date: Option<String>,
}

impl Unit {
    /// The stable id a CAT tool keeps: `questions:q.statement.privacy`, `ui:app.about`.
    pub fn id(&self) -> String {
        format!("{}:{}", self.group, self.key)
    }
}

/// One file of the locale, with its provenance.
#[derive(Clone, Debug)]
pub struct FileInfo {
    /// `ui` or a content file stem.
    pub group: String,
    /// Where it lives, relative to its folder's parent: `content/fr/questions.ron`, `locales/fr.yml`.
    pub path: String,
    /// Whether it exists yet (a clinician-narrative file may not be translated at all).
    pub exists: bool,
    /// Whether a professional medical translator has reviewed it.
    pub reviewed: bool,
    /// Fingerprint of all the English texts of the file, in key order: which English the export was made from.
    pub english_version: String,
}

/// The whole locale.
#[derive(Clone, Debug)]
pub struct Catalog {
    /// The language of the translations.
    pub locale: String,
    /// From the locale's provenance sidecar ("project draft" until a named professional has translated).
    pub translator: String,
    /// The translation's date in the provenance sidecar (ISO).
    pub date: String,
    /// Every file of the locale, translated or not.
    pub files: Vec<FileInfo>,
    /// Every string, in file and key order.
    pub units: Vec<Unit>,
    /// The sidecar as read (default when there is none).
    pub provenance: Provenance,
    /// Whether `content/<locale>/provenance.ron` exists.
    pub has_sidecar: bool,
    /// Per jurisdiction pack (by code): its sidecar `content/jurisdictions/<code>/<locale>/provenance.ron` as read
    /// (default when there is none), and whether it exists.
    pub pack_sidecars: BTreeMap<String, (Provenance, bool)>,
}

impl Catalog {
    /// The unit with this group and key.
    pub fn unit(&self, group: &str, key: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.group == group && u.key == key)
    }

    /// The file info of a group.
    pub fn file(&self, group: &str) -> Option<&FileInfo> {
        self.files.iter().find(|f| f.group == group)
    }
}

/// A plural form other than `other` (`search_results.count.one`): each locale has the forms its plural rules use.
pub fn is_plural_form(key: &str) -> bool {
    ["zero", "one", "two", "few", "many"].iter().any(|form| {
        key.strip_suffix(form)
            .is_some_and(|k| k.ends_with(".count."))
    })
}

/// The locales a translation can be exported for or imported into.
pub fn is_translation_locale(locale: &str) -> bool {
    locale != "en" && crate::i18n::LANGUAGES.iter().any(|l| l.code == locale)
}

/// Every string of a UI string file, flattened to `section.key`, in file order.
pub fn flatten_yaml(text: &str) -> Result<Vec<(String, String)>, serde_yaml::Error> {
    fn walk(prefix: &str, value: &serde_yaml::Value, out: &mut Vec<(String, String)>) {
        match value {
            serde_yaml::Value::Mapping(map) => {
                for (key, value) in map {
                    let key = match key {
                        serde_yaml::Value::String(key) => key.clone(),
                        other => serde_yaml::to_string(other)
                            .unwrap_or_default()
                            .trim()
                            .to_owned(),
                    };
                    let path = if prefix.is_empty() {
                        key
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(&path, value, out);
                }
            }
            serde_yaml::Value::String(text) => out.push((prefix.to_owned(), text.clone())),
            _ => {}
        }
    }
    let value: serde_yaml::Value = serde_yaml::from_str(text)?;
    let mut out = Vec::new();
    walk("", &value, &mut out);
    Ok(out)
}

fn read(path: &Path) -> Result<Option<String>, ExchangeError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ExchangeError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn required(path: &Path) -> Result<String, ExchangeError> {
    read(path)?.ok_or_else(|| ExchangeError::Read {
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::NotFound, "file not found"),
    })
}

fn broken(path: &Path, line: Option<usize>, message: String) -> ExchangeError {
    ExchangeError::Broken {
        path: path.to_path_buf(),
        line,
        message,
    }
}

/// Reads every content file and the UI strings of `locale` (and the English they translate).
pub fn load(dirs: &Dirs, locale: &str) -> Result<Catalog, ExchangeError> {
    if !is_translation_locale(locale) {
        return Err(ExchangeError::UnknownLocale(locale.to_owned()));
    }
    let sidecar_path = dirs.content.join(locale).join(provenance::FILE_NAME);
    let sidecar = read(&sidecar_path)?;
    let has_sidecar = sidecar.is_some();
    let provenance = match sidecar {
        Some(text) => Provenance::parse(&text).map_err(|err| {
            broken(
                &sidecar_path,
                Some(err.span.start.line),
                err.code.to_string(),
            )
        })?,
        None => Provenance {
            translator: "project draft".into(),
            ..Provenance::default()
        },
    };
    let mut catalog = Catalog {
        locale: locale.to_owned(),
        translator: provenance.translator.clone(),
        date: provenance.date.clone(),
        files: Vec::new(),
        units: Vec::new(),
        provenance,
        has_sidecar,
        pack_sidecars: BTreeMap::new(),
    };
    for file in ContentFile::ALL {
        load_content_file(dirs, &mut catalog, file, None)?;
    }
    // The jurisdiction packs, each file a group of its own, after the main files.
    for code in pack_codes(&dirs.content) {
        let sidecar_path = pack_dir(dirs, &code)
            .join(locale)
            .join(provenance::FILE_NAME);
        let sidecar = match read(&sidecar_path)? {
            Some(text) => (
                Provenance::parse(&text).map_err(|err| {
                    broken(
                        &sidecar_path,
                        Some(err.span.start.line),
                        err.code.to_string(),
                    )
                })?,
                true,
            ),
            None => (
                Provenance {
                    translator: "project draft".into(),
                    ..Provenance::default()
                },
                false,
            ),
        };
        catalog.pack_sidecars.insert(code.clone(), sidecar);
        for file in crate::content::jurisdiction::PACK_FILES {
            load_content_file(dirs, &mut catalog, file, Some(&code))?;
        }
    }
    load_ui(dirs, &mut catalog)?;
    Ok(catalog)
}

/// The codes of the jurisdiction packs in the content folder that have English files (`jurisdictions/<code>/en/`).
fn pack_codes(content: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(content.join(crate::content::jurisdiction::FOLDER)) else {
        return Vec::new();
    };
    let mut codes: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().join("en").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|code| {
            crate::content::Jurisdiction::from_code(code)
                .is_some_and(|j| !j.is_main_pack() && j.code() == code)
        })
        .collect();
    codes.sort();
    codes
}

/// The folder of a jurisdiction pack: `content/jurisdictions/<code>`.
pub(crate) fn pack_dir(dirs: &Dirs, code: &str) -> std::path::PathBuf {
    dirs.content
        .join(crate::content::jurisdiction::FOLDER)
        .join(code)
}

/// One content file of the main pack (`pack` `None`) or of a jurisdiction pack, as a group of units.
fn load_content_file(
    dirs: &Dirs,
    catalog: &mut Catalog,
    file: ContentFile,
    pack: Option<&str>,
) -> Result<(), ExchangeError> {
    let (root, prefix, group) = match pack {
        Some(code) => (
            pack_dir(dirs, code),
            format!("{}/{code}/", crate::content::jurisdiction::FOLDER),
            super::pack_group(code, file),
        ),
        None => (dirs.content.clone(), String::new(), file.stem().to_owned()),
    };
    let english_path = root.join("en").join(format!("{}.ron", file.stem()));
    let english_text = match pack {
        // A pack file not written yet has nothing to translate.
        Some(_) => match read(&english_path)? {
            Some(text) => text,
            None => return Ok(()),
        },
        None => required(&english_path)?,
    };
    let english_source = Source {
        file: format!("{prefix}en/{}.ron", file.stem()),
        text: english_text,
    };
    let english = provenance::english_texts(file, &english_source)
        .map_err(|problem| broken(&english_path, problem.line, problem.message))?;
    let relative = format!("{}/{}.ron", catalog.locale, file.stem());
    let path = root.join(&relative);
    let relative = format!("{prefix}{relative}");
    let translation = match read(&path)? {
        Some(text) => Some(
            parse::<Translation>(&Source {
                file: relative.clone(),
                text,
            })
            .map_err(|problem| broken(&path, problem.line, problem.message))?,
        ),
        None => None,
    };
    let reviewed = translation.as_ref().is_some_and(|t| t.reviewed);
    let mut strings = translation
        .as_ref()
        .map(|t| t.strings.clone())
        .unwrap_or_default();
    catalog.files.push(FileInfo {
        group: group.clone(),
        path: format!("content/{relative}"),
        exists: translation.is_some(),
        reviewed,
        english_version: english_version(english.values()),
    });
    for (key, english_text) in english {
        let translation = strings.remove(&key).unwrap_or_default();
        let sidecar = match pack {
            Some(code) => catalog.pack_sidecars.get(code).map(|(p, _)| p),
            None => Some(&catalog.provenance),
        };
        let state = State::of(&translation, reviewed, || {
            sidecar.is_some_and(|p| p.is_stale(file, &key, &english_text))
        });
        let date = sidecar.and_then(|p| entry_date(p, file.stem(), &key));
        catalog.units.push(Unit {
            group: group.clone(),
            key,
            english: english_text,
            translation,
            state,
            date,
        });
    }
    Ok(())
}

/// The English a UI key translates: a plural form English lacks ("few") translates the English `other` form.
fn ui_english<'a>(english: &'a BTreeMap<String, String>, key: &str) -> Option<&'a String> {
    english.get(key).or_else(|| {
        is_plural_form(key)
            .then(|| key.rsplit_once('.'))
            .flatten()
            .and_then(|(group, _)| english.get(&format!("{group}.other")))
    })
}

fn load_ui(dirs: &Dirs, catalog: &mut Catalog) -> Result<(), ExchangeError> {
    let english_path = dirs.locales.join("en.yml");
    let english_list = flatten_yaml(&required(&english_path)?)
        .map_err(|err| broken(&english_path, yaml_line(&err), err.to_string()))?;
    let english: BTreeMap<String, String> = english_list.iter().cloned().collect();
    let path = dirs.locales.join(format!("{}.yml", catalog.locale));
    let text = required(&path)?;
    let translated_list =
        flatten_yaml(&text).map_err(|err| broken(&path, yaml_line(&err), err.to_string()))?;
    let translated: BTreeMap<String, String> = translated_list.iter().cloned().collect();
    let reviewed = catalog.provenance.ui_reviewed;
    catalog.files.push(FileInfo {
        group: UI_GROUP.to_owned(),
        path: format!("locales/{}.yml", catalog.locale),
        exists: true,
        reviewed,
        english_version: english_version(english.values()),
    });
    // English order first, then the plural forms only this language has, each after its English siblings.
    let mut keys: Vec<String> = english_list
        .iter()
        .map(|(key, _)| key.clone())
        .filter(|key| !is_plural_form(key) || translated.contains_key(key))
        .collect();
    for (key, _) in &translated_list {
        if !english.contains_key(key) && is_plural_form(key) {
            let group = key.rsplit_once('.').map_or("", |(group, _)| group);
            let at = keys
                .iter()
                .rposition(|k| k.starts_with(group))
                .map_or(keys.len(), |n| n + 1);
            keys.insert(at, key.clone());
        }
    }
    for key in keys {
        let Some(english_text) = ui_english(&english, &key) else {
            continue;
        };
        let translation = translated.get(&key).cloned().unwrap_or_default();
        // UI strings carry no per-entry fingerprint, so none is ever outdated.
        let state = State::of(&translation, reviewed, || false);
        let date = entry_date(&catalog.provenance, UI_GROUP, &key);
        catalog.units.push(Unit {
            group: UI_GROUP.to_owned(),
            key,
            english: english_text.clone(),
            translation,
            state,
            date,
        });
    }
    Ok(())
}

/// The own date of the translation of `key` in the sidecar's group `stem`, if it has one.
fn entry_date(sidecar: &Provenance, stem: &str, key: &str) -> Option<String> {
    sidecar
        .dates
        .get(stem)
        .and_then(|keys| keys.get(key))
        .cloned()
}

fn english_version<'a>(texts: impl Iterator<Item = &'a String>) -> String {
    let joined: Vec<&str> = texts.map(String::as_str).collect();
    fingerprint(&joined.join("\u{1e}"))
}

/// The line a YAML error points at, if it says.
pub fn yaml_line(err: &serde_yaml::Error) -> Option<usize> {
    err.location().map(|l| l.line())
}
