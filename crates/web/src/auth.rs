//! Signing in and out, the login rate limit, and the per-route authorization check.

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::security::{SESSION_COOKIE, cookie, local_path};
use crate::{AppState, pages::render};
use askama::Template;
use axum::extract::RawPathParams;
use axum::extract::{ConnectInfo, Query, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json, RequestExt};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use sermphalang_domain::{Permission, password};
use sermphalang_store::{sessions, users};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(15 * 60);
const MAX_PER_ACCOUNT: usize = 5;
const MAX_PER_ADDRESS: usize = 30;

/// Failed sign-ins in the last 15 minutes, per address and per address + email.
#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl LoginLimiter {
    fn keys(ip: IpAddr, email: &str) -> [(String, usize); 2] {
        [
            (format!("{ip}"), MAX_PER_ADDRESS),
            (
                format!("{ip} {}", email.trim().to_lowercase()),
                MAX_PER_ACCOUNT,
            ),
        ]
    }

    pub fn blocked(&self, ip: IpAddr, email: &str) -> bool {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        map.retain(|_, v| {
            v.retain(|t| now.duration_since(*t) < WINDOW);
            !v.is_empty()
        });
        Self::keys(ip, email)
            .iter()
            .any(|(k, max)| map.get(k).is_some_and(|v| v.len() >= *max))
    }

    pub fn fail(&self, ip: IpAddr, email: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for (k, _) in Self::keys(ip, email) {
            map.entry(k).or_default().push(Instant::now());
        }
    }

    pub fn succeed(&self, ip: IpAddr, email: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&Self::keys(ip, email)[1].0);
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ctx: Ctx,
    prov: Option<i64>,
    next: String,
    email: String,
    error: Option<&'static str>,
    demo: bool,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn login_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    if ctx.account.is_some() {
        return Ok(Redirect::to(&local_path(q.next.as_deref())).into_response());
    }
    let demo = is_demo(&state).await;
    render(LoginPage {
        ctx,
        prov: None,
        next: local_path(q.next.as_deref()),
        email: String::new(),
        error: None,
        demo,
    })
}

async fn is_demo(state: &AppState) -> bool {
    users::find_for_login(&state.db, sermphalang_store::demo::ACCOUNTS[0].email)
        .await
        .ok()
        .flatten()
        .is_some()
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    ctx: Ctx,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let ip = addr.ip();
    let next = local_path(form.next.as_deref());
    let fail = |ctx: Ctx, error: &'static str, status: StatusCode, demo: bool| {
        render(LoginPage {
            ctx,
            prov: None,
            next: next.clone(),
            email: form.email.clone(),
            error: Some(error),
            demo,
        })
        .map(|r| (status, r).into_response())
    };
    let demo = is_demo(&state).await;
    if state.limiter.blocked(ip, &form.email) {
        return fail(ctx, "login_limited", StatusCode::TOO_MANY_REQUESTS, demo);
    }
    let found = users::find_for_login(&state.db, &form.email).await?;
    let password = form.password.clone();
    let verified = tokio::task::spawn_blocking(move || match found {
        Some((account, hash)) => password::verify(&password, &hash).then_some(account),
        None => {
            password::verify(&password, password::decoy());
            None
        }
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let Some(account) = verified else {
        state.limiter.fail(ip, &form.email);
        tracing::info!(%ip, "failed sign-in");
        return fail(ctx, "login_failed", StatusCode::UNAUTHORIZED, demo);
    };
    state.limiter.succeed(ip, &form.email);
    let token = sessions::create(&state.db, account.id).await?;
    tracing::info!(user = account.id, "signed in");
    let jar = jar.add(cookie(SESSION_COOKIE, token, state.secure_cookies, true));
    Ok((jar, Redirect::to(&next)).into_response())
}

pub async fn logout(State(state): State<AppState>, jar: CookieJar) -> Result<Response, AppError> {
    if let Some(c) = jar.get(SESSION_COOKIE) {
        sessions::delete(&state.db, c.value()).await?;
    }
    let jar = jar.remove(cookie(
        SESSION_COOKIE,
        String::new(),
        state.secure_cookies,
        true,
    ));
    Ok((jar, Redirect::to("/login")).into_response())
}

/// Deny by default: the route's permission, and for `{province}` routes the province scope.
/// A province the account may not see answers 404, as if it did not exist.
pub async fn authorize(permission: Permission, mut req: Request, next: Next) -> Response {
    if permission == Permission::Public {
        return next.run(req).await;
    }
    let is_api = req.uri().path().starts_with("/api/");
    let Some(ctx) = req.extensions().get::<Ctx>().cloned() else {
        return AppError::Internal("no page context".into()).into_response();
    };
    let Some(account) = ctx.account.as_ref() else {
        if is_api {
            return api_error(StatusCode::UNAUTHORIZED, "กรุณาเข้าสู่ระบบ", "Sign in first");
        }
        return AppError::SignIn {
            next: ctx.here.clone(),
        }
        .into_response();
    };
    let params = req.extract_parts::<RawPathParams>().await.ok();
    let province = params.as_ref().and_then(|p| {
        p.iter()
            .find(|(k, _)| *k == "province")
            .map(|(_, v)| v.to_string())
    });
    if let Some(text) = province {
        let visible = text
            .parse::<i64>()
            .ok()
            .filter(|p| ctx.geo.province(*p).is_some())
            .is_some_and(|p| account.sees_province(p));
        if !visible {
            return if is_api {
                api_error(StatusCode::NOT_FOUND, "ไม่พบข้อมูล", "Not found")
            } else {
                AppError::NotFound.into_response()
            };
        }
    }
    if !account.has(permission) {
        return if is_api {
            api_error(StatusCode::FORBIDDEN, "ไม่มีสิทธิ์", "Not allowed")
        } else {
            AppError::Forbidden.into_response()
        };
    }
    next.run(req).await
}

pub fn api_error(status: StatusCode, th: &str, en: &str) -> Response {
    (
        status,
        Json(serde_json::json!({ "error": { "th": th, "en": en } })),
    )
        .into_response()
}
