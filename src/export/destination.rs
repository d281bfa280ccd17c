//! Where an export may be written, and writing it there safely.
//!
//! An export is plaintext, so it goes only to the file the person chose: never inside the vault
//! folder (which must hold nothing but ciphertext and a few key-finding facts), never to a
//! temporary folder of Wellkept's choosing. The bytes are written to a hidden temporary file in
//! the destination's own folder (readable by the owner only, on Unix), flushed to disk, then
//! renamed over the destination: a crash or a full disk leaves the old file or the new one,
//! never half of one, and a failed write removes its temporary file.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// What to call the destination in error messages.
const FIELD: &str = "Export file";

/// A checked destination: the real (canonical) folder and the file name in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The destination's folder, with symbolic links resolved.
    pub dir: PathBuf,
    /// The file's name in that folder.
    pub file_name: OsString,
}

impl Target {
    /// The full path the export will have.
    pub fn path(&self) -> PathBuf {
        self.dir.join(&self.file_name)
    }
}

/// Checks that `dest` names a file in an existing folder outside the vault folder `vault_dir`.
/// Nothing is written.
pub fn check(vault_dir: &Path, dest: &Path) -> Result<Target> {
    let file_name = dest
        .file_name()
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            Error::invalid(FIELD, format!("“{}” is not a file name; give the file to write", dest.display()))
        })?
        .to_owned();
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let dir = fs::canonicalize(&parent).map_err(|_| {
        Error::invalid(FIELD, format!("the folder “{}” does not exist; create it or choose another", parent.display()))
    })?;
    if !dir.is_dir() {
        return Err(Error::invalid(FIELD, format!("“{}” is not a folder", parent.display())));
    }
    // A vault folder that cannot be resolved (moved away while open) cannot contain the target.
    if let Ok(vault) = fs::canonicalize(vault_dir)
        && dir.starts_with(&vault)
    {
        return Err(Error::invalid(
            FIELD,
            "is inside the vault folder, which must hold only encrypted files; choose a place outside it",
        ));
    }
    let target = Target { dir, file_name };
    if target.path().is_dir() {
        return Err(Error::invalid(FIELD, format!("“{}” is a folder; give a file name inside it", dest.display())));
    }
    Ok(target)
}

/// Writes `bytes` to the target through a temporary file in the same folder and a rename.
pub fn write(target: &Target, bytes: &[u8]) -> Result<()> {
    let mut temp_name = OsString::from(".");
    temp_name.push(&target.file_name);
    temp_name.push(format!(".{}.part", uuid::Uuid::new_v4().simple()));
    let temp = target.dir.join(temp_name);
    let result = write_then_rename(&temp, &target.path(), bytes);
    if result.is_err() {
        // Best effort: the temporary file may not exist if creating it was what failed.
        let _ = fs::remove_file(&temp);
    }
    result.map_err(|e| Error::storage("Writing the export", e))?;
    sync_dir(&target.dir);
    Ok(())
}

fn write_then_rename(temp: &Path, dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Plaintext: readable by its owner only until they decide otherwise.
        options.mode(0o600);
    }
    let mut file: File = options.open(temp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    fs::rename(temp, dest)
}

/// Makes the rename durable where the platform allows it (a folder can be opened and synced on
/// Unix). Failure here does not undo a completed, visible write, so it is not reported.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_vault_folder_and_anything_inside_it() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let vault = tmp.path().join("vault");
        fs::create_dir_all(vault.join("backups")).expect("mkdir");
        for dest in [vault.join("out.pdf"), vault.join("backups").join("out.md"), vault.join("backups/../x.json")] {
            let e = check(&vault, &dest).expect_err("inside the vault");
            assert!(e.to_string().starts_with("Export file: is inside the vault folder"), "{e}");
        }
        assert!(check(&vault, &tmp.path().join("out.pdf")).is_ok());
    }

    #[test]
    fn refuses_a_missing_folder_or_a_folder_as_the_file() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let vault = tmp.path().join("vault");
        let e = check(&vault, &tmp.path().join("nope").join("out.pdf")).expect_err("no folder");
        assert!(e.to_string().contains("does not exist"), "{e}");
        let e = check(&vault, tmp.path()).expect_err("a folder");
        assert!(e.to_string().contains("is a folder"), "{e}");
        let file = tmp.path().join("notes.txt");
        fs::write(&file, "x").expect("file");
        let e = check(&vault, &file.join("out.pdf")).expect_err("a file as the folder");
        assert!(e.to_string().contains("is not a folder"), "{e}");
    }

    #[test]
    fn writes_through_a_rename_and_leaves_no_temporary_file() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dest = tmp.path().join("record.md");
        fs::write(&dest, "old").expect("old file");
        let target = check(&tmp.path().join("vault"), &dest).expect("ok");
        write(&target, b"new").expect("write");
        assert_eq!(fs::read(&dest).expect("read"), b"new");
        let names: Vec<_> = fs::read_dir(tmp.path()).expect("ls").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names, vec![OsString::from("record.md")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&dest).expect("meta").permissions().mode() & 0o777, 0o600);
        }
    }
}
