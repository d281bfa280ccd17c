//! The daily check-in reminder: whether it is due now, and what it says.
//!
//! The setting (off by default; a time of day; journal, mood or both) is kept in the vault by
//! `crate::settings`. The desktop shell's reminder loop asks [`time_reached`] on each tick with
//! the wall-clock time in this computer's time zone and, once it is, whether today's journal entry
//! and mood check-in exist ([`checked_in_on`]); [`reminder_body`] says what is missing, or
//! nothing when all is done. The loop remembers the day it last decided, so the reminder comes
//! at most once a day.
//!
//! The notification names no person and shows no content: it can appear over other windows or
//! on a locked screen.

use chrono::{NaiveDate, NaiveDateTime};

use crate::Result;
use crate::params;
use crate::settings::{CheckInKind, DailyReminder};
use crate::vault::Vault;

/// The notification's title.
pub const TITLE: &str = "Time for your daily check-in";

/// What is already done on one calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CheckedIn {
    /// A journal entry dated that day (not in the trash).
    pub journal: bool,
    /// A mood check-in for that day (not in the trash).
    pub mood: bool,
}

/// Whether the reminder's time has come on `now`'s local day and it has not yet been decided on
/// that day (`decided_on`, the day the loop last acted on it). `now` is the wall-clock time in
/// this computer's time zone, so "20:00" means 20:00 on the clock on the wall, in summer and
/// winter: on the day the clocks go forward past the chosen time, it comes at the first moment
/// after the gap; on the day they go back, at the first of the two.
pub fn time_reached(reminder: &DailyReminder, now: NaiveDateTime, decided_on: Option<NaiveDate>) -> bool {
    let Ok(at) = reminder.time_of_day() else { return false };
    reminder.enabled && decided_on != Some(now.date()) && now.time() >= at
}

/// What the reminder says, given what is done today; `None` when nothing it is about is missing.
pub fn reminder_body(what: CheckInKind, done: CheckedIn) -> Option<&'static str> {
    let journal = matches!(what, CheckInKind::Journal | CheckInKind::Both) && !done.journal;
    let mood = matches!(what, CheckInKind::Mood | CheckInKind::Both) && !done.mood;
    match (journal, mood) {
        (true, true) => Some("Write today's journal entry and record your mood in Wellkept."),
        (true, false) => Some("Write today's journal entry in Wellkept."),
        (false, true) => Some("Record your mood for today in Wellkept."),
        (false, false) => None,
    }
}

/// Whether a journal entry and a mood check-in exist for `day` (outside the trash).
pub async fn checked_in_on(vault: &Vault, day: NaiveDate) -> Result<CheckedIn> {
    let (journal, mood): (bool, bool) = vault
        .fetch_one(
            "SELECT EXISTS (SELECT 1 FROM journal_entries WHERE entry_date = ?1 AND deleted_at IS NULL), \
                    EXISTS (SELECT 1 FROM mood_checkins WHERE day = ?1 AND deleted_at IS NULL)",
            params![day],
        )
        .await?;
    Ok(CheckedIn { journal, mood })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::entries::{self, NewJournalEntry};
    use crate::journal::mood::{self, NewMoodCheckIn};
    use crate::vault::CreateOptions;
    use chrono::{DateTime, FixedOffset, TimeDelta, Utc};

    fn at(time: &str) -> DailyReminder {
        DailyReminder { enabled: true, time: time.into(), what: CheckInKind::Both }
    }

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").expect("a local time")
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a day")
    }

    /// London's wall clock in 2026: GMT, and BST (+1) from 01:00 UTC on 29 March to 01:00 UTC on
    /// 25 October, as the loop reads it through `Local` with `TZ=Europe/London`.
    fn london(utc: &str) -> NaiveDateTime {
        let t: DateTime<Utc> = utc.parse().expect("a UTC time");
        let summer = t >= "2026-03-29T01:00:00Z".parse::<DateTime<Utc>>().expect("start")
            && t < "2026-10-25T01:00:00Z".parse::<DateTime<Utc>>().expect("end");
        let offset = FixedOffset::east_opt(if summer { 3600 } else { 0 }).expect("offset");
        t.with_timezone(&offset).naive_local()
    }

    /// Runs the loop's decision every minute from `from` for `minutes` (UTC, London's clock) and
    /// returns the local times at which the reminder came.
    fn minutes_it_comes(reminder: &DailyReminder, from: &str, minutes: i64) -> Vec<NaiveDateTime> {
        let start: DateTime<Utc> = from.parse().expect("a UTC time");
        let mut decided_on = None;
        let mut came = Vec::new();
        for m in 0..minutes {
            let now = london(&(start + TimeDelta::minutes(m)).to_rfc3339());
            if time_reached(reminder, now, decided_on) {
                decided_on = Some(now.date());
                came.push(now);
            }
        }
        came
    }

    #[test]
    fn off_never_comes_and_on_comes_at_or_after_the_time() {
        let off = DailyReminder { enabled: false, ..at("09:30") };
        assert!(!time_reached(&off, local("2026-04-02 12:00:00"), None));
        let on = at("09:30");
        assert!(!time_reached(&on, local("2026-04-02 09:29:59"), None), "a second early");
        assert!(time_reached(&on, local("2026-04-02 09:30:00"), None), "on the minute");
        assert!(time_reached(&on, local("2026-04-02 15:00:00"), None), "the app opened later that day");
        assert!(!time_reached(&on, local("2026-04-02 15:00:00"), Some(day("2026-04-02"))), "once a day");
    }

    #[test]
    fn across_midnight_it_comes_once_on_each_day_at_its_time() {
        // 22:00 on 1 April to 23:59 on 2 April, London summer time: 23:30 twice, one per day.
        let came = minutes_it_comes(&at("23:30"), "2026-04-01T21:00:00Z", 26 * 60);
        assert_eq!(came, vec![local("2026-04-01 23:30:00"), local("2026-04-02 23:30:00")]);
        // Told late on the 1st, the reminder is not repeated after midnight before its time...
        assert!(!time_reached(&at("23:30"), local("2026-04-02 00:05:00"), Some(day("2026-04-01"))));
        // ...and one at midnight comes on the new day even though it came yesterday.
        assert!(time_reached(&at("00:00"), local("2026-04-02 00:00:00"), Some(day("2026-04-01"))));
    }

    #[test]
    fn when_the_clocks_go_forward_past_its_time_it_comes_straight_after_the_gap() {
        // 29 March 2026: London's clocks jump from 01:00 GMT to 02:00 BST; 01:30 never happens.
        let came = minutes_it_comes(&at("01:30"), "2026-03-29T00:00:00Z", 3 * 60);
        assert_eq!(came, vec![local("2026-03-29 02:00:00")]);
        // A time after the gap keeps its wall-clock time (09:00 BST is 08:00 UTC).
        let came = minutes_it_comes(&at("09:00"), "2026-03-29T06:00:00Z", 4 * 60);
        assert_eq!(came, vec![local("2026-03-29 09:00:00")]);
    }

    #[test]
    fn when_the_clocks_go_back_it_comes_at_the_first_of_the_two_times_only() {
        // 25 October 2026: 01:00–01:59 happens twice (BST, then GMT).
        let came = minutes_it_comes(&at("01:30"), "2026-10-24T23:00:00Z", 4 * 60);
        assert_eq!(came, vec![local("2026-10-25 01:30:00")]);
        assert_eq!(london("2026-10-25T00:30:00Z"), local("2026-10-25 01:30:00"), "the first 01:30 is BST");
        // 20:00 stays 20:00 on the wall clock after the change (20:00 GMT, no longer 19:00 UTC).
        let came = minutes_it_comes(&at("20:00"), "2026-10-25T18:00:00Z", 3 * 60);
        assert_eq!(came, vec![local("2026-10-25 20:00:00")]);
    }

    #[test]
    fn the_body_says_what_is_missing_and_nothing_when_all_is_done() {
        let none = CheckedIn::default();
        let journal = CheckedIn { journal: true, mood: false };
        let mood = CheckedIn { journal: false, mood: true };
        let both = CheckedIn { journal: true, mood: true };
        use CheckInKind::*;
        assert_eq!(reminder_body(Both, none), Some("Write today's journal entry and record your mood in Wellkept."));
        assert_eq!(reminder_body(Both, journal), Some("Record your mood for today in Wellkept."));
        assert_eq!(reminder_body(Both, mood), Some("Write today's journal entry in Wellkept."));
        assert_eq!(reminder_body(Both, both), None);
        assert_eq!(reminder_body(Journal, mood), Some("Write today's journal entry in Wellkept."));
        assert_eq!(reminder_body(Journal, journal), None);
        assert_eq!(reminder_body(Mood, journal), Some("Record your mood for today in Wellkept."));
        assert_eq!(reminder_body(Mood, mood), None);
    }

    #[tokio::test]
    async fn checked_in_on_counts_only_that_days_records_outside_the_trash() {
        let dir = tempfile::tempdir().expect("tempdir");
        let options = CreateOptions { passphrase: None, use_keychain: false, ..CreateOptions::default() };
        let created = crate::vault::Vault::create(&dir.path().join("vault"), options).await.expect("create");
        let v = &created.vault;
        let today = day("2026-04-02");
        assert_eq!(checked_in_on(v, today).await.expect("read"), CheckedIn::default());
        let entry =
            NewJournalEntry { entry_date: Some(day("2026-04-01")), body: "Yesterday".into(), ..Default::default() };
        entries::add_entry(v, entry).await.expect("yesterday's entry");
        assert_eq!(checked_in_on(v, today).await.expect("read"), CheckedIn::default(), "yesterday's does not count");
        let entry = NewJournalEntry { entry_date: Some(today), body: "Today".into(), ..Default::default() };
        let written = entries::add_entry(v, entry).await.expect("today's entry");
        assert_eq!(checked_in_on(v, today).await.expect("read"), CheckedIn { journal: true, mood: false });
        let at = DateTime::parse_from_rfc3339("2026-04-02T09:00:00+01:00").expect("a time");
        let checkin = NewMoodCheckIn { at: Some(at), mood: Some(6), ..Default::default() };
        mood::add_mood_checkin(v, checkin).await.expect("today's mood");
        assert_eq!(checked_in_on(v, today).await.expect("read"), CheckedIn { journal: true, mood: true });
        entries::delete_entry(v, &written.id).await.expect("to the trash");
        assert_eq!(checked_in_on(v, today).await.expect("read"), CheckedIn { journal: false, mood: true });
    }
}
