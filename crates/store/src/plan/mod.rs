//! The province's integrated plan: its tree of strategies, goals, projects and activities, the
//! national references it is aligned with, and its indicators with targets and actuals.

pub mod entries;
pub mod import;
pub mod indicators;
pub mod plans;
pub mod references;
pub mod workshop;

pub use plans::Plan;

/// The position after the last of a plan's rows in `table` (`plan_entries`, `plan_indicators`).
pub(crate) async fn next_position(
    tx: &mut sqlx::AnyConnection,
    table: &'static str,
    plan: i64,
) -> crate::Result<i64> {
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM {table} WHERE plan_id = $1"
    )))
    .bind(plan)
    .fetch_one(&mut *tx)
    .await?)
}
