//! The province's integrated plan: the years it covers, its indicators, and how an indicator
//! stands against its target.

use chrono::NaiveDate;
use sermphalang_thai::FiscalYear;

use crate::{FieldError, Invalid};

mod forms;
pub mod import;
pub mod reference;
pub use forms::*;

coded_enum!(IndicatorKind {
    Count = "count", "จำนวน", "count";
    Percent = "percent", "ร้อยละ", "percent";
    Level = "level", "ระดับ", "level";
});

coded_enum!(Status {
    OnTrack = "on_track", "เป็นไปตามเป้าหมาย", "on track";
    AtRisk = "at_risk", "มีความเสี่ยง", "at risk";
    OffTrack = "off_track", "ต่ำกว่าเป้าหมาย", "off track";
    NoTarget = "no_target", "ยังไม่กำหนดเป้าหมาย", "no target";
});

/// At least this share of what is due by now is on track.
pub const ON_TRACK: f64 = 0.9;
/// At least this share is at risk; less is off track.
pub const AT_RISK: f64 = 0.6;

/// The fiscal years a plan covers, such as 2566–2570.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanPeriod {
    first: FiscalYear,
    last: FiscalYear,
}

impl PlanPeriod {
    /// The longest plan: the National Strategy's phases and the Master Plan run five years.
    pub const MAX_YEARS: i32 = 10;

    pub fn try_new(first: i32, last: i32) -> Result<Self, Invalid> {
        let year = |field: &'static str, be: i32| {
            FiscalYear::try_new(be).map_err(|e| {
                FieldError::new(field, e.message_th(), format!("{e}; write the B.E. year"))
            })
        };
        let (first, last) = match (year("first_year", first), year("last_year", last)) {
            (Ok(first), Ok(last)) => (first, last),
            (first, last) => {
                return Err(Invalid(first.err().into_iter().chain(last.err()).collect()));
            }
        };
        let span = last.be_year() - first.be_year() + 1;
        if span < 1 {
            return Err(Invalid(vec![FieldError::new(
                "last_year",
                "ปีสุดท้ายของแผนต้องไม่ก่อนปีแรก",
                "The plan's last year cannot come before its first",
            )]));
        }
        if span > Self::MAX_YEARS {
            return Err(Invalid(vec![FieldError::new(
                "last_year",
                format!("แผนยาว {span} ปี เกิน {} ปี", Self::MAX_YEARS),
                format!("A plan of {span} years is longer than {}", Self::MAX_YEARS),
            )]));
        }
        Ok(Self { first, last })
    }

    pub fn first(self) -> FiscalYear {
        self.first
    }

    pub fn last(self) -> FiscalYear {
        self.last
    }

    pub fn years(self) -> impl Iterator<Item = FiscalYear> {
        (self.first.be_year()..=self.last.be_year()).filter_map(|y| FiscalYear::try_new(y).ok())
    }

    pub fn contains(self, year: FiscalYear) -> bool {
        (self.first..=self.last).contains(&year)
    }

    /// "2566–2570"
    pub fn label(self) -> String {
        format!("{}–{}", self.first.be_year(), self.last.be_year())
    }
}

/// The share of the days from `start` to `end` (both included) that have passed by `today`,
/// from 0 before the start to 1 after the end.
pub fn elapsed_share(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> f64 {
    let days = (end - start).num_days() + 1;
    if days <= 0 {
        return 1.0;
    }
    let passed = (today - start).num_days() + 1;
    (passed as f64 / days as f64).clamp(0.0, 1.0)
}

/// How an indicator stands in a period of which `elapsed` (0 to 1) has passed. A count
/// accrues: by mid-period half its target is due. A percentage or a level is a state the
/// province reaches, compared with its target as it is.
pub fn status(kind: IndicatorKind, target: Option<f64>, actual: f64, elapsed: f64) -> Status {
    let Some(target) = target.filter(|t| *t > 0.0) else {
        return Status::NoTarget;
    };
    let due = match kind {
        IndicatorKind::Count => target * elapsed.clamp(0.0, 1.0),
        IndicatorKind::Percent | IndicatorKind::Level => target,
    };
    if due <= 0.0 {
        return Status::OnTrack;
    }
    let share = actual / due;
    if share >= ON_TRACK {
        Status::OnTrack
    } else if share >= AT_RISK {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

/// How an indicator stands in the period from `start` to `end` on `today`: nothing before the
/// period begins, and nothing for a percentage or a level not measured yet (a count not
/// reported is zero).
pub fn standing(
    kind: IndicatorKind,
    target: Option<f64>,
    actual: Option<f64>,
    (start, end): (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> Option<Status> {
    let measured = actual.is_some() || kind == IndicatorKind::Count;
    (today >= start && measured).then(|| {
        status(
            kind,
            target,
            actual.unwrap_or(0.0),
            elapsed_share(start, end, today),
        )
    })
}

/// What a quarter of an indicator holds: the sum and number of approved reports' values, and
/// a value the secretariat entered where no report fits.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct QuarterActual {
    pub reported: f64,
    pub reports: i64,
    pub entered: Option<f64>,
}

impl QuarterActual {
    /// A count adds what was entered to what was reported. A percentage or a level is a
    /// measurement: the entered value stands, else the reports' mean.
    pub fn value(&self, kind: IndicatorKind) -> Option<f64> {
        match kind {
            IndicatorKind::Count => (self.reports > 0 || self.entered.is_some())
                .then(|| self.reported + self.entered.unwrap_or(0.0)),
            IndicatorKind::Percent | IndicatorKind::Level => self
                .entered
                .or_else(|| (self.reports > 0).then(|| self.reported / self.reports as f64)),
        }
    }
}

/// The year's actual from its quarters (October–December first): a count is their sum, a
/// percentage or a level the latest quarter measured.
pub fn year_actual(kind: IndicatorKind, quarters: [Option<f64>; 4]) -> Option<f64> {
    match kind {
        IndicatorKind::Count => quarters
            .iter()
            .any(Option::is_some)
            .then(|| quarters.iter().flatten().sum()),
        IndicatorKind::Percent | IndicatorKind::Level => {
            quarters.iter().rev().flatten().next().copied()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn counts_add_up_and_measurements_take_the_latest() {
        let reported = QuarterActual {
            reported: 30.0,
            reports: 3,
            entered: None,
        };
        assert_eq!(reported.value(IndicatorKind::Count), Some(30.0));
        assert_eq!(reported.value(IndicatorKind::Percent), Some(10.0));
        let both = QuarterActual {
            entered: Some(5.0),
            ..reported
        };
        assert_eq!(both.value(IndicatorKind::Count), Some(35.0));
        assert_eq!(both.value(IndicatorKind::Level), Some(5.0));
        assert_eq!(QuarterActual::default().value(IndicatorKind::Count), None);
        let quarters = [Some(10.0), None, Some(20.0), None];
        assert_eq!(year_actual(IndicatorKind::Count, quarters), Some(30.0));
        assert_eq!(year_actual(IndicatorKind::Percent, quarters), Some(20.0));
        assert_eq!(year_actual(IndicatorKind::Count, [None; 4]), None);
    }

    #[test]
    fn a_plan_period_names_its_years() {
        let period = PlanPeriod::try_new(2566, 2570).unwrap();
        let years: Vec<i32> = period.years().map(FiscalYear::be_year).collect();
        assert_eq!(years, [2566, 2567, 2568, 2569, 2570]);
        assert_eq!(period.label(), "2566–2570");
        assert!(period.contains(FiscalYear::try_new(2568).unwrap()));
        assert!(!period.contains(FiscalYear::try_new(2571).unwrap()));
        assert_eq!(PlanPeriod::try_new(2568, 2568).unwrap().years().count(), 1);
    }

    #[test]
    fn wrong_periods_are_named() {
        let fields = |r: Result<PlanPeriod, Invalid>| -> Vec<&'static str> {
            r.unwrap_err().0.iter().map(|e| e.field).collect()
        };
        assert_eq!(fields(PlanPeriod::try_new(2570, 2566)), ["last_year"]);
        assert_eq!(fields(PlanPeriod::try_new(2560, 2575)), ["last_year"]);
        // C.E. years are the usual mistake, and both are named.
        assert_eq!(
            fields(PlanPeriod::try_new(2023, 2027)),
            ["first_year", "last_year"]
        );
        let err = PlanPeriod::try_new(2570, 2566).unwrap_err();
        assert!(err.0[0].th.contains("ปีสุดท้าย"));
    }

    #[test]
    fn the_share_of_a_fiscal_year_that_has_passed() {
        let year = FiscalYear::try_new(2568).unwrap();
        let (start, end) = (year.start(), year.end());
        assert_eq!(elapsed_share(start, end, day(2024, 9, 1)), 0.0);
        assert_eq!(elapsed_share(start, end, day(2025, 12, 1)), 1.0);
        let mid = elapsed_share(start, end, day(2025, 3, 31));
        assert!((mid - 0.5).abs() < 0.01, "{mid}");
    }

    #[test]
    fn a_count_accrues_and_a_percentage_is_compared_as_it_is() {
        use IndicatorKind::{Count, Percent};
        // 40 activities a year; half the year has passed, so 20 are due.
        assert_eq!(status(Count, Some(40.0), 19.0, 0.5), Status::OnTrack);
        assert_eq!(status(Count, Some(40.0), 13.0, 0.5), Status::AtRisk);
        assert_eq!(status(Count, Some(40.0), 11.0, 0.5), Status::OffTrack);
        assert_eq!(status(Count, Some(40.0), 0.0, 0.0), Status::OnTrack);
        assert_eq!(status(Count, Some(40.0), 40.0, 1.0), Status::OnTrack);
        // 80% of schools with a moral club: 70% is at risk whatever the month.
        assert_eq!(status(Percent, Some(80.0), 70.0, 0.1), Status::AtRisk);
        assert_eq!(status(Percent, Some(80.0), 75.0, 0.9), Status::OnTrack);
        assert_eq!(status(Count, None, 5.0, 0.5), Status::NoTarget);
        assert_eq!(status(Count, Some(0.0), 5.0, 0.5), Status::NoTarget);
    }
}
