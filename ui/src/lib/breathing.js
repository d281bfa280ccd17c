/**
 * Breathing patterns and the pure timing logic behind the animated pacer.
 *
 * Usage:
 *   const pattern = PATTERNS.box;
 *   const { phase, secondsLeft, progress, cycle } = phaseAt(pattern, elapsedMs);
 *
 * `progress` runs 0 -> 1 through the current phase; the pacer scales its circle from it
 * (growing on "in", full on "hold-in", shrinking on "out", small on "hold-out").
 */

/** @typedef {{kind: 'in'|'hold-in'|'out'|'hold-out', seconds: number}} Phase */
/** @typedef {{id: string, name: string, description: string, phases: Phase[]}} Pattern */

/** @type {Record<string, Pattern>} */
export const PATTERNS = {
  box: {
    id: 'box',
    name: 'Box breathing (4-4-4-4)',
    description: 'Breathe in, hold, breathe out and hold, four seconds each.',
    phases: [
      { kind: 'in', seconds: 4 },
      { kind: 'hold-in', seconds: 4 },
      { kind: 'out', seconds: 4 },
      { kind: 'hold-out', seconds: 4 },
    ],
  },
  relaxing: {
    id: 'relaxing',
    name: '4-7-8 breathing',
    description: 'In for four, hold for seven, out slowly for eight.',
    phases: [
      { kind: 'in', seconds: 4 },
      { kind: 'hold-in', seconds: 7 },
      { kind: 'out', seconds: 8 },
    ],
  },
  coherent: {
    id: 'coherent',
    name: 'Slow even breathing (5-5)',
    description: 'In for five, out for five: about six breaths a minute.',
    phases: [
      { kind: 'in', seconds: 5 },
      { kind: 'out', seconds: 5 },
    ],
  },
};

/** What to say for each phase. */
export const PHASE_LABELS = {
  in: 'Breathe in',
  'hold-in': 'Hold',
  out: 'Breathe out',
  'hold-out': 'Hold',
};

/**
 * Seconds in one full cycle of a pattern.
 * @param {Pattern} pattern
 */
export function cycleSeconds(pattern) {
  return pattern.phases.reduce((sum, p) => sum + p.seconds, 0);
}

/**
 * Where in the pattern we are after `elapsedMs`.
 * @param {Pattern} pattern
 * @param {number} elapsedMs  time since the exercise started (>= 0)
 * @returns {{phase: Phase, index: number, label: string, secondsLeft: number, progress: number, cycle: number}}
 */
export function phaseAt(pattern, elapsedMs) {
  const cycleMs = cycleSeconds(pattern) * 1000;
  const elapsed = Math.max(0, elapsedMs);
  const cycle = Math.floor(elapsed / cycleMs);
  let t = elapsed - cycle * cycleMs;
  for (let index = 0; index < pattern.phases.length; index += 1) {
    const phase = pattern.phases[index];
    const ms = phase.seconds * 1000;
    if (t < ms) {
      return {
        phase,
        index,
        label: PHASE_LABELS[phase.kind],
        secondsLeft: Math.ceil((ms - t) / 1000),
        progress: t / ms,
        cycle,
      };
    }
    t -= ms;
  }
  // Unreachable for t < cycleMs; kept so the function is total.
  const last = pattern.phases.length - 1;
  return { phase: pattern.phases[last], index: last, label: PHASE_LABELS[pattern.phases[last].kind], secondsLeft: 0, progress: 1, cycle };
}

/**
 * Scale of the pacer circle (0.5 small .. 1 full) for a phase and its progress.
 * @param {Phase['kind']} kind
 * @param {number} progress 0..1
 */
export function pacerScale(kind, progress) {
  const p = Math.min(1, Math.max(0, progress));
  // Ease in and out so the circle moves like a breath, not a metronome.
  const eased = 0.5 - Math.cos(Math.PI * p) / 2;
  switch (kind) {
    case 'in': return 0.5 + 0.5 * eased;
    case 'hold-in': return 1;
    case 'out': return 1 - 0.5 * eased;
    default: return 0.5;
  }
}
