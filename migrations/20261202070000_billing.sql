-- Billing for a private practice (issue 14): fees per client, billable items made from
-- sessions, invoices and credit notes numbered without gaps, payments and refunds. Amounts are
-- integer minor units of the invoice's currency (pence, cents, yen, fils), never floats.
-- Nothing here is ever deleted except a draft invoice (which has no number) and an unbilled
-- item whose session was unmarked. Client ids carry no foreign key: a client purged from the
-- trash leaves their invoices (kept for the accounts) with the name they were issued to.

-- A client's own fee (a sliding scale), overriding the default fee for the session's length and mode.
CREATE TABLE billing_client_fees (
    client_id    TEXT PRIMARY KEY,
    fee_minor    INTEGER NOT NULL CHECK (fee_minor >= 0),
    updated_at   TEXT NOT NULL
) STRICT;

-- One billable thing: a session (attended, or a no-show / late cancellation when the policy
-- bills those), or one added by hand. At most one per occurrence.
CREATE TABLE billing_items (
    id               TEXT PRIMARY KEY,
    client_id        TEXT NOT NULL,
    appointment_id   TEXT,
    occurrence_start TEXT,
    kind             TEXT NOT NULL CHECK (kind IN ('session', 'no_show', 'late_cancellation', 'other')),
    service_date     TEXT NOT NULL,                -- the session's local day
    description      TEXT NOT NULL,
    currency         TEXT NOT NULL,
    amount_minor     INTEGER NOT NULL CHECK (amount_minor >= 0),
    discount_minor   INTEGER NOT NULL DEFAULT 0 CHECK (discount_minor >= 0 AND discount_minor <= amount_minor),
    written_off      INTEGER NOT NULL DEFAULT 0 CHECK (written_off IN (0, 1)),
    reason           TEXT,                         -- why it was adjusted, discounted or written off
    invoice_id       TEXT,                         -- the draft or issued invoice it is on
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (appointment_id, occurrence_start)
) STRICT;
CREATE INDEX billing_items_by_client ON billing_items(client_id, service_date);

-- Invoices and credit notes. A draft has no number; issuing gives it the next number in the
-- same durable write; a voided one keeps its number.
CREATE TABLE billing_invoices (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    number           INTEGER UNIQUE,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'void')),
    client_id        TEXT NOT NULL,
    bill_to          TEXT NOT NULL,                -- the client's name as on the invoice
    payer            TEXT,                         -- name and address of who pays, when not the client
    currency         TEXT NOT NULL,
    tax_rate_bp      INTEGER,                      -- hundredths of a percent; NULL: no tax
    subtotal_minor   INTEGER NOT NULL,
    tax_minor        INTEGER NOT NULL,
    total_minor      INTEGER NOT NULL,
    issued_on        TEXT,
    due_on           TEXT,
    business         TEXT,                         -- the mentor's business details as issued (JSON)
    credits_invoice  TEXT REFERENCES billing_invoices(id),
    void_reason      TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((status = 'draft') = (number IS NULL))
) STRICT;
CREATE INDEX billing_invoices_by_client ON billing_invoices(client_id);

CREATE TABLE billing_invoice_lines (
    invoice_id    TEXT NOT NULL REFERENCES billing_invoices(id),
    position      INTEGER NOT NULL,
    item_id       TEXT,
    description   TEXT NOT NULL,
    net_minor     INTEGER NOT NULL,
    tax_minor     INTEGER NOT NULL,
    PRIMARY KEY (invoice_id, position)
) STRICT;

-- Payments received against an invoice, and refunds paid back.
CREATE TABLE billing_payments (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
    invoice_id    TEXT NOT NULL REFERENCES billing_invoices(id),
    client_id     TEXT NOT NULL,
    currency      TEXT NOT NULL,
    amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
    method        TEXT NOT NULL,
    paid_on       TEXT NOT NULL,
    reference     TEXT,
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX billing_payments_by_client ON billing_payments(client_id, paid_on);
