//! Ranking a query's matches into results: scores per item with coverage, phrase and phone bonuses, one result
//! per thing (a resource's notes are the resource), items grouped under a higher-ranked section, and for each the
//! text that matched with a highlighted snippet.

use std::ops::Range;

use super::per_doc::PerDoc;
use super::query::QueryTerm;
use super::snippet::{self, Needles};
use super::{Hit, SearchIndex};
use crate::analyze::{Piece, fold, phone_digits, pieces, stem, stemmer};

/// Multiplier when an item's text contains the whole query as typed.
const PHRASE_BONUS: f32 = 1.5;
/// Score of an item whose phone number contains the digits typed.
const PHONE_SCORE: f32 = 20.0;

/// The byte range of the number whose digits contain `digits` (a phone number typed), to highlight it.
fn number_range(text: &str, digits: &str) -> Option<Range<usize>> {
    let mut start = None;
    let mut found = String::new();
    let mut positions = Vec::new();
    for (n, c) in text.char_indices() {
        if c.is_ascii_digit() {
            start.get_or_insert(n);
            found.push(c);
            positions.push(n);
        } else if !" ()-.+/".contains(c) {
            if let Some(range) = digits_range(&found, &positions, digits) {
                return Some(range);
            }
            start = None;
            found.clear();
            positions.clear();
        }
    }
    digits_range(&found, &positions, digits)
}

fn digits_range(found: &str, positions: &[usize], digits: &str) -> Option<Range<usize>> {
    let at = found.find(digits)?;
    let first = *positions.get(at)?;
    let last = *positions.get(at + digits.len() - 1)?;
    Some(first..last + 1)
}

impl SearchIndex {
    /// Items matching `query`, best first, at most `limit`, one per item.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit<'_>> {
        let folded = fold(query);
        let all_pieces = pieces(&folded);
        let typing = query.chars().next_back().is_some_and(|c| {
            c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
        });
        let (terms, corrected) = self.query_terms(&all_pieces, typing);
        let total_terms = terms.len().max(1);
        // Per item: the summed score, and the summed importance of the query terms it matched. A term's importance
        // is its rarity over the whole index (as one term, however many forms it has), so an item that misses a
        // word found almost everywhere ("any", "的", "de") loses little, and one that misses a rare word loses much.
        let documents = self.docs.len();
        let mut scores: PerDoc<(f32, f32)> = PerDoc::new(documents);
        let mut total_weight = 0.0;
        for term in &terms {
            let found = self.term_scores(term);
            let weight = super::idf(documents, found.len().max(1));
            total_weight += weight;
            for (doc, score) in found {
                if let Some(entry) = scores.entry(doc, (0.0, 0.0)) {
                    entry.0 += score;
                    entry.1 += weight;
                }
            }
        }
        // Digits typed in any format ("617 343 6533", "6173436533", "1-617-343-6533") find the number.
        let phone_query = query
            .chars()
            .all(|c| c.is_ascii_digit() || " ()-.+/".contains(c));
        let digits = phone_digits(query);
        let mut phone_docs: Vec<u32> = Vec::new();
        if phone_query && digits.len() >= 3 {
            for (doc, number) in &self.phones {
                if number.contains(&digits) {
                    phone_docs.push(*doc);
                    scores.entry(*doc, (0.0, 0.0));
                }
            }
        }
        // The phrase as typed, less the words search ignores ("can she quit her job" → "quit job").
        let phrase: Vec<String> = all_pieces
            .iter()
            .filter(|p| !matches!(p, Piece::Word(w) if self.ignore.contains(w)))
            .map(|p| match p {
                Piece::Word(w) => w.clone(),
                Piece::Run(r) => r.chars.iter().collect(),
            })
            .collect();
        let phrase = (phrase.len() >= 2 || total_terms >= 2).then(|| phrase.join(" "));
        // Per thing (an item, or a resource with its notes): its best-scoring document.
        let mut best: PerDoc<(u32, f32)> = PerDoc::new(self.things);
        let mut covered: PerDoc<f32> = PerDoc::new(documents);
        for &(doc_id, (score, matched)) in scores.iter() {
            let Some(doc) = self.docs.get(doc_id as usize) else {
                continue;
            };
            let coverage = if total_weight > 0.0 {
                (matched / total_weight).min(1.0)
            } else {
                1.0
            };
            let mut score = score * coverage * coverage;
            let dialled = phone_docs.contains(&doc_id);
            if dialled {
                score += PHONE_SCORE;
            }
            // The number typed is an exact answer.
            covered.entry(doc_id, if dialled { 1.0 } else { coverage });
            if let Some(phrase) = &phrase
                && doc
                    .fields
                    .iter()
                    .any(|f| f.normalized.contains(phrase.as_str()))
            {
                score *= PHRASE_BONUS;
            }
            // A resource's notes are found as the resource: one result per thing. On equal scores the earlier
            // document (the interface language's, in display order) stands for it.
            if let Some(entry) = best.entry(doc.thing, (doc_id, score))
                && (score > entry.1 || (score == entry.1 && doc_id < entry.0))
            {
                *entry = (doc_id, score);
            }
        }
        let mut ranked: Vec<(u32, f32)> = best.into_entries().into_iter().map(|(_, v)| v).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let grouped = self.group(&ranked, limit);
        let mut wanted: Vec<u32> = terms.iter().flat_map(QueryTerm::term_ids).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let needles = self.needles(&terms, &corrected, typing);
        grouped
            .into_iter()
            .filter_map(|(doc_id, score, group)| {
                let number = phone_docs.contains(&doc_id).then_some(digits.as_str());
                let mut hit = self.hit(doc_id, score, &wanted, number, &needles)?;
                hit.group = group;
                hit.coverage = covered.get(doc_id).unwrap_or(0.0);
                Some(hit)
            })
            .collect()
    }

    /// What to highlight in the results: the words as typed (corrected) and their stems in every indexed
    /// language, and the words of every synonym group the query matched.
    fn needles(&self, terms: &[QueryTerm], corrected: &[Piece], typing: bool) -> Needles {
        let mut needles = Needles::default();
        let stemmers: Vec<_> = self.locales.iter().map(|l| stemmer(l)).collect();
        for piece in corrected {
            if matches!(piece, Piece::Word(w) if self.ignore.contains(w)) {
                continue;
            }
            needles.add(piece);
            if let Piece::Word(word) = piece {
                for stemmer in &stemmers {
                    needles.words.insert(stem(stemmer.as_ref(), word));
                }
            }
        }
        if typing && let Some(Piece::Word(last)) = corrected.last() {
            needles.prefix = Some(last.clone());
        }
        for term in terms {
            let QueryTerm::Concept { concept, .. } = term else {
                continue;
            };
            let Some(concept) = self.concepts.get(*concept) else {
                continue;
            };
            for key in concept.lookups.iter().flatten().flatten() {
                for piece in pieces(key) {
                    // "de" of "línea de ayuda" is not what matched.
                    if !matches!(&piece, Piece::Word(w) if self.ignore.contains(w)) {
                        needles.add(&piece);
                    }
                }
            }
        }
        needles.seal();
        needles
    }

    /// Results in rank order, except that an item whose section ranks higher follows that section (grouped under
    /// it, the third value naming the section); the first `limit`.
    fn group<'s>(
        &'s self,
        ranked: &[(u32, f32)],
        limit: usize,
    ) -> Vec<(u32, f32, Option<&'s str>)> {
        let doc = |n: usize| ranked.get(n).and_then(|(d, _)| self.docs.get(*d as usize));
        // Per thing: its place in the ranking (one entry per thing).
        let mut position: Vec<usize> = vec![usize::MAX; self.things];
        for n in 0..ranked.len() {
            if let Some(place) = doc(n).and_then(|d| position.get_mut(d.thing as usize)) {
                *place = n;
            }
        }
        // Per entry, the earlier entry that is its section.
        let parent_of = |n: usize| -> Option<usize> {
            let parent = self.docs.get(doc(n)?.parent? as usize)?;
            position
                .get(parent.key as usize)
                .copied()
                .filter(|p| *p < n)
        };
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); ranked.len()];
        let mut tops = Vec::new();
        let mut parents = Vec::with_capacity(ranked.len());
        for n in 0..ranked.len() {
            let parent = parent_of(n);
            match parent {
                Some(p) => children[p].push(n),
                None => tops.push(n),
            }
            parents.push(parent);
        }
        // The anchor a result stands for: its resource's for a note.
        let anchor = |n: usize| {
            doc(n).map(|d| {
                let thing = d.owner.and_then(|o| self.docs.get(o as usize)).unwrap_or(d);
                thing.anchor.as_str()
            })
        };
        let mut out = Vec::with_capacity(limit.min(ranked.len()));
        let mut stack: Vec<usize> = Vec::new();
        for top in tops {
            stack.push(top);
            while let Some(n) = stack.pop() {
                if out.len() >= limit {
                    return out;
                }
                let (doc, score) = ranked[n];
                out.push((doc, score, parents[n].and_then(anchor)));
                // Children in rank order: pushed in reverse.
                stack.extend(children[n].iter().rev());
            }
        }
        out
    }

    /// The same item in another language, if it has a copy there.
    fn copy_in(&self, doc: &super::Doc, locale: u16) -> Option<&super::Doc> {
        let copy = self.by_key.get(&(doc.key, locale))?;
        self.docs.get(*copy as usize)
    }

    /// The result for a document: the field that matched best, shown in the interface language if it has it.
    fn hit(
        &self,
        doc_id: u32,
        score: f32,
        wanted: &[u32],
        number: Option<&str>,
        needles: &Needles,
    ) -> Option<Hit<'_>> {
        let doc = self.docs.get(doc_id as usize)?;
        let mut best_field = 0;
        let mut best_value = -1.0;
        for (n, field) in doc.fields.iter().enumerate() {
            if field.text.is_empty() {
                continue;
            }
            let found = field
                .terms
                .iter()
                .filter(|t| wanted.binary_search(t).is_ok())
                .count();
            let dialled = number.is_some_and(|digits| {
                field.kind == super::Field::Phone && phone_digits(&field.text).contains(digits)
            });
            // The number typed, else the field with the most matched words (by weight).
            let value = if dialled {
                f32::MAX
            } else {
                found as f32 * field.kind.weight()
            };
            if value > best_value {
                best_value = value;
                best_field = n;
            }
        }
        let shown_doc = if doc.locale == self.primary {
            doc
        } else {
            self.copy_in(doc, self.primary).unwrap_or(doc)
        };
        // A field the interface shows in English (untranslated, or a name or number) is blank in its own
        // language's document: then the English text is both what is shown and what matched.
        // Blank in every translated copy (a name, a number): the English copy's text.
        let english = self
            .locales
            .iter()
            .position(|l| l == "en")
            .and_then(|l| u16::try_from(l).ok())
            .and_then(|l| self.copy_in(doc, l));
        let text_of = |n: usize| {
            [Some(shown_doc), Some(doc), english]
                .into_iter()
                .flatten()
                .filter_map(|d| d.fields.get(n))
                .map(|f| f.text.as_str())
                .find(|t| !t.is_empty())
        };
        let translated = shown_doc
            .fields
            .get(best_field)
            .is_some_and(|f| !f.text.is_empty());
        let matched_locale = if doc.locale != self.primary && !translated {
            self.primary
        } else {
            doc.locale
        };
        let text = text_of(best_field)?;
        let title = match doc.fields.first() {
            Some(first) if first.kind == super::Field::Name && best_field != 0 => text_of(0),
            _ => None,
        };
        // A resource's note is shown as the resource, under its name.
        let owner = doc.owner.and_then(|o| self.docs.get(o as usize));
        let title = match owner {
            Some(owner) => self
                .locales
                .iter()
                .enumerate()
                .filter_map(|(l, _)| u16::try_from(l).ok())
                .filter_map(|l| self.copy_in(owner, l))
                .filter_map(|d| d.fields.first())
                .map(|f| f.text.as_str())
                .find(|t| !t.is_empty()),
            None => title,
        };
        let anchor = owner.map_or(doc.anchor.as_str(), |o| o.anchor.as_str());
        let full = match title {
            Some(title) => format!("{title} — {text}"),
            None => text.to_owned(),
        };
        let shown_locale = if translated {
            shown_doc.locale
        } else {
            doc.locale
        };
        let locale = self
            .locales
            .get(usize::from(shown_locale))
            .map_or("en", String::as_str);
        let mut ranges = needles.ranges(&full, locale);
        if let Some(digits) = number {
            ranges.extend(number_range(&full, digits));
            ranges.sort_by_key(|r| r.start);
        }
        let (snippet, highlights) = snippet::window(&full, &ranges);
        Some(Hit {
            file: doc.file,
            anchor,
            text,
            title,
            snippet,
            highlights,
            group: None,
            coverage: 0.0,
            matched_locale: self
                .locales
                .get(usize::from(matched_locale))
                .map_or("", String::as_str),
            score,
        })
    }
}
