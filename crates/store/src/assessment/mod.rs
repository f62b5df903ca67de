//! Moral assessments: the templates they are made against.

pub mod templates;
