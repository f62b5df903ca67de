//! Writing an import from another site in one transaction: its galleries (found by folder),
//! its posts with their own photos. A post already imported from the same source is skipped,
//! so importing the same export twice adds nothing.

use super::galleries;
use super::posts;
use crate::audit::{Actor, Change};
use crate::report::photos::NewPhoto;
use crate::{Db, Result};
use sermphalang_domain::news::NewsInput;

pub struct ImportedGallery<'a> {
    /// The folder key its posts' tags name.
    pub folder: String,
    pub photos: Vec<NewPhoto<'a>>,
}

pub struct ImportedPost<'a> {
    /// Where it came from, e.g. `joomla:412`.
    pub source: String,
    pub input: NewsInput,
    /// Pictures of its text and its intro image, in order: they become its own gallery, the
    /// first its cover.
    pub photos: Vec<NewPhoto<'a>>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Imported {
    pub posts: i64,
    pub galleries: i64,
    pub photos: i64,
    /// Sources imported before, left as they were.
    pub skipped: Vec<String>,
}

pub async fn import(
    db: &Db,
    actor: &Actor,
    province: Option<i64>,
    galleries_in: &[ImportedGallery<'_>],
    posts_in: &[ImportedPost<'_>],
) -> Result<Imported> {
    let mut done = Imported::default();
    let mut tx = db.audited(actor, province).await?;
    for g in galleries_in {
        let known = galleries::by_folders(db, province, std::slice::from_ref(&g.folder)).await?;
        if known.contains_key(&g.folder) {
            continue;
        }
        let id = galleries::create(&mut tx, province, &g.folder, &g.folder).await?;
        let gallery = galleries::find_in(&mut tx, id).await?;
        for photo in &g.photos {
            galleries::upload(&mut tx, &gallery, photo).await?;
            done.photos += 1;
        }
        done.galleries += 1;
    }
    for p in posts_in {
        let seen: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM news_posts WHERE source = $1 \
             AND COALESCE(province_code, 0) = COALESCE($2, 0)",
        )
        .bind(p.source.clone())
        .bind(province)
        .fetch_one(&mut *tx)
        .await?;
        if seen > 0 {
            done.skipped.push(p.source.clone());
            continue;
        }
        let mut input = p.input.clone();
        if !p.photos.is_empty() {
            let id = galleries::create(&mut tx, province, &input.title, "").await?;
            let gallery = galleries::find_in(&mut tx, id).await?;
            for photo in &p.photos {
                let photo_id = galleries::upload(&mut tx, &gallery, photo).await?;
                input.cover.get_or_insert(photo_id);
                done.photos += 1;
            }
            input.gallery = Some(id);
            done.galleries += 1;
        }
        posts::insert(&mut tx, province, &input, Some(&p.source)).await?;
        done.posts += 1;
    }
    tx.commit(
        Change::new("import", "news_post", None).after(&serde_json::json!({
            "posts": done.posts,
            "galleries": done.galleries,
            "photos": done.photos,
            "skipped": done.skipped,
        })),
    )
    .await?;
    Ok(done)
}
