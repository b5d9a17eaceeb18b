//! devserver's integration tests, one binary (one link instead of one per file): each
//! module is a Grafana area or a reliability suite, run against the real router (and, for
//! some, the real binary). `cargo test -p leptos-grafana-devserver --test integration <module>::`
//! runs one module.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod datasources_common;
mod report;

mod backend_plugins;
mod check_plugin;
mod datasource_proxy;
mod datasources;
mod faults;
mod first_calls;
mod fixtures_shape;
mod hostile_input;
mod load_and_crash;
mod managed_accounts;
mod oauth;
mod plugins;
mod secret_scanner;
mod security;
mod service_account_permissions;
mod serviceaccounts;
mod startup;
mod storage_and_http;
