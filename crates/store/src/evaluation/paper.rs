//! Results from rooms without phones, typed in afterwards from flip charts and rating sheets.
//! Each sheet becomes a numbered paper participant so the statistics count people, not sheets.

use crate::audit::{Actor, Change};
use crate::dashboard::tallies::refresh_ratings;
use crate::evaluation::activity;
use crate::evaluation::live::votes::upsert_rating;
use crate::evaluation::live::workshop::insert_participant;
use crate::{Db, Result};
use sermphalang_domain::evaluation::Rating;
use sqlx::Row;

const PAPER: &str = "paper";

/// Paper participants of the cycle, creating more until there are `count`.
async fn paper_participants(db: &Db, cycle: i64, count: usize) -> Result<Vec<i64>> {
    let mut ids: Vec<i64> = sqlx::query(
        "SELECT id FROM participants WHERE cycle_id = $1 AND kind = $2 ORDER BY number",
    )
    .bind(cycle)
    .bind(PAPER)
    .fetch_all(db.read())
    .await?
    .iter()
    .map(|r| r.get(0))
    .collect();
    while ids.len() < count {
        let name = format!("กระดาษ {}", ids.len() + 1);
        let (id, _) = insert_participant(db, cycle, None, &name, None, PAPER).await?;
        ids.push(id);
    }
    Ok(ids)
}

/// Replaces the paper ratings of one activity with these, sheet by sheet.
pub async fn enter_ratings(
    db: &Db,
    actor: &Actor,
    province: i64,
    cycle: i64,
    activity_id: i64,
    ratings: &[Rating],
) -> Result<()> {
    activity::find(db, cycle, activity_id).await?;
    let sheets = paper_participants(db, cycle, ratings.len()).await?;
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query(
        "DELETE FROM ratings WHERE activity_id = $1 AND participant_id IN \
         (SELECT id FROM participants WHERE cycle_id = $2 AND kind = $3)",
    )
    .bind(activity_id)
    .bind(cycle)
    .bind(PAPER)
    .execute(&mut *tx)
    .await?;
    for (sheet, rating) in sheets.iter().zip(ratings) {
        upsert_rating(&mut tx, activity_id, *sheet, *rating).await?;
    }
    refresh_ratings(&mut tx, cycle).await?;
    tx.commit(
        Change::new("enter_paper_ratings", "cycle", cycle)
            .after(&serde_json::json!({ "activity": activity_id, "ratings": ratings })),
    )
    .await?;
    Ok(())
}

/// Sets the number of paper dots on an activity, counted from the flip chart.
pub async fn enter_dots(
    db: &Db,
    actor: &Actor,
    province: i64,
    cycle: i64,
    activity_id: i64,
    count: u32,
) -> Result<()> {
    activity::find(db, cycle, activity_id).await?;
    let sheet = paper_participants(db, cycle, 1).await?[0];
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query(
        "INSERT INTO dots (activity_id, participant_id, count) VALUES ($1, $2, $3) \
         ON CONFLICT (activity_id, participant_id) DO UPDATE SET count = excluded.count",
    )
    .bind(activity_id)
    .bind(sheet)
    .bind(i64::from(count))
    .execute(&mut *tx)
    .await?;
    tx.commit(
        Change::new("enter_paper_dots", "cycle", cycle)
            .after(&serde_json::json!({ "activity": activity_id, "dots": count })),
    )
    .await?;
    Ok(())
}
