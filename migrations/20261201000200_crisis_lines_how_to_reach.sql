-- How to reach each crisis line, in parts the window can put together ("Text SHOUT to 85258",
-- "Call 111, then choose option 2") instead of a bare number (issue 8): the words to text, and
-- the option to choose in a phone menu. Empty means none.
ALTER TABLE crisis_lines ADD COLUMN text_keyword TEXT NOT NULL DEFAULT '';
ALTER TABLE crisis_lines ADD COLUMN menu_option TEXT NOT NULL DEFAULT '';

-- The built-in lines that need them. A line the person has already edited keeps their words;
-- only the seeded wording is touched. Each built-in's description now says who it is for, as
-- the how-to-reach is shown beside it.
UPDATE crisis_lines SET text_keyword = 'SHOUT', description = 'Free, confidential text support for anyone who is struggling.'
 WHERE id = 'builtin-gb-shout' AND text_keyword = '' AND description = 'Text SHOUT to 85258 for free, confidential text support.';
UPDATE crisis_lines SET text_keyword = 'HOME', description = 'Free, confidential text support with a trained volunteer.'
 WHERE id = 'builtin-us-crisis-text-line' AND text_keyword = '' AND description = 'Text HOME to 741741.';
UPDATE crisis_lines SET menu_option = '2', description = 'Urgent mental health help in England, for any age.'
 WHERE id = 'builtin-gb-nhs111' AND menu_option = '' AND description = 'Call 111 and choose option 2 for urgent mental health help.';
UPDATE crisis_lines SET description = 'Free, confidential support in a suicidal or mental health crisis. You can also chat at 988lifeline.org.'
 WHERE id = 'builtin-us-988' AND description = 'Call or text 988, or chat at 988lifeline.org.';
UPDATE crisis_lines SET description = 'Free, confidential support if you are thinking about suicide.'
 WHERE id = 'builtin-ca-988' AND description = 'Call or text 988.';
UPDATE crisis_lines SET description = 'Free, to talk with a trained counsellor.'
 WHERE id = 'builtin-nz-1737' AND description = 'Free call or text 1737 to talk with a trained counsellor.';

-- Germany was in the window's locked-screen list but not in the vault's directory; now both
-- come from one list (src/clinical/crisis_lines.rs, BUILT_IN_CRISIS_LINES, checked by a test).
INSERT OR IGNORE INTO crisis_lines(id, created_at, updated_at, country, name, kind, contact, description, hours, position, built_in) VALUES
 ('builtin-de-emergency', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', 'DE', 'Emergency services', 'emergency', '112',
  'If a life is at risk right now.', '24/7', 0, 1),
 ('builtin-de-telefonseelsorge', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', 'DE', 'TelefonSeelsorge', 'call', '0800 111 0 111',
  'Free and anonymous, to talk about anything. 0800 111 0 222 also works.', '24/7', 10, 1);
