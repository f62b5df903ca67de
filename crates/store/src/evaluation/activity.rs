//! Key activities of a cycle: brainstormed, merged when duplicated, dotted, chosen for rating,
//! and annotated with the dialogue and evidence of the taking-stock discussion.

use crate::audit::{Actor, Change};
use crate::sql::{self, Record};
use crate::{Db, Result, StoreError, now};
use serde::Serialize;
use sermphalang_domain::evaluation::{DialogueInput, Tally, TopPick, top_k};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

#[derive(Debug, Clone, Serialize)]
pub struct Activity {
    pub id: i64,
    pub title: String,
    pub author_id: Option<i64>,
    pub author: Option<String>,
    pub merged_into: Option<i64>,
    pub source_activity_id: Option<i64>,
    pub chosen: bool,
    pub position: i64,
    pub dialogue: String,
    pub evidence: String,
    pub dots: i64,
}

impl Record for Activity {
    const COLUMNS: &'static str = "a.id, a.title, a.participant_id, p.display_name, a.merged_into, \
         a.source_activity_id, a.chosen, a.position, a.dialogue, a.evidence, \
         CAST(COALESCE((SELECT SUM(d.count) FROM dots d WHERE d.activity_id = a.id), 0) AS BIGINT)";
    const FROM: &'static str =
        "FROM activities a LEFT JOIN participants p ON p.id = a.participant_id";

    fn from_row(r: &AnyRow) -> Activity {
        Activity {
            id: r.get(0),
            title: r.get(1),
            author_id: r.get(2),
            author: r.get(3),
            merged_into: r.get(4),
            source_activity_id: r.get(5),
            chosen: r.get::<i64, _>(6) != 0,
            position: r.get(7),
            dialogue: r.get(8),
            evidence: r.get(9),
            dots: r.get(10),
        }
    }
}

/// Every activity of a cycle in the order added, merged ones included (they show where they went).
pub async fn list(db: &Db, cycle: i64) -> Result<Vec<Activity>> {
    let order = "WHERE a.cycle_id = $1 ORDER BY a.position, a.id";
    sql::all(db, order, &[cycle.into()]).await
}

/// The activities to rate, in order.
pub async fn chosen(db: &Db, cycle: i64) -> Result<Vec<Activity>> {
    Ok(list(db, cycle)
        .await?
        .into_iter()
        .filter(|a| a.chosen && a.merged_into.is_none())
        .collect())
}

pub async fn find(db: &Db, cycle: i64, id: i64) -> Result<Activity> {
    let condition = "WHERE a.id = $1 AND a.cycle_id = $2";
    sql::one(db, condition, &[id.into(), cycle.into()]).await
}

/// Adds an activity written down by the facilitator.
pub async fn add(db: &Db, actor: &Actor, province: i64, cycle: i64, title: &str) -> Result<i64> {
    let mut tx = db.audited(actor, Some(province)).await?;
    let id = insert(&mut tx, cycle, None, title, None).await?;
    tx.commit(
        Change::new("add_activity", "cycle", cycle)
            .after(&serde_json::json!({ "activity": id, "title": title })),
    )
    .await?;
    Ok(id)
}

/// Inserts an activity; a participant's retried suggestion (the same `key`) is kept once and
/// answers the first one's id.
pub(crate) async fn insert(
    tx: &mut AnyConnection,
    cycle: i64,
    participant: Option<i64>,
    title: &str,
    key: Option<&str>,
) -> Result<i64> {
    if let Some(id) =
        crate::evaluation::live::votes::keyed(tx, "activities", participant, key).await?
    {
        return Ok(id);
    }
    let position: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM activities WHERE cycle_id = $1",
    )
    .bind(cycle)
    .fetch_one(&mut *tx)
    .await?;
    Ok(sqlx::query_scalar(
        "INSERT INTO activities (cycle_id, title, participant_id, position, created_at, client_key) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(cycle)
    .bind(title.to_string())
    .bind(participant)
    .bind(position)
    .bind(now())
    .bind(key.map(str::to_string))
    .fetch_one(&mut *tx)
    .await?)
}

/// Merges a duplicate into another activity: its dots move over (added to the same person's
/// dots there) and it leaves the lists. Ratings are not merged: merge before rating.
pub async fn merge(
    db: &Db,
    actor: &Actor,
    province: i64,
    cycle: i64,
    from: i64,
    into: i64,
) -> Result<()> {
    let all = list(db, cycle).await?;
    let live = |id: i64| all.iter().any(|a| a.id == id && a.merged_into.is_none());
    if from == into || !live(from) || !live(into) {
        return Err(StoreError::NotFound);
    }
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query(
        "INSERT INTO dots (activity_id, participant_id, count) \
         SELECT $1, participant_id, count FROM dots WHERE activity_id = $2 \
         ON CONFLICT (activity_id, participant_id) DO UPDATE SET count = dots.count + excluded.count",
    )
    .bind(into)
    .bind(from)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM dots WHERE activity_id = $1")
        .bind(from)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE activities SET merged_into = $1, chosen = 0 WHERE id = $2")
        .bind(into)
        .bind(from)
        .execute(&mut *tx)
        .await?;
    tx.commit(
        Change::new("merge_activity", "cycle", cycle)
            .before(&serde_json::json!({ "activity": from }))
            .after(&serde_json::json!({ "merged_into": into })),
    )
    .await?;
    Ok(())
}

/// Replaces the set of activities to rate.
pub async fn set_chosen(
    db: &Db,
    actor: &Actor,
    province: i64,
    cycle: i64,
    ids: &[i64],
) -> Result<()> {
    let all = list(db, cycle).await?;
    if ids
        .iter()
        .any(|id| !all.iter().any(|a| a.id == *id && a.merged_into.is_none()))
    {
        return Err(StoreError::NotFound);
    }
    let before: Vec<i64> = all.iter().filter(|a| a.chosen).map(|a| a.id).collect();
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query("UPDATE activities SET chosen = 0 WHERE cycle_id = $1")
        .bind(cycle)
        .execute(&mut *tx)
        .await?;
    for id in ids {
        sqlx::query("UPDATE activities SET chosen = 1 WHERE id = $1 AND cycle_id = $2")
            .bind(*id)
            .bind(cycle)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit(
        Change::new("choose_activities", "cycle", cycle)
            .before(&serde_json::json!({ "chosen": before }))
            .after(&serde_json::json!({ "chosen": ids })),
    )
    .await?;
    Ok(())
}

/// The top `k` by dots, for the facilitator to confirm.
pub async fn suggest_top(db: &Db, cycle: i64, k: u32) -> Result<TopPick> {
    let tallies: Vec<Tally> = list(db, cycle)
        .await?
        .iter()
        .filter(|a| a.merged_into.is_none())
        .map(|a| Tally {
            activity: a.id,
            dots: a.dots,
            position: a.position,
        })
        .collect();
    Ok(top_k(&tallies, k as usize))
}

pub async fn save_dialogue(
    db: &Db,
    actor: &Actor,
    province: i64,
    cycle: i64,
    id: i64,
    input: &DialogueInput,
) -> Result<()> {
    let before = find(db, cycle, id).await?;
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query("UPDATE activities SET dialogue = $1, evidence = $2 WHERE id = $3")
        .bind(input.dialogue.clone())
        .bind(input.evidence.clone())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit(Change::new("save_dialogue", "cycle", cycle).before(&serde_json::json!({ "activity": id, "dialogue": before.dialogue, "evidence": before.evidence })).after(&serde_json::json!({ "activity": id, "dialogue": input.dialogue, "evidence": input.evidence }))).await?;
    Ok(())
}
