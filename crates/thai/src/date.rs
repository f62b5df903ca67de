//! Buddhist Era (B.E. = C.E. + 543) formatting and parsing of dates.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::digits::to_arabic_digits;

/// Difference between the Buddhist Era and the Common Era year numbers.
pub const BE_OFFSET: i32 = 543;

/// Smallest B.E. year `parse_be_date` accepts; anything lower is most likely a C.E. year.
pub const MIN_BE_YEAR: i32 = 2400;

/// Thai abbreviated month names, January first.
pub const MONTHS_TH_SHORT: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// Thai full month names, January first.
pub const MONTHS_TH_LONG: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// English abbreviated month names, January first.
pub const MONTHS_EN_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// English full month names, January first.
pub const MONTHS_EN_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_index(date: NaiveDate) -> usize {
    date.month0() as usize
}

/// Today in Thailand (UTC+7 all year), whatever the server's own time zone.
pub fn today_in_thailand() -> NaiveDate {
    now_in_thailand().date()
}

/// The wall-clock time in Thailand (UTC+7, no daylight saving).
pub fn now_in_thailand() -> chrono::NaiveDateTime {
    (chrono::Utc::now() + chrono::Duration::hours(7)).naive_utc()
}

pub fn be_year(date: NaiveDate) -> i32 {
    date.year() + BE_OFFSET
}

/// "18 ก.พ. 2565"
/// "18/2/2565": how a date is typed into a form, with the Buddhist-Era year; forms show a
/// stored date this way so that it reads back as it was typed.
pub fn format_input(date: NaiveDate) -> String {
    format!("{}/{}/{}", date.day(), date.month(), be_year(date))
}

pub fn format_short(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS_TH_SHORT[month_index(date)],
        be_year(date)
    )
}

/// "18 กุมภาพันธ์ 2565"
pub fn format_long(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS_TH_LONG[month_index(date)],
        be_year(date)
    )
}

/// "18 Feb 2022" (C.E. year, for the English UI)
pub fn format_short_en(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS_EN_SHORT[month_index(date)],
        date.year()
    )
}

/// "18 February 2022" (C.E. year, for the English UI)
pub fn format_long_en(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS_EN_LONG[month_index(date)],
        date.year()
    )
}

/// "18 ก.พ. 2565 14:05"
pub fn format_datetime_short(dt: NaiveDateTime) -> String {
    format!(
        "{} {:02}:{:02}",
        format_short(dt.date()),
        dt.hour(),
        dt.minute()
    )
}

/// "18 Feb 2022 14:05" (C.E. year, for the English UI)
pub fn format_datetime_short_en(dt: NaiveDateTime) -> String {
    format!(
        "{} {:02}:{:02}",
        format_short_en(dt.date()),
        dt.hour(),
        dt.minute()
    )
}

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// The input was empty or only whitespace.
    Empty,
    /// Not in a shape `parse_be_date` understands (d/m/yyyy or yyyy-mm-dd).
    BadFormat,
    /// Not in the `yyyy-mm-dd` shape `parse_iso_date` expects.
    BadIsoFormat,
    /// The year did not have exactly four digits (e.g. "18/2/65").
    YearNotFourDigits,
    /// A B.E. year below [`MIN_BE_YEAR`], most likely a C.E. year typed by mistake.
    YearLooksLikeCe { year: i32 },
    /// The month was not 1 to 12.
    MonthOutOfRange { month: u32 },
    /// The day does not exist in that month of that year.
    DayOutOfRange {
        day: u32,
        month: u32,
        days_in_month: u32,
    },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the date is empty"),
            Self::BadFormat => f.write_str(
                "unrecognised date; use day/month/year in the Buddhist Era, e.g. 18/2/2565, \
                 or year-month-day, e.g. 2565-02-18",
            ),
            Self::BadIsoFormat => {
                f.write_str("unrecognised date; expected year-month-day, e.g. 2022-02-18")
            }
            Self::YearNotFourDigits => f.write_str("the year must have four digits, e.g. 2565"),
            Self::YearLooksLikeCe { year } => write!(
                f,
                "year {year} is below {MIN_BE_YEAR} and looks like a C.E. year; \
                 enter the Buddhist Era year instead ({year} C.E. = {} B.E.)",
                year + BE_OFFSET
            ),
            Self::MonthOutOfRange { month } => {
                write!(f, "month {month} does not exist; use 1 to 12")
            }
            Self::DayOutOfRange {
                day,
                month,
                days_in_month,
            } => write!(
                f,
                "day {day} does not exist in {} of that year, which has {days_in_month} days",
                month_name(&MONTHS_EN_LONG, *month)
            ),
        }
    }
}

impl std::error::Error for DateError {}

impl DateError {
    /// The same message in Thai, for the Thai UI.
    pub fn message_th(&self) -> String {
        match self {
            Self::Empty => "กรุณากรอกวันที่".to_owned(),
            Self::BadFormat => "รูปแบบวันที่ไม่ถูกต้อง กรุณากรอกเป็น วัน/เดือน/ปี พ.ศ. เช่น 18/2/2565 \
                 หรือ ปี-เดือน-วัน เช่น 2565-02-18"
                .to_owned(),
            Self::BadIsoFormat => "รูปแบบวันที่ไม่ถูกต้อง ต้องเป็น ปี-เดือน-วัน เช่น 2022-02-18".to_owned(),
            Self::YearNotFourDigits => "กรุณากรอกปีให้ครบสี่หลัก เช่น 2565".to_owned(),
            Self::YearLooksLikeCe { year } => format!(
                "ปี {year} ต่ำกว่า {MIN_BE_YEAR} น่าจะเป็นปี ค.ศ. กรุณากรอกเป็นปี พ.ศ. \
                 (ค.ศ. {year} = พ.ศ. {})",
                year + BE_OFFSET
            ),
            Self::MonthOutOfRange { month } => {
                format!("ไม่มีเดือนที่ {month} กรุณากรอกเดือน 1 ถึง 12")
            }
            Self::DayOutOfRange {
                day,
                month,
                days_in_month,
            } => format!(
                "ไม่มีวันที่ {day} ในเดือน{}ของปีนั้น (มี {days_in_month} วัน)",
                month_name(&MONTHS_TH_LONG, *month)
            ),
        }
    }
}

fn month_name(names: &[&'static str; 12], month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| names.get(i as usize))
        .copied()
        .unwrap_or("?")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    DayFirst,
    YearFirst,
}

struct Parts {
    year: i32,
    month: u32,
    day: u32,
}

fn is_digits(s: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Splits "d/m/yyyy", "d-m-yyyy", "d.m.yyyy", "yyyy-mm-dd" or "yyyy/mm/dd" (ASCII digits only).
fn split(s: &str, bad_format: DateError) -> Result<(Parts, Order), DateError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    let sep = s
        .chars()
        .find(|c| matches!(c, '/' | '-' | '.'))
        .ok_or(bad_format.clone())?;
    let fields: Vec<&str> = s.split(sep).map(str::trim).collect();
    let [a, b, c] = fields[..] else {
        return Err(bad_format);
    };
    let (order, year, month, day) = if is_digits(a, 3..=4) && is_digits(c, 1..=2) {
        (Order::YearFirst, a, b, c)
    } else {
        (Order::DayFirst, c, b, a)
    };
    if !is_digits(day, 1..=2) || !is_digits(month, 1..=2) || !is_digits(year, 1..=8) {
        return Err(bad_format);
    }
    if year.len() != 4 {
        return Err(DateError::YearNotFourDigits);
    }
    let parse = |x: &str| x.parse::<u32>().map_err(|_| bad_format.clone());
    let parts = Parts {
        year: parse(year)? as i32,
        month: parse(month)?,
        day: parse(day)?,
    };
    Ok((parts, order))
}

fn build(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    if !(1..=12).contains(&month) {
        return Err(DateError::MonthOutOfRange { month });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let first = NaiveDate::from_ymd_opt(year, month, 1);
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        let days_in_month = match (first, next) {
            (Some(first), Some(next)) => (next - first).num_days() as u32,
            _ => 0,
        };
        DateError::DayOutOfRange {
            day,
            month,
            days_in_month,
        }
    })
}

/// Parses a date typed with a Buddhist Era year: "18/2/2565", "18/02/2565", "2565-02-18".
///
/// Also accepts `-` or `.` between day, month and year, Thai digits ("๑๘/๒/๒๕๖๕") and
/// surrounding whitespace. Years below [`MIN_BE_YEAR`] are rejected as probable C.E. years.
pub fn parse_be_date(s: &str) -> Result<NaiveDate, DateError> {
    let (parts, _) = split(&to_arabic_digits(s), DateError::BadFormat)?;
    if parts.year < MIN_BE_YEAR {
        return Err(DateError::YearLooksLikeCe { year: parts.year });
    }
    build(parts.year - BE_OFFSET, parts.month, parts.day)
}

/// Parses a C.E. "2022-02-18", as sent by HTML `<input type="date">`.
pub fn parse_iso_date(s: &str) -> Result<NaiveDate, DateError> {
    let trimmed = s.trim();
    if !trimmed.is_empty() && !trimmed.contains('-') {
        return Err(DateError::BadIsoFormat);
    }
    match split(trimmed, DateError::BadIsoFormat)? {
        (parts, Order::YearFirst) => build(parts.year, parts.month, parts.day),
        (_, Order::DayFirst) => Err(DateError::BadIsoFormat),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_dates_are_typed_in_the_buddhist_era_and_read_back() {
        let d = NaiveDate::from_ymd_opt(2022, 2, 18).unwrap();
        assert_eq!(format_input(d), "18/2/2565");
        assert_eq!(parse_be_date(&format_input(d)), Ok(d));
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn be_year_adds_543() {
        assert_eq!(be_year(ymd(2022, 2, 18)), 2565);
        assert_eq!(be_year(ymd(1957, 1, 1)), 2500);
    }

    #[test]
    fn formats_thai() {
        let d = ymd(2022, 2, 18);
        assert_eq!(format_short(d), "18 ก.พ. 2565");
        assert_eq!(format_long(d), "18 กุมภาพันธ์ 2565");
        assert_eq!(format_short(ymd(2024, 1, 1)), "1 ม.ค. 2567");
        assert_eq!(format_long(ymd(2023, 12, 31)), "31 ธันวาคม 2566");
    }

    #[test]
    fn formats_every_month() {
        for m in 1..=12 {
            let d = ymd(2022, m, 1);
            let i = (m - 1) as usize;
            assert_eq!(format_short(d), format!("1 {} 2565", MONTHS_TH_SHORT[i]));
            assert_eq!(format_long(d), format!("1 {} 2565", MONTHS_TH_LONG[i]));
            assert_eq!(format_short_en(d), format!("1 {} 2022", MONTHS_EN_SHORT[i]));
            assert_eq!(format_long_en(d), format!("1 {} 2022", MONTHS_EN_LONG[i]));
        }
    }

    #[test]
    fn formats_english() {
        let d = ymd(2022, 2, 18);
        assert_eq!(format_short_en(d), "18 Feb 2022");
        assert_eq!(format_long_en(d), "18 February 2022");
    }

    #[test]
    fn formats_datetime() {
        let dt = ymd(2022, 2, 18).and_hms_opt(14, 5, 59).unwrap();
        assert_eq!(format_datetime_short(dt), "18 ก.พ. 2565 14:05");
        assert_eq!(format_datetime_short_en(dt), "18 Feb 2022 14:05");
        let midnight = ymd(2022, 2, 18).and_hms_opt(0, 0, 0).unwrap();
        assert_eq!(format_datetime_short(midnight), "18 ก.พ. 2565 00:00");
    }

    #[test]
    fn parses_be_dates() {
        let d = ymd(2022, 2, 18);
        for s in [
            "18/2/2565",
            "18/02/2565",
            "2565-02-18",
            "2565-2-18",
            "18-02-2565",
            "18.2.2565",
            " 18 / 2 / 2565 ",
            "๑๘/๒/๒๕๖๕",
            "๒๕๖๕-๐๒-๑๘",
        ] {
            assert_eq!(parse_be_date(s), Ok(d), "{s}");
        }
        assert_eq!(parse_be_date("29/2/2567"), Ok(ymd(2024, 2, 29)));
        assert_eq!(parse_be_date("1/1/2400"), Ok(ymd(1857, 1, 1)));
    }

    #[test]
    fn rejects_ce_years_in_be_input() {
        assert_eq!(
            parse_be_date("18/2/2022"),
            Err(DateError::YearLooksLikeCe { year: 2022 })
        );
        assert_eq!(
            parse_be_date("2022-02-18"),
            Err(DateError::YearLooksLikeCe { year: 2022 })
        );
        assert_eq!(
            parse_be_date("31/12/2399"),
            Err(DateError::YearLooksLikeCe { year: 2399 })
        );
        let e = parse_be_date("18/2/2022").unwrap_err();
        assert!(e.to_string().contains("2565"), "{e}");
        assert!(e.message_th().contains("พ.ศ. 2565"), "{}", e.message_th());
    }

    #[test]
    fn rejects_bad_be_input_with_specific_errors() {
        assert_eq!(parse_be_date(""), Err(DateError::Empty));
        assert_eq!(parse_be_date("   "), Err(DateError::Empty));
        assert_eq!(parse_be_date("18/2/65"), Err(DateError::YearNotFourDigits));
        assert_eq!(
            parse_be_date("18/2/25650"),
            Err(DateError::YearNotFourDigits)
        );
        assert_eq!(
            parse_be_date("18/13/2565"),
            Err(DateError::MonthOutOfRange { month: 13 })
        );
        assert_eq!(
            parse_be_date("0/1/2565"),
            Err(DateError::DayOutOfRange {
                day: 0,
                month: 1,
                days_in_month: 31
            })
        );
        assert_eq!(
            parse_be_date("29/2/2565"),
            Err(DateError::DayOutOfRange {
                day: 29,
                month: 2,
                days_in_month: 28
            })
        );
        for s in [
            "18 ก.พ. 2565",
            "18/2",
            "18/2/2565/1",
            "18/2-2565",
            "a/b/2565",
            "+1/2/2565",
            "18//2565",
            "2565",
            "123/2/2565",
        ] {
            assert_eq!(parse_be_date(s), Err(DateError::BadFormat), "{s}");
        }
    }

    #[test]
    fn error_messages_in_both_languages() {
        let errors = [
            DateError::Empty,
            DateError::BadFormat,
            DateError::BadIsoFormat,
            DateError::YearNotFourDigits,
            DateError::YearLooksLikeCe { year: 2022 },
            DateError::MonthOutOfRange { month: 13 },
            DateError::DayOutOfRange {
                day: 30,
                month: 2,
                days_in_month: 28,
            },
        ];
        for e in &errors {
            assert!(!e.to_string().is_empty());
            assert!(
                e.message_th()
                    .chars()
                    .any(|c| ('\u{e00}'..='\u{e7f}').contains(&c))
            );
        }
        let day = DateError::DayOutOfRange {
            day: 30,
            month: 2,
            days_in_month: 28,
        };
        assert_eq!(
            day.to_string(),
            "day 30 does not exist in February of that year, which has 28 days"
        );
        assert_eq!(day.message_th(), "ไม่มีวันที่ 30 ในเดือนกุมภาพันธ์ของปีนั้น (มี 28 วัน)");
    }

    #[test]
    fn parses_iso_dates() {
        assert_eq!(parse_iso_date("2022-02-18"), Ok(ymd(2022, 2, 18)));
        assert_eq!(parse_iso_date(" 2024-02-29 "), Ok(ymd(2024, 2, 29)));
        assert_eq!(parse_iso_date(""), Err(DateError::Empty));
        assert_eq!(parse_iso_date("18/02/2022"), Err(DateError::BadIsoFormat));
        assert_eq!(parse_iso_date("18-02-2022"), Err(DateError::BadIsoFormat));
        assert_eq!(parse_iso_date("2022/02/18"), Err(DateError::BadIsoFormat));
        assert_eq!(parse_iso_date("๒๐๒๒-๐๒-๑๘"), Err(DateError::BadIsoFormat));
        assert_eq!(
            parse_iso_date("2022-02-29"),
            Err(DateError::DayOutOfRange {
                day: 29,
                month: 2,
                days_in_month: 28
            })
        );
        assert_eq!(
            parse_iso_date("2022-00-10"),
            Err(DateError::MonthOutOfRange { month: 0 })
        );
    }

    #[test]
    fn format_and_parse_round_trip() {
        let mut d = ymd(2020, 1, 1);
        while d < ymd(2021, 1, 1) {
            let typed = format!("{}/{}/{}", d.day(), d.month(), be_year(d));
            assert_eq!(parse_be_date(&typed), Ok(d));
            assert_eq!(parse_iso_date(&d.to_string()), Ok(d));
            d = d.succ_opt().unwrap();
        }
    }
}
