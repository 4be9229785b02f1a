//! The institution pack: a hospital's own referral directory (its child-protection office, DV programme, SANE
//! programme, interpreter service, response team), kept in `institution.ron` in a folder that policy or
//! `--institution DIR` names. IT makes it from a spreadsheet with `harbor --import-directory contacts.csv --out DIR`.
//!
//! In the app the directory becomes the first resource group, "Your institution", so the Resources view, search and
//! the patient-language card treat its entries as they treat every other resource.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::{Contact, ContactKind, Resource, ResourceGroup, SourceRef};
use super::source::{Problem, Severity};

/// The pack's one file.
pub(crate) const FILE_NAME: &str = "institution.ron";
/// The id of the resource group the directory becomes (also its search anchor).
pub(crate) const GROUP_ID: &str = "institution";

/// `institution.ron`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InstitutionPack {
    /// Where the directory came from (the spreadsheet's file name), shown under the heading.
    #[serde(default)]
    pub imported_from: Option<String>,
    /// The entries, in the spreadsheet's order (the order IT chose).
    pub contacts: Vec<InstitutionContact>,
}

/// One entry of the directory. Texts are the institution's own and are shown as written, in every language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstitutionContact {
    pub(crate) id: String,
    /// Service or person to call, as the institution writes it.
    pub name: String,
    /// Number as written in the spreadsheet; shown and copied as is.
    pub phone: String,
    #[serde(default)]
    pub(crate) category: Option<String>,
    #[serde(default)]
    pub(crate) hours: Option<String>,
    /// Languages the service offers, if the spreadsheet says.
    #[serde(default)]
    pub languages: Option<String>,
    #[serde(default)]
    pub(crate) notes: Option<String>,
    /// Shown as text only: Harbor opens no browser.
    #[serde(default)]
    pub website: Option<String>,
}

/// The spreadsheet's columns: the first two are required.
pub const COLUMNS: [&str; 7] = [
    "name",
    "phone",
    "category",
    "hours",
    "languages",
    "notes",
    "website",
];

/// A reason the import or the pack is not usable, with the line it is on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct RowError {
    pub(crate) file: String,
    /// Line in the file, counting the header as line 1.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Why `--import-directory` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The spreadsheet could not be read.
    #[error("could not read {}: {source}", path.display())]
    Read {
        /// The spreadsheet given.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// Rows that cannot be used, each with its line; nothing was written.
    #[error("{} problem(s) in the spreadsheet; nothing was written", .0.len())]
    Rows(Vec<RowError>),
    /// The spreadsheet is larger than [`crate::limits::MAX_INSTITUTION_FILE_BYTES`]; it was not read.
    #[error(
        "{} is larger than {}, Harbor's limit for a directory spreadsheet (10,000 contacts fit in about 3 MB); nothing was written",
        path.display(),
        crate::limits::size_text(crate::limits::MAX_INSTITUTION_FILE_BYTES)
    )]
    TooLarge {
        /// The spreadsheet given.
        path: PathBuf,
    },
    /// The pack could not be written.
    #[error("could not write {}: {source}", path.display())]
    Write {
        /// The file being written.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
}

/// A phone number as people write them in a directory: digits with spaces, `+ - ( ) .`, and an optional
/// extension (`x123`, `ext. 123`). Internal extensions (`4-5555`) and short codes are allowed.
pub fn is_plausible_phone(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    let (main, extension) = match lower.find(" ext").or_else(|| lower.find(" x")) {
        Some(at) => (&lower[..at], Some(&lower[at..])),
        None => (lower.as_str(), None),
    };
    let main_ok = main
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        && (3..=15).contains(&main.chars().filter(char::is_ascii_digit).count())
        && !main[1..].contains('+');
    let extension_ok = extension.is_none_or(|ext| {
        let digits = ext.trim_start_matches([' ', 'e', 'x', 't', '.', ':']);
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
    });
    main_ok && extension_ok
}

/// Turns a spreadsheet (UTF-8 CSV with a header row) into a pack; every bad row is reported with its line.
pub fn parse_csv(bytes: &[u8], file: &str) -> Result<InstitutionPack, Vec<RowError>> {
    let error = |line: usize, message: String| RowError {
        file: file.to_owned(),
        line,
        message,
    };
    // Spreadsheet programs write a byte-order mark before the header.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut errors = Vec::new();
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(err)) => return Err(vec![csv_error(file, &err)]),
        None => {
            return Err(vec![error(
                1,
                "the file is empty; it needs a header row".into(),
            )]);
        }
    };
    let mut columns: Vec<Option<usize>> = Vec::new();
    for (index, name) in header.iter().enumerate() {
        let name = name.trim().to_ascii_lowercase();
        match COLUMNS.iter().position(|c| *c == name) {
            Some(column) if columns.contains(&Some(column)) => {
                errors.push(error(1, format!("column `{name}` appears twice")));
            }
            Some(column) => columns.push(Some(column)),
            None if name.is_empty() => columns.push(None),
            None => {
                errors.push(error(
                    1,
                    format!(
                        "unknown column `{name}` (column {}); the columns are: {}",
                        index + 1,
                        COLUMNS.join(", ")
                    ),
                ));
                columns.push(None);
            }
        }
    }
    for required in ["name", "phone"] {
        let index = COLUMNS.iter().position(|c| *c == required);
        if !columns.contains(&index) {
            errors.push(error(1, format!("the header has no `{required}` column")));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut contacts = Vec::new();
    // An odd number of quotes: the last one opened a value that never closes, and the reader took the rest of the
    // file into it.
    let unterminated = bytes.iter().filter(|b| **b == b'"').count() % 2 == 1;
    let mut rows = 0;
    let mut records = records.peekable();
    while let Some(record) = records.next() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                errors.push(csv_error(file, &err));
                continue;
            }
        };
        let line = record
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
        if unterminated && records.peek().is_none() {
            errors.push(error(
                line,
                "a quote (\") opened in this row is never closed, so the rest of the file was read as one value: close it or remove it".into(),
            ));
            continue;
        }
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        rows += 1;
        if rows > crate::limits::MAX_CONTACTS {
            errors.push(error(
                line,
                format!(
                    "more than {} contacts; that is Harbor's limit for one directory (a large hospital's has a few hundred): split it or remove rows; nothing was written",
                    crate::limits::MAX_CONTACTS
                ),
            ));
            break;
        }
        if record.len() > columns.len() {
            errors.push(error(
                line,
                format!(
                    "{} fields, but the header has {} columns (a comma inside a value needs \"quotes\")",
                    record.len(),
                    columns.len()
                ),
            ));
            continue;
        }
        let mut fields: [Option<String>; 7] = Default::default();
        let mut row_ok = true;
        for (value, column) in record.iter().zip(&columns) {
            let value = value.trim();
            if let Some(column) = column
                && !value.is_empty()
            {
                if let Some(problem) = cell_problem(value) {
                    errors.push(error(line, format!("`{}` {problem}", COLUMNS[*column])));
                    row_ok = false;
                    continue;
                }
                fields[*column] = Some(value.to_owned());
            }
        }
        if !row_ok {
            continue;
        }
        let [name, phone, category, hours, languages, notes, website] = fields;
        if name.is_none() {
            errors.push(error(line, "`name` is empty".into()));
            row_ok = false;
        }
        match &phone {
            None => {
                errors.push(error(line, "`phone` is empty".into()));
                row_ok = false;
            }
            Some(phone) if !is_plausible_phone(phone) => {
                errors.push(error(
                    line,
                    format!(
                        "`{phone}` is not a phone number (digits with spaces, + - ( ) . and an optional extension such as x123)"
                    ),
                ));
                row_ok = false;
            }
            Some(_) => {}
        }
        if let (true, Some(name), Some(phone)) = (row_ok, name, phone) {
            contacts.push(InstitutionContact {
                id: format!("institution-{}", contacts.len() + 1),
                name,
                phone,
                category,
                hours,
                languages,
                notes,
                website,
            });
        }
    }
    if contacts.is_empty() && errors.is_empty() {
        errors.push(error(
            2,
            "no contacts: add one row per contact under the header".into(),
        ));
    }
    if errors.is_empty() {
        Ok(InstitutionPack {
            imported_from: Path::new(file)
                .file_name()
                .map(|name| name.to_string_lossy().into_owned()),
            contacts,
        })
    } else {
        Err(errors)
    }
}

/// Whether `c` changes how the text around it is shown without being seen itself: control characters (NUL…),
/// bidirectional controls (which can make "0010-555-716" inside a name show as another number) and zero-width
/// characters.
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{061C}'
                | '\u{FEFF}'
                | '\u{00AD}'
        )
}

/// What is wrong with one value of the directory, if anything: too long, or an invisible character.
fn cell_problem(value: &str) -> Option<String> {
    let length = value.chars().count();
    if length > crate::limits::MAX_CELL_CHARS {
        return Some(format!(
            "is {length} characters long; Harbor's limit is {} per value",
            crate::limits::MAX_CELL_CHARS
        ));
    }
    value.chars().find(|c| is_invisible(*c)).map(|c| {
        format!(
            "contains the invisible character U+{:04X}, which can make the text show differently from what it is: remove it",
            u32::from(c)
        )
    })
}

fn csv_error(file: &str, err: &csv::Error) -> RowError {
    let line = err
        .position()
        .map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
    let message = match err.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "the row is not UTF-8 text; save the spreadsheet as \"CSV UTF-8\"".to_owned()
        }
        _ => format!("unreadable row: {err}"),
    };
    RowError {
        file: file.to_owned(),
        line,
        message,
    }
}

/// The pack as RON, as written to `institution.ron`.
pub(crate) fn to_ron(pack: &InstitutionPack) -> Result<String, ron::Error> {
    ron::ser::to_string_pretty(pack, ron::ser::PrettyConfig::default())
}

/// `--import-directory CSV --out DIR`: reads and checks the whole spreadsheet, then writes `DIR/institution.ron`
/// atomically. On any problem nothing is written.
pub fn import(csv_path: &Path, out_dir: &Path) -> Result<(PathBuf, usize), ImportError> {
    let bytes = crate::limits::read_bounded(csv_path, crate::limits::MAX_INSTITUTION_FILE_BYTES)
        .map_err(|err| match err {
            crate::limits::ReadError::Io(source) => ImportError::Read {
                path: csv_path.to_path_buf(),
                source,
            },
            crate::limits::ReadError::TooLarge { .. } => ImportError::TooLarge {
                path: csv_path.to_path_buf(),
            },
        })?;
    let pack = parse_csv(&bytes, &csv_path.display().to_string()).map_err(ImportError::Rows)?;
    let target = out_dir.join(FILE_NAME);
    let write_error = |source| ImportError::Write {
        path: target.clone(),
        source,
    };
    let text = to_ron(&pack).map_err(|err| write_error(std::io::Error::other(err)))?;
    // An exclusive temporary file with a random name beside the target, renamed over it: a reader never sees half
    // a file, and a link planted in the folder is never written through. Every user of the computer reads it.
    crate::safe_write::write(&target, text.as_bytes(), crate::safe_write::Access::Shared)
        .map_err(write_error)?;
    Ok((target, pack.contacts.len()))
}

/// Reads and checks `DIR/institution.ron`.
pub fn load(dir: &Path) -> Result<InstitutionPack, Vec<Problem>> {
    let path = dir.join(FILE_NAME);
    let problem = |line: Option<usize>, message: String| Problem {
        severity: Severity::Error,
        file: path.display().to_string(),
        item: None,
        line,
        message,
    };
    let text = crate::limits::read_text_bounded(&path, crate::limits::MAX_INSTITUTION_FILE_BYTES)
        .map_err(|err| {
        vec![problem(
            None,
            format!("the institution pack could not be read: {err}"),
        )]
    })?;
    let pack: InstitutionPack = ron::from_str(&text)
        .map_err(|err| vec![problem(Some(err.span.start.line), err.code.to_string())])?;
    let problems = check(&pack, &path.display().to_string(), &text);
    if problems.iter().any(|p| p.severity == Severity::Error) {
        Err(problems)
    } else {
        Ok(pack)
    }
}

/// The checks `--check-content` runs on a pack: names and phones present and plausible, ids unique.
fn check(pack: &InstitutionPack, file: &str, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // Each id's first line, looked up once per contact: linear in the pack.
    let mut lines = std::collections::HashMap::new();
    for (id, line) in super::source::ids_with_lines(text) {
        lines.entry(id).or_insert(line);
    }
    if pack.contacts.len() > crate::limits::MAX_CONTACTS {
        problems.push(Problem {
            severity: Severity::Error,
            file: file.to_owned(),
            item: None,
            line: None,
            message: format!(
                "{} contacts; Harbor's limit is {} per institution pack",
                pack.contacts.len(),
                crate::limits::MAX_CONTACTS
            ),
        });
        return problems;
    }
    for contact in &pack.contacts {
        let line = lines.get(&contact.id).copied();
        let mut push = |message: String| {
            problems.push(Problem {
                severity: Severity::Error,
                file: file.to_owned(),
                item: Some(contact.id.clone()),
                line,
                message,
            });
        };
        if !seen.insert(contact.id.as_str()) {
            push(format!("duplicate id `{}`", contact.id));
        }
        if contact.name.trim().is_empty() {
            push("the name is empty".into());
        }
        if !is_plausible_phone(&contact.phone) {
            push(format!("`{}` is not a phone number", contact.phone));
        }
        for (column, value) in [
            ("name", Some(&contact.name)),
            ("phone", Some(&contact.phone)),
            ("category", contact.category.as_ref()),
            ("hours", contact.hours.as_ref()),
            ("languages", contact.languages.as_ref()),
            ("notes", contact.notes.as_ref()),
            ("website", contact.website.as_ref()),
        ] {
            if let Some(problem) = value.and_then(|v| cell_problem(v)) {
                push(format!("`{column}` {problem}"));
            }
        }
    }
    if pack.contacts.is_empty() {
        problems.push(Problem {
            severity: Severity::Warning,
            file: file.to_owned(),
            item: None,
            line: None,
            message: "the institution pack has no contacts".into(),
        });
    }
    problems
}

/// A folder holding only an institution pack (no content pack's `en/`), which `--check-content` checks alone.
pub(crate) fn is_standalone_pack(dir: &Path) -> bool {
    dir.join(FILE_NAME).is_file() && !dir.join("en").exists()
}

/// `--check-content` on a folder with an `institution.ron`: its problems (none when the folder has no such file).
pub(crate) fn validate_dir(dir: &Path) -> Vec<Problem> {
    if !dir.join(FILE_NAME).exists() {
        return Vec::new();
    }
    match load(dir) {
        Ok(pack) => check(&pack, &dir.join(FILE_NAME).display().to_string(), ""),
        Err(problems) => problems,
    }
}

impl InstitutionPack {
    /// The directory as the first resource group, titled in the reader's language.
    pub(crate) fn to_resource_group(&self, title: &str) -> ResourceGroup {
        let source = SourceRef(
            self.imported_from
                .clone()
                .unwrap_or_else(|| FILE_NAME.to_owned()),
        );
        ResourceGroup {
            id: GROUP_ID.to_owned(),
            title: title.to_owned(),
            resources: self
                .contacts
                .iter()
                .map(|contact| {
                    let description = [contact.category.as_deref(), contact.notes.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" — ");
                    Resource {
                        id: contact.id.clone(),
                        name: contact.name.clone(),
                        current_name: None,
                        description,
                        source: source.clone(),
                        contacts: vec![Contact {
                            id: format!("{}-phone", contact.id),
                            kind: ContactKind::Phone,
                            label: contact
                                .category
                                .clone()
                                .unwrap_or_else(|| contact.name.clone()),
                            number: contact.phone.clone(),
                            hours: contact.hours.clone(),
                        }],
                        website: contact.website.clone(),
                        languages: contact.languages.clone(),
                        updates: Vec::new(),
                    }
                })
                .collect(),
        }
    }
}

/// Puts the directory first among a content pack's resources (replacing a previous copy).
pub fn merge_into(content: &mut super::Content, pack: &InstitutionPack, title: &str) {
    content
        .resources
        .groups
        .retain(|group| group.id != GROUP_ID);
    content
        .resources
        .groups
        .insert(0, pack.to_resource_group(title));
}
