//! The standalone app's routed pages. Pages own state and (later) the network; they
//! hand plain data and callbacks to [`crate::components`].

mod contract_playground;
mod not_found;

pub use contract_playground::ContractPlayground;
pub use not_found::NotFound;
