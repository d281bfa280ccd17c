/**
 * The patch the client "Edit details" form sends: only the fields the form shows. The core's
 * `update_client` changes exactly the fields a patch names, so a field the form does not show —
 * today's date of birth or emergency contact, or one added in Rust tomorrow — keeps its stored
 * value. (The form used to copy every field of the client back, which would have wiped any field
 * it did not know about.)
 *
 * Usage:
 *   api.updateClient(client.id, clientPatch({ name: 'Ana Ruiz', preferred_name: '', ... }));
 *
 * Empty optional text clears the field (`null`); the notes are kept as typed.
 */

/** The form's fields, as `FormData` names them. */
export const CLIENT_FORM_FIELDS = Object.freeze(['name', 'preferred_name', 'pronouns', 'status', 'phone', 'email', 'notes']);

/**
 * @param {Record<string, string>} form  the form's values by field name
 * @returns {import('../api.js').ClientPatch}
 */
export function clientPatch(form) {
  const text = (/** @type {string} */ key) => String(form[key] ?? '').trim();
  return {
    name: text('name'),
    preferred_name: text('preferred_name') || null,
    pronouns: text('pronouns') || null,
    // The form's <select> offers ClientStatus's values; the core refuses any other.
    status: /** @type {import('../api.js').ClientStatus} */ (text('status')),
    contact: { phone: text('phone') || null, email: text('email') || null },
    notes: String(form.notes ?? ''),
  };
}
