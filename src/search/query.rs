//! Running a query: typo correction, synonym phrases (also inside unspaced Chinese and Khmer text), stopwords,
//! per-word alternatives (stems in every indexed language, the last word as a prefix while typing), phone digits,
//! then BM25F scores combined per item with coverage, phrase and tab bonuses.

use rust_stemmers::Stemmer;

use super::per_doc::PerDoc;
use super::{ContentFile, SearchIndex, Surface, idf};
use crate::analyze::{Piece, Run, pieces, stem, stemmer};

/// Weight of a term reached by completing the word being typed.
const PREFIX_WEIGHT: f32 = 0.8;
/// Weight of a synonym other than the word typed.
const SYNONYM_WEIGHT: f32 = 0.8;
/// Most completions considered for a short prefix: more would only add noise and time.
const MAX_COMPLETIONS: usize = 200;

/// Multiplier for items in the tab a matched synonym group points to ("call" → resources).
const TAB_BONUS: f32 = 1.5;
/// A boosted item of a matched synonym group scores this much more than the group's best match.
const BOOST: f32 = 1.25;

/// Words that may stand between the words of a synonym phrase ("quit your job" for "quit job").
const PHRASE_SLOP: usize = 2;
/// Longest question word or particle (in code points) stripped from the ends of an unspaced run.
const MAX_IGNORED_RUN: usize = 8;
/// Shortest word that typo correction touches: shorter ones are abbreviations or too ambiguous.
const MIN_CORRECTED: usize = 4;

/// What a query piece is compared with: a stem for a word, the whole run for Chinese or Khmer.
pub(super) fn keys(pieces: &[Piece], stemmer: Option<&Stemmer>) -> Vec<String> {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Word(word) => stem(stemmer, word),
            Piece::Run(run) => run.chars.iter().collect(),
        })
        .collect()
}

/// Any of these terms fills the slot; each with the weight of how it was reached.
type Slot = Vec<(u32, f32)>;

/// One way to match a query term: every slot must be found in the item, next to each other when `adjacent`
/// (a synonym phrase's words, a Chinese word's n-grams).
pub(super) struct Alternative {
    slots: Vec<Slot>,
    weight: f32,
}

/// One unit of meaning in the query: a word, an n-gram, or a synonym group.
pub(super) enum QueryTerm {
    /// A typed word (or n-gram): each of its terms scores with its own rarity.
    Word(Slot),
    /// A synonym group: its terms count as one, with the rarity of the group as a whole.
    Concept {
        alternatives: Vec<Alternative>,
        tab: Option<ContentFile>,
        boost: Vec<u32>,
        /// The group (index in the index's concepts), for highlighting its words.
        concept: usize,
    },
}

impl QueryTerm {
    pub(super) fn term_ids(&self) -> Vec<u32> {
        match self {
            Self::Word(slot) => slot.iter().map(|(t, _)| *t).collect(),
            Self::Concept { alternatives, .. } => alternatives
                .iter()
                .flat_map(|a| &a.slots)
                .flatten()
                .map(|(t, _)| *t)
                .collect(),
        }
    }
}

/// Optimal-string-alignment distance from `a` to `b` and to the closest start of `b` (for a word still being
/// typed), or `None` when both exceed `limit`. `rows` is scratch space reused between calls.
fn distance_within(
    a: &[char],
    b: &[char],
    limit: usize,
    rows: &mut [Vec<usize>; 3],
) -> Option<(usize, usize)> {
    let width = b.len() + 1;
    for row in rows.iter_mut() {
        row.clear();
        row.resize(width, 0);
    }
    let [before, previous, current] = rows;
    for (j, cell) in previous.iter_mut().enumerate() {
        *cell = j;
    }
    // A transposition reaches back two rows, so give up only when two rows in a row exceed the limit.
    let mut previous_min = 0;
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = current[0];
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(before[j - 2] + 1);
            }
            current[j] = value;
            row_min = row_min.min(value);
        }
        if row_min > limit && previous_min > limit {
            return None;
        }
        previous_min = row_min;
        std::mem::swap(before, previous);
        std::mem::swap(previous, current);
    }
    let whole = previous[b.len()];
    let to_start = previous.iter().copied().min().unwrap_or(whole);
    (to_start <= limit).then_some((whole, to_start))
}

fn add_term(slot: &mut Slot, term: u32, weight: f32) {
    match slot.iter_mut().find(|(t, _)| *t == term) {
        Some(existing) => existing.1 = existing.1.max(weight),
        None => slot.push((term, weight)),
    }
}

impl SearchIndex {
    /// Surfaces starting with `prefix` (a contiguous range of the sorted list).
    fn completions(&self, prefix: &str) -> &[Surface] {
        let start = self.surfaces.partition_point(|s| s.text.as_str() < prefix);
        let end = self
            .surfaces
            .partition_point(|s| s.text.as_str() < prefix || s.text.starts_with(prefix));
        &self.surfaces[start..end.max(start)]
    }

    fn known_word(&self, word: &str, typing: bool) -> bool {
        let start = self.vocabulary.partition_point(|w| w.as_str() < word);
        self.vocabulary.get(start).is_some_and(|w| {
            if typing {
                w.starts_with(word)
            } else {
                w == word
            }
        })
    }

    /// Known words starting with `first` (a contiguous range of the sorted vocabulary).
    fn words_starting_with(&self, first: char) -> &[String] {
        let mut buffer = [0; 4];
        let prefix: &str = first.encode_utf8(&mut buffer);
        let start = self.vocabulary.partition_point(|w| w.as_str() < prefix);
        let end = self
            .vocabulary
            .partition_point(|w| w.as_str() < prefix || w.starts_with(prefix));
        &self.vocabulary[start..end.max(start)]
    }

    /// The closest known word to a misspelt one (one edit for short words, two for long ones), preferring the
    /// shortest; while typing, a word is compared with the start of longer words too. Only words with the same
    /// first letter are tried (or the first two swapped): people rarely get the first letter wrong, and it keeps
    /// a correction well under a millisecond over ten languages.
    fn correct(&self, word: &str, typing: bool) -> Option<String> {
        let key = (word.to_owned(), typing);
        if let Ok(memory) = self.corrections.0.lock()
            && let Some(known) = memory.get(&key)
        {
            return known.clone();
        }
        let corrected = self.find_correction(word, typing);
        if let Ok(mut memory) = self.corrections.0.lock() {
            if memory.len() >= super::MAX_CORRECTIONS {
                memory.clear();
            }
            memory.insert(key, corrected.clone());
        }
        corrected
    }

    fn find_correction(&self, word: &str, typing: bool) -> Option<String> {
        let length = word.chars().count();
        if length < MIN_CORRECTED
            || word.chars().any(|c| c.is_ascii_digit())
            || self.known_word(word, typing)
        {
            return None;
        }
        let limit = if length >= 8 { 2 } else { 1 };
        let typed: Vec<char> = word.chars().collect();
        let mut best: Option<(usize, usize, &str)> = None;
        let mut candidate: Vec<char> = Vec::new();
        let mut rows: [Vec<usize>; 3] = Default::default();
        let mut firsts = vec![typed[0]];
        if typed[1] != typed[0] {
            firsts.push(typed[1]);
        }
        for first in firsts {
            for known in self.words_starting_with(first) {
                if !typing && known.len().abs_diff(word.len()) > limit * 2 {
                    continue;
                }
                candidate.clear();
                // While typing only the start of a word can match: "pasp" for "passport".
                let compared = if typing { length + limit } else { usize::MAX };
                candidate.extend(known.chars().take(compared));
                let Some((whole, to_start)) = distance_within(&typed, &candidate, limit, &mut rows)
                else {
                    continue;
                };
                let distance = if typing { to_start } else { whole };
                if distance > limit {
                    continue;
                }
                let rank = (distance, known.len(), known.as_str());
                if best.is_none_or(|b| rank < b) {
                    best = Some(rank);
                }
            }
        }
        best.map(|(_, _, known)| known.to_owned())
    }

    /// The terms a typed word can stand for.
    fn word_slot(&self, word: &str, stemmers: &[Option<Stemmer>], typing: bool) -> Slot {
        let mut slot = Slot::new();
        for stemmer in stemmers {
            if let Some(term) = self.term_ids.get(&stem(stemmer.as_ref(), word)) {
                add_term(&mut slot, *term, 1.0);
            }
        }
        if typing && word.chars().count() >= 2 {
            for surface in self.completions(word).iter().take(MAX_COMPLETIONS) {
                let weight = if surface.text == word {
                    1.0
                } else {
                    PREFIX_WEIGHT
                };
                add_term(&mut slot, surface.term, weight);
            }
        } else {
            let exact = self.completions(word).iter().take_while(|s| s.text == word);
            for surface in exact {
                add_term(&mut slot, surface.term, 1.0);
            }
        }
        slot
    }

    /// Slots for a run of Chinese or Khmer written as one word: every n-gram, adjacent; a run shorter than an
    /// n-gram matches as the start of one (so one character finds every word that contains it).
    fn run_slots(&self, run: &Run) -> Vec<Slot> {
        if run.chars.len() < run.gram {
            let text: String = run.chars.iter().collect();
            let mut slot = Slot::new();
            for surface in self.completions(&text).iter().take(MAX_COMPLETIONS * 4) {
                add_term(&mut slot, surface.term, 1.0);
            }
            return vec![slot];
        }
        run.query_grams()
            .iter()
            .map(|gram| {
                self.term_ids
                    .get(gram)
                    .map(|t| vec![(*t, 1.0)])
                    .unwrap_or_default()
            })
            .collect()
    }

    /// A synonym group as alternatives: every term of the group, the one typed at full weight.
    fn concept_term(&self, index: usize, typed: usize) -> QueryTerm {
        let Some(concept) = self.concepts.get(index) else {
            return QueryTerm::Word(Slot::new());
        };
        let mut alternatives = Vec::new();
        for (n, lookups) in concept.lookups.iter().enumerate() {
            let mut slots = Vec::new();
            for keys in lookups {
                match keys.first().map(|key| pieces(key)).as_deref() {
                    Some([Piece::Run(run)]) => slots.extend(self.run_slots(run)),
                    _ => {
                        let mut slot = Slot::new();
                        for key in keys {
                            if let Some(term) = self.term_ids.get(key) {
                                add_term(&mut slot, *term, 1.0);
                            }
                        }
                        slots.push(slot);
                    }
                }
            }
            if !slots.is_empty() && slots.iter().all(|s| !s.is_empty()) {
                alternatives.push(Alternative {
                    slots,
                    weight: if n == typed { 1.0 } else { SYNONYM_WEIGHT },
                });
            }
        }
        QueryTerm::Concept {
            alternatives,
            tab: concept.tab,
            boost: concept.boost.clone(),
            concept: index,
        }
    }

    /// The longest synonym term that the query's pieces start with at `at`: (concept, term, pieces covered).
    fn concept_at(
        &self,
        keys_by_locale: &[Vec<String>],
        at: usize,
    ) -> Option<(usize, usize, usize)> {
        let mut best: Option<(usize, usize, usize)> = None;
        for (c, concept) in self.concepts.iter().enumerate() {
            let Some(keys) = keys_by_locale.get(usize::from(concept.locale)) else {
                continue;
            };
            for (t, term) in concept.terms.iter().enumerate() {
                let end = at + term.len();
                if end <= keys.len()
                    && keys[at..end] == term[..]
                    && best.is_none_or(|(_, _, len)| term.len() > len)
                {
                    best = Some((c, t, term.len()));
                }
            }
        }
        best
    }

    /// Query terms for a run of Chinese or Khmer: synonym terms found inside it (longest first), and the n-grams
    /// of what is left, each its own term so that a question typed as one run still finds its parts.
    fn run_terms(&self, run: &Run, terms: &mut Vec<QueryTerm>) {
        let chars = &run.chars;
        let mut uncovered: Vec<char> = Vec::new();
        let before = terms.len();
        let flush = |uncovered: &mut Vec<char>, terms: &mut Vec<QueryTerm>| {
            let kept = self.strip_ignored(uncovered);
            uncovered.clear();
            if kept.is_empty() {
                return;
            }
            let part = Run {
                chars: kept,
                gram: run.gram,
            };
            for slot in self.run_slots(&part) {
                terms.push(QueryTerm::Word(slot));
            }
        };
        let mut at = 0;
        while at < chars.len() {
            let rest: String = chars[at..].iter().collect();
            let found = self
                .run_concepts
                .iter()
                .find(|(text, _, _)| rest.starts_with(text.as_str()));
            if let Some((text, concept, term)) = found {
                flush(&mut uncovered, terms);
                terms.push(self.concept_term(*concept, *term));
                at += text.chars().count();
            } else {
                uncovered.push(chars[at]);
                at += 1;
            }
        }
        flush(&mut uncovered, terms);
        // A run made only of question words ("什么") is searched as typed.
        if terms.len() == before {
            for slot in self.run_slots(run) {
                terms.push(QueryTerm::Word(slot));
            }
        }
    }

    /// A stretch of unspaced text without the question words and particles at its ends ("可以…吗", "តើ…ទេ"),
    /// longest first. Only the ends: inside a run a short particle may be part of a word (ទេ in ប្រទេស).
    fn strip_ignored(&self, chars: &[char]) -> Vec<char> {
        let (mut start, mut end) = (0, chars.len());
        let longest = MAX_IGNORED_RUN.min(end);
        'strip: while start < end {
            for len in (1..=longest.min(end - start)).rev() {
                let head: String = chars[start..start + len].iter().collect();
                if self.ignore.contains(&head) {
                    start += len;
                    continue 'strip;
                }
                let tail: String = chars[end - len..end].iter().collect();
                if self.ignore.contains(&tail) {
                    end -= len;
                    continue 'strip;
                }
            }
            break;
        }
        chars[start..end].to_vec()
    }

    /// The query's terms, and its pieces after typo correction.
    pub(super) fn query_terms(
        &self,
        typed_pieces: &[Piece],
        typing: bool,
    ) -> (Vec<QueryTerm>, Vec<Piece>) {
        let last = typed_pieces.len().saturating_sub(1);
        let stemmers: Vec<Option<Stemmer>> = self.locales.iter().map(|l| stemmer(l)).collect();
        // A word whose stem is indexed in some language is not a typo ("harassed" for "harassment").
        let indexed = |word: &str| {
            stemmers
                .iter()
                .any(|s| self.term_ids.contains_key(&stem(s.as_ref(), word)))
        };
        let all_pieces: Vec<Piece> = typed_pieces
            .iter()
            .enumerate()
            .map(|(n, piece)| match piece {
                Piece::Word(word) if indexed(word) => Piece::Word(word.clone()),
                Piece::Word(word) => Piece::Word(
                    self.correct(word, typing && n == last)
                        .unwrap_or_else(|| word.clone()),
                ),
                Piece::Run(run) => Piece::Run(run.clone()),
            })
            .collect();
        let keys_by_locale: Vec<Vec<String>> = stemmers
            .iter()
            .map(|s| keys(&all_pieces, s.as_ref()))
            .collect();
        // "who do I call" searches for "call"; a query made only of such words is searched as typed.
        let ignored = |n: usize| match &all_pieces[n] {
            Piece::Word(word) => self.ignore.contains(word),
            Piece::Run(_) => false,
        };
        let all_ignored = (0..all_pieces.len()).all(ignored);
        let mut terms = Vec::new();
        let mut at = 0;
        while at < all_pieces.len() {
            if let Some((c, t, covered)) = self.concept_at(&keys_by_locale, at) {
                terms.push(self.concept_term(c, t));
                at += covered;
                continue;
            }
            match &all_pieces[at] {
                Piece::Run(run) => self.run_terms(run, &mut terms),
                Piece::Word(_) if ignored(at) && !all_ignored => {}
                Piece::Word(word) => {
                    terms.push(QueryTerm::Word(self.word_slot(
                        word,
                        &stemmers,
                        typing && at == last,
                    )));
                }
            }
            at += 1;
        }
        (terms, all_pieces)
    }

    /// Whether some field of the document has one term of each slot, in order, each within [`PHRASE_SLOP`] words
    /// of the one before.
    fn adjacent(&self, doc: u32, slots: &[Slot]) -> bool {
        let Some(doc) = self.docs.get(doc as usize) else {
            return false;
        };
        let fills = |slot: &Slot, term: u32| slot.iter().any(|(t, _)| *t == term);
        doc.fields.iter().any(|field| {
            let sequence = &field.sequence;
            (0..sequence.len()).any(|start| {
                let mut at = start;
                for (n, slot) in slots.iter().enumerate() {
                    if n == 0 {
                        if !fills(slot, sequence[at]) {
                            return false;
                        }
                        continue;
                    }
                    let window = (at + 1)..sequence.len().min(at + 2 + PHRASE_SLOP);
                    match window.into_iter().find(|&p| fills(slot, sequence[p])) {
                        Some(p) => at = p,
                        None => return false,
                    }
                }
                true
            })
        })
    }

    /// Each matching item's score for one query term.
    pub(super) fn term_scores(&self, term: &QueryTerm) -> Vec<(u32, f32)> {
        let mut best = PerDoc::new(self.docs.len());
        match term {
            QueryTerm::Word(slot) => {
                for (term_id, weight) in slot {
                    let rarity = self.idf.get(*term_id as usize).copied().unwrap_or(0.0);
                    for (doc, saturated) in
                        self.postings.get(*term_id as usize).into_iter().flatten()
                    {
                        best.keep_max(*doc, weight * rarity * saturated);
                    }
                }
            }
            QueryTerm::Concept {
                alternatives,
                tab,
                boost,
                ..
            } => {
                for alternative in alternatives {
                    for (doc, value) in self.alternative_scores(alternative) {
                        best.keep_max(doc, value);
                    }
                }
                // The group counts as one term: as rare as the items that use any of its terms.
                let rarity = idf(self.docs.len(), best.len().max(boost.len()));
                for (doc, value) in best.iter_mut() {
                    *value *= rarity;
                    if let Some(tab) = tab
                        && self.docs.get(*doc as usize).is_some_and(|d| d.file == *tab)
                    {
                        *value *= TAB_BONUS;
                    }
                }
                // What the group's words mean most often comes first, whether or not its text uses them.
                let top = best.iter().map(|(_, v)| *v).fold(rarity, f32::max);
                for doc in boost {
                    if let Some(entry) = best.entry(*doc, top) {
                        *entry = entry.max(top) * BOOST;
                    }
                }
            }
        }
        best.into_entries()
    }

    /// Per item: the alternative's weight times the mean saturated frequency of its slots, where all are found
    /// (adjacent when there are several).
    fn alternative_scores(&self, alternative: &Alternative) -> Vec<(u32, f32)> {
        let documents = self.docs.len();
        let mut sums: PerDoc<(f32, usize)> = PerDoc::new(documents);
        for slot in &alternative.slots {
            let mut slot_best = PerDoc::new(documents);
            for (term_id, weight) in slot {
                for (doc, saturated) in self.postings.get(*term_id as usize).into_iter().flatten() {
                    slot_best.keep_max(*doc, weight * saturated);
                }
            }
            for (doc, value) in slot_best.iter() {
                if let Some(entry) = sums.entry(*doc, (0.0, 0)) {
                    entry.0 += value;
                    entry.1 += 1;
                }
            }
        }
        let slots = alternative.slots.len();
        sums.into_entries()
            .into_iter()
            .filter(|(doc, (_, found))| {
                *found == slots && (slots == 1 || self.adjacent(*doc, &alternative.slots))
            })
            .map(|(doc, (sum, _))| (doc, alternative.weight * sum / slots as f32))
            .collect()
    }
}
