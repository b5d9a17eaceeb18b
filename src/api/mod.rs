//! A typed client of Grafana's HTTP API on gloo-net: one method per route, one
//! [`ApiError`]. Only [`crate::pages`] calls it; components never touch the network.

mod client;
pub mod datasources;
mod error;
mod fixtures;
pub mod frontend;
pub mod serviceaccounts;
pub mod user;

pub use client::{encode, plugin_id_segment, uid_segment, ApiClient, Method};
pub use datasources::{DataSourceListItem, DataSourceSaved, HealthCheckResult, PluginListItem};
pub use error::ApiError;
pub use frontend::FrontendSettings;
pub use serviceaccounts::{
    NewToken, OrgUserLookup, ResourcePermission, ServiceAccount, ServiceAccountFilter,
    ServiceAccountPatch, ServiceAccountSearch, TokenDto,
};
pub use user::{SignedInUser, UserOrg};
