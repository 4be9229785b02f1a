//! Search: word-boundary matching with the last word as a prefix, accent and case folding, stemming, Chinese and
//! Khmer substrings, synonyms from content data (and an institution pack's), typo tolerance, phone numbers in any
//! format, ranking by field, English matches in a non-English interface, extra documents, `--search` on the
//! command line, synonym validation, and plural forms of the result count in every locale.

use std::process::{Command, Output};

use harbor::content::{Content, ContentFile, Severity, load};
use harbor::search::synonyms;
use harbor::search::{Document, Field, IndexBuilder, LazyIndex, SearchIndex};

fn pack(locale: &str) -> Content {
    load::load(locale, None).0
}

/// The index the app builds for `locale`: its content plus English.
fn index(locale: &str) -> SearchIndex {
    let content = pack(locale);
    let english = (locale != "en").then(|| pack("en"));
    SearchIndex::build(&content, english.as_ref())
}

fn anchors(index: &SearchIndex, query: &str, n: usize) -> Vec<String> {
    index
        .search(query, n)
        .into_iter()
        .map(|h| h.anchor.to_owned())
        .collect()
}

fn harbor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_harbor"))
        .args(args)
        .output()
        .expect("run harbor")
}

#[test]
fn sti_finds_the_infection_red_flag_first_and_not_stigma() {
    let index = index("en");
    let hits = index.search("STI", 40);
    assert_eq!(hits[0].anchor, "ind.sex.recurrent-sti", "{hits:#?}");
    assert!(
        hits.iter()
            .all(|h| !h.text.to_lowercase().contains("stigma")),
        "a whole abbreviation is not a prefix of “stigma”: {hits:#?}"
    );
    // While typing, the last word is a prefix: "stig" finds stigma.
    assert!(anchors(&index, "stig", 10).contains(&"ov.disclosure.barriers.stigma".to_owned()));
    // Words match at word boundaries only: "raffick" is inside every "trafficking" but starts no word.
    assert!(index.search("raffick ", 10).is_empty());
}

#[test]
fn plain_questions_and_synonyms_find_what_is_meant() {
    let index = index("en");
    let call = index.search("who do I call", 5);
    assert!(
        call.iter()
            .take(3)
            .all(|h| h.file == ContentFile::Resources),
        "{call:#?}"
    );
    let passport = anchors(&index, "passport", 3);
    assert!(
        passport.contains(&"ind.general.no-identification".to_owned()),
        "{passport:?}"
    );
    let rape_kit = anchors(&index, "rape kit", 5);
    assert!(
        rape_kit
            .iter()
            .any(|a| a.starts_with("resp.sane") || a == "resp.exam.forensic-120h"),
        "{rape_kit:?}"
    );
    let ipv = anchors(&index, "IPV", 10);
    assert!(!ipv.is_empty(), "IPV expands to intimate partner violence");
}

#[test]
fn accents_case_and_tone_marks_are_folded() {
    let vi = index("vi");
    for query in ["giay to tuy than", "GIẤY TỜ TÙY THÂN", "giấy tờ tùy thân"] {
        let hits = anchors(&vi, query, 3);
        assert!(
            hits.contains(&"ind.general.no-identification".to_owned()),
            "{query}: {hits:?}"
        );
    }
    let es = index("es");
    assert_eq!(
        anchors(&es, "infecciones de transmision sexual", 1),
        anchors(&es, "infecciones de transmisión sexual", 1)
    );
    assert!(
        anchors(&es, "infecciones de transmision sexual", 3)
            .contains(&"ind.sex.recurrent-sti".to_owned())
    );
}

#[test]
fn stemming_matches_other_forms_of_a_word() {
    let en = index("en");
    // "abortions" → "abortion", "pregnancies" → "pregnanc…"
    assert!(anchors(&en, "abortions ", 5).contains(&"ind.sex.frequent-abortion".to_owned()));
    let ru = index("ru");
    // Russian: "татуировку" (accusative) finds "Татуировки".
    assert!(anchors(&ru, "татуировку ", 5).contains(&"ind.general.ownership-marks".to_owned()));
}

#[test]
fn chinese_and_khmer_match_inside_unspaced_text() {
    let zh = index("zh-CN");
    // "身份证件" sits inside "无法出示身份证件" with no spaces around it.
    assert!(anchors(&zh, "身份证件", 3).contains(&"ind.general.no-identification".to_owned()));
    // One character finds the words that contain it.
    assert!(!zh.search("贩", 5).is_empty());
    let km = index("km");
    assert!(anchors(&km, "ស្នាមសាក់", 3).contains(&"ind.general.ownership-marks".to_owned()));
}

#[test]
fn misspellings_within_an_edit_or_two_still_match() {
    let en = index("en");
    assert!(anchors(&en, "strangulaton ", 3).contains(&"health.physical.strangulation".to_owned()));
    assert!(anchors(&en, "pasport ", 3).contains(&"ind.general.no-identification".to_owned()));
    assert!(en.search("qqqqqqq", 5).is_empty(), "nonsense finds nothing");
}

#[test]
fn phone_digits_in_any_format_find_the_resource() {
    let en = index("en");
    for query in [
        "(617) 343-6533",
        "617-343-6533",
        "617.343.6533",
        "6173436533",
        "1 617 343 6533",
        "343-6533",
    ] {
        assert_eq!(
            anchors(&en, query, 1),
            vec!["res.ma.boston-police-htu".to_owned()],
            "{query}"
        );
    }
}

#[test]
fn headings_and_red_flags_rank_above_narrative() {
    let en = index("en");
    let hits = en.search("tattoos", 10);
    let red_flag = hits
        .iter()
        .position(|h| h.anchor == "ind.general.ownership-marks");
    let narrative = hits
        .iter()
        .position(|h| h.anchor == "ov.perpetrators.tactics.physical");
    assert!(red_flag.is_some(), "{hits:#?}");
    if let (Some(flag), Some(text)) = (red_flag, narrative) {
        assert!(
            flag < text,
            "the red flag ranks above the narrative: {hits:#?}"
        );
    }
    // Exact phrase bonus: the item with "debt bondage" as written comes first.
    assert_eq!(
        anchors(&en, "debt bondage", 1),
        vec!["ov.types.labor.bonded".to_owned()]
    );
}

#[test]
fn a_non_english_interface_also_searches_the_english_text_and_says_so() {
    let es = index("es");
    let hits = es.search("tattoos ", 5);
    let hit = hits
        .iter()
        .find(|h| h.anchor == "ind.general.ownership-marks")
        .expect("the English word finds the Spanish item");
    assert_eq!(hit.matched_locale, "en");
    assert!(
        hit.text.starts_with("Tatuajes"),
        "shown in Spanish: {}",
        hit.text
    );
    let spanish = es.search("tatuajes ", 5);
    let hit = spanish
        .iter()
        .find(|h| h.anchor == "ind.general.ownership-marks")
        .expect("the Spanish word finds it too");
    assert_eq!(hit.matched_locale, "es");
}

#[test]
fn extra_documents_such_as_institution_contacts_are_searchable() {
    let content = pack("en");
    let mut builder = IndexBuilder::new();
    builder.add_content(&content);
    builder.add_document(Document {
        file: ContentFile::Resources,
        anchor: "inst.social-work".into(),
        locale: "en".into(),
        fields: vec![
            (Field::Name, "Mercy Hospital Social Work on call".into()),
            (Field::Phone, "Pager (555) 010-2233".into()),
        ],
    });
    let index = builder.build();
    assert_eq!(
        anchors(&index, "social work", 1),
        vec!["inst.social-work".to_owned()]
    );
    assert_eq!(
        anchors(&index, "5550102233", 1),
        vec!["inst.social-work".to_owned()]
    );
}

#[test]
fn an_institution_pack_adds_synonyms_and_a_broken_one_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("en")).expect("en dir");
    std::fs::write(
        dir.path().join("en/synonyms.ron"),
        r#"(groups: [(id: "inst.ht", terms: ["HTRT", "human trafficking"])])"#,
    )
    .expect("write");
    let (content, problems) = load::load("en", Some(dir.path()));
    assert!(problems.is_empty(), "{problems:?}");
    let index = SearchIndex::build(&content, None);
    assert!(
        !index.search("HTRT", 5).is_empty(),
        "the institution's abbreviation works"
    );
    assert!(pack("en").synonyms.groups.len() < content.synonyms.groups.len());

    std::fs::write(
        dir.path().join("en/synonyms.ron"),
        "(groups: [(id: \"x\", terms: [\"only one\"])",
    )
    .expect("write");
    let (_, problems) = load::load("en", Some(dir.path()));
    assert!(
        problems.iter().any(|p| p.file == "en/synonyms.ron"),
        "{problems:?}"
    );
}

#[test]
fn synonym_files_are_validated() {
    let problems = synonyms::validate_dir(std::path::Path::new("content"));
    assert!(problems.is_empty(), "built-in synonyms: {problems:#?}");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("en")).expect("en dir");
    std::fs::write(
        dir.path().join("en/synonyms.ron"),
        r#"(
    ignore: ["who", "two words"],
    groups: [
        (id: "a", terms: ["ID", "passport"]),
        (id: "a", terms: ["one"]),
        (id: "b", terms: ["who", "WHO ", "x"], tab: Some("nowhere")),
    ],
)"#,
    )
    .expect("write");
    let problems = synonyms::validate_dir(dir.path());
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let all = messages.join("\n");
    assert!(problems.iter().all(|p| p.severity == Severity::Error));
    for expected in [
        "`two words` must be one word",
        "id `a` is used twice",
        "needs at least two different terms",
        "`who` is also an ignored word",
        "term `WHO ` is listed twice",
        "unknown tab `nowhere`",
    ] {
        assert!(all.contains(expected), "missing “{expected}” in:\n{all}");
    }
    // The same problems through `--check-content`, with the file and line.
    let output = harbor(&["--check-content", dir.path().to_str().expect("utf-8 path")]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("en/synonyms.ron:"), "{stdout}");
}

#[test]
fn the_command_line_prints_tab_id_and_text() {
    let output = harbor(&["--search", "STI"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(!lines.is_empty() && lines.len() <= 10, "{stdout}");
    assert_eq!(
        lines[0],
        "indicators\tind.sex.recurrent-sti\tRecurrent sexually transmitted infections"
    );
    assert!(lines.iter().all(|l| l.split('\t').count() == 3), "{stdout}");

    let vietnamese = harbor(&["--search", "ho chieu", "--locale", "vi"]);
    assert_eq!(vietnamese.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&vietnamese.stdout);
    // Without tone marks, "ho chieu" (passport) finds the identity-document items — an indicator, or the sample
    // question "has anyone taken your identity documents" (since Reporting is translated too, the visa and
    // immigration help ranks third and the indicators fourth) — and the text that says "hộ chiếu" is among them
    // (the trafficker confiscating passports).
    let top3: Vec<&str> = stdout.lines().take(3).collect();
    assert!(
        top3.iter()
            .any(|l| l.contains("ind.general.no-identification")
                || l.contains("ind.general.documents-held-by-other")
                || l.contains("q.initial.documents-taken")),
        "{stdout}"
    );
    assert!(top3.iter().any(|l| l.contains("hộ chiếu")), "{stdout}");

    let nothing = harbor(&["--search", "zzzzqqqq"]);
    assert_eq!(nothing.status.code(), Some(0));
    assert!(nothing.stdout.is_empty(), "no lines when nothing matches");

    let bad = harbor(&["--search", "x", "--locale", "xx"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown language"));
}

/// Every counted phrase of a locale file: the mappings named `count` ("search_results.count", "settings.minutes.count").
fn counted_phrases<'v>(
    prefix: &str,
    value: &'v serde_yaml::Value,
    out: &mut Vec<(String, &'v serde_yaml::Mapping)>,
) {
    if let Some(mapping) = value.as_mapping() {
        for (key, child) in mapping {
            let key = key.as_str().unwrap_or_default();
            let path = if prefix.is_empty() {
                key.to_owned()
            } else {
                format!("{prefix}.{key}")
            };
            match child.as_mapping() {
                Some(forms) if key == "count" => out.push((path, forms)),
                Some(_) => counted_phrases(&path, child, out),
                None => {}
            }
        }
    }
}

#[test]
fn every_locale_has_exactly_the_plural_forms_its_language_uses() {
    let mut english = Vec::new();
    for language in harbor::i18n::LANGUAGES {
        let path = format!("locales/{}.yml", language.code);
        let text = std::fs::read_to_string(&path).expect("locale file");
        let value: serde_yaml::Value = serde_yaml::from_str(&text).expect("yaml");
        let mut phrases = Vec::new();
        counted_phrases("", &value, &mut phrases);
        let mut names: Vec<String> = phrases.iter().map(|(name, _)| name.clone()).collect();
        names.sort_unstable();
        if english.is_empty() {
            english = names.clone();
            assert!(
                english.contains(&"search_results.count".to_owned())
                    && english.contains(&"settings.minutes.count".to_owned()),
                "{path}: the counted phrases: {english:?}"
            );
        }
        assert_eq!(
            names, english,
            "{path}: the same counted phrases as English"
        );
        // "other" is always there: the fallback, and what fractions use where whole numbers never do (Russian).
        let mut needed = harbor::plural::categories(language.code);
        needed.push("other");
        needed.sort_unstable();
        needed.dedup();
        for (name, forms) in phrases {
            let mut present: Vec<&str> = forms.keys().filter_map(|k| k.as_str()).collect();
            present.sort_unstable();
            assert_eq!(present, needed, "{path}: plural forms of {name}");
            for (form, text) in forms {
                let text = text.as_str().expect("string");
                assert!(!text.trim().is_empty(), "{path}: {name} {form:?} is empty");
                assert!(
                    text.replace("%{count}", "").find("%{").is_none(),
                    "{path}: only %{{count}} may be used in {name}"
                );
            }
        }
    }
    // English: 1 result, 2 results; Russian: 1 результат, 3 результата, 5 результатов.
    assert_eq!(harbor::plural::category("en", 1), "one");
    assert_eq!(harbor::plural::category("en", 2), "other");
    assert_eq!(harbor::plural::category("ru", 3), "few");
    assert_eq!(harbor::plural::category("ru", 5), "many");
    assert_eq!(harbor::plural::category("ar", 2), "two");
    assert_eq!(harbor::plural::category("zh-CN", 1), "other");
}

#[test]
fn the_index_is_built_off_the_thread_that_asks_for_it() {
    let spanish = pack("es");
    let english = pack("en");
    let lazy = LazyIndex::spawn(&spanish, Some(&english));
    assert!(
        lazy.ready().is_none(),
        "spawning returns at once; the first frame does not wait for the index"
    );
    // The background thread finishes on its own…
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while lazy.ready().is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "background build finished"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // …with the same index a direct build gives.
    let direct = SearchIndex::build(&spanish, Some(&english));
    let from_thread = lazy.get_or_build(&spanish, Some(&english));
    assert_eq!(from_thread.len(), direct.len());
    assert_eq!(
        from_thread.search("tatuajes", 5),
        direct.search("tatuajes", 5)
    );
    // A search before the thread is done builds (or waits for) the index itself.
    let early = LazyIndex::spawn(&spanish, Some(&english));
    assert_eq!(
        early
            .get_or_build(&spanish, Some(&english))
            .search("tatuajes", 5),
        direct.search("tatuajes", 5)
    );
}

#[test]
fn the_command_line_finds_an_institution_pack_contact() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("institution.ron"),
        r#"(contacts: [(id: "inst.sw", name: "Mercy Hospital Social Work", phone: "(617) 555-0142", category: Some("Social work"))])"#,
    )
    .expect("write");
    let institution = dir.path().to_str().expect("utf-8 path");
    let output = harbor(&["--search", "social work", "--institution", institution]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let first = stdout.lines().next().unwrap_or_default();
    assert!(first.starts_with("resources\t"), "{stdout}");
    assert!(first.contains("Mercy Hospital Social Work"), "{stdout}");
    let by_number = harbor(&["--search", "6175550142", "--institution", institution]);
    assert!(
        String::from_utf8_lossy(&by_number.stdout).contains("Mercy Hospital Social Work"),
        "the institution's number finds it"
    );
}

#[test]
fn a_phone_line_found_in_any_language_is_shown_with_its_service_name() {
    for locale in [
        "en", "es", "pt-BR", "ht", "zh-CN", "vi", "ru", "ar", "km", "fr",
    ] {
        let index = index(locale);
        let hits = index.search("617 343 6533", 10);
        assert!(!hits.is_empty(), "{locale}: the number finds nothing");
        for hit in &hits {
            if let Some(title) = hit.title {
                assert!(
                    !title.trim().is_empty(),
                    "{locale}: a result without its service's name: {hit:?}"
                );
            }
        }
        assert!(
            hits.iter()
                .any(|h| h.title.is_some_and(|t| !t.trim().is_empty())),
            "{locale}: no result names the service: {hits:?}"
        );
    }
}
/// Issue 23's done-when: in each of the ten languages, a word in that language finds the burn-reporting rule
/// (M.G.L. c. 112, § 12A) and the National Human Trafficking Hotline, matched in that language's own text.
#[test]
fn each_language_finds_the_burn_rule_and_the_national_hotline_by_its_own_words() {
    let cases: [(&str, &str, &str); 10] = [
        ("en", "burn", "trafficking hotline"),
        ("es", "quemadura", "línea de ayuda trata"),
        ("pt-BR", "queimadura", "linha direta tráfico de pessoas"),
        ("ht", "boule", "liy telefòn trafik moun"),
        ("zh-CN", "烧伤", "人口贩运 热线"),
        ("vi", "bỏng", "đường dây nóng mua bán người"),
        ("ru", "ожог", "горячая линия торговля людьми"),
        ("ar", "حرق", "الخط الساخن الاتجار بالبشر"),
        ("km", "រលាក", "ខ្សែទូរស័ព្ទជំនួយ"),
        ("fr", "brûlure", "ligne d’assistance traite"),
    ];
    let mut failures = Vec::new();
    for (locale, burn, hotline) in cases {
        let index = index(locale);
        let burn_hits = index.search(burn, 10);
        if !burn_hits.iter().any(|h| {
            (h.anchor == "rep.q.burn" || h.anchor == "rep.out.12a-burn")
                && h.matched_locale == locale
        }) {
            failures.push(format!(
                "{locale}: “{burn}” does not find the burn rule in {locale}: {burn_hits:?}"
            ));
        }
        let hotline_hits = index.search(hotline, 10);
        if !hotline_hits
            .iter()
            .any(|h| h.anchor.starts_with("res.national.polaris") && h.matched_locale == locale)
        {
            failures.push(format!(
                "{locale}: “{hotline}” does not find the National Human Trafficking Hotline in {locale}: {hotline_hits:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
