//! Galleries: ordered photos by id with captions, found by id or by the folder a post's body
//! names. A photo uploaded to a gallery belongs to no report; a report's photos are referenced.

use super::NATIONAL_FILES;
use crate::audit::{Actor, Change, Write};
use crate::report::photos::{self, NewPhoto, Which};
use crate::{Db, Result, StoreError, files, now};
use serde::Serialize;
use sermphalang_domain::news::gallery::folder_key;
use sermphalang_domain::{FieldError, Invalid};
use sqlx::Row;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub struct Gallery {
    pub id: i64,
    pub province: Option<i64>,
    pub title: String,
    pub folder: String,
    pub photos: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct GalleryPhoto {
    pub id: i64,
    pub caption: String,
    pub consent: bool,
    pub report: Option<i64>,
    pub width: i64,
    pub height: i64,
    pub display_width: i64,
    pub display_height: i64,
    pub thumbnail_width: i64,
    pub thumbnail_height: i64,
}

const GALLERY: &str = "SELECT g.id, g.province_code, g.title, g.folder, \
     (SELECT COUNT(*) FROM gallery_photos p WHERE p.gallery_id = g.id) FROM galleries g";

fn gallery(r: &sqlx::any::AnyRow) -> Gallery {
    Gallery {
        id: r.get(0),
        province: r.get(1),
        title: r.get(2),
        folder: r.get(3),
        photos: r.get(4),
    }
}

/// `province_code = $n`, or national (NULL).
fn scope_sql(province: Option<i64>, n: usize) -> String {
    match province {
        Some(_) => format!("g.province_code = ${n}"),
        None => format!("g.province_code IS NULL AND ${n} IS NULL"),
    }
}

/// The province's (or the nation's) galleries, newest first.
pub async fn list(db: &Db, province: Option<i64>) -> Result<Vec<Gallery>> {
    let sql = format!(
        "{GALLERY} WHERE {} ORDER BY g.id DESC",
        scope_sql(province, 1)
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(province)
        .fetch_all(db.read())
        .await?;
    Ok(rows.iter().map(gallery).collect())
}

pub async fn find(db: &Db, province: Option<i64>, id: i64) -> Result<Gallery> {
    let sql = format!("{GALLERY} WHERE g.id = $1 AND {}", scope_sql(province, 2));
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .bind(province)
        .fetch_optional(db.read())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(gallery(&row))
}

/// A gallery by id within a write, whatever its scope: for loaders that just made it.
pub async fn find_in(tx: &mut Write<'_>, id: i64) -> Result<Gallery> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{GALLERY} WHERE g.id = $1")))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(gallery(&row))
}

/// Galleries named by folder keys, as a post's body names them.
pub async fn by_folders(
    db: &Db,
    province: Option<i64>,
    keys: &[String],
) -> Result<HashMap<String, Gallery>> {
    let mut found = HashMap::new();
    for key in keys {
        let sql = format!(
            "{GALLERY} WHERE g.folder = $1 AND {}",
            scope_sql(province, 2)
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(key.clone())
            .bind(province)
            .fetch_optional(db.read())
            .await?;
        if let Some(row) = row {
            found.insert(key.clone(), gallery(&row));
        }
    }
    Ok(found)
}

fn folder_taken() -> StoreError {
    Invalid(vec![FieldError::new(
        "folder",
        "มีชุดภาพที่ใช้ชื่อโฟลเดอร์นี้แล้ว",
        "Another gallery already uses this folder name",
    )])
    .into()
}

/// A new empty gallery; without a folder name it is found as `gallery-{id}`.
pub async fn create(
    tx: &mut Write<'_>,
    province: Option<i64>,
    title: &str,
    folder: &str,
) -> Result<i64> {
    let at = now();
    let key = folder_key(folder);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO galleries (province_code, title, folder, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(province)
    .bind(title.to_string())
    .bind(if key.is_empty() {
        format!("pending-{at}")
    } else {
        key.clone()
    })
    .bind(at)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| {
        let e = StoreError::from(e);
        if e.is_unique_violation() {
            folder_taken()
        } else {
            e
        }
    })?;
    if key.is_empty() {
        sqlx::query("UPDATE galleries SET folder = $1 WHERE id = $2")
            .bind(format!("gallery-{id}"))
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    tx.record(
        Change::new("create", "gallery", id).after(&serde_json::json!({
            "title": title, "folder": folder,
        })),
    )
    .await?;
    Ok(id)
}

/// The gallery's photos in order.
pub async fn photos(db: &Db, gallery: i64) -> Result<Vec<GalleryPhoto>> {
    let rows = sqlx::query(
        "SELECT p.id, g.caption, p.consent, p.report_id, p.width, p.height, p.display_width, \
         p.display_height, p.thumbnail_width, p.thumbnail_height FROM gallery_photos g \
         JOIN photos p ON p.id = g.photo_id WHERE g.gallery_id = $1 ORDER BY g.position, p.id",
    )
    .bind(gallery)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| GalleryPhoto {
            id: r.get(0),
            caption: r.get(1),
            consent: r.get::<i64, _>(2) != 0,
            report: r.get(3),
            width: r.get(4),
            height: r.get(5),
            display_width: r.get(6),
            display_height: r.get(7),
            thumbnail_width: r.get(8),
            thumbnail_height: r.get(9),
        })
        .collect())
}

async fn next_position(tx: &mut Write<'_>, gallery: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM gallery_photos WHERE gallery_id = $1",
    )
    .bind(gallery)
    .fetch_one(&mut **tx)
    .await?)
}

/// Stores an uploaded photo and puts it at the end of the gallery.
pub async fn upload(tx: &mut Write<'_>, gallery: &Gallery, photo: &NewPhoto<'_>) -> Result<i64> {
    let province = gallery.province.unwrap_or(NATIONAL_FILES);
    let id = photos::add(tx, province, None, photo).await?;
    add(tx, gallery.id, id, photo.caption).await?;
    Ok(id)
}

/// Puts a stored photo (a report's, another gallery's) at the end of the gallery, by id.
pub async fn add(tx: &mut Write<'_>, gallery: i64, photo: i64, caption: &str) -> Result<()> {
    let position = next_position(tx, gallery).await?;
    sqlx::query(
        "INSERT INTO gallery_photos (gallery_id, photo_id, position, caption) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (gallery_id, photo_id) DO NOTHING",
    )
    .bind(gallery)
    .bind(photo)
    .bind(position)
    .bind(caption.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The gallery's photos in a new order with their captions; photos left out are removed from
/// the gallery (their stored sizes stay: another gallery or a report may show them).
pub async fn arrange(
    db: &Db,
    actor: &Actor,
    gallery: &Gallery,
    arranged: &[(i64, String)],
) -> Result<()> {
    let before = photos(db, gallery.id).await?;
    let mut tx = db.audited(actor, gallery.province).await?;
    for photo in &before {
        if !arranged.iter().any(|(id, _)| *id == photo.id) {
            sqlx::query("DELETE FROM gallery_photos WHERE gallery_id = $1 AND photo_id = $2")
                .bind(gallery.id)
                .bind(photo.id)
                .execute(&mut *tx)
                .await?;
        }
    }
    for (position, (id, caption)) in arranged.iter().enumerate() {
        sqlx::query(
            "UPDATE gallery_photos SET position = $1, caption = $2 \
             WHERE gallery_id = $3 AND photo_id = $4",
        )
        .bind(position as i64 + 1)
        .bind(caption.clone())
        .bind(gallery.id)
        .bind(*id)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("UPDATE galleries SET updated_at = $1 WHERE id = $2")
        .bind(now())
        .bind(gallery.id)
        .execute(&mut *tx)
        .await?;
    tx.commit(
        Change::new("arrange", "gallery", gallery.id)
            .after(&serde_json::json!({ "photos": arranged })),
    )
    .await
}

/// One size of a gallery's photo if it is still stored and whole; `None` shows a calm gap.
pub async fn intact_bytes(db: &Db, photo: i64, which: Which) -> Result<Option<Vec<u8>>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT province_code, {} FROM photos WHERE id = $1",
        which.column()
    )))
    .bind(photo)
    .fetch_optional(db.read())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let file = files::find_intact(db, row.get(0), row.get(1)).await?;
    Ok(file.map(|f| f.data))
}

/// The photos of a gallery whose stored display size is gone or damaged, for editors.
pub async fn missing(db: &Db, gallery: i64) -> Result<Vec<GalleryPhoto>> {
    let mut gone = Vec::new();
    for photo in photos(db, gallery).await? {
        if intact_bytes(db, photo.id, Which::Display).await?.is_none() {
            gone.push(photo);
        }
    }
    Ok(gone)
}
