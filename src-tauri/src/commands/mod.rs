//! The commands the window may call, one module per core module (`journal`, `practice`,
//! `clinical`, `exchange`, `search`, `sync`, `trash`, `import`, `export`, and `vault` for the session,
//! keys, settings and backups), each with the request and response types it adds beside it.
//! Each command is thin: take the state, call one core method, map the error. Every command is
//! listed in `build.rs` (which makes it need a permission) and allowed in
//! `capabilities/default.json`; `tests::every_command_is_allowed` keeps the lists in step.

pub mod attachments;
pub mod billing;
pub mod clinical;
pub mod exchange;
pub mod export;
pub mod import;
pub mod journal;
pub mod practice;
pub mod privacy;
pub mod search;
pub mod sync;
pub mod trash;
pub mod vault;

/// Today's date on this computer's clock and time zone: "today" for dashboards and defaults.
pub(crate) fn today() -> chrono::NaiveDate {
    wellkept::clock::today_local()
}
