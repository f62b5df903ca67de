//! Pure types and rules of Sermphalang: no I/O. Storage and HTTP call into this crate.

#[macro_use]
mod coded;

pub mod access;
pub mod assessment;
pub mod columns;
pub mod error;
pub mod evaluation;
pub mod news;
pub mod password;
pub mod plan;
pub mod registry;
pub mod report;
pub mod text;
pub mod training;

pub use access::{Account, Permission, Role};
pub use error::{FieldError, Invalid};
