//! `wellkept attach …`: files attached to a journal entry, a session note, a client or a received
//! item — add one, list them, save a decrypted copy, move one to the trash. Thin calls into
//! `wellkept::attachments`.

use std::io::Write;
use std::path::PathBuf;

use wellkept::attachments::{self, format_size};
use wellkept::vault::Vault;
use wellkept::{Error, Result};

/// Attachment commands.
#[derive(clap::Subcommand)]
pub enum AttachAction {
    /// Attach a file (at most 50 MB): it is stored encrypted in the vault folder.
    Add {
        /// What it belongs to: journal_entry, session_note, client or received_item.
        kind: String,
        /// The id of that record.
        id: String,
        /// The file to attach.
        file: PathBuf,
    },
    /// The files attached to one record, oldest first, with the encrypted file each is kept in.
    List {
        /// journal_entry, session_note, client or received_item.
        kind: String,
        /// The id of that record.
        id: String,
    },
    /// Write a decrypted copy of an attachment to a new file (never over an existing one).
    Save {
        /// The attachment's id (from `attach list`).
        id: String,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Move an attachment to the trash (restore or purge it with `wellkept trash`).
    Remove {
        /// The attachment's id (from `attach list`).
        id: String,
    },
}

pub async fn run(vault: &Vault, action: AttachAction) -> Result<()> {
    match action {
        AttachAction::Add { kind, id, file } => {
            let a = attachments::add_file(vault, &kind, &id, &file).await?;
            println!("Attached {} ({}, {}): {}", a.file_name, format_size(a.size as u64), a.media_type, a.id);
            Ok(())
        }
        AttachAction::List { kind, id } => {
            let list = attachments::list(vault, &kind, &id).await?;
            for a in &list {
                let day = a.created_at.with_timezone(&chrono::Local).format("%Y-%m-%d");
                println!("{}  {day}  {:>10}  {}  {}", a.id, format_size(a.size as u64), a.file_name, a.relative_path());
            }
            match list.len() {
                0 => println!("No attachments."),
                1 => println!("1 attachment."),
                n => println!("{n} attachments."),
            }
            Ok(())
        }
        AttachAction::Save { id, out } => {
            let (a, bytes) = attachments::read(vault, &id).await?;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let mut file = options.open(&out).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => Error::invalid(
                    "--out",
                    format!("{} already exists; choose a new file name (nothing is overwritten)", out.display()),
                ),
                _ => Error::Storage { action: "Writing the attachment", source: e },
            })?;
            file.write_all(&bytes)
                .and_then(|()| file.sync_all())
                .map_err(|e| Error::Storage { action: "Writing the attachment", source: e })?;
            println!(
                "Saved {} ({}) to {}. It is not encrypted there: delete it when you are done.",
                a.file_name,
                format_size(a.size as u64),
                out.display()
            );
            Ok(())
        }
        AttachAction::Remove { id } => {
            attachments::remove(vault, &id).await?;
            println!("Moved to the trash (restore it with `wellkept trash restore attachment {id}`).");
            Ok(())
        }
    }
}
