//! Managed policy: settings an institution's IT department fixes for every user of a machine, read from the
//! platform's own place (Group Policy registry keys on Windows, managed preferences on macOS, `/etc/harbor/policy.json`
//! on Linux; `HARBOR_POLICY=FILE` instead, for tests and trials). Harbor only ever reads policy.
//!
//! Each reader turns its format into [`RawSource`]s (names and untyped values); [`Policy::from_sources`] checks
//! them against the one [`schema`] and merges them by precedence. A malformed policy is never ignored: the problem
//! is reported, and every key it did not set validly takes its strictest value.

pub mod expand;
pub mod json;
pub mod managed_prefs;
pub mod registry;
pub(crate) mod schema;
pub mod templates;

use std::fmt;
use std::path::{Path, PathBuf};

pub use schema::{KEYS, Key, Kind, Strictest};

/// A value as a format carries it, before checking against the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Raw {
    Bool(bool),
    Int(i64),
    Text(String),
    List(Vec<String>),
}

/// A checked value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// An on/off key.
    Bool(bool),
    /// A time limit in minutes.
    Minutes(u32),
    /// One of Harbor's language codes.
    Language(String),
    /// A list of language codes.
    Languages(Vec<String>),
    /// An absolute folder path.
    Folder(PathBuf),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bool(true) => f.write_str("true"),
            Self::Bool(false) => f.write_str("false"),
            Self::Minutes(minutes) => write!(f, "{minutes}"),
            Self::Language(code) => f.write_str(code),
            Self::Languages(codes) => f.write_str(&codes.join(", ")),
            Self::Folder(path) => write!(f, "{}", path.display()),
        }
    }
}

/// Where a policy value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A policy file: `/etc/harbor/policy.json`, or the file `HARBOR_POLICY` names.
    File(PathBuf),
    /// A registry key, e.g. `HKLM\SOFTWARE\Policies\Harbor`.
    Registry(String),
    /// A macOS managed-preferences file.
    ManagedPreferences(PathBuf),
    /// The policy was malformed, so this key took its strictest value.
    Strictest,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File(path) | Self::ManagedPreferences(path) => write!(f, "{}", path.display()),
            Self::Registry(key) => f.write_str(key),
            Self::Strictest => f.write_str("strictest default (the policy is malformed)"),
        }
    }
}

/// One policy source's values, in precedence order within a [`Policy`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawSource {
    pub(crate) origin: Origin,
    /// Name, value and (for JSON) the 1-based line it is on.
    pub(crate) values: Vec<(String, Raw, Option<usize>)>,
}

/// How serious a policy problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// A key this version does not know: reported, then skipped (a newer template may be deployed).
    Warning,
    /// The policy cannot be applied as written: the strictest values apply.
    Error,
}

/// A problem with the policy, naming the place (and line, for JSON).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyProblem {
    /// Whether the rest of the policy still applies.
    pub severity: Severity,
    /// File path or registry key.
    pub place: String,
    /// Line in a JSON file, when known.
    pub line: Option<usize>,
    /// What is wrong, for the administrator.
    pub message: String,
}

impl fmt::Display for PolicyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{severity}: {}", self.place)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for PolicyProblem {}

impl PolicyProblem {
    pub(crate) fn error(
        place: impl fmt::Display,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Error,
            place: place.to_string(),
            line,
            message: message.into(),
        }
    }
}

/// A key set by policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub(crate) key: Key,
    /// The checked value in effect.
    pub value: Value,
    /// Where it was set (file, registry hive, managed preferences), shown by `--show-policy`.
    pub origin: Origin,
}

/// The policy in effect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    entries: Vec<Entry>,
    problems: Vec<PolicyProblem>,
    /// Places that were read (for `--show-policy`).
    places: Vec<String>,
}

impl Policy {
    /// No policy: every preference is the user's.
    pub fn none() -> Self {
        Self::default()
    }

    /// The policy of this machine: the file `HARBOR_POLICY` names, else the platform's place.
    pub fn from_environment() -> Self {
        match std::env::var_os("HARBOR_POLICY") {
            Some(file) if !file.is_empty() => Self::from_sources(vec![read_file(Path::new(&file))]),
            _ => Self::from_sources(platform::read()),
        }
    }

    /// Checks and merges sources; earlier sources win key by key (HKLM before HKCU, computer before user).
    pub fn from_sources(sources: Vec<Result<Vec<RawSource>, PolicyProblem>>) -> Self {
        let mut policy = Self::default();
        for source in sources {
            let raw_sources = match source {
                Ok(raw_sources) => raw_sources,
                Err(problem) => {
                    policy.places.push(problem.place.clone());
                    policy.problems.push(problem);
                    continue;
                }
            };
            for raw in raw_sources {
                policy.places.push(raw.origin.to_string());
                let raw = expand::expand_folders(raw, &mut policy.problems);
                policy.add(raw);
            }
        }
        policy.check_languages();
        if policy.is_malformed() {
            for spec in &KEYS {
                if policy.entry(spec.key).is_some() {
                    continue;
                }
                let value = match spec.strictest {
                    Strictest::Bool(value) => Value::Bool(value),
                    Strictest::Minutes(minutes) => Value::Minutes(minutes),
                    Strictest::Unset => continue,
                };
                policy.entries.push(Entry {
                    key: spec.key,
                    value,
                    origin: Origin::Strictest,
                });
            }
        }
        policy.entries.sort_by_key(|entry| entry.key);
        policy
    }

    fn add(&mut self, raw: RawSource) {
        let place = raw.origin.to_string();
        for (name, value, line) in raw.values {
            let Some(key) = Key::from_name(&name) else {
                self.problems.push(PolicyProblem {
                    severity: Severity::Warning,
                    place: place.clone(),
                    line,
                    message: format!(
                        "`{name}` is not a Harbor policy key (known keys: {}); it was skipped",
                        KEYS.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
                    ),
                });
                continue;
            };
            match check(key, value) {
                Ok(value) => {
                    if self.entry(key).is_none() {
                        self.entries.push(Entry {
                            key,
                            value,
                            origin: raw.origin.clone(),
                        });
                    }
                }
                Err(message) => self.problems.push(PolicyProblem::error(
                    &place,
                    line,
                    format!("{}: {message}", key.name()),
                )),
            }
        }
    }

    /// A default language outside the allowed ones is a contradiction IT must resolve.
    fn check_languages(&mut self) {
        let (Some(default), Some(allowed)) = (
            self.entry(Key::DefaultLanguage),
            self.entry(Key::AllowedLanguages),
        ) else {
            return;
        };
        if let (Value::Language(code), Value::Languages(codes)) = (&default.value, &allowed.value)
            && !codes.contains(code)
        {
            let problem = PolicyProblem::error(
                &default.origin,
                None,
                format!(
                    "DefaultLanguage `{code}` is not one of AllowedLanguages ({})",
                    codes.join(", ")
                ),
            );
            self.problems.push(problem);
            self.entries
                .retain(|entry| entry.key != Key::DefaultLanguage);
        }
    }

    /// The entry for `key`, when policy sets it.
    pub fn entry(&self, key: Key) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.key == key)
    }

    /// Every key policy sets, in schema order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Problems found while reading, errors and warnings.
    pub fn problems(&self) -> &[PolicyProblem] {
        &self.problems
    }

    /// Whether a problem made the strictest defaults apply.
    pub fn is_malformed(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    fn bool(&self, key: Key, unset: bool) -> bool {
        match self.entry(key).map(|e| &e.value) {
            Some(Value::Bool(value)) => *value,
            _ => unset,
        }
    }

    fn folder(&self, key: Key) -> Option<&Path> {
        match self.entry(key).map(|e| &e.value) {
            Some(Value::Folder(path)) => Some(path),
            _ => None,
        }
    }

    /// The interface languages users may choose; `None` for all.
    pub fn allowed_languages(&self) -> Option<&[String]> {
        match self.entry(Key::AllowedLanguages).map(|e| &e.value) {
            Some(Value::Languages(codes)) => Some(codes),
            _ => None,
        }
    }

    /// Whether users may choose the interface language `code`.
    pub fn allows_language(&self, code: &str) -> bool {
        self.allowed_languages()
            .is_none_or(|codes| codes.iter().any(|c| c == code))
    }

    /// The language a first run starts in, if IT chose one.
    pub fn default_language(&self) -> Option<&str> {
        match self.entry(Key::DefaultLanguage).map(|e| &e.value) {
            Some(Value::Language(code)) => Some(code),
            _ => None,
        }
    }

    /// The longest auto-lock time users may choose, if limited.
    pub fn auto_lock_max_minutes(&self) -> Option<u32> {
        match self.entry(Key::AutoLockMaxMinutes).map(|e| &e.value) {
            Some(Value::Minutes(minutes)) => Some(*minutes),
            _ => None,
        }
    }

    /// Whether the case-notes vault is offered at all.
    pub fn vault_enabled(&self) -> bool {
        self.bool(Key::VaultEnabled, true)
    }

    /// Whether the safety plan may be exported as a PDF.
    pub fn pdf_export_enabled(&self) -> bool {
        self.bool(Key::PdfExportEnabled, true)
    }

    /// Whether a new vault must be created with a recovery key.
    pub fn recovery_key_required(&self) -> bool {
        self.bool(Key::RecoveryKeyRequired, false)
    }

    /// Screen-capture protection as the institution fixed it, on or off; `None` leaves the Settings switch to the
    /// user (where it is on by default).
    pub fn screen_capture_protection(&self) -> Option<bool> {
        match self.entry(Key::ScreenCaptureProtection).map(|e| &e.value) {
            Some(Value::Bool(value)) => Some(*value),
            _ => None,
        }
    }

    /// Where the vault must live, overriding `--data-dir`.
    pub fn data_directory(&self) -> Option<&Path> {
        self.folder(Key::DataDirectory)
    }

    /// The institution pack to load, overriding `--institution`.
    pub fn institution_pack(&self) -> Option<&Path> {
        self.folder(Key::InstitutionPack)
    }

    /// The `--show-policy` text: where policy was read, each key with its value and origin, then any problems.
    pub fn report(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::from("Harbor policy\n");
        if self.places.is_empty() {
            out.push_str("No policy found: every setting is the user's.\n");
        } else {
            for place in &self.places {
                let _ = writeln!(out, "Read: {place}");
            }
        }
        out.push('\n');
        let width = KEYS.iter().map(|k| k.name.len()).max().unwrap_or(0);
        for spec in &KEYS {
            match self.entry(spec.key) {
                Some(entry) => {
                    let _ = writeln!(
                        out,
                        "{:width$}  {}  (from {})",
                        spec.name, entry.value, entry.origin
                    );
                }
                None => {
                    let _ = writeln!(out, "{:width$}  not set", spec.name);
                }
            }
        }
        if !self.problems.is_empty() {
            out.push('\n');
            for problem in &self.problems {
                let _ = writeln!(out, "{problem}");
            }
        }
        if self.is_malformed() {
            out.push_str(
                "\nThe policy is malformed: keys it does not set validly take their strictest values until it is fixed.\n",
            );
        }
        out
    }
}

/// Checks a raw value against the key's kind; the message says what is expected.
fn check(key: Key, raw: Raw) -> Result<Value, String> {
    let spec = key.spec();
    match spec.kind {
        Kind::Bool => match raw {
            Raw::Bool(value) => Ok(Value::Bool(value)),
            // The registry and ADMX carry booleans as DWORD 1/0.
            Raw::Int(1) => Ok(Value::Bool(true)),
            Raw::Int(0) => Ok(Value::Bool(false)),
            other => Err(format!(
                "expected true or false (1 or 0), found {}",
                describe(&other)
            )),
        },
        Kind::Minutes { min, max } => {
            let number = match &raw {
                Raw::Int(number) => Some(*number),
                Raw::Text(text) => text.trim().parse::<i64>().ok(),
                _ => None,
            };
            match number {
                Some(n) if (i64::from(min)..=i64::from(max)).contains(&n) => {
                    Ok(Value::Minutes(u32::try_from(n).unwrap_or(max)))
                }
                _ => Err(format!(
                    "expected a whole number of minutes from {min} to {max}, found {}",
                    describe(&raw)
                )),
            }
        }
        Kind::Language => match raw {
            Raw::Text(code) => language_code(&code).map(Value::Language),
            other => Err(format!(
                "expected a language code, found {}",
                describe(&other)
            )),
        },
        Kind::Languages => {
            let codes: Vec<String> = match raw {
                Raw::List(codes) => codes,
                // A registry text value: "en, es, pt-BR".
                Raw::Text(text) => text
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect(),
                other => {
                    return Err(format!(
                        "expected a list of language codes, found {}",
                        describe(&other)
                    ));
                }
            };
            if codes.is_empty() {
                return Err(
                    "the list of languages is empty; leave the key out to allow all".into(),
                );
            }
            let mut checked = Vec::new();
            for code in codes {
                let code = language_code(&code)?;
                if !checked.contains(&code) {
                    checked.push(code);
                }
            }
            Ok(Value::Languages(checked))
        }
        Kind::Folder => match raw {
            Raw::Text(text) => {
                let path = PathBuf::from(text.trim());
                if is_absolute(&path) {
                    Ok(Value::Folder(path))
                } else {
                    Err(format!(
                        "expected an absolute folder path, found \"{}\"",
                        path.display()
                    ))
                }
            }
            other => Err(format!(
                "expected a folder path, found {}",
                describe(&other)
            )),
        },
    }
}

/// Absolute on this platform, or a Windows drive or UNC path (policy files are checked on any machine).
fn is_absolute(path: &Path) -> bool {
    let text = path.to_string_lossy();
    let bytes = text.as_bytes();
    path.is_absolute()
        || text.starts_with('/')
        || text.starts_with(r"\\")
        || (bytes.len() >= 3
            && bytes[0].is_ascii_alphabetic()
            && bytes[1] == b':'
            && (bytes[2] == b'\\' || bytes[2] == b'/'))
}

fn language_code(code: &str) -> Result<String, String> {
    crate::i18n::LANGUAGES
        .iter()
        .find(|l| l.code.eq_ignore_ascii_case(code.trim()))
        .map(|l| l.code.to_owned())
        .ok_or_else(|| {
            format!(
                "`{code}` is not a Harbor language code (use {})",
                crate::i18n::LANGUAGES
                    .iter()
                    .map(|l| l.code)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
}

fn describe(raw: &Raw) -> String {
    match raw {
        Raw::Bool(value) => format!("{value}"),
        Raw::Int(value) => format!("{value}"),
        Raw::Text(text) => format!("\"{text}\""),
        Raw::List(items) => format!("a list ({})", items.join(", ")),
    }
}

/// Reads a policy file named explicitly, choosing the reader by extension.
pub fn read_file(path: &Path) -> Result<Vec<RawSource>, PolicyProblem> {
    let bytes = std::fs::read(path).map_err(|err| {
        PolicyProblem::error(
            path.display(),
            None,
            format!("the policy file could not be read: {err}"),
        )
    })?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "reg" => registry::parse_export(&bytes, path),
        "plist" => managed_prefs::parse(&bytes, path).map(|s| vec![s]),
        "mobileconfig" => managed_prefs::parse_profile(&bytes, path).map(|s| vec![s]),
        _ => json::parse(&bytes, path).map(|s| vec![s]),
    }
}

#[cfg(windows)]
mod platform {
    pub(crate) fn read() -> Vec<Result<Vec<super::RawSource>, super::PolicyProblem>> {
        super::registry::read_machine_then_user()
    }
}

#[cfg(target_os = "macos")]
mod platform {
    pub(crate) fn read() -> Vec<Result<Vec<super::RawSource>, super::PolicyProblem>> {
        super::managed_prefs::read_computer_then_user()
    }
}

#[cfg(not(any(windows, target_os = "macos")))]
mod platform {
    use std::path::Path;

    pub(crate) fn read() -> Vec<Result<Vec<super::RawSource>, super::PolicyProblem>> {
        let path = Path::new(super::schema::LINUX_POLICY_FILE);
        if path.exists() {
            vec![super::read_file(path)]
        } else {
            Vec::new()
        }
    }
}
