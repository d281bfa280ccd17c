//! The paths the person picked in the native open and save dialogs: the only paths the window's
//! file commands (import, export, share, backup, restore) accept.
//!
//! Why: the webview is the least trusted part of the app — it renders text from share files,
//! imports and other people's contact cards. If script ever ran there, a command that took any
//! path string would let it read `~/.ssh/id_ed25519` as an "import" or write a backup over
//! `~/.bashrc`. The native dialog is drawn by the operating system, outside the webview, and the
//! shell opens it itself ([`choose_open_path`], [`choose_save_path`]), so a path it returned is
//! one the person chose; the shell remembers it for the session, and every file command checks
//! its path against that set ([`ChosenPaths::check`]).
//!
//! End-to-end tests cannot drive native dialogs, so a *debug* build also accepts typed paths
//! under the folders listed in `WELLKEPT_E2E_TYPED_PATHS_UNDER` (set by `scripts/e2e.sh` to its
//! temp folder and the repository's fixtures). Release builds ignore that variable entirely.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use serde::Deserialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// The set of dialog-returned paths, plus the debug-only test allowance.
#[derive(Debug, Default)]
pub struct ChosenPaths {
    picked: Mutex<HashSet<PathBuf>>,
    typed_allowed_under: Vec<PathBuf>,
}

/// The environment variable naming folders (separated as in `PATH`) where a debug build accepts
/// typed paths, for end-to-end tests.
pub const E2E_TYPED_PATHS_VAR: &str = "WELLKEPT_E2E_TYPED_PATHS_UNDER";

impl ChosenPaths {
    /// The set for this run: empty, with the test allowance read from the environment in debug
    /// builds only.
    pub fn from_env() -> Self {
        let typed_allowed_under = if cfg!(debug_assertions) {
            std::env::var_os(E2E_TYPED_PATHS_VAR)
                .map(|dirs| std::env::split_paths(&dirs).filter(|d| d.is_absolute()).collect())
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        Self { picked: Mutex::new(HashSet::new()), typed_allowed_under }
    }

    /// Remembers a path the native dialog returned.
    pub fn remember(&self, path: &Path) {
        // A poisoned lock only means a panic mid-insert; the set is still a valid set.
        self.picked.lock().unwrap_or_else(|p| p.into_inner()).insert(path.to_owned());
    }

    /// Accepts `path` only if the native dialog returned exactly it this session (or, in a debug
    /// build, it lies under a test folder and climbs out with no `..`).
    pub fn check(&self, path: &Path) -> CommandResult<()> {
        if self.picked.lock().unwrap_or_else(|p| p.into_inner()).contains(path) {
            return Ok(());
        }
        let plain = path.is_absolute() && path.components().all(|c| !matches!(c, Component::ParentDir));
        if plain && self.typed_allowed_under.iter().any(|dir| path.starts_with(dir)) {
            return Ok(());
        }
        Err(CommandError::new(
            "invalid",
            "Choose the file with the Choose… button: Wellkept only reads and writes files you picked in the system's file dialog.",
        ))
    }
}

/// A file-type filter in a dialog.
#[derive(Debug, Deserialize, ts_rs::TS)]
pub struct DialogFilter {
    /// What the person reads, e.g. "Wellkept backup".
    pub name: String,
    /// Extensions without dots.
    pub extensions: Vec<String>,
}

/// What a dialog shows.
#[derive(Debug, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct DialogOptions {
    /// The dialog's title.
    pub title: Option<String>,
    /// Pick a folder rather than a file (open dialogs only).
    pub directory: bool,
    /// The file name a save dialog suggests.
    pub default_path: Option<String>,
    /// File-type filters.
    pub filters: Vec<DialogFilter>,
}

fn builder(app: &AppHandle, options: &DialogOptions) -> tauri_plugin_dialog::FileDialogBuilder<tauri::Wry> {
    let mut dialog = app.dialog().file();
    if let Some(title) = &options.title {
        dialog = dialog.set_title(title);
    }
    if let Some(name) = &options.default_path {
        dialog = dialog.set_file_name(name);
    }
    for filter in &options.filters {
        let extensions: Vec<&str> = filter.extensions.iter().map(String::as_str).collect();
        dialog = dialog.add_filter(&filter.name, &extensions);
    }
    dialog
}

/// Waits for a dialog's answer and remembers the path it returned.
async fn answer(
    state: &AppState,
    show: impl FnOnce(tokio::sync::oneshot::Sender<Option<tauri_plugin_dialog::FilePath>>),
) -> CommandResult<Option<PathBuf>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    show(tx);
    let picked = rx.await.map_err(|_| CommandError::window_unavailable())?;
    state.touch();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else { return Ok(None) };
    state.chosen.remember(&path);
    Ok(Some(path))
}

/// Shows the native open dialog (a file, or a folder); returns the chosen path, or `None` when
/// cancelled. The path is remembered as one the person chose.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_open_path(
    app: AppHandle,
    state: State<'_, AppState>,
    options: DialogOptions,
) -> CommandResult<Option<PathBuf>> {
    let dialog = builder(&app, &options);
    answer(&state, move |tx| {
        let send = move |path| {
            let _ = tx.send(path);
        };
        if options.directory { dialog.pick_folder(send) } else { dialog.pick_file(send) }
    })
    .await
}

/// Shows the native save dialog; returns the chosen path, or `None` when cancelled. The path is
/// remembered as one the person chose.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_save_path(
    app: AppHandle,
    state: State<'_, AppState>,
    options: DialogOptions,
) -> CommandResult<Option<PathBuf>> {
    let dialog = builder(&app, &options);
    answer(&state, move |tx| {
        dialog.save_file(move |path| {
            let _ = tx.send(path);
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(chosen: &ChosenPaths, path: &str) -> bool {
        chosen.check(Path::new(path)).is_err()
    }

    #[test]
    fn a_path_the_window_typed_is_refused_and_one_the_dialog_returned_is_accepted() {
        let chosen = ChosenPaths::default();
        assert!(refused(&chosen, "/home/someone/.ssh/id_ed25519"));
        assert!(refused(&chosen, "/home/someone/.bashrc"));
        chosen.remember(Path::new("/home/someone/Documents/wellkept.wkbackup"));
        assert!(!refused(&chosen, "/home/someone/Documents/wellkept.wkbackup"));
        // Only exactly that path: not its folder, not a neighbour, not a way round through "..".
        assert!(refused(&chosen, "/home/someone/Documents"));
        assert!(refused(&chosen, "/home/someone/Documents/other.wkbackup"));
        assert!(refused(&chosen, "/home/someone/Documents/../.bashrc"));
        let error = chosen.check(Path::new("/etc/passwd")).expect_err("typed");
        assert_eq!(error.kind, "invalid");
        assert!(error.message.contains("Choose… button"), "{}", error.message);
    }

    /// Every command that takes a path checks it before using it: a new file command that
    /// forgot would otherwise accept whatever path string the window sends.
    #[test]
    fn every_file_command_checks_its_paths_against_the_chosen_set() {
        let sources = [
            ("clinical.rs", include_str!("commands/clinical.rs")),
            ("exchange.rs", include_str!("commands/exchange.rs")),
            ("export.rs", include_str!("commands/export.rs")),
            ("import.rs", include_str!("commands/import.rs")),
            ("journal.rs", include_str!("commands/journal.rs")),
            ("practice.rs", include_str!("commands/practice.rs")),
            ("search.rs", include_str!("commands/search.rs")),
            ("trash.rs", include_str!("commands/trash.rs")),
            ("vault.rs", include_str!("commands/vault.rs")),
        ];
        // Spelt in two parts so that the bindings' signature reader, which reads this file for
        // its two commands, does not take this line for a third. Without the closing bracket it
        // also matches the attribute with its `rename_all` argument.
        let attribute = concat!("#[tauri::", "command");
        let mut checked = Vec::new();
        for (file, source) in sources {
            for command in source.split(attribute).skip(1) {
                let signature = &command[..command.find('{').expect("a function body")];
                let name = signature.split("fn ").nth(1).and_then(|s| s.split(['(', '<']).next()).expect("a name");
                for param in signature.split([',', '(']).filter(|p| p.contains(": PathBuf")) {
                    let param = param.trim().split(':').next().expect("a parameter name").trim();
                    let body_start = command.find('{').expect("body");
                    let body = &command[body_start..];
                    assert!(
                        body.contains(&format!("state.chosen.check(&{param})")),
                        "{file}: {name} uses the path `{param}` without state.chosen.check(&{param})"
                    );
                    checked.push(format!("{name}({param})"));
                }
            }
        }
        checked.sort();
        assert_eq!(
            checked,
            [
                "back_up_vault(path)",
                "detect_import_format(path)",
                "export_client_record(path)",
                "export_journal(path)",
                "import_journal_file(path)",
                "import_share_file(path)",
                "preview_import(path)",
                "preview_share_file(path)",
                "print_safety_plan(path)",
                "restore_backup(backup)",
                "restore_backup(folder)",
                "save_share(path)",
                "use_vault_folder(folder)",
            ]
        );
    }

    #[test]
    fn the_test_allowance_covers_only_its_folders_and_never_climbs_out() {
        let chosen = ChosenPaths { typed_allowed_under: vec![PathBuf::from("/tmp/e2e")], ..ChosenPaths::default() };
        assert!(!refused(&chosen, "/tmp/e2e/work/backup.wkbackup"));
        assert!(refused(&chosen, "/tmp/e2e/../etc/passwd"));
        assert!(refused(&chosen, "/tmp/e2e-elsewhere/x"));
        assert!(refused(&chosen, "relative/path"));
    }
}
