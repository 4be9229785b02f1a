//! Typed vault errors. Every variant maps to an i18n key so the UI can explain it in the
//! clinician's language; none of them ever carries note text.

use std::io;
use std::sync::Arc;

/// Everything that can go wrong while creating, opening, saving or re-keying the vault.
///
/// `Display` gives a short English message for logs; the UI should show the translated
/// text behind [`VaultError::message_key`] instead.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum VaultError {
    /// The passphrase does not unlock `identity.age`.
    #[error("the passphrase is not correct")]
    WrongPassphrase,
    /// The recovery key is well formed but does not open this vault.
    #[error("this recovery key does not open this vault")]
    WrongRecoveryKey,
    /// The text given as a recovery key is not an `AGE-SECRET-KEY-1…` key.
    #[error("this is not a valid recovery key")]
    InvalidRecoveryKey,
    /// `vault.age` failed authentication or does not parse; the backup may still open.
    #[error("the vault file is damaged")]
    Corrupt,
    /// `vault.age` ends before its end-of-file marker; the backup may still open.
    #[error("the vault file is incomplete")]
    Truncated,
    /// `identity.age` decrypted (or failed to) in a way a wrong passphrase cannot explain.
    #[error("the key file identity.age is damaged")]
    CorruptIdentity,
    /// `identity.age` is not in the data directory.
    #[error("the key file identity.age is missing")]
    MissingIdentity,
    /// `vault.age` is not in the data directory (its backup may be).
    #[error("the vault file vault.age is missing")]
    MissingVault,

    /// `vault.age` is a folder (a copy or sync gone wrong); the backup may still open.
    #[error("vault.age in the data folder is a folder, not a file")]
    VaultIsFolder,

    /// The data folder exists but cannot be listed.
    #[error("the data folder cannot be read")]
    FolderUnreadable,
    /// A restore was asked for but `vault.age.bak` does not exist.
    #[error("there is no backup copy of the vault")]
    MissingBackup,
    /// `create` was called on a directory that already holds a vault.
    #[error("a vault already exists in this folder")]
    AlreadyExists,
    /// `identity.age` asks for a scrypt work factor above the pinned maximum, so it was not
    /// written by Harbor and could stall the machine for minutes.
    #[error("the key file asks for scrypt work factor {required}, above the maximum {max}")]
    ExcessiveWorkFactor {
        /// The work factor (log2 N) written in the file.
        required: u8,
        /// The highest work factor Harbor accepts.
        max: u8,
    },
    /// The disk (or the user's quota) is full (ENOSPC / EDQUOT).
    #[error("the disk is full")]
    DiskFull,
    /// The data directory is on a read-only file system (EROFS).
    #[error("the data folder is on a read-only file system")]
    ReadOnlyFilesystem,
    /// The operating system refused access to a vault file or the data directory.
    #[error("permission to the data folder was denied")]
    PermissionDenied,
    /// Another Harbor window or process holds the vault's lock file.
    #[error("the vault is already open in another window")]
    AlreadyOpen,
    /// This session opened the vault read-only, so it cannot write.
    #[error("the vault was opened read-only")]
    ReadOnlySession,
    /// `vault.age` changed on disk since this session opened or last wrote it.
    #[error("the vault file was changed on disk by something else")]
    ChangedOnDisk,
    /// The document's format version is not one this build understands.
    #[error("vault format version {found} is not supported (this build reads up to {supported})")]
    UnsupportedFormat {
        /// The version found in the document.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The operation needs an unlocked vault.
    #[error("the vault is locked")]
    Locked,
    /// Another vault operation is still running.
    #[error("another vault operation is still running")]
    Busy,
    /// Any other input/output error (the OS message, never file contents).
    #[error("input/output error: {0}")]
    Io(#[source] Arc<io::Error>),
    /// An invariant failed inside the encryption library or a worker thread.
    #[error("internal error in the vault: {0}")]
    Internal(&'static str),
}

impl VaultError {
    /// The i18n key of the message to show for this error, e.g. `"vault.error.disk_full"`.
    #[must_use]
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::WrongPassphrase => "vault.error.wrong_passphrase",
            Self::WrongRecoveryKey => "vault.error.wrong_recovery_key",
            Self::InvalidRecoveryKey => "vault.error.invalid_recovery_key",
            Self::Corrupt => "vault.error.corrupt",
            Self::Truncated => "vault.error.truncated",
            Self::CorruptIdentity => "vault.error.corrupt_identity",
            Self::MissingIdentity => "vault.error.missing_identity",
            Self::MissingVault => "vault.error.missing_vault",
            Self::VaultIsFolder => "vault.error.vault_is_folder",
            Self::FolderUnreadable => "vault.error.folder_unreadable",
            Self::MissingBackup => "vault.error.missing_backup",
            Self::AlreadyExists => "vault.error.already_exists",
            Self::ExcessiveWorkFactor { .. } => "vault.error.excessive_work_factor",
            Self::DiskFull => "vault.error.disk_full",
            Self::ReadOnlyFilesystem => "vault.error.read_only_filesystem",
            Self::PermissionDenied => "vault.error.permission_denied",
            Self::AlreadyOpen => "vault.error.already_open",
            Self::ReadOnlySession => "vault.error.read_only_session",
            Self::ChangedOnDisk => "vault.error.changed_on_disk",
            Self::UnsupportedFormat { .. } => "vault.error.unsupported_format",
            Self::Locked => "vault.error.locked",
            Self::Busy => "vault.error.busy",
            Self::Io(_) => "vault.error.io",
            Self::Internal(_) => "vault.error.internal",
        }
    }

    /// Whether opening the backup copy (`vault.age.bak`) is a sensible next step.
    #[must_use]
    pub fn offers_backup(&self) -> bool {
        matches!(
            self,
            Self::Corrupt | Self::Truncated | Self::MissingVault | Self::VaultIsFolder
        )
    }

    /// One value of every variant, so tests can check that each has its message in every language.
    ///
    /// Each line pairs a variant's pattern with an example value; the patterns form an exhaustive `match`, so a
    /// new variant does not compile until it has a line here.
    #[must_use]
    pub fn examples() -> Vec<Self> {
        macro_rules! every_variant {
            ($($pattern:pat => $example:expr,)*) => {{
                #[allow(dead_code)]
                fn exhaustive(error: &VaultError) {
                    match error {
                        $($pattern => {})*
                    }
                }
                vec![$($example),*]
            }};
        }
        every_variant! {
            VaultError::WrongPassphrase => Self::WrongPassphrase,
            VaultError::WrongRecoveryKey => Self::WrongRecoveryKey,
            VaultError::InvalidRecoveryKey => Self::InvalidRecoveryKey,
            VaultError::Corrupt => Self::Corrupt,
            VaultError::Truncated => Self::Truncated,
            VaultError::CorruptIdentity => Self::CorruptIdentity,
            VaultError::MissingIdentity => Self::MissingIdentity,
            VaultError::MissingVault => Self::MissingVault,
            VaultError::VaultIsFolder => Self::VaultIsFolder,
            VaultError::FolderUnreadable => Self::FolderUnreadable,
            VaultError::MissingBackup => Self::MissingBackup,
            VaultError::AlreadyExists => Self::AlreadyExists,
            VaultError::ExcessiveWorkFactor { .. } => Self::ExcessiveWorkFactor {
                required: 30,
                max: super::crypto::MAX_WORK_FACTOR,
            },
            VaultError::DiskFull => Self::DiskFull,
            VaultError::ReadOnlyFilesystem => Self::ReadOnlyFilesystem,
            VaultError::PermissionDenied => Self::PermissionDenied,
            VaultError::AlreadyOpen => Self::AlreadyOpen,
            VaultError::ReadOnlySession => Self::ReadOnlySession,
            VaultError::ChangedOnDisk => Self::ChangedOnDisk,
            VaultError::UnsupportedFormat { .. } => Self::UnsupportedFormat {
                found: super::model::CURRENT_FORMAT + 1,
                supported: super::model::CURRENT_FORMAT,
            },
            VaultError::Locked => Self::Locked,
            VaultError::Busy => Self::Busy,
            VaultError::Io(_) => Self::Io(Arc::new(io::Error::other("example"))),
            VaultError::Internal(_) => Self::Internal("example"),
        }
    }
}

impl From<io::Error> for VaultError {
    /// Sorts OS errors into the cases the UI explains separately; the kinds (not raw errno
    /// values) keep this portable across Unix and Windows.
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => Self::DiskFull,
            io::ErrorKind::ReadOnlyFilesystem => Self::ReadOnlyFilesystem,
            io::ErrorKind::PermissionDenied => Self::PermissionDenied,
            _ => Self::Io(Arc::new(e)),
        }
    }
}

/// Shorthand for results in the vault module.
pub(crate) type Result<T, E = VaultError> = std::result::Result<T, E>;
