//! A desk's galleries: made, filled with photos several at a time (through the photo
//! pipeline), captioned and put in order.

use super::desk::Desk;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, invalid_or, render, render_invalid};
use crate::report::form::{new_photo, process_photos};
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sermphalang_domain::FieldError;
use sermphalang_store::news::galleries::{self, Gallery, GalleryPhoto};

/// Photos in one upload, as on a report.
const MAX_PHOTOS: usize = 30;

#[derive(Template)]
#[template(path = "news/galleries.html")]
struct ListPage {
    ctx: Ctx,
    prov: Option<i64>,
    desk: Desk,
    galleries: Vec<Gallery>,
    form: NewGallery,
    errors: Errors,
}

#[derive(Debug, Default, Deserialize)]
pub struct NewGallery {
    #[serde(default)]
    title: String,
    #[serde(default)]
    folder: String,
}

async fn list(state: AppState, ctx: Ctx, desk: Desk) -> Result<Response, AppError> {
    render(ListPage {
        galleries: galleries::list(&state.db, desk.province).await?,
        prov: desk.province,
        desk,
        form: NewGallery::default(),
        errors: Errors::default(),
        ctx,
    })
}

async fn create(
    state: AppState,
    ctx: Ctx,
    desk: Desk,
    form: NewGallery,
) -> Result<Response, AppError> {
    let title = sermphalang_thai::normalize_line(&form.title);
    let result = if title.is_empty() {
        Err(Errors(vec![FieldError::required(
            "title",
            "ชื่อชุดภาพ",
            "Gallery title",
        )]))
    } else {
        let who = actor(&ctx);
        let made = async {
            let mut tx = state.db.audited(&who, desk.province).await?;
            let id = galleries::create(&mut tx, desk.province, &title, &form.folder).await?;
            tx.commit_recorded().await?;
            Ok(id)
        }
        .await;
        invalid_or(made)?
    };
    match result {
        Ok(id) => Ok(Redirect::to(&format!("{}/galleries/{id}", desk.base)).into_response()),
        Err(errors) => render_invalid(ListPage {
            galleries: galleries::list(&state.db, desk.province).await?,
            prov: desk.province,
            desk,
            form,
            errors,
            ctx,
        }),
    }
}

#[derive(Template)]
#[template(path = "news/gallery.html")]
struct GalleryPage {
    ctx: Ctx,
    prov: Option<i64>,
    desk: Desk,
    gallery: Gallery,
    photos: Vec<GalleryPhoto>,
    photo_base: String,
    errors: Errors,
}

async fn page(
    state: &AppState,
    ctx: Ctx,
    desk: Desk,
    id: i64,
    errors: Errors,
) -> Result<GalleryPage, AppError> {
    let gallery = galleries::find(&state.db, desk.province, id).await?;
    Ok(GalleryPage {
        photos: galleries::photos(&state.db, id).await?,
        photo_base: format!(
            "/p/{}/photos",
            gallery
                .province
                .unwrap_or(sermphalang_store::news::NATIONAL_FILES)
        ),
        gallery,
        prov: desk.province,
        desk,
        errors,
        ctx,
    })
}

async fn show(state: AppState, ctx: Ctx, desk: Desk, id: i64) -> Result<Response, AppError> {
    render(page(&state, ctx, desk, id, Errors::default()).await?)
}

async fn upload(
    state: AppState,
    ctx: Ctx,
    desk: Desk,
    id: i64,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let gallery = galleries::find(&state.db, desk.province, id).await?;
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.to_string());
    let (mut files, mut caption, mut consent) = (Vec::new(), String::new(), false);
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name().unwrap_or_default() {
            "photos" => {
                let name = field.file_name().unwrap_or("photo").to_string();
                let data = field.bytes().await.map_err(bad)?;
                if !data.is_empty() && files.len() < MAX_PHOTOS {
                    files.push((name, data.to_vec()));
                }
            }
            "caption" => caption = field.text().await.map_err(bad)?,
            "consent" => consent = true,
            _ => {}
        }
    }
    let caption: String = sermphalang_thai::normalize_line(&caption)
        .chars()
        .take(300)
        .collect();
    let (made, refused) = process_photos(files).await;
    if !made.is_empty() {
        let who = actor(&ctx);
        let mut tx = state.db.audited(&who, desk.province).await?;
        for p in &made {
            galleries::upload(&mut tx, &gallery, &new_photo(p, &caption, consent)).await?;
        }
        tx.commit_recorded().await?;
    }
    if refused.is_empty() {
        Ok(Redirect::to(&format!("{}/galleries/{id}", desk.base)).into_response())
    } else {
        render_invalid(page(&state, ctx, desk, id, Errors(refused)).await?)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Arrangement {
    #[serde(default)]
    photo: Vec<i64>,
    #[serde(default)]
    order: Vec<String>,
    #[serde(default)]
    caption: Vec<String>,
    #[serde(default)]
    remove: Vec<i64>,
}

async fn arrange(
    state: AppState,
    ctx: Ctx,
    desk: Desk,
    id: i64,
    form: Arrangement,
) -> Result<Response, AppError> {
    let gallery = galleries::find(&state.db, desk.province, id).await?;
    let mut rows: Vec<(i64, i64, String)> = form
        .photo
        .iter()
        .enumerate()
        .filter(|(_, p)| !form.remove.contains(p))
        .map(|(i, p)| {
            let order = form
                .order
                .get(i)
                .map(|o| sermphalang_thai::to_arabic_digits(o.trim()))
                .and_then(|o| o.parse().ok())
                .unwrap_or(i64::MAX);
            let caption = form
                .caption
                .get(i)
                .map(|c| {
                    sermphalang_thai::normalize_line(c)
                        .chars()
                        .take(300)
                        .collect()
                })
                .unwrap_or_default();
            (order, *p, caption)
        })
        .collect();
    rows.sort_by_key(|(order, _, _)| *order);
    let arranged: Vec<(i64, String)> = rows.into_iter().map(|(_, p, c)| (p, c)).collect();
    galleries::arrange(&state.db, &actor(&ctx), &gallery, &arranged).await?;
    Ok(Redirect::to(&format!("{}/galleries/{id}", desk.base)).into_response())
}

pub async fn province_list(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(p): Path<i64>,
) -> Result<Response, AppError> {
    list(s, ctx, Desk::province(p)).await
}

pub async fn national_list(State(s): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    list(s, ctx, Desk::national()).await
}

pub async fn province_create(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(p): Path<i64>,
    Form(f): Form<NewGallery>,
) -> Result<Response, AppError> {
    create(s, ctx, Desk::province(p), f).await
}

pub async fn national_create(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<NewGallery>,
) -> Result<Response, AppError> {
    create(s, ctx, Desk::national(), f).await
}

pub async fn province_show(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((p, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    show(s, ctx, Desk::province(p), id).await
}

pub async fn national_show(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    show(s, ctx, Desk::national(), id).await
}

pub async fn province_upload(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((p, id)): Path<(i64, i64)>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    upload(s, ctx, Desk::province(p), id, multipart).await
}

pub async fn national_upload(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    upload(s, ctx, Desk::national(), id, multipart).await
}

pub async fn province_arrange(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((p, id)): Path<(i64, i64)>,
    Form(f): Form<Arrangement>,
) -> Result<Response, AppError> {
    arrange(s, ctx, Desk::province(p), id, f).await
}

pub async fn national_arrange(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<Arrangement>,
) -> Result<Response, AppError> {
    arrange(s, ctx, Desk::national(), id, f).await
}
