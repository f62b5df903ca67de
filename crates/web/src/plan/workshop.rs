use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::evaluation::cycles::{Tab, show_page};
use crate::pages::{actor, invalid_or, render_invalid};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::FieldError;
use sermphalang_store::plan::{plans, workshop};

#[derive(Debug, Default, Deserialize)]
pub struct CarryForm {
    /// "plan:entry" of the project chosen.
    #[serde(default)]
    project: String,
}

/// Carries a cycle's plans for the future into the integrated plan, in one step.
pub async fn carry(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, cycle)): Path<(i64, i64)>,
    Form(form): Form<CarryForm>,
) -> Result<Response, AppError> {
    let chosen = form
        .project
        .split_once(':')
        .and_then(|(p, e)| Some((p.parse::<i64>().ok()?, e.parse::<i64>().ok()?)));
    let result = match chosen {
        None => Err(crate::pages::Errors(vec![FieldError::new(
            "project",
            "กรุณาเลือกโครงการที่จะรับกิจกรรมจากการประเมิน",
            "Choose the project that will hold the evaluation's activities",
        )])),
        Some((plan, project)) => {
            let plan = plans::find(&state.db, province, plan).await?;
            let carried = workshop::carry(&state.db, &actor(&ctx), &plan, project, cycle).await;
            invalid_or(carried.map(|_| (plan.id, project)))?
        }
    };
    match result {
        Ok((plan, project)) => Ok(Redirect::to(&format!(
            "/p/{province}/plans/{plan}/entries/{project}"
        ))
        .into_response()),
        Err(errors) => render_invalid(
            show_page(&state, ctx, province, cycle, Some(Tab::Planning), errors).await?,
        ),
    }
}
