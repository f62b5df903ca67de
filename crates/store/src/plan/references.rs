//! The national references a plan is aligned with (the National Strategy's strategies, the
//! Master Plan's strategies, the target virtues) and each province's own virtues. Shipped as
//! data and kept in a table so that national staff can correct them without a release.

use crate::audit::{Actor, Change};
use crate::{Db, Result, StoreError, now};
use serde::Serialize;
use sermphalang_domain::plan::ReferenceKind;
use sermphalang_domain::plan::reference::ReferenceInput;
use sqlx::Row;

const REFERENCES_TSV: &str = include_str!("../../data/plan/references.tsv");

#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    pub code: String,
    pub kind: ReferenceKind,
    pub name_th: String,
    pub name_en: String,
}

impl Reference {
    /// The name in English when asked for and known, else in Thai.
    pub fn name(&self, english: bool) -> &str {
        if english && !self.name_en.is_empty() {
            &self.name_en
        } else {
            &self.name_th
        }
    }
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

/// The references a plan of `province` may cite: the national ones and its own, not withdrawn.
pub async fn list(db: &Db, province: i64) -> Result<Vec<Reference>> {
    choices(db, province, &[]).await
}

/// What an entry may cite: the current references, and any withdrawn one it already cites, so
/// that saving the entry keeps it.
pub async fn choices(db: &Db, province: i64, cited: &[String]) -> Result<Vec<Reference>> {
    // National references come before the province's own (positions from 1000).
    let mut all = editable(db, None).await?;
    all.extend(editable(db, Some(province)).await?);
    Ok(all
        .into_iter()
        .filter(|r| !r.archived || cited.contains(&r.code))
        .map(|r| Reference {
            code: r.code,
            kind: r.kind,
            name_th: r.name_th,
            name_en: r.name_en,
        })
        .collect())
}

/// A reference as staff edit it, archived ones included.
#[derive(Debug, Clone, Serialize)]
pub struct Editable {
    pub code: String,
    pub kind: ReferenceKind,
    pub name_th: String,
    pub name_en: String,
    pub problem: String,
    pub archived: bool,
}

/// The national references (`province` none) or a province's own virtues, archived included.
pub async fn editable(db: &Db, province: Option<i64>) -> Result<Vec<Editable>> {
    let rows = sqlx::query(
        "SELECT code, kind, name_th, name_en, problem, archived_at FROM plan_references \
         WHERE province_code IS NOT DISTINCT FROM $1 ORDER BY position, code",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            Some(Editable {
                code: r.get(0),
                kind: ReferenceKind::parse(r.get::<String, _>(1).as_str())?,
                name_th: r.get(2),
                name_en: r.get(3),
                problem: r.get(4),
                archived: r.get::<Option<String>, _>(5).is_some(),
            })
        })
        .collect())
}

async fn find(db: &Db, province: Option<i64>, code: &str) -> Result<Editable> {
    editable(db, province)
        .await?
        .into_iter()
        .find(|r| r.code == code)
        .ok_or(StoreError::NotFound)
}

/// Adds a national reference (`province` none) or a province's own virtue; returns its code,
/// made from the province (or "n") and a number.
pub async fn add(
    db: &Db,
    actor: &Actor,
    province: Option<i64>,
    input: &ReferenceInput,
) -> Result<String> {
    let mut tx = db.audited(actor, province).await?;
    let taken: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM plan_references WHERE province_code IS NOT DISTINCT FROM $1",
    )
    .bind(province)
    .fetch_one(&mut *tx)
    .await?;
    let prefix = province.map_or("n".to_string(), |p| format!("p{p}"));
    let mut number = taken + 1;
    let code = loop {
        let code = format!("{prefix}-{number}");
        let used: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM plan_references WHERE code = $1")
            .bind(code.clone())
            .fetch_one(&mut *tx)
            .await?;
        if used == 0 {
            break code;
        }
        number += 1;
    };
    sqlx::query(
        "INSERT INTO plan_references (code, kind, province_code, position, name_th, name_en, \
         problem) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(code.clone())
    .bind(input.kind.code())
    .bind(province)
    .bind(1000 + taken)
    .bind(input.name_th.clone())
    .bind(input.name_en.clone())
    .bind(input.problem.clone())
    .execute(&mut *tx)
    .await?;
    tx.commit(
        Change::new("create", "reference", None).after(&serde_json::json!({
            "code": code,
            "reference": input,
        })),
    )
    .await?;
    Ok(code)
}

/// Corrects a reference's names, or withdraws it from new choices (entries that cite it keep
/// it); its kind stays.
pub async fn update(
    db: &Db,
    actor: &Actor,
    province: Option<i64>,
    code: &str,
    input: &ReferenceInput,
) -> Result<()> {
    let before = find(db, province, code).await?;
    let mut tx = db.audited(actor, province).await?;
    sqlx::query(
        "UPDATE plan_references SET name_th = $1, name_en = $2, problem = $3, archived_at = $4 \
         WHERE code = $5 AND province_code IS NOT DISTINCT FROM $6",
    )
    .bind(input.name_th.clone())
    .bind(input.name_en.clone())
    .bind(input.problem.clone())
    .bind(input.archived.then(now))
    .bind(code.to_string())
    .bind(province)
    .execute(&mut *tx)
    .await?;
    tx.commit(
        Change::new("update", "reference", None)
            .before(&before)
            .after(&serde_json::json!({ "code": code, "reference": input })),
    )
    .await
}
