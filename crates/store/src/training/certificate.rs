//! Certificates: issued only to those who completed, numbered per event, each with a code that
//! keeps its history through a reissue under a corrected name and a revocation.

use crate::audit::{Actor, Change};
use crate::dashboard::tallies::{self, Tally};
use crate::sql;
use crate::time::date;
use crate::{Db, Result, StoreError, now};
use chrono::NaiveDate;
use serde::Serialize;
use sermphalang_domain::training::codes;
use sermphalang_domain::training::{Record, Unmet};
use sermphalang_domain::{FieldError, Invalid};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::event::Event;
use super::registration::Registration;

/// What one participant did and whether it completes the event.
#[derive(Debug, Clone, Serialize)]
pub struct Standing {
    pub registration_id: i64,
    pub attended: u32,
    pub sessions: u32,
    pub evaluated: bool,
    #[serde(skip)]
    pub unmet: Vec<Unmet>,
}

impl Standing {
    pub fn completed(&self) -> bool {
        self.unmet.is_empty()
    }
}

async fn record(tx: &mut AnyConnection, event: &Event, registration: i64) -> Result<Record> {
    let sessions: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM event_sessions WHERE event_id = $1")
            .bind(event.id)
            .fetch_one(&mut *tx)
            .await?;
    let attended: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM attendance a JOIN event_sessions s ON s.id = a.session_id \
         WHERE a.registration_id = $1 AND s.event_id = $2",
    )
    .bind(registration)
    .bind(event.id)
    .fetch_one(&mut *tx)
    .await?;
    let evaluated: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM feedback WHERE registration_id = $1")
            .bind(registration)
            .fetch_one(&mut *tx)
            .await?;
    Ok(Record {
        attended: attended as u32,
        sessions: sessions as u32,
        evaluated: evaluated > 0,
    })
}

/// Every registration that holds a place, with how far it is from completing.
pub async fn standings(db: &Db, event: &Event) -> Result<Vec<Standing>> {
    let sessions: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM event_sessions WHERE event_id = $1")
            .bind(event.id)
            .fetch_one(db.read())
            .await?;
    let counts = super::attendance::counts(db, event.id).await?;
    let evaluated = super::feedback::submitted(db, event.id).await?;
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM registrations WHERE event_id = $1 AND status IN ('confirmed', 'pending') \
         ORDER BY id",
    )
    .bind(event.id)
    .fetch_all(db.read())
    .await?;
    Ok(ids
        .into_iter()
        .map(|id| {
            let record = Record {
                attended: counts.iter().find(|c| c.0 == id).map_or(0, |c| c.1),
                sessions: sessions as u32,
                evaluated: evaluated.contains(&id),
            };
            Standing {
                registration_id: id,
                attended: record.attended,
                sessions: record.sessions,
                evaluated: record.evaluated,
                unmet: event.completion.unmet(&record),
            }
        })
        .collect())
}

#[derive(Debug, Clone, Serialize)]
pub struct Certificate {
    pub id: i64,
    pub event_id: i64,
    pub registration_id: i64,
    pub number: i64,
    pub code: String,
    pub name: String,
    pub issued_at: String,
    pub revoked_at: Option<String>,
    pub revoked_reason: Option<String>,
}

impl Certificate {
    pub fn is_valid(&self) -> bool {
        self.revoked_at.is_none()
    }
}

impl sql::Record for Certificate {
    const COLUMNS: &'static str =
        "id, event_id, registration_id, number, code, name, issued_at, revoked_at, revoked_reason";
    const FROM: &'static str = "FROM certificates";

    fn from_row(r: &AnyRow) -> Certificate {
        Certificate {
            id: r.get(0),
            event_id: r.get(1),
            registration_id: r.get(2),
            number: r.get(3),
            code: r.get(4),
            name: r.get(5),
            issued_at: r.get(6),
            revoked_at: r.get(7),
            revoked_reason: r.get(8),
        }
    }
}

pub async fn list(db: &Db, event: i64) -> Result<Vec<Certificate>> {
    sql::all(db, "WHERE event_id = $1 ORDER BY number", &[event.into()]).await
}

pub async fn for_registration(db: &Db, registration: i64) -> Result<Option<Certificate>> {
    sql::optional(db, "WHERE registration_id = $1", &[registration.into()]).await
}

pub async fn find(db: &Db, event: i64, id: i64) -> Result<Certificate> {
    let condition = "WHERE id = $1 AND event_id = $2";
    sql::one(db, condition, &[id.into(), event.into()]).await
}

/// The stored PDF of a certificate.
pub async fn pdf(db: &Db, id: i64) -> Result<Vec<u8>> {
    sqlx::query_scalar("SELECT pdf FROM certificates WHERE id = $1")
        .bind(id)
        .fetch_optional(db.read())
        .await?
        .ok_or(StoreError::NotFound)
}

/// The number and code the next certificate of the event will carry. Rendering happens between
/// this and [`issue`]; if another issue takes the number first, `issue` refuses and the caller
/// asks again.
pub async fn next(db: &Db, event: i64) -> Result<(i64, String)> {
    let number: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM certificates WHERE event_id = $1",
    )
    .bind(event)
    .fetch_one(db.read())
    .await?;
    Ok((number, codes::generate(&mut rand::rng())))
}

fn refused(unmet: &[Unmet]) -> Invalid {
    let th: Vec<String> = unmet.iter().map(Unmet::th).collect();
    let en: Vec<String> = unmet.iter().map(Unmet::en).collect();
    Invalid(vec![FieldError::new(
        "certificate",
        format!("ยังไม่ผ่านเกณฑ์: {}", th.join("; ")),
        format!("Has not completed: {}", en.join("; ")),
    )])
}

/// Why issuing failed in a way the caller can retry with a new number.
pub fn is_taken_number(err: &StoreError) -> bool {
    matches!(err, StoreError::Conflict) || err.is_unique_violation()
}

/// Stores a certificate rendered with `number` and `code`, after checking again, in the same
/// transaction, that the person completed the event and has none yet.
pub async fn issue(
    db: &Db,
    actor: &Actor,
    event: &Event,
    registration: &Registration,
    number: i64,
    code: &str,
    pdf: &[u8],
) -> Result<i64> {
    let name = registration.full_name();
    let mut tx = db.audited(actor, Some(event.province_code)).await?;
    sqlx::query("UPDATE events SET updated_at = updated_at WHERE id = $1")
        .bind(event.id)
        .execute(&mut *tx)
        .await?;
    if !registration.status.holds_place() {
        return Err(Invalid(vec![FieldError::new(
            "certificate",
            format!(
                "ออกเกียรติบัตรไม่ได้: สถานะการลงทะเบียนคือ \"{}\"",
                registration.status.label_th()
            ),
            format!(
                "Cannot issue: the registration is \"{}\"",
                registration.status.label_en()
            ),
        )])
        .into());
    }
    let unmet = event
        .completion
        .unmet(&record(&mut tx, event, registration.id).await?);
    if !unmet.is_empty() {
        return Err(refused(&unmet).into());
    }
    let existing: Option<i64> =
        sqlx::query_scalar("SELECT id FROM certificates WHERE registration_id = $1")
            .bind(registration.id)
            .fetch_optional(&mut *tx)
            .await?;
    if existing.is_some() {
        return Err(Invalid(vec![FieldError::new(
            "certificate",
            "ออกเกียรติบัตรให้ผู้นี้แล้ว",
            "A certificate has already been issued to this person",
        )])
        .into());
    }
    let taken: Option<i64> =
        sqlx::query_scalar("SELECT id FROM certificates WHERE event_id = $1 AND number = $2")
            .bind(event.id)
            .bind(number)
            .fetch_optional(&mut *tx)
            .await?;
    if taken.is_some() {
        return Err(StoreError::Conflict);
    }
    let at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO certificates (event_id, registration_id, number, code, name, pdf, issued_at, \
         issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(event.id)
    .bind(registration.id)
    .bind(number)
    .bind(code.to_string())
    .bind(name.clone())
    .bind(pdf.to_vec())
    .bind(at.clone())
    .bind(actor.user_id)
    .fetch_one(&mut *tx)
    .await?;
    history(&mut tx, actor, id, "issued", &name, "", &at).await?;
    tallies::add(
        &mut tx,
        &tallies::certificate_place(event.province_code, &at),
        Tally::certificate(),
    )
    .await?;
    tx.commit(
        Change::new("issue", "certificate", id)
            .after(&serde_json::json!({ "number": number, "name": name })),
    )
    .await?;
    Ok(id)
}

async fn history(
    tx: &mut AnyConnection,
    actor: &Actor,
    certificate: i64,
    action: &str,
    name: &str,
    reason: &str,
    at: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO certificate_events (certificate_id, action, name, reason, at, by_user) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(certificate)
    .bind(action.to_string())
    .bind(name.to_string())
    .bind(reason.to_string())
    .bind(at.to_string())
    .bind(actor.user_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

fn reason_required(reason: &str) -> Result<String> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 300 {
        return Err(Invalid(vec![FieldError::new(
            "reason",
            "กรุณาระบุเหตุผล (ไม่เกิน 300 ตัวอักษร)",
            "Give a reason (at most 300 characters)",
        )])
        .into());
    }
    Ok(reason.to_string())
}

pub async fn revoke(
    db: &Db,
    actor: &Actor,
    event: &Event,
    certificate: &Certificate,
    reason: &str,
) -> Result<()> {
    let reason = reason_required(reason)?;
    if !certificate.is_valid() {
        return Ok(());
    }
    let at = now();
    let mut tx = db.audited(actor, Some(event.province_code)).await?;
    let revoked = sqlx::query(
        "UPDATE certificates SET revoked_at = $1, revoked_reason = $2 \
         WHERE id = $3 AND revoked_at IS NULL",
    )
    .bind(at.clone())
    .bind(reason.clone())
    .bind(certificate.id)
    .execute(&mut *tx)
    .await?;
    if revoked.rows_affected() == 0 {
        return Ok(());
    }
    tallies::add(
        &mut tx,
        &tallies::certificate_place(event.province_code, &certificate.issued_at),
        Tally::certificate().times(-1),
    )
    .await?;
    history(
        &mut tx,
        actor,
        certificate.id,
        "revoked",
        &certificate.name,
        &reason,
        &at,
    )
    .await?;
    tx.commit(
        Change::new("revoke", "certificate", certificate.id)
            .after(&serde_json::json!({ "reason": reason })),
    )
    .await?;
    Ok(())
}

/// Replaces the PDF under the same number and code, e.g. after a name correction; the code's
/// history keeps the old name. A revoked certificate becomes valid again only this way.
pub async fn reissue(
    db: &Db,
    actor: &Actor,
    event: &Event,
    certificate: &Certificate,
    name: &str,
    reason: &str,
    pdf: &[u8],
) -> Result<()> {
    let reason = reason_required(reason)?;
    let at = now();
    let mut tx = db.audited(actor, Some(event.province_code)).await?;
    let restored = sqlx::query(
        "UPDATE certificates SET revoked_at = NULL, revoked_reason = NULL \
         WHERE id = $1 AND revoked_at IS NOT NULL",
    )
    .bind(certificate.id)
    .execute(&mut *tx)
    .await?;
    if restored.rows_affected() == 1 {
        tallies::add(
            &mut tx,
            &tallies::certificate_place(event.province_code, &certificate.issued_at),
            Tally::certificate(),
        )
        .await?;
    }
    sqlx::query(
        "UPDATE certificates SET name = $1, pdf = $2, revoked_at = NULL, revoked_reason = NULL \
         WHERE id = $3",
    )
    .bind(name.to_string())
    .bind(pdf.to_vec())
    .bind(certificate.id)
    .execute(&mut *tx)
    .await?;
    history(
        &mut tx,
        actor,
        certificate.id,
        "reissued",
        name,
        &reason,
        &at,
    )
    .await?;
    tx.commit(
        Change::new("reissue", "certificate", certificate.id)
            .before(&serde_json::json!({ "name": certificate.name }))
            .after(&serde_json::json!({ "name": name, "reason": reason })),
    )
    .await?;
    Ok(())
}

/// What the public verification page shows: no contact details, nothing else personal.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub code: String,
    pub number: i64,
    pub name: String,
    pub event_title: String,
    pub event_kind: String,
    pub starts_on: String,
    pub ends_on: String,
    pub certificate_date: Option<String>,
    pub province: String,
    pub issuer: Vec<String>,
    pub issued_at: String,
    pub revoked_at: Option<String>,
    pub revoked_reason: Option<String>,
    pub history: Vec<HistoryEntry>,
}

impl Verification {
    /// The date the certificate bears, as on the certificate itself.
    pub fn certificate_day(&self) -> Option<NaiveDate> {
        date(self.certificate_date.clone()).or_else(|| date(Some(self.ends_on.clone())))
    }

    /// The number as printed on the certificate: `0007/2565`.
    pub fn number_text(&self) -> String {
        match self.certificate_day() {
            Some(day) => codes::certificate_number(self.number, day),
            None => format!("{:04}", self.number),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub action: String,
    pub name: String,
    pub reason: String,
    pub at: String,
}

/// Looks a code up for the public; a malformed code is not found, like an unknown one.
pub async fn verify(db: &Db, raw: &str) -> Result<Verification> {
    let code = codes::parse(raw).ok_or(StoreError::NotFound)?;
    let row = sqlx::query(
        "SELECT c.id, c.code, c.number, c.name, e.title, e.kind, e.starts_on, e.ends_on, \
         e.certificate_date, p.name_th, c.issued_at, c.revoked_at, c.revoked_reason, e.id \
         FROM certificates c JOIN events e ON e.id = c.event_id \
         JOIN provinces p ON p.code = e.province_code WHERE c.code = $1",
    )
    .bind(code)
    .fetch_optional(db.read())
    .await?
    .ok_or(StoreError::NotFound)?;
    let id: i64 = row.get(0);
    let history = sqlx::query(
        "SELECT action, name, reason, at FROM certificate_events WHERE certificate_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.read())
    .await?
    .iter()
    .map(|r| HistoryEntry {
        action: r.get(0),
        name: r.get(1),
        reason: r.get(2),
        at: r.get(3),
    })
    .collect();
    let issuer = super::event::organizers(db, row.get(13))
        .await?
        .into_iter()
        .map(|o| o.name)
        .collect();
    Ok(Verification {
        code: row.get(1),
        number: row.get(2),
        name: row.get(3),
        event_title: row.get(4),
        event_kind: row.get(5),
        starts_on: row.get(6),
        ends_on: row.get(7),
        certificate_date: row.get(8),
        province: row.get(9),
        issuer,
        issued_at: row.get(10),
        revoked_at: row.get(11),
        revoked_reason: row.get(12),
        history,
    })
}
