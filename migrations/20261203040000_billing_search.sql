-- Invoices and credit notes in search (issue 14, deliverable 6): found by their number
-- ("INV-0002", "CN-0005") and by the name billed to or the payer, never by line descriptions
-- (no session content is indexed). The index keeps its own copy of those three texts because the
-- number as people write it is not a column; triggers keep it in step with billing_invoices.
CREATE VIRTUAL TABLE billing_invoices_fts USING fts5(
    number, bill_to, payer, tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER billing_invoices_ai AFTER INSERT ON billing_invoices BEGIN
    INSERT INTO billing_invoices_fts(rowid, number, bill_to, payer)
    VALUES (new.rowid,
            CASE WHEN new.number IS NULL THEN ''
                 WHEN new.kind = 'invoice' THEN 'INV-' || printf('%04d', new.number)
                 ELSE 'CN-' || printf('%04d', new.number) END,
            new.bill_to, coalesce(new.payer, ''));
END;
CREATE TRIGGER billing_invoices_ad AFTER DELETE ON billing_invoices BEGIN
    DELETE FROM billing_invoices_fts WHERE rowid = old.rowid;
END;
CREATE TRIGGER billing_invoices_au AFTER UPDATE OF number, kind, bill_to, payer ON billing_invoices BEGIN
    DELETE FROM billing_invoices_fts WHERE rowid = old.rowid;
    INSERT INTO billing_invoices_fts(rowid, number, bill_to, payer)
    VALUES (new.rowid,
            CASE WHEN new.number IS NULL THEN ''
                 WHEN new.kind = 'invoice' THEN 'INV-' || printf('%04d', new.number)
                 ELSE 'CN-' || printf('%04d', new.number) END,
            new.bill_to, coalesce(new.payer, ''));
END;
-- Invoices made before this migration.
INSERT INTO billing_invoices_fts(rowid, number, bill_to, payer)
SELECT rowid,
       CASE WHEN number IS NULL THEN ''
            WHEN kind = 'invoice' THEN 'INV-' || printf('%04d', number)
            ELSE 'CN-' || printf('%04d', number) END,
       bill_to, coalesce(payer, '')
FROM billing_invoices;
INSERT INTO billing_invoices_fts(billing_invoices_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 2.0)');
