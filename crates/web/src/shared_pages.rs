//! Pages that are the same bytes for every anonymous reader (no account, no form: an article,
//! a certificate's verification, the news, the transparency pages) are rendered once and kept
//! for a moment, like the dashboard's figures: a page shared widely, or verified in bulk, then
//! costs little. A signed-in reader always gets a fresh rendering.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use std::sync::Arc;

/// The answer's headers and body, as rendered the first time.
pub type Shared = (HeaderMap, Bytes);

pub async fn shared<F, Fut>(
    state: &AppState,
    ctx: Ctx,
    headers: &HeaderMap,
    render: F,
) -> Result<Response, AppError>
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = Result<Response, AppError>>,
{
    if ctx.account.is_some() {
        return render(ctx).await;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let key = format!(
        "{host}|{}|{}|{}",
        ctx.here,
        ctx.lang_code(),
        ctx.font.class()
    );
    let generation = state.db.generation();
    if let Some(kept) = state.shared_pages.get(&key, generation) {
        let (headers, body) = kept.as_ref().clone();
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = headers;
        return Ok(response);
    }
    let response = render(ctx).await?;
    if response.status() != StatusCode::OK {
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    state.shared_pages.put(
        key,
        generation,
        Arc::new((parts.headers.clone(), bytes.clone())),
    );
    Ok(Response::from_parts(parts, Body::from(bytes)))
}
