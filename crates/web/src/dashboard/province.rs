//! The province's home: its dashboard under the filters in the address.

use super::Filters;
use super::board::{Board, Charts};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::render;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Template)]
#[template(path = "dashboard/province.html")]
struct DashboardPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    board: std::sync::Arc<Board>,
    charts: Charts,
    levels: crate::assessment::levels::Levels,
    query: String,
    action: String,
}

#[derive(Template)]
#[template(path = "dashboard/refused.html")]
pub struct RefusedPage {
    pub ctx: Ctx,
    pub prov: Option<i64>,
    pub back: String,
    pub refusals: Vec<super::Refusal>,
}

/// A calm page naming every filter that could not be used, answered 400.
pub fn refused(
    ctx: Ctx,
    prov: Option<i64>,
    back: String,
    refusals: Vec<super::Refusal>,
) -> Response {
    match render(RefusedPage {
        ctx,
        prov,
        back,
        refusals,
    }) {
        Ok(mut page) => {
            *page.status_mut() = StatusCode::BAD_REQUEST;
            page
        }
        Err(e) => e.into_response(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    let board = match Board::kept(&state, &ctx, province, &filters, false).await {
        Ok(b) => b,
        Err(failed) => return Ok(failed.answer(ctx, Some(province), format!("/p/{province}"))),
    };
    let charts = Charts::of(&board, &ctx, &format!("/p/{province}"));
    let query = super::query_of(&board.scope);
    let levels = crate::assessment::levels::newest(&state, &ctx, province).await?;
    render(DashboardPage {
        levels,
        ctx,
        prov: Some(province),
        province,
        board,
        charts,
        query,
        action: format!("/p/{province}"),
    })
}
