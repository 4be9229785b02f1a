//! The back-translation reports a reviewer who reads neither language relies on (issue 23): every translated
//! Overview, Health effects and Response string of a listed locale has a row in
//! `docs/translations/back-translations-<locale>.md` that quotes the current English and the current translation
//! and gives a literal back-translation; and every question, help text and non-Yes/No answer of the reporting
//! helper has its row in Part 2 of `docs/translations/back-translations-reporting.md` for every listed language.
//! A translation or English string changed without its row being redone fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use harbor::content::model::Translation;
use harbor::content::texts::Texts;

/// Locales whose Overview, Health effects and Response have a back-translation report.
const LOCALES: &[&str] = &["fr", "ru", "vi", "ar", "km"];

/// Locales Part 2 of the reporting report (questions, help texts, answers) covers: all nine translations.
const REPORTING_LOCALES: &[&str] = &["fr", "vi", "ru", "ar", "km", "es", "pt-BR", "ht", "zh-CN"];

/// Locales whose `rep.danger.hipaa` has a row in Part 2 of the reporting report.
const HIPAA_LOCALES: &[&str] = REPORTING_LOCALES;

/// The content files of a per-locale report, with the heading of their section.
const FILES: &[(&str, &str)] = &[
    ("overview", "Overview"),
    ("health", "Health effects"),
    ("response", "Response"),
];

const HEADER: [&str; 4] = [
    "Key",
    "English source",
    "Translation",
    "Literal back-translation",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A string as a Markdown table cell shows it: `|` escaped, line breaks as `<br>`.
fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}

/// The cells of a table row (`| a | b \| c |` → `["a", "b \| c"]`), trimmed and still escaped; `None` for a line
/// that is not a table row.
fn cells(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
    let mut out = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                out.last_mut().unwrap().push_str("\\|");
            }
            '|' => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    Some(out.into_iter().map(|c| c.trim().to_owned()).collect())
}

fn is_separator(row: &[String]) -> bool {
    row.iter()
        .all(|c| !c.is_empty() && c.chars().all(|c| matches!(c, '-' | ':')))
}

/// A Markdown table: its header and body rows, under the innermost heading above it (heading text without `#`).
struct Table {
    heading: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// Every table of a Markdown document, with the headings above it (level 1 to 3) by level.
fn tables(markdown: &str) -> Vec<(Vec<String>, Table)> {
    let mut headings: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut lines = markdown.lines().peekable();
    while let Some(line) = lines.next() {
        let level = line.chars().take_while(|c| *c == '#').count();
        if (1..=3).contains(&level) && line[level..].starts_with(' ') {
            headings.truncate(level - 1);
            while headings.len() < level - 1 {
                headings.push(String::new());
            }
            headings.push(line[level..].trim().to_owned());
            continue;
        }
        let Some(header) = cells(line) else { continue };
        let Some(separator) = lines.peek().and_then(|l| cells(l)) else {
            continue;
        };
        if !is_separator(&separator) {
            continue;
        }
        lines.next();
        let mut rows = Vec::new();
        while let Some(row) = lines.peek().and_then(|l| cells(l)) {
            lines.next();
            rows.push(row);
        }
        out.push((
            headings.clone(),
            Table {
                heading: headings.last().cloned().unwrap_or_default(),
                header,
                rows,
            },
        ));
    }
    out
}

/// The translated strings of `content/<locale>/<file>.ron` by key.
fn translations(locale: &str, file: &str) -> BTreeMap<String, String> {
    let path = root().join(format!("content/{locale}/{file}.ron"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let translation: Translation =
        ron::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    translation
        .strings
        .into_iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .collect()
}

/// The English of the three per-locale report files and of reporting, by key, from the repository's content.
fn english() -> BTreeMap<&'static str, BTreeMap<String, String>> {
    let (content, problems) = harbor::content::load::load("en", Some(&root().join("content")));
    assert!(
        problems
            .iter()
            .all(|p| p.severity != harbor::content::Severity::Error),
        "{problems:?}"
    );
    BTreeMap::from([
        ("overview", by_key(content.overview.collect_texts())),
        ("health", by_key(content.health.collect_texts())),
        ("response", by_key(content.response.collect_texts())),
        ("reporting", by_key(content.reporting.collect_texts())),
    ])
}

fn report(name: &str) -> String {
    let path = root().join("docs/translations").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What is wrong with one locale's report against the current content (empty when it is complete and current).
fn locale_report_problems(
    locale: &str,
    markdown: &str,
    english: &BTreeMap<&str, BTreeMap<String, String>>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let tables = tables(markdown);
    for (file, heading) in FILES {
        let translated = translations(locale, file);
        assert!(
            !translated.is_empty(),
            "{locale}/{file}: nothing translated"
        );
        let mut rows: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut found_section = false;
        for (_, table) in tables.iter().filter(|(_, t)| t.heading == *heading) {
            found_section = true;
            if table.header != HEADER {
                problems.push(format!(
                    "{locale}: the table under “{heading}” has the header {:?}, not {HEADER:?}",
                    table.header
                ));
                continue;
            }
            for row in &table.rows {
                let key = row[0].trim_matches('`').to_owned();
                if row.len() != HEADER.len() {
                    problems.push(format!(
                        "{locale}/{file}: row {key} has {} cells",
                        row.len()
                    ));
                } else if rows.insert(key.clone(), row.clone()).is_some() {
                    problems.push(format!("{locale}/{file}: {key} has two rows"));
                }
            }
        }
        if !found_section {
            problems.push(format!("{locale}: no table under a heading “{heading}”"));
            continue;
        }
        for (key, text) in &translated {
            let Some(row) = rows.remove(key) else {
                problems.push(format!("{locale}/{file}: no row for {key}"));
                continue;
            };
            let source = english[file].get(key).map(|e| escape(e));
            if source.as_deref() != Some(row[1].as_str()) {
                problems.push(format!(
                    "{locale}/{file}: {key}: the English cell is not the current English"
                ));
            }
            if row[2] != escape(text) {
                problems.push(format!(
                    "{locale}/{file}: {key}: the Translation cell is not the current translation"
                ));
            }
            if row[3].is_empty() {
                problems.push(format!("{locale}/{file}: {key}: no back-translation"));
            }
        }
        for key in rows.keys() {
            problems.push(format!(
                "{locale}/{file}: a row for {key}, which has no translation"
            ));
        }
    }
    problems
}

#[test]
fn every_translated_overview_health_and_response_string_has_a_current_back_translation() {
    let english = english();
    let mut problems = Vec::new();
    for locale in LOCALES {
        let markdown = report(&format!("back-translations-{locale}.md"));
        problems.extend(locale_report_problems(locale, &markdown, &english));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Part 2 of the reporting report: one `### \`key\`` section per string, whose table has a row per language.
fn part2_rows(markdown: &str) -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    let mut out: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for (headings, table) in tables(markdown) {
        let in_part2 = headings.first().is_some_and(|h| h.starts_with("Part 2:"));
        if !in_part2 || table.header != ["Language", "Translation", "Literal back-translation"] {
            continue;
        }
        let key = table.heading.trim_matches('`').to_owned();
        let languages = out.entry(key).or_default();
        for row in table.rows {
            languages.insert(row[0].clone(), row);
        }
    }
    out
}

/// The keys Part 2 must cover for `locales`: questions, help texts and answers other than a bare Yes or No.
fn part2_problems(markdown: &str, english: &BTreeMap<String, String>) -> Vec<String> {
    let rows = part2_rows(markdown);
    let mut problems = Vec::new();
    let mut check = |key: &str, locales: &[&str]| {
        for locale in locales {
            let translated = translations(locale, "reporting");
            let Some(text) = translated.get(key) else {
                problems.push(format!("{locale}: {key} is not translated"));
                continue;
            };
            match rows.get(key).and_then(|r| r.get(*locale)) {
                None => problems.push(format!("Part 2: no {locale} row for {key}")),
                Some(row) if row.len() != 3 => {
                    problems.push(format!("Part 2: {key}/{locale} has {} cells", row.len()));
                }
                Some(row) => {
                    if row[1] != escape(text) {
                        problems.push(format!(
                            "Part 2: {key}/{locale}: the Translation cell is not the current translation"
                        ));
                    }
                    if row[2].is_empty() {
                        problems.push(format!("Part 2: {key}/{locale}: no back-translation"));
                    }
                }
            }
        }
    };
    let keys: BTreeSet<&String> = english
        .iter()
        .filter(|(key, text)| {
            (key.starts_with("rep.q.") || key.starts_with("rep.a."))
                && !matches!(text.as_str(), "Yes" | "No")
        })
        .map(|(key, _)| key)
        .collect();
    assert!(keys.len() > 30, "only {} helper strings found", keys.len());
    for key in keys {
        check(key, REPORTING_LOCALES);
    }
    assert!(english.contains_key("rep.danger.hipaa"));
    check("rep.danger.hipaa", HIPAA_LOCALES);
    problems
}

#[test]
fn every_question_help_text_and_answer_of_the_reporting_helper_has_a_back_translation() {
    let english = english();
    let problems = part2_problems(
        &report("back-translations-reporting.md"),
        &english["reporting"],
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The checks above on a made-up report: a stale translation, a missing row and an empty back-translation are
/// each found, and an escaped `|` does not split a cell.
#[test]
fn the_report_check_finds_a_stale_or_missing_row() {
    let english = english();
    let locale = "fr";
    let mut good = String::new();
    for (file, heading) in FILES {
        good.push_str(&format!(
            "## {heading}\n\n| Key | English source | Translation | Literal back-translation |\n|---|---|---|---|\n"
        ));
        for (key, text) in translations(locale, file) {
            let source = escape(&english[file][&key]);
            good.push_str(&format!(
                "| `{key}` | {source} | {} | x \\| y |\n",
                escape(&text)
            ));
        }
        good.push('\n');
    }
    assert_eq!(
        locale_report_problems(locale, &good, &english),
        Vec::<String>::new()
    );

    let (key, text) = translations(locale, "health").into_iter().next().unwrap();
    let row_start = good.find(&format!("| `{key}` |")).unwrap();
    let row_end = row_start + good[row_start..].find('\n').unwrap() + 1;
    let row = &good[row_start..row_end];

    let stale = good.replacen(&escape(&text), "ancienne traduction", 1);
    assert!(
        locale_report_problems(locale, &stale, &english)
            .iter()
            .any(|p| p.contains(&key) && p.contains("Translation cell"))
    );

    let missing = good.replacen(row, "", 1);
    assert!(
        locale_report_problems(locale, &missing, &english)
            .iter()
            .any(|p| p.contains(&format!("no row for {key}")))
    );

    let empty = good.replacen(row, &row.replacen(" x \\| y |", "  |", 1), 1);
    assert!(
        locale_report_problems(locale, &empty, &english)
            .iter()
            .any(|p| p.contains(&key) && p.contains("no back-translation"))
    );

    let part2 = "# Part 2: helper\n\n### `rep.q.age`\n\n| Language | Translation | Literal back-translation |\n|---|---|---|\n| fr | Quel âge a le patient ? |  |\n";
    let rows = part2_rows(part2);
    assert_eq!(rows["rep.q.age"]["fr"][2], "");
}

/// Parts 1 and 3 of the reporting report (the outcomes, the narrative): every row quotes the translation as it is
/// now. A translation corrected since its row was written (the c. 112 § 12A ellipsis note was, twice) fails here
/// until the row is redone.
#[test]
fn every_outcome_and_narrative_row_of_the_reporting_report_quotes_the_current_translation() {
    let markdown = report("back-translations-reporting.md");
    let mut translated: BTreeMap<&str, BTreeMap<String, String>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (headings, table) in tables(&markdown) {
        let part = headings.first().map(String::as_str).unwrap_or_default();
        if !(part.starts_with("Part 1:") || part.starts_with("Part 3:"))
            || table.header != ["Language", "Translation", "Literal back-translation"]
        {
            continue;
        }
        let Some(key) = table.heading.split('`').nth(1) else {
            problems.push(format!(
                "{part}: a table under “{}” names no key",
                table.heading
            ));
            continue;
        };
        for row in &table.rows {
            let locale = row[0].as_str();
            let strings = translated
                .entry(
                    REPORTING_LOCALES
                        .iter()
                        .find(|l| **l == locale)
                        .copied()
                        .unwrap_or_else(|| panic!("{key}: a row for an unknown language {locale}")),
                )
                .or_insert_with(|| translations(locale, "reporting"));
            checked += 1;
            match strings.get(key) {
                None => problems.push(format!(
                    "{key}/{locale}: a row for a string that is not translated"
                )),
                Some(text) if row.get(1) != Some(&escape(text)) => problems.push(format!(
                    "{key}/{locale}: the Translation cell is not the current translation"
                )),
                Some(_) if row.get(2).is_none_or(|b| b.is_empty()) => {
                    problems.push(format!("{key}/{locale}: no back-translation"));
                }
                Some(_) => {}
            }
        }
    }
    assert!(checked > 300, "only {checked} rows found in Parts 1 and 3");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The jurisdiction packs' reports (`back-translations-jurisdiction-<code>.md`), one `## Language (code)` section a
/// language.
const PACK_REPORTS: &[&str] = &["other", "ny", "tx", "ca"];

/// The languages a pack has been translated into: every locale folder beside its English, so that a translation
/// cannot land without its back-translation.
fn pack_locales(code: &str) -> Vec<String> {
    let dir = root().join(format!("content/jurisdictions/{code}"));
    let mut locales: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|entry| entry.path().join("reporting.ron").is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|locale| locale != "en")
        .collect();
    locales.sort();
    locales
}

/// Texts as `collect_texts` gives them (key, note, text), by key.
fn by_key(texts: Vec<(String, String, String)>) -> BTreeMap<String, String> {
    texts
        .into_iter()
        .map(|(key, _, text)| (key, text))
        .collect()
}

/// Every English text of a pack's rules, by key.
fn english_texts(rules: &harbor::content::model::ReportingRules) -> BTreeMap<String, String> {
    by_key(rules.clone().collect_texts())
}

/// The strings of a pack's rules whose force a reviewer must be able to check: every outcome's title, steps,
/// summary and whom it binds; every question, help text and answer that is not a bare Yes or No.
/// `english` is every English text of the rules by key ([`english_texts`]).
fn force_bearing_keys(
    rules: &harbor::content::model::ReportingRules,
    english: &BTreeMap<String, String>,
) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for outcome in &rules.outcomes {
        for key in [
            outcome.id.clone(),
            format!("{}.do", outcome.id),
            format!("{}.summary", outcome.id),
            format!("{}.binds", outcome.id),
        ] {
            if english.contains_key(&key) {
                keys.insert(key);
            }
        }
    }
    for question in &rules.questions {
        keys.insert(question.id.clone());
        let help = format!("{}.help", question.id);
        if english.contains_key(&help) {
            keys.insert(help);
        }
    }
    keys.extend(
        english
            .iter()
            .filter(|(key, text)| key.contains(".rep.a.") && !matches!(text.as_str(), "Yes" | "No"))
            .map(|(key, _)| key.clone()),
    );
    keys
}

#[test]
fn every_translated_pack_outcome_and_question_has_a_current_back_translation() {
    let mut problems = Vec::new();
    for code in PACK_REPORTS {
        let locales = pack_locales(code);
        assert!(!locales.is_empty(), "{code}: no translation found");
        let jurisdiction = harbor::content::Jurisdiction::from_code(code).expect("a pack code");
        let (rules, _) = harbor::content::jurisdiction::load_rules(jurisdiction, "en", None);
        let english = english_texts(&rules);
        let keys = force_bearing_keys(&rules, &english);
        assert!(keys.len() > 20, "{code}: only {} keys", keys.len());
        let markdown = report(&format!("back-translations-jurisdiction-{code}.md"));
        let tables = tables(&markdown);
        for locale in &locales {
            let path = root().join(format!(
                "content/jurisdictions/{code}/{locale}/reporting.ron"
            ));
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let translation: Translation = ron::from_str(&text).expect("a translation file");
            let suffix = format!("({locale})");
            let rows: BTreeMap<String, Vec<String>> = tables
                .iter()
                .filter(|(headings, t)| {
                    headings.get(1).is_some_and(|h| h.ends_with(&suffix)) && t.header == HEADER
                })
                .flat_map(|(_, t)| t.rows.iter())
                .map(|row| (row[0].trim_matches('`').to_owned(), row.clone()))
                .collect();
            for key in &keys {
                let Some(translated) = translation
                    .strings
                    .get(key)
                    .filter(|t| !t.trim().is_empty())
                else {
                    problems.push(format!("{code}/{locale}: {key} is not translated"));
                    continue;
                };
                match rows.get(key) {
                    None => problems.push(format!(
                        "{code}/{locale}: no back-translation row for {key}"
                    )),
                    Some(row) if row.len() != HEADER.len() => {
                        problems.push(format!("{code}/{locale}: {key}: {} cells", row.len()));
                    }
                    Some(row) => {
                        if row[1] != escape(&english[key]) {
                            problems.push(format!("{code}/{locale}: {key}: the English cell is not the current English"));
                        }
                        if row[2] != escape(translated) {
                            problems.push(format!("{code}/{locale}: {key}: the Translation cell is not the current translation"));
                        }
                        if row[3].is_empty() {
                            problems.push(format!("{code}/{locale}: {key}: no back-translation"));
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
