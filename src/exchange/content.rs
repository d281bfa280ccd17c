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
        Ok(())
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
