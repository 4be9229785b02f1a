//! A bare eframe window built with Harbor's renderer and features: the baseline `packaging/measure.sh` compares
//! Harbor against (start-up time, memory, idle CPU). Prints the first-frame time when `HARBOR_TRACE_STARTUP` is set.

use std::time::Instant;

struct Bare {
    started: Option<Instant>,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // Same measuring point as Harbor: the first frame has been painted once the second one starts.
        if let Some(started) = self.started {
            if ui.ctx().cumulative_frame_nr() > 0 {
                eprintln!(
                    "bare: first frame after {:.3} s",
                    started.elapsed().as_secs_f64()
                );
                self.started = None;
            } else {
                ui.ctx().request_repaint();
            }
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("Hello");
        });
    }
}

fn main() -> eframe::Result {
    let started = Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1200.0, 800.0]),
        ..Default::default()
    };
    let trace = std::env::var_os("HARBOR_TRACE_STARTUP").is_some();
    eframe::run_native(
        "bare",
        options,
        Box::new(move |_| {
            if trace {
                eprintln!(
                    "bare: app built after {:.3} s",
                    started.elapsed().as_secs_f64()
                );
            }
            Ok(Box::new(Bare {
                started: trace.then_some(started),
            }))
        }),
    )
}
