//! Data source rows, request bodies, the DTOs Grafana answers with, and validation.

use crate::plugins::PluginRegistry;
use crate::secrets::SecretBox;
pub use grafana_model::dtos::DataSourceSettings;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Logo of a data source whose plugin is not installed.
pub const UNKNOWN_LOGO: &str = "public/img/icn-datasource.svg";

/// Types for which Grafana refuses an empty URL on update.
const URL_REQUIRED_TYPES: &[&str] = &[
    "graphite",
    "influxdb",
    "influxdb_08",
    "elasticsearch",
    "prometheus",
    "alertmanager",
    "jaeger",
    "loki",
    "opentsdb",
    "tempo",
    "zipkin",
    "mysql",
    "grafana-postgresql-datasource",
    "mssql",
];

/// One stored data source: what the server keeps, and the [`Fields`] a client sets.
#[derive(Clone, Debug)]
pub struct DataSource {
    /// Row id.
    pub id: i64,
    /// Org id.
    pub org_id: i64,
    /// Optimistic-lock version.
    pub version: i64,
    /// Provisioned: cannot be changed through the API.
    pub read_only: bool,
    /// Encrypted secrets: a JSON object of encrypted strings.
    pub secure_json_data: String,
    /// Everything add and update set.
    pub fields: Fields,
}

/// What a client sets on a data source, with Go's JSON rules: a field that is absent or
/// `null` keeps its zero value. The part of [`Command`] the store writes as it is.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fields {
    /// Unique (per org) name; empty on add = derived from the type.
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    /// Plugin id.
    #[serde(default, rename = "type", deserialize_with = "nullable")]
    pub kind: String,
    /// `proxy` or `direct`.
    #[serde(default, deserialize_with = "nullable")]
    pub access: String,
    /// Base URL.
    #[serde(default, deserialize_with = "nullable")]
    pub url: String,
    /// Legacy `database`.
    #[serde(default, deserialize_with = "nullable")]
    pub database: String,
    /// Legacy `user`.
    #[serde(default, deserialize_with = "nullable")]
    pub user: String,
    /// Basic auth on.
    #[serde(default, deserialize_with = "nullable")]
    pub basic_auth: bool,
    /// Basic auth user.
    #[serde(default, deserialize_with = "nullable")]
    pub basic_auth_user: String,
    /// Send credentials cross-site.
    #[serde(default, deserialize_with = "nullable")]
    pub with_credentials: bool,
    /// The org's default data source.
    #[serde(default, deserialize_with = "nullable")]
    pub is_default: bool,
    /// Plugin settings: always a JSON object (`{}` when absent or `null`).
    #[serde(default = "empty_object", deserialize_with = "object")]
    pub json_data: Value,
    /// Unique (per org) uid; empty = generated on add, kept on update.
    #[serde(default, deserialize_with = "nullable")]
    pub uid: String,
    /// `apiVersion`.
    #[serde(default, deserialize_with = "nullable")]
    pub api_version: String,
}

/// `POST /api/datasources` body (Grafana's `AddDataSourceCommand`): the [`Fields`] and the
/// secrets typed in, in plain text (encrypted before they are stored).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Command {
    /// Everything but the secrets.
    #[serde(flatten)]
    pub fields: Fields,
    /// `secureJsonData`: each key replaces the stored secret of that name.
    #[serde(default, deserialize_with = "nullable")]
    pub secure_json_data: BTreeMap<String, String>,
}

/// `PUT /api/datasources/...` body (Grafana's `UpdateDataSourceCommand`): a [`Command`]
/// and the version it was read at. Anything else in the body (`secureJsonFields`,
/// `readOnly`, `accessControl`, …) is ignored.
#[derive(Debug, Default, Deserialize)]
pub struct UpdateCommand {
    /// The same fields as an add.
    #[serde(flatten)]
    pub command: Command,
    /// The version the client read (0: no optimistic lock).
    #[serde(default, deserialize_with = "nullable")]
    pub version: i64,
}

/// Go's JSON decoding leaves a field at its zero value when the body has `null`; so do we.
fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// `jsonData`: an object, or `null` for `{}`; anything else does not bind.
fn object<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
    nullable::<D, Map<String, Value>>(deserializer).map(Value::Object)
}

fn empty_object() -> Value {
    Value::Object(Map::new())
}

/// Grafana's server-side URL check (`validateURL`): lenient like Go's `url.Parse`, after
/// prepending `http://` when there is no scheme. `Err` means "Validation error, invalid URL".
pub fn url_is_valid(kind: &str, url: &str) -> bool {
    if url.is_empty() {
        return !URL_REQUIRED_TYPES.contains(&kind);
    }
    if url.chars().any(|c| c.is_control()) {
        return false;
    }
    let with_scheme = if url.contains("://") && !url[..url.find("://").unwrap_or(0)].contains(':') {
        url.to_owned()
    } else {
        format!("http://{url}")
    };
    // Bad percent escapes are refused by Go.
    let bytes = with_scheme.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let ok = bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
            if !ok {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    let Some((scheme, rest)) = with_scheme.split_once("://") else {
        return false;
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.chars().any(|c| {
        c.is_whitespace() || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
    }) {
        return false;
    }
    let port = if let Some(v6) = host_port.strip_prefix('[') {
        match v6.split_once(']') {
            Some((_, "")) => None,
            Some((_, after)) => match after.strip_prefix(':') {
                Some(port) => Some(port),
                None => return false,
            },
            None => return false,
        }
    } else {
        if host_port.contains(']') {
            return false;
        }
        host_port.rsplit_once(':').map(|(_, p)| p)
    };
    port.is_none_or(|p| p.chars().all(|c| c.is_ascii_digit()))
}

/// A uid Grafana accepts: up to 40 of `[a-zA-Z0-9_-]`.
pub fn uid_is_valid(uid: &str) -> bool {
    !uid.is_empty()
        && uid.len() <= 40
        && uid
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A fresh 14-character uid, like Grafana's short uids.
pub fn new_uid() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    let first = char::from(ALPHABET[rng.random_range(0..26)]);
    std::iter::once(first)
        .chain((0..13).map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())])))
        .collect()
}

/// `secureJsonFields`: `true` for every stored secret whose decrypted value is non-empty.
/// A value that cannot be decrypted is left out (Grafana logs and drops them too).
pub fn secure_json_fields(ds: &DataSource, secrets: &SecretBox) -> Map<String, Value> {
    match secrets.decrypt_map(&ds.secure_json_data) {
        Ok(plain) => plain
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, _)| (k, Value::Bool(true)))
            .collect(),
        Err(err) => {
            tracing::warn!(uid = ?ds.fields.uid, %err, "cannot decrypt data source secrets");
            Map::new()
        }
    }
}

fn logo(ds: &DataSource, plugins: &PluginRegistry) -> String {
    plugins
        .get(&ds.fields.kind)
        .map_or_else(|| UNKNOWN_LOGO.to_owned(), |p| p.logo_url())
}

/// The single data source DTO (`GET /api/datasources/uid/{uid}` and the envelopes), as
/// `grafana_model`'s `DataSourceSettings`, the type the kit's editor decodes.
pub fn dto(ds: &DataSource, plugins: &PluginRegistry, secrets: &SecretBox) -> DataSourceSettings {
    let mut extra = Map::new();
    extra.insert(
        "apiVersion".to_owned(),
        ds.fields.api_version.clone().into(),
    );
    DataSourceSettings {
        id: ds.id,
        uid: ds.fields.uid.clone(),
        org_id: ds.org_id,
        name: ds.fields.name.clone(),
        r#type: ds.fields.kind.clone(),
        type_logo_url: Some(logo(ds, plugins)),
        type_name: None,
        access: ds.fields.access.clone(),
        url: ds.fields.url.clone(),
        user: ds.fields.user.clone(),
        database: ds.fields.database.clone(),
        basic_auth: ds.fields.basic_auth,
        basic_auth_user: ds.fields.basic_auth_user.clone(),
        with_credentials: ds.fields.with_credentials,
        is_default: ds.fields.is_default,
        json_data: ds.fields.json_data.as_object().cloned().unwrap_or_default(),
        secure_json_fields: secure_json_fields(ds, secrets)
            .into_iter()
            .map(|(k, _)| (k, true))
            .collect(),
        secure_json_data: Default::default(),
        version: Some(ds.version),
        read_only: ds.read_only,
        access_control: None,
        extra,
    }
}

/// One item of `GET /api/datasources`.
pub fn list_item(ds: &DataSource, plugins: &PluginRegistry) -> Value {
    json!({
        "id": ds.id,
        "uid": ds.fields.uid,
        "orgId": ds.org_id,
        "name": ds.fields.name,
        "type": ds.fields.kind,
        "typeName": plugins.get(&ds.fields.kind).map_or("", |p| p.name.as_str()),
        "typeLogoUrl": logo(ds, plugins),
        "access": ds.fields.access,
        "url": ds.fields.url,
        "user": ds.fields.user,
        "database": ds.fields.database,
        "basicAuth": ds.fields.basic_auth,
        "isDefault": ds.fields.is_default,
        "jsonData": ds.fields.json_data,
        "readOnly": ds.read_only,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_validation_is_lenient_like_go() {
        for ok in [
            "http://localhost:9090",
            "localhost:9090",
            "https://user:pw@example.com/x?y#z",
            "ftp://files",
            "http://[::1]:8080/",
            "http://x/a b",
        ] {
            assert!(url_is_valid("x", ok), "{ok}");
        }
        for bad in [
            "http://host:port",
            "http://a b/",
            "http://x/%zz",
            "http://[::1",
            "http://x\n",
            "a b",
        ] {
            assert!(!url_is_valid("x", bad), "{bad}");
        }
        assert!(url_is_valid("x", ""));
        assert!(!url_is_valid("prometheus", ""));
    }

    #[test]
    fn uids() {
        let u = new_uid();
        assert_eq!(u.len(), 14);
        assert!(uid_is_valid(&u));
        assert!(!uid_is_valid("a/b"));
        assert!(!uid_is_valid(&"a".repeat(41)));
    }
}
