//! The sector networks linked to organizations and to people: one link table each, read and
//! written the same way.

use crate::page::in_list;
use crate::sql::{Value, bind};
use crate::{Db, Result};
use sermphalang_domain::registry::Sector;
use sqlx::{AnyConnection, AssertSqlSafe, Row};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy)]
pub(crate) enum Links {
    Organization,
    Person,
}

impl Links {
    fn table(self) -> &'static str {
        match self {
            Links::Organization => "organization_sectors",
            Links::Person => "person_networks",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Links::Organization => "organization_id",
            Links::Person => "person_id",
        }
    }
}

/// The networks of each of `ids`, sorted; an id without any is absent.
pub(crate) async fn read(db: &Db, links: Links, ids: &[i64]) -> Result<HashMap<i64, Vec<Sector>>> {
    let mut by_id: HashMap<i64, Vec<Sector>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_id);
    }
    let (table, key) = (links.table(), links.key());
    let sql = format!(
        "SELECT {key}, sector_code FROM {table} WHERE {key} IN {}",
        in_list(0, ids.len())
    );
    let values: Vec<Value> = ids.iter().map(|id| Value::from(*id)).collect();
    for r in bind(sqlx::query(AssertSqlSafe(sql)), &values)
        .fetch_all(db.read())
        .await?
    {
        if let Some(s) = Sector::parse(r.get::<String, _>(1).as_str()) {
            by_id.entry(r.get(0)).or_default().push(s);
        }
    }
    for networks in by_id.values_mut() {
        networks.sort();
    }
    Ok(by_id)
}

/// Sets the networks of `id` to exactly `networks`.
pub(crate) async fn write(
    tx: &mut AnyConnection,
    links: Links,
    id: i64,
    networks: &[Sector],
) -> Result<()> {
    let (table, key) = (links.table(), links.key());
    sqlx::query(AssertSqlSafe(format!(
        "DELETE FROM {table} WHERE {key} = $1"
    )))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let insert = format!("INSERT INTO {table} ({key}, sector_code) VALUES ($1, $2)");
    for s in networks {
        sqlx::query(AssertSqlSafe(insert.clone()))
            .bind(id)
            .bind(s.code())
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}
