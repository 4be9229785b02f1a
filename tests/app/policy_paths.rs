//! Windows policy as administrators write it: `reg export` files whose long values wrap over several lines, and
//! folder policies with environment variables (`%APPDATA%`, `%USERNAME%` on Windows; `$HOME`, `~` on Linux and
//! macOS) so that one machine policy gives each user a private folder. A variable that cannot be expanded is
//! refused with a warning naming it, and the rest of the policy stays in force.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use harbor::policy::expand::{Syntax, expand_with};
use harbor::policy::registry::{Hive, RegValue, from_values, parse_export};
use harbor::policy::{Key, Policy, Severity, Value};

/// `reg export`'s UTF-16 file with a byte-order mark and CRLF line ends.
fn utf16_file(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.replace('\n', "\r\n").encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

/// `"Name"=hex(N):…` as regedit and `reg export` write it: bytes as two hex digits, lines cut after a comma with a
/// trailing backslash once they reach 80 columns, continuation lines indented by two spaces.
fn wrapped_hex(name: &str, kind: &str, bytes: &[u8]) -> String {
    let mut out = format!("\"{name}\"={kind}:");
    let mut column = out.len();
    for (index, byte) in bytes.iter().enumerate() {
        let last = index + 1 == bytes.len();
        let item = if last {
            format!("{byte:02x}")
        } else {
            format!("{byte:02x},")
        };
        if column + item.len() > 77 && !last {
            out.push_str("\\\n  ");
            column = 2;
        }
        out.push_str(&item);
        column += item.len();
    }
    out
}

/// UTF-16LE bytes of NUL-terminated strings, with the list's final NUL for a REG_MULTI_SZ.
fn utf16_strings(items: &[&str], multi: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    for item in items {
        for unit in item.encode_utf16().chain(std::iter::once(0)) {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
    }
    if multi {
        bytes.extend_from_slice(&[0, 0]);
    }
    bytes
}

#[test]
fn a_reg_export_value_wrapped_over_three_or_more_lines_is_read() {
    let languages = ["en", "es", "pt-BR", "ht", "zh-CN", "vi", "ru", "ar", "fr"];
    let folder =
        r"\\fileserver.hospital.example\harbor-deployment\institution-packs\emergency-department";
    let allowed = wrapped_hex(
        "AllowedLanguages",
        "hex(7)",
        &utf16_strings(&languages, true),
    );
    let pack = wrapped_hex(
        "InstitutionPack",
        "hex(2)",
        &utf16_strings(&[folder], false),
    );
    assert!(
        allowed.lines().count() >= 3 && pack.lines().count() >= 3,
        "the sample wraps as reg export does:\n{allowed}\n{pack}"
    );
    let export = utf16_file(&format!(
        "Windows Registry Editor Version 5.00\n\n\
         [HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Harbor]\n\
         {allowed}\n\
         \"AutoLockMaxMinutes\"=dword:00000005\n\
         {pack}\n\
         \"VaultEnabled\"=dword:00000001\n"
    ));
    let policy = Policy::from_sources(vec![parse_export(&export, Path::new("wrapped.reg"))]);
    assert!(policy.problems().is_empty(), "{:?}", policy.problems());
    assert_eq!(
        policy.allowed_languages(),
        Some(&languages.map(str::to_owned)[..])
    );
    assert_eq!(policy.institution_pack(), Some(Path::new(folder)));
    assert_eq!(
        policy.auto_lock_max_minutes(),
        Some(5),
        "the value after the wrapped one"
    );
    assert!(policy.vault_enabled());
}

#[test]
fn a_wrapped_reg_export_value_with_a_bad_byte_names_its_first_line() {
    let allowed = wrapped_hex(
        "AllowedLanguages",
        "hex(7)",
        &utf16_strings(&["en", "es", "fr", "ru", "vi", "ht", "km"], true),
    );
    assert!(allowed.lines().count() >= 3, "{allowed}");
    // The last byte, on the last continuation line, is damaged.
    let damaged = format!("{}zz", &allowed[..allowed.len() - 2]);
    let export = utf16_file(&format!(
        "Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Harbor]\n{damaged}\n"
    ));
    let policy = Policy::from_sources(vec![parse_export(&export, Path::new("damaged.reg"))]);
    let problem = &policy.problems()[0];
    assert_eq!(problem.line, Some(4), "{problem}");
    assert!(problem.message.contains("AllowedLanguages"), "{problem}");
}

fn environment(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(name, value)| (name.to_ascii_uppercase(), (*value).to_owned()))
        .collect();
    move |name| map.get(&name.to_ascii_uppercase()).cloned()
}

#[test]
fn windows_paths_expand_percent_variables() {
    let env = environment(&[
        ("APPDATA", r"C:\Users\amina\AppData\Roaming"),
        ("USERNAME", "amina"),
        ("EMPTY", ""),
    ]);
    let expand = |text: &str| expand_with(text, Syntax::Windows, &env);
    assert_eq!(
        expand(r"%APPDATA%\HarborNotes").as_deref(),
        Ok(r"C:\Users\amina\AppData\Roaming\HarborNotes")
    );
    assert_eq!(
        expand(r"C:\Users\%USERNAME%\HarborNotes").as_deref(),
        Ok(r"C:\Users\amina\HarborNotes")
    );
    assert_eq!(
        expand(r"\\files\notes$\%username%").as_deref(),
        Ok(r"\\files\notes$\amina"),
        "names are case-insensitive, and `$` (a hidden share) is not a variable on Windows"
    );
    assert_eq!(expand(r"D:\Harbor").as_deref(), Ok(r"D:\Harbor"));

    let unset = expand(r"%HOMESHARE%\Harbor").unwrap_err();
    assert!(unset.contains("%HOMESHARE% is not set"), "{unset}");
    let empty = expand(r"C:\%EMPTY%\Harbor").unwrap_err();
    assert!(empty.contains("%EMPTY% is empty"), "{empty}");
    let lone = expand(r"C:\Harbor\100%").unwrap_err();
    assert!(lone.contains("without a closing `%`"), "{lone}");
    assert!(expand(r"C:\%%\Harbor").is_err());
}

#[test]
fn linux_and_macos_paths_expand_home_and_dollar_variables() {
    let env = environment(&[("HOME", "/home/amina"), ("XDG_DATA_HOME", "/data/amina")]);
    let expand = |text: &str| expand_with(text, Syntax::Unix, &env);
    assert_eq!(
        expand("$HOME/HarborNotes").as_deref(),
        Ok("/home/amina/HarborNotes")
    );
    assert_eq!(
        expand("${XDG_DATA_HOME}/harbor").as_deref(),
        Ok("/data/amina/harbor")
    );
    assert_eq!(expand("~/Harbor").as_deref(), Ok("/home/amina/Harbor"));
    assert_eq!(expand("~").as_deref(), Ok("/home/amina"));
    assert_eq!(
        expand("/srv/%USERNAME%/notes").as_deref(),
        Ok("/srv/%USERNAME%/notes"),
        "`%` is an ordinary character on Linux and macOS"
    );

    let unset = expand("/srv/harbor/$LOGNAME").unwrap_err();
    assert!(unset.contains("$LOGNAME is not set"), "{unset}");
    let other_user = expand("~amina/Harbor").unwrap_err();
    assert!(other_user.contains("another user's home"), "{other_user}");
    assert!(expand("/srv/$/x").is_err());
    assert!(expand("/srv/${HOME/x").is_err());
    assert!(expand("/srv/$1/x").is_err());
}

/// A variable this process's environment has (`HOME` or `USERPROFILE`), in the running platform's syntax.
fn home() -> (String, PathBuf) {
    let (name, text) = if cfg!(windows) {
        ("USERPROFILE", r"%USERPROFILE%\HarborNotes")
    } else {
        ("HOME", "$HOME/HarborNotes")
    };
    let value = std::env::var(name).expect("the test environment has a home folder");
    (text.to_owned(), Path::new(&value).join("HarborNotes"))
}

#[test]
fn a_data_directory_policy_expands_to_each_users_own_folder() {
    let (text, expected) = home();
    let policy = Policy::from_sources(vec![Ok(vec![from_values(
        Hive::LocalMachine,
        [("DataDirectory".to_owned(), RegValue::ExpandSz(text))],
    )])]);
    assert!(policy.problems().is_empty(), "{:?}", policy.problems());
    let entry = policy.entry(Key::DataDirectory).unwrap();
    assert_eq!(entry.value, Value::Folder(expected.clone()));
    assert_eq!(policy.data_directory(), Some(expected.as_path()));
    assert!(
        policy.report().contains(&expected.display().to_string()),
        "--show-policy prints the expanded folder:\n{}",
        policy.report()
    );
}

#[test]
fn an_unexpandable_folder_is_refused_and_the_rest_of_the_policy_applies() {
    let unset = "HARBOR_TEST_VARIABLE_NEVER_SET";
    assert!(std::env::var_os(unset).is_none());
    let text = if cfg!(windows) {
        format!(r"C:\Users\%{unset}%\HarborNotes")
    } else {
        format!("/home/${unset}/HarborNotes")
    };
    let policy = Policy::from_sources(vec![Ok(vec![from_values(
        Hive::LocalMachine,
        [
            ("DataDirectory".to_owned(), RegValue::Sz(text.clone())),
            ("AutoLockMaxMinutes".to_owned(), RegValue::Dword(5)),
            ("PdfExportEnabled".to_owned(), RegValue::Dword(1)),
        ],
    )])]);
    assert!(
        !policy.is_malformed(),
        "one unexpandable folder does not switch every key to its strictest value: {:?}",
        policy.problems()
    );
    assert_eq!(policy.data_directory(), None, "not taken literally");
    assert_eq!(policy.auto_lock_max_minutes(), Some(5));
    assert!(policy.pdf_export_enabled());
    assert!(policy.vault_enabled());
    let [problem] = policy.problems() else {
        panic!("one problem: {:?}", policy.problems());
    };
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(problem.place, r"HKLM\SOFTWARE\Policies\Harbor");
    for part in [
        "DataDirectory",
        text.as_str(),
        unset,
        "is not set",
        "skipped",
    ] {
        assert!(problem.message.contains(part), "{part}: {problem}");
    }
    assert!(policy.report().contains(unset), "{}", policy.report());
}
