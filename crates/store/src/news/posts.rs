//! News posts: written, scheduled, published, found by readers and by the search index.

use super::galleries::{self, GalleryPhoto};
use super::{now_stamp, stamp, unstamp};
use crate::audit::{Actor, Change, Write};
use crate::page::Filter;
use crate::report::photos;
use crate::search::{self, Kind};
use crate::sql::{Columns, Value};
use crate::{Db, Page, PageRequest, Result, StoreError, now};
use chrono::NaiveDateTime;
use serde::Serialize;
use sermphalang_domain::news::{NewsInput, NewsStatus, Standing};
use sermphalang_domain::{FieldError, Invalid};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

#[derive(Debug, Clone, Serialize)]
pub struct Post {
    pub id: i64,
    /// None for the Moral Center's own posts.
    pub province: Option<i64>,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub byline: String,
    pub tags: Vec<String>,
    pub status: NewsStatus,
    pub publish_at: NaiveDateTime,
    pub event: Option<i64>,
    pub cycle: Option<i64>,
    pub entry: Option<i64>,
    pub report: Option<i64>,
    pub gallery: Option<i64>,
    pub cover: Option<i64>,
    pub source: Option<String>,
    pub updated_at: String,
    /// The cover's thumbnail size, when the people in it agreed to its publication.
    pub cover_public: Option<(i64, i64)>,
}

impl Post {
    pub fn standing(&self) -> Standing {
        Standing::of(
            self.status,
            self.publish_at,
            sermphalang_thai::now_in_thailand(),
        )
    }

    /// Whether readers may see it now.
    pub fn is_public(&self) -> bool {
        self.standing() == Standing::Published
    }
}

const COLUMNS: &str = "n.id, n.province_code, n.title, n.summary, n.body, n.byline, n.status, \
     n.publish_at, n.event_id, n.cycle_id, n.entry_id, n.report_id, n.gallery_id, \
     n.cover_photo_id, n.source, n.updated_at, \
     (SELECT c.thumbnail_width FROM photos c WHERE c.id = n.cover_photo_id AND c.consent = 1), \
     (SELECT c.thumbnail_height FROM photos c WHERE c.id = n.cover_photo_id AND c.consent = 1)";

fn post(r: &AnyRow) -> Post {
    Post {
        id: r.get(0),
        province: r.get(1),
        title: r.get(2),
        summary: r.get(3),
        body: r.get(4),
        byline: r.get(5),
        tags: Vec::new(),
        status: NewsStatus::parse(&r.get::<String, _>(6)).unwrap_or(NewsStatus::Draft),
        publish_at: unstamp(&r.get::<String, _>(7)),
        event: r.get(8),
        cycle: r.get(9),
        entry: r.get(10),
        report: r.get(11),
        gallery: r.get(12),
        cover: r.get(13),
        source: r.get(14),
        updated_at: r.get(15),
        cover_public: r.get::<Option<i64>, _>(16).zip(r.get::<Option<i64>, _>(17)),
    }
}

/// Which posts a reader's list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The Moral Center's and every province's.
    Everyone,
    National,
    Province(i64),
}

impl Scope {
    fn of(province: Option<i64>) -> Scope {
        province.map_or(Scope::National, Scope::Province)
    }

    fn filter(self) -> Filter {
        let mut f = Filter::new("FROM news_posts n WHERE 1 = 1");
        match self {
            Scope::Everyone => {}
            Scope::National => f.sql.push_str(" AND n.province_code IS NULL"),
            Scope::Province(p) => f.and("n.province_code = ?", Value::from(p)),
        }
        f
    }
}

async fn attach_tags(db: &Db, posts: &mut [Post]) -> Result<()> {
    for p in posts.iter_mut() {
        p.tags = sqlx::query_scalar("SELECT tag FROM news_tags WHERE post_id = $1 ORDER BY tag")
            .bind(p.id)
            .fetch_all(db.read())
            .await?;
    }
    Ok(())
}

async fn page_of(db: &Db, f: &Filter, page: PageRequest) -> Result<Page<Post>> {
    let total = f
        .scalar(&format!("SELECT COUNT(*) {}", f.sql))
        .fetch_one(db.read())
        .await?;
    let sql = format!(
        "SELECT {COLUMNS} {} ORDER BY n.publish_at DESC, n.id DESC {}",
        f.sql,
        page.limit_offset(f.binds.len() + 1)
    );
    let rows = f
        .query(&sql)
        .bind(page.offset())
        .fetch_all(db.read())
        .await?;
    let mut items: Vec<Post> = rows.iter().map(post).collect();
    attach_tags(db, &mut items).await?;
    Ok(Page {
        items,
        total,
        page: page.page,
        per_page: page.per_page,
    })
}

/// Every post of a province (or the nation's), drafts and scheduled ones too: the editors'
/// list.
pub async fn list(db: &Db, province: Option<i64>, page: PageRequest) -> Result<Page<Post>> {
    page_of(db, &Scope::of(province).filter(), page).await
}

/// The posts readers see: published, their time come; with a tag, only those tagged so.
pub async fn public_list(
    db: &Db,
    scope: Scope,
    tag: Option<&str>,
    page: PageRequest,
) -> Result<Page<Post>> {
    let mut f = scope.filter();
    f.sql.push_str(" AND n.status = 'published'");
    f.and("n.publish_at <= ?", Value::from(now_stamp()));
    if let Some(tag) = tag {
        f.and(
            "EXISTS (SELECT 1 FROM news_tags t WHERE t.post_id = n.id AND t.tag = ?)",
            Value::from(tag),
        );
    }
    page_of(db, &f, page).await
}

/// A post of the province (or the nation's) for its editors, whatever its standing.
pub async fn find(db: &Db, province: Option<i64>, id: i64) -> Result<Post> {
    let mut f = Scope::of(province).filter();
    f.and("n.id = ?", Value::from(id));
    let row = f
        .query(&format!("SELECT {COLUMNS} {}", f.sql))
        .fetch_optional(db.read())
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut found = vec![post(&row)];
    attach_tags(db, &mut found).await?;
    Ok(found.remove(0))
}

/// A post anyone may read: published and its time come. Others are simply not found.
pub async fn find_public(db: &Db, id: i64) -> Result<Post> {
    let row = sqlx::query(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM news_posts n WHERE n.id = $1 AND n.status = 'published' \
         AND n.publish_at <= $2"
    )))
    .bind(id)
    .bind(now_stamp())
    .fetch_optional(db.read())
    .await?
    .ok_or(StoreError::NotFound)?;
    let mut found = vec![post(&row)];
    attach_tags(db, &mut found).await?;
    Ok(found.remove(0))
}

/// `id` is a record of `table` in the province (any province for a national post).
async fn belongs(
    tx: &mut Write<'_>,
    table: &str,
    province: Option<i64>,
    id: Option<i64>,
) -> Result<bool> {
    let Some(id) = id else { return Ok(true) };
    let sql = match table {
        "plan_entries" => "SELECT COUNT(*) FROM plan_entries e JOIN plans p ON p.id = e.plan_id \
             WHERE e.id = $1 AND ($2 IS NULL OR p.province_code = $2)"
            .to_string(),
        "galleries" => "SELECT COUNT(*) FROM galleries WHERE id = $1 \
             AND ((province_code IS NULL AND $2 IS NULL) OR province_code = $2)"
            .to_string(),
        _ => format!(
            "SELECT COUNT(*) FROM {table} WHERE id = $1 AND ($2 IS NULL OR province_code = $2)"
        ),
    };
    let n: i64 = sqlx::query_scalar(AssertSqlSafe(sql))
        .bind(id)
        .bind(province)
        .fetch_one(&mut **tx)
        .await?;
    Ok(n > 0)
}

/// Linked records must be the province's; the cover must be a photo of the post's gallery.
async fn check(tx: &mut Write<'_>, province: Option<i64>, input: &NewsInput) -> Result<()> {
    let mut errors = Invalid::default();
    for (field, table, id, th, en) in [
        ("event", "events", input.event, "กิจกรรม/การอบรม", "event"),
        (
            "cycle",
            "cycles",
            input.cycle,
            "รอบการประเมิน",
            "evaluation cycle",
        ),
        (
            "entry",
            "plan_entries",
            input.entry,
            "แผนงาน/โครงการ",
            "plan entry",
        ),
        (
            "report",
            "reports",
            input.report,
            "รายงานกิจกรรม",
            "activity report",
        ),
        ("gallery", "galleries", input.gallery, "ชุดภาพ", "gallery"),
    ] {
        if !belongs(tx, table, province, id).await? {
            errors.push(FieldError::new(
                field,
                format!("ไม่พบ{th}ที่เลือกในจังหวัดนี้"),
                format!("The chosen {en} is not one of this province's"),
            ));
        }
    }
    if let Some(cover) = input.cover {
        let in_gallery: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM gallery_photos WHERE gallery_id = $1 AND photo_id = $2",
        )
        .bind(input.gallery)
        .bind(cover)
        .fetch_one(&mut **tx)
        .await?;
        if in_gallery == 0 {
            errors.push(FieldError::new(
                "cover",
                "ภาพปกต้องเป็นภาพหนึ่งในชุดภาพของข่าว",
                "The cover must be one of the post's gallery photos",
            ));
        }
    }
    if errors.0.is_empty() {
        Ok(())
    } else {
        Err(errors.into())
    }
}

async fn write_tags(tx: &mut Write<'_>, id: i64, tags: &[String]) -> Result<()> {
    sqlx::query("DELETE FROM news_tags WHERE post_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for tag in tags {
        sqlx::query("INSERT INTO news_tags (post_id, tag) VALUES ($1, $2)")
            .bind(id)
            .bind(tag.clone())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A post's own columns, listed once for insert and update.
fn columns(input: &NewsInput, at: &str) -> Columns {
    Columns::new()
        .set("title", &input.title)
        .set("summary", &input.summary)
        .set("body", &input.body)
        .set("byline", &input.byline)
        .set("status", input.status.code())
        .set("publish_at", stamp(input.publish_at))
        .set("event_id", input.event)
        .set("cycle_id", input.cycle)
        .set("entry_id", input.entry)
        .set("report_id", input.report)
        .set("gallery_id", input.gallery)
        .set("cover_photo_id", input.cover)
        .set("updated_at", at)
}

/// Writes a checked post in `tx`, with its audit entry: imports and one-step posts write
/// several things in one transaction.
pub async fn insert(
    tx: &mut Write<'_>,
    province: Option<i64>,
    input: &NewsInput,
    source: Option<&str>,
) -> Result<i64> {
    check(tx, province, input).await?;
    let at = now();
    let id = columns(input, &at)
        .set("province_code", province)
        .set("source", source)
        .set("created_by", tx.actor().user_id)
        .set("created_at", &at)
        .insert(tx, "news_posts")
        .await
        .map_err(|e| {
            let e = StoreError::from(e);
            if e.is_unique_violation() {
                Invalid(vec![FieldError::new(
                    "source",
                    "ข่าวนี้นำเข้าแล้ว",
                    "This post was imported already",
                )])
                .into()
            } else {
                e
            }
        })?;
    write_tags(tx, id, &input.tags).await?;
    search::refresh(tx, Kind::News, id).await?;
    tx.record(Change::new("create", "news_post", id).after(input))
        .await?;
    Ok(id)
}

pub async fn create(
    db: &Db,
    actor: &Actor,
    province: Option<i64>,
    input: &NewsInput,
) -> Result<i64> {
    let mut tx = db.audited(actor, province).await?;
    let id = insert(&mut tx, province, input, None).await?;
    tx.commit_recorded().await?;
    Ok(id)
}

pub async fn update(
    db: &Db,
    actor: &Actor,
    province: Option<i64>,
    id: i64,
    input: &NewsInput,
) -> Result<()> {
    let before = find(db, province, id).await?;
    let mut tx = db.audited(actor, province).await?;
    check(&mut tx, province, input).await?;
    columns(input, &now())
        .update(&mut tx, "news_posts", "id = ?", &[id.into()])
        .await?;
    write_tags(&mut tx, id, &input.tags).await?;
    search::refresh(&mut tx, Kind::News, id).await?;
    tx.commit(
        Change::new("update", "news_post", id)
            .before(&before)
            .after(input),
    )
    .await
}

/// Deletes a post; its gallery and photos stay.
pub async fn remove(db: &Db, actor: &Actor, province: Option<i64>, id: i64) -> Result<()> {
    let before = find(db, province, id).await?;
    let mut tx = db.audited(actor, province).await?;
    sqlx::query("DELETE FROM news_tags WHERE post_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM news_posts WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    search::refresh(&mut tx, Kind::News, id).await?;
    tx.commit(Change::new("delete", "news_post", id).before(&before))
        .await
}

/// A draft post from an approved report, in one step: its title, its narrative, a new gallery
/// of its consented photos (referenced by id), the first of them as the cover.
pub async fn from_report(
    db: &Db,
    actor: &Actor,
    province: i64,
    report: i64,
    byline: &str,
) -> Result<i64> {
    let found = crate::report::reports::find(db, province, report).await?;
    if found.status != sermphalang_domain::report::ReportStatus::Approved {
        return Err(Invalid(vec![FieldError::new(
            "report",
            "ทำข่าวได้จากรายงานที่อนุมัติแล้วเท่านั้น",
            "Only an approved report can become a post",
        )])
        .into());
    }
    let shown: Vec<_> = photos::of_report(db, report)
        .await?
        .into_iter()
        .filter(|p| p.consent)
        .collect();
    let mut tx = db.audited(actor, Some(province)).await?;
    let gallery = if shown.is_empty() {
        None
    } else {
        let id = galleries::create(&mut tx, Some(province), &found.title, "").await?;
        for photo in &shown {
            galleries::add(&mut tx, id, photo.id, &photo.caption).await?;
        }
        Some(id)
    };
    let input = NewsInput {
        title: found.title.clone(),
        summary: String::new(),
        body: found.narrative.clone(),
        byline: byline.to_string(),
        tags: Vec::new(),
        status: NewsStatus::Draft,
        publish_at: sermphalang_thai::now_in_thailand(),
        event: None,
        cycle: None,
        entry: found.entry_id,
        report: Some(report),
        gallery,
        cover: shown.first().map(|p| p.id),
    };
    let id = insert(&mut tx, Some(province), &input, None).await?;
    tx.commit_recorded().await?;
    Ok(id)
}

/// Posts whose time has come since they were indexed: indexed again, so that readers find
/// them. Run every minute by the server; any instance may run it.
pub async fn publish_due(db: &Db) -> Result<usize> {
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT n.id FROM news_posts n JOIN search_documents d ON d.kind = 'news' \
         AND d.ref_id = n.id WHERE n.status = 'published' AND n.publish_at <= $1 \
         AND d.audience <> 'public'",
    )
    .bind(now_stamp())
    .fetch_all(db.read())
    .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let actor = Actor::system();
    let mut tx = db.audited(&actor, None).await?;
    for id in &due {
        search::refresh(&mut tx, Kind::News, *id).await?;
    }
    tx.commit_recorded().await?;
    Ok(due.len())
}

/// The photos a post shows, for a reader's page or for serving one: its gallery's and those
/// of the galleries its body names, with the names found missing.
pub async fn shown_galleries(
    db: &Db,
    post: &Post,
) -> Result<(Vec<GalleryPhoto>, Vec<(String, Option<Vec<GalleryPhoto>>)>)> {
    let own = match post.gallery {
        Some(g) => galleries::photos(db, g).await?,
        None => Vec::new(),
    };
    let keys: Vec<String> = sermphalang_domain::news::gallery::pieces(&post.body)
        .into_iter()
        .filter_map(|p| match p {
            sermphalang_domain::news::gallery::Piece::Gallery(k) => Some(k),
            _ => None,
        })
        .collect();
    let found = galleries::by_folders(db, post.province, &keys).await?;
    let mut named = Vec::new();
    for key in keys {
        let photos = match found.get(&key) {
            Some(g) => Some(galleries::photos(db, g.id).await?),
            None => None,
        };
        named.push((key, photos));
    }
    Ok((own, named))
}
