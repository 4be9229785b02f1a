//! The guidebook as data: typed models, loading (built-in pack plus an optional override pack), translation with
//! per-item fallback to English, validation. Search (`crate::search`) and the translators' exchange (`crate::exchange`) are built on it. No UI and no I/O beyond reading content files.

pub mod checks;
pub mod coverage;
pub mod glossary;
pub mod hours;
pub mod institution;
pub mod jurisdiction;
pub(crate) mod jurisdiction_checks;
pub mod load;
pub mod model;
pub mod provenance;
pub mod reporting_table;
pub mod rules;
pub mod source;
pub mod synonyms;
pub mod texts;
pub mod validate;

use std::collections::HashSet;

pub use jurisdiction::Jurisdiction;
use model::{IndicatorPack, Page, QuestionPack, ReportingRules, ResourcePack, SafetyPlanTemplate};
pub use source::{Problem, Severity};

/// The content files of a pack; each is one RON file per locale, `content/<locale>/<stem>.ron`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContentFile {
    /// `overview.ron`: what trafficking is, who is at risk.
    Overview,
    /// `health.ron`: health effects of trafficking.
    Health,
    /// `indicators.ron`: the red flags.
    Indicators,
    /// `questions.ron`: framing and sample questions.
    Questions,
    /// `response.ron`: assessment, examination and trauma-informed care.
    Response,
    /// `reporting.ron`: reporting rules and their narrative.
    Reporting,
    /// `resources.ron`: organisations and hotlines.
    Resources,
    /// `safety_plan.ron`: the safety-planning worksheet.
    SafetyPlan,
}

impl ContentFile {
    /// Every content file, in the order the app presents them.
    pub const ALL: [Self; 8] = [
        Self::Overview,
        Self::Health,
        Self::Indicators,
        Self::Questions,
        Self::Response,
        Self::Reporting,
        Self::Resources,
        Self::SafetyPlan,
    ];

    /// File name without extension.
    pub fn stem(self) -> &'static str {
        match self {
            Self::Overview => "overview",
            Self::Health => "health",
            Self::Indicators => "indicators",
            Self::Questions => "questions",
            Self::Response => "response",
            Self::Reporting => "reporting",
            Self::Resources => "resources",
            Self::SafetyPlan => "safety_plan",
        }
    }

    /// The file with this stem, if any.
    pub(crate) fn from_stem(stem: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|file| file.stem() == stem)
    }

    /// Patient-facing files must be translated into every locale; the clinician narrative may fall back to English.
    pub(crate) fn is_patient_facing(self) -> bool {
        matches!(self, Self::Questions | Self::Resources | Self::SafetyPlan)
    }
}

/// A fully loaded, localized content pack.
#[derive(Clone, Debug, Default)]
pub struct Content {
    /// Locale the texts were translated into (with per-item fallback to English).
    pub locale: String,
    /// The Overview tab.
    pub overview: Page,
    /// The Health tab.
    pub health: Page,
    /// The Indicators tab and its checklist.
    pub indicators: IndicatorPack,
    /// The Questions tab and the patient card's statements.
    pub questions: QuestionPack,
    /// The Response tab.
    pub response: Page,
    /// The reporting helper's rules and the Reporting tab's narrative.
    pub reporting: ReportingRules,
    /// The Resources tab (with an institution's directory merged in first).
    pub resources: ResourcePack,
    /// The Safety-plan worksheet.
    pub safety_plan: SafetyPlanTemplate,
    /// Anchors (item ids) whose text is shown in English because this locale lacks a translation.
    pub fallback_anchors: HashSet<String>,
    /// Whether every translation file of this locale says it was reviewed by a professional translator.
    pub reviewed: bool,
    /// Who translated each file shown in this locale and what review that translation had; a file with no
    /// translated string (all shown in English) has none.
    pub translations: std::collections::HashMap<ContentFile, TranslationNote>,
    /// Search synonyms and abbreviations of this locale (built-in plus the override pack's).
    pub synonyms: synonyms::Synonyms,
}

/// What is true of one file's translation, for the line under its tab (never the English file's review dates).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TranslationNote {
    /// The file says a professional medical translator reviewed it.
    pub reviewed: bool,
    /// The newest clinical or legal review recorded in the translation file itself (ISO date).
    pub reviewed_on: Option<String>,
}

impl TranslationNote {
    /// What a translation file says of itself: whether it was reviewed, and its newest clinical or legal review.
    pub(crate) fn of(translation: &model::Translation) -> Self {
        Self {
            reviewed: translation.reviewed,
            reviewed_on: translation
                .provenance
                .as_ref()
                .and_then(|p| p.last_professional_review())
                .map(str::to_owned),
        }
    }
}

impl Content {
    /// Whether the element with this id is shown in English as a fallback.
    pub fn is_fallback(&self, anchor: &str) -> bool {
        self.fallback_anchors.contains(anchor)
    }

    /// The built-in Massachusetts pack in `locale`, falling back to English per item.
    pub fn builtin(locale: &str) -> Result<Self, Vec<Problem>> {
        let (content, problems) = load::load(locale, None);
        if problems.iter().any(|p| p.severity == Severity::Error) {
            Err(problems)
        } else {
            Ok(content)
        }
    }
}
