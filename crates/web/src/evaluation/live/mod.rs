//! The live workshop room: the fan-out hub, votes cast from phones and the API, the console
//! and projector, the phone pages, the JSON API and the room's words.

pub mod api;
pub mod batch;
pub mod cast;
pub mod console;
mod hub;
pub mod join;
pub mod limiter;
pub mod recent;
pub mod snapshot;
pub mod words;

pub use hub::*;
