//! The JSON export: an envelope that names the schema and its version, then the gathered data.
//! The layout is documented field by field in `docs/export-schema.md` and checked by
//! `docs/export.schema.json` (a test validates real exports against it).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{ClientRecordExport, JournalExport, PLAINTEXT_WARNING, SCHEMA_VERSION};
use crate::{Error, Result};

/// The `format` value every Wellkept export carries.
const FORMAT_NAME: &str = "wellkept-export";

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    schema_version: u32,
    kind: &'static str,
    exported_at: DateTime<Utc>,
    generator: String,
    notice: &'static str,
    #[serde(flatten)]
    body: Body<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Body<'a> {
    ClientRecord(&'a ClientRecordExport),
    Journal(&'a JournalExport),
}

fn envelope(kind: &'static str, exported_at: DateTime<Utc>, body: Body<'_>) -> Result<Vec<u8>> {
    let doc = Envelope {
        format: FORMAT_NAME,
        schema_version: SCHEMA_VERSION,
        kind,
        exported_at,
        generator: format!("Wellkept {}", env!("CARGO_PKG_VERSION")),
        notice: PLAINTEXT_WARNING,
        body,
    };
    let mut out = serde_json::to_vec_pretty(&doc)
        .map_err(|e| Error::Internal { detail: format!("serialising the export: {e}") })?;
    out.push(b'\n');
    Ok(out)
}

/// A client record as JSON.
pub(super) fn client_record(record: &ClientRecordExport) -> Result<Vec<u8>> {
    envelope("client_record", record.exported_at, Body::ClientRecord(record))
}

/// A journal range as JSON.
pub(super) fn journal(journal: &JournalExport) -> Result<Vec<u8>> {
    envelope("journal", journal.exported_at, Body::Journal(journal))
}
