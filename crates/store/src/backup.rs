//! Logical backups: every table read in one consistent snapshot into a JSON document that
//! either backend can restore. A file from a newer schema is refused.

use crate::{Backend, Db, Result, StoreError, now};
use serde_json::{Value, json};
use sqlx::AssertSqlSafe;
use sqlx::any::AnyTypeInfoKind;
use sqlx::{Column, Row, ValueRef};

const FORMAT: &str = "sermphalang-backup";

/// Tables in an order that satisfies their foreign keys. The search index is not among them:
/// a restore builds it again from the records.
pub const TABLES: &[&str] = &[
    "regions",
    "provinces",
    "districts",
    "sectors",
    "title_prefixes",
    "users",
    "sessions",
    "files",
    "organizations",
    "organization_sectors",
    "people",
    "person_networks",
    "working_groups",
    "working_group_members",
    "import_batches",
    "audit_log",
    "cycles",
    "cycle_facilitators",
    "live_sessions",
    "participants",
    "activities",
    "questions",
    "phrases",
    "phrase_votes",
    "dots",
    "ratings",
    "plan_items",
    "events",
    "event_organizers",
    "event_sessions",
    "registrations",
    "attendance",
    "feedback",
    "event_signatories",
    "event_logos",
    "certificate_templates",
    "certificates",
    "certificate_events",
    "certificate_runs",
    "plan_references",
    "plans",
    "plan_entries",
    "plan_entry_networks",
    "plan_entry_districts",
    "plan_entry_organizations",
    "plan_entry_references",
    "plan_budget_lines",
    "plan_indicators",
    "plan_targets",
    "plan_actuals",
    "reports",
    "report_organizations",
    "report_virtues",
    "report_contributions",
    "photos",
    "plan_actual_parts",
    "tallies",
    "rating_totals",
    "galleries",
    "gallery_photos",
    "news_posts",
    "news_tags",
    "assessment_templates",
    "assessments",
    "assessment_answers",
    "assessment_evidence",
    "assessment_verifiers",
    "assessment_syncs",
];

const IDENTITY_TABLES: &[&str] = &[
    "users",
    "files",
    "organizations",
    "people",
    "working_groups",
    "working_group_members",
    "import_batches",
    "audit_log",
    "cycles",
    "live_sessions",
    "participants",
    "activities",
    "questions",
    "phrases",
    "plan_items",
    "events",
    "event_sessions",
    "registrations",
    "certificates",
    "certificate_events",
    "certificate_runs",
    "plans",
    "plan_entries",
    "plan_indicators",
    "reports",
    "photos",
    "galleries",
    "news_posts",
    "assessment_templates",
    "assessments",
    "assessment_evidence",
];

pub async fn export(db: &Db) -> Result<Value> {
    let mut tx = db.read().begin().await?;
    if db.backend == Backend::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
    }
    let version: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(&mut *tx)
        .await?;
    let mut tables = Vec::new();
    for table in TABLES {
        // Every table's first two columns are its id or its whole key, so this order is the
        // same on both backends.
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT * FROM {table} ORDER BY 1, 2"
        )))
        .fetch_all(&mut *tx)
        .await?;
        let columns: Vec<String> = rows
            .first()
            .map(|r| r.columns().iter().map(|c| c.name().to_string()).collect())
            .unwrap_or_default();
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let mut values = Vec::with_capacity(columns.len());
            for i in 0..columns.len() {
                values.push(cell(row, i)?);
            }
            out.push(Value::Array(values));
        }
        if *table == "files" {
            with_stored_bytes(db, &columns, &mut out).await?;
        }
        tables.push(json!({ "name": table, "columns": columns, "rows": out }));
    }
    tx.commit().await?;
    Ok(json!({
        "format": FORMAT,
        "schema_version": version.unwrap_or(0),
        "created_at": now(),
        "tables": tables,
    }))
}

/// Puts each file's bytes from the file store back into its row, so a backup holds
/// everything; a restore moves them into the store again.
async fn with_stored_bytes(db: &Db, columns: &[String], rows: &mut [Value]) -> Result<()> {
    let at = |name: &str| columns.iter().position(|c| c == name);
    let (Some(data), Some(key)) = (at("data"), at("storage_key")) else {
        return Ok(());
    };
    for row in rows.iter_mut().filter_map(Value::as_array_mut) {
        let Some(name) = row.get(key).and_then(Value::as_str).map(str::to_owned) else {
            continue;
        };
        let Some(store) = db.files() else {
            return Err(StoreError::Unusable(format!(
                "a file is in a file store this instance does not know ({name})"
            )));
        };
        let bytes = store.get(&name).await?;
        row[data] = json!({ "hex": hex::encode(bytes) });
        row[key] = Value::Null;
    }
    Ok(())
}

fn cell(row: &sqlx::any::AnyRow, i: usize) -> Result<Value> {
    let raw = row.try_get_raw(i)?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let kind = raw.type_info().kind();
    Ok(match kind {
        AnyTypeInfoKind::Bool
        | AnyTypeInfoKind::SmallInt
        | AnyTypeInfoKind::Integer
        | AnyTypeInfoKind::BigInt => json!(row.try_get::<i64, _>(i)?),
        AnyTypeInfoKind::Real | AnyTypeInfoKind::Double => json!(row.try_get::<f64, _>(i)?),
        AnyTypeInfoKind::Blob => json!({ "hex": hex::encode(row.try_get::<Vec<u8>, _>(i)?) }),
        AnyTypeInfoKind::Text => json!(row.try_get::<String, _>(i)?),
        AnyTypeInfoKind::Null => Value::Null,
    })
}

/// Replaces every row of every table with the backup's, in one transaction.
pub async fn restore(db: &Db, backup: &Value) -> Result<usize> {
    if backup.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(StoreError::Unusable(
            "this file is not a Sermphalang backup".into(),
        ));
    }
    let version = backup
        .get("schema_version")
        .and_then(Value::as_i64)
        .unwrap_or(i64::MAX);
    let ours = db.code_schema_version();
    if version > ours {
        return Err(StoreError::Unusable(format!(
            "this backup is from a newer schema (version {version}) than this program knows \
             (version {ours}); restore it with a newer Sermphalang"
        )));
    }
    let tables = backup
        .get("tables")
        .and_then(Value::as_array)
        .ok_or_else(|| StoreError::Unusable("the backup has no tables".into()))?;
    let mut tx = db.begin().await?;
    for table in TABLES.iter().rev() {
        sqlx::query(AssertSqlSafe(format!("DELETE FROM {table}")))
            .execute(&mut *tx)
            .await?;
    }
    let mut count = 0;
    for table in TABLES {
        let Some(t) = tables
            .iter()
            .find(|t| t.get("name").and_then(Value::as_str) == Some(table))
        else {
            continue;
        };
        let columns: Vec<&str> = t
            .get("columns")
            .and_then(Value::as_array)
            .map(|c| c.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if columns
            .iter()
            .any(|c| !c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_'))
        {
            return Err(StoreError::Unusable(format!(
                "the backup names an odd column in {table}"
            )));
        }
        let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            columns.join(", "),
            placeholders.join(", ")
        );
        for row in t
            .get("rows")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let values = row.as_array().cloned().unwrap_or_default();
            let mut q = sqlx::query(AssertSqlSafe(sql.to_string()));
            for (column, value) in columns.iter().zip(values) {
                q = match value {
                    Value::Null if integer_column(column) => q.bind(None::<i64>),
                    Value::Null if float_column(column) => crate::sql::bind_float(q, None),
                    Value::Null => q.bind(None::<String>),
                    Value::Number(n) => match n.as_i64() {
                        Some(i) => q.bind(i),
                        None => q.bind(n.as_f64().unwrap_or_default()),
                    },
                    Value::String(s) => q.bind(s),
                    Value::Object(o) => {
                        let bytes = o
                            .get("hex")
                            .and_then(Value::as_str)
                            .and_then(|h| hex::decode(h).ok())
                            .ok_or_else(|| {
                                StoreError::Unusable(format!(
                                    "a binary value in {table} is unreadable"
                                ))
                            })?;
                        q.bind(bytes)
                    }
                    Value::Bool(b) => q.bind(i64::from(b)),
                    Value::Array(_) => {
                        return Err(StoreError::Unusable(format!("an odd value in {table}")));
                    }
                };
            }
            q.execute(&mut *tx).await?;
            count += 1;
        }
    }
    if db.backend == Backend::Postgres {
        for table in IDENTITY_TABLES {
            sqlx::query(AssertSqlSafe(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    crate::files::move_to_store(db).await?;
    // The search index is derived from the records, so a backup leaves it out.
    crate::search::rebuild(db).await?;
    Ok(count)
}

/// Nulls need a type on PostgreSQL; in this schema ids and codes are the integer columns,
/// except the text codes of sectors.
fn float_column(name: &str) -> bool {
    matches!(name, "baseline" | "entered")
}

fn integer_column(name: &str) -> bool {
    (name == "id"
        || name.ends_with("_id")
        || name.ends_with("_code")
        || name == "code"
        || name == "created_by"
        || matches!(
            name,
            "consent_recorded_by"
                | "started_by"
                | "merged_into"
                | "value"
                | "fiscal_year"
                | "decided_by"
        ))
        && !matches!(name, "network_code" | "sector_code")
}
