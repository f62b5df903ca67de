//! Who changed what and when, with the record before and after; written in the same
//! transaction as the change it describes.

use crate::{Db, Page, PageRequest, Result, now};
use serde::Serialize;
use sqlx::AssertSqlSafe;
use sqlx::{Any, Row, Transaction};

/// Who is acting: a signed-in account, or the system itself (demo loading, imports by CLI).
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub email: String,
}

impl Actor {
    pub fn system() -> Actor {
        Actor {
            user_id: None,
            email: "system".into(),
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn record(
    tx: &mut Transaction<'_, Any>,
    actor: &Actor,
    province: Option<i64>,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, user_email, province_code, action, entity, \
         entity_id, before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(now())
    .bind(actor.user_id)
    .bind(actor.email.clone())
    .bind(province)
    .bind(action.to_string())
    .bind(entity.to_string())
    .bind(entity_id)
    .bind(before.map(|v| v.to_string()))
    .bind(after.map(|v| v.to_string()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub user_email: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

/// The newest entries of a province first; `None` lists entries without a province too.
pub async fn list(db: &Db, province: Option<i64>, page: PageRequest) -> Result<Page<Entry>> {
    let (cond, bind) = match province {
        Some(p) => ("province_code = $1", p),
        None => ("$1 = $1", 0),
    };
    let total: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM audit_log WHERE {cond}"
    )))
    .bind(bind)
    .fetch_one(db.read())
    .await?;
    let rows = sqlx::query(AssertSqlSafe(format!(
        "SELECT id, at, user_email, action, entity, entity_id, before_json, after_json \
         FROM audit_log WHERE {cond} ORDER BY id DESC {}",
        page.limit_offset(2)
    )))
    .bind(bind)
    .bind(page.offset())
    .fetch_all(db.read())
    .await?;
    let items = rows
        .into_iter()
        .map(|r| Entry {
            id: r.get(0),
            at: r.get(1),
            user_email: r.get(2),
            action: r.get(3),
            entity: r.get(4),
            entity_id: r.get(5),
            before_json: r.get(6),
            after_json: r.get(7),
        })
        .collect();
    Ok(Page {
        items,
        total,
        page: page.page,
        per_page: page.per_page,
    })
}
