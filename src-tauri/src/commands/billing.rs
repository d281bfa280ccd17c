//! Billing commands: settings and client fees, billable items, invoices, payments and refunds,
//! balances and statements. Each calls the core (`wellkept::billing`); amounts cross the
//! boundary as the core formats them (`Money`'s `Display`) and are typed as text that the core
//! parses (`Money::parse`), so the window never computes or formats money.

use crate::error::CommandResult;
use crate::state::AppState;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tauri::State;
use wellkept::billing::{
    self, BillableItem, BillingSettings, BusinessDetails, Currency, DefaultFee, Invoice, InvoiceKind, InvoiceStatus,
    Money, NewPayment, Payment,
};
use wellkept::practice::notes::SessionMode;
use wellkept::vault::Vault;
use wellkept::{Error, Result};

/// A default fee as shown and typed: the amount as text ("48.00").
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct FeeEntry {
    /// The session's length in minutes.
    pub minutes: u32,
    /// In person, video or phone.
    pub mode: SessionMode,
    /// The fee as typed, in the billing currency ("48.00", "1200").
    pub fee: String,
}

/// The billing settings as the settings card shows and saves them: amounts and the tax rate as
/// text, parsed by the core.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct BillingSettingsForm {
    /// The currency of everything billed.
    pub currency: Currency,
    /// Fees per session length and mode.
    pub default_fees: Vec<FeeEntry>,
    /// The tax rate in percent as typed ("20", "7.5"); none or empty for no tax.
    pub tax_rate: Option<String>,
    /// Who invoices are from.
    pub business: BusinessDetails,
    /// Days from issue to due date.
    pub payment_terms_days: u32,
    /// Whether a no-show is billed.
    pub bill_no_shows: bool,
    /// Whether a late cancellation is billed.
    pub bill_late_cancellations: bool,
    /// How close to the start a cancellation counts as late, in hours.
    pub late_cancellation_hours: u32,
    /// What a session line says before its date.
    pub session_wording: String,
}

impl BillingSettingsForm {
    fn from_settings(s: &BillingSettings) -> BillingSettingsForm {
        BillingSettingsForm {
            currency: s.currency,
            default_fees: s
                .default_fees
                .iter()
                .map(|f| FeeEntry {
                    minutes: f.minutes,
                    mode: f.mode,
                    fee: Money::new(f.fee_minor, s.currency).decimal(),
                })
                .collect(),
            tax_rate: s.tax_rate_bp.map(|r| billing::format_rate(r).trim_end_matches('%').to_owned()),
            business: s.business.clone(),
            payment_terms_days: s.payment_terms_days,
            bill_no_shows: s.bill_no_shows,
            bill_late_cancellations: s.bill_late_cancellations,
            late_cancellation_hours: s.late_cancellation_hours,
            session_wording: s.session_wording.clone(),
        }
    }

    fn into_settings(self) -> Result<BillingSettings> {
        let currency = self.currency;
        let default_fees = self
            .default_fees
            .into_iter()
            .map(|f| {
                Ok(DefaultFee {
                    minutes: f.minutes,
                    mode: f.mode,
                    fee_minor: Money::parse("Fee", &f.fee, currency)?.minor,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let tax_rate_bp = match self.tax_rate.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(billing::parse_rate(text)?),
        };
        Ok(BillingSettings {
            currency,
            default_fees,
            tax_rate_bp,
            business: self.business,
            payment_terms_days: self.payment_terms_days,
            bill_no_shows: self.bill_no_shows,
            bill_late_cancellations: self.bill_late_cancellations,
            late_cancellation_hours: self.late_cancellation_hours,
            session_wording: self.session_wording,
        })
    }
}

/// The billing settings, or none before billing is set up.
#[tauri::command(rename_all = "snake_case")]
pub async fn billing_settings(state: State<'_, AppState>) -> CommandResult<Option<BillingSettingsForm>> {
    let settings = billing::billing_settings(&*state.open_vault().await?).await?;
    Ok(settings.as_ref().map(BillingSettingsForm::from_settings))
}

/// Saves the billing settings (amounts and the tax rate parsed by the core).
#[tauri::command(rename_all = "snake_case")]
pub async fn save_billing_settings(
    state: State<'_, AppState>,
    form: BillingSettingsForm,
) -> CommandResult<BillingSettingsForm> {
    let settings = form.into_settings()?;
    let saved = billing::set_billing_settings(&*state.open_vault().await?, settings).await?;
    Ok(BillingSettingsForm::from_settings(&saved))
}

/// The billing currency, or a message a person can act on when billing is not set up.
async fn currency(vault: &Vault) -> Result<Currency> {
    billing::billing_settings(vault)
        .await?
        .map(|s| s.currency)
        .ok_or_else(|| Error::invalid("Billing", "is not set up yet: save the billing settings first"))
}

/// A client's own fee as text ("40.00"), or none when the default fees apply.
#[tauri::command(rename_all = "snake_case")]
pub async fn client_fee(state: State<'_, AppState>, client_id: String) -> CommandResult<Option<String>> {
    let vault = state.open_vault().await?;
    let Some(minor) = billing::client_fee(&vault, &client_id).await? else { return Ok(None) };
    Ok(Some(Money::new(minor, currency(&vault).await?).decimal()))
}

/// Sets a client's own fee (typed as text), or clears it when `fee` is none or empty.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_client_fee(state: State<'_, AppState>, client_id: String, fee: Option<String>) -> CommandResult<()> {
    let vault = state.open_vault().await?;
    match fee.as_deref().map(str::trim) {
        None | Some("") => billing::clear_client_fee(&vault, &client_id).await?,
        Some(text) => {
            let fee = Money::parse("Fee", text, currency(&vault).await?)?;
            billing::set_client_fee(&vault, &client_id, fee).await?;
        }
    }
    Ok(())
}

/// A billable item with its amounts as the core formats them.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ItemView {
    /// The item as stored.
    pub item: BillableItem,
    /// The client's name.
    pub client_name: String,
    /// The amount before discount ("£48.00").
    pub amount: String,
    /// The discount, when there is one ("£8.00").
    pub discount: Option<String>,
    /// What is billed ("£40.00").
    pub net: String,
}

async fn item_view(vault: &Vault, item: BillableItem) -> Result<ItemView> {
    let client_name = wellkept::practice::clients::get_client(vault, &item.client_id).await?.name;
    let currency = item.currency();
    Ok(ItemView {
        client_name,
        amount: Money::new(item.amount_minor, currency).to_string(),
        discount: (item.discount_minor != 0).then(|| Money::new(item.discount_minor, currency).to_string()),
        net: item.net().to_string(),
        item,
    })
}

/// Billable items, of one client or all, only those not yet invoiced nor written off when
/// `unbilled_only`.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_billable_items(
    state: State<'_, AppState>,
    client_id: Option<String>,
    unbilled_only: bool,
) -> CommandResult<Vec<ItemView>> {
    let vault = state.open_vault().await?;
    let mut out = Vec::new();
    for item in billing::list_items(&vault, client_id.as_deref(), unbilled_only).await? {
        out.push(item_view(&vault, item).await?);
    }
    Ok(out)
}

/// Sets an item's amount (typed as text), saying why.
#[tauri::command(rename_all = "snake_case")]
pub async fn adjust_billable_item(
    state: State<'_, AppState>,
    id: String,
    amount: String,
    reason: String,
) -> CommandResult<ItemView> {
    let vault = state.open_vault().await?;
    let amount = Money::parse("Amount", &amount, currency(&vault).await?)?;
    let item = billing::adjust_item(&vault, &id, amount, &reason).await?;
    Ok(item_view(&vault, item).await?)
}

/// Gives a discount on an item (typed as text), saying why.
#[tauri::command(rename_all = "snake_case")]
pub async fn discount_billable_item(
    state: State<'_, AppState>,
    id: String,
    discount: String,
    reason: String,
) -> CommandResult<ItemView> {
    let vault = state.open_vault().await?;
    let discount = Money::parse("Discount", &discount, currency(&vault).await?)?;
    let item = billing::discount_item(&vault, &id, discount, &reason).await?;
    Ok(item_view(&vault, item).await?)
}

/// Writes an item off (never invoiced), saying why.
#[tauri::command(rename_all = "snake_case")]
pub async fn write_off_billable_item(
    state: State<'_, AppState>,
    id: String,
    reason: String,
) -> CommandResult<ItemView> {
    let vault = state.open_vault().await?;
    let item = billing::write_off_item(&vault, &id, &reason).await?;
    Ok(item_view(&vault, item).await?)
}

/// An invoice line with its amounts as the core formats them.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct InvoiceLineView {
    /// What it says ("Mentoring session, 9 Nov 2026").
    pub description: String,
    /// Before tax ("£48.00").
    pub net: String,
    /// Tax ("£0.00").
    pub tax: String,
}

/// An invoice or credit note with its amounts as the core formats them and the state a person
/// reads in the list.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct InvoiceView {
    /// The invoice as stored.
    pub invoice: Invoice,
    /// "INV-0001", "CN-0002" or "Draft".
    pub label: String,
    /// "draft", "issued", "paid", "overdue" or "void".
    pub state: String,
    /// Its lines.
    pub lines: Vec<InvoiceLineView>,
    /// Before tax.
    pub subtotal: String,
    /// Tax.
    pub tax: String,
    /// Total.
    pub total: String,
    /// Payments received less refunds paid back (credit notes are not payments: see `credited`).
    pub paid: String,
    /// The credit notes against it with their numbers ("£8.00 (CN-0005)"), if there are any.
    pub credited: Option<String>,
    /// What it still asks for.
    pub balance: String,
    /// Days past its due day when overdue.
    pub days_overdue: Option<i64>,
    /// For a credit note: the number of the invoice it credits ("INV-0002").
    pub credits_label: Option<String>,
}

async fn invoice_view(vault: &Vault, invoice: Invoice, today: NaiveDate) -> Result<InvoiceView> {
    // Paid, credited and still owed, as the invoice's PDF prints them.
    let settled = billing::settlement(vault, &invoice).await?;
    let owed = settled.balance;
    let issued_invoice = invoice.kind == InvoiceKind::Invoice && invoice.status == InvoiceStatus::Issued;
    let credited = (!settled.credit_notes.is_empty())
        .then(|| format!("{} ({})", settled.credited, settled.credit_notes.join(", ")));
    let overdue = issued_invoice && owed.minor > 0 && invoice.due_on.is_some_and(|due| due < today);
    let state = match invoice.status {
        InvoiceStatus::Draft => "draft",
        InvoiceStatus::Void => "void",
        InvoiceStatus::Issued if !issued_invoice => "issued",
        InvoiceStatus::Issued if owed.minor <= 0 => "paid",
        InvoiceStatus::Issued if overdue => "overdue",
        InvoiceStatus::Issued => "issued",
    };
    let lines = billing::invoice_lines(vault, &invoice.id)
        .await?
        .into_iter()
        .map(|l| InvoiceLineView {
            description: l.description,
            net: invoice.money(l.net_minor).to_string(),
            tax: invoice.money(l.tax_minor).to_string(),
        })
        .collect();
    let credits_label = match &invoice.credits_invoice {
        Some(id) => Some(billing::get_invoice(vault, id).await?.label()),
        None => None,
    };
    Ok(InvoiceView {
        credits_label,
        label: invoice.label(),
        state: state.to_owned(),
        lines,
        subtotal: invoice.money(invoice.subtotal_minor).to_string(),
        tax: invoice.money(invoice.tax_minor).to_string(),
        total: invoice.money(invoice.total_minor).to_string(),
        paid: settled.paid.to_string(),
        credited,
        balance: owed.to_string(),
        days_overdue: overdue.then(|| invoice.due_on.map(|due| (today - due).num_days())).flatten(),
        invoice,
    })
}

/// Invoices and credit notes, of one client or all, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_invoices(state: State<'_, AppState>, client_id: Option<String>) -> CommandResult<Vec<InvoiceView>> {
    let vault = state.open_vault().await?;
    let today = super::today();
    let mut out = Vec::new();
    for invoice in billing::list_invoices(&vault, client_id.as_deref()).await? {
        out.push(invoice_view(&vault, invoice, today).await?);
    }
    Ok(out)
}

/// One invoice or credit note.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_invoice(state: State<'_, AppState>, id: String) -> CommandResult<InvoiceView> {
    let vault = state.open_vault().await?;
    let invoice = billing::get_invoice(&vault, &id).await?;
    Ok(invoice_view(&vault, invoice, super::today()).await?)
}

/// Makes a draft invoice of every unbilled item of a client, billed to them or a named payer.
#[tauri::command(rename_all = "snake_case")]
pub async fn create_invoice(
    state: State<'_, AppState>,
    client_id: String,
    payer: Option<String>,
) -> CommandResult<InvoiceView> {
    let vault = state.open_vault().await?;
    let invoice = billing::create_draft(&vault, &client_id, payer.as_deref()).await?;
    Ok(invoice_view(&vault, invoice, super::today()).await?)
}

/// Discards a draft (its items are unbilled again).
#[tauri::command(rename_all = "snake_case")]
pub async fn discard_invoice(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(billing::discard_draft(&*state.open_vault().await?, &id).await?)
}

/// Issues a draft today: it gets the next number and its due day.
#[tauri::command(rename_all = "snake_case")]
pub async fn issue_invoice(state: State<'_, AppState>, id: String) -> CommandResult<InvoiceView> {
    let vault = state.open_vault().await?;
    let today = super::today();
    let invoice = billing::issue_invoice(&vault, &id, today).await?;
    Ok(invoice_view(&vault, invoice, today).await?)
}

/// Voids an issued invoice, saying why (its items are unbilled again).
#[tauri::command(rename_all = "snake_case")]
pub async fn void_invoice(state: State<'_, AppState>, id: String, reason: String) -> CommandResult<InvoiceView> {
    let vault = state.open_vault().await?;
    let invoice = billing::void_invoice(&vault, &id, &reason).await?;
    Ok(invoice_view(&vault, invoice, super::today()).await?)
}

/// Issues a credit note today against an issued invoice, for an amount before tax typed as text
/// (tax at the invoice's rate), saying why. It takes the next number.
#[tauri::command(rename_all = "snake_case")]
pub async fn credit_invoice(
    state: State<'_, AppState>,
    id: String,
    amount: String,
    reason: String,
) -> CommandResult<InvoiceView> {
    let vault = state.open_vault().await?;
    let invoice = billing::get_invoice(&vault, &id).await?;
    let net = Money::parse("Amount", &amount, invoice.currency())?;
    let today = super::today();
    let note = billing::credit_note(&vault, &invoice.id, net, &reason, today).await?;
    Ok(invoice_view(&vault, note, today).await?)
}

/// A payment or refund as typed: the amount as text.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct PaymentForm {
    /// The issued invoice it is against.
    pub invoice_id: String,
    /// How much, as typed ("20.00").
    pub amount: String,
    /// How: "bank transfer", "card", "cash".
    pub method: String,
    /// The day it was paid.
    pub paid_on: NaiveDate,
    /// A reference, if any.
    pub reference: Option<String>,
}

async fn new_payment(vault: &Vault, form: PaymentForm) -> Result<NewPayment> {
    let invoice = billing::get_invoice(vault, &form.invoice_id).await?;
    Ok(NewPayment {
        amount: Money::parse("Amount", &form.amount, invoice.currency())?,
        invoice_id: form.invoice_id,
        method: form.method,
        paid_on: form.paid_on,
        reference: form.reference,
    })
}

/// Records a payment against an issued invoice (at most what it still asks for).
#[tauri::command(rename_all = "snake_case")]
pub async fn record_payment(state: State<'_, AppState>, payment: PaymentForm) -> CommandResult<Payment> {
    let vault = state.open_vault().await?;
    let new = new_payment(&vault, payment).await?;
    Ok(billing::record_payment(&vault, new).await?)
}

/// Records a refund against an issued invoice (at most what was paid on it).
#[tauri::command(rename_all = "snake_case")]
pub async fn record_refund(state: State<'_, AppState>, payment: PaymentForm) -> CommandResult<Payment> {
    let vault = state.open_vault().await?;
    let new = new_payment(&vault, payment).await?;
    Ok(billing::record_refund(&vault, new).await?)
}

/// A client's balance as the core formats it ("£28.00"), or none before billing is set up.
#[tauri::command(rename_all = "snake_case")]
pub async fn client_balance(state: State<'_, AppState>, client_id: String) -> CommandResult<Option<String>> {
    let vault = state.open_vault().await?;
    if billing::billing_settings(&vault).await?.is_none() {
        return Ok(None);
    }
    Ok(Some(billing::client_balance(&vault, &client_id).await?.to_string()))
}

/// One line of a statement with its amounts as the core formats them.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct StatementLineView {
    /// The day.
    pub date: NaiveDate,
    /// "Invoice INV-0001", "Payment (card) for INV-0001"...
    pub description: String,
    /// What it adds to the balance.
    pub debit: Option<String>,
    /// What it takes off.
    pub credit: Option<String>,
    /// The balance after it.
    pub balance: String,
}

/// A statement of account with its amounts as the core formats them.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct StatementView {
    /// The client's name.
    pub client_name: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The balance before `from`.
    pub opening: String,
    /// Each invoice, credit note, payment and refund, by day.
    pub lines: Vec<StatementLineView>,
    /// The balance at the end of `to`.
    pub closing: String,
}

/// A client's statement of account between two days (inclusive).
#[tauri::command(rename_all = "snake_case")]
pub async fn billing_statement(
    state: State<'_, AppState>,
    client_id: String,
    from: NaiveDate,
    to: NaiveDate,
) -> CommandResult<StatementView> {
    let s = billing::statement(&*state.open_vault().await?, &client_id, from, to).await?;
    Ok(StatementView {
        client_name: s.client_name,
        from: s.from,
        to: s.to,
        opening: s.opening.to_string(),
        lines: s
            .lines
            .into_iter()
            .map(|l| StatementLineView {
                date: l.date,
                description: l.description,
                debit: l.debit.map(|m| m.to_string()),
                credit: l.credit.map(|m| m.to_string()),
                balance: l.balance.to_string(),
            })
            .collect(),
        closing: s.closing.to_string(),
    })
}

/// Issued invoices past their due day that still ask for something, longest overdue first: the
/// dashboard's "Overdue invoices" panel.
#[tauri::command(rename_all = "snake_case")]
pub async fn overdue_invoices(state: State<'_, AppState>) -> CommandResult<Vec<InvoiceView>> {
    let vault = state.open_vault().await?;
    let today = super::today();
    let mut out = Vec::new();
    for overdue in billing::overdue_invoices(&vault, today).await? {
        out.push(invoice_view(&vault, overdue.invoice, today).await?);
    }
    Ok(out)
}

/// Prints an issued invoice or credit note as a PDF at `path` (plaintext; the reply carries the
/// warning to show). The path must be one picked in the native dialog (or typed under a test
/// folder in a debug build), like every export.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_invoice_pdf(
    state: State<'_, AppState>,
    id: String,
    path: std::path::PathBuf,
) -> CommandResult<wellkept::export::Exported> {
    state.chosen.check(&path)?;
    Ok(wellkept::export::export_invoice_pdf(&*state.open_vault().await?, &id, &path).await?)
}

/// Prints a client's statement of account between two days (inclusive) as a PDF at `path`
/// (plaintext; the reply carries the warning to show). The path must be one picked in the native
/// dialog (or typed under a test folder in a debug build), like every export.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_statement_pdf(
    state: State<'_, AppState>,
    client_id: String,
    from: NaiveDate,
    to: NaiveDate,
    path: std::path::PathBuf,
) -> CommandResult<wellkept::export::Exported> {
    state.chosen.check(&path)?;
    let vault = state.open_vault().await?;
    Ok(wellkept::export::export_statement_pdf(&vault, &client_id, from, to, &path).await?)
}

/// Writes the invoices, credit notes, payments and refunds dated between two days (inclusive) as
/// CSV for an accountant at `path` (no session content; plaintext: the reply carries the warning
/// to show). The path must be one picked in the native dialog, like every export.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_billing_csv(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    path: std::path::PathBuf,
) -> CommandResult<billing::BillingExport> {
    state.chosen.check(&path)?;
    Ok(billing::export_csv(&*state.open_vault().await?, from, to, &path).await?)
}

/// A payment or refund with its invoice's number and its amount as the core formats it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PaymentView {
    /// The payment as stored.
    pub payment: Payment,
    /// The invoice it is against ("INV-0002").
    pub invoice_label: String,
    /// Who the invoice is billed to.
    pub bill_to: String,
    /// How much ("£50.00").
    pub amount: String,
}

/// Payments and refunds, a client's or everyone's, by day.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_payments(state: State<'_, AppState>, client_id: Option<String>) -> CommandResult<Vec<PaymentView>> {
    let vault = state.open_vault().await?;
    let mut out = Vec::new();
    for payment in billing::list_payments(&vault, client_id.as_deref()).await? {
        let invoice = billing::get_invoice(&vault, &payment.invoice_id).await?;
        out.push(PaymentView {
            invoice_label: invoice.label(),
            bill_to: invoice.bill_to.clone(),
            amount: invoice.money(payment.amount_minor).to_string(),
            payment,
        });
    }
    Ok(out)
}

/// Prints a receipt for a payment as a PDF at `path` (plaintext; the reply carries the warning
/// to show). The path must be one picked in the native dialog, like every export.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_receipt_pdf(
    state: State<'_, AppState>,
    id: String,
    path: std::path::PathBuf,
) -> CommandResult<wellkept::export::Exported> {
    state.chosen.check(&path)?;
    Ok(wellkept::export::export_receipt_pdf(&*state.open_vault().await?, &id, &path).await?)
}
