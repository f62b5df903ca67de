//! Moral assessments: templates, self-assessments, verification and the roll-up.

pub mod words;
