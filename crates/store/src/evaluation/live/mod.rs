//! The live workshop: sessions with a join code, participants on phones, the questions a
//! facilitator opens, what participants post, and the news of a change to other instances.

pub mod notify;
pub mod votes;
pub mod workshop;
