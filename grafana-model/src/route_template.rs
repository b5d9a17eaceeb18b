//! Grafana's route templates: the Go `text/template` actions its data source proxy fills
//! from a data source's settings, in the forms plugins use.
//!
//! - `{{ .JsonData.key }}`, nested `{{ .JsonData.outer.inner }}`, `{{ .SecureJsonData.key }}`
//!   (decrypted, server side only) and `{{ .URL }}` (the data source's URL);
//! - `{{ index .JsonData "key-with-dashes" }}`, `{{ orEmpty .JsonData.key }}` and
//!   `{{ .JsonData.key | orEmpty }}`; `{{-` / `-}}` trim whitespace; `{{/* comments */}}`.
//!
//! As in Grafana, a missing key prints `<no value>` (`orEmpty` makes it empty; `index` on
//! the secrets makes it empty too, Go's zero string), strings print as they are, numbers
//! as their JSON text, and nothing is escaped. A rendered value is never read as a
//! template again. Other Go template syntax (`if`, `range`, `printf`, …) is reported as
//! unsupported instead of being rendered wrongly.
//!
//! ```
//! use grafana_model::route_template::{render, TemplateData};
//! use serde_json::json;
//! let json_data = json!({"project": "p1", "region": {"name": "eu"}});
//! let secrets = [("token".to_owned(), "s3cret".to_owned())].into();
//! let data = TemplateData::new("https://api", json_data.as_object().unwrap(), &secrets);
//! let out = render("{{ .URL }}/{{ .JsonData.project }}/{{.JsonData.region.name}}?t={{ .SecureJsonData.token }}&x={{ .JsonData.nope }}", &data).unwrap();
//! assert_eq!(out.text, "https://api/p1/eu?t=s3cret&x=<no value>");
//! assert_eq!(out.missing.len(), 1);
//! ```

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// What Go's templates print for a missing value.
pub const NO_VALUE: &str = "<no value>";

/// Where a reference reads from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// `.JsonData`: the data source's `jsonData`.
    JsonData,
    /// `.SecureJsonData`: its decrypted `secureJsonData`.
    SecureJsonData,
    /// `.URL`: its URL.
    Url,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::JsonData => ".JsonData",
            Source::SecureJsonData => ".SecureJsonData",
            Source::Url => ".URL",
        })
    }
}

/// A value a template reads: `.JsonData.outer.inner` is `{JsonData, ["outer", "inner"]}`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reference {
    /// Where.
    pub source: Source,
    /// The key, then nested keys (empty for `.URL`).
    pub path: Vec<String>,
}

impl Reference {
    /// The top-level key (`outer` for `.JsonData.outer.inner`; empty for `.URL`).
    pub fn key(&self) -> &str {
        self.path.first().map_or("", String::as_str)
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        for p in &self.path {
            write!(f, ".{p}")?;
        }
        Ok(())
    }
}

/// A template that cannot be parsed, or an action it cannot evaluate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    /// One line; never contains a rendered value.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TemplateError {}

fn error(message: String) -> TemplateError {
    TemplateError { message }
}

#[derive(Clone, Debug, PartialEq)]
enum Part {
    Text(String),
    Action(Action),
}

#[derive(Clone, Debug, PartialEq)]
struct Action {
    reference: Reference,
    /// `index`: a missing secret is Go's zero string, a missing jsonData value nil.
    by_index: bool,
    or_empty: bool,
}

/// A parsed template.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    parts: Vec<Part>,
}

/// The values a template reads.
#[derive(Clone, Copy, Debug)]
pub struct TemplateData<'a> {
    /// `.URL`.
    pub url: &'a str,
    /// `.JsonData`.
    pub json_data: &'a Map<String, Value>,
    /// `.SecureJsonData`.
    pub secure_json_data: &'a BTreeMap<String, String>,
}

impl<'a> TemplateData<'a> {
    /// The values of one data source.
    pub fn new(
        url: &'a str,
        json_data: &'a Map<String, Value>,
        secure_json_data: &'a BTreeMap<String, String>,
    ) -> Self {
        Self {
            url,
            json_data,
            secure_json_data,
        }
    }
}

/// A rendered template and the references that had no value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rendered {
    /// The text.
    pub text: String,
    /// References that printed `<no value>` (or nothing, through `orEmpty`/`index`).
    pub missing: Vec<Reference>,
}

/// Parses and renders `text` in one go.
pub fn render(text: &str, data: &TemplateData<'_>) -> Result<Rendered, TemplateError> {
    Template::parse(text)?.render(data)
}

/// Every value `text` reads (empty when it does not parse).
pub fn references(text: &str) -> Vec<Reference> {
    Template::parse(text)
        .map(|t| t.references().cloned().collect())
        .unwrap_or_default()
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// `.JsonData.a.b`, `.SecureJsonData.k`, `.URL`.
fn field_chain(word: &str) -> Option<Reference> {
    let rest = word.strip_prefix('.')?;
    let mut segments = rest.split('.');
    let source = match segments.next()? {
        "JsonData" => Source::JsonData,
        "SecureJsonData" => Source::SecureJsonData,
        "URL" => Source::Url,
        _ => return None,
    };
    let path: Vec<String> = segments.map(str::to_owned).collect();
    if !path.iter().all(|p| is_identifier(p)) {
        return None;
    }
    match source {
        Source::Url if !path.is_empty() => None,
        Source::SecureJsonData if path.len() > 1 => None,
        _ => Some(Reference { source, path }),
    }
}

/// Splits an action's words, keeping `"quoted strings"` whole (without their quotes).
fn words(action: &str) -> Option<Vec<Word>> {
    let mut out = Vec::new();
    let mut chars = action.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut s = String::new();
            loop {
                match chars.next()? {
                    '"' => break,
                    '\\' => s.push(chars.next()?),
                    other => s.push(other),
                }
            }
            out.push(Word::Quoted(s));
        } else if c == '|' {
            chars.next();
            out.push(Word::Pipe);
        } else {
            let mut s = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '|' || c == '"' {
                    break;
                }
                s.push(c);
                chars.next();
            }
            out.push(Word::Bare(s));
        }
    }
    Some(out)
}

#[derive(Debug, PartialEq)]
enum Word {
    Bare(String),
    Quoted(String),
    Pipe,
}

fn parse_action(inner: &str) -> Result<Option<Action>, TemplateError> {
    let trimmed = inner.trim();
    if trimmed.starts_with("/*") && trimmed.ends_with("*/") {
        return Ok(None);
    }
    let unsupported = || {
        error(format!(
            "unsupported template action {{{{ {trimmed} }}}}: use .JsonData.<key>, .SecureJsonData.<key>, .URL, index or orEmpty"
        ))
    };
    let words = words(trimmed)
        .ok_or_else(|| error(format!("unterminated string in {{{{ {trimmed} }}}}")))?;
    // `arg | orEmpty` is `orEmpty arg`.
    let (words, piped_or_empty) = match words.as_slice() {
        [rest @ .., Word::Pipe, Word::Bare(f)] if f == "orEmpty" => (rest, true),
        all => (all, false),
    };
    let (words, or_empty) = match words {
        [Word::Bare(f), rest @ ..] if f == "orEmpty" && !piped_or_empty => (rest, true),
        all => (all, piped_or_empty),
    };
    let action = match words {
        [Word::Bare(w)] => Action {
            reference: field_chain(w).ok_or_else(unsupported)?,
            by_index: false,
            or_empty,
        },
        [Word::Bare(f), Word::Bare(map), keys @ ..] if f == "index" && !keys.is_empty() => {
            let mut reference = field_chain(map).ok_or_else(unsupported)?;
            if reference.source == Source::Url {
                return Err(unsupported());
            }
            for k in keys {
                match k {
                    Word::Quoted(k) => reference.path.push(k.clone()),
                    _ => return Err(unsupported()),
                }
            }
            if reference.source == Source::SecureJsonData && reference.path.len() > 1 {
                return Err(unsupported());
            }
            Action {
                reference,
                by_index: true,
                or_empty,
            }
        }
        _ => return Err(unsupported()),
    };
    Ok(Some(action))
}

impl Template {
    /// Parses a template; text outside `{{ }}` is kept as it is.
    pub fn parse(text: &str) -> Result<Self, TemplateError> {
        let mut parts = Vec::new();
        let mut rest = text;
        let mut trim_next = false;
        while let Some(start) = rest.find("{{") {
            let mut before = &rest[..start];
            if trim_next {
                before = before.trim_start();
            }
            let after_open = &rest[start + 2..];
            let trim_before = after_open.starts_with("- ")
                || after_open.starts_with("-\t")
                || after_open.starts_with("-\n");
            if trim_before {
                before = before.trim_end();
            }
            if !before.is_empty() {
                parts.push(Part::Text(before.to_owned()));
            }
            let end = after_open
                .find("}}")
                .ok_or_else(|| error("unclosed action: a {{ without }}".to_owned()))?;
            let mut inner = &after_open[..end];
            if trim_before {
                inner = &inner[1..];
            }
            trim_next = inner.ends_with(" -") || inner.ends_with("\t-") || inner.ends_with("\n-");
            if trim_next {
                inner = &inner[..inner.len() - 1];
            }
            if let Some(action) = parse_action(inner)? {
                parts.push(Part::Action(action));
            }
            rest = &after_open[end + 2..];
        }
        let tail = if trim_next { rest.trim_start() } else { rest };
        if tail.contains("}}") {
            return Err(error("unexpected }} outside an action".to_owned()));
        }
        if !tail.is_empty() {
            parts.push(Part::Text(tail.to_owned()));
        }
        Ok(Self { parts })
    }

    /// The values the template reads, in order.
    pub fn references(&self) -> impl Iterator<Item = &Reference> {
        self.parts.iter().filter_map(|p| match p {
            Part::Action(a) => Some(&a.reference),
            Part::Text(_) => None,
        })
    }

    /// Renders the template once: what it prints is never read as a template again.
    pub fn render(&self, data: &TemplateData<'_>) -> Result<Rendered, TemplateError> {
        let mut out = Rendered::default();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.text.push_str(t),
                Part::Action(a) => match lookup(&a.reference, data)? {
                    Some(v) => out.text.push_str(&v),
                    None => {
                        out.missing.push(a.reference.clone());
                        let zero_string =
                            a.by_index && a.reference.source == Source::SecureJsonData;
                        if !a.or_empty && !zero_string {
                            out.text.push_str(NO_VALUE);
                        }
                    }
                },
            }
        }
        Ok(out)
    }
}

/// The printed value of a reference; `None` when missing (or JSON `null`).
fn lookup(reference: &Reference, data: &TemplateData<'_>) -> Result<Option<String>, TemplateError> {
    match reference.source {
        Source::Url => Ok(Some(data.url.to_owned())),
        Source::SecureJsonData => Ok(data.secure_json_data.get(reference.key()).cloned()),
        Source::JsonData => {
            let mut current: Option<&Value> = None;
            for (i, key) in reference.path.iter().enumerate() {
                let map = match (i, current) {
                    (0, _) => Some(data.json_data),
                    (_, Some(Value::Object(m))) => Some(m),
                    // Go: a field of nothing cannot be evaluated.
                    (_, None | Some(Value::Null)) => {
                        return Err(error(format!("{reference}: nil evaluating {key}")))
                    }
                    (_, Some(_)) => {
                        return Err(error(format!(
                            "{reference}: {key} of a value that is not an object"
                        )))
                    }
                };
                current = map.and_then(|m| m.get(key));
            }
            Ok(current.and_then(go_print))
        }
    }
}

/// Go's `fmt.Print` of a JSON value: strings as they are, numbers as their JSON text,
/// `[a b]` and `map[k:v]`; `None` for `null` (which prints `<no value>`).
fn go_print(value: &Value) -> Option<String> {
    fn inner(value: &Value) -> String {
        match value {
            Value::Null => "<nil>".to_owned(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.clone(),
            Value::Array(items) => {
                format!(
                    "[{}]",
                    items.iter().map(inner).collect::<Vec<_>>().join(" ")
                )
            }
            Value::Object(map) => {
                let mut entries: Vec<_> = map.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                let body: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{k}:{}", inner(v)))
                    .collect();
                format!("map[{}]", body.join(" "))
            }
        }
    }
    (!value.is_null()).then(|| inner(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn data_with<'a>(
        json_data: &'a Map<String, Value>,
        secrets: &'a BTreeMap<String, String>,
    ) -> TemplateData<'a> {
        TemplateData::new("https://ds.example.com", json_data, secrets)
    }

    fn fixture() -> (Map<String, Value>, BTreeMap<String, String>) {
        let json_data = json!({
            "projectId": "p-42", "username": "grafana", "count": 10, "ratio": 0.5,
            "on": true, "nothing": null, "tags": ["a", "b"], "nested": {"region": "eu", "b": 1},
            "dash-key": "d"
        });
        let secrets: BTreeMap<String, String> = [
            ("apiToken", "tok-1"),
            ("password", "pa ss\"word"),
            ("apiKey", "k&y"),
            ("clientId", "cid"),
            ("clientSecret", "csec"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        (json_data.as_object().cloned().unwrap(), secrets)
    }

    fn rendered(text: &str) -> String {
        let (j, s) = fixture();
        render(text, &data_with(&j, &s)).unwrap().text
    }

    /// Every template of seed 004 (Grafana's "Add authentication for data source plugins").
    #[test]
    fn renders_the_seed_examples() {
        assert_eq!(
            rendered("https://api.example.com/projects/{{ .JsonData.projectId }}"),
            "https://api.example.com/projects/p-42"
        );
        assert_eq!(
            rendered(
                "https://{{ .JsonData.username }}:{{ .SecureJsonData.password }}@api.example.com"
            ),
            "https://grafana:pa ss\"word@api.example.com"
        );
        assert_eq!(
            rendered("Bearer {{ .SecureJsonData.apiToken }}"),
            "Bearer tok-1"
        );
        assert_eq!(rendered("{{ .SecureJsonData.apiKey }}"), "k&y");
        assert_eq!(rendered("{{ .JsonData.username }}"), "grafana");
        assert_eq!(rendered("{{ .SecureJsonData.clientId }}"), "cid");
        assert_eq!(rendered("{{ .SecureJsonData.clientSecret }}"), "csec");
        assert_eq!(rendered("client_credentials"), "client_credentials");
    }

    #[test]
    fn values_print_as_go_prints_them() {
        assert_eq!(
            rendered("{{.JsonData.count}}/{{.JsonData.ratio}}/{{.JsonData.on}}"),
            "10/0.5/true"
        );
        assert_eq!(rendered("{{ .JsonData.tags }}"), "[a b]");
        assert_eq!(rendered("{{ .JsonData.nested }}"), "map[b:1 region:eu]");
        assert_eq!(rendered("{{ .JsonData.nested.region }}"), "eu");
        assert_eq!(rendered("{{ .URL }}/x"), "https://ds.example.com/x");
        assert_eq!(rendered("{{ index .JsonData \"dash-key\" }}"), "d");
        assert_eq!(
            rendered("{{ index .JsonData \"nested\" \"region\" }}"),
            "eu"
        );
    }

    #[test]
    fn missing_keys_print_no_value_unless_or_empty() {
        let (j, s) = fixture();
        let out = render(
            "a={{ .JsonData.absent }}&b={{ .SecureJsonData.absent }}&c={{ .JsonData.nothing }}",
            &data_with(&j, &s),
        )
        .unwrap();
        assert_eq!(out.text, "a=<no value>&b=<no value>&c=<no value>");
        assert_eq!(out.missing.len(), 3);
        assert_eq!(out.missing[1].to_string(), ".SecureJsonData.absent");
        assert_eq!(
            rendered("[{{ orEmpty .JsonData.absent }}][{{ .SecureJsonData.absent | orEmpty }}]"),
            "[][]"
        );
        // Go's index: a missing secret is the zero string, a missing jsonData value nil.
        assert_eq!(
            rendered("[{{ index .SecureJsonData \"absent\" }}][{{ index .JsonData \"absent\" }}]"),
            "[][<no value>]"
        );
        assert_eq!(rendered("{{ .JsonData.nested.absent }}"), NO_VALUE);
    }

    #[test]
    fn a_field_of_a_missing_object_is_an_error() {
        let (j, s) = fixture();
        assert!(render("{{ .JsonData.absent.inner }}", &data_with(&j, &s)).is_err());
        assert!(render("{{ .JsonData.count.inner }}", &data_with(&j, &s)).is_err());
    }

    #[test]
    fn nothing_is_escaped_and_nothing_is_expanded_twice() {
        let mut j = Map::new();
        j.insert("evil".into(), json!("{{ .SecureJsonData.apiKey }}"));
        let s: BTreeMap<String, String> = [("apiKey".to_owned(), "SECRET".to_owned())].into();
        let out = render("<{{ .JsonData.evil }}>", &data_with(&j, &s)).unwrap();
        assert_eq!(out.text, "<{{ .SecureJsonData.apiKey }}>");
    }

    #[test]
    fn trim_markers_and_comments() {
        assert_eq!(rendered("a  {{- .JsonData.username -}}  b"), "agrafanab");
        assert_eq!(rendered("a{{/* a comment */}}b"), "ab");
        assert_eq!(
            rendered("{{.JsonData.username}}{{.JsonData.projectId}}"),
            "grafanap-42"
        );
    }

    #[test]
    fn malformed_and_unsupported_templates_are_errors() {
        for bad in [
            "{{ .JsonData.x",
            "x }}",
            "{{ if .JsonData.x }}y{{ end }}",
            "{{ .Other.x }}",
            "{{ .URL.x }}",
            "{{ .SecureJsonData.a.b }}",
            "{{ printf \"%s\" .JsonData.x }}",
            "{{ index .JsonData \"unterminated }}",
            "{{ }}",
            "{{ .JsonData.bad-key }}",
        ] {
            assert!(Template::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn references_name_what_a_template_reads() {
        let refs = references("{{ .JsonData.a.b }} {{ index .SecureJsonData \"k\" }} {{ .URL }}");
        let shown: Vec<String> = refs.iter().map(ToString::to_string).collect();
        assert_eq!(shown, [".JsonData.a.b", ".SecureJsonData.k", ".URL"]);
        assert_eq!(refs[0].key(), "a");
    }

    use proptest::prelude::*;

    proptest! {
        /// Text without braces renders as itself; any text parses or errs, never panics.
        #[test]
        fn plain_text_is_kept_and_nothing_panics(text in "\\PC{0,40}") {
            let (j, s) = fixture();
            let data = data_with(&j, &s);
            if !text.contains("{{") && !text.contains("}}") {
                prop_assert_eq!(render(&text, &data).unwrap().text, text.clone());
            }
            let _ = render(&format!("{{{{{text}}}}}"), &data);
            let _ = render(&format!("a{{{{ .JsonData.{text} }}}}b"), &data);
        }

        /// A secret's value is printed as it is, whatever it holds, and never re-read.
        #[test]
        fn secrets_print_verbatim(secret in "\\PC{0,30}") {
            let j = Map::new();
            let s: BTreeMap<String, String> = [("k".to_owned(), secret.clone())].into();
            let out = render("[{{ .SecureJsonData.k }}]", &data_with(&j, &s)).unwrap();
            prop_assert_eq!(out.text, format!("[{secret}]"));
        }
    }
}
