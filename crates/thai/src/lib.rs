//! Thai-specific helpers for Sermphalang: Buddhist Era dates, the Thai fiscal year, Thai
//! digits and Thai dictionary collation. This crate depends on nothing else in the workspace.

pub mod collation;
pub mod date;
pub mod digits;
pub mod fiscal;
pub mod normalize;
pub mod search;
pub mod words;

pub use collation::{compare, sort_by_thai, sort_key};
pub use date::{
    BE_OFFSET, DateError, MIN_BE_YEAR, MONTHS_EN_LONG, MONTHS_EN_SHORT, MONTHS_TH_LONG,
    MONTHS_TH_SHORT, be_year, format_datetime_short, format_datetime_short_en, format_input,
    format_long, format_long_en, format_short, format_short_en, now_in_thailand, parse_be_date,
    parse_iso_date, today_in_thailand,
};
pub use digits::{has_thai_digits, to_arabic_digits, to_thai_digits};
pub use fiscal::{FiscalYear, InvalidFiscalYear, VALID_FISCAL_BE_YEARS};
pub use normalize::{normalize_line, normalize_lines};
pub use words::{word_counts, word_counts_with, word_spans, words};
