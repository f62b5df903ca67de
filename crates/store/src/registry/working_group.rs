//! Empowerment-evaluation working groups, their appointment orders and members.

use crate::archive::{self, Archivable};
use crate::audit::{Actor, Change, Write};
use crate::registry::person::full_name;
use crate::sql::{self, Columns, Record};
use crate::time::date;
use crate::{Db, Result, StoreError, files, now};
use chrono::NaiveDate;
use serde::Serialize;
use sermphalang_domain::registry::{MemberInput, MemberRole, WorkingGroupInput};
use sermphalang_thai::sort_key;
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

impl Record for WorkingGroup {
    const COLUMNS: &'static str = "g.id, g.province_code, g.name, g.order_number, g.order_date, \
         g.order_file_id, \
         (SELECT COUNT(*) FROM working_group_members m WHERE m.working_group_id = g.id), \
         g.archived_at";
    const FROM: &'static str = "FROM working_groups g";

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
}

pub async fn list(db: &Db, province: i64) -> Result<Vec<WorkingGroup>> {
    let order = "WHERE g.province_code = $1 ORDER BY g.archived_at IS NOT NULL, g.sort_key, g.id";
    sql::all(db, order, &[province.into()]).await
}

pub async fn find(db: &Db, province: i64, id: i64) -> Result<WorkingGroup> {
    let condition = "WHERE g.id = $1 AND g.province_code = $2";
    sql::one(db, condition, &[id.into(), province.into()]).await
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

/// The working group's own columns, listed once for insert and update.
fn columns(input: &WorkingGroupInput, file: Option<i64>, at: &str) -> Columns {
    Columns::new()
        .set("name", &input.name)
        .set("sort_key", sort_key(&input.name))
        .set("order_number", &input.order_number)
        .set("order_date", input.order_date)
        .set("order_file_id", file)
        .set("updated_at", at)
}

/// Stores a newly uploaded appointment order, or keeps the one there was.
async fn store_order(
    tx: &mut Write<'_>,
    province: i64,
    order: Option<OrderFile<'_>>,
    kept: Option<i64>,
) -> Result<Option<i64>> {
    let Some(f) = order else {
        return Ok(kept);
    };
    let user = tx.actor().user_id;
    let id = files::insert(tx, province, user, f.name, "application/pdf", f.data).await?;
    Ok(Some(id))
}

pub async fn create(
    db: &Db,
    actor: &Actor,
    province: i64,
    input: &WorkingGroupInput,
    order: Option<OrderFile<'_>>,
) -> Result<i64> {
    let mut tx = db.audited(actor, Some(province)).await?;
    let file = store_order(&mut tx, province, order, None).await?;
    let at = now();
    let id = columns(input, file, &at)
        .set("province_code", province)
        .set("created_at", &at)
        .insert(&mut tx, "working_groups")
        .await?;
    tx.commit(Change::new("create", "working_group", id).after(input))
        .await?;
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
    let mut tx = db.audited(actor, Some(province)).await?;
    let file = store_order(&mut tx, province, order, before.order_file_id).await?;
    columns(input, file, &now())
        .update(
            &mut tx,
            "working_groups",
            "id = ? AND province_code = ?",
            &[id.into(), province.into()],
        )
        .await?;
    tx.commit(
        Change::new("update", "working_group", id)
            .before(&before)
            .after(input),
    )
    .await?;
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
    crate::registry::person::find(db, province, input.person)
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
    let mut tx = db.audited(actor, Some(province)).await?;
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
    tx.commit(Change::new("add_member", "working_group", group).after(input))
        .await?;
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
    let mut tx = db.audited(actor, Some(province)).await?;
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
    tx.commit(Change::new("remove_member", "working_group", group).before(&before))
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
    archive::set(db, actor, province, Archivable::WorkingGroup, id, archived).await
}

/// A person's places in the province's working groups: the group's id and name, and the role.
pub async fn roles_of(
    db: &Db,
    province: i64,
    person: i64,
) -> Result<Vec<(i64, String, MemberRole)>> {
    let rows = sqlx::query(
        "SELECT g.id, g.name, m.role FROM working_group_members m \
         JOIN working_groups g ON g.id = m.working_group_id \
         WHERE m.person_id = $1 AND g.province_code = $2 ORDER BY g.sort_key, g.id",
    )
    .bind(person)
    .bind(province)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            Some((
                r.get(0),
                r.get(1),
                MemberRole::parse(&r.get::<String, _>(2))?,
            ))
        })
        .collect())
}
