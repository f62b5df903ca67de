//! Activity reports and their photo evidence.

pub mod photos;
pub mod reports;

pub use reports::{Report, ReportFilter, ReportSummary};
