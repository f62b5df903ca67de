//! Activity reports through the running app: a coordinator reports with photos, the
//! secretariat approves, the plan's indicator counts it, and served photos carry no GPS.

mod common;

use common::{Client, location, spawn};
use reqwest::multipart::{Form, Part};
use sermphalang_documents::sample_photo::{GPS_MARKER, drawn, with_phone_exif};

fn photo(name: &str, bytes: Vec<u8>) -> Part {
    Part::bytes(bytes).file_name(name.to_string())
}

#[tokio::test]
async fn a_coordinator_reports_with_photos_and_the_approval_counts_in_the_plan() {
    let app = spawn().await;
    let db = &app.db.db;
    let plan = sermphalang_store::plan::plans::list(db, 41).await.unwrap()[0].clone();
    let indicator = sermphalang_store::plan::indicators::list(db, plan.id)
        .await
        .unwrap()[2]
        .clone();
    let today = sermphalang_thai::today_in_thailand();
    let year = sermphalang_thai::FiscalYear::from_date(today).be_year();
    let before: f64 = sermphalang_store::plan::indicators::progress(db, plan.id, year)
        .await
        .unwrap()[2]
        .quarters
        .iter()
        .map(|q| q.reported)
        .sum();

    let c = Client::login(&app, "coordinator@demo.example", "demo-coordinator-2565").await;
    let form = Form::new()
        .text("title", "ค่ายพุทธบุตรคุณธรรม")
        .text("held_on", sermphalang_thai::format_input(today))
        .text("district", "4119")
        .text("network", "media")
        .text("male", "12")
        .text("female", "18")
        .text("indicator", indicator.id.to_string())
        .text("contribution", "30")
        .text("photo_caption", "พิธีเปิดค่าย")
        .text("photo_consent", "on")
        .text("submit", "1")
        .part(
            "photos",
            photo("IMG_0001.jpg", with_phone_exif(&drawn(1, 800, 600))),
        )
        .part("photos", photo("IMG_0002.jpg", drawn(2, 640, 480)))
        .part(
            "photos",
            photo("notes.jpg", b"this is not a photo".to_vec()),
        )
        .part("photos", photo("IMG_0003.jpg", drawn(3, 1200, 900)));
    let url = c.url(&format!("/p/41/reports?_csrf={}", c.csrf()));
    let r = c.http.post(&url).multipart(form).send().await.unwrap();
    // The text and the three photos are kept; the file that is not a photo is named.
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("notes.jpg") && page.contains("ใช้ไม่ได้"),
        "{page}"
    );
    let report = sermphalang_store::report::reports::list(
        db,
        41,
        &Default::default(),
        sermphalang_store::PageRequest::new(None),
    )
    .await
    .unwrap()
    .items
    .into_iter()
    .find(|s| s.report.title == "ค่ายพุทธบุตรคุณธรรม")
    .expect("the report was kept");
    assert_eq!(report.photos, 3);
    // The coordinator's network is theirs whatever the form said.
    assert_eq!(
        report.report.network,
        sermphalang_domain::registry::Sector::Religion
    );
    let id = report.report.id;
    let r = c.post(&format!("/p/41/reports/{id}/submit"), &[]).await;
    assert_eq!(r.status(), 303);

    // Served photos carry no EXIF and no GPS, with the headers a photo should have.
    let shown = c.page(&format!("/p/41/reports/{id}")).await;
    let first = shown
        .split("/p/41/photos/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    assert!(shown.contains("srcset=") && shown.contains("loading=\"lazy\""));
    for size in ["original", "display", "thumbnail"] {
        let r = c.get(&format!("/p/41/photos/{first}/{size}")).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "image/jpeg");
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
        assert!(
            r.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("max-age=31536000")
        );
        let bytes = r.bytes().await.unwrap();
        assert!(!bytes.windows(GPS_MARKER.len()).any(|w| w == GPS_MARKER));
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{size} keeps EXIF");
    }
    // Another province's user does not find it.
    let khonkaen = Client::login(&app, "khonkaen@demo.example", "demo-khonkaen-2565").await;
    assert_eq!(
        khonkaen
            .get(&format!("/p/40/photos/{first}/display"))
            .await
            .status(),
        404
    );

    // The secretariat returns it with a reason, the coordinator sends it again, it is approved.
    let s = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let r = s.post(&format!("/p/41/reports/{id}/return"), &[]).await;
    assert_eq!(r.status(), 422, "returning needs a reason");
    let r = s
        .post(
            &format!("/p/41/reports/{id}/return"),
            &[("comment", "โปรดเพิ่มภาพใบลงชื่อ")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        c.page(&format!("/p/41/reports/{id}"))
            .await
            .contains("โปรดเพิ่มภาพใบลงชื่อ")
    );
    c.post(&format!("/p/41/reports/{id}/submit"), &[]).await;
    let r = s.post(&format!("/p/41/reports/{id}/approve"), &[]).await;
    assert_eq!(r.status(), 303);
    let after: f64 = sermphalang_store::plan::indicators::progress(db, plan.id, year)
        .await
        .unwrap()[2]
        .quarters
        .iter()
        .map(|q| q.reported)
        .sum();
    assert!((after - before - 30.0).abs() < 1e-9, "{before} → {after}");
    // Locked: the coordinator can no longer change it or its photos.
    let r = c
        .post(&format!("/p/41/reports/{id}/photos/{first}/remove"), &[])
        .await;
    assert_eq!(r.status(), 422);
    // The activity's page in the plan shows its photo... once the report names the activity;
    // the coordinator's reports list shows the cover.
    let list = c.page("/p/41/reports?status=approved").await;
    assert!(list.contains("ค่ายพุทธบุตรคุณธรรม"));
    assert!(list.contains(&format!("/p/41/photos/{first}/thumbnail")));
}

#[tokio::test]
async fn a_coordinator_cannot_report_for_another_networks_organization() {
    let app = spawn().await;
    let db = &app.db.db;
    let media = sermphalang_store::registry::org::OrgFilter {
        sector: Some(sermphalang_domain::registry::Sector::Media),
        ..Default::default()
    };
    let org = sermphalang_store::registry::org::list(
        db,
        41,
        &media,
        sermphalang_store::PageRequest::new(None),
    )
    .await
    .unwrap()
    .items
    .into_iter()
    .find(|o| {
        !o.sectors
            .contains(&sermphalang_domain::registry::Sector::Religion)
    })
    .unwrap();
    let c = Client::login(&app, "coordinator@demo.example", "demo-coordinator-2565").await;
    let today = sermphalang_thai::format_input(sermphalang_thai::today_in_thailand());
    let form = Form::new()
        .text("title", "รายงานข้ามภาคี")
        .text("held_on", today)
        .text("district", "4101")
        .text("organizations", org.id.to_string());
    let url = c.url(&format!("/p/41/reports?_csrf={}", c.csrf()));
    let r = c.http.post(&url).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 404);
    // A date to come is named, and nothing is stored.
    let form = Form::new()
        .text("title", "รายงานล่วงหน้า")
        .text("held_on", "1/1/2600")
        .text("district", "4101");
    let r = c.http.post(&url).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("ยังมาไม่ถึง"));
    let r = c.get("/p/41/reports").await.text().await.unwrap();
    assert!(!r.contains("รายงานข้ามภาคี") && !r.contains("รายงานล่วงหน้า"));
    assert_eq!(location(&c.post("/logout", &[]).await), "/login");
}

#[tokio::test]
async fn the_plan_and_the_reports_export_to_workbooks() {
    let app = spawn().await;
    let db = &app.db.db;
    sermphalang_store::demo::load_reports(db, |_| None)
        .await
        .unwrap();
    let plan = sermphalang_store::plan::plans::list(db, 41).await.unwrap()[0].id;
    let c = Client::login(&app, "member@demo.example", "demo-member-2565").await;
    let r = c.get(&format!("/p/41/plans/{plan}/export")).await;
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap();
    let sheet = sermphalang_documents::read_sheet("plan.xlsx", &bytes).unwrap();
    assert_eq!(sheet.headers[0], "ลำดับ");
    assert_eq!(
        sheet.rows.len(),
        39,
        "3 strategies, 4 goals, 7 projects, 25 activities"
    );
    assert!(
        sheet
            .rows
            .iter()
            .any(|r| r[2] == "ค่ายเยาวชนคุณธรรม \"อุดรคนดี\"")
    );
    // Every activity of the demo names its organizations and its budget.
    let activities: Vec<_> = sheet.rows.iter().filter(|r| r[1] == "กิจกรรม").collect();
    assert_eq!(activities.len(), 25);
    let column = |name: &str| sheet.headers.iter().position(|h| h == name).unwrap();
    let (organizations, budget) = (column("องค์กรที่รับผิดชอบ"), column("งบประมาณ (บาท)"));
    assert!(
        activities
            .iter()
            .all(|r| !r[organizations].is_empty() && !r[budget].is_empty())
    );
    let r = c.get("/p/41/reports/export?status=approved").await;
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap();
    let sheet = sermphalang_documents::read_sheet("reports.xlsx", &bytes).unwrap();
    let approved = sermphalang_store::report::reports::list(
        db,
        41,
        &sermphalang_store::report::ReportFilter {
            status: Some(sermphalang_domain::report::ReportStatus::Approved),
            ..Default::default()
        },
        sermphalang_store::PageRequest::new(None),
    )
    .await
    .unwrap()
    .total;
    assert_eq!(sheet.rows.len() as i64, approved);
    assert!(sheet.rows.iter().all(|r| r[16] == "อนุมัติแล้ว"));
}

#[tokio::test]
async fn a_reporter_captions_and_reorders_the_photos_of_a_draft() {
    let app = spawn().await;
    let db = &app.db.db;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let today = sermphalang_thai::format_input(sermphalang_thai::today_in_thailand());
    let form = Form::new()
        .text("title", "เวทีเสวนาคุณธรรม")
        .text("held_on", today.clone())
        .text("district", "4101")
        .text("network", "public")
        .text("male", "5")
        .text("female", "5")
        .text("photo_caption", "ภาพชุดแรก")
        .part("photos", photo("a.jpg", drawn(11, 640, 480)))
        .part("photos", photo("b.jpg", drawn(12, 640, 480)))
        .part("photos", photo("c.jpg", drawn(13, 640, 480)));
    let url = c.url(&format!("/p/41/reports?_csrf={}", c.csrf()));
    let r = c.http.post(&url).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let id: i64 = location(&r).rsplit('/').next().unwrap().parse().unwrap();
    let before = sermphalang_store::report::photos::of_report(db, id)
        .await
        .unwrap();
    assert_eq!(before.len(), 3);
    assert!(before.iter().all(|p| p.caption == "ภาพชุดแรก"));
    let edit = c.page(&format!("/p/41/reports/{id}/edit")).await;
    assert!(edit.contains(&format!("photo_place_{}", before[0].id)));

    // The last photo first, with its own caption; a photo of another report is left alone.
    let second = Form::new()
        .text("title", "รายงานอื่น")
        .text("held_on", today.clone())
        .text("district", "4101")
        .text("network", "public")
        .text("male", "1")
        .part("photos", photo("d.jpg", drawn(14, 640, 480)));
    let url = c.url(&format!("/p/41/reports?_csrf={}", c.csrf()));
    let r = c.http.post(&url).multipart(second).send().await.unwrap();
    let second: i64 = location(&r).rsplit('/').next().unwrap().parse().unwrap();
    let other = sermphalang_store::report::photos::of_report(db, second)
        .await
        .unwrap();
    assert_eq!(other.len(), 1);
    let mut form = Form::new()
        .text("title", "เวทีเสวนาคุณธรรม")
        .text("held_on", today)
        .text("district", "4101")
        .text("network", "public")
        .text("male", "5")
        .text("female", "5");
    for (photo, place, caption) in [
        (&before[0], "2", "ผู้ร่วมเสวนา"),
        (&before[1], "๓", ""),
        (&before[2], "1", "ภาพหมู่ปิดงาน"),
    ] {
        form = form
            .text(format!("photo_place_{}", photo.id), place)
            .text(format!("photo_caption_{}", photo.id), caption);
    }
    form = form.text(format!("photo_caption_{}", other[0].id), "แก้ภาพของรายงานอื่น");
    let url = c.url(&format!("/p/41/reports/{id}?_csrf={}", c.csrf()));
    let r = c.http.post(&url).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let after = sermphalang_store::report::photos::of_report(db, id)
        .await
        .unwrap();
    let order: Vec<(i64, &str)> = after.iter().map(|p| (p.id, p.caption.as_str())).collect();
    assert_eq!(
        order,
        [
            (before[2].id, "ภาพหมู่ปิดงาน"),
            (before[0].id, "ผู้ร่วมเสวนา"),
            (before[1].id, ""),
        ]
    );
    let still = sermphalang_store::report::photos::of_report(db, second)
        .await
        .unwrap();
    assert_eq!(still[0].caption, "");
}
