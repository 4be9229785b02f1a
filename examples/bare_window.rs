//! A bare eframe window built with Harbor's renderer and features: the baseline `packaging/measure.sh` compares
//! Harbor against (start-up time, memory, idle CPU). With `HARBOR_TRACE_STARTUP` set it prints its start-up times
//! through the same code as Harbor (`harbor::startup_trace`).

use std::time::Instant;

use harbor::startup_trace::StartupTrace;

struct Bare {
    trace: Option<StartupTrace>,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        StartupTrace::frame_started(&mut self.trace, ui.ctx());
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("Hello");
        });
        StartupTrace::frame_laid_out(&self.trace, ui.ctx());
    }
}

fn main() -> eframe::Result {
    let started = Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1200.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "bare",
        options,
        Box::new(move |_| {
            Ok(Box::new(Bare {
                trace: StartupTrace::from_env("bare", started),
            }))
        }),
    )
}
