/**
 * "Computers" in Settings: every computer that has opened this vault, when it first and last
 * did, this one marked; rename this one, remove another. Each computer writes only its own
 * entry in the vault folder (src/sync/devices.rs), so a sync engine never sees two writers.
 *
 * Usage (from the settings screen, once it has rendered `devicesSection()`):
 *   wireDevices(screen);
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';
import { formatDay, formatTime } from '../../lib/dates.js';

/** The empty card; `wireDevices` fills it. */
export function devicesSection() {
  return html`<section class="card settings-card" aria-labelledby="devices-title" data-devices>
    <h2 id="devices-title">Computers</h2>
    <p class="muted">The computers that have opened this vault, for example through a synced folder. Each one keeps its own entry here; removing a computer only takes it off this list.</p>
    <p data-vault-folder-line>This vault's folder: <span class="mono" data-vault-folder></span></p>
    <ul class="record-list" data-device-list></ul>
    <form data-device-rename novalidate>
      <div class="field"><label for="device-name">Name of this computer</label>
        <input id="device-name" name="name" type="text" autocomplete="off" maxlength="80" aria-describedby="device-name-error">
        <span class="field__error" id="device-name-error" data-error-for="name"></span></div>
      <div class="actions"><button class="button" type="submit">Rename this computer</button></div>
    </form>
  </section>`;
}

/**
 * "Mon 6 Apr 2026, 08:45": a moment, where the person is.
 * @param {string} at
 */
function when(at) {
  return `${formatDay(at)}, ${formatTime(at)}`;
}

/**
 * @param {HTMLElement} screen
 * @returns {Promise<void>}
 */
export async function wireDevices(screen) {
  const list = /** @type {HTMLElement|null} */ (screen.querySelector('[data-device-list]'));
  const form = /** @type {HTMLFormElement|null} */ (screen.querySelector('[data-device-rename]'));
  if (!list || !form) return;
  const input = /** @type {HTMLInputElement} */ (form.elements.namedItem('name'));
  const error = /** @type {HTMLElement} */ (form.querySelector('[data-error-for="name"]'));

  api.appStatus().then((status) => {
    const folder = screen.querySelector('[data-vault-folder]');
    if (folder) folder.textContent = status.vault_folder;
  }).catch(() => { /* the folder line only informs; the list below says what failed */ });

  const draw = async () => {
    /** @type {import('../../api.js').DeviceInfo[]} */
    let devices;
    try {
      devices = await api.listDevices();
    } catch (e) {
      render(list, html`<li class="notice notice--error">${api.toApiError(e).message}</li>`);
      return;
    }
    const mine = devices.find((d) => d.this_computer);
    if (mine && document.activeElement !== input) input.value = mine.name;
    render(list, html`${devices.map((d) => html`
      <li class="record-list__item" data-device="${d.id}">
        <div>
          <strong data-device-name>${d.name}</strong>${d.this_computer ? html` <span class="badge" data-this-computer>This computer</span>` : ''}
          <div class="muted" data-device-seen>First opened ${when(d.first_seen)} · last opened ${when(d.last_seen)} · id ${d.short_id}</div>
        </div>
        ${d.this_computer ? '' : html`<button class="button button--quiet" type="button" data-remove-device="${d.id}"
          aria-label="Remove ${d.name} from this list">Remove</button>`}
      </li>`)}`);
    for (const button of list.querySelectorAll('[data-remove-device]')) {
      button.addEventListener('click', async () => {
        const id = /** @type {HTMLElement} */ (button).dataset.removeDevice ?? '';
        const name = devices.find((d) => d.id === id)?.name ?? 'that computer';
        try {
          await api.removeDevice(id);
          announce(screen, `${name} removed from the list of computers.`);
        } catch (e) {
          announce(screen, api.toApiError(e).message, 'error');
        }
        await draw();
      });
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      await api.renameThisDevice(input.value);
      announce(screen, `This computer is now called ${input.value.trim()}.`);
      input.blur();
      await draw();
    } catch (e) {
      error.textContent = api.toApiError(e).message;
    }
  });
  await draw();
}
