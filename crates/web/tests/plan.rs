//! The integrated plan through the running app: building a plan, its targets and actuals, and
//! the target-against-actual table the province reads.

mod common;

use common::{Client, location, spawn};

fn id_in(location: &str) -> String {
    location.rsplit('/').next().unwrap().to_string()
}

#[tokio::test]
async fn the_secretariat_builds_a_plan_and_reads_it_target_against_actual() {
    let app = spawn().await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;

    // The demo's plan is there, with its strategies and indicators.
    let plans = c.page("/p/41/plans").await;
    assert!(plans.contains("แผนบูรณาการส่งเสริมคุณธรรม จังหวัดอุดรธานี ระยะที่ 2"));

    // A C.E. year is named as the mistake, in Thai first.
    let r = c
        .post(
            "/p/41/plans",
            &[
                ("title", "แผนทดสอบ"),
                ("first_year", "2027"),
                ("last_year", "2571"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("พ.ศ.") || page.contains("B.E."), "{page}");

    let r = c
        .post(
            "/p/41/plans",
            &[
                ("title", "แผนทดสอบ"),
                ("first_year", "2571"),
                ("last_year", "2575"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let plan = id_in(&location(&r));
    let base = format!("/p/41/plans/{plan}");

    let r = c
        .post(
            &format!("{base}/entries"),
            &[
                ("level", "strategy"),
                ("title", "ยุทธศาสตร์ทดสอบ"),
                ("references", "ns-3"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let strategy = id_in(&location(&r));
    // An activity cannot sit right under a strategy; the form says why and keeps the text.
    let r = c
        .post(
            &format!("{base}/entries"),
            &[
                ("level", "activity"),
                ("parent", strategy.as_str()),
                ("title", "กิจกรรมผิดระดับ"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("กิจกรรมต้องอยู่ภายใต้โครงการ"), "{page}");
    assert!(page.contains("กิจกรรมผิดระดับ"));

    let r = c
        .post(
            &format!("{base}/indicators"),
            &[
                ("name", "จำนวนชุมชนคุณธรรม"),
                ("unit", "ชุมชน"),
                ("kind", "count"),
                ("baseline", "๑๒"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let indicator = location(&r);

    // The quarters of a count cannot add up to more than the year.
    let r = c
        .post(
            &format!("{indicator}/targets"),
            &[
                ("fiscal_year", "2571"),
                ("year", "10"),
                ("q1", "6"),
                ("q2", "6"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("เกินเป้าหมายทั้งปี"));
    let r = c
        .post(
            &format!("{indicator}/targets"),
            &[("fiscal_year", "2571"), ("year", "40"), ("q1", "10")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = c
        .post(
            &format!("{indicator}/actuals"),
            &[("fiscal_year", "2571"), ("q1", "9")],
        )
        .await;
    assert_eq!(r.status(), 303);

    let home = c.page(&format!("{base}?year=2571")).await;
    assert!(home.contains("จำนวนชุมชนคุณธรรม"), "{home}");
    assert!(
        home.contains("9 / 10"),
        "the first quarter's actual against its target"
    );
    assert!(home.contains("ยุทธศาสตร์ทดสอบ"));

    // The audit log names what changed.
    let audit = c.page("/p/41/audit").await;
    assert!(audit.contains("กำหนดเป้าหมาย"));

    // A coordinator reads the plan but cannot change it.
    let coordinator =
        Client::login(&app, "coordinator@demo.example", "demo-coordinator-2565").await;
    assert_eq!(coordinator.get(&base).await.status(), 200);
    let r = coordinator
        .post(
            &format!("{indicator}/targets"),
            &[("fiscal_year", "2571"), ("year", "1")],
        )
        .await;
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn the_demo_plan_carries_the_workshop_and_shows_where_it_stands() {
    let app = spawn().await;
    let c = Client::login(&app, "member@demo.example", "demo-member-2565").await;
    let db = &app.db.db;
    let plan = sermphalang_store::plan::plans::list(db, 41).await.unwrap()[0].clone();
    let tree = sermphalang_store::plan::entries::tree(db, plan.id)
        .await
        .unwrap();
    let activities: Vec<_> = tree
        .iter()
        .filter(|e| e.level == sermphalang_domain::plan::Level::Activity)
        .collect();
    assert_eq!(activities.len(), 25);
    assert_eq!(
        activities
            .iter()
            .filter(|e| e.source_activity_id.is_some())
            .count(),
        6,
        "the six plans of the 2565 workshop are in the plan"
    );
    let indicators = sermphalang_store::plan::indicators::list(db, plan.id)
        .await
        .unwrap();
    assert_eq!(indicators.len(), 15);
    // Until the demo's reports are in, the indicators they feed have no actuals.
    let loaded = sermphalang_store::demo::load_reports(db, |_| None)
        .await
        .unwrap();
    assert!(loaded >= 250, "{loaded} reports");
    let home = c.page(&format!("/p/41/plans/{}?year=2568", plan.id)).await;
    assert!(home.contains("เป็นไปตามเป้าหมาย"), "{home}");
    assert!(home.contains("ต่ำกว่าเป้าหมาย") || home.contains("มีความเสี่ยง"));
    assert!(home.contains("ค่ายเยาวชนคุณธรรม"));
    c.get("/lang/en").await;
    let english = c.page(&format!("/p/41/plans/{}?year=2568", plan.id)).await;
    assert!(english.contains("on track") && english.contains("Target against actual"));
}

#[tokio::test]
async fn a_workshops_plans_become_plan_activities_in_one_step_and_link_back() {
    let app = spawn().await;
    let db = &app.db.db;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let base = sermphalang_store::evaluation::cycle::list(db, 41)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.fiscal_year == 2565)
        .unwrap();
    let plan = sermphalang_store::plan::plans::list(db, 41).await.unwrap()[0].clone();
    let tree = sermphalang_store::plan::entries::tree(db, plan.id)
        .await
        .unwrap();
    let project = tree
        .iter()
        .find(|e| e.level == sermphalang_domain::plan::Level::Project)
        .unwrap()
        .id;
    let to_plan = format!("/p/41/cycles/{}/to-plan", base.id);
    let target = format!("{}:{project}", plan.id);

    // The demo already carried the six plans of 2565: nothing is left to carry.
    let r = c.post(&to_plan, &[("project", target.as_str())]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("อยู่ในแผนบูรณาการครบแล้ว"));
    let page = c
        .page(&format!("/p/41/cycles/{}?tab=planning", base.id))
        .await;
    assert_eq!(
        page.matches(">อยู่ในแผนบูรณาการแล้ว</a>").count(),
        6,
        "each carried plan links to the plan"
    );

    // A new plan for the future is carried with an indicator, and links both ways.
    let chosen = sermphalang_store::evaluation::activity::chosen(db, base.id)
        .await
        .unwrap()[1]
        .id;
    let r = c
        .post(
            &format!("/p/41/cycles/{}/plans", base.id),
            &[
                ("activity", chosen.to_string().as_str()),
                ("goal", "ชุมชนคุณธรรมใหม่ 10 แห่งในอำเภอชายแดน"),
                ("strategies", "วัดเป็นพี่เลี้ยง"),
                ("evidence", "ทะเบียนชุมชนคุณธรรม"),
                ("due_on", "30/9/2568"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = c.post(&to_plan, &[("project", target.as_str())]).await;
    assert_eq!(r.status(), 303);
    let after = sermphalang_store::plan::entries::tree(db, plan.id)
        .await
        .unwrap();
    assert_eq!(after.len(), tree.len() + 1);
    let carried = after
        .iter()
        .find(|e| !tree.iter().any(|t| t.id == e.id))
        .unwrap();
    assert_eq!(carried.parent_id, Some(project));
    assert_eq!(carried.source_activity_id, Some(chosen));
    assert_eq!(carried.fiscal_year, Some(2568));
    let indicators = sermphalang_store::plan::indicators::list(db, plan.id)
        .await
        .unwrap();
    assert!(
        indicators
            .iter()
            .any(|i| i.entry_id == Some(carried.id) && i.name.contains("ชุมชนคุณธรรมใหม่ 10 แห่ง"))
    );
    let entry = c
        .page(&format!("/p/41/plans/{}/entries/{}", plan.id, carried.id))
        .await;
    // The activity shows its ratings at baseline (2565) and at the follow-up (2566).
    assert!(entry.contains("มาจากการประเมินเสริมพลัง"), "{entry}");
    assert!(entry.contains(&base.name));
    assert!(entry.contains("ครั้งที่ 2"), "the follow-up cycle is listed");
    let cycle = c
        .page(&format!("/p/41/cycles/{}?tab=planning", base.id))
        .await;
    assert_eq!(cycle.matches(">อยู่ในแผนบูรณาการแล้ว</a>").count(), 7);
    // Someone who may not write the plan cannot carry.
    let member = Client::login(&app, "member@demo.example", "demo-member-2565").await;
    assert_eq!(
        member
            .post(&to_plan, &[("project", target.as_str())])
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn the_plan_and_its_reports_read_through_the_api() {
    let app = spawn().await;
    let db = &app.db.db;
    sermphalang_store::demo::load_reports(db, |_| None)
        .await
        .unwrap();
    let c = Client::login(&app, "member@demo.example", "demo-member-2565").await;
    let json = |r: reqwest::Response| async move {
        assert_eq!(r.status(), 200);
        r.json::<serde_json::Value>().await.unwrap()
    };
    let plans = json(c.get("/api/v1/provinces/41/plans").await).await;
    let plan = plans[0]["id"].as_i64().unwrap();
    assert_eq!(plans[0]["first_year"], 2566);

    let tree = json(c.get(&format!("/api/v1/provinces/41/plans/{plan}")).await).await;
    let entries = tree["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 39);
    assert_eq!(entries[0]["number"], "1");
    assert_eq!(entries[0]["level"], "strategy");
    let activity = entries
        .iter()
        .find(|e| e["title"] == "ค่ายเยาวชนคุณธรรม \"อุดรคนดี\"")
        .unwrap();
    assert_eq!(activity["level"], "activity");
    assert!(activity["budget"][0]["baht"].as_f64().unwrap() > 0.0);

    let progress = json(
        c.get(&format!(
            "/api/v1/provinces/41/plans/{plan}/progress?year=2568"
        ))
        .await,
    )
    .await;
    let rows = progress.as_array().unwrap();
    assert_eq!(rows.len(), 15);
    let store = sermphalang_store::plan::indicators::progress(db, plan, 2568)
        .await
        .unwrap();
    for (row, p) in rows.iter().zip(&store) {
        assert_eq!(row["name"], p.indicator.name.as_str());
        assert_eq!(row["year"]["actual"].as_f64(), p.year_actual());
        assert_eq!(row["quarters"].as_array().unwrap().len(), 4);
    }
    assert!(rows.iter().any(|r| r["year"]["status"] == "on_track"));

    let list = json(c.get("/api/v1/provinces/41/reports?status=approved").await).await;
    assert!(list["total"].as_i64().unwrap() > 100);
    let items = list["items"].as_array().unwrap();
    assert!(items.iter().all(|r| r["status"] == "approved"));
    let id = items[0]["id"].as_i64().unwrap();
    let one = json(c.get(&format!("/api/v1/provinces/41/reports/{id}")).await).await;
    assert_eq!(one["id"], id);
    let p = &one["participants"];
    assert_eq!(
        p["total"].as_i64().unwrap(),
        p["male"].as_i64().unwrap()
            + p["female"].as_i64().unwrap()
            + p["gender_unstated"].as_i64().unwrap()
    );
    // Another province's plan and report are not found under this one, even by an account
    // that sees every province.
    let admin = Client::login(&app, "admin@demo.example", "demo-admin-2565").await;
    for path in [
        format!("/api/v1/provinces/40/plans/{plan}"),
        format!("/api/v1/provinces/40/plans/{plan}/progress"),
        format!("/api/v1/provinces/40/reports/{id}"),
    ] {
        assert_eq!(admin.get(&path).await.status(), 404, "{path}");
    }
    assert_eq!(
        admin
            .get(&format!("/api/v1/provinces/41/reports/{id}"))
            .await
            .status(),
        200
    );
    let doc = json(c.get("/api/v1/openapi.json").await).await;
    assert!(doc["paths"]["/api/v1/provinces/{province}/plans/{id}/progress"].is_object());
    assert!(doc["paths"]["/api/v1/provinces/{province}/reports/{id}"].is_object());
}

#[tokio::test]
async fn a_cycle_page_carries_its_active_tab_only_and_a_plan_item_has_its_own_form() {
    let app = spawn().await;
    let db = &app.db.db;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    for cycle in sermphalang_store::evaluation::cycle::list(db, 41)
        .await
        .unwrap()
    {
        for tab in ["", "mission", "stock", "rating", "planning", "progress"] {
            let path = format!("/p/41/cycles/{}?tab={tab}", cycle.id);
            let page = c.page(&path).await;
            assert!(
                page.len() <= 40_000,
                "{path}: {} bytes of HTML (budget 40,000)",
                page.len()
            );
            assert!(
                page.contains("?tab=planning\""),
                "{path}: the other tabs are links"
            );
        }
    }
    let base = sermphalang_store::evaluation::cycle::list(db, 41)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.fiscal_year == 2565)
        .unwrap();
    let chosen = sermphalang_store::evaluation::activity::chosen(db, base.id)
        .await
        .unwrap()[0]
        .clone();
    let planning = c
        .page(&format!("/p/41/cycles/{}?tab=planning", base.id))
        .await;
    let link = format!("/p/41/cycles/{}/plans/new?activity={}", base.id, chosen.id);
    assert!(planning.contains(&link), "each activity links to the form");
    assert!(
        !planning.contains("name=\"owner_organization\""),
        "the owner lists are not on the tab"
    );
    let form = c.page(&link).await;
    assert!(form.contains(&format!("<option value=\"{}\" selected>", chosen.id)));
    assert!(form.contains("name=\"owner_organization\""));

    let plans = format!("/p/41/cycles/{}/plans", base.id);
    let activity = chosen.id.to_string();
    let r = c
        .post(
            &plans,
            &[
                ("activity", activity.as_str()),
                ("goal", ""),
                ("strategies", "อบรมครูแกนนำ"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let again = r.text().await.unwrap();
    assert!(
        again.contains("อบรมครูแกนนำ</textarea>"),
        "what was typed is kept"
    );
    assert!(again.contains("field-error"), "the goal is named");
    let before = sermphalang_store::evaluation::plan::list(db, base.id)
        .await
        .unwrap()
        .len();
    let r = c
        .post(
            &plans,
            &[
                ("activity", activity.as_str()),
                ("goal", "โรงเรียนคุณธรรมครบทุกอำเภอ"),
                ("strategies", "อบรมครูแกนนำ"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).ends_with("?tab=planning"));
    let after = sermphalang_store::evaluation::plan::list(db, base.id)
        .await
        .unwrap();
    assert_eq!(after.len(), before + 1);
    let member = Client::login(&app, "coordinator@demo.example", "demo-coordinator-2565").await;
    assert_eq!(member.get(&link).await.status(), 403);
}
