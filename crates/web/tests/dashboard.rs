//! The dashboards through the running app: the province's home with its filters, the nation's
//! view, the public page (never a draft, a returned report or an unconsented photo), and calm
//! pages for filters that cannot be used.

mod common;

use common::{Client, spawn};
use sermphalang_domain::registry::Sector;
use sermphalang_domain::report::{ReportForm, ReportStatus, Transition};
use sermphalang_store::Db;
use sermphalang_store::audit::Actor;
use sermphalang_store::report::photos::{self, NewPhoto, Size};
use sermphalang_store::report::reports;

const JPEG: [u8; 4] = [0xFF, 0xD8, 0xFF, 0xD9];

/// A report of Udon Thani with one consented and one unconsented photo, moved to `status`.
async fn report(db: &Db, title: &str, status: ReportStatus) -> (i64, i64, i64) {
    let today = sermphalang_thai::today_in_thailand();
    let form = ReportForm {
        title: title.into(),
        held_on: sermphalang_thai::format_input(today),
        district: "4101".into(),
        network: "religion".into(),
        male: "20".into(),
        female: "25".into(),
        ..ReportForm::default()
    };
    let input = form.validate(today).unwrap();
    let actor = Actor::system();
    let mut tx = db.audited(&actor, Some(41)).await.unwrap();
    let id = reports::create(db, &mut tx, 41, &input, None)
        .await
        .unwrap();
    let mut ids = Vec::new();
    for consent in [true, false] {
        let size = || Size {
            width: 4,
            height: 3,
            jpeg: &JPEG,
        };
        let photo = NewPhoto {
            original: size(),
            display: size(),
            thumbnail: size(),
            caption: "ภาพกิจกรรม",
            consent,
        };
        ids.push(photos::add(&mut tx, 41, id, &photo).await.unwrap());
    }
    tx.commit_recorded().await.unwrap();
    let s = Some(Sector::Religion);
    if status != ReportStatus::Draft {
        reports::transition(db, &actor, 41, id, Transition::Submit, "", s)
            .await
            .unwrap();
    }
    match status {
        ReportStatus::Approved => {
            reports::transition(db, &actor, 41, id, Transition::Approve, "", None)
                .await
                .unwrap();
        }
        ReportStatus::Returned => {
            reports::transition(db, &actor, 41, id, Transition::Return, "ขาดภาพ", None)
                .await
                .unwrap();
        }
        _ => {}
    }
    (id, ids[0], ids[1])
}

#[tokio::test]
async fn the_public_page_shows_only_approved_reports_and_consented_photos() {
    let app = spawn().await;
    let db = &app.db.db;
    let (_, shown, hidden) = report(db, "ทำบุญตักบาตรหน้าศาลากลาง", ReportStatus::Approved).await;
    let (_, draft_photo, _) = report(db, "ร่างที่ยังไม่ส่ง", ReportStatus::Draft).await;
    report(db, "รายงานที่รอตรวจ", ReportStatus::Submitted).await;
    report(db, "รายงานที่ถูกส่งกลับ", ReportStatus::Returned).await;

    let anyone = Client::new(&app);
    let r = anyone.get("/open/41").await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(page.contains("ทำบุญตักบาตรหน้าศาลากลาง"), "{page}");
    for secret in ["ร่างที่ยังไม่ส่ง", "รายงานที่รอตรวจ", "รายงานที่ถูกส่งกลับ", "ขาดภาพ"]
    {
        assert!(!page.contains(secret), "{secret} is on the public page");
    }
    assert!(page.contains(&format!("/open/41/photos/{shown}/thumbnail.jpg")));
    assert!(!page.contains(&format!("/photos/{hidden}/")));
    assert!(page.contains("og:title"));
    assert!(page.contains("<svg"));
    // The public photo route serves consented photos of approved reports only, and never
    // the original.
    let photo = |id: i64, size: &str| format!("/open/41/photos/{id}/{size}.jpg");
    assert_eq!(anyone.get(&photo(shown, "display")).await.status(), 200);
    assert_eq!(anyone.get(&photo(shown, "original")).await.status(), 404);
    assert_eq!(anyone.get(&photo(hidden, "display")).await.status(), 404);
    assert_eq!(
        anyone.get(&photo(draft_photo, "display")).await.status(),
        404
    );
    assert_eq!(
        anyone
            .get(&format!("/open/40/photos/{shown}/display.jpg"))
            .await
            .status(),
        404
    );

    // An approval shows on the public page within a few seconds (its figures are reused for
    // at most two).
    report(db, "เดินวิ่งการกุศลคนดีศรีอุดร", ReportStatus::Approved).await;
    let mut seen = false;
    for _ in 0..50 {
        if anyone
            .page("/open/41")
            .await
            .contains("เดินวิ่งการกุศลคนดีศรีอุดร")
        {
            seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(seen, "the approval did not show within five seconds");

    // The nation's public page lists every province and links to their public pages.
    let nation = anyone.page("/open").await;
    assert!(nation.contains("/open/41?year="));
    assert!(nation.contains("อุดรธานี") && nation.contains("ยะลา"));
}

#[tokio::test]
async fn filters_narrow_the_figures_and_wrong_ones_get_a_calm_page() {
    let app = spawn().await;
    let db = &app.db.db;
    report(db, "ค่ายธรรมะเยาวชน", ReportStatus::Approved).await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let home = c.page("/p/41").await;
    assert!(home.contains("chart-networks") && home.contains("chart-districts"));
    assert!(home.contains("ค่ายธรรมะเยาวชน"));
    // The religion network's report counts under religion and not under media.
    let religion = c.page("/p/41?network=religion").await;
    let media = c.page("/p/41?network=media").await;
    let reports_stat = |page: &str| -> String {
        let at = page.find("<div class=\"stat\"><strong>").unwrap();
        let rest = &page[at + "<div class=\"stat\"><strong>".len()..];
        rest[..rest.find('<').unwrap()].to_string()
    };
    assert_eq!(reports_stat(&religion), "1");
    assert_eq!(reports_stat(&media), "0");
    // The figures are kept for a moment, but a write through this server shows at once.
    report(db, "ค่ายธรรมะเยาวชน รุ่นที่ 2", ReportStatus::Approved).await;
    assert_eq!(reports_stat(&c.page("/p/41?network=religion").await), "2");

    for (query, named) in [
        ("year=2590", "2590"),
        ("year=abc", "abc"),
        ("quarter=9", "9"),
        ("network=army", "army"),
        ("district=1001", "1001"),
    ] {
        let r = c.get(&format!("/p/41?{query}")).await;
        assert_eq!(r.status(), 400, "{query}");
        let page = r.text().await.unwrap();
        assert!(page.contains(named), "{query}: {page}");
        assert!(page.contains("href=\"/p/41\""));
    }
    let r = c.get("/p/41/dashboard.xlsx?network=religion").await;
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap();
    let sheets = sermphalang_documents::read_workbook("d.xlsx", &bytes).unwrap();
    assert!(sheets.len() >= 7, "{}", sheets.len());
    // Every label has its words (a missing one shows as "…"), the years in B.E.
    for (name, sheet) in &sheets {
        let cells = sheet.headers.iter().chain(sheet.rows.iter().flatten());
        assert!(
            cells.clone().all(|c| !c.contains('…')),
            "{name}: {:?}",
            sheet.headers
        );
    }
    let years = sheets
        .iter()
        .flat_map(|(_, s)| s.rows.iter())
        .map(|r| r[0].as_str());
    assert!(years.clone().any(|label| label.starts_with("ปีงบประมาณ 25")));

    let anyone = Client::new(&app);
    for code in ["99", "abc"] {
        let r = anyone.get(&format!("/open/{code}")).await;
        assert_eq!(r.status(), 400);
        assert!(r.text().await.unwrap().contains(code));
    }
}

#[tokio::test]
async fn the_nation_sees_every_province_and_an_empty_province_sees_its_first_steps() {
    let app = spawn().await;
    report(&app.db.db, "ตลาดนัดคุณธรรม", ReportStatus::Approved).await;
    let national = Client::login(&app, "national@demo.example", "demo-national-2565").await;
    let r = national.get("/").await;
    assert_eq!(common::location(&r), "/nation");
    let page = national.page("/nation?sort=reports").await;
    assert_eq!(page.matches("<th scope=\"row\"><a href=\"/p/").count(), 77);
    for region in ["ภาคเหนือ", "ภาคกลาง", "ภาคตะวันออกเฉียงเหนือ", "ภาคใต้"]
    {
        assert!(page.contains(region), "{region}");
    }
    // Sorted by reports, Udon Thani leads its region.
    let northeast = page.find("ภาคตะวันออกเฉียงเหนือ ·").unwrap();
    let first = &page[northeast..];
    let first = &first[first.find("<th scope=\"row\">").unwrap()..];
    assert!(first[..200].contains("/p/41?"), "{}", &first[..200]);
    assert_eq!(national.get("/nation?sort=colour").await.status(), 400);
    let r = national.get("/nation.xlsx").await;
    assert_eq!(r.status(), 200);
    let sheets = sermphalang_documents::read_workbook("n.xlsx", &r.bytes().await.unwrap()).unwrap();
    assert_eq!(sheets[0].1.rows.len(), 77);

    let khonkaen = Client::login(&app, "khonkaen@demo.example", "demo-khonkaen-2565").await;
    let page = khonkaen.page("/p/40").await;
    assert!(page.contains("เริ่มต้นใช้งาน"), "{page}");
    assert!(page.contains("/p/40/plans/new"));
    assert!(
        !page.contains("chart-networks"),
        "an empty province shows no empty charts"
    );
}

/// The PDF's text as poppler reads it, or none (said loudly) where poppler is not installed;
/// under REQUIRE_POPPLER=1 its absence fails.
fn pdf_text(bytes: &[u8]) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("sp-dash-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("d-{}.pdf", bytes.len()));
    std::fs::write(&file, bytes).unwrap();
    match std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
    {
        Ok(out) => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Err(_) => {
            assert!(
                std::env::var("REQUIRE_POPPLER").as_deref() != Ok("1"),
                "REQUIRE_POPPLER=1 but poppler-utils is not installed"
            );
            eprintln!("SKIPPED: pdftotext is not installed; the dashboard PDF was not read back");
            None
        }
    }
}

#[tokio::test]
async fn the_dashboards_print_as_thai_pdfs() {
    let app = spawn().await;
    report(&app.db.db, "ค่ายคุณธรรมเยาวชน", ReportStatus::Approved).await;
    let c = Client::login(&app, "secretariat@demo.example", "demo-secretariat-2565").await;
    let r = c.get("/p/41/dashboard.pdf?network=religion").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    if let Some(text) = pdf_text(&bytes) {
        for words in [
            "ภาพรวมจังหวัดคุณธรรม",
            "อุดรธานี",
            "รายงานที่อนุมัติ ตามภาคีเครือข่าย",
            "ศาสนา",
        ] {
            assert!(text.contains(words), "{words} not in:\n{text}");
        }
    }
    assert_eq!(c.get("/p/41/dashboard.pdf?year=2590").await.status(), 400);
    let national = Client::login(&app, "national@demo.example", "demo-national-2565").await;
    let r = national.get("/nation.pdf").await;
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap();
    if let Some(text) = pdf_text(&bytes) {
        for words in ["ภาพรวมทั้งประเทศ", "ภาคตะวันออกเฉียงเหนือ", "อุดรธานี", "ยะลา"]
        {
            assert!(text.contains(words), "{words} not in:\n{text}");
        }
    }
}
