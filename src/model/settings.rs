//! `DataSourceSettings`: Grafana's data source settings object, as the editor edits it.
//! The type is `grafana_model`'s, the same devserver writes its answers with.

pub use grafana_model::dtos::DataSourceSettings;
