//! The network registry in the web: organizations, people, working groups with their
//! appointment orders, spreadsheet imports and exports, the registry's JSON API and its words.

pub mod api;
pub mod groups;
pub mod import;
pub mod orgs;
pub mod people;
pub mod words;
