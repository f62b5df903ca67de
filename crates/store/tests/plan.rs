//! The integrated plan's store, on SQLite and on PostgreSQL when `TEST_DATABASE_URL` is set.

use sermphalang_domain::plan::{
    EntryForm, IndicatorForm, IndicatorKind, Level, PlanForm, PlanPeriod, ReferenceKind,
    TargetsForm,
};
use sermphalang_domain::registry::Sector;
use sermphalang_store::audit::Actor;
use sermphalang_store::plan::entries::{self, Source};
use sermphalang_store::plan::{indicators, plans, references};
use sermphalang_store::testing::backends;
use sermphalang_store::{Db, StoreError, backup};

const UDON: i64 = 41;
const KHON_KAEN: i64 = 40;

fn period() -> PlanPeriod {
    PlanPeriod::try_new(2566, 2570).unwrap()
}

async fn plan(db: &Db, province: i64) -> plans::Plan {
    let input = PlanForm {
        title: "แผนบูรณาการส่งเสริมคุณธรรม".into(),
        first_year: "2566".into(),
        last_year: "2570".into(),
        vision: String::new(),
    }
    .validate()
    .unwrap();
    let id = plans::create(db, &Actor::system(), province, &input)
        .await
        .unwrap();
    plans::find(db, province, id).await.unwrap()
}

async fn entry(db: &Db, plan: &plans::Plan, level: Level, parent: Option<i64>, title: &str) -> i64 {
    let input = EntryForm {
        level: level.code().into(),
        parent: parent.map(|p| p.to_string()).unwrap_or_default(),
        title: title.into(),
        ..EntryForm::default()
    }
    .validate(period())
    .unwrap();
    entries::create(db, &Actor::system(), plan, &input, Source::default())
        .await
        .unwrap()
}

fn invalid_fields(e: StoreError) -> Vec<&'static str> {
    match e {
        StoreError::Invalid(i) => i.0.iter().map(|f| f.field).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn the_plan_is_a_numbered_tree_with_links_to_the_registry_and_the_references() {
    for t in backends("plan_tree").await {
        let db = &t.db;
        let p = plan(db, UDON).await;
        let s1 = entry(db, &p, Level::Strategy, None, "เสริมสร้างคุณธรรมในชุมชน").await;
        let s2 = entry(db, &p, Level::Strategy, None, "พัฒนาเครือข่าย").await;
        let g1 = entry(db, &p, Level::Goal, Some(s1), "ชุมชนมีวินัย").await;
        let pr = entry(db, &p, Level::Project, Some(g1), "โครงการชุมชนคุณธรรม").await;
        let refs = references::list(db, UDON).await.unwrap();
        assert_eq!(
            refs.iter()
                .filter(|r| r.kind == ReferenceKind::NationalStrategy)
                .count(),
            6
        );
        assert!(refs.iter().any(|r| r.name_th == "กตัญญู"));
        let input = EntryForm {
            level: "activity".into(),
            parent: pr.to_string(),
            title: "ค่ายเยาวชนคุณธรรม".into(),
            fiscal_year: "2568".into(),
            networks: vec!["education".into(), "religion".into()],
            districts: vec!["4101".into(), "4119".into()],
            references: vec!["v-discipline".into(), "ns-3".into()],
            budget_source: vec!["งบพัฒนาจังหวัด".into(), "งบ อปท.".into()],
            budget_amount: vec!["50,000".into(), "12,500.50".into()],
            ..EntryForm::default()
        }
        .validate(period())
        .unwrap();
        let a = entries::create(db, &Actor::system(), &p, &input, Source::default())
            .await
            .unwrap();
        let tree = entries::tree(db, p.id).await.unwrap();
        let numbers: Vec<(&str, &str)> = tree
            .iter()
            .map(|e| (e.number.as_str(), e.title.as_str()))
            .collect();
        assert_eq!(
            numbers,
            [
                ("1", "เสริมสร้างคุณธรรมในชุมชน"),
                ("1.1", "ชุมชนมีวินัย"),
                ("1.1.1", "โครงการชุมชนคุณธรรม"),
                ("1.1.1.1", "ค่ายเยาวชนคุณธรรม"),
                ("2", "พัฒนาเครือข่าย"),
            ]
        );
        let activity = tree.iter().find(|e| e.id == a).unwrap();
        assert_eq!(activity.networks, [Sector::Education, Sector::Religion]);
        assert_eq!(activity.districts, [4101, 4119]);
        assert_eq!(activity.references.len(), 2);
        assert_eq!(activity.budget_satang(), 6_250_050);
        assert_eq!(activity.depth(), 3);

        // An activity cannot sit under a strategy; a district of another province is refused.
        let wrong = EntryForm {
            level: "activity".into(),
            parent: s2.to_string(),
            title: "ผิดระดับ".into(),
            districts: vec!["4001".into()],
            ..EntryForm::default()
        }
        .validate(period())
        .unwrap();
        let e = entries::create(db, &Actor::system(), &p, &wrong, Source::default())
            .await
            .unwrap_err();
        assert_eq!(invalid_fields(e), ["parent", "districts"]);
        assert_eq!(entries::tree(db, p.id).await.unwrap().len(), 5);

        // Another province's plan is not found, nor are its entries through it.
        assert!(matches!(
            plans::find(db, KHON_KAEN, p.id).await,
            Err(StoreError::NotFound)
        ));
        let other = plan(db, KHON_KAEN).await;
        assert!(matches!(
            entries::find(db, other.id, a).await,
            Err(StoreError::NotFound)
        ));
    }
}

#[tokio::test]
async fn targets_and_actuals_add_up_by_quarter_and_survive_a_backup() {
    for t in backends("plan_targets").await {
        let db = &t.db;
        let p = plan(db, UDON).await;
        let count = IndicatorForm {
            name: "จำนวนชุมชนคุณธรรม".into(),
            unit: "ชุมชน".into(),
            kind: "count".into(),
            baseline: "12".into(),
            entry: String::new(),
        }
        .validate()
        .unwrap();
        let id = indicators::create(db, &Actor::system(), &p, &count)
            .await
            .unwrap();
        let targets = TargetsForm {
            fiscal_year: "2568".into(),
            year: "40".into(),
            q1: "10".into(),
            q2: "10".into(),
            q3: "10".into(),
            q4: "10".into(),
        }
        .validate(IndicatorKind::Count, period())
        .unwrap();
        indicators::set_targets(db, &Actor::system(), &p, id, &targets)
            .await
            .unwrap();
        let mut tx = db.begin().await.unwrap();
        indicators::add_reported(&mut tx, id, 2568, 1, 7.0, 1)
            .await
            .unwrap();
        indicators::add_reported(&mut tx, id, 2568, 1, 5.0, 1)
            .await
            .unwrap();
        indicators::add_reported(&mut tx, id, 2568, 2, 4.0, 1)
            .await
            .unwrap();
        indicators::add_reported(&mut tx, id, 2568, 2, 4.0, -1)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let entered = TargetsForm {
            fiscal_year: "2568".into(),
            q3: "3".into(),
            ..TargetsForm::default()
        }
        .validate(IndicatorKind::Count, period())
        .unwrap();
        indicators::set_entered(db, &Actor::system(), &p, id, &entered)
            .await
            .unwrap();
        let progress = indicators::progress(db, p.id, 2568).await.unwrap();
        assert_eq!(progress[0].targets[0], Some(40.0));
        assert_eq!(progress[0].actuals(), [Some(12.0), None, Some(3.0), None]);
        assert_eq!(progress[0].year_actual(), Some(15.0));
        assert_eq!(progress[0].quarters[1].reports, 0);

        // The kind cannot change once there are values; the years cannot shrink past them.
        let percent = IndicatorForm {
            kind: "percent".into(),
            name: "ร้อยละ".into(),
            unit: "ร้อยละ".into(),
            ..IndicatorForm::default()
        }
        .validate()
        .unwrap();
        let e = indicators::update(db, &Actor::system(), &p, id, &percent)
            .await
            .unwrap_err();
        assert_eq!(invalid_fields(e), ["kind"]);
        let shorter = PlanForm {
            title: p.title.clone(),
            first_year: "2569".into(),
            last_year: "2570".into(),
            vision: String::new(),
        }
        .validate()
        .unwrap();
        let e = plans::update(db, &Actor::system(), UDON, p.id, &shorter)
            .await
            .unwrap_err();
        assert_eq!(invalid_fields(e), ["first_year"]);

        let saved = backup::export(db).await.unwrap();
        backup::restore(db, &saved).await.unwrap();
        let again = indicators::progress(db, p.id, 2568).await.unwrap();
        assert_eq!(again[0].actuals(), progress[0].actuals());
        assert_eq!(again[0].indicator.baseline, Some(12.0));
    }
}

#[tokio::test]
async fn references_are_edited_nationally_and_virtues_kept_by_province() {
    for t in backends("plan_references").await {
        let db = &t.db;
        let actor = Actor::system();
        let form = |kind: &str, name: &str, problem: &str| {
            sermphalang_domain::plan::reference::ReferenceForm {
                kind: kind.into(),
                name_th: name.into(),
                problem: problem.into(),
                ..Default::default()
            }
        };
        let national = form("virtue", "ความรับผิดชอบ", "")
            .validate(&[ReferenceKind::Virtue])
            .unwrap();
        let code = references::add(db, &actor, None, &national).await.unwrap();
        let own = form("province_virtue", "ซื่อสัตย์ในหน้าที่", "การเรียกรับผลประโยชน์")
            .validate(&[ReferenceKind::ProvinceVirtue])
            .unwrap();
        let mine = references::add(db, &actor, Some(UDON), &own).await.unwrap();
        let second = references::add(db, &actor, Some(UDON), &own).await.unwrap();
        assert_ne!(mine, second);
        let udon = references::editable(db, Some(UDON)).await.unwrap();
        assert_eq!(udon.len(), 2);
        assert_eq!(udon[0].problem, "การเรียกรับผลประโยชน์");
        assert!(
            references::editable(db, Some(KHON_KAEN))
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            references::editable(db, None)
                .await
                .unwrap()
                .iter()
                .any(|r| r.code == code)
        );
        // Withdrawn: no longer offered, though an entry citing it may keep it.
        let withdrawn = sermphalang_domain::plan::reference::ReferenceInput {
            archived: true,
            ..national
        };
        references::update(db, &actor, None, &code, &withdrawn)
            .await
            .unwrap();
        let offered = references::list(db, UDON).await.unwrap();
        assert!(!offered.iter().any(|r| r.code == code));
        assert!(offered.iter().any(|r| r.code == mine));
        let kept = references::choices(db, UDON, std::slice::from_ref(&code))
            .await
            .unwrap();
        assert!(kept.iter().any(|r| r.code == code));
        assert!(matches!(
            references::update(db, &actor, Some(KHON_KAEN), &mine, &own).await,
            Err(StoreError::NotFound)
        ));
    }
}
