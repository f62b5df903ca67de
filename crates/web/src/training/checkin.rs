//! The door: a page for staff phones. With JavaScript it scans tickets with the camera, searches
//! names, and keeps working offline on the roster it loaded (see assets/training/checkin.js and the
//! check-in API); without it, a ticket code can still be typed in. Walk-ins register here.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, invalid_or, render, render_invalid};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use sermphalang_domain::registry::Sector;
use sermphalang_domain::training::registration::RegistrationForm;
use sermphalang_store::training::attendance::{self, CheckIn, Method, Who};
use sermphalang_store::training::event::{self, Event, Session};
use sermphalang_store::training::registration::{self, Channel};

#[derive(Template)]
#[template(path = "training/checkin.html")]
struct Page {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    event: Event,
    sessions: Vec<Session>,
    session: i64,
    outcome: Option<Outcome>,
    walk_in: RegistrationForm,
    errors: Errors,
    sectors: &'static [Sector],
    labels: String,
}

/// What the last check-in did, as the page tells it.
pub struct Outcome {
    pub kind: &'static str,
    pub text: String,
}

/// The session on now, or the next one, or the last one.
fn current(sessions: &[Session]) -> i64 {
    let now = chrono::Utc::now().naive_utc() + chrono::Duration::hours(7);
    sessions
        .iter()
        .find(|s| s.held_on.and_time(s.ends) >= now)
        .or(sessions.last())
        .map_or(0, |s| s.id)
}

/// The words the script needs, in the page's language.
#[derive(Serialize)]
struct Labels {
    recorded: &'static str,
    already: &'static str,
    not_admitted: &'static str,
    unknown: &'static str,
    offline: &'static str,
    online: &'static str,
    queued: &'static str,
    checked_in: &'static str,
    no_camera: &'static str,
    camera_server: &'static str,
    no_match: &'static str,
}

fn labels(ctx: &Ctx) -> String {
    let l = Labels {
        recorded: ctx.t("checkin_recorded"),
        already: ctx.t("checkin_already"),
        not_admitted: ctx.t("checkin_not_admitted"),
        unknown: ctx.t("checkin_unknown"),
        offline: ctx.t("checkin_offline"),
        online: ctx.t("checkin_online"),
        queued: ctx.t("checkin_queued"),
        checked_in: ctx.t("checkin_count"),
        no_camera: ctx.t("checkin_no_camera"),
        camera_server: ctx.t("checkin_camera_server"),
        no_match: ctx.t("checkin_no_match"),
    };
    // Safe inside <script type="application/json">: no "</" can close the element.
    serde_json::to_string(&l)
        .unwrap_or_default()
        .replace("</", "<\\/")
}

#[derive(Deserialize, Default)]
pub struct SessionQuery {
    #[serde(default)]
    session: Option<i64>,
    /// "walk_in" after a walk-in was registered and checked in.
    #[serde(default)]
    done: Option<String>,
}

async fn page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: i64,
    session: Option<i64>,
    outcome: Option<Outcome>,
    walk_in: RegistrationForm,
    errors: Errors,
) -> Result<Page, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let sessions = event::sessions(&state.db, id).await?;
    let session = session
        .filter(|s| sessions.iter().any(|x| x.id == *s))
        .unwrap_or_else(|| current(&sessions));
    Ok(Page {
        // The door is a phone tool: the scanner comes first, without the province menu.
        prov: None,
        province,
        labels: labels(&ctx),
        event: e,
        sessions,
        session,
        outcome,
        walk_in,
        errors,
        sectors: Sector::ALL,
        ctx,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Query(q): Query<SessionQuery>,
) -> Result<Response, AppError> {
    // The person ticks consent themselves (PDPA): never ticked in advance.
    let form = RegistrationForm::default();
    let told = (q.done.as_deref() == Some("walk_in")).then(|| Outcome {
        kind: "ok",
        text: ctx.t("checkin_walk_in_done").to_string(),
    });
    render(
        page(
            &state,
            ctx,
            province,
            id,
            q.session,
            told,
            form,
            Errors::default(),
        )
        .await?,
    )
}

#[derive(Deserialize)]
pub struct CodeForm {
    session: i64,
    #[serde(default)]
    code: String,
}

pub fn outcome(ctx: &Ctx, result: &CheckIn) -> Outcome {
    match result {
        CheckIn::Recorded { name, .. } => Outcome {
            kind: "ok",
            text: format!("{} {name}", ctx.t("checkin_recorded")),
        },
        CheckIn::Already { name, at, .. } => Outcome {
            kind: "warn",
            text: format!(
                "{} {name} ({})",
                ctx.t("checkin_already"),
                ctx.timestamp(at)
            ),
        },
        CheckIn::NotAdmitted { name, .. } => Outcome {
            kind: "bad",
            text: format!("{} {name}", ctx.t("checkin_not_admitted")),
        },
        CheckIn::Unknown => Outcome {
            kind: "bad",
            text: ctx.t("checkin_unknown").to_string(),
        },
    }
}

/// A typed ticket code, for phones without JavaScript or a camera.
pub async fn by_code(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let result = attendance::check_in(
        &state.db,
        &actor(&ctx),
        &e,
        form.session,
        &Who::Ticket(form.code),
        Method::Scan,
        None,
    )
    .await?;
    let told = outcome(&ctx, &result);
    let blank = RegistrationForm::default();
    let p = page(
        &state,
        ctx,
        province,
        id,
        Some(form.session),
        Some(told),
        blank,
        Errors::default(),
    );
    render(p.await?)
}

#[derive(Deserialize)]
pub struct WalkInForm {
    session: i64,
    #[serde(flatten)]
    person: RegistrationForm,
}

/// Registers someone at the door (even when the event is full) and checks them in.
pub async fn walk_in(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<WalkInForm>,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let who = actor(&ctx);
    let saved = match form.person.validate() {
        Ok(input) => {
            invalid_or(registration::register(&state.db, &who, &e, &input, Channel::WalkIn).await)?
        }
        Err(invalid) => Err(invalid.into()),
    };
    match saved {
        Ok(done) => {
            attendance::check_in(
                &state.db,
                &who,
                &e,
                form.session,
                &Who::Registration(done.id),
                Method::WalkIn,
                None,
            )
            .await?;
            let to = format!(
                "/p/{province}/events/{id}/checkin?session={}&done=walk_in",
                form.session
            );
            Ok(Redirect::to(&to).into_response())
        }
        Err(errors) => render_invalid(
            page(
                &state,
                ctx,
                province,
                id,
                Some(form.session),
                None,
                form.person,
                errors,
            )
            .await?,
        ),
    }
}
