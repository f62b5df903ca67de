//! Organizations of a province and the networks they belong to.

use super::networks::{self, Links};
use crate::archive::{self, Archivable};
use crate::audit::{Actor, Change, Write};
use crate::page::Filter;
use crate::search::{self, Kind};
use crate::sql::{self, Columns, Record, Value};
use crate::{Backend, Db, Page, PageRequest, Result, StoreError, now};
use serde::Serialize;
use sermphalang_domain::registry::{OrgInput, OrgKind, Sector};
use sermphalang_domain::{FieldError, Invalid};
use sermphalang_thai::sort_key;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Organization {
    pub id: i64,
    pub province_code: i64,
    pub district_code: i64,
    pub name: String,
    pub kind: OrgKind,
    pub sectors: Vec<Sector>,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub created_at: String,
    pub updated_at: String,
    pub archived_at: Option<String>,
}

/// What a list shows of an organization; fewer columns keep a page of 50 cheap to read.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OrgSummary {
    pub id: i64,
    pub district_code: i64,
    pub name: String,
    pub kind: OrgKind,
    pub sectors: Vec<Sector>,
    pub phone: String,
    pub email: String,
    pub archived: bool,
}

#[derive(Debug, Clone, Default)]
pub struct OrgFilter {
    pub q: String,
    pub sector: Option<Sector>,
    pub district: Option<i64>,
    pub kind: Option<OrgKind>,
    pub archived: bool,
}

impl Record for Organization {
    const COLUMNS: &'static str = "o.id, o.province_code, o.district_code, o.name, o.kind, \
         o.phone, o.email, o.address, o.created_at, o.updated_at, o.archived_at";
    const FROM: &'static str = "FROM organizations o";

    fn from_row(r: &AnyRow) -> Organization {
        Organization {
            id: r.get(0),
            province_code: r.get(1),
            district_code: r.get(2),
            name: r.get(3),
            kind: OrgKind::parse(r.get::<String, _>(4).as_str()).unwrap_or(OrgKind::Community),
            sectors: Vec::new(),
            phone: r.get(5),
            email: r.get(6),
            address: r.get(7),
            created_at: r.get(8),
            updated_at: r.get(9),
            archived_at: r.get(10),
        }
    }
}

fn filtered(province: i64, filter: &OrgFilter) -> Filter {
    let mut f = Filter::new(&format!(
        "{} WHERE o.province_code = $1",
        Organization::FROM
    ));
    f.binds.push(Value::from(province));
    f.sql.push_str(if filter.archived {
        " AND o.archived_at IS NOT NULL"
    } else {
        " AND o.archived_at IS NULL"
    });
    if !filter.q.trim().is_empty() {
        let (clause, binds) = search::matching_refs(
            province,
            Kind::Organization,
            filter.archived,
            "o.id",
            &filter.q,
        );
        f.and_all(&clause, binds);
    }
    if let Some(s) = filter.sector {
        f.and(
            "EXISTS (SELECT 1 FROM organization_sectors s WHERE s.organization_id = o.id \
             AND s.sector_code = ?)",
            Value::from(s.code()),
        );
    }
    if let Some(d) = filter.district {
        f.and("o.district_code = ?", Value::from(d));
    }
    if let Some(k) = filter.kind {
        f.and("o.kind = ?", Value::from(k.code()));
    }
    f
}

/// One page of the province's organizations in Thai order.
pub async fn list(
    db: &Db,
    province: i64,
    filter: &OrgFilter,
    page: PageRequest,
) -> Result<Page<OrgSummary>> {
    let f = filtered(province, filter);
    let total = f.count(db).await?;
    if page.offset() >= total {
        return Ok(Page {
            items: Vec::new(),
            total,
            page: page.page,
            per_page: page.per_page,
        });
    }
    let (f, offset) = match f.deep_page(db, page, "o.sort_key", "o.id").await? {
        Some(deep) => deep,
        None => (f, page.offset()),
    };
    let sql = page_sql(db.backend, &f, page);
    let key = format!("{sql} {:?} {offset}", f.binds);
    let read = async {
        let row = f.query(&sql).bind(offset).fetch_one(db.read()).await?;
        Ok(row.get::<Option<String>, _>(0))
    };
    let json = db.cached_page(key, read).await?;
    type PageRow = (
        i64,
        i64,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<PageRow> = serde_json::from_str(json.as_deref().unwrap_or("[]"))
        .map_err(|e| StoreError::Unusable(format!("organization page unreadable: {e}")))?;
    let items = rows
        .into_iter()
        .map(
            |(id, district_code, name, kind, phone, email, archived_at, sectors)| {
                let mut sectors: Vec<Sector> = sectors
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(Sector::parse)
                    .collect();
                sectors.sort();
                OrgSummary {
                    id,
                    district_code,
                    name,
                    kind: OrgKind::parse(&kind).unwrap_or(OrgKind::Community),
                    sectors,
                    phone,
                    email,
                    archived: archived_at.is_some(),
                }
            },
        )
        .collect();
    Ok(Page {
        items,
        total,
        page: page.page,
        per_page: page.per_page,
    })
}

/// The query for one page, as one JSON value: with sqlx's per-row and per-value costs, this
/// makes a page of 50 about 40% cheaper to read than 50 rows joined to their sectors.
fn page_sql(backend: Backend, f: &Filter, page: PageRequest) -> String {
    let (agg, array, concat, text) = match backend {
        Backend::Sqlite => ("json_group_array", "json_array", "group_concat", ""),
        Backend::Postgres => ("json_agg", "json_build_array", "string_agg", "::text"),
    };
    format!(
        "SELECT {agg}({array}(o.id, o.district_code, o.name, o.kind, o.phone, o.email, \
         o.archived_at, (SELECT {concat}(s.sector_code, ',') FROM organization_sectors s \
         WHERE s.organization_id = o.id)) ORDER BY o.sort_key, o.id){text} \
         FROM (SELECT o.id, o.district_code, o.name, o.kind, o.phone, o.email, o.archived_at, \
         o.sort_key {} ORDER BY o.sort_key, o.id {}) o",
        f.sql,
        page.limit_offset(f.binds.len() + 1)
    )
}

/// Every organization the filter selects, with all columns, for exports.
pub async fn list_full(db: &Db, province: i64, filter: &OrgFilter) -> Result<Vec<Organization>> {
    let f = filtered(province, filter);
    let sql = format!(
        "SELECT {} {} ORDER BY o.sort_key, o.id",
        Organization::COLUMNS,
        f.sql
    );
    let rows = f.query(&sql).fetch_all(db.read()).await?;
    let mut items: Vec<Organization> = rows.iter().map(Organization::from_row).collect();
    for chunk in items.chunks_mut(500) {
        attach_sectors(db, chunk).await?;
    }
    Ok(items)
}

async fn attach_sectors(db: &Db, items: &mut [Organization]) -> Result<()> {
    let ids: Vec<i64> = items.iter().map(|o| o.id).collect();
    let mut by_id = networks::read(db, Links::Organization, &ids).await?;
    for o in items.iter_mut() {
        o.sectors = by_id.remove(&o.id).unwrap_or_default();
    }
    Ok(())
}

/// One organization of the province; another province's id is simply not found.
pub async fn find(db: &Db, province: i64, id: i64) -> Result<Organization> {
    let condition = "WHERE o.id = $1 AND o.province_code = $2";
    let mut items = vec![sql::one(db, condition, &[id.into(), province.into()]).await?];
    attach_sectors(db, &mut items).await?;
    Ok(items.remove(0))
}

/// Ids and names of the province's active organizations, in Thai order, for choosers.
pub async fn options(db: &Db, province: i64) -> Result<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "SELECT id, name FROM organizations WHERE province_code = $1 AND archived_at IS NULL \
         ORDER BY sort_key, id",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

pub async fn create(db: &Db, actor: &Actor, province: i64, input: &OrgInput) -> Result<i64> {
    let mut tx = db.audited(actor, Some(province)).await?;
    let id = insert(&mut tx, province, input).await?;
    tx.commit_recorded().await?;
    Ok(id)
}

/// The organization's own columns, listed once for insert and update.
fn columns(input: &OrgInput, at: &str) -> Columns {
    Columns::new()
        .set("district_code", input.district)
        .set("name", &input.name)
        .set("sort_key", sort_key(&input.name))
        .set("kind", input.kind.code())
        .set("phone", &input.phone)
        .set("email", &input.email)
        .set("address", &input.address)
        .set("updated_at", at)
}

/// Inserts within the caller's transaction, so imports are all or nothing.
pub async fn insert(tx: &mut Write<'_>, province: i64, input: &OrgInput) -> Result<i64> {
    let at = now();
    let id = columns(input, &at)
        .set("province_code", province)
        .set("created_at", &at)
        .insert(tx, "organizations")
        .await
        .map_err(duplicate_name)?;
    networks::write(tx, Links::Organization, id, &input.sectors).await?;
    search::refresh(tx, Kind::Organization, id).await?;
    tx.record(Change::new("create", "organization", id).after(input))
        .await?;
    Ok(id)
}

pub async fn update(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    input: &OrgInput,
) -> Result<()> {
    let before = find(db, province, id).await?;
    let mut tx = db.audited(actor, Some(province)).await?;
    columns(input, &now())
        .update(
            &mut tx,
            "organizations",
            "id = ? AND province_code = ?",
            &[id.into(), province.into()],
        )
        .await
        .map_err(duplicate_name)?;
    networks::write(&mut tx, Links::Organization, id, &input.sectors).await?;
    search::refresh(&mut tx, Kind::Organization, id).await?;
    refresh_members(&mut tx, id).await?;
    tx.commit(
        Change::new("update", "organization", id)
            .before(&before)
            .after(input),
    )
    .await?;
    Ok(())
}

/// People are also found by their organization's name, so a renamed organization's people are
/// indexed again.
async fn refresh_members(tx: &mut Write<'_>, organization: i64) -> Result<()> {
    let people: Vec<i64> = sqlx::query_scalar("SELECT id FROM people WHERE organization_id = $1")
        .bind(organization)
        .fetch_all(&mut **tx)
        .await?;
    for person in people {
        search::refresh(tx, Kind::Person, person).await?;
    }
    Ok(())
}

pub async fn set_archived(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    archived: bool,
) -> Result<()> {
    archive::set(db, actor, province, Archivable::Organization, id, archived).await
}

/// Names already used in a district of the province, to find duplicates before importing.
pub async fn existing_names(db: &Db, province: i64) -> Result<Vec<(i64, String)>> {
    let rows =
        sqlx::query("SELECT district_code, name FROM organizations WHERE province_code = $1")
            .bind(province)
            .fetch_all(db.read())
            .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// Organization counts of the province per sector network (active only).
pub async fn count_by_sector(db: &Db, province: i64) -> Result<Vec<(Sector, i64)>> {
    let rows = sqlx::query(
        "SELECT s.sector_code, COUNT(*) FROM organization_sectors s \
         JOIN organizations o ON o.id = s.organization_id \
         WHERE o.province_code = $1 AND o.archived_at IS NULL GROUP BY s.sector_code",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?;
    let counts: HashMap<String, i64> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    Ok(Sector::ALL
        .iter()
        .map(|s| (*s, counts.get(s.code()).copied().unwrap_or(0)))
        .collect())
}

fn duplicate_name(e: sqlx::Error) -> StoreError {
    let err = StoreError::from(e);
    if err.is_unique_violation() {
        StoreError::Invalid(Invalid(vec![FieldError::new(
            "name",
            "มีหน่วยงานชื่อนี้ในอำเภอเดียวกันอยู่แล้ว",
            "An organization with this name already exists in the district",
        )]))
    } else {
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite's plan for a page under a filter. (Sorting the 50 rows of the page into the JSON
    /// array is expected; sorting the province's rows is not.)
    async fn plan(db: &Db, filter: &OrgFilter) -> String {
        let f = filtered(41, filter);
        let sql = format!(
            "EXPLAIN QUERY PLAN {}",
            page_sql(db.backend, &f, PageRequest::new(Some(3)))
        );
        let rows = f
            .query(&sql)
            .bind(100_i64)
            .fetch_all(db.read())
            .await
            .unwrap();
        let details: Vec<String> = rows.iter().map(|r| r.get::<String, _>(3)).collect();
        details.join("\n")
    }

    #[tokio::test]
    async fn filtered_pages_read_their_own_index_in_thai_order() {
        let t = crate::testing::sqlite().await;
        let cases = [
            (OrgFilter::default(), "organizations_list"),
            (
                OrgFilter {
                    district: Some(4101),
                    ..Default::default()
                },
                "organizations_district",
            ),
            (
                OrgFilter {
                    kind: Some(OrgKind::Education),
                    ..Default::default()
                },
                "organizations_kind",
            ),
        ];
        for (filter, index) in cases {
            let plan = plan(&t.db, &filter).await;
            assert!(
                plan.contains(index),
                "{filter:?} should use {index}:\n{plan}"
            );
            assert!(
                !plan.contains("B-TREE FOR ORDER BY") && !plan.contains("PART OF ORDER BY"),
                "{filter:?} sorts the province:\n{plan}"
            );
        }
    }
}
