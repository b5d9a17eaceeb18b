//! `devserver check-plugin path/to/plugin.json [--schema config-schema.json] [--json]`: the
//! checks of `grafana_model::plugin_checks` on the command line, for a plugin's CI. Prints
//! one line per finding (`error: routes[0].url: …`), then a count; exits 1 when any
//! finding is an error, 2 when a file cannot be read. Without `--schema`, a
//! `config-schema.json` beside the manifest is used when there is one.
//!
//! A manifest is someone else's text: everything printed is passed through [`printable`]
//! (or [`json_printable`]), so a control character, an ANSI escape or a bidirectional
//! override in a route path, a template or a file name cannot rewrite the terminal or the
//! CI log around it.

use clap::Parser;
use grafana_model::{check_plugin, EditorKeys, PluginJson, Severity};
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

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", path.display()))
}

/// Runs the checks; what `main` returns.
pub fn run(args: CheckPlugin) -> ExitCode {
    let loaded = read_json(&args.manifest).and_then(|v| {
        serde_json::from_value::<PluginJson>(v)
            .map_err(|e| format!("{}: not a plugin.json: {e}", args.manifest.display()))
    });
    let plugin = match loaded {
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
    let findings = check_plugin(&plugin, keys.as_ref());
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
