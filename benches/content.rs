//! Content: loading and validating the built-in pack, building the search index, and search latency per keystroke
//! (every keystroke of a typed query is one search): over the largest locale with English, as the app indexes it,
//! and over one index holding all ten languages, the budget being 1 ms per keystroke.

// Benchmarks: a failed set-up stops the run with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use harbor::content::{load, validate};
use harbor::search::{IndexBuilder, SearchIndex};

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
        keystrokes(c, "es + en", &index, query);
    }

    // Every language in one index: the worst case for the per-keystroke budget.
    let packs: Vec<_> = harbor::i18n::LANGUAGES
        .iter()
        .map(|l| load::load(l.code, None).0)
        .collect();
    let build_all = || {
        let mut builder = IndexBuilder::new();
        for pack in &packs {
            builder.add_content(pack);
        }
        builder.build()
    };
    c.bench_function("build search index (all ten languages)", |b| {
        b.iter(|| black_box(build_all()))
    });
    let all = build_all();
    for query in [
        "who do I call",
        "STI",
        "trafickng hotline",
        "giay to tuy than",
        "身份证件",
        "617 343 6533",
        // Issue 29: boosted synonym groups, snippets and grouping on every keystroke.
        "hotline",
        "who can I call after hours",
        "images posted online",
        "patient refuses police",
        "الخط الساخن",
        "ផ្ញើសារ",
        // Issue 29, second round: rarity-weighted coverage and the relevance floor, question particles stripped
        // from the ends of unspaced Chinese and Khmer, a sentence describing a situation.
        "可以发短信吗",
        "ហៅទូរស័ព្ទទៅអ្នកណា",
        "her boyfriend does all the talking",
        "potassium replacement protocol",
    ] {
        keystrokes(c, "all ten languages", &all, query);
    }
}

/// Runs the query once per keystroke (each prefix as typed); criterion reports the time for the whole query, and
/// the per-keystroke figure is that divided by the number of keystrokes (printed in the name).
/// A translator's round trip: exporting a whole locale, and reading the file back (every entry with its line), as
/// `--export-translation` and `--import-translation` do. The largest files: Spanish (fully translated) as PO, Arabic
/// as XLIFF.
fn translation_exchange(c: &mut Criterion) {
    use harbor::exchange::{Dirs, Format, export, read_entries};
    let dirs = Dirs {
        content: "content".into(),
        locales: "locales".into(),
    };
    for (locale, format, name) in [("es", Format::Po, "PO"), ("ar", Format::Xliff, "XLIFF")] {
        c.bench_function(&format!("export {locale} as {name}"), |b| {
            b.iter(|| black_box(export(&dirs, locale, format).unwrap()))
        });
        let text = export(&dirs, locale, format).unwrap();
        c.bench_function(
            &format!("read {locale} {name} back ({} KB)", text.len() / 1024),
            |b| b.iter(|| black_box(read_entries(&text, format).unwrap())),
        );
    }
}

fn keystrokes(c: &mut Criterion, index_name: &str, index: &SearchIndex, query: &str) {
    let prefixes: Vec<&str> = query
        .char_indices()
        .map(|(i, ch)| &query[..i + ch.len_utf8()])
        .collect();
    let name = format!(
        "search {} keystrokes, {index_name}: {query}",
        prefixes.len()
    );
    c.bench_function(&name, |b| {
        b.iter(|| {
            // Typing from the start: no typo corrections remembered from the last run.
            index.forget_corrections();
            for prefix in &prefixes {
                black_box(index.search(prefix, 40));
            }
        });
    });
}

criterion_group!(benches, content, translation_exchange);
criterion_main!(benches);
