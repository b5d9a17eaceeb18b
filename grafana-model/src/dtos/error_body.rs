//! Grafana's error bodies: `{"message"}`, errutil's `{"message","messageId","statusCode",
//! "traceID"}`, the access-denied `{"title","message","accessErrorId"}`.

use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

/// An error body; every field optional, as each kind of error carries a different set.
#[skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// What went wrong, for people.
    pub message: Option<String>,
    /// errutil's id, e.g. `serviceaccounts.ErrNotFound`.
    pub message_id: Option<String>,
    /// errutil's status.
    pub status_code: Option<u16>,
    /// The request's trace id (empty without tracing).
    #[serde(rename = "traceID")]
    pub trace_id: Option<String>,
    /// The access-denied title.
    pub title: Option<String>,
    /// The access-denied id (`ACE…`).
    pub access_error_id: Option<String>,
}
