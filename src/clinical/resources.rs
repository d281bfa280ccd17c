//! The resource library: links and notes a mentor collects (leaflets, apps, local groups,
//! exercises), filed by category and tags, and given to clients with a dated note. Tags live in
//! the shared `tags` table with `item_kind = 'resource'`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::validate;
use crate::registry::generic::Live;
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

/// A resource to add, or the new values of one being edited.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct ResourceInput {
    /// Title.
    pub title: String,
    /// Web address, if it is a link.
    pub url: Option<String>,
    /// Notes (or the whole resource, for a note without a link).
    pub notes: String,
    /// Category ("Sleep", "Local groups").
    pub category: String,
    /// Tags.
    pub tags: Vec<String>,
}

/// A stored resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Resource {
    /// Row id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Web address.
    pub url: Option<String>,
    /// Notes.
    pub notes: String,
    /// Category.
    pub category: String,
    /// Tags, alphabetical.
    pub tags: Vec<String>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    title: String,
    url: Option<String>,
    notes: String,
    category: String,
    tags: String,
    updated_at: DateTime<Utc>,
}

impl TryFrom<Row> for Resource {
    type Error = Error;

    fn try_from(r: Row) -> Result<Self> {
        let tags =
            serde_json::from_str(&r.tags).map_err(|_| Error::damaged(format!("the tags of resource {}", r.id)))?;
        Ok(Resource {
            id: r.id,
            title: r.title,
            url: r.url,
            notes: r.notes,
            category: r.category,
            tags,
            updated_at: r.updated_at,
        })
    }
}

/// A resource given to a client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ResourceAssignment {
    /// Id of the assignment.
    pub id: String,
    /// The client, or `None` for the vault owner.
    pub client_id: Option<String>,
    /// The day it was given.
    pub assigned_on: NaiveDate,
    /// Why, or how to use it.
    pub note: String,
    /// The resource.
    pub resource: Resource,
}

#[derive(sqlx::FromRow)]
struct AssignmentRow {
    assignment_id: String,
    client_id: Option<String>,
    assigned_on: NaiveDate,
    note: String,
    #[sqlx(flatten)]
    resource: Row,
}

/// Every query returns the resource columns plus its tags as a JSON array.
macro_rules! select_resource {
    ($rest:literal) => {
        concat!(
            "SELECT r.id, r.title, r.url, r.notes, r.category, r.updated_at, \
             (SELECT json_group_array(tag) FROM (SELECT t.tag FROM tags t \
              WHERE t.item_kind = 'resource' AND t.item_id = r.id ORDER BY t.tag)) AS tags ",
            $rest
        )
    };
}

struct Checked {
    title: String,
    url: Option<String>,
    notes: String,
    category: String,
    tags: Vec<String>,
}

fn check(input: ResourceInput) -> Result<Checked> {
    let url = match input.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(u) => Some(validate::url("link", u)?),
        None => None,
    };
    let notes = validate::notes("notes", &input.notes)?;
    if url.is_none() && notes.is_empty() {
        return Err(Error::invalid("link", "give a web address or write the resource in the notes"));
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in &input.tags {
        if let Some(tag) = validate::optional_line("tags", Some(tag))?
            && !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag))
        {
            tags.push(tag);
        }
    }
    Ok(Checked {
        title: validate::required_line("title", &input.title)?,
        url,
        notes,
        category: validate::optional_line("category", Some(&input.category))?.unwrap_or_default(),
        tags,
    })
}

impl Live for Row {
    const SELECT: &'static str = select_resource!("FROM resources r WHERE r.id = ? AND r.deleted_at IS NULL");
    const WHAT: &'static str = "That resource";
}

/// Adds a resource to the library.
pub async fn add_resource(vault: &Vault, input: ResourceInput) -> Result<Resource> {
    let c = check(input)?;
    vault
        .write(move |w| {
            Box::pin(async move {
                let id = vault::new_id();
                let now = vault::now();
                w.exec(
                    "INSERT INTO resources(id, created_at, updated_at, title, url, notes, category) \
                     VALUES (?, ?, ?, ?, ?, ?, ?)",
                    params![id.clone(), now, now, c.title, c.url, c.notes, c.category],
                )
                .await?;
                crate::registry::kinds::RESOURCE.replace_tags(w, &id, &c.tags).await?;
                Row::fetch_in(w, &id).await?.try_into()
            })
        })
        .await
}

/// Edits a resource (its tags are replaced by the ones given).
pub async fn update_resource(vault: &Vault, id: &str, input: ResourceInput) -> Result<Resource> {
    let c = check(input)?;
    let owned = id.to_owned();
    let changed = vault
        .write(move |w| {
            Box::pin(async move {
                w.exec_one(
                    "UPDATE resources SET title = ?, url = ?, notes = ?, category = ?, updated_at = ? \
                         WHERE id = ? AND deleted_at IS NULL",
                    params![c.title, c.url, c.notes, c.category, vault::now(), owned.clone()],
                    "That resource",
                )
                .await?;
                crate::registry::kinds::RESOURCE.replace_tags(w, &owned, &c.tags).await?;
                Row::fetch_in(w, &owned).await?.try_into()
            })
        })
        .await;
    crate::registry::unless_in_trash(vault, id, changed).await
}

/// The library, by category then title; only one category or tag if given.
pub async fn list_resources(vault: &Vault, category: Option<&str>, tag: Option<&str>) -> Result<Vec<Resource>> {
    let rows = vault
        .fetch_all::<Row>(
            select_resource!(
                "FROM resources r WHERE r.deleted_at IS NULL AND (? IS NULL OR r.category = ? COLLATE NOCASE) \
                 AND (? IS NULL OR EXISTS (SELECT 1 FROM tags t WHERE t.item_kind = 'resource' \
                 AND t.item_id = r.id AND t.tag = ?)) ORDER BY r.category, r.title"
            ),
            params![category, category, tag, tag],
        )
        .await?;
    rows.into_iter().map(TryInto::try_into).collect()
}

/// Resources whose title, notes or category match a full-text query, best match first.
pub async fn search_resources(vault: &Vault, query: &str) -> Result<Vec<Resource>> {
    let sql = select_resource!(
        "FROM resources_fts JOIN resources r ON r.rowid = resources_fts.rowid \
         WHERE resources_fts MATCH ? AND r.deleted_at IS NULL ORDER BY bm25(resources_fts)"
    );
    let rows: Vec<Row> = super::fts_rows(vault, sql, query).await?;
    rows.into_iter().map(TryInto::try_into).collect()
}

/// Moves a resource to the trash (assignments stay, and show it again if it is restored).
pub async fn delete_resource(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::RESOURCE.delete(vault, id).await
}

/// Brings a resource back from the trash.
pub async fn restore_resource(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::RESOURCE.restore(vault, id).await
}

/// Gives a resource to a client (`None`: notes it for the vault owner) with a note.
pub async fn assign_resource(
    vault: &Vault,
    resource_id: &str,
    client_id: Option<&str>,
    assigned_on: NaiveDate,
    note: &str,
) -> Result<ResourceAssignment> {
    let client_id = validate::client_id(client_id)?;
    let note = validate::notes("note", note)?;
    let resource_id = resource_id.to_owned();
    vault
        .write(move |w| {
            Box::pin(async move {
                Row::fetch_in(w, &resource_id).await?;
                let id = vault::new_id();
                w.exec(
                    "INSERT INTO resource_assignments(id, created_at, resource_id, client_id, assigned_on, note) \
                     VALUES (?, ?, ?, ?, ?, ?)",
                    params![id.clone(), vault::now(), resource_id, client_id, assigned_on, note],
                )
                .await?;
                let row = w
                    .fetch_one::<AssignmentRow>(
                        select_resource!(
                            ", a.id AS assignment_id, a.client_id, a.assigned_on, a.note \
                             FROM resource_assignments a JOIN resources r ON r.id = a.resource_id WHERE a.id = ?"
                        ),
                        params![id],
                    )
                    .await?;
                assignment(row)
            })
        })
        .await
}

fn assignment(row: AssignmentRow) -> Result<ResourceAssignment> {
    Ok(ResourceAssignment {
        id: row.assignment_id,
        client_id: row.client_id,
        assigned_on: row.assigned_on,
        note: row.note,
        resource: row.resource.try_into()?,
    })
}

/// The resources given to a client (`None`: the owner), newest first (not those in the trash).
pub async fn list_assigned_resources(vault: &Vault, client_id: Option<&str>) -> Result<Vec<ResourceAssignment>> {
    let rows = vault
        .fetch_all::<AssignmentRow>(
            select_resource!(
                ", a.id AS assignment_id, a.client_id, a.assigned_on, a.note \
                 FROM resource_assignments a JOIN resources r ON r.id = a.resource_id \
                 WHERE a.client_id IS ? AND r.deleted_at IS NULL ORDER BY a.assigned_on DESC, a.created_at DESC"
            ),
            params![client_id],
        )
        .await?;
    rows.into_iter().map(assignment).collect()
}

/// Takes back a resource given by mistake.
pub async fn unassign_resource(vault: &Vault, assignment_id: &str) -> Result<()> {
    let id = assignment_id.to_owned();
    vault.exec_one("DELETE FROM resource_assignments WHERE id = ?", params![id], "That assignment").await
}
