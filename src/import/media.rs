//! Reading an export's media files (Day One's `photos/`, `audios/`, `videos/`, `pdfs/`) when the
//! entries are stored: one file at a time, each read through the attachment size cap whatever the
//! archive or file system claims, never following a link out of the export.

use std::fs;
use std::io::Read;

use super::MediaSource;
use crate::attachments::{MAX_ATTACHMENT_BYTES, format_size};

/// Reads media files from where an import came from.
pub(crate) enum MediaReader {
    None,
    Zip { archive: Box<zip::ZipArchive<fs::File>>, prefix: String },
    Folder(std::path::PathBuf),
    Failed(String),
}

impl MediaReader {
    /// Opens the export once for all its media.
    pub(crate) fn open(source: &MediaSource) -> Self {
        match source {
            MediaSource::None => Self::None,
            MediaSource::Folder(root) => Self::Folder(root.clone()),
            MediaSource::Zip(path) => {
                let opened = fs::File::open(path)
                    .map_err(|e| format!("the export could not be opened again: {e}"))
                    .and_then(|f| zip::ZipArchive::new(f).map_err(|_| "the export is damaged".to_owned()));
                match opened {
                    Ok(archive) => {
                        // The journals' folder: the top of the archive, or one enclosing folder.
                        let prefix = archive
                            .file_names()
                            .filter_map(|n| n.ok())
                            .find(|n| n.to_ascii_lowercase().ends_with(".json") && n.matches('/').count() == 1)
                            .filter(|_| {
                                !archive
                                    .file_names()
                                    .filter_map(|n| n.ok())
                                    .any(|n| n.to_ascii_lowercase().ends_with(".json") && !n.contains('/'))
                            })
                            .and_then(|n| n.split_once('/').map(|(folder, _)| format!("{folder}/")))
                            .unwrap_or_default();
                        Self::Zip { archive: Box::new(archive), prefix }
                    }
                    Err(reason) => Self::Failed(reason),
                }
            }
        }
    }

    /// The bytes of the media file at `path` (relative to the export), at most the attachment
    /// limit.
    pub(crate) fn read(&mut self, path: &str) -> Result<Vec<u8>, String> {
        let cap = MAX_ATTACHMENT_BYTES;
        let too_large = || format!("it is over the {} an attachment may be", format_size(cap));
        let mut bytes = Vec::new();
        match self {
            Self::None => return Err("the export's folders were not given".into()),
            Self::Failed(reason) => return Err(reason.clone()),
            Self::Folder(root) => {
                if path.split('/').any(|part| part == ".." || part.is_empty()) {
                    return Err("it is not a file of the export".into());
                }
                let full = root.join(path);
                let meta = fs::symlink_metadata(&full).map_err(|_| "it is not in the export".to_owned())?;
                if !meta.is_file() {
                    return Err("it is not a plain file".into());
                }
                fs::File::open(&full)
                    .and_then(|f| f.take(cap + 1).read_to_end(&mut bytes))
                    .map_err(|e| format!("it could not be read: {e}"))?;
            }
            Self::Zip { archive, prefix } => {
                let name = format!("{prefix}{path}");
                let item = archive.by_name(&name).map_err(|_| "it is not in the export".to_owned())?;
                item.take(cap + 1).read_to_end(&mut bytes).map_err(|_| "it is damaged in the archive".to_owned())?;
            }
        }
        if bytes.len() as u64 > cap {
            return Err(too_large());
        }
        Ok(bytes)
    }
}
