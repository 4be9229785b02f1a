//! The `harbor` binary: parse flags, then run the window (or validate a content pack).

#![forbid(unsafe_code)]
// A GUI application on Windows: no console window opens beside it. A command-line run (`--help`, `--show-policy`, …)
// attaches to the console it was typed in, so its output shows in cmd and PowerShell (`hardening::attach_parent_console`).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;
use std::time::Instant;

use std::io::Write as _;

use harbor::cli::{self, Command};
use harbor::content::{Severity, validate};
use harbor::policy::Policy;

/// Application id: matches the `.desktop` file so Wayland and X11 show the right icon.
const APP_ID: &str = "org.harborapp.Harbor";

fn main() -> ExitCode {
    let started = Instant::now();
    let command = cli::parse(std::env::args().skip(1));
    if !matches!(command, Ok(Command::Run(_))) {
        harbor::hardening::attach_parent_console();
    }
    // Before any passphrase, key or note exists in memory.
    for failure in harbor::hardening::forbid_crash_dumps() {
        eprintln!("harbor: could not keep notes out of crash dumps ({failure})");
    }
    harbor::hardening::private_file_creation();
    install_private_panic_hook();
    match command {
        Ok(Command::Help) => {
            print!("{}", cli::HELP);
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("harbor {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Command::CheckContent(dir)) => check_content(&dir),
        Ok(Command::ReportingTable {
            locale,
            format,
            content_dir,
            jurisdiction,
        }) => reporting_table(&locale, format, content_dir.as_deref(), jurisdiction),
        Ok(Command::Search { query, options }) => search(&query, &options),
        Ok(Command::ShowPolicy) => show_policy(),
        Ok(Command::PolicyTemplates(dir)) => policy_templates(&dir),
        Ok(Command::ImportDirectory { csv, out }) => import_directory(&csv, &out),
        Ok(Command::ExportTranslation {
            locale,
            format,
            dirs,
        }) => export_translation(&locale, format, &dirs),
        Ok(Command::ImportTranslation { file, dirs }) => import_translation(&file, &dirs),
        Ok(Command::ExportCard {
            locale,
            out,
            discreet,
        }) => export_card(&locale, &out, discreet),
        Ok(Command::Run(options)) => run(options, started),
        Err(err) => {
            eprintln!("harbor: {err}");
            ExitCode::from(2)
        }
    }
}

/// A panic message can quote the data being processed (a note's text in a string-slicing panic, say), so the hook
/// prints only where it happened, never the payload.
fn install_private_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        eprintln!(
            "harbor: internal error{location}. Your saved notes are safe on disk; please restart Harbor."
        );
    }));
}

fn check_content(dir: &std::path::Path) -> ExitCode {
    if !dir.is_dir() {
        eprintln!("harbor: `{}` is not a directory", dir.display());
        return ExitCode::from(2);
    }
    let problems = validate::validate_pack(dir);
    for problem in &problems {
        println!("{problem}");
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    println!("{errors} errors, {warnings} warnings in {}", dir.display());
    // Coverage is a report, not a verdict: an outdated or missing entry is already a warning above.
    let mut list_problems = Vec::new();
    let rows = harbor::content::coverage::coverage(dir, &mut list_problems);
    if !rows.is_empty() {
        println!(
            "\nTranslations (entries translated from the current English, per language and file):"
        );
        for row in &rows {
            println!("  {row}");
        }
    }
    // The jurisdiction packs are translated after the main files; until then their strings show in English, marked.
    let pack_rows = harbor::content::coverage::pack_coverage(dir);
    if !pack_rows.is_empty() {
        println!("\nJurisdiction packs (shown in English, marked as such, where not translated):");
        for row in &pack_rows {
            println!("  {row}");
        }
    }
    for problem in &list_problems {
        println!("{problem}");
    }
    let errors = errors
        + list_problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
    if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn reporting_table(
    locale: &str,
    format: harbor::content::reporting_table::TableFormat,
    content_dir: Option<&std::path::Path>,
    jurisdiction: harbor::content::Jurisdiction,
) -> ExitCode {
    if locale != "en" && !harbor::content::load::builtin_locales().contains(&locale) {
        eprintln!("harbor: unknown language `{locale}`; run `harbor --help` to see the languages");
        return ExitCode::from(2);
    }
    let (content, problems) =
        harbor::content::jurisdiction::load_content(jurisdiction, locale, content_dir);
    for problem in problems.iter().filter(|p| p.severity == Severity::Error) {
        eprintln!("{problem}");
    }
    if content.reporting.questions.is_empty() {
        eprintln!(
            "harbor: this build has no reporting rules for {}",
            jurisdiction.name("en")
        );
        return ExitCode::FAILURE;
    }
    let table = harbor::content::reporting_table::render(&content, format);
    // A reader that stops early (`| head`) is not an error; `print!` would panic on the closed pipe.
    match std::io::Write::write_all(&mut std::io::stdout().lock(), table.as_bytes()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("harbor: could not write the table: {err}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

/// `--search`: the ranked results a content author or a script can read, ten at most, `TAB<tab>ID<tab>TEXT`.
fn search(query: &str, options: &cli::Options) -> ExitCode {
    let requested = options.locale.as_deref().unwrap_or("en");
    let Some(locale) = harbor::i18n::match_locale(requested) else {
        eprintln!(
            "harbor: unknown language `{requested}`; run `harbor --help` to see the languages"
        );
        return ExitCode::from(2);
    };
    let (index, problems) = harbor::search::command_line_index(
        locale,
        options.content_dir.as_deref(),
        options.institution_dir.as_deref(),
        options.jurisdiction.unwrap_or_default(),
    );
    for problem in &problems {
        eprintln!("{problem}");
    }
    let mut out = std::io::stdout().lock();
    for hit in index.search(query, 10) {
        let text = match hit.title {
            Some(title) => format!("{title} — {}", hit.text),
            None => hit.text.to_owned(),
        };
        let text = text.replace(['\t', '\n', '\r'], " ");
        // A closed pipe (`| head -1`) ends the listing quietly.
        if writeln!(out, "{}\t{}\t{text}", hit.file.stem(), hit.anchor).is_err() {
            break;
        }
    }
    ExitCode::SUCCESS
}

/// Prints the policy in effect; exits non-zero when it is malformed, so a deployment script notices.
fn show_policy() -> ExitCode {
    let policy = Policy::from_environment();
    print!("{}", policy.report());
    if policy.is_malformed() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn policy_templates(dir: &std::path::Path) -> ExitCode {
    match harbor::policy::templates::write_all(dir) {
        Ok(written) => {
            for path in written {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!(
                "harbor: could not write the templates into {}: {err}",
                dir.display()
            );
            ExitCode::FAILURE
        }
    }
}

fn import_directory(csv: &std::path::Path, out: &std::path::Path) -> ExitCode {
    use harbor::content::institution::{ImportError, import};
    match import(csv, out) {
        Ok((path, count)) => {
            println!("{count} contacts written to {}", path.display());
            ExitCode::SUCCESS
        }
        Err(ImportError::Rows(errors)) => {
            for error in &errors {
                eprintln!("{error}");
            }
            eprintln!(
                "harbor: {} problem(s) in {}; nothing was written",
                errors.len(),
                csv.display()
            );
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("harbor: {err}");
            ExitCode::FAILURE
        }
    }
}

/// `--export-translation`: the PO or XLIFF text on standard output, for redirecting into a file.
fn export_translation(
    locale: &str,
    format: harbor::exchange::Format,
    dirs: &harbor::exchange::Dirs,
) -> ExitCode {
    use harbor::exchange::{self, ExchangeError};
    match exchange::export(dirs, locale, format) {
        Ok(text) => match std::io::stdout().lock().write_all(text.as_bytes()) {
            Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
                eprintln!("harbor: could not write the translation file: {err}");
                ExitCode::FAILURE
            }
            _ => ExitCode::SUCCESS,
        },
        Err(err @ ExchangeError::UnknownLocale(_)) => {
            eprintln!("harbor: {err}");
            ExitCode::from(2)
        }
        Err(err) => {
            eprintln!("harbor: {err}");
            eprintln!(
                "harbor: run this in Harbor's source folder, or name the folders with --content DIR --locales DIR"
            );
            ExitCode::FAILURE
        }
    }
}

/// `--import-translation`: every problem with its line and nothing written, or a summary of what changed.
fn import_translation(file: &std::path::Path, dirs: &harbor::exchange::Dirs) -> ExitCode {
    use harbor::exchange::{self, ExchangeError};
    match exchange::import(dirs, file) {
        Ok(summary) => {
            print!("{summary}");
            ExitCode::SUCCESS
        }
        Err(ExchangeError::Invalid(errors)) => {
            for error in &errors {
                match error.line {
                    Some(line) => eprintln!("{}:{line}: {}", file.display(), error.message),
                    None => eprintln!("{}: {}", file.display(), error.message),
                }
            }
            eprintln!(
                "harbor: {} problem(s) in {}; nothing was written",
                errors.len(),
                file.display()
            );
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("harbor: {err}");
            ExitCode::FAILURE
        }
    }
}

/// `--export-card`: the pocket cards for a clinic's printer, written like every other PDF Harbor writes.
fn export_card(locale: &str, out: &std::path::Path, discreet: bool) -> ExitCode {
    use harbor::export::{card, save_pdf};
    let Some(locale) = harbor::i18n::LANGUAGES
        .iter()
        .map(|l| l.code)
        .find(|code| code.eq_ignore_ascii_case(locale))
    else {
        let codes: Vec<&str> = harbor::i18n::LANGUAGES.iter().map(|l| l.code).collect();
        eprintln!(
            "harbor: unknown language `{locale}`; the cards can be made in {}",
            codes.join(", ")
        );
        return ExitCode::from(2);
    };
    let (content, _) = harbor::content::load::load("en", None);
    let Some(line) = card::HelpLine::from_content(&content) else {
        eprintln!("harbor: the built-in content has no help line number; nothing was written");
        return ExitCode::FAILURE;
    };
    let options = card::CardOptions {
        locale: locale.to_owned(),
        discreet,
        name: String::new(),
    };
    let result = card::card_pdf(&options, &line).and_then(|bytes| save_pdf(out, &bytes));
    match result {
        Ok(()) => {
            println!("{}", out.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("harbor: could not write {}: {err}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn run(options: cli::Options, started: Instant) -> ExitCode {
    // Read before the window opens: a malformed policy is reported here as well as in the window.
    let policy = Policy::from_environment();
    for problem in policy.problems() {
        eprintln!("harbor: policy {problem}");
    }
    for refusal in policy.refused() {
        eprintln!("harbor: policy refused: {refusal}");
    }
    if policy.is_malformed() {
        eprintln!(
            "harbor: the policy is malformed; the strictest settings apply until it is fixed"
        );
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Harbor")
        .with_app_id(APP_ID)
        .with_inner_size([1200.0, 800.0])
        .with_min_inner_size([640.0, 480.0]);
    match eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon-256.png")) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(err) => eprintln!("harbor: window icon unavailable: {err}"),
    }
    // eframe keeps the preferences (app.ron) there; a permissive umask of an earlier run may have left it open.
    if let Some(dir) = eframe::storage_dir(APP_ID)
        && let Err(err) = harbor::hardening::make_private(&dir)
    {
        eprintln!("harbor: the settings folder could not be made private ({err})");
    }
    let native_options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let result = eframe::run_native(
        "Harbor",
        native_options,
        Box::new(move |cc| {
            Ok(Box::new(harbor::HarborApp::new(
                cc, options, policy, started,
            )))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("harbor: could not open a window: {err}");
            ExitCode::FAILURE
        }
    }
}
