//! From workshop to plan: a cycle's plans for the future become plan activities with an
//! indicator each, in one step, remembering where they came from; and a plan activity reads
//! the ratings of the taking-stock activity it came from, at baseline and at each follow-up.

use super::entries::{self, Source};
use super::{Plan, indicators};
use crate::audit::Actor;
use crate::evaluation::{activity, cycle, plan as workshop_plans, results};
use crate::{Db, Result, StoreError};
use chrono::NaiveDate;
use serde::Serialize;
use sermphalang_domain::plan::{EntryInput, IndicatorInput, IndicatorKind, Level};
use sermphalang_domain::{FieldError, Invalid};
use sermphalang_thai::FiscalYear;
use sqlx::Row;
use std::collections::HashMap;

/// Which plan items of a cycle are already in a plan: item id → (plan, entry).
pub async fn carried(db: &Db, cycle: i64) -> Result<HashMap<i64, (i64, i64)>> {
    let rows = sqlx::query(
        "SELECT e.source_item_id, e.plan_id, e.id FROM plan_entries e \
         JOIN plan_items i ON i.id = e.source_item_id \
         JOIN activities a ON a.id = i.activity_id WHERE a.cycle_id = $1",
    )
    .bind(cycle)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), (r.get(1), r.get(2))))
        .collect())
}

fn first_line(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    line.chars().take(max).collect()
}

/// Makes each of the cycle's plan items not yet in a plan an activity under `project`, with
/// an indicator of its goal, all in one transaction. Returns the new entries' ids.
pub async fn carry(
    db: &Db,
    actor: &Actor,
    plan: &Plan,
    project: i64,
    cycle_id: i64,
) -> Result<Vec<i64>> {
    let c = cycle::find(db, plan.province, cycle_id).await?;
    let parent = entries::find(db, plan.id, project).await?;
    if parent.level != Level::Project {
        return Err(Invalid(vec![FieldError::new(
            "project",
            "กรุณาเลือกโครงการที่จะรับกิจกรรมจากการประเมิน",
            "Choose the project that will hold the evaluation's activities",
        )])
        .into());
    }
    let done = carried(db, cycle_id).await?;
    let chosen: HashMap<i64, String> = activity::chosen(db, cycle_id)
        .await?
        .into_iter()
        .map(|a| (a.id, a.title))
        .collect();
    let items: Vec<_> = workshop_plans::list(db, cycle_id)
        .await?
        .into_iter()
        .filter(|i| !done.contains_key(&i.id))
        .collect();
    if items.is_empty() {
        return Err(Invalid(vec![FieldError::new(
            "project",
            "แผนจากการประเมินรอบนี้อยู่ในแผนบูรณาการครบแล้ว",
            "Every plan of this cycle is already in the integrated plan",
        )])
        .into());
    }
    let period = plan.period();
    let year_of = |d: Option<NaiveDate>| {
        d.map(FiscalYear::from_date)
            .filter(|fy| period.contains(*fy))
            .map(FiscalYear::be_year)
    };
    let mut tx = db.audited(actor, Some(plan.province)).await?;
    let mut made = Vec::new();
    for item in items {
        let title = chosen
            .get(&item.activity_id)
            .cloned()
            .unwrap_or_else(|| item.goal.clone());
        let description = [
            ("เป้าหมาย", &item.goal),
            ("กลยุทธ์", &item.strategies),
            ("หลักฐานที่น่าเชื่อถือ", &item.evidence),
        ]
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(label, text)| format!("{label}: {}", text.trim()))
        .collect::<Vec<_>>()
        .join("\n");
        let input = EntryInput {
            level: Level::Activity,
            parent: Some(project),
            title: title.chars().take(300).collect(),
            description: format!("{description}\n({})", c.name),
            fiscal_year: year_of(item.due_on),
            starts_on: None,
            ends_on: None,
            networks: c.network.into_iter().collect(),
            districts: Vec::new(),
            organizations: item.owner_organization_id.into_iter().collect(),
            references: Vec::new(),
            budget: Vec::new(),
        };
        let source = Source {
            activity: Some(item.activity_id),
            item: Some(item.id),
        };
        let entry = entries::insert(&mut tx, plan, &input, source).await?;
        let indicator = IndicatorInput {
            name: first_line(&item.goal, 300),
            unit: "ครั้ง".into(),
            kind: IndicatorKind::Count,
            baseline: None,
            entry: Some(entry),
        };
        indicators::insert(&mut tx, plan, &indicator).await?;
        made.push(entry);
    }
    tx.commit_recorded().await?;
    Ok(made)
}

/// The ratings of a taking-stock activity in one cycle.
#[derive(Debug, Clone, Serialize)]
pub struct Rated {
    pub cycle_id: i64,
    pub cycle_name: String,
    pub fiscal_year: i32,
    pub held_on: Option<NaiveDate>,
    pub mean: Option<f64>,
    pub rated: i64,
}

/// The ratings of `activity` (a baseline's) and of the follow-ups that rated it again, in
/// the order of the cycles.
pub async fn ratings(db: &Db, province: i64, activity_id: i64) -> Result<Vec<Rated>> {
    let rows = sqlx::query(
        "SELECT a.id, a.cycle_id FROM activities a JOIN cycles c ON c.id = a.cycle_id \
         WHERE c.province_code = $1 AND (a.id = $2 OR a.source_activity_id = $2) \
         ORDER BY c.fiscal_year, c.id",
    )
    .bind(province)
    .bind(activity_id)
    .fetch_all(db.read())
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let (activity, cycle_id): (i64, i64) = (r.get(0), r.get(1));
        let c = match cycle::find(db, province, cycle_id).await {
            Ok(c) => c,
            Err(StoreError::NotFound) => continue,
            Err(e) => return Err(e),
        };
        let stats = results::rating_stats(db, cycle_id).await?;
        let s = stats.get(&activity);
        out.push(Rated {
            cycle_id,
            cycle_name: c.name,
            fiscal_year: c.fiscal_year,
            held_on: c.held_on,
            mean: s.and_then(|s| s.mean),
            rated: s.map_or(0, |s| s.rated),
        });
    }
    Ok(out)
}
