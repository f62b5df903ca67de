//! Uploaded files (appointment orders) kept in the database, so a backup holds everything and
//! several instances on PostgreSQL see the same files.

use crate::{Db, Result, StoreError, now};
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

#[derive(Debug, Clone)]
pub struct StoredFile {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

pub async fn insert(
    tx: &mut AnyConnection,
    province: i64,
    user: Option<i64>,
    name: &str,
    content_type: &str,
    data: &[u8],
) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO files (province_code, name, content_type, size, sha256, data, created_at, \
         created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(province)
    .bind(name.to_string())
    .bind(content_type.to_string())
    .bind(data.len() as i64)
    .bind(hex::encode(Sha256::digest(data)))
    .bind(data.to_vec())
    .bind(now())
    .bind(user)
    .fetch_one(&mut *tx)
    .await?;
    Ok(id)
}

pub async fn find(db: &Db, province: i64, id: i64) -> Result<StoredFile> {
    let r = sqlx::query(
        "SELECT id, name, content_type, data FROM files WHERE id = $1 AND province_code = $2",
    )
    .bind(id)
    .bind(province)
    .fetch_optional(db.read())
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok(StoredFile {
        id: r.get(0),
        name: r.get(1),
        content_type: r.get(2),
        data: r.get(3),
    })
}
