//! Assessments' store, on SQLite and on PostgreSQL when `TEST_DATABASE_URL` is set.

use sermphalang_domain::assessment::{Level, Subject};
use sermphalang_store::assessment::templates;
use sermphalang_store::audit::{self, Actor};
use sermphalang_store::testing::backends;
use sermphalang_store::{PageRequest, StoreError};

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
