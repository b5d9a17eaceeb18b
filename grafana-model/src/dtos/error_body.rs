//! Grafana's error bodies: `{"message"}`, errutil's `{"message","messageId","statusCode",
//! "traceID"}`, the access-denied `{"title","message","accessErrorId"}`.

use serde::{Deserialize, Serialize};

/// An error body; every field optional, as each kind of error carries a different set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// What went wrong, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// errutil's id, e.g. `serviceaccounts.ErrNotFound`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    /// errutil's status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    /// The request's trace id (empty without tracing).
    #[serde(default, rename = "traceID", skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
    /// The access-denied title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The access-denied id (`ACE…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_error_id: Option<String>,
}
