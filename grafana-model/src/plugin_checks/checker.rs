//! The `Checker`: the manifest and editor keys being checked and the findings so far. Each
//! part of the manifest has its checks in a file of its own: [`super::routes`],
//! [`super::templates`], [`super::iam`].

use super::finding::{Finding, Severity};
use crate::editor_keys::EditorKeys;
use crate::plugin_json::PluginJson;

pub(super) struct Checker<'a> {
    /// The manifest checked.
    pub(super) plugin: &'a PluginJson,
    /// What the editor collects, when known.
    pub(super) keys: Option<&'a EditorKeys>,
    /// What was found so far, in manifest order.
    pub(super) findings: Vec<Finding>,
}

impl Checker<'_> {
    /// Records a finding.
    pub(super) fn push(&mut self, severity: Severity, path: String, message: String) {
        self.findings.push(Finding {
            severity,
            path,
            message,
        });
    }
}
