//! The plan's read endpoints under /api/v1: a province's plans, a plan's tree, and where its
//! indicators stand in a fiscal year, quarter by quarter.

use super::Cell;
use super::plans::YearQuery;
use crate::AppState;
use crate::registry::api::failed;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sermphalang_store::plan::entries::{self, Entry};
use sermphalang_store::plan::{Plan, plans};
use utoipa::{OpenApi, ToSchema};

/// This feature's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(plan_list, plan_tree, plan_progress),
    components(schemas(
        PlanOut,
        PlanTreeOut,
        PlanEntryOut,
        BudgetLineOut,
        IndicatorProgressOut,
        FigureOut
    ))
)]
pub struct Doc;

#[derive(Serialize, ToSchema)]
pub struct PlanOut {
    id: i64,
    title: String,
    /// First and last fiscal year, Buddhist Era.
    first_year: i32,
    last_year: i32,
    vision: String,
}

impl From<Plan> for PlanOut {
    fn from(p: Plan) -> Self {
        PlanOut {
            id: p.id,
            title: p.title,
            first_year: p.first_year,
            last_year: p.last_year,
            vision: p.vision,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PlanTreeOut {
    plan: PlanOut,
    /// In reading order: each entry followed by the entries under it.
    entries: Vec<PlanEntryOut>,
}

#[derive(Serialize, ToSchema)]
pub struct PlanEntryOut {
    id: i64,
    parent_id: Option<i64>,
    /// "1.2.3": the entry's place in the tree.
    number: String,
    /// strategy, goal, project or activity.
    level: String,
    title: String,
    description: String,
    /// Fiscal year, Buddhist Era.
    fiscal_year: Option<i32>,
    /// C.E. dates, yyyy-mm-dd.
    starts_on: Option<String>,
    ends_on: Option<String>,
    networks: Vec<String>,
    district_codes: Vec<i64>,
    organization_ids: Vec<i64>,
    /// Codes of the national references and province virtues the entry is aligned with.
    references: Vec<String>,
    budget: Vec<BudgetLineOut>,
}

#[derive(Serialize, ToSchema)]
pub struct BudgetLineOut {
    source: String,
    baht: f64,
}

impl From<Entry> for PlanEntryOut {
    fn from(e: Entry) -> Self {
        PlanEntryOut {
            id: e.id,
            parent_id: e.parent_id,
            number: e.number,
            level: e.level.code().into(),
            title: e.title,
            description: e.description,
            fiscal_year: e.fiscal_year,
            starts_on: e.starts_on.map(|d| d.to_string()),
            ends_on: e.ends_on.map(|d| d.to_string()),
            networks: e.networks.iter().map(|s| s.code().to_string()).collect(),
            district_codes: e.districts,
            organization_ids: e.organizations.into_iter().map(|(id, _)| id).collect(),
            references: e.references,
            budget: e
                .budget
                .into_iter()
                .map(|b| BudgetLineOut {
                    source: b.source,
                    baht: b.satang as f64 / 100.0,
                })
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct IndicatorProgressOut {
    id: i64,
    name: String,
    unit: String,
    /// count, percent or level.
    kind: String,
    baseline: Option<f64>,
    /// The plan entry the indicator measures; none for the whole plan.
    entry_id: Option<i64>,
    fiscal_year: i32,
    year: FigureOut,
    /// Quarters 1 to 4 of the fiscal year (October to September).
    quarters: Vec<FigureOut>,
}

/// A target, an actual, and how the actual stands once the period has begun.
#[derive(Serialize, ToSchema)]
pub struct FigureOut {
    target: Option<f64>,
    actual: Option<f64>,
    /// on_track, at_risk, off_track or no_target; none before the period begins.
    status: Option<String>,
}

impl From<&Cell> for FigureOut {
    fn from(c: &Cell) -> Self {
        FigureOut {
            target: c.target,
            actual: c.actual,
            status: c.status.map(|s| s.code().to_string()),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/provinces/{province}/plans",
    params(("province" = i64, Path, example = 41)),
    responses((status = 200, body = [PlanOut])))]
pub async fn plan_list(State(state): State<AppState>, Path(province): Path<i64>) -> Response {
    match plans::list(&state.db, province).await {
        Ok(list) => Json(list.into_iter().map(PlanOut::from).collect::<Vec<_>>()).into_response(),
        Err(e) => failed(e),
    }
}

#[utoipa::path(get, path = "/api/v1/provinces/{province}/plans/{id}",
    params(("province" = i64, Path, example = 41), ("id" = i64, Path, example = 1)),
    responses((status = 200, body = PlanTreeOut)))]
pub async fn plan_tree(
    State(state): State<AppState>,
    Path((province, id)): Path<(i64, i64)>,
) -> Response {
    let read = async {
        let plan = plans::find(&state.db, province, id).await?;
        let tree = entries::tree(&state.db, id).await?;
        Ok(PlanTreeOut {
            plan: plan.into(),
            entries: tree.into_iter().map(PlanEntryOut::from).collect(),
        })
    };
    match read.await {
        Ok(out) => Json(out).into_response(),
        Err(e) => failed(e),
    }
}

#[utoipa::path(get, path = "/api/v1/provinces/{province}/plans/{id}/progress",
    params(
        ("province" = i64, Path, example = 41),
        ("id" = i64, Path, example = 1),
        ("year" = Option<i32>, Query, description = "Fiscal year, Buddhist Era; the current one when left out or outside the plan")
    ),
    responses((status = 200, body = [IndicatorProgressOut])))]
pub async fn plan_progress(
    State(state): State<AppState>,
    Path((province, id)): Path<(i64, i64)>,
    Query(q): Query<YearQuery>,
) -> Response {
    let read = async {
        let plan = plans::find(&state.db, province, id).await?;
        let (year, _, rows) = q.standing(&state.db, &plan).await?;
        Ok(rows
            .into_iter()
            .map(|r| IndicatorProgressOut {
                id: r.indicator.id,
                name: r.indicator.name,
                unit: r.indicator.unit,
                kind: r.indicator.kind.code().into(),
                baseline: r.indicator.baseline,
                entry_id: r.indicator.entry_id,
                fiscal_year: year,
                year: (&r.year).into(),
                quarters: r.quarters.iter().map(FigureOut::from).collect(),
            })
            .collect::<Vec<_>>())
    };
    match read.await {
        Ok(out) => Json(out).into_response(),
        Err(e) => failed(e),
    }
}
