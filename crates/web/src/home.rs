use crate::AppState;
use crate::ctx::{Ctx, FontSize};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::render;
use crate::security::{FONT_COOKIE, LANG_COOKIE, cookie, local_path};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use sermphalang_store::registry::geo::Province;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn set_lang(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<Next>,
    jar: CookieJar,
) -> Result<Response, AppError> {
    let lang = Lang::parse(&code).ok_or(AppError::NotFound)?;
    let jar = jar.add(cookie(
        LANG_COOKIE,
        lang.code().into(),
        state.secure_cookies,
        false,
    ));
    Ok((jar, Redirect::to(&local_path(q.next.as_deref()))).into_response())
}

pub async fn set_font(
    State(state): State<AppState>,
    Path(size): Path<String>,
    Query(q): Query<Next>,
    jar: CookieJar,
) -> Result<Response, AppError> {
    FontSize::parse(&size).ok_or(AppError::NotFound)?;
    let jar = jar.add(cookie(FONT_COOKIE, size, state.secure_cookies, false));
    Ok((jar, Redirect::to(&local_path(q.next.as_deref()))).into_response())
}

pub async fn start(ctx: Ctx) -> Response {
    match ctx.account.as_ref().and_then(|a| a.home_province()) {
        Some(p) => Redirect::to(&format!("/p/{p}")).into_response(),
        None => Redirect::to("/nation").into_response(),
    }
}

#[derive(Template)]
#[template(path = "provinces.html")]
struct ProvincesPage {
    ctx: Ctx,
    prov: Option<i64>,
    provinces: Vec<Province>,
}

pub async fn provinces(ctx: Ctx) -> Result<Response, AppError> {
    let provinces = ctx.geo.provinces.clone();
    render(ProvincesPage {
        ctx,
        prov: None,
        provinces,
    })
}
