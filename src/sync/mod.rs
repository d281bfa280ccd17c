//! One vault on several computers: the merge of what each computer wrote (issue 15).
//!
//! The sync engine the person already runs (Syncthing, Nextcloud, …) copies files; it never
//! merges them. Wellkept's part is to make every computer write only files of its own, and to
//! merge the changes those files carry so that every computer ends with the same records and
//! nothing anyone typed is lost. This module is that merge: [`hlc`] orders changes across
//! computers, [`merge`] applies them in any order. docs/sync.md describes the whole design and
//! what is built of it.

pub mod conflicts;
pub mod devices;
pub mod dump;
pub mod hlc;
pub mod merge;
pub mod notes;
pub mod status;

pub use hlc::{Clock, DeviceId, Stamp};
pub use merge::{Change, Conflict, Edit, FieldRule, Refused, Replica, RowKey, RowView, Schema, TableRule};
