//! The live workshop: sessions with a join code, participants who join from phones without an
//! account, and the questions a facilitator opens, closes and reveals.

use crate::audit::{Actor, Change};
use crate::dashboard::tallies::refresh_ratings;
use crate::evaluation::activity;
use crate::sessions::{hash_token, new_token};
use crate::sql::{self, Record};
use crate::{Db, Result, StoreError, now};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use serde::Serialize;
use sermphalang_domain::evaluation::Step;
use sermphalang_domain::evaluation::live::{JoinInput, QuestionState};
use sermphalang_domain::registry::Sector;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A join code stops working this long after its session started, even if nobody ended it.
pub const SESSION_HOURS: i64 = 12;

#[derive(Debug, Clone, Serialize)]
pub struct LiveSession {
    pub id: i64,
    pub cycle_id: i64,
    pub join_code: String,
    pub started_at: String,
    pub ended_at: Option<String>,
}

impl LiveSession {
    pub fn is_active(&self) -> bool {
        self.ended_at.is_none() && !expired(&self.started_at)
    }
}

fn expired(started_at: &str) -> bool {
    DateTime::parse_from_rfc3339(started_at)
        .map(|t| Utc::now() - t.with_timezone(&Utc) > Duration::hours(SESSION_HOURS))
        .unwrap_or(true)
}

impl Record for LiveSession {
    const COLUMNS: &'static str = "id, cycle_id, join_code, started_at, ended_at";
    const FROM: &'static str = "FROM live_sessions";

    fn from_row(r: &AnyRow) -> LiveSession {
        LiveSession {
            id: r.get(0),
            cycle_id: r.get(1),
            join_code: r.get(2),
            started_at: r.get(3),
            ended_at: r.get(4),
        }
    }
}

/// Six digits: typed on a phone without switching from a Thai keyboard layout.
fn new_join_code() -> String {
    format!("{:06}", rand::rng().random_range(0..1_000_000))
}

/// Starts a live session for the cycle, ending any earlier one; participants who joined
/// before stay participants of the cycle.
pub async fn start(db: &Db, actor: &Actor, province: i64, cycle: i64) -> Result<LiveSession> {
    for _ in 0..20 {
        let code = new_join_code();
        let at = now();
        let mut tx = db.audited(actor, Some(province)).await?;
        sqlx::query(
            "UPDATE live_sessions SET ended_at = $1 WHERE cycle_id = $2 AND ended_at IS NULL",
        )
        .bind(at.clone())
        .bind(cycle)
        .execute(&mut *tx)
        .await?;
        // Codes of ended sessions are never reused, so an old printout cannot join a new room.
        let taken: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM live_sessions WHERE join_code = $1")
                .bind(code.clone())
                .fetch_one(&mut *tx)
                .await?;
        if taken > 0 {
            continue;
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO live_sessions (cycle_id, join_code, started_at, started_by) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(cycle)
        .bind(code.clone())
        .bind(at.clone())
        .bind(actor.user_id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit(
            Change::new("start_live", "cycle", cycle)
                .after(&serde_json::json!({ "join_code": code })),
        )
        .await?;
        return Ok(LiveSession {
            id,
            cycle_id: cycle,
            join_code: code,
            started_at: at,
            ended_at: None,
        });
    }
    Err(StoreError::Unusable("no free join code".into()))
}

pub async fn end(db: &Db, actor: &Actor, province: i64, cycle: i64) -> Result<()> {
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query("UPDATE live_sessions SET ended_at = $1 WHERE cycle_id = $2 AND ended_at IS NULL")
        .bind(now())
        .bind(cycle)
        .execute(&mut *tx)
        .await?;
    refresh_ratings(&mut tx, cycle).await?;
    tx.commit(Change::new("end_live", "cycle", cycle)).await?;
    Ok(())
}

/// The cycle's running session, if any.
pub async fn current(db: &Db, cycle: i64) -> Result<Option<LiveSession>> {
    let newest = "WHERE cycle_id = $1 AND ended_at IS NULL ORDER BY id DESC LIMIT 1";
    let session: Option<LiveSession> = sql::optional(db, newest, &[cycle.into()]).await?;
    Ok(session.filter(LiveSession::is_active))
}

pub enum CodeLookup {
    Active(LiveSession),
    Expired,
    Unknown,
}

pub async fn by_code(db: &Db, code: &str) -> Result<CodeLookup> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let code = sermphalang_thai::to_arabic_digits(&code);
    Ok(
        match sql::optional::<LiveSession>(db, "WHERE join_code = $1", &[code.into()]).await? {
            Some(s) if s.is_active() => CodeLookup::Active(s),
            Some(_) => CodeLookup::Expired,
            None => CodeLookup::Unknown,
        },
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct Participant {
    pub id: i64,
    pub cycle_id: i64,
    /// A running number in the cycle, the participant's name when the room is anonymous.
    pub number: i64,
    pub display_name: String,
    pub network: Option<Sector>,
    pub kind: String,
}

impl Record for Participant {
    const COLUMNS: &'static str = "id, cycle_id, number, display_name, network_code, kind";
    const FROM: &'static str = "FROM participants";

    fn from_row(r: &AnyRow) -> Participant {
        Participant {
            id: r.get(0),
            cycle_id: r.get(1),
            number: r.get(2),
            display_name: r.get(3),
            network: r
                .get::<Option<String>, _>(4)
                .and_then(|c| Sector::parse(&c)),
            kind: r.get(5),
        }
    }
}

/// Adds a participant; the token goes back to the phone once and only its hash is kept.
pub async fn join(db: &Db, cycle: i64, input: &JoinInput) -> Result<(Participant, String)> {
    let token = new_token();
    let (id, number) = insert_participant(
        db,
        cycle,
        Some(hash_token(&token)),
        &input.display_name,
        input.network,
        "phone",
    )
    .await?;
    Ok(joined(cycle, input, id, number, token))
}

fn joined(
    cycle: i64,
    input: &JoinInput,
    id: i64,
    number: i64,
    token: String,
) -> (Participant, String) {
    let participant = Participant {
        id,
        cycle_id: cycle,
        number,
        display_name: input.display_name.clone(),
        network: input.network,
        kind: "phone".into(),
    };
    (participant, token)
}

/// One phone joining a cycle.
#[derive(Debug, Clone)]
pub struct Joining {
    pub cycle: i64,
    pub input: JoinInput,
}

/// Joins many phones, as they arrive together when a room scans the QR code: on SQLite in one
/// transaction, so the single writer commits once for all of them. Each phone gets its own
/// answer; if the transaction fails, each joins alone.
pub async fn join_many(db: &Db, joining: &[Joining]) -> Vec<Result<(Participant, String)>> {
    if db.backend == crate::Backend::Sqlite {
        match join_together(db, joining).await {
            Ok(answers) => return answers.into_iter().map(Ok).collect(),
            Err(e) if e.is_overload() => {
                return joining
                    .iter()
                    .map(|_| Err(StoreError::overloaded()))
                    .collect();
            }
            Err(_) => {}
        }
    }
    // PostgreSQL takes joins on several connections at once.
    let each = joining.iter().map(|j| join(db, j.cycle, &j.input));
    futures_util::future::join_all(each).await
}

async fn join_together(db: &Db, joining: &[Joining]) -> Result<Vec<(Participant, String)>> {
    let mut tx = db.begin().await?;
    let mut answers = Vec::with_capacity(joining.len());
    for j in joining {
        let token = new_token();
        let hash = Some(hash_token(&token));
        let (id, number) = insert_sqlite(
            &mut tx,
            j.cycle,
            hash,
            &j.input.display_name,
            j.input.network,
            "phone",
        )
        .await?;
        answers.push(joined(j.cycle, &j.input, id, number, token));
    }
    tx.commit().await?;
    Ok(answers)
}

/// One statement, one trip to the single writer, which serializes joins: the next number is
/// read and taken at once. The counter is PostgreSQL's; past its value too.
async fn insert_sqlite(
    conn: &mut sqlx::AnyConnection,
    cycle: i64,
    token_hash: Option<String>,
    name: &str,
    network: Option<Sector>,
    kind: &str,
) -> Result<(i64, i64)> {
    let row = sqlx::query(
        "INSERT INTO participants (cycle_id, number, token_hash, display_name, network_code, \
         kind, consent_at, joined_at) SELECT c.id, MAX(c.participant_counter, COALESCE(\
         (SELECT MAX(p.number) FROM participants p WHERE p.cycle_id = c.id), 0)) + 1, \
         $2, $3, $4, $5, $6, $6 FROM cycles c WHERE c.id = $1 RETURNING id, number",
    )
    .bind(cycle)
    .bind(token_hash)
    .bind(name.to_string())
    .bind(network.map(|n| n.code().to_string()))
    .bind(kind.to_string())
    .bind(now())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok((row.get(0), row.get(1)))
}

pub(crate) async fn insert_participant(
    db: &Db,
    cycle: i64,
    token_hash: Option<String>,
    name: &str,
    network: Option<Sector>,
    kind: &str,
) -> Result<(i64, i64)> {
    if db.backend == crate::Backend::Sqlite {
        let mut conn = db.write().acquire().await?;
        return insert_sqlite(&mut conn, cycle, token_hash, name, network, kind).await;
    }
    // On PostgreSQL the counter is taken in its own statement, so the cycle's row is locked
    // only for that moment, not while the participant is written; a failed insert leaves a
    // gap, no harm.
    let number: i64 = sqlx::query_scalar(
        "UPDATE cycles SET participant_counter = GREATEST(participant_counter, COALESCE(\
         (SELECT MAX(p.number) FROM participants p WHERE p.cycle_id = $1), 0)) + 1 \
         WHERE id = $1 RETURNING participant_counter",
    )
    .bind(cycle)
    .fetch_optional(db.write())
    .await?
    .ok_or(StoreError::NotFound)?;
    let at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO participants (cycle_id, number, token_hash, display_name, network_code, \
         kind, consent_at, joined_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(cycle)
    .bind(number)
    .bind(token_hash)
    .bind(name.to_string())
    .bind(network.map(|n| n.code().to_string()))
    .bind(kind.to_string())
    .bind(at)
    .fetch_one(db.write())
    .await?;
    Ok((id, number))
}

/// The participant a phone's token stands for; a forged or unknown token is nobody.
pub async fn participant(db: &Db, token: &str) -> Result<Option<Participant>> {
    sql::optional(db, "WHERE token_hash = $1", &[hash_token(token).into()]).await
}

pub async fn participants(db: &Db, cycle: i64) -> Result<Vec<Participant>> {
    sql::all(db, "WHERE cycle_id = $1 ORDER BY number", &[cycle.into()]).await
}

#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: i64,
    pub cycle_id: i64,
    pub step: Step,
    pub activity_id: Option<i64>,
    pub state: QuestionState,
    pub revealed: bool,
}

pub async fn questions(db: &Db, cycle: i64) -> Result<Vec<Question>> {
    let rows = sqlx::query(
        "SELECT id, cycle_id, step, activity_id, state, revealed FROM questions \
         WHERE cycle_id = $1 ORDER BY id",
    )
    .bind(cycle)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| Question {
            id: r.get(0),
            cycle_id: r.get(1),
            step: Step::parse(&r.get::<String, _>(2)).unwrap_or(Step::Mission),
            activity_id: r.get(3),
            state: QuestionState::parse(&r.get::<String, _>(4)).unwrap_or(QuestionState::Ready),
            revealed: r.get::<i64, _>(5) != 0,
        })
        .collect())
}

/// Makes sure the step has its questions: one for mission, activities and dots, one per
/// chosen activity for rating. Questions of activities no longer chosen stay, closed.
pub async fn ensure_questions(db: &Db, cycle: i64, step: Step) -> Result<Vec<Question>> {
    let existing = questions(db, cycle).await?;
    let wanted: Vec<Option<i64>> = match step {
        Step::Planning => Vec::new(),
        Step::Rating => activity::chosen(db, cycle)
            .await?
            .iter()
            .map(|a| Some(a.id))
            .collect(),
        _ => vec![None],
    };
    let missing: Vec<Option<i64>> = wanted
        .into_iter()
        .filter(|a| {
            !existing
                .iter()
                .any(|q| q.step == step && q.activity_id == *a)
        })
        .collect();
    if !missing.is_empty() {
        let mut tx = db.begin().await?;
        for activity in missing {
            sqlx::query(
                "INSERT INTO questions (cycle_id, step, activity_id, state, revealed) \
                 VALUES ($1, $2, $3, 'ready', 0)",
            )
            .bind(cycle)
            .bind(step.code())
            .bind(activity)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    }
    questions(db, cycle).await
}

/// Opens, closes or reveals questions of a cycle (`None`: every question of the step).
pub async fn control(
    db: &Db,
    actor: &Actor,
    province: i64,
    cycle: i64,
    step: Step,
    question: Option<i64>,
    action: Control,
) -> Result<()> {
    let targets: Vec<Question> = ensure_questions(db, cycle, step)
        .await?
        .into_iter()
        .filter(|q| q.step == step && question.is_none_or(|id| id == q.id))
        .collect();
    if targets.is_empty() {
        return Err(StoreError::NotFound);
    }
    let at = now();
    let mut tx = db.audited(actor, Some(province)).await?;
    for q in &targets {
        let sql = match action {
            // Answers are collected blind: opening hides whatever was revealed before.
            Control::Open => {
                "UPDATE questions SET state = 'open', opened_at = $1, closed_at = NULL, revealed = 0 \
                 WHERE id = $2"
            }
            Control::Close => {
                "UPDATE questions SET state = 'closed', closed_at = $1 WHERE id = $2 AND state = 'open'"
            }
            Control::Reveal => "UPDATE questions SET revealed = 1 WHERE id = $2 AND $1 IS NOT NULL",
            Control::Hide => "UPDATE questions SET revealed = 0 WHERE id = $2 AND $1 IS NOT NULL",
        };
        sqlx::query(sql)
            .bind(at.clone())
            .bind(q.id)
            .execute(&mut *tx)
            .await?;
    }
    if action == Control::Close && step == Step::Rating {
        refresh_ratings(&mut tx, cycle).await?;
    }
    tx.commit(
        Change::new(action.code(), "cycle", cycle).after(&serde_json::json!({
            "step": step,
            "questions": targets.iter().map(|q| q.id).collect::<Vec<_>>(),
        })),
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Open,
    Close,
    Reveal,
    Hide,
}

impl Control {
    pub fn parse(code: &str) -> Option<Control> {
        match code {
            "open" => Some(Control::Open),
            "close" => Some(Control::Close),
            "reveal" => Some(Control::Reveal),
            "hide" => Some(Control::Hide),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Control::Open => "open_question",
            Control::Close => "close_question",
            Control::Reveal => "reveal_results",
            Control::Hide => "hide_results",
        }
    }
}

/// How many have answered the non-rating questions so far, for the projector's counters.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub phrase_authors: i64,
    pub suggesters: i64,
    pub dotters: i64,
}

pub async fn counts(db: &Db, cycle: i64) -> Result<Counts> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(DISTINCT participant_id) FROM phrases WHERE cycle_id = $1), \
         (SELECT COUNT(DISTINCT participant_id) FROM activities WHERE cycle_id = $1), \
         (SELECT COUNT(DISTINCT d.participant_id) FROM dots d \
          JOIN activities a ON a.id = d.activity_id WHERE a.cycle_id = $1)",
    )
    .bind(cycle)
    .fetch_one(db.read())
    .await?;
    Ok(Counts {
        phrase_authors: row.get(0),
        suggesters: row.get(1),
        dotters: row.get(2),
    })
}
