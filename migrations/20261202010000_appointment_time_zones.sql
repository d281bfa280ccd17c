-- Appointments keep their start as a local date-time in an IANA time zone, so a weekly 10:00
-- stays 10:00 on the local clock when the clocks change (docs/decisions.md, 39). `starts_at`
-- and `ends_at` stay: the UTC instants of the first session, for ordering and its length.
--
-- SQL cannot convert an instant to a zone's local time, so this file gives every existing
-- appointment the zone 'UTC' and its UTC wall time (which names exactly the instants it had).
-- Right after this migration runs, the vault moves them to this computer's time zone in Rust
-- (`practice::appointments::adopt_local_zone`): same first instant, local time in that zone,
-- and recorded outcomes re-keyed to the occurrences they belonged to.
ALTER TABLE appointments ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE appointments ADD COLUMN local_start TEXT;
UPDATE appointments SET local_start = strftime('%Y-%m-%dT%H:%M:%S', starts_at);
