//! The live workshop over JSON: join, the current state, answers and revealed results. A
//! participant is identified by the token `join` returns, sent as `Authorization: Bearer`.

use crate::AppState;
use crate::api::{parse, unreadable};
use crate::auth::api_error;
use crate::evaluation::live::cast::{self, Answer, Refusal};
use crate::evaluation::live::snapshot::{Snapshot, now_ms};
use axum::Json;
use axum::body::Bytes;
use axum::extract::ConnectInfo;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use sermphalang_domain::evaluation::RatingStats;
use sermphalang_domain::evaluation::live::JoinForm;
use sermphalang_store::evaluation::live::workshop::{self, LiveSession};
use std::net::SocketAddr;
use utoipa::{OpenApi, ToSchema};

/// This feature's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(join, current, vote, results))]
pub struct Doc;

fn refused(r: Refusal) -> Response {
    match r {
        Refusal::Invalid(i) => {
            let errors: Vec<_> =
                i.0.iter()
                    .map(|e| serde_json::json!({ "field": e.field, "th": e.th, "en": e.en }))
                    .collect();
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(serde_json::json!({ "error": {
                    "th": i.summary_th(), "en": i.summary_en(), "fields": errors } })),
            )
                .into_response()
        }
        Refusal::Closed => api_error(StatusCode::CONFLICT, "คำถามนี้ปิดแล้ว", "question closed"),
        Refusal::NotFound => api_error(StatusCode::NOT_FOUND, "ไม่พบข้อมูล", "Not found"),
        Refusal::TooMany => api_error(
            StatusCode::TOO_MANY_REQUESTS,
            "ส่งคำตอบถี่เกินไป กรุณารอสักครู่",
            "Too many answers in a short time; wait a moment",
        ),
        Refusal::Expired => api_error(
            StatusCode::GONE,
            "รหัสนี้หมดอายุแล้ว",
            "This join code has expired",
        ),
        Refusal::NotJoined => api_error(
            StatusCode::UNAUTHORIZED,
            "ยังไม่ได้เข้าร่วม หรือรหัสผู้เข้าร่วมไม่ถูกต้อง",
            "Not joined, or the participant token is not valid",
        ),
        Refusal::Busy => {
            let mut response = api_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "ระบบมีผู้ใช้งานมากในขณะนี้ กรุณาส่งใหม่ในอีกสักครู่",
                "The system is busy; send again in a moment",
            );
            response.headers_mut().insert(
                header::RETRY_AFTER,
                axum::http::HeaderValue::from(crate::error::RETRY_AFTER_SECONDS),
            );
            response
        }
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use sermphalang_store::StoreError;

    #[test]
    fn an_overloaded_database_asks_phones_to_retry() {
        let refusal = Refusal::from(StoreError::Database(sqlx::Error::PoolTimedOut));
        let response = refused(refusal);
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
    }
}

#[derive(Deserialize, ToSchema)]
pub struct JoinBody {
    display_name: String,
    /// A network code: public, private, community, education, religion or media.
    #[serde(default)]
    network: Option<String>,
    /// The participant agrees that their display name and answers are recorded.
    consent: bool,
}

#[derive(Serialize, ToSchema)]
pub struct Joined {
    /// Send as `Authorization: Bearer <token>`; it is shown only once.
    token: String,
    number: i64,
    display_name: String,
}

#[utoipa::path(post, path = "/api/v1/live/{code}/join", request_body = JoinBody,
    params(("code" = String, Path, description = "The 6-digit join code")),
    responses((status = 201, body = Joined), (status = 404), (status = 410), (status = 422)))]
pub async fn join(
    State(state): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    Path(code): Path<String>,
    body: Bytes,
) -> Response {
    let session = match cast::session(&state, &code, from.ip()).await {
        Ok(s) => s,
        Err(r) => return refused(r),
    };
    let body: JoinBody = match parse(&body) {
        Ok(b) => b,
        Err(e) => return unreadable(e),
    };
    let form = JoinForm {
        display_name: body.display_name,
        network: body.network.unwrap_or_default(),
        consent: if body.consent {
            "on".into()
        } else {
            String::new()
        },
    };
    let input = match form.validate() {
        Ok(i) => i,
        Err(e) => return refused(Refusal::Invalid(e)),
    };
    let joining = workshop::Joining {
        cycle: session.cycle_id,
        input,
    };
    match state.joins.write(joining).await {
        Ok((p, token)) => {
            state.live.changed(session.cycle_id).await;
            (
                StatusCode::CREATED,
                Json(Joined {
                    token,
                    number: p.number,
                    display_name: p.display_name,
                }),
            )
                .into_response()
        }
        Err(e) => refused(e.into()),
    }
}

#[derive(Serialize, ToSchema)]
pub struct QuestionOut {
    id: i64,
    step: String,
    activity_id: Option<i64>,
    activity: Option<String>,
    state: String,
    revealed: bool,
    answered: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ActivityOut {
    id: i64,
    title: String,
    chosen: bool,
}

#[derive(Serialize, ToSchema)]
pub struct LiveState {
    cycle: String,
    step: String,
    participants: i64,
    dots_per_person: u32,
    stacking: bool,
    questions: Vec<QuestionOut>,
    activities: Vec<ActivityOut>,
    phrases: Vec<PhraseOut>,
    /// Server time in milliseconds since the epoch at which this state was read.
    as_of: f64,
}

#[derive(Serialize, ToSchema)]
pub struct PhraseOut {
    id: i64,
    text: String,
}

async fn snapshot(state: &AppState, session: &LiveSession) -> Result<Snapshot, Refusal> {
    Snapshot::read(&state.db, &state.geo, session.cycle_id)
        .await
        .map_err(Refusal::from)
}

#[utoipa::path(get, path = "/api/v1/live/{code}",
    params(("code" = String, Path)),
    responses((status = 200, body = LiveState), (status = 404), (status = 410)))]
pub async fn current(
    State(state): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    Path(code): Path<String>,
) -> Response {
    let session = match cast::session(&state, &code, from.ip()).await {
        Ok(s) => s,
        Err(r) => return refused(r),
    };
    let snap = match snapshot(&state, &session).await {
        Ok(s) => s,
        Err(r) => return refused(r),
    };
    let questions = snap
        .current()
        .into_iter()
        .map(|q| QuestionOut {
            id: q.id,
            step: q.step.code().into(),
            activity_id: q.activity_id,
            activity: snap.activity(&q.activity_id).map(|a| a.title.clone()),
            state: q.state.code().into(),
            revealed: q.revealed,
            answered: snap.answered(q),
        })
        .collect();
    Json(LiveState {
        cycle: snap.cycle.name.clone(),
        step: snap.cycle.step.code().into(),
        participants: snap.cycle.participant_count,
        dots_per_person: snap.cycle.rules.per_person,
        stacking: snap.cycle.rules.stacking,
        questions,
        activities: snap
            .live_activities()
            .into_iter()
            .map(|a| ActivityOut {
                id: a.id,
                title: a.title.clone(),
                chosen: a.chosen,
            })
            .collect(),
        phrases: snap
            .phrases
            .iter()
            .filter(|p| !p.hidden)
            .map(|p| PhraseOut {
                id: p.id,
                text: p.text.clone(),
            })
            .collect(),
        as_of: snap.as_of,
    })
    .into_response()
}

#[derive(Serialize, ToSchema)]
pub struct Recorded {
    /// Dots the participant has left, after a dot vote.
    dots_left: Option<u32>,
    /// Server time in milliseconds since the epoch once the answer was durable.
    at: f64,
}

#[utoipa::path(post, path = "/api/v1/live/{code}/votes", request_body = Answer,
    params(("code" = String, Path),
        ("Idempotency-Key" = Option<String>, Header,
            description = "Send a retried answer with the same key: it is kept once")),
    responses((status = 200, body = Recorded), (status = 401), (status = 404), (status = 409),
        (status = 410), (status = 422), (status = 429), (status = 503)),
    security(("participant" = [])))]
pub async fn vote(
    State(state): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let session = match cast::session_for_answer(&state, &code, from.ip()).await {
        Ok(s) => s,
        Err(r) => return refused(r),
    };
    let me = match cast::member(&state, &session, bearer(&headers)).await {
        Ok(p) => p,
        Err(r) => return refused(r),
    };
    let mut answer: Answer = match parse(&body) {
        Ok(a) => a,
        Err(e) => return unreadable(e),
    };
    if answer.key.is_none() {
        answer.key = headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(|k| k.trim_matches('"').to_string());
    }
    match cast::answer(&state, &session, &me, &answer).await {
        Ok(dots_left) => Json(Recorded {
            dots_left,
            at: now_ms(),
        })
        .into_response(),
        Err(r) => refused(r),
    }
}

#[derive(Serialize, ToSchema)]
pub struct ResultOut {
    question: i64,
    activity_id: Option<i64>,
    answered: i64,
    /// Only for revealed rating questions.
    #[schema(value_type = Option<Object>)]
    stats: Option<RatingStats>,
}

#[utoipa::path(get, path = "/api/v1/live/{code}/results",
    params(("code" = String, Path)),
    responses((status = 200, body = [ResultOut]), (status = 404), (status = 410)))]
pub async fn results(
    State(state): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    Path(code): Path<String>,
) -> Response {
    let session = match cast::session(&state, &code, from.ip()).await {
        Ok(s) => s,
        Err(r) => return refused(r),
    };
    let snap = match snapshot(&state, &session).await {
        Ok(s) => s,
        Err(r) => return refused(r),
    };
    let out: Vec<ResultOut> = snap
        .current()
        .into_iter()
        .map(|q| ResultOut {
            question: q.id,
            activity_id: q.activity_id,
            answered: snap.answered(q),
            stats: q
                .activity_id
                .filter(|_| q.revealed)
                .and_then(|a| snap.stats_of(&a).cloned()),
        })
        .collect();
    Json(out).into_response()
}
