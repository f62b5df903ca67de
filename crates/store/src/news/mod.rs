//! News posts and their galleries.

pub mod galleries;
pub mod import;
pub mod posts;

/// Every stored file belongs to a province; a national gallery's photos are stored under
/// Bangkok, the Moral Center's seat.
pub const NATIONAL_FILES: i64 = 10;

/// A post's publication time as stored: Thai local time to the minute, which sorts as text.
pub fn stamp(at: chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// The stored publication time read back.
pub fn unstamp(text: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap_or_default()
}

/// Now, as publication times are stored.
pub fn now_stamp() -> String {
    stamp(sermphalang_thai::now_in_thailand())
}
