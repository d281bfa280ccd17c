-- Consent records and the disclosure log. Neither is ever deleted: consent is withdrawn (dated),
-- and the disclosure log is append-only, because both are the record of what was agreed and
-- what was shared. `client_id` NULL = the vault owner.
CREATE TABLE consents (
    id            TEXT PRIMARY KEY NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    client_id     TEXT,
    scope         TEXT NOT NULL,          -- what was consented to, in the client's words
    given_on      TEXT NOT NULL,
    expires_on    TEXT,
    withdrawn_on  TEXT,
    notes         TEXT NOT NULL DEFAULT '',
    CHECK (expires_on IS NULL OR expires_on >= given_on),
    CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
) STRICT;
CREATE INDEX consents_by_client ON consents(client_id, given_on);

CREATE TABLE disclosures (
    id            TEXT PRIMARY KEY NOT NULL,
    created_at    TEXT NOT NULL,
    client_id     TEXT,
    what          TEXT NOT NULL,          -- what was shared
    recipient     TEXT NOT NULL,          -- to whom
    disclosed_on  TEXT NOT NULL,
    basis         TEXT NOT NULL CHECK (basis IN ('consent', 'legal_duty')),
    consent_id    TEXT REFERENCES consents(id),
    legal_basis   TEXT,                   -- the duty and why it applied
    notes         TEXT NOT NULL DEFAULT '',
    CHECK ((basis = 'consent' AND consent_id IS NOT NULL AND legal_basis IS NULL)
        OR (basis = 'legal_duty' AND consent_id IS NULL AND legal_basis IS NOT NULL))
) STRICT;
CREATE INDEX disclosures_by_client ON disclosures(client_id, disclosed_on);
