//! The clock the app's timers (auto-lock) read: the system's, or one a test moves forward by hand, so a test can
//! leave the window "minimized" for minutes without waiting for them.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Monotonic time for the app's timers.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// How far a manual clock has been moved ahead of the system clock; `None` for the system clock.
    ahead: Option<Arc<Mutex<Duration>>>,
}

impl Clock {
    /// A clock that runs with the system clock and can also be moved forward with [`Clock::advance`].
    #[must_use]
    pub fn manual() -> Self {
        Self {
            ahead: Some(Arc::default()),
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
        Instant::now() + ahead
    }
}
