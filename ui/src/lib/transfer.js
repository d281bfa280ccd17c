/**
 * Pure helpers for the sharing, import, export and backup screens: how a fingerprint is shown
 * for reading aloud, how the core's QR code becomes an image, what an import dry run or a
 * share file says in words, and sensible file names to suggest.
 *
 * Usage:
 *   fingerprintGroups('0123 4567 8901 2345 6789 0123')  // ['0123', '4567', ...]
 *   img.src = svgDataUrl(card.qr_svg);                   // never innerHTML
 *   importFormatFromPath('/home/jo/daylio_export.csv')  // 'daylio_csv'
 */

/** The import formats, as the shell names them, in the words people know them by. */
export const IMPORT_FORMATS = Object.freeze({
  dayone_zip: 'Day One export (.zip)',
  dayone_folder: 'Day One export folder (unzipped)',
  dayone_json: 'Day One journal (.json)',
  jrnl_json: 'jrnl JSON export (.json)',
  jrnl_text: 'jrnl plain-text journal',
  daylio_csv: 'Daylio CSV export (.csv)',
});

/** The export formats with their usual extension. */
export const EXPORT_FORMATS = Object.freeze({
  markdown: { label: 'Markdown (.md)', extension: 'md' },
  json: { label: 'JSON (.json)', extension: 'json' },
  pdf: { label: 'PDF (.pdf)', extension: 'pdf' },
});

/**
 * Splits a fingerprint into groups of four digits to read aloud, whatever spacing it came with.
 * @param {string} fingerprint
 * @returns {string[]}
 */
export function fingerprintGroups(fingerprint) {
  const digits = String(fingerprint ?? '').replace(/[^0-9A-Za-z]/g, '');
  const groups = [];
  for (let i = 0; i < digits.length; i += 4) groups.push(digits.slice(i, i + 4));
  return groups;
}

/**
 * The core's QR code SVG as a `data:` URL for an `<img>`: an image cannot run script, and the
 * CSP already allows `img-src data:`. Refuses anything that is not an SVG document.
 * @param {string} svg
 * @returns {string}
 */
export function svgDataUrl(svg) {
  const text = String(svg ?? '').trim();
  if (!/^(<\?xml[^>]*>\s*)?<svg[\s>]/.test(text)) throw new TypeError('not an SVG document');
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
}

/**
 * A first guess at the import format from the path alone, for when the shell cannot read the
 * file yet (the shell's own detection, which also looks inside JSON files, takes precedence).
 * @param {string} path
 * @returns {keyof typeof IMPORT_FORMATS | null}
 */
export function importFormatFromPath(path) {
  const name = String(path ?? '').trim().split(/[\\/]/).filter(Boolean).pop() ?? '';
  if (!name) return null;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (extension === 'zip') return 'dayone_zip';
  if (extension === 'csv') return 'daylio_csv';
  if (extension === 'txt') return 'jrnl_text';
  if (extension === 'json') return /jrnl/i.test(name) ? 'jrnl_json' : 'dayone_json';
  if (extension === '') return String(path).trim().endsWith('/') ? 'dayone_folder' : 'jrnl_text';
  return null;
}

/**
 * A file name to suggest for an export: `wellkept-journal-2026-11-01-to-2026-11-23.md`.
 * @param {string} what  e.g. 'journal' or a client's name
 * @param {keyof typeof EXPORT_FORMATS} format
 * @param {string} [from] @param {string} [to]
 */
export function exportFileName(what, format, from, to) {
  const slug = String(what).toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'export';
  const range = from && to ? `-${from}-to-${to}` : '';
  return `wellkept-${slug}${range}.${EXPORT_FORMATS[format]?.extension ?? 'txt'}`;
}

/**
 * An import dry run in one sentence.
 * @param {Pick<import('../api.js').ImportPreview, 'entries' | 'with_mood' | 'first' | 'last' | 'already_imported'>} preview
 */
export function describeImportPreview(preview) {
  const n = preview.entries;
  if (n === 0) return 'This file holds no entries.';
  const range = preview.first && preview.last
    ? ` from ${preview.first} to ${preview.last}`
    : '';
  const moods = preview.with_mood ? `, ${preview.with_mood} with a mood` : '';
  const fresh = n - preview.already_imported;
  const already = preview.already_imported
    ? ` ${preview.already_imported} ${preview.already_imported === 1 ? 'is' : 'are'} already in your journal and will be skipped, so ${fresh} will be added.`
    : ` All ${n} will be added.`;
  return `${n} ${n === 1 ? 'entry' : 'entries'}${range}${moods}.${already}`;
}

/**
 * What importing a share file did, in one sentence.
 * @param {Pick<import('../api.js').ShareImported, 'added' | 'already_had'>} result
 */
export function describeShareImport(result) {
  if (result.added === 0) return 'Nothing new was added: you already had everything in this file.';
  const had = result.already_had ? ` (${result.already_had} you already had ${result.already_had === 1 ? 'was' : 'were'} skipped)` : '';
  return `Added ${result.added} ${result.added === 1 ? 'item' : 'items'}${had}.`;
}
