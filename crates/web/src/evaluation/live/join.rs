//! The participant's phone: a join code, a name and consent, then the current step's
//! questions as plain forms. JavaScript only reloads the page when the room moves on.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::evaluation::live::cast::{self, Answer, Refusal};
use crate::evaluation::live::snapshot::Snapshot;
use crate::pages::{Errors, render, render_invalid};
use askama::Template;
use axum::extract::ConnectInfo;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::evaluation::Step;
use sermphalang_domain::evaluation::live::{JoinForm, QuestionState};
use sermphalang_domain::registry::Sector;
use sermphalang_store::evaluation::live::votes::{self, MyAnswers};
use sermphalang_store::evaluation::live::workshop::{self, LiveSession, Participant, Question};
use std::net::SocketAddr;
use std::sync::Arc;

pub const PARTICIPANT_COOKIE: &str = "sp_live";

#[derive(Template)]
#[template(path = "evaluation/live/join_code.html")]
struct CodePage {
    ctx: Ctx,
    prov: Option<i64>,
    code: String,
    problem: Option<&'static str>,
}

#[derive(Deserialize, Default)]
pub struct CodeQuery {
    #[serde(default)]
    code: String,
}

/// Where a join code is typed; a code in the query goes straight to its room.
pub async fn enter(ctx: Ctx, Query(q): Query<CodeQuery>) -> Result<Response, AppError> {
    let code: String = sermphalang_thai::to_arabic_digits(q.code.trim())
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    if !code.is_empty() {
        return Ok(Redirect::to(&format!("/j/{code}")).into_response());
    }
    render(CodePage {
        ctx,
        prov: None,
        code,
        problem: None,
    })
}

fn code_problem(ctx: Ctx, code: &str, refusal: Refusal) -> Result<Response, AppError> {
    let (problem, status) = match refusal {
        Refusal::Expired => ("code_expired", StatusCode::NOT_FOUND),
        Refusal::TooMany => ("code_too_many", StatusCode::TOO_MANY_REQUESTS),
        Refusal::Busy => return Err(AppError::Busy("join code lookup".into())),
        _ => ("code_unknown", StatusCode::NOT_FOUND),
    };
    let page = CodePage {
        ctx,
        prov: None,
        code: code.to_string(),
        problem: Some(problem),
    };
    Ok((status, Html(page.render()?)).into_response())
}

#[derive(Template)]
#[template(path = "evaluation/live/join.html")]
struct JoinPage {
    ctx: Ctx,
    prov: Option<i64>,
    code: String,
    cycle_name: String,
    form: JoinForm,
    errors: Errors,
    sectors: &'static [Sector],
}

#[derive(Template)]
#[template(path = "evaluation/live/room.html")]
pub struct RoomPage {
    ctx: Ctx,
    prov: Option<i64>,
    code: String,
    me: Participant,
    snap: Arc<Snapshot>,
    mine: MyAnswers,
    errors: Errors,
    /// Sent with each answer form: a form submitted twice (a double tap, a retry after a
    /// lost reply) is kept once.
    key: String,
    /// The question just answered, to confirm it where it is on the page.
    saved: Option<i64>,
}

impl RoomPage {
    fn just_saved(&self, q: &i64) -> bool {
        self.saved == Some(*q)
    }

    fn open(&self, q: &Question) -> bool {
        q.state == QuestionState::Open
    }

    fn my_rating(&self, activity: &i64) -> String {
        match self.mine.ratings.get(activity) {
            Some(Some(v)) => v.to_string(),
            Some(None) => "abstain".into(),
            None => String::new(),
        }
    }

    fn my_dots(&self, activity: &i64) -> u32 {
        self.mine.dots.get(activity).copied().unwrap_or(0)
    }

    fn dots_left(&self) -> u32 {
        self.snap
            .cycle
            .rules
            .per_person
            .saturating_sub(self.mine.dots.values().sum())
    }

    fn can_add(&self, activity: &i64) -> bool {
        self.dots_left() > 0 && (self.snap.cycle.rules.stacking || self.my_dots(activity) == 0)
    }

    fn liked(&self, phrase: &i64) -> bool {
        self.mine.liked.contains(phrase)
    }

    fn bars(
        &self,
        s: &sermphalang_domain::evaluation::RatingStats,
    ) -> Vec<crate::evaluation::view::Bar> {
        crate::evaluation::view::bars(s)
    }
}

async fn room(
    state: &AppState,
    ctx: Ctx,
    session: &LiveSession,
    me: Participant,
    errors: Errors,
    saved: Option<i64>,
) -> Result<RoomPage, AppError> {
    // A wave of phones reloading when the room moves on shares the room's snapshot; a phone
    // that has just answered reads its own, so its answer shows at once.
    let snap = match state
        .live
        .latest(session.cycle_id)
        .filter(|_| saved.is_none())
    {
        Some(s) => s,
        None => Arc::new(Snapshot::read(&state.db, &state.geo, session.cycle_id).await?),
    };
    Ok(RoomPage {
        snap,
        key: format!("{:016x}", rand::random::<u64>()),
        mine: votes::my_answers(&state.db, me.id).await?,
        prov: None,
        code: session.join_code.clone(),
        me,
        errors,
        saved,
        ctx,
    })
}

#[derive(Deserialize, Default)]
pub struct RoomQuery {
    #[serde(default)]
    saved: String,
}

pub async fn show(
    State(state): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    ctx: Ctx,
    jar: CookieJar,
    Path(code): Path<String>,
    Query(q): Query<RoomQuery>,
) -> Result<Response, AppError> {
    let session = match cast::session(&state, &code, from.ip()).await {
        Ok(s) => s,
        Err(r) => return code_problem(ctx, &code, r),
    };
    let token = jar.get(PARTICIPANT_COOKIE).map(|c| c.value().to_string());
    match cast::member(&state, &session, token.as_deref()).await {
        Ok(me) => render(
            room(
                &state,
                ctx,
                &session,
                me,
                Errors::default(),
                q.saved.parse().ok(),
            )
            .await?,
        ),
        Err(_) => {
            let c =
                sermphalang_store::evaluation::cycle::find_any(&state.db, session.cycle_id).await?;
            render(JoinPage {
                ctx,
                prov: None,
                code: session.join_code,
                cycle_name: c.name,
                form: JoinForm::default(),
                errors: Errors::default(),
                sectors: Sector::ALL,
            })
        }
    }
}

pub async fn join(
    State(state): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(form): Form<JoinForm>,
) -> Result<Response, AppError> {
    let session = match cast::session(&state, &code, from.ip()).await {
        Ok(s) => s,
        Err(r) => return code_problem(ctx, &code, r),
    };
    match form.validate() {
        Ok(input) => {
            let joining = workshop::Joining {
                cycle: session.cycle_id,
                input,
            };
            let (_, token) = state.joins.write(joining).await?;
            state.live.changed(session.cycle_id).await;
            let cookie =
                crate::security::cookie(PARTICIPANT_COOKIE, token, state.secure_cookies, true);
            let mut response = Redirect::to(&format!("/j/{}", session.join_code)).into_response();
            if let Ok(v) = cookie.to_string().parse() {
                response.headers_mut().append(SET_COOKIE, v);
            }
            Ok(response)
        }
        Err(e) => {
            let c =
                sermphalang_store::evaluation::cycle::find_any(&state.db, session.cycle_id).await?;
            render_invalid(JoinPage {
                ctx,
                prov: None,
                code: session.join_code,
                cycle_name: c.name,
                form,
                errors: e.into(),
                sectors: Sector::ALL,
            })
        }
    }
}

/// An answer posted from the phone's page; the page comes back with a note or the problem.
pub async fn answer(
    State(state): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    ctx: Ctx,
    jar: CookieJar,
    Path(code): Path<String>,
    Form(a): Form<Answer>,
) -> Result<Response, AppError> {
    let session = match cast::session_for_answer(&state, &code, from.ip()).await {
        Ok(s) => s,
        Err(r) => return code_problem(ctx, &code, r),
    };
    let token = jar.get(PARTICIPANT_COOKIE).map(|c| c.value().to_string());
    let Ok(me) = cast::member(&state, &session, token.as_deref()).await else {
        return Ok(Redirect::to(&format!("/j/{}", session.join_code)).into_response());
    };
    match cast::answer(&state, &session, &me, &a).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/j/{}?saved={}#q{}",
            session.join_code, a.question, a.question
        ))
        .into_response()),
        Err(Refusal::Invalid(i)) => {
            render_invalid(room(&state, ctx, &session, me, i.into(), Some(a.question)).await?)
        }
        Err(Refusal::Closed) => Err(AppError::Closed),
        Err(Refusal::TooMany) => Err(AppError::TooMany),
        Err(Refusal::Busy) => Err(AppError::Busy("answer".into())),
        Err(_) => Err(AppError::NotFound),
    }
}

/// A phone's stream: only a short key that changes when the room moves on. Phones watch the
/// key alone, so a room's thousands of phones wake only when it changes, not on every vote.
pub async fn events(
    State(state): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let session = cast::session(&state, &code, from.ip())
        .await
        .map_err(|r| match r {
            Refusal::TooMany => AppError::TooMany,
            _ => AppError::NotFound,
        })?;
    let keys = state.live.subscribe_phone(session.cycle_id)?;
    Ok(super::console::events_of(keys, |k: &Arc<str>| k.to_string()).into_response())
}
