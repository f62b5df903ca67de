//! Uploaded files (appointment orders, certificate artwork): a row in the database with the
//! name, type, size and checksum, and the bytes in the file store under a server-made name.
//! Rows from before the file store held their bytes in the row; they are moved at start-up.

use crate::audit::Write;
use crate::{Db, Result, StoreError, now};
use chrono::Datelike;
use sha2::{Digest, Sha256};
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct StoredFile {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// Stores the bytes in the file store, then the row in `tx`; without a file store (see
/// [`Db::files`]) the bytes go in the row. If `tx` is rolled back, bytes in the file store
/// stay behind unreferenced.
pub async fn insert(
    tx: &mut Write<'_>,
    province: i64,
    user: Option<i64>,
    name: &str,
    content_type: &str,
    data: &[u8],
) -> Result<i64> {
    let (key, in_row) = match tx.files() {
        Some(store) => {
            let year = chrono::Utc::now().year();
            (
                Some(store.put(province, year, data.to_vec()).await?),
                Vec::new(),
            )
        }
        None => (None, data.to_vec()),
    };
    let id = sqlx::query_scalar(
        "INSERT INTO files (province_code, name, content_type, size, sha256, data, storage_key, \
         created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(province)
    .bind(name.to_string())
    .bind(content_type.to_string())
    .bind(data.len() as i64)
    .bind(hex::encode(Sha256::digest(data)))
    .bind(in_row)
    .bind(key)
    .bind(now())
    .bind(user)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

pub async fn find(db: &Db, province: i64, id: i64) -> Result<StoredFile> {
    let r = sqlx::query(
        "SELECT id, name, content_type, data, storage_key FROM files \
         WHERE id = $1 AND province_code = $2",
    )
    .bind(id)
    .bind(province)
    .fetch_optional(db.read())
    .await?
    .ok_or(StoreError::NotFound)?;
    let key: Option<String> = r.get(4);
    let data = match (key, db.files()) {
        (Some(key), Some(store)) => store.get(&key).await?,
        (Some(key), None) => {
            return Err(StoreError::Unusable(format!(
                "file {id} is in a file store this instance does not know ({key})"
            )));
        }
        (None, _) => r.get(3),
    };
    Ok(StoredFile {
        id: r.get(0),
        name: r.get(1),
        content_type: r.get(2),
        data,
    })
}

/// A file's bytes only if they are there and are what was stored (their checksum holds):
/// `None` for a file gone from the file store or damaged in it.
pub async fn find_intact(db: &Db, province: i64, id: i64) -> Result<Option<StoredFile>> {
    let expected: Option<String> =
        sqlx::query_scalar("SELECT sha256 FROM files WHERE id = $1 AND province_code = $2")
            .bind(id)
            .bind(province)
            .fetch_optional(db.read())
            .await?;
    let Some(expected) = expected else {
        return Ok(None);
    };
    let file = match find(db, province, id).await {
        Ok(file) => file,
        Err(StoreError::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    let actual = hex::encode(Sha256::digest(&file.data));
    Ok((actual == expected).then_some(file))
}

/// Moves the bytes of rows that still hold them into the file store; returns how many moved.
/// Each row moves on its own, so an interrupted start-up resumes where it stopped.
pub async fn move_to_store(db: &Db) -> Result<usize> {
    let Some(store) = db.files() else {
        return Ok(0);
    };
    let waiting: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT id, province_code, created_at FROM files WHERE storage_key IS NULL ORDER BY id",
    )
    .fetch_all(db.read())
    .await?;
    for (id, province, created_at) in &waiting {
        let data: Vec<u8> = sqlx::query_scalar("SELECT data FROM files WHERE id = $1")
            .bind(id)
            .fetch_one(db.read())
            .await?;
        let year = created_at
            .get(..4)
            .and_then(|y| y.parse().ok())
            .unwrap_or_else(|| chrono::Utc::now().year());
        let key = store.put(*province, year, data).await?;
        sqlx::query("UPDATE files SET storage_key = $1, data = $2 WHERE id = $3")
            .bind(key)
            .bind(Vec::<u8>::new())
            .bind(id)
            .execute(db.write())
            .await?;
    }
    if !waiting.is_empty() {
        tracing::info!(
            moved = waiting.len(),
            "moved uploaded files into the file store"
        );
    }
    Ok(waiting.len())
}
