//! The post-training evaluation: one answer per registration, changeable until certificates
//! are issued, and its summary.

use crate::{Db, Result, now};
use serde::Serialize;
use sermphalang_domain::training::registration::FeedbackInput;
use sqlx::Row;

/// Saves (or replaces) a participant's evaluation.
pub async fn submit(db: &Db, registration: i64, input: &FeedbackInput) -> Result<()> {
    sqlx::query(
        "INSERT INTO feedback (registration_id, satisfaction, usefulness, comments, submitted_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (registration_id) DO UPDATE SET \
         satisfaction = excluded.satisfaction, usefulness = excluded.usefulness, \
         comments = excluded.comments, submitted_at = excluded.submitted_at",
    )
    .bind(registration)
    .bind(i64::from(input.satisfaction))
    .bind(i64::from(input.usefulness))
    .bind(input.comments.clone())
    .bind(now())
    .execute(db.write())
    .await?;
    Ok(())
}

pub async fn find(db: &Db, registration: i64) -> Result<Option<FeedbackInput>> {
    let row = sqlx::query(
        "SELECT satisfaction, usefulness, comments FROM feedback WHERE registration_id = $1",
    )
    .bind(registration)
    .fetch_optional(db.read())
    .await?;
    Ok(row.map(|r| FeedbackInput {
        satisfaction: r.get::<i64, _>(0) as u8,
        usefulness: r.get::<i64, _>(1) as u8,
        comments: r.get(2),
    }))
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub responses: i64,
    /// Counts of scores 1 to 5.
    pub satisfaction: [i64; 5],
    pub usefulness: [i64; 5],
    pub comments: Vec<String>,
}

impl Summary {
    fn mean(histogram: &[i64; 5]) -> Option<f64> {
        let n: i64 = histogram.iter().sum();
        let total: i64 = histogram.iter().zip(1..).map(|(c, v)| c * v).sum();
        (n > 0).then(|| total as f64 / n as f64)
    }

    pub fn satisfaction_mean(&self) -> Option<f64> {
        Self::mean(&self.satisfaction)
    }

    pub fn usefulness_mean(&self) -> Option<f64> {
        Self::mean(&self.usefulness)
    }
}

pub async fn summary(db: &Db, event: i64) -> Result<Summary> {
    let rows = sqlx::query(
        "SELECT f.satisfaction, f.usefulness, f.comments FROM feedback f JOIN registrations r \
         ON r.id = f.registration_id WHERE r.event_id = $1 ORDER BY f.submitted_at",
    )
    .bind(event)
    .fetch_all(db.read())
    .await?;
    let mut summary = Summary::default();
    for row in &rows {
        summary.responses += 1;
        let (s, u): (i64, i64) = (row.get(0), row.get(1));
        if let Some(slot) = summary.satisfaction.get_mut((s - 1) as usize) {
            *slot += 1;
        }
        if let Some(slot) = summary.usefulness.get_mut((u - 1) as usize) {
            *slot += 1;
        }
        let comment: String = row.get(2);
        if !comment.trim().is_empty() {
            summary.comments.push(comment);
        }
    }
    Ok(summary)
}

/// Registrations of the event that have submitted the evaluation.
pub async fn submitted(db: &Db, event: i64) -> Result<Vec<i64>> {
    let ids = sqlx::query_scalar(
        "SELECT f.registration_id FROM feedback f JOIN registrations r \
         ON r.id = f.registration_id WHERE r.event_id = $1",
    )
    .bind(event)
    .fetch_all(db.read())
    .await?;
    Ok(ids)
}
