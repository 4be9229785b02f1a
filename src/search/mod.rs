//! Search over every item of the guide: word-boundary tokens with the last one as a prefix while typing, case and
//! accent folding, stemming, character n-grams for Chinese and Khmer, synonyms from content data, typo tolerance,
//! phone numbers in any format, and BM25F ranking with field weights and an exact-phrase bonus.
//!
//! The index holds the active locale and English (so a clinician can type the English term they know), and any
//! extra [`Document`]s, such as an institution's own contacts, added with [`IndexBuilder::add_document`].

mod actions;
mod document;
mod lazy;
mod per_doc;
mod query;
mod results;
mod snippet;

use std::collections::{HashMap, HashSet};

use crate::analyze::{Piece, fold, phone_digits, pieces, stem, stemmer};
pub use crate::content::synonyms::{self, SynonymGroup, Synonyms};
pub use document::{Document, Field};
pub use lazy::LazyIndex;

use crate::content::{Content, ContentFile};

/// BM25 term-frequency saturation.
const K1: f32 = 2.0;

/// A field's kind, its term counts, and its length in tokens, while the index is built.
type FieldCounts = (Field, HashMap<u32, u32>, u32);

/// BM25 inverse document frequency of a term found in `df` of `total` documents.
fn idf(total: usize, df: usize) -> f32 {
    let (total, df) = (total as f32, df as f32);
    (1.0 + (total - df + 0.5) / (df + 0.5)).ln()
}

/// A search result: the tab and element to jump to, the text to show, and which language's text matched.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit<'a> {
    /// The content file (and so the tab) to show.
    pub file: ContentFile,
    /// Id of the element to scroll to.
    pub anchor: &'a str,
    /// The item's text to show, in the interface language where the item has it.
    pub text: &'a str,
    /// The name of the organisation when `text` is another of its texts (a number, a description).
    pub title: Option<&'a str>,
    /// Locale of the text that matched: English in a non-English interface when only the English text matched.
    pub matched_locale: &'a str,
    /// What the results list shows: the name (if any) and the text, cut around the first match.
    pub snippet: String,
    /// Byte ranges of `snippet` that matched the query, to highlight.
    pub highlights: Vec<std::ops::Range<usize>>,
    /// The section this item is shown under, when the section is a result too (ranked higher).
    pub group: Option<&'a str>,
    /// How much of the query the item matched: the share of the query's words (each weighed by how rare it is in
    /// the guide) found in it, 1.0 for a phone number typed.
    pub coverage: f32,
    pub(crate) score: f32,
}

/// Least [`Hit::coverage`] of a result that answers the query clearly. Below it the results list says that nothing
/// in the guide answers clearly and shows the closest items, rather than presenting noise as the answer.
pub const CLEAR_COVERAGE: f32 = 0.5;

impl Hit<'_> {
    /// Whether the item matched enough of the query to be offered as its answer (see [`CLEAR_COVERAGE`]).
    pub fn answers_clearly(&self) -> bool {
        self.coverage >= CLEAR_COVERAGE
    }
}

#[derive(Clone, Debug)]
struct FieldData {
    kind: Field,
    text: String,
    /// Folded words (and unspaced runs) joined by single spaces, for the exact-phrase bonus.
    normalized: String,
    /// Distinct terms of the field, sorted, to tell which field of a result matched.
    terms: Vec<u32>,
    /// The field's terms in order, to check that a phrase's words (or a Chinese word's n-grams) are adjacent.
    sequence: Vec<u32>,
}

#[derive(Clone, Debug)]
struct Doc {
    file: ContentFile,
    anchor: String,
    locale: u16,
    fields: Vec<FieldData>,
    /// The item this one is part of (the nearest id it extends, "a.b" for "a.b.c"), in the same language.
    parent: Option<u32>,
    /// The resource this is a note of: found, it is the resource that is the result.
    owner: Option<u32>,
    /// Number of this item's (file, anchor), the same in every language: ranking and grouping compare numbers, not
    /// strings, on every keystroke.
    key: u32,
    /// [`Doc::key`] of the thing a result for this item stands for: its resource for a note, else itself.
    thing: u32,
}

/// A folded surface form (a word as written, or an n-gram) and the term it is indexed under.
#[derive(Clone, Debug)]
struct Surface {
    text: String,
    term: u32,
    /// Words take part in typo tolerance; n-grams do not.
    word: bool,
}

/// A synonym group compiled to the keys a query is compared with.
#[derive(Clone, Debug)]
struct Concept {
    locale: u16,
    /// Each term of the group as keys: stems of words, or whole unspaced runs.
    terms: Vec<Vec<String>>,
    /// Per term, per piece: the keys it is looked up under in the index — its stem, and the word as written, so a
    /// group in a language whose guide is not translated yet can name English words ("burn" in Khmer's file).
    lookups: Vec<Vec<Vec<String>>>,
    tab: Option<ContentFile>,
    /// Items (every language's copy) that rank first when the group matched.
    boost: Vec<u32>,
}

/// The search index. Build it with [`SearchIndex::build`] or an [`IndexBuilder`]; off the UI thread with
/// [`LazyIndex`].
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    locales: Vec<String>,
    /// The interface locale: results show its text where an item has it.
    primary: u16,
    docs: Vec<Doc>,
    term_ids: HashMap<String, u32>,
    /// Per term: (document, saturated BM25F term frequency in that document), by document.
    postings: Vec<Vec<(u32, f32)>>,
    /// Per term: how rare it is (BM25 inverse document frequency).
    idf: Vec<f32>,
    /// Sorted by text, for prefix matching.
    surfaces: Vec<Surface>,
    /// Every word of the index and of the synonyms, sorted, for correcting typos.
    vocabulary: Vec<String>,
    /// Synonym terms written without spaces (Chinese, Khmer), longest first, found inside a query's runs:
    /// (text, concept, term).
    run_concepts: Vec<(String, usize, usize)>,
    phones: Vec<(u32, String)>,
    concepts: Vec<Concept>,
    ignore: HashSet<String>,
    /// App actions a query can name (synonym groups whose id starts with `action.`): id, each term's words as
    /// written, less ignored words.
    actions: Vec<(String, Vec<Vec<String>>)>,
    corrections: Corrections,
    /// How many distinct (file, anchor) keys there are ([`Doc::key`]).
    things: usize,
    /// Per ([`Doc::key`], locale): the document, to show a result's text in the interface language.
    by_key: HashMap<(u32, u16), u32>,
}

/// Typo corrections already worked out, by (word, typing): while the rest of a query is typed, a misspelt word
/// is corrected once, not at every keystroke (nor at every frame that shows the results).
#[derive(Debug, Default)]
struct Corrections(std::sync::Mutex<HashMap<(String, bool), Option<String>>>);

impl Clone for Corrections {
    fn clone(&self) -> Self {
        Self::default()
    }
}

/// Most corrections remembered; the memory is cleared beyond this.
const MAX_CORRECTIONS: usize = 1024;

/// While building: per locale, each folded word's term (so each word is stemmed once).
type WordTerms = HashMap<(u16, String), u32>;

/// Collects documents and synonyms, then builds a [`SearchIndex`].
#[derive(Clone, Debug, Default)]
pub struct IndexBuilder {
    primary: Option<String>,
    documents: Vec<Document>,
    synonyms: Vec<Synonyms>,
}

impl IndexBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every item of a content pack and its locale's synonyms. The first pack added is the interface language.
    pub fn add_content(&mut self, content: &Content) -> &mut Self {
        self.primary.get_or_insert_with(|| content.locale.clone());
        self.documents.extend(document::documents(content));
        self.synonyms.push(content.synonyms.clone());
        self
    }

    /// Any other searchable item, e.g. an institution pack's contacts (with `file: ContentFile::Resources`).
    pub fn add_document(&mut self, document: Document) -> &mut Self {
        self.primary.get_or_insert_with(|| document.locale.clone());
        self.documents.push(document);
        self
    }

    /// Stems and indexes everything added; the first language added is the interface language.
    pub fn build(self) -> SearchIndex {
        let IndexBuilder {
            primary,
            documents,
            synonyms,
        } = self;
        let (english, mut translated): (Vec<Document>, Vec<Document>) =
            documents.into_iter().partition(|d| d.locale == "en");
        document::blank_english_copies(&mut translated, &english);
        let mut index = SearchIndex::default();
        let primary = primary.unwrap_or_else(|| "en".to_owned());
        index.primary = index.locale_id(&primary);
        // The interface language's documents first: on equal scores, results keep display order in that language.
        let (first, second) = if primary == "en" {
            (english, translated)
        } else {
            (translated, english)
        };
        let mut lengths: HashMap<Field, (f32, f32)> = HashMap::new();
        let mut counts: Vec<Vec<FieldCounts>> = Vec::new();
        let mut word_terms = WordTerms::new();
        for document in first.into_iter().chain(second) {
            let (doc, fields) = index.analyze(document, &mut word_terms);
            for (kind, _, length) in &fields {
                let entry = lengths.entry(*kind).or_insert((0.0, 0.0));
                entry.0 += *length as f32;
                entry.1 += 1.0;
            }
            counts.push(fields);
            index.docs.push(doc);
        }
        index.weigh(&counts, &lengths);
        index.link_parents();
        index.number_things();
        let mut by_id: HashMap<String, Vec<u32>> = HashMap::new();
        for (n, doc) in index.docs.iter().enumerate() {
            by_id
                .entry(doc.anchor.clone())
                .or_default()
                .push(u32::try_from(n).unwrap_or(u32::MAX));
        }
        for group_set in &synonyms {
            index.add_concepts(group_set, &by_id);
        }
        index
            .surfaces
            .sort_by(|a, b| a.text.cmp(&b.text).then(a.term.cmp(&b.term)));
        index
            .surfaces
            .dedup_by(|a, b| a.text == b.text && a.term == b.term);
        let words = index
            .surfaces
            .iter()
            .filter(|s| s.word)
            .map(|s| s.text.clone());
        index.vocabulary.extend(words);
        index.vocabulary.sort_unstable();
        index.vocabulary.dedup();
        index
            .run_concepts
            .sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.cmp(b)));
        index
    }
}

/// The index `harbor --search` uses: the pack in `locale` (and English) with `jurisdiction`'s rules and resources,
/// and an institution's directory merged into the resources as the app does, so its contacts are found too.
/// Problems with the institution or jurisdiction pack are returned for the caller to print.
pub fn command_line_index(
    locale: &str,
    content_dir: Option<&std::path::Path>,
    institution_dir: Option<&std::path::Path>,
    jurisdiction: crate::content::Jurisdiction,
) -> (SearchIndex, Vec<crate::content::Problem>) {
    let mut problems = Vec::new();
    let institution =
        institution_dir.and_then(|dir| match crate::content::institution::load(dir) {
            Ok(pack) => Some(pack),
            Err(found) => {
                problems.extend(found);
                None
            }
        });
    let load = |locale: &str| {
        let mut content =
            crate::content::jurisdiction::load_content(jurisdiction, locale, content_dir).0;
        if let Some(pack) = &institution {
            let title = rust_i18n::t!("deploy.institution.title", locale = locale);
            crate::content::institution::merge_into(&mut content, pack, &title);
        }
        content
    };
    let content = load(locale);
    let english = (locale != "en").then(|| load("en"));
    (SearchIndex::build(&content, english.as_ref()), problems)
}

impl SearchIndex {
    /// Indexes `content`; when `english` is given (a non-English interface), the English texts are searchable too.
    pub fn build(content: &Content, english: Option<&Content>) -> Self {
        let mut builder = IndexBuilder::new();
        builder.add_content(content);
        if let Some(english) = english {
            builder.add_content(english);
        }
        builder.build()
    }

    /// Forgets remembered typo corrections, so that a benchmark measures typing a query from the start.
    pub fn forget_corrections(&self) {
        if let Ok(mut memory) = self.corrections.0.lock() {
            memory.clear();
        }
    }

    /// Number of indexed items (per language).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    fn locale_id(&mut self, locale: &str) -> u16 {
        if let Some(n) = self.locales.iter().position(|l| l == locale) {
            return u16::try_from(n).unwrap_or(u16::MAX);
        }
        self.locales.push(locale.to_owned());
        u16::try_from(self.locales.len() - 1).unwrap_or(u16::MAX)
    }

    fn term_id(&mut self, key: &str) -> u32 {
        if let Some(id) = self.term_ids.get(key) {
            return *id;
        }
        let id = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
        self.term_ids.insert(key.to_owned(), id);
        self.postings.push(Vec::new());
        id
    }

    /// Tokenizes a document; returns it with, per field, the term counts and the field's length in tokens.
    fn analyze(
        &mut self,
        document: Document,
        word_terms: &mut WordTerms,
    ) -> (Doc, Vec<FieldCounts>) {
        let locale = self.locale_id(&document.locale);
        let stemmer = stemmer(&document.locale);
        let doc_id = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        let mut fields = Vec::new();
        let mut counts = Vec::new();
        for (kind, text) in document.fields {
            let folded = fold(&text);
            let mut tf: HashMap<u32, u32> = HashMap::new();
            let mut length = 0;
            let mut normalized = Vec::new();
            let mut sequence = Vec::new();
            for piece in pieces(&folded) {
                match piece {
                    Piece::Word(word) => {
                        let key = (locale, word);
                        let term = match word_terms.get(&key) {
                            Some(term) => *term,
                            None => {
                                let term = self.term_id(&stem(stemmer.as_ref(), &key.1));
                                self.surfaces.push(Surface {
                                    text: key.1.clone(),
                                    term,
                                    word: true,
                                });
                                word_terms.insert(key.clone(), term);
                                term
                            }
                        };
                        sequence.push(term);
                        *tf.entry(term).or_default() += 1;
                        length += 1;
                        normalized.push(key.1);
                    }
                    Piece::Run(run) => {
                        for gram in run.index_grams() {
                            let known = self.term_ids.contains_key(&gram);
                            let term = self.term_id(&gram);
                            if !known {
                                self.surfaces.push(Surface {
                                    text: gram,
                                    term,
                                    word: false,
                                });
                            }
                            sequence.push(term);
                            *tf.entry(term).or_default() += 1;
                            length += 1;
                        }
                        normalized.push(run.chars.iter().collect());
                    }
                }
            }
            if kind == Field::Phone {
                let digits = phone_digits(&text);
                if digits.len() >= 3 {
                    self.phones.push((doc_id, digits));
                }
            }
            let mut terms: Vec<u32> = tf.keys().copied().collect();
            terms.sort_unstable();
            counts.push((kind, tf, length));
            fields.push(FieldData {
                kind,
                text,
                normalized: normalized.join(" "),
                terms,
                sequence,
            });
        }
        let doc = Doc {
            file: document.file,
            anchor: document.anchor,
            locale,
            fields,
            parent: None,
            owner: None,
            key: 0,
            thing: 0,
        };
        (doc, counts)
    }

    /// BM25F: each field's term frequency, normalised by that kind of field's average length and weighted by the
    /// kind, summed per document, then saturated and multiplied by the term's rarity.
    fn weigh(&mut self, counts: &[Vec<FieldCounts>], lengths: &HashMap<Field, (f32, f32)>) {
        for (doc_id, fields) in counts.iter().enumerate() {
            let doc_id = u32::try_from(doc_id).unwrap_or(u32::MAX);
            let mut weighted: HashMap<u32, f32> = HashMap::new();
            for (kind, tf, length) in fields {
                let average = lengths
                    .get(kind)
                    .map_or(1.0, |(sum, n)| (sum / n.max(1.0)).max(1.0));
                let b = kind.length_normalisation();
                let norm = 1.0 - b + b * (*length as f32) / average;
                for (term, count) in tf {
                    *weighted.entry(*term).or_default() += kind.weight() * (*count as f32) / norm;
                }
            }
            for (term, wtf) in weighted {
                if let Some(list) = self.postings.get_mut(term as usize) {
                    list.push((doc_id, wtf));
                }
            }
        }
        let total = self.docs.len();
        self.idf.clear();
        for list in &mut self.postings {
            list.sort_unstable_by_key(|(doc, _)| *doc);
            self.idf.push(idf(total, list.len()));
            for (_, score) in list.iter_mut() {
                *score = *score * (K1 + 1.0) / (K1 + *score);
            }
        }
    }

    /// Each item's parent (the nearest item whose id its id extends) and, for a resource's notes, the resource.
    fn link_parents(&mut self) {
        // Only while building: a result's copy in another language is found by number ([`SearchIndex::by_key`]).
        let mut by_anchor: HashMap<(ContentFile, &str, u16), u32> = HashMap::new();
        for (n, doc) in self.docs.iter().enumerate() {
            by_anchor.insert(
                (doc.file, doc.anchor.as_str(), doc.locale),
                u32::try_from(n).unwrap_or(u32::MAX),
            );
        }
        let mut links = Vec::with_capacity(self.docs.len());
        for doc in &self.docs {
            let mut parent = None;
            let mut prefix = doc.anchor.as_str();
            while let Some(dot) = prefix.rfind('.') {
                prefix = &prefix[..dot];
                if let Some(found) = by_anchor.get(&(doc.file, prefix, doc.locale)) {
                    parent = Some(*found);
                    break;
                }
            }
            let owner = parent.filter(|p| {
                self.docs
                    .get(*p as usize)
                    .and_then(|d| d.fields.first())
                    .is_some_and(|f| f.kind == Field::Name)
            });
            links.push((parent, owner));
        }
        for (doc, (parent, owner)) in self.docs.iter_mut().zip(links) {
            doc.parent = parent;
            doc.owner = owner;
        }
    }

    /// Numbers every (file, anchor) ([`Doc::key`]) and each item's thing ([`Doc::thing`]).
    fn number_things(&mut self) {
        let mut keys: HashMap<(ContentFile, &str), u32> = HashMap::new();
        let mut numbered = Vec::with_capacity(self.docs.len());
        for doc in &self.docs {
            let next = u32::try_from(keys.len()).unwrap_or(u32::MAX);
            numbered.push(*keys.entry((doc.file, doc.anchor.as_str())).or_insert(next));
        }
        self.things = keys.len();
        for (n, (doc, key)) in self.docs.iter_mut().zip(&numbered).enumerate() {
            doc.key = *key;
            self.by_key
                .insert((*key, doc.locale), u32::try_from(n).unwrap_or(u32::MAX));
        }
        for n in 0..self.docs.len() {
            let owner = self.docs[n].owner.and_then(|o| numbered.get(o as usize));
            self.docs[n].thing = owner.copied().unwrap_or(numbered[n]);
        }
    }

    fn add_concepts(&mut self, synonyms: &Synonyms, by_id: &HashMap<String, Vec<u32>>) {
        for term in synonyms.groups.iter().flat_map(|g| &g.terms) {
            for piece in pieces(&fold(term)) {
                if let Piece::Word(word) = piece {
                    self.vocabulary.push(word);
                }
            }
        }
        let locale = self.locale_id(&synonyms.locale);
        let stemmer = stemmer(&synonyms.locale);
        for word in &synonyms.ignore {
            self.ignore.insert(fold(word.trim()));
        }
        for group in &synonyms.groups {
            if group.id.starts_with(synonyms::ACTION_PREFIX) {
                let terms = group
                    .terms
                    .iter()
                    .map(|term| {
                        let kept: Vec<Piece> = pieces(&fold(term))
                            .into_iter()
                            .filter(|p| !matches!(p, Piece::Word(w) if self.ignore.contains(w)))
                            .collect();
                        actions::words(&kept)
                    })
                    .filter(|words| !words.is_empty())
                    .collect();
                self.actions.push((group.id.clone(), terms));
                continue;
            }
            let (terms, lookups): (Vec<Vec<String>>, Vec<Vec<Vec<String>>>) = group
                .terms
                .iter()
                .map(|term| {
                    let term_pieces = pieces(&fold(term));
                    let lookups = term_pieces
                        .iter()
                        .map(|piece| {
                            let mut keys = vec![
                                query::keys(std::slice::from_ref(piece), stemmer.as_ref()).concat(),
                            ];
                            if let Piece::Word(word) = piece
                                && !keys.contains(word)
                            {
                                keys.push(word.clone());
                            }
                            keys
                        })
                        .collect();
                    (query::keys(&term_pieces, stemmer.as_ref()), lookups)
                })
                .filter(|(keys, _)| !keys.is_empty())
                .unzip();
            let boost: Vec<u32> = group
                .boost
                .iter()
                .filter_map(|id| by_id.get(id))
                .flatten()
                .copied()
                .collect();
            if terms.len() >= 2 {
                for (n, keys) in terms.iter().enumerate() {
                    if let [key] = keys.as_slice()
                        && matches!(pieces(key).as_slice(), [Piece::Run(_)])
                    {
                        self.run_concepts
                            .push((key.clone(), self.concepts.len(), n));
                    }
                }
                self.concepts.push(Concept {
                    locale,
                    terms,
                    lookups,
                    tab: group.tab.as_deref().and_then(ContentFile::from_stem),
                    boost,
                });
            }
        }
    }
}
