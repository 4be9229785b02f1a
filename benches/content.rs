//! Content: loading and validating the built-in pack, building the search index, and search latency per keystroke
//! over the largest locale (every keystroke of a typed query is one search).

// Benchmarks: a failed set-up stops the run with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use harbor::content::search::SearchIndex;
use harbor::content::{load, validate};

fn content(c: &mut Criterion) {
    c.bench_function("load built-in pack (en)", |b| {
        b.iter(|| black_box(load::load("en", None)))
    });
    c.bench_function("load built-in pack (es, with fallback)", |b| {
        b.iter(|| black_box(load::load("es", None)))
    });
    c.bench_function("validate content/ (10 locales)", |b| {
        b.iter(|| black_box(validate::validate_pack(Path::new("content"))))
    });

    // Spanish is the largest locale (fully translated) and is indexed together with English.
    let (spanish, _) = load::load("es", None);
    let (english, _) = load::load("en", None);
    c.bench_function("build search index (es + en)", |b| {
        b.iter(|| black_box(SearchIndex::build(&spanish, Some(&english))))
    });
    let index = SearchIndex::build(&spanish, Some(&english));
    for query in ["trata", "tatuaje", "(617)", "miedo de pedir ayuda"] {
        let prefixes: Vec<&str> = query
            .char_indices()
            .map(|(i, c)| &query[..i + c.len_utf8()])
            .collect();
        c.bench_function(&format!("search per keystroke: {query}"), |b| {
            b.iter(|| {
                for prefix in &prefixes {
                    black_box(index.search(prefix, 40));
                }
            });
        });
    }
}

criterion_group!(benches, content);
criterion_main!(benches);
