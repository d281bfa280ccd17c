/**
 * Escaping HTML templates: the only way Wellkept's UI turns data into markup.
 *
 * Usage:
 *   import { html, render } from '../lib/html.js';
 *   render(element, html`<p class="name">${client.name}</p>`);
 *
 * Every interpolated value is escaped unless it is itself a `SafeHtml` produced by `html`
 * (so templates nest) or an array of them. `render` refuses anything that is not `SafeHtml`,
 * so user text can never reach `innerHTML` unescaped.
 */

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Markup that has already been escaped; only `html` and `raw` make these. */
export class SafeHtml {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
    Object.freeze(this);
  }
  toString() {
    return this.text;
  }
}

/**
 * Escapes text for use in element content or a quoted attribute value.
 * @param {unknown} value
 * @returns {string}
 */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"'`]/g, (c) => ESCAPES[/** @type {keyof typeof ESCAPES} */ (c)]);
}

/**
 * Converts one interpolated value to escaped markup.
 * @param {unknown} value
 * @returns {string}
 */
function toMarkup(value) {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(toMarkup).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/**
 * Tagged template: escapes every interpolation.
 * @param {TemplateStringsArray} strings
 * @param {...unknown} values
 * @returns {SafeHtml}
 */
export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i += 1) {
    out += toMarkup(values[i]) + strings[i + 1];
  }
  return new SafeHtml(out);
}

/**
 * Replaces an element's content with escaped markup.
 * @param {Element} element
 * @param {SafeHtml} markup
 */
export function render(element, markup) {
  if (!(markup instanceof SafeHtml)) {
    throw new TypeError('render() takes markup made by html`...`, never a plain string');
  }
  element.innerHTML = markup.text;
}
