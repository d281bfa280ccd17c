/**
 * Word differences between two texts, for a note's revision history: the words kept, removed
 * and added, in order. Whitespace runs are kept as their own parts so the text reads as written.
 *
 * Usage: diffWords('slept badly', 'slept well')
 *   // [{op: 'same', text: 'slept '}, {op: 'del', text: 'badly'}, {op: 'ins', text: 'well'}]
 */

/** @typedef {{op: 'same'|'ins'|'del', text: string}} DiffPart */

/** Above this many words on both sides, the texts are shown whole as removed and added. */
const MAX_CELLS = 4_000_000;

/** @param {string} text */
function tokens(text) {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/**
 * The parts of `after` against `before`: a longest common subsequence of words, adjacent
 * parts of the same kind merged.
 * @param {string} before @param {string} after
 * @returns {DiffPart[]}
 */
export function diffWords(before, after) {
  const a = tokens(before);
  const b = tokens(after);
  /** @type {DiffPart[]} */
  const parts = [];
  const push = (/** @type {DiffPart['op']} */ op, /** @type {string} */ text) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  if (a.length * b.length > MAX_CELLS) {
    if (before) push('del', before);
    if (after) push('ins', after);
    return parts;
  }
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]);
      i += 1;
      j += 1;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
      push('del', a[i]);
      i += 1;
    } else {
      push('ins', b[j]);
      j += 1;
    }
  }
  while (i < a.length) push('del', a[i++]);
  while (j < b.length) push('ins', b[j++]);
  return parts;
}

/**
 * The differences as a person (or a screen reader) reads them: removed words in
 * "[removed: …]", added ones in "[added: …]". The same wording the history screen gives
 * `<del>` and `<ins>` for assistive technology.
 * @param {DiffPart[]} parts
 */
export function diffText(parts) {
  return parts.map((p) => (p.op === 'same' ? p.text : `[${p.op === 'ins' ? 'added' : 'removed'}: ${p.text}]`)).join('');
}
