//! Kept public pages answered before routing. `shared_pages` keeps a page's rendering, but
//! each request for it still passed the router, the per-route layers, the security context
//! and the compression; for a small page that was most of its cost. Here the finished answer
//! (security headers set, compressed as the reader asked) is kept for the same readers:
//! no session, same host, address, language, text size and accepted encodings.
//!
//! A page without a form is kept as sent: the same bytes are right for every such reader. A
//! page with a form (a published event open for registration) carries the reader's CSRF
//! token, so it is kept as rendered with the placeholder token; each reader gets their own
//! token put in (a new one, with its cookie, for a first visit), compressed as `encoding` says.
//! Like every kept page, they last until the next write through this process, or 2 s.

mod encoding;
mod spliced;

use crate::AppState;
use crate::security::{CSRF_COOKIE, FONT_COOKIE, LANG_COOKIE, NoForm, SESSION_COOKIE};
use crate::shared_pages::{FormPage, TOKEN_LEN};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use encoding::Encoding;
use spliced::SplicedGzip;
use std::net::SocketAddr;
use std::sync::Arc;

/// A finished answer: its headers, and its body as sent or with the token's places.
pub enum FrontPage {
    Fixed {
        headers: HeaderMap,
        body: Bytes,
    },
    /// Headers without cookies and without an encoding of their own.
    WithForm {
        headers: HeaderMap,
        page: FormPage,
        gzip: SplicedGzip,
    },
}

/// Who asks, as far as the kept answer depends on it.
struct Reader {
    key: String,
}

pub async fn front(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(reader) = reader(&state, &req) else {
        return next.run(req).await;
    };
    let generation = state.db.generation();
    if let Some(page) = state.front_pages.get(&reader.key, generation)
        && let Some(response) = answer(&state, &page, req.headers())
    {
        state.metrics.count_front_hit();
        return response;
    }
    let response = next.run(req).await;
    let Some(keep) = to_keep(&response) else {
        return response;
    };
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, usize::MAX).await else {
        return crate::error::error_page(StatusCode::INTERNAL_SERVER_ERROR, None);
    };
    let page = match keep {
        Keep::Fixed => FrontPage::Fixed {
            headers: parts.headers.clone(),
            body: body.clone(),
        },
        Keep::WithForm(page) => {
            let mut headers = parts.headers.clone();
            for name in [
                header::SET_COOKIE,
                header::CONTENT_ENCODING,
                header::CONTENT_LENGTH,
            ] {
                headers.remove(name);
            }
            let (text, tokens_at) = page.0.as_rendered();
            match SplicedGzip::new(text.clone(), tokens_at, TOKEN_LEN) {
                Ok(gzip) => FrontPage::WithForm {
                    headers,
                    page,
                    gzip,
                },
                Err(_) => return Response::from_parts(parts, Body::from(body)),
            }
        }
    };
    state
        .front_pages
        .put(reader.key, generation, Arc::new(page));
    Response::from_parts(parts, Body::from(body))
}

enum Keep {
    Fixed,
    WithForm(FormPage),
}

/// Whether an answer may be kept for the next reader, and how: a formless page that sets no
/// cookie as it is, a page with a form whatever CSRF cookie it gave this reader.
fn to_keep(response: &Response) -> Option<Keep> {
    if response.status() != StatusCode::OK {
        return None;
    }
    let mut cookies = response.headers().get_all(header::SET_COOKIE).iter();
    if let Some(form) = response.extensions().get::<FormPage>() {
        let csrf_only = cookies.all(|c| c.as_bytes().starts_with(CSRF_COOKIE.as_bytes()));
        return csrf_only.then(|| Keep::WithForm(form.clone()));
    }
    let formless = response.extensions().get::<NoForm>().is_some();
    (formless && cookies.next().is_none()).then_some(Keep::Fixed)
}

/// The kept answer for this reader; `None` when it must be rendered afresh (a CSRF cookie of
/// a shape that does not fit the token's places).
fn answer(state: &AppState, page: &FrontPage, asked: &HeaderMap) -> Option<Response> {
    let (headers, page, gzip) = match page {
        FrontPage::Fixed { headers, body } => {
            let mut response = Response::new(Body::from(body.clone()));
            *response.headers_mut() = headers.clone();
            return Some(response);
        }
        FrontPage::WithForm {
            headers,
            page,
            gzip,
        } => (headers, page, gzip),
    };
    // Read only for a page with a form: a formless hit needs neither.
    let csrf = CookieJar::from_headers(asked)
        .get(CSRF_COOKIE)
        .map(|c| c.value().to_owned());
    let (token, new) = match &csrf {
        Some(token) if token.len() == TOKEN_LEN => (token.clone(), false),
        Some(_) => return None,
        None => (sermphalang_store::sessions::new_token(), true),
    };
    let (body, encoding) = Encoding::for_form_page(asked).apply(&page.0, &token, gzip);
    let mut response = Response::new(Body::from(body));
    *response.headers_mut() = headers.clone();
    if let Some(encoding) = encoding {
        let value = HeaderValue::from_static(encoding);
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, value);
    }
    if new {
        let cookie = crate::security::cookie(CSRF_COOKIE, token, state.secure_cookies, true);
        let value = HeaderValue::from_str(&cookie.to_string()).ok()?;
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Some(response)
}

/// The reader, or `None` for a request the front cache never answers.
fn reader(state: &AppState, req: &Request) -> Option<Reader> {
    if req.method() != Method::GET {
        return None;
    }
    let headers = req.headers();
    // Signed-in readers are told apart without parsing their cookies (a cookie whose name
    // merely ends the same way only costs its reader the kept page).
    let signed_in = headers.get_all(header::COOKIE).iter().any(|v| {
        v.as_bytes()
            .windows(SESSION_COOKIE.len() + 1)
            .any(|w| w.starts_with(SESSION_COOKIE.as_bytes()) && w.ends_with(b"="))
    });
    if signed_in {
        return None;
    }
    let jar = CookieJar::from_headers(headers);
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
    Some(Reader {
        key: format!(
            "{}|{path}|{}|{}|{}",
            header(header::HOST),
            cookie(LANG_COOKIE),
            cookie(FONT_COOKIE),
            header(header::ACCEPT_ENCODING),
        ),
    })
}
