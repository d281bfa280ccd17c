//! The merge of several computers' changes (issue 15, deliverable 7's property test of the
//! merge alone): random edits on 2–4 computers with skewed and backward-stepping clocks,
//! delivered to each other late, out of order and twice, must leave every computer with the
//! same records, and lose nothing anyone wrote except what was purged on purpose.
//!
//! The expected outcome is computed here from the log of every change, independently of the
//! merge's own data structures: the last write of each field by stamp, the heads of each text
//! (versions no other version has seen), the earliest seal, the first write of an append-only
//! row.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use std::collections::{BTreeMap, BTreeSet};
use wellkept::sync::{Change, Clock, DeviceId, Edit, FieldRule, Replica, RowKey, Schema, Stamp, TableRule};
use wellkept::vault::Value;

const SCHEMA: Schema = Schema {
    tables: &[
        TableRule {
            name: "journal_entries",
            append_only: false,
            fields: &[
                ("title", FieldRule::Lww),
                ("body", FieldRule::Text),
                ("mood", FieldRule::Lww),
                ("deleted_at", FieldRule::Lww),
            ],
        },
        TableRule {
            name: "session_notes",
            append_only: false,
            fields: &[
                ("client_id", FieldRule::Lww),
                ("summary", FieldRule::Text),
                ("plan", FieldRule::Text),
                ("finalised_at", FieldRule::Lww),
                ("deleted_at", FieldRule::Lww),
            ],
        },
        TableRule {
            name: "disclosures",
            append_only: true,
            fields: &[("client_id", FieldRule::Lww), ("recipient", FieldRule::Lww)],
        },
    ],
};

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

struct Computer {
    replica: Replica,
    clock: Clock,
    skew_ms: i64,
}

struct World {
    rng: StdRng,
    computers: Vec<Computer>,
    log: Vec<Change>,
    next_id: u32,
    step: i64,
}

impl World {
    fn new(seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let n = rng.gen_range(2..=4);
        let computers = (0..n)
            .map(|i| Computer {
                replica: Replica::new(SCHEMA),
                clock: Clock::new(DeviceId(u128::from(i as u32 + 1) << 96 | rng.r#gen::<u64>() as u128)),
                skew_ms: rng.gen_range(-5_000..5_000),
            })
            .collect();
        World { rng, computers, log: Vec::new(), next_id: 0, step: 0 }
    }

    /// The local wall clock of computer `d`: skewed, and now and then a step backwards.
    fn now(&mut self, d: usize) -> i64 {
        let back = if self.rng.gen_ratio(1, 10) { -self.rng.gen_range(0..3_000) } else { 0 };
        1_764_000_000_000 + self.step * 7 + self.computers[d].skew_ms + back
    }

    fn commit(&mut self, d: usize, edits: impl FnOnce(Stamp) -> Vec<Edit>) {
        let now = self.now(d);
        let stamp = self.computers[d].clock.tick(now);
        let change = Change { stamp, edits: edits(stamp) };
        self.computers[d].replica.apply(&change).expect("a local change applies");
        self.log.push(change);
    }

    fn deliver(&mut self, d: usize, change: &Change) {
        let c = &mut self.computers[d];
        c.clock.observe(change.stamp);
        c.replica.apply(change).expect("a remote change applies");
    }

    fn live_rows(&self, d: usize, table: &str) -> Vec<RowKey> {
        let view = self.computers[d].replica.view();
        view.into_iter().filter(|(k, v)| k.table == table && !v.sealed).map(|(k, _)| k).collect()
    }

    fn one_step(&mut self) {
        self.step += 1;
        let d = self.rng.gen_range(0..self.computers.len());
        let id = format!("r{}", self.next_id);
        let word = format!("w{}-{}", self.step, d);
        match self.rng.gen_range(0..12) {
            0 => {
                self.next_id += 1;
                let key = RowKey::new("journal_entries", &id);
                let mood = self.rng.gen_range(1..=10);
                self.commit(d, |_| {
                    vec![
                        Edit::Set { row: key.clone(), field: "title".into(), value: text(&word), seen: vec![] },
                        Edit::Set {
                            row: key.clone(),
                            field: "body".into(),
                            value: text(format!("body {word}")),
                            seen: vec![],
                        },
                        Edit::Set { row: key, field: "mood".into(), value: Value::Int(mood), seen: vec![] },
                    ]
                });
            }
            1 => {
                self.next_id += 1;
                let key = RowKey::new("session_notes", &id);
                self.commit(d, |_| {
                    vec![
                        Edit::Set { row: key.clone(), field: "client_id".into(), value: text("c1"), seen: vec![] },
                        Edit::Set {
                            row: key.clone(),
                            field: "summary".into(),
                            value: text(format!("summary {word}")),
                            seen: vec![],
                        },
                        Edit::Set { row: key, field: "plan".into(), value: text(format!("plan {word}")), seen: vec![] },
                    ]
                });
            }
            2..=4 => {
                // Edit a long text from what this computer shows.
                let table = if self.rng.gen_bool(0.5) { "journal_entries" } else { "session_notes" };
                let rows = self.live_rows(d, table);
                let Some(key) = rows.choose(&mut self.rng).cloned() else { return };
                let field = match table {
                    "journal_entries" => "body",
                    _ if self.rng.gen_bool(0.5) => "summary",
                    _ => "plan",
                };
                let seen = self.computers[d].replica.heads(&key, field);
                // Usually the edit starts from what shows (one head); when there is a
                // conflict, half the time the person resolves it (sees every head).
                let seen = if seen.len() > 1 && self.rng.gen_bool(0.5) {
                    seen
                } else {
                    self.computers[d].replica.shown(&key, field).into_iter().collect()
                };
                self.commit(d, |_| {
                    vec![Edit::Set { row: key, field: field.into(), value: text(format!("edit {word}")), seen }]
                });
            }
            5 => {
                let rows = self.live_rows(d, "journal_entries");
                let Some(key) = rows.choose(&mut self.rng).cloned() else { return };
                let (field, value) = if self.rng.gen_bool(0.5) {
                    ("title", text(&word))
                } else {
                    ("mood", Value::Int(self.rng.gen_range(1..=10)))
                };
                self.commit(d, |_| vec![Edit::Set { row: key, field: field.into(), value, seen: vec![] }]);
            }
            6 => {
                // To the trash, or back out of it.
                let table = if self.rng.gen_bool(0.5) { "journal_entries" } else { "session_notes" };
                let rows = self.live_rows(d, table);
                let Some(key) = rows.choose(&mut self.rng).cloned() else { return };
                let value = if self.rng.gen_bool(0.6) { text(format!("deleted {word}")) } else { Value::Null };
                self.commit(d, |_| vec![Edit::Set { row: key, field: "deleted_at".into(), value, seen: vec![] }]);
            }
            7 => {
                // Finalise a note as it shows here.
                let rows = self.live_rows(d, "session_notes");
                let Some(key) = rows.choose(&mut self.rng).cloned() else { return };
                let r = &self.computers[d].replica;
                let sealed: Vec<(String, Stamp)> =
                    ["summary", "plan"].iter().filter_map(|f| r.shown(&key, f).map(|s| ((*f).to_owned(), s))).collect();
                self.commit(d, |_| {
                    vec![Edit::Seal {
                        row: key,
                        field: "finalised_at".into(),
                        value: text(format!("final {word}")),
                        sealed,
                    }]
                });
            }
            8 if self.rng.gen_ratio(1, 3) => {
                // Erasure purges finalised notes too.
                let table = if self.rng.gen_bool(0.5) { "journal_entries" } else { "session_notes" };
                let rows: Vec<RowKey> =
                    self.computers[d].replica.view().into_keys().filter(|k| k.table == table).collect();
                let Some(key) = rows.choose(&mut self.rng).cloned() else { return };
                self.commit(d, |_| vec![Edit::Purge { row: key }]);
            }
            9 => {
                self.next_id += 1;
                let key = RowKey::new("disclosures", &id);
                self.commit(d, |_| {
                    vec![
                        Edit::Set { row: key.clone(), field: "client_id".into(), value: text("c1"), seen: vec![] },
                        Edit::Set {
                            row: key,
                            field: "recipient".into(),
                            value: text(format!("GP {word}")),
                            seen: vec![],
                        },
                    ]
                });
            }
            _ => {
                // The sync engine delivers a few changes, late and out of order, some twice.
                let n = self.rng.gen_range(1..=6);
                for _ in 0..n {
                    if self.log.is_empty() {
                        break;
                    }
                    let i = self.rng.gen_range(0..self.log.len());
                    let change = self.log[i].clone();
                    self.deliver(d, &change);
                }
            }
        }
    }
}

/// What every computer must show, worked out from the log alone.
fn expected(log: &[Change]) -> Expected {
    let mut e = Expected::default();
    for change in log {
        for edit in &change.edits {
            match edit {
                Edit::Purge { row } => {
                    e.purged.insert(row.clone());
                }
                Edit::Set { row, field, value, seen } => {
                    let text_field = matches!(
                        (row.table.as_str(), field.as_str()),
                        ("journal_entries", "body") | ("session_notes", "summary" | "plan")
                    );
                    if text_field {
                        let versions = e.texts.entry((row.clone(), field.clone())).or_default();
                        versions.insert(change.stamp, (value.clone(), seen.clone()));
                    } else {
                        let append_only = row.table == "disclosures";
                        let slot = e.plain.entry((row.clone(), field.clone())).or_insert((change.stamp, value.clone()));
                        if (append_only && change.stamp < slot.0) || (!append_only && change.stamp > slot.0) {
                            *slot = (change.stamp, value.clone());
                        }
                    }
                }
                Edit::Seal { row, field, value, sealed } => {
                    let slot = e.seals.entry(row.clone()).or_insert((
                        change.stamp,
                        field.clone(),
                        value.clone(),
                        sealed.clone(),
                    ));
                    if change.stamp < slot.0 {
                        *slot = (change.stamp, field.clone(), value.clone(), sealed.clone());
                    }
                }
            }
        }
    }
    e
}

type TextVersions = BTreeMap<Stamp, (Value, Vec<Stamp>)>;
/// The winning seal of a row: its stamp, field, value and the versions it named.
type SealSeen = (Stamp, String, Value, Vec<(String, Stamp)>);

#[derive(Default)]
struct Expected {
    purged: BTreeSet<RowKey>,
    plain: BTreeMap<(RowKey, String), (Stamp, Value)>,
    texts: BTreeMap<(RowKey, String), TextVersions>,
    seals: BTreeMap<RowKey, SealSeen>,
}

fn check_against_log(replica: &Replica, log: &[Change], conflicts_seen: &mut usize) {
    let e = expected(log);
    let view = replica.view();
    for key in &e.purged {
        assert!(!view.contains_key(key), "{key:?} was purged but still shows");
    }
    for ((key, field), (_, value)) in &e.plain {
        if e.purged.contains(key) {
            continue;
        }
        if e.seals.get(key).is_some_and(|s| &s.1 == field) {
            continue;
        }
        assert_eq!(view[key].fields.get(field), Some(value), "{key:?}.{field}: the last write by stamp");
    }
    for (key, (_, field, value, _)) in &e.seals {
        if !e.purged.contains(key) {
            assert!(view[key].sealed);
            assert_eq!(view[key].fields.get(field), Some(value), "{key:?}: the earliest seal stands");
        }
    }
    for ((key, field), versions) in &e.texts {
        if e.purged.contains(key) {
            continue;
        }
        // Nothing written is lost: every version is kept.
        let kept: Vec<Stamp> = replica.versions(key, field).into_iter().map(|(s, _)| s).collect();
        assert_eq!(kept, versions.keys().copied().collect::<Vec<_>>(), "{key:?}.{field}: every version kept");
        let seen: BTreeSet<Stamp> = versions.values().flat_map(|(_, s)| s.iter().copied()).collect();
        let heads: Vec<Stamp> = versions.keys().copied().filter(|s| !seen.contains(s)).collect();
        let sealed = e.seals.get(key).and_then(|s| s.3.iter().find(|(f, _)| f == field).map(|(_, s)| *s));
        let shown = sealed.unwrap_or_else(|| *heads.iter().max().expect("a text has a head"));
        let row = &view[key];
        assert_eq!(row.fields.get(field), Some(&versions[&shown].0), "{key:?}.{field}: the shown version");
        let expected_conflicts: Vec<Stamp> = heads.iter().copied().filter(|s| *s != shown).collect();
        let conflicts: Vec<Stamp> =
            row.conflicts.get(field).map(|c| c.iter().map(|c| c.stamp).collect()).unwrap_or_default();
        assert_eq!(conflicts, expected_conflicts, "{key:?}.{field}: every other head is a conflict");
        *conflicts_seen += conflicts.len();
    }
}

#[test]
fn random_edits_on_two_to_four_computers_delivered_in_any_order_end_identical_and_lose_nothing() {
    let (mut conflicts, mut sealed, mut purged, mut changes) = (0, 0, 0, 0);
    for seed in 0..300_u64 {
        let mut world = World::new(seed);
        let steps = world.rng.gen_range(20..120);
        for _ in 0..steps {
            world.one_step();
        }
        // The engines settle: every computer receives everything, shuffled, some twice.
        let log = world.log.clone();
        for d in 0..world.computers.len() {
            let mut order: Vec<&Change> = log.iter().chain(log.iter().filter(|_| world.rng.gen_ratio(1, 4))).collect();
            order.shuffle(&mut world.rng);
            for change in order {
                world.deliver(d, change);
            }
        }
        let first = world.computers[0].replica.view();
        for (d, c) in world.computers.iter().enumerate().skip(1) {
            assert_eq!(c.replica.view(), first, "seed {seed}: computer {d} differs from computer 0");
            assert_eq!(c.replica.purged(), world.computers[0].replica.purged(), "seed {seed}: purges differ");
        }
        // The same as applying the log once, in stamp order, on a fresh computer.
        let mut sorted = log.clone();
        sorted.sort_by_key(|c| c.stamp);
        let mut fresh = Replica::new(SCHEMA);
        for change in &sorted {
            fresh.apply(change).expect("applies");
        }
        assert_eq!(fresh.view(), first, "seed {seed}: order changed the outcome");
        check_against_log(&world.computers[0].replica, &log, &mut conflicts);
        sealed += first.values().filter(|v| v.sealed).count();
        purged += world.computers[0].replica.purged().len();
        changes += log.len();
    }
    // The runs exercised what they claim to (figures for the test log).
    println!("{changes} changes, {conflicts} conflicts left showing, {sealed} sealed notes, {purged} purges");
    assert!(conflicts > 50 && sealed > 50 && purged > 20, "{conflicts} {sealed} {purged}");
}

fn device(n: u8) -> DeviceId {
    DeviceId(u128::from(n) << 96)
}

#[test]
fn a_section_edited_on_two_computers_shows_the_later_one_and_keeps_the_other_as_a_conflict_until_chosen() {
    let note = RowKey::new("session_notes", "n1");
    let (mut office, mut laptop) = (Clock::new(device(1)), Clock::new(device(2)));
    let (mut a, mut b) = (Replica::new(SCHEMA), Replica::new(SCHEMA));
    let set = |seen: Vec<Stamp>, value: &str| Edit::Set {
        row: note.clone(),
        field: "summary".into(),
        value: text(value),
        seen,
    };
    let first = Change { stamp: office.tick(1_000), edits: vec![set(vec![], "Talked about sleep.")] };
    a.apply(&first).unwrap();
    b.apply(&first).unwrap();
    laptop.observe(first.stamp);
    // Both computers edit from the common version before either sees the other's edit.
    let on_office =
        Change { stamp: office.tick(2_000), edits: vec![set(vec![first.stamp], "Talked about sleep and work.")] };
    let on_laptop =
        Change { stamp: laptop.tick(2_500), edits: vec![set(vec![first.stamp], "Talked about sleep; new plan.")] };
    a.apply(&on_office).unwrap();
    b.apply(&on_laptop).unwrap();
    a.apply(&on_laptop).unwrap();
    b.apply(&on_office).unwrap();
    let view = a.row(&note).unwrap();
    assert_eq!(view, b.row(&note).unwrap());
    assert_eq!(view.fields["summary"], text("Talked about sleep; new plan."), "the later edit shows");
    let conflict = &view.conflicts["summary"];
    assert_eq!(conflict.len(), 1);
    assert_eq!((conflict[0].stamp.device.to_string(), conflict[0].stamp.wall_ms), ("00000001".to_owned(), 2_000));
    assert_eq!(conflict[0].value, text("Talked about sleep and work."), "the other is kept, not lost");
    // The person chooses on the office computer: a version that has seen both heads.
    let heads = a.heads(&note, "summary");
    assert_eq!(heads, vec![on_office.stamp, on_laptop.stamp]);
    let chosen =
        Change { stamp: office.tick(3_000), edits: vec![set(heads, "Talked about sleep and work; new plan.")] };
    a.apply(&chosen).unwrap();
    b.apply(&chosen).unwrap();
    assert_eq!(a.row(&note).unwrap().conflicts, BTreeMap::new());
    assert_eq!(a.row(&note), b.row(&note));
    assert_eq!(a.versions(&note, "summary").len(), 4, "every version is still there for the revision history");
}

#[test]
fn a_finalised_note_stays_as_signed_when_an_edit_made_elsewhere_arrives_later() {
    let note = RowKey::new("session_notes", "n1");
    let (mut office, mut laptop) = (Clock::new(device(1)), Clock::new(device(2)));
    let mut a = Replica::new(SCHEMA);
    let v1 = Change {
        stamp: office.tick(1_000),
        edits: vec![Edit::Set { row: note.clone(), field: "summary".into(), value: text("As signed."), seen: vec![] }],
    };
    a.apply(&v1).unwrap();
    laptop.observe(v1.stamp);
    // The laptop's clock is ahead: its unseen edit has the later stamp.
    let edit = Change {
        stamp: laptop.tick(9_000),
        edits: vec![Edit::Set {
            row: note.clone(),
            field: "summary".into(),
            value: text("Edited elsewhere."),
            seen: vec![v1.stamp],
        }],
    };
    let seal = Change {
        stamp: office.tick(2_000),
        edits: vec![Edit::Seal {
            row: note.clone(),
            field: "finalised_at".into(),
            value: text("2026-12-02T10:00:00Z"),
            sealed: vec![("summary".into(), v1.stamp)],
        }],
    };
    a.apply(&seal).unwrap();
    a.apply(&edit).unwrap();
    let view = a.row(&note).unwrap();
    assert!(view.sealed);
    assert_eq!(view.fields["summary"], text("As signed."));
    assert_eq!(view.fields["finalised_at"], text("2026-12-02T10:00:00Z"));
    assert_eq!(view.conflicts["summary"][0].value, text("Edited elsewhere."), "shown beside it, never inside it");
    // A later attempt to clear the finalisation by a plain write changes nothing that shows.
    let unfinalise = Change {
        stamp: laptop.tick(10_000),
        edits: vec![Edit::Set { row: note.clone(), field: "finalised_at".into(), value: Value::Null, seen: vec![] }],
    };
    a.apply(&unfinalise).unwrap();
    assert_eq!(a.row(&note).unwrap().fields["finalised_at"], text("2026-12-02T10:00:00Z"));
}

#[test]
fn a_purge_erases_the_row_everywhere_and_later_edits_do_not_bring_it_back() {
    let entry = RowKey::new("journal_entries", "e1");
    let mut c = Clock::new(device(1));
    let create = Change {
        stamp: c.tick(1),
        edits: vec![Edit::Set { row: entry.clone(), field: "title".into(), value: text("secret"), seen: vec![] }],
    };
    let purge = Change { stamp: c.tick(2), edits: vec![Edit::Purge { row: entry.clone() }] };
    let mut other = Clock::new(device(2));
    let late_edit = Change {
        stamp: other.tick(50),
        edits: vec![Edit::Set { row: entry.clone(), field: "mood".into(), value: Value::Int(3), seen: vec![] }],
    };
    for order in [[&create, &purge, &late_edit], [&late_edit, &purge, &create], [&purge, &create, &late_edit]] {
        let mut r = Replica::new(SCHEMA);
        for change in order {
            r.apply(change).unwrap();
        }
        assert_eq!(r.view(), BTreeMap::new(), "nothing of the row remains");
        assert_eq!(r.purged().keys().collect::<Vec<_>>(), vec![&entry]);
    }
}

#[test]
fn a_change_for_an_unknown_table_or_field_is_refused_whole_with_a_reason() {
    let mut r = Replica::new(SCHEMA);
    let stamp = Clock::new(device(3)).tick(1);
    let ok = Edit::Set {
        row: RowKey::new("journal_entries", "e1"),
        field: "title".into(),
        value: text("kept?"),
        seen: vec![],
    };
    let unknown = Edit::Set {
        row: RowKey::new("journal_entries", "e1"),
        field: "colour".into(),
        value: text("red"),
        seen: vec![],
    };
    let err = r.apply(&Change { stamp, edits: vec![ok.clone(), unknown] }).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a change made on computer 00000003 cannot be merged: it changes the field \"colour\" of \"journal_entries\", which this version of Wellkept does not know"
    );
    assert_eq!(r.view(), BTreeMap::new(), "no part of a refused change is applied");
    let err = r.apply(&Change { stamp, edits: vec![Edit::Purge { row: RowKey::new("invoices", "i1") }] }).unwrap_err();
    assert!(err.reason.contains("\"invoices\""), "{err}");
}
