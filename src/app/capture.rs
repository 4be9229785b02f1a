//! Screen-capture protection: while notes are unlocked the window is left out of screenshots, screen recording,
//! screen sharing and Windows Recall. winit does the platform work (`SetWindowDisplayAffinity` with
//! `WDA_EXCLUDEFROMCAPTURE` on Windows, `NSWindow.sharingType = none` on macOS) behind egui's
//! `ViewportCommand::ContentProtected`, so Harbor needs no `unsafe` of its own. X11 and Wayland have no such request.

use crate::policy::Policy;
use crate::settings::Settings;

/// Whether this platform can keep a window out of captures at all.
pub const SUPPORTED: bool = cfg!(any(target_os = "windows", target_os = "macos"));

/// Whether protection is switched on: the institution's policy when it sets one, otherwise the user's setting.
pub fn switched_on(policy: &Policy, settings: &Settings) -> bool {
    policy
        .screen_capture_protection()
        .unwrap_or(settings.capture_protection)
}

/// What the window should be asked for now: protected while notes are unlocked and protection is on. The guide
/// itself stays shareable, so a clinician can still present it or ask remote support for help while locked.
pub fn wanted(switched_on: bool, notes_unlocked: bool) -> bool {
    switched_on && notes_unlocked
}

/// The last request sent to the window, so that a request goes out only when it changes.
#[derive(Debug, Default)]
pub struct CaptureProtection {
    sent: Option<bool>,
}

impl CaptureProtection {
    /// Asks the window for `wanted` if that differs from the last request. Called after the vault is polled (an
    /// unlock that just finished is protected before its first frame is painted) and after each frame's commands
    /// (a lock or a changed setting takes effect in the same frame).
    pub fn sync(&mut self, ctx: &egui::Context, wanted: bool) {
        if self.sent != Some(wanted) {
            self.sent = Some(wanted);
            ctx.send_viewport_cmd(egui::ViewportCommand::ContentProtected(wanted));
        }
    }

    /// The last request sent; `None` before the first frame.
    pub fn requested(&self) -> Option<bool> {
        self.sent
    }
}
