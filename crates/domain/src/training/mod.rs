//! Trainings and workshops: events and their sessions, registration, the codes people carry
//! (tickets and certificates), and who completed a training.

pub mod codes;
mod completion;
pub mod event;
pub mod registration;

pub use completion::*;
