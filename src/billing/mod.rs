//! Billing for a private practice: fees, billable items made from sessions, invoices and credit
//! notes numbered without gaps, payments and refunds, balances, statements and a CSV for an
//! accountant. The model, the numbering and the rounding are described in `docs/billing.md`.
//!
//! - [`money`]: [`Money`] in integer minor units with ISO 4217 exponents; parsing, formatting, tax.
//! - [`settings`]: currency, default fees, tax, business details, terms, the no-show policy;
//!   per-client fees.
//! - [`items`]: billable items, made from sessions when they are marked (in the same write).
//! - [`invoices`]: drafts, issue (numbering), void, credit notes.
//! - [`accounts`]: payments, refunds, balance, overdue invoices, statement, CSV export.

pub mod accounts;
pub mod invoices;
pub mod items;
pub mod money;
pub mod settings;

pub use accounts::{
    BillingExport, NewPayment, OverdueInvoice, Payment, PaymentKind, Statement, StatementLine, client_balance,
    export_csv, get_payment, list_payments, overdue_invoices, record_payment, record_refund, statement,
};
pub use invoices::{
    Invoice, InvoiceKind, InvoiceLine, InvoiceStatus, Settlement, create_draft, credit_note, discard_draft,
    find_invoice, get_invoice, invoice_lines, issue_invoice, list_invoices, outstanding, settlement, void_invoice,
};
pub use items::{
    BillableItem, ItemKind, add_item, adjust_item, discount_item, get_item, list_items, session_line, write_off_item,
};
pub use money::{Currency, Money, RateBasisPoints, format_rate, parse_rate, tax_on};
pub use settings::{
    BillingSettings, BusinessDetails, DefaultFee, billing_settings, clear_client_fee, client_fee, set_billing_settings,
    set_client_fee,
};

use crate::vault::Writer;
use crate::{Error, Result, params};

/// The name of a client who is not in the trash, inside a write (what an invoice is billed to).
async fn live_client(w: &mut Writer<'_>, id: &str) -> Result<String> {
    let row: Option<(String,)> =
        w.fetch_optional("SELECT name FROM clients WHERE id = ? AND deleted_at IS NULL", params![id]).await?;
    row.map(|(name,)| name).ok_or(Error::NotFound { what: "That client" })
}
