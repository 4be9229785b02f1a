//! Jurisdictions: whose law the reporting helper applies and whose local resources are listed.
//!
//! Massachusetts is the guidebook's own state: its rules stay in `content/<locale>/reporting.ron` and its groups in
//! `content/<locale>/resources.ron`, beside the national group. Every other jurisdiction is a pack of its own,
//! `content/jurisdictions/<code>/<locale>/{reporting,resources}.ron` (plus `provenance.ron` for a translation), in
//! the same format as `content/<locale>/`: a full [`ReportingRules`], and a [`ResourcePack`] with only that state's
//! groups. The national group always comes from `content/<locale>/resources.ron`. An override pack (`--content
//! DIR`) may hold the same layout under `DIR/jurisdictions/`.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::load::{apply_translation, load_file, read_checked};
use super::model::{ReportingRules, ResourcePack, Translation};
use super::provenance::Provenance as TranslationProvenance;
use super::source::{Problem, Severity, Source, builtin_jurisdiction_text, parse};
use super::texts::Texts;
use super::{Content, ContentFile, TranslationNote};

/// The folder of the jurisdiction packs inside a content directory (`content/jurisdictions/`).
pub const FOLDER: &str = super::source::JURISDICTIONS_FOLDER;

/// The files of a jurisdiction pack (each also per translation locale).
pub const PACK_FILES: [ContentFile; 2] = [ContentFile::Reporting, ContentFile::Resources];

/// Ids of the resource groups of `content/<locale>/resources.ron` that hold for every jurisdiction; every other
/// group of that file is Massachusetts'.
pub const NATIONAL_GROUPS: [&str; 1] = ["res.national"];

/// Whose law and local resources the app shows.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Jurisdiction {
    /// Massachusetts: the guidebook's own state, and the default until the user chooses.
    #[default]
    Massachusetts,
    /// California.
    California,
    /// Texas.
    Texas,
    /// New York.
    NewYork,
    /// Any other state or territory: the federal and national layer only.
    Other,
}

impl Jurisdiction {
    /// Every jurisdiction, in the order the chooser offers them ("Other" last).
    pub const ALL: [Self; 5] = [
        Self::Massachusetts,
        Self::California,
        Self::Texas,
        Self::NewYork,
        Self::Other,
    ];

    /// The pack's code: its folder under `content/jurisdictions/`, the `--jurisdiction` value, the UI string key.
    pub fn code(self) -> &'static str {
        match self {
            Self::Massachusetts => "ma",
            Self::California => "ca",
            Self::Texas => "tx",
            Self::NewYork => "ny",
            Self::Other => "other",
        }
    }

    /// The jurisdiction with this code (case-insensitive), if any.
    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.trim();
        Self::ALL
            .into_iter()
            .find(|j| j.code().eq_ignore_ascii_case(code))
    }

    /// The value of the `Jurisdiction` policy key: "MA", "CA", "TX", "NY", "Other".
    pub fn policy_value(self) -> &'static str {
        match self {
            Self::Massachusetts => "MA",
            Self::California => "CA",
            Self::Texas => "TX",
            Self::NewYork => "NY",
            Self::Other => "Other",
        }
    }

    /// The jurisdiction a policy value names (case-insensitive; the code is accepted too).
    pub fn from_policy_value(value: &str) -> Option<Self> {
        let value = value.trim();
        Self::ALL
            .into_iter()
            .find(|j| j.policy_value().eq_ignore_ascii_case(value))
            .or_else(|| Self::from_code(value))
    }

    /// The jurisdiction's name in `locale` (an interface string).
    pub fn name(self, locale: &str) -> String {
        rust_i18n::t!(
            format!("jurisdiction.name.{}", self.code()),
            locale = locale
        )
        .into_owned()
    }

    /// Whether the rules and local groups live in the main content files (`content/<locale>/`), not in a pack.
    pub fn is_main_pack(self) -> bool {
        self == Self::Massachusetts
    }

    /// The path of one of the pack's files relative to a content directory, for messages.
    pub fn pack_path(self, locale: &str, file: ContentFile) -> String {
        if self.is_main_pack() {
            format!("{locale}/{}.ron", file.stem())
        } else {
            format!("{FOLDER}/{}/{locale}/{}.ron", self.code(), file.stem())
        }
    }
}

/// What loading one pack file found besides its value: the anchors shown in English and the translation's note.
#[derive(Default)]
struct Loaded {
    fallback_anchors: HashSet<String>,
    note: Option<TranslationNote>,
}

/// The text of `<dir>/jurisdictions/<code>/<locale>/<stem>.ron` if the override pack has it, else the built-in one.
fn pack_source(
    j: Jurisdiction,
    locale: &str,
    stem: &str,
    dir: Option<&Path>,
    problems: &mut Vec<Problem>,
) -> Option<Source> {
    let relative = format!("{FOLDER}/{}/{locale}/{stem}.ron", j.code());
    if let Some(dir) = dir {
        let path = dir.join(&relative);
        if path.exists() {
            match read_checked(&path, relative.clone()) {
                Ok(source) => return Some(source),
                Err(problem) => problems.push(problem),
            }
        }
    }
    builtin_jurisdiction_text(j.code(), locale, stem).map(|text| Source {
        file: relative,
        text: text.to_owned(),
    })
}

/// A pack's translation sidecar (`provenance.ron`), from the override pack or built in.
fn pack_provenance(
    j: Jurisdiction,
    locale: &str,
    dir: Option<&Path>,
) -> Option<TranslationProvenance> {
    let mut ignored = Vec::new();
    pack_source(j, locale, "provenance", dir, &mut ignored)
        .and_then(|source| TranslationProvenance::parse(&source.text).ok())
}

/// One file of a jurisdiction pack (not Massachusetts) in `locale`, English per item where it has no translation.
fn load_pack_file<T: DeserializeOwned + Texts + Default + Clone>(
    j: Jurisdiction,
    file: ContentFile,
    locale: &str,
    dir: Option<&Path>,
    problems: &mut Vec<Problem>,
    loaded: &mut Loaded,
) -> T {
    let english = match pack_source(j, "en", file.stem(), dir, problems) {
        Some(source) => match parse::<T>(&source) {
            Ok(value) => Some(value),
            Err(problem) => {
                problems.push(problem);
                // A broken override never takes the app down: the built-in file stands in.
                builtin_jurisdiction_text(j.code(), "en", file.stem()).and_then(|text| {
                    parse::<T>(&Source {
                        file: j.pack_path("en", file),
                        text: text.to_owned(),
                    })
                    .ok()
                })
            }
        },
        None => {
            problems.push(Problem {
                severity: Severity::Error,
                file: j.pack_path("en", file),
                item: None,
                line: None,
                message: format!(
                    "the {} pack has no {} file: this build has no {} rules or resources to show",
                    j.name("en"),
                    file.stem(),
                    j.name("en")
                ),
            });
            None
        }
    };
    let mut value = english.unwrap_or_default();
    if locale != "en" {
        let translation = pack_source(j, locale, file.stem(), dir, problems).and_then(|source| {
            parse::<Translation>(&source)
                .map_err(|problem| problems.push(problem))
                .ok()
        });
        let mut strings: BTreeMap<String, String> = translation
            .as_ref()
            .map(|t| t.strings.clone())
            .unwrap_or_default();
        if let Some(provenance) = pack_provenance(j, locale, dir) {
            value.clone().visit_texts(&mut |text_ref, english| {
                if provenance.is_stale(file, text_ref.key, english) {
                    strings.remove(text_ref.key);
                }
            });
        }
        loaded.note = translation
            .filter(|_| !strings.is_empty())
            .map(|t| TranslationNote::of(&t));
        apply_translation(&mut value, &strings, &mut loaded.fallback_anchors);
    }
    value
}

fn load_rules_with(
    j: Jurisdiction,
    locale: &str,
    dir: Option<&Path>,
    loaded: &mut Loaded,
) -> (ReportingRules, Vec<Problem>) {
    let mut problems = Vec::new();
    if j.is_main_pack() {
        let mut content = Content {
            locale: locale.to_owned(),
            ..Content::default()
        };
        let rules = load_file(
            ContentFile::Reporting,
            locale,
            dir,
            &mut content,
            &mut problems,
        );
        loaded.fallback_anchors = content.fallback_anchors;
        loaded.note = content.translations.remove(&ContentFile::Reporting);
        return (rules, problems);
    }
    let rules = load_pack_file(
        j,
        ContentFile::Reporting,
        locale,
        dir,
        &mut problems,
        loaded,
    );
    (rules, problems)
}

fn load_resources_with(
    j: Jurisdiction,
    locale: &str,
    dir: Option<&Path>,
    loaded: &mut Loaded,
) -> (ResourcePack, Vec<Problem>) {
    let mut problems = Vec::new();
    if j.is_main_pack() {
        let mut content = Content {
            locale: locale.to_owned(),
            ..Content::default()
        };
        let mut pack: ResourcePack = load_file(
            ContentFile::Resources,
            locale,
            dir,
            &mut content,
            &mut problems,
        );
        pack.groups
            .retain(|group| !NATIONAL_GROUPS.contains(&group.id.as_str()));
        loaded.fallback_anchors = content.fallback_anchors;
        loaded.note = content.translations.remove(&ContentFile::Resources);
        return (pack, problems);
    }
    let pack = load_pack_file(
        j,
        ContentFile::Resources,
        locale,
        dir,
        &mut problems,
        loaded,
    );
    (pack, problems)
}

/// The reporting rules of `j` in `locale` (English per item where the pack has no translation), from the override
/// pack at `dir` where it has the file, else built in. A pack this build does not have gives empty rules and an
/// error [`Problem`] naming the missing file; never a panic.
pub fn load_rules(
    j: Jurisdiction,
    locale: &str,
    dir: Option<&Path>,
) -> (ReportingRules, Vec<Problem>) {
    load_rules_with(j, locale, dir, &mut Loaded::default())
}

/// The resource groups of `j`'s own (not the national group, which holds everywhere) in `locale`, as
/// [`load_rules`] loads the rules.
pub fn load_resources(
    j: Jurisdiction,
    locale: &str,
    dir: Option<&Path>,
) -> (ResourcePack, Vec<Problem>) {
    load_resources_with(j, locale, dir, &mut Loaded::default())
}

/// Puts `j` in effect in a loaded content pack (which holds Massachusetts, as [`super::load::load`] loads it): its
/// reporting rules replace the pack's, its own resource groups replace Massachusetts' (an institution's directory
/// stays first, the national group stays), and the strings it shows in English are marked as such. Returns the
/// problems found in the jurisdiction's files; Massachusetts leaves the pack as it is.
pub fn apply(content: &mut Content, j: Jurisdiction, dir: Option<&Path>) -> Vec<Problem> {
    if j.is_main_pack() {
        return Vec::new();
    }
    let locale = content.locale.clone();
    let mut rules_loaded = Loaded::default();
    let (rules, mut problems) = load_rules_with(j, &locale, dir, &mut rules_loaded);
    let mut resources_loaded = Loaded::default();
    let (resources, resource_problems) =
        load_resources_with(j, &locale, dir, &mut resources_loaded);
    problems.extend(resource_problems);
    content.reporting = rules;
    match rules_loaded.note {
        Some(note) => content.translations.insert(ContentFile::Reporting, note),
        None => content.translations.remove(&ContentFile::Reporting),
    };
    content
        .fallback_anchors
        .extend(rules_loaded.fallback_anchors);
    content
        .fallback_anchors
        .extend(resources_loaded.fallback_anchors);
    // The pack's own lines for tonight replace Massachusetts'; its provenance is the line under Resources (the
    // national group's entries carry their own sources).
    content.resources.tonight = resources.tonight;
    if resources.provenance.is_some() {
        content.resources.provenance = resources.provenance;
    }
    let groups = std::mem::take(&mut content.resources.groups);
    let (institution, rest): (Vec<_>, Vec<_>) = groups
        .into_iter()
        .partition(|g| g.id == super::institution::GROUP_ID);
    let national = rest
        .into_iter()
        .filter(|g| NATIONAL_GROUPS.contains(&g.id.as_str()));
    content.resources.groups = institution
        .into_iter()
        .chain(resources.groups)
        .chain(national)
        .collect();
    problems
}

/// The pack of `locale` with `j` in effect: [`super::load::load`] and then [`apply`], with the problems of both.
pub fn load_content(j: Jurisdiction, locale: &str, dir: Option<&Path>) -> (Content, Vec<Problem>) {
    let (mut content, mut problems) = super::load::load(locale, dir);
    problems.extend(apply(&mut content, j, dir));
    (content, problems)
}
