//! Fuzzes the content-pack loader the way `--content DIR` and `--check-content DIR` meet a broken file: the input
//! replaces one file of a complete pack on disk (the built-in English and Spanish files), which the app's loader and
//! the validator then read. Either may report problems; neither may panic or hang.
//!
//! The first byte picks the file (one of the eight) and whether it is the English original or a Spanish
//! translation; the rest is the file's text. Seeds: `content/en/*.ron` and `content/es/*.ron`, each prefixed with
//! its selector byte (`fuzz/seeds/make-content-seeds.sh`).
//!
//! Run: `cargo +nightly fuzz run content_pack fuzz/corpus/content_pack fuzz/seeds/content_pack -- -max_total_time=600`
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use harbor::content::ContentFile;
use harbor::content::load::{builtin_text, load};
use harbor::content::validate::validate_pack;
use libfuzzer_sys::fuzz_target;

/// One complete pack directory per fuzzing process, on tmpfs when there is one: each input replaces one file in it
/// and the built-in text is put back afterwards.
fn pack_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("harbor-fuzz-pack-{}", std::process::id()));
        for locale in ["en", "es"] {
            std::fs::create_dir_all(dir.join(locale))
                .unwrap_or_else(|e| panic!("cannot create the fuzz pack directory: {e}"));
            for file in ContentFile::ALL {
                restore(&dir, locale, file);
            }
        }
        dir
    })
}

fn file_path(dir: &std::path::Path, locale: &str, file: ContentFile) -> PathBuf {
    dir.join(locale).join(format!("{}.ron", file.stem()))
}

fn restore(dir: &std::path::Path, locale: &str, file: ContentFile) {
    let text = builtin_text(locale, file).unwrap_or_default();
    std::fs::write(file_path(dir, locale, file), text)
        .unwrap_or_else(|e| panic!("cannot write the fuzz pack: {e}"));
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, text)) = data.split_first() else {
        return;
    };
    let file = ContentFile::ALL[usize::from(selector) % ContentFile::ALL.len()];
    let locale = if selector & 0x80 == 0 { "en" } else { "es" };
    let dir = pack_dir();
    std::fs::write(file_path(dir, locale, file), text)
        .unwrap_or_else(|e| panic!("cannot write the fuzz input: {e}"));

    // The app: the broken file falls back to the built-in one, with problems to show.
    let (_content, _problems) = load(locale, Some(dir));
    // `harbor --check-content DIR`.
    let _ = validate_pack(dir);
    restore(dir, locale, file);
});
