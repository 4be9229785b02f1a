//! How guessable a new passphrase is. Length alone misjudges `Password123!` (long, and among the first guesses of any
//! cracking list) and `correct horse battery staple`; zxcvbn (Dropbox's estimator, offline word lists) counts how
//! many guesses dictionaries, names, dates, keyboard walks and repeats would need.

/// Shortest passphrase accepted.
pub(crate) const MIN_CHARS: usize = 10;

/// A new passphrase's strength, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Fewer than [`MIN_CHARS`] characters.
    TooShort,
    /// Found within about a million guesses (zxcvbn score 0–1): refused.
    Weak,
    /// About 10⁸ guesses (score 2): accepted, with advice.
    Fair,
    /// 10¹⁰ guesses or more (score 3–4).
    Strong,
}

impl Strength {
    /// Whether a vault may be protected with it.
    #[must_use]
    pub fn acceptable(self) -> bool {
        self >= Self::Fair
    }
}

/// Words an attacker who knows the app would try first.
const APP_WORDS: [&str; 5] = ["harbor", "notes", "vault", "passphrase", "password"];

/// Estimates `passphrase`'s strength.
#[must_use]
pub fn strength(passphrase: &str) -> Strength {
    if passphrase.chars().count() < MIN_CHARS {
        return Strength::TooShort;
    }
    match u8::from(zxcvbn::zxcvbn(passphrase, &APP_WORDS).score()) {
        0 | 1 => Strength::Weak,
        2 => Strength::Fair,
        _ => Strength::Strong,
    }
}
