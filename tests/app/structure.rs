//! The architecture's rules, checked on the source: views cause effects only through commands, and every
//! translation key the code asks for exists.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir)
        .expect("readable source dir")
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `word` occurs in `code` not preceded by a letter, digit or `_` (so `fs::` does not match `texts::`).
fn occurs(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(at, _)| {
        !code[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn no_view_touches_files_dialogs_or_the_pdf_export() {
    let mut files = Vec::new();
    rust_files(Path::new("src/ui"), &mut files);
    assert!(files.len() > 5, "found the views");
    let forbidden = [
        "std::fs",
        "fs::",
        "rfd",
        "crate::export",
        "export::",
        "File::",
    ];
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable source file");
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for word in forbidden {
                if occurs(code, word) {
                    found.push(format!(
                        "{}:{}: {}",
                        file.display(),
                        number + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "views must hand file, dialog and export work to the app as commands:\n{}",
        found.join("\n")
    );
}

/// `t!("…")` keys in the source, each checked against the English locale (the reference every locale must match).
#[test]
fn every_translation_key_in_the_source_exists() {
    let english: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string("locales/en.yml").expect("en.yml"))
            .expect("en.yml parses");
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut missing = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable source file");
        for (at, _) in text.match_indices("t!(\"") {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let Some(key) = text[at + 4..].split('"').next() else {
                continue;
            };
            let mut node = &english;
            let found = key.split('.').all(|part| match node.get(part) {
                Some(next) => {
                    node = next;
                    true
                }
                None => false,
            });
            if !found || !node.is_string() {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys not in locales/en.yml: {missing:?}"
    );
}
