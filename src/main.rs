//! The standalone app: installs the panic hook and mounts [`leptos_grafana::App`].

fn main() {
    console_error_panic_hook::set_once();
    leptos_grafana::app::mark_build_profile();
    leptos::mount::mount_to_body(leptos_grafana::App);
}
