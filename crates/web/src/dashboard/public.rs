//! The public transparency pages, without sign-in: the nation's and each province's totals,
//! approved reports with their consented photos only, trainings held. No personal data. A
//! province's figures are kept for at most two seconds, so that a page linked from a busy
//! provincial website costs one read per two seconds, and an approval shows within that.

use super::Filters;
use super::board::{Board, Charts};
use super::nation::NationQuery;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::render;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sermphalang_store::report::photos::{self, Which};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a public page's figures are reused.
pub const FRESH_FOR: Duration = Duration::from_secs(2);

/// Public boards by province and filters, each with when it was gathered.
#[derive(Default)]
pub struct PublicBoards(Mutex<HashMap<String, (Instant, Arc<Board>)>>);

impl PublicBoards {
    fn get(&self, key: &str) -> Option<Arc<Board>> {
        let map = self.0.lock().ok()?;
        map.get(key)
            .filter(|(at, _)| at.elapsed() < FRESH_FOR)
            .map(|(_, b)| b.clone())
    }

    fn put(&self, key: String, board: Arc<Board>) {
        if let Ok(mut map) = self.0.lock() {
            // Filters make many keys; old ones are dropped rather than kept forever.
            if map.len() > 1000 {
                map.retain(|_, (at, _)| at.elapsed() < FRESH_FOR);
            }
            map.insert(key, (Instant::now(), board));
        }
    }
}

#[derive(Template)]
#[template(path = "dashboard/public.html")]
struct PublicPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    board: Arc<Board>,
    charts: Charts,
    canonical: String,
    action: String,
}

pub async fn province(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    let Some(province) = code
        .parse::<i64>()
        .ok()
        .filter(|p| ctx.geo.province(*p).is_some())
    else {
        return Ok(super::province::refused(
            ctx,
            None,
            "/open".into(),
            vec![super::Refusal {
                th: format!("ไม่พบจังหวัดรหัส \"{code}\""),
                en: format!("There is no province \"{code}\""),
            }],
        ));
    };
    let key = format!(
        "{province}|{:?}|{:?}|{:?}|{:?}",
        filters.year, filters.quarter, filters.network, filters.district
    );
    let board = match state.public_boards.get(&key) {
        Some(b) => b,
        None => match Board::gather(&state, &ctx, province, &filters, true).await {
            Ok(b) => {
                let b = Arc::new(b);
                state.public_boards.put(key, b.clone());
                b
            }
            Err(failed) => return Ok(failed.answer(ctx, None, format!("/open/{province}"))),
        },
    };
    let base = format!("/open/{province}");
    let charts = Charts::of(&board, &ctx, &base);

    let canonical = format!("{}{base}", state.public_url.clone().unwrap_or_default());
    render(PublicPage {
        ctx,
        prov: None,
        province,
        board,
        charts,
        canonical,
        action: base,
    })
}

pub async fn nation(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NationQuery>,
) -> Result<Response, AppError> {
    super::nation::page(&state, ctx, &q, true).await
}

/// A consented photo of an approved report, in its display or thumbnail size (never the
/// original): what the public page shows.
pub async fn photo(
    State(state): State<AppState>,
    Path((province, id, size)): Path<(i64, i64, String)>,
) -> Result<Response, AppError> {
    let which = match size.trim_end_matches(".jpg") {
        "display" => Which::Display,
        "thumbnail" => Which::Thumbnail,
        _ => return Err(AppError::NotFound),
    };
    let bytes = photos::public_bytes(&state.db, province, id, which).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        bytes,
    )
        .into_response())
}
