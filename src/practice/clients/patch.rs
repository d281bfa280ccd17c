//! A partial update of a client: only the fields present in the patch change.
//!
//! The edit form used to send every field back, copied from the stored client, because an update
//! replaced the whole record; a field added in Rust later, which the form does not know, would
//! have been wiped by every save (issue 8). A patch names only what it changes. In JSON a field
//! that is absent is left alone, `null` clears an optional field, and a value sets it.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use super::{ClientDetails, ClientStatus};

/// Reads a field that is present in the JSON (as a value or as `null`) as `Some(..)`; with
/// `#[serde(default)]`, an absent field stays `None`. This is what tells "clear it" (`null`)
/// from "leave it" (absent).
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// New values for some of a client's contact details.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
// In TypeScript every field may be left out (absent: unchanged), as in the JSON.
#[ts(optional_fields)]
pub struct ContactPatch {
    /// Phone number: `Some(None)` clears it.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub phone: Option<Option<String>>,
    /// E-mail address: `Some(None)` clears it.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub email: Option<Option<String>>,
    /// Postal address: `Some(None)` clears it.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub address: Option<Option<String>>,
}

/// New values for some of a client's emergency-contact details.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
// In TypeScript every field may be left out (absent: unchanged), as in the JSON.
#[ts(optional_fields)]
pub struct EmergencyContactPatch {
    /// Their name: `Some(None)` clears it.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub name: Option<Option<String>>,
    /// How they relate to the client: `Some(None)` clears it.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub relationship: Option<Option<String>>,
    /// Their phone number: `Some(None)` clears it.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub phone: Option<Option<String>>,
}

/// The fields of a client to change; `None` leaves a field as it is. Optional fields take
/// `Some(None)` to clear them. Unknown fields are refused, so a misspelt name is an error, not
/// a silent no-op.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
// In TypeScript every field may be left out (absent: unchanged), as in the JSON.
#[ts(optional_fields)]
pub struct ClientPatch {
    /// Full name (cannot be cleared).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The name they like to be called.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub preferred_name: Option<Option<String>>,
    /// Pronouns.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub pronouns: Option<Option<String>>,
    /// Date of birth.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<Option<NaiveDate>>,
    /// Some of the phone, e-mail and address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactPatch>,
    /// Some of the emergency contact's details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emergency_contact: Option<EmergencyContactPatch>,
    /// Cultural needs.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub cultural_needs: Option<Option<String>>,
    /// Access needs.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub access_needs: Option<Option<String>>,
    /// Status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ClientStatus>,
    /// When the work began.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Option<NaiveDate>>,
    /// When it ended.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Option<NaiveDate>>,
    /// General notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The version of the notes that `notes` was written over ([`super::Client::text_version`];
    /// `""` for the first); absent: the version on show now. A version saved meanwhile on
    /// another computer is then kept aside rather than written over
    /// ([`crate::sync::conflicts`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes_base: Option<String>,
    /// Tags (the given list replaces the old one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

fn set<T>(field: &mut T, new: Option<T>) {
    if let Some(value) = new {
        *field = value;
    }
}

impl ClientPatch {
    /// Whether the patch changes the tags (the only part kept outside the `clients` row).
    pub(crate) fn changes_tags(&self) -> bool {
        self.tags.is_some()
    }

    /// `current` with this patch's fields written over it.
    pub(crate) fn apply(self, mut current: ClientDetails) -> ClientDetails {
        set(&mut current.name, self.name);
        set(&mut current.preferred_name, self.preferred_name);
        set(&mut current.pronouns, self.pronouns);
        set(&mut current.date_of_birth, self.date_of_birth);
        if let Some(c) = self.contact {
            set(&mut current.contact.phone, c.phone);
            set(&mut current.contact.email, c.email);
            set(&mut current.contact.address, c.address);
        }
        if let Some(e) = self.emergency_contact {
            set(&mut current.emergency_contact.name, e.name);
            set(&mut current.emergency_contact.relationship, e.relationship);
            set(&mut current.emergency_contact.phone, e.phone);
        }
        set(&mut current.cultural_needs, self.cultural_needs);
        set(&mut current.access_needs, self.access_needs);
        set(&mut current.status, self.status);
        set(&mut current.start_date, self.start_date);
        set(&mut current.end_date, self.end_date);
        set(&mut current.notes, self.notes);
        set(&mut current.tags, self.tags);
        current
    }
}

/// A patch that sets every field to `details` (a whole-record update, for callers that have
/// the complete record in hand).
impl From<ClientDetails> for ClientPatch {
    fn from(d: ClientDetails) -> Self {
        ClientPatch {
            name: Some(d.name),
            preferred_name: Some(d.preferred_name),
            pronouns: Some(d.pronouns),
            date_of_birth: Some(d.date_of_birth),
            contact: Some(ContactPatch {
                phone: Some(d.contact.phone),
                email: Some(d.contact.email),
                address: Some(d.contact.address),
            }),
            emergency_contact: Some(EmergencyContactPatch {
                name: Some(d.emergency_contact.name),
                relationship: Some(d.emergency_contact.relationship),
                phone: Some(d.emergency_contact.phone),
            }),
            cultural_needs: Some(d.cultural_needs),
            access_needs: Some(d.access_needs),
            status: Some(d.status),
            start_date: Some(d.start_date),
            end_date: Some(d.end_date),
            notes: Some(d.notes),
            notes_base: None,
            tags: Some(d.tags),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_leaves_null_clears_value_sets() {
        let patch: ClientPatch =
            serde_json::from_str(r#"{"pronouns": null, "contact": {"email": "ana@example.org"}}"#).expect("patch");
        assert_eq!(patch.pronouns, Some(None));
        assert_eq!(patch.preferred_name, None);
        let current = ClientDetails {
            name: "Ana".into(),
            pronouns: Some("she/her".into()),
            preferred_name: Some("Annie".into()),
            contact: super::super::ContactDetails { phone: Some("0700".into()), ..Default::default() },
            ..Default::default()
        };
        let after = patch.apply(current);
        assert_eq!(after.pronouns, None, "null clears");
        assert_eq!(after.preferred_name.as_deref(), Some("Annie"), "absent leaves");
        assert_eq!(after.contact.email.as_deref(), Some("ana@example.org"), "a value sets");
        assert_eq!(after.contact.phone.as_deref(), Some("0700"), "absent inside a group leaves");
    }

    #[test]
    fn a_misspelt_field_is_refused() {
        let error = serde_json::from_str::<ClientPatch>(r#"{"pronoun": "they/them"}"#).expect_err("unknown field");
        assert!(error.to_string().contains("unknown field `pronoun`"), "{error}");
    }

    #[test]
    fn a_whole_record_patch_round_trips() {
        let d = ClientDetails { name: "Ana".into(), notes: "n".into(), tags: vec!["t".into()], ..Default::default() };
        assert_eq!(ClientPatch::from(d.clone()).apply(ClientDetails::default()), d);
    }
}
