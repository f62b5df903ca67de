//! Photos as evidence: three stored sizes of each (a capped original, a display size, a
//! thumbnail), each kept as a file in the file store, made by the photo pipeline before they
//! reach here.

use crate::audit::{Change, Write};
use crate::{Db, Result, StoreError, files, now};
use serde::Serialize;
use sqlx::Row;

/// One size of a photo as the pipeline made it: JPEG bytes without metadata.
pub struct Size<'a> {
    pub width: u32,
    pub height: u32,
    pub jpeg: &'a [u8],
}

pub struct NewPhoto<'a> {
    pub original: Size<'a>,
    pub display: Size<'a>,
    pub thumbnail: Size<'a>,
    pub caption: &'a str,
    /// Whether the people in it agreed to its being published.
    pub consent: bool,
}

/// One size of a photo, owned: what the photo pipeline hands over.
#[derive(Debug, Clone)]
pub struct OwnedSize {
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
}

/// The three sizes of a photo the pipeline made.
#[derive(Debug, Clone)]
pub struct Made {
    pub original: OwnedSize,
    pub display: OwnedSize,
    pub thumbnail: OwnedSize,
}

impl<'a> NewPhoto<'a> {
    pub fn from_made(made: &'a Made, caption: &'a str, consent: bool) -> NewPhoto<'a> {
        let size = |s: &'a OwnedSize| Size {
            width: s.width,
            height: s.height,
            jpeg: &s.jpeg,
        };
        NewPhoto {
            original: size(&made.original),
            display: size(&made.display),
            thumbnail: size(&made.thumbnail),
            caption,
            consent,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Photo {
    pub id: i64,
    pub report_id: Option<i64>,
    pub caption: String,
    pub consent: bool,
    pub width: i64,
    pub height: i64,
    pub display_width: i64,
    pub display_height: i64,
    pub thumbnail_width: i64,
    pub thumbnail_height: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Original,
    Display,
    Thumbnail,
}

impl Which {
    pub fn parse(code: &str) -> Option<Which> {
        match code {
            "original" => Some(Which::Original),
            "display" => Some(Which::Display),
            "thumbnail" => Some(Which::Thumbnail),
            _ => None,
        }
    }

    pub(crate) fn column(self) -> &'static str {
        match self {
            Which::Original => "original_file_id",
            Which::Display => "display_file_id",
            Which::Thumbnail => "thumbnail_file_id",
        }
    }
}

/// Stores the three sizes and the photo's row in `tx`, after the report's other photos; a
/// gallery's photo has no report.
pub async fn add(
    tx: &mut Write<'_>,
    province: i64,
    report: impl Into<Option<i64>>,
    photo: &NewPhoto<'_>,
) -> Result<i64> {
    let report = report.into();
    let user = tx.actor().user_id;
    let mut ids = Vec::with_capacity(3);
    for (name, size) in [
        ("original.jpg", &photo.original),
        ("display.jpg", &photo.display),
        ("thumbnail.jpg", &photo.thumbnail),
    ] {
        ids.push(files::insert(tx, province, user, name, "image/jpeg", size.jpeg).await?);
    }
    let position: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM photos WHERE report_id = $1",
    )
    .bind(report)
    .fetch_one(&mut **tx)
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO photos (province_code, report_id, position, caption, consent, \
         original_file_id, display_file_id, thumbnail_file_id, width, height, display_width, \
         display_height, thumbnail_width, thumbnail_height, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
    )
    .bind(province)
    .bind(report)
    .bind(position)
    .bind(photo.caption.to_string())
    .bind(i64::from(photo.consent))
    .bind(ids[0])
    .bind(ids[1])
    .bind(ids[2])
    .bind(i64::from(photo.original.width))
    .bind(i64::from(photo.original.height))
    .bind(i64::from(photo.display.width))
    .bind(i64::from(photo.display.height))
    .bind(i64::from(photo.thumbnail.width))
    .bind(i64::from(photo.thumbnail.height))
    .bind(now())
    .bind(user)
    .fetch_one(&mut **tx)
    .await?;
    tx.record(
        Change::new("create", "photo", id).after(&serde_json::json!({
            "report": report,
            "caption": photo.caption,
            "consent": photo.consent,
        })),
    )
    .await?;
    Ok(id)
}

/// A reporter's change to a photo already on the report: its caption and its place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Arranged {
    pub id: i64,
    pub caption: String,
    /// The place the reporter asked for, from 1; ties keep the order they had.
    pub place: i64,
}

/// Sets the captions and the order of a report's photos; ids of other reports' photos are
/// left alone. The photos are numbered 1, 2, 3 … in the order asked.
pub async fn arrange(tx: &mut Write<'_>, report: i64, photos: &[Arranged]) -> Result<()> {
    if photos.is_empty() {
        return Ok(());
    }
    let mut ordered: Vec<(usize, &Arranged)> = photos.iter().enumerate().collect();
    ordered.sort_by_key(|(i, a)| (a.place, *i));
    for (position, (_, a)) in ordered.iter().enumerate() {
        let caption: String = a.caption.trim().chars().take(300).collect();
        sqlx::query(
            "UPDATE photos SET caption = $1, position = $2 WHERE id = $3 AND report_id = $4",
        )
        .bind(caption)
        .bind(position as i64 + 1)
        .bind(a.id)
        .bind(report)
        .execute(&mut **tx)
        .await?;
    }
    tx.record(Change::new("arrange", "report", report).after(&photos))
        .await
}

const COLUMNS: &str = "id, report_id, caption, consent, width, height, display_width, \
    display_height, thumbnail_width, thumbnail_height";

fn from_row(r: &sqlx::any::AnyRow) -> Photo {
    Photo {
        id: r.get(0),
        report_id: r.get(1),
        caption: r.get(2),
        consent: r.get::<i64, _>(3) != 0,
        width: r.get(4),
        height: r.get(5),
        display_width: r.get(6),
        display_height: r.get(7),
        thumbnail_width: r.get(8),
        thumbnail_height: r.get(9),
    }
}

/// The photos of a report in their order.
pub async fn of_report(db: &Db, report: i64) -> Result<Vec<Photo>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM photos WHERE report_id = $1 ORDER BY position, id"
    )))
    .bind(report)
    .fetch_all(db.read())
    .await?;
    Ok(rows.iter().map(from_row).collect())
}

/// The photos of the approved reports of a plan activity or of an organization, newest first.
pub async fn approved_of(
    db: &Db,
    province: i64,
    entry: Option<i64>,
    organization: Option<i64>,
    limit: i64,
) -> Result<Vec<Photo>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT p.{} FROM photos p JOIN reports r ON r.id = p.report_id \
         WHERE r.province_code = $1 AND r.status = 'approved' \
         AND ($2 IS NULL OR r.entry_id = $2) \
         AND ($3 IS NULL OR EXISTS (SELECT 1 FROM report_organizations l \
             WHERE l.report_id = r.id AND l.organization_id = $3)) \
         ORDER BY r.held_on DESC, p.position LIMIT {limit}",
        COLUMNS.replace(", ", ", p.")
    )))
    .bind(province)
    .bind(entry)
    .bind(organization)
    .fetch_all(db.read())
    .await?;
    Ok(rows.iter().map(from_row).collect())
}

/// One stored size of a photo of the province: its JPEG bytes.
pub async fn bytes(db: &Db, province: i64, id: i64, which: Which) -> Result<Vec<u8>> {
    stored(db, province, id, which, "").await
}

/// One stored size of a photo anyone may see: consented, of an approved report.
pub async fn public_bytes(db: &Db, province: i64, id: i64, which: Which) -> Result<Vec<u8>> {
    stored(
        db,
        province,
        id,
        which,
        "AND p.consent = 1 AND r.status = 'approved'",
    )
    .await
}

async fn stored(db: &Db, province: i64, id: i64, which: Which, only: &str) -> Result<Vec<u8>> {
    let file: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT p.{} FROM photos p LEFT JOIN reports r ON r.id = p.report_id \
         WHERE p.id = $1 AND p.province_code = $2 {only}",
        which.column()
    )))
    .bind(id)
    .bind(province)
    .fetch_optional(db.read())
    .await?;
    let file = file.ok_or(StoreError::NotFound)?;
    Ok(files::find(db, province, file).await?.data)
}

/// Removes a photo from a report the reporter may still change; its stored sizes stay in
/// the file store until a sweep, like every file whose row is gone. Galleries that showed it
/// lose it, and a post that had it as its cover has none.
pub async fn remove(tx: &mut Write<'_>, report: i64, photo: i64) -> Result<()> {
    sqlx::query("DELETE FROM gallery_photos WHERE photo_id = $1 AND EXISTS (SELECT 1 FROM photos p WHERE p.id = $1 AND p.report_id = $2)")
        .bind(photo)
        .bind(report)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE news_posts SET cover_photo_id = NULL WHERE cover_photo_id = $1 AND EXISTS (SELECT 1 FROM photos p WHERE p.id = $1 AND p.report_id = $2)")
        .bind(photo)
        .bind(report)
        .execute(&mut **tx)
        .await?;
    let done = sqlx::query("DELETE FROM photos WHERE id = $1 AND report_id = $2")
        .bind(photo)
        .bind(report)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    tx.record(Change::new("delete", "photo", photo)).await
}
