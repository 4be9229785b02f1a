//! Text analysis shared by the index and the query: case and accent folding, word and n-gram tokens, stemming.
//!
//! Both sides go through the same steps in the same order (fold, then tokenize, then stem), so a word typed
//! without accents or tone marks lands on the same term as the printed word, whatever the stemmer makes of it.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Chinese has no spaces between words: runs of Han characters are indexed as overlapping pairs.
pub(crate) const HAN_GRAM: usize = 2;
/// Khmer has no spaces between words either, and a syllable is several code points (consonant, subscript, vowel
/// sign): runs are indexed as overlapping triples of code points.
pub(crate) const KHMER_GRAM: usize = 3;

/// A run of a script written without spaces: its code points and its n-gram size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Run {
    pub(crate) chars: Vec<char>,
    pub(crate) gram: usize,
}

/// The pieces of a folded text in order: words, and runs of unspaced scripts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    Word(String),
    Run(Run),
}

fn is_latin(c: char) -> bool {
    (c as u32) < 0x0250 || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

pub(crate) fn is_khmer(c: char) -> bool {
    matches!(c as u32, 0x1780..=0x17FF | 0x19E0..=0x19FF)
}

/// Arabic short vowels and other marks people rarely type, and the tatweel used to stretch words.
fn is_arabic_mark(c: char) -> bool {
    matches!(c as u32, 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0640)
}

/// Lower case without accents: "Información" → "informacion", "người" → "nguoi", "أطفال" → "اطفال", "ёж" → "еж".
/// Marks that are part of the letter in other scripts (Khmer vowel signs, Cyrillic й) are kept.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for lower in text.chars().flat_map(char::to_lowercase) {
        // Most text is ASCII, which folds to itself (lower case): no decomposition to look up.
        if lower.is_ascii() {
            out.push(lower);
            continue;
        }
        match lower {
            'đ' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'ё' => out.push('е'),
            // Hamza forms of alef, alef maqsura and teh marbuta are written interchangeably in typed Arabic.
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ى' => out.push('ي'),
            'ة' => out.push('ه'),
            c if is_arabic_mark(c) => {}
            // Accents typed as separate combining characters (decomposed input).
            '\u{0300}'..='\u{036F}' => {}
            c if is_latin(c) => decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            }),
            c => out.push(c),
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Splits a folded text into words (between boundaries) and runs of Han or Khmer characters.
pub(crate) fn pieces(folded: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut word = String::new();
    let mut run: Option<Run> = None;
    let flush_word = |word: &mut String, pieces: &mut Vec<Piece>| {
        if !word.is_empty() {
            pieces.push(Piece::Word(std::mem::take(word)));
        }
    };
    for c in folded.chars() {
        let gram = if is_han(c) {
            Some(HAN_GRAM)
        } else if is_khmer(c) {
            Some(KHMER_GRAM)
        } else {
            None
        };
        match gram {
            Some(gram) => {
                flush_word(&mut word, &mut pieces);
                match &mut run {
                    Some(current) if current.gram == gram => current.chars.push(c),
                    _ => {
                        if let Some(done) = run.take() {
                            pieces.push(Piece::Run(done));
                        }
                        run = Some(Run {
                            chars: vec![c],
                            gram,
                        });
                    }
                }
            }
            None => {
                if let Some(done) = run.take() {
                    pieces.push(Piece::Run(done));
                }
                if is_word_char(c) {
                    word.push(c);
                } else {
                    flush_word(&mut word, &mut pieces);
                }
            }
        }
    }
    flush_word(&mut word, &mut pieces);
    if let Some(done) = run {
        pieces.push(Piece::Run(done));
    }
    pieces
}

impl Run {
    /// Every n-gram of the run, one starting at each position; the last ones are shorter, so that every
    /// character (and a prefix typed so far) can be found.
    pub(crate) fn index_grams(&self) -> Vec<String> {
        (0..self.chars.len())
            .map(|start| {
                let end = (start + self.gram).min(self.chars.len());
                self.chars[start..end].iter().collect()
            })
            .collect()
    }

    /// The full-length n-grams that a query run must all match; a run shorter than one n-gram is itself.
    pub(crate) fn query_grams(&self) -> Vec<String> {
        if self.chars.len() <= self.gram {
            return vec![self.chars.iter().collect()];
        }
        self.chars
            .windows(self.gram)
            .map(|w| w.iter().collect())
            .collect()
    }
}

/// The stemmer for a locale, where a maintained Snowball stemmer exists.
pub(crate) fn stemmer(locale: &str) -> Option<Stemmer> {
    let algorithm = match locale.split(['-', '_']).next().unwrap_or(locale) {
        "en" => Algorithm::English,
        "es" => Algorithm::Spanish,
        "pt" => Algorithm::Portuguese,
        "fr" => Algorithm::French,
        "ru" => Algorithm::Russian,
        "ar" => Algorithm::Arabic,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// The term a folded word is indexed under.
pub(crate) fn stem(stemmer: Option<&Stemmer>, word: &str) -> String {
    match stemmer {
        // Numbers and very short words (abbreviations such as "dv", "id") are their own terms.
        Some(stemmer) if word.chars().count() > 2 && !word.chars().all(|c| c.is_ascii_digit()) => {
            stemmer.stem(word).into_owned()
        }
        _ => word.to_owned(),
    }
}

/// The digits of a text, for phone numbers typed in any format; a leading North American "1" is dropped.
pub(crate) fn phone_digits(text: &str) -> String {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix('1') {
        Some(rest) if digits.len() == 11 => rest.to_owned(),
        _ => digits,
    }
}
