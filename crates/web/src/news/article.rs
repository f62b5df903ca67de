//! A post as a page shows it: its body in blocks with galleries in their places, its own
//! gallery, its cover; for editors, notices naming whatever is missing. Readers see only
//! photos whose people agreed to publication, and a calm line where a gallery is missing.

use super::markdown::{self, Block};
use crate::ctx::Ctx;
use crate::error::AppError;
use sermphalang_store::Db;
use sermphalang_store::news::NATIONAL_FILES;
use sermphalang_store::news::galleries::{self, GalleryPhoto};
use sermphalang_store::news::posts::{self, Post};

/// Who looks at the post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Reader,
    Editor,
}

pub struct PhotoView {
    /// The display size: what the lightbox and the link without script open.
    pub href: String,
    pub thumb: String,
    pub srcset: String,
    pub width: i64,
    pub height: i64,
    /// The display size's, for a cover shown at full width.
    pub display_width: i64,
    pub display_height: i64,
    pub caption: String,
    pub alt: String,
}

pub struct GalleryView {
    pub photos: Vec<PhotoView>,
}

/// A block of the body: HTML, a gallery, or the calm gap of a gallery not found.
pub struct BlockView {
    pub html: Option<String>,
    pub gallery: Option<GalleryView>,
    pub gap: bool,
}

pub struct Article {
    pub post: Post,
    pub blocks: Vec<BlockView>,
    pub own: Option<GalleryView>,
    pub cover: Option<PhotoView>,
    /// The province's name, or the Moral Center's.
    pub source: String,
    pub date: String,
    /// The hour and minute it is published, for a scheduled post.
    pub time: String,
    pub notices: Vec<String>,
}

/// Where a viewer's photos are served from.
pub fn photo_base(post: &Post, viewer: Viewer) -> String {
    match viewer {
        Viewer::Reader => format!("/news/{}/photos", post.id),
        Viewer::Editor => format!("/p/{}/photos", post.province.unwrap_or(NATIONAL_FILES)),
    }
}

fn view(ctx: &Ctx, base: &str, title: &str, n: usize, p: &GalleryPhoto) -> PhotoView {
    let thumb = format!("{base}/{}/thumbnail", p.id);
    let href = format!("{base}/{}/display", p.id);
    PhotoView {
        srcset: format!(
            "{thumb} {}w, {href} {}w",
            p.thumbnail_width, p.display_width
        ),
        thumb,
        href,
        width: p.thumbnail_width,
        height: p.thumbnail_height,
        display_width: p.display_width,
        display_height: p.display_height,
        caption: p.caption.clone(),
        alt: if p.caption.is_empty() {
            format!("{title} {} {}", ctx.t("news_photo_of"), n + 1)
        } else {
            p.caption.clone()
        },
    }
}

pub fn source_name(ctx: &Ctx, province: Option<i64>) -> String {
    match province {
        Some(p) => ctx.province_name(p),
        None => ctx.t("news_national").to_string(),
    }
}

pub async fn build(db: &Db, ctx: &Ctx, post: Post, viewer: Viewer) -> Result<Article, AppError> {
    let base = photo_base(&post, viewer);
    let (own, named) = posts::shown_galleries(db, &post).await?;
    let mut notices = Vec::new();
    let unconsented = own
        .iter()
        .chain(named.iter().filter_map(|(_, p)| p.as_ref()).flatten())
        .any(|p| !p.consent);
    let gallery_view = |photos: &[GalleryPhoto]| {
        let shown: Vec<&GalleryPhoto> = photos
            .iter()
            .filter(|p| viewer == Viewer::Editor || p.consent)
            .collect();
        GalleryView {
            photos: shown
                .iter()
                .enumerate()
                .map(|(n, p)| view(ctx, &base, &post.title, n, p))
                .collect(),
        }
    };
    let mut blocks = Vec::new();
    for block in markdown::render(&post.body) {
        match block {
            Block::Html(html) => blocks.push(BlockView {
                html: Some(html),
                gallery: None,
                gap: false,
            }),
            Block::Gallery(key) => {
                let found = named
                    .iter()
                    .find(|(k, _)| *k == key)
                    .and_then(|(_, p)| p.as_ref());
                match found {
                    Some(photos) if !photos.is_empty() => blocks.push(BlockView {
                        html: None,
                        gallery: Some(gallery_view(photos)),
                        gap: false,
                    }),
                    _ => {
                        notices.push(format!(
                            "{} “{key}”: {}",
                            ctx.t("news_missing_gallery"),
                            ctx.t("news_missing_gallery_fix")
                        ));
                        blocks.push(BlockView {
                            html: None,
                            gallery: None,
                            gap: true,
                        });
                    }
                }
            }
        }
    }
    let own_view = (!own.is_empty()).then(|| gallery_view(&own));
    let cover = post.cover.and_then(|c| {
        own.iter()
            .enumerate()
            .find(|(_, p)| p.id == c && (viewer == Viewer::Editor || p.consent))
            .map(|(n, p)| view(ctx, &base, &post.title, n, p))
    });
    if viewer == Viewer::Editor {
        let mut galleries_shown: Vec<i64> = post.gallery.into_iter().collect();
        let keys: Vec<String> = named.iter().map(|(k, _)| k.clone()).collect();
        for g in galleries::by_folders(db, post.province, &keys)
            .await?
            .values()
        {
            galleries_shown.push(g.id);
        }
        for g in galleries_shown {
            for p in galleries::missing(db, g).await? {
                notices.push(format!(
                    "{} #{}{}",
                    ctx.t("news_missing_photo"),
                    p.id,
                    if p.caption.is_empty() {
                        String::new()
                    } else {
                        format!(" “{}”", p.caption)
                    }
                ));
            }
        }
        if unconsented {
            notices.push(ctx.t("news_unconsented").to_string());
        }
    }
    Ok(Article {
        source: source_name(ctx, post.province),
        date: ctx.date(post.publish_at.date()),
        time: post.publish_at.format("%H:%M").to_string(),
        blocks,
        own: own_view,
        cover,
        notices,
        post,
    })
}
