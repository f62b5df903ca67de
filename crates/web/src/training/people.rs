//! Matching a registration with the registry's person: suggestions by name and phone, any
//! other person of the province, or no one.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, invalid_or, render, render_invalid};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_store::registry::person;
use sermphalang_store::training::event::{self, Event};
use sermphalang_store::training::people::{self, Suggestion};
use sermphalang_store::training::registration::{self, Registration};

#[derive(Template)]
#[template(path = "training/registration_person.html")]
struct LinkPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    event: Event,
    registration: Registration,
    suggestions: Vec<Suggestion>,
    people: Vec<(i64, String)>,
    errors: Errors,
}

impl LinkPage {
    fn is_linked(&self, person: &i64) -> bool {
        self.registration.person_id == Some(*person)
    }

    fn suggested(&self, person: &i64) -> bool {
        self.suggestions.iter().any(|s| s.person_id == *person)
    }
}

async fn page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: i64,
    reg: i64,
    errors: Errors,
) -> Result<LinkPage, AppError> {
    let event = event::find(&state.db, province, id).await?;
    let registration = registration::find(&state.db, id, reg).await?;
    Ok(LinkPage {
        suggestions: people::suggestions(&state.db, province, &registration).await?,
        people: person::options(&state.db, province).await?,
        prov: Some(province),
        province,
        event,
        registration,
        errors,
        ctx,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id, reg)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    render(page(&state, ctx, province, id, reg, Errors::default()).await?)
}

#[derive(Deserialize)]
pub struct LinkForm {
    /// A suggested person's id, "other" to take `other`, or "none".
    #[serde(default)]
    person: String,
    #[serde(default)]
    other: String,
}

pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id, reg)): Path<(i64, i64, i64)>,
    Form(form): Form<LinkForm>,
) -> Result<Response, AppError> {
    let chosen = match form.person.as_str() {
        "none" => Ok(None),
        "other" => form.other.trim().parse::<i64>().map(Some),
        raw => raw.trim().parse::<i64>().map(Some),
    };
    let Ok(person) = chosen else {
        let errors = Errors(vec![sermphalang_domain::FieldError::new(
            "person",
            "กรุณาเลือกบุคคลจากรายการ",
            "Choose a person from the list",
        )]);
        return render_invalid(page(&state, ctx, province, id, reg, errors).await?);
    };
    let linked = people::link(&state.db, &actor(&ctx), province, id, reg, person).await;
    if let Err(errors) = invalid_or(linked)? {
        return render_invalid(page(&state, ctx, province, id, reg, errors).await?);
    }
    Ok(Redirect::to(&format!("/p/{province}/events/{id}#registrations")).into_response())
}
