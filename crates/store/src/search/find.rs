//! Reading the index: the documents that hold every term of a query, best first.
//!
//! A search reads only the partitions its searcher may see. Its rarest term leads: the newest
//! [`CANDIDATES`] postings of that term in each partition are looked up in the other terms'
//! postings by key, so a query costs about the same whatever the index holds. A word found in
//! more records than that is ranked among its newest ones, and its counts read "at least".

use super::index::term_hash;
use super::{Audience, Kind, Shelf, kind_of, partition};
use crate::sql::Value;
use crate::{Db, Page, PageRequest, Result};
use serde::Serialize;
use sermphalang_thai::search::query_terms;
use sqlx::{AnyConnection, AssertSqlSafe, Row};

/// Postings of the leading term read in each partition.
pub const CANDIDATES: i64 = 1_000;

/// A search: what was typed, where, for whom.
#[derive(Debug, Clone)]
pub struct Query {
    pub text: String,
    /// One province, or every province: the open search (`Audience::Public` only) or national
    /// staff's.
    pub province: Option<i64>,
    /// What the searcher may see there.
    pub audiences: Vec<Audience>,
    /// The kinds asked for; empty asks for every kind.
    pub kinds: Vec<Kind>,
    pub page: PageRequest,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub kind: Kind,
    pub ref_id: i64,
    /// What a link needs besides the id: a plan entry's plan.
    pub parent: Option<i64>,
    pub province: Option<i64>,
    pub title: String,
    pub body: String,
    pub dated: String,
    pub score: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Found {
    /// The terms looked for, to mark them in snippets; empty when the query held no word.
    pub terms: Vec<String>,
    pub hits: Page<Hit>,
    /// How many documents of each kind match, whichever kinds were asked for.
    pub by_kind: Vec<(Kind, i64)>,
    /// The counts are lower bounds: the leading term is in more than [`CANDIDATES`] records.
    pub at_least: bool,
}

/// Where a search reads.
enum Shelves {
    /// These partitions.
    Partitions(Vec<i64>),
    /// Every province's public and members' partitions of these kinds: national staff.
    Everywhere(Vec<Kind>),
}

impl Shelves {
    fn of(query: &Query, kinds: &[Kind]) -> Shelves {
        match query.province {
            Some(p) => Shelves::Partitions(
                kinds
                    .iter()
                    .flat_map(|k| {
                        query
                            .audiences
                            .iter()
                            .map(move |a| partition(Some(p), *k, Shelf::from(*a)))
                    })
                    .collect(),
            ),
            None if query.audiences.iter().all(|a| *a == Audience::Public) => {
                Shelves::Partitions(if query.audiences.is_empty() {
                    Vec::new()
                } else {
                    kinds
                        .iter()
                        .flat_map(|k| {
                            [
                                partition(None, *k, Shelf::Public),
                                partition(None, *k, Shelf::Everywhere),
                            ]
                        })
                        .collect()
                })
            }
            None => Shelves::Everywhere(kinds.to_vec()),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Shelves::Partitions(p) => p.is_empty(),
            Shelves::Everywhere(k) => k.is_empty(),
        }
    }

    /// `scope` conditions for the postings aliased `alias`.
    fn condition(&self, alias: &str) -> String {
        match self {
            Shelves::Partitions(p) => format!("{alias}.scope IN ({})", join(p)),
            Shelves::Everywhere(kinds) => {
                let digits: Vec<i64> = kinds.iter().map(|k| k.digit()).collect();
                format!(
                    "{alias}.scope % 10 IN ({}, {}) AND ({alias}.scope / 10) % 10 IN ({})",
                    Shelf::Public as i64,
                    Shelf::Members as i64,
                    join(&digits)
                )
            }
        }
    }

    /// The newest postings of the term bound as `$1` in each partition.
    fn lead(&self) -> String {
        let newest = |condition: String| {
            format!(
                "SELECT * FROM (SELECT l.scope, l.document_id, l.weight FROM search_postings l \
                 WHERE l.term = $1 AND {condition} ORDER BY l.document_id DESC \
                 LIMIT {CANDIDATES}) l"
            )
        };
        match self {
            Shelves::Partitions(p) => p
                .iter()
                .map(|s| newest(format!("l.scope = {s}")))
                .collect::<Vec<_>>()
                .join(" UNION ALL "),
            Shelves::Everywhere(_) => newest(self.condition("l")),
        }
    }
}

fn join(numbers: &[i64]) -> String {
    numbers
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many of a term's postings lie on the shelves, counted up to one more than
/// [`CANDIDATES`].
async fn probe(conn: &mut AnyConnection, shelves: &Shelves, term: i64) -> Result<i64> {
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM search_postings p WHERE p.term = $1 AND {} \
         LIMIT {}) x",
        shelves.condition("p"),
        CANDIDATES + 1
    );
    Ok(sqlx::query_scalar(AssertSqlSafe(sql))
        .bind(term)
        .fetch_one(conn)
        .await?)
}

/// The documents holding every term, with their scores: the leading term's candidates, each
/// looked up in the other terms' postings (bound from `$2`).
fn candidates(shelves: &Shelves, others: usize) -> String {
    let mut sql = String::from("SELECT c.scope, c.document_id, c.weight");
    for i in 0..others {
        sql.push_str(&format!(" + q{i}.weight"));
    }
    sql.push_str(&format!(" AS score FROM ({}) c", shelves.lead()));
    for i in 0..others {
        sql.push_str(&format!(
            " JOIN search_postings q{i} ON q{i}.term = ${} AND q{i}.scope = c.scope \
             AND q{i}.document_id = c.document_id",
            i + 2
        ));
    }
    sql
}

/// The query's term hashes with the rarest first.
async fn ordered_terms(
    conn: &mut AnyConnection,
    shelves: &Shelves,
    terms: &[String],
) -> Result<(Vec<i64>, i64)> {
    let mut counted = Vec::with_capacity(terms.len());
    for term in terms {
        let hash = term_hash(term);
        let n = probe(conn, shelves, hash).await?;
        counted.push((n, std::cmp::Reverse(term.chars().count()), hash));
    }
    counted.sort();
    let lead = counted[0].0;
    Ok((counted.into_iter().map(|(_, _, h)| h).collect(), lead))
}

/// The documents the query finds, best first: the most weight of its terms, then the newest.
pub async fn find(db: &Db, query: &Query) -> Result<Found> {
    let terms = query_terms(&query.text);
    let mut found = Found {
        terms: terms.clone(),
        hits: Page {
            items: Vec::new(),
            total: 0,
            page: query.page.page,
            per_page: query.page.per_page,
        },
        by_kind: Vec::new(),
        at_least: false,
    };
    let every = Shelves::of(query, &Kind::ALL);
    if terms.is_empty() || every.is_empty() {
        return Ok(found);
    }
    let mut tx = db.read().begin().await?;
    if db.backend == crate::Backend::Postgres {
        // Planning a search's partitions anew for each term cost more than running it: one
        // plan per shape serves every term (the index decides, whatever the term).
        sqlx::query("SET LOCAL plan_cache_mode = force_generic_plan")
            .execute(&mut *tx)
            .await?;
    }
    let (hashes, lead_count) = ordered_terms(&mut tx, &every, &terms).await?;
    if lead_count == 0 {
        return Ok(found);
    }
    found.at_least = lead_count > CANDIDATES;
    let bind_all = |sql: String| {
        hashes
            .iter()
            .fold(sqlx::query(AssertSqlSafe(sql)), |q, h| q.bind(*h))
    };
    let counts = bind_all(format!(
        "SELECT m.scope, COUNT(*) FROM ({}) m GROUP BY m.scope",
        candidates(&every, hashes.len() - 1)
    ))
    .fetch_all(&mut *tx)
    .await?;
    for row in &counts {
        if let Some(kind) = kind_of(row.get(0)) {
            match found.by_kind.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, n)) => *n += row.get::<i64, _>(1),
                None => found.by_kind.push((kind, row.get(1))),
            }
        }
    }
    found
        .by_kind
        .sort_by_key(|(k, _)| Kind::ALL.iter().position(|x| x == k));
    let wanted = |k: &Kind| query.kinds.is_empty() || query.kinds.contains(k);
    found.hits.total = found
        .by_kind
        .iter()
        .filter(|(k, _)| wanted(k))
        .map(|(_, n)| n)
        .sum();
    if found.hits.total == 0 {
        return Ok(found);
    }
    let asked: Vec<Kind> = Kind::ALL.into_iter().filter(|k| wanted(k)).collect();
    let shelves = Shelves::of(query, &asked);
    // The page is chosen by each candidate's date alone (from the index, on PostgreSQL);
    // only its twenty documents are read whole.
    let sql = format!(
        "SELECT d.kind, d.ref_id, d.province_code, d.title, d.body, d.dated, t.score, \
         d.parent_id FROM (SELECT m.document_id, m.score, o.dated FROM ({}) m \
         JOIN search_documents o ON o.id = m.document_id \
         ORDER BY m.score DESC, o.dated DESC, m.document_id DESC {}) t \
         JOIN search_documents d ON d.id = t.document_id \
         ORDER BY t.score DESC, t.dated DESC, t.document_id DESC",
        candidates(&shelves, hashes.len() - 1),
        query.page.limit_offset(hashes.len() + 1)
    );
    let rows = bind_all(sql)
        .bind(query.page.offset())
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    found.hits.items = rows
        .iter()
        .filter_map(|r| {
            Some(Hit {
                kind: Kind::parse(&r.get::<String, _>(0))?,
                ref_id: r.get(1),
                province: r.get(2),
                title: r.get(3),
                body: r.get(4),
                dated: r.get(5),
                score: r.get(6),
                parent: r.get(7),
            })
        })
        .collect();
    Ok(found)
}

/// A condition for a registry list of a province's `kind` records, whose id column is
/// `column`: every record the query finds, active or `archived`. A query without a word
/// finds nothing.
pub(crate) fn matching_refs(
    province: i64,
    kind: Kind,
    archived: bool,
    column: &str,
    text: &str,
) -> (String, Vec<Value>) {
    let mut terms = query_terms(text);
    if terms.is_empty() {
        return ("1 = 0".into(), Vec::new());
    }
    // A list has no time to count each term first: the longest is usually the rarest.
    terms.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    let shelf = if archived {
        Shelf::Archived
    } else {
        Shelf::Members
    };
    let scope = partition(Some(province), kind, shelf);
    let mut sql = format!(
        "{column} IN (SELECT d.ref_id FROM search_postings c \
         JOIN search_documents d ON d.id = c.document_id"
    );
    for i in 1..terms.len() {
        sql.push_str(&format!(
            " JOIN search_postings q{i} ON q{i}.term = ? AND q{i}.scope = c.scope \
             AND q{i}.document_id = c.document_id"
        ));
    }
    sql.push_str(&format!(" WHERE c.term = ? AND c.scope = {scope})"));
    let mut binds: Vec<Value> = terms[1..]
        .iter()
        .map(|t| Value::from(term_hash(t)))
        .collect();
    binds.push(Value::from(term_hash(&terms[0])));
    (sql, binds)
}
