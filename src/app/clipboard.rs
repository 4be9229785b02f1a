//! Vault text on the system clipboard: put there by Harbor itself (not by egui's backend), marked sensitive so
//! clipboard managers and history leave it out, and taken back — after 30 seconds, and at every lock — if the
//! clipboard still holds it. Text copied anywhere else in Harbor (phone numbers, questions) goes through egui as
//! usual and stays.

use std::hash::{DefaultHasher, Hash as _, Hasher as _};
use std::time::{Duration, Instant};

/// How long copied vault text stays on the clipboard, as password managers do.
pub const SENSITIVE_CLIPBOARD_TIME: Duration = Duration::from_secs(30);

/// The system clipboard, as far as sensitive copies need it.
pub trait SystemClipboard {
    /// Puts `text` on the clipboard, marked sensitive; `false` if there is no clipboard to put it on.
    fn set_sensitive(&mut self, text: &str) -> bool;
    /// What the clipboard holds now, if it is text.
    fn text(&mut self) -> Option<String>;
    /// Empties the clipboard.
    fn clear(&mut self);
}

/// The real clipboard through `arboard`, opened on first use (a headless run never opens one).
#[derive(Default)]
pub(crate) struct Arboard(Option<arboard::Clipboard>);

impl Arboard {
    fn open(&mut self) -> Option<&mut arboard::Clipboard> {
        if self.0.is_none() {
            self.0 = arboard::Clipboard::new().ok();
        }
        self.0.as_mut()
    }
}

impl SystemClipboard for Arboard {
    fn set_sensitive(&mut self, text: &str) -> bool {
        let Some(clipboard) = self.open() else {
            return false;
        };
        let set = clipboard.set();
        // Windows: out of clipboard history, cloud sync and clipboard monitors.
        #[cfg(windows)]
        let set = {
            use arboard::SetExtWindows as _;
            set.exclude_from_history()
                .exclude_from_cloud()
                .exclude_from_monitoring()
        };
        // macOS: the concealed type of nspasteboard.org, which clipboard managers skip.
        #[cfg(target_os = "macos")]
        let set = {
            use arboard::SetExtApple as _;
            set.exclude_from_history()
        };
        // Linux and BSD (X11 and Wayland): the `x-kde-passwordManagerHint` type, honoured by KDE's Klipper and
        // others; a clipboard manager that ignores it can still keep a copy.
        #[cfg(all(
            unix,
            not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
        ))]
        let set = {
            use arboard::SetExtLinux as _;
            set.exclude_from_history()
        };
        set.text(text.to_owned()).is_ok()
    }

    fn text(&mut self) -> Option<String> {
        self.open()?.get_text().ok()
    }

    fn clear(&mut self) {
        if let Some(clipboard) = self.open() {
            // Nothing more to do if it fails: the clipboard is then gone or someone else's.
            clipboard.clear().ok();
        }
    }
}

/// Sensitive copies: what Harbor last put on the clipboard (as a hash, not the text) and when.
pub(crate) struct SensitiveCopies {
    clipboard: Box<dyn SystemClipboard>,
    last: Option<(u64, Instant)>,
}

impl Default for SensitiveCopies {
    fn default() -> Self {
        Self::new(Box::new(Arboard::default()))
    }
}

fn fingerprint(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

impl SensitiveCopies {
    /// Sensitive copies on `clipboard`.
    pub(crate) fn new(clipboard: Box<dyn SystemClipboard>) -> Self {
        Self {
            clipboard,
            last: None,
        }
    }

    /// Puts vault text on the clipboard, marked sensitive, to be taken back later.
    pub(crate) fn copy(&mut self, text: &str, now: Instant) {
        if self.clipboard.set_sensitive(text) {
            self.last = Some((fingerprint(text), now));
        }
    }

    /// Takes the copy back once it is 30 seconds old; returns how long until that, if a copy is out.
    pub(crate) fn expire(&mut self, now: Instant) -> Option<Duration> {
        let (_, copied) = self.last?;
        let age = now.saturating_duration_since(copied);
        if age >= SENSITIVE_CLIPBOARD_TIME {
            self.take_back();
            None
        } else {
            Some(SENSITIVE_CLIPBOARD_TIME - age)
        }
    }

    /// Empties the clipboard if it still holds what Harbor put there (the user may have copied something else
    /// since, which is theirs to keep).
    pub(crate) fn take_back(&mut self) {
        let Some((fingerprint_of_copy, _)) = self.last.take() else {
            return;
        };
        if self
            .clipboard
            .text()
            .is_some_and(|text| fingerprint(&text) == fingerprint_of_copy)
        {
            self.clipboard.clear();
        }
    }
}
