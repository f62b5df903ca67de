//! Thai government fiscal year: 1 October to 30 September, named by the B.E. year in which it ends.

use std::fmt;
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};

use crate::date::BE_OFFSET;

/// B.E. years accepted by [`FiscalYear::try_new`].
pub const VALID_FISCAL_BE_YEARS: RangeInclusive<i32> = 2400..=2700;

/// A fiscal year, identified by its B.E. year (FY 2565 runs from 1 Oct 2021 to 30 Sep 2022).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(i32);

/// A fiscal year number outside [`VALID_FISCAL_BE_YEARS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidFiscalYear(pub i32);

impl fmt::Display for InvalidFiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "fiscal year {} is outside the accepted B.E. range {}..={}",
            self.0,
            VALID_FISCAL_BE_YEARS.start(),
            VALID_FISCAL_BE_YEARS.end()
        )
    }
}

impl std::error::Error for InvalidFiscalYear {}

impl InvalidFiscalYear {
    /// The same message in Thai, for the Thai UI.
    pub fn message_th(&self) -> String {
        format!(
            "ปีงบประมาณ {} ไม่ถูกต้อง ต้องเป็นปี พ.ศ. {} ถึง {}",
            self.0,
            VALID_FISCAL_BE_YEARS.start(),
            VALID_FISCAL_BE_YEARS.end()
        )
    }
}

impl FiscalYear {
    /// A fiscal year from its B.E. number, rejecting values outside [`VALID_FISCAL_BE_YEARS`]
    /// (a C.E. year such as 2022 is the usual mistake).
    pub fn try_new(be_year: i32) -> Result<Self, InvalidFiscalYear> {
        if VALID_FISCAL_BE_YEARS.contains(&be_year) {
            Ok(Self(be_year))
        } else {
            Err(InvalidFiscalYear(be_year))
        }
    }

    /// The fiscal year containing `date`. Not range-checked: every real date has a fiscal year.
    pub fn from_date(date: NaiveDate) -> Self {
        let ending_ce_year = if date.month() >= 10 {
            date.year() + 1
        } else {
            date.year()
        };
        Self(ending_ce_year + BE_OFFSET)
    }

    /// The B.E. year naming this fiscal year.
    pub fn be_year(self) -> i32 {
        self.0
    }

    /// 1 October of the previous C.E. year.
    ///
    /// # Panics
    /// Only for years beyond chrono's supported range (about ±262,000).
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 - BE_OFFSET - 1, 10, 1)
            .expect("fiscal year within chrono's date range")
    }

    /// 30 September, the last day of the fiscal year.
    ///
    /// # Panics
    /// Only for years beyond chrono's supported range (about ±262,000).
    pub fn end(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 - BE_OFFSET, 9, 30)
            .expect("fiscal year within chrono's date range")
    }

    /// Whether `date` falls within this fiscal year.
    pub fn contains(self, date: NaiveDate) -> bool {
        Self::from_date(date) == self
    }

    /// Fiscal quarter of `date`: October-December is 1, July-September is 4.
    pub fn quarter_of(date: NaiveDate) -> u8 {
        match date.month() {
            10..=12 => 1,
            1..=3 => 2,
            4..=6 => 3,
            _ => 4,
        }
    }

    /// The first and last day of quarter `q` (1 to 4) of this fiscal year; `None` for
    /// another number.
    pub fn quarter_range(self, q: u8) -> Option<(NaiveDate, NaiveDate)> {
        let first = match q {
            1..=4 => self
                .start()
                .checked_add_months(chrono::Months::new(3 * (u32::from(q) - 1)))?,
            _ => return None,
        };
        let last = first
            .checked_add_months(chrono::Months::new(3))?
            .pred_opt()?;
        Some((first, last))
    }

    /// "ปีงบประมาณ 2565"
    pub fn label_th(self) -> String {
        format!("ปีงบประมาณ {}", self.0)
    }

    /// "FY 2565"
    pub fn label_en(self) -> String {
        format!("FY {}", self.0)
    }
}

/// The bare B.E. number, e.g. "2565".
impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl TryFrom<i32> for FiscalYear {
    type Error = InvalidFiscalYear;

    fn try_from(be_year: i32) -> Result<Self, Self::Error> {
        Self::try_new(be_year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn year_from_date() {
        assert_eq!(FiscalYear::from_date(ymd(2022, 2, 18)).be_year(), 2565);
        assert_eq!(FiscalYear::from_date(ymd(2021, 10, 1)).be_year(), 2565);
        assert_eq!(FiscalYear::from_date(ymd(2021, 9, 30)).be_year(), 2564);
        assert_eq!(FiscalYear::from_date(ymd(2022, 9, 30)).be_year(), 2565);
        assert_eq!(FiscalYear::from_date(ymd(2021, 12, 31)).be_year(), 2565);
        assert_eq!(FiscalYear::from_date(ymd(2022, 1, 1)).be_year(), 2565);
    }

    #[test]
    fn start_and_end() {
        let fy = FiscalYear::try_new(2565).unwrap();
        assert_eq!(fy.start(), ymd(2021, 10, 1));
        assert_eq!(fy.end(), ymd(2022, 9, 30));
        assert!(fy.contains(fy.start()));
        assert!(fy.contains(fy.end()));
        assert!(!fy.contains(fy.start().pred_opt().unwrap()));
        assert!(!fy.contains(fy.end().succ_opt().unwrap()));
    }

    #[test]
    fn quarters_run_october_to_september() {
        let fy = FiscalYear::try_new(2568).unwrap();
        assert_eq!(
            fy.quarter_range(1),
            Some((ymd(2024, 10, 1), ymd(2024, 12, 31)))
        );
        assert_eq!(
            fy.quarter_range(2),
            Some((ymd(2025, 1, 1), ymd(2025, 3, 31)))
        );
        assert_eq!(
            fy.quarter_range(4),
            Some((ymd(2025, 7, 1), ymd(2025, 9, 30)))
        );
        assert_eq!(fy.quarter_range(0), None);
        assert_eq!(fy.quarter_range(5), None);
        for q in 1..=4 {
            let (first, last) = fy.quarter_range(q).unwrap();
            assert_eq!(FiscalYear::quarter_of(first), q);
            assert_eq!(FiscalYear::quarter_of(last), q);
        }
    }

    #[test]
    fn every_day_of_a_span_belongs_to_the_year_whose_range_contains_it() {
        let mut d = ymd(2019, 1, 1);
        while d < ymd(2025, 1, 1) {
            let fy = FiscalYear::from_date(d);
            assert!(fy.start() <= d && d <= fy.end(), "{d}");
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn quarters() {
        assert_eq!(FiscalYear::quarter_of(ymd(2021, 10, 1)), 1);
        assert_eq!(FiscalYear::quarter_of(ymd(2021, 12, 31)), 1);
        assert_eq!(FiscalYear::quarter_of(ymd(2022, 1, 1)), 2);
        assert_eq!(FiscalYear::quarter_of(ymd(2022, 2, 18)), 2);
        assert_eq!(FiscalYear::quarter_of(ymd(2022, 3, 31)), 2);
        assert_eq!(FiscalYear::quarter_of(ymd(2022, 4, 1)), 3);
        assert_eq!(FiscalYear::quarter_of(ymd(2022, 6, 30)), 3);
        assert_eq!(FiscalYear::quarter_of(ymd(2022, 7, 1)), 4);
        assert_eq!(FiscalYear::quarter_of(ymd(2022, 9, 30)), 4);
    }

    #[test]
    fn labels() {
        let fy = FiscalYear::try_new(2565).unwrap();
        assert_eq!(fy.to_string(), "2565");
        assert_eq!(fy.label_th(), "ปีงบประมาณ 2565");
        assert_eq!(fy.label_en(), "FY 2565");
    }

    #[test]
    fn rejects_absurd_years() {
        assert!(FiscalYear::try_new(2400).is_ok());
        assert!(FiscalYear::try_new(2700).is_ok());
        assert_eq!(FiscalYear::try_new(2399), Err(InvalidFiscalYear(2399)));
        assert_eq!(FiscalYear::try_new(2701), Err(InvalidFiscalYear(2701)));
        assert_eq!(FiscalYear::try_from(2022), Err(InvalidFiscalYear(2022)));
        let e = InvalidFiscalYear(2022);
        assert!(e.to_string().contains("2022"));
        assert!(e.message_th().contains("ปีงบประมาณ 2022"));
    }

    #[test]
    fn ordering_follows_years() {
        let a = FiscalYear::try_new(2564).unwrap();
        let b = FiscalYear::try_new(2565).unwrap();
        assert!(a < b);
    }
}
