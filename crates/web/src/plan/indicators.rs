use super::{Row, rows};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, invalid_or, render, render_invalid};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::plan::{IndicatorForm, IndicatorKind, TargetsForm};
use sermphalang_store::plan::entries::{self, Entry};
use sermphalang_store::plan::indicators::{self, Indicator};
use sermphalang_store::plan::{Plan, plans};
use sermphalang_thai::today_in_thailand;

#[derive(Template)]
#[template(path = "plan/indicator_form.html")]
struct FormPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    plan: Plan,
    id: Option<i64>,
    form: IndicatorForm,
    errors: Errors,
    entries: Vec<Entry>,
    kinds: &'static [IndicatorKind],
}

async fn form_page(
    state: &AppState,
    ctx: Ctx,
    plan: Plan,
    id: Option<i64>,
    form: IndicatorForm,
    errors: Errors,
) -> Result<FormPage, AppError> {
    Ok(FormPage {
        entries: entries::tree(&state.db, plan.id).await?,
        ctx,
        prov: Some(plan.province),
        province: plan.province,
        plan,
        id,
        form,
        errors,
        kinds: IndicatorKind::ALL,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    entry: String,
}

pub async fn new(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, plan)): Path<(i64, i64)>,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, plan).await?;
    let form = IndicatorForm {
        kind: IndicatorKind::Count.code().into(),
        entry: q.entry,
        ..IndicatorForm::default()
    };
    render(form_page(&state, ctx, plan, None, form, Errors::default()).await?)
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, plan, id)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, plan).await?;
    let i = indicators::find(&state.db, plan.id, id).await?;
    let form = IndicatorForm {
        name: i.name,
        unit: i.unit,
        kind: i.kind.code().into(),
        baseline: i.baseline.map(|b| b.to_string()).unwrap_or_default(),
        entry: i.entry_id.map(|e| e.to_string()).unwrap_or_default(),
    };
    render(form_page(&state, ctx, plan, Some(id), form, Errors::default()).await?)
}

async fn save(
    state: &AppState,
    ctx: Ctx,
    plan: Plan,
    id: Option<i64>,
    form: IndicatorForm,
) -> Result<Response, AppError> {
    let result = match form.validate() {
        Err(e) => Err(e.into()),
        Ok(input) => {
            let who = actor(&ctx);
            let saved = match id {
                Some(id) => indicators::update(&state.db, &who, &plan, id, &input)
                    .await
                    .map(|_| id),
                None => indicators::create(&state.db, &who, &plan, &input).await,
            };
            invalid_or(saved)?
        }
    };
    match result {
        Ok(i) => Ok(Redirect::to(&format!(
            "/p/{}/plans/{}/indicators/{i}",
            plan.province, plan.id
        ))
        .into_response()),
        Err(errors) => render_invalid(form_page(state, ctx, plan, id, form, errors).await?),
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, plan)): Path<(i64, i64)>,
    Form(form): Form<IndicatorForm>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, plan).await?;
    save(&state, ctx, plan, None, form).await
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, plan, id)): Path<(i64, i64, i64)>,
    Form(form): Form<IndicatorForm>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, plan).await?;
    indicators::find(&state.db, plan.id, id).await?;
    save(&state, ctx, plan, Some(id), form).await
}

#[derive(Template)]
#[template(path = "plan/indicator.html")]
struct ShowPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    plan: Plan,
    indicator: Indicator,
    entry: Option<Entry>,
    /// One row per fiscal year of the plan.
    years: Vec<YearRow>,
    year: i32,
    targets: TargetsForm,
    actuals: TargetsForm,
    errors: Errors,
    /// What approved reports added in the year, by network, district, gender and age.
    breakdowns: Vec<(&'static str, Vec<(String, f64)>)>,
}

async fn breakdowns(
    state: &AppState,
    ctx: &Ctx,
    indicator: i64,
    year: i32,
) -> Result<Vec<(&'static str, Vec<(String, f64)>)>, AppError> {
    let mut out = Vec::new();
    for (dimension, title) in [
        ("network", "network"),
        ("district", "district"),
        ("gender", "participants_by_gender"),
        ("age", "participants_by_age"),
    ] {
        let parts =
            sermphalang_store::report::reports::breakdown(&state.db, indicator, year, dimension)
                .await?
                .into_iter()
                .map(|(part, value)| {
                    let label = match dimension {
                        "network" => sermphalang_domain::registry::Sector::parse(&part)
                            .map(|s| ctx.sector(s).to_string())
                            .unwrap_or(part),
                        "district" => part
                            .parse::<i64>()
                            .map(|d| ctx.district_name(d))
                            .unwrap_or(part),
                        _ => {
                            let key = match part.as_str() {
                                "adult" => "adults",
                                "elder" => "elders",
                                other => other,
                            };
                            ctx.word(key).map(str::to_string).unwrap_or(part)
                        }
                    };
                    (label, value)
                })
                .collect::<Vec<_>>();
        if !parts.is_empty() {
            out.push((title, parts));
        }
    }
    Ok(out)
}

struct YearRow {
    year: i32,
    row: Row,
    reports: [i64; 4],
}

impl YearRow {
    /// How many approved reports fed quarter `q` (0 to 3), when any did.
    fn reported(&self, q: &usize) -> Option<i64> {
        self.reports.get(*q).copied().filter(|n| *n > 0)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct YearQuery {
    #[serde(default)]
    year: Option<String>,
}

fn figure_text(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

async fn show_page(
    state: &AppState,
    ctx: Ctx,
    plan: Plan,
    id: i64,
    year: Option<i32>,
) -> Result<ShowPage, AppError> {
    let indicator = indicators::find(&state.db, plan.id, id).await?;
    let today = today_in_thailand();
    let year = year
        .filter(|y| (plan.first_year..=plan.last_year).contains(y))
        .unwrap_or_else(|| plan.current_year(today));
    let mut years = Vec::new();
    let mut entered = [None; 4];
    for y in plan.first_year..=plan.last_year {
        let progress: Vec<_> = indicators::progress(&state.db, plan.id, y)
            .await?
            .into_iter()
            .filter(|p| p.indicator.id == id)
            .collect();
        let reports = progress
            .first()
            .map(|p| p.quarters.map(|q| q.reports))
            .unwrap_or_default();
        if y == year
            && let Some(p) = progress.first()
        {
            entered = p.quarters.map(|q| q.entered);
        }
        if let Some(row) = rows(progress, y, today).pop() {
            years.push(YearRow {
                year: y,
                row,
                reports,
            });
        }
    }
    let row = years.iter().find(|r| r.year == year).map(|r| &r.row);
    let t = |q: usize| figure_text(row.and_then(|r| r.quarters[q].target));
    let targets = TargetsForm {
        fiscal_year: year.to_string(),
        year: figure_text(row.and_then(|r| r.year.target)),
        q1: t(0),
        q2: t(1),
        q3: t(2),
        q4: t(3),
    };
    let [q1, q2, q3, q4] = entered.map(figure_text);
    let actuals = TargetsForm {
        fiscal_year: year.to_string(),
        year: String::new(),
        q1,
        q2,
        q3,
        q4,
    };
    let breakdowns = breakdowns(state, &ctx, id, year).await?;
    let entry = match indicator.entry_id {
        Some(e) => entries::find(&state.db, plan.id, e).await.ok(),
        None => None,
    };
    Ok(ShowPage {
        ctx,
        prov: Some(plan.province),
        province: plan.province,
        plan,
        indicator,
        entry,
        years,
        year,
        targets,
        actuals,
        errors: Errors::default(),
        breakdowns,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, plan, id)): Path<(i64, i64, i64)>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, plan).await?;
    let year = q.year.and_then(|y| y.parse().ok());
    render(show_page(&state, ctx, plan, id, year).await?)
}

/// Which of the two forms of an indicator's page was sent.
#[derive(Clone, Copy, PartialEq)]
enum Values {
    Targets,
    Actuals,
}

async fn set_values(
    state: &AppState,
    ctx: Ctx,
    (province, plan, id): (i64, i64, i64),
    form: TargetsForm,
    which: Values,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, plan).await?;
    let indicator = indicators::find(&state.db, plan.id, id).await?;
    let result = match form.validate(indicator.kind, plan.period()) {
        Err(e) => Err(e.into()),
        Ok(input) => {
            let who = actor(&ctx);
            let saved = match which {
                Values::Targets => {
                    indicators::set_targets(&state.db, &who, &plan, id, &input).await
                }
                Values::Actuals => {
                    indicators::set_entered(&state.db, &who, &plan, id, &input).await
                }
            };
            invalid_or(saved.map(|_| input.fiscal_year))?
        }
    };
    match result {
        Ok(year) => Ok(Redirect::to(&format!(
            "/p/{province}/plans/{}/indicators/{id}?year={year}",
            plan.id
        ))
        .into_response()),
        Err(errors) => {
            let year = form.fiscal_year.trim().parse().ok();
            let mut page = show_page(state, ctx, plan, id, year).await?;
            match which {
                Values::Targets => page.targets = form,
                Values::Actuals => page.actuals = form,
            }
            page.errors = errors;
            render_invalid(page)
        }
    }
}

pub async fn targets(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(ids): Path<(i64, i64, i64)>,
    Form(form): Form<TargetsForm>,
) -> Result<Response, AppError> {
    set_values(&state, ctx, ids, form, Values::Targets).await
}

pub async fn actuals(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(ids): Path<(i64, i64, i64)>,
    Form(form): Form<TargetsForm>,
) -> Result<Response, AppError> {
    set_values(&state, ctx, ids, form, Values::Actuals).await
}
