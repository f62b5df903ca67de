use chrono::{NaiveDate, SecondsFormat, Utc};

/// A stored calendar date (ISO, as written by `NaiveDate::to_string`).
pub(crate) fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

/// The current time as stored: RFC 3339 in UTC, which sorts as text.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}
