//! Writes translation templates: for each content file, every translatable English string keyed by its id, in the
//! `Translation` format of `content/<locale>/<file>.ron`. Translators copy a template and replace the texts.
//!
//! Usage: `cargo run --example export_strings -- OUT_DIR`

use std::collections::BTreeMap;

use harbor::content::model::Translation;
use harbor::content::texts::Texts;
use harbor::content::{Content, ContentFile};

fn strings<T: Texts + Clone>(value: &T) -> BTreeMap<String, String> {
    value
        .collect_texts()
        .into_iter()
        .map(|(key, _, text)| (key, text))
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "translation-templates".into());
    std::fs::create_dir_all(&out)?;
    let content = Content::builtin("en").map_err(|problems| format!("{problems:?}"))?;
    for file in ContentFile::ALL {
        let strings = match file {
            ContentFile::Overview => strings(&content.overview),
            ContentFile::Health => strings(&content.health),
            ContentFile::Indicators => strings(&content.indicators),
            ContentFile::Questions => strings(&content.questions),
            ContentFile::Response => strings(&content.response),
            ContentFile::Reporting => strings(&content.reporting),
            ContentFile::Resources => strings(&content.resources),
            ContentFile::SafetyPlan => strings(&content.safety_plan),
        };
        // The translator fills in who translated it and when; `--check-content` asks for it.
        let translation = Translation {
            reviewed: false,
            provenance: None,
            strings,
        };
        let text = ron::ser::to_string_pretty(&translation, ron::ser::PrettyConfig::default())?;
        std::fs::write(format!("{out}/{}.ron", file.stem()), text)?;
    }
    Ok(())
}
