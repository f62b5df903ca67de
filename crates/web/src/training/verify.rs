//! Public certificate verification: name, event, date, issuer and status, nothing else
//! personal; rate limited per address.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::render;
use askama::Template;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sermphalang_domain::training::codes;
use sermphalang_domain::training::event::EventKind;
use sermphalang_store::training::certificate::{self, Verification};
use std::net::SocketAddr;

#[derive(Template)]
#[template(path = "training/verify_form.html")]
struct FormPage {
    ctx: Ctx,
    prov: Option<i64>,
    code: String,
}

#[derive(Deserialize, Default)]
pub struct CodeQuery {
    #[serde(default)]
    code: String,
}

pub async fn form(ctx: Ctx, Query(q): Query<CodeQuery>) -> Result<Response, AppError> {
    let code = q.code.trim();
    if !code.is_empty() {
        // A malformed code goes to the same not-found page as an unknown one.
        let target = codes::parse(code).unwrap_or_else(|| "unknown".into());
        return Ok(Redirect::to(&format!("/verify/{target}")).into_response());
    }
    render(FormPage {
        ctx,
        prov: None,
        code: String::new(),
    })
}

#[derive(Template)]
#[template(path = "training/verify.html")]
struct ResultPage {
    ctx: Ctx,
    prov: Option<i64>,
    v: Verification,
    code: String,
    kind: String,
}

impl ResultPage {
    fn day(&self, iso: &str) -> String {
        match chrono::NaiveDate::parse_from_str(iso.get(..10).unwrap_or(iso), "%Y-%m-%d") {
            Ok(d) => self.ctx.date_long(d),
            Err(_) => iso.to_string(),
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
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    if !state.lookups.allow(addr.ip()) {
        return Err(AppError::TooMany);
    }
    let v = certificate::verify(&state.db, &code).await?;
    let kind = EventKind::parse(&v.event_kind)
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
