//! Planning for the future: per chosen activity, goals with strategies, the evidence that will
//! show progress, an owner and a due date.

use crate::audit::{Actor, Change};
use crate::registry::person::full_name;
use crate::time::date;
use crate::{Db, Result, StoreError, now};
use chrono::NaiveDate;
use serde::Serialize;
use sermphalang_domain::evaluation::PlanInput;
use sermphalang_domain::{FieldError, Invalid};
use sqlx::Row;

#[derive(Debug, Clone, Serialize)]
pub struct PlanItem {
    pub id: i64,
    pub activity_id: i64,
    pub goal: String,
    pub strategies: String,
    pub evidence: String,
    pub owner_organization_id: Option<i64>,
    pub owner_organization: Option<String>,
    pub owner_person_id: Option<i64>,
    pub owner_person: Option<String>,
    pub due_on: Option<NaiveDate>,
}

impl PlanItem {
    /// The owner as one line: the person, then their organization.
    pub fn owner(&self) -> String {
        [
            self.owner_person.as_deref(),
            self.owner_organization.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
    }
}

pub async fn list(db: &Db, cycle: i64) -> Result<Vec<PlanItem>> {
    let rows = sqlx::query(
        "SELECT i.id, i.activity_id, i.goal, i.strategies, i.evidence, i.owner_organization_id, \
         o.name, i.owner_person_id, p.prefix, p.first_name, p.last_name, i.due_on \
         FROM plan_items i JOIN activities a ON a.id = i.activity_id \
         LEFT JOIN organizations o ON o.id = i.owner_organization_id \
         LEFT JOIN people p ON p.id = i.owner_person_id \
         WHERE a.cycle_id = $1 ORDER BY a.position, i.id",
    )
    .bind(cycle)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| PlanItem {
            id: r.get(0),
            activity_id: r.get(1),
            goal: r.get(2),
            strategies: r.get(3),
            evidence: r.get(4),
            owner_organization_id: r.get(5),
            owner_organization: r.get(6),
            owner_person_id: r.get(7),
            owner_person: r.get::<Option<String>, _>(9).map(|first| {
                let prefix: Option<String> = r.get(8);
                let last: Option<String> = r.get(10);
                full_name(
                    prefix.as_deref().unwrap_or_default(),
                    &first,
                    last.as_deref().unwrap_or_default(),
                )
            }),
            due_on: date(r.get(11)),
        })
        .collect())
}

async fn check_owner(db: &Db, province: i64, input: &PlanInput) -> Result<()> {
    let mut errors = Invalid::default();
    if let Some(org) = input.owner_organization
        && crate::registry::org::find(db, province, org).await.is_err()
    {
        errors.push(FieldError::new(
            "owner_organization",
            "ไม่พบองค์กรที่เลือกในจังหวัดนี้",
            "The chosen organization is not in this province",
        ));
    }
    if let Some(person) = input.owner_person
        && crate::registry::person::find(db, province, person)
            .await
            .is_err()
    {
        errors.push(FieldError::new(
            "owner_person",
            "ไม่พบบุคคลที่เลือกในจังหวัดนี้",
            "The chosen person is not in this province",
        ));
    }
    Ok(errors.into_result(|| ())?)
}

pub async fn add(
    db: &Db,
    actor: &Actor,
    province: i64,
    cycle: i64,
    activity: i64,
    input: &PlanInput,
) -> Result<i64> {
    crate::evaluation::activity::find(db, cycle, activity).await?;
    check_owner(db, province, input).await?;
    let at = now();
    let mut tx = db.audited(actor, Some(province)).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO plan_items (activity_id, goal, strategies, evidence, owner_organization_id, \
         owner_person_id, due_on, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(activity)
    .bind(input.goal.clone())
    .bind(input.strategies.clone())
    .bind(input.evidence.clone())
    .bind(input.owner_organization)
    .bind(input.owner_person)
    .bind(input.due_on.map(|d| d.to_string()))
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit(Change::new("add_plan", "cycle", cycle).after(input))
        .await?;
    Ok(id)
}

pub async fn remove(db: &Db, actor: &Actor, province: i64, cycle: i64, id: i64) -> Result<()> {
    let before = list(db, cycle)
        .await?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or(StoreError::NotFound)?;
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query("DELETE FROM plan_items WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit(Change::new("remove_plan", "cycle", cycle).before(&before))
        .await?;
    Ok(())
}
