//! The national references a plan is aligned with (the National Strategy's strategies, the
//! Master Plan's strategies, the target virtues) and each province's own virtues. Shipped as
//! data and kept in a table so that national staff can correct them without a release.

use crate::{Db, Result};
use serde::Serialize;
use sermphalang_domain::plan::ReferenceKind;
use sqlx::Row;

const REFERENCES_TSV: &str = include_str!("../../data/plan/references.tsv");

#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    pub code: String,
    pub kind: ReferenceKind,
    pub name_th: String,
    pub name_en: String,
}

/// Adds the shipped references a database does not have yet; rows staff changed stay as
/// they are.
pub async fn seed(db: &Db) -> Result<()> {
    let mut tx = db.begin().await?;
    for (position, line) in REFERENCES_TSV.lines().skip(1).enumerate() {
        let cells: Vec<&str> = line.split('\t').collect();
        let [kind, code, name_th, name_en] = cells[..] else {
            continue;
        };
        sqlx::query(
            "INSERT INTO plan_references (code, kind, position, name_th, name_en) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING",
        )
        .bind(code)
        .bind(kind)
        .bind(position as i64)
        .bind(name_th)
        .bind(name_en)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The references a plan of `province` may cite: the national ones and its own.
pub async fn list(db: &Db, province: i64) -> Result<Vec<Reference>> {
    let rows = sqlx::query(
        "SELECT code, kind, name_th, name_en FROM plan_references \
         WHERE archived_at IS NULL AND (province_code IS NULL OR province_code = $1) \
         ORDER BY position, code",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            Some(Reference {
                code: r.get(0),
                kind: ReferenceKind::parse(r.get::<String, _>(1).as_str())?,
                name_th: r.get(2),
                name_en: r.get(3),
            })
        })
        .collect())
}

/// Adds a virtue the province chose itself; `code` is made from the province and a number.
pub async fn add_province_virtue(
    tx: &mut sqlx::AnyConnection,
    province: i64,
    name_th: &str,
) -> Result<String> {
    let taken: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM plan_references WHERE province_code = $1")
            .bind(province)
            .fetch_one(&mut *tx)
            .await?;
    let code = format!("p{province}-{}", taken + 1);
    sqlx::query(
        "INSERT INTO plan_references (code, kind, province_code, position, name_th) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(code.clone())
    .bind(ReferenceKind::ProvinceVirtue.code())
    .bind(province)
    .bind(1000 + taken)
    .bind(name_th)
    .execute(&mut *tx)
    .await?;
    Ok(code)
}
