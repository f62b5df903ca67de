//! The national criteria: every template in its versions, a draft's editor, publishing, a new
//! version from the newest, and a new template copied from a subject's current criteria.

use super::template_form::{self, ItemRow};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, invalid_or, render_checked};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use sermphalang_domain::Invalid;
use sermphalang_domain::assessment::{Level, Subject};
use sermphalang_store::StoreError;
use sermphalang_store::assessment::templates::{self, Stored};

#[derive(Template)]
#[template(path = "assessment/criteria_list.html")]
struct ListPage {
    ctx: Ctx,
    prov: Option<i64>,
    versions: Vec<Stored>,
    subjects: &'static [Subject],
    errors: Errors,
}

async fn list_page(state: &AppState, ctx: Ctx, errors: Errors) -> Result<Response, AppError> {
    let page = ListPage {
        prov: ctx.account.as_ref().and_then(|a| a.province),
        versions: templates::list(&state.db).await?,
        subjects: Subject::ALL,
        ctx,
        errors,
    };
    let invalid = page.errors.any();
    render_checked(page, invalid)
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    list_page(&state, ctx, Errors::default()).await
}

/// A new template: a draft copied from the subject's current criteria, to be edited.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let subject = fields
        .iter()
        .find(|(k, _)| k == "subject")
        .and_then(|(_, v)| Subject::parse(v))
        .ok_or_else(|| AppError::BadRequest("subject".into()))?;
    let Some(current) = templates::current(&state.db, subject).await? else {
        return Err(AppError::NotFound);
    };
    let mut template = current.template.clone();
    template.name = format!(
        "{} (ฉบับร่างใหม่)",
        template.name.trim_end_matches(" (ตัวอย่าง แก้ไขได้)")
    );
    let who = actor(&ctx);
    let made: Result<i64, StoreError> = async {
        let mut tx = state.db.audited(&who, None).await?;
        let id = templates::create(&mut tx, &template).await?;
        tx.commit_recorded().await?;
        Ok(id)
    }
    .await;
    match invalid_or(made)? {
        Ok(id) => Ok(Redirect::to(&format!("/nation/assessment-templates/{id}")).into_response()),
        Err(errors) => list_page(&state, ctx, errors).await,
    }
}

#[derive(Template)]
#[template(path = "assessment/criteria.html")]
struct ShowPage {
    ctx: Ctx,
    prov: Option<i64>,
    stored: Stored,
    name: String,
    rows: Vec<ItemRow>,
    /// Level code, name, minimum total and minimum per item as typed.
    thresholds: Vec<(String, String, String, String)>,
    errors: Errors,
}

fn show_page(ctx: Ctx, stored: Stored, errors: Errors) -> Result<Response, AppError> {
    let t = &stored.template;
    let thresholds = Level::ALL
        .iter()
        .map(|l| {
            let found = t.thresholds.iter().find(|x| x.level == *l);
            (
                l.code().to_string(),
                super::view::level_title(ctx.is_en(), Some(*l), t.subject),
                found.map(|x| x.min_total.to_string()).unwrap_or_default(),
                found
                    .and_then(|x| x.min_each)
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let mut rows = template_form::rows(t);
    if !stored.published() {
        // One empty row to add an item.
        rows.push(ItemRow {
            index: rows.len(),
            title: String::new(),
            guidance: String::new(),
            evidence: String::new(),
            required: false,
            kind: "choices",
            rule: "2 = \n1 = \n0 = ".into(),
        });
    }
    let page = ShowPage {
        prov: ctx.account.as_ref().and_then(|a| a.province),
        name: t.name.clone(),
        rows,
        thresholds,
        stored,
        ctx,
        errors,
    };
    let invalid = page.errors.any();
    render_checked(page, invalid)
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let stored = templates::find(&state.db, id).await?;
    show_page(ctx, stored, Errors::default())
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let stored = templates::find(&state.db, id).await?;
    let template = match template_form::read(stored.template.subject, &fields) {
        Ok(t) => t,
        Err(Invalid(errors)) => return show_page(ctx, stored, Errors(errors)),
    };
    let who = actor(&ctx);
    let saved: Result<(), StoreError> = async {
        let mut tx = state.db.audited(&who, None).await?;
        templates::update(&mut tx, id, &template).await?;
        tx.commit_recorded().await
    }
    .await;
    match invalid_or(saved)? {
        Ok(()) => Ok(Redirect::to(&format!("/nation/assessment-templates/{id}")).into_response()),
        Err(errors) => show_page(ctx, stored, errors),
    }
}

pub async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let who = actor(&ctx);
    let done: Result<(), StoreError> = async {
        let mut tx = state.db.audited(&who, None).await?;
        templates::publish(&mut tx, id).await?;
        tx.commit_recorded().await
    }
    .await;
    match invalid_or(done)? {
        Ok(()) => Ok(Redirect::to(&format!("/nation/assessment-templates/{id}")).into_response()),
        Err(errors) => show_page(ctx, templates::find(&state.db, id).await?, errors),
    }
}

pub async fn new_version(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let who = actor(&ctx);
    let made: Result<i64, StoreError> = async {
        let mut tx = state.db.audited(&who, None).await?;
        let next = templates::new_version(&mut tx, id).await?;
        tx.commit_recorded().await?;
        Ok(next)
    }
    .await;
    match made {
        Ok(next) => {
            Ok(Redirect::to(&format!("/nation/assessment-templates/{next}")).into_response())
        }
        // Someone else started the next version at the same moment: show the list.
        Err(StoreError::Conflict) => {
            Ok(Redirect::to("/nation/assessment-templates").into_response())
        }
        Err(e) => Err(e.into()),
    }
}
