//! Tests of the form, on the real registry files in `tests/fixtures/dsconfig/`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::messages::check_rules;
use super::*;
use crate::model::DataSourceSettings;
use grafana_model::dsconfig::{DsConfig, DsField, Target};
use serde_json::json;
use serde_json::{Map, Value};

fn fixture(name: &str) -> DsConfig {
    let path = format!(
        "{}/tests/fixtures/dsconfig/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    DsConfig::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn settings(v: Value) -> DataSourceSettings {
    serde_json::from_value(v).unwrap()
}

#[test]
fn sections_follow_the_groups_and_hide_legacy_fields() {
    let c = fixture("grafana-servicenow-datasource");
    let titles: Vec<_> = sections(&c)
        .into_iter()
        .map(|s| (s.title, s.optional))
        .collect();
    assert_eq!(
        titles,
        vec![
            ("Connection".to_owned(), false),
            ("Authentication".to_owned(), false),
            ("Additional settings".to_owned(), true),
        ]
    );
    // `oauthEnabled` (legacy, no label) is in no section.
    assert!(sections(&c)
        .iter()
        .all(|s| s.fields.iter().all(|f| f.id != "jsonData_oauthEnabled")));
    let hello = fixture("grafana-helloworld-datasource");
    let only = sections(&hello);
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].title, "Configuration");
    assert_eq!(
        control(&only[0].fields[0]),
        Some(Control::Secret { multiline: false })
    );
}

#[test]
fn controls_come_from_ui_components_and_value_types() {
    let c = fixture("grafana-servicenow-datasource");
    let kind = |id: &str| control(c.field(id).unwrap());
    assert_eq!(kind("root_url"), Some(Control::Text { input_type: "url" }));
    assert_eq!(kind("jsonData_useSysTables"), Some(Control::Switch));
    assert_eq!(kind("jsonData_queryTimeoutSeconds"), Some(Control::Number));
    match kind("jsonData_authMethod") {
        Some(Control::Radio { options }) => assert_eq!(
            options.iter().map(|o| o.label.as_str()).collect::<Vec<_>>(),
            vec!["Basic auth", "ServiceNow OAuth"]
        ),
        other => panic!("{other:?}"),
    }
    match kind("jsonData_httpHeaders") {
        Some(Control::Pairs(p)) => {
            assert_eq!(p.name.label, "Header");
            assert!(p.name.required);
            assert_eq!(p.value_field.placeholder.as_deref(), Some("Header Value"));
            assert_eq!((p.item_label.as_str(), p.max), ("custom http header", 10));
        }
        other => panic!("{other:?}"),
    }
    let a = fixture("dlopes7-appdynamics-datasource");
    assert!(matches!(
        control(a.field("jsonData_analyticsURL").unwrap()),
        Some(Control::Select {
            allow_custom: true,
            ..
        })
    ));
}

#[test]
fn depends_on_and_defaults_decide_what_is_shown() {
    let c = fixture("grafana-servicenow-datasource");
    let id = c.field("jsonData_oauthClientID").unwrap();
    // authMethod defaults to basicAuth, written once: the OAuth fields are hidden.
    let s = with_defaults(&c, &DataSourceSettings::default()).unwrap();
    assert_eq!(s.json_data["authMethod"], json!("basicAuth"));
    assert_eq!(s.json_data["queryTimeoutSeconds"], json!(30));
    assert_eq!(with_defaults(&c, &s), None, "nothing more to fill in");
    assert!(!is_shown(&c, id, &s));
    let s = set_value(
        c.field("jsonData_authMethod").unwrap(),
        s,
        json!("serviceNowOAuth"),
    );
    assert!(is_shown(&c, id, &s));
    let a = fixture("dlopes7-appdynamics-datasource");
    let user = a.field("root_basicAuthUser").unwrap();
    assert!(!is_shown(&a, user, &DataSourceSettings::default()));
    assert!(is_shown(&a, user, &settings(json!({"basicAuth": true}))));
    // A condition the form cannot read shows the field.
    let mut broken = user.clone();
    broken.depends_on = Some("root_basicAuth ==".into());
    assert!(is_shown(&a, &broken, &DataSourceSettings::default()));
}

#[test]
fn errors_cover_required_when_numbers_patterns_and_rows() {
    let a = fixture("dlopes7-appdynamics-datasource");
    let s = settings(json!({
        "url": "",
        "jsonData": {"clientName": "me", "httpHeaderName1": "1bad", "httpHeaderName2": ""}
    }));
    let e = errors(&a, &s);
    let keys: Vec<&str> = e.iter().map(|(k, _)| k.as_str()).collect();
    assert!(keys.contains(&"root_url"), "{e:?}");
    // clientSecret is required when a client name is set.
    assert!(keys.contains(&"secureJsonData_clientSecret"), "{e:?}");
    assert!(e.contains(&(
        "jsonData_httpHeaders.1.name".into(),
        "Header name must start with a letter and contain only letters, digits, or hyphens.".into()
    )));
    assert!(e.contains(&(
        "jsonData_httpHeaders.2.name".into(),
        "Header is required".into()
    )));
    // A configured secret satisfies requiredWhen.
    let mut ok = s.clone();
    ok.url = "https://x.example".into();
    ok.secure_json_fields.insert("clientSecret".into(), true);
    ok.json_data
        .insert("httpHeaderName1".into(), json!("X-Good"));
    ok.json_data
        .insert("httpHeaderName2".into(), json!("X-Two"));
    ok.json_data
        .insert("clientDomain".into(), json!("customer1"));
    assert_eq!(errors(&a, &ok), vec![]);
    // Nothing typed: an unset string is '', so requiredWhen does not fire.
    let fresh = settings(json!({"url": "https://x.example"}));
    assert_eq!(errors(&a, &fresh), vec![]);

    let c = fixture("grafana-servicenow-datasource");
    let timeout = c.field("jsonData_queryTimeoutSeconds").unwrap();
    let s = set_number_text(timeout, DataSourceSettings::default(), "1e999");
    assert_eq!(s.json_data["queryTimeoutSeconds"], json!("1e999"));
    assert!(errors(&c, &s)
        .iter()
        .any(|(k, m)| k == "jsonData_queryTimeoutSeconds" && m.contains("not a number")));
    let s = set_number_text(timeout, s, "45");
    assert_eq!(s.json_data["queryTimeoutSeconds"], json!(45));
    // A number stored as text counts as a number.
    let text = set_value(timeout, s.clone(), json!("45"));
    assert!(!errors(&c, &text)
        .iter()
        .any(|(k, _)| k == "jsonData_queryTimeoutSeconds"));
    // Emptied: removed, and not filled in again behind the user's back.
    let cleared = set_number_text(timeout, s.clone(), "");
    assert!(cleared.json_data.get("queryTimeoutSeconds").is_none());
    assert_eq!(value_text(timeout, &cleared), "");
    let method = c.field("jsonData_authMethod").unwrap();
    let s = set_value(method, s, json!("kerberos"));
    assert!(errors(&c, &s)
        .iter()
        .any(|(k, m)| k == "jsonData_authMethod" && m.contains("basicAuth, serviceNowOAuth")));
}

#[test]
fn choices_keep_the_fields_value_type() {
    let field = |value_type: &str| DsField {
        id: "jsonData_x".into(),
        key: "x".into(),
        label: "X".into(),
        description: None,
        value_type: value_type.into(),
        target: Some(Target::JsonData),
        required: false,
        depends_on: None,
        storage: None,
        extra: Map::new(),
    };
    assert_eq!(choice_value(&field("number"), "30"), json!(30));
    assert_eq!(choice_value(&field("number"), "0.5"), json!(0.5));
    assert_eq!(choice_value(&field("number"), "1e999"), json!("1e999"));
    assert_eq!(choice_value(&field("boolean"), "true"), json!(true));
    assert_eq!(choice_value(&field("string"), "eu"), json!("eu"));
    assert_eq!(choice_value(&field("string"), ""), Value::Null);
    let s = set_value(
        &field("boolean"),
        DataSourceSettings::default(),
        json!(false),
    );
    assert!(!has_value(&field("boolean"), &s));
    let s = set_value(&field("string"), s, json!("eu"));
    assert!(has_value(&field("string"), &s));
}

#[test]
fn rule_messages_are_plugin_uis() {
    let rules = json!([
        {"type": "pattern", "pattern": "^[a-z]+$"},
        {"type": "range", "min": 1, "max": 65535},
        {"type": "length", "max": 3},
    ]);
    let rules = rules.as_array().unwrap();
    assert_eq!(
        check_rules("Port", &json!("ABC"), rules),
        Err("Invalid Port".into())
    );
    assert_eq!(
        check_rules("Port", &json!(0), rules),
        Err("Invalid Port".into())
    );
    let range = &rules[1..];
    assert_eq!(
        check_rules("Port", &json!(0), range),
        Err("Minimum value is 1".into())
    );
    assert_eq!(
        check_rules("Port", &json!(70000), range),
        Err("Maximum value is 65535".into())
    );
    assert_eq!(
        check_rules("Port", &json!("abcd"), &rules[2..]),
        Err("Maximum length is 3".into())
    );
    assert_eq!(check_rules("Port", &json!("abc"), &rules[2..]), Ok(()));
    let custom = json!([{"type": "pattern", "pattern": "^x", "message": "Starts with x"}]);
    assert_eq!(
        check_rules("Name", &json!("y"), custom.as_array().unwrap()),
        Err("Starts with x".into())
    );
    let broken = json!([{"type": "pattern", "pattern": "(["}]);
    assert!(check_rules("Name", &json!("y"), broken.as_array().unwrap())
        .unwrap_err()
        .contains("invalid pattern"));
}

#[test]
fn secrets_are_written_reset_and_seen_as_configured() {
    let c = fixture("grafana-servicenow-datasource");
    let pw = c.field("secureJsonData_basicAuthPassword").unwrap();
    let s = settings(json!({"secureJsonFields": {"basicAuthPassword": true}}));
    assert_eq!(stored_value(pw, &s), json!(CONFIGURED));
    let typed = set_value(pw, s.clone(), json!("hunter2"));
    assert_eq!(typed.secure_json_data["basicAuthPassword"], "hunter2");
    assert!(typed.json_data.is_empty());
    let reset = reset_field(pw, s);
    assert_eq!(reset.secure_json_data["basicAuthPassword"], "");
    assert!(!reset.secure_json_fields["basicAuthPassword"]);
    assert_eq!(stored_value(pw, &reset), Value::Null);
}
