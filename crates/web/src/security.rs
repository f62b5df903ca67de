//! Per-request security: the page context (session → account), CSRF on every unsafe request,
//! and the headers every answer carries (content security policy and friends).

use crate::AppState;
use crate::ctx::{Ctx, FontSize};
use crate::error::{Failure, error_page, in_language};
use crate::i18n::Lang;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use http_body_util::BodyExt;
use sermphalang_store::sessions;

pub const SESSION_COOKIE: &str = "sp_session";
pub const CSRF_COOKIE: &str = "sp_csrf";
pub const LANG_COOKIE: &str = "sp_lang";
pub const FONT_COOKIE: &str = "sp_font";
pub const CSRF_FIELD: &str = "_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";
const FORM_LIMIT: usize = 2 * 1024 * 1024;

const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
                   form-action 'self'; frame-ancestors 'none'";

/// Only the door's check-in page uses a device feature: the camera, on this site only.
const PERMISSIONS_POLICY: &str = "camera=(self), microphone=(), geolocation=(), payment=(), usb=()";

pub fn cookie(name: &'static str, value: String, secure: bool, http_only: bool) -> Cookie<'static> {
    let mut c = Cookie::new(name, value);
    c.set_path("/");
    c.set_http_only(http_only);
    c.set_same_site(SameSite::Strict);
    c.set_secure(secure);
    c
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Where a `next=` parameter may send people back to: a path on this site, as a browser would
/// resolve it (tabs and newlines dropped, backslashes read as slashes), or else the home page.
pub fn local_path(next: Option<&str>) -> String {
    let Ok(base) = url::Url::parse("http://sermphalang.invalid/") else {
        return "/".into();
    };
    let Some(url) = next.and_then(|n| base.join(n).ok()) else {
        return "/".into();
    };
    if !n_is_path(next) || url.origin() != base.origin() {
        return "/".into();
    }
    let mut path = url.path().to_string();
    if let Some(q) = url.query() {
        path.push('?');
        path.push_str(q);
    }
    path
}

/// Only a path: a scheme or a host, even one that resolves back here, is not taken.
fn n_is_path(next: Option<&str>) -> bool {
    next.is_some_and(|n| {
        let visible: String = n
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        let visible = visible.trim_start_matches(|c: char| c <= ' ');
        visible.starts_with('/') && !visible.starts_with("//") && !visible.starts_with("/\\")
    })
}

/// The CSRF token of a signed-in session is derived from the session's own secret token, so
/// a token planted in a cookie (by a sibling subdomain, say) does not pass for a session.
fn session_csrf(session_token: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("csrf:{session_token}").as_bytes());
    hex::encode(&digest[..16])
}

/// Marks a page known to carry no form: a visitor without a CSRF cookie is not given one
/// with it (a kept public page then costs less), but with the first page that has a form.
#[derive(Clone, Copy)]
pub struct NoForm;

/// Builds the page context, checks CSRF, sets the security headers, and answers errors in the
/// reader's language (JSON under `/api/`).
pub async fn context(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let jar = CookieJar::from_headers(req.headers());
    let lang = jar
        .get(LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .unwrap_or(Lang::Th);
    let font = jar
        .get(FONT_COOKIE)
        .and_then(|c| FontSize::parse(c.value()))
        .unwrap_or(FontSize::Normal);
    let existing_csrf = jar.get(CSRF_COOKIE).map(|c| c.value().to_string());
    let finish =
        |response: Response| with_headers(localized(response, lang, api), state.secure_cookies);
    // Assets, health and metrics answer the same for everyone: no session lookup for them.
    let anonymous_path = ["/static/", "/healthz", "/metrics"]
        .iter()
        .any(|p| req.uri().path().starts_with(p));
    let account = match jar.get(SESSION_COOKIE).filter(|_| !anonymous_path) {
        Some(c) => match sessions::account(&state.db, c.value()).await {
            Ok(a) => a,
            Err(e) => {
                let reference = crate::error::reference_id();
                tracing::error!(%reference, cause = %e, "session lookup failed");
                return finish(error_page(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Some(reference),
                ));
            }
        },
        None => None,
    };
    let session_token = account
        .as_ref()
        .and_then(|_| jar.get(SESSION_COOKIE))
        .map(|c| session_csrf(c.value()));
    let expected_csrf = session_token.clone().or(existing_csrf.clone());
    let csrf = expected_csrf.clone().unwrap_or_else(sessions::new_token);
    let here = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    // Every route is GET or POST: other methods are refused before anything else, so no
    // method can slip past the CSRF check below.
    if !matches!(
        *req.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::POST
    ) {
        let mut refused = error_page(StatusCode::METHOD_NOT_ALLOWED, None);
        refused
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD, POST"));
        return finish(refused);
    }
    let unsafe_method = *req.method() == Method::POST;
    let mut req = req;
    if unsafe_method {
        match check_csrf(req, expected_csrf.as_deref()).await {
            Ok(r) => req = r,
            Err(response) => return finish(response),
        }
    }
    req.extensions_mut().insert(Ctx {
        lang,
        font,
        account,
        csrf: csrf.clone(),
        here,
        geo: state.geo.clone(),
    });
    let mut response = calm(next.run(req).await);
    let needs_cookie = response.extensions().get::<NoForm>().is_none();
    if existing_csrf.is_none() && session_token.is_none() && needs_cookie {
        let c = cookie(CSRF_COOKIE, csrf, state.secure_cookies, true);
        if let Ok(v) = HeaderValue::from_str(&c.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    finish(response)
}

/// Error answers again in the reader's language, or in JSON for the API.
fn localized(response: Response, lang: Lang, api: bool) -> Response {
    match response.extensions().get::<Failure>().cloned() {
        Some(failure) => in_language(&failure, lang, api, response),
        None => response,
    }
}

async fn check_csrf(req: Request, expected: Option<&str>) -> Result<Request, Response> {
    let forbidden = || error_page(StatusCode::FORBIDDEN, None);
    let cross_site = req
        .headers()
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site");
    if cross_site {
        return Err(forbidden());
    }
    // A JSON body cannot come from a cross-site form, and a cross-site script cannot send one
    // without a CORS preflight this server never grants: the API needs no token.
    let json_api = req.uri().path().starts_with("/api/")
        && req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
    if json_api {
        return Ok(req);
    }
    let Some(expected) = expected else {
        return Err(forbidden());
    };
    if let Some(h) = req.headers().get(CSRF_HEADER) {
        return if same(h.to_str().unwrap_or_default(), expected) {
            Ok(req)
        } else {
            Err(forbidden())
        };
    }
    let in_query = req.uri().query().and_then(|q| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(q)
            .ok()?
            .into_iter()
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v)
    });
    if let Some(token) = in_query {
        return if same(&token, expected) {
            Ok(req)
        } else {
            Err(forbidden())
        };
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(forbidden());
    }
    let (parts, body) = req.into_parts();
    let bytes: Bytes = match http_body_util::Limited::new(body, FORM_LIMIT)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Err(error_page(StatusCode::PAYLOAD_TOO_LARGE, None)),
    };
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|pairs| {
            pairs
                .into_iter()
                .find(|(k, _)| k == CSRF_FIELD)
                .map(|(_, v)| v)
        });
    match token {
        Some(t) if same(&t, expected) => Ok(Request::from_parts(parts, Body::from(bytes))),
        _ => Err(forbidden()),
    }
}

/// Rejections from extractors and layers arrive as plain text naming Rust types; people get the
/// calm page for the same status instead.
fn calm(response: Response) -> Response {
    let status = response.status();
    let readable = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"));
    if (status.is_client_error() || status.is_server_error()) && !readable {
        tracing::info!(%status, "replaced a plain-text error with the calm page");
        return error_page(status, None);
    }
    response
}

fn with_headers(mut response: Response, secure: bool) -> Response {
    let h = response.headers_mut();
    if secure {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    h.insert(
        "permissions-policy",
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response.into_response()
}
