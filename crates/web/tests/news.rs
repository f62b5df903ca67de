//! News through the running app: public pages with Open Graph tags, galleries that show the
//! display size and never the original, a missing gallery and a damaged photo shown calmly,
//! Markdown that cannot carry a script, feeds, the print view, and uploads to a gallery.

mod common;

use common::{Client, TestApp, location, spawn};
use sermphalang_store::PageRequest;
use sermphalang_store::demo;
use sermphalang_store::news::posts::{self, Post};
use sermphalang_store::report::photos::{Made, OwnedSize};

fn tiny(_: u64) -> Option<Made> {
    let size = |w: u32| OwnedSize {
        width: w,
        height: w * 3 / 4,
        jpeg: vec![0xFF, 0xD8, 0xFF, 0xD9],
    };
    Some(Made {
        original: size(4000),
        display: size(1600),
        thumbnail: size(480),
    })
}

async fn with_news() -> (TestApp, Vec<Post>) {
    let app = spawn().await;
    demo::load_news(&app.db.db, tiny).await.unwrap();
    let all = PageRequest {
        page: 1,
        per_page: 100,
    };
    let posts = posts::list(&app.db.db, Some(41), all).await.unwrap().items;
    (app, posts)
}

fn find<'a>(posts: &'a [Post], title: &str) -> &'a Post {
    posts.iter().find(|p| p.title.starts_with(title)).unwrap()
}

#[tokio::test]
async fn the_workshop_article_shares_well_and_its_gallery_serves_display_sizes() {
    let (app, posts) = with_news().await;
    let workshop = find(&posts, demo::news::WORKSHOP_NEWS_TITLE);
    let anon = Client::new(&app);
    let list = anon.page("/news").await;
    assert!(list.contains(demo::news::WORKSHOP_NEWS_TITLE));
    assert!(!list.contains("ร่าง:"), "no drafts in the public list");
    let page = anon.page(&format!("/news/{}", workshop.id)).await;
    assert!(page.contains(r#"<meta property="og:title""#));
    assert!(
        page.contains(r#"<meta property="og:image" content="http"#),
        "{page}"
    );
    assert!(page.contains("srcset=\""));
    assert!(page.contains(r#"loading="lazy""#));
    assert!(
        page.contains("/display\""),
        "the lightbox opens the display size"
    );
    assert!(!page.contains("/original"), "never the original");
    assert!(page.contains("เขียนข่าวและถ่ายภาพ"));
    assert!(page.contains("<h2>สามขั้นตอน"), "Markdown rendered");
    assert!(page.contains(&format!("href=\"/events/{}\"", workshop.event.unwrap())));
    let (own, _) = posts::shown_galleries(&app.db.db, workshop).await.unwrap();
    let hidden = own.iter().find(|p| !p.consent).unwrap();
    assert!(
        !page.contains(&format!("/photos/{}/", hidden.id)),
        "no unconsented photo"
    );
    let shown = own.iter().find(|p| p.consent).unwrap();
    let base = format!("/news/{}/photos", workshop.id);
    let r = anon.get(&format!("{base}/{}/display", shown.id)).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    for refused in [
        format!("{base}/{}/original", shown.id),
        format!("{base}/{}/display", hidden.id),
    ] {
        assert_eq!(anon.get(&refused).await.status(), 404, "{refused}");
    }
    let editor = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let edit = editor
        .page(&format!("/p/41/news/{}/edit", workshop.id))
        .await;
    assert!(edit.contains(demo::news::WORKSHOP_NEWS_TITLE));
    let r = editor
        .post(
            &format!("/p/41/news/{}", workshop.id),
            &[
                ("title", "หัวข้อที่แก้แล้ว"),
                ("status", "published"),
                ("publish_on", "23/02/2565"),
                ("publish_time", "10:00"),
                ("gallery", &workshop.gallery.unwrap().to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let again = anon.page(&format!("/news/{}", workshop.id)).await;
    assert!(
        again.contains("หัวข้อที่แก้แล้ว"),
        "a kept article is dropped by a write"
    );
    let shown_photo = format!("{base}/{}/display", shown.id);
    assert_eq!(anon.get(&shown_photo).await.status(), 200);
    let r = editor
        .post(
            &format!("/p/41/news/{}", workshop.id),
            &[
                ("title", "หัวข้อที่แก้แล้ว"),
                ("status", "published"),
                ("publish_on", "23/02/2565"),
                ("publish_time", "10:00"),
                ("gallery", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        anon.get(&shown_photo).await.status(),
        404,
        "the photos an article shows are not kept past a write"
    );
    let print = anon.page(&format!("/news/{}/print", workshop.id)).await;
    assert!(print.contains("หัวข้อที่แก้แล้ว"));
    assert!(!print.contains("gallery.js"));
    let rss = anon.page("/news/feed.rss").await;
    assert!(rss.contains("<rss") && rss.contains("หัวข้อที่แก้แล้ว"));
    let atom = anon.page("/news/feed.atom?province=41").await;
    assert!(atom.contains("<feed") && atom.contains("หัวข้อที่แก้แล้ว"));
}

#[tokio::test]
async fn a_missing_gallery_or_a_damaged_photo_never_breaks_the_page() {
    let (app, posts) = with_news().await;
    let missing = posts.iter().find(|p| p.body.contains("{gallery}")).unwrap();
    let anon = Client::new(&app);
    let r = anon.get(&format!("/news/{}", missing.id)).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(page.contains("ภาพชุดนี้ยังไม่พร้อมแสดง"));
    assert!(!page.contains("{gallery}"), "no raw tag");
    assert!(
        !page.contains("News-PR-2565"),
        "readers are not shown the folder"
    );
    let editor = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let preview = editor.page(&format!("/p/41/news/{}", missing.id)).await;
    assert!(
        preview.contains("news-pr-2565/23-02-65/4"),
        "editors see what is missing"
    );

    let workshop = find(&posts, demo::news::WORKSHOP_NEWS_TITLE);
    let (own, _) = posts::shown_galleries(&app.db.db, workshop).await.unwrap();
    let damaged = own.iter().find(|p| p.consent).unwrap();
    // Bytes that are not what was stored: their checksum no longer holds.
    sqlx::query(
        "UPDATE files SET sha256 = 'damaged' \
         WHERE id = (SELECT display_file_id FROM photos WHERE id = $1)",
    )
    .bind(damaged.id)
    .execute(app.db.db.write())
    .await
    .unwrap();
    let r = anon
        .get(&format!(
            "/news/{}/photos/{}/display",
            workshop.id, damaged.id
        ))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/svg+xml");
    assert!(anon.get(&format!("/news/{}", workshop.id)).await.status() == 200);
    let preview = editor.page(&format!("/p/41/news/{}", workshop.id)).await;
    assert!(
        preview.contains(&format!("#{}", damaged.id)),
        "editors are told which photo"
    );
}

#[tokio::test]
async fn markdown_cannot_carry_a_script_and_schedules_hold() {
    let (app, posts) = with_news().await;
    let editor = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let body = "ก่อน <script>alert(1)</script> [คลิก](javascript:alert(1)) <img src=x onerror=alert(1)> <svg onload=alert(1)></svg>";
    let r = editor
        .post(
            "/p/41/news",
            &[
                ("title", "ทดสอบความปลอดภัย"),
                ("body", body),
                ("status", "published"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let id = location(&r).rsplit('/').next().unwrap().to_string();
    let page = Client::new(&app).page(&format!("/news/{id}")).await;
    let article = page.split("<article").nth(1).unwrap();
    assert!(article.contains("&lt;script&gt;"), "shown as text");
    for evil in [
        "<script",
        "href=\"javascript",
        "<img",
        "<svg",
        "onerror=alert(1)>",
    ] {
        assert!(!article.contains(evil), "{evil} passed");
    }
    let bad = editor
        .post("/p/41/news", &[("title", ""), ("publish_time", "25:99")])
        .await;
    assert_eq!(bad.status(), 422);
    let text = bad.text().await.unwrap();
    assert!(text.contains("หัวข้อข่าว") && text.contains("25:99"));
    let scheduled = find(&posts, "เชิญร่วมตลาดนัดความดี");
    let anon = Client::new(&app);
    assert_eq!(
        anon.get(&format!("/news/{}", scheduled.id)).await.status(),
        404
    );
    let draft = find(&posts, "ร่าง:");
    assert_eq!(anon.get(&format!("/news/{}", draft.id)).await.status(), 404);
}

#[tokio::test]
async fn photos_are_uploaded_to_a_gallery_and_bad_files_are_named() {
    let app = spawn().await;
    let editor = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let r = editor
        .post(
            "/p/41/galleries",
            &[("title", "ตลาดนัดความดี"), ("folder", "")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let gallery = location(&r);
    let jpeg = sermphalang_documents::sample_photo::drawn(7, 1200, 900);
    let form = reqwest::multipart::Form::new()
        .text("caption", "บรรยากาศตลาดนัด")
        .text("consent", "1")
        .part(
            "photos",
            reqwest::multipart::Part::bytes(jpeg).file_name("market.jpg"),
        )
        .part(
            "photos",
            reqwest::multipart::Part::bytes(b"not a photo".to_vec()).file_name("notes.txt"),
        );
    let r = editor
        .http
        .post(editor.url(&format!("{gallery}/photos")))
        .header("x-csrf-token", editor.csrf())
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("notes.txt"), "the refused file is named");
    assert!(page.contains("บรรยากาศตลาดนัด"), "the good photo was kept");
    assert!(page.contains("/thumbnail"));
}

/// A visitor's public page is answered before routing once kept: the same bytes for the same
/// reader, compressed as asked, a signed-in editor never served from it, and a write shows at
/// once.
#[tokio::test]
async fn kept_public_pages_are_answered_before_routing_until_a_write() {
    let (app, _) = with_news().await;
    let http = reqwest::Client::new();
    let get = |encoding: &'static str| {
        let request = http.get(format!("{}/news", app.base));
        let request = if encoding.is_empty() {
            request
        } else {
            request.header("accept-encoding", encoding)
        };
        async move { request.send().await.unwrap() }
    };
    let hits = || common::kept_page_hits(&app);
    let first = get("").await;
    assert_eq!(first.status(), 200);
    assert!(first.headers().get("set-cookie").is_none());
    let policy = first.headers()["content-security-policy"].clone();
    let first = first.text().await.unwrap();
    let before = hits().await;
    let second = get("").await;
    assert_eq!(second.headers()["content-security-policy"], policy);
    assert_eq!(second.text().await.unwrap(), first);
    assert_eq!(
        hits().await,
        before + 1,
        "the second visit came from the front cache"
    );

    for _ in 0..2 {
        let gzipped = get("gzip").await;
        assert_eq!(gzipped.headers()["content-encoding"], "gzip");
        let bytes = gzipped.bytes().await.unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text)
            .unwrap();
        assert_eq!(text, first);
    }
    assert!(get("").await.headers().get("content-encoding").is_none());

    let editor = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let before = hits().await;
    assert!(
        editor.page("/news").await.contains("/logout"),
        "an editor's own page"
    );
    assert_eq!(
        hits().await,
        before,
        "never from the front cache when signed in"
    );
    let r = editor
        .post(
            "/p/41/news",
            &[
                ("title", "ข่าวใหม่หลังเก็บหน้า"),
                ("body", "เนื้อข่าว"),
                ("status", "published"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        get("")
            .await
            .text()
            .await
            .unwrap()
            .contains("ข่าวใหม่หลังเก็บหน้า")
    );
}
