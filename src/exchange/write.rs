//! Writing a checked import: the RON and YAML files are edited line by line, so their hand-kept layout (and the
//! review history in them) stays as it is and a diff shows exactly the strings that changed. Every edited text is
//! parsed back and compared with what it must hold before anything is written; each file is then replaced
//! atomically (written beside it, then renamed over it).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::catalog::{Catalog, flatten_yaml};
use super::check::{Change, Plan};
use super::{Dirs, ExchangeError, LineError, UI_GROUP};
use crate::content::ContentFile;
use crate::content::model::Translation;
use crate::content::provenance::{self, fingerprint};

/// What an import did to one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileSummary {
    /// `content/fr/questions.ron`, `locales/fr.yml`.
    pub path: String,
    /// Translations whose text changed.
    pub changed: usize,
    /// Strings that had no translation before.
    pub newly_translated: usize,
    /// Outdated translations confirmed against the new English without a change of text.
    pub brought_up_to_date: usize,
    /// Entries left as they were.
    pub unchanged: usize,
    /// The file's reviewed flag, where the import changed it.
    pub reviewed: Option<bool>,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// The language imported.
    pub locale: String,
    /// What happened to each file.
    pub files: Vec<FileSummary>,
    /// Files written (none when the import changed nothing).
    pub written: Vec<PathBuf>,
    /// The date recorded for the translations the import changed or confirmed (ISO).
    pub date: String,
    /// Why that is not the file's own date, when it is not.
    pub date_note: Option<String>,
}

impl Summary {
    /// Changed translations over all files.
    pub fn changed(&self) -> usize {
        self.files.iter().map(|f| f.changed).sum()
    }
    /// New translations over all files.
    pub fn newly_translated(&self) -> usize {
        self.files.iter().map(|f| f.newly_translated).sum()
    }
    /// Untouched entries over all files.
    pub fn unchanged(&self) -> usize {
        self.files.iter().map(|f| f.unchanged).sum()
    }
    /// Files the import marked reviewed.
    pub fn marked_reviewed(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.reviewed == Some(true))
            .count()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for file in &self.files {
            write!(
                f,
                "{}: {} changed, {} newly translated, {} unchanged",
                file.path, file.changed, file.newly_translated, file.unchanged
            )?;
            if file.brought_up_to_date > 0 {
                write!(
                    f,
                    ", {} outdated brought up to date",
                    file.brought_up_to_date
                )?;
            }
            match file.reviewed {
                Some(true) => write!(f, "; marked reviewed")?,
                Some(false) => write!(f, "; marked not reviewed")?,
                None => {}
            }
            writeln!(f)?;
        }
        if !self.written.is_empty() {
            match &self.date_note {
                Some(note) => writeln!(f, "{note}")?,
                None => writeln!(f, "dated {}", self.date)?,
            }
        }
        writeln!(
            f,
            "{}: {} changed, {} newly translated, {} unchanged, {} file(s) marked reviewed; {} file(s) written",
            self.locale,
            self.changed(),
            self.newly_translated(),
            self.unchanged(),
            self.marked_reviewed(),
            self.written.len()
        )
    }
}

/// A RON string literal.
fn ron_string(text: &str) -> String {
    quoted(text, |code| format!("\\u{{{code:x}}}"))
}

/// A YAML double-quoted scalar.
fn yaml_string(text: &str) -> String {
    quoted(text, |code| format!("\\u{code:04x}"))
}

/// A double-quoted string with the escapes RON and YAML share; the two differ only in how they write any other
/// control character, which `control` spells from its code point.
fn quoted(text: &str, control: impl Fn(u32) -> String) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&control(u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn indent_of(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// The edited text of an existing translation file, or `None` if its layout is not the usual one.
fn edit_ron(
    text: &str,
    updates: &BTreeMap<String, String>,
    reviewed: Option<bool>,
    review_line: Option<&str>,
) -> Option<String> {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with("strings:") && l.trim_end().ends_with('{'))?;
    let end = start
        + lines[start..]
            .iter()
            .position(|l| matches!(l.trim(), "}," | "}"))?;
    let key_of = |line: &str| -> Option<String> {
        let rest = line.trim_start().strip_prefix('"')?;
        Some(rest[..rest.find('"')?].to_owned())
    };
    let key_indent = lines[start + 1..end]
        .first()
        .map(|l| indent_of(l).to_owned())
        .unwrap_or_else(|| format!("{}    ", indent_of(&lines[start])));
    let mut new_lines: Vec<(usize, String)> = Vec::new();
    for (key, value) in updates {
        let entry = format!("{key_indent}\"{key}\": {},\n", ron_string(value));
        match (start + 1..end).find(|n| key_of(&lines[*n]).as_deref() == Some(key.as_str())) {
            Some(n) => lines[n] = entry,
            None => {
                let at = (start + 1..end)
                    .find(|n| key_of(&lines[*n]).is_some_and(|k| k.as_str() > key.as_str()))
                    .unwrap_or(end);
                new_lines.push((at, entry));
            }
        }
    }
    let mut review_insert = None;
    if let Some(review) = review_line {
        let reviews = lines[..start]
            .iter()
            .position(|l| l.trim_start().starts_with("reviews:") && l.trim_end().ends_with('['))?;
        let close = reviews
            + lines[reviews..start]
                .iter()
                .position(|l| l.trim() == "],")?;
        review_insert = Some((close, format!("{}    {review}\n", indent_of(&lines[close]))));
    }
    if let Some(flag) = reviewed {
        let n = lines[..start]
            .iter()
            .position(|l| l.trim_start().starts_with("reviewed:"))?;
        lines[n] = format!("{}reviewed: {flag},\n", indent_of(&lines[n]));
    }
    // Inserted from the bottom up, so earlier positions stay valid.
    new_lines.extend(review_insert);
    new_lines.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    for (at, line) in new_lines {
        lines.insert(at, line);
    }
    Some(lines.concat())
}

/// A new translation file, laid out like the others.
fn new_ron(
    locale: &str,
    strings: &BTreeMap<String, String>,
    plan: &Plan,
    reviewed: bool,
) -> String {
    let year = plan.date.get(..4).unwrap_or("2026");
    let mut out = format!(
        "(\n    reviewed: {reviewed},\n    provenance: Some((\n        source: \"Harbor's English content (content/en), translated into {locale} by {}\",\n        source_year: {year},\n        reviews: [\n            (by: {}, scope: \"translation imported with harbor --import-translation\", date: {}),\n        ],\n    )),\n    strings: {{\n",
        plan.translator.replace(['"', '\\'], ""),
        ron_string(&plan.translator),
        ron_string(&plan.date),
    );
    for (key, value) in strings {
        out.push_str(&format!("        \"{key}\": {},\n", ron_string(value)));
    }
    out.push_str("    },\n)\n");
    out
}

/// The edited UI string file: each changed value replaced on its own line.
fn edit_yaml(text: &str, updates: &BTreeMap<String, String>) -> Result<String, String> {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut found: BTreeMap<String, usize> = BTreeMap::new();
    for (n, line) in lines.iter().enumerate() {
        let content = line.trim_end();
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = content.len() - trimmed.len();
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        let key = key.trim().trim_matches('"').to_owned();
        if value.trim().is_empty() {
            stack.push((indent, key));
        } else {
            let mut path: Vec<&str> = stack.iter().map(|(_, k)| k.as_str()).collect();
            path.push(&key);
            found.insert(path.join("."), n);
        }
    }
    for (path, value) in updates {
        let Some(&n) = found.get(path) else {
            return Err(format!(
                "`{UI_GROUP}:{path}` is not in the UI string file: add the key there first"
            ));
        };
        let line = &lines[n];
        let key = line.trim_start().split_once(':').map_or("", |(k, _)| k);
        let ending = if line.ends_with('\n') { "\n" } else { "" };
        lines[n] = format!("{}{key}: {}{ending}", indent_of(line), yaml_string(value));
    }
    Ok(lines.concat())
}

/// A file to write, and what it must read back as.
struct Pending {
    path: PathBuf,
    text: String,
}

fn write_atomically(path: &Path, text: &str) -> Result<(), ExchangeError> {
    let error = |source| ExchangeError::Write {
        path: path.to_path_buf(),
        source,
    };
    // Translation files are part of the source tree, read by every build: readable by all, written by the owner.
    crate::safe_write::write(path, text.as_bytes(), crate::safe_write::Access::Shared)
        .map_err(error)
}

/// The line in the imported file of the first change of a group, for problems found while editing.
fn first_line(changes: &[&Change]) -> Option<usize> {
    changes.iter().map(|c| c.line).min()
}

/// Edits, checks and writes everything the plan changes.
pub(crate) fn apply(dirs: &Dirs, catalog: &Catalog, plan: &Plan) -> Result<Summary, ExchangeError> {
    let mut summary = Summary {
        locale: catalog.locale.clone(),
        date: plan.date.clone(),
        date_note: plan.date_note.clone(),
        ..Summary::default()
    };
    let mut pending: Vec<Pending> = Vec::new();
    let mut errors: Vec<LineError> = Vec::new();
    let mut sidecar = catalog.provenance.clone();
    let mut touched = false;
    // Each jurisdiction pack's own sidecar, and whether one of its files changed.
    let mut pack_sidecars: BTreeMap<String, (crate::content::provenance::Provenance, bool)> =
        catalog
            .pack_sidecars
            .iter()
            .map(|(code, (provenance, _))| (code.clone(), (provenance.clone(), false)))
            .collect();
    for file in &catalog.files {
        let changes: Vec<&Change> = plan
            .changes
            .iter()
            .filter(|c| c.group == file.group)
            .collect();
        let mut file_summary = FileSummary {
            path: file.path.clone(),
            ..FileSummary::default()
        };
        let mut updates = BTreeMap::new();
        for change in &changes {
            if change.new == change.old {
                if change.was_outdated && change.confirmed {
                    file_summary.brought_up_to_date += 1;
                } else {
                    file_summary.unchanged += 1;
                }
            } else {
                if change.old.is_empty() {
                    file_summary.newly_translated += 1;
                } else {
                    file_summary.changed += 1;
                }
                updates.insert(change.key.clone(), change.new.clone());
            }
        }
        let reviewed = plan
            .reviewed
            .get(&file.group)
            .copied()
            .filter(|flag| *flag != file.reviewed);
        file_summary.reviewed = reviewed;
        if file.group == UI_GROUP {
            if let Some(flag) = reviewed {
                sidecar.ui_reviewed = flag;
            }
            stamp(&mut sidecar.dates, UI_GROUP, updates.keys(), &plan.date);
            if !updates.is_empty() {
                let path = dirs.locales.join(format!("{}.yml", catalog.locale));
                match ui_text(&path, &updates) {
                    Ok(text) => pending.push(Pending { path, text }),
                    Err(message) => errors.push(LineError::new(first_line(&changes), message)),
                }
            }
        } else if let Some((code, content_file)) = super::parse_pack_group(&file.group) {
            let Some((pack_sidecar, pack_touched)) = pack_sidecars.get_mut(code) else {
                continue;
            };
            record(
                pack_sidecar,
                catalog,
                content_file,
                &changes,
                &updates,
                &plan.date,
            );
            if !updates.is_empty() || reviewed.is_some() {
                let path = super::catalog::pack_dir(dirs, code)
                    .join(&catalog.locale)
                    .join(format!("{}.ron", content_file.stem()));
                match content_text(&path, catalog, plan, &updates, reviewed) {
                    Ok(text) => pending.push(Pending { path, text }),
                    Err(message) => errors.push(LineError::new(first_line(&changes), message)),
                }
            }
            *pack_touched |= !updates.is_empty()
                || reviewed.is_some()
                || catalog.pack_sidecars.get(code).is_some_and(|(old, _)| {
                    old.english != pack_sidecar.english || old.dates != pack_sidecar.dates
                });
        } else if let Some(content_file) = ContentFile::from_stem(&file.group) {
            record(
                &mut sidecar,
                catalog,
                content_file,
                &changes,
                &updates,
                &plan.date,
            );
            if !updates.is_empty() || reviewed.is_some() {
                let path = dirs
                    .content
                    .join(&catalog.locale)
                    .join(format!("{}.ron", file.group));
                match content_text(&path, catalog, plan, &updates, reviewed) {
                    Ok(text) => pending.push(Pending { path, text }),
                    Err(message) => errors.push(LineError::new(first_line(&changes), message)),
                }
            }
        }
        // A pack's changes are recorded in the pack's own sidecar, not the locale's.
        if super::parse_pack_group(&file.group).is_none() {
            touched |= !updates.is_empty() || reviewed.is_some();
        }
        summary.files.push(file_summary);
    }
    if !errors.is_empty() {
        return Err(ExchangeError::Invalid(errors));
    }
    touched |=
        sidecar.english != catalog.provenance.english || sidecar.dates != catalog.provenance.dates;
    if touched {
        sidecar.translator = plan.translator.clone();
        sidecar.date = plan.date.clone();
        if sidecar != catalog.provenance || !catalog.has_sidecar {
            pending.push(Pending {
                path: dirs
                    .content
                    .join(&catalog.locale)
                    .join(provenance::FILE_NAME),
                text: sidecar.to_ron(),
            });
        }
    }
    for (code, (mut pack_sidecar, pack_touched)) in pack_sidecars {
        let Some((old, existed)) = catalog.pack_sidecars.get(&code) else {
            continue;
        };
        if pack_touched {
            pack_sidecar.translator = plan.translator.clone();
            pack_sidecar.date = plan.date.clone();
            if pack_sidecar != *old || !existed {
                pending.push(Pending {
                    path: super::catalog::pack_dir(dirs, &code)
                        .join(&catalog.locale)
                        .join(provenance::FILE_NAME),
                    text: pack_sidecar.to_ron(),
                });
            }
        }
    }
    for file in &pending {
        // A pack's first translation of a language has no folder yet.
        if let Some(parent) = file.path.parent()
            && !parent.exists()
        {
            std::fs::create_dir_all(parent).map_err(|source| ExchangeError::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        write_atomically(&file.path, &file.text)?;
        summary.written.push(file.path.clone());
    }
    Ok(summary)
}

/// Records in a sidecar (the locale's or a pack's) the fingerprint of the English each confirmed change of `file` was
/// checked against, and dates with `date` every entry whose text changed (`updates`) or whose fingerprint moved.
/// Every other entry keeps its fingerprint and its date: that is what keeps "outdated" right.
fn record(
    sidecar: &mut provenance::Provenance,
    catalog: &Catalog,
    file: ContentFile,
    changes: &[&Change],
    updates: &BTreeMap<String, String>,
    date: &str,
) {
    let mut dated: Vec<&String> = updates.keys().collect();
    for change in changes.iter().filter(|c| c.confirmed) {
        if let Some(english) = catalog.unit(&change.group, &change.key).map(|u| &u.english) {
            let print = fingerprint(english);
            let entries = sidecar.english.entry(file.stem().to_owned()).or_default();
            if entries.get(&change.key) != Some(&print) {
                entries.insert(change.key.clone(), print);
                dated.push(&change.key);
            }
        }
    }
    stamp(&mut sidecar.dates, file.stem(), dated.into_iter(), date);
}

/// Dates the entries `keys` of `group` with `date`: their text changed, or they were confirmed against new English.
/// Every other entry keeps the day it had.
fn stamp<'a>(
    dates: &mut BTreeMap<String, BTreeMap<String, String>>,
    group: &str,
    keys: impl Iterator<Item = &'a String>,
    date: &str,
) {
    let mut keys = keys.peekable();
    if keys.peek().is_none() {
        return;
    }
    let entries = dates.entry(group.to_owned()).or_default();
    for key in keys {
        entries.insert(key.clone(), date.to_owned());
    }
}

/// The new text of `locales/<locale>.yml`, checked by reading it back.
fn ui_text(path: &Path, updates: &BTreeMap<String, String>) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))?;
    let edited = edit_yaml(&text, updates)?;
    let mut expected: BTreeMap<String, String> = flatten_yaml(&text)
        .map_err(|err| format!("{}: {err}", path.display()))?
        .into_iter()
        .collect();
    for (key, value) in updates {
        expected.insert(key.clone(), value.clone());
    }
    let read_back: BTreeMap<String, String> = flatten_yaml(&edited)
        .map_err(|err| format!("the new text would break {}: {err}", path.display()))?
        .into_iter()
        .collect();
    if read_back != expected {
        return Err(format!(
            "{} could not be edited safely (its layout is unusual): nothing was written",
            path.display()
        ));
    }
    Ok(edited)
}

/// The new text of `content/<locale>/<file>.ron`, checked by reading it back.
fn content_text(
    path: &Path,
    catalog: &Catalog,
    plan: &Plan,
    updates: &BTreeMap<String, String>,
    reviewed: Option<bool>,
) -> Result<String, String> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(format!("{}: {err}", path.display())),
    };
    let current: Translation = match &existing {
        Some(text) => ron::from_str(text).map_err(|err| format!("{}: {err}", path.display()))?,
        None => Translation::default(),
    };
    let mut expected = current.clone();
    expected
        .strings
        .extend(updates.iter().map(|(k, v)| (k.clone(), v.clone())));
    if let Some(flag) = reviewed {
        expected.reviewed = flag;
    }
    let review = (reviewed == Some(true)).then(|| {
        format!(
            "(by: {}, scope: \"professional medical translation review, imported with harbor --import-translation\", date: {}),",
            ron_string(&plan.translator),
            ron_string(&plan.date)
        )
    });
    let edited = match &existing {
        Some(text) => edit_ron(text, updates, reviewed, review.as_deref()).ok_or_else(|| {
            format!(
                "{} could not be edited safely (its layout is unusual): nothing was written",
                path.display()
            )
        })?,
        None => new_ron(&catalog.locale, &expected.strings, plan, expected.reviewed),
    };
    let read_back: Translation = ron::from_str(&edited)
        .map_err(|err| format!("the new text would break {}: {err}", path.display()))?;
    if read_back.strings != expected.strings || read_back.reviewed != expected.reviewed {
        return Err(format!(
            "{} could not be edited safely (its layout is unusual): nothing was written",
            path.display()
        ));
    }
    Ok(edited)
}
