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

fn sheet(headers: &[&str], rows: &[Vec<String>]) -> sermphalang_store::registry::imports::Table {
    sermphalang_store::registry::imports::Table {
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows: rows.to_vec(),
        lines: Vec::new(),
    }
}

#[tokio::test]
async fn last_years_paper_results_are_imported_whole_or_not_at_all() {
    use sermphalang_store::assessment::import;
    use sermphalang_store::registry::geo::Geo;
    for t in backends("assessment_paper_import").await {
        let db = &t.db;
        demo::load(db, |p| format!("plain:{p}")).await.unwrap();
        let geo = Geo::load(db).await.unwrap();
        let (account, _) = sermphalang_store::users::find_for_login(db, "secretariat@demo.example")
            .await
            .unwrap()
            .unwrap();
        let actor = Actor {
            user_id: Some(account.id),
            email: account.email,
        };
        let unit = org::find(db, UDON, community(db).await).await.unwrap();
        let template = templates::current(db, Subject::Community)
            .await
            .unwrap()
            .unwrap();
        assessments::create(
            db,
            &actor,
            UDON,
            template.id,
            Unit::Organization(unit.id),
            2568,
        )
        .await
        .unwrap();
        let assessed_2568 = unit.name.clone();
        let mut headers = vec![
            "หน่วยที่รับการประเมิน",
            "ประเภท",
            "อำเภอ",
            "ปีงบประมาณ",
            "ระดับที่ได้รับ",
        ];
        let items: Vec<String> = (1..=9).map(|i| format!("ข้อ {i}")).collect();
        headers.extend(items.iter().map(String::as_str));
        let top = ["85%", "2", "2", "2", "2", "2", "2", "2", "2"];
        let row = |name: &str, kind: &str, year: &str, level: &str, points: &[&str]| {
            let mut r = vec![
                name.to_string(),
                kind.to_string(),
                String::new(),
                year.to_string(),
                level.to_string(),
            ];
            r.extend(points.iter().map(|p| p.to_string()));
            r
        };
        let rows = [
            row(&unit.name, "ชุมชน", "๒๕๖๗", "ชุมชนคุณธรรมต้นแบบ", &top),
            row("ชุมชนที่ไม่มีในทะเบียน", "ชุมชน", "2567", "", &top),
            row(&unit.name, "ชุมชน", "2590", "", &top),
            row(
                &unit.name,
                "ชุมชน",
                "2566",
                "",
                &["120%", "2", "2", "2", "2", "2", "2", "2", "5"],
            ),
            row(&unit.name, "ชุมชน", "2565", "คุณธรรม", &top),
            row(&assessed_2568, "ชุมชน", "2568", "", &top),
            row(&unit.name, "ชุมชน", "2567", "", &top),
        ];
        let bad = import::prepare(
            db,
            &geo,
            &actor,
            UDON,
            "ผล2567.xlsx",
            &sheet(&headers, &rows),
        )
        .await
        .unwrap();
        assert_eq!(bad.batch, None, "a file with bad rows keeps no batch");
        let errors: Vec<String> = bad
            .rows
            .iter()
            .map(|r| {
                r.errors
                    .iter()
                    .map(|e| e.th.clone())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect();
        assert!(errors[0].is_empty(), "{errors:?}");
        assert!(errors[1].contains("ไม่พบชุมชน"), "{}", errors[1]);
        assert!(errors[2].contains("2590 ยังมาไม่ถึง"), "{}", errors[2]);
        assert!(
            errors[3].contains("ข้อ 1:") && errors[3].contains("ร้อยละ"),
            "{}",
            errors[3]
        );
        assert!(
            !errors[3].contains("ไม่มีคะแนน"),
            "an unreadable cell is named once: {}",
            errors[3]
        );
        assert!(
            errors[3].contains("ข้อ 9:") && errors[3].contains("ไม่ใช่ 5"),
            "{}",
            errors[3]
        );
        assert!(
            errors[4].contains("ได้ระดับ ชุมชนคุณธรรมต้นแบบ"),
            "{}",
            errors[4]
        );
        assert!(errors[5].contains("แล้ว"), "{}", errors[5]);
        assert!(
            errors[6].contains("แถวก่อนหน้า"),
            "the same unit and year twice: {}",
            errors[6]
        );
        let after = assessments::list(db, UDON, &Default::default())
            .await
            .unwrap();
        assert_eq!(after.len(), 1, "nothing is written by a check");

        // A good file: the community reaches the model level, a district reaches none.
        let low = ["0", "1", "1", "1", "1", "1", "0", "0", "0"];
        let rows = [
            row(&unit.name, "ชุมชน", "2567", "ชุมชนคุณธรรมต้นแบบ", &top),
            row("อำเภอกุมภวาปี", "อำเภอ", "2567", "ไม่ผ่าน", &low),
        ];
        let good = import::prepare(
            db,
            &geo,
            &actor,
            UDON,
            "ผล2567.xlsx",
            &sheet(&headers, &rows),
        )
        .await
        .unwrap();
        assert!(
            good.rows.iter().all(|r| r.errors.is_empty()),
            "{:?}",
            good.rows
        );
        assert_eq!((good.awarded, good.not_reached), (1, 1));
        let batch = good.batch.expect("a batch for a good file");
        assert_eq!(import::confirm(db, &actor, UDON, batch).await.unwrap(), 2);
        assert!(
            matches!(
                import::confirm(db, &actor, UDON, batch).await,
                Err(StoreError::NotFound)
            ),
            "a batch is used once"
        );
        let filter = assessments::Filter {
            fiscal_year: Some(2567),
            ..Default::default()
        };
        let imported = assessments::list(db, UDON, &filter).await.unwrap();
        assert_eq!(imported.len(), 2);
        let awarded = imported
            .iter()
            .find(|a| a.subject == Subject::Community)
            .unwrap();
        assert_eq!(
            awarded.status,
            sermphalang_domain::assessment::Status::Awarded
        );
        assert_eq!(
            (awarded.total, awarded.level),
            (Some(18), Some(Level::Model))
        );
        assert_eq!(
            awarded.certificate_code, None,
            "the paper certificate was given on paper"
        );
        let answers = assessments::answers(db, awarded.id).await.unwrap();
        assert_eq!(answers[0].answer, Answer::Percent(85.0));
        assert_eq!(answers[1].answer, Answer::Points(2));
        let district = imported
            .iter()
            .find(|a| a.subject == Subject::District)
            .unwrap();
        assert_eq!(
            district.status,
            sermphalang_domain::assessment::Status::Returned
        );
        assert_eq!((district.total, district.level), (Some(5), None));
        assert!(district.comment.contains("ผล2567.xlsx"));
        let rolled = rollup::province(db, UDON).await.unwrap();
        assert_eq!(
            rolled.awarded(2567, Subject::Community, Some(Level::Model)),
            1
        );

        // The same file again: every row is now recorded.
        let again = import::prepare(
            db,
            &geo,
            &actor,
            UDON,
            "ผล2567.xlsx",
            &sheet(&headers, &rows),
        )
        .await
        .unwrap();
        assert_eq!(again.batch, None);
        assert_eq!(again.bad_rows(), 2);
        let log = audit::list(db, Some(UDON), PageRequest::all())
            .await
            .unwrap();
        assert!(
            log.items
                .iter()
                .any(|e| e.action == "import" && e.entity == "assessment"),
            "the import is in the audit log"
        );
    }
}
