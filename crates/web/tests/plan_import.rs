//! The plan's workbook both ways: what the export writes, the import reads back into another
//! plan unchanged; a workbook with mistakes is previewed row by row and nothing is written.

mod common;

use common::{Client, location, spawn};
use sermphalang_documents::{Cell, Table, write_workbook};
use sermphalang_store::plan::{entries, indicators, plans};

fn upload(bytes: Vec<u8>) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name("plan.xlsx"),
    )
}

async fn new_plan(c: &Client, title: &str) -> i64 {
    let r = c
        .post(
            "/p/41/plans",
            &[
                ("title", title),
                ("first_year", "2566"),
                ("last_year", "2570"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    location(&r).rsplit('/').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn the_exported_plan_imports_into_another_plan_unchanged() {
    let app = spawn().await;
    let db = &app.db.db;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let demo = plans::list(db, 41).await.unwrap()[0].clone();
    let bytes = c
        .get(&format!("/p/41/plans/{}/export", demo.id))
        .await
        .bytes()
        .await
        .unwrap()
        .to_vec();
    let copy = new_plan(&c, "แผนนำเข้า").await;

    let url = c.url(&format!("/p/41/plans/{copy}/import?_csrf={}", c.csrf()));
    let r = c
        .http
        .post(&url)
        .multipart(upload(bytes))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(page.contains("39 รายการในแผน, 15 ตัวชี้วัด"), "{page}");
    let confirm = format!("/p/41/plans/{copy}/import/");
    let batch: String = page
        .split(&confirm)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .into();
    assert_eq!(
        entries::tree(db, copy).await.unwrap().len(),
        0,
        "the preview writes nothing"
    );
    let r = c.post(&format!("{confirm}{batch}"), &[]).await;
    assert_eq!(r.status(), 303);
    let done = c.page(&location(&r)).await;
    assert!(done.contains("นำเข้าสำเร็จ: 39 รายการในแผน, 15 ตัวชี้วัด"));
    // A batch is written once.
    assert_eq!(
        c.post(&format!("{confirm}{batch}"), &[]).await.status(),
        404
    );

    let key = |e: &entries::Entry| {
        (
            e.number.clone(),
            e.level,
            e.title.clone(),
            e.description.clone(),
            e.fiscal_year,
            e.starts_on,
            e.ends_on,
            e.networks.clone(),
            e.districts.clone(),
            e.organizations.clone(),
            e.references.clone(),
            e.budget.clone(),
        )
    };
    let before: Vec<_> = entries::tree(db, demo.id).await.unwrap();
    let after: Vec<_> = entries::tree(db, copy).await.unwrap();
    assert_eq!(
        before.iter().map(key).collect::<Vec<_>>(),
        after.iter().map(key).collect::<Vec<_>>()
    );
    let measured = |tree: &[entries::Entry], id: Option<i64>| {
        id.and_then(|id| tree.iter().find(|e| e.id == id))
            .map(|e| e.number.clone())
    };
    for year in 2566..=2570 {
        let a = indicators::progress(db, demo.id, year).await.unwrap();
        let b = indicators::progress(db, copy, year).await.unwrap();
        assert_eq!(a.len(), b.len());
        for (a, b) in a.iter().zip(&b) {
            assert_eq!(
                (
                    &a.indicator.name,
                    &a.indicator.unit,
                    a.indicator.kind,
                    a.indicator.baseline,
                    measured(&before, a.indicator.entry_id),
                    a.targets[0],
                ),
                (
                    &b.indicator.name,
                    &b.indicator.unit,
                    b.indicator.kind,
                    b.indicator.baseline,
                    measured(&after, b.indicator.entry_id),
                    b.targets[0],
                ),
                "{year}"
            );
        }
    }
}

fn text(cells: &[&str]) -> Vec<Cell> {
    cells
        .iter()
        .map(|c| {
            if c.is_empty() {
                Cell::Empty
            } else {
                Cell::from(*c)
            }
        })
        .collect()
}

#[tokio::test]
async fn a_plan_workbook_with_mistakes_names_each_and_writes_nothing() {
    let app = spawn().await;
    let db = &app.db.db;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let plan = new_plan(&c, "แผนมีข้อผิดพลาด").await;
    let headers = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let workbook = write_workbook(&[
        Table {
            name: "โครงสร้างแผน".into(),
            headers: headers(&[
                "ลำดับ",
                "ระดับ",
                "ชื่อ",
                "ปีงบประมาณ",
                "อำเภอ",
                "งบประมาณ (บาท)",
                "แหล่งงบประมาณ",
            ]),
            rows: vec![
                text(&["1", "ยุทธศาสตร์", "ยุทธศาสตร์ทดสอบ", "", "", "", ""]),
                text(&["1.1", "เป้าประสงค์", "เป้าประสงค์ทดสอบ", "", "", "", ""]),
                text(&["2.1", "เป้าประสงค์", "ไม่มียุทธศาสตร์", "", "", "", ""]),
                text(&["1.1", "", "ลำดับซ้ำ", "", "", "", ""]),
                text(&["1.1.1", "กิจกรรม", "ระดับผิด", "", "", "", ""]),
                text(&["1.1.2", "", "อำเภอผิด", "", "อำเภอที่ไม่มี", "", ""]),
                text(&["1.1.3", "", "ปีผิด", "2580", "", "", ""]),
                text(&["1.1.4", "", "งบไม่ตรง", "", "", "100", "ก: 30; ข: 30"]),
            ],
        },
        Table {
            name: "ตัวชี้วัด".into(),
            headers: headers(&["ตัวชี้วัด", "หน่วยนับ", "ชนิด", "วัดผลของ", "เป้าหมาย 2567"]),
            rows: vec![
                text(&["ร้อยละผู้ผ่าน", "ร้อยละ", "ร้อยละ", "ทั้งแผน", "140"]),
                text(&["จำนวนชุมชน", "ชุมชน", "จำนวน", "9.9 ไม่มี", "10"]),
            ],
        },
    ])
    .unwrap();
    let url = c.url(&format!("/p/41/plans/{plan}/import?_csrf={}", c.csrf()));
    let r = c
        .http
        .post(&url)
        .multipart(upload(workbook))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    for expected in [
        "ไม่พบรายการลำดับ 2 ที่รายการนี้อยู่ภายใต้",
        "ลำดับ 1.1.1 เป็นระดับโครงการ แต่ช่องระดับเขียนว่า",
        "ไม่พบอำเภอ &#34;อำเภอที่ไม่มี&#34;",
        "ปีงบประมาณ 2580 อยู่นอกช่วงของแผน",
        "ไม่เท่ากับผลรวมของแต่ละแหล่ง",
        "ต้องเป็นร้อยละตั้งแต่ 0 ถึง 100",
        "ไม่พบรายการ &#34;9.9 ไม่มี&#34;",
        "ลำดับ 1.1 ซ้ำกับแถวก่อนหน้า",
        "8 / 10",
    ] {
        assert!(page.contains(expected), "{expected} in {page}");
    }
    assert!(!page.contains("ยืนยันนำเข้า"));
    assert!(entries::tree(db, plan).await.unwrap().is_empty());
    assert!(indicators::list(db, plan).await.unwrap().is_empty());

    let r = c
        .http
        .post(&url)
        .multipart(upload(b"%PDF-1.4 not a sheet".to_vec()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("ไฟล์มีปัญหา"));
}
