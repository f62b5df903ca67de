//! What participants post: mission phrases and their likes, new activities, dots and ratings.
//! Each is written in one transaction, only while its question is open.

use crate::audit::{Actor, Change};
use crate::evaluation::cycle::Cycle;
use crate::{Db, Result, StoreError, now};
use serde::Serialize;
use sermphalang_domain::evaluation::{Rating, Step};
use sqlx::{AnyConnection, Row};
use std::collections::{HashMap, HashSet};

/// The open question of a step in the cycle, with the activity it is about; a question of
/// another cycle or step is not found, one that is not open is closed.
async fn open_question(
    tx: &mut AnyConnection,
    cycle: i64,
    question: i64,
    step: Step,
) -> Result<Option<i64>> {
    let row = sqlx::query(
        "SELECT q.step, q.activity_id, q.state, CAST(CASE WHEN EXISTS (SELECT 1 \
         FROM live_sessions s WHERE s.cycle_id = q.cycle_id AND s.ended_at IS NULL) \
         THEN 1 ELSE 0 END AS BIGINT) FROM questions q WHERE q.id = $1 AND q.cycle_id = $2",
    )
    .bind(question)
    .bind(cycle)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(StoreError::NotFound)?;
    if row.get::<String, _>(0) != step.code() {
        return Err(StoreError::NotFound);
    }
    if row.get::<String, _>(2) != "open" || row.get::<i64, _>(3) == 0 {
        return Err(StoreError::Closed);
    }
    Ok(row.get(1))
}

async fn live_activity(tx: &mut AnyConnection, cycle: i64, activity: i64) -> Result<()> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM activities WHERE id = $1 AND cycle_id = $2 AND merged_into IS NULL",
    )
    .bind(activity)
    .bind(cycle)
    .fetch_optional(&mut *tx)
    .await?;
    found.map(|_| ()).ok_or(StoreError::NotFound)
}

#[derive(Debug, Clone, Serialize)]
pub struct Phrase {
    pub id: i64,
    pub text: String,
    pub author: Option<String>,
    pub author_number: Option<i64>,
    pub votes: i64,
    pub hidden: bool,
}

/// A cycle's phrases, most liked first.
pub async fn phrases(db: &Db, cycle: i64) -> Result<Vec<Phrase>> {
    let rows = sqlx::query(
        "SELECT f.id, f.text, p.display_name, p.number, \
         (SELECT COUNT(*) FROM phrase_votes v WHERE v.phrase_id = f.id), f.hidden_at \
         FROM phrases f LEFT JOIN participants p ON p.id = f.participant_id \
         WHERE f.cycle_id = $1 ORDER BY 5 DESC, f.id",
    )
    .bind(cycle)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| Phrase {
            id: r.get(0),
            text: r.get(1),
            author: r.get(2),
            author_number: r.get(3),
            votes: r.get(4),
            hidden: r.get::<Option<String>, _>(5).is_some(),
        })
        .collect())
}

/// A phrase from a participant during the open mission question.
pub async fn add_phrase(
    db: &Db,
    cycle: i64,
    question: i64,
    participant: i64,
    text: &str,
    key: Option<&str>,
) -> Result<i64> {
    let mut tx = db.begin().await?;
    open_question(&mut tx, cycle, question, Step::Mission).await?;
    if let Some(id) = keyed(&mut tx, "phrases", Some(participant), key).await? {
        return Ok(id);
    }
    let id = insert_phrase(&mut tx, cycle, Some(participant), text, key).await?;
    tx.commit().await?;
    Ok(id)
}

/// A phrase the facilitator writes down, at any time.
pub async fn add_phrase_by_facilitator(
    db: &Db,
    actor: &Actor,
    province: i64,
    cycle: i64,
    text: &str,
) -> Result<i64> {
    let mut tx = db.audited(actor, Some(province)).await?;
    let id = insert_phrase(&mut tx, cycle, None, text, None).await?;
    tx.commit(
        Change::new("add_phrase", "cycle", cycle)
            .after(&serde_json::json!({ "phrase": id, "text": text })),
    )
    .await?;
    Ok(id)
}

async fn insert_phrase(
    tx: &mut AnyConnection,
    cycle: i64,
    participant: Option<i64>,
    text: &str,
    key: Option<&str>,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO phrases (cycle_id, participant_id, text, created_at, client_key) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(cycle)
    .bind(participant)
    .bind(text.to_string())
    .bind(now())
    .bind(key.map(str::to_string))
    .fetch_one(&mut *tx)
    .await?)
}

/// The row a participant already made with this answer key, if any: a phone retries an
/// answer it saw no reply to with the same key, and the answer is kept once. The write
/// transaction holds the writer (SQLite) or the unique index catches a race (PostgreSQL).
pub(crate) async fn keyed(
    tx: &mut AnyConnection,
    table: &str,
    participant: Option<i64>,
    key: Option<&str>,
) -> Result<Option<i64>> {
    let (Some(participant), Some(key)) = (participant, key) else {
        return Ok(None);
    };
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM {table} WHERE participant_id = $1 AND client_key = $2"
    )))
    .bind(participant)
    .bind(key.to_string())
    .fetch_optional(&mut *tx)
    .await?)
}

/// Likes or unlikes a phrase; liking twice is one like.
pub async fn like_phrase(
    db: &Db,
    cycle: i64,
    question: i64,
    participant: i64,
    phrase: i64,
    like: bool,
) -> Result<()> {
    let mut tx = db.begin().await?;
    open_question(&mut tx, cycle, question, Step::Mission).await?;
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM phrases WHERE id = $1 AND cycle_id = $2 AND hidden_at IS NULL",
    )
    .bind(phrase)
    .bind(cycle)
    .fetch_optional(&mut *tx)
    .await?;
    found.ok_or(StoreError::NotFound)?;
    let sql = if like {
        "INSERT INTO phrase_votes (phrase_id, participant_id) VALUES ($1, $2) \
         ON CONFLICT (phrase_id, participant_id) DO NOTHING"
    } else {
        "DELETE FROM phrase_votes WHERE phrase_id = $1 AND participant_id = $2"
    };
    sqlx::query(sql)
        .bind(phrase)
        .bind(participant)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Hides a phrase from the room (moderation) or shows it again.
pub async fn hide_phrase(
    db: &Db,
    actor: &Actor,
    province: i64,
    cycle: i64,
    phrase: i64,
    hidden: bool,
) -> Result<()> {
    let mut tx = db.audited(actor, Some(province)).await?;
    let done = sqlx::query("UPDATE phrases SET hidden_at = $1 WHERE id = $2 AND cycle_id = $3")
        .bind(hidden.then(now))
        .bind(phrase)
        .bind(cycle)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    tx.commit(
        Change::new(
            if hidden { "hide_phrase" } else { "show_phrase" },
            "cycle",
            cycle,
        )
        .after(&serde_json::json!({ "phrase": phrase })),
    )
    .await?;
    Ok(())
}

/// An activity suggested from a phone while the brainstorm is open.
pub async fn suggest_activity(
    db: &Db,
    cycle: i64,
    question: i64,
    participant: i64,
    title: &str,
    key: Option<&str>,
) -> Result<i64> {
    let mut tx = db.begin().await?;
    open_question(&mut tx, cycle, question, Step::Activities).await?;
    let id =
        crate::evaluation::activity::insert(&mut tx, cycle, Some(participant), title, key).await?;
    tx.commit().await?;
    Ok(id)
}

/// Sets a participant's dots on one activity; returns how many dots they have left.
pub async fn set_dots(
    db: &Db,
    cycle: &Cycle,
    question: i64,
    participant: i64,
    activity: i64,
    count: u32,
) -> Result<u32> {
    let mut tx = db.begin().await?;
    open_question(&mut tx, cycle.id, question, Step::Dots).await?;
    live_activity(&mut tx, cycle.id, activity).await?;
    let elsewhere: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM dots WHERE participant_id = $1 AND activity_id <> $2",
    )
    .bind(participant)
    .bind(activity)
    .fetch_one(&mut *tx)
    .await?;
    let elsewhere = elsewhere.max(0) as u32;
    cycle
        .rules
        .check(elsewhere, count)
        .map_err(|e| StoreError::Invalid(sermphalang_domain::Invalid(vec![e.field_error()])))?;
    if count == 0 {
        sqlx::query("DELETE FROM dots WHERE activity_id = $1 AND participant_id = $2")
            .bind(activity)
            .bind(participant)
            .execute(&mut *tx)
            .await?;
    } else {
        sqlx::query(
            "INSERT INTO dots (activity_id, participant_id, count) VALUES ($1, $2, $3) \
             ON CONFLICT (activity_id, participant_id) DO UPDATE SET count = excluded.count",
        )
        .bind(activity)
        .bind(participant)
        .bind(i64::from(count))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(cycle.rules.per_person - elsewhere - count)
}

/// One participant's rating of one rating question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatingVote {
    pub cycle: i64,
    pub question: i64,
    pub participant: i64,
    pub rating: Rating,
}

const RATE: &str = "INSERT INTO ratings (activity_id, participant_id, value, updated_at) \
     SELECT q.activity_id, CAST($3 AS BIGINT), CAST($4 AS BIGINT), CAST($5 AS TEXT) \
     FROM questions q \
     WHERE q.id = $1 AND q.cycle_id = $2 AND q.step = 'rating' AND q.state = 'open' \
     AND q.activity_id IS NOT NULL AND EXISTS (SELECT 1 FROM live_sessions s \
     WHERE s.cycle_id = q.cycle_id AND s.ended_at IS NULL) \
     ON CONFLICT (activity_id, participant_id) \
     DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

async fn rate_in(conn: &mut AnyConnection, vote: &RatingVote) -> Result<bool> {
    let written = sqlx::query(RATE)
        .bind(vote.question)
        .bind(vote.cycle)
        .bind(vote.participant)
        .bind(vote.rating.value().map(i64::from))
        .bind(now())
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(written > 0)
}

/// Why a rating was not written: no such rating question, or not open.
async fn refusal(db: &Db, vote: &RatingVote) -> StoreError {
    let found = match db.read().acquire().await {
        Ok(mut conn) => open_question(&mut conn, vote.cycle, vote.question, Step::Rating).await,
        Err(e) => return e.into(),
    };
    match found {
        Ok(Some(_)) => StoreError::Closed,
        Ok(None) => StoreError::NotFound,
        Err(e) => e,
    }
}

/// Sets a participant's rating of the activity a rating question is about; a second
/// rating replaces the first while the question is open. One statement that writes only while
/// the question is open and the session runs.
pub async fn rate(
    db: &Db,
    cycle: i64,
    question: i64,
    participant: i64,
    rating: Rating,
) -> Result<()> {
    let vote = RatingVote {
        cycle,
        question,
        participant,
        rating,
    };
    let mut conn = db.write().acquire().await?;
    let written = rate_in(&mut conn, &vote).await?;
    drop(conn);
    if written {
        Ok(())
    } else {
        Err(refusal(db, &vote).await)
    }
}

/// Writes many ratings in one transaction, as they arrive together from a room of phones: the
/// single writer commits once for all of them instead of once each. Each vote gets its own
/// answer; if the transaction fails, each vote is tried alone, so one bad vote cannot fail the
/// others.
pub async fn rate_many(db: &Db, votes: &[RatingVote]) -> Vec<Result<()>> {
    let written = async {
        let mut tx = db.begin().await?;
        let mut written = Vec::with_capacity(votes.len());
        for vote in votes {
            written.push(rate_in(&mut tx, vote).await?);
        }
        tx.commit().await?;
        Ok::<_, StoreError>(written)
    }
    .await;
    let mut answers = Vec::with_capacity(votes.len());
    match written {
        Ok(written) => {
            for (vote, written) in votes.iter().zip(written) {
                answers.push(if written {
                    Ok(())
                } else {
                    Err(refusal(db, vote).await)
                });
            }
        }
        // Every vote waited for the same overloaded database: each phone retries.
        Err(e) if e.is_overload() => {
            answers.extend(votes.iter().map(|_| Err(StoreError::overloaded())));
        }
        Err(_) => {
            for v in votes {
                answers.push(rate(db, v.cycle, v.question, v.participant, v.rating).await);
            }
        }
    }
    answers
}

pub(crate) async fn upsert_rating(
    tx: &mut AnyConnection,
    activity: i64,
    participant: i64,
    rating: Rating,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO ratings (activity_id, participant_id, value, updated_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (activity_id, participant_id) \
         DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )
    .bind(activity)
    .bind(participant)
    .bind(rating.value().map(i64::from))
    .bind(now())
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// What one participant has already answered, to show their own choices back to them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MyAnswers {
    pub liked: HashSet<i64>,
    pub dots: HashMap<i64, u32>,
    pub ratings: HashMap<i64, Option<u8>>,
    pub phrases: i64,
    pub activities: i64,
}

pub async fn my_answers(db: &Db, participant: i64) -> Result<MyAnswers> {
    let mut answers = MyAnswers::default();
    for r in sqlx::query("SELECT phrase_id FROM phrase_votes WHERE participant_id = $1")
        .bind(participant)
        .fetch_all(db.read())
        .await?
    {
        answers.liked.insert(r.get(0));
    }
    for r in sqlx::query("SELECT activity_id, count FROM dots WHERE participant_id = $1")
        .bind(participant)
        .fetch_all(db.read())
        .await?
    {
        answers.dots.insert(r.get(0), r.get::<i64, _>(1) as u32);
    }
    for r in sqlx::query("SELECT activity_id, value FROM ratings WHERE participant_id = $1")
        .bind(participant)
        .fetch_all(db.read())
        .await?
    {
        answers
            .ratings
            .insert(r.get(0), r.get::<Option<i64>, _>(1).map(|v| v as u8));
    }
    answers.phrases = sqlx::query_scalar("SELECT COUNT(*) FROM phrases WHERE participant_id = $1")
        .bind(participant)
        .fetch_one(db.read())
        .await?;
    answers.activities =
        sqlx::query_scalar("SELECT COUNT(*) FROM activities WHERE participant_id = $1")
            .bind(participant)
            .fetch_one(db.read())
            .await?;
    Ok(answers)
}
