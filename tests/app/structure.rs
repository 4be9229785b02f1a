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

/// `unsafe` lives in one small platform module, and each block there says why it is sound.
#[test]
fn unsafe_code_is_confined_to_the_platform_module_with_a_safety_comment_per_block() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let platform_module = root.join("src/hardening/windows.rs");
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    for file in &files {
        let code = std::fs::read_to_string(file).expect("readable source");
        let lines: Vec<&str> = code.lines().collect();
        for (index, line) in lines.iter().enumerate() {
            let code_part = line.split("//").next().unwrap_or("");
            if !occurs(code_part, "unsafe ") && !occurs(code_part, "unsafe{") {
                continue;
            }
            assert_eq!(
                file,
                &platform_module,
                "`unsafe` outside the platform module: {}:{}",
                file.display(),
                index + 1
            );
            let commented = lines[..index]
                .iter()
                .rev()
                .take_while(|above| above.trim_start().starts_with("//"))
                .any(|above| above.contains("// SAFETY:"));
            assert!(
                commented,
                "no `// SAFETY:` comment above {}:{}",
                file.display(),
                index + 1
            );
        }
    }
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).expect("lib.rs");
    assert!(lib.contains("#![deny(unsafe_code)]"));
    let hardening = std::fs::read_to_string(root.join("src/hardening/mod.rs")).expect("hardening");
    assert!(
        hardening.contains("#[allow(unsafe_code)]\nmod windows;"),
        "only the platform module is allowed unsafe"
    );
    let allowances = files
        .iter()
        .filter(|file| {
            std::fs::read_to_string(file).is_ok_and(|code| code.contains("allow(unsafe_code)"))
        })
        .count();
    assert_eq!(allowances, 1, "one module allows unsafe");
}

/// The interface language has one owner: only `LanguageState::switch` sets rust-i18n's process-wide locale, so the
/// strings, the guide, the search index, the direction and the saved preference cannot drift apart.
#[test]
fn only_the_language_state_sets_the_interface_language() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let setters: Vec<String> = files
        .iter()
        .filter(|path| {
            let code = std::fs::read_to_string(path).expect("readable source file");
            occurs(&code, "set_locale(")
        })
        .map(|path| path.display().to_string())
        .collect();
    assert_eq!(setters, ["src/app/language.rs"]);
}

/// egui lays every line out left to right, so a translated string drawn in a widget must go through
/// `widgets::display` (or a paragraph helper), or an Arabic button reads its words in reverse order ("تصدير بصيغة
/// PDF…" was drawn as written). Checks the widgets that take text directly.
#[test]
fn translated_widget_text_goes_through_display() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let takers = [
        "button(",
        "Button::new(",
        "menu_button(",
        "small_button(",
        "selectable_label(",
        "on_hover_text(",
        "RichText::new(",
        "Label::new(",
        "label(",
    ];
    let mut bare = Vec::new();
    for path in &files {
        let code = std::fs::read_to_string(path).expect("readable source file");
        let squeezed: String = code.split_whitespace().collect();
        for taker in takers {
            for (at, _) in squeezed.match_indices(&format!("{taker}t!(")) {
                bare.push(format!(
                    "{}: …{}",
                    path.display(),
                    &squeezed[at..(at + 40).min(squeezed.len())]
                ));
            }
        }
    }
    assert!(
        bare.is_empty(),
        "translated text drawn without display(): {bare:#?}"
    );
}
