//! Day One's JSON export: a `.zip` (or the folder it unzips to) holding one JSON file per
//! journal (`Journal.json` for the default journal) and folders of photos.
//!
//! Each journal file is `{"metadata": {...}, "entries": [...]}`; an entry has `uuid`,
//! `creationDate` (RFC 3339, UTC), `text` (Markdown with Day One's backslash escapes),
//! `tags`, `starred`, `timeZone` (an IANA name such as `America/New_York`), lists of `photos`,
//! `audios`, `videos` and `pdfAttachments`, and fields Wellkept does not keep (location,
//! weather). Photos, audio, videos and PDFs are files in the export named by their `md5` and
//! type (`photos/<md5>.jpeg`, `audios/<md5>.m4a`, `videos/<md5>.mov`, `pdfs/<md5>.pdf`); each is
//! attached to its entry when the entries are stored (`store.rs`), named "photo 1.jpeg", and the
//! text's embed (`![](dayone-moment://<identifier>)`) becomes `[Attached: photo 1.jpeg]`. One the
//! export lacks (or that is over the attachment size limit) is not attached: the text says
//! exactly what was missing where it was, and the report says so.
//!
//! The calendar day of an entry is its creation time in the entry's own `timeZone`, where
//! Day One recorded one: an entry written at 21:30 on 25 October in New York is about
//! 25 October, wherever the import runs. Entries with no text at all (a photo-only entry is
//! common) are kept, titled by what they held ("Photo entry"); the report says how many.

use std::fs;
use std::io::{Read, Seek};
use std::path::Path;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::json_path::{JsonObject, stream};
use super::limits::{MAX_ENTRIES, MAX_ENTRIES_WORDS, MAX_UNPACKED_BYTES, MAX_UNPACKED_WORDS, MAX_ZIP_ENTRIES};
use super::{
    ImportBatch, ImportError, ImportSource, ImportedEntry, ImportedMedia, LocalTime, MediaSource, clean_tags,
    display_name, finish,
};
use crate::attachments::{MAX_ATTACHMENT_BYTES, format_size};

/// The files an export holds besides its journals (path inside the export → size in bytes): what
/// an entry's media can be attached from. `None`: only journal JSON was given.
type Available = std::collections::HashMap<String, u64>;

/// What replaces an embedded photo or other attachment in the imported text.
pub const ATTACHMENT_PLACEHOLDER: &str = "[attachment not imported]";
const EXPECTED: &str = "a Day One JSON export, with Journal.json inside";

/// Reads a Day One export `.zip` from disk.
pub fn read_zip(path: &Path, local_time: LocalTime) -> Result<ImportBatch, ImportError> {
    let file = fs::File::open(path).map_err(|e| ImportError::unreadable(path, &e))?;
    let mut batch = read_archive(&display_name(path), file, local_time)?;
    batch.media_source = MediaSource::Zip(path.to_owned());
    Ok(batch)
}

/// Reads a Day One export `.zip` already in memory (the fuzz harness uses this).
pub fn read_zip_bytes(file: &str, bytes: &[u8], local_time: LocalTime) -> Result<ImportBatch, ImportError> {
    read_archive(file, std::io::Cursor::new(bytes), local_time)
}

/// Reads an unzipped Day One export folder: every `.json` file directly inside it.
pub fn read_folder(path: &Path, local_time: LocalTime) -> Result<ImportBatch, ImportError> {
    let listing = fs::read_dir(path).map_err(|e| ImportError::unreadable(path, &e))?;
    let mut json_paths = Vec::new();
    for item in listing {
        let item = item.map_err(|e| ImportError::unreadable(path, &e))?;
        let item_path = item.path();
        if item_path.is_file() && has_json_extension(&item.file_name().to_string_lossy()) {
            json_paths.push(item_path);
        }
    }
    json_paths.sort();
    if json_paths.is_empty() {
        return Err(ImportError::NothingToImport { file: display_name(path), expected: EXPECTED });
    }
    let mut collector = Collector::new(local_time, Some(folder_media(path)));
    for json_path in &json_paths {
        let file = fs::File::open(json_path).map_err(|e| ImportError::unreadable(json_path, &e))?;
        collector.read(&display_name(json_path), file)?;
    }
    let mut batch = collector.finish(&display_name(&json_paths[0]))?;
    batch.media_source = MediaSource::Folder(path.to_owned());
    Ok(batch)
}

/// The media files in an export folder's `photos/`, `audios/`, `videos/` and `pdfs/` (one level).
fn folder_media(root: &Path) -> Available {
    let mut found = Available::new();
    for folder in MEDIA.iter().map(|m| m.folder) {
        let Ok(listing) = fs::read_dir(root.join(folder)) else { continue };
        for item in listing.flatten().take(super::limits::MAX_ZIP_ENTRIES) {
            // Never follow a link out of the export.
            let Ok(meta) = fs::symlink_metadata(item.path()) else { continue };
            if meta.is_file() {
                found.insert(format!("{folder}/{}", item.file_name().to_string_lossy()), meta.len());
            }
        }
    }
    found
}

/// Reads one Day One journal JSON file, streamed from disk.
pub fn read_json(path: &Path, local_time: LocalTime) -> Result<ImportBatch, ImportError> {
    let file = fs::File::open(path).map_err(|e| ImportError::unreadable(path, &e))?;
    let mut collector = Collector::new(local_time, None);
    collector.read(&display_name(path), file)?;
    collector.finish(&display_name(path))
}

/// Parses journal JSON files, given as (name, contents), into one batch.
/// `local_time` decides which calendar day an entry is about.
pub fn parse_journals(files: &[(String, Vec<u8>)], local_time: LocalTime) -> Result<ImportBatch, ImportError> {
    let mut collector = Collector::new(local_time, None);
    for (name, bytes) in files {
        collector.read(name, bytes.as_slice())?;
    }
    collector.finish(files.first().map_or("", |(name, _)| name.as_str()))
}

/// Entries gathered from the journal files of one export, each file streamed
/// ([`stream::for_each_entry`]): memory holds the entries read so far and one entry's JSON,
/// never a whole document. All files together share one budget of unpacked bytes.
struct Collector {
    local_time: LocalTime,
    available: Option<Available>,
    entries: Vec<ImportedEntry>,
    seen: Seen,
    budget: u64,
}

impl Collector {
    fn new(local_time: LocalTime, available: Option<Available>) -> Self {
        Self { local_time, available, entries: Vec::new(), seen: Seen::default(), budget: MAX_UNPACKED_BYTES }
    }

    /// Reads one journal file's entries.
    fn read(&mut self, file: &str, reader: impl Read) -> Result<(), ImportError> {
        let Self { local_time, available, entries, seen, budget } = self;
        let used = stream::for_each_entry(file, reader, *budget, MAX_UNPACKED_WORDS, |index, value| {
            if entries.len() >= MAX_ENTRIES {
                return Err(ImportError::TooLarge {
                    file: file.to_owned(),
                    what: "the number of entries",
                    limit: MAX_ENTRIES_WORDS,
                });
            }
            entries.push(parse_entry(file, index, value, *local_time, available.as_ref(), seen)?);
            Ok(())
        })?;
        *budget -= used.min(*budget);
        Ok(())
    }

    fn finish(self, first_file: &str) -> Result<ImportBatch, ImportError> {
        let Self { entries, seen, .. } = self;
        let Seen { unknown_embeds, untitled, unknown_zones, attached, missing, missing_paths } = seen;
        if entries.is_empty() {
            return Err(ImportError::NothingToImport { file: first_file.to_owned(), expected: EXPECTED });
        }
        let mut warnings = Vec::new();
        if attached > 0 {
            warnings.push(if attached == 1 {
                "1 photo, recording, video or PDF will be attached to its entry".to_owned()
            } else {
                format!("{attached} photos, recordings, videos or PDFs will be attached to their entries")
            });
        }
        if missing > 0 {
            let (what, verb) = if missing == 1 { ("file", "is") } else { ("files", "are") };
            let more = if missing > missing_paths.len() { ", …" } else { "" };
            warnings.push(format!(
                "{missing} {what} the entries name {verb} not in the export or cannot be attached ({}{more}); \
                 each entry says what was missing where it was",
                missing_paths.join(", ")
            ));
        }
        if unknown_embeds > 0 {
            let what = if unknown_embeds == 1 { "embed names" } else { "embeds name" };
            warnings.push(format!(
                "{unknown_embeds} {what} nothing the entry lists; the text keeps the placeholder \
                 \"{ATTACHMENT_PLACEHOLDER}\" where each one was"
            ));
        }
        if untitled > 0 {
            warnings.push(format!(
                "{untitled} {} no text; each is titled by what it held (\"Photo entry\", or \"Entry with no text\")",
                if untitled == 1 { "entry has" } else { "entries have" }
            ));
        }
        if !unknown_zones.is_empty() {
            warnings.push(format!(
                "Some entries name a time zone this computer does not know ({}); their dates are taken in this \
                 computer's time zone",
                unknown_zones.join(", ")
            ));
        }
        Ok(finish(entries, warnings))
    }
}

/// What parsing noticed across all entries, for the report.
#[derive(Default)]
struct Seen {
    /// Embeds in the text that name no media the entry lists.
    unknown_embeds: usize,
    /// Media files that will be attached.
    attached: usize,
    /// Media files that cannot be attached.
    missing: usize,
    /// The first few of those, by path, for the report.
    missing_paths: Vec<String>,
    /// Entries with no title or text, titled by what they held.
    untitled: usize,
    /// Time zone names that are not IANA names, each once.
    unknown_zones: Vec<String>,
}

/// One entry of a journal file, checked field by field.
fn parse_entry(
    file: &str,
    index: usize,
    value: &serde_json::Value,
    local_time: LocalTime,
    available: Option<&Available>,
    seen: &mut Seen,
) -> Result<ImportedEntry, ImportError> {
    {
        let entry = JsonObject::new(file, format!("entries[{index}]"), value)?;
        let uuid = entry.required_str("uuid")?.trim();
        if uuid.is_empty() || uuid.len() > 100 {
            return Err(entry.error("uuid", "expected Day One's entry id, found an empty or overlong value"));
        }
        let created = entry.required_str("creationDate")?;
        let created_at = DateTime::parse_from_rfc3339(created)
            .map_err(|_| {
                entry.error(
                    "creationDate",
                    format!("expected a date and time like 2024-01-31T08:15:00Z, found \"{}\"", shorten(created)),
                )
            })?
            .with_timezone(&Utc);
        let entry_date = match entry.optional_str("timeZone")?.map(str::trim).filter(|z| !z.is_empty()) {
            Some(name) => match name.parse::<Tz>() {
                Ok(zone) => created_at.with_timezone(&zone).date_naive(),
                Err(_) => {
                    let name = shorten(name);
                    if !seen.unknown_zones.contains(&name) && seen.unknown_zones.len() < 5 {
                        seen.unknown_zones.push(name);
                    }
                    local_time.local_date(created_at)
                }
            },
            None => local_time.local_date(created_at),
        };
        let raw_text = entry.optional_str("text")?.unwrap_or_default();
        let listed = list_media(&entry, available)?;
        for item in &listed {
            match &item.media.missing {
                None => seen.attached += 1,
                Some(_) => {
                    seen.missing += 1;
                    if seen.missing_paths.len() < 3 {
                        seen.missing_paths.push(item.media.path.clone());
                    }
                }
            }
        }
        let (mut title, mut text, unknown, embedded) = split_text_with(raw_text, &listed);
        seen.unknown_embeds += unknown;
        let counts = Media::count(&listed);
        if title.is_none() && text.trim().is_empty() {
            // A photo-only entry (or one left empty): kept, titled by what it held.
            seen.untitled += 1;
            title = Some(counts.title().to_owned());
            text = String::new();
        }
        // Media the text does not embed are named at its end, so the entry says what it held.
        let unplaced: Vec<String> =
            listed.iter().enumerate().filter(|(i, _)| !embedded.contains(i)).map(|(_, m)| m.marker()).collect();
        if !unplaced.is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&unplaced.join("\n"));
        }
        Ok(ImportedEntry {
            source: ImportSource::DayOne,
            source_id: uuid.to_owned(),
            created_at,
            entry_date,
            title,
            text,
            tags: clean_tags(entry.string_list("tags")?),
            starred: entry.optional_bool("starred")?,
            mood: None,
            media: listed.into_iter().map(|m| m.media).collect(),
        })
    }
}

/// Day One's media lists: the list's key, the export folder its files are in, the field naming
/// the file type, the type when none is given, and the words for one.
struct MediaList {
    key: &'static str,
    folder: &'static str,
    type_field: &'static str,
    default_type: &'static str,
    kind: &'static str,
}

const MEDIA: [MediaList; 4] = [
    MediaList { key: "photos", folder: "photos", type_field: "type", default_type: "jpeg", kind: "photo" },
    MediaList { key: "audios", folder: "audios", type_field: "format", default_type: "m4a", kind: "audio recording" },
    MediaList { key: "videos", folder: "videos", type_field: "type", default_type: "mov", kind: "video" },
    MediaList { key: "pdfAttachments", folder: "pdfs", type_field: "type", default_type: "pdf", kind: "PDF" },
];

/// One listed media item, with the identifier its embed uses.
struct Listed {
    identifier: String,
    media: ImportedMedia,
}

impl Listed {
    /// What the text says where it was.
    fn marker(&self) -> String {
        match &self.media.missing {
            None => format!("[Attached: {}]", self.media.name),
            Some(reason) => format!("[{} not imported: {reason}]", self.media.kind),
        }
    }
}

/// The entry's photos, audio recordings, videos and PDFs, in that order, each checked against
/// the export's files. A list item that is not an object, or names no file, is listed as missing.
fn list_media(entry: &JsonObject<'_>, available: Option<&Available>) -> Result<Vec<Listed>, ImportError> {
    let mut listed = Vec::new();
    for list in &MEDIA {
        let items = entry.optional_array(list.key)?;
        for (n, item) in items.iter().enumerate() {
            let field = |key: &str| item.get(key).and_then(serde_json::Value::as_str).map(str::trim);
            let identifier = field("identifier").unwrap_or_default().chars().take(100).collect::<String>();
            let file_type = field(list.type_field)
                .or_else(|| field("type"))
                .filter(|t| !t.is_empty() && t.len() <= 10 && t.bytes().all(|b| b.is_ascii_alphanumeric()))
                .unwrap_or(list.default_type)
                .to_ascii_lowercase();
            let md5 = field("md5").filter(|m| m.len() == 32 && m.bytes().all(|b| b.is_ascii_hexdigit()));
            let name = format!("{} {}.{file_type}", list.kind.split(' ').next().unwrap_or(list.kind), n + 1);
            let (path, missing) = match md5 {
                None => (String::new(), Some("the export does not say which file it is".to_owned())),
                Some(md5) => {
                    let path = format!("{}/{}.{file_type}", list.folder, md5.to_ascii_lowercase());
                    let missing = match available.and_then(|files| files.get(&path)) {
                        None => Some(format!("{path} is not in the export")),
                        Some(&size) if size > MAX_ATTACHMENT_BYTES => Some(format!(
                            "{path} is {}, over the {} an attachment may be",
                            format_size(size),
                            format_size(MAX_ATTACHMENT_BYTES)
                        )),
                        Some(_) => None,
                    };
                    (path, missing)
                }
            };
            listed.push(Listed { identifier, media: ImportedMedia { kind: list.kind, path, name, missing } });
        }
    }
    Ok(listed)
}

/// How many of each kind of media an entry lists.
struct Media {
    photos: usize,
    audios: usize,
    videos: usize,
    pdfs: usize,
}

impl Media {
    fn count(listed: &[Listed]) -> Self {
        let of = |kind: &str| listed.iter().filter(|m| m.media.kind == kind).count();
        Self { photos: of("photo"), audios: of("audio recording"), videos: of("video"), pdfs: of("PDF") }
    }

    /// The title of an entry that has no text of its own.
    fn title(&self) -> &'static str {
        let kinds = [self.photos, self.audios, self.videos, self.pdfs].iter().filter(|n| **n > 0).count();
        match (kinds, self.photos, self.audios, self.videos) {
            (0, ..) => "Entry with no text",
            (1, p, _, _) if p > 0 => "Photo entry",
            (1, _, a, _) if a > 0 => "Audio entry",
            (1, _, _, v) if v > 0 => "Video entry",
            (1, ..) => "PDF entry",
            _ => "Entry with attachments",
        }
    }
}

/// Title (a leading `# ` heading), the text with escapes removed and each embed replaced by
/// what became of the media it names (`[Attached: photo 1.jpeg]`, or what was missing), how many
/// embeds named nothing listed, and which listed media were embedded.
fn split_text_with(raw: &str, listed: &[Listed]) -> (Option<String>, String, usize, Vec<usize>) {
    let raw = raw.trim_start_matches(['\n', '\r']);
    let (title, body) = match raw.split_once('\n') {
        Some((first, rest)) if first.starts_with("# ") => (Some(first), rest),
        None if raw.starts_with("# ") => (Some(raw), ""),
        _ => (None, raw),
    };
    let title = title.map(|line| unescape(line.trim_start_matches('#').trim())).filter(|line| !line.is_empty());
    let mut embedded = Vec::new();
    let mut unknown = 0;
    let (body, _) = replace_embeds(body, |target| {
        // `dayone-moment://<identifier>`, or `dayone-moment:/audio/<identifier>` for other media.
        let identifier = target.rsplit('/').next().unwrap_or_default();
        match listed.iter().position(|m| !identifier.is_empty() && m.identifier.eq_ignore_ascii_case(identifier)) {
            Some(i) => {
                embedded.push(i);
                listed[i].marker()
            }
            None => {
                unknown += 1;
                ATTACHMENT_PLACEHOLDER.to_owned()
            }
        }
    });
    // The markers hold no escapes, and unescaping is idempotent on them.
    (title, unescape(body.trim()), unknown, embedded)
}

/// Title (a leading `# ` heading), the text with escapes removed and attachments replaced, and
/// how many attachments were replaced.
#[cfg(test)]
fn split_text(raw: &str) -> (Option<String>, String, usize) {
    let raw = raw.trim_start_matches(['\n', '\r']);
    let (title, body) = match raw.split_once('\n') {
        Some((first, rest)) if first.starts_with("# ") => (Some(first), rest),
        None if raw.starts_with("# ") => (Some(raw), ""),
        _ => (None, raw),
    };
    let title = title.map(|line| unescape(line.trim_start_matches('#').trim())).filter(|line| !line.is_empty());
    let (body, attachments) = replace_attachments(body);
    (title, unescape(body.trim()), attachments)
}

/// Removes Day One's Markdown escapes: a backslash before ASCII punctuation stands for that
/// punctuation mark (`\.` → `.`). Other backslashes are kept.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// Replaces `![…](dayone-moment:…)` embeds with the placeholder.
#[cfg(test)]
fn replace_attachments(text: &str) -> (String, usize) {
    replace_embeds(text, |_| ATTACHMENT_PLACEHOLDER.to_owned())
}

/// Replaces each `![…](dayone-moment:<target>)` embed with what `with` makes of its target.
fn replace_embeds(text: &str, mut with: impl FnMut(&str) -> String) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut count = 0;
    while let Some(start) = rest.find("![") {
        let after = &rest[start..];
        let embed_end = after
            .find("](dayone-moment:")
            .filter(|&close| !after[2..close].contains(['\n', ']']))
            .and_then(|close| after[close..].find(')').map(|paren| close + paren + 1));
        match embed_end {
            Some(end) => {
                out.push_str(&rest[..start]);
                let target = after[..end - 1].split_once("](dayone-moment:").map_or("", |(_, t)| t);
                out.push_str(&with(target));
                rest = &after[end..];
                count += 1;
            }
            None => {
                out.push_str(&rest[..start + 2]);
                rest = &after[2..];
            }
        }
    }
    out.push_str(rest);
    (out, count)
}

fn read_archive<R: Read + Seek>(file: &str, reader: R, local_time: LocalTime) -> Result<ImportBatch, ImportError> {
    let bad_zip = |reason| ImportError::BadZip { file: file.to_owned(), reason };
    let mut archive = zip::ZipArchive::new(reader).map_err(|error| bad_zip(zip_reason(&error)))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(ImportError::TooLarge {
            file: file.to_owned(),
            what: "the number of files in the archive",
            limit: "200,000 files",
        });
    }
    let names: Vec<String> = archive
        .file_names()
        .map(|name| name.map(|name| name.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|error| bad_zip(zip_reason(&error)))?;
    let is_journal = |name: &&String, depth: usize| {
        !name.starts_with("__MACOSX/") && name.matches('/').count() == depth && has_json_extension(name)
    };
    // Journals sit at the top of the archive; some zip tools add one enclosing folder.
    let mut journals: Vec<&String> = names.iter().filter(|n| is_journal(n, 0)).collect();
    if journals.is_empty() {
        journals = names.iter().filter(|n| is_journal(n, 1)).collect();
    }
    journals.sort();
    if journals.is_empty() {
        return Err(ImportError::NothingToImport { file: file.to_owned(), expected: EXPECTED });
    }
    // An archive that says its journals unpack past the budget is refused before anything is
    // inflated (a bomb declares its size honestly more often than not, and inflating 256 MiB
    // to find out takes seconds). The sizes can lie, so the budget below still counts what
    // decompression really produces.
    let mut declared: u64 = 0;
    for name in &journals {
        let entry = archive.by_name(name).map_err(|error| bad_zip(zip_reason(&error)))?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_UNPACKED_BYTES {
        return Err(ImportError::TooLarge {
            file: file.to_owned(),
            what: "the unpacked journal files",
            limit: MAX_UNPACKED_WORDS,
        });
    }
    // Media files, relative to the folder the journals are in (the archive's top, or the one
    // enclosing folder), with the size each claims (reading checks it again, capped).
    let prefix = journals[0].rsplit_once('/').map_or(String::new(), |(folder, _)| format!("{folder}/"));
    let mut available = Available::new();
    for index in 0..archive.len() {
        let Ok(item) = archive.by_index_raw(index) else { continue };
        let Ok(name) = item.name() else { continue };
        if let Some(relative) = name.strip_prefix(prefix.as_str())
            && MEDIA.iter().any(|m| relative.strip_prefix(m.folder).is_some_and(|r| r.starts_with('/')))
            && item.is_file()
        {
            available.insert(relative.to_owned(), item.size());
        }
    }
    let journals: Vec<String> = journals.into_iter().cloned().collect();
    let mut collector = Collector::new(local_time, Some(available));
    let first = format!("{file}/{}", journals[0]);
    for name in &journals {
        // Decompressed as it is parsed; the budget counts what decompression actually produces
        // (the archive's own size fields can lie), so a bomb stops at the limit, unheld.
        let entry = archive.by_name(name).map_err(|error| bad_zip(zip_reason(&error)))?;
        collector.read(&format!("{file}/{name}"), entry).map_err(|error| match error {
            // A read failure inside the zip is damage to the archive, not bad JSON.
            ImportError::BadJson { ref reason, .. } if reason.starts_with("it could not be read") => {
                bad_zip("a journal file inside it is damaged")
            }
            other => other,
        })?;
    }
    collector.finish(&first)
}

fn zip_reason(error: &zip::result::ZipError) -> &'static str {
    use zip::result::ZipError;
    match error {
        ZipError::UnsupportedArchive(_) => {
            "it uses a feature Wellkept does not read (a password, or a rare compression method)"
        }
        ZipError::Io(_) => "it could not be read to the end (damaged, or still being copied?)",
        _ => "it is damaged or is not a zip archive",
    }
}

fn has_json_extension(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json")
}

/// At most 40 characters of a value, for quoting it in an error.
fn shorten(value: &str) -> String {
    let mut short: String = value.chars().take(40).collect();
    if short.len() < value.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_becomes_title_and_escapes_are_removed() {
        let (title, text, attachments) = split_text("# A good day\\!\n\nWalked 5\\.2 km\\. Felt \\*fine\\*\\.\n\\\\o/");
        assert_eq!(title.as_deref(), Some("A good day!"));
        assert_eq!(text, "Walked 5.2 km. Felt *fine*.\n\\o/");
        assert_eq!(attachments, 0);
    }

    #[test]
    fn text_without_heading_has_no_title() {
        let (title, text, _) = split_text("Just a note\nsecond line");
        assert_eq!(title, None);
        assert_eq!(text, "Just a note\nsecond line");
    }

    #[test]
    fn embedded_photos_become_placeholders() {
        let (_, text, attachments) =
            split_text("Morning\n![](dayone-moment://1A2B3C)\nand ![x](dayone-moment:/audio/99) ![not](https://x)");
        assert_eq!(attachments, 2);
        assert_eq!(text, format!("Morning\n{ATTACHMENT_PLACEHOLDER}\nand {ATTACHMENT_PLACEHOLDER} ![not](https://x)"));
    }

    #[test]
    fn unterminated_embed_is_left_alone() {
        let (_, text, attachments) = split_text("![](dayone-moment://abc");
        assert_eq!(attachments, 0);
        assert_eq!(text, "![](dayone-moment://abc");
    }
}
