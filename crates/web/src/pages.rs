//! What every feature's pages share: rendering, form errors, downloads, list links, the
//! acting account and the site's public address.

use crate::ctx::Ctx;
use crate::error::AppError;
use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use sermphalang_domain::{FieldError, Invalid};
use sermphalang_store::StoreError;

pub fn render(page: impl Template) -> Result<Response, AppError> {
    Ok(Html(page.render()?).into_response())
}

/// A form shown again with what was typed and what was wrong.
pub fn render_invalid(page: impl Template) -> Result<Response, AppError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

/// A page that carries its form's errors: 422 when there are any.
pub fn render_checked(page: impl Template, invalid: bool) -> Result<Response, AppError> {
    if invalid {
        render_invalid(page)
    } else {
        render(page)
    }
}

/// Field errors of a form, looked up by field name in templates.
#[derive(Debug, Clone, Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }

    pub fn get(&self, ctx: &Ctx, field: &str) -> String {
        self.0
            .iter()
            .filter(|e| e.field == field)
            .map(|e| {
                if ctx.is_en() {
                    e.en.as_str()
                } else {
                    e.th.as_str()
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Every message, for pages where the fields are not next to one form.
    pub fn messages(&self, ctx: &Ctx) -> Vec<String> {
        self.0
            .iter()
            .map(|e| {
                if ctx.is_en() {
                    e.en.clone()
                } else {
                    e.th.clone()
                }
            })
            .collect()
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }
}

impl From<Vec<FieldError>> for Errors {
    fn from(errors: Vec<FieldError>) -> Errors {
        Errors(errors)
    }
}

impl From<Invalid> for Errors {
    fn from(i: Invalid) -> Self {
        Errors(i.0)
    }
}

/// Splits a store result into field errors to show, or a failure to report.
pub fn invalid_or<T>(result: Result<T, StoreError>) -> Result<Result<T, Errors>, AppError> {
    match result {
        Ok(v) => Ok(Ok(v)),
        Err(StoreError::Invalid(i)) => Ok(Err(i.into())),
        Err(e) => Err(e.into()),
    }
}

pub fn download(bytes: Vec<u8>, content_type: &str, file_name: &str) -> Response {
    let disposition = format!(
        "attachment; filename=\"{}\"; filename*=UTF-8''{}",
        file_name.replace(
            |c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '-',
            "_"
        ),
        serde_urlencoded::to_string([("", file_name)])
            .unwrap_or_default()
            .trim_start_matches('=')
    );
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const CSV: &str = "text/csv; charset=utf-8";

/// Links of a paged list that keep its filters: the previous and next pages and the query
/// for the same selection's export.
pub struct ListLinks {
    pub prev: String,
    pub next: String,
    pub export_query: String,
}

impl ListLinks {
    pub fn new(base: &str, filters: &[(&str, String)], page: i64) -> ListLinks {
        let kept: Vec<(&str, String)> = filters
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .cloned()
            .collect();
        let link = |n: i64| {
            let mut pairs = kept.clone();
            pairs.push(("page", n.to_string()));
            format!(
                "{base}?{}",
                serde_urlencoded::to_string(pairs).unwrap_or_default()
            )
        };
        ListLinks {
            prev: link(page - 1),
            next: link(page + 1),
            export_query: serde_urlencoded::to_string(&kept).unwrap_or_default(),
        }
    }
}

/// Coordinators may only write records that include their own network.
pub fn check_networks(
    ctx: &Ctx,
    networks: &[sermphalang_domain::registry::Sector],
) -> Result<(), AppError> {
    match &ctx.account {
        Some(a) if a.may_edit_networks(networks) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

pub fn actor(ctx: &Ctx) -> sermphalang_store::audit::Actor {
    sermphalang_store::audit::Actor {
        user_id: ctx.account.as_ref().map(|a| a.id),
        email: ctx
            .account
            .as_ref()
            .map(|a| a.email.clone())
            .unwrap_or_default(),
    }
}

/// Where people reach the site, for links and QR codes printed or projected: the configured
/// public address, or else the host this request came to, with https when served over TLS.
pub fn public_base(state: &crate::AppState, headers: &axum::http::HeaderMap) -> String {
    if let Some(base) = &state.public_url {
        return base.clone();
    }
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8080");
    let scheme = if state.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}
