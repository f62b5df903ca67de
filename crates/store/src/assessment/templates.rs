//! Assessment templates in versions: a draft is edited, a published version is frozen, and a
//! new version starts as a copy of the newest one.

use crate::audit::{Change, Write};
use crate::{Db, Result, StoreError, now};
use serde::Serialize;
use sermphalang_domain::assessment::{Subject, Template, nine_activities, provincial_indicators};
use sermphalang_domain::{FieldError, Invalid};
use sqlx::Row;
use sqlx::any::AnyRow;

/// One version of a template.
#[derive(Debug, Clone, Serialize)]
pub struct Stored {
    pub id: i64,
    /// The id of the template's first version.
    pub family: i64,
    pub version: i64,
    pub example: bool,
    pub published_at: Option<String>,
    pub template: Template,
}

impl Stored {
    pub fn published(&self) -> bool {
        self.published_at.is_some()
    }
}

const COLUMNS: &str = "id, family, version, example, published_at, body";

fn read(row: &AnyRow) -> Result<Stored> {
    let body: String = row.get(5);
    let template = serde_json::from_str(&body)
        .map_err(|e| StoreError::Unusable(format!("assessment template is not readable: {e}")))?;
    Ok(Stored {
        id: row.get(0),
        family: row.get(1),
        version: row.get(2),
        example: row.get::<i64, _>(3) != 0,
        published_at: row.get(4),
        template,
    })
}

fn frozen() -> StoreError {
    StoreError::Invalid(Invalid(vec![FieldError::new(
        "template",
        "เกณฑ์ฉบับนี้เผยแพร่แล้ว แก้ไขไม่ได้ กรุณาสร้างฉบับใหม่",
        "This version is published and cannot be changed: start a new version",
    )]))
}

/// Every version, newest first within each template.
pub async fn list(db: &Db) -> Result<Vec<Stored>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM assessment_templates ORDER BY family, version DESC"
    )))
    .fetch_all(db.read())
    .await?;
    rows.iter().map(read).collect()
}

pub async fn find(db: &Db, id: i64) -> Result<Stored> {
    let mut conn = db.read().acquire().await?;
    find_on(&mut conn, id).await
}

pub(super) async fn find_on(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Stored> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM assessment_templates WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    read(&row)
}

/// The newest published version for a subject: what a new assessment is made against.
pub async fn current(db: &Db, subject: Subject) -> Result<Option<Stored>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM assessment_templates \
         WHERE subject = $1 AND published_at IS NOT NULL \
         ORDER BY published_at DESC, id DESC LIMIT 1"
    )))
    .bind(subject.code())
    .fetch_optional(db.read())
    .await?;
    row.as_ref().map(read).transpose()
}

fn body(template: &Template) -> Result<String> {
    template.validate()?;
    serde_json::to_string(template).map_err(|e| StoreError::Unusable(e.to_string()))
}

async fn insert(
    conn: &mut sqlx::AnyConnection,
    family: Option<i64>,
    version: i64,
    template: &Template,
    example: bool,
    published: bool,
) -> Result<i64> {
    let at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO assessment_templates \
         (family, version, subject, name, body, example, published_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(family)
    .bind(version)
    .bind(template.subject.code())
    .bind(template.name.trim().to_string())
    .bind(body(template)?)
    .bind(i64::from(example))
    .bind(published.then(|| at.clone()))
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    if family.is_none() {
        sqlx::query("UPDATE assessment_templates SET family = id WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

/// A new template, as a draft of version 1.
pub async fn create(tx: &mut Write<'_>, template: &Template) -> Result<i64> {
    let id = insert(tx, None, 1, template, false, false).await?;
    tx.record(Change::new("create", "assessment_template", id).after(template))
        .await?;
    Ok(id)
}

/// Changes a draft; a published version is refused.
pub async fn update(tx: &mut Write<'_>, id: i64, template: &Template) -> Result<()> {
    let before = find_on(tx, id).await?;
    if before.published() {
        return Err(frozen());
    }
    let body = body(template)?;
    // The published_at condition holds even against a publish that raced this edit.
    let done = sqlx::query(
        "UPDATE assessment_templates SET subject = $1, name = $2, body = $3, updated_at = $4 \
         WHERE id = $5 AND published_at IS NULL",
    )
    .bind(template.subject.code())
    .bind(template.name.trim().to_string())
    .bind(body)
    .bind(now())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(frozen());
    }
    tx.record(
        Change::new("update", "assessment_template", id)
            .before(&before.template)
            .after(template),
    )
    .await
}

/// Freezes a draft: from now on assessments may be made against it.
pub async fn publish(tx: &mut Write<'_>, id: i64) -> Result<()> {
    let stored = find_on(tx, id).await?;
    if stored.published() {
        return Err(frozen());
    }
    stored.template.validate()?;
    sqlx::query("UPDATE assessment_templates SET published_at = $1 WHERE id = $2")
        .bind(now())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    tx.record(Change::new("publish", "assessment_template", id))
        .await
}

/// A draft of the next version, copied from the template's newest version.
pub async fn new_version(tx: &mut Write<'_>, id: i64) -> Result<i64> {
    let of = find_on(tx, id).await?;
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM assessment_templates WHERE family = $1 \
         ORDER BY version DESC LIMIT 1"
    )))
    .bind(of.family)
    .fetch_one(&mut **tx)
    .await?;
    let latest = read(&row)?;
    let id = insert(
        tx,
        Some(of.family),
        latest.version + 1,
        &latest.template,
        false,
        false,
    )
    .await
    .map_err(|e| {
        if e.is_unique_violation() {
            StoreError::Conflict
        } else {
            e
        }
    })?;
    tx.record(Change::new("new_version", "assessment_template", id).after(&latest.template))
        .await?;
    Ok(id)
}

/// The shipped schemes, published as editable examples, once.
pub async fn seed(db: &Db) -> Result<()> {
    let mut tx = db.begin().await?;
    let any: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM assessment_templates")
        .fetch_one(&mut *tx)
        .await?;
    if any == 0 {
        let schemes = [
            nine_activities(Subject::Community),
            nine_activities(Subject::Organization),
            nine_activities(Subject::District),
            provincial_indicators(),
        ];
        for template in &schemes {
            insert(&mut tx, None, 1, template, true, true).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
