//! Moral assessments: templates, self-assessments, verification and the roll-up.

mod access;
pub mod certificate;
pub mod evidence;
pub mod pages;
pub mod public;
pub mod rollup;
pub mod verify;
mod view;
pub mod words;
