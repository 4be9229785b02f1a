//! The relevance benchmark: tests/data/search_relevance.ron holds queries written as clinicians and staff type
//! them, each with the items that must be in the first three results. At least 90% must pass; every miss is printed
//! with what came first instead.

use std::collections::BTreeMap;

use harbor::content::load;
use harbor::search::SearchIndex;
use serde::Deserialize;

#[derive(Deserialize)]
struct Benchmark {
    queries: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    locale: String,
    query: String,
    top3: Vec<String>,
}

/// Share of queries that must have all their expected items in the first three results.
const REQUIRED: f64 = 0.90;

#[test]
fn search_relevance_benchmark() {
    let text = std::fs::read_to_string("tests/data/search_relevance.ron").expect("benchmark file");
    let benchmark: Benchmark = ron::from_str(&text).expect("benchmark parses");
    // An expected item that no longer exists (an id renamed in the content) is a stale benchmark, not a miss.
    let ids: String = std::fs::read_dir("content/en")
        .expect("content/en")
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).expect("content file"))
        .collect();
    for case in &benchmark.queries {
        for id in case.top3.iter().flat_map(|e| e.split('|')) {
            assert!(
                ids.contains(&format!("\"{id}\"")),
                "{:?}: expected item `{id}` is not in the content; update tests/data/search_relevance.ron",
                case.query
            );
        }
    }
    let english = load::load("en", None).0;
    let mut indexes: BTreeMap<String, SearchIndex> = BTreeMap::new();
    let mut per_locale: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for case in &benchmark.queries {
        let index = indexes.entry(case.locale.clone()).or_insert_with(|| {
            let content = load::load(&case.locale, None).0;
            SearchIndex::build(&content, (case.locale != "en").then_some(&english))
        });
        let top: Vec<&str> = index
            .search(&case.query, 3)
            .iter()
            .map(|h| h.anchor)
            .collect();
        let passed = case
            .top3
            .iter()
            .all(|expected| expected.split('|').any(|either| top.contains(&either)));
        let entry = per_locale.entry(case.locale.clone()).or_default();
        entry.1 += 1;
        if passed {
            entry.0 += 1;
        } else {
            misses.push(format!(
                "  [{}] {:?}: expected {:?} in the first three, got {top:?}",
                case.locale, case.query, case.top3
            ));
        }
    }
    for (locale, (passed, total)) in &per_locale {
        assert!(
            *total >= if locale == "en" { 40 } else { 10 },
            "{locale}: too few queries ({total})"
        );
        println!("{locale}: {passed}/{total}");
    }
    assert_eq!(per_locale.len(), 10, "every language has queries");
    let total = benchmark.queries.len();
    let passed = total - misses.len();
    let share = passed as f64 / total as f64;
    println!(
        "search relevance: {passed}/{total} queries ({:.1}%) have every expected item in the first three",
        share * 100.0
    );
    if !misses.is_empty() {
        println!("misses:\n{}", misses.join("\n"));
    }
    assert!(
        share >= REQUIRED,
        "relevance {:.1}% is below {:.0}%",
        share * 100.0,
        REQUIRED * 100.0
    );
}
