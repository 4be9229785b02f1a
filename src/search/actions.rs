//! App actions found by name: synonym groups whose id starts with `action.` (in every language's synonyms file)
//! name what a searcher may type for locking, quick exit, the settings, the language, the patient card and the
//! safety plan's export.

use super::SearchIndex;
use crate::analyze::{Piece, fold, pieces};

/// Shortest start of a word that names an action while it is typed ("qui" for "quick").
const MIN_TYPED: usize = 3;

impl SearchIndex {
    /// The actions (`action.…` ids) the query names: the query is one of a group's terms, word for word as written
    /// (not stemmed: "locked in" is not "lock"), less the words search ignores; the last word, while typed, may be
    /// the start of the term's last word.
    pub fn actions(&self, query: &str) -> Vec<&str> {
        let typing = query.chars().next_back().is_some_and(char::is_alphanumeric);
        let folded = fold(query);
        let typed: Vec<Piece> = pieces(&folded)
            .into_iter()
            .filter(|p| !matches!(p, Piece::Word(w) if self.ignore.contains(w)))
            .collect();
        let mut found: Vec<&str> = Vec::new();
        if typed.is_empty() {
            return found;
        }
        let last_typed = match typed.last() {
            Some(Piece::Word(word)) if typing && word.chars().count() >= MIN_TYPED => {
                Some(word.as_str())
            }
            _ => None,
        };
        let query_keys = words(&typed);
        for (id, terms) in &self.actions {
            if found.contains(&id.as_str()) {
                continue;
            }
            let named = terms
                .iter()
                .any(|term| names(&query_keys, term, last_typed));
            if named {
                found.push(id);
            }
        }
        found
    }
}

/// The pieces as written: words, and runs of Chinese or Khmer.
pub(super) fn words(pieces: &[Piece]) -> Vec<String> {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Word(word) => word.clone(),
            Piece::Run(run) => run.chars.iter().collect(),
        })
        .collect()
}

/// Whether the query is the term, word for word; the term's last word may be completed from the last word typed.
fn names(query: &[String], term: &[String], last_typed: Option<&str>) -> bool {
    query.len() == term.len()
        && term.iter().zip(query).enumerate().all(|(n, (key, typed))| {
            key == typed
                || (n == term.len() - 1 && last_typed.is_some_and(|last| key.starts_with(last)))
        })
}
