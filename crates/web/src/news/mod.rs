//! News with photo galleries: the desks where provinces and the Moral Center write, the
//! galleries, the public pages and feeds.

pub mod article;
pub mod desk;
pub mod feeds;
pub mod galleries;
pub mod import;
pub mod markdown;
pub mod public;
pub mod words;
