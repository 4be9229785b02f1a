//! Writes seed inputs for the `vault_open` fuzz target (see `fuzz/fuzz_targets/vault_open.rs`):
//! a real `vault.age` encrypted to the fuzz target's fixed throwaway key (mode byte 0) and
//! the matching RON document (mode byte 1).
//!
//! Usage: `cargo run --example vault_fuzz_seeds -- fuzz/seeds/vault_open`

use std::path::PathBuf;

use age::secrecy::SecretString;
use harbor::vault::crypto::{self, VaultKey};
use harbor::vault::{PlanValue, Quote, SafetyPlanDraft, Vault};

/// Must match `FUZZ_KEY` in the fuzz target.
const FUZZ_KEY: &str = "AGE-SECRET-KEY-17X70RR547EAM6XQ0KQPQ5TQ4ESY6E4Z3PWSJT0X9SJFCNMCP2UXQU5LSJZ";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "fuzz/seeds/vault_open".into()),
    );
    std::fs::create_dir_all(&out)?;
    let key = VaultKey::parse(&SecretString::from(FUZZ_KEY))?;

    let mut vault = Vault::new();
    let r = vault.new_record("Seed patient");
    r.notes = "Notes with \"quotes\", a newline\nand ünïcödé.".into();
    r.quotes.push(Quote {
        text: "I cannot leave.".into(),
        recorded: 1_700_000_000,
    });
    let mut plan = SafetyPlanDraft::default();
    plan.values.insert("a".into(), PlanValue::Check(true));
    plan.values.insert("b".into(), PlanValue::Scale(7));
    plan.values
        .insert("c".into(), PlanValue::Text("call sister".into()));
    r.safety_plan = Some(plan);

    let ciphertext = crypto::encrypt_vault(&vault, &key.recipient())?;
    let plaintext = age::decrypt(key.identity(), &ciphertext)?;

    let mut seed = vec![0u8];
    seed.extend_from_slice(&ciphertext);
    std::fs::write(out.join("vault-age"), seed)?;
    let mut seed = vec![1u8];
    seed.extend_from_slice(&plaintext);
    std::fs::write(out.join("document-ron"), seed)?;
    println!("wrote seeds to {}", out.display());
    Ok(())
}
