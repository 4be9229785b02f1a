//! One search index over every item of the active locale (and English), ranked, fast enough to run per keystroke.

use super::texts::Texts;
use super::{Content, ContentFile};

/// A searchable string and where it lives.
#[derive(Clone, Debug)]
struct Entry {
    file: ContentFile,
    anchor: String,
    text: String,
    folded: String,
    /// Extra rank for entries people look for by name (organisations, numbers, statutes).
    boost: u32,
}

/// A search result: the file (tab) and the element to scroll to.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit<'a> {
    pub file: ContentFile,
    pub anchor: &'a str,
    pub text: &'a str,
    score: u32,
}

/// Search index built once per locale switch.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// Rank added to the entry that carries an organisation's own name, number or a statute, so that searching
/// "SafeLink" lists SafeLink's card before the places that mention it.
const NAME_BOOST: u32 = 5;

/// Case-folds for matching; keeps it cheap so that building the index stays well under a frame.
fn fold(text: &str) -> String {
    text.to_lowercase()
}

impl SearchIndex {
    /// Indexes `content`; when `english` is given (a non-English locale), English texts are searchable too so that
    /// a clinician can type the English term they know.
    pub fn build(content: &Content, english: Option<&Content>) -> Self {
        let mut index = Self::default();
        index.add_content(content);
        if let Some(english) = english {
            index.add_content(english);
        }
        index
    }

    fn add_content(&mut self, content: &Content) {
        self.add(ContentFile::Overview, &content.overview);
        self.add(ContentFile::Health, &content.health);
        self.add(ContentFile::Indicators, &content.indicators);
        self.add(ContentFile::Questions, &content.questions);
        self.add(ContentFile::Response, &content.response);
        self.add(ContentFile::Reporting, &content.reporting);
        self.add(ContentFile::Resources, &content.resources);
        self.add(ContentFile::SafetyPlan, &content.safety_plan);
        // Names, numbers and statutes are not translated, so the text walk skips them; people search for them most.
        for resource in content.resources.groups.iter().flat_map(|g| &g.resources) {
            self.push(
                ContentFile::Resources,
                &resource.id,
                &resource.name,
                NAME_BOOST,
            );
            for contact in &resource.contacts {
                let text = format!("{} {}", contact.label, contact.number);
                self.push(ContentFile::Resources, &resource.id, &text, NAME_BOOST);
            }
            if let Some(website) = &resource.website {
                self.push(ContentFile::Resources, &resource.id, website, NAME_BOOST);
            }
        }
        for outcome in &content.reporting.outcomes {
            if let Some(statute) = &outcome.statute {
                let text = format!("{statute} — {}", outcome.title);
                self.push(ContentFile::Reporting, &outcome.id, &text, NAME_BOOST);
            }
        }
    }

    fn add<T: Texts + Clone>(&mut self, file: ContentFile, value: &T) {
        for (_key, anchor, text) in value.collect_texts() {
            self.push(file, &anchor, &text, 0);
        }
    }

    fn push(&mut self, file: ContentFile, anchor: &str, text: &str, boost: u32) {
        let already = self
            .entries
            .iter()
            .any(|e| e.anchor == anchor && e.text == text);
        if !already && !text.trim().is_empty() {
            let folded = fold(text);
            self.entries.push(Entry {
                file,
                anchor: anchor.to_owned(),
                text: text.to_owned(),
                folded,
                boost,
            });
        }
    }

    /// Number of indexed strings.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Items containing every word of `query`, best first, at most `limit`, one per anchor.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit<'_>> {
        let folded_query = fold(query);
        let terms: Vec<&str> = folded_query.split_whitespace().collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit<'_>> = Vec::new();
        for entry in &self.entries {
            let Some(score) = score(&entry.folded, &terms).map(|s| s + entry.boost) else {
                continue;
            };
            if let Some(existing) = hits.iter_mut().find(|h| h.anchor == entry.anchor) {
                if score > existing.score {
                    existing.score = score;
                    existing.text = &entry.text;
                }
                continue;
            }
            hits.push(Hit {
                file: entry.file,
                anchor: &entry.anchor,
                text: &entry.text,
                score,
            });
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.text.len().cmp(&b.text.len())));
        hits.truncate(limit);
        hits
    }
}

/// Scores a folded text against folded terms; `None` unless every term occurs.
fn score(folded: &str, terms: &[&str]) -> Option<u32> {
    let mut total = 0;
    for term in terms {
        let position = folded.find(term)?;
        let at_word_start = position == 0
            || !folded[..position]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        total += if at_word_start { 3 } else { 1 };
    }
    // Short texts (a title, an indicator) that match are more likely what the user means than a long paragraph.
    let brevity = u32::try_from(200_usize.saturating_sub(folded.len()) / 50).unwrap_or(0);
    Some(total * 10 + brevity)
}
