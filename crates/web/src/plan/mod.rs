//! The integrated plan: its home (target against actual by indicator and quarter), its tree
//! of strategies, goals, projects and activities, and its indicators with their targets.

pub mod api;
pub mod entries;
pub mod export;
pub mod import;
pub mod indicators;
pub mod pdf;
pub mod plans;
pub mod references;
pub mod words;
pub mod workshop;

use chrono::NaiveDate;
use serde::Serialize;
use sermphalang_domain::plan::{Status, standing};
use sermphalang_store::plan::indicators::{Indicator, Progress};
use sermphalang_thai::FiscalYear;

/// One figure of the target-against-actual table, with how it stands once its period began.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Cell {
    pub target: Option<f64>,
    pub actual: Option<f64>,
    pub status: Option<Status>,
}

impl Cell {
    /// A sign for the status, so that it does not rest on colour alone.
    pub fn mark(&self) -> &'static str {
        match self.status {
            Some(Status::OnTrack) => "✓",
            Some(Status::AtRisk) => "!",
            Some(Status::OffTrack) => "✕",
            Some(Status::NoTarget) | None => "–",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub indicator: Indicator,
    pub year: Cell,
    pub quarters: [Cell; 4],
}

fn cell(
    kind: sermphalang_domain::plan::IndicatorKind,
    target: Option<f64>,
    actual: Option<f64>,
    period: (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> Cell {
    Cell {
        target,
        actual,
        status: standing(kind, target, actual, period, today),
    }
}

/// The rows of the plan's home for fiscal year `year` as it stands on `today`.
pub fn rows(progress: Vec<Progress>, year: i32, today: NaiveDate) -> Vec<Row> {
    let Ok(fy) = FiscalYear::try_new(year) else {
        return Vec::new();
    };
    progress
        .into_iter()
        .map(|p| {
            let kind = p.indicator.kind;
            let actuals = p.actuals();
            let quarters = std::array::from_fn(|q| {
                let range = fy
                    .quarter_range(q as u8 + 1)
                    .unwrap_or((fy.start(), fy.end()));
                cell(kind, p.targets[q + 1], actuals[q], range, today)
            });
            let year = cell(
                kind,
                p.targets[0],
                p.year_actual(),
                (fy.start(), fy.end()),
                today,
            );
            Row {
                indicator: p.indicator,
                year,
                quarters,
            }
        })
        .collect()
}

/// How many rows stand in each status, in the order of [`Status::ALL`].
pub fn tally(rows: &[Row]) -> Vec<(Status, usize)> {
    Status::ALL
        .iter()
        .map(|s| {
            (
                *s,
                rows.iter().filter(|r| r.year.status == Some(*s)).count(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sermphalang_domain::plan::{IndicatorKind, QuarterActual};

    fn progress(targets: [Option<f64>; 5], reported: [f64; 4]) -> Progress {
        Progress {
            indicator: Indicator {
                id: 1,
                plan_id: 1,
                entry_id: None,
                name: "ชุมชนคุณธรรม".into(),
                unit: "ชุมชน".into(),
                kind: IndicatorKind::Count,
                baseline: None,
            },
            targets,
            quarters: reported.map(|r| QuarterActual {
                reported: r,
                reports: i64::from(r > 0.0),
                entered: None,
            }),
        }
    }

    #[test]
    fn quarters_not_begun_have_no_status_and_the_year_accrues() {
        // 15 February 2025: FY 2568, in its second quarter.
        let today = NaiveDate::from_ymd_opt(2025, 2, 15).unwrap();
        let p = progress(
            [Some(40.0), Some(10.0), Some(10.0), Some(10.0), Some(10.0)],
            [10.0, 2.0, 0.0, 0.0],
        );
        let row = &rows(vec![p], 2568, today)[0];
        assert_eq!(row.quarters[0].status, Some(Status::OnTrack));
        // Half of the second quarter has passed: 5 were due, 2 were done.
        assert_eq!(row.quarters[1].status, Some(Status::OffTrack));
        assert_eq!(row.quarters[2].status, None);
        assert_eq!(row.year.actual, Some(12.0));
        // 138 of 365 days: 15.1 due, 12 done.
        assert_eq!(row.year.status, Some(Status::AtRisk));
    }
}
