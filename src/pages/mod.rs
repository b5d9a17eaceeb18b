//! The pages. Pages own state and the network (through [`crate::api::ApiClient`], which
//! each page takes as a prop so a host can give its own client); they hand plain data and
//! callbacks to [`crate::components`].
//!
//! The service-account pages are one [`ServiceAccountsSection`] that moves through a
//! [`SectionNav`], so the standalone app's router and a Grafana app plugin page (through
//! [`crate::embed`]) host the same implementation. The data source pages and sign-in are
//! the standalone app's own (inside Grafana, Grafana has those pages).

mod contract_playground;
mod datasource_edit;
mod datasources_list;
mod form_submit;
mod load_failed;
mod login;
mod navigation;
mod not_found;
mod pending_confirmation;
pub mod service_accounts;
pub mod session;

pub use contract_playground::ContractPlayground;
pub use datasource_edit::EditDataSourcePage;
pub use datasources_list::DataSourcesPage;
use form_submit::FormSubmit;
use load_failed::LoadedPage;
pub use login::LoginPage;
pub use navigation::SectionNav;
pub use not_found::NotFound;
use pending_confirmation::{PendingConfirmation, Question};
pub use service_accounts::{
    mount_pages_style, CreateServiceAccountPage, ServiceAccountPage, ServiceAccountsPage,
    ServiceAccountsSection,
};
