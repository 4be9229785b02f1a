//! `HARBOR_TRACE_STARTUP=1`: when the app was built, when its first frame was laid out, and when that frame had
//! been painted (the figure `packaging/measure.sh` reports). `examples/bare_window.rs` uses the same code, so Harbor
//! and its baseline are measured at the same points.

use std::time::Instant;

/// Start-up timing of one window, printed to stderr as `<name>: … after <seconds> s`.
pub struct StartupTrace {
    name: &'static str,
    started: Instant,
}

impl StartupTrace {
    /// Starts the trace if `HARBOR_TRACE_STARTUP` is set, and prints that the app has been built.
    pub fn from_env(name: &'static str, started: Instant) -> Option<Self> {
        std::env::var_os("HARBOR_TRACE_STARTUP")?;
        let trace = Self { name, started };
        trace.print("app built", "");
        Some(trace)
    }

    /// Call at the start of every frame. The first frame has been painted (tessellated, uploaded, swapped) once the
    /// second one starts: that is printed and the trace ends. Until then it asks for that second frame.
    pub fn frame_started(trace: &mut Option<Self>, ctx: &egui::Context) {
        let Some(this) = trace else {
            return;
        };
        if ctx.cumulative_frame_nr() == 0 {
            ctx.request_repaint();
            return;
        }
        this.print("first frame", "");
        *trace = None;
    }

    /// Call at the end of a frame: prints when each pass of the first frame was laid out.
    pub fn frame_laid_out(trace: &Option<Self>, ctx: &egui::Context) {
        let Some(this) = trace else {
            return;
        };
        if ctx.cumulative_frame_nr() == 0 {
            let another = if ctx.will_discard() {
                " (egui asked for another pass)"
            } else {
                ""
            };
            let what = format!("first frame, pass {}, laid out", ctx.cumulative_pass_nr());
            this.print(&what, another);
        }
    }

    fn print(&self, what: &str, note: &str) {
        eprintln!(
            "{}: {what} after {:.3} s{note}",
            self.name,
            self.started.elapsed().as_secs_f64()
        );
    }
}
