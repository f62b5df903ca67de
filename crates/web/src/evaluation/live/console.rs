//! The facilitator's live console, the projector page, and their live streams.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::evaluation::live::snapshot::Snapshot;
use crate::evaluation::runnable;
use crate::pages::{actor, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use futures_util::Stream;
use serde::Deserialize;
use sermphalang_domain::evaluation::Step;
use sermphalang_store::evaluation::cycle;
use sermphalang_store::evaluation::live::workshop::{self, Control};
use std::convert::Infallible;
use std::sync::Arc;

/// The live part of the room's screens, also sent over the stream as it changes.
#[derive(Template)]
#[template(path = "evaluation/live/_board.html")]
pub struct Board<'a> {
    pub ctx: &'a Ctx,
    pub snap: &'a Snapshot,
    /// The facilitator sees results before they are revealed.
    pub facilitator: bool,
}

impl Board<'_> {
    fn shows(&self, q: &workshop::Question) -> bool {
        self.facilitator || q.revealed
    }

    fn bars(
        &self,
        s: &sermphalang_domain::evaluation::RatingStats,
    ) -> Vec<crate::evaluation::view::Bar> {
        crate::evaluation::view::bars(s)
    }

    fn dots_ranked(&self) -> Vec<&sermphalang_store::evaluation::Activity> {
        let mut list = self.snap.live_activities();
        list.sort_by(|a, b| b.dots.cmp(&a.dots).then(a.position.cmp(&b.position)));
        list
    }

    fn dot_width(&self, dots: &i64) -> f64 {
        let top = self
            .snap
            .activities
            .iter()
            .map(|a| a.dots)
            .max()
            .unwrap_or(1)
            .max(1);
        380.0 * *dots as f64 / top as f64
    }
}

pub fn board_html(ctx: &Ctx, snap: &Snapshot, facilitator: bool) -> String {
    Board {
        ctx,
        snap,
        facilitator,
    }
    .render()
    .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "evaluation/live/console.html")]
struct ConsolePage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    steps: &'static [Step],
    board: String,
    snap: Snapshot,
    join_url: String,
    participants: Vec<workshop::Participant>,
}

impl ConsolePage {
    /// How many joined from each network, for an anonymous room.
    fn by_network(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for p in &self.participants {
            let label = match p.network {
                Some(n) => self.ctx.sector(n).to_string(),
                None => self.ctx.t("not_in_network").to_string(),
            };
            match counts.iter_mut().find(|(l, _)| *l == label) {
                Some((_, n)) => *n += 1,
                None => counts.push((label, 1)),
            }
        }
        counts
    }
}

/// The address phones open, as the projector shows it.
fn join_url(state: &AppState, headers: &HeaderMap, snap: &Snapshot) -> String {
    match snap.session.as_ref().map(|s| &s.join_code) {
        Some(code) => format!("{}/j/{code}", crate::pages::public_base(state, headers)),
        None => String::new(),
    }
}

pub async fn console(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let c = runnable(&state, &ctx, province, id).await?;
    workshop::ensure_questions(&state.db, id, c.step).await?;
    let snap = Snapshot::read(&state.db, &state.geo, id).await?;
    let join_url = join_url(&state, &headers, &snap);
    let participants = workshop::participants(&state.db, id).await?;
    render(ConsolePage {
        participants,
        board: board_html(&ctx, &snap, true),
        prov: Some(province),
        province,
        steps: Step::ALL,
        snap,
        join_url,
        ctx,
    })
}

#[derive(Template)]
#[template(path = "evaluation/live/projector.html")]
struct ProjectorPage {
    ctx: Ctx,
    province: i64,
    board: String,
    snap: Snapshot,
    join_url: String,
    qr: String,
}

pub async fn projector(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    cycle::find(&state.db, province, id).await?;
    let snap = Snapshot::read(&state.db, &state.geo, id).await?;
    let join_url = join_url(&state, &headers, &snap);
    let qr = if join_url.is_empty() {
        String::new()
    } else {
        qrcode::QrCode::new(join_url.as_bytes())
            .map(|q| {
                q.render::<qrcode::render::svg::Color>()
                    .min_dimensions(240, 240)
                    .quiet_zone(true)
                    .build()
            })
            .unwrap_or_default()
    };
    render(ProjectorPage {
        board: board_html(&ctx, &snap, false),
        province,
        snap,
        join_url,
        qr,
        ctx,
    })
}

pub async fn start(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let c = runnable(&state, &ctx, province, id).await?;
    workshop::start(&state.db, &actor(&ctx), province, id).await?;
    workshop::ensure_questions(&state.db, id, c.step).await?;
    state.recent.forget_sessions();
    state.live.changed(id).await;
    Ok(Redirect::to(&format!("/p/{province}/cycles/{id}/console")).into_response())
}

pub async fn end(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    runnable(&state, &ctx, province, id).await?;
    workshop::end(&state.db, &actor(&ctx), province, id).await?;
    state.recent.forget_sessions();
    state.live.changed(id).await;
    Ok(Redirect::to(&format!("/p/{province}/cycles/{id}/console")).into_response())
}

#[derive(Deserialize)]
pub struct ControlForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    question: String,
    #[serde(default)]
    step: String,
}

pub async fn control(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Form(form): Form<ControlForm>,
) -> Result<Response, AppError> {
    let c = runnable(&state, &ctx, province, id).await?;
    let back = Redirect::to(&format!("/p/{province}/cycles/{id}/console")).into_response();
    if form.action == "step" {
        let step = Step::parse(&form.step).ok_or(AppError::BadRequest("step".into()))?;
        cycle::set_step(&state.db, &actor(&ctx), province, id, step).await?;
        workshop::ensure_questions(&state.db, id, step).await?;
    } else {
        let action = Control::parse(&form.action).ok_or(AppError::BadRequest("action".into()))?;
        let question = form.question.parse::<i64>().ok();
        workshop::control(
            &state.db,
            &actor(&ctx),
            province,
            id,
            c.step,
            question,
            action,
        )
        .await?;
    }
    state.live.changed(id).await;
    Ok(back)
}

type EventStream = std::pin::Pin<Box<dyn Stream<Item = Result<Event, Infallible>> + Send>>;
pub type Events = Sse<axum::response::sse::KeepAliveStream<EventStream>>;

/// Snapshots as events: the current one at once (a reconnecting page catches up), then each
/// new one, skipping those that would send the same data again.
pub async fn stream(
    state: &AppState,
    cycle: i64,
    render: impl Fn(&Snapshot) -> String + Send + Sync + 'static,
) -> Result<Events, AppError> {
    let rx = state.live.subscribe(cycle)?;
    Ok(events_of(rx, move |s: &Arc<Snapshot>| render(s)))
}

/// A watched value as server-sent events: the current one at once, then each change whose
/// rendering differs from the last sent.
pub fn events_of<T: Send + Sync + 'static>(
    rx: tokio::sync::watch::Receiver<Option<T>>,
    render: impl Fn(&T) -> String + Send + Sync + 'static,
) -> Events
where
    Option<T>: Clone,
{
    let render = Arc::new(render);
    let events =
        futures_util::stream::unfold((rx, String::new(), true), move |(mut rx, last, first)| {
            let render = render.clone();
            async move {
                let mut first = first;
                loop {
                    if !first && rx.changed().await.is_err() {
                        return None;
                    }
                    first = false;
                    let current: Option<T> = rx.borrow_and_update().clone();
                    let Some(current) = current else { continue };
                    let data = render(&current);
                    if data != last {
                        let event = Event::default()
                            .data(data.clone())
                            .retry(std::time::Duration::from_secs(2));
                        return Some((Ok(event), (rx, data, false)));
                    }
                }
            }
        });
    let events: EventStream = Box::pin(events);
    Sse::new(events).keep_alive(KeepAlive::default())
}

fn board_event(ctx: &Ctx, snap: &Snapshot, facilitator: bool) -> String {
    serde_json::json!({
        "as_of": snap.as_of,
        "open": snap.any_open(),
        "html": board_html(ctx, snap, facilitator),
    })
    .to_string()
}

pub async fn projector_events(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Events, AppError> {
    cycle::find(&state.db, province, id).await?;
    stream(&state, id, move |s| board_event(&ctx, s, false)).await
}

pub async fn console_events(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Events, AppError> {
    runnable(&state, &ctx, province, id).await?;
    stream(&state, id, move |s| board_event(&ctx, s, true)).await
}
