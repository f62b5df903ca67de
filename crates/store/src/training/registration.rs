//! Registrations: the running number, the ticket, duplicates, the waiting list and its
//! promotion when someone cancels.

use crate::audit::{Actor, Change};
use crate::sql::{self, Record};
use crate::{Db, Result, StoreError, now};
use serde::Serialize;
use sermphalang_domain::registry::Sector;
use sermphalang_domain::training::codes;
use sermphalang_domain::training::registration::{
    RegistrationInput, RegistrationStatus, admit, full_name,
};
use sermphalang_domain::{FieldError, Invalid};
use sermphalang_thai::sort_key;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::event::Event;

#[derive(Debug, Clone, Serialize)]
pub struct Registration {
    pub id: i64,
    pub event_id: i64,
    pub number: i64,
    pub ticket: String,
    pub prefix: String,
    pub first_name: String,
    pub last_name: String,
    pub organization: String,
    pub network: Option<Sector>,
    pub phone: String,
    pub email: String,
    pub status: RegistrationStatus,
    pub walk_in: bool,
    pub created_at: String,
    /// The registry's person this registration was matched with by the secretariat.
    pub person_id: Option<i64>,
}

impl Registration {
    pub fn full_name(&self) -> String {
        full_name(&self.prefix, &self.first_name, &self.last_name)
    }
}

impl Record for Registration {
    const COLUMNS: &'static str = "r.id, r.event_id, r.number, r.ticket, r.prefix, r.first_name, \
         r.last_name, r.organization, r.network_code, r.phone, r.email, r.status, r.walk_in, \
         r.created_at, r.person_id";
    const FROM: &'static str = "FROM registrations r";

    fn from_row(r: &AnyRow) -> Registration {
        Registration {
            id: r.get(0),
            event_id: r.get(1),
            number: r.get(2),
            ticket: r.get(3),
            prefix: r.get(4),
            first_name: r.get(5),
            last_name: r.get(6),
            organization: r.get(7),
            network: r
                .get::<Option<String>, _>(8)
                .and_then(|c| Sector::parse(&c)),
            phone: r.get(9),
            email: r.get(10),
            status: RegistrationStatus::parse(&r.get::<String, _>(11))
                .unwrap_or(RegistrationStatus::Pending),
            walk_in: r.get::<i64, _>(12) != 0,
            created_at: r.get(13),
            person_id: r.get(14),
        }
    }
}

/// An event's registrations in Thai name order; cancelled ones last.
pub async fn list(db: &Db, event: i64) -> Result<Vec<Registration>> {
    let order = "WHERE r.event_id = $1 ORDER BY r.status = 'cancelled', r.sort_key, r.id";
    sql::all(db, order, &[event.into()]).await
}

pub async fn find(db: &Db, event: i64, id: i64) -> Result<Registration> {
    let condition = "WHERE r.id = $1 AND r.event_id = $2";
    sql::one(db, condition, &[id.into(), event.into()]).await
}

/// The registration a ticket belongs to; a malformed ticket is simply not found.
pub async fn by_ticket(db: &Db, ticket: &str) -> Result<Registration> {
    let ticket = codes::parse(ticket).ok_or(StoreError::NotFound)?;
    sql::one(db, "WHERE r.ticket = $1", &[ticket.into()]).await
}

/// How a registration arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// The public form, within the registration window.
    Online,
    /// Staff at the door: confirmed at once, even when the event is full.
    WalkIn,
}

#[derive(Debug, Clone, Serialize)]
pub struct Registered {
    pub id: i64,
    pub ticket: String,
    pub status: RegistrationStatus,
}

/// Takes the event's row lock first (an update that changes nothing), so numbers and places
/// are counted one registration at a time on either backend.
async fn lock_event(tx: &mut AnyConnection, event: i64) -> Result<()> {
    sqlx::query("UPDATE events SET updated_at = updated_at WHERE id = $1")
        .bind(event)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

async fn held(tx: &mut AnyConnection, event: i64) -> Result<u32> {
    let held: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM registrations WHERE event_id = $1 AND status IN ('confirmed', 'pending')",
    )
    .bind(event)
    .fetch_one(&mut *tx)
    .await?;
    Ok(held as u32)
}

pub fn duplicate() -> Invalid {
    Invalid(vec![FieldError::new(
        "duplicate",
        "ชื่อและหมายเลขโทรศัพท์ (หรืออีเมล) นี้ลงทะเบียนงานนี้ไว้แล้ว ดูบัตรของท่านได้จากลิงก์ที่ได้รับตอนลงทะเบียน",
        "This name and phone number (or email) are already registered for this event; your ticket is at the link you received",
    )])
}

pub async fn register(
    db: &Db,
    actor: &Actor,
    event: &Event,
    input: &RegistrationInput,
    channel: Channel,
) -> Result<Registered> {
    if event.cancelled_at.is_some() {
        return Err(Invalid(vec![FieldError::new(
            "event",
            "งานนี้ถูกยกเลิกแล้ว",
            "This event has been cancelled",
        )])
        .into());
    }
    let identity = input.identity();
    let ticket = codes::generate(&mut rand::rng());
    let name = input.full_name();
    let mut tx = db.audited(actor, Some(event.province_code)).await?;
    lock_event(&mut tx, event.id).await?;
    let taken: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM registrations WHERE event_id = $1 AND identity = $2 AND status <> 'cancelled'",
    )
    .bind(event.id)
    .bind(identity.clone())
    .fetch_optional(&mut *tx)
    .await?;
    if taken.is_some() {
        return Err(duplicate().into());
    }
    let status = match channel {
        Channel::Online => admit(
            event.capacity,
            held(&mut tx, event.id).await?,
            event.approval_required,
        ),
        Channel::WalkIn => RegistrationStatus::Confirmed,
    };
    let number: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM registrations WHERE event_id = $1",
    )
    .bind(event.id)
    .fetch_one(&mut *tx)
    .await?;
    let at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO registrations (event_id, number, ticket, prefix, first_name, last_name, \
         sort_key, search_text, identity, organization, network_code, phone, email, status, \
         walk_in, consent_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
         $9, $10, $11, $12, $13, $14, $15, $16, $16, $16) RETURNING id",
    )
    .bind(event.id)
    .bind(number)
    .bind(ticket.clone())
    .bind(input.prefix.clone())
    .bind(input.first_name.clone())
    .bind(input.last_name.clone())
    .bind(sort_key(&format!(
        "{} {}",
        input.first_name, input.last_name
    )))
    .bind(
        format!(
            "{name} {} {} {}",
            input.organization, input.phone, input.email
        )
        .to_lowercase(),
    )
    .bind(identity)
    .bind(input.organization.clone())
    .bind(input.network.map(|n| n.code().to_string()))
    .bind(input.phone.clone())
    .bind(input.email.clone())
    .bind(status.code())
    .bind(i64::from(channel == Channel::WalkIn))
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit(
        Change::new(
            if channel == Channel::WalkIn {
                "walk_in"
            } else {
                "register"
            },
            "registration",
            id,
        )
        .after(
            &serde_json::json!({ "event": event.id, "number": number, "status": status.code() }),
        ),
    )
    .await?;
    Ok(Registered { id, ticket, status })
}

/// Changes a registration's status and, when that frees a place, promotes the oldest on the
/// waiting list. Returns the id promoted, if any.
async fn set_status(
    db: &Db,
    actor: &Actor,
    event: &Event,
    registration: &Registration,
    status: RegistrationStatus,
    action: &str,
) -> Result<Option<i64>> {
    let mut tx = db.audited(actor, Some(event.province_code)).await?;
    lock_event(&mut tx, event.id).await?;
    sqlx::query("UPDATE registrations SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.code())
        .bind(now())
        .bind(registration.id)
        .execute(&mut *tx)
        .await?;
    let mut promoted = None;
    if registration.status.holds_place() && !status.holds_place() {
        promoted = promote(&mut tx, event).await?;
    }
    tx.commit(
        Change::new(action, "registration", registration.id)
            .before(&serde_json::json!({ "status": registration.status.code() }))
            .after(&serde_json::json!({ "status": status.code(), "promoted": promoted })),
    )
    .await?;
    Ok(promoted)
}

async fn promote(tx: &mut AnyConnection, event: &Event) -> Result<Option<i64>> {
    let held = held(tx, event.id).await?;
    if admit(event.capacity, held, false) == RegistrationStatus::Waitlisted {
        return Ok(None);
    }
    let next: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM registrations WHERE event_id = $1 AND status = 'waitlisted' \
         ORDER BY number LIMIT 1",
    )
    .bind(event.id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(id) = next {
        let status = if event.approval_required {
            RegistrationStatus::Pending
        } else {
            RegistrationStatus::Confirmed
        };
        sqlx::query("UPDATE registrations SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status.code())
            .bind(now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(next)
}

/// Cancels a registration (by its owner or staff); the first on the waiting list moves up.
pub async fn cancel(
    db: &Db,
    actor: &Actor,
    event: &Event,
    registration: &Registration,
) -> Result<Option<i64>> {
    if registration.status == RegistrationStatus::Cancelled {
        return Ok(None);
    }
    set_status(
        db,
        actor,
        event,
        registration,
        RegistrationStatus::Cancelled,
        "cancel",
    )
    .await
}

/// Staff approve or reject a registration awaiting approval.
pub async fn decide(
    db: &Db,
    actor: &Actor,
    event: &Event,
    registration: &Registration,
    approve: bool,
) -> Result<Option<i64>> {
    if registration.status != RegistrationStatus::Pending {
        return Err(Invalid(vec![FieldError::new(
            "status",
            "พิจารณาได้เฉพาะผู้ที่รออนุมัติ",
            "Only registrations awaiting approval can be approved or rejected",
        )])
        .into());
    }
    let (status, action) = if approve {
        (RegistrationStatus::Confirmed, "approve")
    } else {
        (RegistrationStatus::Rejected, "reject")
    };
    set_status(db, actor, event, registration, status, action).await
}

/// Corrects the name on a registration (before a certificate is reissued).
pub async fn rename(
    db: &Db,
    actor: &Actor,
    event: &Event,
    registration: &Registration,
    prefix: &str,
    first_name: &str,
    last_name: &str,
) -> Result<()> {
    let identity = sermphalang_domain::training::registration::identity(
        first_name,
        last_name,
        &registration.phone,
        &registration.email,
    );
    let mut tx = db.audited(actor, Some(event.province_code)).await?;
    sqlx::query(
        "UPDATE registrations SET prefix = $1, first_name = $2, last_name = $3, sort_key = $4, \
         identity = $5, updated_at = $6 WHERE id = $7 AND event_id = $8",
    )
    .bind(prefix.to_string())
    .bind(first_name.to_string())
    .bind(last_name.to_string())
    .bind(sort_key(&format!("{first_name} {last_name}")))
    .bind(identity)
    .bind(now())
    .bind(registration.id)
    .bind(event.id)
    .execute(&mut *tx)
    .await?;
    tx.commit(
        Change::new("rename", "registration", registration.id)
            .before(&serde_json::json!({ "name": registration.full_name() }))
            .after(&serde_json::json!({ "name": full_name(prefix, first_name, last_name) })),
    )
    .await?;
    Ok(())
}
