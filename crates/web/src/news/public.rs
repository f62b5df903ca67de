//! News for readers, without signing in: the list (all, national, a province's, a tag's), the
//! article with Open Graph tags, its print view, its photos, and RSS and Atom feeds.

use super::article::{self, Article, Viewer, source_name};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{ListLinks, public_base, render};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sermphalang_domain::news::plain_text;
use sermphalang_store::news::galleries;
use sermphalang_store::news::posts::{self, Post, Scope};
use sermphalang_store::report::photos::Which;
use sermphalang_store::{Page, PageRequest};

const PER_PAGE: i64 = 12;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    province: String,
    #[serde(default)]
    tag: String,
    page: Option<i64>,
}

impl ListQuery {
    fn scope(&self) -> Scope {
        match self.province.as_str() {
            "" => Scope::Everyone,
            "national" => Scope::National,
            p => p.parse().map_or(Scope::Everyone, Scope::Province),
        }
    }
}

/// A post in a list: its cover's thumbnail when it may be shown.
pub struct Card {
    pub post: Post,
    pub source: String,
    pub date: String,
    pub summary: String,
    pub cover: Option<(String, i64, i64)>,
}

fn card(ctx: &Ctx, post: Post) -> Card {
    let summary = if post.summary.is_empty() {
        let text = plain_text(&post.body);
        let cut: String = text.chars().take(160).collect();
        if cut.len() < text.len() {
            format!("{cut}…")
        } else {
            cut
        }
    } else {
        post.summary.clone()
    };
    Card {
        source: source_name(ctx, post.province),
        date: ctx.date(post.publish_at.date()),
        cover: post
            .cover
            .zip(post.cover_public)
            .map(|(c, (w, h))| (format!("/news/{}/photos/{c}/thumbnail", post.id), w, h)),
        summary,
        post,
    }
}

#[derive(Template)]
#[template(path = "news/public_list.html")]
struct ListPage {
    ctx: Ctx,
    prov: Option<i64>,
    cards: Vec<Card>,
    page: Page<Post>,
    links: ListLinks,
    query: ListQuery,
    provinces: Vec<(i64, String)>,
    feed_query: String,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    crate::shared_pages::shared(&state, ctx, &headers, |ctx| list_page(&state, ctx, query)).await
}

async fn list_page(state: &AppState, ctx: Ctx, query: ListQuery) -> Result<Response, AppError> {
    let tag = (!query.tag.is_empty()).then_some(query.tag.as_str());
    let request = PageRequest {
        page: query.page.unwrap_or(1).clamp(1, 10_000),
        per_page: PER_PAGE,
    };
    let page = posts::public_list(&state.db, query.scope(), tag, request).await?;
    let cards = page.items.iter().cloned().map(|p| card(&ctx, p)).collect();
    let pairs = vec![
        ("province", query.province.clone()),
        ("tag", query.tag.clone()),
    ];
    let links = ListLinks::new("/news", &pairs, page.page);
    let provinces = ctx
        .geo
        .provinces
        .iter()
        .map(|p| (p.code, ctx.province_name(p.code)))
        .collect();
    render(ListPage {
        feed_query: links.export_query.clone(),
        prov: None,
        cards,
        page,
        links,
        query,
        provinces,
        ctx,
    })
}

#[derive(Template)]
#[template(path = "news/article.html")]
pub struct ArticlePage {
    pub ctx: Ctx,
    pub prov: Option<i64>,
    pub a: Article,
    pub editor: bool,
    pub print: bool,
    pub url: String,
    pub image: Option<String>,
    pub description: String,
    pub event_public: bool,
}

pub fn description(post: &Post) -> String {
    let text = if post.summary.is_empty() {
        plain_text(&post.body)
    } else {
        post.summary.clone()
    };
    text.chars().take(200).collect()
}

/// An article as anonymous readers get it is the same bytes for every one of them (no account,
/// no form): rendered once and kept for a moment, so a post shared widely costs little.
async fn article_page(
    state: &AppState,
    ctx: Ctx,
    headers: &HeaderMap,
    id: i64,
    print: bool,
) -> Result<Response, AppError> {
    crate::shared_pages::shared(state, ctx, headers, |ctx| {
        render_article(state, ctx, headers, id, print)
    })
    .await
}

async fn render_article(
    state: &AppState,
    ctx: Ctx,
    headers: &HeaderMap,
    id: i64,
    print: bool,
) -> Result<Response, AppError> {
    let post = posts::find_public(&state.db, id).await?;
    let base = public_base(state, headers);
    let url = format!("{base}/news/{id}");
    let event_public = match post.event {
        Some(e) => sermphalang_store::training::event::find_published(&state.db, e)
            .await
            .is_ok(),
        None => false,
    };
    let description = description(&post);
    let a = article::build(&state.db, &ctx, post, Viewer::Reader).await?;
    let image = a.cover.as_ref().map(|c| format!("{base}{}", c.href));
    render(ArticlePage {
        prov: None,
        a,
        editor: false,
        print,
        url,
        image,
        description,
        event_public,
        ctx,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    article_page(&state, ctx, &headers, id, false).await
}

pub async fn print(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    article_page(&state, ctx, &headers, id, true).await
}

/// What a missing or damaged photo shows: a calm grey tile, never a broken image.
const GAP: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300"><rect width="400" height="300" fill="#eceff3"/><text x="200" y="158" font-family="Sarabun, sans-serif" font-size="22" text-anchor="middle" fill="#5b6472">ภาพไม่พร้อมแสดง · Photo unavailable</text></svg>"##;

/// One size of a photo a published post shows (its galleries' and its cover, consented):
/// the display size or the thumbnail, never the original.
/// The consented photos a published article shows, kept a moment: a reader's first view asks
/// for twenty of them at once.
async fn shown_photos(state: &AppState, id: i64) -> Result<std::sync::Arc<Vec<i64>>, AppError> {
    let key = id.to_string();
    let generation = state.db.generation();
    if let Some(ids) = state.shown_photos.get(&key, generation) {
        return Ok(ids);
    }
    let post = posts::find_public(&state.db, id).await?;
    let (own, named) = posts::shown_galleries(&state.db, &post).await?;
    let ids: Vec<i64> = own
        .iter()
        .chain(named.iter().filter_map(|(_, p)| p.as_ref()).flatten())
        .filter(|p| p.consent)
        .map(|p| p.id)
        .collect();
    let ids = std::sync::Arc::new(ids);
    state.shown_photos.put(key, generation, ids.clone());
    Ok(ids)
}

pub async fn photo(
    State(state): State<AppState>,
    Path((id, photo, size)): Path<(i64, i64, String)>,
) -> Result<Response, AppError> {
    let which = match size.as_str() {
        "display" => Which::Display,
        "thumbnail" => Which::Thumbnail,
        _ => return Err(AppError::NotFound),
    };
    if !shown_photos(&state, id).await?.contains(&photo) {
        return Err(AppError::NotFound);
    }
    let cache = (header::CACHE_CONTROL, "public, max-age=86400");
    let nosniff = (header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    Ok(
        match galleries::intact_bytes(&state.db, photo, which).await? {
            Some(bytes) => (
                [(header::CONTENT_TYPE, "image/jpeg"), cache, nosniff],
                bytes,
            )
                .into_response(),
            None => (
                [
                    (header::CONTENT_TYPE, "image/svg+xml"),
                    (header::CACHE_CONTROL, "no-store"),
                    nosniff,
                ],
                GAP,
            )
                .into_response(),
        },
    )
}
