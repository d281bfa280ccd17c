/**
 * The 5-4-3-2-1 grounding exercise as a small state machine: five things you can see, four you
 * can touch, three you can hear, two you can smell, one you can taste.
 *
 * Usage:
 *   let state = startGrounding();
 *   state = addNoticed(state, 'the blue mug');   // fills the current step
 *   currentStep(state) // { sense: 'see', count: 5, prompt: ..., noticed: [...] }
 *   isFinished(state)
 *
 * What a person types here stays in memory only and is never saved: the exercise is for the
 * moment, and nothing about it needs to persist.
 */

export const STEPS = Object.freeze([
  { sense: 'see', count: 5, prompt: 'Name five things you can see around you.' },
  { sense: 'touch', count: 4, prompt: 'Name four things you can touch or feel.' },
  { sense: 'hear', count: 3, prompt: 'Name three things you can hear.' },
  { sense: 'smell', count: 2, prompt: 'Name two things you can smell (or like the smell of).' },
  { sense: 'taste', count: 1, prompt: 'Name one thing you can taste (or would like to).' },
]);

/** @typedef {{step: number, noticed: string[][]}} GroundingState */

/** @returns {GroundingState} */
export function startGrounding() {
  return { step: 0, noticed: STEPS.map(() => []) };
}

/** @param {GroundingState} state */
export function isFinished(state) {
  return state.step >= STEPS.length;
}

/** @param {GroundingState} state */
export function currentStep(state) {
  if (isFinished(state)) return null;
  return { ...STEPS[state.step], noticed: state.noticed[state.step] };
}

/**
 * Adds one noticed thing; moves to the next sense when this one has its count.
 * Blank input is ignored.
 * @param {GroundingState} state
 * @param {string} text
 * @returns {GroundingState}
 */
export function addNoticed(state, text) {
  const value = String(text).trim();
  if (!value || isFinished(state)) return state;
  const noticed = state.noticed.map((list, i) => (i === state.step ? [...list, value] : list));
  const full = noticed[state.step].length >= STEPS[state.step].count;
  return { step: full ? state.step + 1 : state.step, noticed };
}

/**
 * Moves on without filling the current sense (some senses are hard to use in the moment).
 * @param {GroundingState} state
 */
export function skipStep(state) {
  return isFinished(state) ? state : { ...state, step: state.step + 1 };
}

/** How many things in all the exercise asks for (15). */
export const TOTAL = STEPS.reduce((sum, s) => sum + s.count, 0);

/** @param {GroundingState} state */
export function countNoticed(state) {
  return state.noticed.reduce((sum, list) => sum + list.length, 0);
}
