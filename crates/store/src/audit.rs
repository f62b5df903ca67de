//! Who changed what and when, with the record before and after; written in the same
//! transaction as the change it describes.

use crate::{Db, Page, PageRequest, Result, now};
use serde::Serialize;
use sqlx::AssertSqlSafe;
use sqlx::{Any, AnyConnection, Row, Transaction};

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

/// What one audit entry says: an action on a record, with the record before and after.
#[derive(Debug, Clone)]
pub struct Change {
    action: String,
    entity: String,
    entity_id: Option<i64>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
}

impl Change {
    pub fn new(action: &str, entity: &str, entity_id: impl Into<Option<i64>>) -> Change {
        Change {
            action: action.to_string(),
            entity: entity.to_string(),
            entity_id: entity_id.into(),
            before: None,
            after: None,
        }
    }

    pub fn before(mut self, record: &impl Serialize) -> Change {
        self.before = serde_json::to_value(record).ok();
        self
    }

    pub fn after(mut self, record: &impl Serialize) -> Change {
        self.after = serde_json::to_value(record).ok();
        self
    }
}

/// One audited write: a transaction on the write pool that commits only together with its
/// audit entries. Statements run on it as on a connection (`&mut *write`); dropping it
/// without `commit` rolls everything back.
///
/// A guard rather than a closure, so a write keeps `?` and early returns, and its future
/// stays `Send` for the handlers without naming a higher-ranked async closure bound.
pub struct Write<'a> {
    tx: Transaction<'static, Any>,
    actor: &'a Actor,
    province: Option<i64>,
}

impl Db {
    /// Begins an audited write by `actor`, recorded under `province`.
    pub async fn audited<'a>(&self, actor: &'a Actor, province: Option<i64>) -> Result<Write<'a>> {
        Ok(Write {
            tx: self.begin().await?,
            actor,
            province,
        })
    }
}

impl Write<'_> {
    /// Records one entry; a write that changes several records records each.
    pub async fn record(&mut self, change: Change) -> Result<()> {
        sqlx::query(
            "INSERT INTO audit_log (at, user_id, user_email, province_code, action, entity, \
             entity_id, before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(now())
        .bind(self.actor.user_id)
        .bind(self.actor.email.clone())
        .bind(self.province)
        .bind(change.action)
        .bind(change.entity)
        .bind(change.entity_id)
        .bind(change.before.map(|v| v.to_string()))
        .bind(change.after.map(|v| v.to_string()))
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Records the last entry and commits the whole write.
    pub async fn commit(mut self, change: Change) -> Result<()> {
        self.record(change).await?;
        self.commit_recorded().await
    }

    /// Commits a write whose entries are all recorded.
    pub async fn commit_recorded(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }

    pub fn actor(&self) -> &Actor {
        self.actor
    }
}

impl std::ops::Deref for Write<'_> {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for Write<'_> {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
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
