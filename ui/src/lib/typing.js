/**
 * Whether a screen holds something a person typed that drawing it again would lose: the frame
 * asks before it shows another computer's changes by itself (decision 64).
 *
 * A form control "holds a change" when its value differs from the one the screen drew it with
 * (its `defaultValue`, `defaultChecked`, `defaultSelected`: the markup's attributes). A screen
 * that saved and reset its form, or drew it again, holds none; a journal entry that autosaved
 * but is still open in its editor does (the text under the person's cursor would go).
 *
 * Usage:
 *   if (touched && holdsChanges(main.querySelectorAll('input, textarea, select'))) keepIt();
 */

/**
 * The parts of an `<option>` this reads.
 * @typedef {{selected: boolean, defaultSelected: boolean}} OptionLike
 */

/**
 * The parts of an `<input>`, `<textarea>` or `<select>` this reads (duck-typed, so the unit
 * tests pass plain objects).
 * @typedef {{
 *   tagName: string,
 *   type?: string,
 *   value?: string,
 *   defaultValue?: string,
 *   checked?: boolean,
 *   defaultChecked?: boolean,
 *   multiple?: boolean,
 *   disabled?: boolean,
 *   options?: ArrayLike<OptionLike>,
 *   files?: {length: number} | null,
 * }} ControlLike
 */

/** Inputs that hold nothing typed. */
const NOT_TYPED = new Set(['hidden', 'button', 'submit', 'reset', 'image']);

/**
 * Whether one control's value differs from the one it was drawn with.
 * @param {ControlLike} control
 * @returns {boolean}
 */
export function controlChanged(control) {
  if (control.disabled) return false;
  const tag = control.tagName.toUpperCase();
  if (tag === 'SELECT') {
    const options = Array.from(control.options ?? []);
    if (options.some((o) => o.defaultSelected)) return options.some((o) => o.selected !== o.defaultSelected);
    // No option marked: a single choice starts on the first one, a multiple one on none.
    return options.some((o, i) => o.selected !== (!control.multiple && i === 0));
  }
  if (tag === 'TEXTAREA') return (control.value ?? '') !== (control.defaultValue ?? '');
  if (tag !== 'INPUT') return false;
  const type = (control.type ?? 'text').toLowerCase();
  if (NOT_TYPED.has(type)) return false;
  if (type === 'checkbox' || type === 'radio') return Boolean(control.checked) !== Boolean(control.defaultChecked);
  if (type === 'file') return (control.files?.length ?? 0) > 0;
  // A range or colour drawn without a value starts on one the browser picks: only a drawn value compares.
  if ((type === 'range' || type === 'color') && !control.defaultValue) return false;
  return (control.value ?? '') !== (control.defaultValue ?? '');
}

/**
 * Whether any of the controls holds a change.
 * @param {Iterable<ControlLike>} controls
 * @returns {boolean}
 */
export function holdsChanges(controls) {
  for (const control of controls) {
    if (controlChanged(control)) return true;
  }
  return false;
}
