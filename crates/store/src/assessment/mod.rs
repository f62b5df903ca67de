//! Moral assessments: the criteria in versions, the units' assessments against them, their
//! verification and award, and the province's roll-up.

pub mod assessments;
pub mod import;
pub mod rollup;
pub mod templates;
pub mod verification;
