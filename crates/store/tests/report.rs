//! Activity reports' store, on SQLite and on PostgreSQL when `TEST_DATABASE_URL` is set.

use chrono::NaiveDate;
use sermphalang_domain::registry::Sector;
use sermphalang_domain::report::{ReportForm, ReportStatus, Transition};
use sermphalang_store::audit::Actor;
use sermphalang_store::plan::{indicators, plans};
use sermphalang_store::registry::org::{self, OrgFilter};
use sermphalang_store::report::photos::{self, NewPhoto, Size, Which};
use sermphalang_store::report::reports;
use sermphalang_store::testing::backends;
use sermphalang_store::{Db, PageRequest, StoreError, demo};

const UDON: i64 = 41;

async fn religious_org(db: &Db) -> i64 {
    let filter = OrgFilter {
        sector: Some(Sector::Religion),
        ..OrgFilter::default()
    };
    org::list(db, UDON, &filter, PageRequest::new(None))
        .await
        .unwrap()
        .items[0]
        .id
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()
}

#[tokio::test]
async fn approval_adds_to_the_indicator_once_and_reopening_takes_it_back() {
    for t in backends("report_approval").await {
        let db = &t.db;
        demo::load(db, |p| format!("plain:{p}")).await.unwrap();
        let plan = plans::list(db, UDON).await.unwrap()[0].clone();
        let indicator = indicators::list(db, plan.id).await.unwrap()[2].clone();
        let before = indicators::progress(db, plan.id, 2569).await.unwrap()[2].quarters[0];
        let org = religious_org(db).await;
        let form = ReportForm {
            title: "ค่ายพุทธบุตรคุณธรรม".into(),
            held_on: "20/11/2568".into(),
            district: "4119".into(),
            network: "religion".into(),
            organizations: vec![org.to_string()],
            virtues: vec!["v-gratitude".into()],
            male: "30".into(),
            female: "50".into(),
            youth: "60".into(),
            adults: "20".into(),
            indicator: vec![indicator.id.to_string()],
            contribution: vec!["80".into()],
            client_key: "phone-1-abc".into(),
            ..ReportForm::default()
        };
        let input = form.validate(today()).unwrap();
        let coordinator = Actor::system();
        let mut tx = db.audited(&coordinator, Some(UDON)).await.unwrap();
        let id = reports::create(db, &mut tx, UDON, &input, Some(Sector::Religion))
            .await
            .unwrap();
        let jpeg = [0xFF, 0xD8, 0xFF, 0xD9];
        let size = || Size {
            width: 4,
            height: 3,
            jpeg: &jpeg,
        };
        for caption in ["พิธีเปิด", "กิจกรรมกลุ่ม", "มอบเกียรติบัตร"]
        {
            let photo = NewPhoto {
                original: size(),
                display: size(),
                thumbnail: size(),
                caption,
                consent: true,
            };
            photos::add(&mut tx, UDON, id, &photo).await.unwrap();
        }
        tx.commit_recorded().await.unwrap();
        assert_eq!(
            reports::by_client_key(db, UDON, "phone-1-abc")
                .await
                .unwrap(),
            Some(id)
        );
        let shown = photos::of_report(db, id).await.unwrap();
        assert_eq!(shown.len(), 3);
        assert_eq!(shown[1].caption, "กิจกรรมกลุ่ม");
        assert_eq!(
            photos::bytes(db, UDON, shown[0].id, Which::Thumbnail)
                .await
                .unwrap(),
            jpeg
        );
        assert!(matches!(
            photos::bytes(db, 40, shown[0].id, Which::Display).await,
            Err(StoreError::NotFound)
        ));

        // Another network's coordinator does not see it as theirs.
        let e = reports::transition(
            db,
            &coordinator,
            UDON,
            id,
            Transition::Submit,
            "",
            Some(Sector::Media),
        )
        .await
        .unwrap_err();
        assert!(matches!(e, StoreError::NotFound));
        // Approving a draft is refused; submitting, then approving, adds 80 once.
        assert!(
            reports::transition(db, &coordinator, UDON, id, Transition::Approve, "", None)
                .await
                .is_err()
        );
        let s = Some(Sector::Religion);
        reports::transition(db, &coordinator, UDON, id, Transition::Submit, "", s)
            .await
            .unwrap();
        let secretariat = Actor::system();
        let status = reports::transition(db, &secretariat, UDON, id, Transition::Approve, "", None)
            .await
            .unwrap();
        assert_eq!(status, ReportStatus::Approved);
        assert!(
            reports::transition(db, &secretariat, UDON, id, Transition::Approve, "", None)
                .await
                .is_err(),
            "a second approval adds nothing"
        );
        let after = indicators::progress(db, plan.id, 2569).await.unwrap()[2].quarters[0];
        assert_eq!(after.reports, before.reports + 1);
        assert!((after.reported - before.reported - 80.0).abs() < 1e-9);
        let by_gender = reports::breakdown(db, indicator.id, 2569, "gender")
            .await
            .unwrap();
        assert_eq!(
            by_gender,
            [("female".to_string(), 50.0), ("male".to_string(), 30.0)]
        );
        let by_district = reports::breakdown(db, indicator.id, 2569, "district")
            .await
            .unwrap();
        assert!(by_district.contains(&("4119".to_string(), 80.0)));

        // An approved report is locked; reopening needs a reason and takes the 80 back.
        let mut tx = db.audited(&coordinator, Some(UDON)).await.unwrap();
        let e = reports::update(db, &mut tx, UDON, id, &input, s)
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::Invalid(_)), "{e:?}");
        drop(tx);
        assert!(
            reports::transition(db, &secretariat, UDON, id, Transition::Reopen, " ", None)
                .await
                .is_err()
        );
        reports::transition(
            db,
            &secretariat,
            UDON,
            id,
            Transition::Reopen,
            "จำนวนผู้เข้าร่วมไม่ตรงกับใบลงชื่อ",
            None,
        )
        .await
        .unwrap();
        let reopened = indicators::progress(db, plan.id, 2569).await.unwrap()[2].quarters[0];
        assert_eq!(reopened.reports, before.reports);
        assert!((reopened.reported - before.reported).abs() < 1e-9);
        let report = reports::find(db, UDON, id).await.unwrap();
        assert_eq!(report.status, ReportStatus::Returned);
        assert_eq!(report.comment, "จำนวนผู้เข้าร่วมไม่ตรงกับใบลงชื่อ");
    }
}

#[tokio::test]
async fn a_coordinator_reports_only_for_their_networks_organizations() {
    for t in backends("report_scope").await {
        let db = &t.db;
        demo::load(db, |p| format!("plain:{p}")).await.unwrap();
        let media = OrgFilter {
            sector: Some(Sector::Media),
            ..OrgFilter::default()
        };
        let media_org = org::list(db, UDON, &media, PageRequest::new(None))
            .await
            .unwrap()
            .items
            .into_iter()
            .find(|o| !o.sectors.contains(&Sector::Religion))
            .unwrap()
            .id;
        let form = ReportForm {
            title: "ทำบุญตักบาตร".into(),
            held_on: "20/11/2568".into(),
            district: "4101".into(),
            network: "religion".into(),
            organizations: vec![media_org.to_string()],
            ..ReportForm::default()
        };
        let input = form.validate(today()).unwrap();
        let actor = Actor::system();
        let mut tx = db.audited(&actor, Some(UDON)).await.unwrap();
        let e = reports::create(db, &mut tx, UDON, &input, Some(Sector::Religion))
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::NotFound));
        // The secretariat may name any organization of the province, but not a district of
        // another province.
        let elsewhere = ReportForm {
            district: "4001".into(),
            ..form
        }
        .validate(today())
        .unwrap();
        let e = reports::create(db, &mut tx, UDON, &elsewhere, None)
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::Invalid(_)));
        drop(tx);
        let listed = reports::list(db, UDON, &Default::default(), PageRequest::new(None))
            .await
            .unwrap();
        assert!(listed.items.iter().all(|r| r.report.title != "ทำบุญตักบาตร"));
    }
}

#[tokio::test]
async fn the_demo_reports_feed_the_plan() {
    for t in backends("demo_reports").await {
        let db = &t.db;
        demo::load(db, |p| format!("plain:{p}")).await.unwrap();
        let jpeg = vec![0xFF, 0xD8, 0xFF, 0xD9];
        let tiny = move |_| {
            let size = || photos::OwnedSize {
                width: 4,
                height: 3,
                jpeg: jpeg.clone(),
            };
            Some(photos::Made {
                original: size(),
                display: size(),
                thumbnail: size(),
            })
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let loaded = sermphalang_store::demo::load_reports_as_of(db, today, tiny)
            .await
            .unwrap();
        assert!((280..=360).contains(&loaded), "{loaded} reports");
        let all = PageRequest {
            page: 1,
            per_page: 1000,
        };
        let listed = reports::list(db, UDON, &Default::default(), all)
            .await
            .unwrap();
        let count = |s: ReportStatus| listed.items.iter().filter(|r| r.report.status == s).count();
        assert!(count(ReportStatus::Approved) > 200);
        assert!(
            count(ReportStatus::Submitted) >= 5,
            "a queue for the secretariat"
        );
        assert!(count(ReportStatus::Returned) >= 3 && count(ReportStatus::Draft) >= 3);
        let districts: std::collections::HashSet<i64> =
            listed.items.iter().map(|r| r.report.district).collect();
        assert_eq!(districts.len(), 20, "every district reports");
        let networks: std::collections::HashSet<Sector> =
            listed.items.iter().map(|r| r.report.network).collect();
        assert_eq!(networks.len(), 6, "every network reports");
        assert!(listed.items.iter().filter(|r| r.photos > 0).count() > 150);
        let plan = plans::list(db, UDON).await.unwrap()[0].clone();
        let progress = indicators::progress(db, plan.id, 2569).await.unwrap();
        let fed = progress
            .iter()
            .filter(|p| p.quarters.iter().any(|q| q.reports > 0));
        assert_eq!(
            fed.count(),
            11,
            "every indicator of an activity is fed by reports"
        );
    }
}
