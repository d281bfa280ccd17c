-- The crisis-line directory: numbers to call or text in a crisis, by country (ISO 3166-1
-- alpha-2; 'INT' for services that work across borders). Built-in lines are seeded here with
-- fixed ids and a fixed timestamp (deterministic on every open); the user can edit them, hide
-- them and add their own. Built-ins are hidden, never deleted, so a restore brings them back.
CREATE TABLE crisis_lines (
    id           TEXT PRIMARY KEY NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    country      TEXT NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('emergency', 'call', 'text', 'call_or_text', 'web')),
    contact      TEXT NOT NULL,            -- number, short code, or web address
    description  TEXT NOT NULL DEFAULT '', -- how to use it ("Text SHOUT to 85258") and for whom
    hours        TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 100,
    built_in     INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
    hidden       INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    deleted_at   TEXT
) STRICT;
CREATE INDEX crisis_lines_by_country ON crisis_lines(country, position);

INSERT INTO crisis_lines(id, created_at, updated_at, country, name, kind, contact, description, hours, position, built_in) VALUES
 ('builtin-gb-emergency', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'GB', 'Emergency services', 'emergency', '999',
  'If a life is at risk right now. 112 also works.', '24/7', 0, 1),
 ('builtin-gb-samaritans', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'GB', 'Samaritans', 'call', '116 123',
  'Free, confidential, to talk about anything that is troubling you.', '24/7', 10, 1),
 ('builtin-gb-shout', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'GB', 'Shout', 'text', '85258',
  'Text SHOUT to 85258 for free, confidential text support.', '24/7', 20, 1),
 ('builtin-gb-nhs111', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'GB', 'NHS 111 — mental health (England)', 'call', '111',
  'Call 111 and choose option 2 for urgent mental health help.', '24/7', 30, 1),
 ('builtin-us-emergency', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'US', 'Emergency services', 'emergency', '911',
  'If a life is at risk right now.', '24/7', 0, 1),
 ('builtin-us-988', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'US', '988 Suicide & Crisis Lifeline', 'call_or_text', '988',
  'Call or text 988, or chat at 988lifeline.org.', '24/7', 10, 1),
 ('builtin-us-crisis-text-line', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'US', 'Crisis Text Line', 'text', '741741',
  'Text HOME to 741741.', '24/7', 20, 1),
 ('builtin-ca-emergency', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'CA', 'Emergency services', 'emergency', '911',
  'If a life is at risk right now.', '24/7', 0, 1),
 ('builtin-ca-988', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'CA', '9-8-8 Suicide Crisis Helpline', 'call_or_text', '988',
  'Call or text 988.', '24/7', 10, 1),
 ('builtin-ie-emergency', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'IE', 'Emergency services', 'emergency', '112',
  'If a life is at risk right now. 999 also works.', '24/7', 0, 1),
 ('builtin-ie-samaritans', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'IE', 'Samaritans', 'call', '116 123',
  'Free, confidential, to talk about anything that is troubling you.', '24/7', 10, 1),
 ('builtin-au-emergency', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'AU', 'Emergency services', 'emergency', '000',
  'If a life is at risk right now.', '24/7', 0, 1),
 ('builtin-au-lifeline', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'AU', 'Lifeline', 'call', '13 11 14',
  'Crisis support and suicide prevention.', '24/7', 10, 1),
 ('builtin-nz-emergency', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'NZ', 'Emergency services', 'emergency', '111',
  'If a life is at risk right now.', '24/7', 0, 1),
 ('builtin-nz-1737', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'NZ', '1737, Need to talk?', 'call_or_text', '1737',
  'Free call or text 1737 to talk with a trained counsellor.', '24/7', 10, 1),
 ('builtin-int-112', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'INT', 'Emergency number 112', 'emergency', '112',
  'Reaches emergency services from mobile phones across the EU and in many other countries.', '24/7', 0, 1),
 ('builtin-int-findahelpline', '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'INT', 'Find A Helpline', 'web', 'https://findahelpline.com',
  'Free, confidential helplines in many countries, searchable by country and topic.', '', 10, 1);
