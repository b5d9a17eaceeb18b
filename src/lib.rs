//! # leptos-grafana
//!
//! Leptos components for Grafana plugin frontends: write a data source `ConfigEditor` or
//! an app plugin page in Rust, compile it to WebAssembly, and mount it where Grafana
//! expects a React component.
//!
//! - [`model`]: Grafana's `DataSourceSettings` and the `onOptionsChange` transitions
//!   (pure Rust, tested natively).
//! - [`components`]: `SecretInput`, `SecretTextArea` and friends: data in, callbacks out.
//! - [`pages`]: the standalone app's routed pages, the only layer that talks to a server.
//! - [`app`]: the standalone app served by devserver.

pub mod api;
pub mod app;
pub mod components;
pub mod embed;
pub mod model;
pub mod pages;

pub use app::App;
