//! The province's integrated plan: its tree of strategies, goals, projects and activities, the
//! national references it is aligned with, and its indicators with targets and actuals.

pub mod entries;
pub mod indicators;
pub mod plans;
pub mod references;
pub mod workshop;

pub use plans::Plan;
