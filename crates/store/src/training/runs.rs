//! Bulk issuing runs in the background; its progress lives in the database so any instance's
//! page can show it.

use crate::{Db, Result, now};
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub id: i64,
    pub total: i64,
    pub done: i64,
    pub failed: i64,
    pub error: Option<String>,
    pub started_at: String,
    pub finished_at: Option<String>,
}

impl Run {
    pub fn running(&self) -> bool {
        self.finished_at.is_none()
    }

    pub fn percent(&self) -> i64 {
        ((self.done + self.failed) * 100)
            .checked_div(self.total)
            .unwrap_or(100)
    }
}

pub async fn start(db: &Db, event: i64, total: i64, user: Option<i64>) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO certificate_runs (event_id, total, started_at, started_by) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(event)
    .bind(total)
    .bind(now())
    .bind(user)
    .fetch_one(db.write())
    .await?;
    Ok(id)
}

/// Counts one certificate done, or failed with the first failure's reason kept.
pub async fn step(db: &Db, run: i64, failure: Option<&str>) -> Result<()> {
    let query = match failure {
        None => sqlx::query("UPDATE certificate_runs SET done = done + 1 WHERE id = $1").bind(run),
        Some(reason) => sqlx::query(
            "UPDATE certificate_runs SET failed = failed + 1, error = COALESCE(error, $2) \
             WHERE id = $1",
        )
        .bind(run)
        .bind(reason.to_string()),
    };
    query.execute(db.write()).await?;
    Ok(())
}

pub async fn finish(db: &Db, run: i64) -> Result<()> {
    sqlx::query("UPDATE certificate_runs SET finished_at = $1 WHERE id = $2")
        .bind(now())
        .bind(run)
        .execute(db.write())
        .await?;
    Ok(())
}

pub async fn latest(db: &Db, event: i64) -> Result<Option<Run>> {
    let row = sqlx::query(
        "SELECT id, total, done, failed, error, started_at, finished_at FROM certificate_runs \
         WHERE event_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(event)
    .fetch_optional(db.read())
    .await?;
    Ok(row.map(|r| Run {
        id: r.get(0),
        total: r.get(1),
        done: r.get(2),
        failed: r.get(3),
        error: r.get(4),
        started_at: r.get(5),
        finished_at: r.get(6),
    }))
}
