//! The vault file format and envelope, exercised through the X25519 key directly (no
//! scrypt), so tamper and truncation sweeps stay fast.

// Test helpers outside #[test] fns: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::vault_support;

use std::time::{Duration, Instant};

use harbor::vault::crypto::{self, VaultKey};
use harbor::vault::model::{random_id, unix_now};
use harbor::vault::{CURRENT_FORMAT, CaseRecord, PlanValue, Quote, Session, Vault, VaultError};
use secrecy::ExposeSecret;
use vault_support::{noop_waker, pass, realistic_vault, wait_task};
use zeroize::Zeroize;

fn small_vault() -> Vault {
    let mut v = Vault::new();
    let r = v.new_record("P-1");
    r.notes = "short note".into();
    v
}

#[test]
fn round_trip_x25519() {
    let key = VaultKey::generate();
    let mut vault = realistic_vault(50, 7);
    let r = vault.new_record("Ünïcödé — 名前 — اسم");
    r.notes = "line one\nline \"two\"\t\\ r#\"raw\"# ✓".into();
    r.quotes.push(Quote {
        text: "He keeps my passport.".into(),
        recorded: 5,
    });
    let ct = crypto::encrypt_vault(&vault, &key.recipient()).unwrap();
    assert!(ct.starts_with(b"age-encryption.org/v1\n"));
    let back = crypto::decrypt_vault(&ct, &key).unwrap();
    assert_eq!(back, vault);
    assert_eq!(back.format(), CURRENT_FORMAT);
}

#[test]
fn every_single_byte_flip_is_rejected() {
    let key = VaultKey::generate();
    let ct = crypto::encrypt_vault(&small_vault(), &key.recipient()).unwrap();
    assert!(crypto::decrypt_vault(&ct, &key).is_ok());
    let started = Instant::now();
    for i in 0..ct.len() {
        for mask in [0x01u8, 0x80, 0xff] {
            let mut bad = ct.clone();
            bad[i] ^= mask;
            let result = crypto::decrypt_vault(&bad, &key);
            assert!(
                matches!(result, Err(VaultError::Corrupt | VaultError::Truncated)),
                "flip of byte {i} with {mask:#04x} of {} gave {result:?}",
                ct.len()
            );
        }
    }
    eprintln!(
        "{} bytes x 3 flips checked in {:?}",
        ct.len(),
        started.elapsed()
    );
}

/// Start of the payload: the header ends with the `---` MAC line, followed by a 16-byte nonce.
fn payload_start(ct: &[u8]) -> usize {
    let mac_line = ct.windows(4).position(|w| w == b"\n---").unwrap() + 1;
    let eol = mac_line + ct[mac_line..].iter().position(|&b| b == b'\n').unwrap() + 1;
    eol + 16
}

#[test]
fn truncation_at_every_64k_boundary_and_by_one_byte_is_rejected() {
    let key = VaultKey::generate();
    let vault = realistic_vault(400, 11);
    let ct = crypto::encrypt_vault(&vault, &key.recipient()).unwrap();
    assert!(
        ct.len() > 4 * 65536,
        "want several chunks, got {}",
        ct.len()
    );
    let mut cuts: Vec<usize> = (0..ct.len()).step_by(64 * 1024).collect();
    cuts.push(ct.len() - 1);
    for cut in &cuts {
        let result = crypto::decrypt_vault(&ct[..*cut], &key);
        assert!(
            matches!(result, Err(VaultError::Truncated | VaultError::Corrupt)),
            "cut at {cut} of {} gave {result:?}",
            ct.len()
        );
    }
    // Cut exactly between STREAM chunks: every chunk left authenticates, so only the
    // missing last-chunk flag reveals it; that must read as truncation, not success.
    let start = payload_start(&ct);
    let chunk = 64 * 1024 + 16;
    let mut k = 1;
    while start + k * chunk < ct.len() {
        let result = crypto::decrypt_vault(&ct[..start + k * chunk], &key);
        assert!(
            matches!(result, Err(VaultError::Truncated)),
            "chunk cut {k}: {result:?}"
        );
        k += 1;
    }
    assert!(k > 3);
    // Header cut mid-line.
    assert!(matches!(
        crypto::decrypt_vault(&ct[..40], &key),
        Err(VaultError::Truncated)
    ));
}

#[test]
fn empty_file_is_truncated() {
    let key = VaultKey::generate();
    let e = crypto::decrypt_vault(&[], &key).unwrap_err();
    assert!(matches!(e, VaultError::Truncated));
    assert!(e.offers_backup());
    assert_eq!(e.message_key(), "vault.error.truncated");
}

#[test]
fn wrong_key_and_wrong_recovery_key() {
    let key = VaultKey::generate();
    let other = VaultKey::generate();
    let ct = crypto::encrypt_vault(&small_vault(), &key.recipient()).unwrap();
    assert!(matches!(
        crypto::decrypt_vault(&ct, &other),
        Err(VaultError::Corrupt)
    ));
    assert!(matches!(
        crypto::decrypt_vault_with_recovery_key(&ct, &other),
        Err(VaultError::WrongRecoveryKey)
    ));
    assert!(matches!(
        VaultKey::parse(&pass("AGE-SECRET-KEY-1NOTAKEY")),
        Err(VaultError::InvalidRecoveryKey)
    ));
    // Retyped keys: lowercase and surrounding whitespace are accepted.
    let text = key.to_secret_string();
    let retyped = pass(&format!("  {}\n", text.expose_secret().to_lowercase()));
    assert_eq!(
        VaultKey::parse(&retyped).unwrap().recipient(),
        key.recipient()
    );
}

#[test]
fn recovery_recipient_is_a_second_recipient() {
    let key = VaultKey::generate();
    let recovery = VaultKey::generate();
    // Build a vault whose document names the recovery recipient (as Session does).
    let doc = format!(
        "(format: 1, records: [], recovery_recipient: Some(\"{}\"))",
        recovery.recipient()
    );
    let vault = crypto::parse_document(doc.as_bytes()).unwrap();
    assert!(vault.has_recovery_key());
    let ct = crypto::encrypt_vault(&vault, &key.recipient()).unwrap();
    assert!(crypto::decrypt_vault(&ct, &key).is_ok());
    assert!(crypto::decrypt_vault_with_recovery_key(&ct, &recovery).is_ok());
    // Recipients are never in the clear.
    let text = String::from_utf8_lossy(&ct);
    assert!(!text.contains(&recovery.recipient().to_string()));
    assert!(!text.contains(&key.recipient().to_string()));
}

/// A hand-made identity file whose scrypt stanza demands 2^`log_n` work.
fn forged_identity(log_n: u8) -> Vec<u8> {
    let mut f = Vec::new();
    f.extend_from_slice(b"age-encryption.org/v1\n");
    // Canonical unpadded base64: 22 characters for the 16-byte salt, 43 for 32 bytes.
    let (salt, b32) = ("A".repeat(22), "A".repeat(43));
    f.extend_from_slice(format!("-> scrypt {salt} {log_n}\n{b32}\n--- {b32}\n").as_bytes());
    f.extend_from_slice(&[0u8; 16 + 32]);
    f
}

#[test]
fn forged_identity_with_excessive_work_factor_is_refused_fast() {
    for log_n in [21u8, 30, 63] {
        let started = Instant::now();
        let e = crypto::unwrap_identity(&forged_identity(log_n), &pass("whatever")).unwrap_err();
        let took = started.elapsed();
        assert!(
            matches!(e, VaultError::ExcessiveWorkFactor { required, max: 20 } if required == log_n),
            "{e:?}"
        );
        assert_eq!(e.message_key(), "vault.error.excessive_work_factor");
        assert!(took < Duration::from_secs(1), "took {took:?}");
    }
    // Through the session too: unlock must fail just as fast (no scrypt on the worker).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("identity.age"), forged_identity(25)).unwrap();
    std::fs::write(dir.path().join("vault.age"), b"not read").unwrap();
    let mut s = Session::new(dir.path(), noop_waker());
    let started = Instant::now();
    s.unlock(pass("whatever")).unwrap();
    let outcome = wait_task(&mut s);
    assert!(matches!(
        outcome.result,
        Err(VaultError::ExcessiveWorkFactor { required: 25, .. })
    ));
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "took {:?}",
        started.elapsed()
    );
    assert!(!s.is_unlocked());
}

#[test]
fn identity_garbage_is_corrupt_identity() {
    for bytes in [
        &b""[..],
        b"hello",
        b"age-encryption.org/v1\n-> X25519 abc\n",
    ] {
        let e = crypto::unwrap_identity(bytes, &pass("x")).unwrap_err();
        assert!(matches!(e, VaultError::CorruptIdentity), "{e:?}");
    }
}

#[test]
fn format_versions() {
    // Older documents with missing fields still open (serde defaults).
    let old = br#"(format: 1, records: [(id: "abc", label: "P")])"#; // raw: quotes inside
    let v = crypto::parse_document(old).unwrap();
    assert_eq!(v.records[0].label, "P");
    assert!(v.records[0].notes.is_empty() && v.records[0].safety_plan.is_none());
    // A newer format is refused with its own error, whether or not its shape parses.
    let newer = br#"(format: 2, records: [], something_new: 5)"#;
    assert!(matches!(
        crypto::parse_document(newer),
        Err(VaultError::UnsupportedFormat {
            found: 2,
            supported: 1
        })
    ));
    let newer_shape = br#"(format: 7, records: 12)"#;
    assert!(matches!(
        crypto::parse_document(newer_shape),
        Err(VaultError::UnsupportedFormat { found: 7, .. })
    ));
    let e = crypto::parse_document(b"(format: 0)").unwrap_err();
    assert_eq!(e.message_key(), "vault.error.unsupported_format");
    assert!(matches!(
        crypto::parse_document(b"\xff\xfe garbage"),
        Err(VaultError::Corrupt)
    ));
}

#[test]
fn search_add_update_delete() {
    let mut v = Vault::new();
    let a = v.new_record("Alpha").id.clone();
    v.update(&a, |r| {
        r.notes = "Employer keeps the PASSPORT".into();
        r.quotes.push(Quote {
            text: "No puedo salir".into(),
            recorded: 1,
        });
    });
    let mut b_rec = CaseRecord::new("Beta ÑANDÚ");
    b_rec.safety_plan = Some(harbor::vault::SafetyPlanDraft::default());
    b_rec
        .safety_plan
        .as_mut()
        .unwrap()
        .values
        .insert("k".into(), PlanValue::Text("shelter bed".into()));
    let b = v.add(b_rec);
    assert_eq!(v.search("passport"), vec![a.clone()]);
    assert_eq!(v.search("employer passport"), vec![a.clone()]);
    assert!(v.search("employer shelter").is_empty());
    assert_eq!(v.search("ñandú"), vec![b.clone()]);
    assert_eq!(v.search("SALIR"), vec![a.clone()]);
    assert_eq!(v.search("shelter"), vec![b.clone()]);
    assert_eq!(v.search("").len(), 2);
    assert!(v.update(&b, |r| r.label = "Gamma".into()));
    assert!(v.get(&b).unwrap().updated >= unix_now() - 5);
    assert!(v.search("ñandú").is_empty());
    assert!(v.delete(&a));
    assert!(!v.delete(&a));
    assert!(!v.update(&a, |_| {}));
    assert_eq!(v.records.len(), 1);
}

#[test]
fn ids_are_random_hex() {
    let ids: std::collections::HashSet<String> = (0..2000).map(|_| random_id()).collect();
    assert_eq!(ids.len(), 2000);
    for id in &ids {
        assert_eq!(id.len(), 16);
        assert!(
            id.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
    }
    // All 16 nibble positions vary (the top bits are not stuck).
    let first: std::collections::HashSet<char> =
        ids.iter().map(|i| i.chars().next().unwrap()).collect();
    assert_eq!(first.len(), 16);
}

#[test]
fn debug_output_is_redacted_and_zeroize_clears() {
    let mut v = Vault::new();
    let r = v.new_record("SECRET-LABEL");
    r.notes = "SECRET-NOTE".into();
    r.quotes.push(Quote {
        text: "SECRET-QUOTE".into(),
        recorded: 0,
    });
    let dbg = format!("{v:?} {:?} {:?}", v.records, v.records[0].quotes);
    assert!(!dbg.contains("SECRET"), "{dbg}");
    assert!(dbg.contains("[REDACTED]"));
    let key = VaultKey::generate();
    assert_eq!(format!("{key:?}"), "VaultKey([REDACTED])");
    assert!(format!("{:?}", key.to_secret_string()).contains("[REDACTED]"));
    let mut rec = v.records[0].clone();
    rec.zeroize();
    assert!(rec.notes.is_empty() && rec.label.is_empty() && rec.quotes.is_empty());
}

#[test]
fn error_keys_are_unique_and_io_errors_are_sorted() {
    let keys: Vec<&str> = VaultError::examples()
        .iter()
        .map(VaultError::message_key)
        .collect();
    let unique: std::collections::HashSet<_> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len());
    assert!(keys.iter().all(|k| k.starts_with("vault.error.")));
    // The operating system's own codes: errno on Linux and macOS, Win32 error codes on Windows.
    #[cfg(not(windows))]
    let cases: [(i32, &str); 4] = [
        (28, "vault.error.disk_full"),            // ENOSPC
        (30, "vault.error.read_only_filesystem"), // EROFS
        (13, "vault.error.permission_denied"),    // EACCES
        (5, "vault.error.io"),                    // EIO
    ];
    #[cfg(windows)]
    let cases: [(i32, &str); 6] = [
        (112, "vault.error.disk_full"),           // ERROR_DISK_FULL
        (39, "vault.error.disk_full"),            // ERROR_HANDLE_DISK_FULL
        (1295, "vault.error.disk_full"),          // ERROR_DISK_QUOTA_EXCEEDED
        (19, "vault.error.read_only_filesystem"), // ERROR_WRITE_PROTECT
        (5, "vault.error.permission_denied"),     // ERROR_ACCESS_DENIED
        (23, "vault.error.io"),                   // ERROR_CRC
    ];
    for (errno, key) in cases {
        let e = VaultError::from(std::io::Error::from_raw_os_error(errno));
        assert_eq!(e.message_key(), key, "errno {errno}");
        assert!(keys.contains(&e.message_key()));
    }
    #[cfg(target_os = "linux")]
    assert_eq!(
        VaultError::from(std::io::Error::from_raw_os_error(122)).message_key(), // EDQUOT
        "vault.error.disk_full"
    );
}
