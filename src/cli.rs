//! Command-line flags, parsed by hand: the set is small and a parser crate would add dependencies for nothing.

use std::path::PathBuf;

/// What the user asked for on the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Where the vault lives, instead of the platform data directory.
    pub data_dir: Option<PathBuf>,
    /// Interface language, overriding the saved preference.
    pub locale: Option<String>,
    /// A content pack directory to use instead of the built-in pack where it has files.
    pub content_dir: Option<PathBuf>,
    /// The institution pack (local referral directory); managed policy's `InstitutionPack` takes precedence.
    pub institution_dir: Option<PathBuf>,
    /// `--jurisdiction CODE`: whose reporting law and local resources, for this run (not saved); managed policy's
    /// `Jurisdiction` takes precedence.
    pub jurisdiction: Option<crate::content::Jurisdiction>,
}

/// The action selected by the flags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Open the window with these options (no action flag).
    Run(Options),
    /// `--check-content DIR`: validate a content pack and print its problems.
    CheckContent(PathBuf),
    /// Print every path through the reporting helper with its outcomes, for review on paper.
    ReportingTable {
        /// The language whose rules and texts are printed.
        locale: String,
        /// Markdown for reading, CSV for a spreadsheet.
        format: crate::content::reporting_table::TableFormat,
        /// A pack to read instead of the built-in rules (`--content DIR`).
        content_dir: Option<PathBuf>,
        /// Whose rules (`--jurisdiction CODE`; Massachusetts by default).
        jurisdiction: crate::content::Jurisdiction,
    },
    /// Print the first ten results for a query, one per line: `TAB<tab>ITEM-ID<tab>TEXT`.
    Search {
        /// The words to search for, as typed in the search box.
        query: String,
        /// Language, content and institution packs to search, as for the window.
        options: Options,
    },
    /// Print the managed policy in effect, each key with its value and origin.
    ShowPolicy,
    /// Write the administrative templates (ADMX/ADML, mobileconfig, JSON schema) into a folder.
    PolicyTemplates(PathBuf),
    /// Turn a spreadsheet of contacts into an institution pack.
    ImportDirectory {
        /// The spreadsheet (CSV) IT exported.
        csv: PathBuf,
        /// The folder the pack is written into.
        out: PathBuf,
    },
    /// Print every content and UI string of a locale as PO or XLIFF for a translator's CAT tool.
    ExportTranslation {
        /// The language to export.
        locale: String,
        /// PO or XLIFF, whichever the translator's tool reads.
        format: crate::exchange::Format,
        /// The content pack and UI strings to read.
        dirs: crate::exchange::Dirs,
    },
    /// Check a translated PO or XLIFF file and write it back into the content and UI string files.
    ImportTranslation {
        /// The translated PO or XLIFF file.
        file: PathBuf,
        /// The content pack and UI strings to update.
        dirs: crate::exchange::Dirs,
    },
    /// `--export-card LOCALE --out FILE.pdf [--discreet]`: write a sheet of pocket cards for printing.
    ExportCard {
        /// The patient's language (checked when the command runs).
        locale: String,
        /// The PDF to write.
        out: PathBuf,
        /// Name no service by what it is for.
        discreet: bool,
    },
    /// Print the usage text.
    Help,
    /// Print the version.
    Version,
}

/// A flag the user got wrong; the message says what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CliError {
    /// A flag Harbor does not have.
    #[error("unknown option `{0}`; run `harbor --help` to see the options")]
    Unknown(String),
    /// A flag given without the value it needs.
    #[error("option `{0}` needs a value; run `harbor --help` to see the options")]
    MissingValue(String),
    /// `--format` with something other than `md` or `csv`.
    #[error("`--format` takes `md` or `csv`, not `{0}`")]
    UnknownFormat(String),
    /// `--format` with something other than `po` or `xliff` when exporting a translation.
    #[error("`--format` takes `po` or `xliff` with `--export-translation`, not `{0}`")]
    UnknownTranslationFormat(String),
    /// A translation-only flag without `--export-translation` or `--import-translation`.
    #[error("`{0}` only goes with `--export-translation` or `--import-translation`")]
    TranslationOnly(String),
    /// `--export-card` without `--out`.
    #[error("`--export-card` needs `--out FILE.pdf`, the file to write the cards into")]
    CardNeedsOut,
    /// `--discreet` without `--export-card`.
    #[error("`--discreet` only goes with `--export-card`")]
    DiscreetOnly,
    /// `--jurisdiction` with a code Harbor has no pack for.
    #[error("`--jurisdiction` takes ma, ca, tx, ny or other, not `{0}`")]
    UnknownJurisdiction(String),
    /// `--import-directory` without `--out`.
    #[error(
        "`--import-directory` needs `--out DIR`, the folder to write the institution pack into"
    )]
    ImportNeedsOut,
}

/// The `--help` text.
pub const HELP: &str = "\
Harbor — the MGH/MMS human trafficking guidebook for clinicians, offline, with encrypted case notes.

Usage: harbor [OPTIONS]

Options:
  --data-dir DIR         keep the encrypted vault in DIR instead of the usual data folder
  --locale CODE          interface language: en, es, pt-BR, ht, zh-CN, vi, ru, ar, km, fr
  --content DIR          use the content pack in DIR (falls back to the built-in pack per file)
  --check-content DIR    validate the content pack in DIR, print each problem, exit non-zero on errors
                         (an institution pack's institution.ron in DIR is checked too)
  --institution DIR      show the institution pack in DIR (local referral directory) under Resources
  --jurisdiction CODE    whose reporting law and local resources: ma (Massachusetts, the default), ca, tx,
                         ny, or other (any other state or territory: the federal and national layer only);
                         for this run, or with --reporting-table; a managed policy's Jurisdiction wins
  --import-directory CSV --out DIR
                         turn a contacts spreadsheet (UTF-8 CSV with a header row) into an institution
                         pack in DIR; every bad row is reported with its line and nothing is written
  --export-card CODE --out FILE.pdf [--discreet]
                         write a sheet of eight pocket cards with the help line in language CODE (one of
                         the ten above) for printing; --discreet names no service by what it is for
  --show-policy          print the managed policy in effect (each key, value and origin) and exit
  --policy-templates DIR write the ADMX/ADML, .mobileconfig and JSON schema policy templates into DIR
  --reporting-table      print every answer combination of the reporting helper with its outcomes
                         (with --locale CODE, --jurisdiction CODE, --content DIR, and --format md|csv;
                         Markdown by default)
  --search QUERY         print the first ten results as TAB<tab>ITEM-ID<tab>TEXT
                         (with --locale, --content, --institution)
  --export-translation CODE [--format po|xliff]
                         print every content and interface string of language CODE as a gettext PO
                         (default) or XLIFF 2.0 file for a translator's CAT tool, with the English, the
                         translation, its state and who translated it when
  --import-translation FILE
                         bring a translated PO or XLIFF file back: every entry is checked first (ids,
                         English, placeholders, numbers, web addresses, glossary); on any problem each is
                         printed with its line and nothing is written; otherwise the files are updated and
                         a summary of what changed is printed
  --locales DIR          with --export-translation/--import-translation: the interface string files
                         (default ./locales; the content pack is --content DIR, default ./content)
  -h, --help             print this help
  -V, --version          print the version

Harbor makes no network connections. Nothing it shows is a diagnosis: it supports clinical judgement.
";

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, CliError> {
    let mut options = Options::default();
    let mut reporting_table = false;
    let mut format = crate::content::reporting_table::TableFormat::Markdown;
    let mut search = None;
    let mut import_csv = None;
    let mut import_out = None;
    let mut format_name: Option<String> = None;
    // The UI string files a translation round trip reads and writes (not an option of the running app).
    let mut locales_dir: Option<PathBuf> = None;
    let mut export_translation = None;
    let mut import_translation = None;
    let mut export_card = None;
    let mut discreet = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |flag: &str| {
            inline_value
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| CliError::MissingValue(flag.to_owned()))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "--check-content" => return Ok(Command::CheckContent(PathBuf::from(value(&flag)?))),
            "--data-dir" => options.data_dir = Some(PathBuf::from(value(&flag)?)),
            "--locale" => options.locale = Some(value(&flag)?),
            "--content" => options.content_dir = Some(PathBuf::from(value(&flag)?)),
            "--reporting-table" => reporting_table = true,
            "--search" => search = Some(value(&flag)?),
            "--institution" => options.institution_dir = Some(PathBuf::from(value(&flag)?)),
            "--jurisdiction" => {
                let code = value(&flag)?;
                options.jurisdiction = Some(
                    crate::content::Jurisdiction::from_code(&code)
                        .or_else(|| crate::content::Jurisdiction::from_policy_value(&code))
                        .ok_or(CliError::UnknownJurisdiction(code))?,
                );
            }
            "--show-policy" => return Ok(Command::ShowPolicy),
            "--policy-templates" => {
                return Ok(Command::PolicyTemplates(PathBuf::from(value(&flag)?)));
            }
            "--import-directory" => import_csv = Some(PathBuf::from(value(&flag)?)),
            "--out" => import_out = Some(PathBuf::from(value(&flag)?)),
            "--format" => format_name = Some(value(&flag)?),
            "--locales" => locales_dir = Some(PathBuf::from(value(&flag)?)),
            "--export-translation" => export_translation = Some(value(&flag)?),
            "--import-translation" => import_translation = Some(PathBuf::from(value(&flag)?)),
            "--export-card" => export_card = Some(value(&flag)?),
            "--discreet" => discreet = true,
            _ => return Err(CliError::Unknown(arg)),
        }
    }
    if let Some(locale) = export_card {
        let out = import_out.ok_or(CliError::CardNeedsOut)?;
        return Ok(Command::ExportCard {
            locale,
            out,
            discreet,
        });
    }
    if discreet {
        return Err(CliError::DiscreetOnly);
    }
    if export_translation.is_some() || import_translation.is_some() {
        let dirs = crate::exchange::Dirs {
            content: options
                .content_dir
                .unwrap_or_else(|| PathBuf::from("content")),
            locales: locales_dir.unwrap_or_else(|| PathBuf::from("locales")),
        };
        if let Some(file) = import_translation {
            if let Some(locale) = export_translation {
                return Err(CliError::Unknown(format!("--export-translation {locale}")));
            }
            if format_name.is_some() {
                return Err(CliError::Unknown(
                    "--format (the file says its format)".into(),
                ));
            }
            return Ok(Command::ImportTranslation { file, dirs });
        }
        let format = match format_name {
            None => crate::exchange::Format::Po,
            Some(name) => crate::exchange::Format::from_name(&name)
                .ok_or(CliError::UnknownTranslationFormat(name))?,
        };
        return Ok(Command::ExportTranslation {
            locale: export_translation.unwrap_or_default(),
            format,
            dirs,
        });
    }
    if locales_dir.is_some() {
        return Err(CliError::TranslationOnly("--locales".into()));
    }
    if let Some(name) = format_name {
        format = crate::content::reporting_table::TableFormat::from_name(&name)
            .ok_or(CliError::UnknownFormat(name))?;
    }
    if let Some(csv) = import_csv {
        let out = import_out.ok_or(CliError::ImportNeedsOut)?;
        return Ok(Command::ImportDirectory { csv, out });
    }
    if let Some(out) = import_out {
        return Err(CliError::Unknown(format!("--out {}", out.display())));
    }
    if reporting_table {
        return Ok(Command::ReportingTable {
            locale: options.locale.unwrap_or_else(|| "en".to_owned()),
            format,
            content_dir: options.content_dir,
            jurisdiction: options.jurisdiction.unwrap_or_default(),
        });
    }
    Ok(match search {
        Some(query) => Command::Search { query, options },
        None => Command::Run(options),
    })
}
