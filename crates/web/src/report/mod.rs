//! Activity reports: the phone-first form with photos (kept on the phone while offline), the
//! report's page, the secretariat's approval, and the photos served in their sizes.

pub mod api;
pub mod export;
pub mod form;
pub mod pages;
pub mod serve;
pub mod words;
