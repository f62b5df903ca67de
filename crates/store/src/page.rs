use crate::sql::{Value, bind, bind_scalar, numbered};
use serde::Serialize;
use sqlx::Row;

pub const PER_PAGE: i64 = 50;

/// Which page of a list to show, counted from 1.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub page: i64,
    pub per_page: i64,
}

impl PageRequest {
    pub fn new(page: Option<i64>) -> Self {
        Self {
            page: page.unwrap_or(1).clamp(1, 1_000_000),
            per_page: PER_PAGE,
        }
    }

    pub fn all() -> Self {
        Self {
            page: 1,
            per_page: i64::MAX / 2,
        }
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }

    /// `LIMIT n OFFSET $param`. The limit is written as a literal: SQLite marks a statement
    /// whose LIMIT is a bound parameter to be prepared again every time it is bound, which
    /// cost a list page about a sixth of its time.
    pub(crate) fn limit_offset(&self, offset_param: usize) -> String {
        format!("LIMIT {} OFFSET ${offset_param}", self.per_page)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

impl<T> Page<T> {
    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page).max(1)
    }

    pub fn has_prev(&self) -> bool {
        self.page > 1
    }

    pub fn has_next(&self) -> bool {
        self.page < self.pages()
    }

    pub fn first_number(&self) -> i64 {
        if self.total == 0 {
            0
        } else {
            (self.page - 1) * self.per_page + 1
        }
    }

    pub fn last_number(&self) -> i64 {
        (self.first_number() + self.items.len() as i64 - 1).max(0)
    }
}

/// Pages after this one are found through cached anchors instead of OFFSET.
const NEAR_PAGES: i64 = 20;

#[derive(Clone)]
pub(crate) struct Filter {
    pub sql: String,
    pub binds: Vec<Value>,
}

impl Filter {
    pub fn new(base: &str) -> Self {
        Self {
            sql: base.to_string(),
            binds: Vec::new(),
        }
    }

    /// Appends `clause`, in which `?` stands for the next placeholder.
    pub fn and(&mut self, clause: &str, bind: Value) {
        self.sql.push_str(" AND ");
        self.sql.push_str(&numbered(clause, self.binds.len()));
        self.binds.push(bind);
    }

    /// Appends `clause`, in which each `?` stands for the next of `binds`.
    pub fn and_all(&mut self, clause: &str, binds: Vec<Value>) {
        self.sql.push_str(" AND ");
        self.sql.push_str(&numbered(clause, self.binds.len()));
        self.binds.extend(binds);
    }

    pub fn query(&self, sql: &str) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments> {
        bind(
            sqlx::query(sqlx::AssertSqlSafe(sql.to_string())),
            &self.binds,
        )
    }

    /// The total of the rows this filter selects, cached briefly (see `Db::cached_count`).
    pub async fn count(&self, db: &crate::Db) -> crate::Result<i64> {
        let sql = format!("SELECT COUNT(*) {}", self.sql);
        let key = format!("{sql} {:?}", self.binds);
        db.cached_count(key, self.scalar(&sql).fetch_one(db.read()))
            .await
    }

    /// Where `page` starts when it is deep in the list: the filter with the anchor's condition
    /// on `key` and the rows to skip within it; `None` for a near page (plain OFFSET is cheap
    /// there) or one past the end. `key` is the list's sort column, `id` its tie-breaker.
    pub async fn deep_page(
        &self,
        db: &crate::Db,
        page: PageRequest,
        key: &str,
        id: &str,
    ) -> crate::Result<Option<(Filter, i64)>> {
        if page.page <= NEAR_PAGES {
            return Ok(None);
        }
        let p = page.per_page;
        // Each page's first row (where it starts) and last row (where the index range ends:
        // without it, the last page would read on to the end of the index for more rows).
        let sql = format!(
            "SELECT k, skip, n, total FROM (SELECT {key} AS k, \
             ROW_NUMBER() OVER (ORDER BY {key}, {id}) AS n, \
             ROW_NUMBER() OVER (PARTITION BY {key} ORDER BY {id}) - 1 AS skip, \
             COUNT(*) OVER () AS total {}) a \
             WHERE (n - 1) % {p} = 0 OR n % {p} = 0 OR n = total ORDER BY n",
            self.sql
        );
        let cache_key = format!("{sql} {:?}", self.binds);
        let read = async {
            let mut anchors: Vec<crate::db::Anchor> = Vec::new();
            for r in self.query(&sql).fetch_all(db.read()).await? {
                let (k, skip, n, total): (Vec<u8>, i64, i64, i64) =
                    (r.get(0), r.get(1), r.get(2), r.get(3));
                if (n - 1) % p == 0 {
                    anchors.push(crate::db::Anchor {
                        sort_key: k.clone(),
                        skip,
                        last_key: k.clone(),
                    });
                }
                if (n % p == 0 || n == total)
                    && let Some(a) = anchors.last_mut()
                {
                    a.last_key = k;
                }
            }
            Ok(anchors)
        };
        let anchors = db.cached_anchors(cache_key, read).await?;
        let Some(anchor) = anchors.get((page.page - 1) as usize) else {
            return Ok(None);
        };
        let mut from = self.clone();
        from.and(&format!("{key} >= ?"), Value::from(anchor.sort_key.clone()));
        from.and(&format!("{key} <= ?"), Value::from(anchor.last_key.clone()));
        Ok(Some((from, anchor.skip)))
    }

    pub fn scalar(
        &self,
        sql: &str,
    ) -> sqlx::query::QueryScalar<'_, sqlx::Any, i64, sqlx::any::AnyArguments> {
        bind_scalar(
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string())),
            &self.binds,
        )
    }
}

/// `IN ($a, $b, ...)` placeholders starting after `offset` binds.
pub(crate) fn in_list(offset: usize, count: usize) -> String {
    let items: Vec<String> = (1..=count).map(|i| format!("${}", offset + i)).collect();
    format!("({})", items.join(", "))
}
