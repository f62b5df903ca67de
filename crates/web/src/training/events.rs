//! The secretariat's pages: events, their registrations and the evaluation summary.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, invalid_or, public_base, render, render_invalid};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::training::AttendanceRule;
use sermphalang_domain::training::event::{EventForm, EventKind};
use sermphalang_domain::training::registration::RegistrationStatus;
use sermphalang_store::registry::org;
use sermphalang_store::training::certificate::{self, Standing};
use sermphalang_store::training::event::{self, Event, Organizer, Session};
use sermphalang_store::training::feedback::{self, Summary};
use sermphalang_store::training::registration::{self, Registration};

#[derive(Template)]
#[template(path = "training/events.html")]
struct ListPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    events: Vec<Event>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
) -> Result<Response, AppError> {
    let events = event::list(&state.db, province).await?;
    render(ListPage {
        ctx,
        prov: Some(province),
        province,
        events,
    })
}

/// Empty rows at the end of the session table for new sessions.
const BLANK_SESSION_ROWS: usize = 3;

#[derive(Template)]
#[template(path = "training/event_form.html")]
struct FormPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    id: Option<i64>,
    form: EventForm,
    errors: Errors,
    kinds: &'static [EventKind],
    organizations: Vec<(i64, String)>,
    /// The province's evaluation cycles: id and "name (fiscal year)".
    cycles: Vec<(i64, String)>,
    rows: Vec<usize>,
}

impl FormPage {
    fn is_organizer(&self, org: &i64) -> bool {
        self.form.organizers.contains(&org.to_string())
    }

    /// The organizations, those already chosen first, each group in Thai order.
    fn organizations_chosen_first(&self) -> Vec<&(i64, String)> {
        let (mut chosen, rest): (Vec<_>, Vec<_>) = self
            .organizations
            .iter()
            .partition(|(id, _)| self.is_organizer(id));
        chosen.extend(rest);
        chosen
    }

    fn cell<'a>(&self, list: &'a [String], row: &usize) -> &'a str {
        list.get(*row).map(String::as_str).unwrap_or("")
    }
}

async fn form_page(
    state: &AppState,
    ctx: Ctx,
    province: i64,
    id: Option<i64>,
    form: EventForm,
    errors: Errors,
) -> Result<FormPage, AppError> {
    let filled = form
        .session_date
        .iter()
        .rposition(|d| !d.trim().is_empty())
        .map_or(0, |last| last + 1);
    Ok(FormPage {
        ctx,
        prov: Some(province),
        province,
        id,
        rows: (0..filled + BLANK_SESSION_ROWS).collect(),
        form,
        errors,
        kinds: EventKind::ALL,
        organizations: org::options(&state.db, province).await?,
        cycles: sermphalang_store::evaluation::cycle::list(&state.db, province)
            .await?
            .into_iter()
            .map(|c| (c.id, format!("{} ({})", c.name, c.fiscal_year)))
            .collect(),
    })
}

pub async fn new(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
) -> Result<Response, AppError> {
    let form = EventForm {
        kind: EventKind::Training.code().into(),
        rule: "percent".into(),
        rule_value: "80".into(),
        evaluation_required: "on".into(),
        published: "on".into(),
        ..EventForm::default()
    };
    render(form_page(&state, ctx, province, None, form, Errors::default()).await?)
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Form(form): Form<EventForm>,
) -> Result<Response, AppError> {
    let saved = match form.validate() {
        Ok(input) => invalid_or(event::create(&state.db, &actor(&ctx), province, &input).await)?,
        Err(e) => Err(e.into()),
    };
    match saved {
        Ok(id) => Ok(Redirect::to(&format!("/p/{province}/events/{id}")).into_response()),
        Err(errors) => render_invalid(form_page(&state, ctx, province, None, form, errors).await?),
    }
}

fn on(flag: bool) -> String {
    if flag { "on".into() } else { String::new() }
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let sessions = event::sessions(&state.db, id).await?;
    let organizers = event::organizers(&state.db, id).await?;
    let (rule, rule_value) = match e.completion.attendance {
        AttendanceRule::Sessions(n) => ("sessions", n.to_string()),
        AttendanceRule::Percent(p) => ("percent", p.to_string()),
    };
    let form = EventForm {
        title: e.title.clone(),
        kind: e.kind.code().into(),
        description: e.description.clone(),
        venue: e.venue.clone(),
        organizers: organizers.iter().map(|o| o.id.to_string()).collect(),
        cycle: e.cycle_id.map(|c| c.to_string()).unwrap_or_default(),
        capacity: e.capacity.map(|c| c.to_string()).unwrap_or_default(),
        opens_on: e
            .opens_on
            .map(sermphalang_thai::format_input)
            .unwrap_or_default(),
        closes_on: e
            .closes_on
            .map(sermphalang_thai::format_input)
            .unwrap_or_default(),
        approval: on(e.approval_required),
        published: on(e.published),
        session_date: sessions
            .iter()
            .map(|s| sermphalang_thai::format_input(s.held_on))
            .collect(),
        session_start: sessions
            .iter()
            .map(|s| s.starts.format("%H:%M").to_string())
            .collect(),
        session_end: sessions
            .iter()
            .map(|s| s.ends.format("%H:%M").to_string())
            .collect(),
        session_title: sessions.iter().map(|s| s.title.clone()).collect(),
        rule: rule.into(),
        rule_value,
        evaluation_required: on(e.completion.evaluation_required),
        certificate_date: e
            .certificate_date
            .map(sermphalang_thai::format_input)
            .unwrap_or_default(),
    };
    render(form_page(&state, ctx, province, Some(id), form, Errors::default()).await?)
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<EventForm>,
) -> Result<Response, AppError> {
    event::find(&state.db, province, id).await?;
    let saved = match form.validate() {
        Ok(input) => {
            invalid_or(event::update(&state.db, &actor(&ctx), province, id, &input).await)?
        }
        Err(e) => Err(e.into()),
    };
    match saved {
        Ok(()) => Ok(Redirect::to(&format!("/p/{province}/events/{id}")).into_response()),
        Err(errors) => {
            render_invalid(form_page(&state, ctx, province, Some(id), form, errors).await?)
        }
    }
}

/// One line of the registration table.
pub struct Row {
    pub registration: Registration,
    pub standing: Option<Standing>,
    pub certificate: Option<String>,
}

#[derive(Template)]
#[template(path = "training/event.html")]
struct ShowPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    event: Event,
    sessions: Vec<Session>,
    organizers: Vec<Organizer>,
    /// The evaluation cycle whose workshop this is: id and name.
    cycle: Option<(i64, String)>,
    rows: Vec<Row>,
    completed: usize,
    summary: Summary,
    public_url: String,
    public_qr: String,
    /// The event is over: registrations and the event itself can no longer be cancelled.
    finished: bool,
}

impl ShowPage {
    fn attendance_rule(&self) -> String {
        let en = self.ctx.is_en();
        let rule = match self.event.completion.attendance {
            AttendanceRule::Sessions(n) if en => format!("at least {n} sessions"),
            AttendanceRule::Sessions(n) => format!("เข้าร่วมอย่างน้อย {n} ช่วง"),
            AttendanceRule::Percent(p) if en => format!("at least {p}% of the sessions"),
            AttendanceRule::Percent(p) => format!("เข้าร่วมอย่างน้อยร้อยละ {p} ของช่วงทั้งหมด"),
        };
        match (self.event.completion.evaluation_required, en) {
            (true, true) => format!("{rule}, and the post-training evaluation"),
            (true, false) => format!("{rule} และส่งแบบประเมินหลังการอบรม"),
            (false, _) => rule,
        }
    }

    fn share(&self, histogram: &[i64; 5], score: &usize) -> i64 {
        let total: i64 = histogram.iter().sum();
        (histogram[*score] * 100).checked_div(total).unwrap_or(0)
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let standings = certificate::standings(&state.db, &e).await?;
    let certificates = certificate::list(&state.db, id).await?;
    let rows: Vec<Row> = registration::list(&state.db, id)
        .await?
        .into_iter()
        .map(|r| Row {
            standing: standings
                .iter()
                .find(|s| s.registration_id == r.id)
                .cloned(),
            certificate: certificates
                .iter()
                .find(|c| c.registration_id == r.id)
                .map(|c| c.code.clone()),
            registration: r,
        })
        .collect();
    let public_url = format!("{}/events/{id}", public_base(&state, &headers));
    render(ShowPage {
        prov: Some(province),
        province,
        sessions: event::sessions(&state.db, id).await?,
        organizers: event::organizers(&state.db, id).await?,
        cycle: match e.cycle_id {
            Some(c) => sermphalang_store::evaluation::cycle::find(&state.db, province, c)
                .await
                .ok()
                .map(|c| (c.id, c.name)),
            None => None,
        },
        completed: standings.iter().filter(|s| s.completed()).count(),
        rows,
        summary: feedback::summary(&state.db, id).await?,
        public_qr: super::qr_svg(&public_url, 160),
        public_url,
        finished: e.is_finished(sermphalang_thai::today_in_thailand()),
        event: e,
        ctx,
    })
}

#[derive(Deserialize)]
pub struct DecideForm {
    /// "approve", "reject" or "cancel".
    action: String,
}

pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id, reg)): Path<(i64, i64, i64)>,
    Form(form): Form<DecideForm>,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let r = registration::find(&state.db, id, reg).await?;
    let who = actor(&ctx);
    let done = match form.action.as_str() {
        "approve" => registration::decide(&state.db, &who, &e, &r, true).await,
        "reject" => registration::decide(&state.db, &who, &e, &r, false).await,
        "cancel" if e.is_finished(sermphalang_thai::today_in_thailand()) => Ok(None),
        "cancel" => registration::cancel(&state.db, &who, &e, &r).await,
        _ => return Err(AppError::BadRequest("unknown action".into())),
    };
    match done {
        Ok(_) => {
            Ok(Redirect::to(&format!("/p/{province}/events/{id}#registrations")).into_response())
        }
        Err(sermphalang_store::StoreError::Invalid(_)) => {
            Ok(Redirect::to(&format!("/p/{province}/events/{id}#registrations")).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

impl Row {
    pub fn holds_place(&self) -> bool {
        self.registration.status.holds_place()
    }

    pub fn pending(&self) -> bool {
        self.registration.status == RegistrationStatus::Pending
    }
}

#[derive(Deserialize)]
pub struct CancelForm {
    /// "cancel" or "restore".
    action: String,
}

/// Cancels the event or takes the cancellation back; registrations and records are kept.
pub async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<CancelForm>,
) -> Result<Response, AppError> {
    let e = event::find(&state.db, province, id).await?;
    let cancelled = match form.action.as_str() {
        // A finished event is a record of what happened; it is not cancelled afterwards.
        "cancel" if e.is_finished(sermphalang_thai::today_in_thailand()) => {
            return Ok(Redirect::to(&format!("/p/{province}/events/{id}")).into_response());
        }
        "cancel" => true,
        "restore" => false,
        _ => return Err(AppError::BadRequest("unknown action".into())),
    };
    event::set_cancelled(&state.db, &actor(&ctx), province, id, cancelled).await?;
    Ok(Redirect::to(&format!("/p/{province}/events/{id}")).into_response())
}
