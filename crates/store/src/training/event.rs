//! Events with their sessions, organizers and certificate artwork.

use crate::audit::{Actor, Change};
use crate::search::{self, Kind};
use crate::sql::{self, Columns, Record};
use crate::time::date;
use crate::{Db, Result, now};
use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;
use sermphalang_domain::training::event::{EventInput, EventKind, SessionInput};
use sermphalang_domain::training::{AttendanceRule, CompletionRule};
use sermphalang_domain::{FieldError, Invalid};
use sermphalang_thai::sort_key;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub id: i64,
    pub province_code: i64,
    pub title: String,
    pub kind: EventKind,
    pub description: String,
    pub venue: String,
    pub capacity: Option<u32>,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    pub approval_required: bool,
    pub published: bool,
    pub completion: CompletionRule,
    pub certificate_date: Option<NaiveDate>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub cancelled_at: Option<String>,
    /// The evaluation cycle whose workshop this event is.
    pub cycle_id: Option<i64>,
    /// Registrations holding a place (confirmed or awaiting approval).
    pub held: i64,
    pub waitlisted: i64,
}

impl Event {
    /// The date certificates carry: the one set, or the last day of the event.
    pub fn certificate_day(&self) -> NaiveDate {
        self.certificate_date.unwrap_or(self.ends_on)
    }

    /// Its last day is past: nothing is cancelled any more, only certified.
    pub fn is_finished(&self, today: NaiveDate) -> bool {
        self.ends_on < today
    }

    pub fn is_full(&self) -> bool {
        self.capacity.is_some_and(|c| self.held >= i64::from(c))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Session {
    pub id: i64,
    pub position: i64,
    pub held_on: NaiveDate,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub title: String,
}

impl Record for Event {
    const COLUMNS: &'static str = "e.id, e.province_code, e.title, e.kind, e.description, e.venue, e.capacity, \
     e.opens_on, e.closes_on, e.approval_required, e.published, e.rule_kind, e.rule_value, \
     e.evaluation_required, e.certificate_date, e.starts_on, e.ends_on, e.cancelled_at, \
     (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id \
        AND r.status IN ('confirmed', 'pending')), \
     (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted'), \
     e.cycle_id";
    const FROM: &'static str = "FROM events e";

    fn from_row(r: &AnyRow) -> Event {
        let rule_value = r.get::<i64, _>(12);
        let attendance = match r.get::<String, _>(11).as_str() {
            "sessions" => AttendanceRule::Sessions(rule_value as u32),
            _ => AttendanceRule::Percent(rule_value.clamp(1, 100) as u8),
        };
        let starts_on = date(r.get(15)).unwrap_or_default();
        Event {
            id: r.get(0),
            province_code: r.get(1),
            title: r.get(2),
            kind: EventKind::parse(&r.get::<String, _>(3)).unwrap_or(EventKind::Training),
            description: r.get(4),
            venue: r.get(5),
            capacity: r.get::<Option<i64>, _>(6).map(|c| c as u32),
            opens_on: date(r.get(7)),
            closes_on: date(r.get(8)),
            approval_required: r.get::<i64, _>(9) != 0,
            published: r.get::<i64, _>(10) != 0,
            completion: CompletionRule {
                attendance,
                evaluation_required: r.get::<i64, _>(13) != 0,
            },
            certificate_date: date(r.get(14)),
            starts_on,
            ends_on: date(r.get(16)).unwrap_or(starts_on),
            cancelled_at: r.get(17),
            held: r.get(18),
            waitlisted: r.get(19),
            cycle_id: r.get(20),
        }
    }
}

/// The events held as a cycle's workshop, the latest first.
pub async fn of_cycle(db: &Db, province: i64, cycle: i64) -> Result<Vec<Event>> {
    let order = "WHERE e.province_code = $1 AND e.cycle_id = $2 ORDER BY e.starts_on DESC";
    sql::all(db, order, &[province.into(), cycle.into()]).await
}

/// A province's events, the coming and latest first.
pub async fn list(db: &Db, province: i64) -> Result<Vec<Event>> {
    let order = "WHERE e.province_code = $1 ORDER BY e.starts_on DESC, e.id DESC";
    sql::all(db, order, &[province.into()]).await
}

pub async fn find(db: &Db, province: i64, id: i64) -> Result<Event> {
    let condition = "WHERE e.id = $1 AND e.province_code = $2";
    sql::one(db, condition, &[id.into(), province.into()]).await
}

/// An event by id alone, for pages reached by a ticket, which names no province.
pub async fn find_any(db: &Db, id: i64) -> Result<Event> {
    sql::one(db, "WHERE e.id = $1", &[id.into()]).await
}

/// A published event, for the public page; unpublished events do not exist to the public.
pub async fn find_published(db: &Db, id: i64) -> Result<Event> {
    sql::one(db, "WHERE e.id = $1 AND e.published = 1", &[id.into()]).await
}

pub async fn sessions(db: &Db, event: i64) -> Result<Vec<Session>> {
    let rows = sqlx::query(
        "SELECT id, position, held_on, starts_at, ends_at, title FROM event_sessions \
         WHERE event_id = $1 ORDER BY position",
    )
    .bind(event)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| Session {
            id: r.get(0),
            position: r.get(1),
            held_on: date(r.get(2)).unwrap_or_default(),
            starts: time(&r.get::<String, _>(3)),
            ends: time(&r.get::<String, _>(4)),
            title: r.get(5),
        })
        .collect())
}

fn time(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap_or_default()
}

#[derive(Debug, Clone, Serialize)]
pub struct Organizer {
    pub id: i64,
    pub name: String,
}

pub async fn organizers(db: &Db, event: i64) -> Result<Vec<Organizer>> {
    let rows = sqlx::query(
        "SELECT o.id, o.name FROM event_organizers eo JOIN organizations o \
         ON o.id = eo.organization_id WHERE eo.event_id = $1 ORDER BY eo.position",
    )
    .bind(event)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| Organizer {
            id: r.get(0),
            name: r.get(1),
        })
        .collect())
}

/// The organizations and the evaluation cycle an event names must be its province's.
async fn check_references(db: &Db, province: i64, input: &EventInput) -> Result<()> {
    let mut errors = Invalid::default();
    if let Some(cycle) = input.cycle
        && crate::evaluation::cycle::find(db, province, cycle)
            .await
            .is_err()
    {
        errors.push(FieldError::new(
            "cycle",
            "รอบการประเมินต้องเป็นของจังหวัดนี้",
            "The evaluation cycle must be this province's",
        ));
    }
    for org in &input.organizers {
        if crate::registry::org::find(db, province, *org)
            .await
            .is_err()
        {
            errors.push(FieldError::new(
                "organizers",
                "หน่วยงานผู้จัดต้องเป็นองค์กรในทะเบียนของจังหวัดนี้",
                "Organizers must be organizations in this province's registry",
            ));
            break;
        }
    }
    Ok(errors.into_result(|| ())?)
}

fn rule_columns(rule: &CompletionRule) -> (&'static str, i64) {
    match rule.attendance {
        AttendanceRule::Sessions(n) => ("sessions", i64::from(n)),
        AttendanceRule::Percent(p) => ("percent", i64::from(p)),
    }
}

fn span(sessions: &[SessionInput]) -> (String, String) {
    let first = sessions.iter().map(|s| s.date).min().unwrap_or_default();
    let last = sessions.iter().map(|s| s.date).max().unwrap_or(first);
    (first.to_string(), last.to_string())
}

/// The event's own columns, listed once for insert and update.
fn columns(input: &EventInput, at: &str) -> Columns {
    let (rule_kind, rule_value) = rule_columns(&input.completion);
    let (starts_on, ends_on) = span(&input.sessions);
    Columns::new()
        .set("title", &input.title)
        .set("sort_key", sort_key(&input.title))
        .set("kind", input.kind.code())
        .set("description", &input.description)
        .set("venue", &input.venue)
        .set("capacity", input.capacity.map(i64::from))
        .set("opens_on", input.opens_on)
        .set("closes_on", input.closes_on)
        .set("approval_required", input.approval_required)
        .set("published", input.published)
        .set("rule_kind", rule_kind)
        .set("rule_value", rule_value)
        .set("evaluation_required", input.completion.evaluation_required)
        .set("certificate_date", input.certificate_date)
        .set("cycle_id", input.cycle)
        .set("starts_on", starts_on)
        .set("ends_on", ends_on)
        .set("updated_at", at)
}

pub async fn create(db: &Db, actor: &Actor, province: i64, input: &EventInput) -> Result<i64> {
    check_references(db, province, input).await?;
    let at = now();
    let mut tx = db.audited(actor, Some(province)).await?;
    let id = columns(input, &at)
        .set("province_code", province)
        .set("created_at", &at)
        .insert(&mut tx, "events")
        .await?;
    write_children(&mut tx, id, input, &[]).await?;
    search::refresh(&mut tx, Kind::Event, id).await?;
    tx.commit(Change::new("create", "event", id).after(input))
        .await?;
    Ok(id)
}

/// Organizers, and sessions matched by position: a session that already has attendance keeps
/// its id (and its attendance); removing it is refused.
async fn write_children(
    tx: &mut AnyConnection,
    event: i64,
    input: &EventInput,
    existing: &[Session],
) -> Result<()> {
    sqlx::query("DELETE FROM event_organizers WHERE event_id = $1")
        .bind(event)
        .execute(&mut *tx)
        .await?;
    for (position, org) in input.organizers.iter().enumerate() {
        sqlx::query(
            "INSERT INTO event_organizers (event_id, organization_id, position) VALUES ($1, $2, $3)",
        )
        .bind(event)
        .bind(*org)
        .bind(position as i64)
        .execute(&mut *tx)
        .await?;
    }
    for (position, session) in input.sessions.iter().enumerate() {
        let values = (
            session.date.to_string(),
            session.starts.format("%H:%M").to_string(),
            session.ends.format("%H:%M").to_string(),
            session.title.clone(),
        );
        let query = match existing.get(position) {
            Some(old) => sqlx::query(
                "UPDATE event_sessions SET held_on = $1, starts_at = $2, ends_at = $3, title = $4 \
                 WHERE id = $5",
            )
            .bind(values.0)
            .bind(values.1)
            .bind(values.2)
            .bind(values.3)
            .bind(old.id),
            None => sqlx::query(
                "INSERT INTO event_sessions (held_on, starts_at, ends_at, title, event_id, position) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(values.0)
            .bind(values.1)
            .bind(values.2)
            .bind(values.3)
            .bind(event)
            .bind(position as i64),
        };
        query.execute(&mut *tx).await?;
    }
    for old in existing.iter().skip(input.sessions.len()) {
        let attended: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM attendance WHERE session_id = $1")
                .bind(old.id)
                .fetch_one(&mut *tx)
                .await?;
        if attended > 0 {
            return Err(Invalid(vec![FieldError::new(
                "sessions",
                format!(
                    "ลบช่วงที่ {} ไม่ได้ เพราะมีผู้ลงทะเบียนเข้าร่วมช่วงนั้นแล้ว",
                    old.position + 1
                ),
                format!(
                    "Session {} has check-ins and cannot be removed",
                    old.position + 1
                ),
            )])
            .into());
        }
        sqlx::query("DELETE FROM event_sessions WHERE id = $1")
            .bind(old.id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

pub async fn update(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    input: &EventInput,
) -> Result<()> {
    let before = find(db, province, id).await?;
    check_references(db, province, input).await?;
    let existing = sessions(db, id).await?;
    let mut tx = db.audited(actor, Some(province)).await?;
    columns(input, &now())
        .update(
            &mut tx,
            "events",
            "id = ? AND province_code = ?",
            &[id.into(), province.into()],
        )
        .await?;
    write_children(&mut tx, id, input, &existing).await?;
    search::refresh(&mut tx, Kind::Event, id).await?;
    tx.commit(
        Change::new("update", "event", id)
            .before(&before)
            .after(input),
    )
    .await?;
    Ok(())
}

/// Cancels an event (registration stops; tickets and records stay) or undoes that.
pub async fn set_cancelled(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    cancelled: bool,
) -> Result<()> {
    let before = find(db, province, id).await?;
    let at = cancelled.then(now);
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query(
        "UPDATE events SET cancelled_at = $1, updated_at = $2 WHERE id = $3 AND province_code = $4",
    )
    .bind(at.clone())
    .bind(now())
    .bind(id)
    .bind(province)
    .execute(&mut *tx)
    .await?;
    search::refresh(&mut tx, Kind::Event, id).await?;
    tx.commit(
        Change::new(if cancelled { "cancel" } else { "restore" }, "event", id)
            .before(&serde_json::json!({ "cancelled_at": before.cancelled_at }))
            .after(&serde_json::json!({ "cancelled_at": at })),
    )
    .await?;
    Ok(())
}
