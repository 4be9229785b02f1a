//! Typed content model: the guidebook as data.
//!
//! Every piece of text that the app shows carries a stable id, so that translations (`content/<locale>/*.ron`)
//! can be keyed by the English ids and search results can jump to the exact item. The `visit_texts` methods walk
//! every translatable string with its key; loading, translation, validation and search all use that one walk.

use serde::{Deserialize, Serialize};

/// A reference to where an item comes from: a guidebook section ("Reporting › B. Minors in Need of Protection")
/// or a named public source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SourceRef(pub String);

/// One piece of text with a stable id: a list item, an indicator, a question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Stable id: translations, search hits, links and saved answers refer to it.
    pub id: String,
    /// The text shown, in the pack's language.
    pub text: String,
}

/// A narrative page (overview, health effects, response): an ordered list of sections.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Where this file comes from and who checked it when; required of every English file (`--check-content`).
    #[serde(default)]
    pub(crate) provenance: Option<Provenance>,
    /// The sections, in reading order.
    pub sections: Vec<Section>,
}

/// Where a content or rules file comes from, which statute texts were read for it and when, and who reviewed what.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The publication the file transcribes or summarises.
    pub source: String,
    /// The year of that publication, shown to the user ("From the guidebook (2014)").
    pub source_year: u16,
    /// Statute texts read for this file, beyond the guidebook's own quotations.
    #[serde(default)]
    pub statutes: Vec<StatuteCheck>,
    /// Who reviewed what, and when; the newest date decides whether the file is due for review.
    pub reviews: Vec<Review>,
}

/// A statute text read against a public copy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatuteCheck {
    /// "M.G.L. c. 112, § 12A".
    pub(crate) citation: String,
    /// The public copy that was read.
    pub(crate) url: String,
    /// ISO date the text was read.
    pub(crate) checked: String,
}

/// One review of a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Who reviewed, and in what capacity ("Harbor project (not legal counsel)").
    pub by: String,
    /// A project check, or a review by a clinician or legal counsel; only the latter is shown as "Last reviewed".
    /// Defaults to a project check, so that a file never claims more review than it had.
    #[serde(default)]
    pub kind: ReviewKind,
    /// What was reviewed ("transcription against the guidebook", "rules against the statute texts").
    pub scope: String,
    /// ISO date.
    pub date: String,
}

/// Who did a review, which decides how the app names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewKind {
    /// Checked by the project against the guidebook or the statute text: not legal or clinical advice.
    #[default]
    ProjectCheck,
    /// Reviewed by a clinician in that capacity.
    Clinical,
    /// Reviewed by legal counsel.
    Legal,
}

impl Provenance {
    /// The newest date of any review or project check (ISO dates compare as strings); decides when a file is due.
    pub(crate) fn last_review(&self) -> Option<&str> {
        self.reviews.iter().map(|r| r.date.as_str()).max()
    }

    /// The newest clinical or legal review: the only kind shown as "Last reviewed".
    pub(crate) fn last_professional_review(&self) -> Option<&str> {
        self.reviews
            .iter()
            .filter(|r| r.kind != ReviewKind::ProjectCheck)
            .map(|r| r.date.as_str())
            .max()
    }

    /// The newest project check.
    pub(crate) fn last_project_check(&self) -> Option<&str> {
        self.reviews
            .iter()
            .filter(|r| r.kind == ReviewKind::ProjectCheck)
            .map(|r| r.date.as_str())
            .max()
    }

    /// The newest date a statute text was read.
    pub(crate) fn statutes_checked(&self) -> Option<&str> {
        self.statutes.iter().map(|s| s.checked.as_str()).max()
    }
}

/// A dated fact from after the guidebook, attached to the items it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateNote {
    /// Stable id, an anchor search can jump to.
    pub id: String,
    /// The dated fact, in the project's own words.
    pub text: String,
    /// Ids of the items (sections, resources, outcomes) the note concerns; `--check-content` resolves them.
    pub(crate) concerns: Vec<String>,
    /// Public sources read for this note.
    pub sources: Vec<String>,
    /// ISO date the fact was last verified against its sources.
    pub(crate) verified: String,
}

/// A titled section of narrative guidance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Stable id, an anchor search and the Contents list jump to.
    pub id: String,
    /// Heading shown above the section and in the Contents list.
    pub title: String,
    /// The guidebook section it summarises, shown as its citation.
    pub source: SourceRef,
    /// The section's paragraphs, lists, tables and figures, in order.
    pub blocks: Vec<Block>,
}

/// The building blocks of a section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// A paragraph, summarised in the project's own words.
    Text {
        /// Stable id of the paragraph.
        id: String,
        /// The paragraph.
        text: String,
    },
    /// A list that stays faithful to the guidebook, with an optional lead-in sentence.
    List {
        /// Stable id of the list (its items have their own).
        id: String,
        /// Sentence shown before the list, when the guidebook has one.
        #[serde(default)]
        intro: Option<String>,
        /// The entries, in the guidebook's order and wording.
        items: Vec<Item>,
        /// Each item gets a Copy button (codes and charting phrases a clinician pastes into a record).
        #[serde(default)]
        copyable: bool,
    },
    /// A table (for example push and pull factors by social-ecological level).
    Table {
        /// Stable id of the table.
        id: String,
        /// Column headings.
        columns: Vec<String>,
        /// Rows, each with one cell per column.
        rows: Vec<TableRow>,
    },
    /// A key figure (epidemiology): a value and what it measures.
    Figure {
        /// Stable id of the figure.
        id: String,
        /// The number as the source gives it ("Nearly 21 million").
        value: String,
        /// What the number measures, and whose estimate it is.
        text: String,
    },
    /// A dated note on what changed since the guidebook was published, with its public source. It never alters the
    /// guidebook's own text: it is shown beside it, marked "Since the guidebook".
    Update(UpdateNote),
    /// The Act–Means–Purpose model, drawn as a diagram.
    ActMeansPurpose {
        /// Stable id of the diagram.
        id: String,
        /// The Act column: what traffickers do (recruit, harbour, transport…).
        act: Vec<Item>,
        /// The Means column: how (force, fraud, coercion).
        means: Vec<Item>,
        /// The Purpose column: to what end (labour, sex).
        purpose: Vec<Item>,
    },
}

/// A table row; `cells` line up with the table's `columns`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    pub(crate) id: String,
    /// The row's texts, one per column.
    pub cells: Vec<String>,
}

/// `indicators.ron`: the red-flag indicators, grouped.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndicatorPack {
    #[serde(default)]
    pub(crate) provenance: Option<Provenance>,
    /// The groups, in the guidebook's order.
    pub groups: Vec<IndicatorGroup>,
}

/// A group of indicators with the guidebook's context sentence, summarised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorGroup {
    /// Stable id; question groups and the checklist's summary refer to it.
    pub id: String,
    /// Heading of the group.
    pub title: String,
    pub(crate) context: String,
    pub(crate) source: SourceRef,
    /// Whether the clinician can tick these in the checklist ("What am I seeing?").
    #[serde(default = "default_true")]
    pub(crate) checkable: bool,
    /// Question groups (ids in `questions.ron`) most relevant when indicators of this group are observed.
    #[serde(default)]
    pub(crate) related_questions: Vec<String>,
    /// The indicators, faithful to the guidebook's list.
    pub indicators: Vec<Item>,
}

fn default_true() -> bool {
    true
}

/// `questions.ron`: framing guidance, patient-facing statements and the sample questions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionPack {
    #[serde(default)]
    pub(crate) provenance: Option<Provenance>,
    /// How to frame the inquiry: privacy first, separate the patient, confidentiality and its limits.
    pub(crate) framing: Vec<Section>,
    /// Statements a clinician may say or show to the patient (privacy, confidentiality and its limits).
    pub(crate) statements: Vec<Item>,
    /// The sample questions, by topic.
    pub groups: Vec<QuestionGroup>,
}

/// A group of sample questions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionGroup {
    pub(crate) id: String,
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) intro: Option<String>,
    pub(crate) source: SourceRef,
    /// The questions, faithful to the guidebook's wording; each can be shown on the patient card.
    pub questions: Vec<Item>,
}

/// `resources.ron`: organisations to call, by region.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourcePack {
    #[serde(default)]
    pub(crate) provenance: Option<Provenance>,
    /// The groups, in the pack's order (local before national).
    pub groups: Vec<ResourceGroup>,
    /// The pack's own numbers for the start screen's "numbers for tonight", by contact id, listed after the national
    /// hotline's: the line that takes a report at any hour where this pack's law applies (DCF's Child-At-Risk
    /// Hotline in Massachusetts, the Texas Abuse Hotline…). A jurisdiction pack brings its own with its rules.
    #[serde(default)]
    pub tonight: Vec<String>,
}

/// A set of resources ("Massachusetts-specific", "National").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceGroup {
    pub(crate) id: String,
    /// Heading of the group.
    pub title: String,
    /// The organisations, in the source's order.
    pub resources: Vec<Resource>,
}

/// An organisation, hotline or service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    /// Stable id; search and "Show this service to the patient" refer to it.
    pub id: String,
    /// Proper name as the guidebook prints it; never translated.
    pub(crate) name: String,
    /// The name the service goes by now, where a dated update in `updates` records the change (the national hotline
    /// was renamed after the guidebook). Shown first, with the guidebook's name under it, so a clinician dials the
    /// service by the name it answers to. `--check-content` refuses one without an update note.
    #[serde(default)]
    pub(crate) current_name: Option<String>,
    /// What the service does and for whom.
    pub description: String,
    /// Where the entry comes from (the guidebook or a named public source).
    pub source: SourceRef,
    /// Numbers to call, text or reach by TTY; each can be copied.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Shown as text only: the app opens no browser.
    #[serde(default)]
    pub(crate) website: Option<String>,
    /// Languages the service offers, where the source says so.
    #[serde(default)]
    pub(crate) languages: Option<String>,
    /// What changed since the guidebook (a new name, a new operator), shown under the guidebook's own entry.
    #[serde(default)]
    pub(crate) updates: Vec<UpdateNote>,
}

/// A phone number, text line or TTY line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub(crate) id: String,
    pub(crate) kind: ContactKind,
    /// What this number is for ("SEEN Case Coordinator", "Hotline").
    pub(crate) label: String,
    /// Exactly as printed in the source, e.g. "(617) 343-6533" or "233733".
    pub number: String,
    /// When it is staffed, if the source says ("24/7", "9 a.m.–5 p.m. weekdays").
    #[serde(default)]
    pub hours: Option<String>,
}

/// How a contact is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactKind {
    /// Called by voice.
    Phone,
    /// Reached by text message.
    Text,
    /// Reached by a text telephone (deaf and hard-of-hearing callers).
    Tty,
}

/// `reporting.ron`: the reporting rules as data (questions → conditions → obligations → contacts), plus the
/// narrative of the guidebook's Reporting section.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportingRules {
    /// The jurisdiction these rules are for ("Massachusetts").
    pub(crate) jurisdiction: String,
    #[serde(default)]
    pub(crate) provenance: Option<Provenance>,
    /// The helper's questions, in the order they are asked.
    pub questions: Vec<RuleQuestion>,
    /// What the clinician must, must not, or may do, each with the condition that brings it about.
    pub outcomes: Vec<Outcome>,
    /// The Reporting tab's narrative.
    pub sections: Vec<Section>,
}

/// One question of the reporting decision helper.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleQuestion {
    /// Stable id; conditions name questions by it.
    pub id: String,
    pub(crate) text: String,
    #[serde(default)]
    pub(crate) help: Option<String>,
    /// Answer choices; the helper records the chosen answer's id.
    pub(crate) answers: Vec<Item>,
    /// Only asked when this holds (for example consent is only asked of adults).
    #[serde(default)]
    pub(crate) ask_if: Option<Condition>,
}

/// A condition over the answers given so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    /// Question `.0` was answered with answer id `.1`.
    Is(String, String),
    /// Holds when the inner condition does not.
    Not(Box<Condition>),
    /// Holds when every inner condition does.
    All(Vec<Condition>),
    /// Holds when at least one inner condition does.
    Any(Vec<Condition>),
}

/// What an outcome asks of the clinician.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutcomeKind {
    /// A mandatory report.
    Must,
    /// Something the clinician must not do (report a competent adult without consent).
    MustNot,
    /// Follow institutional procedure or consider an option.
    Consider,
    /// What to offer the patient (hotlines, a private space, safety planning, follow-up).
    Offer,
}

/// An obligation or option that applies when its condition holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// Stable id, used in tests and `--reporting-table`.
    pub id: String,
    /// Whether this is a duty, a prohibition, an option or an offer.
    pub kind: OutcomeKind,
    /// What a report under this outcome is about ("trafficking-adult", "firearm-injury"). A "must not report" and a
    /// "must report" of the same subject can never apply together (`--check-content` checks every combination).
    #[serde(default)]
    pub subject: Option<String>,
    /// The card's heading.
    pub title: String,
    /// The statute it comes from ("M.G.L. c. 119, § 51A"), if any.
    #[serde(default)]
    pub statute: Option<String>,
    /// The steps, in plain language.
    pub what_to_do: String,
    /// The guidebook's wording, summarised.
    pub summary: String,
    /// Whom to call (for example the DCF hotline).
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Whom the statute binds, in its own terms ("Every physician…, or the person in charge of the hospital").
    /// Required of every mandated report (`--check-content`).
    #[serde(default)]
    pub binds: Option<String>,
    /// For each role a user can have, whether the duty is theirs; required for every role on a mandated report.
    #[serde(default)]
    pub roles: Vec<RoleDuty>,
    /// What changed since the guidebook that bears on this outcome.
    #[serde(default)]
    pub updates: Vec<UpdateNote>,
    /// The guidebook section (and statute text) it comes from.
    pub source: SourceRef,
    /// The answers under which this outcome applies.
    pub when: Condition,
}

/// The user's professional role, asked once by the reporting helper and kept in Settings: the statutes bind
/// different people (§ 12A binds the physician; § 51A every mandated reporter).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    /// A physician (including residents and interns).
    Physician,
    /// A nurse practitioner or physician assistant.
    NpPa,
    /// A registered or licensed practical nurse.
    Nurse,
    /// A social worker.
    SocialWorker,
    /// Anyone else (an interpreter, a student, an advocate…).
    Other,
}

impl Role {
    /// Every role, in the order the helper offers them.
    pub const ALL: [Self; 5] = [
        Self::Physician,
        Self::NpPa,
        Self::Nurse,
        Self::SocialWorker,
        Self::Other,
    ];
}

/// Whose duty a mandated report is, for one role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Duty {
    /// The statute names this role: the duty is the user's own.
    Yours,
    /// The statute binds someone else (the physician, the person in charge): the user tells them at once.
    TellResponsible,
    /// The statute may or may not name the user: check its list of mandated reporters and the institution's policy.
    Check,
}

/// One role's duty on one outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleDuty {
    /// The role.
    pub role: Role,
    /// Whether the duty is theirs.
    pub duty: Duty,
}

impl Resource {
    /// The name to show and search first: the current one where the service was renamed, else the guidebook's.
    pub fn shown_name(&self) -> &str {
        self.current_name.as_deref().unwrap_or(&self.name)
    }

    /// The guidebook's own name, when the service now goes by another (to show under the current one).
    pub fn guidebook_name_if_renamed(&self) -> Option<&str> {
        self.current_name
            .as_ref()
            .filter(|current| **current != self.name)
            .map(|_| self.name.as_str())
    }
}

impl Outcome {
    /// The duty this outcome puts on `role`, if the rules say.
    pub fn duty_for(&self, role: Role) -> Option<Duty> {
        self.roles.iter().find(|r| r.role == role).map(|r| r.duty)
    }
}

/// `safety_plan.ron`: the safety-planning worksheet template.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SafetyPlanTemplate {
    #[serde(default)]
    pub(crate) provenance: Option<Provenance>,
    /// The worksheet's sections, in order.
    pub sections: Vec<PlanSection>,
}

/// A worksheet section (the three branches, case-management needs, comprehensive care…).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSection {
    pub(crate) id: String,
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) intro: Option<String>,
    pub(crate) source: SourceRef,
    /// The fields of the section, in order.
    pub fields: Vec<PlanField>,
}

/// One field of the worksheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanField {
    /// Stable id; the vault's safety-plan draft keys its answers by it.
    pub id: String,
    /// The prompt shown beside the field.
    pub label: String,
    pub(crate) kind: FieldKind,
}

/// How a worksheet field is filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum FieldKind {
    /// Free text.
    Text,
    /// A yes/no tick.
    Check,
    /// A need with a status (not needed / to do / in progress / done) and notes.
    Need,
    /// A 0–10 scale (the patient's own level of fear).
    Scale,
}

/// A translation file, `content/<locale>/<name>.ron`: strings keyed by the English ids.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    /// Whether a professional medical translator has reviewed this file.
    pub reviewed: bool,
    /// Who translated it from what, and who checked what when; required by `--check-content`.
    #[serde(default)]
    pub provenance: Option<Provenance>,
    /// Translated texts keyed by the English item ids (`section.id.title`, `item-id`…).
    pub strings: std::collections::BTreeMap<String, String>,
}
