//! The kit's wasm package: links `leptos_grafana`, whose `#[wasm_bindgen]` exports
//! (`mountConfigEditor`, `mountServiceAccounts`, behind the features of the same names)
//! become this package's exports. `make embed` builds it once per entry point into
//! `embed/react/wasm/<feature>/`.

#[cfg(target_arch = "wasm32")]
pub use leptos_grafana as kit;
