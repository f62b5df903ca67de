//! The working group's pages: assigning verifiers, the site-visit checklist on a phone (sent
//! through the report pipeline's offline outbox, with a key so a second arrival is a no-op),
//! the award with its certificate, and returning an assessment.

use super::access::may_verify;
use super::pages::show_page;
use super::view::{self, ItemView};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, download, invalid_or, public_base, render_checked};
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::assessment::Answer;
use sermphalang_store::StoreError;
use sermphalang_store::assessment::assessments::{self, Assessment};
use sermphalang_store::assessment::templates;
use sermphalang_store::assessment::verification::{self, Award, Finding};
use sermphalang_store::audit::Actor;

#[derive(Template)]
#[template(path = "assessment/visit.html")]
struct VisitPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    a: Assessment,
    items: Vec<ItemView>,
    errors: Errors,
}

async fn visit_page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    a: Assessment,
    errors: Errors,
) -> Result<Response, AppError> {
    let template = templates::find(&state.db, a.template_id).await?;
    let answers = assessments::answers(&state.db, a.id).await?;
    let evidence = assessments::evidence(&state.db, a.id).await?;
    let page = VisitPage {
        items: view::items(&template.template, &answers, &evidence),
        ctx,
        prov: Some(province),
        province,
        a,
        errors,
    };
    let invalid = page.errors.any();
    render_checked(page, invalid)
}

async fn verifiable(
    state: &AppState,
    ctx: &Ctx,
    province: i64,
    id: i64,
) -> Result<Assessment, AppError> {
    let a = assessments::find(&state.db, province, id).await?;
    if !may_verify(state, ctx, &a).await? {
        return Err(AppError::Forbidden);
    }
    Ok(a)
}

pub async fn visit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let a = verifiable(&state, &ctx, province, id).await?;
    visit_page(&state, ctx, province, a, Errors::default()).await
}

async fn fields_of(mut multipart: Multipart) -> Result<Vec<(String, String)>, AppError> {
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.to_string());
    let mut fields = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        fields.push((name, field.text().await.map_err(bad)?));
    }
    Ok(fields)
}

/// Records the checklist: an item whose answer is the unit's own counts as agreement.
pub async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let a = verifiable(&state, &ctx, province, id).await?;
    let fields = fields_of(multipart).await?;
    let template = templates::find(&state.db, a.template_id).await?;
    let answers = assessments::answers(&state.db, id).await?;
    let field = |name: String| {
        fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let findings: Vec<Finding> = template
        .template
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let own = answers.iter().find(|x| x.item == i)?;
            let given = view::answer(&item.rule, &field(format!("a{i}")));
            let answer: Option<Answer> = given.filter(|g| *g != own.answer);
            Some(Finding {
                item: i,
                answer,
                comment: field(format!("c{i}")),
            })
        })
        .collect();
    let key = field("client_key".into());
    let recorded =
        verification::record(&state.db, &actor(&ctx), province, id, &findings, &key).await;
    match invalid_or(recorded)? {
        Ok(_) => {
            Ok(Redirect::to(&format!("/p/{province}/assessments/{id}?verified=1")).into_response())
        }
        Err(errors) => visit_page(&state, ctx, province, a, errors).await,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    verifiers: Vec<String>,
}

pub async fn assign(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<AssignForm>,
) -> Result<Response, AppError> {
    let users: Vec<i64> = form
        .verifiers
        .iter()
        .filter_map(|v| v.trim().parse().ok())
        .collect();
    let assigned = verification::assign(&state.db, &actor(&ctx), province, id, &users).await;
    match invalid_or(assigned)? {
        Ok(()) => Ok(Redirect::to(&format!("/p/{province}/assessments/{id}")).into_response()),
        Err(errors) => show_page(&state, ctx, province, id, errors).await,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    comment: String,
}

pub async fn award(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, AppError> {
    let base = public_base(&state, &headers);
    match award_one(&state, &actor(&ctx), province, id, &form.comment, &base).await? {
        Ok(()) => Ok(Redirect::to(&format!("/p/{province}/assessments/{id}")).into_response()),
        Err(errors) => show_page(&state, ctx, province, id, errors).await,
    }
}

/// Awards the level the verified scores reach, typesetting its certificate; retried when a
/// verifier changed a score meanwhile or the code was taken.
pub async fn award_one(
    state: &AppState,
    who: &Actor,
    province: i64,
    id: i64,
    comment: &str,
    base: &str,
) -> Result<Result<(), Errors>, AppError> {
    for _ in 0..3 {
        let a = assessments::find(&state.db, province, id).await?;
        let template = templates::find(&state.db, a.template_id).await?;
        let answers = assessments::answers(&state.db, id).await?;
        let Some(level) = verification::verified_outcome(&template, &answers).level else {
            return Ok(Err(Errors(vec![verification::no_level()])));
        };
        let code = sermphalang_domain::training::codes::generate(&mut rand::rng());
        let pdf = super::certificate::render(state, &a, level, &code, base).await?;
        let award = Award {
            expected: level,
            code: &code,
            pdf: &pdf,
            comment,
        };
        match verification::award(&state.db, who, province, id, award).await {
            Ok(()) => return Ok(Ok(())),
            Err(StoreError::Conflict) => continue,
            Err(e) => return invalid_or(Err(e)),
        }
    }
    Err(AppError::Busy("award kept conflicting".into()))
}

/// Awards every demo assessment that is fully verified; the QR codes point at `base`.
pub async fn award_demo(state: &AppState, base: &str) -> Result<usize, AppError> {
    let province = sermphalang_store::demo::UDON_THANI;
    let mut awarded = 0;
    for id in sermphalang_store::demo::assessments_awaiting_award(&state.db).await? {
        let comment = "ผ่านการตรวจประเมินภาคสนามโดยคณะทำงานติดตามประเมินผล";
        if award_one(state, &Actor::system(), province, id, comment, base)
            .await?
            .is_ok()
        {
            awarded += 1;
        }
    }
    Ok(awarded)
}

pub async fn send_back(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, AppError> {
    let returned =
        verification::send_back(&state.db, &actor(&ctx), province, id, &form.comment).await;
    match invalid_or(returned)? {
        Ok(()) => Ok(Redirect::to(&format!("/p/{province}/assessments/{id}")).into_response()),
        Err(errors) => show_page(&state, ctx, province, id, errors).await,
    }
}

pub async fn certificate(
    State(state): State<AppState>,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let a = assessments::find(&state.db, province, id).await?;
    let pdf = verification::certificate_pdf(&state.db, province, id).await?;
    let name = format!("เกียรติบัตร-{}-{}.pdf", a.unit_name, a.fiscal_year);
    Ok(download(pdf, "application/pdf", &name))
}
