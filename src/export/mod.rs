//! What Harbor prints, for two different readers, and the one path that writes it to disk.
//!
//! - [`clinician`]: the worksheet as a record to keep in the patient's file — every page says so — never to hand
//!   out: it holds the risk assessment.
//! - [`patient`]: what the patient chose to take home, in the patient's language, with nothing that shows what was
//!   discussed: a neutral title, neutral section names, no assessment, no metadata beyond that title.
//! - [`card`]: the pocket card with the help line, several to a sheet, for one patient or printed in bulk.
//!
//! Every file is a tagged PDF (PDF/UA-1 as far as krilla supports it, see [`pdf`]) and is not encrypted: the UI
//! says so before anything is written. [`save_pdf`] is the one place a PDF reaches the disk.

use std::path::Path;

pub mod card;
pub mod clinician;
pub mod patient;
mod pdf;

pub use clinician::{Labels, PlanDocument, render_pdf};

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The PDF library could not assemble the document.
    #[error("the PDF could not be assembled")]
    Build,
    /// A bundled font could not be read (a broken build).
    #[error("a bundled font could not be read")]
    Font,
    /// The card's text does not fit the pocket size, even at the smallest print allowed.
    #[error("the text does not fit on the card")]
    TooLong,
    /// The file could not be written (disk full, permission denied…); the OS message follows.
    #[error("{0}")]
    Write(#[from] std::io::Error),
}

/// Where to offer saving a PDF when no save dialog could open (Linux without an xdg-desktop-portal): the user's
/// Documents folder, else their home folder, under a name no file has yet ("plan.pdf", "plan-2.pdf", …).
pub fn suggested_path_for(stem: &str) -> std::path::PathBuf {
    let dirs = directories::UserDirs::new();
    let folder = dirs
        .as_ref()
        .and_then(|d| d.document_dir().map(Path::to_path_buf))
        .or_else(|| dirs.as_ref().map(|d| d.home_dir().to_path_buf()))
        .unwrap_or_default();
    free_name_in(&folder, stem, "pdf")
}

/// [`suggested_path_for`] the safety plan.
pub fn suggested_path() -> std::path::PathBuf {
    suggested_path_for("plan")
}

/// Renders a PDF and writes it where the user chose — `to` when typed, else through the system save dialog —
/// with [`save_pdf`]. Returns the message to show and, when no file was chosen, a free name to offer instead.
pub(crate) fn export_to(
    to: Option<std::path::PathBuf>,
    dialog_title: &str,
    stem: &str,
    render: impl FnOnce() -> Result<Vec<u8>, ExportError>,
) -> (String, Option<std::path::PathBuf>) {
    let chosen = to.or_else(|| {
        rfd::FileDialog::new()
            .set_title(dialog_title)
            .set_file_name(format!("{stem}.pdf"))
            .add_filter("PDF", &["pdf"])
            .save_file()
    });
    let Some(path) = chosen else {
        // Cancelled, or no dialog could open (on Linux without an xdg-desktop-portal): offer a place to type.
        return (
            rust_i18n::t!("house.export_no_file").into_owned(),
            Some(suggested_path_for(stem)),
        );
    };
    let message = match render().and_then(|bytes| save_pdf(&path, &bytes)) {
        Ok(()) => rust_i18n::t!(
            "plan.export_done",
            path = path.display().to_string().as_str()
        )
        .into_owned(),
        Err(error) => {
            rust_i18n::t!("plan.export_failed", reason = error.to_string().as_str()).into_owned()
        }
    };
    (message, None)
}

/// `folder/stem.extension`, or `folder/stem-N.extension` with the first N from 2 that names no existing file.
pub fn free_name_in(folder: &Path, stem: &str, extension: &str) -> std::path::PathBuf {
    let first = folder.join(format!("{stem}.{extension}"));
    if !first.exists() {
        return first;
    }
    (2..10_000)
        .map(|n| folder.join(format!("{stem}-{n}.{extension}")))
        .find(|path| !path.exists())
        .unwrap_or(first)
}

/// Writes the PDF where the user chose, replacing any file there only once the new one is complete. Every PDF
/// Harbor writes (the app's three exports and `--export-card`) goes through here.
pub fn save_pdf(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    // The plan is plaintext about a patient: readable by the user alone, whatever the umask says.
    Ok(crate::safe_write::write(
        path,
        bytes,
        crate::safe_write::Access::Private,
    )?)
}
