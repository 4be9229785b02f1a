//! The clock the app's timers (auto-lock, autosave) read: the system's, or one a test moves forward by hand, so a test can
//! leave the window "minimized" for minutes without waiting for them.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Monotonic time for the app's timers.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// How far a manual clock has been moved ahead of the system clock; `None` for the system clock.
    ahead: Option<Arc<Mutex<Duration>>>,
    /// A stopped clock's time before any [`Clock::advance`]: it then moves only when advanced.
    stopped_at: Option<Instant>,
}

impl Clock {
    /// A clock that runs with the system clock and can also be moved forward with [`Clock::advance`].
    #[must_use]
    pub fn manual() -> Self {
        Self {
            ahead: Some(Arc::default()),
            stopped_at: None,
        }
    }

    /// A clock that stands still until moved forward with [`Clock::advance`], so a test decides exactly how much
    /// time the app's timers (autosave, auto-lock) see pass, however slowly the machine runs.
    #[must_use]
    pub fn stopped() -> Self {
        Self {
            ahead: Some(Arc::default()),
            stopped_at: Some(Instant::now()),
        }
    }

    /// Moves a manual clock forward (no effect on the system clock).
    pub fn advance(&self, by: Duration) {
        if let Some(ahead) = &self.ahead {
            *ahead.lock().unwrap_or_else(PoisonError::into_inner) += by;
        }
    }

    /// The current time.
    #[must_use]
    pub(crate) fn now(&self) -> Instant {
        let ahead = self.ahead.as_ref().map_or(Duration::ZERO, |ahead| {
            *ahead.lock().unwrap_or_else(PoisonError::into_inner)
        });
        self.stopped_at.unwrap_or_else(Instant::now) + ahead
    }
}
