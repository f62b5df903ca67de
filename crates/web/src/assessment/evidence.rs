//! Evidence for an item: photos through the photo pipeline, PDFs checked and stored as files,
//! or a link to an approved activity report; all of one upload kept, or none.

use super::access::may_fill;
use super::pages::show_page;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, download, invalid_or};
use crate::report::form::{new_photo, process_photos};
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sermphalang_domain::FieldError;
use sermphalang_store::assessment::assessments::{self, Proof};
use sermphalang_store::report::photos;
use sermphalang_store::{StoreError, files};

/// A PDF is at most this large; photos are checked by the pipeline.
const MAX_PDF: usize = 10 * 1024 * 1024;
const MAX_FILES: usize = 10;

#[derive(Default)]
struct Upload {
    item: String,
    caption: String,
    report: String,
    photos: Vec<(String, Vec<u8>)>,
    pdfs: Vec<(String, Vec<u8>)>,
    refused: Vec<FieldError>,
}

fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

async fn read(mut multipart: Multipart) -> Result<Upload, AppError> {
    let mut up = Upload::default();
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.to_string());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "files" {
            let file = field.file_name().unwrap_or("file").to_string();
            let data = field.bytes().await.map_err(bad)?;
            if data.is_empty() || up.photos.len() + up.pdfs.len() >= MAX_FILES {
                continue;
            }
            if is_pdf(&data) {
                if data.len() > MAX_PDF {
                    up.refused.push(FieldError::new(
                        "files",
                        format!("ไฟล์ \"{file}\" ใหญ่เกิน 10 MB"),
                        format!("The file \"{file}\" is larger than 10 MB"),
                    ));
                } else {
                    up.pdfs.push((file, data.to_vec()));
                }
            } else {
                up.photos.push((file, data.to_vec()));
            }
            continue;
        }
        let text = field.text().await.map_err(bad)?;
        match name.as_str() {
            "item" => up.item = text,
            "caption" => up.caption = text,
            "report" => up.report = text,
            _ => {}
        }
    }
    Ok(up)
}

pub async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let a = assessments::find(&state.db, province, id).await?;
    if !may_fill(&state, &ctx, &a).await? {
        return Err(AppError::Forbidden);
    }
    let up = read(multipart).await?;
    let Ok(item) = up.item.trim().parse::<usize>() else {
        return Err(AppError::BadRequest("item".into()));
    };
    let report = up.report.trim().parse::<i64>().ok();
    let (made, mut refused) = process_photos(up.photos).await;
    refused.extend(up.refused);
    if refused.is_empty() && made.is_empty() && up.pdfs.is_empty() && report.is_none() {
        refused.push(FieldError::new(
            "files",
            "กรุณาเลือกภาพหรือไฟล์ PDF หรือรายงานกิจกรรมที่อนุมัติแล้ว",
            "Choose photos, a PDF or an approved activity report",
        ));
    }
    if !refused.is_empty() {
        return show_page(&state, ctx, province, id, Errors(refused)).await;
    }
    let who = actor(&ctx);
    let result: Result<(), StoreError> = async {
        let mut tx = state.db.audited(&who, Some(province)).await?;
        let user = tx.actor().user_id;
        for p in &made {
            let photo =
                photos::add(&mut tx, province, None, &new_photo(p, &up.caption, false)).await?;
            assessments::add_evidence(
                &mut tx,
                province,
                id,
                item,
                Proof::Photo(photo),
                &up.caption,
            )
            .await?;
        }
        for (name, bytes) in &up.pdfs {
            let name: String = name.chars().take(200).collect();
            let file =
                files::insert(&mut tx, province, user, &name, "application/pdf", bytes).await?;
            assessments::add_evidence(&mut tx, province, id, item, Proof::File(file), &up.caption)
                .await?;
        }
        if let Some(r) = report {
            assessments::add_evidence(&mut tx, province, id, item, Proof::Report(r), &up.caption)
                .await?;
        }
        tx.commit_recorded().await
    }
    .await;
    match invalid_or(result)? {
        Ok(()) => Ok(
            Redirect::to(&format!("/p/{province}/assessments/{id}#item-{}", item + 1))
                .into_response(),
        ),
        Err(errors) => show_page(&state, ctx, province, id, errors).await,
    }
}

pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id, evidence)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    let a = assessments::find(&state.db, province, id).await?;
    if !may_fill(&state, &ctx, &a).await? {
        return Err(AppError::Forbidden);
    }
    let removed =
        assessments::remove_evidence(&state.db, &actor(&ctx), province, id, evidence).await;
    match invalid_or(removed)? {
        Ok(()) => Ok(Redirect::to(&format!("/p/{province}/assessments/{id}")).into_response()),
        Err(errors) => show_page(&state, ctx, province, id, errors).await,
    }
}

/// A PDF given as evidence, downloaded as it was uploaded.
pub async fn file(
    State(state): State<AppState>,
    Path((province, id, evidence)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    let all = assessments::evidence(&state.db, id).await?;
    assessments::find(&state.db, province, id).await?;
    let file = all
        .iter()
        .find(|e| e.id == evidence)
        .and_then(|e| e.file_id)
        .ok_or(AppError::NotFound)?;
    let stored = files::find(&state.db, province, file).await?;
    Ok(download(stored.data, &stored.content_type, &stored.name))
}
