//! Indicators, their targets per fiscal year and quarter, and their actuals: what approved
//! reports added (kept summed as each is approved) and what the secretariat entered.

use super::Plan;
use crate::audit::{Actor, Change};
use crate::sql::{Columns, Record, all, bind_float, one};
use crate::{Db, Result, now};
use serde::Serialize;
use sermphalang_domain::plan::{IndicatorInput, IndicatorKind, QuarterActual, TargetsInput};
use sermphalang_domain::{FieldError, Invalid};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe, Row};

#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub id: i64,
    pub plan_id: i64,
    pub entry_id: Option<i64>,
    pub name: String,
    pub unit: String,
    pub kind: IndicatorKind,
    pub baseline: Option<f64>,
}

impl Record for Indicator {
    const COLUMNS: &'static str = "id, plan_id, entry_id, name, unit, kind, baseline";
    const FROM: &'static str = "FROM plan_indicators";

    fn from_row(r: &AnyRow) -> Indicator {
        Indicator {
            id: r.get(0),
            plan_id: r.get(1),
            entry_id: r.get(2),
            name: r.get(3),
            unit: r.get(4),
            kind: IndicatorKind::parse(r.get::<String, _>(5).as_str())
                .unwrap_or(IndicatorKind::Count),
            baseline: r.get(6),
        }
    }
}

pub async fn list(db: &Db, plan: i64) -> Result<Vec<Indicator>> {
    all(
        db,
        "WHERE plan_id = $1 ORDER BY position, id",
        &[plan.into()],
    )
    .await
}

pub async fn find(db: &Db, plan: i64, id: i64) -> Result<Indicator> {
    one(
        db,
        "WHERE id = $1 AND plan_id = $2",
        &[id.into(), plan.into()],
    )
    .await
}

async fn check_entry(db: &Db, plan: &Plan, input: &IndicatorInput) -> Result<()> {
    let Some(entry) = input.entry else {
        return Ok(());
    };
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM plan_entries WHERE id = $1 AND plan_id = $2")
            .bind(entry)
            .bind(plan.id)
            .fetch_optional(db.read())
            .await?;
    if found.is_none() {
        return Err(Invalid(vec![FieldError::new(
            "entry",
            "ไม่พบรายการที่เลือกในแผนนี้",
            "The chosen entry is not in this plan",
        )])
        .into());
    }
    Ok(())
}

fn columns(input: &IndicatorInput, at: &str) -> Columns {
    Columns::new()
        .set("entry_id", input.entry)
        .set("name", &input.name)
        .set("unit", &input.unit)
        .set("kind", input.kind.code())
        .set("baseline", input.baseline)
        .set("updated_at", at)
}

pub async fn create(db: &Db, actor: &Actor, plan: &Plan, input: &IndicatorInput) -> Result<i64> {
    check_entry(db, plan, input).await?;
    let mut tx = db.audited(actor, Some(plan.province)).await?;
    let id = insert(&mut tx, plan, input).await?;
    tx.commit_recorded().await?;
    Ok(id)
}

/// Inserts a checked indicator in `tx`, with its audit entry.
pub(crate) async fn insert(
    tx: &mut crate::audit::Write<'_>,
    plan: &Plan,
    input: &IndicatorInput,
) -> Result<i64> {
    let position = super::next_position(tx, "plan_indicators", plan.id).await?;
    let at = now();
    let id = columns(input, &at)
        .set("plan_id", plan.id)
        .set("position", position)
        .set("created_at", &at)
        .insert(tx, "plan_indicators")
        .await?;
    tx.record(Change::new("create", "indicator", id).after(input))
        .await?;
    Ok(id)
}

/// Changes an indicator; its kind stays once it has values, since they were checked for it.
pub async fn update(
    db: &Db,
    actor: &Actor,
    plan: &Plan,
    id: i64,
    input: &IndicatorInput,
) -> Result<()> {
    let before = find(db, plan.id, id).await?;
    check_entry(db, plan, input).await?;
    if before.kind != input.kind && has_values(db, id).await? {
        return Err(Invalid(vec![FieldError::new(
            "kind",
            "ตัวชี้วัดมีเป้าหมายหรือผลแล้ว จึงเปลี่ยนชนิดไม่ได้",
            "The indicator already has targets or actuals, so its kind cannot change",
        )])
        .into());
    }
    let mut tx = db.audited(actor, Some(plan.province)).await?;
    columns(input, &now())
        .update(
            &mut tx,
            "plan_indicators",
            "id = ? AND plan_id = ?",
            &[id.into(), plan.id.into()],
        )
        .await?;
    tx.commit(
        Change::new("update", "indicator", id)
            .before(&before)
            .after(input),
    )
    .await
}

async fn has_values(db: &Db, id: i64) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM plan_targets WHERE indicator_id = $1) + \
         (SELECT COUNT(*) FROM plan_actuals WHERE indicator_id = $1)",
    )
    .bind(id)
    .fetch_one(db.read())
    .await?;
    Ok(n > 0)
}

/// Sets the year's and the quarters' targets; an empty value removes that target.
pub async fn set_targets(
    db: &Db,
    actor: &Actor,
    plan: &Plan,
    indicator: i64,
    input: &TargetsInput,
) -> Result<()> {
    find(db, plan.id, indicator).await?;
    let mut tx = db.audited(actor, Some(plan.province)).await?;
    for (quarter, value) in input.values.iter().enumerate() {
        sqlx::query(
            "DELETE FROM plan_targets WHERE indicator_id = $1 AND fiscal_year = $2 AND quarter = $3",
        )
        .bind(indicator)
        .bind(i64::from(input.fiscal_year))
        .bind(quarter as i64)
        .execute(&mut *tx)
        .await?;
        if let Some(v) = value {
            sqlx::query(
                "INSERT INTO plan_targets (indicator_id, fiscal_year, quarter, target) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(indicator)
            .bind(i64::from(input.fiscal_year))
            .bind(quarter as i64)
            .bind(*v)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit(Change::new("targets", "indicator", indicator).after(input))
        .await
}

/// Sets the actuals the secretariat enters by quarter (the year's value is not stored: it
/// follows from the quarters); an empty value removes an entered actual.
pub async fn set_entered(
    db: &Db,
    actor: &Actor,
    plan: &Plan,
    indicator: i64,
    input: &TargetsInput,
) -> Result<()> {
    find(db, plan.id, indicator).await?;
    let mut tx = db.audited(actor, Some(plan.province)).await?;
    for quarter in 1..=4_i64 {
        let value = input.values[quarter as usize];
        ensure_row(&mut tx, indicator, input.fiscal_year, quarter).await?;
        let update = sqlx::query(
            "UPDATE plan_actuals SET entered = $4 \
             WHERE indicator_id = $1 AND fiscal_year = $2 AND quarter = $3",
        )
        .bind(indicator)
        .bind(i64::from(input.fiscal_year))
        .bind(quarter);
        bind_float(update, value).execute(&mut *tx).await?;
    }
    tx.commit(Change::new("actuals", "indicator", indicator).after(input))
        .await
}

async fn ensure_row(tx: &mut AnyConnection, indicator: i64, year: i32, quarter: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO plan_actuals (indicator_id, fiscal_year, quarter) VALUES ($1, $2, $3) \
         ON CONFLICT (indicator_id, fiscal_year, quarter) DO NOTHING",
    )
    .bind(indicator)
    .bind(i64::from(year))
    .bind(quarter)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Adds (or, with a negative `sign`, takes back) one approved report's value, in the
/// transaction that approves or reopens the report.
pub async fn add_reported(
    tx: &mut AnyConnection,
    indicator: i64,
    year: i32,
    quarter: u8,
    value: f64,
    sign: i64,
) -> Result<()> {
    ensure_row(tx, indicator, year, i64::from(quarter)).await?;
    sqlx::query(
        "UPDATE plan_actuals SET reported = reported + $4, reports = reports + $5 \
         WHERE indicator_id = $1 AND fiscal_year = $2 AND quarter = $3",
    )
    .bind(indicator)
    .bind(i64::from(year))
    .bind(i64::from(quarter))
    .bind(value * sign as f64)
    .bind(sign)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// An indicator in one fiscal year: targets (index 0 the year, 1 to 4 the quarters) and
/// what each quarter holds.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub indicator: Indicator,
    pub targets: [Option<f64>; 5],
    #[serde(skip)]
    pub quarters: [QuarterActual; 4],
}

impl Progress {
    pub fn actuals(&self) -> [Option<f64>; 4] {
        self.quarters.map(|q| q.value(self.indicator.kind))
    }

    pub fn year_actual(&self) -> Option<f64> {
        sermphalang_domain::plan::year_actual(self.indicator.kind, self.actuals())
    }
}

/// Every indicator of the plan in `year`, in three queries whatever the number of reports.
/// A target (0) or an actual (1) of an indicator in a quarter (0 for a target of the whole
/// year): the value (target, or what reports added), the number of reports, the entered value.
type Figure = (i64, i64, i64, Option<f64>, Option<f64>, Option<f64>);

/// A plan's targets and actuals of one fiscal year as one JSON value: with sqlx's cost per row,
/// one value beats their hundred-odd rows.
fn figures_sql(backend: crate::Backend) -> String {
    let crate::sql::JsonWords {
        agg,
        array,
        empty,
        text,
        ..
    } = crate::sql::json_words(backend);
    format!(
        "SELECT COALESCE({agg}({array}(f.is_actual, f.indicator_id, f.quarter, f.value, \
         f.reports, f.entered)), {empty}){text} FROM (\
         SELECT 0 AS is_actual, t.indicator_id, t.quarter, t.target AS value, \
         CAST(NULL AS BIGINT) AS reports, CAST(NULL AS DOUBLE PRECISION) AS entered \
         FROM plan_targets t JOIN plan_indicators i ON i.id = t.indicator_id \
         WHERE i.plan_id = $1 AND t.fiscal_year = $2 \
         UNION ALL SELECT 1, a.indicator_id, a.quarter, a.reported, a.reports, a.entered \
         FROM plan_actuals a JOIN plan_indicators i ON i.id = a.indicator_id \
         WHERE i.plan_id = $1 AND a.fiscal_year = $2) f"
    )
}

pub async fn progress(db: &Db, plan: i64, year: i32) -> Result<Vec<Progress>> {
    let indicators = list(db, plan).await?;
    let mut out: Vec<Progress> = indicators
        .into_iter()
        .map(|indicator| Progress {
            indicator,
            targets: [None; 5],
            quarters: [QuarterActual::default(); 4],
        })
        .collect();
    let at = |out: &[Progress], id: i64| out.iter().position(|p| p.indicator.id == id);
    let json: String = sqlx::query_scalar(AssertSqlSafe(figures_sql(db.backend)))
        .bind(plan)
        .bind(i64::from(year))
        .fetch_one(db.read())
        .await?;
    let figures: Vec<Figure> = serde_json::from_str(&json)
        .map_err(|e| crate::StoreError::Unusable(format!("plan figures unreadable: {e}")))?;
    for (is_actual, indicator, quarter, value, reports, entered) in figures {
        let Some(i) = at(&out, indicator) else {
            continue;
        };
        match (is_actual, quarter) {
            (0, 0..=4) => out[i].targets[quarter as usize] = value,
            (1, 1..=4) => {
                out[i].quarters[quarter as usize - 1] = QuarterActual {
                    reported: value.unwrap_or(0.0),
                    reports: reports.unwrap_or(0.0) as i64,
                    entered,
                }
            }
            _ => {}
        }
    }
    Ok(out)
}
