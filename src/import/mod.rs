//! Import from other journal apps: Day One (JSON export, zipped or unzipped), jrnl (JSON export
//! and its plain-text journal) and Daylio (CSV export).
//!
//! Each importer turns a whole export into [`ImportedEntry`] values and an [`ImportReport`] for
//! a dry run, without touching the vault. Importers are all-or-nothing: they parse everything
//! first and return either every entry or one [`ImportError`] naming the file and the line or
//! JSON field at fault. Every entry carries a stable `source_id`, so the vault can skip entries
//! it already holds when the same export is imported twice. Sizes are capped before parsing
//! (see [`limits`]), so a hostile file (a zip bomb, a gigabyte of JSON) is refused, not read.
//! [`store`] writes a batch into the vault's journal.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, TimeZone as _, Utc};
use sha2::{Digest as _, Sha256};

pub mod daylio;
pub mod dayone;
mod error;
pub mod jrnl;
mod json_path;
mod media;
mod report;
pub mod store;

pub use error::ImportError;
pub use report::ImportReport;

/// Size limits applied before any parsing.
pub mod limits {
    /// Largest single export file (JSON, text or CSV) read, in bytes.
    pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
    /// The same limit in words, for error messages.
    pub const MAX_FILE_WORDS: &str = "256 MiB";
    /// Most files a zip archive may list (Day One exports hold one file per photo).
    pub const MAX_ZIP_ENTRIES: usize = 200_000;
    /// Most bytes unpacked from all journal files of one zip together. Counted while
    /// decompressing, not taken from the archive's own (forgeable) size fields.
    pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
    /// The same limit in words, for error messages.
    pub const MAX_UNPACKED_WORDS: &str = "256 MiB";
    /// Largest single entry's JSON, in bytes, counted while it is read: a year of daily
    /// writing is under 2 MiB; one entry of gigabytes is a bomb, refused before it is held.
    pub const MAX_ENTRY_BYTES: u64 = 16 * 1024 * 1024;
    /// The same limit in words, for error messages.
    pub const MAX_ENTRY_WORDS: &str = "16 MiB";
    /// Most entries one export may hold: a lifetime of several entries a day.
    pub const MAX_ENTRIES: usize = 250_000;
    /// The same limit in words, for error messages.
    pub const MAX_ENTRIES_WORDS: &str = "250,000 entries";
}

/// Which app an entry came from; with `source_id`, the key for recognising it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportSource {
    /// Day One.
    DayOne,
    /// jrnl.
    Jrnl,
    /// Daylio.
    Daylio,
}

impl ImportSource {
    /// A stable machine name for storage (`dayone`, `jrnl`, `daylio`): the journal's `source`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DayOne => "dayone",
            Self::Jrnl => "jrnl",
            Self::Daylio => "daylio",
        }
    }

    /// The app's name as the user knows it: the journal's `origin`.
    pub fn app_name(self) -> &'static str {
        match self {
            Self::DayOne => "Day One",
            Self::Jrnl => "jrnl",
            Self::Daylio => "Daylio",
        }
    }
}

/// A mood recorded with an entry: the app's word for it and, where known, a 1 (worst) to 5
/// (best) score. Daylio's custom mood names keep their label but have no score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedMood {
    /// The app's word for the mood ("rad", "meh", or a custom name).
    pub label: String,
    /// 1 (worst) to 5 (best), when the app's scale says so.
    pub score: Option<u8>,
}

/// One journal entry read from another app's export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedEntry {
    /// Which app it came from.
    pub source: ImportSource,
    /// The app's id for the entry (Day One's `uuid`), or, where the app has none, a hash of
    /// the entry's date and content, so a second import of the same export is recognised.
    pub source_id: String,
    /// When the entry was written, in UTC.
    pub created_at: DateTime<Utc>,
    /// The calendar day the entry is about, where it was written (jrnl and Daylio record it
    /// directly; for Day One it is `created_at` in the chosen local time zone).
    pub entry_date: NaiveDate,
    /// The entry's title, if it has one.
    pub title: Option<String>,
    /// The entry's text (may be empty for a mood-only Daylio entry).
    pub text: String,
    /// Tags (Daylio's activities), without jrnl's `@`/`#` marks, each once.
    pub tags: Vec<String>,
    /// Whether the app marked it as a favourite.
    pub starred: bool,
    /// The mood recorded with it, if any.
    pub mood: Option<ImportedMood>,
    /// The photos, audio recordings, videos and PDFs it held (Day One), to be attached.
    pub media: Vec<ImportedMedia>,
}

/// One photo, audio recording, video or PDF an imported entry held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedMedia {
    /// What it is, in words: "photo", "audio recording", "video", "PDF".
    pub kind: &'static str,
    /// Its path inside the export (`photos/<md5>.jpeg`).
    pub path: String,
    /// The name it is attached under ("photo 1.jpeg").
    pub name: String,
    /// Why it cannot be attached (not in the export, too large), in words; `None` when it can.
    pub missing: Option<String>,
}

/// Where the media files an import names are read from when the entries are stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum MediaSource {
    /// No media files (a bare journal file, or another app's export).
    #[default]
    None,
    /// A Day One export `.zip`.
    Zip(std::path::PathBuf),
    /// An unzipped Day One export folder.
    Folder(std::path::PathBuf),
}

/// Everything read from one export: the entries and the dry-run report.
#[derive(Clone, Debug)]
pub struct ImportBatch {
    /// The entries, oldest first, each `source_id` once.
    pub entries: Vec<ImportedEntry>,
    /// What a dry run shows.
    pub report: ImportReport,
    /// Where the entries' media files are read from (Day One).
    pub media_source: MediaSource,
}

/// The export formats Wellkept reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// A Day One JSON export as the `.zip` Day One writes.
    DayOneZip,
    /// A Day One JSON export unzipped: a folder with `Journal.json` or one JSON per journal.
    DayOneFolder,
    /// A single Day One journal JSON file.
    DayOneJson,
    /// `jrnl --export json`.
    JrnlJson,
    /// A jrnl plain-text journal file.
    JrnlText,
    /// Daylio's CSV export.
    DaylioCsv,
}

/// How to read dates that carry no time zone (jrnl, Daylio).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalTime {
    /// The computer's time zone, including its daylight-saving rules on each date.
    System,
    /// A fixed offset from UTC for every date.
    Fixed(FixedOffset),
}

impl LocalTime {
    /// The UTC instant of a wall-clock time. In a daylight-saving gap (a time that did not
    /// exist) the time an hour later is used; in an overlap, the earlier of the two.
    pub(crate) fn to_utc(self, naive: NaiveDateTime) -> DateTime<Utc> {
        match self {
            Self::Fixed(offset) => {
                offset.from_local_datetime(&naive).earliest().map_or_else(|| naive.and_utc(), |t| t.with_timezone(&Utc))
            }
            Self::System => Local
                .from_local_datetime(&naive)
                .earliest()
                .or_else(|| Local.from_local_datetime(&(naive + chrono::Duration::hours(1))).earliest())
                .map_or_else(|| naive.and_utc(), |t| t.with_timezone(&Utc)),
        }
    }
}

impl LocalTime {
    /// The calendar day of a UTC instant in this zone.
    pub(crate) fn local_date(self, at: DateTime<Utc>) -> NaiveDate {
        match self {
            Self::Fixed(offset) => at.with_timezone(&offset).date_naive(),
            Self::System => at.with_timezone(&Local).date_naive(),
        }
    }
}

impl ImportFormat {
    /// Guesses the format from the path and the first bytes of the file; `None` when unsure.
    pub fn detect(path: &Path) -> Option<Self> {
        if path.is_dir() {
            return Some(Self::DayOneFolder);
        }
        let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("zip") => Some(Self::DayOneZip),
            Some("csv") => Some(Self::DaylioCsv),
            Some("json") => {
                let start = read_start(path, 64 * 1024)?;
                if start.contains("\"creationDate\"") || start.contains("\"uuid\"") {
                    Some(Self::DayOneJson)
                } else if start.contains("\"body\"") || start.contains("\"entries\"") {
                    Some(Self::JrnlJson)
                } else {
                    None
                }
            }
            Some("txt") | None => Some(Self::JrnlText),
            Some(_) => None,
        }
    }
}

/// Reads a whole export of the given format. Nothing is written anywhere.
pub fn read_export(path: &Path, format: ImportFormat, local_time: LocalTime) -> Result<ImportBatch, ImportError> {
    let name = display_name(path);
    match format {
        ImportFormat::DayOneZip => dayone::read_zip(path, local_time),
        ImportFormat::DayOneFolder => dayone::read_folder(path, local_time),
        ImportFormat::DayOneJson => {
            check_size(path)?;
            dayone::read_json(path, local_time)
        }
        ImportFormat::JrnlJson => jrnl::parse_json(&name, &read_capped(path)?, local_time),
        ImportFormat::JrnlText => jrnl::parse_text(&name, &read_capped(path)?, local_time),
        ImportFormat::DaylioCsv => daylio::parse_csv(&name, &read_capped(path)?, local_time),
    }
}

/// Sorts oldest first, drops repeated `source_id`s (counting them), and builds the report.
pub(crate) fn finish(mut entries: Vec<ImportedEntry>, mut warnings: Vec<String>) -> ImportBatch {
    entries.sort_by(|a, b| a.created_at.cmp(&b.created_at).then_with(|| a.source_id.cmp(&b.source_id)));
    let mut seen = HashSet::new();
    let before = entries.len();
    entries.retain(|entry| seen.insert(entry.source_id.clone()));
    let duplicates = before - entries.len();
    if duplicates > 0 {
        warnings.push(if duplicates == 1 {
            "1 entry appears more than once in the export and will be imported once".to_owned()
        } else {
            format!("{duplicates} entries appear more than once in the export and will be imported once")
        });
    }
    let report = ImportReport::new(&entries, duplicates, warnings);
    ImportBatch { entries, report, media_source: MediaSource::None }
}

/// The file's name as the user would recognise it.
pub(crate) fn display_name(path: &Path) -> String {
    path.display().to_string()
}

/// Refuses a file over [`limits::MAX_FILE_BYTES`] before anything in it is read.
pub(crate) fn check_size(path: &Path) -> Result<(), ImportError> {
    let size = fs::metadata(path).map_err(|e| ImportError::unreadable(path, &e))?.len();
    if size > limits::MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            file: display_name(path),
            what: "the file",
            limit: limits::MAX_FILE_WORDS,
        });
    }
    Ok(())
}

/// Reads a file whole, refusing files over [`limits::MAX_FILE_BYTES`] before reading them.
pub(crate) fn read_capped(path: &Path) -> Result<Vec<u8>, ImportError> {
    check_size(path)?;
    fs::read(path).map_err(|e| ImportError::unreadable(path, &e))
}

fn read_start(path: &Path, bytes: usize) -> Option<String> {
    use std::io::Read as _;
    let mut buffer = Vec::with_capacity(bytes);
    fs::File::open(path).ok()?.take(bytes as u64).read_to_end(&mut buffer).ok()?;
    Some(String::from_utf8_lossy(&buffer).into_owned())
}

/// A stable id for entries from apps that give none: a hash of the parts that identify the
/// entry, so the same entry in the same export always gets the same id.
pub(crate) fn content_id(parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part.as_bytes());
    }
    hash.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Tags trimmed, without empty ones, each once (ignoring case), in first-seen order.
pub(crate) fn clean_tags(tags: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    tags.into_iter()
        .map(|tag| tag.trim().to_owned())
        .filter(|tag| !tag.is_empty() && seen.insert(tag.to_lowercase()))
        .collect()
}
