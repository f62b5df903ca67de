//! Empowerment-evaluation working groups, their appointment orders and members.

use crate::archive::{self, Archivable};
use crate::audit::{self, Actor};
use crate::person::full_name;
use crate::time::date;
use crate::{Db, Result, StoreError, files, now};
use chrono::NaiveDate;
use serde::Serialize;
use sermphalang_domain::registry::{MemberInput, MemberRole, WorkingGroupInput};
use sermphalang_thai::sort_key;
use sqlx::AssertSqlSafe;
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, Serialize)]
pub struct WorkingGroup {
    pub id: i64,
    pub province_code: i64,
    pub name: String,
    pub order_number: String,
    pub order_date: Option<NaiveDate>,
    pub order_file_id: Option<i64>,
    pub member_count: i64,
    pub archived_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub id: i64,
    pub person_id: i64,
    pub name: String,
    pub given_name: String,
    pub last_name: String,
    pub position: String,
    pub organization: Option<String>,
    pub role: MemberRole,
    pub term_start: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
}

/// An uploaded appointment order, already checked to be a PDF.
pub struct OrderFile<'a> {
    pub name: &'a str,
    pub data: &'a [u8],
}

const COLUMNS: &str = "g.id, g.province_code, g.name, g.order_number, g.order_date, \
     g.order_file_id, (SELECT COUNT(*) FROM working_group_members m WHERE m.working_group_id = g.id), \
     g.archived_at";

fn from_row(r: &AnyRow) -> WorkingGroup {
    WorkingGroup {
        id: r.get(0),
        province_code: r.get(1),
        name: r.get(2),
        order_number: r.get(3),
        order_date: date(r.get(4)),
        order_file_id: r.get(5),
        member_count: r.get(6),
        archived_at: r.get(7),
    }
}

pub async fn list(db: &Db, province: i64) -> Result<Vec<WorkingGroup>> {
    let rows = sqlx::query(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM working_groups g WHERE g.province_code = $1 \
         ORDER BY g.archived_at IS NOT NULL, g.sort_key, g.id"
    )))
    .bind(province)
    .fetch_all(db.read())
    .await?;
    Ok(rows.iter().map(from_row).collect())
}

pub async fn find(db: &Db, province: i64, id: i64) -> Result<WorkingGroup> {
    let row = sqlx::query(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM working_groups g WHERE g.id = $1 AND g.province_code = $2"
    )))
    .bind(id)
    .bind(province)
    .fetch_optional(db.read())
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok(from_row(&row))
}

/// Members ordered chair first, then vice-chairs, members, and the secretary last, as Thai
/// appointment orders list them.
pub async fn members(db: &Db, group: i64) -> Result<Vec<Member>> {
    let rows = sqlx::query(
        "SELECT m.id, p.id, p.prefix, p.first_name, p.last_name, p.position, o.name, m.role, \
         m.term_start, m.term_end FROM working_group_members m \
         JOIN people p ON p.id = m.person_id \
         LEFT JOIN organizations o ON o.id = p.organization_id \
         WHERE m.working_group_id = $1 ORDER BY p.sort_key, m.id",
    )
    .bind(group)
    .fetch_all(db.read())
    .await?;
    let mut members: Vec<Member> = rows
        .iter()
        .map(|r| Member {
            id: r.get(0),
            person_id: r.get(1),
            name: full_name(r.get(2), r.get(3), r.get(4)),
            given_name: full_name(r.get(2), r.get(3), ""),
            last_name: r.get(4),
            position: r.get(5),
            organization: r.get(6),
            role: MemberRole::parse(r.get::<String, _>(7).as_str()).unwrap_or(MemberRole::Member),
            term_start: date(r.get(8)),
            term_end: date(r.get(9)),
        })
        .collect();
    members.sort_by_key(|m| match m.role {
        MemberRole::Chair => 0,
        MemberRole::ViceChair => 1,
        MemberRole::Member => 2,
        MemberRole::Secretary => 3,
    });
    Ok(members)
}

pub async fn create(
    db: &Db,
    actor: &Actor,
    province: i64,
    input: &WorkingGroupInput,
    order: Option<OrderFile<'_>>,
) -> Result<i64> {
    let mut tx = db.write().begin().await?;
    let file = match order {
        Some(f) => Some(
            files::insert(
                &mut tx,
                province,
                actor.user_id,
                f.name,
                "application/pdf",
                f.data,
            )
            .await?,
        ),
        None => None,
    };
    let at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO working_groups (province_code, name, sort_key, order_number, order_date, \
         order_file_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(province)
    .bind(input.name.clone())
    .bind(sort_key(&input.name))
    .bind(input.order_number.clone())
    .bind(input.order_date.map(|d| d.to_string()))
    .bind(file)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    let after = serde_json::to_value(input).ok();
    audit::record(
        &mut tx,
        actor,
        Some(province),
        "create",
        "working_group",
        Some(id),
        None,
        after,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    input: &WorkingGroupInput,
    order: Option<OrderFile<'_>>,
) -> Result<()> {
    let before = find(db, province, id).await?;
    let mut tx = db.write().begin().await?;
    let file = match order {
        Some(f) => Some(
            files::insert(
                &mut tx,
                province,
                actor.user_id,
                f.name,
                "application/pdf",
                f.data,
            )
            .await?,
        ),
        None => before.order_file_id,
    };
    sqlx::query(
        "UPDATE working_groups SET name = $1, sort_key = $2, order_number = $3, order_date = $4, \
         order_file_id = $5, updated_at = $6 WHERE id = $7 AND province_code = $8",
    )
    .bind(input.name.clone())
    .bind(sort_key(&input.name))
    .bind(input.order_number.clone())
    .bind(input.order_date.map(|d| d.to_string()))
    .bind(file)
    .bind(now())
    .bind(id)
    .bind(province)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Some(province),
        "update",
        "working_group",
        Some(id),
        serde_json::to_value(&before).ok(),
        serde_json::to_value(input).ok(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_member(
    db: &Db,
    actor: &Actor,
    province: i64,
    group: i64,
    input: &MemberInput,
) -> Result<i64> {
    find(db, province, group).await?;
    crate::person::find(db, province, input.person)
        .await
        .map_err(|_| {
            StoreError::Invalid(sermphalang_domain::Invalid(vec![
                sermphalang_domain::FieldError::new(
                    "person",
                    "ไม่พบบุคคลที่เลือกในจังหวัดนี้",
                    "The chosen person is not in this province",
                ),
            ]))
        })?;
    let mut tx = db.write().begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO working_group_members (working_group_id, person_id, role, term_start, \
         term_end) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(group)
    .bind(input.person)
    .bind(input.role.code())
    .bind(input.term_start.map(|d| d.to_string()))
    .bind(input.term_end.map(|d| d.to_string()))
    .fetch_one(&mut *tx)
    .await?;
    let after = serde_json::to_value(input).ok();
    audit::record(
        &mut tx,
        actor,
        Some(province),
        "add_member",
        "working_group",
        Some(group),
        None,
        after,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn remove_member(
    db: &Db,
    actor: &Actor,
    province: i64,
    group: i64,
    member: i64,
) -> Result<()> {
    find(db, province, group).await?;
    let mut tx = db.write().begin().await?;
    let done =
        sqlx::query("DELETE FROM working_group_members WHERE id = $1 AND working_group_id = $2")
            .bind(member)
            .bind(group)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    let before = serde_json::json!({ "member_id": member });
    audit::record(
        &mut tx,
        actor,
        Some(province),
        "remove_member",
        "working_group",
        Some(group),
        Some(before),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_archived(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    archived: bool,
) -> Result<()> {
    archive::set(db, actor, province, Archivable::WorkingGroup, id, archived).await
}
