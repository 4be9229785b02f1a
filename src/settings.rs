//! Non-sensitive preferences, persisted in the clear through eframe's storage.

use serde::{Deserialize, Serialize};

/// The storage key under which [`Settings`] are kept.
pub(crate) const STORAGE_KEY: &str = "harbor.settings";

/// Colour scheme. All three are calm; high contrast is for low vision and bright rooms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Dark text on a light background, the default.
    #[default]
    Light,
    /// Light text on a dark background, for dim rooms.
    Dark,
    /// Maximum contrast, for low vision and bright rooms.
    HighContrast,
}

/// The state that we persist (serialize): preferences only — never anything typed into a vault view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Interface language; `None` until chosen, so the first run can follow the operating system.
    pub locale: Option<String>,
    /// Colour scheme.
    pub theme: ThemeChoice,
    /// Text size as egui's zoom factor.
    pub zoom: f32,
    /// Minutes without input before the vault locks itself.
    pub auto_lock_minutes: u32,
    /// Keep the window out of screenshots, screen recording and screen sharing while notes are unlocked. On unless
    /// the user turns it off (a screen magnifier or remote support needs it off) or policy fixes it.
    pub capture_protection: bool,
    /// The user's professional role, asked once by the reporting helper: the statutes bind different people.
    /// `None` until answered.
    pub role: Option<crate::content::model::Role>,
    /// Whose law the reporting helper applies and whose local resources are listed; `None` until the user chooses
    /// (Massachusetts, the guidebook's state, is shown meanwhile).
    pub jurisdiction: Option<crate::content::Jurisdiction>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            locale: None,
            theme: ThemeChoice::Light,
            zoom: 1.0,
            auto_lock_minutes: 5,
            capture_protection: true,
            role: None,
            jurisdiction: None,
        }
    }
}

impl Settings {
    /// Smallest and largest text sizes offered.
    pub(crate) const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.75..=2.5;
    /// Auto-lock choices offered in the settings menu, in minutes.
    pub const AUTO_LOCK_CHOICES: [u32; 5] = [1, 2, 5, 10, 30];

    /// Auto-lock choices the policy leaves open: the usual ones up to the policy's maximum, and the maximum itself.
    pub fn auto_lock_choices(policy: &crate::policy::Policy) -> Vec<u32> {
        let Some(max) = policy.auto_lock_max_minutes() else {
            return Self::AUTO_LOCK_CHOICES.to_vec();
        };
        let mut choices: Vec<u32> = Self::AUTO_LOCK_CHOICES
            .into_iter()
            .filter(|minutes| *minutes <= max)
            .collect();
        if !choices.contains(&max) {
            choices.push(max);
        }
        choices
    }

    /// Brings preferences within what managed policy allows: a shorter auto-lock, an allowed language.
    #[must_use]
    pub fn within_policy(mut self, policy: &crate::policy::Policy) -> Self {
        if let Some(max) = policy.auto_lock_max_minutes() {
            self.auto_lock_minutes = self.auto_lock_minutes.min(max);
        }
        if self
            .locale
            .as_deref()
            .is_some_and(|code| !policy.allows_language(code))
        {
            self.locale = None;
        }
        self
    }

    /// Clamps values a hand-edited or older storage file might hold.
    #[must_use]
    pub(crate) fn sanitized(mut self) -> Self {
        if !self.zoom.is_finite() {
            self.zoom = 1.0;
        }
        self.zoom = self
            .zoom
            .clamp(*Self::ZOOM_RANGE.start(), *Self::ZOOM_RANGE.end());
        self.auto_lock_minutes = self.auto_lock_minutes.clamp(1, 120);
        self
    }
}
