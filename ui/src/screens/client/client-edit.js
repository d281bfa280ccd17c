/**
 * The client overview's "Edit details" form and its "Move to trash" step. Kept apart from
 * client.js so the overview stays readable. The form sends only the fields it shows
 * (lib/client-patch.js); the core leaves every other field as stored.
 */
import * as api from '../../api.js';
import { announce, navigate } from '../../lib/events.js';
import { html } from '../../lib/html.js';
import { CLIENT_FORM_FIELDS, clientPatch } from '../../lib/client-patch.js';

const STATUSES = [['active', 'Active'], ['paused', 'Paused'], ['closed', 'Closed']];

/**
 * The edit form and the trash button, for one client: collapsed unless `open`.
 * @param {import('../../api.js').Client} client
 * @param {boolean} [open]
 */
export function clientEditSection(client, open = false) {
  return html`
    <details class="card client-edit" data-client-edit ${open ? html`open` : ''}>
      <summary>Edit details</summary>
      <form data-edit-form novalidate aria-label="Edit ${client.name}’s details">
        <div class="field"><label for="edit-name">Full name</label>
          <input id="edit-name" name="name" type="text" autocomplete="off" required value="${client.name}" aria-describedby="edit-name-error">
          <span class="field__error" id="edit-name-error" data-edit-error-for="name"></span></div>
        <div class="field"><label for="edit-preferred">Preferred name <span class="muted">(optional)</span></label>
          <input id="edit-preferred" name="preferred_name" type="text" autocomplete="off" value="${client.preferred_name ?? ''}"></div>
        <div class="field"><label for="edit-pronouns">Pronouns <span class="muted">(optional)</span></label>
          <input id="edit-pronouns" name="pronouns" type="text" autocomplete="off" value="${client.pronouns ?? ''}"></div>
        <div class="field"><label for="edit-status">Status</label>
          <select id="edit-status" name="status">
            ${STATUSES.map(([value, label]) => html`<option value="${value}" ${client.status === value ? html`selected` : ''}>${label}</option>`)}
          </select></div>
        <div class="field"><label for="edit-phone">Phone <span class="muted">(optional)</span></label>
          <input id="edit-phone" name="phone" type="tel" autocomplete="off" value="${client.contact?.phone ?? ''}"></div>
        <div class="field"><label for="edit-email">E-mail <span class="muted">(optional)</span></label>
          <input id="edit-email" name="email" type="email" autocomplete="off" value="${client.contact?.email ?? ''}"></div>
        <div class="field"><label for="edit-notes">General notes <span class="muted">(optional)</span></label>
          <textarea id="edit-notes" name="notes" rows="4">${client.notes ?? ''}</textarea></div>
        <p class="field__error" role="alert" data-edit-error></p>
        <div class="actions"><button class="button" type="submit">Save details</button></div>
      </form>
      <div class="client-edit__trash" data-trash-area>
        <div class="actions"><button type="button" class="button button--quiet" data-trash-client>Move to trash…</button></div>
      </div>
    </details>`;
}

/**
 * Wires the form and the trash step.
 * @param {HTMLElement} screen  the client screen
 * @param {import('../../api.js').Client} client
 * @param {() => void} reload  redraws the overview after a save
 */
export function wireClientEdit(screen, client, reload) {
  const form = /** @type {HTMLFormElement|null} */ (screen.querySelector('[data-edit-form]'));
  form?.addEventListener('submit', (ev) => {
    ev.preventDefault();
    save(screen, form, client, reload);
  });
  const area = /** @type {HTMLElement|null} */ (screen.querySelector('[data-trash-area]'));
  area?.addEventListener('click', async (ev) => {
    const button = /** @type {HTMLElement} */ (ev.target).closest('button');
    if (!button) return;
    if (button.hasAttribute('data-trash-client')) {
      area.querySelector('.actions')?.setAttribute('hidden', '');
      const confirm = document.createElement('div');
      confirm.className = 'notice notice--warning';
      confirm.setAttribute('role', 'group');
      confirm.setAttribute('aria-label', 'Confirm moving to the trash');
      confirm.dataset.trashConfirm = '';
      const text = document.createElement('p');
      text.textContent = `Move ${client.name} to the trash? Their notes, goals and appointments go with them. You can restore them from Trash.`;
      const actions = document.createElement('div');
      actions.className = 'actions';
      actions.append(makeButton('Move to trash', 'button', 'data-trash-confirm-yes'), makeButton('Cancel', 'button button--quiet', 'data-trash-cancel'));
      confirm.append(text, actions);
      area.append(confirm);
      /** @type {HTMLElement|null} */ (area.querySelector('[data-trash-confirm-yes]'))?.focus();
    } else if (button.hasAttribute('data-trash-cancel')) {
      area.querySelector('[data-trash-confirm]')?.remove();
      area.querySelector('.actions')?.removeAttribute('hidden');
      /** @type {HTMLElement|null} */ (area.querySelector('[data-trash-client]'))?.focus();
    } else if (button.hasAttribute('data-trash-confirm-yes')) {
      try {
        await api.moveClientToTrash(client.id);
        announce(screen, `${client.name} moved to the trash. You can restore them from Trash.`);
        navigate(screen, 'clients');
      } catch (e) {
        const error = screen.querySelector('[data-edit-error]');
        if (error) error.textContent = api.toApiError(e).message;
      }
    }
  });
}

/** @param {string} label @param {string} className @param {string} marker */
function makeButton(label, className, marker) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = label;
  b.setAttribute(marker, '');
  return b;
}

/** @param {HTMLElement} screen @param {HTMLFormElement} form @param {import('../../api.js').Client} client @param {() => void} reload */
async function save(screen, form, client, reload) {
  const data = new FormData(form);
  const error = form.querySelector('[data-edit-error]');
  const nameError = form.querySelector('[data-edit-error-for="name"]');
  const nameInput = /** @type {HTMLInputElement} */ (form.elements.namedItem('name'));
  if (error) error.textContent = '';
  if (nameError) nameError.textContent = '';
  const text = (/** @type {string} */ key) => String(data.get(key) ?? '').trim();
  if (!text('name')) {
    if (nameError) nameError.textContent = 'Enter the client’s name.';
    nameInput.setAttribute('aria-invalid', 'true');
    nameInput.focus();
    return;
  }
  nameInput.removeAttribute('aria-invalid');
  try {
    /** @type {Record<string, string>} */
    const values = {};
    for (const field of CLIENT_FORM_FIELDS) values[field] = String(data.get(field) ?? '');
    const patch = clientPatch(values);
    // The notes go only when they were changed here, with the version they were written over:
    // notes saved meanwhile on another computer are then kept aside rather than written over,
    // and a change of phone number alone leaves them be (docs/decisions.md 70).
    if (patch.notes === (client.notes ?? '')) delete patch.notes;
    else patch.notes_base = client.text_version ?? '';
    await api.updateClient(client.id, patch);
    announce(screen, 'Details saved.');
    reload();
  } catch (e) {
    const err = api.toApiError(e);
    if (err.field === 'name' && nameError) {
      nameError.textContent = err.message;
      nameInput.setAttribute('aria-invalid', 'true');
      nameInput.focus();
    } else if (error) {
      error.textContent = err.message;
    }
  }
}
