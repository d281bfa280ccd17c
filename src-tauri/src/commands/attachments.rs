//! Attachment commands: the "Attachments" section of a journal entry, a session note and the
//! client page. Files are added from a path the person chose (see `chosen_paths`), listed with
//! their metadata, shown as thumbnails (images only: decrypted in memory and sent as a `data:`
//! URL, never written to disk), and opened through a temporary decrypted copy.
//!
//! Opening is the one place a decrypted attachment touches the disk: a copy in a private folder
//! ([`open_dir`]: 0700, each file 0600, under the runtime or temp folder, never in the vault
//! folder), handed to the desktop's opener (or to `WELLKEPT_OPEN_LINK_WITH`, as `open_link`
//! does, for the end-to-end test). The folder is emptied when the vault locks and when the app
//! starts (a crash cannot leave copies past the next start).

use std::io::Write;
use std::path::PathBuf;

use tauri::State;
use wellkept::attachments::{self, Attachment};

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// The largest image shown as a thumbnail (bigger ones are listed without one).
const MAX_THUMBNAIL_BYTES: i64 = 8 << 20;

/// The attachments of one record, oldest first (none while the record is in the trash).
#[tauri::command(rename_all = "snake_case")]
pub async fn list_attachments(
    state: State<'_, AppState>,
    owner_kind: String,
    owner_id: String,
) -> CommandResult<Vec<Attachment>> {
    Ok(attachments::list(&*state.open_vault().await?, &owner_kind, &owner_id).await?)
}

/// Attaches the file at `path` (one the person chose) to a record.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_attachment(
    state: State<'_, AppState>,
    owner_kind: String,
    owner_id: String,
    path: PathBuf,
) -> CommandResult<Attachment> {
    state.chosen.check(&path)?;
    Ok(attachments::add_file(&*state.open_vault().await?, &owner_kind, &owner_id, &path).await?)
}

/// Moves an attachment to the trash.
#[tauri::command(rename_all = "snake_case")]
pub async fn remove_attachment(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(attachments::remove(&*state.open_vault().await?, &id).await?)
}

/// An image attachment as a `data:` URL for its thumbnail, decrypted in memory only; `None` for
/// anything else (or an image too large to show inline).
#[tauri::command(rename_all = "snake_case")]
pub async fn attachment_thumbnail(state: State<'_, AppState>, id: String) -> CommandResult<Option<String>> {
    Ok(attachments::thumbnail_data_url(&*state.open_vault().await?, &id, MAX_THUMBNAIL_BYTES).await?)
}

/// Opens an attachment with the desktop's program for it, through a temporary decrypted copy in
/// a private folder that is emptied at lock and at the next start. Returns nothing the window
/// needs; the copy's path is never shown.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_attachment(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    let vault = state.open_vault().await?;
    let (attachment, bytes) = attachments::read(&vault, &id).await?;
    let dir = open_dir();
    create_private_dir(&dir).map_err(|_| unavailable("Wellkept could not make a private folder to open it from."))?;
    // One folder per open, so two files with one name never collide.
    let folder = dir.join(uuid::Uuid::now_v7().simple().to_string());
    create_private_dir(&folder)
        .map_err(|_| unavailable("Wellkept could not make a private folder to open it from."))?;
    let path = folder.join(safe_name(&attachment.file_name));
    write_private(&path, &bytes).map_err(|_| unavailable("Wellkept could not write the copy to open."))?;
    let mut command = match std::env::var_os("WELLKEPT_OPEN_LINK_WITH") {
        Some(program) => std::process::Command::new(program),
        None if cfg!(target_os = "macos") => std::process::Command::new("open"),
        None if cfg!(target_os = "windows") => {
            let mut c = std::process::Command::new("rundll32");
            c.arg("url.dll,FileProtocolHandler");
            c
        }
        None => std::process::Command::new("xdg-open"),
    };
    let mut child = command
        .arg(&path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|_| {
            let _ = std::fs::remove_dir_all(&folder);
            unavailable("No program to open this kind of file was found on this computer. Save a copy with `wellkept attach save` instead.")
        })?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// The private folder opened copies live in: `$XDG_RUNTIME_DIR/wellkept-open` (a per-user,
/// memory-backed folder on most Linux desktops), else `<temp>/wellkept-open-<user id>`.
/// `WELLKEPT_OPEN_DIR` overrides it (the end-to-end test looks inside).
pub fn open_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("WELLKEPT_OPEN_DIR") {
        return PathBuf::from(dir);
    }
    if let Some(runtime) = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from).filter(|d| d.is_absolute()) {
        return runtime.join("wellkept-open");
    }
    let user = std::env::var("USER").unwrap_or_default();
    std::env::temp_dir().join(format!("wellkept-open-{user}"))
}

/// Removes every opened copy (at lock, and at start). Best effort: a copy an open program holds
/// on Windows is removed at the next start.
pub fn remove_opened_copies() {
    let dir = open_dir();
    if let Ok(meta) = std::fs::symlink_metadata(&dir) {
        if meta.is_dir() {
            let _ = std::fs::remove_dir_all(&dir);
        } else {
            // A link or file planted in its place: remove the entry itself, never what it names.
            let _ = std::fs::remove_file(&dir);
        }
    }
}

fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    // Never through a link: a planted symlink would send the copy elsewhere.
    if let Ok(meta) = std::fs::symlink_metadata(dir)
        && !meta.is_dir()
    {
        return Err(std::io::Error::other("not a folder"));
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)
}

/// A name any file system takes (the attachment's own name is kept for the program's title bar).
fn safe_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_control() || "<>:\"/\\|?*".contains(c) { '_' } else { c }).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() { "attachment".to_owned() } else { cleaned }
}

fn unavailable(message: &str) -> CommandError {
    CommandError::new("unavailable", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opened_copies_are_private_and_removed() {
        let root = tempfile::tempdir().expect("tempdir");
        let dir = root.path().join("open");
        create_private_dir(&dir).expect("dir");
        let file = dir.join(safe_name("../scan: 1.pdf"));
        assert_eq!(file.file_name().and_then(|n| n.to_str()), Some("_scan_ 1.pdf"));
        write_private(&file, b"%PDF-1.4").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&dir).expect("meta").permissions().mode() & 0o777, 0o700);
            assert_eq!(std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777, 0o600);
        }
        assert!(write_private(&file, b"again").is_err(), "never over an existing file");
    }
}
