use crate::audit::{Actor, Change};
use crate::sql::{Columns, Record, all, one};
use crate::{Db, Result, now};
use serde::Serialize;
use sermphalang_domain::plan::{PlanInput, PlanPeriod};
use sermphalang_domain::{FieldError, Invalid};
use sermphalang_thai::FiscalYear;
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub id: i64,
    pub province: i64,
    pub title: String,
    pub first_year: i32,
    pub last_year: i32,
    pub vision: String,
    pub archived_at: Option<String>,
}

impl Plan {
    pub fn period(&self) -> PlanPeriod {
        PlanPeriod::try_new(self.first_year, self.last_year)
            .expect("stored plans were checked when written")
    }

    /// The fiscal year to show first: this one while the plan runs, else its nearest end.
    pub fn current_year(&self, today: chrono::NaiveDate) -> i32 {
        FiscalYear::from_date(today)
            .be_year()
            .clamp(self.first_year, self.last_year)
    }
}

impl Record for Plan {
    const COLUMNS: &'static str =
        "id, province_code, title, first_year, last_year, vision, archived_at";
    const FROM: &'static str = "FROM plans";

    fn from_row(r: &AnyRow) -> Plan {
        Plan {
            id: r.get(0),
            province: r.get(1),
            title: r.get(2),
            first_year: r.get::<i64, _>(3) as i32,
            last_year: r.get::<i64, _>(4) as i32,
            vision: r.get(5),
            archived_at: r.get(6),
        }
    }
}

/// The province's plans, newest period first.
pub async fn list(db: &Db, province: i64) -> Result<Vec<Plan>> {
    all(
        db,
        "WHERE province_code = $1 ORDER BY first_year DESC, id DESC",
        &[province.into()],
    )
    .await
}

pub async fn find(db: &Db, province: i64, id: i64) -> Result<Plan> {
    one(
        db,
        "WHERE id = $1 AND province_code = $2",
        &[id.into(), province.into()],
    )
    .await
}

/// The plan that runs in `year`, else the newest one.
pub async fn current(db: &Db, province: i64, year: i32) -> Result<Option<Plan>> {
    let plans = list(db, province).await?;
    let live = plans.iter().filter(|p| p.archived_at.is_none());
    let running = live
        .clone()
        .find(|p| (p.first_year..=p.last_year).contains(&year));
    Ok(running.or_else(|| live.clone().next()).cloned())
}

fn columns(input: &PlanInput, at: &str) -> Columns {
    Columns::new()
        .set("title", &input.title)
        .set("first_year", input.first_year)
        .set("last_year", input.last_year)
        .set("vision", &input.vision)
        .set("updated_at", at)
}

pub async fn create(db: &Db, actor: &Actor, province: i64, input: &PlanInput) -> Result<i64> {
    let mut tx = db.audited(actor, Some(province)).await?;
    let at = now();
    let id = columns(input, &at)
        .set("province_code", province)
        .set("created_at", &at)
        .insert(&mut tx, "plans")
        .await?;
    tx.commit(Change::new("create", "plan", id).after(input))
        .await?;
    Ok(id)
}

/// Changes the plan's title, years and vision; years that would leave out a year an entry,
/// a target or an actual uses are refused.
pub async fn update(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    input: &PlanInput,
) -> Result<()> {
    let before = find(db, province, id).await?;
    if let Some((first, last)) = years_in_use(db, id).await?
        && (first < input.first_year || last > input.last_year)
    {
        return Err(Invalid(vec![FieldError::new(
            "first_year",
            format!("แผนมีข้อมูลของปีงบประมาณ {first}–{last} อยู่แล้ว ช่วงปีของแผนต้องครอบคลุมปีเหล่านี้"),
            format!("The plan already has data for fiscal years {first}–{last}; its years must cover them"),
        )])
        .into());
    }
    let mut tx = db.audited(actor, Some(province)).await?;
    columns(input, &now())
        .update(
            &mut tx,
            "plans",
            "id = ? AND province_code = ?",
            &[id.into(), province.into()],
        )
        .await?;
    tx.commit(
        Change::new("update", "plan", id)
            .before(&before)
            .after(input),
    )
    .await
}

/// The earliest and latest fiscal years the plan's entries and targets use.
pub async fn years_in_use(db: &Db, id: i64) -> Result<Option<(i32, i32)>> {
    let row = sqlx::query(
        "SELECT MIN(y), MAX(y) FROM (\
         SELECT fiscal_year AS y FROM plan_entries WHERE plan_id = $1 AND fiscal_year IS NOT NULL \
         UNION ALL SELECT t.fiscal_year FROM plan_targets t \
         JOIN plan_indicators i ON i.id = t.indicator_id WHERE i.plan_id = $1 \
         UNION ALL SELECT a.fiscal_year FROM plan_actuals a \
         JOIN plan_indicators i ON i.id = a.indicator_id WHERE i.plan_id = $1) years",
    )
    .bind(id)
    .fetch_one(db.read())
    .await?;
    let (min, max): (Option<i64>, Option<i64>) = (row.get(0), row.get(1));
    Ok(min.zip(max).map(|(a, b)| (a as i32, b as i32)))
}
