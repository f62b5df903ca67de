//! Aggregates of a cycle: rating statistics per activity from one GROUP BY, the raw votes for
//! export (participants by number only), and progress against a baseline cycle.

use crate::evaluation::activity::{self, Activity};
use crate::evaluation::cycle::Cycle;
use crate::{Db, Result};
use serde::Serialize;
use sermphalang_domain::evaluation::stats::Histogram;
use sermphalang_domain::evaluation::{RatingStats, change, overall_mean};
use sqlx::Row;
use std::collections::HashMap;

/// Rating statistics of every rated activity of a cycle.
pub async fn rating_stats(db: &Db, cycle: i64) -> Result<HashMap<i64, RatingStats>> {
    let rows = sqlx::query(
        "SELECT r.activity_id, r.value, COUNT(*) FROM ratings r \
         JOIN activities a ON a.id = r.activity_id WHERE a.cycle_id = $1 \
         GROUP BY r.activity_id, r.value",
    )
    .bind(cycle)
    .fetch_all(db.read())
    .await?;
    let mut tallies: HashMap<i64, (Histogram, i64)> = HashMap::new();
    for r in &rows {
        let entry = tallies.entry(r.get(0)).or_insert(([0; 10], 0));
        let count: i64 = r.get(2);
        match r.get::<Option<i64>, _>(1) {
            Some(v @ 1..=10) => entry.0[(v - 1) as usize] += count,
            _ => entry.1 += count,
        }
    }
    Ok(tallies
        .into_iter()
        .map(|(activity, (histogram, abstained))| {
            (activity, RatingStats::from_histogram(histogram, abstained))
        })
        .collect())
}

/// One vote as exported: the participant's number, never their name.
#[derive(Debug, Clone, Serialize)]
pub struct RawRating {
    pub participant: i64,
    pub paper: bool,
    pub activity_id: i64,
    pub value: Option<u8>,
    pub at: String,
}

pub async fn raw_ratings(db: &Db, cycle: i64) -> Result<Vec<RawRating>> {
    let rows = sqlx::query(
        "SELECT p.number, p.kind, r.activity_id, r.value, r.updated_at FROM ratings r \
         JOIN participants p ON p.id = r.participant_id \
         WHERE p.cycle_id = $1 ORDER BY p.number, r.activity_id",
    )
    .bind(cycle)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| RawRating {
            participant: r.get(0),
            paper: r.get::<String, _>(1) == "paper",
            activity_id: r.get(2),
            value: r.get::<Option<i64>, _>(3).map(|v| v as u8),
            at: r.get(4),
        })
        .collect())
}

#[derive(Debug, Clone, Serialize)]
pub struct RawDots {
    pub participant: i64,
    pub activity_id: i64,
    pub count: i64,
}

pub async fn raw_dots(db: &Db, cycle: i64) -> Result<Vec<RawDots>> {
    let rows = sqlx::query(
        "SELECT p.number, d.activity_id, d.count FROM dots d \
         JOIN participants p ON p.id = d.participant_id \
         WHERE p.cycle_id = $1 ORDER BY p.number, d.activity_id",
    )
    .bind(cycle)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| RawDots {
            participant: r.get(0),
            activity_id: r.get(1),
            count: r.get(2),
        })
        .collect())
}

/// Who gave a rating value to an activity, for a facilitator inviting outliers to speak in a
/// room that is not anonymous.
pub async fn raters_of(db: &Db, activity: i64, value: u8) -> Result<Vec<String>> {
    let rows = sqlx::query(
        "SELECT p.display_name FROM ratings r JOIN participants p ON p.id = r.participant_id \
         WHERE r.activity_id = $1 AND r.value = $2 ORDER BY p.number",
    )
    .bind(activity)
    .bind(i64::from(value))
    .fetch_all(db.read())
    .await?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// How many distinct participants have answered anything in a rating question of the cycle.
pub async fn raters(db: &Db, cycle: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(DISTINCT r.participant_id) FROM ratings r \
         JOIN activities a ON a.id = r.activity_id WHERE a.cycle_id = $1",
    )
    .bind(cycle)
    .fetch_one(db.read())
    .await?)
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgressRow {
    pub activity: Activity,
    pub baseline: Option<RatingStats>,
    pub follow_up: Option<RatingStats>,
    pub change: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub rows: Vec<ProgressRow>,
    pub baseline_mean: Option<f64>,
    pub follow_up_mean: Option<f64>,
    pub change: Option<f64>,
    pub baseline_raters: i64,
    pub follow_up_raters: i64,
}

/// A follow-up cycle's ratings against its baseline's, activity by activity and overall.
/// Only activities rated in both contribute to the overall change, so the figures compare like
/// with like.
pub async fn progress(db: &Db, cycle: &Cycle) -> Result<Option<Progress>> {
    let Some(baseline) = cycle.baseline_id else {
        return Ok(None);
    };
    let before = rating_stats(db, baseline).await?;
    let after = rating_stats(db, cycle.id).await?;
    let rows: Vec<ProgressRow> = activity::chosen(db, cycle.id)
        .await?
        .into_iter()
        .map(|a| {
            let baseline = a.source_activity_id.and_then(|s| before.get(&s).cloned());
            let follow_up = after.get(&a.id).cloned();
            let change = change(
                baseline.as_ref().and_then(|s| s.mean),
                follow_up.as_ref().and_then(|s| s.mean),
            );
            ProgressRow {
                activity: a,
                baseline,
                follow_up,
                change,
            }
        })
        .collect();
    let paired = rows.iter().filter(|r| r.change.is_some());
    let baseline_mean = overall_mean(
        paired
            .clone()
            .map(|r| r.baseline.as_ref().and_then(|s| s.mean)),
    );
    let follow_up_mean = overall_mean(paired.map(|r| r.follow_up.as_ref().and_then(|s| s.mean)));
    Ok(Some(Progress {
        change: change(baseline_mean, follow_up_mean),
        baseline_mean,
        follow_up_mean,
        baseline_raters: raters(db, baseline).await?,
        follow_up_raters: raters(db, cycle.id).await?,
        rows,
    }))
}
