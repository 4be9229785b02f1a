//! The age envelope: the vault document encrypted to X25519 recipients, and the X25519
//! identity wrapped with the user's passphrase (scrypt). No home-made cryptography: this
//! module only chooses age parameters and maps age's errors onto [`VaultError`].
//!
//! Both outputs are standard age v1 files, so `age -d -i identity.age vault.age` recovers
//! the plaintext without Harbor.

use std::fmt;
use std::io::{Read, Write};
use std::iter;
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use age::{DecryptError, Decryptor, Encryptor, scrypt, x25519};
use zeroize::Zeroizing;

use super::error::{Result, VaultError};
use super::model::{CURRENT_FORMAT, Vault};

/// scrypt work factor (log2 N) written into `identity.age`: about 1.3 s on a laptop.
/// Pinned rather than calibrated, because age's per-machine calibration has produced
/// files another machine then refused to open.
pub(crate) const WRITE_WORK_FACTOR: u8 = 18;

/// Highest scrypt work factor accepted when reading `identity.age` (16× the write
/// factor); anything above is refused before any scrypt work is done.
pub(crate) const MAX_WORK_FACTOR: u8 = 20;

/// An X25519 secret key: the vault's own key (unwrapped from `identity.age`) or a
/// recovery key. Zeroized on drop; `Debug` is redacted.
#[derive(Clone)]
pub struct VaultKey(x25519::Identity);

impl fmt::Debug for VaultKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VaultKey([REDACTED])")
    }
}

impl VaultKey {
    /// A fresh random key from the OS RNG.
    #[must_use]
    pub fn generate() -> Self {
        Self(x25519::Identity::generate())
    }

    /// Parses an `AGE-SECRET-KEY-1…` string (as printed for a recovery key). Surrounding
    /// whitespace is ignored and lowercase is accepted, since people retype these.
    ///
    /// # Errors
    /// [`VaultError::InvalidRecoveryKey`] if the text is not such a key.
    pub fn parse(text: &SecretString) -> Result<Self> {
        let upper = Zeroizing::new(text.expose_secret().trim().to_uppercase());
        x25519::Identity::from_str(&upper)
            .map(Self)
            .map_err(|_| VaultError::InvalidRecoveryKey)
    }

    /// The key as `AGE-SECRET-KEY-1…` text, for showing a recovery key once.
    #[must_use]
    pub fn to_secret_string(&self) -> SecretString {
        self.0.to_string()
    }

    /// The public recipient that files are encrypted to.
    #[must_use]
    pub fn recipient(&self) -> x25519::Recipient {
        self.0.to_public()
    }

    /// The age identity, for decrypting.
    #[must_use]
    pub fn identity(&self) -> &x25519::Identity {
        &self.0
    }
}

/// Which file is being opened, because the same age error means different things for each.
#[derive(Clone, Copy)]
enum Envelope {
    /// `vault.age` opened with the key from `identity.age`.
    Vault,
    /// `vault.age` opened with a recovery key typed by the user.
    VaultByRecoveryKey,
    /// `identity.age` opened with a passphrase.
    Identity,
}

impl Envelope {
    fn damaged(self) -> VaultError {
        match self {
            Self::Vault | Self::VaultByRecoveryKey => VaultError::Corrupt,
            Self::Identity => VaultError::CorruptIdentity,
        }
    }

    fn truncated(self) -> VaultError {
        match self {
            Self::Vault | Self::VaultByRecoveryKey => VaultError::Truncated,
            Self::Identity => VaultError::CorruptIdentity,
        }
    }

    fn map(self, e: DecryptError) -> VaultError {
        match e {
            DecryptError::ExcessiveWork { required, .. } => VaultError::ExcessiveWorkFactor {
                required,
                max: MAX_WORK_FACTOR,
            },
            // The scrypt stanza's AEAD failing is exactly what a wrong passphrase looks like.
            DecryptError::DecryptionFailed | DecryptError::KeyDecryptionFailed
                if matches!(self, Self::Identity) =>
            {
                VaultError::WrongPassphrase
            }
            DecryptError::NoMatchingKeys if matches!(self, Self::VaultByRecoveryKey) => {
                VaultError::WrongRecoveryKey
            }
            DecryptError::Io(io) => self.map_io(io),
            _ => self.damaged(),
        }
    }

    fn map_io(self, e: std::io::Error) -> VaultError {
        match e.kind() {
            std::io::ErrorKind::UnexpectedEof => self.truncated(),
            std::io::ErrorKind::InvalidData => self.damaged(),
            _ => VaultError::from(e),
        }
    }
}

/// Decrypts and authenticates an entire age file before returning any of it, into a
/// buffer that is zeroized on drop.
fn open_envelope(
    ciphertext: &[u8],
    identity: &dyn age::Identity,
    kind: Envelope,
) -> Result<Zeroizing<Vec<u8>>> {
    if ciphertext.is_empty() {
        return Err(kind.truncated());
    }
    let decryptor = Decryptor::new_buffered(ciphertext).map_err(|e| kind.map(e))?;
    let mut reader = decryptor
        .decrypt(iter::once(identity))
        .map_err(|e| kind.map(e))?;
    // The plaintext is shorter than the ciphertext, so this capacity never has to grow:
    // growing would copy plaintext into a new buffer and free the old one unzeroized.
    let mut plaintext = Zeroizing::new(Vec::with_capacity(ciphertext.len()));
    reader
        .read_to_end(&mut plaintext)
        .map_err(|e| kind.map_io(e))?;
    Ok(plaintext)
}

/// Encrypts `identity.age`: the key as an age identity file, wrapped with `passphrase` at
/// the pinned work factor.
///
/// # Errors
/// [`VaultError::Internal`] if age refuses the recipient set (it cannot for one scrypt
/// recipient) or writing to memory fails.
pub(crate) fn wrap_identity(key: &VaultKey, passphrase: &SecretString) -> Result<Vec<u8>> {
    const HEADER: &str = "# Harbor vault key. Unlock with your Harbor passphrase.\n";
    let mut recipient = scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(WRITE_WORK_FACTOR);
    let secret = key.to_secret_string();
    // An ordinary age identity file, so `age -d -i identity.age` understands it. Sized up
    // front so the buffer never reallocates and leaves an unzeroized copy of the key.
    let mut text = Zeroizing::new(String::with_capacity(
        HEADER.len() + secret.expose_secret().len() + 1,
    ));
    text.push_str(HEADER);
    text.push_str(secret.expose_secret());
    text.push('\n');
    encrypt_bytes(&recipient as &dyn age::Recipient, text.as_bytes())
}

/// Decrypts `identity.age` with `passphrase` and returns the vault key inside.
///
/// # Errors
/// [`VaultError::WrongPassphrase`], [`VaultError::ExcessiveWorkFactor`] (refused before any
/// scrypt work) or [`VaultError::CorruptIdentity`].
pub fn unwrap_identity(ciphertext: &[u8], passphrase: &SecretString) -> Result<VaultKey> {
    let mut identity = scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let plaintext = open_envelope(ciphertext, &identity, Envelope::Identity)?;
    let text = std::str::from_utf8(&plaintext).map_err(|_| VaultError::CorruptIdentity)?;
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .ok_or(VaultError::CorruptIdentity)?;
    x25519::Identity::from_str(line)
        .map(VaultKey)
        .map_err(|_| VaultError::CorruptIdentity)
}

/// Serializes `vault` as RON straight into age's encrypting stream, encrypted to `main`
/// and, if the document names one, its recovery recipient. Returns the ciphertext.
///
/// Streaming means no whole-document plaintext buffer exists; age's own 64 KiB chunk
/// buffer is the only plaintext copy.
///
/// # Errors
/// [`VaultError::Corrupt`] if the stored recovery recipient does not parse;
/// [`VaultError::Internal`] if serialization fails.
pub fn encrypt_vault(vault: &Vault, main: &x25519::Recipient) -> Result<Vec<u8>> {
    let recovery = vault
        .recovery_recipient
        .as_deref()
        .map(x25519::Recipient::from_str)
        .transpose()
        .map_err(|_| VaultError::Corrupt)?;
    let recipients: Vec<&dyn age::Recipient> = iter::once(main as &dyn age::Recipient)
        .chain(recovery.as_ref().map(|r| r as &dyn age::Recipient))
        .collect();
    let encryptor = Encryptor::with_recipients(recipients.into_iter())
        .map_err(|_| VaultError::Internal("age refused the recipients"))?;
    let mut out = Vec::with_capacity(4096 + vault.records.len() * 2048);
    let mut writer = encryptor.wrap_output(&mut out)?;
    let config = ron::ser::PrettyConfig::new().indentor(" ").new_line("\n");
    // Write the current format even if the document was read from an older one: the
    // records were upgraded by `#[serde(default)]` on the way in.
    let doc = VaultDocRef {
        format: CURRENT_FORMAT,
        records: &vault.records,
        recovery_recipient: vault.recovery_recipient.as_deref(),
    };
    ron::Options::default()
        .to_io_writer_pretty(&mut writer, &doc, config)
        .map_err(|_| VaultError::Internal("could not serialize the vault"))?;
    writer.finish()?;
    Ok(out)
}

/// Borrowing mirror of [`Vault`] for serialization, so the format number written is always
/// this build's and nothing has to be cloned.
#[derive(serde::Serialize)]
#[serde(rename = "Vault")]
struct VaultDocRef<'a> {
    format: u32,
    records: &'a [super::model::CaseRecord],
    recovery_recipient: Option<&'a str>,
}

/// Decrypts and authenticates the whole of `vault.age`, then parses it.
///
/// # Errors
/// [`VaultError::Corrupt`], [`VaultError::Truncated`] or
/// [`VaultError::UnsupportedFormat`].
pub fn decrypt_vault(ciphertext: &[u8], key: &VaultKey) -> Result<Vault> {
    let plaintext = open_envelope(ciphertext, key.identity(), Envelope::Vault)?;
    parse_document(&plaintext)
}

/// Like [`decrypt_vault`], with a recovery key typed by the user.
///
/// # Errors
/// As [`decrypt_vault`], plus [`VaultError::WrongRecoveryKey`] when the key does not match.
pub fn decrypt_vault_with_recovery_key(ciphertext: &[u8], key: &VaultKey) -> Result<Vault> {
    let plaintext = open_envelope(ciphertext, key.identity(), Envelope::VaultByRecoveryKey)?;
    parse_document(&plaintext)
}

/// Parses an authenticated plaintext document and checks its format version.
///
/// # Errors
/// [`VaultError::UnsupportedFormat`] for a version this build does not read;
/// [`VaultError::Corrupt`] if it is not a vault document.
pub fn parse_document(plaintext: &[u8]) -> Result<Vault> {
    /// Just the version, to name a newer format whose shape no longer parses.
    #[derive(serde::Deserialize)]
    #[serde(rename = "Vault")]
    struct Probe {
        #[serde(default)]
        format: u32,
    }
    let options = ron::Options::default();
    if let Ok(vault) = options.from_bytes::<Vault>(plaintext) {
        check_format(vault.format)?;
        return Ok(vault);
    }
    if let Ok(probe) = options.from_bytes::<Probe>(plaintext)
        && probe.format != CURRENT_FORMAT
    {
        check_format(probe.format)?;
    }
    Err(VaultError::Corrupt)
}

fn check_format(found: u32) -> Result<()> {
    if (1..=CURRENT_FORMAT).contains(&found) {
        Ok(())
    } else {
        Err(VaultError::UnsupportedFormat {
            found,
            supported: CURRENT_FORMAT,
        })
    }
}

/// Encrypts a small buffer to one recipient.
fn encrypt_bytes(recipient: &dyn age::Recipient, plaintext: &[u8]) -> Result<Vec<u8>> {
    let encryptor = Encryptor::with_recipients(iter::once(recipient))
        .map_err(|_| VaultError::Internal("age refused the recipient"))?;
    let mut out = Vec::with_capacity(plaintext.len() + 512);
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(plaintext)?;
    writer.finish()?;
    Ok(out)
}
