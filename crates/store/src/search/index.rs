//! Writing the index: a record's document and its terms, replaced whole after each change.

use super::{Audience, Kind, Shelf, partition, sources};
use crate::{Db, Result};
use sermphalang_thai::search::document_terms;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe, Row};
use std::collections::HashMap;
use std::hash::Hasher;

/// The version of the terms; raising it indexes everything again at the next start.
pub const VERSION: i64 = 1;
/// A word of the title or a name counts this many times a word of the body.
const TITLE_WEIGHT: i64 = 4;
/// Postings per INSERT: sqlx's cost per bound value grows with the statement's size.
const ROWS_PER_STATEMENT: usize = 100;
/// A body longer than this is indexed, but only its beginning is kept for snippets.
const KEPT_BODY_CHARS: usize = 4_000;

/// A term as the index stores it: FNV-1a, stable across builds and machines.
pub(crate) fn term_hash(term: &str) -> i64 {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(term.as_bytes());
    hasher.finish() as i64
}

struct Document {
    kind: Kind,
    ref_id: i64,
    province: Option<i64>,
    audience: String,
    archived: i64,
    title: String,
    body: String,
    dated: String,
    parent: Option<i64>,
}

impl Document {
    fn read(kind: Kind, row: &AnyRow) -> Document {
        Document {
            kind,
            ref_id: row.get(0),
            province: row.get(1),
            audience: row.get(2),
            archived: row.get(3),
            title: row.get(4),
            body: match kind {
                Kind::News => sermphalang_domain::news::plain_text(
                    &row.get::<Option<String>, _>(5).unwrap_or_default(),
                ),
                _ => row.get::<Option<String>, _>(5).unwrap_or_default(),
            },
            dated: row.get(6),
            parent: row.get(7),
        }
    }

    /// The partitions the document is posted in: its own, and for a province's public record
    /// also the open search's.
    fn partitions(&self) -> Vec<i64> {
        let audience = Audience::parse(&self.audience);
        let shelf = if self.archived != 0 {
            Shelf::Archived
        } else {
            Shelf::from(audience)
        };
        let mut partitions = vec![partition(self.province, self.kind, shelf)];
        if shelf == Shelf::Public && self.province.is_some() {
            partitions.push(partition(None, self.kind, Shelf::Everywhere));
        }
        partitions
    }

    /// Each term's hash with its weight, in key order.
    fn postings(&self) -> Vec<(i64, i64)> {
        let mut weights: HashMap<i64, i64> = HashMap::new();
        for (text, weight) in [(&self.title, TITLE_WEIGHT), (&self.body, 1)] {
            for term in document_terms(text) {
                *weights.entry(term_hash(&term)).or_default() += weight;
            }
        }
        let mut postings: Vec<(i64, i64)> = weights.into_iter().collect();
        postings.sort_unstable();
        postings
    }
}

/// Brings one record's document up to date in the caller's transaction: written again when the
/// record exists, removed when it does not.
pub async fn refresh(conn: &mut AnyConnection, kind: Kind, id: i64) -> Result<()> {
    let sql = format!(
        "{} WHERE {} = $1",
        sources::select(kind),
        sources::id_column(kind)
    );
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => write(conn, &Document::read(kind, &row), true).await,
        None => remove(conn, kind, id).await,
    }
}

async fn remove(conn: &mut AnyConnection, kind: Kind, id: i64) -> Result<()> {
    let document: Option<i64> =
        sqlx::query_scalar("SELECT id FROM search_documents WHERE kind = $1 AND ref_id = $2")
            .bind(kind.code())
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(document) = document {
        sqlx::query("DELETE FROM search_postings WHERE document_id = $1")
            .bind(document)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM search_documents WHERE id = $1")
            .bind(document)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn write(conn: &mut AnyConnection, doc: &Document, replace: bool) -> Result<()> {
    let body: String = doc.body.chars().take(KEPT_BODY_CHARS).collect();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO search_documents \
         (kind, ref_id, province_code, audience, archived, title, body, dated, parent_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (kind, ref_id) DO UPDATE SET province_code = excluded.province_code, \
         parent_id = excluded.parent_id, \
         audience = excluded.audience, archived = excluded.archived, title = excluded.title, \
         body = excluded.body, dated = excluded.dated RETURNING id",
    )
    .bind(doc.kind.code())
    .bind(doc.ref_id)
    .bind(doc.province)
    .bind(doc.audience.clone())
    .bind(doc.archived)
    .bind(doc.title.clone())
    .bind(body)
    .bind(doc.dated.clone())
    .bind(doc.parent)
    .fetch_one(&mut *conn)
    .await?;
    if replace {
        sqlx::query("DELETE FROM search_postings WHERE document_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    let postings = doc.postings();
    for scope in doc.partitions() {
        for chunk in postings.chunks(ROWS_PER_STATEMENT) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| format!("(${}, {scope}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
                .collect();
            let sql = format!(
                "INSERT INTO search_postings (term, scope, document_id, weight) VALUES {}",
                values.join(", ")
            );
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for (term, weight) in chunk {
                query = query.bind(*term).bind(id).bind(*weight);
            }
            query.execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// Indexes every record again, in one transaction: after a restore, or when the terms change.
pub async fn rebuild(db: &Db) -> Result<usize> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM search_postings")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM search_documents")
        .execute(&mut *tx)
        .await?;
    let mut written = 0;
    for kind in Kind::ALL {
        let rows = sqlx::query(AssertSqlSafe(sources::select(kind)))
            .fetch_all(&mut *tx)
            .await?;
        for row in &rows {
            write(&mut tx, &Document::read(kind, row), false).await?;
        }
        written += rows.len();
    }
    sqlx::query("DELETE FROM search_state")
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO search_state (version) VALUES ($1)")
        .bind(VERSION)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    if db.backend == crate::Backend::Postgres {
        // Fresh tables of millions of rows: until autovacuum comes by, PostgreSQL plans with
        // the old statistics and cannot scan the postings from the index alone.
        sqlx::raw_sql("VACUUM (ANALYZE) search_postings, search_documents")
            .execute(db.write())
            .await?;
    }
    Ok(written)
}

/// Builds the index when it was never built or holds terms of another version.
pub async fn fill_if_stale(db: &Db) -> Result<()> {
    let version: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM search_state")
        .fetch_one(db.read())
        .await?;
    if version != Some(VERSION) {
        let written = rebuild(db).await?;
        tracing::info!(documents = written, version = VERSION, "search index built");
    }
    Ok(())
}
