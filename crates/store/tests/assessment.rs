//! Assessments' store, on SQLite and on PostgreSQL when `TEST_DATABASE_URL` is set.

use sermphalang_domain::assessment::{Answer, Level, Rule, Subject, Template};
use sermphalang_domain::registry::{OrgKind, Sector};
use sermphalang_store::assessment::assessments::{self, ItemInput, Proof, Unit};
use sermphalang_store::assessment::verification::{self, Award, Finding};
use sermphalang_store::assessment::{rollup, templates};
use sermphalang_store::audit::{self, Actor};
use sermphalang_store::registry::org::{self, OrgFilter};
use sermphalang_store::testing::backends;
use sermphalang_store::{PageRequest, StoreError, demo, files};

fn national() -> Actor {
    Actor::system()
}

#[tokio::test]
async fn the_shipped_schemes_are_published_once_as_examples() {
    for t in backends("the_shipped_schemes_are_published_once_as_examples").await {
        t.db.migrate().await.unwrap();
        let all = templates::list(&t.db).await.unwrap();
        assert_eq!(all.len(), 4, "migrating again adds nothing");
        assert!(
            all.iter()
                .all(|s| s.example && s.published() && s.version == 1)
        );
        let community = templates::current(&t.db, Subject::Community)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(community.template.items.len(), 9);
        assert_eq!(community.family, community.id);
        let province = templates::current(&t.db, Subject::Province)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(province.template.items.len(), 10);
    }
}

#[tokio::test]
async fn a_published_version_is_frozen_and_a_new_one_starts_from_it() {
    for t in backends("a_published_version_is_frozen_and_a_new_one_starts_from_it").await {
        let db = &t.db;
        let actor = national();
        let first = templates::current(db, Subject::Organization)
            .await
            .unwrap()
            .unwrap();
        let mut changed = first.template.clone();
        changed.thresholds[2].min_total = 17;

        let mut tx = db.audited(&actor, None).await.unwrap();
        let refused = templates::update(&mut tx, first.id, &changed).await;
        drop(tx);
        match refused {
            Err(StoreError::Invalid(e)) => {
                assert!(e.summary_th().contains("เผยแพร่แล้ว"), "{e}");
                assert!(e.summary_en().contains("published"), "{e}");
            }
            other => panic!("a published version was changed: {other:?}"),
        }

        let mut tx = db.audited(&actor, None).await.unwrap();
        let second = templates::new_version(&mut tx, first.id).await.unwrap();
        tx.commit_recorded().await.unwrap();
        let draft = templates::find(db, second).await.unwrap();
        assert_eq!((draft.family, draft.version), (first.family, 2));
        assert!(!draft.published() && !draft.example);
        assert_eq!(draft.template, first.template);

        // Thresholds that overlap: refused whole, nothing saved.
        let mut overlapping = changed.clone();
        overlapping.thresholds[1].min_total = overlapping.thresholds[0].min_total;
        let mut tx = db.audited(&actor, None).await.unwrap();
        let e = templates::update(&mut tx, second, &overlapping).await;
        assert!(matches!(e, Err(StoreError::Invalid(_))), "{e:?}");
        drop(tx);
        assert_eq!(
            templates::find(db, second).await.unwrap().template,
            first.template
        );

        let mut tx = db.audited(&actor, None).await.unwrap();
        templates::update(&mut tx, second, &changed).await.unwrap();
        templates::publish(&mut tx, second).await.unwrap();
        tx.commit_recorded().await.unwrap();
        let now = templates::current(db, Subject::Organization)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((now.id, now.version), (second, 2));
        let model = now
            .template
            .thresholds
            .iter()
            .find(|t| t.level == Level::Model)
            .unwrap();
        assert_eq!(model.min_total, 17);
        let kept = templates::find(db, first.id).await.unwrap();
        assert_eq!(kept.template, first.template, "version 1 is unchanged");

        let mut tx = db.audited(&actor, None).await.unwrap();
        let again = templates::publish(&mut tx, second).await;
        assert!(matches!(again, Err(StoreError::Invalid(_))));
        drop(tx);

        let log = audit::list(db, None, PageRequest::all()).await.unwrap();
        let actions: Vec<_> = log
            .items
            .iter()
            .filter(|e| e.entity == "assessment_template")
            .map(|e| e.action.as_str())
            .collect();
        assert_eq!(actions, ["publish", "update", "new_version"]);
    }
}

const UDON: i64 = 41;

async fn community(db: &sermphalang_store::Db) -> i64 {
    let filter = OrgFilter {
        kind: Some(OrgKind::Community),
        ..OrgFilter::default()
    };
    org::list(db, UDON, &filter, PageRequest::new(None))
        .await
        .unwrap()
        .items[0]
        .id
}

fn all_top(template: &Template) -> Vec<ItemInput> {
    template
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| ItemInput {
            item: i,
            answer: Some(match &item.rule {
                Rule::Choices { choices } => Answer::Choice(
                    (0..choices.len())
                        .max_by_key(|&c| choices[c].points)
                        .unwrap(),
                ),
                Rule::Percentage { .. } => Answer::Percent(92.5),
                Rule::YesNo { .. } => Answer::Yes(true),
            }),
            note: String::new(),
        })
        .collect()
}

#[tokio::test]
async fn a_community_is_assessed_verified_and_awarded_once() {
    for t in backends("assessment_flow").await {
        let db = &t.db;
        demo::load(db, |p| format!("plain:{p}")).await.unwrap();
        let actor = Actor::system();
        let template = templates::current(db, Subject::Community)
            .await
            .unwrap()
            .unwrap();
        let unit = community(db).await;
        let id = assessments::create(
            db,
            &actor,
            UDON,
            template.id,
            Unit::Organization(unit),
            2569,
        )
        .await
        .unwrap();

        // The same unit, year and criteria again: named, not a database error.
        match assessments::create(
            db,
            &actor,
            UDON,
            template.id,
            Unit::Organization(unit),
            2569,
        )
        .await
        {
            Err(StoreError::Invalid(e)) => assert!(e.summary_th().contains("2569"), "{e}"),
            other => panic!("a second assessment was made: {other:?}"),
        }
        // Khon Kaen's district as Udon Thani's unit: refused.
        let district = templates::current(db, Subject::District)
            .await
            .unwrap()
            .unwrap();
        let other =
            assessments::create(db, &actor, UDON, district.id, Unit::District(4001), 2569).await;
        assert!(matches!(other, Err(StoreError::Invalid(_))), "{other:?}");

        // An answer outside the item: refused whole, nothing saved.
        let mut inputs = all_top(&template.template);
        inputs[3].answer = Some(Answer::Choice(7));
        inputs[0].answer = Some(Answer::Percent(120.0));
        match assessments::save_answers(db, &actor, UDON, id, &inputs).await {
            Err(StoreError::Invalid(e)) => {
                let th = e.summary_th();
                assert!(th.contains("ข้อ 1") && th.contains("ข้อ 4"), "{th}");
            }
            other => panic!("a wrong answer was kept: {other:?}"),
        }
        assert!(assessments::answers(db, id).await.unwrap().is_empty());

        let inputs = all_top(&template.template);
        assessments::save_answers(db, &actor, UDON, id, &inputs)
            .await
            .unwrap();
        let a = assessments::find(db, UDON, id).await.unwrap();
        assert_eq!(a.self_total, i64::from(template.template.max_total()));
        assert_eq!(a.self_level, Some(Level::Model));

        // Required evidence missing: submission is refused and the gaps are listed.
        let required: Vec<usize> = template
            .template
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.evidence_required)
            .map(|(n, _)| n)
            .collect();
        assert!(!required.is_empty());
        match assessments::submit(db, &actor, UDON, id).await {
            Err(StoreError::Invalid(e)) => assert_eq!(e.0.len(), required.len(), "{e}"),
            other => panic!("submitted without evidence: {other:?}"),
        }
        let mut tx = db.audited(&actor, Some(UDON)).await.unwrap();
        for &item in &required {
            let file = files::insert(
                &mut tx,
                UDON,
                None,
                "หลักฐาน.pdf",
                "application/pdf",
                b"%PDF-1.4",
            )
            .await
            .unwrap();
            assessments::add_evidence(&mut tx, UDON, id, item, Proof::File(file), "ลงนาม")
                .await
                .unwrap();
        }
        tx.commit_recorded().await.unwrap();
        assessments::submit(db, &actor, UDON, id).await.unwrap();
        let frozen = assessments::save_answers(db, &actor, UDON, id, &inputs).await;
        assert!(matches!(frozen, Err(StoreError::Invalid(_))), "{frozen:?}");

        // Verification: a changed score needs a reason; the same checklist twice counts once.
        let member = verification::candidates(db, UDON).await.unwrap();
        assert!(!member.is_empty());
        verification::assign(db, &actor, UDON, id, &[member[0].user_id])
            .await
            .unwrap();
        let lowered = Finding {
            item: 1,
            answer: Some(Answer::Choice(1)),
            comment: String::new(),
        };
        let e =
            verification::record(db, &actor, UDON, id, std::slice::from_ref(&lowered), "k1").await;
        assert!(matches!(e, Err(StoreError::Invalid(_))), "{e:?}");
        let lowered = Finding {
            comment: "ไม่พบบันทึกการประชุม".into(),
            ..lowered
        };
        let findings = [
            Finding {
                item: 0,
                answer: None,
                comment: String::new(),
            },
            lowered,
        ];
        assert!(
            verification::record(db, &actor, UDON, id, &findings, "k1")
                .await
                .unwrap()
        );
        assert!(
            !verification::record(db, &actor, UDON, id, &findings, "k1")
                .await
                .unwrap()
        );
        let answered = assessments::answers(db, id).await.unwrap();
        let o = verification::verified_outcome(&template, &answered);
        assert_eq!(o.total, template.template.max_total() - 1);

        // An award for the wrong level is a conflict; the right one stores the certificate.
        let wrong = Award {
            expected: Level::Promoting,
            code: "K7M29QXD4TPAHN3C",
            pdf: b"%PDF",
            comment: "",
        };
        let e = verification::award(db, &actor, UDON, id, wrong).await;
        assert!(matches!(e, Err(StoreError::Conflict)), "{e:?}");
        let level = o.level.unwrap();
        let award = Award {
            expected: level,
            code: "K7M29QXD4TPAHN3C",
            pdf: b"%PDF",
            comment: "ดีเยี่ยม",
        };
        verification::award(db, &actor, UDON, id, award)
            .await
            .unwrap();
        let v = verification::verify(db, "K7M29QXD4TPAHN3C").await.unwrap();
        assert_eq!(v.assessment.level, Some(level));
        assert_eq!(v.assessment.total, Some(i64::from(o.total)));
        let again = verification::send_back(db, &actor, UDON, id, "ขอแก้").await;
        assert!(
            matches!(again, Err(StoreError::Invalid(_))),
            "an award is final"
        );

        let rollup = rollup::province(db, UDON).await.unwrap();
        assert_eq!(rollup.awarded(2569, Subject::Community, Some(level)), 1);
        assert_eq!(rollup.in_network(2569, Sector::Community, level), 1);
        let log = audit::list(db, Some(UDON), PageRequest::all())
            .await
            .unwrap();
        let actions: Vec<_> = log
            .items
            .iter()
            .filter(|e| e.entity == "assessment")
            .map(|e| e.action.as_str())
            .collect();
        assert_eq!(actions[..4], ["award", "verify", "assign", "submit"]);
        assert_eq!(actions.last(), Some(&"create"));
        let attached = actions.iter().filter(|a| **a == "add_evidence").count();
        assert_eq!(attached, required.len());
    }
}
