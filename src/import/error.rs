//! Why an import from another app was refused.
//!
//! Every message names the file and the exact place (line for text and CSV, JSON path for JSON)
//! so the person can open the file and see what is wrong. Nothing is imported when any error is
//! found: importers parse the whole input first and return entries only if all of it is good.

use std::io;
use std::path::Path;

/// Why an export file from another journal app could not be imported.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file or folder could not be read from disk.
    #[error("Could not read {file}: {reason}.")]
    Unreadable {
        /// The file, as the user named it.
        file: String,
        /// Why, in plain words (never the raw OS message).
        reason: &'static str,
    },

    /// The input is larger than the importer accepts (this also stops zip bombs).
    #[error(
        "{file} is too large to import: {what} exceeds {limit}. Export a smaller date range and import it in parts."
    )]
    TooLarge {
        /// The file, as the user named it.
        file: String,
        /// What was too large ("the export", "the unpacked journals", "the number of files").
        what: &'static str,
        /// The limit, in words ("256 MiB").
        limit: &'static str,
    },

    /// A JSON export has the wrong shape or value at a named place.
    #[error("{file} cannot be imported: at {path}, {reason}. Nothing was imported.")]
    BadJson {
        /// The file (inside a zip: `export.zip/Journal.json`).
        file: String,
        /// Where: a JSON path such as `entries[12].creationDate`, or a line and column when the
        /// text is not JSON at all.
        path: String,
        /// What is wrong there.
        reason: String,
    },

    /// A text or CSV export has something wrong on a numbered line.
    #[error("{file} cannot be imported: line {line}: {reason}. Nothing was imported.")]
    BadLine {
        /// The file, as the user named it.
        file: String,
        /// The 1-based line number.
        line: u64,
        /// What is wrong on that line.
        reason: String,
    },

    /// A zip archive is damaged, encrypted, or not a zip.
    #[error(
        "{file} cannot be opened as a zip archive: {reason}. Export it again from the app, or unzip it and import the folder."
    )]
    BadZip {
        /// The file, as the user named it.
        file: String,
        /// What is wrong with it.
        reason: &'static str,
    },

    /// The input holds no entries at all, which usually means the wrong file was picked.
    #[error("{file} holds no journal entries. Check that you picked the export file ({expected}).")]
    NothingToImport {
        /// The file, as the user named it.
        file: String,
        /// What was expected, e.g. "a Day One JSON export".
        expected: &'static str,
    },

    /// The format could not be worked out from the file's name and start.
    #[error(
        "Wellkept cannot tell which app {file} was exported from. Choose the format (Day One, jrnl or Daylio) explicitly."
    )]
    UnknownFormat {
        /// The file, as the user named it.
        file: String,
    },
}

impl ImportError {
    /// A stable, machine-readable name for the refusal, for the UI and scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Unreadable { .. } => "import_unreadable",
            Self::TooLarge { .. } => "import_too_large",
            Self::BadJson { .. } => "import_bad_json",
            Self::BadLine { .. } => "import_bad_line",
            Self::BadZip { .. } => "import_bad_zip",
            Self::NothingToImport { .. } => "import_empty",
            Self::UnknownFormat { .. } => "import_unknown_format",
        }
    }

    /// An IO failure in words a person can act on; the raw OS text is not shown.
    pub(crate) fn unreadable(path: &Path, error: &io::Error) -> Self {
        let reason =
            crate::error::reading_reason(error.kind()).unwrap_or("the system reported an error while reading it");
        Self::Unreadable { file: path.display().to_string(), reason }
    }
}
