//! What plans are aligned with: national staff correct and withdraw national references, a
//! province keeps its own virtues, and plan entries offer what is current.

mod common;

use common::{Client, location, spawn};

#[tokio::test]
async fn national_staff_keep_the_references_and_a_province_its_own_virtues() {
    let app = spawn().await;
    let national = Client::login(&app, "national@demo.example", "demo-national-2565").await;
    let page = national.page("/references").await;
    assert!(page.contains("ยุทธศาสตร์ชาติด้านความมั่นคง") && page.contains("กตัญญู"));

    // A Thai name is required, and the kind must be a national one.
    let r = national
        .post(
            "/references",
            &[("kind", "province_virtue"), ("name_th", " ")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("กรุณาเลือกประเภท") && body.contains("ชื่อภาษาไทย"),
        "{body}"
    );

    let r = national
        .post(
            "/references",
            &[
                ("kind", "virtue"),
                ("name_th", "ความรับผิดชอบ"),
                ("name_en", "responsibility"),
            ],
        )
        .await;
    assert_eq!(location(&r), "/references");
    // A name corrected, and gratitude withdrawn from new choices.
    let r = national
        .post(
            "/references/v-gratitude",
            &[("name_th", "กตัญญูกตเวที"), ("archived", "on")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        national
            .post("/references/no-such", &[("name_th", "x")])
            .await
            .status(),
        404
    );

    let secretariat =
        Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let virtues = secretariat.page("/p/41/virtues").await;
    assert!(
        virtues.contains("ขยะและความไม่เป็นระเบียบในที่สาธารณะ"),
        "{virtues}"
    );
    let r = secretariat
        .post(
            "/p/41/virtues",
            &[
                ("name_th", "ซื่อสัตย์ในหน้าที่"),
                ("problem", "การเรียกรับผลประโยชน์"),
                ("kind", "virtue"),
            ],
        )
        .await;
    assert_eq!(location(&r), "/p/41/virtues");
    // A province cannot edit a national reference through its own page.
    assert_eq!(
        secretariat
            .post("/p/41/virtues/v-integrity", &[("name_th", "x")])
            .await
            .status(),
        404
    );

    let plan = sermphalang_store::plan::plans::list(&app.db.db, 41)
        .await
        .unwrap()[0]
        .id;
    let form = secretariat
        .page(&format!("/p/41/plans/{plan}/entries/new"))
        .await;
    assert!(
        form.contains("ความรับผิดชอบ"),
        "the new national virtue is offered"
    );
    assert!(
        form.contains("ซื่อสัตย์ในหน้าที่"),
        "the province's own virtue is offered"
    );
    assert!(
        !form.contains("กตัญญูกตเวที"),
        "a withdrawn virtue is not offered"
    );
    // An entry that already cites the withdrawn virtue still shows it, and keeps it when saved.
    let db = &app.db.db;
    let plan = sermphalang_store::plan::plans::find(db, 41, plan)
        .await
        .unwrap();
    let tree = sermphalang_store::plan::entries::tree(db, plan.id)
        .await
        .unwrap();
    let citing = tree
        .iter()
        .find(|e| e.references.iter().any(|r| r == "v-gratitude"))
        .expect("the demo cites gratitude");
    let edit = secretariat
        .page(&format!(
            "/p/41/plans/{}/entries/{}/edit",
            plan.id, citing.id
        ))
        .await;
    assert!(edit.contains("กตัญญูกตเวที"), "{edit}");
    let input_of =
        |e: &sermphalang_store::plan::entries::Entry| sermphalang_domain::plan::EntryInput {
            level: e.level,
            parent: e.parent_id,
            title: e.title.clone(),
            description: e.description.clone(),
            fiscal_year: e.fiscal_year,
            starts_on: e.starts_on,
            ends_on: e.ends_on,
            networks: e.networks.clone(),
            districts: e.districts.clone(),
            organizations: e.organizations.iter().map(|(id, _)| *id).collect(),
            references: e.references.clone(),
            budget: e.budget.clone(),
        };
    let input = input_of(citing);
    let actor = sermphalang_store::audit::Actor::system();
    sermphalang_store::plan::entries::update(db, &actor, &plan, citing.id, &input)
        .await
        .unwrap();
    let other = tree
        .iter()
        .find(|e| e.id != citing.id && e.parent_id.is_some())
        .unwrap();
    let adding = sermphalang_domain::plan::EntryInput {
        references: vec!["v-gratitude".into()],
        ..input
    };
    assert!(
        sermphalang_store::plan::entries::update(db, &actor, &plan, other.id, &adding)
            .await
            .is_err(),
        "a withdrawn virtue cannot be newly cited"
    );
    let list = sermphalang_store::plan::references::list(&app.db.db, 40)
        .await
        .unwrap();
    assert!(
        !list.iter().any(|r| r.name_th == "ซื่อสัตย์ในหน้าที่"),
        "another province does not see it"
    );
}
