//! Fuzzes the content-pack loader: arbitrary bytes as each kind of content file and as a translation must give a
//! parse error or a value, never a panic; the validator must survive whatever parses.

#![no_main]

use harbor::content::load::{Source, parse};
use harbor::content::model::{
    IndicatorPack, Page, QuestionPack, ReportingRules, ResourcePack, SafetyPlanTemplate, Translation,
};
use harbor::content::texts::Texts;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let source = Source { file: "fuzz.ron".into(), text: text.to_owned() };
    if let Ok(page) = parse::<Page>(&source) {
        let _ = page.collect_texts();
    }
    let _ = parse::<IndicatorPack>(&source).map(|p| p.collect_texts());
    let _ = parse::<QuestionPack>(&source).map(|p| p.collect_texts());
    if let Ok(rules) = parse::<ReportingRules>(&source) {
        let _ = rules.outcomes(&Default::default());
        let _ = rules.collect_texts();
    }
    let _ = parse::<ResourcePack>(&source).map(|p| p.collect_texts());
    let _ = parse::<SafetyPlanTemplate>(&source).map(|p| p.collect_texts());
    let _ = parse::<Translation>(&source);
    let _ = harbor::content::validate::ids_with_lines(text);
});
