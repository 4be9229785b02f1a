//! Compiles the built-in content pack into the binary and makes cargo notice edits to locales and content.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=content");
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let content_dir = Path::new(&manifest_dir).join("content");
    let mut entries: Vec<(String, String, String)> = Vec::new();
    if let Ok(locales) = std::fs::read_dir(&content_dir) {
        for locale in locales.flatten() {
            let locale_path = locale.path();
            if !locale_path.is_dir() || locale.file_name() == "jurisdictions" {
                continue;
            }
            let locale_name = locale.file_name().to_string_lossy().into_owned();
            for (stem, path) in ron_files(&locale_path) {
                entries.push((locale_name.clone(), stem, path));
            }
        }
    }
    entries.sort();
    embed_windows_resources(&manifest_dir);
    let mut out = String::from(
        "/// Built-in content files: (locale, file stem, RON text).\npub static BUILTIN_FILES: &[(&str, &str, &str)] = &[\n",
    );
    for (locale, stem, path) in &entries {
        let _ = writeln!(out, "    ({locale:?}, {stem:?}, include_str!({path:?})),");
    }
    out.push_str("];\n");
    out.push_str(
        "/// Built-in jurisdiction packs: (jurisdiction code, locale, file stem, RON text).\npub static BUILTIN_JURISDICTION_FILES: &[(&str, &str, &str, &str)] = &[\n",
    );
    for (code, locale, stem, path) in jurisdiction_files(&content_dir.join("jurisdictions")) {
        let _ = writeln!(
            out,
            "    ({code:?}, {locale:?}, {stem:?}, include_str!({path:?})),"
        );
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    if let Err(err) = std::fs::write(Path::new(&out_dir).join("builtin_content.rs"), out) {
        println!("cargo:warning=could not write builtin_content.rs: {err}");
    }
}

/// Every `content/jurisdictions/<code>/<locale>/<stem>.ron`, sorted: the packs are found, not listed, so a state's
/// files can arrive without a code change.
fn jurisdiction_files(root: &Path) -> Vec<(String, String, String, String)> {
    println!("cargo:rerun-if-changed={}", root.display());
    let mut found = Vec::new();
    let Ok(codes) = std::fs::read_dir(root) else {
        return found;
    };
    for code in codes.flatten().filter(|e| e.path().is_dir()) {
        println!("cargo:rerun-if-changed={}", code.path().display());
        let Ok(locales) = std::fs::read_dir(code.path()) else {
            continue;
        };
        for locale in locales.flatten().filter(|e| e.path().is_dir()) {
            for (stem, path) in ron_files(&locale.path()) {
                found.push((
                    code.file_name().to_string_lossy().into_owned(),
                    locale.file_name().to_string_lossy().into_owned(),
                    stem,
                    path,
                ));
            }
        }
    }
    found.sort();
    found
}

/// The icon Explorer and the taskbar show for harbor.exe.
fn embed_windows_resources(manifest_dir: &str) {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let icon = Path::new(manifest_dir).join("assets/harbor.ico");
    println!("cargo:rerun-if-changed={}", icon.display());
    let mut resource = winresource::WindowsResource::new();
    resource.set_icon(&icon.display().to_string());
    resource.set("FileDescription", "Harbor");
    resource.set("ProductName", "Harbor");
    if let Err(err) = resource.compile() {
        println!("cargo:warning=could not embed the Windows icon: {err}");
    }
}

/// The `.ron` files of one locale folder, as (file stem, path), each watched for changes with the folder itself.
fn ron_files(dir: &Path) -> Vec<(String, String)> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(files) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for file in files.flatten() {
        let path = file.path();
        if path.extension().and_then(|e| e.to_str()) != Some("ron") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        found.push((stem, path.display().to_string()));
    }
    found
}
