//! Plural forms: CLDR plural rules pick the form of a counted phrase in each language ("1 result", "2 results";
//! Russian "1 результат", "2 результата", "5 результатов"; Arabic's six forms), which a `%{count}` in one string
//! cannot do.

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

/// The CLDR plural category of `count` in `locale`: "zero", "one", "two", "few", "many" or "other".
pub fn category(locale: &str, count: usize) -> &'static str {
    let rules_for = |tag: &str| {
        tag.parse::<LanguageIdentifier>()
            .ok()
            .and_then(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok())
    };
    // "pt-BR" has no rules of its own in the data: Portuguese's apply.
    let rules = rules_for(locale).or_else(|| rules_for(locale.split('-').next().unwrap_or(locale)));
    let Some(rules) = rules else {
        return "other";
    };
    match rules.select(count) {
        Ok(PluralCategory::ZERO) => "zero",
        Ok(PluralCategory::ONE) => "one",
        Ok(PluralCategory::TWO) => "two",
        Ok(PluralCategory::FEW) => "few",
        Ok(PluralCategory::MANY) => "many",
        Ok(PluralCategory::OTHER) | Err(_) => "other",
    }
}

/// The categories `locale` uses, so that tests can check a locale file has exactly those forms.
pub fn categories(locale: &str) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = (0..=1000).map(|n| category(locale, n)).collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The translated string `{key}.{category}` for `count` in the current interface language.
pub(crate) fn counted(key: &str, count: usize) -> String {
    let locale = rust_i18n::locale();
    let full = format!("{key}.{}", category(&locale, count));
    let text = rust_i18n::t!(&full, count = count);
    if text == full {
        // A locale file without this form: the general one reads better than a key.
        return rust_i18n::t!(&format!("{key}.other"), count = count).into_owned();
    }
    text.into_owned()
}
