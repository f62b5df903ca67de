//! The store's conformance suite: every test runs on SQLite, and on PostgreSQL too when
//! `TEST_DATABASE_URL` is set.

use sermphalang_domain::registry::import::ImportKind;
use sermphalang_domain::registry::{OrgInput, OrgKind, PersonInput, Sector};
use sermphalang_store::audit::{self, Actor};
use sermphalang_store::registry::geo::Geo;
use sermphalang_store::registry::imports::{self, Table};
use sermphalang_store::registry::org::{self, OrgFilter};
use sermphalang_store::registry::person;
use sermphalang_store::testing::{self, backends};
use sermphalang_store::{Db, PageRequest, StoreError, backup, demo, files, sessions, users};

const UDON: i64 = 41;

fn org(name: &str, district: i64, sectors: &[Sector]) -> OrgInput {
    OrgInput {
        name: name.into(),
        kind: OrgKind::Community,
        sectors: sectors.to_vec(),
        district,
        phone: String::new(),
        email: String::new(),
        address: String::new(),
    }
}

fn names(page: &sermphalang_store::Page<org::OrgSummary>) -> Vec<&str> {
    page.items.iter().map(|o| o.name.as_str()).collect()
}

async fn load_demo(db: &Db) {
    demo::load(db, |p| format!("plain:{p}")).await.unwrap();
}

#[tokio::test]
async fn reference_data_is_loaded_once() {
    for t in backends("reference_data_is_loaded_once").await {
        let geo = Geo::load(&t.db).await.unwrap();
        assert_eq!(geo.provinces.len(), 77);
        assert_eq!(geo.districts_of(UDON).count(), 20);
        assert_eq!(geo.province(UDON).unwrap().name_en, "Udon Thani");
        assert_eq!(geo.find_district(UDON, "อำเภอเพ็ญ").unwrap().code, 4119);
        assert_eq!(geo.find_district(UDON, "๔๑๐๑").unwrap().code, 4101);
        assert!(geo.find_district(UDON, "เมืองขอนแก่น").is_none());
        assert!(geo.prefix_known("นางสาว"));
        t.db.migrate().await.unwrap();
        assert_eq!(
            Geo::load(&t.db).await.unwrap().districts.len(),
            geo.districts.len()
        );
    }
}

#[tokio::test]
async fn organizations_list_in_thai_order_with_filters_and_pages() {
    for t in backends("organizations_list_in_thai_order").await {
        let db = &t.db;
        let actor = Actor::system();
        for (name, d, s) in [
            ("ไก่ชนบ้านดุง", 4111, Sector::Private),
            ("เกษตรกรบ้านเชียง", 4106, Sector::Community),
            ("กลุ่มแม่บ้าน 50%_off", 4101, Sector::Community),
            ("ขอนไม้ชุมชน", 4101, Sector::Media),
            ("โรงเรียนบ้านโนน", 4101, Sector::Education),
        ] {
            org::create(db, &actor, UDON, &org(name, d, &[s]))
                .await
                .unwrap();
        }
        let all = org::list(db, UDON, &OrgFilter::default(), PageRequest::new(None))
            .await
            .unwrap();
        assert_eq!(
            names(&all),
            [
                "กลุ่มแม่บ้าน 50%_off",
                "เกษตรกรบ้านเชียง",
                "ไก่ชนบ้านดุง",
                "ขอนไม้ชุมชน",
                "โรงเรียนบ้านโนน"
            ]
        );
        let f = OrgFilter {
            q: "50%_".into(),
            ..OrgFilter::default()
        };
        assert_eq!(
            names(
                &org::list(db, UDON, &f, PageRequest::new(None))
                    .await
                    .unwrap()
            ),
            ["กลุ่มแม่บ้าน 50%_off"]
        );
        let f = OrgFilter {
            q: "%".into(),
            ..OrgFilter::default()
        };
        assert_eq!(
            org::list(db, UDON, &f, PageRequest::new(None))
                .await
                .unwrap()
                .total,
            0,
            "a query of no word finds nothing, and % is no wildcard"
        );
        let f = OrgFilter {
            sector: Some(Sector::Community),
            district: Some(4101),
            ..OrgFilter::default()
        };
        assert_eq!(
            names(
                &org::list(db, UDON, &f, PageRequest::new(None))
                    .await
                    .unwrap()
            ),
            ["กลุ่มแม่บ้าน 50%_off"]
        );
        let before = org::list(db, UDON, &OrgFilter::default(), PageRequest::new(None))
            .await
            .unwrap()
            .total;
        let extra = org::create(db, &actor, UDON, &org("หน่วยงานที่หก", 4101, &[Sector::Media]))
            .await
            .unwrap();
        let after = org::list(db, UDON, &OrgFilter::default(), PageRequest::new(None))
            .await
            .unwrap()
            .total;
        assert_eq!(after, before + 1, "a write shows in the next total at once");
        org::set_archived(db, &actor, UDON, extra, true)
            .await
            .unwrap();
        let mut small = PageRequest::new(Some(2));
        small.per_page = 2;
        let page2 = org::list(db, UDON, &OrgFilter::default(), small)
            .await
            .unwrap();
        assert_eq!(
            (page2.total, page2.pages(), names(&page2)),
            (5, 3, vec!["ไก่ชนบ้านดุง", "ขอนไม้ชุมชน"])
        );
    }
}

#[tokio::test]
async fn deep_pages_hold_the_same_rows_as_the_whole_list_in_order() {
    for t in backends("deep_pages_hold_the_same_rows").await {
        let db = &t.db;
        let actor = Actor::system();
        let districts = [4101, 4102, 4103];
        for i in 0..75 {
            // Every name three times (one per district): deep pages start inside a run of ties.
            let name = format!("ชมรมที่ {:02}", i / 3);
            let sectors = if i % 2 == 0 {
                vec![Sector::Education]
            } else {
                vec![Sector::Community]
            };
            let id = org::create(db, &actor, UDON, &org(&name, districts[i % 3], &sectors))
                .await
                .unwrap();
            if i % 10 == 9 {
                org::set_archived(db, &actor, UDON, id, true).await.unwrap();
            }
        }
        let education = OrgFilter {
            sector: Some(Sector::Education),
            ..Default::default()
        };
        let ids = |items: &[org::OrgSummary]| items.iter().map(|o| o.id).collect::<Vec<_>>();
        for filter in [OrgFilter::default(), education] {
            let whole: Vec<i64> = org::list_full(db, UDON, &filter)
                .await
                .unwrap()
                .iter()
                .map(|o| o.id)
                .collect();
            let mut paged = Vec::new();
            for page in 1..=whole.len() as i64 + 1 {
                let mut request = PageRequest::new(Some(page));
                request.per_page = 1;
                let p = org::list(db, UDON, &filter, request).await.unwrap();
                assert_eq!(p.total, whole.len() as i64);
                paged.extend(ids(&p.items));
            }
            assert_eq!(
                paged, whole,
                "{filter:?}: pages one by one, the deep ones too"
            );
        }
        let mut deep = PageRequest::new(Some(25));
        deep.per_page = 1;
        let before = org::list(db, UDON, &OrgFilter::default(), deep)
            .await
            .unwrap();
        org::create(
            db,
            &actor,
            UDON,
            &org("กขค ชมรมแรก", 4101, &[Sector::Media]),
        )
        .await
        .unwrap();
        let after = org::list(db, UDON, &OrgFilter::default(), deep)
            .await
            .unwrap();
        let mut next = deep;
        next.page = 26;
        let shifted = org::list(db, UDON, &OrgFilter::default(), next)
            .await
            .unwrap();
        assert_eq!(
            ids(&shifted.items),
            ids(&before.items),
            "a new first row moves every deep page by one at once"
        );
        assert_ne!(ids(&after.items), ids(&before.items));
    }
}

#[tokio::test]
async fn records_of_another_province_are_not_found_and_names_are_kept_as_typed() {
    for t in backends("records_of_another_province").await {
        let db = &t.db;
        let actor = Actor::system();
        let tricky = r#"ชมรม "คนดี" <script>alert('x')</script>'; DROP TABLE organizations;--"#;
        let id = org::create(db, &actor, UDON, &org(tricky, 4101, &[Sector::Community]))
            .await
            .unwrap();
        assert_eq!(org::find(db, UDON, id).await.unwrap().name, tricky);
        assert!(matches!(
            org::find(db, 40, id).await,
            Err(StoreError::NotFound)
        ));
        let dup = org::create(db, &actor, UDON, &org(tricky, 4101, &[Sector::Media])).await;
        assert!(matches!(dup, Err(StoreError::Invalid(e)) if e.0[0].field == "name"));
        let stranger = PersonInput {
            prefix: "นาย".into(),
            first_name: "สมชาย".into(),
            last_name: "ใจดี".into(),
            position: String::new(),
            organization: Some(id),
            networks: vec![Sector::Community],
            phone: String::new(),
            email: String::new(),
        };
        let none = org::list(db, 40, &OrgFilter::default(), PageRequest::new(None))
            .await
            .unwrap();
        assert!(
            none.items.is_empty() && none.total == 0,
            "an empty page reads as empty"
        );
        let err = person::create(db, &actor, 40, &stranger).await.unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
        assert_eq!(
            person::list(db, 40, &Default::default(), PageRequest::new(None))
                .await
                .unwrap()
                .total,
            0
        );
    }
}

#[tokio::test]
async fn changes_are_audited_with_before_and_after() {
    for t in backends("changes_are_audited").await {
        let db = &t.db;
        let actor = Actor {
            user_id: None,
            email: "tester@x.example".into(),
        };
        let id = org::create(db, &actor, UDON, &org("วัดป่า", 4101, &[Sector::Religion]))
            .await
            .unwrap();
        org::update(
            db,
            &actor,
            UDON,
            id,
            &org("วัดป่าสามัคคี", 4101, &[Sector::Religion]),
        )
        .await
        .unwrap();
        org::set_archived(db, &actor, UDON, id, true).await.unwrap();
        let log = audit::list(db, Some(UDON), PageRequest::new(None))
            .await
            .unwrap();
        let actions: Vec<_> = log.items.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["archive", "update", "create"]);
        let update = &log.items[1];
        assert!(update.before_json.as_deref().unwrap().contains("วัดป่า"));
        assert!(update.after_json.as_deref().unwrap().contains("วัดป่าสามัคคี"));
        assert_eq!(update.user_email, "tester@x.example");
        let archived = OrgFilter {
            archived: true,
            ..OrgFilter::default()
        };
        assert_eq!(
            org::list(db, UDON, &archived, PageRequest::new(None))
                .await
                .unwrap()
                .total,
            1
        );
    }
}

#[tokio::test]
async fn demo_loads_the_udon_thani_story() {
    for t in backends("demo_loads").await {
        let db = &t.db;
        assert!(demo::is_empty(db).await.unwrap());
        load_demo(db).await;
        assert!(!demo::is_empty(db).await.unwrap());
        let orgs = org::list(db, UDON, &OrgFilter::default(), PageRequest::new(None))
            .await
            .unwrap();
        assert!((55..=70).contains(&orgs.total), "{}", orgs.total);
        let people = person::list(db, UDON, &Default::default(), PageRequest::all())
            .await
            .unwrap();
        assert!((110..=130).contains(&people.total), "{}", people.total);
        let groups = sermphalang_store::registry::working_group::list(db, UDON)
            .await
            .unwrap();
        assert_eq!(groups.len(), 1);
        assert!(groups[0].member_count >= 15);
        let counts = org::count_by_sector(db, UDON).await.unwrap();
        assert!(counts.iter().all(|(_, n)| *n > 0), "{counts:?}");
        assert_eq!(users::list(db).await.unwrap().len(), demo::ACCOUNTS.len());
    }
}

#[tokio::test]
async fn sessions_open_and_close() {
    for t in backends("sessions_open_and_close").await {
        let db = &t.db;
        load_demo(db).await;
        let (account, hash) = users::find_for_login(db, "SECRETARIAT@demo.example")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(hash, "plain:demo-secretariat-2565");
        let token = sessions::create(db, account.id).await.unwrap();
        assert_eq!(
            sessions::account(db, &token).await.unwrap().unwrap().email,
            account.email
        );
        assert!(sessions::account(db, "forged").await.unwrap().is_none());
        sessions::delete(db, &token).await.unwrap();
        assert!(sessions::account(db, &token).await.unwrap().is_none());
    }
}

#[tokio::test]
async fn a_token_this_server_never_issued_is_not_looked_up() {
    for t in backends("a_token_this_server_never_issued_is_not_looked_up").await {
        let issued = sessions::new_token();
        assert!(sessions::plausible(&issued));
        // With the database closed, only an answer that never asked it can be Ok.
        t.db.close().await;
        for forged in [
            "",
            "forged",
            &issued[..63],
            &issued.to_uppercase(),
            "ก".repeat(64).as_str(),
        ] {
            assert!(
                sessions::account(&t.db, forged).await.unwrap().is_none(),
                "{forged:?}"
            );
        }
        assert!(sessions::account(&t.db, &issued).await.is_err());
    }
}

fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
    Table {
        headers: headers.iter().map(|s| s.to_string()).collect(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect(),
        lines: Vec::new(),
    }
}

#[tokio::test]
async fn imports_are_all_or_nothing() {
    for t in backends("imports_are_all_or_nothing").await {
        let db = &t.db;
        load_demo(db).await;
        let geo = Geo::load(db).await.unwrap();
        let (account, _) = users::find_for_login(db, "secretariat@demo.example")
            .await
            .unwrap()
            .unwrap();
        let actor = Actor {
            user_id: Some(account.id),
            email: account.email,
        };
        let before = org::list(db, UDON, &OrgFilter::default(), PageRequest::new(None))
            .await
            .unwrap()
            .total;
        let headers = ["ชื่อหน่วยงาน", "ประเภท", "ภาคีเครือข่าย", "อำเภอ", "โทรศัพท์"];
        let bad = table(
            &headers,
            &[
                &[
                    "ชมรมผู้สูงอายุบ้านจั่น",
                    "ชุมชน",
                    "ภาคชุมชน/ประชาสังคม",
                    "เมืองอุดรธานี",
                    "๐๘๑-๐๐๐-๐๐๑๒",
                ],
                &["ชมรมผู้สูงอายุบ้านจั่น", "ชุมชน", "community", "4101", ""],
                &["", "company", "private", "4101", ""],
                &[
                    "โรงเรียนในขอนแก่น",
                    "education",
                    "education",
                    "เมืองขอนแก่น",
                    "",
                ],
                &["บริษัททดสอบ", "castle", "army", "4101", "12"],
            ],
        );
        let preview = imports::prepare(
            db,
            &geo,
            &actor,
            UDON,
            ImportKind::Organizations,
            "bad.xlsx",
            &bad,
        )
        .await
        .unwrap();
        assert_eq!(preview.batch, None);
        let bad_lines: Vec<usize> = preview
            .rows
            .iter()
            .filter(|r| !r.errors.is_empty())
            .map(|r| r.line)
            .collect();
        assert_eq!(bad_lines, [3, 4, 5, 6]);
        assert!(preview.rows[0].warnings[0].contains("เลขไทย"));
        assert!(preview.rows[1].errors[0].th.contains("ซ้ำ"));
        assert!(preview.rows[3].errors[0].th.contains("เมืองขอนแก่น"));
        let fields: Vec<_> = preview.rows[4].errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["kind", "sectors", "phone"]);
        let wrong = table(&["name", "kind"], &[&["x", "community"]]);
        let p = imports::prepare(
            db,
            &geo,
            &actor,
            UDON,
            ImportKind::Organizations,
            "w.csv",
            &wrong,
        )
        .await
        .unwrap();
        assert!(p.file_error.unwrap().th.contains("อำเภอ"));
        assert_eq!(
            org::list(db, UDON, &OrgFilter::default(), PageRequest::new(None))
                .await
                .unwrap()
                .total,
            before
        );

        let good = table(
            &headers,
            &[
                &[
                    "ชมรมผู้สูงอายุบ้านจั่น",
                    "ชุมชน",
                    "ภาคชุมชน/ประชาสังคม",
                    "เมืองอุดรธานี",
                    "๐๘๑-๐๐๐-๐๐๑๒",
                ],
                &["สถานีวิทยุชุมชนคนเพ็ญ", "media", "media, community", "เพ็ญ", ""],
            ],
        );
        let p = imports::prepare(
            db,
            &geo,
            &actor,
            UDON,
            ImportKind::Organizations,
            "good.csv",
            &good,
        )
        .await
        .unwrap();
        let batch = p.batch.expect("a clean file makes a batch");
        assert_eq!(imports::confirm(db, &actor, UDON, batch).await.unwrap(), 2);
        assert!(matches!(
            imports::confirm(db, &actor, UDON, batch).await,
            Err(StoreError::NotFound)
        ));
        let after = org::list(
            db,
            UDON,
            &OrgFilter {
                q: "ผู้สูงอายุบ้านจั่น".into(),
                ..Default::default()
            },
            PageRequest::new(None),
        )
        .await
        .unwrap();
        assert_eq!(after.items[0].phone, "081-000-0012");

        let people = table(
            &[
                "คำนำหน้า",
                "ชื่อ",
                "นามสกุล",
                "หน่วยงาน",
                "ภาคีเครือข่าย",
                "ความยินยอม",
            ],
            &[
                &[
                    "นาง",
                    "บัวผัน",
                    "ทดลองดี",
                    "สถานีวิทยุชุมชนคนเพ็ญ",
                    "media",
                    "ยินยอม",
                ],
                &[
                    "นาง",
                    "บัวผัน",
                    "ทดลองดี",
                    "สถานีวิทยุชุมชนคนเพ็ญ",
                    "media",
                    "ยินยอม",
                ],
                &["คุณหญิงซุปเปอร์", "ก", "ข", "ไม่มีหน่วยงานนี้", "media", ""],
            ],
        );
        let p = imports::prepare(
            db,
            &geo,
            &actor,
            UDON,
            ImportKind::People,
            "p.xlsx",
            &people,
        )
        .await
        .unwrap();
        assert_eq!(p.batch, None);
        assert_eq!(p.bad_rows(), 2);
        let fields: Vec<_> = p.rows[2].errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["organization", "consent"],
            "any title prefix is taken as typed"
        );
    }
}

#[tokio::test]
async fn backup_and_restore_round_trip() {
    for t in backends("backup_and_restore_round_trip").await {
        let db = &t.db;
        load_demo(db).await;
        let first = backup::export(db).await.unwrap();
        let target = testing::sqlite().await;
        let rows = backup::restore(&target.db, &first).await.unwrap();
        assert!(rows > 1000, "{rows}");
        let second = backup::export(&target.db).await.unwrap();
        assert_eq!(first["tables"], second["tables"]);
        let by_word = OrgFilter {
            q: "วัด".into(),
            ..OrgFilter::default()
        };
        let before = org::list(db, UDON, &by_word, PageRequest::new(None)).await;
        let after = org::list(&target.db, UDON, &by_word, PageRequest::new(None)).await;
        let total = after.unwrap().total;
        assert!(total > 0, "a restored database is searched as before");
        assert_eq!(before.unwrap().total, total);
        let id = org::create(
            &target.db,
            &Actor::system(),
            UDON,
            &org("หน่วยงานใหม่หลังกู้คืน", 4101, &[Sector::Media]),
        )
        .await
        .unwrap();
        assert!(id > 60);
        let mut newer = first.clone();
        newer["schema_version"] = serde_json::json!(999_999_999_999i64);
        let err = backup::restore(&target.db, &newer)
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains("newer schema"), "{err}");
        assert!(
            org::find(&target.db, UDON, id).await.is_ok(),
            "a refused restore changes nothing"
        );
    }
}

#[tokio::test]
async fn a_person_can_be_exported_and_erased() {
    for t in backends("a_person_can_be_exported_and_erased").await {
        let db = &t.db;
        load_demo(db).await;
        let group = sermphalang_store::registry::working_group::list(db, UDON)
            .await
            .unwrap()[0]
            .id;
        let member = sermphalang_store::registry::working_group::members(db, group)
            .await
            .unwrap()[0]
            .clone();
        let data = person::personal_data(db, UDON, member.person_id)
            .await
            .unwrap();
        assert_eq!(
            data["working_group_memberships"].as_array().unwrap().len(),
            1
        );
        assert_eq!(data["person"]["last_name"], member.last_name.as_str());
        assert!(matches!(
            person::personal_data(db, 40, member.person_id).await,
            Err(StoreError::NotFound)
        ));
        person::erase(db, &Actor::system(), UDON, member.person_id)
            .await
            .unwrap();
        assert!(matches!(
            person::find(db, UDON, member.person_id).await,
            Err(StoreError::NotFound)
        ));
        let members = sermphalang_store::registry::working_group::members(db, group)
            .await
            .unwrap();
        assert!(members.iter().all(|m| m.person_id != member.person_id));
        let log = audit::list(db, Some(UDON), PageRequest::all())
            .await
            .unwrap();
        assert_eq!(log.items[0].action, "erase");
        let leaks = log.items.iter().filter(|e| {
            e.entity == "person"
                && e.entity_id == Some(member.person_id)
                && (e.before_json.is_some() || e.after_json.is_some())
        });
        assert_eq!(leaks.count(), 0, "no personal data stays in the audit log");
    }
}

/// Two handles on one SQLite file behave as two processes: the server and `user add`, a
/// restore or an operator's script.
#[tokio::test]
async fn a_write_that_reads_first_waits_for_another_process_instead_of_failing() {
    let first = testing::sqlite().await;
    load_demo(&first.db).await;
    let cycle = sermphalang_store::evaluation::cycle::list(&first.db, UDON)
        .await
        .unwrap()[0]
        .id;
    let second = Db::open(None, first.dir().unwrap()).await.unwrap();
    // The other process holds the writer lock for a moment.
    let mut other = second.write().begin_with("BEGIN IMMEDIATE").await.unwrap();
    sqlx::query("UPDATE provinces SET name_en = name_en WHERE code = 41")
        .execute(&mut *other)
        .await
        .unwrap();
    let db = first.db.clone();
    // Adding an activity reads the next position, then inserts.
    let adding = tokio::spawn(async move {
        sermphalang_store::evaluation::activity::add(
            &db,
            &Actor::system(),
            UDON,
            cycle,
            "เพิ่มระหว่างรอ",
        )
        .await
    });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    other.commit().await.unwrap();
    let added = adding.await.unwrap();
    assert!(
        added.is_ok(),
        "the write failed instead of waiting: {added:?}"
    );
    second.close().await;
}

#[tokio::test]
async fn invited_accounts_set_their_password_once() {
    use sermphalang_store::accounts::{self, Invite};
    for t in backends("invited_accounts").await {
        let db = &t.db;
        load_demo(db).await;
        let invite = Invite {
            email: "Invited@Demo.example",
            display_name: "ผู้ได้รับเชิญ",
            role: sermphalang_domain::Role::Member,
            network: None,
        };
        let (id, token) = accounts::invite(db, &Actor::system(), UDON, &invite)
            .await
            .unwrap();
        let listed = accounts::find(db, UDON, id).await.unwrap();
        assert!(listed.pending && !listed.disabled);
        assert!(
            users::find_for_login(db, "invited@demo.example")
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            accounts::find(db, 40, id).await.is_err(),
            "not another province's"
        );
        assert_eq!(
            accounts::link_account(db, &token)
                .await
                .unwrap()
                .map(|(u, _)| u),
            Some(id)
        );
        assert!(accounts::set_password(db, &token, "plain:x").await.unwrap());
        assert!(
            !accounts::set_password(db, &token, "plain:y").await.unwrap(),
            "once"
        );
        assert!(!accounts::find(db, UDON, id).await.unwrap().pending);
        accounts::set_disabled(db, &Actor::system(), UDON, id, true)
            .await
            .unwrap();
        assert!(
            users::find_for_login(db, "invited@demo.example")
                .await
                .unwrap()
                .is_none()
        );
        let fresh = accounts::reset(db, &Actor::system(), UDON, id)
            .await
            .unwrap();
        assert!(
            accounts::link_account(db, &fresh).await.unwrap().is_none(),
            "disabled"
        );
    }
}

#[tokio::test]
async fn uploaded_files_live_in_the_file_store_and_travel_in_backups() {
    for t in backends("uploaded_files_live_in_the_file_store").await {
        let db = &t.db;
        let order = b"%PDF-1.7 appointment order".to_vec();
        let actor = Actor::system();
        let mut tx = db.audited(&actor, Some(UDON)).await.unwrap();
        let id = files::insert(&mut tx, UDON, None, "order.pdf", "application/pdf", &order)
            .await
            .unwrap();
        tx.commit(audit::Change::new("create", "file", id))
            .await
            .unwrap();
        let (in_row, key): (Vec<u8>, Option<String>) =
            sqlx::query_as("SELECT data, storage_key FROM files WHERE id = $1")
                .bind(id)
                .fetch_one(db.read())
                .await
                .unwrap();
        assert_eq!(files::find(db, UDON, id).await.unwrap().data, order);
        let Some(store) = db.files() else {
            // PostgreSQL instances share no folder: the bytes stay in the database.
            assert_eq!((in_row, key), (order, None));
            assert_eq!(files::move_to_store(db).await.unwrap(), 0);
            continue;
        };
        assert!(in_row.is_empty(), "the bytes are not kept in the database");
        let key = key.expect("a name in the file store");
        assert_eq!(store.get(&key).await.unwrap(), order);
        assert!(matches!(
            files::find(db, 10, id).await,
            Err(StoreError::NotFound)
        ));

        // A row from before the file store keeps its bytes until it is moved.
        let legacy: i64 = sqlx::query_scalar(
            "INSERT INTO files (province_code, name, content_type, size, sha256, data, \
             created_at) VALUES ($1, 'old.pdf', 'application/pdf', 3, '', $2, \
             '2024-05-01T00:00:00Z') RETURNING id",
        )
        .bind(UDON)
        .bind(b"old".to_vec())
        .fetch_one(db.write())
        .await
        .unwrap();
        assert_eq!(files::move_to_store(db).await.unwrap(), 1);
        assert_eq!(files::move_to_store(db).await.unwrap(), 0, "moved once");
        let moved: Option<String> =
            sqlx::query_scalar("SELECT storage_key FROM files WHERE id = $1")
                .bind(legacy)
                .fetch_one(db.read())
                .await
                .unwrap();
        assert!(moved.unwrap().starts_with("41/2024/"));
        assert_eq!(files::find(db, UDON, legacy).await.unwrap().data, b"old");

        // A backup holds the bytes; a restore puts them in the other store.
        let saved = backup::export(db).await.unwrap();
        let target = testing::sqlite().await;
        backup::restore(&target.db, &saved).await.unwrap();
        assert_eq!(files::find(&target.db, UDON, id).await.unwrap().data, order);
        assert_eq!(
            files::find(&target.db, UDON, legacy).await.unwrap().data,
            b"old"
        );
    }
}
