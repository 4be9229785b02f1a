//! Managed policy: settings an institution's IT department fixes for every user of a machine, read from the
//! platform's own place (Group Policy registry keys on Windows, managed preferences on macOS, `/etc/harbor/policy.json`
//! on Linux). Harbor only ever reads policy.
//!
//! Precedence: the machine's policy (HKLM, the computer's managed preferences, `/etc/harbor/policy.json`) always
//! applies. A user-level source (HKCU, the user's managed preferences, a `HARBOR_POLICY=FILE` for trials) may only
//! add keys the machine leaves unset or make a value stricter; anything weaker is refused and listed.
//!
//! Each reader turns its format into [`RawSource`]s (names and untyped values); [`Policy::from_sources`] checks
//! them against the one [`schema`] and merges them by precedence ([`merge`]). A malformed policy is never ignored:
//! the problem is reported, and every key it did not set validly takes its strictest value.

pub mod expand;
pub mod json;
pub mod managed_prefs;
mod merge;
pub mod registry;
pub(crate) mod schema;
pub mod templates;

use std::fmt;
use std::path::{Path, PathBuf};

pub use merge::Refusal;
pub use schema::{KEYS, Key, Kind, Strictest};

/// The largest policy file read (4 MiB). A real policy is under 1 KB; a bigger file is refused with this size in
/// the message, before it is parsed.
pub const MAX_POLICY_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// At most this many problems are listed per source; the rest are counted.
pub const MAX_PROBLEMS_PER_SOURCE: usize = 50;

/// The name of the variable that names a user-level policy file (for trials): it can only add or tighten.
pub const USER_POLICY_VARIABLE: &str = "HARBOR_POLICY";

/// Test builds only (the `test-policy` feature, which the crate's dev-dependency on itself turns on): the file
/// that stands in for the machine's policy. Without it a test build reads no machine policy at all.
#[cfg(feature = "test-policy")]
pub const TEST_MACHINE_POLICY_VARIABLE: &str = "HARBOR_TEST_MACHINE_POLICY";

/// Whose policy a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Set by the machine's administrator: always applies.
    Machine,
    /// Set for or by one user: may only add unset keys or make values stricter.
    User,
}

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
    /// A jurisdiction.
    Jurisdiction(crate::content::Jurisdiction),
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
            Self::Jurisdiction(j) => f.write_str(j.policy_value()),
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
    /// Machine or user.
    pub(crate) level: Level,
    /// Name, value and (for JSON) the 1-based line it is on.
    pub(crate) values: Vec<(String, Raw, Option<usize>)>,
    /// Problems with single values that did not stop the rest of the source from being read.
    pub(crate) problems: Vec<PolicyProblem>,
}

impl RawSource {
    /// The same values as a user-level source (whatever the file says about itself).
    pub fn as_user(mut self) -> Self {
        self.level = Level::User;
        self
    }

    /// Machine or user.
    pub fn level(&self) -> Level {
        self.level
    }
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
    /// Places that were read (for `--show-policy`), with whose policy each is (`None`: it could not be read).
    places: Vec<(String, Option<Level>)>,
    /// Values a user-level source set that the machine's policy does not allow.
    refused: Vec<Refusal>,
}

impl Policy {
    /// No policy: every preference is the user's.
    pub fn none() -> Self {
        Self::default()
    }

    /// The policy of this machine: the platform's machine and user places, then the user-level file
    /// `HARBOR_POLICY` names, if any.
    pub fn from_environment() -> Self {
        let mut sources = machine_sources();
        if let Some(file) = std::env::var_os(USER_POLICY_VARIABLE)
            && !file.is_empty()
        {
            sources.push(
                read_file(Path::new(&file))
                    .map(|raws| raws.into_iter().map(RawSource::as_user).collect()),
            );
        }
        Self::from_sources(sources)
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

    /// The jurisdiction IT fixed, if any: users cannot change it.
    pub fn jurisdiction(&self) -> Option<crate::content::Jurisdiction> {
        match self.entry(Key::Jurisdiction).map(|e| &e.value) {
            Some(Value::Jurisdiction(j)) => Some(*j),
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

    /// The `--show-policy` text: every place read (machine or user), each key with its value and origin, every
    /// value refused, then any problems.
    pub fn report(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::from("Harbor policy\n");
        if cfg!(feature = "test-policy") {
            out.push_str(
                "This is a test build: the machine policy is read only from the file HARBOR_TEST_MACHINE_POLICY names.\n",
            );
        }
        if self.places.is_empty() {
            out.push_str("No policy found: every setting is the user's.\n");
        } else {
            for (place, level) in &self.places {
                let whose = match level {
                    Some(Level::Machine) => "machine policy, always applies",
                    Some(Level::User) => "user policy, may only add keys or make them stricter",
                    None => "could not be read",
                };
                let _ = writeln!(out, "Read: {place}  ({whose})");
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
        if !self.refused.is_empty() {
            out.push_str("\nRefused (a user's policy may only add keys or make them stricter):\n");
            for refusal in &self.refused {
                let _ = writeln!(out, "{refusal}");
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

    /// Every place read, with whose policy it is (`None`: it could not be read).
    pub fn places(&self) -> &[(String, Option<Level>)] {
        &self.places
    }

    /// Values a user-level source set that the machine's policy does not allow.
    pub fn refused(&self) -> &[Refusal] {
        &self.refused
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
        Kind::Jurisdiction => match raw {
            Raw::Text(text) => crate::content::Jurisdiction::from_policy_value(&text)
                .map(Value::Jurisdiction)
                .ok_or_else(|| {
                    format!("`{text}` is not a Harbor jurisdiction (use MA, CA, TX, NY or Other)")
                }),
            other => Err(format!(
                "expected MA, CA, TX, NY or Other, found {}",
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

/// Reads a policy file named explicitly, choosing the reader by extension. A file over
/// [`MAX_POLICY_FILE_BYTES`] is refused unread.
pub fn read_file(path: &Path) -> Result<Vec<RawSource>, PolicyProblem> {
    let unreadable = |err: std::io::Error| {
        PolicyProblem::error(
            path.display(),
            None,
            format!("the policy file could not be read: {err}"),
        )
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_POLICY_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_POLICY_FILE_BYTES {
        return Err(PolicyProblem::error(
            path.display(),
            None,
            format!(
                "the policy file is larger than {} MiB, far more than any policy needs; it was not read",
                MAX_POLICY_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
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

/// The machine's policy places (and the platform's user-level ones): a release or ordinary build reads only the
/// compiled-in places; nothing in the environment can point it elsewhere.
#[cfg(not(feature = "test-policy"))]
fn machine_sources() -> Vec<Result<Vec<RawSource>, PolicyProblem>> {
    platform::read()
}

/// A test build (feature `test-policy`) never reads the machine's real policy: only the file
/// `HARBOR_TEST_MACHINE_POLICY` names stands in for it, so tests neither depend on `/etc/harbor/policy.json` nor
/// write there.
#[cfg(feature = "test-policy")]
fn machine_sources() -> Vec<Result<Vec<RawSource>, PolicyProblem>> {
    match std::env::var_os(TEST_MACHINE_POLICY_VARIABLE) {
        Some(file) if !file.is_empty() => vec![read_file(Path::new(&file))],
        _ => Vec::new(),
    }
}

#[cfg(windows)]
mod platform {
    #[cfg_attr(feature = "test-policy", allow(dead_code))]
    pub(crate) fn read() -> Vec<Result<Vec<super::RawSource>, super::PolicyProblem>> {
        super::registry::read_machine_then_user()
    }
}

#[cfg(target_os = "macos")]
mod platform {
    #[cfg_attr(feature = "test-policy", allow(dead_code))]
    pub(crate) fn read() -> Vec<Result<Vec<super::RawSource>, super::PolicyProblem>> {
        super::managed_prefs::read_computer_then_user()
    }
}

#[cfg(not(any(windows, target_os = "macos")))]
mod platform {
    use std::path::Path;

    #[cfg_attr(feature = "test-policy", allow(dead_code))]
    pub(crate) fn read() -> Vec<Result<Vec<super::RawSource>, super::PolicyProblem>> {
        let path = Path::new(super::schema::LINUX_POLICY_FILE);
        if path.exists() {
            vec![super::read_file(path)]
        } else {
            Vec::new()
        }
    }
}
