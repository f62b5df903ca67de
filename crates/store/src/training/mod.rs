//! Trainings and workshops: events with sessions, registrations and the waiting list,
//! attendance from the door, the post-training evaluation, and certificates.

pub mod artwork;
pub mod attendance;
pub mod certificate;
pub mod event;
pub mod feedback;
pub mod people;
pub mod registration;
pub mod runs;
