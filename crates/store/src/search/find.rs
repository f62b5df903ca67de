//! Reading the index: the documents that hold every term of a query, best first.

use super::index::term_hash;
use super::{Audience, Kind};
use crate::page::{Filter, in_list};
use crate::sql::Value;
use crate::{Db, Page, PageRequest, Result};
use serde::Serialize;
use sermphalang_thai::search::query_terms;
use sqlx::Row;

/// A search: what was typed, where, for whom.
#[derive(Debug, Clone)]
pub struct Query {
    pub text: String,
    /// One province, or every province (with `Audience::Public` only, the open search).
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
}

/// The documents whose terms include every term of the query, as a subquery of document ids
/// and scores, with the hashes to bind after `after` earlier binds.
fn matched(terms: &[String], after: usize) -> (String, Vec<Value>) {
    let hashes: Vec<Value> = terms.iter().map(|t| Value::from(term_hash(t))).collect();
    let sql = format!(
        "SELECT p.document_id, CAST(SUM(p.weight) AS BIGINT) AS score FROM search_postings p \
         WHERE p.term IN {} GROUP BY p.document_id HAVING COUNT(*) = {}",
        in_list(after, hashes.len()),
        hashes.len()
    );
    (sql, hashes)
}

/// `FROM (matched) m JOIN search_documents d ... WHERE` the query's scope.
fn scoped(query: &Query, terms: &[String]) -> Filter {
    let (matched, hashes) = matched(terms, 0);
    let mut f = Filter::new(&format!(
        "FROM ({matched}) m JOIN search_documents d ON d.id = m.document_id WHERE d.archived = 0"
    ));
    f.binds = hashes;
    let audiences: Vec<Value> = query
        .audiences
        .iter()
        .map(|a| Value::from(a.code()))
        .collect();
    if audiences.is_empty() {
        f.sql.push_str(" AND 1 = 0");
    } else {
        let list = vec!["?"; audiences.len()].join(", ");
        f.and_all(&format!("d.audience IN ({list})"), audiences);
    }
    if let Some(province) = query.province {
        f.and("d.province_code = ?", Value::from(province));
    }
    f
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
    };
    if terms.is_empty() {
        return Ok(found);
    }
    let f = scoped(query, &terms);
    let counts = f
        .query(&format!(
            "SELECT d.kind, COUNT(*) {} GROUP BY d.kind",
            f.sql
        ))
        .fetch_all(db.read())
        .await?;
    for row in &counts {
        if let Some(kind) = Kind::parse(&row.get::<String, _>(0)) {
            found.by_kind.push((kind, row.get(1)));
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
    let mut f = f;
    if !query.kinds.is_empty() {
        let kinds: Vec<Value> = query.kinds.iter().map(|k| Value::from(k.code())).collect();
        let list = vec!["?"; kinds.len()].join(", ");
        f.and_all(&format!("d.kind IN ({list})"), kinds);
    }
    let sql = format!(
        "SELECT d.kind, d.ref_id, d.province_code, d.title, d.body, d.dated, m.score, \
         d.parent_id {} \
         ORDER BY m.score DESC, d.dated DESC, d.id DESC {}",
        f.sql,
        query.page.limit_offset(f.binds.len() + 1)
    );
    let rows = f
        .query(&sql)
        .bind(query.page.offset())
        .fetch_all(db.read())
        .await?;
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

/// A condition for a list of `kind` records whose id column is `column`: the records the
/// query finds. A query without a word finds nothing.
pub(crate) fn matching_refs(kind: Kind, column: &str, text: &str) -> (String, Vec<Value>) {
    let terms = query_terms(text);
    if terms.is_empty() {
        return ("1 = 0".into(), Vec::new());
    }
    let hashes: Vec<Value> = terms.iter().map(|t| Value::from(term_hash(t))).collect();
    let list = vec!["?"; hashes.len()].join(", ");
    let sql = format!(
        "{column} IN (SELECT d.ref_id FROM search_postings p \
         JOIN search_documents d ON d.id = p.document_id \
         WHERE d.kind = '{}' AND p.term IN ({list}) GROUP BY d.ref_id HAVING COUNT(*) = {})",
        kind.code(),
        hashes.len()
    );
    (sql, hashes)
}
