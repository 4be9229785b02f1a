//! The line under each tab says what is true of the text shown: a translation says who translated it and that
//! no medical translator has reviewed it yet, and never shows the English text's review dates as its own.

use egui_kittest::kittest::{NodeT, Queryable};
use harbor::content::{Content, ContentFile};

use crate::common::{self, ui_string};

const LOCALES: [&str; 10] = [
    "en", "es", "pt-BR", "ht", "zh-CN", "vi", "ru", "ar", "km", "fr",
];

/// The tabs with a provenance line, with their file and the label key of their tab button.
const TABS: [(ContentFile, &str); 7] = [
    (ContentFile::Overview, "tab.overview"),
    (ContentFile::Health, "tab.health"),
    (ContentFile::Indicators, "tab.indicators"),
    (ContentFile::Questions, "tab.questions"),
    (ContentFile::Response, "tab.response"),
    (ContentFile::Reporting, "tab.reporting"),
    (ContentFile::Resources, "tab.resources"),
];

/// The part of a dated line's translation before its date ("Última revisión: ").
fn before_date(locale: &str, key: &str) -> String {
    let text = ui_string(locale, key);
    text.split("%{date}").next().unwrap().trim().to_owned()
}

fn texts(harness: &egui_kittest::Harness<'static, common::TestApp>) -> Vec<String> {
    harness
        .query_all(egui_kittest::kittest::by().predicate(|_| true))
        .flat_map(|node| {
            let node = node.accesskit_node();
            [node.label(), node.value()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_tab_in_every_language_says_who_translated_it_and_shows_no_english_review_date_as_its_own()
{
    let mut translated_tabs = 0;
    for locale in LOCALES {
        let content = Content::builtin(locale).unwrap();
        let draft = ui_string(locale, "guidance.translated_draft");
        let english_dates = [
            before_date(locale, "guidance.last_reviewed"),
            before_date(locale, "guidance.project_checked"),
            before_date(locale, "guidance.project_checked_statutes"),
        ];
        let mut harness = common::harness(locale);
        for (file, tab) in TABS {
            harness.get_by_label(&ui_string(locale, tab)).click();
            harness.run();
            let shown = texts(&harness);
            let from = before_date(locale, "guidance.from_source")
                .split("%{year}")
                .next()
                .unwrap()
                .trim()
                .to_owned();
            let line = shown
                .iter()
                .find(|text| text.starts_with(&from))
                .unwrap_or_else(|| panic!("{locale} {tab}: no provenance line"));
            match content.translations.get(&file) {
                Some(note) => {
                    translated_tabs += 1;
                    assert!(
                        !note.reviewed,
                        "{locale} {tab}: no translation is reviewed yet"
                    );
                    assert!(line.contains(&draft), "{locale} {tab}: “{line}”");
                    for english in &english_dates {
                        assert!(
                            !line.contains(english.as_str()),
                            "{locale} {tab}: the English text's review shown as the translation's: “{line}”"
                        );
                    }
                }
                None => {
                    assert!(!line.contains(&draft), "{locale} {tab}: “{line}”");
                }
            }
        }
    }
    // es, pt-BR, ht and zh-CN translate all seven; vi, ru, ar, km and fr at least Indicators, Questions, Resources.
    assert!(translated_tabs >= 4 * 7 + 5 * 3, "{translated_tabs}");
}
