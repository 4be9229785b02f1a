//! Ends of the session that arrive as a signal close Harbor the way its close button does: the vault locks and the
//! window waits for the final save (`exit.rs`), instead of the process dying with the last typing unsaved.
//!
//! - Unix: SIGTERM (logout, shutdown, `kill`, a service manager), SIGHUP (the terminal or session that started
//!   Harbor went away) and SIGINT (Ctrl+C in that terminal). A background thread waits for them, sets a flag and
//!   wakes the frame loop, so [`HarborApp::logic`](super::HarborApp::logic) acts even while the window is
//!   minimized. A second signal while saving changes nothing; SIGKILL cannot be caught (autosave bounds what it
//!   loses to the last 1.5 s of typing).
//! - Windows: logging off or shutting down sends the window `WM_QUERYENDSESSION`/`WM_ENDSESSION`, which winit 0.30
//!   answers itself without telling the app, and the process is ended after it; Harbor cannot wait for its save
//!   there. eframe's `on_exit` (lock, wait up to 5 s) runs when the event loop ends normally.
//! - macOS: logging out asks the application to terminate; winit ends the event loop, and eframe's `on_exit` locks
//!   and waits for the save. A SIGTERM is handled as on any Unix.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether a signal asked Harbor to close.
#[derive(Clone, Debug, Default)]
pub(crate) struct ExitSignals {
    received: Arc<AtomicBool>,
}

impl ExitSignals {
    /// Starts listening; each signal sets the flag and asks `ctx` for a frame. If the handlers cannot be installed
    /// Harbor runs as before (it says so on standard error): signals then end it at once.
    pub(crate) fn listen(ctx: &egui::Context) -> Self {
        let signals = Self::default();
        #[cfg(unix)]
        {
            use async_signal::{Signal, Signals};
            use futures_lite::StreamExt as _;
            match Signals::new([Signal::Term, Signal::Hup, Signal::Int]) {
                Ok(mut stream) => {
                    let received = Arc::clone(&signals.received);
                    let ctx = ctx.clone();
                    let spawned = std::thread::Builder::new()
                        .name("harbor-signals".into())
                        .spawn(move || {
                            futures_lite::future::block_on(async {
                                while let Some(signal) = stream.next().await {
                                    if signal.is_ok() {
                                        received.store(true, Ordering::SeqCst);
                                        ctx.request_repaint();
                                    }
                                }
                            });
                        });
                    if let Err(err) = spawned {
                        eprintln!("harbor: cannot wait for exit signals: {err}");
                    }
                }
                Err(err) => eprintln!("harbor: cannot wait for exit signals: {err}"),
            }
        }
        #[cfg(not(unix))]
        let _ = ctx;
        signals
    }

    /// Whether a signal asked Harbor to close.
    pub(crate) fn received(&self) -> bool {
        self.received.load(Ordering::SeqCst)
    }
}
