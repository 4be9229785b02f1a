//! Every language is complete and renders: the same UI keys and placeholders in all ten locale files, no
//! user-facing literal in the source, every vault error translated, and every character of every locale covered by
//! a bundled font. Switching the language at runtime changes the labels.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use egui_kittest::kittest::Queryable;
use harbor::content::texts::Texts;
use harbor::content::{Content, load};
use harbor::i18n::LANGUAGES;

fn flatten(prefix: &str, value: &serde_yaml::Value, out: &mut BTreeMap<String, String>) {
    match value {
        serde_yaml::Value::Mapping(map) => {
            for (key, value) in map {
                let key = key.as_str().expect("string keys");
                let path = if prefix.is_empty() {
                    key.to_owned()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&path, value, out);
            }
        }
        serde_yaml::Value::String(text) => {
            out.insert(prefix.to_owned(), text.clone());
        }
        other => panic!("{prefix}: expected a string, found {other:?}"),
    }
}

/// A plural form other than `other` ("one", "few"…): each locale has the forms its plural rules use, so these keys
/// differ between locales and are checked by the search tests' plural test instead.
fn is_plural_form(key: &str) -> bool {
    ["zero", "one", "two", "few", "many"].iter().any(|form| {
        key.strip_suffix(form)
            .is_some_and(|k| k.ends_with(".count."))
    })
}

fn locale_strings(code: &str) -> BTreeMap<String, String> {
    let path = format!("locales/{code}.yml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let value: serde_yaml::Value =
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = BTreeMap::new();
    flatten("", &value, &mut out);
    out
}

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("%{")
        .skip(1)
        .filter_map(|rest| rest.split_once('}'))
        .map(|(name, _)| name.to_owned())
        .collect()
}

#[test]
fn every_locale_has_exactly_the_english_keys_and_placeholders() {
    let mut english = locale_strings("en");
    english.retain(|key, _| !is_plural_form(key));
    let files: BTreeSet<String> = std::fs::read_dir("locales")
        .expect("locales dir")
        .flatten()
        .map(|e| {
            e.file_name()
                .to_string_lossy()
                .trim_end_matches(".yml")
                .to_owned()
        })
        .collect();
    let expected: BTreeSet<String> = LANGUAGES.iter().map(|l| l.code.to_owned()).collect();
    assert_eq!(files, expected, "one locale file per shipped language");
    for language in LANGUAGES {
        let mut strings = locale_strings(language.code);
        strings.retain(|key, _| !is_plural_form(key));
        let missing: Vec<&String> = english
            .keys()
            .filter(|k| !strings.contains_key(*k))
            .collect();
        let extra: Vec<&String> = strings
            .keys()
            .filter(|k| !english.contains_key(*k))
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, extra {extra:?}",
            language.code
        );
        for (key, text) in &strings {
            assert_eq!(
                placeholders(text),
                placeholders(&english[key]),
                "{}: placeholders of {key}",
                language.code
            );
            assert!(!text.trim().is_empty(), "{}: {key} is empty", language.code);
        }
    }
}

/// Every `VaultError` variant (the library's exhaustive list, which does not compile while a variant is missing
/// from it) reaches the screen through the UI's own function as its locale's text: never the bare key, never the
/// English fallback standing in for a missing translation.
#[test]
fn every_vault_error_has_a_message_in_every_locale() {
    let _turn = common::take_turn();
    let errors = harbor::vault::VaultError::examples();
    let keys: BTreeSet<&str> = errors.iter().map(|e| e.message_key()).collect();
    assert_eq!(
        keys.len(),
        errors.len(),
        "two examples share a message key: one example line builds the wrong variant"
    );
    for language in LANGUAGES {
        let strings = locale_strings(language.code);
        rust_i18n::set_locale(language.code);
        for error in &errors {
            let key = error.message_key();
            let Some(text) = strings.get(key) else {
                rust_i18n::set_locale("en");
                panic!("{}: {key} ({error:?}) is not translated", language.code);
            };
            let shown = harbor::ui::vault_text::error_text(error);
            assert_eq!(&shown, text, "{}: {error:?}", language.code);
            assert!(
                shown != key && !shown.trim().is_empty(),
                "{}: {error:?} shows {shown:?}",
                language.code
            );
        }
    }
    rust_i18n::set_locale("en");
}

/// Literals that may appear in UI calls: the product name, symbols, and ids that are not shown as text.
const ALLOWED_LITERALS: &[&str] = &["Harbor", "•", "+", "↓", "✓", "Ctrl+L", ""];

/// Calls that put text on screen; a string literal right after one of them is a user-facing literal.
const UI_CALLS: &[&str] = &[
    ".label(\"",
    ".button(\"",
    ".small_button(\"",
    "RichText::new(\"",
    ".heading(\"",
    ".hint_text(\"",
    ".on_hover_text(\"",
    ".checkbox(",
    ".radio(",
    ".selectable_label(",
    ".menu_button(\"",
    "Label::new(\"",
    "paragraph(ui, \"",
];

#[test]
fn no_user_facing_literal_in_the_source() {
    let mut offenders = Vec::new();
    let mut stack = vec![Path::new("src").to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source file");
            for (number, line) in text.lines().enumerate() {
                for call in UI_CALLS {
                    let Some(position) = line.find(call) else {
                        continue;
                    };
                    let rest = &line[position + call.len()..];
                    let literal = if call.ends_with('"') {
                        rest.split('"').next()
                    } else {
                        // `checkbox(&mut value, "text")`: the literal, if any, follows the first argument.
                        rest.split_once(", \"")
                            .and_then(|(_, r)| r.split('"').next())
                    };
                    if let Some(literal) = literal
                        && literal.chars().any(char::is_alphabetic)
                        && !ALLOWED_LITERALS.contains(&literal)
                    {
                        offenders.push(format!("{}:{}: \"{literal}\"", path.display(), number + 1));
                    }
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "user-facing literals must go through t!():\n{}",
        offenders.join("\n")
    );
}

/// Characters that need no glyph: whitespace and invisible formatting marks.
fn needs_glyph(c: char) -> bool {
    !c.is_whitespace()
        && !c.is_control()
        && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
}

#[test]
fn every_character_of_every_locale_is_covered_by_a_bundled_font() {
    let ctx = egui::Context::default();
    harbor::i18n::install_fonts(&ctx);
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    // No renderer here: the font atlas upload is intentionally dropped.
    output.textures_delta.clear();
    let font = egui::FontId::proportional(16.0);
    assert!(
        !ctx.fonts_mut(|f| f.has_glyph(&font, '\u{1D11E}')),
        "the check must be able to fail (a musical symbol)"
    );
    assert!(
        ctx.fonts_mut(|f| f.has_glyph(&font, 'ក')),
        "Khmer is bundled"
    );
    for language in LANGUAGES {
        let mut text = String::from(language.native_name);
        text.extend(locale_strings(language.code).into_values());
        let (content, _) = load::load(language.code, None);
        for (_, _, string) in collect_all(&content) {
            text.push_str(&string);
        }
        let missing: BTreeSet<char> = text
            .chars()
            .filter(|c| needs_glyph(*c))
            .filter(|c| !ctx.fonts_mut(|f| f.has_glyph(&font, *c)))
            .collect();
        assert!(
            missing.is_empty(),
            "{}: no font covers {missing:?}",
            language.code
        );
    }
}

fn collect_all(content: &Content) -> Vec<(String, String, String)> {
    let mut all = content.overview.collect_texts();
    all.extend(content.health.collect_texts());
    all.extend(content.indicators.collect_texts());
    all.extend(content.questions.collect_texts());
    all.extend(content.response.collect_texts());
    all.extend(content.reporting.collect_texts());
    all.extend(content.resources.collect_texts());
    all.extend(content.safety_plan.collect_texts());
    all
}

/// The items (anchors) with a text whose English changed or was added since the translation
/// (`tests/data/translation_pending.txt`): shown in English, marked as such, until the translation step.
fn pending_anchors(content: &Content) -> Vec<String> {
    let keys: Vec<String> = std::fs::read_to_string("tests/data/translation_pending.txt")
        .expect("pending list")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('/').map(|(_, key)| key.trim().to_owned()))
        .collect();
    collect_all(content)
        .into_iter()
        .filter(|(key, _, _)| keys.contains(key))
        .map(|(_, anchor, _)| anchor)
        .collect()
}

#[test]
fn patient_facing_content_is_translated_in_every_locale() {
    let english = Content::builtin("en").expect("English");
    for language in LANGUAGES.iter().filter(|l| l.code != "en") {
        let content = Content::builtin(language.code).expect("content loads");
        let pending = pending_anchors(&content);
        for (key, anchor, text) in content
            .questions
            .collect_texts()
            .into_iter()
            .chain(content.resources.collect_texts())
            .chain(content.safety_plan.collect_texts())
        {
            assert!(
                !content.is_fallback(&anchor) || pending.contains(&anchor),
                "{}: {key} is shown in English",
                language.code
            );
            let _ = text;
        }
        assert!(
            !content.reviewed,
            "{}: translations are marked as not reviewed",
            language.code
        );
        let _ = &english;
    }
}

#[test]
fn narrative_is_translated_in_spanish_portuguese_creole_and_chinese() {
    for code in ["es", "pt-BR", "ht", "zh-CN"] {
        let content = Content::builtin(code).expect("content loads");
        let pending = pending_anchors(&content);
        let fallback: Vec<String> = collect_all(&content)
            .into_iter()
            .filter(|(_, anchor, _)| content.is_fallback(anchor) && !pending.contains(anchor))
            .map(|(_, anchor, _)| anchor)
            .collect();
        assert!(
            fallback.is_empty(),
            "{code}: shown in English: {fallback:?}"
        );
    }
}

#[test]
fn switching_language_at_runtime_changes_the_labels() {
    let mut harness = common::harness("en");
    harness.get_by_label("English").click();
    harness.run();
    harness.get_by_label_contains("Español").click();
    harness.run();
    assert!(
        harness.query_by_label("Indicadores").is_some(),
        "the Indicators tab is now in Spanish"
    );
    assert_eq!(harness.state().app().content().locale, "es");
    assert_eq!(
        harness.state().app().settings().locale.as_deref(),
        Some("es")
    );
}
