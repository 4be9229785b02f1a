//! Turning a content pack into searchable documents: one per item (anchor), each field weighted by what it is.

use std::collections::HashMap;

use crate::content::model::{Block, Section};
use crate::content::texts::Texts;
use crate::content::{Content, ContentFile};

/// What a piece of text is, which sets how much a match in it counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// Section, group and outcome titles.
    Heading,
    /// A red-flag indicator.
    RedFlag,
    /// A sample question (or statement) to say to a patient, or a reporting-rule question.
    Question,
    /// An organisation's name.
    Name,
    /// A contact's label with its number.
    Phone,
    /// A statute citation with the outcome it belongs to.
    Statute,
    /// Short labels: a website, a safety-plan field, a table header.
    Label,
    /// Paragraphs, list items and table cells.
    Narrative,
}

impl Field {
    /// BM25F weight: headings, red flags, questions, names and numbers count more than narrative.
    pub(crate) fn weight(self) -> f32 {
        match self {
            Self::Heading | Self::Name => 3.0,
            Self::Phone => 2.5,
            Self::RedFlag | Self::Statute => 2.5,
            Self::Question => 2.0,
            Self::Label => 1.5,
            Self::Narrative => 1.0,
        }
    }

    /// BM25 length normalisation: a long paragraph that mentions a word once is less about it than a short one,
    /// but a longer name or title is not less about its words.
    pub(crate) fn length_normalisation(self) -> f32 {
        match self {
            Self::Narrative => 0.75,
            // A long name is not less about its words: "… Resource Center Hotline" is as much a hotline as
            // "SafeLink — Statewide Hotline".
            Self::Name | Self::Phone | Self::Label => 0.0,
            Self::Heading | Self::RedFlag | Self::Question | Self::Statute => 0.3,
        }
    }
}

/// One searchable item: where it is (tab and anchor), in which language, and its texts.
///
/// Anything can be added to an index as documents — an institution pack's contacts, for instance — through
/// [`super::IndexBuilder::add_document`].
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The content file (and so the tab) the item is in.
    pub file: ContentFile,
    /// Id of the element the app scrolls to.
    pub anchor: String,
    /// Locale of the texts (decides the stemmer and the "matched the English text" marker).
    pub locale: String,
    /// The item's texts, each with the kind of text it is (weights relevance).
    pub fields: Vec<(Field, String)>,
}

/// Keys whose texts are more than narrative.
fn field_kinds(content: &Content) -> HashMap<String, Field> {
    let mut kinds = HashMap::new();
    let sections = |sections: &[Section], kinds: &mut HashMap<String, Field>| {
        for section in sections {
            kinds.insert(section.id.clone(), Field::Heading);
            for block in &section.blocks {
                if let Block::Table { id, columns, .. } = block {
                    for n in 0..columns.len() {
                        kinds.insert(format!("{id}.col{n}"), Field::Label);
                    }
                }
            }
        }
    };
    sections(&content.overview.sections, &mut kinds);
    sections(&content.health.sections, &mut kinds);
    sections(&content.response.sections, &mut kinds);
    sections(&content.reporting.sections, &mut kinds);
    sections(&content.questions.framing, &mut kinds);
    for group in &content.indicators.groups {
        kinds.insert(group.id.clone(), Field::Heading);
        for item in &group.indicators {
            kinds.insert(item.id.clone(), Field::RedFlag);
        }
    }
    for item in &content.questions.statements {
        kinds.insert(item.id.clone(), Field::Question);
    }
    for group in &content.questions.groups {
        kinds.insert(group.id.clone(), Field::Heading);
        for item in &group.questions {
            kinds.insert(item.id.clone(), Field::Question);
        }
    }
    for group in &content.resources.groups {
        kinds.insert(group.id.clone(), Field::Heading);
        for resource in &group.resources {
            for contact in &resource.contacts {
                kinds.insert(contact.id.clone(), Field::Phone);
            }
        }
    }
    for question in &content.reporting.questions {
        kinds.insert(question.id.clone(), Field::Question);
    }
    for outcome in &content.reporting.outcomes {
        kinds.insert(outcome.id.clone(), Field::Heading);
        for contact in &outcome.contacts {
            kinds.insert(contact.id.clone(), Field::Phone);
        }
    }
    for section in &content.safety_plan.sections {
        kinds.insert(section.id.clone(), Field::Heading);
        for field in &section.fields {
            kinds.insert(field.id.clone(), Field::Label);
        }
    }
    kinds
}

/// Builds the documents of one file, in display order, grouping its strings by anchor.
struct Collector<'a> {
    locale: &'a str,
    kinds: HashMap<String, Field>,
    numbers: HashMap<&'a str, &'a str>,
    documents: Vec<Document>,
    positions: HashMap<(ContentFile, String), usize>,
}

impl Collector<'_> {
    fn push(&mut self, file: ContentFile, anchor: &str, field: Field, text: String) {
        let key = (file, anchor.to_owned());
        let index = *self.positions.entry(key).or_insert_with(|| {
            self.documents.push(Document {
                file,
                anchor: anchor.to_owned(),
                locale: self.locale.to_owned(),
                fields: Vec::new(),
            });
            self.documents.len() - 1
        });
        self.documents[index].fields.push((field, text));
    }

    fn add<T: Texts + Clone>(&mut self, file: ContentFile, value: &T) {
        for (key, anchor, text) in value.collect_texts() {
            let field = self.kinds.get(&key).copied().unwrap_or(Field::Narrative);
            let text = match self.numbers.get(key.as_str()) {
                Some(number) => format!("{text} {number}"),
                None => text,
            };
            self.push(file, &anchor, field, text);
        }
    }
}

/// Every item of `content` as a document. Names, numbers, websites and statutes, which are not translated (so the
/// translation walk skips them), are added to their items here.
pub(crate) fn documents(content: &Content) -> Vec<Document> {
    let resources = content.resources.groups.iter().flat_map(|g| &g.resources);
    let mut numbers: HashMap<&str, &str> = HashMap::new();
    for contact in resources
        .clone()
        .flat_map(|r| &r.contacts)
        .chain(content.reporting.outcomes.iter().flat_map(|o| &o.contacts))
    {
        numbers.insert(&contact.id, &contact.number);
    }
    let mut collector = Collector {
        locale: &content.locale,
        kinds: field_kinds(content),
        numbers,
        documents: Vec::new(),
        positions: HashMap::new(),
    };
    // The name comes first: it is what a result shows for an organisation. A renamed service is found by both
    // names, its current one first.
    for resource in resources.clone() {
        collector.push(
            ContentFile::Resources,
            &resource.id,
            Field::Name,
            resource.shown_name().to_owned(),
        );
        if let Some(old) = resource.guidebook_name_if_renamed() {
            collector.push(
                ContentFile::Resources,
                &resource.id,
                Field::Name,
                old.to_owned(),
            );
        }
    }
    collector.add(ContentFile::Overview, &content.overview);
    collector.add(ContentFile::Health, &content.health);
    collector.add(ContentFile::Indicators, &content.indicators);
    collector.add(ContentFile::Questions, &content.questions);
    collector.add(ContentFile::Response, &content.response);
    collector.add(ContentFile::Reporting, &content.reporting);
    collector.add(ContentFile::Resources, &content.resources);
    collector.add(ContentFile::SafetyPlan, &content.safety_plan);
    for resource in resources {
        if let Some(website) = &resource.website {
            collector.push(
                ContentFile::Resources,
                &resource.id,
                Field::Label,
                website.clone(),
            );
        }
    }
    for outcome in &content.reporting.outcomes {
        if let Some(statute) = &outcome.statute {
            collector.push(
                ContentFile::Reporting,
                &outcome.id,
                Field::Statute,
                statute.clone(),
            );
        }
    }
    collector.documents
}

/// Blanks the fields of a translated document that are still the English text (untranslated, or names and
/// numbers), so that a match in them counts as an English match and is not counted twice.
pub(crate) fn blank_english_copies(translated: &mut [Document], english: &[Document]) {
    let english: HashMap<(ContentFile, &str), &Document> = english
        .iter()
        .map(|d| ((d.file, d.anchor.as_str()), d))
        .collect();
    for document in translated {
        let Some(original) = english.get(&(document.file, document.anchor.as_str())) else {
            continue;
        };
        for (n, (_, text)) in document.fields.iter_mut().enumerate() {
            if original.fields.get(n).is_some_and(|(_, e)| e == text) {
                text.clear();
            }
        }
    }
}
