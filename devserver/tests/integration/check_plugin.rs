//! `devserver check-plugin`: exit 0 on the example plugins, 1 on a broken copy with each
//! problem named, 2 on a file that cannot be read.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../embed/examples")
}

fn check(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_devserver"))
        .arg("check-plugin")
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn the_example_plugins_pass() {
    let ds = examples().join("datasource/src/plugin.json");
    let (code, text) = check(&[ds.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("0 error(s), 0 warning(s), checked against its editor schema"),
        "{text}"
    );
    let app = examples().join("app/src/plugin.json");
    let (code, text) = check(&[app.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
}

#[test]
fn a_broken_copy_fails_and_names_each_problem() {
    let dir = tempfile::tempdir().unwrap();
    let src = examples().join("datasource/src");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(src.join("plugin.json")).unwrap()).unwrap();
    let routes = manifest["routes"].as_array_mut().unwrap();
    routes[0]["url"] = "https://api.example.com/projects/{{ .JsonData.notInTheSchema }}".into();
    routes[1]["urlParams"][0]["content"] = "{{ .JsonData.apiKey }}".into();
    routes[2]["url"] = "https://api.example.com/login/{{ if .JsonData.x }}".into();
    std::fs::write(dir.path().join("plugin.json"), manifest.to_string()).unwrap();
    std::fs::copy(
        src.join("config-schema.json"),
        dir.path().join("config-schema.json"),
    )
    .unwrap();
    let (code, text) = check(&[dir.path().join("plugin.json").to_str().unwrap()]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("error: routes[0].url: .JsonData.notInTheSchema is not a jsonData key the editor collects"), "{text}");
    assert!(
        text.contains(
            "error: routes[1].urlParams[0].content: .JsonData.apiKey reads a secret from jsonData"
        ),
        "{text}"
    );
    assert!(
        text.contains("error: routes[2].url: malformed template"),
        "{text}"
    );
    assert!(text.contains("3 error(s)"), "{text}");

    // JSON output for tools.
    let (code, text) = check(&[dir.path().join("plugin.json").to_str().unwrap(), "--json"]);
    assert_eq!(code, 1);
    let findings: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(findings.as_array().unwrap().len(), 3);
    assert_eq!(findings[0]["severity"], "error");
}

#[test]
fn an_app_plugin_with_data_source_route_fields_fails() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = serde_json::json!({"type": "app", "id": "a", "name": "A", "routes": [
        {"path": "api", "url": "https://a", "urlParams": [{"name": "k", "content": "v"}],
         "tokenAuth": {"url": "https://t", "params": {}}}]});
    std::fs::write(dir.path().join("plugin.json"), manifest.to_string()).unwrap();
    let (code, text) = check(&[dir.path().join("plugin.json").to_str().unwrap()]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("urlParams are not supported in app plugins"),
        "{text}"
    );
    assert!(
        text.contains("tokenAuth is not supported in app plugins"),
        "{text}"
    );
}

#[test]
fn unreadable_files_exit_2() {
    let (code, text) = check(&["/nonexistent/plugin.json"]);
    assert_eq!(code, 2, "{text}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plugin.json"), "{not json").unwrap();
    let (code, _) = check(&[dir.path().join("plugin.json").to_str().unwrap()]);
    assert_eq!(code, 2);
    std::fs::write(dir.path().join("plugin.json"), r#"{"type":"app","id":"a"}"#).unwrap();
    let (code, text) = check(&[
        dir.path().join("plugin.json").to_str().unwrap(),
        "--schema",
        "/nonexistent.json",
    ]);
    assert_eq!(code, 2, "{text}");
}

#[test]
fn a_backend_plugin_folder_has_the_executable_grafana_runs() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("plugin.json");
    let write_manifest = |extra: serde_json::Value| {
        let mut m = serde_json::json!({
            "type": "datasource", "name": "B", "id": "org-b-datasource",
            "info": { "version": "1.0.0", "author": { "name": "t" } },
        });
        m.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        std::fs::write(&manifest, m.to_string()).unwrap();
    };
    let path = manifest.to_str().unwrap();
    // A source folder: the executable cannot be checked there, and it says so.
    write_manifest(serde_json::json!({ "backend": true, "executable": "gpx_b" }));
    let (code, text) = check(&[path]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("warning: executable: not a built plugin folder"),
        "{text}"
    );
    // A built folder without the file Grafana runs.
    std::fs::write(dir.path().join("module.js"), "").unwrap();
    let (code, text) = check(&[path]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("error: executable: Grafana cannot run the backend"),
        "{text}"
    );
    // There but not executable, then executable.
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    let exe = dir
        .path()
        .join(format!("gpx_b_{}_{arch}", std::env::consts::OS));
    std::fs::write(&exe, "#!/bin/sh\n").unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (code, text) = check(&[path]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("is not executable (chmod +x)"), "{text}");
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (code, text) = check(&[path]);
    assert_eq!(code, 0, "{text}");
    // An executable name that leaves the folder, and a backend without one.
    write_manifest(serde_json::json!({ "backend": true, "executable": "../gpx_b" }));
    let (code, text) = check(&[path]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("must be a file name inside the plugin folder"),
        "{text}"
    );
    write_manifest(serde_json::json!({ "backend": true, "alerting": true }));
    let (code, text) = check(&[path]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("warning: executable: \"backend\": true without an executable"),
        "{text}"
    );
    write_manifest(serde_json::json!({ "alerting": true }));
    let (code, text) = check(&[path]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("alerting needs a backend"), "{text}");
}
