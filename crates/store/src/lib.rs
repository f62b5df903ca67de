//! Persistence for Sermphalang over SQLite and PostgreSQL through one code path (sqlx's `Any`
//! driver), with embedded migrations and reference data.

pub mod accounts;
mod archive;
pub mod assessment;
pub mod audit;
pub mod backup;
pub mod dashboard;
mod db;
pub mod demo;
mod error;
pub mod evaluation;
pub mod file_store;
pub mod files;
pub mod news;
pub mod page;
pub mod plan;
pub mod registry;
pub mod report;
pub mod search;
pub mod sessions;
mod sql;
pub mod testing;
mod time;
pub mod training;
pub mod users;

pub use db::{Backend, Db};
pub use error::StoreError;
pub use page::{Page, PageRequest};
pub use time::now;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
