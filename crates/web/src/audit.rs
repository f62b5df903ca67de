use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{ListLinks, render};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use sermphalang_store::audit::{self, Entry};
use sermphalang_store::{Page, PageRequest};

#[derive(Deserialize)]
pub struct AuditQuery {
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    page: Page<Entry>,
    links: ListLinks,
}

impl AuditPage {
    fn link(&self, e: &Entry) -> Option<String> {
        let section = match e.entity.as_str() {
            "organization" => "orgs",
            "person" => "people",
            "working_group" => "groups",
            _ => return None,
        };
        Some(format!("/p/{}/{section}/{}", self.province, e.entity_id?))
    }
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let page = audit::list(&state.db, Some(province), PageRequest::new(q.page)).await?;
    let base = format!("/p/{province}/audit");
    render(AuditPage {
        ctx,
        prov: Some(province),
        province,
        links: ListLinks::new(&base, &[], page.page),
        page,
    })
}
