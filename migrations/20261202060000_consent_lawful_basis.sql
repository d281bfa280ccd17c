-- The lawful basis of a consent record (GDPR Art. 6(1)) and, for health data, the Art. 9(2)
-- condition that lifts the ban on processing it. Nullable: consents recorded before this
-- migration have no basis on record and are shown as "not recorded"; the core refuses a new
-- consent without a basis (docs/decisions.md 47).
ALTER TABLE consents ADD COLUMN lawful_basis TEXT
    CHECK (lawful_basis IS NULL OR lawful_basis IN
        ('consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests'));
ALTER TABLE consents ADD COLUMN art9_condition TEXT
    CHECK (art9_condition IS NULL OR art9_condition IN
        ('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'other'));
-- The condition in the mentor's words when it is "other"; NULL otherwise.
ALTER TABLE consents ADD COLUMN art9_other TEXT;
CREATE INDEX disclosures_by_consent ON disclosures(consent_id);
