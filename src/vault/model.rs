//! The plaintext data model of the vault: one versioned document holding every case record.
//!
//! All types zeroize their text when dropped, and their `Debug` output is redacted, so a
//! stray `{:?}` in a log line cannot leak a note. Fields carry `#[serde(default)]` so that
//! a vault written by an older build (missing newer fields) still opens.

use std::collections::BTreeMap;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use age::secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// The newest document format this build writes and reads.
pub const CURRENT_FORMAT: u32 = 1;

/// Writes `Type([REDACTED])` so that record contents never reach logs or panic messages.
macro_rules! redacted_debug {
    ($($ty:ident),* $(,)?) => {$(
        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($ty), "([REDACTED])"))
            }
        }
    )*};
}

/// The whole decrypted vault document (`vault.age` plaintext).
#[derive(Clone, PartialEq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct Vault {
    /// Document format version; see [`CURRENT_FORMAT`].
    #[serde(default)]
    pub(crate) format: u32,
    /// All case records, in creation order.
    #[serde(default)]
    pub records: Vec<CaseRecord>,
    /// The recovery key's public recipient (`age1…`), kept only inside the encrypted
    /// document so nobody can plant a file encrypted to a recipient of their choosing.
    #[serde(default)]
    pub(crate) recovery_recipient: Option<String>,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vault")
            .field("format", &self.format)
            .field("records", &self.records.len())
            .field("has_recovery_key", &self.recovery_recipient.is_some())
            .finish_non_exhaustive()
    }
}

impl Default for Vault {
    fn default() -> Self {
        Self::new()
    }
}

impl Vault {
    /// An empty vault in the current format, without a recovery key.
    #[must_use]
    pub fn new() -> Self {
        Self {
            format: CURRENT_FORMAT,
            records: Vec::new(),
            recovery_recipient: None,
        }
    }

    /// The format version this document was read with (or will be written with).
    #[must_use]
    pub fn format(&self) -> u32 {
        self.format
    }

    /// Whether the vault is also encrypted to a recovery key.
    #[must_use]
    pub fn has_recovery_key(&self) -> bool {
        self.recovery_recipient.is_some()
    }

    /// Adds a new record with a fresh random id and the given pseudonymous label, and
    /// returns it for filling in.
    pub fn new_record(&mut self, label: impl Into<String>) -> &mut CaseRecord {
        let record = CaseRecord::new(label);
        self.records.push(record);
        let last = self.records.len() - 1;
        &mut self.records[last]
    }

    /// Adds a record built elsewhere; replaces an existing record with the same id so ids
    /// stay unique. Returns the id.
    pub fn add(&mut self, record: CaseRecord) -> String {
        let id = record.id.clone();
        if let Some(existing) = self.get_mut(&id) {
            *existing = record;
        } else {
            self.records.push(record);
        }
        id
    }

    /// The record with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&CaseRecord> {
        self.records.iter().find(|r| r.id == id)
    }

    /// The record with this id, for editing in place (call [`CaseRecord::touch`] after).
    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut CaseRecord> {
        self.records.iter_mut().find(|r| r.id == id)
    }

    /// Applies `edit` to the record with this id and stamps its `updated` time.
    /// Returns `false` if there is no such record.
    pub fn update(&mut self, id: &str, edit: impl FnOnce(&mut CaseRecord)) -> bool {
        match self.get_mut(id) {
            Some(record) => {
                edit(record);
                record.touch();
                true
            }
            None => false,
        }
    }

    /// Removes the record with this id (its text is zeroized as it drops). Returns whether
    /// a record was removed.
    pub fn delete(&mut self, id: &str) -> bool {
        let before = self.records.len();
        self.records.retain(|r| r.id != id);
        self.records.len() != before
    }

    /// Ids of the records that contain every whitespace-separated word of `query`
    /// (case-insensitive) in any text field. An empty query matches every record.
    #[must_use]
    pub fn search(&self, query: &str) -> Vec<String> {
        let terms: Vec<Zeroizing<String>> = query
            .split_whitespace()
            .map(|t| Zeroizing::new(t.to_lowercase()))
            .collect();
        // One scratch buffer for lowercased fields, zeroized on drop: lowercased copies of
        // notes are plaintext too.
        let mut scratch = Zeroizing::new(String::new());
        let mut found = vec![false; terms.len()];
        self.records
            .iter()
            .filter(|record| {
                found.fill(false);
                record.for_each_text(&mut |text| {
                    lowercase_into(text, &mut scratch);
                    for (hit, term) in found.iter_mut().zip(&terms) {
                        if !*hit && scratch.contains(term.as_str()) {
                            *hit = true;
                        }
                    }
                });
                found.iter().all(|f| *f)
            })
            .map(|record| record.id.clone())
            .collect()
    }
}

/// Lowercases `text` into `buf` without ever letting `buf` reallocate in place, because a
/// reallocation would leave an unzeroized plaintext copy behind in freed memory.
fn lowercase_into(text: &str, buf: &mut Zeroizing<String>) {
    // Lowercasing grows UTF-8 by at most 3/2 (e.g. 'Ⱥ' 2 bytes -> 'ⱥ' 3 bytes).
    let need = text.len() + text.len() / 2 + 4;
    if buf.capacity() < need {
        *buf = Zeroizing::new(String::with_capacity(need.max(256)));
    }
    buf.clear();
    for c in text.chars() {
        for l in c.to_lowercase() {
            if buf.len() + l.len_utf8() > buf.capacity() {
                return; // cannot happen given the bound above; stop rather than reallocate
            }
            buf.push(l);
        }
    }
}

/// One case: a pseudonymous label plus the clinician's documentation.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
// Field-level defaults: a struct-level `#[serde(default)]` would move fields out of a
// `Default` value, which a `Drop` (zeroizing) type forbids.
pub struct CaseRecord {
    /// Random id (16 lowercase hex characters), stable for the record's life.
    #[serde(default)]
    pub id: String,
    /// Pseudonymous label chosen by the clinician (never a real name, by policy).
    #[serde(default)]
    pub label: String,
    /// Creation time, Unix seconds.
    #[serde(default)]
    pub created: i64,
    /// Last change, Unix seconds.
    #[serde(default)]
    pub updated: i64,
    /// Free-text case notes.
    #[serde(default)]
    pub notes: String,
    /// Direct quotes from the patient, with when they were recorded.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Clinical findings.
    #[serde(default)]
    pub findings: String,
    /// Photo documentation log (metadata only; no images are stored).
    #[serde(default)]
    pub photos: Vec<PhotoEntry>,
    /// Observations of guidebook indicators.
    #[serde(default)]
    pub observations: Vec<Observation>,
    /// Draft of a safety plan, if one was started.
    #[serde(default)]
    pub safety_plan: Option<SafetyPlanDraft>,
}

impl CaseRecord {
    /// A new, empty record with a fresh random id, created and updated now.
    #[must_use]
    pub fn new(label: impl Into<String>) -> Self {
        let now = unix_now();
        // Spelled out: struct-update syntax cannot move fields out of a `Drop` type.
        Self {
            id: random_id(),
            label: label.into(),
            created: now,
            updated: now,
            notes: String::new(),
            quotes: Vec::new(),
            findings: String::new(),
            photos: Vec::new(),
            observations: Vec::new(),
            safety_plan: None,
        }
    }

    /// Sets `updated` to the current time.
    pub(crate) fn touch(&mut self) {
        self.updated = unix_now();
    }

    /// Calls `f` with every searchable text field of the record.
    fn for_each_text(&self, f: &mut dyn FnMut(&str)) {
        f(&self.id);
        f(&self.label);
        f(&self.notes);
        f(&self.findings);
        for q in &self.quotes {
            f(&q.text);
        }
        for p in &self.photos {
            f(&p.date);
            f(&p.body_area);
            f(&p.photographer);
        }
        for o in &self.observations {
            for id in &o.indicator_ids {
                f(id);
            }
        }
        if let Some(plan) = &self.safety_plan {
            for value in plan.values.values() {
                match value {
                    PlanValue::Text(t) | PlanValue::Need { notes: t, .. } => f(t),
                    PlanValue::Check(_) | PlanValue::Scale(_) => {}
                }
            }
        }
    }
}

/// A direct quote from the patient.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct Quote {
    /// The words, verbatim.
    #[serde(default)]
    pub text: String,
    /// When it was recorded, Unix seconds.
    #[serde(default)]
    pub recorded: i64,
}

/// One entry of the photo-documentation log; the photos themselves live elsewhere.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct PhotoEntry {
    /// Date the photo was taken, as entered (free text, e.g. `2025-03-01`).
    #[serde(default)]
    pub date: String,
    /// Body area photographed.
    #[serde(default)]
    pub body_area: String,
    /// Whether the patient gave consent.
    #[serde(default)]
    pub consent_given: bool,
    /// Who took the photo.
    #[serde(default)]
    pub photographer: String,
}

/// A set of guidebook indicators observed at one time.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct Observation {
    /// When the observation was made, Unix seconds.
    #[serde(default)]
    pub recorded: i64,
    /// Ids of the content indicators observed (see `content::model`).
    #[serde(default)]
    pub indicator_ids: Vec<String>,
}

/// A safety plan being drafted with the patient, keyed by the template's item ids.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SafetyPlanDraft {
    /// Last change, Unix seconds.
    #[serde(default)]
    pub updated: i64,
    /// Answers keyed by safety-plan template item id.
    #[serde(default)]
    pub values: BTreeMap<String, PlanValue>,
}

impl Zeroize for SafetyPlanDraft {
    /// `zeroize` has no impl for `BTreeMap` (keys cannot be mutated in place), so the map is
    /// emptied and each owned key and value wiped.
    fn zeroize(&mut self) {
        self.updated.zeroize();
        for (mut key, mut value) in std::mem::take(&mut self.values) {
            key.zeroize();
            value.zeroize();
        }
    }
}

impl Drop for SafetyPlanDraft {
    fn drop(&mut self) {
        self.zeroize();
    }
}

impl ZeroizeOnDrop for SafetyPlanDraft {}

/// One answer in a safety plan draft.
#[derive(Clone, PartialEq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub enum PlanValue {
    /// Free text.
    Text(String),
    /// A checkbox.
    Check(bool),
    /// A point on a small scale (e.g. 0–10).
    Scale(u8),
    /// A need and where it stands.
    Need {
        /// Progress on the need.
        #[serde(default)]
        status: NeedStatus,
        /// Free-text notes about the need.
        #[serde(default)]
        notes: String,
    },
}

/// Progress on a safety-plan need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Zeroize)]
pub enum NeedStatus {
    /// Not needed by this patient.
    #[default]
    NotNeeded,
    /// Needed, not started.
    ToDo,
    /// Being worked on.
    InProgress,
    /// Done.
    Done,
}

redacted_debug!(
    CaseRecord,
    Quote,
    PhotoEntry,
    Observation,
    SafetyPlanDraft,
    PlanValue
);

/// Current time in Unix seconds (0 if the clock is before 1970, which only a broken clock is).
#[must_use]
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// A random 16-hex-character id (64 bits from the OS RNG).
///
/// The crate has no direct RNG dependency; age's `x25519::Identity::generate` draws 32 bytes
/// from `OsRng` and its Bech32 text encodes those bytes verbatim, so the first 13 Bech32
/// characters (65 bits) are read back as uniformly random bits. The key itself is dropped
/// (and zeroized) at once.
#[must_use]
pub fn random_id() -> String {
    const CHARSET: &[u8; 32] = b"QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
    const PREFIX: &str = "AGE-SECRET-KEY-1";
    let key = age::x25519::Identity::generate().to_string();
    let text = key.expose_secret();
    let mut bits: u64 = 0;
    for c in text.bytes().skip(PREFIX.len()).take(13) {
        let v = CHARSET.iter().position(|&x| x == c).unwrap_or(0);
        // 13 * 5 = 65 bits: the top bit of the first character falls off, the rest is kept.
        bits = (bits << 5) | v as u64;
    }
    format!("{bits:016x}")
}
