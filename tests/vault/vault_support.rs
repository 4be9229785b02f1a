//! Shared helpers for the vault tests and the vault benchmark: realistic records, a
//! deterministic RNG, session waiting, and fault-injecting file operations.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use harbor::vault::{
    CaseRecord, FileOps, NeedStatus, Observation, Outcome, PhotoEntry, PlanValue, Quote,
    SafetyPlanDraft, SaveStatus, Session, Vault, Waker,
};
use secrecy::SecretString;

/// xorshift64*: deterministic, dependency-free randomness for test data and kill timing.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn from_time() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64);
        Self::new(nanos ^ u64::from(std::process::id()))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "patient",
    "reports",
    "working",
    "long",
    "hours",
    "restaurant",
    "employer",
    "holds",
    "passport",
    "debt",
    "transport",
    "housing",
    "shared",
    "room",
    "bruising",
    "left",
    "forearm",
    "consistent",
    "with",
    "grip",
    "denies",
    "pain",
    "anxious",
    "avoids",
    "eye",
    "contact",
    "accompanied",
    "by",
    "man",
    "who",
    "answered",
    "questions",
    "interpreter",
    "requested",
    "Spanish",
    "no",
    "tiene",
    "documentos",
    "trabajo",
    "sin",
    "pago",
    "tiền",
    "nợ",
    "chủ",
    "nhà",
    "follow-up",
    "referral",
    "social",
    "work",
    "shelter",
    "hotline",
    "safety",
    "phone",
    "consent",
    "photographs",
    "wound",
    "healing",
    "days",
    "weeks",
    "months",
    "cannot",
    "leave",
    "threatened",
    "family",
    "abroad",
    "unpaid",
    "wages",
    "fatigue",
    "malnourished",
    "dental",
    "abscess",
];

/// Between `lo` and `hi` characters or so of note-like text.
pub fn text(rng: &mut Rng, lo: u64, hi: u64) -> String {
    let len = rng.range(lo, hi) as usize;
    let mut s = String::with_capacity(len + 16);
    while s.len() < len {
        if !s.is_empty() {
            s.push(if rng.below(12) == 0 { '\n' } else { ' ' });
        }
        let word = *rng.pick(WORDS);
        s.push_str(word);
        if rng.below(9) == 0 {
            s.push('.');
        }
    }
    s
}

/// One record shaped like a real one: ~1–2 KB of notes, quotes, findings, photo log,
/// observations and a half-filled safety plan.
pub fn realistic_record(rng: &mut Rng, i: usize) -> CaseRecord {
    let mut r = CaseRecord::new(format!("Patient {i:05} — clinic {}", rng.below(12)));
    r.created = 1_700_000_000 + rng.below(30_000_000) as i64;
    r.updated = r.created + rng.below(1_000_000) as i64;
    r.notes = text(rng, 600, 1400);
    r.findings = text(rng, 150, 450);
    for _ in 0..rng.range(1, 4) {
        r.quotes.push(Quote {
            text: format!("\"{}\"", text(rng, 40, 180)),
            recorded: r.created + rng.below(10_000) as i64,
        });
    }
    for _ in 0..rng.below(3) {
        r.photos.push(PhotoEntry {
            date: format!("2025-0{}-1{}", rng.range(1, 9), rng.below(10)),
            body_area: rng
                .pick(&["left forearm", "back", "right ankle", "face"])
                .to_string(),
            consent_given: rng.below(5) != 0,
            photographer: rng.pick(&["Dr. A", "RN B", "SANE C"]).to_string(),
        });
    }
    for _ in 0..rng.range(1, 3) {
        r.observations.push(Observation {
            recorded: r.created,
            indicator_ids: (0..rng.range(2, 7))
                .map(|_| {
                    format!(
                        "ind.{}.{}",
                        rng.pick(&["labor", "sex", "health", "control"]),
                        rng.below(40)
                    )
                })
                .collect(),
        });
    }
    if rng.below(3) != 0 {
        let mut values = BTreeMap::new();
        for k in 0..rng.range(8, 20) {
            let v = match rng.below(4) {
                0 => PlanValue::Text(text(rng, 10, 120)),
                1 => PlanValue::Check(rng.below(2) == 0),
                2 => PlanValue::Scale(rng.below(11) as u8),
                _ => PlanValue::Need {
                    status: *rng.pick(&[
                        NeedStatus::NotNeeded,
                        NeedStatus::ToDo,
                        NeedStatus::InProgress,
                        NeedStatus::Done,
                    ]),
                    notes: text(rng, 0, 80),
                },
            };
            values.insert(format!("plan.item.{k:02}"), v);
        }
        r.safety_plan = Some(SafetyPlanDraft {
            updated: r.updated,
            values,
        });
    }
    r
}

/// A vault of `n` realistic records.
pub fn realistic_vault(n: usize, seed: u64) -> Vault {
    let mut rng = Rng::new(seed);
    let mut v = Vault::new();
    for i in 0..n {
        let record = realistic_record(&mut rng, i);
        v.add(record);
    }
    v
}

pub fn pass(s: &str) -> SecretString {
    SecretString::from(s.to_owned())
}

/// A waker that counts its calls.
pub fn counting_waker() -> (Waker, Arc<AtomicUsize>) {
    let count = Arc::new(AtomicUsize::new(0));
    let c = Arc::clone(&count);
    (
        Arc::new(move || {
            c.fetch_add(1, Ordering::SeqCst);
        }),
        count,
    )
}

pub fn noop_waker() -> Waker {
    Arc::new(|| {})
}

/// Polls (as a UI would, each "frame") until a task finishes.
pub fn wait_task(s: &mut Session) -> Outcome {
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        if let Some(o) = s.poll() {
            return o;
        }
        assert!(Instant::now() < deadline, "vault task did not finish");
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Polls until no save is running and returns the final status.
pub fn wait_save(s: &mut Session) -> SaveStatus {
    assert!(s.wait_idle(Duration::from_secs(120)), "save did not finish");
    s.save_status().clone()
}

/// Files in `dir` whose names carry the temp marker.
pub fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.to_string_lossy()
                        .contains(harbor::vault::store::TEMP_MARKER)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The operating system's own code for a full disk: what a real write returns, so that the error is classified as
/// Harbor classifies a real one (by its `io::ErrorKind`). `ENOSPC` on Linux and macOS, `ERROR_DISK_FULL` on Windows.
pub const DISK_FULL_CODE: i32 = if cfg!(windows) { 112 } else { 28 };
/// A read-only file system: `EROFS` on Linux and macOS, `ERROR_WRITE_PROTECT` on Windows.
pub const READ_ONLY_CODE: i32 = if cfg!(windows) { 19 } else { 30 };

/// Fault modes for [`FaultyOps`].
pub const OK: u8 = 0;
/// Writes half the bytes, then fails as a full disk does ([`DISK_FULL_CODE`]).
pub const DISK_FULL: u8 = 1;
/// Fails creating files as a read-only file system does ([`READ_ONLY_CODE`]).
pub const READ_ONLY_FS: u8 = 2;

/// File operations that fail on demand, like a full disk or a read-only mount.
#[derive(Default)]
pub struct FaultyOps {
    pub mode: AtomicU8,
}

impl FaultyOps {
    pub fn set(&self, mode: u8) {
        self.mode.store(mode, Ordering::SeqCst);
    }
}

impl FileOps for FaultyOps {
    fn create_new(&self, path: &Path) -> io::Result<File> {
        if self.mode.load(Ordering::SeqCst) == READ_ONLY_FS {
            return Err(io::Error::from_raw_os_error(READ_ONLY_CODE));
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.open(path)
    }

    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        use std::io::Write;
        if self.mode.load(Ordering::SeqCst) == DISK_FULL {
            file.write_all(&bytes[..bytes.len() / 2])?;
            return Err(io::Error::from_raw_os_error(DISK_FULL_CODE));
        }
        file.write_all(bytes)
    }
}
