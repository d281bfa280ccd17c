/**
 * Passphrase strength hint for the first-run and change-passphrase forms.
 *
 * Usage:
 *   const { score, label, hint, acceptable } = assessPassphrase(value);
 *
 * A rough estimate of guessing effort, not a promise: it rewards length and variety, and
 * penalises common words, repeats and keyboard runs. `acceptable` is the bar the app asks for
 * (at least 12 characters and score >= 2): the vault's passphrase protects health records.
 */

export const MIN_LENGTH = 12;

const COMMON = [
  'password', 'passwort', 'qwerty', 'letmein', 'welcome', 'iloveyou', 'admin', 'secret',
  'dragon', 'monkey', 'football', 'baseball', 'sunshine', 'princess', 'wellkept', 'abc123',
];
const RUNS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];

/**
 * Rough bits of entropy for a passphrase.
 * @param {string} value
 * @returns {number}
 */
export function estimateBits(value) {
  if (!value) return 0;
  let pool = 0;
  if (/[a-z]/.test(value)) pool += 26;
  if (/[A-Z]/.test(value)) pool += 26;
  if (/[0-9]/.test(value)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(value)) pool += 33;
  const unique = new Set(value).size;
  // Repeated characters add little, and a handful of distinct characters is weak however long.
  const effectiveLength = unique + (value.length - unique) * 0.3;
  let bits = effectiveLength * Math.log2(Math.max(pool, 2));
  if (unique < 6) bits *= unique / 6;
  const lower = value.toLowerCase();
  for (const word of COMMON) {
    if (lower.includes(word)) bits -= word.length * 3.5;
  }
  // Every four-character stretch of a keyboard or alphabet run costs bits: "qwertyuiop" is
  // one guess, not ten characters.
  for (const run of RUNS) {
    for (let i = 0; i + 4 <= run.length; i += 1) {
      if (lower.includes(run.slice(i, i + 4))) bits -= 8;
    }
  }
  return Math.max(0, bits);
}

/**
 * Scores a passphrase 0..4 with a label and a hint that says what would make it better.
 * @param {string} value
 * @returns {{score: number, label: string, hint: string, acceptable: boolean}}
 */
export function assessPassphrase(value) {
  const bits = estimateBits(value);
  const score = bits < 28 ? 0 : bits < 45 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
  let hint;
  if (!value) hint = `Use at least ${MIN_LENGTH} characters. A few unrelated words work well.`;
  else if (value.length < MIN_LENGTH) hint = `Add ${MIN_LENGTH - value.length} more characters.`;
  else if (score < 2) hint = 'Add another unrelated word or two; avoid common words and keyboard runs.';
  else if (score < 4) hint = 'Good. Another word would make it stronger still.';
  else hint = 'Excellent.';
  return { score, label: LABELS[score], hint, acceptable: value.length >= MIN_LENGTH && score >= 2 };
}
