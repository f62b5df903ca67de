//! Editing what plans are aligned with: national staff correct and add the national references
//! (National Strategy, Master Plan, target virtues); a province keeps its own virtues, each the
//! good it wants to do and the problem it wants to solve.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, render, render_invalid};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use sermphalang_domain::plan::ReferenceKind;
use sermphalang_domain::plan::reference::ReferenceForm;
use sermphalang_store::plan::references::{self, Editable};

const NATIONAL_KINDS: [ReferenceKind; 3] = [
    ReferenceKind::NationalStrategy,
    ReferenceKind::MasterPlan,
    ReferenceKind::Virtue,
];
const PROVINCE_KINDS: [ReferenceKind; 1] = [ReferenceKind::ProvinceVirtue];

#[derive(Template)]
#[template(path = "plan/references.html")]
struct ReferencesPage {
    ctx: Ctx,
    prov: Option<i64>,
    /// None for the national references.
    province: Option<i64>,
    references: Vec<Editable>,
    kinds: Vec<ReferenceKind>,
    form: ReferenceForm,
    errors: Errors,
}

impl ReferencesPage {
    fn base(&self) -> String {
        base(self.province)
    }

    fn of_kind(&self, kind: &ReferenceKind) -> Vec<&Editable> {
        self.references.iter().filter(|r| r.kind == *kind).collect()
    }
}

async fn page(
    state: &AppState,
    ctx: Ctx,
    province: Option<i64>,
    form: ReferenceForm,
    errors: Errors,
) -> Result<Response, AppError> {
    let references = references::editable(&state.db, province).await?;
    let kinds = kinds(province).to_vec();
    let invalid = errors.any();
    let page = ReferencesPage {
        ctx,
        prov: province,
        province,
        references,
        kinds,
        form,
        errors,
    };
    if invalid {
        render_invalid(page)
    } else {
        render(page)
    }
}

fn kinds(province: Option<i64>) -> &'static [ReferenceKind] {
    if province.is_some() {
        &PROVINCE_KINDS
    } else {
        &NATIONAL_KINDS
    }
}

async fn add(
    state: &AppState,
    ctx: Ctx,
    province: Option<i64>,
    form: ReferenceForm,
) -> Result<Response, AppError> {
    let input = match form.validate(kinds(province)) {
        Ok(input) => input,
        Err(e) => return page(state, ctx, province, form, e.into()).await,
    };
    references::add(&state.db, &actor(&ctx), province, &input).await?;
    Ok(Redirect::to(&base(province)).into_response())
}

async fn change(
    state: &AppState,
    ctx: Ctx,
    province: Option<i64>,
    code: String,
    form: ReferenceForm,
) -> Result<Response, AppError> {
    let current = references::editable(&state.db, province)
        .await?
        .into_iter()
        .find(|r| r.code == code)
        .ok_or(AppError::NotFound)?;
    let form = ReferenceForm {
        kind: current.kind.code().into(),
        ..form
    };
    let all_kinds = [NATIONAL_KINDS.as_slice(), PROVINCE_KINDS.as_slice()].concat();
    let input = match form.validate(&all_kinds) {
        Ok(input) => input,
        Err(e) => return page(state, ctx, province, ReferenceForm::default(), e.into()).await,
    };
    references::update(&state.db, &actor(&ctx), province, &code, &input).await?;
    Ok(Redirect::to(&base(province)).into_response())
}

/// The page of the national references, or of a province's own virtues.
fn base(province: Option<i64>) -> String {
    match province {
        Some(p) => format!("/p/{p}/virtues"),
        None => "/references".into(),
    }
}

pub async fn national(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    page(
        &state,
        ctx,
        None,
        ReferenceForm::default(),
        Errors::default(),
    )
    .await
}

pub async fn national_add(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ReferenceForm>,
) -> Result<Response, AppError> {
    add(&state, ctx, None, form).await
}

pub async fn national_update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(form): Form<ReferenceForm>,
) -> Result<Response, AppError> {
    change(&state, ctx, None, code, form).await
}

pub async fn virtues(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
) -> Result<Response, AppError> {
    let form = ReferenceForm {
        kind: ReferenceKind::ProvinceVirtue.code().into(),
        ..ReferenceForm::default()
    };
    page(&state, ctx, Some(province), form, Errors::default()).await
}

pub async fn virtue_add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Form(form): Form<ReferenceForm>,
) -> Result<Response, AppError> {
    let form = ReferenceForm {
        kind: ReferenceKind::ProvinceVirtue.code().into(),
        ..form
    };
    add(&state, ctx, Some(province), form).await
}

pub async fn virtue_update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, code)): Path<(i64, String)>,
    Form(form): Form<ReferenceForm>,
) -> Result<Response, AppError> {
    change(&state, ctx, Some(province), code, form).await
}
