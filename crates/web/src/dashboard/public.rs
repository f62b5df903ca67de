//! The public transparency pages, without sign-in: the nation's and each province's totals,
//! approved reports with their consented photos only, trainings held. No personal data. Their
//! figures are kept as the dashboards' are (`kept.rs`): a page linked from a busy provincial
//! website costs one read per two seconds, and an approval shows within that.

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
use std::sync::Arc;

#[derive(Template)]
#[template(path = "dashboard/public.html")]
struct PublicPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    board: Arc<Board>,
    charts: Charts,
    levels: crate::assessment::levels::Levels,
    canonical: String,
    action: String,
}

pub async fn province(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    Path(code): Path<String>,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    crate::shared_pages::shared(&state, ctx, &headers, |ctx| {
        province_page(&state, ctx, code, filters)
    })
    .await
}

async fn province_page(
    state: &AppState,
    ctx: Ctx,
    code: String,
    filters: Filters,
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
    let board = match Board::kept(state, &ctx, province, &filters, true).await {
        Ok(b) => b,
        Err(failed) => return Ok(failed.answer(ctx, None, format!("/open/{province}"))),
    };
    let base = format!("/open/{province}");
    let charts = Charts::of(&board, &ctx, &base);

    let canonical = format!("{}{base}", state.public_url.clone().unwrap_or_default());
    let levels = crate::assessment::levels::newest(state, &ctx, province).await?;
    render(PublicPage {
        levels,
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
