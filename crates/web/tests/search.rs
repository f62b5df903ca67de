//! The search pages through the running app: word boundaries, scopes by who is asking, kinds,
//! and calm answers to queries that hold no word or far too many.

mod common;

use common::{Client, spawn};
use sermphalang_store::PageRequest;
use sermphalang_store::registry::org::{self, OrgFilter};
use sermphalang_store::training::event;

#[tokio::test]
async fn members_search_their_province_and_see_what_was_found_marked() {
    let app = spawn().await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let home = c.page("/p/41").await;
    assert!(
        home.contains(r#"action="/p/41/search""#),
        "a search box on every page"
    );

    let page = c.page("/p/41/search?q=%E0%B8%A7%E0%B8%B1%E0%B8%94").await; // วัด
    assert!(page.contains(r#"<ol class="hits">"#), "{page}");
    assert!(page.contains("<mark>วัด</mark>"), "found words are marked");
    assert!(page.contains("/p/41/orgs/"));

    let entries = c.page("/p/41/search?q=คุณธรรม&kind=plan_entry").await;
    assert!(entries.contains(r#"href="/p/41/plans/"#), "{entries}");
    assert!(
        !entries.contains(r#"href="/p/41/orgs/"#),
        "a kind filter keeps to its kind"
    );
    let every = c.page("/p/41/search?q=คุณธรรม").await;
    assert!(
        every.contains("kind=plan_entry"),
        "a tab for each kind found"
    );

    let nothing = c.page("/p/41/search?q=แม่น").await;
    assert!(!nothing.contains("<mark>"), "แม่น is not found inside แม่น้ำ");
    assert!(nothing.contains("ไม่พบรายการที่ตรงกับทุกคำที่ค้น"));

    let no_words = c.page("/p/41/search?q=%25%27%22--").await;
    assert!(no_words.contains("คำค้นนี้ไม่มีคำให้ค้น"), "{no_words}");

    let long = "word ".repeat(2_000);
    let r = c.get(&format!("/p/41/search?q={long}")).await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("จึงค้นเฉพาะ 200 ตัวอักษรแรก"));
}

#[tokio::test]
async fn registry_lists_find_by_whole_words() {
    let app = spawn().await;
    let c = Client::login(&app, "member@demo.example", "demo-member-2565").await;
    let first = org::list(
        &app.db.db,
        41,
        &OrgFilter::default(),
        PageRequest::new(None),
    )
    .await
    .unwrap()
    .items[0]
        .name
        .clone();
    let page = c.page(&format!("/p/41/orgs?q={first}")).await;
    assert!(page.contains(&format!(">{first}</a>")), "{first}");
    let page = c.page("/p/41/orgs?q=แม่น").await;
    assert!(page.contains("ไม่พบ"), "nothing glued inside a longer word");
}

#[tokio::test]
async fn the_open_search_finds_published_events_and_nothing_of_the_members() {
    let app = spawn().await;
    let published = event::list(&app.db.db, 41)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.published && e.cancelled_at.is_none())
        .expect("the demo publishes an event");
    let anon = Client::new(&app);
    let page = anon.page(&format!("/search?q={}", published.title)).await;
    assert!(
        page.contains(&format!(r#"href="/events/{}""#, published.id)),
        "{page}"
    );
    assert!(page.contains(r#"action="/search""#));
    let org_name = org::list(
        &app.db.db,
        41,
        &OrgFilter::default(),
        PageRequest::new(None),
    )
    .await
    .unwrap()
    .items[0]
        .name
        .clone();
    let page = anon.page(&format!("/search?q={org_name}")).await;
    assert!(!page.contains("/orgs/"), "organizations are for members");

    let national = Client::login(&app, "national@demo.example", "demo-national-2565").await;
    let page = national.page(&format!("/search?q={org_name}")).await;
    assert!(
        page.contains("/p/41/orgs/"),
        "national staff search every province"
    );
    assert!(page.contains("อุดรธานี"), "with the province named");
}
