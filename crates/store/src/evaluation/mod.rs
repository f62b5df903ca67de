//! Empowerment-evaluation cycles and everything recorded in them.

pub mod activity;
pub mod cycle;
pub mod live;
pub mod paper;
pub mod plan;
pub mod results;

pub use activity::Activity;
pub use cycle::Cycle;
