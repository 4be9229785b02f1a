//! Search results in the window: each labelled with its tab, the count with the right plural form, and, in a
//! non-English interface, a note when it was the English text that matched.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::common;

use egui_kittest::kittest::{NodeT, Queryable};
use harbor::ui::Tab;

/// The search box's label in `locale`.
fn search_label(locale: &str) -> String {
    let text = std::fs::read_to_string(format!("locales/{locale}.yml")).unwrap();
    let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    value["search"]["label"].as_str().unwrap().to_owned()
}

fn search(locale: &str, query: &str) -> egui_kittest::Harness<'static, common::TestApp> {
    let mut harness = common::harness(locale);
    let label = search_label(locale);
    harness.get_by_label(&label).click();
    harness.run();
    harness.get_by_label(&label).type_text(query);
    harness.run();
    harness
}

#[test]
fn sti_lists_the_infection_red_flag_first_with_its_tab_and_a_plural_count() {
    let mut harness = search("en", "STI");
    // Four results: "4 results", not "4 result".
    assert!(
        harness
            .query_all_by_label_contains("results —")
            .next()
            .is_some(),
        "a plural count"
    );
    assert!(
        harness
            .query_all_by_label_contains("stigma")
            .next()
            .is_none()
    );
    harness
        .get_all_by_label_contains("Recurrent sexually transmitted infections")
        .next()
        .expect("the red flag")
        .click();
    harness.run();
    assert_eq!(harness.state().app().tab(), Tab::Indicators);
}

#[test]
fn one_result_reads_one_result() {
    let harness = search("en", "6176994998");
    assert!(
        harness
            .query_all_by_label_contains("1 result —")
            .next()
            .is_some(),
        "“1 result”, not “1 results”"
    );
    assert!(
        harness
            .query_all_by_label_contains("My Life My Choice (Boston) — Phone (617) 699-4998")
            .next()
            .is_some(),
        "the number is shown with its organisation's name"
    );
}

#[test]
fn russian_counts_use_russian_plural_forms() {
    // One result: "1 результат".
    let harness = search("ru", "6176994998");
    assert!(
        harness
            .query_all_by_label_contains("1 результат —")
            .next()
            .is_some(),
        "singular"
    );
}

#[test]
fn vietnamese_without_tone_marks_finds_identity_documents() {
    let mut harness = search("vi", "giay to tuy than");
    harness
        .get_all_by_label_contains("Không thể xuất trình giấy tờ tùy thân")
        .next()
        .expect("the red flag, typed without tone marks")
        .click();
    harness.run();
    assert_eq!(harness.state().app().tab(), Tab::Indicators);
}

#[test]
fn an_english_word_in_a_spanish_interface_says_the_english_text_matched() {
    let harness = search("es", "tattoos ");
    assert!(
        harness
            .query_all_by_label_contains("Tatuajes u otras marcas")
            .next()
            .is_some(),
        "the Spanish item is shown"
    );
    assert!(
        harness
            .query_all_by_label_contains("(coincidió el texto en inglés)")
            .next()
            .is_some(),
        "and the note says the English text matched"
    );
    assert!(
        harness
            .query_all_by_label_contains("Indicadores")
            .next()
            .is_some(),
        "each result is labelled with its tab"
    );
}

#[test]
fn hotline_lists_the_national_hotline_once_with_its_snippet_and_tab() {
    let harness = search("en", "hotline");
    let links: Vec<String> = harness
        .query_all_by_role(egui::accesskit::Role::Link)
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    assert!(
        links
            .first()
            .is_some_and(|l| l.starts_with("National Human Trafficking Hotline")),
        "{links:#?}"
    );
    // One result for the hotline, not one for it and one for each of its numbers and notes.
    assert_eq!(
        links
            .iter()
            .filter(|l| {
                // The service and its numbers ("… — Phone (888) 373-7888"); the reporting helper's offer, a separate
                // item, names the line too.
                *l == "National Human Trafficking Hotline"
                    || l.starts_with("National Human Trafficking Hotline — ")
            })
            .count(),
        1,
        "{links:#?}"
    );
    assert!(harness.query_all_by_label("Resources").next().is_some());
}

#[test]
fn a_question_the_guide_cannot_answer_says_so_calmly_above_the_closest_results() {
    let unclear = "Nothing in the guide answers this clearly — closest:";
    let shows = |locale: &str, query: &str, note: &str| {
        // One harness at a time: each holds the UI lock until dropped.
        let harness = search(locale, query);
        harness.query_all_by_label_contains(note).next().is_some()
    };
    assert!(
        shows("en", "potassium replacement protocol", unclear),
        "the relevance floor's note"
    );
    // A question the guide answers: no such note, the answer first.
    assert!(!shows("en", "hotline", unclear));
    // Arabic: the note in the interface language.
    assert!(
        shows(
            "ar",
            "potassium replacement protocol",
            "لا يوجد في الدليل ما يجيب عن هذا بوضوح"
        ),
        "the Arabic note"
    );
}
