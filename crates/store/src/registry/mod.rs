//! The network registry: provinces and districts, organizations, people, working groups with
//! their appointment orders, archiving, and spreadsheet imports.

pub mod geo;
pub mod imports;
mod networks;
pub mod org;
pub mod person;
pub mod working_group;
