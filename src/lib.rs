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

//!
//! Only [`model`] and [`api`] exist in a native build (what the native tests check); the
//! layers that draw or talk to a host are built for `wasm32-unknown-unknown` only.

pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod embed;
pub mod model;
#[cfg(target_arch = "wasm32")]
pub mod pages;

#[cfg(target_arch = "wasm32")]
pub use app::App;
