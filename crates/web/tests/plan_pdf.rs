//! The plan as a PDF, read back with poppler: the Thai of the demo plan comes out as typed,
//! with its indicators' standing and every page numbered.

mod common;

use common::{Client, spawn};
use std::io::Write;
use std::process::Command;

/// Without poppler the test fails under REQUIRE_POPPLER=1 and otherwise says loudly that it
/// skipped.
fn poppler() -> bool {
    if Command::new("pdftotext").arg("-v").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var("REQUIRE_POPPLER").as_deref() != Ok("1"),
        "REQUIRE_POPPLER=1 but poppler-utils is not installed"
    );
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: poppler-utils (pdftotext) is not installed; the plan PDF was not read back"
    );
    false
}

#[tokio::test]
async fn the_plan_prints_as_a_thai_a4_pdf() {
    if !poppler() {
        return;
    }
    let app = spawn().await;
    let db = &app.db.db;
    sermphalang_store::demo::load_reports(db, |_| None)
        .await
        .unwrap();
    let plan = sermphalang_store::plan::plans::list(db, 41).await.unwrap()[0].clone();
    let c = Client::login(&app, "member@demo.example", "demo-member-2565").await;
    let r = c
        .get(&format!("/p/41/plans/{}/plan.pdf?year=2568", plan.id))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let bytes = r.bytes().await.unwrap();
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("plan-pdf");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("plan.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", file.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "แผนบูรณาการส่งเสริมคุณธรรม จังหวัดอุดรธานี ระยะที่ 2",
        "อุดรธานี",
        "2566–2570",
        "ค่ายเยาวชนคุณธรรม",
        "จำนวนผู้เข้าร่วมกิจกรรมของภาคีเครือข่าย",
        "เป็นไปตามเป้าหมาย",
        "เป้าหมายและผลรายปี",
        "หน้า 1 / ",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text}");
    }
    // Poppler draws every page without a complaint (a sign the Thai face lacks, such as ✓,
    // once made it report a broken object).
    let drawn = Command::new("pdftoppm")
        .args(["-r", "20", "-png"])
        .arg(&file)
        .arg(dir.join("plan"))
        .output()
        .unwrap();
    assert!(drawn.status.success());
    assert_eq!(
        String::from_utf8_lossy(&drawn.stderr),
        "",
        "poppler complains"
    );
    // The demo plan's 39 entries and 15 indicators do not fit one page.
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 2, "{pages} pages");

    c.get("/lang/en").await;
    let english = c
        .get(&format!("/p/41/plans/{}/plan.pdf", plan.id))
        .await
        .bytes()
        .await
        .unwrap();
    let file = dir.join("plan-en.pdf");
    std::fs::write(&file, &english).unwrap();
    let out = Command::new("pdftotext")
        .args([file.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Targets and actuals by year"), "{text}");
}
