//! Merging the changes several computers made to one vault, with nothing lost.
//!
//! Each computer applies its own changes at once and the other computers' changes whenever the
//! sync engine delivers them: late, out of order, twice. Whatever the order, every computer
//! ends in the same state, because each rule below is commutative, associative and idempotent
//! (a join-semilattice per field, as in cr-sqlite and the CRDT literature):
//!
//! - **Fields** ([`FieldRule::Lww`]): the value with the largest [`Stamp`] wins.
//! - **Long texts** ([`FieldRule::Text`]: note sections, journal bodies): every version is kept
//!   with the versions its writer had seen. The *heads* are the versions no other version has
//!   seen. One head is the normal case; two or more mean two computers changed the text since
//!   their common version. The latest head shows, and the others stay beside it as a
//!   [`Conflict`] until the person chooses (a new version that has seen them all). A version
//!   is never dropped by a merge: keeping every version is what makes the outcome independent
//!   of delivery order (a version may arrive after one that saw it). Old versions are folded
//!   away only by compaction, once every computer has seen them (docs/sync.md).
//! - **Append-only tables** (addenda, the disclosure log, revisions, score history): rows are
//!   written once; the union of all rows, and the first write of a field stands.
//! - **Seals** ([`Edit::Seal`]: finalising a note): a sealed row stays sealed (the earliest seal
//!   wins), and shows the text versions the seal named, whatever was written beside it: a
//!   change made elsewhere at the same time shows as a conflict, never inside the signed note.
//! - **Purges** ([`Edit::Purge`]): the row and everything in it are erased on every computer,
//!   and writes that arrive for it later are dropped. Only the row's key is remembered, so that
//!   it cannot come back. (Moving to the trash is not a purge: it is a `deleted_at` field.)

use super::hlc::Stamp;
use crate::vault::Value;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How one field of a table merges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRule {
    /// Last writer wins.
    Lww,
    /// A long text: concurrent versions are kept and shown as a conflict.
    Text,
}

/// What the merge needs to know about one table.
#[derive(Debug, Clone, Copy)]
pub struct TableRule {
    /// The table's name.
    pub name: &'static str,
    /// Rows are written once and never changed (the first write of each field stands).
    pub append_only: bool,
    /// Its fields and how each merges.
    pub fields: &'static [(&'static str, FieldRule)],
}

/// The tables a merge accepts changes for.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    /// Every table.
    pub tables: &'static [TableRule],
}

impl Schema {
    fn rule(&self, table: &str, field: &str) -> Option<(bool, FieldRule)> {
        let t = self.tables.iter().find(|t| t.name == table)?;
        let (_, rule) = t.fields.iter().find(|(f, _)| *f == field)?;
        Some((t.append_only, *rule))
    }
}

/// A row: its table and id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RowKey {
    /// The table.
    pub table: String,
    /// The row's id (a UUID in Wellkept's tables).
    pub id: String,
}

impl RowKey {
    /// The key of row `id` in `table`.
    pub fn new(table: &str, id: &str) -> Self {
        RowKey { table: table.to_owned(), id: id.to_owned() }
    }
}

/// One edit inside a [`Change`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Sets a field. For a [`FieldRule::Text`] field, `seen` lists the versions of the text
    /// the writer had in front of it (its heads when it began editing; all of them when it
    /// resolves a conflict). Ignored for other fields.
    Set {
        /// The row.
        row: RowKey,
        /// The field.
        field: String,
        /// Its new value.
        value: Value,
        /// The text versions this one replaces.
        seen: Vec<Stamp>,
    },
    /// Seals a row (finalises a note): `field` records when, `value` is that time, and
    /// `sealed` names, per text field, the version that was finalised.
    Seal {
        /// The row.
        row: RowKey,
        /// The field that records the seal (e.g. `finalised_at`).
        field: String,
        /// Its value.
        value: Value,
        /// (text field, version) pairs that the seal makes final.
        sealed: Vec<(String, Stamp)>,
    },
    /// Erases a row for good, on every computer.
    Purge {
        /// The row.
        row: RowKey,
    },
}

/// What one computer wrote in one durable write: every edit shares its stamp.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// When and where.
    pub stamp: Stamp,
    /// What changed.
    pub edits: Vec<Edit>,
}

/// A change the merge will not apply, with why. Nothing of it is applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a change made on computer {device} cannot be merged: {reason}")]
pub struct Refused {
    /// The computer that made it (short form).
    pub device: String,
    /// Why, in words.
    pub reason: String,
}

/// A text version kept beside the one that shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// When and on which computer it was written.
    pub stamp: Stamp,
    /// The text.
    pub value: Value,
}

/// What a row shows after the merge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowView {
    /// Each field's value.
    pub fields: BTreeMap<String, Value>,
    /// Per text field, the versions changed at the same time as the one shown.
    pub conflicts: BTreeMap<String, Vec<Conflict>>,
    /// Whether the row is sealed (a finalised note).
    pub sealed: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct Version {
    value: Value,
    seen: Vec<Stamp>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct TextField {
    versions: BTreeMap<Stamp, Version>,
    /// Every stamp some version has seen: the versions that are not heads.
    seen: BTreeSet<Stamp>,
}

impl TextField {
    fn heads(&self) -> impl Iterator<Item = (&Stamp, &Version)> {
        self.versions.iter().filter(|(s, _)| !self.seen.contains(s))
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Seal {
    stamp: Stamp,
    field: String,
    value: Value,
    sealed: BTreeMap<String, Stamp>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Row {
    plain: BTreeMap<String, (Stamp, Value)>,
    texts: BTreeMap<String, TextField>,
    seal: Option<Seal>,
}

/// One computer's merged state of the tables in a [`Schema`].
#[derive(Debug, Clone)]
pub struct Replica {
    schema: Schema,
    rows: BTreeMap<RowKey, Row>,
    purged: BTreeMap<RowKey, Stamp>,
}

impl Replica {
    /// An empty replica.
    pub fn new(schema: Schema) -> Self {
        Replica { schema, rows: BTreeMap::new(), purged: BTreeMap::new() }
    }

    /// Applies a change, local or remote, in any order, any number of times. A change that
    /// names an unknown table or field, changes an append-only row's field twice within
    /// itself, or writes one text field twice, is refused whole.
    pub fn apply(&mut self, change: &Change) -> Result<(), Refused> {
        self.check(change)?;
        let stamp = change.stamp;
        for edit in &change.edits {
            match edit {
                Edit::Purge { row } => {
                    self.rows.remove(row);
                    let at = self.purged.entry(row.clone()).or_insert(stamp);
                    *at = (*at).min(stamp);
                }
                Edit::Set { row, .. } | Edit::Seal { row, .. } if self.purged.contains_key(row) => {}
                Edit::Set { row, field, value, seen } => {
                    let Some((append_only, rule)) = self.schema.rule(&row.table, field) else { continue };
                    let r = self.rows.entry(row.clone()).or_default();
                    match rule {
                        FieldRule::Text => {
                            let t = r.texts.entry(field.clone()).or_default();
                            t.seen.extend(seen.iter().copied().filter(|s| *s != stamp));
                            t.versions
                                .entry(stamp)
                                .or_insert_with(|| Version { value: value.clone(), seen: seen.clone() });
                        }
                        FieldRule::Lww => {
                            let slot = r.plain.entry(field.clone()).or_insert_with(|| (stamp, value.clone()));
                            let wins = if append_only { stamp < slot.0 } else { stamp > slot.0 };
                            if wins {
                                *slot = (stamp, value.clone());
                            }
                        }
                    }
                }
                Edit::Seal { row, field, value, sealed } => {
                    let r = self.rows.entry(row.clone()).or_default();
                    let earlier = r.seal.as_ref().is_none_or(|s| stamp < s.stamp);
                    if earlier {
                        r.seal = Some(Seal {
                            stamp,
                            field: field.clone(),
                            value: value.clone(),
                            sealed: sealed.iter().cloned().collect(),
                        });
                    }
                }
            }
        }
        Ok(())
    }

    fn check(&self, change: &Change) -> Result<(), Refused> {
        let refuse = |reason: String| Refused { device: change.stamp.device.to_string(), reason };
        let mut texts = BTreeSet::new();
        for edit in &change.edits {
            let (row, field) = match edit {
                Edit::Purge { row } => (row, None),
                Edit::Set { row, field, .. } => (row, Some(field)),
                Edit::Seal { row, field, .. } => (row, Some(field)),
            };
            if !self.schema.tables.iter().any(|t| t.name == row.table) {
                return Err(refuse(format!(
                    "it changes \"{}\", which this version of Wellkept does not know",
                    row.table
                )));
            }
            let Some(field) = field else { continue };
            let known = self.schema.rule(&row.table, field);
            match (edit, known) {
                (_, None) => {
                    return Err(refuse(format!(
                        "it changes the field \"{field}\" of \"{}\", which this version of Wellkept does not know",
                        row.table
                    )));
                }
                (Edit::Set { .. }, Some((_, FieldRule::Text))) if !texts.insert((row, field)) => {
                    return Err(refuse(format!("it writes \"{field}\" of one \"{}\" twice", row.table)));
                }
                (Edit::Seal { .. }, Some((_, FieldRule::Text))) => {
                    return Err(refuse(format!("it seals with the text field \"{field}\"")));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// What every live row shows. Two replicas that have applied the same changes, in any
    /// order, return equal views.
    pub fn view(&self) -> BTreeMap<RowKey, RowView> {
        self.rows.iter().map(|(key, row)| (key.clone(), view_of(row))).collect()
    }

    /// One row's view, if it is live.
    pub fn row(&self, key: &RowKey) -> Option<RowView> {
        self.rows.get(key).map(view_of)
    }

    /// The heads of a text field: what an edit of it has seen (the `seen` of its next
    /// [`Edit::Set`]).
    pub fn heads(&self, key: &RowKey, field: &str) -> Vec<Stamp> {
        let text = self.rows.get(key).and_then(|r| r.texts.get(field));
        text.map(|t| t.heads().map(|(s, _)| *s).collect()).unwrap_or_default()
    }

    /// The version of a text field that shows (the sealed one, or the latest head).
    pub fn shown(&self, key: &RowKey, field: &str) -> Option<Stamp> {
        let row = self.rows.get(key)?;
        shown_version(row, field, row.texts.get(field)?)
    }

    /// Rows erased for good, with the earliest stamp of their purge.
    pub fn purged(&self) -> &BTreeMap<RowKey, Stamp> {
        &self.purged
    }

    /// Every version of a text field ever merged here, oldest first.
    pub fn versions(&self, key: &RowKey, field: &str) -> Vec<(Stamp, Value)> {
        let text = self.rows.get(key).and_then(|r| r.texts.get(field));
        text.map(|t| t.versions.iter().map(|(s, v)| (*s, v.value.clone())).collect()).unwrap_or_default()
    }
}

/// The sealed version if the row is sealed (and that version has arrived), else the latest head.
fn shown_version(row: &Row, name: &str, text: &TextField) -> Option<Stamp> {
    let sealed = row.seal.as_ref().and_then(|s| s.sealed.get(name)).filter(|s| text.versions.contains_key(s));
    sealed.copied().or_else(|| text.heads().map(|(s, _)| *s).max())
}

fn view_of(row: &Row) -> RowView {
    let mut fields: BTreeMap<String, Value> = row.plain.iter().map(|(f, (_, v))| (f.clone(), v.clone())).collect();
    let mut conflicts = BTreeMap::new();
    for (name, text) in &row.texts {
        let Some(shown) = shown_version(row, name, text) else { continue };
        fields.insert(name.clone(), text.versions[&shown].value.clone());
        let others: Vec<Conflict> = text
            .heads()
            .filter(|(s, _)| **s != shown)
            .map(|(s, v)| Conflict { stamp: *s, value: v.value.clone() })
            .collect();
        if !others.is_empty() {
            conflicts.insert(name.clone(), others);
        }
    }
    if let Some(seal) = &row.seal {
        fields.insert(seal.field.clone(), seal.value.clone());
    }
    RowView { fields, conflicts, sealed: row.seal.is_some() }
}
