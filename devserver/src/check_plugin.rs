//! `devserver check-plugin path/to/plugin.json [--schema config-schema.json] [--json]`: the
//! checks of `grafana_model::plugin_checks` on the command line, for a plugin's CI. Prints
//! one line per finding (`error: routes[0].url: …`), then a count; exits 1 when any
//! finding is an error, 2 when a file cannot be read. Without `--schema`, a
//! `config-schema.json` beside the manifest is used when there is one.

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
            eprintln!("check-plugin: {e}");
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
                eprintln!("check-plugin: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let findings = check_plugin(&plugin, keys.as_ref());
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&findings).unwrap_or_default()
        );
    } else {
        for f in &findings {
            println!("{f}");
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
            args.manifest.display()
        );
    }
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
