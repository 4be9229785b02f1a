//! The clinician's language, in one place.
//!
//! One language is in effect at a time. The interface strings (rust-i18n's process-wide locale, which `t!` and the
//! views' right-to-left checks read), the guide content with its English companion, the search index, the layout
//! direction and the saved preference all follow it, and [`LanguageState::switch`] is the only code that changes
//! any of them. Everything else reads [`LanguageState::current`] or the packs held here.
//!
//! The patient card is a different thing: its patient side shows the language the *patient* reads, and its
//! clinician side defaults to this language but can be changed on the card alone. Their packs are loaded here on
//! demand ([`LanguageState::load_pack`]) and never change the language in effect.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::cli::Options;
use crate::content::institution::{self, InstitutionPack};
use crate::content::{Content, Jurisdiction, Problem, Severity, jurisdiction, load};
use crate::i18n::{self, LANGUAGES, Language};
use crate::policy::Policy;
use crate::search::{LazyIndex, SearchIndex};
use crate::settings::Settings;

/// The language in effect and everything loaded for it.
pub(crate) struct LanguageState {
    /// The clinician's language: interface, guide content, search results, direction.
    current: &'static Language,
    /// The `--locale` flag as given: choosing that language again is not saved as the preference, so a run
    /// started in a language for a demonstration or a test does not change the user's choice.
    command_line: Option<String>,
    /// An override content pack (`--content DIR`).
    content_dir: Option<PathBuf>,
    /// The institution's referral directory, merged into every pack loaded here.
    institution: Option<InstitutionPack>,
    /// The guide in the current language (per item, English where a translation is missing).
    content: Content,
    /// English content beside a non-English language: searchable, and the source for "shown in English".
    english: Option<Content>,
    /// Errors in an override pack of the current language, shown in the footer.
    problems: Vec<Problem>,
    search_index: LazyIndex,
    /// Packs of other languages, loaded when the patient card shows one.
    other_packs: BTreeMap<&'static str, Content>,
    /// Whose reporting rules and local resources every pack loaded here holds.
    jurisdiction: Jurisdiction,
}

impl LanguageState {
    /// Nothing loaded yet; [`LanguageState::switch`] to [`LanguageState::at_start`]'s choice loads the first pack.
    pub(crate) fn new(
        options: &Options,
        institution: Option<InstitutionPack>,
        jurisdiction: Jurisdiction,
    ) -> Self {
        Self {
            current: &LANGUAGES[0],
            command_line: options.locale.clone(),
            content_dir: options.content_dir.clone(),
            institution,
            content: Content::default(),
            english: None,
            problems: Vec::new(),
            search_index: LazyIndex::default(),
            other_packs: BTreeMap::new(),
            jurisdiction,
        }
    }

    /// The language a run starts in: `--locale`, then the saved preference, then the institution's default,
    /// then the operating system's language, then the first language policy allows, then English.
    pub(crate) fn at_start(
        options: &Options,
        settings: &Settings,
        policy: &Policy,
    ) -> &'static str {
        let allowed = |code: &&'static str| policy.allows_language(code);
        options
            .locale
            .as_deref()
            .and_then(i18n::match_locale)
            .filter(allowed)
            .or_else(|| settings.locale.as_deref().and_then(i18n::match_locale))
            .or_else(|| policy.default_language().and_then(i18n::match_locale))
            .or_else(|| i18n::os_locale().filter(allowed))
            .or_else(|| {
                policy
                    .allowed_languages()
                    .and_then(|codes| codes.first())
                    .and_then(|code| i18n::match_locale(code))
            })
            .unwrap_or("en")
    }

    /// Puts `code` (any tag [`i18n::match_locale`] understands) in effect: the interface strings, the guide
    /// content and its English companion, a new search index (built off this thread), the direction, and the
    /// saved preference. Does nothing for a language policy does not allow; returns whether it switched.
    pub(crate) fn switch(&mut self, code: &str, policy: &Policy, settings: &mut Settings) -> bool {
        let code = i18n::match_locale(code).unwrap_or("en");
        let Some(language) = i18n::language(code).filter(|_| policy.allows_language(code)) else {
            return false;
        };
        self.current = language;
        rust_i18n::set_locale(code);
        if self.command_line.as_deref() != Some(code) {
            settings.locale = Some(code.to_owned());
        }
        self.reload();
        true
    }

    /// Loads the guide of the language in effect with the jurisdiction in effect, its English companion and a new
    /// search index (built off this thread); packs loaded for the patient card are loaded again when next shown.
    fn reload(&mut self) {
        let code = self.current.code;
        let (content, problems) = self.load_pack_of(code);
        self.problems = problems
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        self.english = (code != "en").then(|| self.load_pack_of("en").0);
        self.other_packs.clear();
        // Built on a background thread: the frame does not wait for it.
        self.search_index = LazyIndex::spawn(&content, self.english.as_ref());
        self.content = content;
    }

    /// The pack of `code` with the jurisdiction in effect and the institution's directory.
    fn load_pack_of(&self, code: &str) -> (Content, Vec<Problem>) {
        let dir = self.content_dir.as_deref();
        let (mut content, mut problems) = load::load(code, dir);
        problems.extend(jurisdiction::apply(&mut content, self.jurisdiction, dir));
        (self.with_institution(content), problems)
    }

    /// Whose reporting rules and local resources are shown.
    pub(crate) fn jurisdiction(&self) -> Jurisdiction {
        self.jurisdiction
    }

    /// Puts `j` in effect: the guide, its English companion and the search index are loaded again with its rules
    /// and resources. Does nothing if it is already in effect; returns whether it changed.
    pub(crate) fn set_jurisdiction(&mut self, j: Jurisdiction) -> bool {
        if j == self.jurisdiction {
            return false;
        }
        self.jurisdiction = j;
        self.reload();
        true
    }

    /// The language in effect.
    pub(crate) fn current(&self) -> &'static Language {
        self.current
    }

    /// Whether the language in effect is written right to left (the navigation and rows are mirrored).
    pub(crate) fn right_to_left(&self) -> bool {
        self.current.right_to_left
    }

    /// The guide in the language in effect.
    pub(crate) fn content(&self) -> &Content {
        &self.content
    }

    /// Errors found in an override pack of the language in effect.
    pub(crate) fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The search index of the language in effect (with English), waiting for its build if it is not done yet.
    pub(crate) fn search_index(&self) -> &SearchIndex {
        self.search_index
            .get_or_build(&self.content, self.english.as_ref())
    }

    /// Loads the pack of `code` for the patient card, if it is not loaded yet; an unknown code loads nothing.
    pub(crate) fn load_pack(&mut self, code: &str) {
        let Some(language) = i18n::language(code) else {
            return;
        };
        if language.code == self.current.code || self.other_packs.contains_key(language.code) {
            return;
        }
        let loaded = self.load_pack_of(language.code).0;
        self.other_packs.insert(language.code, loaded);
    }

    /// The pack of `code` if loaded ([`LanguageState::load_pack`]), the current one for the language in effect.
    pub(crate) fn pack(&self, code: &str) -> Option<&Content> {
        if code == self.current.code {
            Some(&self.content)
        } else {
            self.other_packs.get(code)
        }
    }

    /// A content pack with the institution's directory first among its resources.
    fn with_institution(&self, mut content: Content) -> Content {
        if let Some(pack) = &self.institution {
            let title = rust_i18n::t!("deploy.institution.title", locale = &content.locale);
            institution::merge_into(&mut content, pack, &title);
        }
        content
    }
}
