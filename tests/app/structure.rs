//! The architecture's rules, checked on the source: views cause effects only through commands, and every
//! translation key the code asks for exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

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
        // `/` between folders on every platform (Windows would show `src\app\language.rs`).
        .map(|path| path.display().to_string().replace('\\', "/"))
        .collect();
    assert_eq!(setters, ["src/app/language.rs"]);
}

/// Every menu and list says whether it is open (a screen reader's "collapsed"/"expanded"): egui's menu buttons and
/// combo boxes are drawn only through `ui::popup`, which gives them that state.
#[test]
fn menus_and_lists_are_drawn_through_the_popup_helpers() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut direct = Vec::new();
    for path in files.iter().filter(|path| !path.ends_with("ui/popup.rs")) {
        let code = code_without_comments_and_tests(path);
        for word in [".menu_button(", "MenuButton::", ".show_ui(", ".show_index("] {
            if code.contains(word) {
                direct.push(format!("{}: {word}", path.display()));
            }
        }
    }
    assert!(
        direct.is_empty(),
        "menus or lists drawn around ui::popup: {direct:?}"
    );
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

/// A folder's modules: each `NAME.rs` and each `NAME/` sub-folder (all its files together). The folder's own
/// `mod.rs` (or `lib.rs`, `main.rs`) is its front door, declarations and re-exports, and is not a module here.
fn modules_of(dir: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let mut modules = BTreeMap::new();
    for entry in std::fs::read_dir(dir)
        .expect("readable source dir")
        .flatten()
    {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut files = Vec::new();
            rust_files(&path, &mut files);
            modules.insert(name, files);
        } else if let Some(stem) = name.strip_suffix(".rs")
            && !["mod", "lib", "main"].contains(&stem)
        {
            modules.insert(stem.to_owned(), vec![path]);
        }
    }
    modules
}

/// A file's code without comments and without its unit-test module (whose `super::` means the file itself).
fn code_without_comments_and_tests(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("readable source file");
    let text = match text.find("#[cfg(test)]\nmod ") {
        Some(at) => &text[..at],
        None => &text[..],
    };
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names right after each `prefix` in `code`: `prefix name…`, or the first name of each part of
/// `prefix{a, b::c, d::{e, f}}`.
fn names_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    let mut names = BTreeSet::new();
    for (at, _) in code.match_indices(prefix) {
        if code[..at].chars().next_back().is_some_and(is_name) {
            continue;
        }
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut part_start = true;
            let mut chars = group.char_indices().peekable();
            while let Some((index, c)) = chars.next() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => part_start = true,
                    c if depth == 1 && part_start && is_name(c) => {
                        let name: String =
                            group[index..].chars().take_while(|&c| is_name(c)).collect();
                        for _ in 1..name.chars().count() {
                            chars.next();
                        }
                        names.insert(name);
                        part_start = false;
                    }
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
            }
        } else {
            let name: String = rest.chars().take_while(|&c| is_name(c)).collect();
            names.insert(name);
        }
    }
    names
}

/// Which module of `dir` uses which other, from the paths written with `prefixes`; `aliases` maps a re-exported
/// name to the module that defines it.
fn dependencies(
    dir: &Path,
    prefixes: &[&str],
    aliases: &BTreeMap<String, String>,
) -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules_of(dir);
    let mut graph = BTreeMap::new();
    for (module, files) in &modules {
        let mut uses = BTreeSet::new();
        for file in files {
            let code = code_without_comments_and_tests(file);
            for prefix in prefixes {
                for name in names_after(&code, prefix) {
                    let target = aliases.get(&name).cloned().unwrap_or(name);
                    if &target != module && modules.contains_key(&target) {
                        uses.insert(target);
                    }
                }
            }
        }
        graph.insert(module.clone(), uses);
    }
    graph
}

/// A circle in `graph`, as the modules along it (first one repeated at the end), if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_cycle_finder_finds_a_circle_and_only_a_circle() {
    let graph = |edges: &[(&str, &str)]| {
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, to) in edges {
            graph
                .entry((*from).into())
                .or_default()
                .insert((*to).into());
            graph.entry((*to).into()).or_default();
        }
        graph
    };
    let diamond = graph(&[("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]);
    assert_eq!(find_cycle(&diamond), None);
    let circle = graph(&[("a", "b"), ("b", "c"), ("c", "d"), ("d", "b")]);
    assert_eq!(
        find_cycle(&circle),
        Some(vec!["b".into(), "c".into(), "d".into(), "b".into()])
    );
    let code =
        "use super::{load::{Problem, parse}, model, ContentFile};\nlet x = super::validate::run();";
    let names: Vec<String> = names_after(code, "super::").into_iter().collect();
    assert_eq!(names, ["ContentFile", "load", "model", "validate"]);
}

/// Loading, checking and validating call one way: the modules of `src/content/` form no circle. The shared
/// vocabulary (problems, sources, the built-in files) is in `content/source.rs`, at the bottom.
#[test]
fn the_content_modules_call_one_way() {
    let graph = dependencies(
        Path::new("src/content"),
        &["super::", "crate::content::"],
        &BTreeMap::new(),
    );
    assert!(
        graph["validate"].contains("checks") && graph["load"].contains("source"),
        "the reader sees the content modules' imports: {graph:?}"
    );
    assert_eq!(
        find_cycle(&graph),
        None,
        "a circle between content modules: {graph:#?}"
    );
    for below in ["source", "model"] {
        for module in ["load", "validate", "checks"] {
            assert!(
                !graph[below].contains(module),
                "{below} is at the bottom of content/ and may not use {module}"
            );
        }
    }
}

/// The top-level rooms of `src/` form no circle, and search and the translators' exchange build on the content,
/// never the other way round.
#[test]
fn the_top_level_modules_call_one_way() {
    let lib = std::fs::read_to_string("src/lib.rs").expect("lib.rs");
    let mut aliases = BTreeMap::new();
    for line in lib.lines() {
        let Some(path) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let path = path.trim_end_matches(';');
        if let (Some((module, _)), Some((_, name))) =
            (path.split_once("::"), path.rsplit_once("::"))
        {
            aliases.insert(name.to_owned(), module.to_owned());
        }
    }
    let graph = dependencies(Path::new("src"), &["crate::"], &aliases);
    assert!(
        graph["search"].contains("content") && graph["app"].contains("ui"),
        "the reader sees the modules' imports: {graph:?}"
    );
    assert_eq!(
        find_cycle(&graph),
        None,
        "a circle between top-level modules: {graph:#?}"
    );
    for above in [
        "search",
        "exchange",
        "ui",
        "app",
        "export",
        "cli",
        "self_test",
    ] {
        assert!(
            !graph["content"].contains(above),
            "content may not use {above}"
        );
    }
    for above in ["ui", "app", "content", "search", "exchange", "policy"] {
        assert!(!graph["vault"].contains(above), "vault may not use {above}");
    }
}

/// Which tabs show vault text is decided once, in `Tab::holds_vault_text`; a second hand-written list (`Tab::Notes |
/// Tab::SafetyPlan`) that a new vault tab could miss would be a silent privacy regression.
#[test]
fn the_tabs_that_hold_vault_text_are_listed_once() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut lists = Vec::new();
    for path in &files {
        let code = code_without_comments_and_tests(path);
        let squeezed: String = code.split_whitespace().collect();
        for list in ["Tab::Notes|Tab::SafetyPlan", "Tab::SafetyPlan|Tab::Notes"] {
            if squeezed.contains(list) {
                lists.push(path.display().to_string());
            }
        }
    }
    assert!(
        lists.is_empty(),
        "use Tab::holds_vault_text() instead of a list of tabs: {lists:?}"
    );
    let ui = std::fs::read_to_string("src/ui/mod.rs").expect("ui/mod.rs");
    assert!(ui.contains("pub fn holds_vault_text(self) -> bool"));
}

/// No source file over 700 lines: a file that long does several jobs, and splitting it into a folder of modules
/// keeps each job findable.
#[test]
fn no_source_file_is_over_700_lines() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let lines = std::fs::read_to_string(path)
                .expect("readable source")
                .lines()
                .count();
            (lines > 700).then(|| format!("{}: {lines} lines", path.display()))
        })
        .collect();
    assert!(files.len() > 50, "found the sources");
    assert!(long.is_empty(), "split these files into modules: {long:?}");
}

/// The one-page map names every part: each folder and top-level module of `src/` appears in
/// `docs/ARCHITECTURE.md` as `` `src/NAME/` `` or `` `src/NAME.rs` ``.
#[test]
fn the_architecture_page_names_every_part_of_src() {
    let page = std::fs::read_to_string("docs/ARCHITECTURE.md").expect("docs/ARCHITECTURE.md");
    let mut missing = Vec::new();
    let mut parts = 0;
    for entry in std::fs::read_dir("src").expect("src").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let written = if entry.path().is_dir() {
            format!("`src/{name}/`")
        } else if name.ends_with(".rs") {
            format!("`src/{name}`")
        } else {
            continue;
        };
        parts += 1;
        if !page.contains(&written) {
            missing.push(written);
        }
    }
    assert!(parts > 10, "found the parts of src/");
    assert!(
        missing.is_empty(),
        "docs/ARCHITECTURE.md does not name: {missing:?}"
    );
}

/// What the app tells the vault screens goes through `VaultUi` in their `VaultView`, never by calling one view's
/// own methods or setting its fields: outside `app/views.rs` (which holds the views), the app names no view.
#[test]
fn the_app_reaches_no_view_but_through_the_door() {
    let mut files = Vec::new();
    rust_files(Path::new("src/app"), &mut files);
    let mut reaches = Vec::new();
    for path in files.iter().filter(|path| !path.ends_with("views.rs")) {
        let code = code_without_comments_and_tests(path);
        for (number, line) in code.lines().enumerate() {
            if occurs(line, "views.")
                && !occurs(line, "views.all_mut()")
                && !occurs(line, "views.get_mut(")
                || occurs(line, "crate::ui::notes")
                || occurs(line, "crate::ui::safety_plan")
            {
                reaches.push(format!(
                    "{}:{}: {}",
                    path.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(files.len() > 5, "found the app's files");
    assert!(
        reaches.is_empty(),
        "the app reaches into a view: {reaches:#?}"
    );
}
