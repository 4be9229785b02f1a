//! The views. Each tab is a [`View`]: it draws from the content and the vault state it is given and hands every
//! effect back to the app as a [`Command`] — no view touches the file system, a file dialog, the PDF export or the
//! vault session's operations. The only write a view makes itself is binding a text field to a field of a case
//! record, through [`VaultView::edit_record`], so note text has one copy (the vault's, zeroized on lock).

pub mod accessible;
pub(crate) mod contact;
pub(crate) mod focus;
pub mod guidance;
pub(crate) mod indicators;
pub(crate) mod jurisdiction;
pub(crate) mod keyboard_scroll;
pub(crate) mod lazy;
pub(crate) mod live;
pub(crate) mod notes;
pub(crate) mod page;
pub mod patient_card;
pub(crate) mod policy;
pub(crate) mod popup;
pub(crate) mod questions;
pub(crate) mod readable;
pub(crate) mod reporting;
pub(crate) mod resources;
pub(crate) mod safety_plan;
pub(crate) mod search;
pub(crate) mod start;
pub(crate) mod table;
pub(crate) mod text_runs;
pub(crate) mod theme;
pub(crate) mod vault_state;
pub mod vault_text;
pub(crate) mod verdict;
pub(crate) mod widgets;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use rust_i18n::t;
use secrecy::SecretString;

pub(crate) use vault_state::{ExportStatus, PolicyRule, Refusal, VaultUi, VaultView};

use crate::content::{Content, ContentFile};
use crate::vault::model::{CaseRecord, PlanValue};

/// A tab of the main window.
pub(crate) trait View {
    /// Draws the tab; effects go out as commands through `view`.
    fn ui(&mut self, ui: &mut egui::Ui, view: &ViewCtx<'_>, vault: &mut VaultView<'_>);

    /// The vault is about to lock (or the app to close): queue every pending edit as a command — the app applies
    /// them before it locks, so they reach the final save — then drop every plaintext buffer the view holds.
    /// Required, so that a new view cannot forget its plaintext.
    fn on_lock(&mut self, view: &ViewCtx<'_>);
}

/// The tabs of the main window, in order (Ctrl+1…Ctrl+9, then Ctrl+0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Tab {
    /// Where Harbor opens: three ways in and the numbers needed tonight.
    #[default]
    Start,
    /// What trafficking is and who is at risk (the guidebook's preface first).
    Overview,
    /// Health effects of trafficking.
    Health,
    /// Red flags, with a checklist.
    Indicators,
    /// How to ask, and sample questions.
    Questions,
    /// Assessment, examination and trauma-informed care.
    Response,
    /// What must be reported, with the decision helper.
    Reporting,
    /// Organisations and hotlines to call.
    Resources,
    /// The safety-planning worksheet (kept in the vault).
    SafetyPlan,
    /// The encrypted case notes.
    Notes,
}

impl Tab {
    /// Every tab, in display order.
    pub const ALL: [Self; 10] = [
        Self::Start,
        Self::Overview,
        Self::Health,
        Self::Indicators,
        Self::Questions,
        Self::Response,
        Self::Reporting,
        Self::Resources,
        Self::SafetyPlan,
        Self::Notes,
    ];

    /// The translated tab name (also its accessible label).
    pub fn label(self) -> String {
        match self {
            Self::Start => t!("tab.start"),
            Self::Overview => t!("tab.overview"),
            Self::Health => t!("tab.health"),
            Self::Indicators => t!("tab.indicators"),
            Self::Questions => t!("tab.questions"),
            Self::Response => t!("tab.response"),
            Self::Reporting => t!("tab.reporting"),
            Self::Resources => t!("tab.resources"),
            Self::SafetyPlan => t!("tab.safety_plan"),
            Self::Notes => t!("tab.notes"),
        }
        .into_owned()
    }

    /// Whether this tab shows text from the vault (case notes, a safety plan kept with a record). The one list every
    /// privacy rule reads: the policy's vault switch hides these tabs' views, and copies made in them go to the
    /// sensitive clipboard (taken back after 30 s, never the primary selection). The `match` lists every tab, so a
    /// new one cannot be added without deciding.
    pub fn holds_vault_text(self) -> bool {
        match self {
            Self::SafetyPlan | Self::Notes => true,
            Self::Start
            | Self::Overview
            | Self::Health
            | Self::Indicators
            | Self::Questions
            | Self::Response
            | Self::Reporting
            | Self::Resources => false,
        }
    }

    /// The tab that shows a content file.
    pub(crate) fn for_file(file: ContentFile) -> Self {
        match file {
            ContentFile::Overview => Self::Overview,
            ContentFile::Health => Self::Health,
            ContentFile::Indicators => Self::Indicators,
            ContentFile::Questions => Self::Questions,
            ContentFile::Response => Self::Response,
            ContentFile::Reporting => Self::Reporting,
            ContentFile::Resources => Self::Resources,
            ContentFile::SafetyPlan => Self::SafetyPlan,
        }
    }
}

/// The place a search result for exporting the safety plan jumps to: the worksheet's export button takes focus.
pub(crate) const EXPORT_PLAN_ANCHOR: &str = "action.export-plan";

/// Which text a patient-language card shows: a content file and the translation key of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardRequest {
    /// The content file the text is in.
    pub file: ContentFile,
    /// The text's translation key (its id in the content file).
    pub key: String,
}

/// Actions views ask the app to carry out; the app applies them in one place (`app/commands.rs`,
/// [`HarborApp::apply`](crate::HarborApp::apply)), where the institution's policy is enforced.
#[must_use]
#[derive(Debug)]
pub enum Command {
    /// Show a tab from its top.
    Show(Tab),
    /// Show a tab and scroll to an element in it.
    Jump {
        /// The tab to show.
        tab: Tab,
        /// The element to highlight and scroll to.
        anchor: String,
    },
    /// Open the large-print patient-language card.
    OpenCard(CardRequest),
    /// Change the vault.
    Vault(VaultCommand),
    /// Ask where to save the safety plan as a PDF, then write it.
    ExportPlan(ExportRequest),
    /// Remember the user's role (asked once by the reporting helper).
    SetRole(crate::content::model::Role),
    /// Show another jurisdiction's reporting rules and local resources (and remember the choice).
    SetJurisdiction(crate::content::Jurisdiction),
    /// The user stored the recovery key shown once: stop showing it.
    RecoveryKeyStored,
    /// The export panel was opened or closed: the last export's result no longer applies.
    ClearExportStatus,
    /// Ask where to save a sheet of pocket cards, then write it.
    ExportCard(CardExport),
    /// An app action chosen among the search results.
    Action(Action),
}

/// A sheet of pocket cards to write: how (language, discreet, name) and where (`None`: ask with the dialog).
#[derive(Debug)]
pub struct CardExport {
    /// Language, discreet, the help line's name.
    pub options: crate::take_home::CardOptions,
    /// Where to write (`None`: ask with the dialog).
    pub to: Option<std::path::PathBuf>,
}

/// App actions that search finds by name (in the interface language and English); the app performs them or opens
/// where they are done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Lock the notes.
    Lock,
    /// Quick exit.
    QuickExit,
    /// Open the settings menu.
    Settings,
    /// Open the language menu.
    Language,
    /// Go to the questions, whose texts open as large-print patient cards (to show, print or export).
    PatientCard,
    /// Go to the safety plan and its PDF export.
    ExportPlan,
}

/// Everything a view can ask of the vault. Secrets travel as [`SecretString`]s, wiped when dropped.
#[derive(Debug)]
pub enum VaultCommand {
    /// Make a new vault.
    Create {
        /// Its passphrase.
        passphrase: SecretString,
        /// Whether to make a recovery key too (required by some institutions' policy).
        with_recovery_key: bool,
    },
    /// Open the vault with its passphrase (read-only if another window holds it).
    Unlock(SecretString),
    /// Replace a damaged vault by its backup, opened with this passphrase.
    RestoreBackup(SecretString),
    /// Open the vault with the recovery key and give it a new passphrase.
    Recover {
        /// The recovery key shown when the vault was made.
        recovery_key: SecretString,
        /// The passphrase from now on.
        new_passphrase: SecretString,
    },
    /// Change the passphrase.
    ChangePassphrase {
        /// The passphrase now.
        current: SecretString,
        /// The passphrase from now on.
        new: SecretString,
    },
    /// Make a new recovery key (shown once).
    NewRecoveryKey,
    /// Add a record (the view made it, so it knows its id).
    AddRecord(CaseRecord),
    /// Delete the record with this id.
    DeleteRecord(String),
    /// Save ticked indicators as an observation on a record.
    AddObservation {
        /// The record's id.
        record_id: String,
        /// The ticked indicators' ids.
        indicator_ids: Vec<String>,
    },
    /// Edits have paused (or a lock is coming): write them now.
    Save,
    /// A read-only window takes the vault over (the other window has closed).
    ReopenWritable,
}

/// What the safety-plan export needs: the answers (the vault's or the blank guide's) and the title choice.
#[derive(Debug)]
pub struct ExportRequest {
    /// The answers, by field id (each wipes itself when dropped).
    pub values: BTreeMap<String, PlanValue>,
    /// Name the topic in the title, instead of a neutral one.
    pub name_topic: bool,
    /// Where to write it, typed by the user when no save dialog could be shown; `None` asks through the dialog.
    pub to: Option<std::path::PathBuf>,
    /// The patient's copy with these choices; `None` = the clinician's record.
    pub patient: Option<crate::take_home::PatientOptions>,
}

/// What every view gets: the content, the element to highlight, and a place to put commands.
pub(crate) struct ViewCtx<'a> {
    pub(crate) content: &'a Content,
    /// The tab being drawn.
    pub(crate) tab: Tab,
    /// Element reached through search or the contents list.
    pub(crate) highlight: Option<&'a str>,
    scroll_pending: Cell<bool>,
    commands: RefCell<Vec<Command>>,
    /// The user's role from Settings, for the reporting helper; `None` until asked.
    pub(crate) role: Option<crate::content::model::Role>,
    /// Whose law and local resources the content holds, and whether the user chose it.
    pub(crate) jurisdiction: jurisdiction::JurisdictionChoice,
}

impl<'a> ViewCtx<'a> {
    /// A context for one frame; `scroll` asks for the highlighted element to be scrolled into view.
    pub(crate) fn new(
        content: &'a Content,
        tab: Tab,
        highlight: Option<&'a str>,
        scroll: bool,
    ) -> Self {
        Self {
            content,
            tab,
            highlight,
            scroll_pending: Cell::new(scroll),
            commands: RefCell::new(Vec::new()),
            role: None,
            jurisdiction: jurisdiction::JurisdictionChoice::default(),
        }
    }

    /// The same context, knowing the jurisdiction in effect.
    #[must_use]
    pub(crate) fn with_jurisdiction(mut self, choice: jurisdiction::JurisdictionChoice) -> Self {
        self.jurisdiction = choice;
        self
    }

    /// The same context, knowing the user's role.
    #[must_use]
    pub(crate) fn with_role(mut self, role: Option<crate::content::model::Role>) -> Self {
        self.role = role;
        self
    }

    /// True once: the first caller scrolls to the highlighted element.
    pub(crate) fn take_scroll(&self) -> bool {
        self.scroll_pending.replace(false)
    }

    /// Whether the highlighted element still waits to be scrolled to.
    pub(crate) fn scroll_pending(&self) -> bool {
        self.scroll_pending.get()
    }

    /// Queues a command for the app.
    pub(crate) fn push(&self, command: Command) {
        self.commands.borrow_mut().push(command);
    }

    /// The queued commands.
    pub(crate) fn into_commands(self) -> Vec<Command> {
        self.commands.into_inner()
    }
}
