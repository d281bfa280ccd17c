//! What a share bundle carries once decrypted: a versioned JSON document listing the shared
//! items, and the checks a receiver runs on it before anything reaches the vault.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::items::{ItemProblem, SharedItem, unique_ids};

/// Version of [`BundleContent`] this build writes and reads.
pub const CONTENT_VERSION: u16 = 1;

/// Who is sharing, which tells the receiver where the items belong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum BundleKind {
    /// A client shares from their journal with their mentor (entries, check-ins, thought
    /// records, scores); the mentor files it under the client linked to this contact.
    FromClient,
    /// A mentor shares with a client (action plan, homework, resource, safety plan).
    FromMentor,
}

/// The decrypted contents of a share bundle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleContent {
    /// Format version of this document; [`CONTENT_VERSION`] for this build.
    pub version: u16,
    /// The bundle's id; also in the signed header, and the two must agree. Importing a bundle
    /// with an id already seen imports nothing new.
    pub id: Uuid,
    /// Who is sharing.
    pub kind: BundleKind,
    /// When the sender made the bundle.
    pub created_at: DateTime<Utc>,
    /// The name the sender goes by (the receiver shows their own name for the contact).
    pub sender_name: String,
    /// What is shared.
    pub items: Vec<SharedItem>,
    /// The files attached to the shared journal entries, each naming its entry. Absent from
    /// bundles made before files travelled (and from bundles with none), so those still open and
    /// a bundle without files is byte-for-byte what an earlier build wrote.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<SharedFile>,
}

/// One attached file inside a bundle: the shared journal entry it belongs to, its name, its
/// media type and its bytes (base64 in the JSON).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedFile {
    /// The id of the shared item it is attached to (a journal entry in this bundle).
    pub item: Uuid,
    /// Its file name, without folders.
    pub name: String,
    /// Its media type as the sender stored it (`image/jpeg`); the receiver works it out again
    /// from the bytes when filing it.
    pub media_type: String,
    /// The file itself.
    #[serde(with = "base64_bytes")]
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for SharedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedFile")
            .field("item", &self.item)
            .field("name", &self.name)
            .field("media_type", &self.media_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl SharedFile {
    /// How many bytes a file of `size` bytes adds to the bundle's JSON: its bytes in base64, its
    /// name and media type (escaped at most six bytes a character), and the field names around them.
    pub fn encoded_len(size: u64, name: &str, media_type: &str) -> u64 {
        size.div_ceil(3) * 4 + 6 * (name.len() as u64 + media_type.len() as u64) + 128
    }

    fn validate(&self) -> Result<(), ItemProblem> {
        let problem =
            |field: &str, reason: &str| Err(ItemProblem { field: field.to_owned(), reason: reason.to_owned() });
        let name = self.name.as_str();
        if name.trim().is_empty() || name == "." || name == ".." {
            return problem("name", "a shared file needs a name");
        }
        if name.chars().count() > MAX_FILE_NAME_CHARS {
            return problem("name", "a file name is at most 255 characters");
        }
        if name.contains(['/', '\\']) || name.chars().any(char::is_control) {
            return problem("name", "a file name may not contain folders or control characters");
        }
        let well_formed = self.media_type.len() <= 127
            && self.media_type.split_once('/').is_some_and(|(kind, sub)| {
                let token = |t: &str| {
                    !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b))
                };
                token(kind) && token(sub)
            });
        if !well_formed {
            return problem("media_type", "is not a media type such as image/jpeg");
        }
        if self.bytes.len() as u64 > crate::attachments::MAX_ATTACHMENT_BYTES {
            return problem("bytes", "a shared file is at most 50 MB, as an attachment is");
        }
        Ok(())
    }
}

/// The longest file name a shared file may have, as an attachment may.
const MAX_FILE_NAME_CHARS: usize = 255;

/// Bytes as one standard base64 string.
mod base64_bytes {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        STANDARD.decode(text.as_bytes()).map_err(serde::de::Error::custom)
    }
}

impl BundleContent {
    /// Starts a bundle with a fresh id, made now.
    pub fn new(kind: BundleKind, sender_name: &str, items: Vec<SharedItem>) -> Self {
        Self {
            version: CONTENT_VERSION,
            id: Uuid::now_v7(),
            kind,
            created_at: crate::clock::now(),
            sender_name: sender_name.trim().to_owned(),
            items,
            attachments: Vec::new(),
        }
    }

    /// Checks everything the receiving vault relies on: version, at least one item, no item id
    /// twice, and each item's own rules. The problem's field is a path such as
    /// `items[3].score`.
    pub fn validate(&self) -> Result<(), ItemProblem> {
        let problem = |field: String, reason: &str| ItemProblem { field, reason: reason.to_owned() };
        if self.version != CONTENT_VERSION {
            return Err(problem("version".into(), "this version of the contents is not supported"));
        }
        if self.sender_name.trim().is_empty() {
            return Err(problem("sender_name".into(), "must not be empty"));
        }
        if self.items.is_empty() {
            return Err(problem("items".into(), "nothing is shared"));
        }
        unique_ids("items", self.items.iter().map(SharedItem::id))?;
        for (index, item) in self.items.iter().enumerate() {
            item.validate().map_err(|inner| ItemProblem {
                field: format!("items[{index}].{}", inner.field),
                reason: inner.reason,
            })?;
        }
        for (index, file) in self.attachments.iter().enumerate() {
            let on_an_entry =
                self.items.iter().any(|item| matches!(item, SharedItem::JournalEntry(e) if e.id == file.item));
            if !on_an_entry {
                return Err(problem(
                    format!("attachments[{index}].item"),
                    "a shared file belongs to a journal entry in the same bundle",
                ));
            }
            file.validate().map_err(|inner| ItemProblem {
                field: format!("attachments[{index}].{}", inner.field),
                reason: inner.reason,
            })?;
        }
        Ok(())
    }

    /// Checks what differs between the bundle formats this build reads: since format 3 a shared
    /// invoice gives what was credited apart from what was paid (`credited`, `credit_notes`);
    /// in format 2 it had no such fields and its `paid` counted credit notes. An invoice item
    /// that does not match the file's format is refused, so `credited` absent always means
    /// "format 2's paid" and never "nothing credited".
    pub fn check_format(&self, format: u16) -> Result<(), ItemProblem> {
        let earlier = format == super::bundle::PAID_WITH_CREDITS_FORMAT_VERSION;
        for (index, item) in self.items.iter().enumerate() {
            let SharedItem::Invoice(invoice) = item else { continue };
            let refuse = |field: &str, reason: &str| {
                Err(ItemProblem { field: format!("items[{index}].{field}"), reason: reason.to_owned() })
            };
            match &invoice.credited {
                Some(_) if earlier => return refuse("credited", "is not part of format 2, which this file is in"),
                None if earlier && !invoice.credit_notes.is_empty() => {
                    return refuse("credit_notes", "is not part of format 2, which this file is in");
                }
                None if !earlier => {
                    return refuse("credited", "is missing: since format 3 a shared invoice says what was credited");
                }
                Some(credited) if credited.trim().is_empty() => return refuse("credited", "must not be empty"),
                _ => {}
            }
            if let Some(at) = invoice.credit_notes.iter().position(|n| n.trim().is_empty()) {
                return refuse(&format!("credit_notes[{at}]"), "must not be empty");
            }
        }
        Ok(())
    }

    /// "2 attachments: allotment.jpg, plan.pdf", or `None` when no file travels with the items.
    pub fn attachments_line(&self) -> Option<String> {
        let names: Vec<&str> = self.attachments.iter().map(|f| f.name.as_str()).collect();
        match names.len() {
            0 => None,
            1 => Some(format!("1 attachment: {}", names[0])),
            n => Some(format!("{n} attachments: {}", names.join(", "))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::items::{Homework, Resource};

    fn homework(id: Uuid) -> SharedItem {
        SharedItem::Homework(Homework {
            id,
            title: "Three good things".into(),
            instructions: "Each evening, write down three things that went well.".into(),
            assigned_at: DateTime::UNIX_EPOCH,
            due: None,
        })
    }

    #[test]
    fn a_valid_bundle_passes_and_problems_name_the_item() {
        let mut content = BundleContent::new(BundleKind::FromMentor, "Dr. Rivera", vec![homework(Uuid::now_v7())]);
        assert!(content.validate().is_ok());

        content.items.push(SharedItem::Resource(Resource {
            id: Uuid::now_v7(),
            title: " ".into(),
            description: String::new(),
            url: None,
        }));
        let problem = content.validate().expect_err("blank title");
        assert_eq!(problem.field, "items[1].title");
    }

    fn entry(id: Uuid) -> SharedItem {
        SharedItem::JournalEntry(crate::exchange::items::JournalEntry {
            id,
            created_at: DateTime::UNIX_EPOCH,
            title: None,
            text: "The beans are up.".into(),
            prompt: None,
            tags: vec![],
        })
    }

    fn file(item: Uuid, name: &str, media_type: &str) -> SharedFile {
        SharedFile { item, name: name.into(), media_type: media_type.into(), bytes: b"\xff\xd8\xff".to_vec() }
    }

    #[test]
    fn shared_files_round_trip_in_base64_and_bad_ones_are_named() {
        let id = Uuid::now_v7();
        let mut content = BundleContent::new(BundleKind::FromClient, "Jo", vec![entry(id)]);
        let plain = serde_json::to_string(&content).expect("json");
        assert!(!plain.contains("attachments"), "a bundle without files is written as before: {plain}");
        content.attachments = vec![file(id, "allotment.jpg", "image/jpeg"), file(id, "plan.pdf", "application/pdf")];
        assert!(content.validate().is_ok());
        let json = serde_json::to_string(&content).expect("json");
        assert!(json.contains(r#""bytes":"/9j/""#), "{json}");
        assert_eq!(serde_json::from_str::<BundleContent>(&json).expect("reads back"), content);
        assert_eq!(content.attachments_line().as_deref(), Some("2 attachments: allotment.jpg, plan.pdf"));

        let refused = |f: SharedFile| {
            let mut c = BundleContent::new(BundleKind::FromClient, "Jo", vec![entry(id)]);
            c.attachments = vec![f];
            let p = c.validate().expect_err("refused");
            format!("{}: {}", p.field, p.reason)
        };
        assert_eq!(
            refused(file(id, "../../.bashrc", "text/plain")),
            "attachments[0].name: a file name may not contain folders or control characters"
        );
        assert_eq!(
            refused(file(id, "a\\b.jpg", "image/jpeg")),
            "attachments[0].name: a file name may not contain folders or control characters"
        );
        assert_eq!(refused(file(id, "..", "image/jpeg")), "attachments[0].name: a shared file needs a name");
        assert_eq!(
            refused(file(id, &"x".repeat(256), "image/jpeg")),
            "attachments[0].name: a file name is at most 255 characters"
        );
        assert_eq!(
            refused(file(id, "a.jpg", "image/jpeg; x=\"<script>\"")),
            "attachments[0].media_type: is not a media type such as image/jpeg"
        );
        assert_eq!(
            refused(file(Uuid::now_v7(), "a.jpg", "image/jpeg")),
            "attachments[0].item: a shared file belongs to a journal entry in the same bundle"
        );
        let mut big = file(id, "big.mov", "video/quicktime");
        big.bytes = vec![0; (crate::attachments::MAX_ATTACHMENT_BYTES + 1) as usize];
        assert_eq!(refused(big), "attachments[0].bytes: a shared file is at most 50 MB, as an attachment is");
        // Not base64: the contents do not parse at all.
        let broken = json.replace(r#""bytes":"/9j/""#, r#""bytes":"not base64!""#);
        assert!(serde_json::from_str::<BundleContent>(&broken).is_err());
    }

    #[test]
    fn empty_duplicate_and_future_versions_are_refused() {
        let id = Uuid::now_v7();
        let empty = BundleContent::new(BundleKind::FromMentor, "Dr. Rivera", vec![]);
        assert_eq!(empty.validate().expect_err("empty").field, "items");
        let twice = BundleContent::new(BundleKind::FromMentor, "Dr. Rivera", vec![homework(id), homework(id)]);
        assert_eq!(twice.validate().expect_err("dupe").field, "items[1].id");
        let mut future = BundleContent::new(BundleKind::FromMentor, "Dr. Rivera", vec![homework(id)]);
        future.version = 2;
        assert_eq!(future.validate().expect_err("future").field, "version");
    }
}
