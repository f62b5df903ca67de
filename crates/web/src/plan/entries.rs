use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, invalid_or, render, render_invalid};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::plan::{EntryForm, Level};
use sermphalang_domain::registry::Sector;
use sermphalang_store::plan::entries::{self, Entry, Source};
use sermphalang_store::plan::indicators::{self, Indicator};
use sermphalang_store::plan::references::{self, Reference};
use sermphalang_store::plan::{Plan, plans};
use sermphalang_store::registry::org;

#[derive(Template)]
#[template(path = "plan/entry_form.html")]
struct FormPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    plan: Plan,
    id: Option<i64>,
    form: EntryForm,
    errors: Errors,
    parents: Vec<Entry>,
    districts: Vec<(i64, String)>,
    organizations: Vec<(i64, String)>,
    references: Vec<Reference>,
    networks: &'static [Sector],
    levels: &'static [Level],
}

impl FormPage {
    fn has(list: &[String], value: impl ToString) -> bool {
        let v = value.to_string();
        list.contains(&v)
    }

    fn network_checked(&self, s: &Sector) -> bool {
        Self::has(&self.form.networks, s.code())
    }

    fn district_checked(&self, code: &i64) -> bool {
        Self::has(&self.form.districts, code)
    }

    fn organization_checked(&self, id: &i64) -> bool {
        Self::has(&self.form.organizations, id)
    }

    fn reference_checked(&self, code: &str) -> bool {
        Self::has(&self.form.references, code)
    }

    /// The budget lines typed so far and two empty ones.
    fn budget_rows(&self) -> Vec<(String, String)> {
        let mut rows: Vec<(String, String)> = self
            .form
            .budget_source
            .iter()
            .zip(
                self.form
                    .budget_amount
                    .iter()
                    .chain(std::iter::repeat(&String::new())),
            )
            .filter(|(s, a)| !s.trim().is_empty() || !a.trim().is_empty())
            .map(|(s, a)| (s.clone(), a.clone()))
            .collect();
        rows.extend([
            (String::new(), String::new()),
            (String::new(), String::new()),
        ]);
        rows
    }
}

async fn form_page(
    state: &AppState,
    ctx: Ctx,
    plan: Plan,
    id: Option<i64>,
    form: EntryForm,
    errors: Errors,
) -> Result<FormPage, AppError> {
    let province = plan.province;
    let parents = entries::tree(&state.db, plan.id)
        .await?
        .into_iter()
        .filter(|e| e.level != Level::Activity && Some(e.id) != id)
        .collect();
    let districts = ctx.district_options(province);
    Ok(FormPage {
        organizations: org::options(&state.db, province).await?,
        references: references::choices(&state.db, province, &form.references).await?,
        ctx,
        prov: Some(province),
        province,
        plan,
        id,
        form,
        errors,
        parents,
        districts,
        networks: Sector::ALL,
        levels: Level::ALL,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    level: String,
    #[serde(default)]
    parent: String,
}

pub async fn new(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, plan)): Path<(i64, i64)>,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, plan).await?;
    let form = EntryForm {
        level: if q.level.is_empty() {
            Level::Strategy.code().into()
        } else {
            q.level
        },
        parent: q.parent,
        ..EntryForm::default()
    };
    render(form_page(&state, ctx, plan, None, form, Errors::default()).await?)
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, plan, id)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, plan).await?;
    let e = entries::find(&state.db, plan.id, id).await?;
    let form = EntryForm {
        level: e.level.code().into(),
        parent: e.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        title: e.title,
        description: e.description,
        fiscal_year: e.fiscal_year.map(|y| y.to_string()).unwrap_or_default(),
        starts_on: e
            .starts_on
            .map(sermphalang_thai::format_input)
            .unwrap_or_default(),
        ends_on: e
            .ends_on
            .map(sermphalang_thai::format_input)
            .unwrap_or_default(),
        networks: e.networks.iter().map(|s| s.code().to_string()).collect(),
        districts: e.districts.iter().map(|d| d.to_string()).collect(),
        organizations: e.organizations.iter().map(|(o, _)| o.to_string()).collect(),
        references: e.references,
        budget_source: e.budget.iter().map(|b| b.source.clone()).collect(),
        budget_amount: e
            .budget
            .iter()
            .map(|b| format!("{}.{:02}", b.satang / 100, b.satang % 100))
            .collect(),
    };
    render(form_page(&state, ctx, plan, Some(id), form, Errors::default()).await?)
}

async fn save(
    state: &AppState,
    ctx: Ctx,
    plan: Plan,
    id: Option<i64>,
    form: EntryForm,
) -> Result<Response, AppError> {
    let result = match form.validate(plan.period()) {
        Err(e) => Err(e.into()),
        Ok(input) => {
            let who = actor(&ctx);
            let saved = match id {
                Some(id) => entries::update(&state.db, &who, &plan, id, &input)
                    .await
                    .map(|_| id),
                None => entries::create(&state.db, &who, &plan, &input, Source::default()).await,
            };
            invalid_or(saved)?
        }
    };
    match result {
        Ok(entry) => Ok(Redirect::to(&format!(
            "/p/{}/plans/{}/entries/{entry}",
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
    Form(form): Form<EntryForm>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, plan).await?;
    save(&state, ctx, plan, None, form).await
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, plan, id)): Path<(i64, i64, i64)>,
    Form(form): Form<EntryForm>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, plan).await?;
    entries::find(&state.db, plan.id, id).await?;
    save(&state, ctx, plan, Some(id), form).await
}

#[derive(Template)]
#[template(path = "plan/entry.html")]
struct ShowPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    plan: Plan,
    entry: Entry,
    /// The entries above this one, from the strategy down.
    path: Vec<Entry>,
    children: Vec<Entry>,
    indicators: Vec<Indicator>,
    references: Vec<Reference>,
    reports: Vec<sermphalang_store::report::ReportSummary>,
    photos: Vec<sermphalang_store::report::photos::Photo>,
    /// The ratings of the taking-stock activity this entry came from, cycle by cycle.
    ratings: Vec<sermphalang_store::plan::workshop::Rated>,
}

impl ShowPage {
    fn cited(&self) -> Vec<&Reference> {
        self.references
            .iter()
            .filter(|r| self.entry.references.contains(&r.code))
            .collect()
    }

    fn child_level(&self) -> Option<Level> {
        Level::ALL
            .iter()
            .copied()
            .find(|l| l.parent() == Some(self.entry.level))
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, plan, id)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, plan).await?;
    let tree = entries::tree(&state.db, plan.id).await?;
    let entry = tree
        .iter()
        .find(|e| e.id == id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let mut path = Vec::new();
    let mut above = entry.parent_id;
    while let Some(p) = above.and_then(|p| tree.iter().find(|e| e.id == p)) {
        path.insert(0, p.clone());
        above = p.parent_id;
    }
    let children = tree
        .iter()
        .filter(|e| e.parent_id == Some(id))
        .cloned()
        .collect();
    let indicators = indicators::list(&state.db, plan.id)
        .await?
        .into_iter()
        .filter(|i| i.entry_id == Some(id))
        .collect();
    let filter = sermphalang_store::report::ReportFilter {
        entry: Some(id),
        ..Default::default()
    };
    let reports = sermphalang_store::report::reports::list(
        &state.db,
        province,
        &filter,
        sermphalang_store::PageRequest::new(None),
    )
    .await?
    .items;
    let photos =
        sermphalang_store::report::photos::approved_of(&state.db, province, Some(id), None, 12)
            .await?;
    let ratings = match entry.source_activity_id {
        Some(a) => sermphalang_store::plan::workshop::ratings(&state.db, province, a).await?,
        None => Vec::new(),
    };
    render(ShowPage {
        ratings,
        reports,
        photos,
        references: references::list(&state.db, province).await?,
        ctx,
        prov: Some(province),
        province,
        plan,
        entry,
        path,
        children,
        indicators,
    })
}
