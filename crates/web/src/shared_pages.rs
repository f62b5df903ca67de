//! Pages that are the same for every anonymous reader (an article, a certificate's
//! verification, the news, the transparency pages, a published event with its registration
//! form) are rendered once and kept for a moment, like the dashboard's figures: a page shared
//! widely, or verified in bulk, then costs little. A signed-in reader always gets a fresh
//! rendering.
//!
//! A form carries the reader's own CSRF token. The kept page is rendered with a placeholder of
//! the token's length in its place, and each reader gets the page with their token put in.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use std::sync::Arc;

/// The answer's headers and body as rendered the first time, and where the placeholder token
/// stands in the body.
pub struct Shared {
    headers: HeaderMap,
    body: Bytes,
    tokens_at: Vec<usize>,
}

/// As long as a real token (64 hex digits), and never one: it is not hex.
const PLACEHOLDER: &str = "csrf-placeholder-for-a-kept-page-put-in-per-reader-ooooooooooooo";

impl Shared {
    fn new(headers: HeaderMap, body: Bytes) -> Self {
        let needle = PLACEHOLDER.as_bytes();
        let tokens_at = body
            .windows(needle.len())
            .enumerate()
            .filter(|(_, window)| *window == needle)
            .map(|(at, _)| at)
            .collect();
        Self {
            headers,
            body,
            tokens_at,
        }
    }

    /// The body as rendered with the placeholder, and where the placeholder stands in it.
    pub fn as_rendered(&self) -> (&Bytes, &[usize]) {
        (&self.body, &self.tokens_at)
    }

    /// The body for a reader with `token` (of `TOKEN_LEN`): the kept bytes themselves when
    /// the page has no form.
    pub fn body_for(&self, token: &str) -> Bytes {
        if self.tokens_at.is_empty() {
            return self.body.clone();
        }
        let mut body = self.body.to_vec();
        for &at in &self.tokens_at {
            body[at..at + token.len()].copy_from_slice(token.as_bytes());
        }
        Bytes::from(body)
    }

    /// The page for a reader with `token`. A page with a form goes out with itself attached
    /// (`FormPage`), so that `front_cache` can keep it and put in the next reader's token.
    fn for_reader(self: &Arc<Self>, token: &str) -> Response {
        let mut response = Response::new(Body::from(self.body_for(token)));
        *response.headers_mut() = self.headers.clone();
        if self.tokens_at.is_empty() {
            response.extensions_mut().insert(crate::security::NoForm);
        } else {
            response.extensions_mut().insert(FormPage(self.clone()));
        }
        response
    }
}

/// A kept page with a form, as rendered with the placeholder token.
#[derive(Clone)]
pub struct FormPage(pub Arc<Shared>);

/// The length of a CSRF token that fits the placeholder's place.
pub const TOKEN_LEN: usize = PLACEHOLDER.len();

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
    // A token of another shape (a cookie set by hand) would not fit the placeholder's place.
    if ctx.account.is_some() || ctx.csrf.len() != TOKEN_LEN {
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
    let token = ctx.csrf.clone();
    if let Some(kept) = state.shared_pages.get(&key, generation) {
        return Ok(kept.for_reader(&token));
    }
    let response = render(Ctx {
        csrf: PLACEHOLDER.to_owned(),
        ..ctx
    })
    .await?;
    if response.status() != StatusCode::OK {
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let page = Arc::new(Shared::new(parts.headers, bytes));
    state.shared_pages.put(key, generation, page.clone());
    Ok(page.for_reader(&token))
}
