//! The store's repeated SQL shapes, written once: values bound in order, a record's columns
//! for INSERT and UPDATE alike, and records read with one column list under any condition.

use crate::{Db, Result, StoreError};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::{Query, QueryScalar};
use sqlx::{Any, AnyConnection, AssertSqlSafe};

/// A value to bind, typed as the column expects it (NULL included).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Float(Option<f64>),
    Bytes(Vec<u8>),
}

impl From<f64> for Value {
    fn from(v: f64) -> Value {
        Value::Float(Some(v))
    }
}

impl From<Option<f64>> for Value {
    fn from(v: Option<f64>) -> Value {
        Value::Float(v)
    }
}

impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Value {
        Value::Bytes(v)
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(Some(v))
    }
}

impl From<i32> for Value {
    fn from(v: i32) -> Value {
        Value::Int(Some(i64::from(v)))
    }
}

impl From<u32> for Value {
    fn from(v: u32) -> Value {
        Value::Int(Some(i64::from(v)))
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Value {
        Value::Int(Some(i64::from(v)))
    }
}

impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Value {
        Value::Int(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(Some(v.to_string()))
    }
}

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(Some(v))
    }
}

impl From<&String> for Value {
    fn from(v: &String) -> Value {
        Value::Text(Some(v.clone()))
    }
}

impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Value {
        Value::Text(v)
    }
}

impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Value {
        Value::Text(v.map(str::to_string))
    }
}

impl From<Option<chrono::NaiveDate>> for Value {
    fn from(v: Option<chrono::NaiveDate>) -> Value {
        Value::Text(v.map(|d| d.to_string()))
    }
}

pub(crate) fn bind<'q>(
    q: Query<'q, Any, AnyArguments>,
    values: &[Value],
) -> Query<'q, Any, AnyArguments> {
    values.iter().fold(q, |q, v| match v {
        Value::Int(i) => q.bind(*i),
        Value::Text(t) => q.bind(t.clone()),
        Value::Float(f) => bind_float(q, *f),
        Value::Bytes(b) => q.bind(b.clone()),
    })
}

/// Binds an optional float. sqlx 0.9's `Any` sends a NULL `f64` to PostgreSQL typed FLOAT4
/// (and a NULL `f32` typed FLOAT8), so a statement first prepared with a NULL refuses every
/// later value ("incorrect binary data format"). A NULL goes as `f32` to arrive as FLOAT8.
pub(crate) fn bind_float<'q>(
    q: Query<'q, Any, AnyArguments>,
    value: Option<f64>,
) -> Query<'q, Any, AnyArguments> {
    match value {
        Some(v) => q.bind(v),
        None => q.bind(None::<f32>),
    }
}

pub(crate) fn bind_scalar<'q, O>(
    q: QueryScalar<'q, Any, O, AnyArguments>,
    values: &[Value],
) -> QueryScalar<'q, Any, O, AnyArguments> {
    values.iter().fold(q, |q, v| match v {
        Value::Int(i) => q.bind(*i),
        Value::Text(t) => q.bind(t.clone()),
        Value::Float(Some(f)) => q.bind(*f),
        Value::Float(None) => q.bind(None::<f32>),
        Value::Bytes(b) => q.bind(b.clone()),
    })
}

/// `sql` with each `?` numbered as a placeholder, counting on from `after` earlier binds.
pub(crate) fn numbered(sql: &str, after: usize) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = after;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `count_sql` (a `SELECT COUNT(*)` with `$1` for `scope` and `{ids}` for the
/// list) counts every one of `ids`: chosen ids that all belong where they must.
pub(crate) async fn all_found(
    db: &Db,
    count_sql: &str,
    scope: Value,
    ids: Vec<Value>,
) -> Result<bool> {
    if ids.is_empty() {
        return Ok(true);
    }
    let wanted = ids.len() as i64;
    let sql = count_sql.replace("{ids}", &crate::page::in_list(1, ids.len()));
    let mut values = vec![scope];
    values.extend(ids);
    let found: i64 = bind_scalar(sqlx::query_scalar(AssertSqlSafe(sql)), &values)
        .fetch_one(db.read())
        .await?;
    Ok(found == wanted)
}

/// A record's columns and their values, listed once for both INSERT and UPDATE.
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    names: Vec<&'static str>,
    values: Vec<Value>,
}

impl Columns {
    pub fn new() -> Columns {
        Columns::default()
    }

    pub fn set(mut self, name: &'static str, value: impl Into<Value>) -> Columns {
        self.names.push(name);
        self.values.push(value.into());
        self
    }

    fn insert_sql(&self, table: &str) -> String {
        let placeholders: Vec<String> = (1..=self.names.len()).map(|i| format!("${i}")).collect();
        format!(
            "INSERT INTO {table} ({}) VALUES ({}) RETURNING id",
            self.names.join(", "),
            placeholders.join(", ")
        )
    }

    fn update_sql(&self, table: &str, condition: &str) -> String {
        let sets: Vec<String> = self
            .names
            .iter()
            .enumerate()
            .map(|(i, name)| format!("{name} = ${}", i + 1))
            .collect();
        format!(
            "UPDATE {table} SET {} WHERE {}",
            sets.join(", "),
            numbered(condition, self.names.len())
        )
    }

    /// Inserts the record and returns its new id.
    pub async fn insert(self, conn: &mut AnyConnection, table: &str) -> sqlx::Result<i64> {
        let sql = self.insert_sql(table);
        let q = sqlx::query_scalar(AssertSqlSafe(sql));
        bind_scalar(q, &self.values).fetch_one(conn).await
    }

    /// Updates the rows `condition` selects (`?` for each of `keys`); returns how many.
    pub async fn update(
        self,
        conn: &mut AnyConnection,
        table: &str,
        condition: &str,
        keys: &[Value],
    ) -> sqlx::Result<u64> {
        let sql = self.update_sql(table, condition);
        let mut values = self.values;
        values.extend_from_slice(keys);
        let done = bind(sqlx::query(AssertSqlSafe(sql)), &values)
            .execute(conn)
            .await?;
        Ok(done.rows_affected())
    }
}

/// A record read with one column list, whether one is found or many are listed.
pub(crate) trait Record: Sized {
    /// The column list `from_row` reads, in its order.
    const COLUMNS: &'static str;
    /// `FROM <table and joins>`, to which a condition and order are appended.
    const FROM: &'static str;

    fn from_row(row: &AnyRow) -> Self;
}

/// The one record `rest` (`WHERE ...` with `$n` placeholders) selects, or `NotFound`.
pub(crate) async fn one<T: Record>(db: &Db, rest: &str, values: &[Value]) -> Result<T> {
    optional(db, rest, values)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The record `rest` selects, if there is one.
pub(crate) async fn optional<T: Record>(
    db: &Db,
    rest: &str,
    values: &[Value],
) -> Result<Option<T>> {
    let sql = format!("SELECT {} {} {rest}", T::COLUMNS, T::FROM);
    let row = bind(sqlx::query(AssertSqlSafe(sql)), values)
        .fetch_optional(db.read())
        .await?;
    Ok(row.as_ref().map(T::from_row))
}

/// Every record `rest` (`WHERE ... ORDER BY ...`) selects.
pub(crate) async fn all<T: Record>(db: &Db, rest: &str, values: &[Value]) -> Result<Vec<T>> {
    let sql = format!("SELECT {} {} {rest}", T::COLUMNS, T::FROM);
    let rows = bind(sqlx::query(AssertSqlSafe(sql)), values)
        .fetch_all(db.read())
        .await?;
    Ok(rows.iter().map(T::from_row).collect())
}

/// The words of one dialect for reading many rows as one JSON value (sqlx's cost is per row
/// and per value): the aggregate, the array builder, an empty array, the cast of the result
/// to text, and what makes a nested subquery's JSON text JSON again.
pub(crate) struct JsonWords {
    pub agg: &'static str,
    pub array: &'static str,
    pub empty: &'static str,
    pub text: &'static str,
    pub nested: (&'static str, &'static str),
}

pub(crate) fn json_words(backend: crate::Backend) -> JsonWords {
    match backend {
        crate::Backend::Sqlite => JsonWords {
            agg: "json_group_array",
            array: "json_array",
            empty: "'[]'",
            text: "",
            nested: ("json(", ")"),
        },
        crate::Backend::Postgres => JsonWords {
            agg: "json_agg",
            array: "json_build_array",
            empty: "'[]'::json",
            text: "::text",
            nested: ("(", ")"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Columns {
        Columns::new()
            .set("name", "วัดโพธิสมภรณ์")
            .set("district_code", 4101_i64)
            .set("email", None::<String>)
    }

    #[test]
    fn one_column_list_serves_insert_and_update() {
        assert_eq!(
            record().insert_sql("organizations"),
            "INSERT INTO organizations (name, district_code, email) VALUES ($1, $2, $3) \
             RETURNING id"
        );
        assert_eq!(
            record().update_sql("organizations", "id = ? AND province_code = ?"),
            "UPDATE organizations SET name = $1, district_code = $2, email = $3 \
             WHERE id = $4 AND province_code = $5"
        );
    }

    #[test]
    fn placeholders_count_on_after_earlier_binds() {
        assert_eq!(numbered("a = ? AND b = ?", 2), "a = $3 AND b = $4");
        assert_eq!(numbered("no binds", 0), "no binds");
    }
}
