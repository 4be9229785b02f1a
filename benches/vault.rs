//! Vault save and open at scale: 100, 1,000 and 10,000 realistic records.
//!
//! "open" is what happens after the passphrase step: read `vault.age`, decrypt and
//! authenticate it whole, parse the RON. "save" is the full atomic save: encrypt, temp
//! file, fsync, backup link, rename, directory fsync. "encrypt" isolates the CPU part.
//! Target: open 1,000 records in under 50 ms.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/vault/vault_support.rs"]
mod vault_support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use harbor::vault::Store;
use harbor::vault::crypto::{self, VaultKey};

fn bench_vault(c: &mut Criterion) {
    let key = VaultKey::generate();
    let recipient = key.recipient();
    let mut group = c.benchmark_group("vault");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    for n in [100usize, 1_000, 10_000] {
        let vault = vault_support::realistic_vault(n, 42);
        let ct = crypto::encrypt_vault(&vault, &recipient).unwrap();
        eprintln!("{n} records: {} KiB encrypted", ct.len() / 1024);
        let tmp = tempfile::tempdir().unwrap();
        let mut store = Store::open(tmp.path()).unwrap();
        store.save_vault(&ct, false).unwrap();
        group.throughput(Throughput::Elements(n as u64));

        group.bench_with_input(BenchmarkId::new("open", n), &n, |b, _| {
            b.iter(|| {
                let bytes = store.read_vault().unwrap();
                black_box(crypto::decrypt_vault(&bytes, &key).unwrap())
            });
        });
        group.bench_with_input(BenchmarkId::new("encrypt", n), &n, |b, _| {
            b.iter(|| black_box(crypto::encrypt_vault(&vault, &recipient).unwrap()));
        });
        group.bench_with_input(BenchmarkId::new("save", n), &n, |b, _| {
            b.iter(|| {
                let bytes = crypto::encrypt_vault(&vault, &recipient).unwrap();
                store.save_vault(&bytes, false).unwrap();
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench_vault);
criterion_main!(benches);
