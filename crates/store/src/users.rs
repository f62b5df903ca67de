//! Accounts. Passwords arrive here already hashed (argon2id, in the domain crate).

use crate::audit::{Actor, Change};
use crate::{Db, Result, StoreError, now};
use sermphalang_domain::registry::Sector;
use sermphalang_domain::{Account, FieldError, Invalid, Role};
use sqlx::AssertSqlSafe;
use sqlx::Row;
use sqlx::any::AnyRow;

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub province: Option<i64>,
    pub network: Option<Sector>,
}

pub async fn create(db: &Db, actor: &Actor, user: &NewUser<'_>) -> Result<i64> {
    if user.role.is_provincial() && user.province.is_none() {
        return Err(StoreError::Invalid(Invalid(vec![FieldError::new(
            "province",
            "บทบาทนี้ต้องระบุจังหวัด",
            "This role needs a province",
        )])));
    }
    if let Some(p) = user.province {
        let known: Option<i64> = sqlx::query_scalar("SELECT code FROM provinces WHERE code = $1")
            .bind(p)
            .fetch_optional(db.read())
            .await?;
        if known.is_none() {
            return Err(StoreError::Invalid(Invalid(vec![FieldError::new(
                "province",
                format!("ไม่พบจังหวัดรหัส {p}"),
                format!("No province with code {p}"),
            )])));
        }
    }
    let mut tx = db.audited(actor, user.province).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, role, province_code, network_code, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(user.email.trim().to_lowercase())
    .bind(user.display_name.to_string())
    .bind(user.password_hash.to_string())
    .bind(user.role.code())
    .bind(user.province)
    .bind(user.network.map(|n| n.code()))
    .bind(now())
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| {
        let err = StoreError::from(e);
        if err.is_unique_violation() {
            StoreError::Invalid(Invalid(vec![FieldError::new(
                "email",
                "อีเมลนี้มีบัญชีผู้ใช้อยู่แล้ว",
                "An account with this email already exists",
            )]))
        } else {
            err
        }
    })?;
    let after = serde_json::json!({
        "email": user.email, "role": user.role.code(), "province": user.province,
        "network": user.network.map(|n| n.code()),
    });
    tx.commit(Change::new("create", "user", id).after(&after))
        .await?;
    Ok(id)
}

const COLUMNS: &str = "id, email, display_name, role, province_code, network_code";

pub(crate) fn account_from_row(r: &AnyRow) -> Option<Account> {
    Some(Account {
        id: r.get(0),
        email: r.get(1),
        display_name: r.get(2),
        role: Role::parse(r.get::<String, _>(3).as_str())?,
        province: r.get(4),
        network: r
            .get::<Option<String>, _>(5)
            .and_then(|n| Sector::parse(&n)),
    })
}

/// The account and its password hash, for signing in; disabled accounts are not found.
pub async fn find_for_login(db: &Db, email: &str) -> Result<Option<(Account, String)>> {
    let row = sqlx::query(AssertSqlSafe(format!(
        "SELECT {COLUMNS}, password_hash FROM users WHERE email = $1 AND disabled_at IS NULL"
    )))
    .bind(email.trim().to_lowercase())
    .fetch_optional(db.read())
    .await?;
    Ok(row.and_then(|r| Some((account_from_row(&r)?, r.get(6)))))
}

pub async fn list(db: &Db) -> Result<Vec<Account>> {
    let rows = sqlx::query(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM users ORDER BY id"
    )))
    .fetch_all(db.read())
    .await?;
    Ok(rows.iter().filter_map(account_from_row).collect())
}

pub async fn count(db: &Db) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db.read())
        .await?)
}
