//! Importing a province's old Joomla site: the SQL dump of its articles and a ZIP of its
//! `images` folder. Gallery tags and pictures are resolved against the ZIP by folder, in
//! relative and absolute forms; whatever cannot be found is listed, never a failure. Posts and
//! galleries are written in one transaction, and importing the same export again adds nothing.

use super::desk::Desk;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Errors, actor, render, render_invalid};
use crate::report::form::{new_photo, process_photos};
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use chrono::NaiveDateTime;
use sermphalang_documents::joomla::{self, Article};
use sermphalang_domain::FieldError;
use sermphalang_domain::news::gallery::folder_key;
use sermphalang_domain::news::{NewsInput, NewsStatus};
use sermphalang_store::news::import::{self, Imported, ImportedGallery, ImportedPost};
use std::collections::BTreeMap;

#[derive(Template)]
#[template(path = "news/import.html")]
struct ImportPage {
    ctx: Ctx,
    prov: Option<i64>,
    desk: Desk,
    errors: Errors,
    done: Option<Imported>,
    missing: Vec<String>,
    left_out: Vec<String>,
}

fn page(ctx: Ctx, desk: Desk) -> ImportPage {
    ImportPage {
        prov: desk.province,
        desk,
        errors: Errors::default(),
        done: None,
        missing: Vec::new(),
        left_out: Vec::new(),
        ctx,
    }
}

pub async fn form(
    State(_): State<AppState>,
    ctx: Ctx,
    Path(p): Path<i64>,
) -> Result<Response, AppError> {
    render(page(ctx, Desk::province(p)))
}

/// A picture's place in the ZIP as articles name it: no leading slash, no `images/`, lower case.
fn picture_key(path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let path = path
        .split("://")
        .nth(1)
        .map_or(path, |rest| rest.split_once('/').map_or("", |(_, p)| p));
    folder_key(path)
}

/// The ZIP's pictures by key, read within the limits.
fn unpack(zip: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, FieldError> {
    let found = joomla::zipped_pictures(zip)
        .map_err(|e| FieldError::new("images", e.th(), e.to_string()))?;
    Ok(found
        .into_iter()
        .map(|(name, bytes)| (picture_key(&name), bytes))
        .collect())
}

/// The old site published these photos: their people's consent is the province's to confirm.
const CONSENTED: bool = true;

fn post_input(article: &Article, markdown: String) -> NewsInput {
    let published = NaiveDateTime::parse_from_str(&article.published, "%Y-%m-%d %H:%M:%S")
        .unwrap_or_else(|_| sermphalang_thai::now_in_thailand());
    NewsInput {
        title: article.title.chars().take(300).collect(),
        summary: String::new(),
        body: markdown
            .chars()
            .take(sermphalang_domain::news::BODY_MAX)
            .collect(),
        byline: article.author.chars().take(300).collect(),
        tags: Vec::new(),
        status: if article.state == 1 {
            NewsStatus::Published
        } else {
            NewsStatus::Draft
        },
        publish_at: published,
        event: None,
        cycle: None,
        entry: None,
        report: None,
        gallery: None,
        cover: None,
    }
}

pub async fn run(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(p): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let desk = Desk::province(p);
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.to_string());
    let (mut dump, mut zip) = (Vec::new(), Vec::new());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name().unwrap_or_default() {
            "dump" => dump = field.bytes().await.map_err(bad)?.to_vec(),
            "images" => zip = field.bytes().await.map_err(bad)?.to_vec(),
            _ => {}
        }
    }
    let refused = |ctx: Ctx, desk: Desk, e: FieldError| {
        let mut page = page(ctx, desk);
        page.errors = Errors(vec![e]);
        render_invalid(page)
    };
    let articles = match joomla::articles(&dump) {
        Ok(a) => a,
        Err(e) => return refused(ctx, desk, FieldError::new("dump", e.th(), e.to_string())),
    };
    let pictures = if zip.is_empty() {
        BTreeMap::new()
    } else {
        match tokio::task::spawn_blocking(move || unpack(&zip)).await {
            Ok(Ok(p)) => p,
            Ok(Err(e)) => return refused(ctx, desk, e),
            Err(_) => return Err(AppError::Internal("unpacking the images failed".into())),
        }
    };
    let mut missing = Vec::new();
    let mut left_out = Vec::new();
    // Galleries by folder key, each once, with the pictures the ZIP holds in that folder.
    let mut folders: BTreeMap<String, Vec<(String, Vec<u8>)>> = BTreeMap::new();
    let mut posts = Vec::new();
    for article in &articles {
        if article.state == -2 {
            left_out.push(format!(
                "“{}” (#{}): อยู่ในถังขยะของเว็บเดิม · trashed",
                article.title, article.id
            ));
            continue;
        }
        let converted = joomla::convert(&article.html);
        for written in &converted.galleries {
            let key = folder_key(written);
            if folders.contains_key(&key) {
                continue;
            }
            let inside: Vec<(String, Vec<u8>)> = pictures
                .iter()
                .filter(|(k, _)| k.rsplit_once('/').map(|(dir, _)| dir) == Some(key.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if inside.is_empty() {
                missing.push(format!(
                    "“{}” (#{}): ไม่พบโฟลเดอร์ภาพ · no folder {written}",
                    article.title, article.id
                ));
            } else {
                folders.insert(key, inside);
            }
        }
        let mut own = Vec::new();
        for src in article.image.iter().chain(converted.pictures.iter()) {
            match pictures.get(&picture_key(src)) {
                Some(bytes) => own.push((src.clone(), bytes.clone())),
                None => missing.push(format!(
                    "“{}” (#{}): ไม่พบภาพ · no picture {src}",
                    article.title, article.id
                )),
            }
        }
        own.dedup_by(|a, b| a.0 == b.0);
        posts.push((article, converted.markdown, own));
    }
    // Photos go through the pipeline before the transaction; a file that is not a usable
    // picture is listed and left out.
    let mut gallery_photos = Vec::new();
    for (key, files) in folders {
        let (made, refused_files) = process_photos(files).await;
        left_out.extend(refused_files.into_iter().map(|e| e.th));
        gallery_photos.push((key, made));
    }
    let mut post_photos = Vec::new();
    for (article, markdown, files) in posts {
        let (made, refused_files) = process_photos(files).await;
        left_out.extend(refused_files.into_iter().map(|e| e.th));
        post_photos.push((article, markdown, made));
    }
    let galleries: Vec<ImportedGallery> = gallery_photos
        .iter()
        .map(|(key, made)| ImportedGallery {
            folder: key.clone(),
            photos: made.iter().map(|m| new_photo(m, "", CONSENTED)).collect(),
        })
        .collect();
    let imported_posts: Vec<ImportedPost> = post_photos
        .iter()
        .map(|(article, markdown, made)| ImportedPost {
            source: format!("joomla:{}", article.id),
            input: post_input(article, markdown.clone()),
            photos: made.iter().map(|m| new_photo(m, "", CONSENTED)).collect(),
        })
        .collect();
    let done = import::import(
        &state.db,
        &actor(&ctx),
        desk.province,
        &galleries,
        &imported_posts,
    )
    .await?;
    let mut page = page(ctx, desk);
    page.done = Some(done);
    page.missing = missing;
    page.left_out = left_out;
    render(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_found_however_the_article_wrote_them() {
        for written in [
            "images/News-PR-2565/a.jpg",
            "/images/News-PR-2565/a.jpg",
            "News-PR-2565/a.jpg?v=2",
            "https://old.example.go.th/images/News-PR-2565/a.jpg",
        ] {
            assert_eq!(picture_key(written), "news-pr-2565/a.jpg", "{written}");
        }
    }
}
