/**
 * "Computers" in Settings: every computer that has opened this vault, when it first and last
 * did, this one and the home marked; rename this one, remove another, move the home. Each
 * computer writes only its own entry in the vault folder (src/sync/devices.rs), so a sync
 * engine never sees two writers. Moving the home asks first, in a dialog that says what it
 * means (`Vault::move_home`): on the home, it hands the home to another computer; elsewhere,
 * this computer takes it over from a home that will not open the vault again. Below the list,
 * what merges could not do in full (src/sync/notes.rs), until the person clears it: a change
 * made on one computer that found its record already changed, finalised or removed on another.
 *
 * Usage (from the settings screen, once it has rendered `devicesSection()`):
 *   wireDevices(screen);
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';
import { formatDay, formatTime } from '../../lib/dates.js';
import { deviceLines } from '../../lib/devices.js';

/** The empty card; `wireDevices` fills it. */
export function devicesSection() {
  return html`<section class="card settings-card" aria-labelledby="devices-title" data-devices>
    <h2 id="devices-title">Computers</h2>
    <p class="muted">The computers that have opened this vault, for example through a synced folder. Each one keeps its own entry here; removing a computer only takes it off this list.</p>
    <p data-vault-folder-line>This vault's folder: <span class="mono" data-vault-folder></span></p>
    <ul class="record-list" data-device-list></ul>
    <p class="muted" data-home-line hidden>The home keeps the vault's snapshots and backups; the other computers' changes are folded into them there.</p>
    <div class="merge-notes" data-merge-notes hidden>
      <h3 id="merge-notes-title" data-merge-notes-title></h3>
      <p class="muted">Changes made on one computer before it saw another's. Whatever still fitted was applied, and any text replaced unseen is kept beside its record.</p>
      <ul class="record-list" aria-labelledby="merge-notes-title" data-merge-note-list></ul>
      <div class="actions"><button class="button button--quiet" type="button" data-clear-merge-notes>Clear these notes</button></div>
    </div>
    <form data-device-rename novalidate>
      <div class="field"><label for="device-name">Name of this computer</label>
        <input id="device-name" name="name" type="text" autocomplete="off" maxlength="80" aria-describedby="device-name-error">
        <span class="field__error" id="device-name-error" data-error-for="name"></span></div>
      <div class="actions"><button class="button" type="submit">Rename this computer</button></div>
    </form>
    <dialog class="flag-dialog" aria-labelledby="home-dialog-title" aria-describedby="home-dialog-text" data-home-dialog>
      <form method="dialog" class="flag-dialog__body" data-home-form>
        <h2 id="home-dialog-title" data-home-title></h2>
        <p id="home-dialog-text" data-home-text></p>
        <p class="field__error" role="alert" data-home-error></p>
        <div class="actions">
          <button class="button" type="submit" data-home-confirm></button>
          <button class="button button--quiet" type="button" data-dialog-cancel>Cancel</button>
        </div>
      </form>
    </dialog>
  </section>`;
}

/**
 * One merge note as a sentence, its time where the person is.
 * @param {import('../../api.js').MergeNote} note
 */
function mergeNoteText(note) {
  const where = note.this_computer ? 'this computer' : note.computer;
  const at = `${formatDay(note.changed_at)} at ${formatTime(note.changed_at)}`;
  return note.outcome.kind === 'part_refused'
    ? `Part of a change saved on ${where} on ${at} could not be applied: ${note.outcome.reason}. The rest of it was.`
    : `A change saved on ${where} on ${at} found part of what it changed already changed, finalised or removed on another computer; the rest of it was applied.`;
}

/**
 * What merges could not do in full, with a button that clears exactly the notes shown (one
 * that arrives meanwhile stays until it has been shown).
 * @param {HTMLElement} screen
 */
async function drawMergeNotes(screen) {
  const box = /** @type {HTMLElement|null} */ (screen.querySelector('[data-merge-notes]'));
  const list = /** @type {HTMLElement|null} */ (screen.querySelector('[data-merge-note-list]'));
  const title = /** @type {HTMLElement|null} */ (screen.querySelector('[data-merge-notes-title]'));
  if (!box || !list || !title) return;
  /** @type {import('../../api.js').MergeNote[]} */
  let notes;
  try {
    notes = await api.listMergeNotes();
  } catch (e) {
    box.hidden = false;
    title.textContent = 'What merges could not do in full';
    render(list, html`<li class="notice notice--error">${api.toApiError(e).message}</li>`);
    return;
  }
  box.hidden = notes.length === 0;
  box.dataset.keys = notes.map((n) => n.key).join(' ');
  title.textContent = notes.length === 1 ? 'What a merge could not do in full (1 change)' : `What merges could not do in full (${notes.length} changes)`;
  render(list, html`${notes.map((n) => html`<li class="record-list__item" data-merge-note="${n.key}">${mergeNoteText(n)}</li>`)}`);
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
  const dialog = /** @type {HTMLDialogElement|null} */ (screen.querySelector('[data-home-dialog]'));
  const homeLine = /** @type {HTMLElement|null} */ (screen.querySelector('[data-home-line]'));
  /** The computer the open dialog would make the home, and the button that opened it. */
  let moving = { id: '', name: '', opener: /** @type {HTMLElement|null} */ (null) };

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
    // A lost name's description is no name to keep: the box is left empty (decision 76).
    if (mine && document.activeElement !== input) input.value = deviceLines(mine).editableName;
    const home = devices.find((d) => d.home);
    const homeHere = Boolean(mine?.home);
    if (homeLine) homeLine.hidden = !home;
    /**
     * What a row offers. On the home: remove another computer, or hand it the home. Elsewhere:
     * remove any computer but the home (it keeps the snapshots), and take the home over.
     * @param {import('../../api.js').DeviceInfo} d
     */
    const actions = (d) => {
      if (d.this_computer) {
        return home && !homeHere ? html`<button class="button button--quiet" type="button" data-take-home aria-haspopup="dialog">Make this computer the home…</button>` : '';
      }
      if (d.home) return '';
      const remove = html`<button class="button button--quiet" type="button" data-remove-device="${d.id}"
          aria-label="Remove ${d.name} from this list">Remove</button>`;
      const hand = homeHere ? html`<button class="button button--quiet" type="button" data-hand-home="${d.id}"
          aria-haspopup="dialog" aria-label="Make ${d.name} the home…">Make it the home…</button>` : '';
      return html`${remove} ${hand}`;
    };
    render(list, html`${devices.map((d) => {
      const { seen, note } = deviceLines(d);
      return html`
      <li class="record-list__item" data-device="${d.id}">
        <div>
          <strong data-device-name>${d.name}</strong>${d.this_computer ? html` <span class="badge" data-this-computer>This computer</span>` : ''}${d.home ? html` <span class="badge" data-home-badge>Home</span>` : ''}
          <div class="muted" data-device-seen>${seen}</div>${note ? html`
          <p class="notice notice--warning" data-device-entry-note>${note}</p>` : ''}
        </div>
        ${d.home && !d.this_computer ? '' : html`<div class="actions">${actions(d)}</div>`}
      </li>`;
    })}`);
    for (const button of list.querySelectorAll('[data-hand-home], [data-take-home]')) {
      button.addEventListener('click', () => {
        const el = /** @type {HTMLElement} */ (button);
        const handing = el.dataset.handHome;
        const to = handing ? devices.find((d) => d.id === handing) : mine;
        if (!to || !home || !dialog) return;
        moving = { id: to.id, name: to.name, opener: el };
        const title = /** @type {HTMLElement} */ (dialog.querySelector('[data-home-title]'));
        const text = /** @type {HTMLElement} */ (dialog.querySelector('[data-home-text]'));
        const confirm = /** @type {HTMLElement} */ (dialog.querySelector('[data-home-confirm]'));
        /** @type {HTMLElement} */ (dialog.querySelector('[data-home-error]')).textContent = '';
        if (handing) {
          title.textContent = `Make ${to.name} the home?`;
          text.textContent = `${to.name} will keep this vault's snapshots and backups once your sync folder has delivered this change. From then on this computer saves only its own changes, which ${to.name} folds in, and backups are made there.`;
          confirm.textContent = `Make ${to.name} the home`;
        } else {
          title.textContent = 'Make this computer the home?';
          text.textContent = `Do this only if ${home.name} will not open this vault again: it is retired, lost or wiped. To move the home while ${home.name} still works, do it on ${home.name}. This computer will keep the snapshots and backups, and ${home.name} is taken off this list.`;
          confirm.textContent = 'Make this computer the home';
        }
        dialog.showModal();
      });
    }
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

  if (dialog) {
    dialog.querySelector('[data-dialog-cancel]')?.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => moving.opener?.isConnected && moving.opener.focus());
    dialog.querySelector('[data-home-form]')?.addEventListener('submit', async (event) => {
      event.preventDefault();
      const { id, name } = moving;
      const wasMine = moving.opener?.hasAttribute('data-take-home');
      try {
        await api.moveHome(id);
      } catch (e) {
        /** @type {HTMLElement} */ (dialog.querySelector('[data-home-error]')).textContent = api.toApiError(e).message;
        return;
      }
      dialog.close();
      announce(screen, wasMine ? 'This computer is now the home.' : `${name} is now the home.`);
      await draw();
      /** @type {HTMLElement|null} */ (list.querySelector('[data-device-name]'))?.focus();
    });
  }

  screen.querySelector('[data-clear-merge-notes]')?.addEventListener('click', async () => {
    const box = /** @type {HTMLElement} */ (screen.querySelector('[data-merge-notes]'));
    const keys = (box.dataset.keys ?? '').split(' ').filter(Boolean);
    try {
      const cleared = await api.clearMergeNotes(keys);
      announce(screen, cleared === 1 ? 'Cleared 1 merge note.' : `Cleared ${cleared} merge notes.`);
    } catch (e) {
      announce(screen, api.toApiError(e).message, 'error');
    }
    await drawMergeNotes(screen);
    input.focus();
  });

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
  await Promise.all([draw(), drawMergeNotes(screen)]);
}
