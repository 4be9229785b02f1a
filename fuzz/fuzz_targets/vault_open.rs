//! Fuzzes the vault reader: the age header and STREAM payload of `vault.age`, then the RON
//! document, with a fixed test identity.
//!
//! The first input byte picks the entry point. Mode 0 feeds the whole file to
//! `decrypt_vault` (header parsing, stanza unwrapping, MAC and chunk authentication).
//! Mode 1 feeds the RON parser directly, because the fuzzer cannot forge ciphertext that
//! authenticates, and the parser must still never panic or hang on any authenticated
//! plaintext (a buggy or newer Harbor could write one).
//!
//! Run: `cargo +nightly fuzz run vault_open fuzz/corpus/vault_open fuzz/seeds/vault_open` (seeds:
//! `vault.age` encrypted to the key below, and a RON document; regenerate with
//! `cargo run --example vault_fuzz_seeds -- fuzz/seeds/vault_open`).
#![no_main]

use std::sync::OnceLock;

use harbor::vault::crypto::{self, VaultKey};
use libfuzzer_sys::fuzz_target;

/// A throwaway key made for fuzzing only; it protects nothing.
pub const FUZZ_KEY: &str =
    "AGE-SECRET-KEY-17X70RR547EAM6XQ0KQPQ5TQ4ESY6E4Z3PWSJT0X9SJFCNMCP2UXQU5LSJZ";

fn key() -> &'static VaultKey {
    static KEY: OnceLock<VaultKey> = OnceLock::new();
    KEY.get_or_init(|| {
        VaultKey::parse(&FUZZ_KEY.into()).unwrap_or_else(|_| unreachable!("valid fixed key"))
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 2 {
        0 => {
            if let Ok(vault) = crypto::decrypt_vault(rest, key()) {
                // Whatever opens must also save and reopen identically.
                let again = crypto::encrypt_vault(&vault, &key().recipient())
                    .unwrap_or_else(|e| panic!("re-encrypt failed: {e}"));
                assert!(crypto::decrypt_vault(&again, key()).is_ok_and(|v| v == vault));
            }
        }
        _ => {
            let _ = crypto::parse_document(rest);
        }
    }
});
