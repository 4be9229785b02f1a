//! The one policy schema. The ADMX/ADML templates, the macOS configuration-profile example, the JSON schema, the
//! README table and the readers' validation all come from this table, so a key cannot exist in one and not another.

/// A policy key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// The languages users may choose from.
    AllowedLanguages,
    /// The language a first run starts in.
    DefaultLanguage,
    /// The longest auto-lock time users may choose.
    AutoLockMaxMinutes,
    /// Whether the case-notes vault is offered.
    VaultEnabled,
    /// Whether the safety plan may be exported as a PDF.
    PdfExportEnabled,
    /// Whether a new vault must have a recovery key.
    RecoveryKeyRequired,
    /// Where the vault lives.
    DataDirectory,
    /// The institution's referral directory.
    InstitutionPack,
    /// Keep the window out of screenshots and screen sharing.
    ScreenCaptureProtection,
    /// Whose law the reporting helper applies and whose local resources are listed.
    Jurisdiction,
}

/// What a key's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// true/false (a DWORD 1/0 in the registry).
    Bool,
    /// A whole number of minutes in `min..=max`.
    Minutes {
        /// The shortest time allowed.
        min: u32,
        /// The longest time allowed.
        max: u32,
    },
    /// One of Harbor's language codes.
    Language,
    /// Several language codes (an array, or a comma-separated string in the registry).
    Languages,
    /// An absolute folder path.
    Folder,
    /// One of Harbor's jurisdictions: MA, CA, TX, NY or Other.
    Jurisdiction,
}

/// The value a key takes when the policy is malformed and the strictest settings apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strictest {
    /// This on/off value.
    Bool(bool),
    /// This many minutes.
    Minutes(u32),
    /// Not restricting is the strictest choice: limiting languages or moving folders protects nothing, and a
    /// patient must still be able to read their own language.
    Unset,
}

/// One key of the schema.
#[derive(Clone, Copy, Debug)]
pub struct KeySpec {
    pub(crate) key: Key,
    /// The name in every format (registry value, plist key, JSON property).
    pub name: &'static str,
    pub kind: Kind,
    /// One line for administrators (ADML display name, JSON schema title).
    pub(crate) title: &'static str,
    /// What it does, for administrators (ADML explain text, JSON schema description, README).
    pub(crate) explain: &'static str,
    /// A value used in the examples (mobileconfig, JSON example).
    pub(crate) example: Example,
    pub(crate) strictest: Strictest,
}

/// An example value for the generated examples.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Example {
    Bool(bool),
    Int(u32),
    Text(&'static str),
    List(&'static [&'static str]),
}

/// Registry key under HKLM and HKCU.
pub(crate) const REGISTRY_PATH: &str = r"SOFTWARE\Policies\Harbor";
/// macOS preference domain (managed preferences, configuration profiles).
pub(crate) const PREFERENCE_DOMAIN: &str = "org.harborapp.Harbor";
/// Linux policy file.
#[cfg(not(any(windows, target_os = "macos")))]
pub(crate) const LINUX_POLICY_FILE: &str = "/etc/harbor/policy.json";
/// Auto-lock bounds, the same as the preference's own.
pub(crate) const AUTO_LOCK_RANGE: (u32, u32) = (1, 120);

/// Every key, in the order Settings and `--show-policy` list them.
pub const KEYS: [KeySpec; 10] = [
    KeySpec {
        key: Key::AllowedLanguages,
        name: "AllowedLanguages",
        kind: Kind::Languages,
        title: "Allowed interface languages",
        explain: "The interface languages users may choose, as Harbor language codes (en, es, pt-BR, ht, zh-CN, vi, ru, ar, km, fr). In the registry: a comma-separated list. The patient-language card still offers every language.",
        example: Example::List(&["en", "es", "pt-BR", "ht"]),
        strictest: Strictest::Unset,
    },
    KeySpec {
        key: Key::DefaultLanguage,
        name: "DefaultLanguage",
        kind: Kind::Language,
        title: "Default interface language",
        explain: "The interface language on first start, before a user chooses one. Must be one of AllowedLanguages when both are set.",
        example: Example::Text("en"),
        strictest: Strictest::Unset,
    },
    KeySpec {
        key: Key::AutoLockMaxMinutes,
        name: "AutoLockMaxMinutes",
        kind: Kind::Minutes {
            min: AUTO_LOCK_RANGE.0,
            max: AUTO_LOCK_RANGE.1,
        },
        title: "Longest auto-lock time (minutes)",
        explain: "The longest time without input, in minutes (1 to 120), before the encrypted notes lock themselves. Users may choose a shorter time, never a longer one.",
        example: Example::Int(5),
        strictest: Strictest::Minutes(AUTO_LOCK_RANGE.0),
    },
    KeySpec {
        key: Key::VaultEnabled,
        name: "VaultEnabled",
        kind: Kind::Bool,
        title: "Allow encrypted case notes",
        explain: "Whether users may keep encrypted case notes and safety-plan drafts on this computer. When disabled, Harbor is a reference only; existing notes stay encrypted on disk, untouched.",
        example: Example::Bool(true),
        strictest: Strictest::Bool(false),
    },
    KeySpec {
        key: Key::PdfExportEnabled,
        name: "PdfExportEnabled",
        kind: Kind::Bool,
        title: "Allow safety-plan PDF export",
        explain: "Whether users may export a safety plan as a PDF file. The PDF is not encrypted.",
        example: Example::Bool(false),
        strictest: Strictest::Bool(false),
    },
    KeySpec {
        key: Key::RecoveryKeyRequired,
        name: "RecoveryKeyRequired",
        kind: Kind::Bool,
        title: "Require a recovery key",
        explain: "Whether every new encrypted notebook must be created with a recovery key, so a forgotten passphrase does not lose the notes.",
        example: Example::Bool(true),
        strictest: Strictest::Bool(true),
    },
    KeySpec {
        key: Key::DataDirectory,
        name: "DataDirectory",
        kind: Kind::Folder,
        title: "Folder for the encrypted notes",
        explain: "An absolute folder path where Harbor keeps the encrypted notes, instead of the user's own application-data folder. Use a folder private to each user.",
        example: Example::Text("/Users/Shared/Harbor"),
        strictest: Strictest::Unset,
    },
    KeySpec {
        key: Key::InstitutionPack,
        name: "InstitutionPack",
        kind: Kind::Folder,
        title: "Institution pack folder",
        explain: "An absolute folder path holding the institution pack (institution.ron, made with harbor --import-directory): the local referral directory shown first under Resources as \"Your institution\".",
        example: Example::Text("/Library/Application Support/Harbor/institution"),
        strictest: Strictest::Unset,
    },
    KeySpec {
        key: Key::ScreenCaptureProtection,
        name: "ScreenCaptureProtection",
        kind: Kind::Bool,
        title: "Protect the window from screen capture",
        explain: "Whether Harbor's window is left out of screenshots, screen recording, screen sharing and Windows Recall while case notes are unlocked (Windows and macOS; Linux desktops offer no such protection). Not set: on, and users may turn it off in Settings (a screen magnifier or remote support needs it off). Set: users cannot change it.",
        example: Example::Bool(true),
        strictest: Strictest::Bool(true),
    },
    KeySpec {
        key: Key::Jurisdiction,
        name: "Jurisdiction",
        kind: Kind::Jurisdiction,
        title: "Jurisdiction (whose reporting law and local resources)",
        explain: "The state whose reporting law the reporting helper applies and whose local resources are listed: MA (Massachusetts), CA (California), TX (Texas), NY (New York), or Other (any other state or territory: the federal and national layer only). Not set: each user chooses, Massachusetts until they do. Set: users cannot change it.",
        example: Example::Text("MA"),
        strictest: Strictest::Unset,
    },
];

impl Key {
    /// The schema entry of this key.
    pub(crate) fn spec(self) -> &'static KeySpec {
        // KEYS lists every variant once, in declaration order (tested).
        &KEYS[self as usize]
    }

    /// The key with this name, ignoring ASCII case (registry value names are case-insensitive).
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        KEYS.iter()
            .find(|spec| spec.name.eq_ignore_ascii_case(name))
            .map(|spec| spec.key)
    }

    pub(crate) fn name(self) -> &'static str {
        self.spec().name
    }
}
