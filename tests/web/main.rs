//! Browser tests of the kit's components: each mounts the real component into a fresh
//! `<section>`, drives it through the DOM as a user would, and checks what it renders and
//! emits. Run with `wasm-pack test --headless --chrome --mode no-install` (see Makefile).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod secret_input;
mod secret_text_area;

mod api_paths;
mod author;
mod config_editor;
mod dsconfig_editor;
mod embed;
mod fake_server;
mod pages;
mod service_accounts;
