//! Hostile files (issue 26): writes never follow a planted link and have exact modes whatever the umask; the
//! numbers of every shipped translation are exactly the English's; institution spreadsheets, packs and content files
//! are refused past clear limits, at import, in `--check-content` and at load.

use std::path::Path;

use harbor::content::checks::number_problems;
use harbor::content::institution::{self, parse_csv};
use harbor::limits;
use harbor::safe_write::{self, Access};

use crate::cli::{copy_dir, harbor, stdout};

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o7777
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(safe_write::PARTIAL_MARKER))
        .collect()
}

/// Issue 26.4: a link planted at a temporary name makes the exclusive creation fail; it is never followed.
#[cfg(unix)]
#[test]
fn a_symlink_planted_at_the_temporary_name_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let planted = out.join(format!(
        ".institution.ron.guess{}",
        safe_write::PARTIAL_MARKER
    ));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let err = safe_write::create_new(&planted, Access::Shared).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    std::fs::remove_file(&planted).unwrap();

    // The old fixed temporary name and the target itself, both links to the victim: the import writes neither.
    std::os::unix::fs::symlink(&victim, out.join(".institution.ron.tmp")).unwrap();
    std::os::unix::fs::symlink(&victim, out.join("institution.ron")).unwrap();
    let (written, count) =
        institution::import(Path::new("packaging/institution/contacts.sample.csv"), &out).unwrap();
    assert_eq!(count, 5);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let meta = std::fs::symlink_metadata(&written).unwrap();
    assert!(
        meta.file_type().is_file(),
        "the link was replaced, not followed"
    );
    assert_eq!(mode(&written), 0o644, "IT writes the pack for every user");
    assert!(institution::load(&out).is_ok());
    assert_eq!(leftovers(&out), Vec::<String>::new());
}

/// Issue 26.4 and 26.6: exact modes whatever the umask, new folders included, and nothing left after a failure.
#[cfg(unix)]
#[test]
fn writes_have_exact_modes_and_leave_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("a/b/notes.bin");
    safe_write::write(&private, b"secret", Access::Private).unwrap();
    assert_eq!(mode(&private), 0o600);
    assert_eq!(mode(&dir.path().join("a")), 0o700);
    assert_eq!(mode(&dir.path().join("a/b")), 0o700);
    safe_write::write(&private, b"again", Access::Private).unwrap();
    assert_eq!(std::fs::read(&private).unwrap(), b"again");
    // The target is a folder: the rename fails, the temporary file goes.
    let folder = dir.path().join("a/folder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("inside"), "x").unwrap();
    assert!(safe_write::write(&folder, b"x", Access::Private).is_err());
    assert_eq!(leftovers(&dir.path().join("a")), Vec::<String>::new());

    // The real binary under umask 000: the pack and its new folders are exactly 0644 and 0755.
    let out = dir.path().join("pack/new");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$0\" --import-directory packaging/institution/contacts.sample.csv --out \"$1\"")
        .arg(env!("CARGO_BIN_EXE_harbor"))
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&out.join("institution.ron")), 0o644);
    assert_eq!(mode(&out), 0o755);
    assert_eq!(mode(&dir.path().join("pack")), 0o755);

    // A settings folder an earlier run left open under umask 000.
    let settings = dir.path().join("settings");
    std::fs::create_dir(&settings).unwrap();
    std::fs::write(settings.join("app.ron"), "()").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&settings, std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::set_permissions(
        settings.join("app.ron"),
        std::fs::Permissions::from_mode(0o666),
    )
    .unwrap();
    harbor::hardening::make_private(&settings).unwrap();
    assert_eq!(mode(&settings), 0o700);
    assert_eq!(mode(&settings.join("app.ron")), 0o600);
}

/// Issue 26.3 at the level of one text: the sequence of numbers in order, other scripts' digits and invisible
/// format characters.
#[test]
fn numbers_must_be_the_englishs_in_order_and_in_plain_digits() {
    let english = "Call (888) 373-7888 or text 233733.";
    for (translated, says) in [
        (
            "Appelez le (373) 888-7888 ou 233733.",
            "has the phone numbers 373-888-7888 where the English has 888-373-7888",
        ),
        (
            "Appelez le (888) 373-373-7888 ou 233733.",
            "has the phone numbers 888-373-373-7888",
        ),
        (
            "Appelez le (888) 373-7888 ou 233733, 06 12 34 56 78.",
            "888-373-7888 06-12-34-56-78",
        ),
        (
            "Appelez le (888) 373-7888 ou 233733 ou ९११.",
            "writes digits in another script",
        ),
        (
            "Appelez le (888) 373-7888 ou 233733 ou ９１１.",
            "writes digits in another script",
        ),
        (
            "Appelez le \u{202E}(888) 373-7888\u{202C} ou 233733.",
            "U+202E",
        ),
        ("Appelez le (888) 373\u{200B}-7888 ou 233733.", "U+200B"),
        ("Appelez le (888) 373\u{200F}-7888 ou 233733.", "U+200F"),
        (
            "Appelez le (888) 373-7888 ou 2337 33.",
            "has the numbers 2337 373 7888 888 where the English has 233733 373 7888 888",
        ),
    ] {
        let problems = number_problems(english, translated);
        assert!(
            problems.iter().any(|p| p.contains(says)),
            "{translated}: {says} in {problems:?}"
        );
    }
    for fine in [
        "Appelez le (888) 373-7888 ou écrivez au 233733.",
        "Appelez le 888 373 7888 ou écrivez au 233733.",
        "اتصل على \u{200F}(888) 373-7888 أو 233733.",
    ] {
        assert_eq!(
            number_problems(english, fine),
            Vec::<String>::new(),
            "{fine}"
        );
    }
    // A year and a count in French are not a phone number.
    assert_eq!(
        number_problems(
            "In 2013 there were 9,460 prosecutions.",
            "En 2013 9\u{a0}460 poursuites."
        ),
        Vec::<String>::new()
    );
}

/// Issue 26.3 over the shipped files: every UI string of every language has exactly the English's numbers (the
/// content translations are checked by `--check-content`, in `cli::built_in_pack_checks_clean`). A plural form for
/// one or two may say its number in words.
#[test]
fn every_shipped_ui_translation_keeps_the_englishs_numbers() {
    let english = crate::terminology::ui_strings("en");
    let mut offenders = Vec::new();
    for language in harbor::i18n::LANGUAGES.iter().filter(|l| l.code != "en") {
        for (key, translated) in crate::terminology::ui_strings(language.code) {
            let Some(original) = english.get(&key) else {
                continue;
            };
            for problem in number_problems(original, &translated) {
                offenders.push(format!("{}: {key} {problem}", language.code));
            }
        }
    }
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}

fn rows_csv(rows: usize) -> String {
    let mut csv = String::from("name,phone,notes\n");
    for n in 0..rows {
        csv.push_str(&format!(
            "Service {n},(617) 555-{:04},Weekdays\n",
            n % 10_000
        ));
    }
    csv
}

/// Issue 26.5: a 100,000-row spreadsheet is refused at the row past the limit; nothing is written.
#[test]
fn a_100000_row_spreadsheet_is_refused_with_the_limit_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("rows100k.csv");
    std::fs::write(&csv, rows_csv(100_000)).unwrap();
    let out = dir.path().join("out");
    let output = harbor(&[
        "--import-directory",
        csv.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let errors = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{errors}");
    let limit = limits::MAX_CONTACTS;
    assert!(
        errors.contains(&format!(
            "rows100k.csv:{}: more than {limit} contacts",
            limit + 2
        )),
        "{errors}"
    );
    assert!(!out.join("institution.ron").exists());
    // At the limit it is accepted.
    assert_eq!(
        parse_csv(rows_csv(limit).as_bytes(), "ok.csv")
            .unwrap()
            .contacts
            .len(),
        limit
    );
    // A spreadsheet over the size limit is not read at all.
    let huge = dir.path().join("huge.csv");
    let size = usize::try_from(limits::MAX_INSTITUTION_FILE_BYTES).unwrap() + 1;
    std::fs::write(&huge, vec![b'a'; size]).unwrap();
    let err = institution::import(&huge, &out).unwrap_err().to_string();
    assert!(err.contains("larger than 16 MiB"), "{err}");
}

/// Issue 26.5 and 26.6: a 5 MB cell, NUL and bidirectional controls in a name, and an unclosed quote are each
/// reported at their line.
#[test]
fn long_cells_invisible_characters_and_an_unclosed_quote_are_reported_at_their_line() {
    let long = "x".repeat(5_000_000);
    let csv = format!(
        "name,phone,notes\nGood,(617) 555-0100,\nLong,(617) 555-0101,{long}\nNul\u{0}name,(617) 555-0102,\nCrisis line \u{202E}0010-555-716\u{202C},(617) 555-0103,\nOpen,\"(617) 555-0104,\nMore,(617) 555-0105,\n"
    );
    let errors = parse_csv(csv.as_bytes(), "c.csv").unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let expect = [
        (
            3,
            "`notes` is 5000000 characters long; Harbor's limit is 2000",
        ),
        (4, "`name` contains the invisible character U+0000"),
        (5, "`name` contains the invisible character U+202E"),
        (6, "a quote (\") opened in this row is never closed"),
    ];
    for (line, says) in expect {
        assert!(
            errors
                .iter()
                .any(|e| e.line == line && e.message.contains(says)),
            "line {line}: {says}\n{text:#?}"
        );
    }
    assert!(!text.iter().any(|t| t.contains("is empty")), "{text:#?}");
}

/// Issue 26.5: a content pack with a 50 MB file is refused in `--check-content` and at load (the built-in file is
/// used instead), without reading it whole; a 3 MB text in a small file is refused too.
#[test]
fn a_50_megabyte_pack_file_is_refused_in_check_content_and_at_load() {
    let pack = tempfile::tempdir().unwrap();
    copy_dir(Path::new("content/en"), &pack.path().join("en"));
    let resources = pack.path().join("en/resources.ron");
    let original = std::fs::read_to_string(&resources).unwrap();
    let at = original.find("description: \"").unwrap() + "description: \"".len();
    let huge = format!(
        "{}{}{}",
        &original[..at],
        "a".repeat(50_000_000),
        &original[at..]
    );
    std::fs::write(&resources, &huge).unwrap();
    let output = harbor(&["--check-content", pack.path().to_str().unwrap()]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(
        report.contains("en/resources.ron") && report.contains("larger than 4 MiB"),
        "{report}"
    );
    assert!(
        !report.contains("file is missing"),
        "reported once: {report}"
    );
    let (content, problems) = harbor::content::load::load("en", Some(pack.path()));
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("larger than 4 MiB")),
        "{problems:?}"
    );
    let builtin = harbor::content::Content::builtin("en").unwrap();
    assert_eq!(
        content.resources, builtin.resources,
        "the built-in file is used"
    );

    let long = format!(
        "{}{}{}",
        &original[..at],
        "a".repeat(3_000_000),
        &original[at..]
    );
    std::fs::write(&resources, &long).unwrap();
    let line = original[..at].lines().count();
    let report = stdout(&harbor(&["--check-content", pack.path().to_str().unwrap()]));
    assert!(
        report.contains(&format!("en/resources.ron:{line}")) && report.contains("a text of 3000"),
        "{report}"
    );

    let mut many = original.clone();
    for n in 0..=limits::MAX_ITEMS_PER_FILE {
        many.push_str(&format!("(id: \"item-{n}\")\n"));
    }
    std::fs::write(&resources, &many).unwrap();
    let report = stdout(&harbor(&["--check-content", pack.path().to_str().unwrap()]));
    assert!(
        report.contains("items; Harbor's limit is 10000 per file"),
        "{report}"
    );
}

/// Issue 26.5: an institution pack with a 5 MB field, or more contacts than the limit, is refused at load and in
/// `--check-content`; the check of a pack at the limit is linear (ids looked up once).
#[test]
fn an_institution_pack_over_the_limits_is_refused_at_load() {
    let dir = tempfile::tempdir().unwrap();
    institution::import(
        Path::new("packaging/institution/contacts.sample.csv"),
        dir.path(),
    )
    .unwrap();
    let file = dir.path().join("institution.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let long = text.replacen("name: \"", &format!("name: \"{}", "n".repeat(5_000_000)), 1);
    std::fs::write(&file, long).unwrap();
    let problems = institution::load(dir.path()).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("`name` is 5000")),
        "{problems:?}"
    );
    let output = harbor(&["--check-content", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));

    let many = dir.path().join("many.csv");
    std::fs::write(&many, rows_csv(limits::MAX_CONTACTS)).unwrap();
    institution::import(&many, dir.path()).unwrap();
    let pack = institution::load(dir.path()).unwrap();
    assert_eq!(pack.contacts.len(), limits::MAX_CONTACTS);
}

/// Issue 30.6: the test-only feature that lets a variable stand in for the machine's policy is never in a shipped
/// binary. It is not a default feature, and no packaging script builds the binary in a way that turns on the
/// dev-dependencies (`--all-targets`, `--example`, `--tests`, `--benches`); the Linux packagers refuse a test build.
#[test]
fn no_packaging_script_builds_the_shipped_binary_with_the_test_feature() {
    let manifest = std::fs::read_to_string("Cargo.toml").unwrap();
    let default = manifest
        .lines()
        .find(|l| l.starts_with("default = "))
        .unwrap();
    assert!(!default.contains("test-policy"), "{default}");
    for script in [
        "packaging/build-deb.sh",
        "packaging/linux/build-appimage.sh",
        "packaging/windows/build-windows.sh",
        "packaging/macos/build-dmg.sh",
        "packaging/measure.sh",
        ".github/workflows/release.yml",
    ] {
        let text = std::fs::read_to_string(script).unwrap();
        for line in text.lines().filter(|l| l.contains("cargo build")) {
            for part in line.split("&&") {
                // An example alone does not build the binary.
                if part.contains("--example") && !part.contains("--bin") {
                    continue;
                }
                for flag in [
                    "--all-targets",
                    "--example",
                    "--tests",
                    "--benches",
                    "test-policy",
                ] {
                    assert!(!part.contains(flag), "{script}: {line}");
                }
            }
        }
    }
    for script in [
        "packaging/build-deb.sh",
        "packaging/linux/build-appimage.sh",
    ] {
        let text = std::fs::read_to_string(script).unwrap();
        assert!(
            text.contains("This is a test build"),
            "{script} refuses a test build"
        );
    }
}

/// The vault's lock file is never opened through a link planted at its name: that would create (or lock) a file
/// elsewhere.
#[cfg(unix)]
#[test]
fn a_link_planted_at_the_vault_lock_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let victim = dir.path().join("created-elsewhere");
    std::os::unix::fs::symlink(&victim, data.join(harbor::vault::store::LOCK_FILE)).unwrap();
    assert!(harbor::vault::store::Store::open(&data).is_err());
    assert!(!victim.exists());
}

/// A pack's side files (a language's provenance and synonyms, the glossary) are as bounded as its content files:
/// a 5 MB sidecar is refused with the limit, unread, in `--check-content`.
#[test]
fn a_huge_sidecar_is_refused_with_the_limit() {
    let pack = tempfile::tempdir().unwrap();
    copy_dir(Path::new("content/en"), &pack.path().join("en"));
    copy_dir(Path::new("content/fr"), &pack.path().join("fr"));
    let filler = format!("// {}\n", "x".repeat(1_000));
    let sidecar = pack.path().join("fr/provenance.ron");
    let original = std::fs::read_to_string(&sidecar).unwrap();
    std::fs::write(&sidecar, format!("{}{original}", filler.repeat(5_000))).unwrap();
    let synonyms = pack.path().join("fr/synonyms.ron");
    let original = std::fs::read_to_string(&synonyms).unwrap();
    std::fs::write(&synonyms, format!("{}{original}", filler.repeat(5_000))).unwrap();
    let output = harbor(&["--check-content", pack.path().to_str().unwrap()]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    for file in ["fr/provenance.ron", "fr/synonyms.ron"] {
        assert!(
            report
                .lines()
                .any(|line| line.contains(file) && line.contains("larger than 4 MiB")),
            "{file}: {report}"
        );
    }
}
