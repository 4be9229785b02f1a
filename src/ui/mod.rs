//! The views. Each tab is a struct (or a free function for stateless pages) with a `ui` method; views read the
//! content and session they are given and hand actions back to the app as [`Command`]s.

pub mod guidance;
pub mod indicators;
pub mod lazy;
pub mod notes;
pub mod page;
pub mod patient_card;
pub mod questions;
pub mod reporting;
pub mod resources;
pub mod safety_plan;
pub mod search;
pub mod theme;
pub mod widgets;

use std::cell::{Cell, RefCell};

use rust_i18n::t;

use crate::content::{Content, ContentFile};

/// The tabs of the main window, in order (Ctrl+1…Ctrl+9).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Tab {
    #[default]
    Overview,
    Health,
    Indicators,
    Questions,
    Response,
    Reporting,
    Resources,
    SafetyPlan,
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

    /// The tab that shows a content file.
    pub fn for_file(file: ContentFile) -> Self {
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
    pub file: ContentFile,
    pub key: String,
}

/// Actions views ask the app to carry out; the app applies them in one place.
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Show a tab and scroll to an element in it.
    Jump { tab: Tab, anchor: String },
    /// Open the large-print patient-language card.
    OpenCard(CardRequest),
}

/// What every view gets: the content, the element to highlight, and a place to put commands.
pub struct ViewCtx<'a> {
    pub content: &'a Content,
    /// Element reached through search or the contents list.
    pub highlight: Option<&'a str>,
    scroll_pending: Cell<bool>,
    commands: RefCell<Vec<Command>>,
}

impl<'a> ViewCtx<'a> {
    /// A context for one frame; `scroll` asks for the highlighted element to be scrolled into view.
    pub fn new(content: &'a Content, highlight: Option<&'a str>, scroll: bool) -> Self {
        Self {
            content,
            highlight,
            scroll_pending: Cell::new(scroll),
            commands: RefCell::new(Vec::new()),
        }
    }

    /// True once: the first caller scrolls to the highlighted element.
    pub fn take_scroll(&self) -> bool {
        self.scroll_pending.replace(false)
    }

    /// Whether the highlighted element still waits to be scrolled to.
    pub fn scroll_pending(&self) -> bool {
        self.scroll_pending.get()
    }

    /// Queues a command for the app.
    pub fn push(&self, command: Command) {
        self.commands.borrow_mut().push(command);
    }

    /// The queued commands.
    pub fn into_commands(self) -> Vec<Command> {
        self.commands.into_inner()
    }
}
