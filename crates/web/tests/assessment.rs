//! Assessments through the web: the criteria editor, bad answers, another province's unit.

mod common;

use common::{Client, location, spawn};
use sermphalang_domain::assessment::Subject;
use sermphalang_store::assessment::templates;

#[tokio::test]
async fn national_staff_edit_a_new_version_and_publish_it() {
    let app = spawn().await;
    let db = &app.db.db;
    let national = Client::login(&app, "national@demo.example", "demo-national-2565").await;
    let first = templates::current(db, Subject::Community)
        .await
        .unwrap()
        .unwrap();

    // A published version is frozen: an edit is refused with a message, nothing saved.
    let r = national
        .post(
            &format!("/nation/assessment-templates/{}", first.id),
            &[("name", "แก้ไขไม่ได้")],
        )
        .await;
    assert_eq!(r.status(), 422);

    let r = national
        .post(
            &format!("/nation/assessment-templates/{}/new-version", first.id),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);
    let draft_path = location(&r);
    let draft: i64 = draft_path.rsplit('/').next().unwrap().parse().unwrap();
    let page = national.page(&draft_path).await;
    assert!(page.contains("ฉบับร่าง"), "the new version is a draft");

    // The form as shown, with item 2's rule unreadable: named, nothing saved.
    let mut fields: Vec<(String, String)> = vec![("name".into(), "เกณฑ์ชุมชน 2570".into())];
    for (i, item) in first.template.items.iter().enumerate() {
        let (kind, rule) = match &item.rule {
            sermphalang_domain::assessment::Rule::Percentage { .. } => {
                ("percent", "80 = 2\n50 = 1\n0 = 0".to_string())
            }
            sermphalang_domain::assessment::Rule::YesNo { .. } => {
                ("yes_no", "ใช่ = 2\nไม่ใช่ = 0".to_string())
            }
            _ => ("choices", "2 = ครบ\n1 = บางส่วน\n0 = ไม่มี".to_string()),
        };
        fields.push((format!("t{i}"), item.title.clone()));
        fields.push((format!("k{i}"), kind.into()));
        fields.push((format!("x{i}"), rule));
        fields.push((format!("e{i}"), item.evidence.clone()));
    }
    for (level, total, each) in [
        ("promoting", "6", ""),
        ("moral", "12", "1"),
        ("model", "17", "1"),
    ] {
        fields.push((format!("total_{level}"), total.into()));
        fields.push((format!("each_{level}"), each.into()));
    }
    let as_refs = |f: &[(String, String)]| -> Vec<(String, String)> { f.to_vec() };
    let mut broken = as_refs(&fields);
    broken.iter_mut().find(|(k, _)| k == "x1").unwrap().1 = "สอง คะแนน".into();
    let form: Vec<(&str, &str)> = broken
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = national
        .post(&format!("/nation/assessment-templates/{draft}"), &form)
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("ข้อ 2: อ่านบรรทัด"),
        "the unreadable line is named"
    );
    assert_eq!(
        templates::find(db, draft).await.unwrap().template,
        first.template
    );

    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = national
        .post(&format!("/nation/assessment-templates/{draft}"), &form)
        .await;
    assert_eq!(r.status(), 303);
    let r = national
        .post(
            &format!("/nation/assessment-templates/{draft}/publish"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);
    let now = templates::current(db, Subject::Community)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (now.id, now.template.name.as_str()),
        (draft, "เกณฑ์ชุมชน 2570")
    );
    assert_eq!(now.template.thresholds[2].min_total, 17);
    assert_eq!(
        templates::find(db, first.id).await.unwrap().template,
        first.template,
        "the first version is unchanged"
    );
}

#[tokio::test]
async fn a_percentage_over_100_and_another_provinces_unit_are_refused() {
    let app = spawn().await;
    let secretariat =
        Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let template = templates::current(&app.db.db, Subject::District)
        .await
        .unwrap()
        .unwrap();
    // Khon Kaen's Mueang district as Udon Thani's unit.
    let r = secretariat
        .post(
            "/p/41/assessments",
            &[
                ("subject", &template.id.to_string()),
                ("unit", "d:4001"),
                ("year", "๒๕๖๙"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("ไม่อยู่ในจังหวัดนี้"));

    let r = secretariat
        .post(
            "/p/41/assessments",
            &[
                ("subject", &template.id.to_string()),
                ("unit", "d:4101"),
                ("year", "๒๕๖๙"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "Thai digits are read");
    let path = location(&r);
    let r = secretariat
        .post(&path, &[("a0", "120"), ("a1", "0"), ("n1", "ประชุมแล้ว")])
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("ข้อ 1: ร้อยละต้องอยู่ระหว่าง 0 ถึง 100"), "{body}");
    let id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let kept = sermphalang_store::assessment::assessments::answers(&app.db.db, id)
        .await
        .unwrap();
    assert!(kept.is_empty(), "nothing half-saved");

    // Saved properly, it shows in the workbook with its item points.
    let r = secretariat.post(&path, &[("a0", "85"), ("a1", "1")]).await;
    assert_eq!(r.status(), 303);
    let r = secretariat
        .get("/p/41/assessments/export.xlsx?subject=district")
        .await;
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap();
    let sheet = sermphalang_documents::read_sheet("assessments.xlsx", &bytes).unwrap();
    assert_eq!(sheet.headers[0], "หน่วยที่รับการประเมิน");
    assert_eq!(sheet.rows.len(), 1, "only the district assessment");
    let row = &sheet.rows[0];
    assert_eq!(row[0], "อำเภอเมืองอุดรธานี");
    assert_eq!(row[7], "3", "self total: 2 + 1");
    assert_eq!((row[11].as_str(), row[13].as_str()), ("2", "1"));
}

fn upload(bytes: Vec<u8>) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name("ผล2567.xlsx"),
    )
}

async fn check_file(c: &Client, bytes: Vec<u8>) -> (u16, String) {
    let url = c.url(&format!("/p/41/assessments/import?_csrf={}", c.csrf()));
    let r = c
        .http
        .post(&url)
        .multipart(upload(bytes))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn paper_results_import_whole_and_their_export_reads_back() {
    use sermphalang_documents::{Cell, Table, write_workbook};
    use sermphalang_domain::assessment::{Level, Status};
    use sermphalang_store::assessment::assessments;
    use sermphalang_store::registry::org::{self, OrgFilter};
    let app = spawn().await;
    let db = &app.db.db;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let filter = OrgFilter {
        kind: Some(sermphalang_domain::registry::OrgKind::Community),
        ..OrgFilter::default()
    };
    let community = org::list(db, 41, &filter, sermphalang_store::PageRequest::new(None))
        .await
        .unwrap()
        .items[0]
        .name
        .clone();
    let mut headers = vec![
        "หน่วยที่รับการประเมิน",
        "ประเภท",
        "ปีงบประมาณ",
        "คะแนนหลังตรวจ",
        "ระดับที่ได้รับ",
    ];
    let items: Vec<String> = (1..=9).map(|i| format!("ข้อ {i}")).collect();
    headers.extend(items.iter().map(String::as_str));
    let workbook = |total: &str| {
        let mut first: Vec<Cell> = vec![
            community.as_str().into(),
            "ชุมชน".into(),
            Cell::from(2567),
            total.into(),
            "ชุมชนคุณธรรมต้นแบบ".into(),
        ];
        first.extend(["80%", "2", "2", "2", "2", "1", "2", "2", "2"].map(Cell::from));
        let mut second: Vec<Cell> = vec![
            "อำเภอกุมภวาปี".into(),
            "อำเภอ".into(),
            Cell::from(2567),
            "".into(),
            "ไม่ผ่าน".into(),
        ];
        second.extend(["0", "1", "1", "1", "1", "1", "0", "0", "0"].map(Cell::from));
        write_workbook(&[Table {
            name: "ผลปี 2567".into(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: vec![first, second],
        }])
        .unwrap()
    };

    // A paper result with a wrong total is named; nothing is written.
    let (status, page) = check_file(&c, workbook("18")).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("คะแนนหลังตรวจ ในไฟล์เป็น 18 แต่รวมคะแนนรายข้อได้ 17"),
        "{page}"
    );
    assert!(!page.contains("ยืนยันนำเข้า"));
    let none = assessments::list(db, 41, &Default::default())
        .await
        .unwrap();
    assert!(none.is_empty(), "nothing is written by a check");

    let (status, page) = check_file(&c, workbook("17")).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("1 ถึงระดับ"), "{page}");
    let confirm = "/p/41/assessments/import/";
    let batch: String = page
        .split(confirm)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .into();
    let r = c.post(&format!("{confirm}{batch}"), &[]).await;
    assert_eq!(r.status(), 303);
    let done = c.page(&location(&r)).await;
    assert!(done.contains("นำเข้าสำเร็จ: 2 ผลการประเมิน"), "{done}");
    let list = c.page("/p/41/assessments?year=2567").await;
    assert!(
        list.contains(&community) && list.contains("ได้รับการรับรอง"),
        "{list}"
    );
    let imported = assessments::list(db, 41, &Default::default())
        .await
        .unwrap();
    let awarded = imported
        .iter()
        .find(|a| a.subject == Subject::Community)
        .unwrap();
    assert_eq!(
        (awarded.status, awarded.level),
        (Status::Awarded, Some(Level::Model))
    );
    let shown = c.page(&format!("/p/41/assessments/{}", awarded.id)).await;
    assert!(shown.contains("ผลบนกระดาษ"), "{shown}");
    assert!(!shown.contains("certificate.pdf"), "no new certificate");

    // The export read back: every column is understood, and each result is refused only
    // because it is recorded already (its level, totals and points all agree).
    let exported = c
        .get("/p/41/assessments/export.xlsx")
        .await
        .bytes()
        .await
        .unwrap()
        .to_vec();
    let (status, page) = check_file(&c, exported).await;
    assert_eq!(status, 422);
    assert!(
        !page.contains("ไม่ใช้ (ข้าม)"),
        "every exported column is read"
    );
    assert_eq!(
        page.matches("แล้ว (ในระบบหรือแถวก่อนหน้า)").count(),
        2,
        "{page}"
    );
    let problems = page.split("<tbody>").nth(1).unwrap_or_default();
    assert_eq!(
        problems.matches("<li>").count(),
        2,
        "no other problem: {page}"
    );
}
