//! The fault rules: a `--faults` SPEC parsed (see [`super`] for its syntax), and the
//! [`Faults`] in force, which an Admin can replace at run time.

use axum::http::Method;
use std::sync::RwLock;
use std::time::Duration;

/// What one rule does to a matching request.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Effects {
    /// Added before the request is handled.
    pub latency: Duration,
    /// Rate of Grafana 500s instead of the real answer.
    pub error: f64,
    /// Rate of connections cut before the answer ends.
    pub drop: f64,
    /// Rate of answers whose body is cut in half.
    pub truncate: f64,
    /// Rate of 200 answers with an HTML page for a body.
    pub garbage: f64,
}

/// One `[METHOD ]PATH=effects` rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    method: Option<Method>,
    path: String,
    prefix: bool,
    effects: Effects,
}

impl Rule {
    /// Whether the rule applies to a request.
    pub fn matches(&self, method: &Method, path: &str) -> bool {
        if self.method.as_ref().is_some_and(|m| m != method) {
            return false;
        }
        if self.prefix {
            path.starts_with(&self.path)
        } else {
            path == self.path
        }
    }
}

fn rate(name: &str, value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err(format!("{name}:{value}: a rate is a number from 0 to 1")),
    }
}

/// Parses a SPEC (see the module docs); an empty SPEC is no faults.
pub fn parse(spec: &str) -> Result<Vec<Rule>, String> {
    let mut rules = Vec::new();
    for raw in spec.split(';').map(str::trim).filter(|r| !r.is_empty()) {
        let (target, effects) = raw
            .split_once('=')
            .ok_or_else(|| format!("fault rule {raw:?}: expected [METHOD ]PATH=effect,…"))?;
        let target = target.trim();
        let (method, path) = match target.split_once(' ') {
            Some((m, p)) => (
                Some(
                    Method::from_bytes(m.trim().to_ascii_uppercase().as_bytes())
                        .map_err(|_| format!("fault rule {raw:?}: bad method {m:?}"))?,
                ),
                p.trim(),
            ),
            None => (None, target),
        };
        if !path.starts_with('/') {
            return Err(format!("fault rule {raw:?}: the path must start with /"));
        }
        let (path, prefix) = match path.strip_suffix('*') {
            Some(p) => (p.to_owned(), true),
            None => (path.to_owned(), false),
        };
        let mut parsed = Effects::default();
        for effect in effects.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (name, value) = effect
                .split_once(':')
                .ok_or_else(|| format!("fault effect {effect:?}: expected name:value"))?;
            match name {
                "latency" => {
                    let ms = value
                        .strip_suffix("ms")
                        .unwrap_or(value)
                        .parse::<u64>()
                        .ok()
                        .filter(|ms| *ms <= 600_000)
                        .ok_or_else(|| {
                            format!("latency:{value}: expected milliseconds, e.g. 500ms")
                        })?;
                    parsed.latency = Duration::from_millis(ms);
                }
                "error" => parsed.error = rate(name, value)?,
                "drop" => parsed.drop = rate(name, value)?,
                "truncate" => parsed.truncate = rate(name, value)?,
                "garbage" => parsed.garbage = rate(name, value)?,
                _ => {
                    return Err(format!(
                        "fault effect {name:?}: one of latency, error, drop, truncate, garbage"
                    ))
                }
            }
        }
        rules.push(Rule {
            method,
            path,
            prefix,
            effects: parsed,
        });
    }
    Ok(rules)
}

/// The rules in force, and the SPEC they came from; shared by every request.
#[derive(Debug, Default)]
pub struct Faults {
    current: RwLock<(String, Vec<Rule>)>,
}

impl Faults {
    /// Faults from a SPEC.
    pub fn new(spec: &str) -> Result<Self, String> {
        let rules = parse(spec)?;
        Ok(Self {
            current: RwLock::new((spec.to_owned(), rules)),
        })
    }

    /// The effects of the first rule that matches.
    pub fn effects_for(&self, method: &Method, path: &str) -> Option<Effects> {
        let current = self.current.read().ok()?;
        current
            .1
            .iter()
            .find(|r| r.matches(method, path))
            .map(|r| r.effects.clone())
    }

    /// The SPEC in force.
    pub fn spec(&self) -> String {
        self.current.read().map(|c| c.0.clone()).unwrap_or_default()
    }

    /// Puts the rules of `spec` in force.
    pub fn replace(&self, spec: &str) -> Result<(), String> {
        let rules = parse(spec)?;
        if let Ok(mut current) = self.current.write() {
            *current = (spec.to_owned(), rules);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_and_match() {
        let rules = parse(
            "GET /api/serviceaccounts/search=latency:800ms,error:0.5; /api/datasources/*=drop:1",
        )
        .unwrap();
        assert_eq!(rules.len(), 2);
        assert!(rules[0].matches(&Method::GET, "/api/serviceaccounts/search"));
        assert!(!rules[0].matches(&Method::POST, "/api/serviceaccounts/search"));
        assert_eq!(rules[0].effects.latency, Duration::from_millis(800));
        assert!(rules[1].matches(&Method::PUT, "/api/datasources/uid/x"));
        assert!(!rules[1].matches(&Method::PUT, "/api/serviceaccounts"));
        assert!(parse("").unwrap().is_empty());
        for bad in [
            "/api=error:2",
            "api=error:1",
            "/api=nope:1",
            "/api=latency:soon",
            "/api",
            "B@D /api=error:1",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
