//! Shared set-up for UI tests: a Harbor app in a kittest harness with its own temporary data directory.

#![allow(dead_code)]
// Test support: a failed set-up should stop the test with a message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use harbor::HarborApp;
use harbor::cli::Options;
use harbor::settings::Settings;

/// The interface language is process-wide (rust-i18n), so UI tests in one binary take turns.
static UI_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The app under test, created on the harness's first frame so it gets the harness's egui context.
pub struct TestApp {
    pub app: Option<HarborApp>,
    pub options: Options,
    pub settings: Settings,
    /// Managed policy the app starts under (none unless a test says so).
    pub policy: harbor::policy::Policy,
    pub _data_dir: tempfile::TempDir,
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl TestApp {
    /// The app; panics if the harness has not run a frame yet.
    pub fn app(&self) -> &HarborApp {
        self.app
            .as_ref()
            .expect("the harness ran at least one frame")
    }

    /// The app, to send it a command as a view would.
    pub fn app_mut(&mut self) -> &mut HarborApp {
        self.app
            .as_mut()
            .expect("the harness ran at least one frame")
    }
}

/// Waits for this test's turn at the process-wide interface language.
pub fn take_turn() -> std::sync::MutexGuard<'static, ()> {
    // A test that failed while holding the lock poisons it; the next test can still run.
    UI_LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A harness showing the whole Harbor window in `locale`, with a fresh data directory.
pub fn harness(locale: &str) -> Harness<'static, TestApp> {
    harness_with(locale, Settings::default())
}

/// A harness with the given preferences. Each frame runs the app's logic, then its UI, as eframe does.
pub fn harness_with(locale: &str, settings: Settings) -> Harness<'static, TestApp> {
    harness_at(locale, settings, None)
}

/// A harness whose vault lives in `data` (default: a fresh temporary directory).
pub fn harness_at(
    locale: &str,
    settings: Settings,
    data: Option<&std::path::Path>,
) -> Harness<'static, TestApp> {
    harness_full(
        locale,
        settings,
        data,
        harbor::policy::Policy::none(),
        None,
        None,
    )
}

/// A harness whose content pack is read from `content_dir` where it has a file (built-in elsewhere).
pub fn harness_with_content(
    locale: &str,
    content_dir: &std::path::Path,
) -> Harness<'static, TestApp> {
    harness_full(
        locale,
        Settings::default(),
        None,
        harbor::policy::Policy::none(),
        None,
        Some(content_dir.to_owned()),
    )
}

/// A harness like [`harness_with`], under a managed policy and with an institution pack.
pub fn harness_with_policy(
    locale: &str,
    settings: Settings,
    policy: harbor::policy::Policy,
    institution_dir: Option<std::path::PathBuf>,
) -> Harness<'static, TestApp> {
    harness_full(locale, settings, None, policy, institution_dir, None)
}

fn harness_full(
    locale: &str,
    settings: Settings,
    data: Option<&std::path::Path>,
    policy: harbor::policy::Policy,
    institution_dir: Option<std::path::PathBuf>,
    content_dir: Option<std::path::PathBuf>,
) -> Harness<'static, TestApp> {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let options = Options {
        data_dir: Some(data.unwrap_or(data_dir.path()).to_owned()),
        locale: Some(locale.to_owned()),
        content_dir,
        institution_dir,
        jurisdiction: None,
    };
    let turn = take_turn();
    let state = TestApp {
        app: None,
        options,
        settings,
        policy,
        _data_dir: data_dir,
        _turn: turn,
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 900.0])
        .build_ui_state(
            |ui, state: &mut TestApp| {
                let app = state.app.get_or_insert_with(|| {
                    HarborApp::with_policy(
                        ui.ctx(),
                        state.options.clone(),
                        state.settings.clone(),
                        state.policy.clone(),
                    )
                });
                app.logic(ui.ctx());
                app.show(ui);
            },
            state,
        );
    harness.run();
    harness
}

/// Runs frames until the vault's background task (create, unlock…) and saves have finished.
pub fn wait_for_vault(harness: &mut Harness<'static, TestApp>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        harness.step();
        let session = harness.state().app().session();
        let busy = session.task().is_some()
            || matches!(session.save_status(), harbor::vault::SaveStatus::Saving);
        if !busy {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "vault task did not finish in 60 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    harness.run();
}

/// Clicks the field labelled `label` and types `text` into it.
pub fn type_into(harness: &mut Harness<'static, TestApp>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Opens the Notes tab and types `passphrase` into the new-vault form, twice.
pub fn fill_new_vault_form(harness: &mut Harness<'static, TestApp>, passphrase: &str) {
    harness.get_by_label("Notes").click();
    harness.run();
    type_into(harness, "Passphrase", passphrase);
    type_into(harness, "Passphrase again", passphrase);
}

/// Creates a vault through the Notes tab, as a user would, and waits until it is unlocked.
pub fn create_vault(harness: &mut Harness<'static, TestApp>, passphrase: &str) {
    fill_new_vault_form(harness, passphrase);
    harness.get_by_label("Create vault").click();
    wait_for_vault(harness);
    assert!(
        harness.state().app().session().is_unlocked(),
        "the new vault is unlocked"
    );
}

/// The interface string at `path` ("search.label") in `locale`'s file, as a test reads what the user sees.
pub fn ui_string(locale: &str, path: &str) -> String {
    let text = std::fs::read_to_string(format!("locales/{locale}.yml")).unwrap();
    let mut value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    for key in path.split('.') {
        value = value[key].clone();
    }
    value
        .as_str()
        .unwrap_or_else(|| panic!("{locale}: {path}"))
        .to_owned()
}
