//! The plan's tree: strategies, goals under them, projects under goals, activities under
//! projects; an activity's networks, districts, organizations, references and budget.

use super::Plan;
use crate::audit::{Actor, Change};
use crate::sql::{Columns, Value, all_found};
use crate::time::date;
use crate::{Backend, Db, Result, StoreError, now};
use chrono::NaiveDate;
use serde::Serialize;
use sermphalang_domain::plan::{BudgetLine, EntryInput, Level};
use sermphalang_domain::registry::Sector;
use sermphalang_domain::{FieldError, Invalid};
use sqlx::{AnyConnection, AssertSqlSafe, Row};
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub level: Level,
    /// "1", "1.2", "1.2.3": the entry's place in the tree, counted from its siblings.
    pub number: String,
    pub title: String,
    pub description: String,
    pub fiscal_year: Option<i32>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub source_activity_id: Option<i64>,
    pub networks: Vec<Sector>,
    pub districts: Vec<i64>,
    pub organizations: Vec<(i64, String)>,
    pub references: Vec<String>,
    pub budget: Vec<BudgetLine>,
}

impl Entry {
    pub fn depth(&self) -> usize {
        self.number.matches('.').count()
    }

    pub fn budget_satang(&self) -> i64 {
        self.budget.iter().map(|b| b.satang).sum()
    }
}

/// One entry as the tree's query gives it: its columns, then its networks, districts,
/// organizations (id, name), references and budget lines (source, satang).
type RawEntry = (
    i64,
    Option<i64>,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Vec<String>,
    Vec<i64>,
    Vec<(i64, String)>,
    Vec<String>,
    Vec<(String, i64)>,
);

/// The whole tree as one JSON value, each entry with its links: with sqlx's cost per row and
/// per value, one value read beats the few hundred rows of the entries and their five link
/// tables (as the registry's pages found).
fn tree_sql(backend: Backend) -> String {
    let crate::sql::JsonWords {
        agg,
        array,
        empty,
        text,
        nested: (open, close),
    } = crate::sql::json_words(backend);
    let list = |value: &str, from: &str, order: &str| {
        format!("{open}(SELECT COALESCE({agg}({value} ORDER BY {order}), {empty}) {from}){close}")
    };
    format!(
        "SELECT COALESCE({agg}({array}(e.id, e.parent_id, e.level, e.title, e.description, \
         e.fiscal_year, e.starts_on, e.ends_on, e.source_activity_id, {networks}, {districts}, \
         {organizations}, {references}, {budget}) ORDER BY e.position, e.id), {empty}){text} \
         FROM plan_entries e WHERE e.plan_id = $1",
        networks = list(
            "n.sector_code",
            "FROM plan_entry_networks n WHERE n.entry_id = e.id",
            "n.sector_code"
        ),
        districts = list(
            "d.district_code",
            "FROM plan_entry_districts d WHERE d.entry_id = e.id",
            "d.district_code"
        ),
        organizations = list(
            &format!("{array}(o.id, o.name)"),
            "FROM plan_entry_organizations l JOIN organizations o ON o.id = l.organization_id \
             WHERE l.entry_id = e.id",
            "o.sort_key"
        ),
        references = list(
            "l.reference_code",
            "FROM plan_entry_references l JOIN plan_references r ON r.code = l.reference_code \
             WHERE l.entry_id = e.id",
            "r.position"
        ),
        budget = list(
            &format!("{array}(b.source, b.satang)"),
            "FROM plan_budget_lines b WHERE b.entry_id = e.id",
            "b.position"
        ),
    )
}

/// The whole tree in reading order: each entry followed by the entries under it.
pub async fn tree(db: &Db, plan: i64) -> Result<Vec<Entry>> {
    let json: String = sqlx::query_scalar(AssertSqlSafe(tree_sql(db.backend)))
        .bind(plan)
        .fetch_one(db.read())
        .await?;
    let raw: Vec<RawEntry> = serde_json::from_str(&json)
        .map_err(|e| StoreError::Unusable(format!("plan tree unreadable: {e}")))?;
    let flat = raw
        .into_iter()
        .filter_map(|r| {
            Some(Entry {
                id: r.0,
                parent_id: r.1,
                level: Level::parse(&r.2)?,
                number: String::new(),
                title: r.3,
                description: r.4,
                fiscal_year: r.5.map(|y| y as i32),
                starts_on: date(r.6),
                ends_on: date(r.7),
                source_activity_id: r.8,
                networks: r.9.iter().filter_map(|s| Sector::parse(s)).collect(),
                districts: r.10,
                organizations: r.11,
                references: r.12,
                budget: r
                    .13
                    .into_iter()
                    .map(|(source, satang)| BudgetLine { source, satang })
                    .collect(),
            })
        })
        .collect();
    Ok(in_reading_order(flat))
}

fn in_reading_order(flat: Vec<Entry>) -> Vec<Entry> {
    let mut children: HashMap<Option<i64>, Vec<Entry>> = HashMap::new();
    for e in flat {
        children.entry(e.parent_id).or_default().push(e);
    }
    let mut out = Vec::new();
    fn walk(
        parent: Option<i64>,
        prefix: &str,
        children: &mut HashMap<Option<i64>, Vec<Entry>>,
        out: &mut Vec<Entry>,
    ) {
        let Some(mine) = children.remove(&parent) else {
            return;
        };
        for (i, mut e) in mine.into_iter().enumerate() {
            e.number = if prefix.is_empty() {
                format!("{}", i + 1)
            } else {
                format!("{prefix}.{}", i + 1)
            };
            let (id, number) = (e.id, e.number.clone());
            out.push(e);
            walk(Some(id), &number, children, out);
        }
    }
    walk(None, "", &mut children, &mut out);
    out
}

/// One entry of the plan, with its number in the tree.
pub async fn find(db: &Db, plan: i64, id: i64) -> Result<Entry> {
    tree(db, plan)
        .await?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or(StoreError::NotFound)
}

/// Checks what the form could not: the parent is of the level above in this plan, and the
/// districts, organizations and references belong to the province.
async fn check(db: &Db, plan: &Plan, input: &EntryInput, id: Option<i64>) -> Result<()> {
    let mut errors = Invalid::default();
    if let Some(parent) = input.parent {
        let level: Option<String> =
            sqlx::query_scalar("SELECT level FROM plan_entries WHERE id = $1 AND plan_id = $2")
                .bind(parent)
                .bind(plan.id)
                .fetch_optional(db.read())
                .await?;
        let expected = input.level.parent().map(Level::code);
        if level.as_deref() != expected || Some(parent) == id {
            errors.push(FieldError::new(
                "parent",
                format!(
                    "{}ต้องอยู่ภายใต้{}ของแผนนี้",
                    input.level.label_th(),
                    input.level.parent().map_or("", Level::label_th)
                ),
                format!(
                    "A {} must sit under a {} of this plan",
                    input.level.label_en(),
                    input.level.parent().map_or("", Level::label_en)
                ),
            ));
        }
    }
    let ids = |list: &[i64]| list.iter().map(|i| Value::from(*i)).collect::<Vec<_>>();
    let references = input
        .references
        .iter()
        .map(|r| Value::from(r.as_str()))
        .collect();
    let kept = format!(
        "SELECT COUNT(*) FROM plan_references WHERE (archived_at IS NULL OR code IN \
         (SELECT reference_code FROM plan_entry_references WHERE entry_id = {})) \
         AND (province_code IS NULL OR province_code = $1) AND code IN {{ids}}",
        id.unwrap_or(0)
    );
    let checks = [
        (
            "SELECT COUNT(*) FROM districts WHERE province_code = $1 AND code IN {ids}",
            ids(&input.districts),
            FieldError::new(
                "districts",
                "อำเภอที่เลือกไม่อยู่ในจังหวัดนี้",
                "A chosen district is not in this province",
            ),
        ),
        (
            "SELECT COUNT(*) FROM organizations WHERE province_code = $1 AND id IN {ids}",
            ids(&input.organizations),
            FieldError::new(
                "organizations",
                "องค์กรที่เลือกไม่อยู่ในทะเบียนของจังหวัดนี้",
                "A chosen organization is not in this province's registry",
            ),
        ),
        (
            // A withdrawn reference stays allowed on an entry that already cites it.
            kept.as_str(),
            references,
            FieldError::new(
                "references",
                "ไม่รู้จักยุทธศาสตร์หรือคุณธรรมเป้าหมายที่เลือก",
                "Unknown strategy or virtue chosen",
            ),
        ),
    ];
    for (sql, list, error) in checks {
        if !all_found(db, sql, plan.province.into(), list).await? {
            errors.push(error);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.into())
    }
}

fn columns(input: &EntryInput, at: &str) -> Columns {
    Columns::new()
        .set("parent_id", input.parent)
        .set("title", &input.title)
        .set("description", &input.description)
        .set("fiscal_year", input.fiscal_year.map(i64::from))
        .set("starts_on", input.starts_on)
        .set("ends_on", input.ends_on)
        .set("updated_at", at)
}

async fn write_links(tx: &mut AnyConnection, id: i64, input: &EntryInput) -> Result<()> {
    for table in [
        "plan_entry_networks",
        "plan_entry_districts",
        "plan_entry_organizations",
        "plan_entry_references",
        "plan_budget_lines",
    ] {
        sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE entry_id = $1"
        )))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    for s in &input.networks {
        sqlx::query("INSERT INTO plan_entry_networks (entry_id, sector_code) VALUES ($1, $2)")
            .bind(id)
            .bind(s.code())
            .execute(&mut *tx)
            .await?;
    }
    for d in &input.districts {
        sqlx::query("INSERT INTO plan_entry_districts (entry_id, district_code) VALUES ($1, $2)")
            .bind(id)
            .bind(*d)
            .execute(&mut *tx)
            .await?;
    }
    for o in &input.organizations {
        sqlx::query(
            "INSERT INTO plan_entry_organizations (entry_id, organization_id) VALUES ($1, $2)",
        )
        .bind(id)
        .bind(*o)
        .execute(&mut *tx)
        .await?;
    }
    for r in &input.references {
        sqlx::query("INSERT INTO plan_entry_references (entry_id, reference_code) VALUES ($1, $2)")
            .bind(id)
            .bind(r.clone())
            .execute(&mut *tx)
            .await?;
    }
    for (position, b) in input.budget.iter().enumerate() {
        sqlx::query(
            "INSERT INTO plan_budget_lines (entry_id, position, source, satang) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(b.source.clone())
        .bind(b.satang)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Where an entry came from when a workshop's plan item became it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Source {
    pub activity: Option<i64>,
    pub item: Option<i64>,
}

/// Adds an entry at the end of its siblings.
pub async fn create(
    db: &Db,
    actor: &Actor,
    plan: &Plan,
    input: &EntryInput,
    source: Source,
) -> Result<i64> {
    check(db, plan, input, None).await?;
    let mut tx = db.audited(actor, Some(plan.province)).await?;
    let id = insert(&mut tx, plan, input, source).await?;
    tx.commit_recorded().await?;
    Ok(id)
}

/// Inserts a checked entry in `tx`, with its audit entry.
pub(crate) async fn insert(
    tx: &mut crate::audit::Write<'_>,
    plan: &Plan,
    input: &EntryInput,
    source: Source,
) -> Result<i64> {
    let position = super::next_position(tx, "plan_entries", plan.id).await?;
    let at = now();
    let id = columns(input, &at)
        .set("plan_id", plan.id)
        .set("level", input.level.code())
        .set("position", position)
        .set("source_activity_id", source.activity)
        .set("source_item_id", source.item)
        .set("created_at", &at)
        .insert(tx, "plan_entries")
        .await?;
    write_links(tx, id, input).await?;
    crate::search::refresh(tx, crate::search::Kind::PlanEntry, id).await?;
    tx.record(Change::new("create", "plan_entry", id).after(input))
        .await?;
    Ok(id)
}

/// Changes an entry; its level stays what it was.
pub async fn update(
    db: &Db,
    actor: &Actor,
    plan: &Plan,
    id: i64,
    input: &EntryInput,
) -> Result<()> {
    let before = find(db, plan.id, id).await?;
    let input = EntryInput {
        level: before.level,
        ..input.clone()
    };
    check(db, plan, &input, Some(id)).await?;
    let mut tx = db.audited(actor, Some(plan.province)).await?;
    columns(&input, &now())
        .update(
            &mut tx,
            "plan_entries",
            "id = ? AND plan_id = ?",
            &[id.into(), plan.id.into()],
        )
        .await?;
    write_links(&mut tx, id, &input).await?;
    crate::search::refresh(&mut tx, crate::search::Kind::PlanEntry, id).await?;
    tx.commit(
        Change::new("update", "plan_entry", id)
            .before(&before)
            .after(&input),
    )
    .await
}

/// Every plan entry a workshop activity became, for the activity's page.
pub async fn from_activity(db: &Db, activity: i64) -> Result<Vec<(i64, i64, String)>> {
    let rows = sqlx::query(
        "SELECT plan_id, id, title FROM plan_entries WHERE source_activity_id = $1 ORDER BY id",
    )
    .bind(activity)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: i64, parent: Option<i64>, level: Level) -> Entry {
        Entry {
            id,
            parent_id: parent,
            level,
            number: String::new(),
            title: format!("{id}"),
            description: String::new(),
            fiscal_year: None,
            starts_on: None,
            ends_on: None,
            source_activity_id: None,
            networks: Vec::new(),
            districts: Vec::new(),
            organizations: Vec::new(),
            references: Vec::new(),
            budget: Vec::new(),
        }
    }

    #[test]
    fn the_tree_reads_depth_first_with_numbers() {
        let flat = vec![
            entry(1, None, Level::Strategy),
            entry(2, None, Level::Strategy),
            entry(3, Some(1), Level::Goal),
            entry(4, Some(3), Level::Project),
            entry(5, Some(2), Level::Goal),
            entry(6, Some(3), Level::Project),
        ];
        let read: Vec<(i64, String)> = in_reading_order(flat)
            .into_iter()
            .map(|e| (e.id, e.number))
            .collect();
        let expected = [
            (1, "1"),
            (3, "1.1"),
            (4, "1.1.1"),
            (6, "1.1.2"),
            (2, "2"),
            (5, "2.1"),
        ];
        assert_eq!(read, expected.map(|(id, n)| (id, n.to_string())).to_vec());
    }
}
