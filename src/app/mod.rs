//! The application: owns the settings, the content and the vault session, and runs the frame.
//!
//! Split by job, as rerun splits its `App`:
//! - `mod.rs` (this file): the state, building it, and the frame pipeline ([`HarborApp::show`]);
//! - [`language`]: the clinician's language in effect, and the content and search index loaded for it;
//! - [`logic`]: what happens each frame apart from drawing (shortcuts, auto-lock, locking, quick exit);
//! - [`chrome`]: the window around the views (top bar, language and settings menus, navigation, footer, About,
//!   the patient-language card);
//! - [`views`]: the central panel, the active tab's view or search results;
//! - [`commands`]: applying the [`Command`](crate::ui::Command)s views hand back.
//!
//! The scripted self-test (`self_test.rs`) is stepped from `logic`, outside the frame loop.

mod capture;
mod chrome;
mod clipboard;
mod clock;
mod commands;
mod exit;
mod language;
mod logic;
mod self_test;
mod signals;
mod views;

use std::time::Instant;

use egui::Ui;

use crate::cli::Options;
use crate::content::institution::{self, InstitutionPack};
use crate::content::{Content, Problem};
use crate::i18n;
use crate::policy::Policy;
use crate::settings::{STORAGE_KEY, Settings};
use crate::startup_trace::StartupTrace;
use crate::ui::Tab;
use crate::ui::VaultUi;
use crate::ui::patient_card::PatientCard;
use crate::ui::theme;
use crate::ui::vault_state::Permissions;
use crate::vault::session::Session;

pub use clipboard::{SENSITIVE_CLIPBOARD_TIME, SystemClipboard};
pub use clock::Clock;
pub use logic::AUTOSAVE_DELAY;

/// Where the vault lives: `--data-dir`, else the platform data directory (for example
/// `~/.local/share/harbor` on Linux, `%APPDATA%\harborapp\Harbor\data` on Windows).
pub(crate) fn data_dir(explicit: Option<&std::path::Path>) -> std::path::PathBuf {
    explicit
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| {
            directories::ProjectDirs::from("org", "harborapp", "Harbor").map_or_else(
                || std::path::PathBuf::from("harbor-data"),
                |dirs| dirs.data_dir().to_path_buf(),
            )
        })
}

/// The institution pack that policy (first) or `--institution` names, or why it cannot be used.
fn load_institution(options: &Options, policy: &Policy) -> (Option<InstitutionPack>, Vec<Problem>) {
    let Some(dir) = policy
        .institution_pack()
        .or(options.institution_dir.as_deref())
    else {
        return (None, Vec::new());
    };
    match institution::load(dir) {
        Ok(pack) => (Some(pack), Vec::new()),
        Err(problems) => (None, problems),
    }
}

/// The Harbor application state.
pub struct HarborApp {
    settings: Settings,
    options: Options,
    /// The clinician's language and the content, search index and patient-card packs loaded for it.
    language: language::LanguageState,
    tab: Tab,
    query: String,
    focus_search: bool,
    /// Ctrl+1…9 changed the tab: its button takes focus, so a screen reader says where the user is.
    focus_tab: bool,
    /// The vault screen to return to once Notes is unlocked (the Safety plan the user left for the unlock form).
    resume_tab: Option<Tab>,
    highlight: Option<String>,
    scroll_pending: bool,
    /// A menu of the top bar that a search result asked to open (settings, language), opened when next drawn.
    open_menu: Option<crate::ui::Action>,
    /// Quick exit chosen from the search results: done once this frame's commands are applied.
    quick_exit_requested: bool,
    /// The focused widget the page last scrolled to (see [`follow_keyboard_focus`]).
    followed_focus: Option<egui::Id>,
    /// Puts keyboard focus back on a control when a menu, dialog or screen change leaves it on nothing.
    focus_keeper: crate::ui::focus::FocusKeeper,
    views: views::Views,
    /// Whether the vault files exist (or why the folder cannot be read), refreshed when a vault task finishes or
    /// the vault locks (not a `stat` per frame).
    vault_found: Result<bool, crate::vault::VaultError>,
    card: Option<PatientCard>,
    about_open: bool,
    session: Session,
    /// When the user last did something (key, text, pointer); window events do not count.
    last_input: Instant,
    clock: Clock,
    /// Vault text Harbor put on the system clipboard, to take back.
    sensitive_copies: clipboard::SensitiveCopies,
    quitting: bool,
    /// Closing: waiting for the final save, or for the user's choice after it failed.
    exit: exit::Exit,
    startup_trace: Option<StartupTrace>,
    self_test: Option<self_test::SelfTest>,
    egui_ctx: egui::Context,
    /// Managed policy, read once at start.
    policy: Policy,
    policies_open: bool,
    /// The vault screens' state (permissions, the last refusal, a recovery key to show, the export's result):
    /// the app writes it, the views read it.
    vault_ui: VaultUi,
    /// When the vault was last edited in a view, on `clock`; `logic` saves once edits have paused.
    last_edit: Option<Instant>,
    /// Set when a signal (SIGTERM, SIGHUP, SIGINT) asks Harbor to close; `None` until listening starts.
    exit_signals: Option<signals::ExitSignals>,
    /// How many vault tasks have finished (numbers [`VaultUi::finished`]).
    tasks_finished: u64,
    /// What the window was last asked about screen-capture protection.
    capture_protection: capture::CaptureProtection,
    /// Why the institution's referral directory could not be read (the directory itself is in `language`).
    institution_problems: Vec<Problem>,
}

impl HarborApp {
    /// Builds the app for a real window: restores preferences from eframe's storage.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        options: Options,
        policy: Policy,
        started: Instant,
    ) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        let mut app = Self::with_policy(&cc.egui_ctx, options, settings.sanitized(), policy);
        app.startup_trace = StartupTrace::from_env("harbor", started);
        app.self_test = self_test::SelfTest::from_env();
        app.listen_for_exit_signals();
        app
    }

    /// From now on SIGTERM, SIGHUP and SIGINT close Harbor as its close button does: lock, wait for the final save,
    /// close (see `signals.rs`). The real window does this at start; a test harness may.
    pub fn listen_for_exit_signals(&mut self) {
        if self.exit_signals.is_none() {
            self.exit_signals = Some(signals::ExitSignals::listen(&self.egui_ctx));
        }
    }

    /// Why the last command was refused, as the screen that sent it says it (`None` once another one is carried
    /// out, or the vault locks).
    pub fn last_refusal(&self) -> Option<String> {
        self.vault_ui.refusal.as_ref().map(crate::ui::Refusal::text)
    }

    /// The last safety-plan export's result, as the worksheet says it.
    pub fn export_result(&self) -> Option<&str> {
        self.vault_ui
            .export
            .as_ref()
            .map(|status| status.message.as_str())
    }

    /// Whether closing may go through now: the final save is written (or the user chose to close anyway).
    pub fn may_close(&self) -> bool {
        matches!(self.exit, exit::Exit::Allowed)
    }

    /// Builds the app with the given preferences and no managed policy (tests use this with a headless context).
    pub fn with_settings(ctx: &egui::Context, options: Options, settings: Settings) -> Self {
        Self::with_policy(ctx, options, settings, Policy::none())
    }

    /// Builds the app with the given preferences under a managed policy.
    pub fn with_policy(
        ctx: &egui::Context,
        options: Options,
        settings: Settings,
        policy: Policy,
    ) -> Self {
        let settings = settings.within_policy(&policy);
        let locale = language::LanguageState::at_start(&options, &settings, &policy);
        let (institution, institution_problems) = load_institution(&options, &policy);
        i18n::install_fonts(ctx);
        crate::ui::accessible::install(ctx);
        theme::apply(ctx, settings.theme);
        ctx.set_zoom_factor(settings.zoom);
        let data_directory = policy
            .data_directory()
            .or(options.data_dir.as_deref())
            .map(std::path::Path::to_path_buf);
        let session = Session::new(data_dir(data_directory.as_deref()), {
            let ctx = ctx.clone();
            std::sync::Arc::new(move || ctx.request_repaint())
        });
        let policy_permissions = (policy.recovery_key_required(), policy.pdf_export_enabled());
        // Policy, then `--jurisdiction` for this run, then the user's choice; Massachusetts until there is one.
        let jurisdiction = policy
            .jurisdiction()
            .or(options.jurisdiction)
            .or(settings.jurisdiction)
            .unwrap_or_default();
        let mut app = Self {
            settings,
            language: language::LanguageState::new(&options, institution, jurisdiction),
            options,
            tab: Tab::default(),
            query: String::new(),
            // Harbor opens on the start screen with the cursor in the search box.
            focus_search: true,
            focus_tab: false,
            resume_tab: None,
            highlight: None,
            open_menu: None,
            quick_exit_requested: false,
            scroll_pending: false,
            followed_focus: None,
            focus_keeper: crate::ui::focus::FocusKeeper::default(),
            views: views::Views::default(),
            vault_found: session.find_vault(),
            card: None,
            about_open: false,
            session,
            last_input: Instant::now(),
            clock: Clock::default(),
            sensitive_copies: clipboard::SensitiveCopies::default(),
            quitting: false,
            exit: exit::Exit::default(),
            startup_trace: None,
            self_test: None,
            egui_ctx: ctx.clone(),
            policy,
            policies_open: false,
            capture_protection: capture::CaptureProtection::default(),
            institution_problems,
            vault_ui: VaultUi::new(Permissions {
                recovery_key_required: policy_permissions.0,
                pdf_export: policy_permissions.1,
            }),
            last_edit: None,
            exit_signals: None,
            tasks_finished: 0,
        };
        app.language.switch(locale, &app.policy, &mut app.settings);
        app
    }

    /// The active tab.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Shows a tab, as clicking it in the navigation would.
    pub fn select_tab(&mut self, tab: Tab) {
        self.go_to(tab, None);
    }

    /// The guide in the language in effect.
    pub fn content(&self) -> &Content {
        self.language.content()
    }

    /// The current preferences.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The vault session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Replaces how the vault's files are written (tests pass slow or failing storage). Call before unlocking.
    pub fn use_file_ops(&mut self, ops: std::sync::Arc<dyn crate::vault::FileOps>) {
        let ctx = self.egui_ctx.clone();
        self.session = Session::with_file_ops(
            data_dir(self.options.data_dir.as_deref()),
            std::sync::Arc::new(move || ctx.request_repaint()),
            ops,
        );
    }

    /// Replaces the system clipboard vault text goes to (tests pass one they can read).
    pub fn use_clipboard(&mut self, clipboard: Box<dyn SystemClipboard>) {
        self.sensitive_copies = clipboard::SensitiveCopies::new(clipboard);
    }

    /// Replaces the clock the timers read (tests pass [`Clock::manual`]); counts as activity now.
    pub fn set_clock(&mut self, clock: Clock) {
        self.last_input = clock.now();
        self.clock = clock;
    }

    /// What runs every frame apart from drawing, also while the window is minimized or hidden (eframe then calls
    /// only this): collecting finished vault work, the auto-lock timer, saving paused edits, the self-test script.
    pub fn logic(&mut self, ctx: &egui::Context) {
        if let Some(outcome) = self.session.poll() {
            self.finished(&outcome);
        }
        // Before this frame's input is counted (in `show`), so that restoring the window can never cancel a lock
        // that is due.
        self.auto_lock(ctx);
        if let Some(left) = self.sensitive_copies.expire(self.clock.now()) {
            ctx.request_repaint_after(left);
        }
        self.autosave(ctx);
        self.exit_logic(ctx);
        self.sync_capture_protection(ctx);
        if let Some(mut test) = self.self_test.take()
            && test.step(self, ctx)
        {
            self.self_test = Some(test);
        }
    }

    /// The whole window, drawn into `ui`; eframe calls [`HarborApp::logic`] first (tests call both, in that order).
    pub fn show(&mut self, ui: &mut Ui) {
        crate::ui::widgets::begin_display_frame();
        let ctx = ui.ctx().clone();
        if self.quitting {
            // Blank at once: nothing of the previous frame stays on screen while the window closes.
            egui::CentralPanel::default().show(ui, |_| {});
            return;
        }
        self.handle_shortcuts(&ctx);
        // Ctrl+plus/minus change egui's zoom directly; keep the preference in step so it is remembered.
        self.settings.zoom = ctx.zoom_factor();
        let right_to_left = self.language.right_to_left();
        let mut commands = Vec::new();
        let enter_pressed = self.top_bar(ui);
        if self.quitting {
            return;
        }
        // egui keeps a panel's width from frame to frame and wraps what no longer fits, so a panel shared by all
        // languages would keep the narrowest one's width: each language has its own.
        let nav_id = egui::Id::unique(("nav", self.language.current().code));
        let nav = if right_to_left {
            egui::Panel::right(nav_id)
        } else {
            egui::Panel::left(nav_id)
        };
        nav.resizable(false).show(ui, |ui| self.nav_ui(ui));
        egui::Panel::bottom("footer").show(ui, |ui| self.footer_ui(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            let layout = if right_to_left {
                egui::Layout::top_down(egui::Align::Max)
            } else {
                egui::Layout::top_down(egui::Align::Min)
            };
            ui.with_layout(layout, |ui| commands = self.central_ui(ui, enter_pressed));
        });
        for command in commands {
            self.apply(command);
        }
        if std::mem::take(&mut self.quick_exit_requested) {
            self.quick_exit(&ctx);
            return;
        }
        self.card_ui(&ctx);
        self.about_ui(&ctx);
        self.exit_ui(&ctx);
        self.route_copies(&ctx);
        self.policies_ui(&ctx);
        self.sync_capture_protection(&ctx);
        // Last: every menu and dialog of the frame is drawn.
        self.focus_keeper.end_frame(&ctx);
    }

    /// Whether screen-capture protection is switched on (by policy, or else by the user's setting).
    pub fn capture_protection_on(&self) -> bool {
        capture::switched_on(&self.policy, &self.settings)
    }

    /// What the window was last asked: protected from capture or not (`None` before the first frame).
    pub fn capture_protection_requested(&self) -> Option<bool> {
        self.capture_protection.requested()
    }

    fn sync_capture_protection(&mut self, ctx: &egui::Context) {
        let wanted = capture::wanted(self.capture_protection_on(), self.session.is_unlocked());
        self.capture_protection.sync(ctx, wanted);
    }
}

impl eframe::App for HarborApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        Self::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        StartupTrace::frame_started(&mut self.startup_trace, ui.ctx());
        self.show(ui);
        StartupTrace::frame_laid_out(&self.startup_trace, ui.ctx());
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.settings);
    }

    /// Closing normally waited for the final save already (see `exit.rs`); this catches an exit that skipped the
    /// close request (the OS ending the session), saving what it can in the time it is given.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.lock();
        self.session.wait_idle(std::time::Duration::from_secs(5));
    }

    /// egui's memory (widget state such as text-edit undo history) must never reach disk: it can hold note text.
    fn persist_egui_memory(&self) -> bool {
        false
    }
}
