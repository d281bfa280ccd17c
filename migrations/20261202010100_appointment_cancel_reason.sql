-- Why one session was cancelled ("client unwell", "bank holiday"): kept with the occurrence's
-- outcome, shown in the calendar beside "Cancelled", never exported.
ALTER TABLE appointment_exceptions ADD COLUMN reason TEXT;
