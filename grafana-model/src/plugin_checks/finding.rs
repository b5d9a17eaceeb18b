//! A finding: how bad ([`Severity`]), where in `plugin.json` (a JSON path) and why, in
//! one line.

use serde::Serialize;
use std::fmt;

/// How bad a finding is: errors fail `devserver check-plugin`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Works, but probably not as meant.
    Warning,
    /// Broken: a request will carry the wrong thing, or a secret is exposed.
    Error,
}

/// One problem, where it is, and why, in one line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// A JSON path into `plugin.json`, e.g. `routes[1].headers[0].content`.
    pub path: String,
    /// One line. Never contains a secret's value (only key names).
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}: {}", self.path, self.message)
    }
}
