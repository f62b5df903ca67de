//! An awarded level as `/verify/{code}` shows it: the unit, its level, the year and the
//! province; never its scores.

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::render;
use askama::Template;
use axum::response::Response;
use sermphalang_domain::training::codes;
use sermphalang_store::assessment::verification::Verified;

#[derive(Template)]
#[template(path = "assessment/verified.html")]
struct VerifiedPage {
    ctx: Ctx,
    prov: Option<i64>,
    v: Verified,
    code: String,
    level: String,
    awarded_on: String,
}

pub fn page(ctx: Ctx, v: Verified) -> Result<Response, AppError> {
    let a = &v.assessment;
    let level = super::view::level_title(ctx.is_en(), a.level, a.subject);
    let awarded_on = a
        .decided_at
        .as_deref()
        .and_then(|t| chrono::NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d").ok())
        .map(|d| ctx.date_long(d))
        .unwrap_or_default();
    render(VerifiedPage {
        code: codes::display(a.certificate_code.as_deref().unwrap_or_default()),
        prov: None,
        level,
        awarded_on,
        v,
        ctx,
    })
}
