//! Frame time of every view at the default window size (1200 × 800), headless (no GPU): the CPU cost of a repaint
//! after input, in English and Arabic, timed as one egui pass plus tessellation in a bare `egui::Context`:
//! - most users: no accessibility client, so long pages lay out only what is on screen;
//! - "(screen reader)": an accessibility client listening, so every widget of the page is laid out and described in
//!   the AccessKit tree update egui hands to the platform adapter each frame;
//! - "(kittest step)": one `egui_kittest` `step()`, which is the screen-reader case plus kittest's own processing
//!   of that tree update (test-harness work the app does not do).

// Benchmarks: a failed set-up stops the run with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use harbor::HarborApp;
use harbor::cli::Options;
use harbor::settings::Settings;
use harbor::ui::Tab;

const WINDOW: [f32; 2] = [1200.0, 800.0];

struct State {
    app: Option<HarborApp>,
    options: Options,
    tab: Tab,
}

fn options(locale: &str, data: &std::path::Path) -> Options {
    Options {
        data_dir: Some(data.to_owned()),
        locale: Some(locale.into()),
        content_dir: None,
        institution_dir: None,
        jurisdiction: None,
    }
}

/// One frame as the window runs it: the egui pass and tessellation.
fn bare_frame(ctx: &egui::Context, app: &mut HarborApp) {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, WINDOW.into())),
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.show(ui));
    black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
    // No renderer here to take the font texture.
    output.textures_delta.clear();
}

fn frames(c: &mut Criterion) {
    let data = tempfile::tempdir().expect("temp dir");
    for locale in ["en", "ar"] {
        let ctx = egui::Context::default();
        let mut app =
            HarborApp::with_settings(&ctx, options(locale, data.path()), Settings::default());
        for screen_reader in [false, true] {
            if screen_reader {
                ctx.enable_accesskit();
            }
            let mode = if screen_reader {
                " (screen reader)"
            } else {
                ""
            };
            for tab in Tab::ALL {
                app.select_tab(tab);
                for _ in 0..3 {
                    bare_frame(&ctx, &mut app);
                }
                c.bench_function(&format!("frame {locale} {tab:?}{mode}"), |b| {
                    b.iter(|| bare_frame(&ctx, &mut app));
                });
            }
        }

        let state = State {
            app: None,
            options: options(locale, data.path()),
            tab: Tab::Overview,
        };
        let mut harness = Harness::builder().with_size(WINDOW).build_ui_state(
            |ui, state: &mut State| {
                let app = state.app.get_or_insert_with(|| {
                    HarborApp::with_settings(ui.ctx(), state.options.clone(), Settings::default())
                });
                app.select_tab(state.tab);
                app.show(ui);
            },
            state,
        );
        for tab in Tab::ALL {
            harness.state_mut().tab = tab;
            harness.run();
            c.bench_function(&format!("frame {locale} {tab:?} (kittest step)"), |b| {
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
