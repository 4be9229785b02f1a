//! Frame time of every view: the whole window drawn headless (egui_kittest, no GPU) at the default window size,
//! one `step()` per iteration — the CPU cost of a repaint after input.

// Benchmarks: a failed set-up stops the run with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use harbor::HarborApp;
use harbor::cli::Options;
use harbor::settings::Settings;
use harbor::ui::Tab;

struct State {
    app: Option<HarborApp>,
    options: Options,
    tab: Tab,
}

fn frames(c: &mut Criterion) {
    let data = tempfile::tempdir().expect("temp dir");
    for locale in ["en", "ar"] {
        let options = Options {
            data_dir: Some(data.path().to_owned()),
            locale: Some(locale.into()),
            content_dir: None,
        };
        let state = State {
            app: None,
            options,
            tab: Tab::Overview,
        };
        let mut harness = Harness::builder()
            .with_size([1200.0, 800.0])
            .build_ui_state(
                |ui, state: &mut State| {
                    let app = state.app.get_or_insert_with(|| {
                        HarborApp::with_settings(
                            ui.ctx(),
                            state.options.clone(),
                            Settings::default(),
                        )
                    });
                    app.select_tab(state.tab);
                    app.show(ui);
                },
                state,
            );
        for tab in Tab::ALL {
            harness.state_mut().tab = tab;
            harness.run();
            c.bench_function(&format!("frame {locale} {tab:?}"), |b| {
                b.iter(|| {
                    harness.step();
                    black_box(harness.output());
                });
            });
        }
    }
}

criterion_group!(benches, frames);
criterion_main!(benches);
