//! Native tests of `route_preview`.

use super::*;

fn example() -> PluginJson {
    PluginJson::from_json(include_str!(
        "../../../embed/examples/datasource/src/plugin.json"
    ))
    .unwrap()
}

fn settings() -> DataSourceSettings {
    let mut s = DataSourceSettings {
        url: "https://ds.example.com".into(),
        ..DataSourceSettings::default()
    };
    s.json_data.insert("projectId".into(), "p-1".into());
    s.secure_json_fields.insert("apiToken".into(), true);
    s.secure_json_fields.insert("apiKey".into(), true);
    s.secure_json_data
        .insert("clientId".into(), "typed-client-id".into());
    s
}

#[test]
fn the_seed_routes_show_secrets_by_state_only() {
    let routes = preview(&example(), &settings(), None);
    assert_eq!(routes.len(), 4);
    assert_eq!(
        routes[0].url,
        vec![Segment::Text("https://api.example.com/projects/p-1".into())]
    );
    assert_eq!(
        routes[0].headers[0].1,
        vec![
            Segment::Text("Bearer ".into()),
            Segment::Secret {
                key: "apiToken".into(),
                state: SecretState::Configured
            }
        ]
    );
    assert_eq!(
        routes[1].url_params[0].1,
        vec![Segment::Secret {
            key: "apiKey".into(),
            state: SecretState::Configured
        }]
    );
    // username is not set; password is neither stored nor typed.
    let body = routes[2].body.as_ref().unwrap();
    assert!(body.contains(&Segment::Missing), "{body:?}");
    let params = &routes[3].token_auth.as_ref().unwrap().params;
    let client_id = &params.iter().find(|(k, _)| k == "client_id").unwrap().1;
    assert_eq!(
        client_id,
        &vec![Segment::Secret {
            key: "clientId".into(),
            state: SecretState::Changed
        }]
    );
    let client_secret = &params.iter().find(|(k, _)| k == "client_secret").unwrap().1;
    assert_eq!(
        client_secret,
        &vec![Segment::Secret {
            key: "clientSecret".into(),
            state: SecretState::Missing
        }]
    );
    // The typed value is nowhere.
    assert!(!format!("{routes:?}").contains("typed-client-id"));
}

#[test]
fn findings_belong_to_their_route() {
    let mut plugin = example();
    plugin.routes[1].url = "https://api.example.com/{{ .JsonData.notInTheSchema }}".into();
    let keys = EditorKeys::from_schema_json(
        &serde_json::from_str(include_str!(
            "../../../embed/examples/datasource/src/config-schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let routes = preview(&plugin, &settings(), Some(&keys));
    assert!(routes[0].findings.is_empty());
    assert_eq!(routes[1].findings.len(), 1, "{:?}", routes[1].findings);
    assert!(routes[1].findings[0]
        .message
        .contains(".JsonData.notInTheSchema"));
}
