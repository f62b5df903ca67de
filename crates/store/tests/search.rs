//! The search index, on SQLite and on PostgreSQL when `TEST_DATABASE_URL` is set: word
//! boundaries, glued names, scopes, and an index kept in step with every write.

use sermphalang_domain::registry::{OrgInput, OrgKind, PersonInput, Sector};
use sermphalang_store::audit::Actor;
use sermphalang_store::registry::org::{self, OrgFilter};
use sermphalang_store::registry::person::{self, PersonFilter};
use sermphalang_store::search::{self, Audience, Kind, Query};
use sermphalang_store::testing::backends;
use sermphalang_store::{Db, PageRequest, demo};
use sqlx::Row;

const UDON: i64 = 41;
const KHON_KAEN: i64 = 40;

fn org_input(name: &str, address: &str) -> OrgInput {
    OrgInput {
        name: name.into(),
        kind: OrgKind::Community,
        sectors: vec![Sector::Community],
        district: 4101,
        phone: "042-123-456".into(),
        email: "".into(),
        address: address.into(),
    }
}

fn person_input(prefix: &str, first: &str, last: &str, position: &str) -> PersonInput {
    PersonInput {
        prefix: prefix.into(),
        first_name: first.into(),
        last_name: last.into(),
        position: position.into(),
        organization: None,
        networks: vec![Sector::Community],
        phone: "".into(),
        email: "".into(),
    }
}

fn members(province: i64, text: &str) -> Query {
    Query {
        text: text.into(),
        province: Some(province),
        audiences: vec![Audience::Public, Audience::Members],
        kinds: Vec::new(),
        page: PageRequest::new(None),
    }
}

async fn titles(db: &Db, query: &Query) -> Vec<String> {
    let found = search::find(db, query).await.unwrap();
    found.hits.items.into_iter().map(|h| h.title).collect()
}

async fn seed(db: &Db) {
    let actor = Actor::system();
    for (name, address) in [
        ("ชุมชนริมแม่น้ำโขง", "หมู่ 3 บ้านท่าเสด็จ"),
        ("ชมรมแม่นยำการยิงธนู", ""),
        ("ตลาดนัดอาหารปลอดภัย", "ถนน ๒๕ มกรา"),
        ("ชมรมหารสองเพื่อนบ้าน", ""),
    ] {
        org::create(db, &actor, UDON, &org_input(name, address))
            .await
            .unwrap();
    }
    person::create(
        db,
        &actor,
        UDON,
        &person_input("นาย", "สมชาย", "ใจดีงาม", "ประธานชมรม"),
    )
    .await
    .unwrap();
    person::create(
        db,
        &actor,
        UDON,
        &person_input("นางสาว", "จันทร์เพ็ญ", "ศรีสุวรรณ", "ครู"),
    )
    .await
    .unwrap();
    org::create(db, &actor, KHON_KAEN, &org_input("ชุมชนแม่น้ำพอง", ""))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_query_matches_at_word_boundaries_only() {
    for t in backends("search_boundaries").await {
        let db = &t.db;
        seed(db).await;
        assert!(titles(db, &members(UDON, "แม่น")).await.is_empty());
        assert_eq!(titles(db, &members(UDON, "แม่น้ำ")).await, ["ชุมชนริมแม่น้ำโขง"]);
        assert_eq!(
            titles(db, &members(UDON, "แม่นยำ")).await,
            ["ชมรมแม่นยำการยิงธนู"]
        );
        assert_eq!(
            titles(db, &members(UDON, "หาร")).await,
            ["ชมรมหารสองเพื่อนบ้าน"]
        );
        assert_eq!(
            titles(db, &members(UDON, "อาหาร")).await,
            ["ตลาดนัดอาหารปลอดภัย"]
        );
        assert_eq!(
            titles(db, &members(UDON, "25 มกรา")).await,
            ["ตลาดนัดอาหารปลอดภัย"],
            "Arabic digits find Thai digits"
        );
        assert_eq!(
            titles(db, &members(UDON, "042123456")).await.len(),
            4,
            "a telephone number typed without its dashes"
        );
    }
}

#[tokio::test]
async fn names_are_found_by_a_surname_alone_and_glued_to_a_title() {
    for t in backends("search_names").await {
        let db = &t.db;
        seed(db).await;
        for query in [
            "ใจดีงาม",
            "สมชาย",
            "นายสมชาย",
            "สมชายใจดีงาม",
            "สมชาย ใจดีงาม",
            "นายสมชายใจดีงาม",
        ] {
            assert_eq!(
                titles(db, &members(UDON, query)).await,
                ["นายสมชาย ใจดีงาม"],
                "{query}"
            );
        }
        assert_eq!(
            titles(db, &members(UDON, "ศรีสุวรรณ")).await,
            ["นางสาวจันทร์เพ็ญ ศรีสุวรรณ"]
        );
        assert!(titles(db, &members(UDON, "สุวรรณ ชาย")).await.is_empty());
    }
}

#[tokio::test]
async fn odd_queries_get_a_calm_empty_answer() {
    for t in backends("search_odd").await {
        let db = &t.db;
        seed(db).await;
        let long = "ก".repeat(10_000);
        for query in [
            "",
            "   ",
            "%",
            "_",
            "' OR 1=1 --",
            ".*",
            "[a-z]+",
            "\\",
            long.as_str(),
        ] {
            let found = search::find(db, &members(UDON, query)).await.unwrap();
            assert!(found.hits.items.is_empty(), "{query:?}");
        }
        let filter = OrgFilter {
            q: "%".into(),
            ..OrgFilter::default()
        };
        let page = org::list(db, UDON, &filter, PageRequest::new(None))
            .await
            .unwrap();
        assert_eq!(page.total, 0, "a query without a word finds nothing");
    }
}

#[tokio::test]
async fn each_searcher_finds_only_what_they_may_see() {
    for t in backends("search_scope").await {
        let db = &t.db;
        seed(db).await;
        assert!(titles(db, &members(KHON_KAEN, "แม่น้ำโขง")).await.is_empty());
        assert_eq!(
            titles(db, &members(KHON_KAEN, "แม่น้ำ")).await,
            ["ชุมชนแม่น้ำพอง"]
        );
        let open = Query {
            audiences: vec![Audience::Public],
            province: None,
            ..members(UDON, "แม่น้ำ")
        };
        assert!(
            titles(db, &open).await.is_empty(),
            "organizations are for members"
        );
        let nobody = Query {
            audiences: Vec::new(),
            ..members(UDON, "แม่น้ำ")
        };
        assert!(titles(db, &nobody).await.is_empty());
        let people_only = Query {
            kinds: vec![Kind::Person],
            ..members(UDON, "ชมรม")
        };
        let found = search::find(db, &people_only).await.unwrap();
        assert_eq!(found.hits.total, 1);
        assert_eq!(found.hits.items[0].title, "นายสมชาย ใจดีงาม");
        assert!(found.by_kind.contains(&(Kind::Organization, 2)));
        assert!(found.by_kind.contains(&(Kind::Person, 1)));
    }
}

#[tokio::test]
async fn writes_keep_the_index_in_step_and_registry_lists_use_it() {
    for t in backends("search_writes").await {
        let db = &t.db;
        seed(db).await;
        let actor = Actor::system();
        let by_name = |q: &str| OrgFilter {
            q: q.into(),
            ..OrgFilter::default()
        };
        let id = org::list(db, UDON, &by_name("แม่น้ำโขง"), PageRequest::new(None))
            .await
            .unwrap()
            .items[0]
            .id;
        org::update(db, &actor, UDON, id, &org_input("ชุมชนริมบึงหนองประจักษ์", ""))
            .await
            .unwrap();
        assert!(titles(db, &members(UDON, "แม่น้ำโขง")).await.is_empty());
        assert_eq!(
            titles(db, &members(UDON, "หนองประจักษ์")).await,
            ["ชุมชนริมบึงหนองประจักษ์"]
        );
        org::set_archived(db, &actor, UDON, id, true).await.unwrap();
        assert!(titles(db, &members(UDON, "หนองประจักษ์")).await.is_empty());
        let archived = OrgFilter {
            archived: true,
            ..by_name("หนองประจักษ์")
        };
        let page = org::list(db, UDON, &archived, PageRequest::new(None))
            .await
            .unwrap();
        assert_eq!(page.total, 1, "the archive list still finds it by name");
        let people = person::list(
            db,
            UDON,
            &PersonFilter {
                q: "ใจดีงาม".into(),
                ..PersonFilter::default()
            },
            PageRequest::new(None),
        )
        .await
        .unwrap();
        assert_eq!(people.total, 1);
        person::erase(db, &actor, UDON, people.items[0].id)
            .await
            .unwrap();
        assert!(titles(db, &members(UDON, "ใจดีงาม")).await.is_empty());
    }
}

/// Every document and posting, in a fixed order, to compare two indexes.
async fn snapshot(db: &Db) -> (Vec<String>, Vec<(String, i64, i64, i64)>) {
    let documents = sqlx::query(
        "SELECT kind, ref_id, province_code, audience, archived, title, body, dated \
         FROM search_documents ORDER BY kind, ref_id",
    )
    .fetch_all(db.read())
    .await
    .unwrap()
    .iter()
    .map(|r| {
        format!(
            "{} {} {:?} {} {} {} {} {}",
            r.get::<String, _>(0),
            r.get::<i64, _>(1),
            r.get::<Option<i64>, _>(2),
            r.get::<String, _>(3),
            r.get::<i64, _>(4),
            r.get::<String, _>(5),
            r.get::<String, _>(6),
            r.get::<String, _>(7)
        )
    })
    .collect();
    let postings = sqlx::query(
        "SELECT d.kind, d.ref_id, p.term, p.weight FROM search_postings p \
         JOIN search_documents d ON d.id = p.document_id ORDER BY d.kind, d.ref_id, p.term",
    )
    .fetch_all(db.read())
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
    .collect();
    (documents, postings)
}

#[tokio::test]
async fn the_demo_indexed_write_by_write_equals_an_index_built_at_once() {
    let mut answers = Vec::new();
    for t in backends("search_demo").await {
        let db = &t.db;
        demo::load(db, |p| format!("plain:{p}")).await.unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
        demo::load_reports_as_of(db, today, |_| None).await.unwrap();
        demo::load_nation(db).await.unwrap();
        let kept = snapshot(db).await;
        assert!(kept.0.len() > 100, "{} documents", kept.0.len());
        for kind in ["organization", "person", "event", "plan_entry", "report"] {
            assert!(
                kept.0.iter().any(|d| d.starts_with(kind)),
                "no {kind} indexed"
            );
        }
        search::rebuild(db).await.unwrap();
        let built = snapshot(db).await;
        assert_eq!(kept.0.len(), built.0.len());
        for (a, b) in kept.0.iter().zip(&built.0) {
            assert_eq!(a, b);
        }
        assert!(kept.1 == built.1, "postings differ after a rebuild");
        let mut answer = Vec::new();
        for query in [
            "คุณธรรม",
            "อุดรธานี",
            "อบรม",
            "จิตอาสา",
            "วัด",
            "โรงเรียน",
            "ผู้สูงอายุ",
        ] {
            let found = search::find(db, &members(UDON, query)).await.unwrap();
            let hits: Vec<(Kind, i64, i64)> = found
                .hits
                .items
                .iter()
                .map(|h| (h.kind, h.ref_id, h.score))
                .collect();
            assert!(found.hits.total > 0, "{query} found nothing in the demo");
            answer.push((query, found.hits.total, found.by_kind, hits));
        }
        answers.push(answer);
    }
    if let [sqlite, postgres] = answers.as_slice() {
        assert_eq!(sqlite, postgres, "the backends answer differently");
    }
}

#[tokio::test]
async fn a_word_in_very_many_records_is_ranked_among_its_newest_and_counted_at_least() {
    for t in backends("search_common").await {
        let db = &t.db;
        let actor = Actor::system();
        let many = search::CANDIDATES + 5;
        let mut tx = db.audited(&actor, Some(UDON)).await.unwrap();
        for n in 0..many {
            let name = format!("ชมรมจักรยานหมายเลข {n}");
            org::insert(&mut tx, UDON, &org_input(&name, ""))
                .await
                .unwrap();
        }
        tx.commit_recorded().await.unwrap();
        let found = search::find(db, &members(UDON, "จักรยาน")).await.unwrap();
        assert!(found.at_least);
        assert_eq!(found.hits.total, search::CANDIDATES);
        assert_eq!(found.hits.items.len(), 50);
        let newest = format!("ชมรมจักรยานหมายเลข {}", many - 1);
        assert!(found.hits.items.iter().any(|h| h.title == newest));
        let rare = search::find(db, &members(UDON, "จักรยาน 3")).await.unwrap();
        assert!(!rare.at_least, "the rarer term leads");
        assert_eq!(rare.hits.total, 1);
        assert_eq!(rare.hits.items[0].title, "ชมรมจักรยานหมายเลข 3");
        let filter = OrgFilter {
            q: "จักรยาน".into(),
            ..OrgFilter::default()
        };
        let page = org::list(db, UDON, &filter, PageRequest::new(None))
            .await
            .unwrap();
        assert_eq!(page.total, many, "a registry list counts every match");
    }
}
