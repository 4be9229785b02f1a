//! Fuzzes the content-pack loader the way `--content DIR` and `--check-content DIR` meet a broken file. The first
//! byte picks the file (one of the eight) and whether it is the English original or a Spanish translation; the rest
//! is the file's text. It is parsed as that file's type (the loader's per-file step, after which a broken file falls
//! back to the built-in one), and written into a pack on disk that the validator checks whole (a Spanish file
//! beside its built-in English original, so translations are checked against real ids). Problems are expected;
//! panics and hangs are bugs.
//!
//! Seeds: `content/en/*.ron` and `content/es/*.ron`, each prefixed with its selector byte
//! (`fuzz/seeds/make-content-seeds.sh`).
//!
//! Run: `cargo +nightly fuzz run content_pack fuzz/corpus/content_pack fuzz/seeds/content_pack -- -max_total_time=600`
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use harbor::content::ContentFile;
use harbor::content::load::{Source, builtin_text, parse};
use harbor::content::model::{
    IndicatorPack, Page, QuestionPack, ReportingRules, ResourcePack, SafetyPlanTemplate,
    Translation,
};
use harbor::content::texts::Texts;
use harbor::content::validate::validate_pack;
use libfuzzer_sys::fuzz_target;

/// One pack directory per fuzzing process, on tmpfs when there is one.
fn pack_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("harbor-fuzz-pack-{}", std::process::id()));
        for locale in ["en", "es"] {
            std::fs::create_dir_all(dir.join(locale))
                .unwrap_or_else(|e| panic!("cannot create the fuzz pack directory: {e}"));
        }
        dir
    })
}

fn file_path(dir: &Path, locale: &str, file: ContentFile) -> PathBuf {
    dir.join(locale).join(format!("{}.ron", file.stem()))
}

/// The loader's per-file step: parse as the file's type, then walk its texts as translation and search do.
fn parse_as(file: ContentFile, spanish: bool, source: &Source) {
    if spanish {
        let _ = parse::<Translation>(source);
        return;
    }
    match file {
        ContentFile::Overview | ContentFile::Health | ContentFile::Response => {
            let _ = parse::<Page>(source).map(|p| p.collect_texts());
        }
        ContentFile::Indicators => {
            let _ = parse::<IndicatorPack>(source).map(|p| p.collect_texts());
        }
        ContentFile::Questions => {
            let _ = parse::<QuestionPack>(source).map(|p| p.collect_texts());
        }
        ContentFile::Reporting => {
            if let Ok(rules) = parse::<ReportingRules>(source) {
                let _ = rules.outcomes(&Default::default());
                let _ = rules.collect_texts();
            }
        }
        ContentFile::Resources => {
            let _ = parse::<ResourcePack>(source).map(|p| p.collect_texts());
        }
        ContentFile::SafetyPlan => {
            let _ = parse::<SafetyPlanTemplate>(source).map(|p| p.collect_texts());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let file = ContentFile::ALL[usize::from(selector) % ContentFile::ALL.len()];
    let spanish = selector & 0x80 != 0;
    let locale = if spanish { "es" } else { "en" };

    if let Ok(text) = std::str::from_utf8(bytes) {
        parse_as(
            file,
            spanish,
            &Source {
                file: format!("{locale}/{}.ron", file.stem()),
                text: text.to_owned(),
            },
        );
    }

    // `harbor --check-content DIR` reads bytes, so invalid UTF-8 goes through it too.
    let dir = pack_dir();
    let path = file_path(dir, locale, file);
    let original = spanish.then(|| file_path(dir, "en", file));
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write the fuzz input: {e}"));
    if let Some(original) = &original {
        let english = builtin_text("en", file).unwrap_or_default();
        std::fs::write(original, english).unwrap_or_else(|e| panic!("cannot write the pack: {e}"));
    }
    let _ = validate_pack(dir);
    let _ = std::fs::remove_file(&path);
    if let Some(original) = &original {
        let _ = std::fs::remove_file(original);
    }
});
