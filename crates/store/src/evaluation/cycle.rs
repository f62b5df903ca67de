//! Evaluation cycles: who runs them, for what scope, with which rules, at which step.

use crate::audit::{Actor, Change};
use crate::sql::{self, Columns, Record};
use crate::time::date;
use crate::{Db, Result, now};
use chrono::NaiveDate;
use serde::Serialize;
use sermphalang_domain::evaluation::{CycleInput, DotRules, Step};
use sermphalang_domain::registry::Sector;
use sermphalang_domain::{FieldError, Invalid};
use sermphalang_thai::sort_key;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

#[derive(Debug, Clone, Serialize)]
pub struct Cycle {
    pub id: i64,
    pub province_code: i64,
    pub name: String,
    pub fiscal_year: i32,
    pub held_on: Option<NaiveDate>,
    pub network: Option<Sector>,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub baseline_id: Option<i64>,
    pub baseline_name: Option<String>,
    pub rules: DotRules,
    pub top_k: u32,
    pub anonymous: bool,
    pub mission_statement: String,
    pub step: Step,
    pub participant_count: i64,
    pub archived_at: Option<String>,
}

impl Cycle {
    pub fn input(&self, facilitators: Vec<i64>) -> CycleInput {
        CycleInput {
            name: self.name.clone(),
            fiscal_year: self.fiscal_year,
            held_on: self.held_on,
            network: self.network,
            organization: self.organization_id,
            baseline: self.baseline_id,
            dots_per_person: self.rules.per_person,
            stacking: self.rules.stacking,
            top_k: self.top_k,
            anonymous: self.anonymous,
            facilitators,
        }
    }
}

impl Record for Cycle {
    const COLUMNS: &'static str = "c.id, c.province_code, c.name, c.fiscal_year, c.held_on, \
         c.network_code, c.organization_id, o.name, c.baseline_cycle_id, b.name, \
         c.dots_per_person, c.stacking, c.top_k, c.anonymous, c.mission_statement, c.step, \
         (SELECT COUNT(*) FROM participants p WHERE p.cycle_id = c.id), c.archived_at";
    const FROM: &'static str = "FROM cycles c LEFT JOIN organizations o ON o.id = c.organization_id \
         LEFT JOIN cycles b ON b.id = c.baseline_cycle_id";

    fn from_row(r: &AnyRow) -> Cycle {
        Cycle {
            id: r.get(0),
            province_code: r.get(1),
            name: r.get(2),
            fiscal_year: r.get::<i64, _>(3) as i32,
            held_on: date(r.get(4)),
            network: r
                .get::<Option<String>, _>(5)
                .and_then(|c| Sector::parse(&c)),
            organization_id: r.get(6),
            organization_name: r.get(7),
            baseline_id: r.get(8),
            baseline_name: r.get(9),
            rules: DotRules {
                per_person: r.get::<i64, _>(10) as u32,
                stacking: r.get::<i64, _>(11) != 0,
            },
            top_k: r.get::<i64, _>(12) as u32,
            anonymous: r.get::<i64, _>(13) != 0,
            mission_statement: r.get(14),
            step: Step::parse(&r.get::<String, _>(15)).unwrap_or(Step::Mission),
            participant_count: r.get(16),
            archived_at: r.get(17),
        }
    }
}

/// A province's cycles, newest fiscal year first.
pub async fn list(db: &Db, province: i64) -> Result<Vec<Cycle>> {
    let order = "WHERE c.province_code = $1 \
                 ORDER BY c.archived_at IS NOT NULL, c.fiscal_year DESC, c.id DESC";
    sql::all(db, order, &[province.into()]).await
}

pub async fn find(db: &Db, province: i64, id: i64) -> Result<Cycle> {
    let condition = "WHERE c.id = $1 AND c.province_code = $2";
    sql::one(db, condition, &[id.into(), province.into()]).await
}

/// A cycle by id alone, for the live engine, which reaches it through a join code.
pub async fn find_any(db: &Db, id: i64) -> Result<Cycle> {
    sql::one(db, "WHERE c.id = $1", &[id.into()]).await
}

#[derive(Debug, Clone, Serialize)]
pub struct Facilitator {
    pub user_id: i64,
    pub name: String,
    pub email: String,
}

pub async fn facilitators(db: &Db, cycle: i64) -> Result<Vec<Facilitator>> {
    let rows = sqlx::query(
        "SELECT u.id, u.display_name, u.email FROM cycle_facilitators f \
         JOIN users u ON u.id = f.user_id WHERE f.cycle_id = $1 ORDER BY u.display_name, u.id",
    )
    .bind(cycle)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| Facilitator {
            user_id: r.get(0),
            name: r.get(1),
            email: r.get(2),
        })
        .collect())
}

/// Accounts of the province that may facilitate: its secretariat and working-group members.
pub async fn facilitator_options(db: &Db, province: i64) -> Result<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "SELECT id, display_name FROM users WHERE province_code = $1 \
         AND role IN ('secretariat', 'member', 'coordinator') AND disabled_at IS NULL \
         ORDER BY display_name, id",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

async fn check_references(
    db: &Db,
    province: i64,
    id: Option<i64>,
    input: &CycleInput,
) -> Result<()> {
    let mut errors = Invalid::default();
    if let Some(org) = input.organization
        && crate::registry::org::find(db, province, org).await.is_err()
    {
        errors.push(FieldError::new(
            "organization",
            "ไม่พบองค์กรที่เลือกในจังหวัดนี้",
            "The chosen organization is not in this province",
        ));
    }
    if let Some(baseline) = input.baseline
        && (Some(baseline) == id || find(db, province, baseline).await.is_err())
    {
        errors.push(FieldError::new(
            "baseline",
            "รอบฐานต้องเป็นรอบอื่นในจังหวัดเดียวกัน",
            "The baseline must be another cycle of this province",
        ));
    }
    let allowed: Vec<i64> = facilitator_options(db, province)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    if input.facilitators.iter().any(|f| !allowed.contains(f)) {
        errors.push(FieldError::new(
            "facilitators",
            "ผู้อำนวยการประชุมต้องเป็นบัญชีผู้ใช้ของจังหวัดนี้",
            "Facilitators must be accounts of this province",
        ));
    }
    Ok(errors.into_result(|| ())?)
}

async fn set_facilitators(tx: &mut AnyConnection, cycle: i64, users: &[i64]) -> Result<()> {
    sqlx::query("DELETE FROM cycle_facilitators WHERE cycle_id = $1")
        .bind(cycle)
        .execute(&mut *tx)
        .await?;
    for user in users {
        sqlx::query("INSERT INTO cycle_facilitators (cycle_id, user_id) VALUES ($1, $2)")
            .bind(cycle)
            .bind(*user)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// The cycle's own columns, listed once for insert and update.
fn columns(input: &CycleInput, at: &str) -> Columns {
    Columns::new()
        .set("name", &input.name)
        .set("sort_key", sort_key(&input.name))
        .set("fiscal_year", input.fiscal_year)
        .set("held_on", input.held_on)
        .set("network_code", input.network.map(|n| n.code()))
        .set("organization_id", input.organization)
        .set("dots_per_person", input.dots_per_person)
        .set("stacking", input.stacking)
        .set("top_k", input.top_k)
        .set("anonymous", input.anonymous)
        .set("updated_at", at)
}

/// Creates a cycle. A follow-up cycle starts from its baseline's chosen activities, ready to
/// be rated again, with the mission carried over.
pub async fn create(db: &Db, actor: &Actor, province: i64, input: &CycleInput) -> Result<i64> {
    check_references(db, province, None, input).await?;
    let baseline = match input.baseline {
        Some(b) => Some(find(db, province, b).await?),
        None => None,
    };
    let at = now();
    let mut tx = db.audited(actor, Some(province)).await?;
    let mission = baseline.as_ref().map(|b| b.mission_statement.clone());
    let step = if baseline.is_some() {
        Step::Rating
    } else {
        Step::Mission
    };
    let id = columns(input, &at)
        .set("province_code", province)
        .set("baseline_cycle_id", input.baseline)
        .set("mission_statement", mission.unwrap_or_default())
        .set("step", step.code())
        .set("created_at", &at)
        .insert(&mut tx, "cycles")
        .await?;
    set_facilitators(&mut tx, id, &input.facilitators).await?;
    if let Some(b) = &baseline {
        sqlx::query(
            "INSERT INTO activities (cycle_id, title, source_activity_id, chosen, position, \
             created_at) SELECT $1, title, id, 1, position, $2 FROM activities \
             WHERE cycle_id = $3 AND chosen = 1 AND merged_into IS NULL ORDER BY position",
        )
        .bind(id)
        .bind(at)
        .bind(b.id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit(Change::new("create", "cycle", id).after(input))
        .await?;
    Ok(id)
}

pub async fn update(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    input: &CycleInput,
) -> Result<()> {
    let before = find(db, province, id).await?;
    let mut input = input.clone();
    // Which cycle is the baseline is fixed at creation: its activities were copied then.
    input.baseline = before.baseline_id;
    check_references(db, province, Some(id), &input).await?;
    let before_facilitators = facilitators(db, id).await?;
    let mut tx = db.audited(actor, Some(province)).await?;
    columns(&input, &now())
        .update(
            &mut tx,
            "cycles",
            "id = ? AND province_code = ?",
            &[id.into(), province.into()],
        )
        .await?;
    set_facilitators(&mut tx, id, &input.facilitators).await?;
    let before_input = before.input(before_facilitators.iter().map(|f| f.user_id).collect());
    tx.commit(
        Change::new("update", "cycle", id)
            .before(&before_input)
            .after(&input),
    )
    .await?;
    Ok(())
}

/// Moves the cycle to a step; a live session shows the cycle's current step.
pub async fn set_step(db: &Db, actor: &Actor, province: i64, id: i64, step: Step) -> Result<()> {
    let before = find(db, province, id).await?;
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query("UPDATE cycles SET step = $1, updated_at = $2 WHERE id = $3")
        .bind(step.code())
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit(
        Change::new("set_step", "cycle", id)
            .before(&serde_json::json!({ "step": before.step }))
            .after(&serde_json::json!({ "step": step })),
    )
    .await?;
    Ok(())
}

pub async fn save_mission(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    statement: &str,
) -> Result<()> {
    let before = find(db, province, id).await?;
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query("UPDATE cycles SET mission_statement = $1, updated_at = $2 WHERE id = $3")
        .bind(statement.to_string())
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit(
        Change::new("save_mission", "cycle", id)
            .before(&serde_json::json!({ "mission": before.mission_statement }))
            .after(&serde_json::json!({ "mission": statement })),
    )
    .await?;
    Ok(())
}

pub async fn set_archived(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    archived: bool,
) -> Result<()> {
    crate::archive::set(
        db,
        actor,
        province,
        crate::archive::Archivable::Cycle,
        id,
        archived,
    )
    .await
}
