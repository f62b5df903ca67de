//! Registrations matched with people of the registry: the secretariat links a participant to
//! the person they are (suggested by name and phone), and a person's page then lists their
//! trainings and certificates.

use super::registration::{self, Registration};
use crate::audit::{Actor, Change};
use crate::{Db, Result, StoreError};
use serde::Serialize;
use sermphalang_domain::registry::titles::full_name;
use sermphalang_domain::training::registration::RegistrationStatus;
use sqlx::Row;

/// A person of the registry who may be the one registered, and why they were suggested.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    pub person_id: i64,
    pub name: String,
    pub same_name: bool,
    pub same_phone: bool,
}

fn digits(phone: &str) -> String {
    sermphalang_thai::to_arabic_digits(phone)
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

/// People of the province with the registration's given name and surname, or its phone
/// number however it was written; the closest first.
pub async fn suggestions(db: &Db, province: i64, r: &Registration) -> Result<Vec<Suggestion>> {
    let rows = sqlx::query(
        "SELECT id, prefix, first_name, last_name, phone FROM people \
         WHERE province_code = $1 AND archived_at IS NULL",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?;
    let phone = digits(&r.phone);
    let mut found: Vec<Suggestion> = rows
        .iter()
        .filter_map(|row| {
            let first: String = row.get(2);
            let last: String = row.get(3);
            let same_name =
                first.trim() == r.first_name.trim() && last.trim() == r.last_name.trim();
            let same_phone = phone.len() >= 9 && digits(&row.get::<String, _>(4)) == phone;
            (same_name || same_phone).then(|| Suggestion {
                person_id: row.get(0),
                name: full_name(&row.get::<String, _>(1), &first, &last),
                same_name,
                same_phone,
            })
        })
        .collect();
    found.sort_by_key(|s| std::cmp::Reverse(u8::from(s.same_name) + u8::from(s.same_phone)));
    Ok(found)
}

/// Links a registration to a person of the same province, or unlinks it (`None`).
pub async fn link(
    db: &Db,
    actor: &Actor,
    province: i64,
    event: i64,
    registration_id: i64,
    person: Option<i64>,
) -> Result<()> {
    super::event::find(db, province, event).await?;
    let before = registration::find(db, event, registration_id).await?;
    if let Some(p) = person {
        crate::registry::person::find(db, province, p)
            .await
            .map_err(|_| {
                StoreError::Invalid(sermphalang_domain::Invalid(vec![
                    sermphalang_domain::FieldError::new(
                        "person",
                        "บุคคลต้องอยู่ในทะเบียนของจังหวัดนี้",
                        "The person must be in this province's registry",
                    ),
                ]))
            })?;
    }
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query("UPDATE registrations SET person_id = $1 WHERE id = $2 AND event_id = $3")
        .bind(person)
        .bind(registration_id)
        .bind(event)
        .execute(&mut *tx)
        .await?;
    tx.commit(
        Change::new("link_person", "registration", registration_id)
            .before(&serde_json::json!({ "person": before.person_id }))
            .after(&serde_json::json!({ "person": person })),
    )
    .await?;
    Ok(())
}

/// One training a person took part in, with the certificate they hold for it.
#[derive(Debug, Clone, Serialize)]
pub struct Training {
    pub event_id: i64,
    pub title: String,
    pub starts_on: chrono::NaiveDate,
    pub status: RegistrationStatus,
    pub certificate: Option<String>,
}

pub async fn trainings(db: &Db, province: i64, person: i64) -> Result<Vec<Training>> {
    let rows = sqlx::query(
        "SELECT e.id, e.title, e.starts_on, r.status, c.code FROM registrations r \
         JOIN events e ON e.id = r.event_id \
         LEFT JOIN certificates c ON c.registration_id = r.id AND c.revoked_at IS NULL \
         WHERE r.person_id = $1 AND e.province_code = $2 ORDER BY e.starts_on DESC, e.id DESC",
    )
    .bind(person)
    .bind(province)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| Training {
            event_id: r.get(0),
            title: r.get(1),
            starts_on: crate::time::date(r.get(2)).unwrap_or_default(),
            status: RegistrationStatus::parse(&r.get::<String, _>(3))
                .unwrap_or(RegistrationStatus::Pending),
            certificate: r.get(4),
        })
        .collect())
}
