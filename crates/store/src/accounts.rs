//! Accounts managed from the province's pages: invited without a password (the person sets
//! it through a one-time link), disabled and enabled, sent a new link; all audited. Only
//! provincial roles of the province are managed here; administrators and national staff are
//! made on the command line.

use crate::audit::{Actor, Change};
use crate::sessions::{hash_token, new_token};
use crate::users::{self, NewUser};
use crate::{Db, Result, StoreError, now};
use chrono::{Duration, SecondsFormat, Utc};
use serde::Serialize;
use sermphalang_domain::registry::Sector;
use sermphalang_domain::{FieldError, Invalid, Role};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

/// A set-password link lasts this long.
pub const LINK_HOURS: i64 = 72;
/// The password of an invited account that has not set one: no hash verifies against it.
const NO_PASSWORD: &str = "!unset";

#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub network: Option<Sector>,
    pub disabled: bool,
    /// Invited, and no password set yet.
    pub pending: bool,
}

const COLUMNS: &str = "SELECT id, email, display_name, role, network_code, disabled_at, \
     password_hash FROM users WHERE province_code = $1";

pub async fn list(db: &Db, province: i64) -> Result<Vec<Listed>> {
    let rows = sqlx::query(AssertSqlSafe(format!(
        "{COLUMNS} ORDER BY disabled_at IS NOT NULL, display_name, id"
    )))
    .bind(province)
    .fetch_all(db.read())
    .await?;
    Ok(rows.iter().filter_map(listed).collect())
}

pub async fn find(db: &Db, province: i64, id: i64) -> Result<Listed> {
    sqlx::query(AssertSqlSafe(format!("{COLUMNS} AND id = $2")))
        .bind(province)
        .bind(id)
        .fetch_optional(db.read())
        .await?
        .as_ref()
        .and_then(listed)
        .ok_or(StoreError::NotFound)
}

/// An account as the accounts page lists it; `None` for a role this program does not know.
fn listed(r: &AnyRow) -> Option<Listed> {
    Some(Listed {
        id: r.get(0),
        email: r.get(1),
        display_name: r.get(2),
        role: Role::parse(&r.get::<String, _>(3))?,
        network: r
            .get::<Option<String>, _>(4)
            .and_then(|n| Sector::parse(&n)),
        disabled: r.get::<Option<String>, _>(5).is_some(),
        pending: r.get::<String, _>(6) == NO_PASSWORD,
    })
}

/// What a new account may be: a provincial role of this province; a coordinator names a
/// network.
pub struct Invite<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub network: Option<Sector>,
}

/// Makes the account and answers it with the token of its set-password link.
pub async fn invite(
    db: &Db,
    actor: &Actor,
    province: i64,
    i: &Invite<'_>,
) -> Result<(i64, String)> {
    let mut errors = Invalid::default();
    if !i.role.is_provincial() {
        errors.push(FieldError::new(
            "role",
            "บัญชีของจังหวัดเป็นได้เฉพาะฝ่ายเลขานุการ ผู้ประสานงานเครือข่าย หรือคณะทำงาน",
            "A province's account is a secretariat, a network coordinator or a working-group member",
        ));
    }
    if i.role == Role::Coordinator && i.network.is_none() {
        errors.push(FieldError::new(
            "network",
            "ผู้ประสานงานต้องระบุภาคีเครือข่าย",
            "A coordinator needs a network",
        ));
    }
    let email = i.email.trim();
    if !email.contains('@') || email.len() > 200 || email.contains(char::is_whitespace) {
        errors.push(FieldError::new(
            "email",
            "กรุณากรอกอีเมลให้ถูกต้อง",
            "Enter a valid email address",
        ));
    }
    let name = i.display_name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        errors.push(FieldError::new(
            "display_name",
            "กรุณากรอกชื่อ (ไม่เกิน 120 ตัวอักษร)",
            "Enter a name (at most 120 characters)",
        ));
    }
    if !errors.0.is_empty() {
        return Err(StoreError::Invalid(errors));
    }
    let id = users::create(
        db,
        actor,
        &NewUser {
            email,
            display_name: name,
            password_hash: NO_PASSWORD,
            role: i.role,
            province: Some(province),
            network: if i.role == Role::Coordinator {
                i.network
            } else {
                None
            },
        },
    )
    .await?;
    let token = issue_link(db, id).await?;
    Ok((id, token))
}

async fn issue_link(db: &Db, user: i64) -> Result<String> {
    let token = new_token();
    let now = Utc::now();
    sqlx::query(
        "INSERT INTO password_links (token_hash, user_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(hash_token(&token))
    .bind(user)
    .bind(now.to_rfc3339_opts(SecondsFormat::Millis, true))
    .bind((now + Duration::hours(LINK_HOURS)).to_rfc3339_opts(SecondsFormat::Millis, true))
    .execute(db.write())
    .await?;
    Ok(token)
}

/// A new set-password link; earlier links stop working and the account is signed out.
pub async fn reset(db: &Db, actor: &Actor, province: i64, id: i64) -> Result<String> {
    find(db, province, id).await?;
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query("DELETE FROM password_links WHERE user_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit(Change::new("reset_password", "user", id)).await?;
    issue_link(db, id).await
}

/// Disables (signing the account out) or enables an account; no one disables themselves.
pub async fn set_disabled(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    disabled: bool,
) -> Result<()> {
    let before = find(db, province, id).await?;
    if disabled && actor.user_id == Some(id) {
        return Err(StoreError::Invalid(Invalid(vec![FieldError::new(
            "account",
            "ปิดบัญชีของตัวเองไม่ได้",
            "You cannot disable your own account",
        )])));
    }
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2 AND province_code = $3")
        .bind(disabled.then(now))
        .bind(id)
        .bind(province)
        .execute(&mut *tx)
        .await?;
    if disabled {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit(
        Change::new(if disabled { "disable" } else { "enable" }, "user", id)
            .before(&serde_json::json!({ "disabled": before.disabled }))
            .after(&serde_json::json!({ "disabled": disabled })),
    )
    .await
}

/// The account a set-password link opens, while it is unused and fresh.
pub async fn link_account(db: &Db, token: &str) -> Result<Option<(i64, String)>> {
    let row = sqlx::query(
        "SELECT u.id, u.email FROM password_links l JOIN users u ON u.id = l.user_id \
         WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2 \
         AND u.disabled_at IS NULL",
    )
    .bind(hash_token(token))
    .bind(now())
    .fetch_optional(db.read())
    .await?;
    Ok(row.map(|r| (r.get(0), r.get(1))))
}

/// Sets the password through a link, once; answers whether the link was still good.
pub async fn set_password(db: &Db, token: &str, password_hash: &str) -> Result<bool> {
    let Some((user, email)) = link_account(db, token).await? else {
        return Ok(false);
    };
    let actor = Actor {
        user_id: Some(user),
        email,
    };
    // In the province's log, where the secretariat who sent the link will look.
    let province: Option<i64> = sqlx::query_scalar("SELECT province_code FROM users WHERE id = $1")
        .bind(user)
        .fetch_one(db.read())
        .await?;
    let mut tx = db.audited(&actor, province).await?;
    let used = sqlx::query(
        "UPDATE password_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
    )
    .bind(now())
    .bind(hash_token(token))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if used == 0 {
        return Ok(false);
    }
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash.to_string())
        .bind(user)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user)
        .execute(&mut *tx)
        .await?;
    tx.commit(Change::new("set_password", "user", user)).await?;
    Ok(true)
}
