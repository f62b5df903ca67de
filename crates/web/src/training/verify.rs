//! Public certificate verification: name, event, date, issuer and status, nothing else
//! personal; rate limited per address.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::render;
use askama::Template;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use sermphalang_domain::training::codes;
use sermphalang_domain::training::event::EventKind;
use sermphalang_store::StoreError;
use sermphalang_store::assessment::verification as assessment_verification;
use sermphalang_store::training::certificate::{self, HistoryEntry, Verification};
use std::net::SocketAddr;

#[derive(Template)]
#[template(path = "training/verify_form.html")]
struct FormPage {
    ctx: Ctx,
    prov: Option<i64>,
    code: String,
    /// The code was looked up and no valid certificate has it.
    unknown: bool,
}

#[derive(Deserialize, Default)]
pub struct CodeQuery {
    #[serde(default)]
    code: String,
}

pub async fn form(ctx: Ctx, Query(q): Query<CodeQuery>) -> Result<Response, AppError> {
    let code = q.code.trim();
    if !code.is_empty() {
        // A malformed code is answered like an unknown one, without a lookup.
        return match codes::parse(code) {
            Some(target) => Ok(Redirect::to(&format!("/verify/{target}")).into_response()),
            None => unknown(ctx, code),
        };
    }
    render(FormPage {
        ctx,
        prov: None,
        code: String::new(),
        unknown: false,
    })
}

/// The code box again, saying plainly that no valid certificate has this code.
fn unknown(ctx: Ctx, code: &str) -> Result<Response, AppError> {
    let page = FormPage {
        ctx,
        prov: None,
        code: code.chars().take(40).collect(),
        unknown: true,
    };
    Ok((StatusCode::NOT_FOUND, Html(page.render()?)).into_response())
}

#[derive(Template)]
#[template(path = "training/verify.html")]
struct ResultPage {
    ctx: Ctx,
    prov: Option<i64>,
    v: Verification,
    code: String,
    /// The event's kind, or nothing when its title already says it.
    kind: String,
}

impl ResultPage {
    fn day(&self, iso: &str) -> String {
        match chrono::NaiveDate::parse_from_str(iso.get(..10).unwrap_or(iso), "%Y-%m-%d") {
            Ok(d) => self.ctx.date_long(d),
            Err(_) => iso.to_string(),
        }
    }

    /// When a history entry happened; issuing is dated as the certificate is.
    fn when(&self, entry: &HistoryEntry) -> String {
        match (entry.action.as_str(), self.v.certificate_day()) {
            ("issued", Some(day)) => self.ctx.date_long(day),
            _ => self.day(&entry.at),
        }
    }

    fn action(&self, action: &str) -> &'static str {
        match action {
            "issued" => self.ctx.t("cert_issued"),
            "reissued" => self.ctx.t("cert_reissued"),
            _ => self.ctx.t("cert_revoked"),
        }
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    // Only a code that matches nothing uses up the address's allowance: guessing is what the
    // limit stops, and a room (or a school's whole list) verifying real codes is not guessing.
    if !state.lookups.has_room(addr.ip()) {
        return Err(AppError::TooMany);
    }
    crate::shared_pages::shared(&state, ctx, &headers, |ctx| {
        verification(&state, ctx, addr, &code)
    })
    .await
}

async fn verification(
    state: &AppState,
    ctx: Ctx,
    addr: SocketAddr,
    code: &str,
) -> Result<Response, AppError> {
    let v = match certificate::verify(&state.db, code).await {
        Ok(v) => v,
        Err(StoreError::NotFound) => {
            // Not a training's certificate: perhaps an awarded assessment level's.
            let awarded = match codes::parse(code) {
                Some(c) => assessment_verification::verify(&state.db, &c).await,
                None => Err(StoreError::NotFound),
            };
            return match awarded {
                Ok(v) => crate::assessment::public::page(ctx, v),
                Err(StoreError::NotFound) => {
                    state.lookups.allow(addr.ip());
                    unknown(ctx, code)
                }
                Err(e) => Err(e.into()),
            };
        }
        Err(e) => return Err(e.into()),
    };
    let kind = EventKind::parse(&v.event_kind)
        .filter(|k| !k.begins(&v.event_title))
        .map(|k| ctx.event_kind(&k).to_string())
        .unwrap_or_default();
    render(ResultPage {
        code: codes::display(&v.code),
        prov: None,
        v,
        kind,
        ctx,
    })
}
