//! The views. Each tab is a [`View`]: it draws from the content and the vault state it is given and hands every
//! effect back to the app as a [`Command`] — no view touches the file system, a file dialog, the PDF export or the
//! vault session's operations. The only write a view makes itself is binding a text field to a field of a case
//! record, through [`VaultView::edit_record`], so note text has one copy (the vault's, zeroized on lock).

pub mod accessible;
pub mod guidance;
pub(crate) mod indicators;
pub(crate) mod keyboard_scroll;
pub(crate) mod lazy;
pub(crate) mod notes;
pub(crate) mod page;
pub mod patient_card;
pub(crate) mod policy;
pub(crate) mod questions;
pub(crate) mod reporting;
pub(crate) mod resources;
pub(crate) mod safety_plan;
pub(crate) mod search;
pub(crate) mod table;
pub(crate) mod text_runs;
pub(crate) mod theme;
pub mod vault_text;
pub(crate) mod widgets;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use rust_i18n::t;
use secrecy::SecretString;

use crate::content::{Content, ContentFile};
use crate::vault::VaultError;
use crate::vault::model::{CaseRecord, PlanValue};
use crate::vault::session::Session;

/// A tab of the main window.
pub(crate) trait View {
    /// Draws the tab; effects go out as commands through `view`.
    fn ui(&mut self, ui: &mut egui::Ui, view: &ViewCtx<'_>, vault: &mut VaultView<'_>);

    /// The vault is about to lock (or the app to close): queue every pending edit as a command — the app applies
    /// them before it locks, so they reach the final save — then drop every plaintext buffer the view holds.
    /// Required, so that a new view cannot forget its plaintext.
    fn on_lock(&mut self, view: &ViewCtx<'_>);
}

/// The tabs of the main window, in order (Ctrl+1…Ctrl+9).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Tab {
    /// What trafficking is and who is at risk.
    #[default]
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
    pub const ALL: [Self; 9] = [
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
            Self::Overview
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

/// Which text a patient-language card shows: a content file and the translation key of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardRequest {
    /// The content file the text is in.
    pub file: ContentFile,
    /// The text's translation key (its id in the content file).
    pub key: String,
}

/// Actions views ask the app to carry out; the app applies them in one place (`app/commands.rs`).
#[must_use]
#[derive(Debug)]
pub(crate) enum Command {
    /// Show a tab and scroll to an element in it.
    Jump { tab: Tab, anchor: String },
    /// Open the large-print patient-language card.
    OpenCard(CardRequest),
    /// Change the vault.
    Vault(VaultCommand),
    /// Ask where to save the safety plan as a PDF, then write it.
    ExportPlan(ExportRequest),
    /// An app action chosen among the search results.
    Action(Action),
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
pub(crate) enum VaultCommand {
    Create {
        passphrase: SecretString,
        with_recovery_key: bool,
    },
    Unlock(SecretString),
    RestoreBackup(SecretString),
    Recover {
        recovery_key: SecretString,
        new_passphrase: SecretString,
    },
    ChangePassphrase {
        current: SecretString,
        new: SecretString,
    },
    NewRecoveryKey,
    /// Add a record (the view made it, so it knows its id).
    AddRecord(CaseRecord),
    DeleteRecord(String),
    /// Save ticked indicators as an observation on a record.
    AddObservation {
        record_id: String,
        indicator_ids: Vec<String>,
    },
    /// Edits have paused (or a lock is coming): write them now.
    Save,
    /// A read-only window takes the vault over (the other window has closed).
    ReopenWritable,
}

/// What the safety-plan export needs: the answers (the vault's or the blank guide's) and the title choice.
#[derive(Debug)]
pub(crate) struct ExportRequest {
    pub(crate) values: BTreeMap<String, PlanValue>,
    /// Name the topic in the title, instead of a neutral one.
    pub(crate) name_topic: bool,
    /// Where to write it, typed by the user when no save dialog could be shown; `None` asks through the dialog.
    pub(crate) to: Option<std::path::PathBuf>,
}

/// The vault as views see it: its state to read, and one narrow way to write — binding a widget to a record.
pub(crate) struct VaultView<'a> {
    session: &'a mut Session,
    /// Whether the vault files exist, or why the data folder cannot be looked into (cached by the app: no `stat`
    /// per frame).
    found: &'a Result<bool, VaultError>,
}

impl<'a> VaultView<'a> {
    /// A view of `session`; `found` says whether a vault (or its backup) is on disk.
    pub(crate) fn new(session: &'a mut Session, found: &'a Result<bool, VaultError>) -> Self {
        Self { session, found }
    }

    /// Why the data folder cannot be looked into, if it cannot (then nothing may be created there).
    pub(crate) fn folder_error(&self) -> Option<&VaultError> {
        self.found.as_ref().err()
    }

    /// The session's state, read-only (its operations take `&mut` and are the app's, through commands).
    pub(crate) fn session(&self) -> &Session {
        self.session
    }

    /// Whether a vault exists to unlock (otherwise the create screen shows).
    pub(crate) fn exists(&self) -> bool {
        matches!(self.found, Ok(true))
    }

    /// (id, label) of every record, when the vault is unlocked.
    pub(crate) fn record_labels(&self) -> Option<Vec<(String, String)>> {
        self.session.vault().map(|vault| {
            vault
                .records
                .iter()
                .map(|r| (r.id.clone(), r.label.clone()))
                .collect()
        })
    }

    /// Runs `edit` on the record `id` in place (so a text field binds to the vault's own copy); marks the vault
    /// changed if `edit` returns `true`. `false` when locked, read-only or the record is gone.
    pub(crate) fn edit_record(
        &mut self,
        id: &str,
        edit: impl FnOnce(&mut CaseRecord) -> bool,
    ) -> bool {
        self.session
            .edit(|vault| vault.get_mut(id).is_some_and(edit))
    }
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
        }
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
