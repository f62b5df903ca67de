//! The door's JSON API: the roster a phone keeps for working offline, check-ins sent one by
//! one or in a batch after being offline, and QR decoding of camera frames for browsers without
//! a barcode detector. Signed-in staff only; the session cookie authenticates.

use crate::AppState;
use crate::api::{parse, unreadable};
use crate::auth::api_error;
use crate::ctx::Ctx;
use crate::pages::actor;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use sermphalang_store::StoreError;
use sermphalang_store::training::attendance::{self, CheckIn, Method, RosterEntry, Who};
use sermphalang_store::training::event::{self, Event};
use utoipa::{OpenApi, ToSchema};

/// This feature's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(roster, check_in, decode))]
pub struct Doc;

/// How many check-ins one request may carry (a long offline spell at a big event).
const MAX_BATCH: usize = 1000;
/// Camera frames larger than this are refused before decoding.
const MAX_FRAME_BYTES: usize = 3 * 1024 * 1024;

fn failed(e: StoreError) -> Response {
    match e {
        StoreError::NotFound => api_error(StatusCode::NOT_FOUND, "ไม่พบข้อมูล", "Not found"),
        other => {
            tracing::error!(error = %other, "check-in API");
            api_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "ระบบขัดข้อง กรุณาลองใหม่",
                "Something went wrong; try again",
            )
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SessionOut {
    id: i64,
    /// "18 ก.พ. 2565 09:00-12:00 ภาคเช้า"
    label: String,
    /// ISO date and times, for picking the session that is on now.
    date: String,
    starts: String,
    ends: String,
}

/// A registration on the door's roster.
#[derive(Serialize, ToSchema)]
pub struct Registrant {
    id: i64,
    number: i64,
    ticket: String,
    name: String,
    organization: String,
    status: String,
    /// Sessions already checked in.
    sessions: Vec<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct Roster {
    event: i64,
    title: String,
    sessions: Vec<SessionOut>,
    people: Vec<Registrant>,
}

async fn find(state: &AppState, province: i64, id: i64) -> Result<Event, Response> {
    event::find(&state.db, province, id).await.map_err(failed)
}

#[utoipa::path(get, path = "/api/v1/provinces/{province}/events/{id}/roster",
    params(("province" = i64, Path), ("id" = i64, Path)),
    responses((status = 200, body = Roster), (status = 401), (status = 404)))]
pub async fn roster(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Response {
    let e = match find(&state, province, id).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    let (sessions, people) = match (
        event::sessions(&state.db, id).await,
        attendance::roster(&state.db, id).await,
    ) {
        (Ok(s), Ok(p)) => (s, p),
        (Err(e), _) | (_, Err(e)) => return failed(e),
    };
    Json(Roster {
        event: e.id,
        title: e.title,
        sessions: sessions
            .iter()
            .map(|s| SessionOut {
                id: s.id,
                label: ctx.session(s),
                date: s.held_on.to_string(),
                starts: s.starts.format("%H:%M").to_string(),
                ends: s.ends.format("%H:%M").to_string(),
            })
            .collect(),
        people: people
            .into_iter()
            .map(|p: RosterEntry| Registrant {
                id: p.id,
                number: p.number,
                ticket: p.ticket,
                name: p.name,
                organization: p.organization,
                status: p.status,
                sessions: p.sessions,
            })
            .collect(),
    })
    .into_response()
}

#[derive(Deserialize, ToSchema)]
pub struct CheckInItem {
    /// The client's own key for the item, echoed back.
    key: String,
    session: i64,
    /// The ticket code, as scanned or typed; or else `registration`.
    #[serde(default)]
    ticket: Option<String>,
    #[serde(default)]
    registration: Option<i64>,
    /// When the scan happened (RFC 3339), for items queued offline.
    #[serde(default)]
    at: Option<String>,
    /// "scan" or "search".
    #[serde(default)]
    method: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct CheckInBatch {
    items: Vec<CheckInItem>,
}

#[derive(Serialize, ToSchema)]
pub struct CheckInResult {
    key: String,
    /// recorded, already, not_admitted, unknown or invalid.
    result: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    registration: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// For `already`: when the first check-in was.
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<String>,
}

/// A time from a phone's clock is trusted only if it is a real RFC 3339 time, not in the
/// future by more than a few minutes.
fn scan_time(raw: Option<&str>) -> Option<String> {
    let at = chrono::DateTime::parse_from_rfc3339(raw?).ok()?;
    let at = at.with_timezone(&chrono::Utc);
    (at <= chrono::Utc::now() + chrono::Duration::minutes(5))
        .then(|| at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

#[utoipa::path(post, path = "/api/v1/provinces/{province}/events/{id}/checkins",
    request_body = CheckInBatch,
    params(("province" = i64, Path), ("id" = i64, Path)),
    responses((status = 200, body = [CheckInResult]), (status = 401), (status = 404), (status = 422)))]
pub async fn check_in(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    body: Bytes,
) -> Response {
    let e = match find(&state, province, id).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    let batch: CheckInBatch = match parse(&body) {
        Ok(b) => b,
        Err(err) => return unreadable(err),
    };
    if batch.items.len() > MAX_BATCH {
        return api_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("ส่งได้ครั้งละไม่เกิน {MAX_BATCH} รายการ"),
            &format!("At most {MAX_BATCH} check-ins per request"),
        );
    }
    let who = actor(&ctx);
    let mut results = Vec::with_capacity(batch.items.len());
    for item in batch.items {
        let target = match (item.ticket, item.registration) {
            (Some(t), _) => Who::Ticket(t),
            (None, Some(r)) => Who::Registration(r),
            (None, None) => {
                results.push(CheckInResult {
                    key: item.key,
                    result: "invalid".into(),
                    registration: None,
                    name: None,
                    at: None,
                });
                continue;
            }
        };
        let method = match item.method.as_deref().and_then(Method::parse) {
            Some(Method::Search) => Method::Search,
            _ => Method::Scan,
        };
        let at = scan_time(item.at.as_deref());
        let outcome =
            attendance::check_in(&state.db, &who, &e, item.session, &target, method, at).await;
        let (result, registration, name, at) = match outcome {
            Ok(CheckIn::Recorded {
                registration,
                name,
                at,
            }) => ("recorded", Some(registration), Some(name), Some(at)),
            Ok(CheckIn::Already {
                registration,
                name,
                at,
            }) => ("already", Some(registration), Some(name), Some(at)),
            Ok(CheckIn::NotAdmitted {
                registration, name, ..
            }) => ("not_admitted", Some(registration), Some(name), None),
            Ok(CheckIn::Unknown) => ("unknown", None, None, None),
            Err(StoreError::NotFound) => ("invalid", None, None, None),
            Err(err) => return failed(err),
        };
        results.push(CheckInResult {
            key: item.key,
            result: result.into(),
            registration,
            name,
            at,
        });
    }
    Json(results).into_response()
}

#[derive(Serialize, ToSchema)]
pub struct Decoded {
    /// The text of the first QR code found, or null.
    text: Option<String>,
}

/// Finds a QR code in a JPEG or PNG camera frame. A code the detector misses at the frame's
/// own scale is often found at half or one and a half times it, so those are tried next.
pub fn decode_frame(bytes: &[u8]) -> Result<Option<String>, crate::upload::Refusal> {
    let image = crate::upload::decode(bytes)?.to_luma8();
    let (w, h) = image.dimensions();
    let find = |luma: image::GrayImage| {
        rqrr::PreparedImage::prepare(luma)
            .detect_grids()
            .into_iter()
            .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
    };
    if let Some(text) = find(image.clone()) {
        return Ok(Some(text));
    }
    for (num, den) in [(1, 2), (3, 2)] {
        let (sw, sh) = (w * num / den, h * num / den);
        if sw < 40 || sh < 40 || sw > 4000 || sh > 4000 {
            continue;
        }
        let scaled = image::imageops::resize(&image, sw, sh, image::imageops::FilterType::Triangle);
        if let Some(text) = find(scaled) {
            return Ok(Some(text));
        }
    }
    Ok(None)
}

#[utoipa::path(post, path = "/api/v1/provinces/{province}/events/{id}/decode",
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    params(("province" = i64, Path), ("id" = i64, Path)),
    responses((status = 200, body = Decoded), (status = 413), (status = 422)))]
pub async fn decode(
    State(state): State<AppState>,
    Path((province, id)): Path<(i64, i64)>,
    body: Bytes,
) -> Response {
    if let Err(r) = find(&state, province, id).await {
        return r;
    }
    if body.len() > MAX_FRAME_BYTES {
        return api_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "ภาพใหญ่เกินไป",
            "The frame is too large",
        );
    }
    let decoded = tokio::task::spawn_blocking(move || decode_frame(&body)).await;
    match decoded {
        Ok(Ok(text)) => Json(Decoded { text }).into_response(),
        Ok(Err(refusal)) => api_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("อ่านภาพไม่ได้: {}", refusal.th()),
            &format!("The frame could not be read: {}", refusal.en()),
        ),
        Err(_) => api_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "อ่านภาพไม่ได้ ต้องเป็น JPEG หรือ PNG",
            "The frame could not be read; send a JPEG or PNG",
        ),
    }
}
