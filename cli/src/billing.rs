//! `wellkept billing …`: settings and fees, billable items, invoices (create, issue, void,
//! credit, show, list), payments and refunds, a client's balance, statements, overdue invoices
//! and the accountant's CSV. Thin calls into `wellkept::billing`. Amounts are typed in the
//! billing currency ("65.00"; "1200" for JPY) and shown as `docs/billing.md` describes.

use std::path::PathBuf;

use chrono::NaiveDate;
use wellkept::billing::{self, BillingSettings, Currency, DefaultFee, Invoice, InvoiceStatus, Money, NewPayment};
use wellkept::practice::appointments::SessionMode;
use wellkept::vault::Vault;
use wellkept::{Error, Result};

use crate::flag::find_client;

/// Billing commands.
#[derive(clap::Subcommand)]
pub enum BillingAction {
    /// Show the billing settings, or change them (the first time, --currency is required).
    Settings(SettingsArgs),
    /// Set a client's own fee (a sliding scale), or --clear it.
    ClientFee {
        /// The client's id or name.
        client: String,
        /// The fee, in the billing currency.
        amount: Option<String>,
        /// Use the default fees again.
        #[arg(long, conflicts_with = "amount")]
        clear: bool,
    },
    /// Billable items, unbilled only unless --all.
    Items {
        /// Only this client's (id or name).
        #[arg(long)]
        client: Option<String>,
        /// Include items already invoiced or written off.
        #[arg(long)]
        all: bool,
    },
    /// Add, adjust, discount or write off one item.
    Item {
        #[command(subcommand)]
        action: ItemAction,
    },
    /// Invoices and credit notes.
    Invoice {
        #[command(subcommand)]
        action: InvoiceAction,
    },
    /// Payments and refunds.
    Payment {
        #[command(subcommand)]
        action: PaymentAction,
    },
    /// What a client owes now.
    Balance {
        /// The client's id or name.
        client: String,
    },
    /// A client's statement of account between two days (inclusive).
    Statement {
        /// The client's id or name.
        client: String,
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: NaiveDate,
        /// Last day (YYYY-MM-DD).
        #[arg(long)]
        to: NaiveDate,
    },
    /// Issued invoices past their due day that still ask for something.
    Overdue,
    /// Invoices, credit notes, payments and refunds between two days as CSV for an accountant
    /// (no session content; not encrypted).
    Export {
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: NaiveDate,
        /// Last day (YYYY-MM-DD).
        #[arg(long)]
        to: NaiveDate,
        /// The CSV file to write (not inside the vault folder).
        #[arg(long)]
        out: PathBuf,
    },
}

/// What `billing settings` can change; anything left out stays as it was.
#[derive(clap::Args)]
pub struct SettingsArgs {
    /// ISO 4217 currency: GBP, EUR, USD, AUD, CAD, NZD, CHF, SEK, NOK, DKK, JPY, BHD, KWD, OMR.
    #[arg(long)]
    currency: Option<String>,
    /// A default fee, MINUTES:MODE:AMOUNT (50:in-person:65.00); repeat for each; replaces the list.
    #[arg(long = "fee")]
    fees: Vec<String>,
    /// Tax or VAT rate in percent (20, 7.5).
    #[arg(long, conflicts_with = "no_tax")]
    tax: Option<String>,
    /// Charge no tax (the default).
    #[arg(long)]
    no_tax: bool,
    /// The business name invoices are from.
    #[arg(long)]
    business_name: Option<String>,
    /// The business address (use \n between lines).
    #[arg(long)]
    business_address: Option<String>,
    /// Days from issue to due.
    #[arg(long)]
    terms_days: Option<u32>,
    /// Bill no-shows: true or false.
    #[arg(long)]
    bill_no_shows: Option<bool>,
    /// Bill late cancellations: true or false.
    #[arg(long)]
    bill_late_cancellations: Option<bool>,
    /// How many hours before the start a cancellation counts as late.
    #[arg(long)]
    late_hours: Option<u32>,
    /// What a session's invoice line says before its date (default "Mentoring session").
    #[arg(long)]
    wording: Option<String>,
}

/// Item commands.
#[derive(clap::Subcommand)]
pub enum ItemAction {
    /// Add an item by hand (prints `saved <id>`).
    Add {
        /// The client's id or name.
        #[arg(long)]
        client: String,
        /// The day (YYYY-MM-DD).
        #[arg(long)]
        date: NaiveDate,
        /// What the invoice line says.
        #[arg(long)]
        description: String,
        /// The amount.
        #[arg(long)]
        amount: String,
    },
    /// Set an item's amount, saying why.
    Adjust {
        /// The item's id.
        id: String,
        /// The new amount.
        #[arg(long)]
        amount: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Set an item's discount, saying why (it replaces any earlier discount; 0 removes it).
    Discount {
        /// The item's id.
        id: String,
        /// The whole discount, before tax.
        #[arg(long)]
        amount: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Write an item off (never invoiced), saying why.
    WriteOff {
        /// The item's id.
        id: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
}

/// Invoice commands. An invoice is named by its number (INV-0001, CN-0002, 1) or its id.
#[derive(clap::Subcommand)]
pub enum InvoiceAction {
    /// A draft from the client's unbilled items (prints `saved <id>`).
    Create {
        /// The client's id or name.
        #[arg(long)]
        client: String,
        /// Who pays, when not the client: name and address.
        #[arg(long)]
        payer: Option<String>,
    },
    /// Issue drafts today, one durable write each, in the order given: each takes the next
    /// number and becomes read-only (prints `Issued INV-0001.` and the invoice as each is saved).
    Issue {
        /// The drafts' ids.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Throw a draft away (its items are unbilled again).
    Discard {
        /// The draft's id.
        id: String,
    },
    /// Void an issued invoice (it keeps its number).
    Void {
        /// The invoice.
        invoice: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Issue a credit note against an invoice, for an amount before tax.
    Credit {
        /// The invoice.
        invoice: String,
        /// The amount before tax.
        #[arg(long)]
        amount: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// One invoice with its lines, totals and what it still asks for.
    Show {
        /// The invoice.
        invoice: String,
    },
    /// Print an issued invoice or credit note (with what was paid and the balance due) as a PDF.
    Pdf {
        /// The invoice ("INV-0001", "1").
        invoice: String,
        /// Where to write it (never inside the vault folder).
        #[arg(long)]
        out: PathBuf,
    },
    /// Every invoice and credit note, or one client's.
    List {
        /// Only this client's (id or name).
        #[arg(long)]
        client: Option<String>,
    },
}

/// Payment commands.
#[derive(clap::Subcommand)]
pub enum PaymentAction {
    /// Record a full or part payment against an issued invoice.
    Add(PaymentArgs),
    /// Record a refund against an invoice.
    Refund(PaymentArgs),
    /// Payments and refunds, by day, each with its id (what `receipt` takes).
    List {
        /// Only this client's (id or name).
        #[arg(long)]
        client: Option<String>,
    },
    /// Print a receipt for a payment as a PDF (not encrypted).
    Receipt {
        /// The payment's id (from `billing payment list`).
        payment: String,
        /// Where to write it (never inside the vault folder).
        #[arg(long)]
        out: PathBuf,
    },
}

/// A payment's details.
#[derive(clap::Args)]
pub struct PaymentArgs {
    /// The invoice (INV-0001).
    invoice: String,
    /// How much.
    #[arg(long)]
    amount: String,
    /// How: bank transfer, card, cash…
    #[arg(long)]
    method: String,
    /// The day (YYYY-MM-DD); today when left out.
    #[arg(long)]
    date: Option<NaiveDate>,
    /// A reference.
    #[arg(long)]
    reference: Option<String>,
}

async fn currency(vault: &Vault) -> Result<Currency> {
    billing::billing_settings(vault).await?.map(|s| s.currency).ok_or_else(|| {
        Error::invalid("Billing", "billing is not set up yet: run `wellkept billing settings --currency GBP` first")
    })
}

async fn amount(vault: &Vault, field: &str, text: &str) -> Result<Money> {
    Money::parse(field, text, currency(vault).await?)
}

fn mode(text: &str) -> Result<SessionMode> {
    match text.trim().to_ascii_lowercase().as_str() {
        "in-person" | "in_person" => Ok(SessionMode::InPerson),
        "video" => Ok(SessionMode::Video),
        "phone" => Ok(SessionMode::Phone),
        other => Err(Error::invalid("--fee", format!("“{other}” is not a mode; use in-person, video or phone"))),
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

pub async fn run(vault: &Vault, action: BillingAction) -> Result<()> {
    match action {
        BillingAction::Settings(args) => settings(vault, args).await?,
        BillingAction::ClientFee { client, amount: fee, clear } => {
            let c = find_client(vault, &client).await?;
            match (fee, clear) {
                (_, true) => {
                    billing::clear_client_fee(vault, &c.id).await?;
                    println!("{} pays the default fees.", c.name);
                }
                (Some(text), false) => {
                    let fee = amount(vault, "Fee", &text).await?;
                    billing::set_client_fee(vault, &c.id, fee).await?;
                    println!("{} pays {fee} a session.", c.name);
                }
                (None, false) => match billing::client_fee(vault, &c.id).await? {
                    Some(f) => println!("{} pays {} a session.", c.name, Money::new(f, currency(vault).await?)),
                    None => println!("{} pays the default fees.", c.name),
                },
            }
        }
        BillingAction::Items { client, all } => {
            let client = match client {
                Some(c) => Some(find_client(vault, &c).await?.id),
                None => None,
            };
            let items = billing::list_items(vault, client.as_deref(), !all).await?;
            if items.is_empty() {
                println!("No items.");
            }
            for i in items {
                let name = wellkept::practice::clients::get_client(vault, &i.client_id).await?.name;
                let state = if i.written_off {
                    format!("  written off: {}", i.reason.as_deref().unwrap_or_default())
                } else if i.invoice_id.is_some() {
                    "  invoiced".to_owned()
                } else {
                    String::new()
                };
                let discount = if i.discount_minor > 0 {
                    format!(" (less {} discount)", Money::new(i.discount_minor, i.currency()))
                } else {
                    String::new()
                };
                println!("{}  {}  {}  {}{discount}{state}", i.id, name, i.description, i.net());
            }
        }
        BillingAction::Item { action } => item(vault, action).await?,
        BillingAction::Invoice { action } => invoice(vault, action).await?,
        BillingAction::Payment { action } => {
            let (refund, args) = match action {
                PaymentAction::Add(a) => (false, a),
                PaymentAction::Refund(a) => (true, a),
                PaymentAction::List { client } => return list_payments(vault, client).await,
                PaymentAction::Receipt { payment, out } => {
                    let p = billing::get_payment(vault, &payment).await?;
                    let label = billing::get_invoice(vault, &p.invoice_id).await?.label();
                    let done = wellkept::export::export_receipt_pdf(vault, &p.id, &out).await?;
                    eprintln!("Warning: {}", done.warning.text);
                    println!("Wrote {} (receipt for {label}, {} bytes).", done.path.display(), done.bytes);
                    return Ok(());
                }
            };
            let inv = billing::find_invoice(vault, &args.invoice).await?;
            let new = NewPayment {
                invoice_id: inv.id.clone(),
                amount: Money::parse("--amount", &args.amount, inv.currency())?,
                method: args.method,
                paid_on: args.date.unwrap_or_else(wellkept::clock::today_local),
                reference: args.reference,
            };
            let p = if refund {
                billing::record_refund(vault, new).await?
            } else {
                billing::record_payment(vault, new).await?
            };
            let owed = billing::outstanding(vault, &inv).await?;
            let what = if refund { "Refund" } else { "Payment" };
            println!(
                "{what} of {} for {} recorded; it still asks for {owed}.",
                Money::new(p.amount_minor, inv.currency()),
                inv.label()
            );
        }
        BillingAction::Balance { client } => {
            let c = find_client(vault, &client).await?;
            println!("{} owes {}.", c.name, billing::client_balance(vault, &c.id).await?);
        }
        BillingAction::Statement { client, from, to } => {
            let c = find_client(vault, &client).await?;
            let s = billing::statement(vault, &c.id, from, to).await?;
            println!("Statement of account: {}, {} to {}", s.client_name, day(s.from), day(s.to));
            println!("{}  Opening balance  {}", day(s.from), s.opening);
            for l in &s.lines {
                let amount = match (l.debit, l.credit) {
                    (Some(d), _) => format!("+{d}"),
                    (_, Some(c)) => format!("-{c}"),
                    _ => String::new(),
                };
                println!("{}  {}  {amount}  {}", day(l.date), l.description, l.balance);
            }
            println!("{}  Closing balance  {}", day(s.to), s.closing);
        }
        BillingAction::Overdue => {
            let today = wellkept::clock::today_local();
            let overdue = billing::overdue_invoices(vault, today).await?;
            if overdue.is_empty() {
                println!("No invoices are overdue.");
            }
            for o in overdue {
                println!("{}", overdue_line(&o));
            }
        }
        BillingAction::Export { from, to, out } => {
            let done = billing::export_csv(vault, from, to, &out).await?;
            let rows = if done.rows == 1 { "1 row".to_owned() } else { format!("{} rows", done.rows) };
            println!("Wrote {} ({rows}, {} bytes).", done.path.display(), done.bytes);
            eprintln!("Warning: {}", done.warning.text);
        }
    }
    Ok(())
}

/// "INV-0003  Sam Patel  £60.00 owed, 5 days overdue": `billing overdue` and `today`.
pub(crate) fn overdue_line(o: &billing::OverdueInvoice) -> String {
    let days = if o.days_overdue == 1 { "1 day".to_owned() } else { format!("{} days", o.days_overdue) };
    format!("{}  {}  {} owed, {days} overdue", o.invoice.label(), o.invoice.bill_to, o.outstanding)
}

async fn list_payments(vault: &Vault, client: Option<String>) -> Result<()> {
    let client = match client {
        Some(c) => Some(find_client(vault, &c).await?.id),
        None => None,
    };
    let all = billing::list_payments(vault, client.as_deref()).await?;
    if all.is_empty() {
        println!("No payments.");
    }
    for p in all {
        let invoice = billing::get_invoice(vault, &p.invoice_id).await?;
        let what = match p.kind {
            billing::PaymentKind::Payment => "Payment",
            billing::PaymentKind::Refund => "Refund",
        };
        let reference = p.reference.as_deref().map(|r| format!(", ref {r}")).unwrap_or_default();
        println!(
            "{}  {}  {what} ({}{reference}) for {}  {}  {}",
            p.id,
            day(p.paid_on),
            p.method,
            invoice.label(),
            invoice.bill_to,
            invoice.money(p.amount_minor)
        );
    }
    Ok(())
}

async fn settings(vault: &Vault, args: SettingsArgs) -> Result<()> {
    let current = billing::billing_settings(vault).await?;
    let changing = args.currency.is_some()
        || !args.fees.is_empty()
        || args.tax.is_some()
        || args.no_tax
        || args.business_name.is_some()
        || args.business_address.is_some()
        || args.terms_days.is_some()
        || args.bill_no_shows.is_some()
        || args.bill_late_cancellations.is_some()
        || args.late_hours.is_some()
        || args.wording.is_some();
    let mut s = match (current, &args.currency) {
        (Some(s), Some(c)) => BillingSettings { currency: c.parse()?, ..s },
        (Some(s), None) => s,
        (None, Some(c)) => BillingSettings::new(c.parse()?),
        (None, None) if !changing => {
            println!("Billing is not set up: choose a currency with `wellkept billing settings --currency GBP`.");
            return Ok(());
        }
        (None, None) => return Err(Error::invalid("--currency", "choose the currency you bill in first")),
    };
    if !args.fees.is_empty() {
        let mut fees = Vec::new();
        for f in &args.fees {
            let parts: Vec<&str> = f.splitn(3, ':').collect();
            let [minutes, m, a] = parts.as_slice() else {
                return Err(Error::invalid(
                    "--fee",
                    format!("“{f}” is not MINUTES:MODE:AMOUNT, like 50:in-person:65.00"),
                ));
            };
            let minutes: u32 = minutes
                .trim()
                .parse()
                .map_err(|_| Error::invalid("--fee", format!("“{minutes}” is not a number of minutes")))?;
            fees.push(DefaultFee { minutes, mode: mode(m)?, fee_minor: Money::parse("--fee", a, s.currency)?.minor });
        }
        s.default_fees = fees;
    }
    if let Some(t) = &args.tax {
        s.tax_rate_bp = Some(billing::parse_rate(t)?);
    }
    if args.no_tax {
        s.tax_rate_bp = None;
    }
    if let Some(n) = args.business_name {
        s.business.name = n;
    }
    if let Some(a) = args.business_address {
        s.business.address = a.replace("\\n", "\n");
    }
    if let Some(d) = args.terms_days {
        s.payment_terms_days = d;
    }
    if let Some(b) = args.bill_no_shows {
        s.bill_no_shows = b;
    }
    if let Some(b) = args.bill_late_cancellations {
        s.bill_late_cancellations = b;
    }
    if let Some(h) = args.late_hours {
        s.late_cancellation_hours = h;
    }
    if let Some(w) = args.wording {
        s.session_wording = w;
    }
    let s = if changing { billing::set_billing_settings(vault, s).await? } else { s };
    println!("Currency: {}", s.currency);
    if s.default_fees.is_empty() {
        println!("Default fees: none set");
    }
    for f in &s.default_fees {
        let mode = match f.mode {
            SessionMode::InPerson => "in person",
            SessionMode::Video => "video",
            SessionMode::Phone => "phone",
        };
        println!("Default fee: {} minutes {mode}: {}", f.minutes, Money::new(f.fee_minor, s.currency));
    }
    println!("Tax: {}", s.tax_rate_bp.map_or("none".to_owned(), billing::format_rate));
    println!("From: {}", if s.business.name.is_empty() { "(no business name yet)" } else { &s.business.name });
    println!("Payment terms: {} days", s.payment_terms_days);
    println!(
        "No-shows billed: {}; late cancellations (under {} hours) billed: {}",
        if s.bill_no_shows { "yes" } else { "no" },
        s.late_cancellation_hours,
        if s.bill_late_cancellations { "yes" } else { "no" }
    );
    println!("Session lines read: {}, <date>", s.session_wording);
    Ok(())
}

async fn item(vault: &Vault, action: ItemAction) -> Result<()> {
    let i = match action {
        ItemAction::Add { client, date, description, amount: a } => {
            let c = find_client(vault, &client).await?;
            let i = billing::add_item(vault, &c.id, date, &description, amount(vault, "--amount", &a).await?).await?;
            println!("saved {}", i.id);
            return Ok(());
        }
        ItemAction::Adjust { id, amount: a, reason } => {
            billing::adjust_item(vault, &id, amount(vault, "--amount", &a).await?, &reason).await?
        }
        ItemAction::Discount { id, amount: a, reason } => {
            let before = billing::get_item(vault, &id).await?;
            let i = billing::discount_item(vault, &id, amount(vault, "--amount", &a).await?, &reason).await?;
            // A second discount replaces the first: say so, or £50 then £10 reads as £60 off.
            if before.discount_minor > 0 && before.discount_minor != i.discount_minor {
                let was = Money::new(before.discount_minor, i.currency());
                let gone = if i.discount_minor == 0 { "removed" } else { "replaced" };
                println!("{}: the discount of {was} is {gone}.", i.description);
            }
            i
        }
        ItemAction::WriteOff { id, reason } => billing::write_off_item(vault, &id, &reason).await?,
    };
    let state = match (i.written_off, i.discount_minor) {
        (true, _) => "written off".to_owned(),
        (false, 0) => format!("bills {}", i.net()),
        (false, d) => format!(
            "{} less a {} discount: bills {}",
            Money::new(i.amount_minor, i.currency()),
            Money::new(d, i.currency()),
            i.net()
        ),
    };
    println!("{}: {state}.", i.description);
    Ok(())
}

async fn invoice(vault: &Vault, action: InvoiceAction) -> Result<()> {
    match action {
        InvoiceAction::Create { client, payer } => {
            let c = find_client(vault, &client).await?;
            let d = billing::create_draft(vault, &c.id, payer.as_deref()).await?;
            println!("saved {}", d.id);
            show(vault, &d).await?;
        }
        InvoiceAction::Issue { ids } => {
            for id in ids {
                let i = billing::issue_invoice(vault, &id, wellkept::clock::today_local()).await?;
                println!("Issued {}.", i.label());
                show(vault, &i).await?;
            }
        }
        InvoiceAction::Discard { id } => {
            billing::discard_draft(vault, &id).await?;
            println!("Draft discarded; its items are unbilled again.");
        }
        InvoiceAction::Void { invoice, reason } => {
            let i = billing::find_invoice(vault, &invoice).await?;
            let i = billing::void_invoice(vault, &i.id, &reason).await?;
            println!("{} is void (its number is kept); its items are unbilled again.", i.label());
        }
        InvoiceAction::Credit { invoice, amount: a, reason } => {
            let i = billing::find_invoice(vault, &invoice).await?;
            let net = Money::parse("--amount", &a, i.currency())?;
            let cn = billing::credit_note(vault, &i.id, net, &reason, wellkept::clock::today_local()).await?;
            println!("Issued {}.", cn.label());
            show(vault, &cn).await?;
        }
        InvoiceAction::Show { invoice } => show(vault, &billing::find_invoice(vault, &invoice).await?).await?,
        InvoiceAction::Pdf { invoice, out } => {
            let i = billing::find_invoice(vault, &invoice).await?;
            let done = wellkept::export::export_invoice_pdf(vault, &i.id, &out).await?;
            eprintln!("Warning: {}", done.warning.text);
            println!("Wrote {} ({}, {} bytes).", done.path.display(), i.label(), done.bytes);
        }
        InvoiceAction::List { client } => {
            let client = match client {
                Some(c) => Some(find_client(vault, &c).await?.id),
                None => None,
            };
            let all = billing::list_invoices(vault, client.as_deref()).await?;
            if all.is_empty() {
                println!("No invoices.");
            }
            for i in all {
                let state = match i.status {
                    InvoiceStatus::Draft => format!("draft ({})", i.id),
                    InvoiceStatus::Issued => format!("issued {}", i.issued_on.map(day).unwrap_or_default()),
                    InvoiceStatus::Void => "VOID".to_owned(),
                };
                println!("{}  {}  {}  {state}", i.label(), i.bill_to, i.money(i.total_minor));
            }
        }
    }
    Ok(())
}

async fn show(vault: &Vault, i: &Invoice) -> Result<()> {
    let title = match i.kind {
        billing::InvoiceKind::Invoice => "Invoice",
        billing::InvoiceKind::CreditNote => "Credit note",
    };
    let status = match (i.status, i.issued_on, i.due_on) {
        (InvoiceStatus::Draft, _, _) => "draft".to_owned(),
        (InvoiceStatus::Void, _, _) => format!("VOID: {}", i.void_reason.as_deref().unwrap_or_default()),
        (InvoiceStatus::Issued, Some(on), Some(due)) if i.kind == billing::InvoiceKind::Invoice => {
            format!("issued {}, due {}", day(on), day(due))
        }
        (InvoiceStatus::Issued, Some(on), _) => format!("issued {}", day(on)),
        _ => String::new(),
    };
    println!("{title} {}  {status}", i.label());
    if let Some(b) = i.business_details() {
        println!("From: {}", b.name);
    }
    println!("To: {}", i.payer.as_deref().map_or(i.bill_to.clone(), |p| format!("{p} (for {})", i.bill_to)));
    for l in billing::invoice_lines(vault, &i.id).await? {
        println!("  {}  {}", l.description, i.money(l.net_minor));
    }
    println!("Subtotal: {}", i.money(i.subtotal_minor));
    if let Some(rate) = i.tax_rate_bp {
        println!("Tax at {}: {}", billing::format_rate(rate), i.money(i.tax_minor));
    }
    println!("Total: {}", i.money(i.total_minor));
    if i.kind == billing::InvoiceKind::Invoice && i.status == InvoiceStatus::Issued {
        // What went against it, as its PDF prints it, so that "Still owed" adds up.
        let s = billing::settlement(vault, i).await?;
        if s.paid.minor != 0 {
            println!("Paid: {}", s.paid);
        }
        if !s.credit_notes.is_empty() {
            println!("Credited: {} ({})", s.credited, s.credit_notes.join(", "));
        }
        println!("Still owed: {}", s.balance);
    }
    Ok(())
}
