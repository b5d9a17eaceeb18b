//! The standalone app's routed pages. Pages own state and the network (through
//! [`crate::api::ApiClient`], which each page takes as a prop so an app plugin page can
//! mount it with its own client); they hand plain data and callbacks to
//! [`crate::components`].

mod contract_playground;
mod datasource_edit;
mod datasources_list;
mod login;
mod not_found;
mod service_account_create;
mod service_account_page;
mod service_accounts_list;
pub mod session;

pub use contract_playground::ContractPlayground;
pub use datasource_edit::EditDataSourcePage;
pub use datasources_list::DataSourcesPage;
pub use login::LoginPage;
pub use not_found::NotFound;
pub use service_account_create::CreateServiceAccountPage;
pub use service_account_page::ServiceAccountPage;
pub use service_accounts_list::ServiceAccountsPage;
