/**
 * <wk-billing-screen>: billing for the practice. The settings card (currency, default fees, tax,
 * terms, business details); the unbilled items of each client, each with "Adjust" and "Write
 * off"; "Create invoice" (a draft of a client's unbilled items) then "Issue invoice"; the
 * invoices list (number, billed to, total, paid, balance, state); "Record a payment"; corrections
 * (void an issued invoice, or a credit note against it); "Record a refund"; a client's statement
 * of account for a date range (shown line by line, saved as PDF); the accountant's CSV.
 *
 * Every amount is shown as the core formats it and typed as text the core parses (see
 * src-tauri/src/commands/billing.rs): nothing here adds, rounds or formats money.
 */
import * as api from '../../api.js';
import { formatDay, today } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { announce } from '../../lib/events.js';
import { count } from '../../lib/plural.js';
import { invoiceLine, statementLines } from '../../lib/billing.js';
import { pathField, readPath, wirePathField } from '../../lib/path-field.js';

/** @type {import('../../bindings/Currency').Currency[]} */
const CURRENCIES = ['GBP', 'EUR', 'USD', 'AUD', 'CAD', 'NZD', 'CHF', 'SEK', 'NOK', 'DKK', 'JPY', 'BHD', 'KWD', 'OMR'];
/** @type {Record<import('../../bindings/SessionMode').SessionMode, string>} */
const MODES = { in_person: 'In person', video: 'Video', phone: 'Phone' };

/** @param {FormData} d @param {string} name */
const text = (d, name) => String(d.get(name) ?? '').trim();

export class BillingScreen extends HTMLElement {
  connectedCallback() {
    render(this, html`<section class="screen billing" aria-labelledby="billing-title">
      <h1 id="billing-title">Billing</h1>
      <div data-billing></div></section>`);
    this.load();
  }

  async load() {
    const box = /** @type {HTMLElement} */ (this.querySelector('[data-billing]'));
    try {
      const [settings, items, invoices, clients, payments] = await Promise.all([
        api.billingSettings(),
        api.listBillableItems(null, true),
        api.listInvoices(null),
        api.listClients({}),
        api.listPayments(null),
      ]);
      this.draw(box, settings, items, invoices, clients, payments);
    } catch (e) {
      render(box, html`<p class="notice notice--error" role="alert">${api.toApiError(e).message}</p>`);
    }
  }

  /**
   * @param {HTMLElement} box
   * @param {import('../../bindings/BillingSettingsForm').BillingSettingsForm | null} settings
   * @param {import('../../bindings/ItemView').ItemView[]} items
   * @param {import('../../bindings/InvoiceView').InvoiceView[]} invoices
   * @param {import('../../bindings/Client').Client[]} clients
   * @param {import('../../bindings/PaymentView').PaymentView[]} payments
   */
  draw(box, settings, items, invoices, clients, payments) {
    /** @type {Map<string, {name: string, items: import('../../bindings/ItemView').ItemView[]}>} */
    const byClient = new Map();
    for (const i of items) {
      const entry = byClient.get(i.item.client_id) ?? { name: i.client_name, items: [] };
      entry.items.push(i);
      byClient.set(i.item.client_id, entry);
    }
    const fees = [...(settings?.default_fees ?? []), { minutes: 50, mode: /** @type {const} */ ('in_person'), fee: '' }];
    const payable = invoices.filter((v) => v.invoice.kind === 'invoice' && (v.state === 'issued' || v.state === 'overdue'));
    const drafts = invoices.filter((v) => v.state === 'draft');
    const numbered = invoices.filter((v) => v.state !== 'draft');
    const issued = invoices.filter((v) => v.invoice.kind === 'invoice' && v.invoice.status === 'issued');
    const monthStart = `${today().slice(0, 8)}01`;
    const received = payments.filter((p) => p.payment.kind === 'payment');
    render(box, html`
      <section class="card" aria-labelledby="billing-settings-title" data-billing-settings>
        <h2 id="billing-settings-title">Settings</h2>
        ${settings ? '' : html`<p class="muted">Billing is not set up: nothing is billed until these are saved.</p>`}
        <form data-settings-form novalidate>
          <div class="field"><label for="billing-currency">Currency</label>
            <select id="billing-currency" name="currency">${CURRENCIES.map((c) => html`<option value="${c}" ${(settings?.currency ?? 'GBP') === c ? html`selected` : ''}>${c}</option>`)}</select></div>
          <fieldset><legend>Default fees (leave a fee empty to remove it)</legend>
            ${fees.map((f, n) => html`<div class="billing__fee" data-fee-row>
              <div class="field"><label for="fee-minutes-${n}">Length in minutes</label><input id="fee-minutes-${n}" name="fee_minutes_${n}" type="number" min="1" value="${String(f.minutes)}"></div>
              <div class="field"><label for="fee-mode-${n}">Mode</label><select id="fee-mode-${n}" name="fee_mode_${n}">${Object.entries(MODES).map(([k, v]) => html`<option value="${k}" ${f.mode === k ? html`selected` : ''}>${v}</option>`)}</select></div>
              <div class="field"><label for="fee-amount-${n}">Fee</label><input id="fee-amount-${n}" name="fee_amount_${n}" inputmode="decimal" value="${f.fee}"></div>
            </div>`)}
          </fieldset>
          <div class="field"><label for="billing-tax">Tax rate in percent (empty for no tax)</label><input id="billing-tax" name="tax_rate" inputmode="decimal" value="${settings?.tax_rate ?? ''}"></div>
          <div class="field"><label for="billing-terms">Payment terms in days</label><input id="billing-terms" name="terms" type="number" min="0" max="365" value="${String(settings?.payment_terms_days ?? 14)}"></div>
          <div class="field"><label for="billing-wording">Session line wording</label><input id="billing-wording" name="wording" value="${settings?.session_wording ?? 'Mentoring session'}"></div>
          <div class="field"><label for="billing-name">Business name</label><input id="billing-name" name="business_name" value="${settings?.business.name ?? ''}"></div>
          <div class="field"><label for="billing-address">Business address</label><textarea id="billing-address" name="business_address">${settings?.business.address ?? ''}</textarea></div>
          <div class="field"><label for="billing-email">Business e-mail</label><input id="billing-email" name="business_email" type="email" value="${settings?.business.email ?? ''}"></div>
          <div class="field"><label for="billing-tax-id">Tax number</label><input id="billing-tax-id" name="business_tax_id" value="${settings?.business.tax_id ?? ''}"></div>
          <div class="field"><label for="billing-payment-details">Payment details</label><textarea id="billing-payment-details" name="business_payment_details">${settings?.business.payment_details ?? ''}</textarea></div>
          <p class="field__error" role="alert" data-settings-error></p>
          <div class="actions"><button class="button" type="submit">Save billing settings</button></div>
        </form>
      </section>
      <section class="card" aria-labelledby="billing-unbilled-title" data-unbilled>
        <h2 id="billing-unbilled-title">Unbilled</h2>
        ${byClient.size === 0 ? html`<p class="muted">Nothing to invoice.</p>` : [...byClient.entries()].map(([clientId, c]) => html`
          <section class="billing__client" aria-label="${c.name}" data-unbilled-client="${clientId}">
            <h3>${c.name} · ${count(c.items.length, 'item')}</h3>
            <ul>${c.items.map((i) => html`<li data-item="${i.item.id}"><span data-item-line>${i.item.description} · ${i.net}${i.discount ? ` (${i.amount} less ${i.discount})` : ''}</span>
              <button type="button" class="button button--quiet" data-adjust="${i.item.id}" aria-label="Adjust ${i.item.description}">Adjust</button>
              <button type="button" class="button button--quiet" data-write-off="${i.item.id}" aria-label="Write off ${i.item.description}">Write off</button></li>`)}</ul>
            <form data-create-invoice="${clientId}" novalidate>
              <div class="field"><label for="payer-${clientId}">Paid by (leave empty for ${c.name})</label><input id="payer-${clientId}" name="payer"></div>
              <div class="actions"><button class="button" type="submit">Create invoice for ${c.name}</button></div>
            </form>
          </section>`)}
        <form data-item-form hidden novalidate>
          <input type="hidden" name="id"><input type="hidden" name="action">
          <div class="field" data-amount-field><label for="item-amount">New amount</label><input id="item-amount" name="amount" inputmode="decimal"></div>
          <div class="field"><label for="item-reason">Reason</label><input id="item-reason" name="reason"></div>
          <p class="field__error" role="alert" data-item-error></p>
          <div class="actions"><button class="button" type="submit" data-item-submit>Save</button><button class="button button--quiet" type="button" data-item-cancel>Cancel</button></div>
        </form>
        <p class="field__error" role="alert" data-unbilled-error></p>
      </section>
      ${drafts.length ? html`<section class="card" aria-labelledby="billing-drafts-title" data-drafts>
        <h2 id="billing-drafts-title">Drafts</h2>
        <ul>${drafts.map((v) => html`<li data-draft="${v.invoice.id}"><span data-draft-line>Draft · ${v.invoice.bill_to} · ${count(v.lines.length, 'line')} · total ${v.total}</span>
          <button type="button" class="button" data-issue="${v.invoice.id}">Issue invoice</button>
          <button type="button" class="button button--quiet" data-discard="${v.invoice.id}">Discard draft</button></li>`)}</ul>
        <p class="field__error" role="alert" data-draft-error></p>
      </section>` : ''}
      <section class="card" aria-labelledby="billing-invoices-title" data-invoices>
        <h2 id="billing-invoices-title">Invoices</h2>
        ${numbered.length === 0 ? html`<p class="muted">No invoices yet.</p>`
          : html`<ul>${numbered.map((v) => html`<li class="billing__invoice billing__invoice--${v.state}" data-invoice="${v.invoice.id}">${invoiceLine(v)}</li>`)}</ul>`}
      </section>
      <section class="card" aria-labelledby="billing-pdf-title" data-invoice-pdf>
        <h2 id="billing-pdf-title">Save an invoice as PDF</h2>
        ${numbered.length === 0 ? html`<p class="muted">No invoices yet.</p>` : html`
        <form data-pdf-form novalidate>
          <div class="field"><label for="pdf-invoice">Invoice</label>
            <select id="pdf-invoice" name="invoice_id">${numbered.map((v) => html`<option value="${v.invoice.id}" data-label="${v.label}">${v.label} · ${v.invoice.bill_to}</option>`)}</select></div>
          ${pathField({ id: 'invoice-pdf-path', label: 'Save the PDF to' })}
          <p class="field__error" role="alert" data-pdf-error></p>
          <div role="status" data-pdf-result></div>
          <div class="actions"><button class="button" type="submit">Save PDF</button></div>
        </form>`}
      </section>
      <section class="card" aria-labelledby="billing-payment-title" data-payment>
        <h2 id="billing-payment-title">Record a payment</h2>
        ${payable.length === 0 ? html`<p class="muted">No invoice is waiting for payment.</p>` : html`
        <form data-payment-form novalidate>
          <div class="field"><label for="payment-invoice">Invoice</label>
            <select id="payment-invoice" name="invoice_id">${payable.map((v) => html`<option value="${v.invoice.id}">${v.label} · ${v.invoice.bill_to} · balance ${v.balance}</option>`)}</select></div>
          <div class="field"><label for="payment-amount">Amount</label><input id="payment-amount" name="amount" inputmode="decimal"></div>
          <div class="field"><label for="payment-method">Method</label><input id="payment-method" name="method" value="bank transfer"></div>
          <div class="field"><label for="payment-date">Date</label><input id="payment-date" name="paid_on" type="date" value="${today()}"></div>
          <div class="field"><label for="payment-reference">Reference</label><input id="payment-reference" name="reference"></div>
          <p class="field__error" role="alert" data-payment-error></p>
          <div class="actions"><button class="button" type="submit">Record payment</button></div>
        </form>`}
      </section>
      <section class="card" aria-labelledby="billing-receipt-title" data-receipt>
        <h2 id="billing-receipt-title">Save a receipt as PDF</h2>
        ${received.length === 0 ? html`<p class="muted">No payments yet.</p>` : html`
        <form data-receipt-form novalidate>
          <div class="field"><label for="receipt-payment">Payment</label>
            <select id="receipt-payment" name="payment_id">${received.map((p) => html`<option value="${p.payment.id}">${formatDay(p.payment.paid_on)} · ${p.invoice_label} · ${p.bill_to} · ${p.amount} by ${p.payment.method}</option>`)}</select></div>
          ${pathField({ id: 'receipt-pdf-path', label: 'Save the receipt to' })}
          <p class="field__error" role="alert" data-receipt-error></p>
          <div role="status" data-receipt-result></div>
          <div class="actions"><button class="button" type="submit">Save receipt</button></div>
        </form>`}
      </section>
      <section class="card" aria-labelledby="billing-correct-title" data-correct>
        <h2 id="billing-correct-title">Correct an invoice</h2>
        <p class="muted">An issued invoice never changes. Void it (it keeps its number and its items are unbilled again) when nothing was paid or credited on it; otherwise issue a credit note, which takes the next number.</p>
        ${issued.length === 0 ? html`<p class="muted">No issued invoice to correct.</p>` : html`
        <form data-correct-form novalidate>
          <div class="field"><label for="correct-invoice">Invoice</label>
            <select id="correct-invoice" name="invoice_id">${issued.map((v) => html`<option value="${v.invoice.id}">${v.label} · ${v.invoice.bill_to} · balance ${v.balance}</option>`)}</select></div>
          <div class="field"><label for="correct-amount">Credit note amount before tax (not needed to void)</label><input id="correct-amount" name="amount" inputmode="decimal"></div>
          <div class="field"><label for="correct-reason">Reason</label><input id="correct-reason" name="reason"></div>
          <p class="field__error" role="alert" data-correct-error></p>
          <div class="actions"><button class="button" type="submit" data-correct-action="credit">Issue credit note</button>
            <button class="button button--quiet" type="submit" data-correct-action="void">Void invoice</button></div>
        </form>`}
      </section>
      <section class="card" aria-labelledby="billing-refund-title" data-refund>
        <h2 id="billing-refund-title">Record a refund</h2>
        ${issued.length === 0 ? html`<p class="muted">No issued invoice to refund.</p>` : html`
        <form data-refund-form novalidate>
          <div class="field"><label for="refund-invoice">Invoice</label>
            <select id="refund-invoice" name="invoice_id">${issued.map((v) => html`<option value="${v.invoice.id}">${v.label} · ${v.invoice.bill_to} · paid ${v.paid}</option>`)}</select></div>
          <div class="field"><label for="refund-amount">Amount</label><input id="refund-amount" name="amount" inputmode="decimal"></div>
          <div class="field"><label for="refund-method">Method</label><input id="refund-method" name="method" value="bank transfer"></div>
          <div class="field"><label for="refund-date">Date</label><input id="refund-date" name="paid_on" type="date" value="${today()}"></div>
          <div class="field"><label for="refund-reference">Reference</label><input id="refund-reference" name="reference"></div>
          <p class="field__error" role="alert" data-refund-error></p>
          <div class="actions"><button class="button" type="submit">Record refund</button></div>
        </form>`}
      </section>
      <section class="card" aria-labelledby="billing-statement-title" data-statement>
        <h2 id="billing-statement-title">Statement of account</h2>
        ${clients.length === 0 ? html`<p class="muted">No clients yet.</p>` : html`
        <form data-statement-form novalidate>
          <div class="field"><label for="statement-client">Client</label>
            <select id="statement-client" name="client_id">${clients.map((c) => html`<option value="${c.id}">${c.name}</option>`)}</select></div>
          <div class="field"><label for="statement-from">From</label><input id="statement-from" name="from" type="date" value="${monthStart}"></div>
          <div class="field"><label for="statement-to">To</label><input id="statement-to" name="to" type="date" value="${today()}"></div>
          <p class="field__error" role="alert" data-statement-error></p>
          <div class="actions"><button class="button" type="submit">Show statement</button></div>
        </form>
        <div data-statement-view></div>
        <form data-statement-pdf-form novalidate>
          ${pathField({ id: 'statement-pdf-path', label: 'Save the statement as PDF to' })}
          <p class="field__error" role="alert" data-statement-pdf-error></p>
          <div role="status" data-statement-pdf-result></div>
          <div class="actions"><button class="button" type="submit">Save statement PDF</button></div>
        </form>`}
      </section>
      <section class="card" aria-labelledby="billing-csv-title" data-csv>
        <h2 id="billing-csv-title">Export for your accountant</h2>
        <p class="muted">A CSV of the invoices, credit notes, payments and refunds dated in the range: numbers, days, names and amounts, never what a session was about.</p>
        <form data-csv-form novalidate>
          <div class="field"><label for="csv-from">From</label><input id="csv-from" name="from" type="date" value="${monthStart}"></div>
          <div class="field"><label for="csv-to">To</label><input id="csv-to" name="to" type="date" value="${today()}"></div>
          ${pathField({ id: 'csv-path', label: 'Save the CSV to' })}
          <p class="field__error" role="alert" data-csv-error></p>
          <div role="status" data-csv-result></div>
          <div class="actions"><button class="button" type="submit">Export CSV</button></div>
        </form>
      </section>`);
    this.wire(box, settings, fees.length);
    this.wireCorrections(box);
  }

  /**
   * @param {HTMLElement} box
   * @param {import('../../bindings/BillingSettingsForm').BillingSettingsForm | null} settings
   * @param {number} feeRows
   */
  wire(box, settings, feeRows) {
    /** @param {string} selector @param {unknown} e */
    const fail = (selector, e) => {
      const el = box.querySelector(selector);
      if (el) el.textContent = api.toApiError(e).message;
    };
    box.querySelector('[data-settings-form]')?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const d = new FormData(/** @type {HTMLFormElement} */ (e.target));
      const defaultFees = [];
      for (let n = 0; n < feeRows; n += 1) {
        const fee = text(d, `fee_amount_${n}`);
        if (fee) defaultFees.push({ minutes: Number(text(d, `fee_minutes_${n}`)), mode: /** @type {import('../../bindings/SessionMode').SessionMode} */ (text(d, `fee_mode_${n}`)), fee });
      }
      const terms = Number(text(d, 'terms'));
      if (!Number.isInteger(terms) || terms < 0) {
        fail('[data-settings-error]', new api.ApiError('invalid', 'Payment terms: write a whole number of days, like 14.', 'terms'));
        return;
      }
      try {
        await api.saveBillingSettings({
          currency: /** @type {import('../../bindings/Currency').Currency} */ (text(d, 'currency')),
          default_fees: defaultFees,
          tax_rate: text(d, 'tax_rate') || null,
          business: {
            name: text(d, 'business_name'), address: text(d, 'business_address'),
            email: text(d, 'business_email') || null, tax_id: text(d, 'business_tax_id') || null,
            payment_details: text(d, 'business_payment_details') || null,
          },
          payment_terms_days: terms,
          bill_no_shows: settings?.bill_no_shows ?? false,
          bill_late_cancellations: settings?.bill_late_cancellations ?? false,
          late_cancellation_hours: settings?.late_cancellation_hours ?? 24,
          session_wording: text(d, 'wording'),
        });
        announce(this, 'Billing settings saved.');
        await this.load();
      } catch (err) {
        fail('[data-settings-error]', err);
      }
    });
    const itemForm = /** @type {HTMLFormElement|null} */ (box.querySelector('[data-item-form]'));
    /** @param {string} id @param {'adjust'|'write-off'} action */
    const openItemForm = (id, action) => {
      if (!itemForm) return;
      itemForm.hidden = false;
      /** @type {HTMLInputElement} */ (itemForm.elements.namedItem('id')).value = id;
      /** @type {HTMLInputElement} */ (itemForm.elements.namedItem('action')).value = action;
      /** @type {HTMLElement} */ (itemForm.querySelector('[data-amount-field]')).hidden = action !== 'adjust';
      /** @type {HTMLElement} */ (itemForm.querySelector('[data-item-submit]')).textContent = action === 'adjust' ? 'Save amount' : 'Write off';
      /** @type {HTMLInputElement} */ (itemForm.querySelector(action === 'adjust' ? '#item-amount' : '#item-reason')).focus();
    };
    for (const b of box.querySelectorAll('[data-adjust]')) b.addEventListener('click', () => openItemForm(b.getAttribute('data-adjust') ?? '', 'adjust'));
    for (const b of box.querySelectorAll('[data-write-off]')) b.addEventListener('click', () => openItemForm(b.getAttribute('data-write-off') ?? '', 'write-off'));
    box.querySelector('[data-item-cancel]')?.addEventListener('click', () => { if (itemForm) itemForm.hidden = true; });
    itemForm?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const d = new FormData(itemForm);
      try {
        const v = text(d, 'action') === 'adjust'
          ? await api.adjustBillableItem(text(d, 'id'), text(d, 'amount'), text(d, 'reason'))
          : await api.writeOffBillableItem(text(d, 'id'), text(d, 'reason'));
        announce(this, v.item.written_off ? `${v.item.description} written off.` : `${v.item.description}: ${v.net}.`);
        await this.load();
      } catch (err) {
        fail('[data-item-error]', err);
      }
    });
    for (const form of box.querySelectorAll('[data-create-invoice]')) {
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const d = new FormData(/** @type {HTMLFormElement} */ (form));
        try {
          const v = await api.createInvoice(form.getAttribute('data-create-invoice') ?? '', text(d, 'payer') || null);
          announce(this, `Draft invoice for ${v.invoice.bill_to}: ${v.total}.`);
          await this.load();
        } catch (err) {
          fail('[data-unbilled-error]', err);
        }
      });
    }
    for (const b of box.querySelectorAll('[data-issue]')) {
      b.addEventListener('click', async () => {
        try {
          const v = await api.issueInvoice(b.getAttribute('data-issue') ?? '');
          announce(this, `${v.label} issued, due ${formatDay(v.invoice.due_on)}.`);
          await this.load();
        } catch (err) {
          fail('[data-draft-error]', err);
        }
      });
    }
    for (const b of box.querySelectorAll('[data-discard]')) {
      b.addEventListener('click', async () => {
        try {
          await api.discardInvoice(b.getAttribute('data-discard') ?? '');
          announce(this, 'Draft discarded.');
          await this.load();
        } catch (err) {
          fail('[data-draft-error]', err);
        }
      });
    }
    wirePathField(box, 'invoice-pdf-path', () => {
      const pick = /** @type {HTMLSelectElement|null} */ (box.querySelector('#pdf-invoice'));
      const label = pick?.selectedOptions[0]?.getAttribute('data-label') ?? 'invoice';
      return api.chooseSavePath({ title: 'Save the invoice', default_path: `${label}.pdf` });
    });
    box.querySelector('[data-pdf-form]')?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const d = new FormData(/** @type {HTMLFormElement} */ (e.target));
      const error = box.querySelector('[data-pdf-error]');
      const result = box.querySelector('[data-pdf-result]');
      if (error) error.textContent = '';
      const path = readPath(box, 'invoice-pdf-path');
      if (!path) {
        if (error) error.textContent = 'Choose where to save the PDF, or type its full path.';
        return;
      }
      try {
        const done = await api.saveInvoicePdf(text(d, 'invoice_id'), path);
        if (result) result.textContent = `Saved ${done.path}. ${done.warning.text}`;
      } catch (err) {
        fail('[data-pdf-error]', err);
      }
    });
    box.querySelector('[data-payment-form]')?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const d = new FormData(/** @type {HTMLFormElement} */ (e.target));
      try {
        await api.recordPayment({
          invoice_id: text(d, 'invoice_id'), amount: text(d, 'amount'), method: text(d, 'method'),
          paid_on: text(d, 'paid_on'), reference: text(d, 'reference') || null,
        });
        announce(this, 'Payment recorded.');
        await this.load();
      } catch (err) {
        fail('[data-payment-error]', err);
      }
    });
  }

  /**
   * Void and credit note, refund, statement (on screen and as PDF), the accountant's CSV.
   * @param {HTMLElement} box
   */
  wireCorrections(box) {
    /** @param {string} selector @param {string} message */
    const say = (selector, message) => {
      const el = box.querySelector(selector);
      if (el) el.textContent = message;
    };
    /** @param {string} selector @param {unknown} e */
    const fail = (selector, e) => say(selector, api.toApiError(e).message);
    const correct = /** @type {HTMLFormElement|null} */ (box.querySelector('[data-correct-form]'));
    correct?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const submitter = /** @type {SubmitEvent} */ (e).submitter;
      const action = submitter?.getAttribute('data-correct-action') ?? 'credit';
      const d = new FormData(correct);
      say('[data-correct-error]', '');
      try {
        if (action === 'void') {
          const v = await api.voidInvoice(text(d, 'invoice_id'), text(d, 'reason'));
          announce(this, `${v.label} is void; it keeps its number.`);
        } else {
          const v = await api.creditInvoice(text(d, 'invoice_id'), text(d, 'amount'), text(d, 'reason'));
          announce(this, `${v.label} issued for ${v.credits_label ?? ''}: ${v.total}.`);
        }
        await this.load();
      } catch (err) {
        fail('[data-correct-error]', err);
      }
    });
    const refund = /** @type {HTMLFormElement|null} */ (box.querySelector('[data-refund-form]'));
    refund?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const d = new FormData(refund);
      try {
        await api.recordRefund({
          invoice_id: text(d, 'invoice_id'), amount: text(d, 'amount'), method: text(d, 'method'),
          paid_on: text(d, 'paid_on'), reference: text(d, 'reference') || null,
        });
        announce(this, 'Refund recorded.');
        await this.load();
      } catch (err) {
        fail('[data-refund-error]', err);
      }
    });
    const statement = /** @type {HTMLFormElement|null} */ (box.querySelector('[data-statement-form]'));
    const range = () => {
      const d = new FormData(/** @type {HTMLFormElement} */ (statement));
      return { clientId: text(d, 'client_id'), from: text(d, 'from'), to: text(d, 'to') };
    };
    /** @param {{from: string, to: string}} r @param {string} selector */
    const checkRange = (r, selector) => {
      if (!r.from || !r.to) {
        say(selector, 'Choose the first and the last day.');
        return false;
      }
      return true;
    };
    statement?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const view = /** @type {HTMLElement} */ (box.querySelector('[data-statement-view]'));
      const r = range();
      say('[data-statement-error]', '');
      if (!checkRange(r, '[data-statement-error]')) return;
      try {
        const st = await api.billingStatement(r.clientId, r.from, r.to);
        render(view, html`<h3 data-statement-title>Statement of account: ${st.client_name}, ${formatDay(st.from)} to ${formatDay(st.to)}</h3>
          <ul data-statement-lines>${statementLines(st).map((line) => html`<li>${line}</li>`)}</ul>`);
      } catch (err) {
        render(view, html``);
        fail('[data-statement-error]', err);
      }
    });
    wirePathField(box, 'statement-pdf-path', () => api.chooseSavePath({ title: 'Save the statement', default_path: 'statement.pdf' }));
    box.querySelector('[data-statement-pdf-form]')?.addEventListener('submit', async (e) => {
      e.preventDefault();
      say('[data-statement-pdf-error]', '');
      say('[data-statement-pdf-result]', '');
      const r = range();
      if (!checkRange(r, '[data-statement-pdf-error]')) return;
      const path = readPath(box, 'statement-pdf-path');
      if (!path) {
        say('[data-statement-pdf-error]', 'Choose where to save the PDF, or type its full path.');
        return;
      }
      try {
        const done = await api.saveStatementPdf(r.clientId, r.from, r.to, path);
        say('[data-statement-pdf-result]', `Saved ${done.path}. ${done.warning.text}`);
      } catch (err) {
        fail('[data-statement-pdf-error]', err);
      }
    });
    wirePathField(box, 'receipt-pdf-path', () => api.chooseSavePath({ title: 'Save the receipt', default_path: 'receipt.pdf' }));
    const receipt = /** @type {HTMLFormElement|null} */ (box.querySelector('[data-receipt-form]'));
    receipt?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const d = new FormData(receipt);
      say('[data-receipt-error]', '');
      say('[data-receipt-result]', '');
      const path = readPath(box, 'receipt-pdf-path');
      if (!path) {
        say('[data-receipt-error]', 'Choose where to save the PDF, or type its full path.');
        return;
      }
      try {
        const done = await api.saveReceiptPdf(text(d, 'payment_id'), path);
        say('[data-receipt-result]', `Saved ${done.path}. ${done.warning.text}`);
      } catch (err) {
        fail('[data-receipt-error]', err);
      }
    });
    wirePathField(box, 'csv-path', () => api.chooseSavePath({ title: 'Save the CSV for your accountant', default_path: 'billing.csv' }));
    const csv = /** @type {HTMLFormElement|null} */ (box.querySelector('[data-csv-form]'));
    csv?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const d = new FormData(csv);
      say('[data-csv-error]', '');
      say('[data-csv-result]', '');
      const r = { from: text(d, 'from'), to: text(d, 'to') };
      if (!checkRange(r, '[data-csv-error]')) return;
      const path = readPath(box, 'csv-path');
      if (!path) {
        say('[data-csv-error]', 'Choose where to save the CSV, or type its full path.');
        return;
      }
      try {
        const done = await api.exportBillingCsv(r.from, r.to, path);
        say('[data-csv-result]', `Saved ${done.path} (${count(Number(done.rows), 'row')}). ${done.warning.text}`);
      } catch (err) {
        fail('[data-csv-error]', err);
      }
    });
  }
}

export const billingScreen = {
  id: 'billing', title: 'Billing', section: /** @type {const} */ ('practice'), order: 7, purpose: /** @type {const} */ ('mentor'),
  tag: 'wk-billing-screen', element: BillingScreen,
};
