//! Moral assessments: templates, self-assessments, verification and the roll-up.

mod access;
pub mod certificate;
pub mod criteria;
pub mod evidence;
pub mod export;
pub mod import;
pub mod levels;
pub mod pages;
pub mod public;
pub mod rollup;
mod template_form;
pub mod verify;
mod view;
pub mod words;
