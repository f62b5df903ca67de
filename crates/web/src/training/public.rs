//! What the public sees: the event page with its registration form, and the personal ticket
//! page (QR ticket, cancellation, the post-training evaluation).

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, invalid_or, render, render_invalid};
use askama::Template;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use sermphalang_domain::registry::Sector;
use sermphalang_domain::training::codes;
use sermphalang_domain::training::event::registration_open;
use sermphalang_domain::training::registration::{
    FeedbackForm, RegistrationForm, RegistrationStatus,
};
use sermphalang_store::audit::Actor;
use sermphalang_store::training::certificate::{self, Certificate};
use sermphalang_store::training::event::{self, Event, Organizer, Session};
use sermphalang_store::training::feedback;
use sermphalang_store::training::registration::{self, Channel, Registration};
use std::net::SocketAddr;

fn today() -> chrono::NaiveDate {
    sermphalang_thai::today_in_thailand()
}

#[derive(Template)]
#[template(path = "training/event_public.html")]
struct EventPage {
    ctx: Ctx,
    prov: Option<i64>,
    event: Event,
    sessions: Vec<Session>,
    organizers: Vec<Organizer>,
    /// Why registration is closed, when it is.
    closed: Option<String>,
    form: RegistrationForm,
    errors: Errors,
    sectors: &'static [Sector],
}

impl EventPage {
    fn places_left(&self) -> Option<i64> {
        self.event
            .capacity
            .map(|c| (i64::from(c) - self.event.held).max(0))
    }
}

async fn event_page(
    state: &AppState,
    ctx: Ctx,
    event: Event,
    form: RegistrationForm,
    errors: Errors,
) -> Result<EventPage, AppError> {
    let closed = if event.cancelled_at.is_some() {
        Some(ctx.t("event_cancelled").to_string())
    } else {
        registration_open(event.opens_on, event.closes_on, event.ends_on, today())
            .err()
            .map(|e| if ctx.is_en() { e.en } else { e.th })
    };
    Ok(EventPage {
        prov: None,
        sessions: event::sessions(&state.db, event.id).await?,
        organizers: event::organizers(&state.db, event.id).await?,
        closed,
        form,
        errors,
        sectors: Sector::ALL,
        event,
        ctx,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    crate::shared_pages::shared(&state, ctx, &headers, |ctx| async {
        let e = event::find_published(&state.db, id).await?;
        let form = RegistrationForm::default();
        render(event_page(&state, ctx, e, form, Errors::default()).await?)
    })
    .await
}

pub async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Path(id): Path<i64>,
    Form(form): Form<RegistrationForm>,
) -> Result<Response, AppError> {
    if !state.lookups.allow(addr.ip()) {
        return Err(AppError::TooMany);
    }
    let e = event::find_published(&state.db, id).await?;
    let saved = match (
        registration_open(e.opens_on, e.closes_on, e.ends_on, today()),
        form.validate(),
    ) {
        (Err(closed), _) => Err(Errors(vec![closed])),
        (_, Err(invalid)) => Err(invalid.into()),
        (Ok(()), Ok(input)) => {
            let who = Actor {
                user_id: None,
                email: "public".into(),
            };
            invalid_or(registration::register(&state.db, &who, &e, &input, Channel::Online).await)?
        }
    };
    match saved {
        Ok(done) => Ok(Redirect::to(&format!("/t/{}", done.ticket)).into_response()),
        Err(errors) => render_invalid(event_page(&state, ctx, e, form, errors).await?),
    }
}

#[derive(Template)]
#[template(path = "training/ticket.html")]
struct TicketPage {
    ctx: Ctx,
    prov: Option<i64>,
    registration: Registration,
    event: Event,
    sessions: Vec<Session>,
    code: String,
    qr: String,
    position: Option<i64>,
    feedback_open: bool,
    feedback: FeedbackForm,
    submitted: bool,
    errors: Errors,
    certificate: Option<Certificate>,
}

impl TicketPage {
    fn picked(&self, answer: &str, value: &i32) -> bool {
        answer == value.to_string()
    }
}

async fn ticket_page(
    state: &AppState,
    ctx: Ctx,
    ticket: &str,
    feedback_form: Option<FeedbackForm>,
    errors: Errors,
) -> Result<TicketPage, AppError> {
    let r = registration::by_ticket(&state.db, ticket).await?;
    let e = event::find_any(&state.db, r.event_id).await?;
    let stored = feedback::find(&state.db, r.id).await?;
    let submitted = stored.is_some();
    let feedback = feedback_form.unwrap_or_else(|| match stored {
        Some(f) => FeedbackForm {
            satisfaction: f.satisfaction.to_string(),
            usefulness: f.usefulness.to_string(),
            comments: f.comments,
        },
        None => FeedbackForm::default(),
    });
    let position = if r.status == RegistrationStatus::Waitlisted {
        let ahead = registration::list(&state.db, e.id)
            .await?
            .iter()
            .filter(|o| o.status == RegistrationStatus::Waitlisted && o.number < r.number)
            .count();
        Some(ahead as i64 + 1)
    } else {
        None
    };
    let certificate = certificate::for_registration(&state.db, r.id)
        .await?
        .filter(Certificate::is_valid);
    Ok(TicketPage {
        prov: None,
        code: codes::display(&r.ticket),
        qr: super::qr_svg(&r.ticket, 220),
        feedback_open: r.status.holds_place() && today() >= e.starts_on,
        sessions: event::sessions(&state.db, e.id).await?,
        position,
        feedback,
        submitted,
        errors,
        certificate,
        registration: r,
        event: e,
        ctx,
    })
}

pub async fn ticket(
    State(state): State<AppState>,
    ctx: Ctx,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Path(ticket): Path<String>,
) -> Result<Response, AppError> {
    if !state.lookups.allow(addr.ip()) {
        return Err(AppError::TooMany);
    }
    render(ticket_page(&state, ctx, &ticket, None, Errors::default()).await?)
}

pub async fn cancel(
    State(state): State<AppState>,
    Path(ticket): Path<String>,
) -> Result<Response, AppError> {
    let r = registration::by_ticket(&state.db, &ticket).await?;
    let e = event::find_any(&state.db, r.event_id).await?;
    let who = Actor {
        user_id: None,
        email: "ticket holder".into(),
    };
    registration::cancel(&state.db, &who, &e, &r).await?;
    Ok(Redirect::to(&format!("/t/{}", r.ticket)).into_response())
}

pub async fn submit_feedback(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(ticket): Path<String>,
    Form(form): Form<FeedbackForm>,
) -> Result<Response, AppError> {
    let r = registration::by_ticket(&state.db, &ticket).await?;
    let e = event::find_any(&state.db, r.event_id).await?;
    if !r.status.holds_place() || today() < e.starts_on {
        return Err(AppError::NotFound);
    }
    match form.validate() {
        Ok(input) => {
            feedback::submit(&state.db, r.id, &input).await?;
            Ok(Redirect::to(&format!("/t/{}#feedback", r.ticket)).into_response())
        }
        Err(invalid) => {
            render_invalid(ticket_page(&state, ctx, &ticket, Some(form), invalid.into()).await?)
        }
    }
}

/// The participant's own certificate, as issued.
pub async fn certificate_pdf(
    State(state): State<AppState>,
    Path(ticket): Path<String>,
) -> Result<Response, AppError> {
    let r = registration::by_ticket(&state.db, &ticket).await?;
    let c = certificate::for_registration(&state.db, r.id)
        .await?
        .filter(Certificate::is_valid)
        .ok_or(AppError::NotFound)?;
    let pdf = certificate::pdf(&state.db, c.id).await?;
    Ok(crate::pages::download(
        pdf,
        "application/pdf",
        &format!("certificate-{}.pdf", c.number),
    ))
}
