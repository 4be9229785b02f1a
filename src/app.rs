//! The application: top bar (search, language, settings, lock, quick exit), navigation, one view per tab.
//! Owns the settings, the content and the vault session; views hand back [`Command`]s that are applied here.

use std::collections::BTreeMap;
use std::time::Instant;

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};
use rust_i18n::t;

use crate::cli::Options;
use crate::content::search::SearchIndex;
use crate::content::{Content, Problem, Severity, load};
use crate::i18n::{self, LANGUAGES};
use crate::settings::{STORAGE_KEY, Settings, ThemeChoice};
use crate::startup_trace::StartupTrace;
use crate::ui::indicators::IndicatorsView;
use crate::ui::notes::NotesView;
use crate::ui::patient_card::PatientCard;
use crate::ui::reporting::ReportingView;
use crate::ui::safety_plan::SafetyPlanView;
use crate::ui::theme::{self, palette};
use crate::ui::widgets::{display, follow_keyboard_focus, paragraph};
use crate::ui::{Command, Tab, ViewCtx, questions, resources, search};
use crate::vault::model::{Observation, unix_now};
use crate::vault::session::Session;

/// Where the vault lives: `--data-dir`, else the platform data directory (for example
/// `~/.local/share/harbor` on Linux, `%APPDATA%\harborapp\Harbor\data` on Windows).
pub fn data_dir(explicit: Option<&std::path::Path>) -> std::path::PathBuf {
    explicit
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| {
            directories::ProjectDirs::from("org", "harborapp", "Harbor").map_or_else(
                || std::path::PathBuf::from("harbor-data"),
                |dirs| dirs.data_dir().to_path_buf(),
            )
        })
}

/// Ctrl+F (⌘F on macOS): focus the search box.
const SEARCH_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
/// Ctrl+L: lock the vault.
const LOCK_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::L);
/// Ctrl+Q: quick exit, reachable with the left hand alone.
const QUICK_EXIT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
/// Ctrl+1…Ctrl+9 switch tabs.
const TAB_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// The Harbor application state.
pub struct HarborApp {
    settings: Settings,
    options: Options,
    content: Content,
    /// English content beside a non-English locale: searchable, and the source for "shown in English".
    english: Option<Content>,
    /// Packs of other locales, loaded when a patient-language card asks for them.
    other_packs: BTreeMap<String, Content>,
    content_problems: Vec<Problem>,
    search_index: SearchIndex,
    tab: Tab,
    query: String,
    focus_search: bool,
    highlight: Option<String>,
    scroll_pending: bool,
    /// The focused widget the page last scrolled to (see [`follow_keyboard_focus`]).
    followed_focus: Option<egui::Id>,
    indicators: IndicatorsView,
    reporting: ReportingView,
    safety_plan: SafetyPlanView,
    notes: NotesView,
    card: Option<PatientCard>,
    about_open: bool,
    session: Session,
    last_input: Instant,
    quitting: bool,
    startup_trace: Option<StartupTrace>,
    self_test: Option<crate::self_test::SelfTest>,
    egui_ctx: egui::Context,
}

impl HarborApp {
    /// Builds the app for a real window: restores preferences from eframe's storage.
    pub fn new(cc: &eframe::CreationContext<'_>, options: Options, started: Instant) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        let mut app = Self::with_settings(&cc.egui_ctx, options, settings.sanitized());
        app.startup_trace = StartupTrace::from_env("harbor", started);
        app.self_test = crate::self_test::SelfTest::from_env();
        app
    }

    /// Builds the app with the given preferences (tests use this with a headless context).
    pub fn with_settings(ctx: &egui::Context, options: Options, mut settings: Settings) -> Self {
        let locale = options
            .locale
            .as_deref()
            .and_then(i18n::match_locale)
            .or_else(|| settings.locale.as_deref().and_then(i18n::match_locale))
            .or_else(i18n::os_locale)
            .unwrap_or("en")
            .to_owned();
        if options.locale.is_none() {
            settings.locale = Some(locale.clone());
        }
        i18n::install_fonts(ctx);
        theme::apply(ctx, settings.theme);
        ctx.set_zoom_factor(settings.zoom);
        let session = Session::new(data_dir(options.data_dir.as_deref()), {
            let ctx = ctx.clone();
            std::sync::Arc::new(move || ctx.request_repaint())
        });
        let mut app = Self {
            settings,
            options,
            content: Content::default(),
            english: None,
            other_packs: BTreeMap::new(),
            content_problems: Vec::new(),
            search_index: SearchIndex::default(),
            tab: Tab::default(),
            query: String::new(),
            focus_search: false,
            highlight: None,
            scroll_pending: false,
            followed_focus: None,
            indicators: IndicatorsView::default(),
            reporting: ReportingView::default(),
            safety_plan: SafetyPlanView::default(),
            notes: NotesView::default(),
            card: None,
            about_open: false,
            session,
            last_input: Instant::now(),
            quitting: false,
            startup_trace: None,
            self_test: None,
            egui_ctx: ctx.clone(),
        };
        app.switch_locale(&locale);
        app
    }

    /// The active tab.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Shows a tab, as clicking it in the navigation would.
    pub fn select_tab(&mut self, tab: Tab) {
        if self.tab != tab {
            self.tab = tab;
            self.highlight = None;
        }
    }

    /// The loaded content (in the active locale).
    pub fn content(&self) -> &Content {
        &self.content
    }

    /// Problems found in an override content pack, shown in the window.
    pub fn content_problems(&self) -> &[Problem] {
        &self.content_problems
    }

    /// The current preferences.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The vault session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Switches the interface and content language at runtime.
    pub fn switch_locale(&mut self, locale: &str) {
        let locale = i18n::match_locale(locale).unwrap_or("en");
        i18n::set_locale(locale);
        if self.options.locale.as_deref() != Some(locale) {
            self.settings.locale = Some(locale.to_owned());
        }
        let (content, problems) = load::load(locale, self.options.content_dir.as_deref());
        self.content_problems = problems
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        self.english =
            (locale != "en").then(|| load::load("en", self.options.content_dir.as_deref()).0);
        self.search_index = SearchIndex::build(&content, self.english.as_ref());
        self.content = content;
    }

    fn pack(&mut self, locale: &str) -> &Content {
        if locale == self.content.locale {
            return &self.content;
        }
        let dir = self.options.content_dir.clone();
        self.other_packs
            .entry(locale.to_owned())
            .or_insert_with(|| load::load(locale, dir.as_deref()).0)
    }

    fn apply(&mut self, command: Command) {
        match command {
            Command::Jump { tab, anchor } => {
                self.tab = tab;
                self.highlight = Some(anchor);
                self.scroll_pending = true;
                self.query.clear();
            }
            Command::OpenCard(request) => {
                let clinician_locale = self.content.locale.clone();
                let patient_locale = self
                    .card
                    .as_ref()
                    .map_or_else(|| clinician_locale.clone(), |c| c.patient_locale.clone());
                self.card = Some(PatientCard {
                    request,
                    patient_locale,
                    clinician_locale,
                });
            }
        }
    }

    /// Quick exit: lock, blank the window and close at once.
    pub fn quick_exit(&mut self, ctx: &egui::Context) {
        self.lock();
        self.quitting = true;
        self.query.clear();
        self.card = None;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// Locks the vault and drops every plaintext field the views hold.
    pub fn lock(&mut self) {
        self.session.lock();
        self.notes.clear_plaintext();
        self.safety_plan.clear_plaintext();
        self.indicators.ticked.clear();
        // egui keeps each text field's undo history (copies of what was typed) in its memory; drop it so no
        // note text outlives the lock there. It is freed, not zeroized: egui owns those strings.
        self.egui_ctx.memory_mut(|memory| {
            memory
                .data
                .remove_by_type::<egui::text_edit::TextEditState>()
        });
    }

    /// Whether quick exit was triggered.
    pub fn is_quitting(&self) -> bool {
        self.quitting
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let (search, lock, quit, tab, any_input) = ctx.input_mut(|input| {
            let tab = TAB_KEYS
                .iter()
                .position(|key| input.consume_key(Modifiers::COMMAND, *key));
            (
                input.consume_shortcut(&SEARCH_SHORTCUT),
                input.consume_shortcut(&LOCK_SHORTCUT),
                input.consume_shortcut(&QUICK_EXIT_SHORTCUT),
                tab,
                !input.events.is_empty() || input.pointer.is_moving(),
            )
        });
        if any_input {
            self.last_input = Instant::now();
        }
        if search {
            self.focus_search = true;
        }
        if lock {
            self.lock();
        }
        if quit {
            self.quick_exit(ctx);
        }
        if let Some(index) = tab {
            self.tab = Tab::ALL[index];
            self.highlight = None;
        }
    }

    fn auto_lock(&mut self, ctx: &egui::Context) {
        if !self.session.is_unlocked() {
            return;
        }
        let limit = std::time::Duration::from_secs(u64::from(self.settings.auto_lock_minutes) * 60);
        let idle = self.last_input.elapsed();
        if idle >= limit {
            self.lock();
        } else {
            // The only timer that wakes an idle window.
            ctx.request_repaint_after(limit - idle);
        }
    }

    /// The whole window, drawn into `ui` (called by eframe, and directly by UI tests).
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
        if let Some(outcome) = self.session.poll() {
            self.notes.on_outcome(&outcome, &mut self.session);
        }
        self.auto_lock(&ctx);
        self.run_self_test(&ctx);
        let right_to_left = i18n::is_right_to_left();
        let mut commands = Vec::new();
        let enter_pressed = self.top_bar(ui);
        if self.quitting {
            return;
        }
        let nav = if right_to_left {
            egui::Panel::right("nav")
        } else {
            egui::Panel::left("nav")
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
        self.card_ui(&ctx);
        self.about_ui(&ctx);
    }

    /// One step of the scripted privacy session per frame, through the same methods the views use.
    fn run_self_test(&mut self, ctx: &egui::Context) {
        use crate::self_test::Step;
        let Some(test) = self.self_test.as_mut() else {
            return;
        };
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
        let next = match test.step.clone() {
            Step::Tab(n) if n < Tab::ALL.len() => {
                self.tab = Tab::ALL[n];
                Step::Tab(n + 1)
            }
            Step::Tab(_) => Step::CreateVault,
            Step::CreateVault => match self.session.create(test.passphrase.clone(), true) {
                Ok(()) => Step::WaitUnlocked,
                Err(error) => {
                    eprintln!("harbor self-test: create failed: {error}");
                    Step::Quit
                }
            },
            Step::WaitUnlocked if self.session.is_unlocked() => Step::AddRecord,
            Step::WaitUnlocked if self.session.task().is_none() => {
                eprintln!("harbor self-test: the vault did not unlock");
                Step::Quit
            }
            Step::WaitUnlocked => Step::WaitUnlocked,
            Step::AddRecord => {
                let mut record = crate::vault::CaseRecord::new("Self-test case");
                record.notes = format!("notes {}", test.marker);
                record.quotes.push(crate::vault::Quote {
                    text: test.marker.clone(),
                    recorded: unix_now(),
                });
                self.session.edit(|vault| {
                    vault.records.push(record);
                    true
                });
                self.tab = Tab::Notes;
                let _ = self.session.save();
                Step::WaitSaved
            }
            Step::WaitSaved if self.session.has_unsaved_changes() => Step::WaitSaved,
            Step::WaitSaved => Step::Lock,
            Step::Lock => {
                self.lock();
                Step::WaitIdle
            }
            Step::WaitIdle
                if matches!(self.session.save_status(), crate::vault::SaveStatus::Saving) =>
            {
                Step::WaitIdle
            }
            Step::WaitIdle | Step::Quit => {
                eprintln!("harbor self-test: done");
                self.self_test = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                return;
            }
        };
        if let Some(test) = self.self_test.as_mut() {
            test.step = next;
        }
    }

    fn card_ui(&mut self, ctx: &egui::Context) {
        let Some(mut card) = self.card.take() else {
            return;
        };
        let patient = self.pack(&card.patient_locale).clone();
        let clinician = self.pack(&card.clinician_locale).clone();
        if card.ui(ctx, &patient, &clinician) {
            self.card = Some(card);
        }
    }

    /// The top bar; returns whether Enter was pressed in the search box.
    fn top_bar(&mut self, ui: &mut Ui) -> bool {
        let mut enter_pressed = false;
        egui::Panel::top("top").show(ui, |ui| {
            ui.add_space(4.0);
            // Mirrored for right-to-left languages. A right-to-left row cannot wrap in egui, and a layout given
            // the whole panel would take its whole height, so the row gets an explicit size.
            let (layout, size) = if i18n::is_right_to_left() {
                let row_height = ui.spacing().interact_size.y + 8.0;
                (
                    egui::Layout::right_to_left(egui::Align::Center),
                    egui::vec2(ui.available_width(), row_height),
                )
            } else {
                (
                    egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true),
                    egui::vec2(ui.available_width(), 0.0),
                )
            };
            ui.allocate_ui_with_layout(size, layout, |ui| {
                ui.label(
                    RichText::new("Harbor")
                        .strong()
                        .size(20.0)
                        .color(palette(ui.ctx()).accent),
                );
                let label = ui.label(display(&t!("search.label")));
                let response = ui.add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text(display(&t!("search.hint")))
                        .desired_width(260.0),
                );
                let response = response.labelled_by(label.id);
                if self.focus_search {
                    response.request_focus();
                    self.focus_search = false;
                }
                if response.changed() {
                    self.highlight = None;
                }
                enter_pressed = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if !self.query.is_empty() && ui.button(t!("search.clear")).clicked() {
                    self.query.clear();
                }
                ui.separator();
                self.language_menu(ui);
                self.settings_menu(ui);
                if self.session.is_unlocked()
                    && ui
                        .button(t!("vault.lock"))
                        .on_hover_text("Ctrl+L")
                        .clicked()
                {
                    self.lock();
                }
                let quick_exit = ui
                    .button(RichText::new(t!("app.quick_exit")).strong())
                    .on_hover_text(t!("app.quick_exit_hint"));
                if quick_exit.clicked() {
                    self.quick_exit(ui.ctx());
                }
            });
            ui.add_space(2.0);
        });
        enter_pressed
    }

    fn language_menu(&mut self, ui: &mut Ui) {
        let current = i18n::language(&self.content.locale).map_or("English", |l| l.native_name);
        let mut chosen = None;
        ui.menu_button(display(current), |ui| {
            ui.label(RichText::new(display(&t!("language.menu_title"))).strong());
            for language in LANGUAGES {
                let reviewed =
                    language.code == "en" || crate::content::load::is_reviewed(language.code);
                let mut text = display(language.native_name);
                if !reviewed {
                    text.push_str(" *");
                }
                // Fonts are bundled, so this only shows on a broken build; boxes must never be the only answer.
                let font = egui::FontId::proportional(16.0);
                if !ui
                    .ctx()
                    .fonts_mut(|f| f.has_glyphs(&font, language.native_name))
                {
                    text = format!(
                        "{} {}",
                        language.code,
                        display(&t!("language.font_missing"))
                    );
                }
                if ui
                    .selectable_label(language.code == self.content.locale, text)
                    .clicked()
                {
                    chosen = Some(language.code);
                    ui.close();
                }
            }
            ui.separator();
            ui.label(RichText::new(display(&t!("language.not_reviewed_note"))).small());
        });
        if let Some(code) = chosen {
            self.switch_locale(code);
        }
    }

    fn settings_menu(&mut self, ui: &mut Ui) {
        ui.menu_button(t!("settings.menu"), |ui| {
            ui.label(RichText::new(display(&t!("settings.theme"))).strong());
            let mut theme_choice = self.settings.theme;
            ui.radio_value(
                &mut theme_choice,
                ThemeChoice::Light,
                t!("settings.theme_light"),
            );
            ui.radio_value(
                &mut theme_choice,
                ThemeChoice::Dark,
                t!("settings.theme_dark"),
            );
            ui.radio_value(
                &mut theme_choice,
                ThemeChoice::HighContrast,
                t!("settings.theme_high_contrast"),
            );
            if theme_choice != self.settings.theme {
                self.settings.theme = theme_choice;
                theme::apply(ui.ctx(), theme_choice);
            }
            ui.separator();
            ui.label(RichText::new(display(&t!("settings.text_size"))).strong());
            ui.horizontal(|ui| {
                let zoom = ui.ctx().zoom_factor();
                if ui.button(t!("settings.smaller")).clicked() {
                    self.set_zoom(ui.ctx(), zoom - 0.1);
                }
                ui.label(format!("{:.0}%", zoom * 100.0));
                if ui.button(t!("settings.larger")).clicked() {
                    self.set_zoom(ui.ctx(), zoom + 0.1);
                }
            });
            ui.separator();
            ui.label(RichText::new(display(&t!("settings.auto_lock"))).strong());
            for minutes in Settings::AUTO_LOCK_CHOICES {
                ui.radio_value(
                    &mut self.settings.auto_lock_minutes,
                    minutes,
                    t!("settings.minutes", count = minutes),
                );
            }
            ui.separator();
            if ui.button(t!("app.about")).clicked() {
                self.about_open = true;
                ui.close();
            }
        });
    }

    fn about_ui(&mut self, ctx: &egui::Context) {
        if !self.about_open {
            return;
        }
        let modal = egui::Modal::new(egui::Id::unique("about")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            crate::ui::widgets::subheading(ui, &t!("app.about"));
            paragraph(
                ui,
                &t!("app.about_text", version = env!("CARGO_PKG_VERSION")),
            );
            paragraph(ui, &t!("app.about_translations"));
            ui.button(t!("app.about_close")).clicked()
        });
        if modal.inner || modal.should_close() {
            self.about_open = false;
        }
    }

    fn set_zoom(&mut self, ctx: &egui::Context, zoom: f32) {
        let zoom = zoom.clamp(*Settings::ZOOM_RANGE.start(), *Settings::ZOOM_RANGE.end());
        ctx.set_zoom_factor(zoom);
        self.settings.zoom = zoom;
    }

    fn nav_ui(&mut self, ui: &mut Ui) {
        ui.add_space(8.0);
        for (index, tab) in Tab::ALL.into_iter().enumerate() {
            let label = display(&tab.label());
            let response = ui
                .selectable_label(self.tab == tab, RichText::new(label).size(17.0))
                .on_hover_text(format!("Ctrl+{}", index + 1));
            if response.clicked() {
                self.tab = tab;
                self.highlight = None;
                self.query.clear();
            }
        }
    }

    fn footer_ui(&mut self, ui: &mut Ui) {
        let muted = palette(ui.ctx()).muted;
        for problem in &self.content_problems {
            ui.label(
                RichText::new(display(&t!(
                    "content.problem",
                    problem = problem.to_string().as_str()
                )))
                .color(palette(ui.ctx()).notice),
            );
        }
        ui.label(
            RichText::new(display(&t!("app.disclaimer")))
                .small()
                .color(muted),
        );
    }

    fn central_ui(&mut self, ui: &mut Ui, enter_pressed: bool) -> Vec<Command> {
        let view = ViewCtx::new(
            &self.content,
            self.highlight.as_deref(),
            self.scroll_pending,
        );
        let mut save_observation = None;
        let scroll_id = egui::Id::unique(("tab-scroll", self.tab));
        egui::ScrollArea::vertical()
            .id_salt(scroll_id)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(980.0);
                if self.query.trim().is_empty() {
                    match self.tab {
                        Tab::Overview => crate::ui::page::page_ui(
                            ui,
                            &view,
                            Tab::Overview,
                            &self.content.overview,
                        ),
                        Tab::Health => {
                            crate::ui::page::page_ui(ui, &view, Tab::Health, &self.content.health)
                        }
                        Tab::Indicators => {
                            let records = crate::ui::notes::record_labels(&self.session);
                            save_observation = self.indicators.ui(ui, &view, records.as_deref());
                        }
                        Tab::Questions => questions::questions_ui(ui, &view),
                        Tab::Response => crate::ui::page::page_ui(
                            ui,
                            &view,
                            Tab::Response,
                            &self.content.response,
                        ),
                        Tab::Reporting => self.reporting.ui(ui, &view),
                        Tab::Resources => resources::resources_ui(ui, &view),
                        Tab::SafetyPlan => self.safety_plan.ui(ui, &view, &mut self.session),
                        Tab::Notes => self.notes.ui(ui, &view, &mut self.session),
                    }
                } else {
                    search::results_ui(ui, &view, &self.search_index, &self.query, enter_pressed);
                }
                follow_keyboard_focus(ui, &mut self.followed_focus);
            });
        if !view.scroll_pending() {
            self.scroll_pending = false;
        }
        if let Some(save) = save_observation {
            let observation = Observation {
                recorded: unix_now(),
                indicator_ids: save.indicator_ids,
            };
            self.session.edit(|vault| {
                vault.update(&save.record_id, |record| {
                    record.observations.push(observation)
                });
                true
            });
            // A failed save shows in the Notes status line and is retried by the next save.
            let _ = self.session.save();
            self.indicators.ticked.clear();
        }
        if self.content.questions.groups.is_empty() {
            paragraph(ui, &t!("content.empty"));
        }
        view.into_commands()
    }
}

impl eframe::App for HarborApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        StartupTrace::frame_started(&mut self.startup_trace, ui.ctx());
        self.show(ui);
        StartupTrace::frame_laid_out(&self.startup_trace, ui.ctx());
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.lock();
        // Let the final background save of pending edits finish (it is atomic either way), but never hang the exit.
        self.session
            .wait_idle(std::time::Duration::from_millis(500));
    }

    /// egui's memory (widget state such as text-edit undo history) must never reach disk: it can hold note text.
    fn persist_egui_memory(&self) -> bool {
        false
    }
}
