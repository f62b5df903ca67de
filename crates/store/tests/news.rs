//! News and galleries' store, on SQLite and on PostgreSQL when `TEST_DATABASE_URL` is set.

use sermphalang_domain::news::{NewsForm, Standing};
use sermphalang_store::audit::Actor;
use sermphalang_store::news::galleries;
use sermphalang_store::news::posts::{self, Scope};
use sermphalang_store::report::photos::{self, Made, OwnedSize, Which};
use sermphalang_store::search::{self, Audience, Query};
use sermphalang_store::testing::backends;
use sermphalang_store::{Db, PageRequest, StoreError, demo};

const UDON: i64 = 41;

fn tiny(_: u64) -> Option<Made> {
    let size = || OwnedSize {
        width: 4,
        height: 3,
        jpeg: vec![0xFF, 0xD8, 0xFF, 0xD9],
    };
    Some(Made {
        original: size(),
        display: size(),
        thumbnail: size(),
    })
}

async fn loaded(db: &Db) {
    demo::load(db, |p| format!("plain:{p}")).await.unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    demo::load_reports_as_of(db, today, tiny).await.unwrap();
    demo::load_news(db, tiny).await.unwrap();
}

fn open(text: &str) -> Query {
    Query {
        text: text.into(),
        province: None,
        audiences: vec![Audience::Public],
        kinds: Vec::new(),
        page: PageRequest::new(None),
    }
}

#[tokio::test]
async fn readers_see_published_posts_only_and_the_open_search_finds_them() {
    for t in backends("news_public").await {
        let db = &t.db;
        loaded(db).await;
        let everyone = posts::public_list(db, Scope::Everyone, None, PageRequest::new(None))
            .await
            .unwrap();
        let titles: Vec<&str> = everyone.items.iter().map(|p| p.title.as_str()).collect();
        assert!(
            titles.contains(&demo::news::WORKSHOP_NEWS_TITLE),
            "{titles:?}"
        );
        assert!(
            titles.iter().all(|t| !t.starts_with("ร่าง")),
            "no drafts: {titles:?}"
        );
        assert!(
            !titles.contains(&"เชิญร่วมตลาดนัดความดีประจำปี"),
            "not before its time"
        );
        assert!(
            everyone
                .items
                .iter()
                .all(|p| p.standing() == Standing::Published)
        );
        let national = posts::public_list(db, Scope::National, None, PageRequest::new(None))
            .await
            .unwrap();
        assert_eq!(national.total, 1);
        let tagged = posts::public_list(
            db,
            Scope::Province(UDON),
            Some("อบรม"),
            PageRequest::new(None),
        )
        .await
        .unwrap();
        assert_eq!(tagged.total, 1);
        assert_eq!(tagged.items[0].tags.len(), 3);

        let found = search::find(db, &open("เสริมพลัง")).await.unwrap();
        assert!(
            found
                .hits
                .items
                .iter()
                .any(|h| h.title == demo::news::WORKSHOP_NEWS_TITLE)
        );
        let hidden = search::find(db, &open("ตลาดนัดความดี")).await.unwrap();
        assert!(
            hidden
                .hits
                .items
                .iter()
                .all(|h| h.title != "เชิญร่วมตลาดนัดความดีประจำปี"),
            "a scheduled post is not found before its time"
        );
        let draft = search::find(db, &open("รวบรวมผล")).await.unwrap();
        assert_eq!(draft.hits.total, 0, "drafts are for editors");
        let editors = Query {
            province: Some(UDON),
            audiences: vec![Audience::Editors],
            ..open("รวบรวมผล")
        };
        assert_eq!(search::find(db, &editors).await.unwrap().hits.total, 1);
    }
}

#[tokio::test]
async fn the_workshop_post_shows_its_gallery_and_the_missing_folder_is_named() {
    for t in backends("news_galleries").await {
        let db = &t.db;
        loaded(db).await;
        let list = posts::list(db, Some(UDON), PageRequest::new(None))
            .await
            .unwrap();
        let workshop = list
            .items
            .iter()
            .find(|p| p.title == demo::news::WORKSHOP_NEWS_TITLE)
            .unwrap();
        let (own, named) = posts::shown_galleries(db, workshop).await.unwrap();
        assert_eq!(own.len(), 12);
        assert_eq!(own.iter().filter(|p| !p.consent).count(), 1);
        assert!(named.is_empty());
        assert!(workshop.event.is_some(), "linked to the workshop");
        assert!(workshop.cover_public.is_some());
        let missing = list
            .items
            .iter()
            .find(|p| p.body.contains("{gallery}"))
            .unwrap();
        let (_, named) = posts::shown_galleries(db, missing).await.unwrap();
        assert_eq!(named.len(), 1);
        assert_eq!(named[0].0, "news-pr-2565/23-02-65/4");
        assert!(named[0].1.is_none());
        let bytes = galleries::intact_bytes(db, own[0].id, Which::Display)
            .await
            .unwrap();
        assert_eq!(bytes.unwrap(), vec![0xFF, 0xD8, 0xFF, 0xD9]);
        assert!(
            galleries::missing(db, workshop.gallery.unwrap())
                .await
                .unwrap()
                .is_empty()
        );
        let from_report = list.items.iter().find(|p| p.report.is_some()).unwrap();
        assert_eq!(from_report.standing(), Standing::Draft);
        let (photos_of_report, _) = posts::shown_galleries(db, from_report).await.unwrap();
        assert!(!photos_of_report.is_empty());
        assert!(
            photos_of_report
                .iter()
                .all(|p| p.consent && p.report == from_report.report)
        );
    }
}

#[tokio::test]
async fn bad_links_and_covers_are_refused_and_nothing_is_half_saved() {
    for t in backends("news_refused").await {
        let db = &t.db;
        loaded(db).await;
        let actor = Actor::system();
        let now = sermphalang_thai::now_in_thailand();
        let khon_kaen_gallery = {
            let mut tx = db.audited(&actor, Some(40)).await.unwrap();
            let id = galleries::create(&mut tx, Some(40), "ขอนแก่น", "")
                .await
                .unwrap();
            tx.commit_recorded().await.unwrap();
            id
        };
        let form = NewsForm {
            title: "ข่าวทดสอบ".into(),
            gallery: khon_kaen_gallery.to_string(),
            cover: "999999".into(),
            ..NewsForm::default()
        };
        let input = form.validate(now).unwrap();
        let before = posts::list(db, Some(UDON), PageRequest::new(None))
            .await
            .unwrap()
            .total;
        let err = posts::create(db, &actor, Some(UDON), &input)
            .await
            .unwrap_err();
        let StoreError::Invalid(invalid) = err else {
            panic!("{err:?}")
        };
        assert!(invalid.for_field("gallery").is_some());
        assert!(invalid.for_field("cover").is_some());
        let after = posts::list(db, Some(UDON), PageRequest::new(None))
            .await
            .unwrap()
            .total;
        assert_eq!(before, after);
        let mut tx = db.audited(&actor, Some(UDON)).await.unwrap();
        let taken = galleries::create(
            &mut tx,
            Some(UDON),
            "ซ้ำ",
            "/images/News-PR-2565/18-02-65/1/",
        )
        .await;
        assert!(
            matches!(taken, Err(StoreError::Invalid(_))),
            "the same folder twice"
        );
    }
}

#[tokio::test]
async fn a_removed_report_photo_leaves_galleries_and_covers_calmly() {
    for t in backends("news_removed_photo").await {
        let db = &t.db;
        loaded(db).await;
        let list = posts::list(db, Some(UDON), PageRequest::new(None))
            .await
            .unwrap();
        let post = list
            .items
            .iter()
            .find(|p| p.report.is_some())
            .unwrap()
            .clone();
        let cover = post.cover.unwrap();
        let actor = Actor::system();
        let mut tx = db.audited(&actor, Some(UDON)).await.unwrap();
        photos::remove(&mut tx, post.report.unwrap(), cover)
            .await
            .unwrap();
        tx.commit_recorded().await.unwrap();
        let again = posts::find(db, Some(UDON), post.id).await.unwrap();
        assert_eq!(again.cover, None);
        let (own, _) = posts::shown_galleries(db, &again).await.unwrap();
        assert!(own.iter().all(|p| p.id != cover));
    }
}
