//! What an event's certificates share: logos and signatories (with signature images), and the
//! province's certificate template.

use crate::audit::{Actor, Change};
use crate::{Db, Result, StoreError, files, now};
use serde::Serialize;
use sqlx::Row;

use super::event::Event;

#[derive(Debug, Clone, Serialize)]
pub struct Signatory {
    pub position: i64,
    pub name: String,
    pub title: String,
    pub signature_file_id: Option<i64>,
}

pub async fn signatories(db: &Db, event: i64) -> Result<Vec<Signatory>> {
    let rows = sqlx::query(
        "SELECT position, name, title, signature_file_id FROM event_signatories \
         WHERE event_id = $1 ORDER BY position",
    )
    .bind(event)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| Signatory {
            position: r.get(0),
            name: r.get(1),
            title: r.get(2),
            signature_file_id: r.get(3),
        })
        .collect())
}

/// A signatory as entered: a new signature image replaces the old one; none keeps it.
pub struct SignatoryInput {
    pub name: String,
    pub title: String,
    pub signature: Option<(String, String, Vec<u8>)>,
}

/// Replaces the event's signatories. Rows with an empty name are dropped.
pub async fn set_signatories(
    db: &Db,
    actor: &Actor,
    event: &Event,
    input: &[SignatoryInput],
) -> Result<()> {
    let before = signatories(db, event.id).await?;
    let mut tx = db.audited(actor, Some(event.province_code)).await?;
    sqlx::query("DELETE FROM event_signatories WHERE event_id = $1")
        .bind(event.id)
        .execute(&mut *tx)
        .await?;
    let mut position = 0_i64;
    for (row, s) in input.iter().enumerate() {
        if s.name.trim().is_empty() {
            continue;
        }
        let file = match &s.signature {
            Some((name, content_type, data)) => Some(
                files::insert(
                    &mut tx,
                    event.province_code,
                    actor.user_id,
                    name,
                    content_type,
                    data,
                )
                .await?,
            ),
            None => before.get(row).and_then(|b| b.signature_file_id),
        };
        sqlx::query(
            "INSERT INTO event_signatories (event_id, position, name, title, signature_file_id) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(event.id)
        .bind(position)
        .bind(s.name.trim().to_string())
        .bind(s.title.trim().to_string())
        .bind(file)
        .execute(&mut *tx)
        .await?;
        position += 1;
    }
    tx.commit(
        Change::new("update", "event_signatories", event.id)
            .before(&before)
            .after(&serde_json::json!(
                input
                    .iter()
                    .map(|s| (&s.name, &s.title))
                    .collect::<Vec<_>>()
            )),
    )
    .await?;
    Ok(())
}

/// Logo file ids in order.
pub async fn logos(db: &Db, event: i64) -> Result<Vec<i64>> {
    let ids =
        sqlx::query_scalar("SELECT file_id FROM event_logos WHERE event_id = $1 ORDER BY position")
            .bind(event)
            .fetch_all(db.read())
            .await?;
    Ok(ids)
}

pub async fn add_logo(
    db: &Db,
    actor: &Actor,
    event: &Event,
    name: &str,
    content_type: &str,
    data: &[u8],
) -> Result<()> {
    let mut tx = db.audited(actor, Some(event.province_code)).await?;
    let file = files::insert(
        &mut tx,
        event.province_code,
        actor.user_id,
        name,
        content_type,
        data,
    )
    .await?;
    let position: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM event_logos WHERE event_id = $1",
    )
    .bind(event.id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO event_logos (event_id, position, file_id) VALUES ($1, $2, $3)")
        .bind(event.id)
        .bind(position)
        .bind(file)
        .execute(&mut *tx)
        .await?;
    tx.commit(
        Change::new("add_logo", "event", event.id)
            .after(&serde_json::json!({ "file": file, "name": name })),
    )
    .await?;
    Ok(())
}

pub async fn remove_logo(db: &Db, actor: &Actor, event: &Event, file: i64) -> Result<()> {
    let mut tx = db.audited(actor, Some(event.province_code)).await?;
    let removed = sqlx::query("DELETE FROM event_logos WHERE event_id = $1 AND file_id = $2")
        .bind(event.id)
        .bind(file)
        .execute(&mut *tx)
        .await?;
    if removed.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    tx.commit(
        Change::new("remove_logo", "event", event.id).before(&serde_json::json!({ "file": file })),
    )
    .await?;
    Ok(())
}

/// The province's certificate template, when it has its own.
pub async fn template(db: &Db, province: i64) -> Result<Option<String>> {
    let source =
        sqlx::query_scalar("SELECT source FROM certificate_templates WHERE province_code = $1")
            .bind(province)
            .fetch_optional(db.read())
            .await?;
    Ok(source)
}

/// Saves the province's template; `None` goes back to the default.
pub async fn set_template(
    db: &Db,
    actor: &Actor,
    province: i64,
    source: Option<&str>,
) -> Result<()> {
    let before = template(db, province).await?;
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query("DELETE FROM certificate_templates WHERE province_code = $1")
        .bind(province)
        .execute(&mut *tx)
        .await?;
    if let Some(source) = source {
        sqlx::query(
            "INSERT INTO certificate_templates (province_code, source, updated_at, updated_by) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(province)
        .bind(source.to_string())
        .bind(now())
        .bind(actor.user_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit(
        Change::new("update", "certificate_template", province)
            .before(&before)
            .after(&source),
    )
    .await?;
    Ok(())
}
