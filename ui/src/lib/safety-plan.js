/**
 * How a safety-plan section is headed in the editor: its Stanley-Brown step number, when it has
 * one, before its title. The number comes from the core (`safety_plan_sections`), never from the
 * section's position: counting positions once labelled step 6, "Making the environment safe",
 * as "7." because the unnumbered crisis lines sit before it.
 *
 * Usage:
 *   sectionHeading({ step: 6, title: 'Making the environment safe' })  // "6. Making the environment safe"
 *   sectionHeading({ step: null, title: 'Crisis lines' })              // "Crisis lines"
 */

/**
 * @param {{step?: number|null, title: string}} section
 * @returns {string}
 */
export function sectionHeading(section) {
  return section.step ? `${section.step}. ${section.title}` : section.title;
}
