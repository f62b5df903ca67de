//! Who changed what and when, with the record before and after; written in the same
//! transaction as the change it describes.

use crate::{Db, Page, PageRequest, Result, now};
use serde::Serialize;
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
    files: Option<crate::file_store::FileStore>,
}

impl Db {
    /// Begins an audited write by `actor`, recorded under `province`.
    pub async fn audited<'a>(&self, actor: &'a Actor, province: Option<i64>) -> Result<Write<'a>> {
        Ok(Write {
            tx: self.begin().await?,
            actor,
            province,
            files: self.files().cloned(),
        })
    }
}

impl Write<'_> {
    /// The file store, for a change that stores an upload; see [`Db::files`].
    pub fn files(&self) -> Option<&crate::file_store::FileStore> {
        self.files.as_ref()
    }

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
    /// The record's name as it is now.
    pub record: Option<String>,
}

/// What the audit log is narrowed to: who, what kind of record, which days (inclusive).
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub who: Option<String>,
    pub entity: Option<String>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

/// The name of the record an entry is about, as it is now (none once erased or for records
/// without a name).
const RECORD_NAME: &str = "CASE a.entity \
    WHEN 'organization' THEN (SELECT o.name FROM organizations o WHERE o.id = a.entity_id) \
    WHEN 'person' THEN (SELECT p.first_name || ' ' || p.last_name FROM people p \
        WHERE p.id = a.entity_id) \
    WHEN 'working_group' THEN (SELECT g.name FROM working_groups g WHERE g.id = a.entity_id) \
    WHEN 'cycle' THEN (SELECT c.name FROM cycles c WHERE c.id = a.entity_id) \
    WHEN 'event' THEN (SELECT e.title FROM events e WHERE e.id = a.entity_id) \
    WHEN 'user' THEN (SELECT u.display_name FROM users u WHERE u.id = a.entity_id) \
    WHEN 'registration' THEN (SELECT r.first_name || ' ' || r.last_name FROM registrations r \
        WHERE r.id = a.entity_id) \
    END";

/// The newest entries of a province first; `None` lists entries without a province too.
pub async fn list(db: &Db, province: Option<i64>, page: PageRequest) -> Result<Page<Entry>> {
    search(db, province, &AuditFilter::default(), page).await
}

/// The entries a filter selects, newest first, with the names of their records.
pub async fn search(
    db: &Db,
    province: Option<i64>,
    f: &AuditFilter,
    page: PageRequest,
) -> Result<Page<Entry>> {
    let mut filter = crate::page::Filter::new("FROM audit_log a WHERE 1 = 1");
    if let Some(p) = province {
        filter.and("a.province_code = ?", p.into());
    }
    if let Some(who) = f.who.as_deref().filter(|w| !w.is_empty()) {
        filter.and("a.user_email = ?", who.to_string().into());
    }
    if let Some(entity) = f.entity.as_deref().filter(|e| !e.is_empty()) {
        filter.and("a.entity = ?", entity.to_string().into());
    }
    // Times are stored as RFC 3339 in UTC; a Thai day starts at 17:00 UTC the day before.
    if let Some(from) = f.from {
        filter.and("a.at >= ?", day_start(from).into());
    }
    if let Some(to) = f.to.and_then(|d| d.succ_opt()) {
        filter.and("a.at < ?", day_start(to).into());
    }
    let total: i64 = filter
        .scalar(&format!("SELECT COUNT(*) {}", filter.sql))
        .fetch_one(db.read())
        .await?;
    let sql = format!(
        "SELECT a.id, a.at, a.user_email, a.action, a.entity, a.entity_id, a.before_json, \
         a.after_json, {RECORD_NAME} {} ORDER BY a.id DESC {}",
        filter.sql,
        page.limit_offset(filter.binds.len() + 1)
    );
    let rows = filter
        .query(&sql)
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
            record: r.get(8),
        })
        .collect();
    Ok(Page {
        items,
        total,
        page: page.page,
        per_page: page.per_page,
    })
}

fn day_start(day: chrono::NaiveDate) -> String {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default() - chrono::Duration::hours(7);
    midnight.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Everyone who has changed something in the province, for the filter's list.
pub async fn actors(db: &Db, province: i64) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT user_email FROM audit_log WHERE province_code = $1 ORDER BY user_email",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?)
}
