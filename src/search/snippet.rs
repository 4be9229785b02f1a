//! Why a result matched: a short window of its text around the first matched word, with every matched word's
//! byte range, for the results list to highlight.

use std::collections::HashSet;
use std::ops::Range;

use crate::analyze::{Piece, fold, is_han, is_khmer, pieces, stem, stemmer};

/// Characters of text shown for a result; a longer text is cut around its first match.
pub(crate) const SNIPPET_CHARS: usize = 160;
/// Characters kept before the first match when a long text is cut.
const LEAD_CHARS: usize = 40;

/// What to highlight: the words typed and the words of the synonym groups they matched, each as written (folded)
/// and as stems; runs of Chinese or Khmer as written.
#[derive(Debug, Default)]
pub(super) struct Needles {
    /// Folded words and their keys (stems in the synonym group's language, or unstemmed).
    pub(super) words: HashSet<String>,
    /// The last word while it is being typed: words starting with it match.
    pub(super) prefix: Option<String>,
    /// Runs of Chinese or Khmer characters.
    pub(super) runs: Vec<Vec<char>>,
    /// The first two letters of every word and prefix above (one letter for a one-letter word), once
    /// [`Needles::seal`] has run: a word of the text that starts otherwise cannot match, so it is neither folded
    /// whole nor stemmed — the results list highlights forty texts on every keystroke.
    heads: Option<HashSet<Head>>,
}

/// A word's first letter and, if it has one, its second.
type Head = (char, Option<char>);

fn head(word: &str) -> Option<Head> {
    let mut chars = word.chars();
    Some((chars.next()?, chars.next()))
}

impl Needles {
    /// Adds a folded query or synonym piece.
    pub(super) fn add(&mut self, piece: &Piece) {
        match piece {
            Piece::Word(word) => {
                self.words.insert(word.clone());
            }
            Piece::Run(run) => {
                if !self.runs.contains(&run.chars) {
                    self.runs.push(run.chars.clone());
                }
            }
        }
    }

    /// Done adding: works out the heads that let [`Needles::ranges`] skip most words at a glance.
    pub(super) fn seal(&mut self) {
        let heads = self
            .words
            .iter()
            .chain(&self.prefix)
            .filter_map(|w| head(w))
            .collect();
        self.heads = Some(heads);
    }

    /// Whether a word of the text (a segment without Chinese or Khmer) might match: its folded first two letters
    /// are the first two of some needle. Sound because every way a word matches keeps its first two letters: the
    /// same word, a prefix of it, or its stem — the Snowball stemmers of the languages it is used for only ever
    /// cut or change the end of a word (not Arabic's, which also cuts prefixes such as ال: it is never used there).
    fn may_match(heads: &HashSet<Head>, segment: &str) -> bool {
        let bytes = segment.as_bytes();
        if let [a, b, ..] = bytes
            && a.is_ascii()
            && b.is_ascii()
        {
            // ASCII folds to its lower case, letter for letter.
            let (a, b) = (
                char::from(a.to_ascii_lowercase()),
                char::from(b.to_ascii_lowercase()),
            );
            return heads.contains(&(a, Some(b))) || heads.contains(&(a, None));
        }
        // Folding goes letter by letter, so the fold of the first letters is the start of the fold of the word;
        // four letters, because folding drops separate accent marks.
        let end = segment
            .char_indices()
            .nth(4)
            .map_or(segment.len(), |(n, _)| n);
        let folded = fold(&segment[..end]);
        let Some((first, second)) = head(&folded) else {
            return true;
        };
        if second.is_none() && end < segment.len() {
            return true;
        }
        heads.contains(&(first, second)) || heads.contains(&(first, None))
    }

    /// Byte ranges of `text` (in `locale`) that match.
    pub(super) fn ranges(&self, text: &str, locale: &str) -> Vec<Range<usize>> {
        let stemmer = stemmer(locale);
        let heads = self.heads.as_ref().filter(|_| !locale.starts_with("ar"));
        let mut ranges = Vec::new();
        for segment in segments(text) {
            let original = &text[segment.clone()];
            if let Some(heads) = heads
                && !original.chars().any(|c| is_han(c) || is_khmer(c))
                && !Self::may_match(heads, original)
            {
                continue;
            }
            let folded = fold(original);
            match pieces(&folded).as_slice() {
                [Piece::Word(word)] => {
                    let hit = self.words.contains(word)
                        || self.words.contains(&stem(stemmer.as_ref(), word))
                        || self.prefix.as_ref().is_some_and(|p| {
                            p.chars().count() >= 2 && word.starts_with(p.as_str())
                        });
                    if hit {
                        ranges.push(segment);
                    }
                }
                _ => self.run_ranges(original, &folded, segment.start, &mut ranges),
            }
        }
        ranges
    }

    /// Occurrences of the runs inside an unspaced segment (Chinese, Khmer, or mixed with other letters).
    fn run_ranges(&self, original: &str, folded: &str, start: usize, out: &mut Vec<Range<usize>>) {
        let folded: Vec<char> = folded.chars().collect();
        let offsets: Vec<usize> = original.char_indices().map(|(n, _)| n).collect();
        // Folding Han and Khmer keeps one character per character; anything else is not highlighted.
        if folded.len() != offsets.len() {
            return;
        }
        let mut marked = vec![false; folded.len()];
        for needle in &self.runs {
            if needle.is_empty() || needle.len() > folded.len() {
                continue;
            }
            for at in 0..=(folded.len() - needle.len()) {
                if folded[at..at + needle.len()] == needle[..] {
                    marked[at..at + needle.len()].fill(true);
                }
            }
        }
        let mut n = 0;
        while n < marked.len() {
            if !marked[n] {
                n += 1;
                continue;
            }
            let first = n;
            while n < marked.len() && marked[n] {
                n += 1;
            }
            let end = offsets.get(n).copied().unwrap_or(original.len());
            out.push(start + offsets[first]..start + end);
        }
    }
}

/// Byte ranges of the maximal runs of letters, digits and marks.
fn segments(text: &str) -> Vec<Range<usize>> {
    let mut segments = Vec::new();
    let mut start = None;
    for (n, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
        match (inside, start) {
            (true, None) => start = Some(n),
            (false, Some(s)) => {
                segments.push(s..n);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        segments.push(s..text.len());
    }
    segments
}

/// A window of at most [`SNIPPET_CHARS`] characters of `text` around the first range, with "…" where it was cut,
/// and the ranges that fall inside it, moved to the window's offsets.
pub(crate) fn window(text: &str, ranges: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    // Sorted, overlapping ranges merged (a number's digits are words too).
    let mut sorted = ranges.to_vec();
    sorted.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for range in sorted {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    let ranges = merged.as_slice();
    let chars = text.chars().count();
    if chars <= SNIPPET_CHARS {
        return (text.to_owned(), ranges.to_vec());
    }
    let first_char = ranges
        .first()
        .map_or(0, |r| text[..r.start].chars().count());
    let mut start_char = first_char.saturating_sub(LEAD_CHARS);
    start_char = start_char.min(chars.saturating_sub(SNIPPET_CHARS));
    // Start at a word: move forward to just after a space, if there is one near.
    let byte_at = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    let mut start = byte_at(start_char);
    if start_char > 0
        && let Some(space) = text[start..].find(' ')
        && space < 20
    {
        start += space + 1;
        start_char = text[..start].chars().count();
    }
    let end = byte_at(start_char + SNIPPET_CHARS);
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < text.len() { "…" } else { "" };
    let shown = format!("{lead}{}{tail}", &text[start..end]);
    let shift = lead.len();
    let inside = ranges
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| (r.start - start + shift)..(r.end - start + shift))
        .collect();
    (shown, inside)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needles(words: &[&str], runs: &[&str]) -> Needles {
        Needles {
            words: words.iter().map(|w| (*w).to_owned()).collect(),
            prefix: None,
            runs: runs.iter().map(|r| r.chars().collect()).collect(),
            heads: None,
        }
    }

    #[test]
    fn words_are_found_by_form_accent_and_stem() {
        let text = "Línea directa — Hotlines, 24/7";
        let ranges = needles(&["linea", "hotlin"], &[]).ranges(text, "en");
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["Línea", "Hotlines"]);
    }

    #[test]
    fn runs_are_found_inside_unspaced_text() {
        let text = "全国人口贩运热线（888）";
        let ranges = needles(&[], &["热线"]).ranges(text, "zh-CN");
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["热线"]);
    }

    #[test]
    fn a_long_text_is_cut_around_the_first_match() {
        let text = format!("{} passport {}", "word ".repeat(60), "more ".repeat(60));
        let at = text.find("passport").unwrap_or(0);
        let matched = vec![Range {
            start: at,
            end: at + 8,
        }];
        let (shown, ranges) = window(&text, &matched);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.chars().count() <= SNIPPET_CHARS + 2);
        assert_eq!(&shown[ranges[0].clone()], "passport");
    }

    /// Every word of the guide in every language, with its language.
    fn guide_words() -> Vec<(String, String)> {
        let mut words = Vec::new();
        for language in crate::i18n::LANGUAGES {
            let content = crate::content::load::load(language.code, None).0;
            for document in super::super::document::documents(&content) {
                for (_, text) in &document.fields {
                    for piece in pieces(&fold(text)) {
                        if let Piece::Word(word) = piece {
                            words.push((language.code.to_owned(), word));
                        }
                    }
                }
            }
        }
        words.sort();
        words.dedup();
        words
    }

    #[test]
    fn stems_keep_the_first_two_letters_of_every_word_but_in_arabic() {
        let words = guide_words();
        assert!(words.len() > 20_000, "{} words", words.len());
        for (locale, word) in words.iter().filter(|(l, _)| l != "ar") {
            let stemmed = stem(stemmer(locale).as_ref(), word);
            let head = |w: &str| w.chars().take(2).collect::<String>();
            let kept = head(&stemmed)
                .chars()
                .count()
                .min(head(word).chars().count());
            assert!(
                stemmed.chars().take(kept).eq(word.chars().take(kept)) && kept >= 1,
                "{locale}: {word} → {stemmed}"
            );
        }
    }

    #[test]
    fn skipping_words_by_their_first_letters_never_changes_what_is_highlighted() {
        let words = guide_words();
        let mut checked = 0;
        for language in crate::i18n::LANGUAGES {
            let content = crate::content::load::load(language.code, None).0;
            let texts: Vec<String> = super::super::document::documents(&content)
                .into_iter()
                .flat_map(|d| d.fields.into_iter().map(|(_, text)| text))
                .collect();
            // Needles as a query makes them: words of this language typed whole, their stems in every language,
            // and the start of a word being typed.
            let mine: Vec<&String> = words
                .iter()
                .filter(|(l, _)| l == language.code)
                .map(|(_, w)| w)
                .collect();
            for (n, text) in texts.iter().enumerate().step_by(5) {
                let mut needles = Needles::default();
                for word in mine.iter().skip(n % 97).step_by(211).take(6) {
                    needles.words.insert((*word).clone());
                    for other in crate::i18n::LANGUAGES {
                        needles
                            .words
                            .insert(stem(stemmer(other.code).as_ref(), word));
                    }
                }
                // And some of the text's own words, so that there is something to highlight.
                for piece in pieces(&fold(text)).into_iter().skip(1).step_by(4).take(3) {
                    if let Piece::Word(word) = piece {
                        needles
                            .words
                            .insert(stem(stemmer(language.code).as_ref(), &word));
                    }
                }
                needles.prefix = mine
                    .get(n % mine.len().max(1))
                    .map(|w| w.chars().take(3).collect());
                let plain = needles.ranges(text, language.code);
                needles.seal();
                assert_eq!(
                    needles.ranges(text, language.code),
                    plain,
                    "{}: {text}",
                    language.code
                );
                checked += 1;
            }
        }
        assert!(checked > 1_000, "{checked} texts");
    }
}
