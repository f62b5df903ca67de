//! People of a province's networks: only the personal data the work needs, with the consent
//! under which it was recorded (PDPA).

use super::networks::{self, Links};
use crate::archive::{self, Archivable};
use crate::audit::{Actor, Change, Write};
use crate::page::Filter;
use crate::search::{self, Kind};
use crate::sql::{self, Columns, Record, Value};
use crate::{Db, Page, PageRequest, Result, StoreError, now};
use serde::Serialize;
use sermphalang_domain::registry::{PersonInput, Sector};
use sermphalang_domain::{FieldError, Invalid};
use sermphalang_thai::sort_key;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    pub province_code: i64,
    pub prefix: String,
    pub first_name: String,
    pub last_name: String,
    pub position: String,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub networks: Vec<Sector>,
    pub phone: String,
    pub email: String,
    pub consent_at: String,
    pub created_at: String,
    pub updated_at: String,
    pub archived_at: Option<String>,
}

impl Person {
    /// The name as Thai writes it: the prefix joined to the given name, then the surname.
    pub fn full_name(&self) -> String {
        full_name(&self.prefix, &self.first_name, &self.last_name)
    }

    /// The prefix and given name, which pages keep on one line.
    pub fn given_name(&self) -> String {
        full_name(&self.prefix, &self.first_name, "")
    }
}

pub use sermphalang_domain::registry::titles::full_name;

#[derive(Debug, Clone, Default)]
pub struct PersonFilter {
    pub q: String,
    pub network: Option<Sector>,
    pub organization: Option<i64>,
    pub archived: bool,
}

impl Record for Person {
    const COLUMNS: &'static str = "p.id, p.province_code, p.prefix, p.first_name, p.last_name, \
         p.position, p.organization_id, o.name, p.phone, p.email, p.consent_at, p.created_at, \
         p.updated_at, p.archived_at";
    const FROM: &'static str =
        "FROM people p LEFT JOIN organizations o ON o.id = p.organization_id";

    fn from_row(r: &AnyRow) -> Person {
        Person {
            id: r.get(0),
            province_code: r.get(1),
            prefix: r.get(2),
            first_name: r.get(3),
            last_name: r.get(4),
            position: r.get(5),
            organization_id: r.get(6),
            organization_name: r.get(7),
            networks: Vec::new(),
            phone: r.get(8),
            email: r.get(9),
            consent_at: r.get(10),
            created_at: r.get(11),
            updated_at: r.get(12),
            archived_at: r.get(13),
        }
    }
}

fn sort_name(input: &PersonInput) -> String {
    format!("{} {}", input.first_name, input.last_name)
}

pub async fn list(
    db: &Db,
    province: i64,
    filter: &PersonFilter,
    page: PageRequest,
) -> Result<Page<Person>> {
    let mut f = Filter::new(&format!("{} WHERE p.province_code = $1", Person::FROM));
    f.binds.push(Value::from(province));
    f.sql.push_str(if filter.archived {
        " AND p.archived_at IS NOT NULL"
    } else {
        " AND p.archived_at IS NULL"
    });
    if !filter.q.trim().is_empty() {
        let (clause, binds) =
            search::matching_refs(province, Kind::Person, filter.archived, "p.id", &filter.q);
        f.and_all(&clause, binds);
    }
    if let Some(n) = filter.network {
        f.and(
            "EXISTS (SELECT 1 FROM person_networks n WHERE n.person_id = p.id AND n.sector_code = ?)",
            Value::from(n.code()),
        );
    }
    if let Some(o) = filter.organization {
        f.and("p.organization_id = ?", Value::from(o));
    }
    let total = f.count(db).await?;
    let n = f.binds.len();
    let sql = format!(
        "SELECT {} {} ORDER BY p.sort_key, p.id {}",
        Person::COLUMNS,
        f.sql,
        page.limit_offset(n + 1)
    );
    let rows = f
        .query(&sql)
        .bind(page.offset())
        .fetch_all(db.read())
        .await?;
    let mut items: Vec<Person> = rows.iter().map(Person::from_row).collect();
    attach_networks(db, &mut items).await?;
    Ok(Page {
        items,
        total,
        page: page.page,
        per_page: page.per_page,
    })
}

async fn attach_networks(db: &Db, items: &mut [Person]) -> Result<()> {
    let ids: Vec<i64> = items.iter().map(|p| p.id).collect();
    let mut by_id = networks::read(db, Links::Person, &ids).await?;
    for p in items.iter_mut() {
        p.networks = by_id.remove(&p.id).unwrap_or_default();
    }
    Ok(())
}

pub async fn find(db: &Db, province: i64, id: i64) -> Result<Person> {
    let condition = "WHERE p.id = $1 AND p.province_code = $2";
    let mut items = vec![sql::one(db, condition, &[id.into(), province.into()]).await?];
    attach_networks(db, &mut items).await?;
    Ok(items.remove(0))
}

/// Ids and display names of the province's active people, in Thai order, for choosers.
pub async fn options(db: &Db, province: i64) -> Result<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "SELECT id, prefix, first_name, last_name FROM people \
         WHERE province_code = $1 AND archived_at IS NULL ORDER BY sort_key, id",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| {
            let name = full_name(r.get(1), r.get(2), r.get(3));
            (r.get(0), name)
        })
        .collect())
}

pub async fn create(db: &Db, actor: &Actor, province: i64, input: &PersonInput) -> Result<i64> {
    let mut tx = db.audited(actor, Some(province)).await?;
    let id = insert(&mut tx, province, input).await?;
    tx.commit_recorded().await?;
    Ok(id)
}

/// The person's own columns, listed once for insert and update.
fn columns(input: &PersonInput, at: &str) -> Columns {
    Columns::new()
        .set("prefix", &input.prefix)
        .set("first_name", &input.first_name)
        .set("last_name", &input.last_name)
        .set("sort_key", sort_key(&sort_name(input)))
        .set("position", &input.position)
        .set("organization_id", input.organization)
        .set("phone", &input.phone)
        .set("email", &input.email)
        .set("updated_at", at)
}

/// Inserts within the caller's transaction, so imports are all or nothing.
pub async fn insert(tx: &mut Write<'_>, province: i64, input: &PersonInput) -> Result<i64> {
    check_organization(tx, province, input.organization).await?;
    let at = now();
    let recorded_by = tx.actor().user_id;
    let id = columns(input, &at)
        .set("province_code", province)
        .set("consent_at", &at)
        .set("consent_recorded_by", recorded_by)
        .set("created_at", &at)
        .insert(tx, "people")
        .await?;
    networks::write(tx, Links::Person, id, &input.networks).await?;
    search::refresh(tx, Kind::Person, id).await?;
    tx.record(Change::new("create", "person", id).after(input))
        .await?;
    Ok(id)
}

pub async fn update(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    input: &PersonInput,
) -> Result<()> {
    let before = find(db, province, id).await?;
    let mut tx = db.audited(actor, Some(province)).await?;
    check_organization(&mut tx, province, input.organization).await?;
    columns(input, &now())
        .update(
            &mut tx,
            "people",
            "id = ? AND province_code = ?",
            &[id.into(), province.into()],
        )
        .await?;
    networks::write(&mut tx, Links::Person, id, &input.networks).await?;
    search::refresh(&mut tx, Kind::Person, id).await?;
    tx.commit(
        Change::new("update", "person", id)
            .before(&before)
            .after(input),
    )
    .await?;
    Ok(())
}

pub async fn set_archived(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    archived: bool,
) -> Result<()> {
    archive::set(db, actor, province, Archivable::Person, id, archived).await
}

async fn check_organization(
    tx: &mut AnyConnection,
    province: i64,
    organization: Option<i64>,
) -> Result<()> {
    let Some(org) = organization else {
        return Ok(());
    };
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM organizations WHERE id = $1 AND province_code = $2")
            .bind(org)
            .bind(province)
            .fetch_optional(&mut *tx)
            .await?;
    if found.is_none() {
        return Err(StoreError::Invalid(Invalid(vec![FieldError::new(
            "organization",
            "ไม่พบหน่วยงานที่เลือกในจังหวัดนี้",
            "The chosen organization is not in this province",
        )])));
    }
    Ok(())
}

/// Everything stored about a person, for a data-subject request under the PDPA.
pub async fn personal_data(db: &Db, province: i64, id: i64) -> Result<serde_json::Value> {
    let person = find(db, province, id).await?;
    let memberships = sqlx::query(
        "SELECT g.name, m.role, m.term_start, m.term_end FROM working_group_members m \
         JOIN working_groups g ON g.id = m.working_group_id WHERE m.person_id = $1",
    )
    .bind(id)
    .fetch_all(db.read())
    .await?
    .iter()
    .map(|r| {
        serde_json::json!({
            "working_group": r.get::<String, _>(0),
            "role": r.get::<String, _>(1),
            "term_start": r.get::<Option<String>, _>(2),
            "term_end": r.get::<Option<String>, _>(3),
        })
    })
    .collect::<Vec<_>>();
    let history = sqlx::query(
        "SELECT at, user_email, action FROM audit_log WHERE entity = 'person' AND entity_id = $1 \
         ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.read())
    .await?
    .iter()
    .map(|r| {
        serde_json::json!({
            "at": r.get::<String, _>(0),
            "by": r.get::<String, _>(1),
            "action": r.get::<String, _>(2),
        })
    })
    .collect::<Vec<_>>();
    // Registrations the secretariat matched with this person: what they gave when registering.
    let registrations = sqlx::query(
        "SELECT e.title, e.starts_on, r.prefix, r.first_name, r.last_name, r.organization, \
         r.phone, r.email, r.status, r.created_at FROM registrations r \
         JOIN events e ON e.id = r.event_id WHERE r.person_id = $1 AND e.province_code = $2 \
         ORDER BY e.starts_on",
    )
    .bind(id)
    .bind(province)
    .fetch_all(db.read())
    .await?
    .iter()
    .map(|r| {
        serde_json::json!({
            "event": r.get::<String, _>(0),
            "starts_on": r.get::<String, _>(1),
            "name_as_registered": full_name(
                &r.get::<String, _>(2), &r.get::<String, _>(3), &r.get::<String, _>(4)),
            "organization": r.get::<String, _>(5),
            "phone": r.get::<String, _>(6),
            "email": r.get::<String, _>(7),
            "status": r.get::<String, _>(8),
            "registered_at": r.get::<String, _>(9),
        })
    })
    .collect::<Vec<_>>();
    Ok(serde_json::json!({
        "person": person,
        "working_group_memberships": memberships,
        "training_registrations": registrations,
        "changes": history,
    }))
}

/// Erases a person at their request: the record, their memberships and the personal data kept
/// in earlier audit entries. The audit log keeps that an erasure happened, and by whom.
pub async fn erase(db: &Db, actor: &Actor, province: i64, id: i64) -> Result<()> {
    find(db, province, id).await?;
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query("DELETE FROM working_group_members WHERE person_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    // Their registrations stay the event's record; only the link to the person goes.
    sqlx::query("UPDATE registrations SET person_id = NULL WHERE person_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM person_networks WHERE person_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM people WHERE id = $1 AND province_code = $2")
        .bind(id)
        .bind(province)
        .execute(&mut *tx)
        .await?;
    search::refresh(&mut tx, Kind::Person, id).await?;
    sqlx::query(
        "UPDATE audit_log SET before_json = NULL, after_json = NULL \
         WHERE entity = 'person' AND entity_id = $1",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit(Change::new("erase", "person", id)).await?;
    Ok(())
}
