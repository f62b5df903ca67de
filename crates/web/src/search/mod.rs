//! The search page: what the index finds for a query, best first, with the words found marked,
//! within what the searcher may see.

pub mod pages;
pub mod snippet;
pub mod words;
