//! Hostile-size inputs (issue 26.2): each parser and check that reads files others hand Harbor, on about 10 MB,
//! must take time linear in the size. The budget is one second for a 1 MB policy; these run on ten times that.
//!
//! `cargo bench --bench hostile`. Measured 2026-12-05 in the dev profile (unoptimised, a shared 2-core VM, so an
//! upper bound): a 1 MB policy 0.22 s, 10 MB 3.6 s; a 10 MB directory spreadsheet 1.2 s; `--check-content` on the
//! 10,000-contact pack 1.1 s; a 10 MB PO file 1.6 s; the text-length scan of 10 MB 0.12 s.

// Benchmarks: a failed set-up stops the run with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use harbor::content::institution;
use harbor::policy::{Policy, json};

const TEN_MB: usize = 10 * 1000 * 1000;

/// A policy of ~10 MB: unknown keys (each a warning) and one real key at the end.
fn policy_text(size: usize) -> String {
    let mut text = String::from("{\n");
    let mut n = 0;
    while text.len() < size {
        let _ = writeln!(text, "  \"UnknownKey{n:08}\": 1,");
        n += 1;
    }
    text.push_str("  \"AutoLockMaxMinutes\": 7\n}\n");
    text
}

/// A directory spreadsheet of ~10 MB within the limits: 10,000 rows with long notes.
fn csv_text(size: usize) -> String {
    let rows = harbor::limits::MAX_CONTACTS;
    let notes = "n".repeat(
        (size / rows)
            .saturating_sub(60)
            .min(harbor::limits::MAX_CELL_CHARS),
    );
    let mut text = String::from("name,phone,notes\n");
    for n in 0..rows {
        let _ = writeln!(text, "Service {n},(617) 555-{:04},{notes}", n % 10_000);
    }
    text
}

/// A PO file of ~10 MB: the French export's entries repeated under new ids.
fn po_text(size: usize) -> String {
    let dirs = harbor::exchange::Dirs {
        content: "content".into(),
        locales: "locales".into(),
    };
    let export = harbor::exchange::export(&dirs, "fr", harbor::exchange::Format::Po).unwrap();
    let (header, entries) = export.split_once("\n\n").unwrap();
    let mut text = format!("{header}\n\n");
    let mut copy = 0;
    while text.len() < size {
        text.push_str(&entries.replace("msgctxt \"", &format!("msgctxt \"copy{copy}-")));
        text.push('\n');
        copy += 1;
    }
    text
}

fn hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile input");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));

    // The budget of issue 26: a 1 MB policy in well under a second.
    let small = policy_text(TEN_MB / 10);
    group.bench_function("policy JSON, 1 MB: parse and merge", |b| {
        b.iter(|| {
            let source = json::parse(small.as_bytes(), Path::new("policy.json"));
            black_box(Policy::from_sources(vec![source.map(|s| vec![s])]))
        })
    });
    let policy = policy_text(TEN_MB);
    group.bench_function("policy JSON: parse and merge", |b| {
        b.iter(|| {
            let source = json::parse(policy.as_bytes(), Path::new("policy.json"));
            black_box(Policy::from_sources(vec![source.map(|s| vec![s])]))
        })
    });

    let csv = csv_text(TEN_MB);
    group.bench_function("institution CSV: parse and check", |b| {
        b.iter(|| black_box(institution::parse_csv(csv.as_bytes(), "contacts.csv")))
    });

    // The pack written from it, checked as `--check-content` does (once quadratic over ids).
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("contacts.csv");
    std::fs::write(&csv_path, &csv).unwrap();
    institution::import(&csv_path, dir.path()).unwrap();
    group.bench_function("institution pack: --check-content", |b| {
        b.iter(|| black_box(harbor::content::validate::validate_pack(dir.path())))
    });

    let po = po_text(TEN_MB);
    group.bench_function("translation PO: read", |b| {
        b.iter(|| {
            black_box(harbor::exchange::read_entries(
                &po,
                harbor::exchange::Format::Po,
            ))
        })
    });

    let ron = format!("(text: \"{}\")", "a".repeat(TEN_MB));
    group.bench_function("content file: text-length limit scan", |b| {
        b.iter(|| {
            black_box(harbor::limits::first_long_string(
                &ron,
                harbor::limits::MAX_TEXT_CHARS,
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
