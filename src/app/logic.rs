//! What the app does each frame apart from drawing: keyboard shortcuts, auto-lock, locking and quick exit.

use std::time::Duration;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::HarborApp;
use crate::ui::vault_state::Finished;
use crate::ui::{Command, Tab, VaultCommand, ViewCtx};
use crate::vault::session::{Outcome, Task};

/// Quiet time after the last edit before the vault is saved in the background.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(1500);

/// Ctrl+F (⌘F on macOS): focus the search box.
const SEARCH_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
/// Ctrl+L: lock the vault.
const LOCK_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::L);
/// Ctrl+Q: quick exit, reachable with the left hand alone.
const QUICK_EXIT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
/// Ctrl+1…Ctrl+9, then Ctrl+0, switch tabs.
const TAB_KEYS: [Key; 10] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
    Key::Num0,
];

/// Whether an input event is something the user did. Window events — focus gained or lost (restoring a minimized
/// window sends one), the pointer leaving, modifier state re-read when focus returns (Alt+Tab) — are not: they must
/// never keep the vault unlocked.
fn is_user_activity(event: &egui::Event) -> bool {
    !matches!(
        event,
        egui::Event::WindowFocused(_) | egui::Event::PointerGone | egui::Event::ModifiersChanged(_)
    )
}

impl HarborApp {
    /// Quick exit: blank the window at once, lock, and close as soon as the final save is written (hidden
    /// meanwhile; if that save fails the window comes back with the choice, showing no note text).
    pub(crate) fn quick_exit(&mut self, ctx: &egui::Context) {
        self.quitting = true;
        self.query.clear();
        self.card = None;
        self.begin_exit(ctx, true);
        if matches!(self.exit, super::exit::Exit::Saving { .. }) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Visible(false));
        }
    }

    /// Locks the vault: first every view hands over its pending edits (applied here, so the final save carries
    /// them) and drops its plaintext, then the session locks and saves.
    pub(crate) fn lock(&mut self) {
        let view = ViewCtx::new(self.language.content(), self.tab, None, false);
        for each in self.views.all_mut() {
            each.on_lock(&view);
        }
        for command in view.into_commands() {
            self.apply(command);
        }
        self.session.lock();
        self.last_edit = None;
        self.vault_ui.clear();
        self.vault_found = self.session.find_vault();
        // Nothing typed before the lock can be pasted after it: copied vault text leaves the clipboard, and the
        // search box (where it might have been pasted) empties.
        self.sensitive_copies.take_back();
        self.query.clear();
        // The control that had focus may be gone with the plaintext (the lock button itself is): the Notes tab puts
        // focus on its passphrase field, any other tab on its own name in the tab list, so a screen reader says
        // where the user is.
        self.focus_tab = self.tab != Tab::Notes;
        // Locked while on the Safety plan: the next unlock comes back to it.
        self.resume_tab =
            (self.tab != Tab::Notes && self.tab.holds_vault_text()).then_some(self.tab);
        // egui keeps each text field's undo history (copies of what was typed) in its memory; drop it so no
        // note text outlives the lock there. It is freed, not zeroized: egui owns those strings.
        self.egui_ctx.memory_mut(|memory| {
            memory
                .data
                .remove_by_type::<egui::text_edit::TextEditState>()
        });
    }

    /// Copies made this frame in a vault view (Notes, the Safety plan attached to a record, the recovery key) go
    /// to the clipboard through [`clipboard::SensitiveCopies`](super::clipboard::SensitiveCopies) instead of
    /// egui's backend; their selections never reach the X11/Wayland primary selection.
    pub(super) fn route_copies(&mut self, ctx: &egui::Context) {
        let vault_view = self.tab.holds_vault_text() && self.query.is_empty();
        if !(vault_view && self.session.is_unlocked()) {
            return;
        }
        let copied: Vec<String> = ctx.output_mut(|output| {
            let mut copied = Vec::new();
            output.commands.retain_mut(|command| match command {
                egui::OutputCommand::CopyText(text) => {
                    copied.push(std::mem::take(text));
                    false
                }
                egui::OutputCommand::TextSelectionSettled(_) => false,
                _ => true,
            });
            copied
        });
        let now = self.clock.now();
        for mut text in copied {
            self.sensitive_copies.copy(&text, now);
            zeroize::Zeroize::zeroize(&mut text);
        }
    }

    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let (search, lock, quit, tab, any_input) = ctx.input_mut(|input| {
            let tab = TAB_KEYS
                .iter()
                .position(|key| input.consume_key(Modifiers::COMMAND, *key));
            (
                input.consume_shortcut(&SEARCH_SHORTCUT),
                input.consume_shortcut(&LOCK_SHORTCUT),
                input.consume_shortcut(&QUICK_EXIT_SHORTCUT),
                tab,
                input.events.iter().any(is_user_activity),
            )
        });
        if any_input {
            self.last_input = self.clock.now();
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
            self.go_to(Tab::ALL[index], None);
            self.focus_tab = true;
        }
    }

    /// A vault task finished: the screens learn of it through [`VaultUi`](crate::ui::VaultUi), and a recovery key
    /// the task made is kept there to be shown once.
    pub(super) fn finished(&mut self, outcome: &Outcome) {
        let recovery_key = self.session.take_recovery_key();
        if outcome.result.is_ok() && matches!(outcome.task, Task::Create | Task::Recover) {
            self.vault_ui.recovery_key = recovery_key;
        }
        self.tasks_finished += 1;
        self.vault_ui.refusal = None;
        self.vault_ui.finished = Some(Finished {
            serial: self.tasks_finished,
            task: outcome.task,
            ok: outcome.result.is_ok(),
        });
        // Unlocked from Notes after coming from the Safety plan: back to it, its record still chosen.
        let unlocked = matches!(outcome.task, Task::Unlock | Task::UnlockAllowReadOnly);
        if unlocked
            && outcome.result.is_ok()
            && self.tab == Tab::Notes
            && let Some(tab) = self.resume_tab.take()
        {
            self.go_to(tab, None);
            self.focus_tab = true;
        }
        self.vault_found = self.session.find_vault();
    }

    /// Saves the vault once edits have paused for [`AUTOSAVE_DELAY`] on the app's clock. Runs in
    /// [`HarborApp::logic`], so whatever tab is shown, and while the window is minimized: the repaint it asks for
    /// is what wakes that logic.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let Some(edited) = self.last_edit else {
            return;
        };
        if !self.session.is_unlocked() {
            self.last_edit = None;
            return;
        }
        let quiet = self.clock.now().saturating_duration_since(edited);
        if quiet >= AUTOSAVE_DELAY {
            self.last_edit = None;
            self.apply(Command::Vault(VaultCommand::Save));
        } else {
            ctx.request_repaint_after(AUTOSAVE_DELAY - quiet);
        }
    }

    /// Locks once the user has been idle for the chosen minutes. Runs in [`HarborApp::logic`], so it also fires
    /// while the window is minimized; the repaint it asks for is what wakes that logic.
    pub(super) fn auto_lock(&mut self, ctx: &egui::Context) {
        if !self.session.is_unlocked() {
            return;
        }
        let limit = std::time::Duration::from_secs(u64::from(self.settings.auto_lock_minutes) * 60);
        let idle = self.clock.now().saturating_duration_since(self.last_input);
        if idle >= limit {
            self.lock();
        } else {
            // The only timer that wakes an idle window.
            ctx.request_repaint_after(limit - idle);
        }
    }
}
