//! Kept public pages answered before routing. `shared_pages` keeps a page's rendering, but
//! each request for it still passed the router, the per-route layers, the security context
//! and the compression; for a small page that was most of its cost. Here the finished answer
//! (security headers set, compressed as the reader asked) is kept for the same readers:
//! no session, same host, address, language, text size and accepted encodings.
//!
//! Only answers `shared_pages` marks as carrying no form are kept, without any cookie: the
//! same bytes are right for every such reader. Like every kept page, they last until the next
//! write through this process, or 2 s.

use crate::AppState;
use crate::security::{FONT_COOKIE, LANG_COOKIE, NoForm, SESSION_COOKIE};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use std::net::SocketAddr;
use std::sync::Arc;

/// A finished answer: its headers and its body as sent.
pub struct FrontPage {
    headers: HeaderMap,
    body: Bytes,
}

impl FrontPage {
    fn response(&self) -> Response {
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.headers_mut() = self.headers.clone();
        response
    }
}

pub async fn front(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(key) = key(&state, &req) else {
        return next.run(req).await;
    };
    let generation = state.db.generation();
    if let Some(page) = state.front_pages.get(&key, generation) {
        state.metrics.count_front_hit();
        return page.response();
    }
    let response = next.run(req).await;
    let keep = response.status() == StatusCode::OK
        && response.extensions().get::<NoForm>().is_some()
        && !response.headers().contains_key(header::SET_COOKIE);
    if !keep {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, usize::MAX).await else {
        return crate::error::error_page(StatusCode::INTERNAL_SERVER_ERROR, None);
    };
    let page = Arc::new(FrontPage {
        headers: parts.headers.clone(),
        body: body.clone(),
    });
    state.front_pages.put(key, generation, page);
    Response::from_parts(parts, Body::from(body))
}

/// The reader's key, or `None` for a request the front cache never answers.
fn key(state: &AppState, req: &Request) -> Option<String> {
    if req.method() != Method::GET {
        return None;
    }
    let headers = req.headers();
    let jar = CookieJar::from_headers(headers);
    if jar.get(SESSION_COOKIE).is_some() {
        return None;
    }
    let path = req.uri().path_and_query()?.as_str();
    // An address out of verification tokens waits even for a real code (`training::verify`).
    if path.starts_with("/verify/") {
        let ConnectInfo(addr) = req.extensions().get::<ConnectInfo<SocketAddr>>()?;
        if !state.lookups.has_room(addr.ip()) {
            return None;
        }
    }
    let header = |name| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    let cookie = |name| jar.get(name).map(|c| c.value()).unwrap_or_default();
    Some(format!(
        "{}|{path}|{}|{}|{}",
        header(header::HOST),
        cookie(LANG_COOKIE),
        cookie(FONT_COOKIE),
        header(header::ACCEPT_ENCODING),
    ))
}
