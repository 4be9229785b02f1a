//! The patient's copy: only what the patient chose to take home — the help line, the numbers and contacts they
//! want, the next appointment, the steps of their plan — in plain words and in the patient's language (with
//! English beside it if wanted). No risk assessment, no indicator, no worksheet wording: the section names and the
//! title are neutral, and the only metadata is that neutral title and the language.

use std::collections::BTreeMap;

use rust_i18n::t;

use super::ExportError;
use super::card::{HelpLine, line_name};
use super::pdf::{Block, Doc, Role, render};
use crate::content::load::is_reviewed;
pub use crate::take_home::PatientOptions;
use crate::vault::model::PlanValue;

/// The worksheet fields whose text may go into the patient's copy, by what they hold. Nothing else can.
const NUMBER_FIELDS: [&str; 2] = ["sp.closing.numbers", "sp.closing.referrals"];
const APPOINTMENT_FIELDS: [&str; 1] = ["sp.closing.follow-up"];
const STEP_FIELDS: [&str; 3] = ["sp.plan.staying", "sp.plan.leaving", "sp.plan.future"];

/// The entered text of the chosen fields, in worksheet order, empty ones left out.
fn entered<'a>(values: &'a BTreeMap<String, PlanValue>, fields: &[&str]) -> Vec<&'a str> {
    fields
        .iter()
        .filter_map(|id| match values.get(*id) {
            Some(PlanValue::Text(text)) if !text.trim().is_empty() => Some(text.trim()),
            _ => None,
        })
        .collect()
}

/// Builds the patient's copy. `entered_lang` is the language the worksheet was filled in (the interface's).
pub(crate) fn patient_doc(
    values: &BTreeMap<String, PlanValue>,
    options: &PatientOptions,
    line: Option<&HelpLine>,
    entered_lang: &str,
) -> Doc {
    let locale = options.locale.as_str();
    let beside = options.english_beside && locale != "en";
    let mut blocks = Vec::new();
    // One of Harbor's own lines: in the patient's language, and in English under it when asked.
    let own = |blocks: &mut Vec<Block>, role: Role, key: &str, size: f32, after: f32| {
        let text = t!(key, locale = locale).into_owned();
        if beside {
            blocks.push(Block::new(role, &text, locale, size).after(1.0));
            let english = t!(key, locale = "en").into_owned();
            blocks.push(Block::new(Role::Body, &english, "en", size * 0.75).after(after));
        } else {
            blocks.push(Block::new(role, &text, locale, size).after(after));
        }
    };
    own(
        &mut blocks,
        Role::Title,
        "takehome.patient_title",
        22.0,
        4.0,
    );
    if !is_reviewed(locale) {
        blocks.push(
            Block::new(
                Role::Body,
                &t!("language.not_reviewed_note", locale = locale),
                locale,
                8.0,
            )
            .after(10.0),
        );
    }
    if options.helpline
        && let Some(line) = line
    {
        let name = line_name(locale, options.discreet, &options.helpline_name);
        blocks.push(Block::new(Role::Heading, &name, locale, 15.0).after(4.0));
        let call = format!("{}: {}", t!("takehome.call", locale = locale), line.call);
        blocks.push(Block::new(Role::Body, &call, locale, 20.0).after(2.0));
        if let Some(text) = &line.text {
            let text = format!("{}: {text}", t!("takehome.text", locale = locale));
            blocks.push(Block::new(Role::Body, &text, locale, 20.0).after(4.0));
        }
        own(&mut blocks, Role::Body, "takehome.hours", 12.0, 2.0);
        own(&mut blocks, Role::Body, "takehome.languages", 12.0, 2.0);
        own(&mut blocks, Role::Body, "takehome.you_decide", 12.0, 14.0);
    }
    let sections = [
        (options.numbers, "takehome.numbers", &NUMBER_FIELDS[..]),
        (
            options.appointment,
            "takehome.appointment",
            &APPOINTMENT_FIELDS[..],
        ),
        (options.steps, "takehome.steps", &STEP_FIELDS[..]),
    ];
    for (wanted, heading, fields) in sections {
        let texts = entered(values, fields);
        if !wanted || texts.is_empty() {
            continue;
        }
        own(&mut blocks, Role::Heading, heading, 15.0, 4.0);
        for text in texts {
            blocks.push(
                Block::new(Role::Body, text, entered_lang, 13.0)
                    .indent(8.0)
                    .after(8.0),
            );
        }
        if let Some(last) = blocks.last_mut() {
            last.space_after += 8.0;
        }
    }
    Doc {
        title: t!("takehome.patient_title", locale = locale).into_owned(),
        lang: locale.to_owned(),
        every_page: None,
        blocks,
    }
}

/// Renders the patient's copy as PDF bytes.
pub fn patient_pdf(
    values: &BTreeMap<String, PlanValue>,
    options: &PatientOptions,
    line: Option<&HelpLine>,
    entered_lang: &str,
) -> Result<Vec<u8>, ExportError> {
    render(&patient_doc(values, options, line, entered_lang))
}
