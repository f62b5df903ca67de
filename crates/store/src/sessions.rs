//! Server-side sessions. The cookie holds a random token; the database holds only its hash,
//! so a copy of the database cannot be used to sign in.

use crate::users::account_from_row;
use crate::{Db, Result};
use chrono::{Duration, SecondsFormat, Utc};
use rand::RngCore;
use sermphalang_domain::Account;
use sha2::{Digest, Sha256};

pub const LIFETIME_HOURS: i64 = 12;

pub(crate) fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Starts a session and returns the token for the cookie.
pub async fn create(db: &Db, user_id: i64) -> Result<String> {
    let token = new_token();
    let now = Utc::now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(hash_token(&token))
    .bind(user_id)
    .bind(now.to_rfc3339_opts(SecondsFormat::Millis, true))
    .bind((now + Duration::hours(LIFETIME_HOURS)).to_rfc3339_opts(SecondsFormat::Millis, true))
    .execute(db.write())
    .await?;
    Ok(token)
}

/// The account behind a live session token, if any.
/// Whether a cookie's value could be a token this server issued: anything else (an empty
/// cookie, a forged or truncated one) is answered without a database read.
pub fn plausible(token: &str) -> bool {
    token.len() == 64
        && token
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

pub async fn account(db: &Db, token: &str) -> Result<Option<Account>> {
    if !plausible(token) {
        return Ok(None);
    }
    let hash = hash_token(token);
    let read = async {
        let row = sqlx::query(
            "SELECT u.id, u.email, u.display_name, u.role, u.province_code, u.network_code \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL",
        )
        .bind(hash.clone())
        .bind(crate::now())
        .fetch_optional(db.read())
        .await?;
        Ok(row.as_ref().and_then(account_from_row))
    };
    db.cached_session(hash.clone(), read).await
}

pub async fn delete(db: &Db, token: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(hash_token(token))
        .execute(db.write())
        .await?;
    Ok(())
}

pub async fn purge_expired(db: &Db) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(crate::now())
        .execute(db.write())
        .await?;
    Ok(done.rows_affected())
}
