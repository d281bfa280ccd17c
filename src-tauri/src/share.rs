//! What the Share screen sends: which side is sharing, and the records ticked (by vault id).
//! The mapping from vault records to the exchange format lives in the core
//! (`wellkept::exchange::collect_share`), shared with the `wellkept` command line.

use serde::Deserialize;
use wellkept::Result;
use wellkept::exchange::{BundleContent, BundleKind, ShareSelection, collect_share};
use wellkept::vault::Vault;

/// The Share screen's request: `kind` plus the selection's lists, flattened.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct ShareRequest {
    /// Who is sharing.
    pub kind: BundleKind,
    /// The records chosen.
    #[serde(flatten)]
    pub selection: ShareSelection,
}

/// Gathers the chosen records and builds the bundle contents, signed later under `sender_name`.
pub async fn build_bundle(vault: &Vault, sender_name: &str, request: ShareRequest) -> Result<BundleContent> {
    collect_share(vault, request.kind, sender_name, &request.selection).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_screens_payload_reads_into_the_core_selection() {
        let json = r#"{"kind":"from_client","journal_entries":["a"],"scores":["b"],"homework":[],
                       "safety_plan_of_client":null}"#;
        let request: ShareRequest = serde_json::from_str(json).expect("payload");
        assert_eq!(request.kind, BundleKind::FromClient);
        assert_eq!(request.selection.journal_entries, vec!["a".to_owned()]);
        assert_eq!(request.selection.measures, vec!["b".to_owned()], "the screen calls them scores");
    }
}
