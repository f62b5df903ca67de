use super::{Row, rows, tally};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, invalid_or, render, render_invalid};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::plan::{PlanForm, Status};
use sermphalang_store::plan::entries::{self, Entry};
use sermphalang_store::plan::{Plan, indicators, plans};
use sermphalang_thai::today_in_thailand;

#[derive(Template)]
#[template(path = "plan/plans.html")]
struct ListPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    plans: Vec<Plan>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
) -> Result<Response, AppError> {
    let plans = plans::list(&state.db, province).await?;
    render(ListPage {
        ctx,
        prov: Some(province),
        province,
        plans,
    })
}

#[derive(Template)]
#[template(path = "plan/plan_form.html")]
struct FormPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    id: Option<i64>,
    form: PlanForm,
    errors: Errors,
}

pub async fn new(ctx: Ctx, Path(province): Path<i64>) -> Result<Response, AppError> {
    let this_year = sermphalang_thai::FiscalYear::from_date(today_in_thailand()).be_year();
    render(FormPage {
        ctx,
        prov: Some(province),
        province,
        id: None,
        form: PlanForm {
            first_year: this_year.to_string(),
            last_year: (this_year + 4).to_string(),
            ..PlanForm::default()
        },
        errors: Errors::default(),
    })
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let p = plans::find(&state.db, province, id).await?;
    render(FormPage {
        ctx,
        prov: Some(province),
        province,
        id: Some(id),
        form: PlanForm {
            title: p.title,
            first_year: p.first_year.to_string(),
            last_year: p.last_year.to_string(),
            vision: p.vision,
        },
        errors: Errors::default(),
    })
}

async fn save(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: Option<i64>,
    form: PlanForm,
) -> Result<Response, AppError> {
    let invalid = |ctx: Ctx, form: PlanForm, errors: Errors| {
        render_invalid(FormPage {
            ctx,
            prov: Some(province),
            province,
            id,
            form,
            errors,
        })
    };
    let input = match form.validate() {
        Ok(i) => i,
        Err(e) => return invalid(ctx, form, e.into()),
    };
    let who = actor(&ctx);
    let result = match id {
        Some(id) => plans::update(&state.db, &who, province, id, &input)
            .await
            .map(|_| id),
        None => plans::create(&state.db, &who, province, &input).await,
    };
    match invalid_or(result)? {
        Ok(id) => Ok(Redirect::to(&format!("/p/{province}/plans/{id}")).into_response()),
        Err(e) => invalid(ctx, form, e),
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Form(form): Form<PlanForm>,
) -> Result<Response, AppError> {
    save(&state, ctx, province, None, form).await
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<PlanForm>,
) -> Result<Response, AppError> {
    plans::find(&state.db, province, id).await?;
    save(&state, ctx, province, Some(id), form).await
}

#[derive(Debug, Default, Deserialize)]
pub struct YearQuery {
    #[serde(default)]
    year: Option<String>,
}

impl YearQuery {
    /// The fiscal year asked for when the plan covers it, else the plan's year on `today`.
    pub fn year_in(&self, plan: &Plan, today: chrono::NaiveDate) -> i32 {
        self.year
            .as_deref()
            .and_then(|y| y.parse::<i32>().ok())
            .filter(|y| (plan.first_year..=plan.last_year).contains(y))
            .unwrap_or_else(|| plan.current_year(today))
    }

    /// The fiscal year asked for (see [`Self::year_in`]), today, and where the plan's
    /// indicators stand in that year: what the home, its PDF and the API each show.
    pub async fn standing(
        &self,
        db: &sermphalang_store::Db,
        plan: &Plan,
    ) -> Result<(i32, chrono::NaiveDate, Vec<Row>), sermphalang_store::StoreError> {
        let today = today_in_thailand();
        let year = self.year_in(plan, today);
        let progress = indicators::progress(db, plan.id, year).await?;
        Ok((year, today, rows(progress, year, today)))
    }
}

#[derive(Template)]
#[template(path = "plan/plan.html")]
struct HomePage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    plan: Plan,
    years: Vec<i32>,
    year: i32,
    rows: Vec<Row>,
    tally: Vec<(Status, usize)>,
    entries: Vec<Entry>,
    activities: usize,
    budget_satang: i64,
}

/// The plan's home: target against actual for one fiscal year, then the plan's tree.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, id).await?;
    let (year, _, rows) = q.standing(&state.db, &plan).await?;
    let entries = entries::tree(&state.db, id).await?;
    let activities = entries
        .iter()
        .filter(|e| e.level == sermphalang_domain::plan::Level::Activity)
        .count();
    let budget_satang = entries.iter().map(Entry::budget_satang).sum();
    render(HomePage {
        ctx,
        prov: Some(province),
        province,
        years: (plan.first_year..=plan.last_year).collect(),
        tally: tally(&rows),
        plan,
        year,
        rows,
        entries,
        activities,
        budget_satang,
    })
}
