//! `devserver check-plugin path/to/plugin.json [--schema config-schema.json] [--json]`: the
//! checks of `grafana_model::plugin_checks` on the command line, for a plugin's CI. Prints
//! one line per finding (`error: routes[0].url: …`), then a count; exits 1 when any
//! finding is an error, 2 when a file cannot be read. Without `--schema`, a
//! `config-schema.json` beside the manifest is used when there is one.
//!
//! A backend plugin's layout is checked too ([`backend_findings`]): `backend: true` names an
//! `executable`, and in a built folder (`module.js` beside `plugin.json`, as create-plugin's
//! `dist/`) the file Grafana runs, `<executable>_<os>_<arch>`, is there, inside the folder,
//! and executable.
//!
//! A manifest is someone else's text: everything printed is passed through [`printable`]
//! (or [`json_printable`]), so a control character, an ANSI escape or a bidirectional
//! override in a route path, a template or a file name cannot rewrite the terminal or the
//! CI log around it.

use clap::Parser;
use grafana_model::{check_plugin, EditorKeys, Finding, PluginJson, Severity};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Checks a plugin's routes and iam against its editor schema.
#[derive(Debug, Parser)]
#[command(name = "devserver check-plugin")]
pub struct CheckPlugin {
    /// The plugin's plugin.json.
    pub manifest: PathBuf,
    /// The editor schema (the kit's config-schema.json); default: the one beside plugin.json.
    #[arg(long)]
    pub schema: Option<PathBuf>,
    /// Print the findings as a JSON array.
    #[arg(long)]
    pub json: bool,
}

/// Whether `c` can change how text around it is shown: a control character (C0, DEL,
/// C1, ANSI escapes) or a bidirectional formatting character.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every `unsafe_char` written as `\u{…}`.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// JSON text with every `unsafe_char` left by the serialiser (C1 controls, bidi
/// overrides) written as a JSON `\uXXXX` escape: still the same JSON. (A raw newline or
/// tab can only be the layout's: the serialiser escapes them inside strings.)
pub fn json_printable(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if unsafe_char(c) && !matches!(c, '\n' | '\t' | '\r') {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

fn finding(severity: Severity, path: &str, message: String) -> Finding {
    Finding {
        severity,
        path: path.to_owned(),
        message,
    }
}

/// The backend layout of the plugin whose `plugin.json` is `manifest` (see the module doc).
pub fn backend_findings(manifest: &Path, json: &serde_json::Value) -> Vec<Finding> {
    let backend = json.get("backend").and_then(serde_json::Value::as_bool) == Some(true);
    let executable = json.get("executable").and_then(serde_json::Value::as_str);
    let mut out = Vec::new();
    if json.get("alerting").and_then(serde_json::Value::as_bool) == Some(true) && !backend {
        out.push(finding(
            Severity::Error,
            "alerting",
            "alerting needs a backend (\"backend\": true)".to_owned(),
        ));
    }
    match (backend, executable) {
        (false, Some(_)) => out.push(finding(
            Severity::Warning,
            "executable",
            "executable is ignored without \"backend\": true".to_owned(),
        )),
        // Grafana loads the plugin but starts no backend: every call to it answers
        // "Plugin unavailable".
        (true, None) => out.push(finding(
            Severity::Warning,
            "executable",
            "\"backend\": true without an executable: Grafana starts no backend, and Save & test, queries and resources answer \"Plugin unavailable\"".to_owned(),
        )),
        (true, Some(exe)) => {
            let dir = manifest
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            if !dir.join("module.js").is_file() {
                out.push(finding(
                    Severity::Warning,
                    "executable",
                    "not a built plugin folder (no module.js beside plugin.json): check dist/plugin.json to check the backend's file".to_owned(),
                ));
                return out;
            }
            match crate::plugins::backend::executable_path(dir, exe) {
                Err(e) => out.push(finding(
                    Severity::Error,
                    "executable",
                    format!("Grafana cannot run the backend: {e}"),
                )),
                Ok(path) => {
                    use std::os::unix::fs::PermissionsExt;
                    let mode = std::fs::metadata(&path)
                        .map(|m| m.permissions().mode())
                        .unwrap_or(0);
                    if mode & 0o111 == 0 {
                        out.push(finding(
                            Severity::Error,
                            "executable",
                            format!("{} is not executable (chmod +x)", path.display()),
                        ));
                    }
                }
            }
        }
        (false, None) => {}
    }
    out
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", path.display()))
}

/// Runs the checks; what `main` returns.
pub fn run(args: CheckPlugin) -> ExitCode {
    let loaded = read_json(&args.manifest).and_then(|v| {
        serde_json::from_value::<PluginJson>(v.clone())
            .map(|p| (p, v))
            .map_err(|e| format!("{}: not a plugin.json: {e}", args.manifest.display()))
    });
    let (plugin, raw) = match loaded {
        Ok(p) => p,
        Err(e) => {
            eprintln!("check-plugin: {}", printable(&e));
            return ExitCode::from(2);
        }
    };
    let schema_path = args.schema.clone().or_else(|| {
        let beside = args.manifest.with_file_name("config-schema.json");
        beside.is_file().then_some(beside)
    });
    let keys = match schema_path {
        None => None,
        Some(path) => match read_json(&path).and_then(|v| {
            EditorKeys::from_schema_json(&v).map_err(|e| format!("{}: {e}", path.display()))
        }) {
            Ok(keys) => Some(keys),
            Err(e) => {
                eprintln!("check-plugin: {}", printable(&e));
                return ExitCode::from(2);
            }
        },
    };
    let mut findings = check_plugin(&plugin, keys.as_ref());
    findings.extend(backend_findings(&args.manifest, &raw));
    if args.json {
        println!(
            "{}",
            json_printable(&serde_json::to_string_pretty(&findings).unwrap_or_default())
        );
    } else {
        for f in &findings {
            println!("{}", printable(&f.to_string()));
        }
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    if !args.json {
        let against = if keys.is_some() {
            "its editor schema"
        } else {
            "no editor schema (template keys not checked)"
        };
        println!(
            "{}: {errors} error(s), {warnings} warning(s), checked against {against}",
            printable(&args.manifest.display().to_string())
        );
    }
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(
            printable("x\ny\u{202e}z\u{9b}"),
            "x\\u{a}y\\u{202e}z\\u{9b}"
        );
        assert_eq!(printable("ünïcode ✓"), "ünïcode ✓");
        let json = serde_json::to_string_pretty(&["p\u{9b}q\u{202e}"]).unwrap();
        let safe = json_printable(&json);
        assert!(!safe.chars().any(|c| unsafe_char(c) && c != '\n'), "{safe}");
        assert_eq!(
            serde_json::from_str::<Vec<String>>(&safe).unwrap(),
            ["p\u{9b}q\u{202e}"]
        );
    }
}
