use chrono::{SecondsFormat, Utc};

/// The current time as stored: RFC 3339 in UTC, which sorts as text.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}
