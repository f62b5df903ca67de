//! Check-in at the door: one row per person and session, so a second scan is reported with
//! the time of the first instead of counted again.

use crate::audit::Actor;
use crate::{Db, Result, StoreError, now};
use serde::Serialize;
use sermphalang_domain::training::codes;
use sqlx::Row;

use super::event::Event;

/// How an attendance was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Scan,
    Search,
    WalkIn,
}

impl Method {
    pub fn code(self) -> &'static str {
        match self {
            Method::Scan => "scan",
            Method::Search => "search",
            Method::WalkIn => "walk_in",
        }
    }

    pub fn parse(code: &str) -> Option<Method> {
        [Method::Scan, Method::Search, Method::WalkIn]
            .into_iter()
            .find(|m| m.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum CheckIn {
    Recorded {
        registration: i64,
        name: String,
        at: String,
    },
    /// Already checked in to this session; `at` is the first time.
    Already {
        registration: i64,
        name: String,
        at: String,
    },
    /// A ticket of a cancelled, rejected or waiting-list registration.
    NotAdmitted {
        registration: i64,
        name: String,
        status: String,
    },
    Unknown,
}

/// Where the ticket or registration is: by the ticket code scanned or typed, or by id from the
/// name search.
#[derive(Debug, Clone)]
pub enum Who {
    Ticket(String),
    Registration(i64),
}

/// Records attendance. `at` is when the scan happened, which may be earlier than now for a
/// check-in made offline and synchronised later.
pub async fn check_in(
    db: &Db,
    actor: &Actor,
    event: &Event,
    session: i64,
    who: &Who,
    method: Method,
    at: Option<String>,
) -> Result<CheckIn> {
    let in_event: Option<i64> =
        sqlx::query_scalar("SELECT id FROM event_sessions WHERE id = $1 AND event_id = $2")
            .bind(session)
            .bind(event.id)
            .fetch_optional(db.read())
            .await?;
    if in_event.is_none() {
        return Err(StoreError::NotFound);
    }
    let found = match who {
        Who::Ticket(raw) => match codes::parse(raw) {
            Some(ticket) => {
                sqlx::query(
                    "SELECT id, prefix, first_name, last_name, status FROM registrations \
                 WHERE ticket = $1 AND event_id = $2",
                )
                .bind(ticket)
                .bind(event.id)
                .fetch_optional(db.read())
                .await?
            }
            None => None,
        },
        Who::Registration(id) => {
            sqlx::query(
                "SELECT id, prefix, first_name, last_name, status FROM registrations \
             WHERE id = $1 AND event_id = $2",
            )
            .bind(*id)
            .bind(event.id)
            .fetch_optional(db.read())
            .await?
        }
    };
    let Some(row) = found else {
        return Ok(CheckIn::Unknown);
    };
    let registration: i64 = row.get(0);
    let name = sermphalang_domain::training::registration::full_name(
        &row.get::<String, _>(1),
        &row.get::<String, _>(2),
        &row.get::<String, _>(3),
    );
    let status: String = row.get(4);
    if !matches!(status.as_str(), "confirmed" | "pending") {
        return Ok(CheckIn::NotAdmitted {
            registration,
            name,
            status,
        });
    }
    let at = at.unwrap_or_else(now);
    let mut tx = db.begin().await?;
    // Insert-if-absent in one statement, so two devices scanning at once still count once.
    let inserted = sqlx::query(
        "INSERT INTO attendance (registration_id, session_id, checked_in_at, checked_in_by, method) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (registration_id, session_id) DO NOTHING",
    )
    .bind(registration)
    .bind(session)
    .bind(at.clone())
    .bind(actor.user_id)
    .bind(method.code())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        let first: String = sqlx::query_scalar(
            "SELECT checked_in_at FROM attendance WHERE registration_id = $1 AND session_id = $2",
        )
        .bind(registration)
        .bind(session)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(CheckIn::Already {
            registration,
            name,
            at: first,
        });
    }
    // A person awaiting approval who is let in at the door is confirmed by that.
    if status == "pending" {
        sqlx::query("UPDATE registrations SET status = 'confirmed', updated_at = $1 WHERE id = $2")
            .bind(now())
            .bind(registration)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(CheckIn::Recorded {
        registration,
        name,
        at,
    })
}

/// Removes a mistaken check-in.
pub async fn undo(db: &Db, event: &Event, session: i64, registration: i64) -> Result<()> {
    sqlx::query(
        "DELETE FROM attendance WHERE session_id = $1 AND registration_id = $2 \
         AND registration_id IN (SELECT id FROM registrations WHERE event_id = $3)",
    )
    .bind(session)
    .bind(registration)
    .bind(event.id)
    .execute(db.write())
    .await?;
    Ok(())
}

/// One person on the door's roster, with the sessions already checked in.
#[derive(Debug, Clone, Serialize)]
pub struct RosterEntry {
    pub id: i64,
    pub number: i64,
    pub ticket: String,
    pub name: String,
    pub organization: String,
    pub status: String,
    pub sessions: Vec<i64>,
}

/// Everyone who may come in (confirmed or awaiting approval), with their check-ins: what the
/// door needs to keep working offline.
pub async fn roster(db: &Db, event: i64) -> Result<Vec<RosterEntry>> {
    let rows = sqlx::query(
        "SELECT id, number, ticket, prefix, first_name, last_name, organization, status \
         FROM registrations WHERE event_id = $1 AND status IN ('confirmed', 'pending') \
         ORDER BY sort_key, id",
    )
    .bind(event)
    .fetch_all(db.read())
    .await?;
    let checked = sqlx::query(
        "SELECT a.registration_id, a.session_id FROM attendance a JOIN registrations r \
         ON r.id = a.registration_id WHERE r.event_id = $1",
    )
    .bind(event)
    .fetch_all(db.read())
    .await?;
    let mut entries: Vec<RosterEntry> = rows
        .iter()
        .map(|r| RosterEntry {
            id: r.get(0),
            number: r.get(1),
            ticket: r.get(2),
            name: sermphalang_domain::training::registration::full_name(
                &r.get::<String, _>(3),
                &r.get::<String, _>(4),
                &r.get::<String, _>(5),
            ),
            organization: r.get(6),
            status: r.get(7),
            sessions: Vec::new(),
        })
        .collect();
    for row in &checked {
        let (registration, session): (i64, i64) = (row.get(0), row.get(1));
        if let Some(entry) = entries.iter_mut().find(|e| e.id == registration) {
            entry.sessions.push(session);
        }
    }
    Ok(entries)
}

/// Sessions attended per registration of the event.
pub async fn counts(db: &Db, event: i64) -> Result<Vec<(i64, u32)>> {
    let rows = sqlx::query(
        "SELECT a.registration_id, COUNT(*) FROM attendance a JOIN registrations r \
         ON r.id = a.registration_id WHERE r.event_id = $1 GROUP BY a.registration_id",
    )
    .bind(event)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get::<i64, _>(1) as u32))
        .collect())
}
