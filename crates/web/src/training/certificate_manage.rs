//! One certificate of an event, for the secretariat: its details, a download, reissuing it
//! under a corrected name and revoking it. On a page of its own, so the event's list of
//! certificates carries one link a person instead of two forms.

use super::certificates::{back, refused, sheet};
use super::certify;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, render, render_invalid};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::registry::titles;
use sermphalang_domain::training::codes;
use sermphalang_domain::{FieldError, Invalid};
use sermphalang_store::training::certificate::{self, Certificate};
use sermphalang_store::training::event::{self, Event};
use sermphalang_store::training::registration::{self, Registration};
use sermphalang_thai::normalize_line;

#[derive(Template)]
#[template(path = "training/certificate_manage.html")]
struct Page {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    event: Event,
    certificate: Certificate,
    registration: Registration,
    errors: Errors,
}

impl Page {
    fn code(&self) -> String {
        codes::display(&self.certificate.code)
    }
}

async fn page(
    state: &AppState,
    ctx: Ctx,
    e: &Event,
    certificate: Certificate,
    errors: Errors,
) -> Result<Page, AppError> {
    let registration = registration::find(&state.db, e.id, certificate.registration_id).await?;
    Ok(Page {
        prov: Some(e.province_code),
        province: e.province_code,
        event: e.clone(),
        certificate,
        registration,
        errors,
        ctx,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id, cert)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let c = certificate::find(&state.db, id, cert).await?;
    render(page(&state, ctx, &e, c, Errors::default()).await?)
}

#[derive(Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
}

pub async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id, cert)): Path<(i64, i64, i64)>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let c = certificate::find(&state.db, id, cert).await?;
    match certificate::revoke(&state.db, &actor(&ctx), &e, &c, &form.reason).await {
        Ok(()) => Ok(back(province, id)),
        Err(sermphalang_store::StoreError::Invalid(invalid)) => {
            render_invalid(page(&state, ctx, &e, c, invalid.into()).await?)
        }
        Err(err) => Err(err.into()),
    }
}

/// Corrects the name (when changed) and reissues under the same number and code.
pub async fn reissue(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((province, id, cert)): Path<(i64, i64, i64)>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let c = certificate::find(&state.db, id, cert).await?;
    let r = registration::find(&state.db, id, c.registration_id).await?;
    let mut errors = Invalid::default();
    let first = normalize_line(&form.first_name);
    let last = normalize_line(&form.last_name);
    let prefix = titles::title(&form.prefix).unwrap_or_default();
    let needs_surname = !titles::is_clergy(&prefix);
    if first.is_empty() || (needs_surname && last.is_empty()) || prefix.is_empty() {
        errors.push(FieldError::new(
            "name",
            "กรุณาระบุคำนำหน้า ชื่อ และนามสกุลที่ถูกต้อง",
            "Give the corrected title prefix, first name and last name",
        ));
    }
    if form.reason.trim().is_empty() {
        errors.push(FieldError::new(
            "reason",
            "กรุณาระบุเหตุผลของการออกใหม่",
            "Give the reason for reissuing",
        ));
    }
    if !errors.is_empty() {
        return render_invalid(page(&state, ctx, &e, c, errors.into()).await?);
    }
    let who = actor(&ctx);
    if (&prefix, &first, &last) != (&r.prefix, &r.first_name, &r.last_name) {
        registration::rename(&state.db, &who, &e, &r, &prefix, &first, &last).await?;
    }
    let name = sermphalang_domain::training::registration::full_name(&prefix, &first, &last);
    let sheet = sheet(&state, &headers, &e).await?;
    match certify::reissue(&state, &who, &sheet, &e, &c, name, &form.reason).await? {
        Ok(()) => Ok(back(province, id)),
        Err(refusal) => render_invalid(page(&state, ctx, &e, c, refused(refusal)).await?),
    }
}
