//! Native tests of `schema`.

use super::*;
use crate::model::auth_method::{offered_auth, selected_auth, set_auth, AuthChoice, AuthMethod};
use serde_json::json;

fn with_custom() -> ConfigSchema {
    ConfigSchema::from_json(
            r#"{"authMethods":[{"id":"custom-token","label":"Personal access token","description":"A token","fields":[{"key":"token","kind":"secret","label":"Token","required":true}]}]}"#,
        )
        .unwrap()
}

#[test]
fn a_custom_method_is_remembered_with_grafanas_flags_off() {
    let schema = with_custom();
    let s = DataSourceSettings {
        basic_auth: true,
        ..Default::default()
    };
    let t = set_auth(s, &AuthChoice::Custom("custom-token".into()));
    assert!(!t.basic_auth && !t.with_credentials);
    assert_eq!(t.json_data["authMethod"], json!("custom-token"));
    assert_eq!(
        selected_auth(schema.custom_auth_ids(), &t),
        AuthChoice::Custom("custom-token".into())
    );
    // Its required field is validated only while it is chosen.
    assert!(schema.validate(&t).iter().any(|(k, _)| k == "token"));
    let back = set_auth(t, &AuthChoice::Grafana(AuthMethod::BasicAuth));
    assert!(back.json_data.get("authMethod").is_none());
    assert_eq!(
        selected_auth(schema.custom_auth_ids(), &back),
        AuthChoice::Grafana(AuthMethod::BasicAuth)
    );
    assert!(!schema.validate(&back).iter().any(|(k, _)| k == "token"));
    // An unknown custom id is no choice: No Authentication.
    let mut odd = DataSourceSettings::default();
    odd.json_data
        .insert("authMethod".into(), json!("custom-gone"));
    assert_eq!(
        selected_auth(schema.custom_auth_ids(), &odd),
        AuthChoice::Grafana(AuthMethod::NoAuth)
    );
}

#[test]
fn cross_site_is_offered_only_when_asked_for_or_chosen() {
    let schema = with_custom();
    let ids = |s: &DataSourceSettings, schema: &ConfigSchema| -> Vec<String> {
        offered_auth(
            schema.custom_auth_ids(),
            schema.sections.cross_site_credentials,
            s,
        )
        .iter()
        .map(AuthChoice::id)
        .collect()
    };
    let plain = DataSourceSettings::default();
    assert_eq!(
        ids(&plain, &schema),
        ["BasicAuth", "OAuthForward", "NoAuth", "custom-token"]
    );
    let chosen = DataSourceSettings {
        with_credentials: true,
        ..Default::default()
    };
    assert!(ids(&chosen, &schema).contains(&"CrossSiteCredentials".to_owned()));
    let mut asked = schema.clone();
    asked.sections.cross_site_credentials = true;
    assert!(ids(&plain, &asked).contains(&"CrossSiteCredentials".to_owned()));
}

fn settings(json_data: Value) -> DataSourceSettings {
    DataSourceSettings {
        url: "http://localhost".into(),
        json_data: json_data.as_object().cloned().unwrap_or_default(),
        ..Default::default()
    }
}

#[test]
fn every_kind_decodes_from_json() {
    let s = ConfigSchema::from_json(
            r#"{"fields":[
              {"key":"a","kind":"text","label":"A"},{"key":"b","kind":"url","label":"B"},
              {"key":"c","kind":"number","label":"C","validation":{"min":1,"max":5}},
              {"key":"d","kind":"switch","label":"D"},
              {"key":"e","kind":"select","label":"E","options":[{"value":"x","label":"X"}]},
              {"key":"f","kind":"multiline","label":"F"},{"key":"g","kind":"secret","label":"G"},
              {"key":"h","kind":"secret-multiline","label":"H"},{"key":"i","kind":"string-list","label":"I"}]}"#,
        )
        .unwrap();
    let kinds: Vec<FieldKind> = s.fields.iter().map(|f| f.kind).collect();
    use FieldKind::*;
    assert_eq!(
        kinds,
        [
            Text,
            Url,
            Number,
            Switch,
            Select,
            Multiline,
            Secret,
            SecretMultiline,
            StringList
        ]
    );
    assert_eq!(s.sections, Sections::default());
    assert!(
        ConfigSchema::from_json(r#"{"fields":[{"key":"a","kind":"colour","label":"A"}]}"#).is_err()
    );
}

#[test]
fn builder_and_json_agree() {
    let built = ConfigSchema::new()
        .field(
            FieldSchema::new(FieldKind::Number, "limit", "Limit")
                .range(1.0, 100.0)
                .required(),
        )
        .field(FieldSchema::new(FieldKind::Select, "region", "Region").option("eu", "Europe"));
    let json = serde_json::to_string(&built).unwrap();
    assert_eq!(ConfigSchema::from_json(&json).unwrap(), built);
}

#[test]
fn validation_messages() {
    let schema = ConfigSchema::new()
        .field(
            FieldSchema::new(FieldKind::Text, "path", "Path")
                .required()
                .pattern("^/", "Start with /"),
        )
        .field(FieldSchema::new(FieldKind::Number, "limit", "Limit").range(1.0, 10.0))
        .field(FieldSchema::new(FieldKind::Url, "docs", "Docs URL"))
        .field(FieldSchema::new(FieldKind::Secret, "token", "Token").required());
    let errs = schema.validate(&settings(
        json!({"path": "v1", "limit": 50, "docs": "nope"}),
    ));
    let keys: Vec<&str> = errs.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["path", "limit", "docs", "token"]);
    assert_eq!(errs[0].1, "Start with /");
    assert_eq!(errs[3].1, "Token is required");
    let mut ok = settings(json!({"path": "/v1", "limit": 5, "docs": "https://x"}));
    ok.secure_json_fields.insert("token".into(), true);
    assert!(schema.validate(&ok).is_empty());
    ok.url = "localhost".into();
    assert_eq!(
        schema.validate(&ok),
        [("url".to_owned(), "Please enter a valid URL".to_owned())]
    );
}

#[test]
fn basic_auth_needs_user_and_password() {
    let mut s = settings(json!({}));
    s.basic_auth = true;
    let keys: Vec<String> = ConfigSchema::new()
        .validate(&s)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(keys, ["basicAuthUser", "basicAuthPassword"]);
    s.basic_auth_user = "u".into();
    s.secure_json_fields
        .insert("basicAuthPassword".into(), true);
    assert!(ConfigSchema::new().validate(&s).is_empty());
    s = crate::model::reset_secret(s, "basicAuthPassword");
    assert_eq!(
        ConfigSchema::new().validate(&s),
        [(
            "basicAuthPassword".to_owned(),
            "Password is required".to_owned()
        )]
    );
}

#[test]
fn cleartext_secrets_are_flagged() {
    let schema = ConfigSchema::new()
        .field(FieldSchema::new(FieldKind::Text, "apiToken", "API token"))
        .field(FieldSchema::new(FieldKind::Secret, "password", "Password"));
    let s = settings(json!({"clientSecret": "abc", "timeout": 3}));
    assert_eq!(
        schema.cleartext_secret_keys(&s),
        ["apiToken", "clientSecret"]
    );
}
