//! Registry records are archived, not deleted: they leave the lists but stay readable and can
//! be restored. One place does it for every kind, with its audit entry.

use crate::audit::{Actor, Change};
use crate::{Db, Result, StoreError, now};
use sqlx::AssertSqlSafe;

#[derive(Debug, Clone, Copy)]
pub(crate) enum Archivable {
    Organization,
    Person,
    WorkingGroup,
    Cycle,
}

impl Archivable {
    fn table(self) -> &'static str {
        match self {
            Archivable::Organization => "organizations",
            Archivable::Person => "people",
            Archivable::WorkingGroup => "working_groups",
            Archivable::Cycle => "cycles",
        }
    }

    /// How the search index knows the record, if it does.
    fn search_kind(self) -> Option<crate::search::Kind> {
        match self {
            Archivable::Organization => Some(crate::search::Kind::Organization),
            Archivable::Person => Some(crate::search::Kind::Person),
            Archivable::WorkingGroup | Archivable::Cycle => None,
        }
    }

    fn entity(self) -> &'static str {
        match self {
            Archivable::Organization => "organization",
            Archivable::Person => "person",
            Archivable::WorkingGroup => "working_group",
            Archivable::Cycle => "cycle",
        }
    }
}

/// Archives or restores one record of the province; another province's id is not found.
pub(crate) async fn set(
    db: &Db,
    actor: &Actor,
    province: i64,
    kind: Archivable,
    id: i64,
    archived: bool,
) -> Result<()> {
    let mut tx = db.audited(actor, Some(province)).await?;
    let done = sqlx::query(AssertSqlSafe(format!(
        "UPDATE {} SET archived_at = $1, updated_at = $2 WHERE id = $3 AND province_code = $4",
        kind.table()
    )))
    .bind(archived.then(now))
    .bind(now())
    .bind(id)
    .bind(province)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    if let Some(found_as) = kind.search_kind() {
        crate::search::refresh(&mut tx, found_as, id).await?;
    }
    let action = if archived { "archive" } else { "restore" };
    tx.commit(Change::new(action, kind.entity(), id)).await?;
    Ok(())
}
