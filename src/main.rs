//! The standalone app: installs the panic hook and mounts [`leptos_grafana::App`]. It runs
//! in the browser only (`make run` builds it with Trunk); a native build is an empty stub.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos_grafana::app::mark_build_profile();
    leptos::mount::mount_to_body(leptos_grafana::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("leptos-grafana-app runs in the browser: `make run` builds and serves it");
}
