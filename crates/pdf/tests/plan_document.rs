//! The plan document typeset from made-up data: every page renders without a complaint from
//! poppler, and a long tree runs over pages with its header repeated.

mod poppler_support;

use poppler_support::{keep, png_of, poppler_available, text_of};
use sermphalang_pdf::plan::{
    EntryLine, PlanDocument, PlanLabels, Standing, YearCell, YearlyLine, render_plan,
};
use std::process::Command;

fn labels() -> PlanLabels {
    PlanLabels {
        document: "แผนบูรณาการส่งเสริมคุณธรรม".into(),
        structure: "โครงสร้างแผน".into(),
        entry: "ยุทธศาสตร์ / โครงการ / กิจกรรม".into(),
        page: "หน้า".into(),
        yearly: "เป้าหมายและผลรายปี".into(),
        ..PlanLabels::default()
    }
}

fn sample() -> PlanDocument {
    PlanDocument {
        lang: "th".into(),
        labels: labels(),
        province: "อุดรธานี".into(),
        title: "แผนทดสอบ #[ไม่ใช่คำสั่ง] $x$".into(),
        period: "2566–2570".into(),
        year: "2568".into(),
        standing: vec![Standing {
            name: "ร้อยละของชุมชนคุณธรรม".into(),
            status: "เป็นไปตามเป้าหมาย".into(),
            status_code: "on_track".into(),
            ..Standing::default()
        }],
        entries: (0..120)
            .map(|i| EntryLine {
                number: format!("1.1.{}", i + 1),
                depth: i % 4,
                level: "กิจกรรม".into(),
                title: format!("กิจกรรมที่ {} ค่ายเยาวชนคุณธรรม ฤๅษี ก๊วยเตี๋ยว", i + 1),
                budget: "10,000".into(),
                ..EntryLine::default()
            })
            .collect(),
        years: (2566..=2575).map(|y| y.to_string()).collect(),
        yearly: vec![YearlyLine {
            name: "จำนวนผู้เข้าร่วม".into(),
            unit: "คน".into(),
            cells: (0..10)
                .map(|_| YearCell {
                    target: "18,000".into(),
                    actual: "15,840".into(),
                })
                .collect(),
        }],
        ..PlanDocument::default()
    }
}

#[test]
fn the_plan_document_runs_over_pages_and_reads_back() {
    if !poppler_available() {
        return;
    }
    let pdf = keep("plan.pdf", &render_plan(&sample()).unwrap());
    let text = text_of(&pdf);
    for expected in [
        "แผนทดสอบ #[ไม่ใช่คำสั่ง] $x$",
        "กิจกรรมที่ 1 ค่ายเยาวชนคุณธรรม ฤๅษี ก๊วยเตี๋ยว",
        "กิจกรรมที่ 120 ค่ายเยาวชนคุณธรรม ฤๅษี",
        "เป็นไปตามเป้าหมาย",
        "18,000",
        "15,840",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text}");
    }
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 4, "{pages} pages");
    // The tree's header repeats on the pages it runs over.
    assert!(text.matches("ยุทธศาสตร์ / โครงการ / กิจกรรม").count() >= 3);
    let out = Command::new("pdftoppm")
        .args(["-r", "20", "-png"])
        .arg(&pdf)
        .arg(pdf.trim_end_matches(".pdf"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "poppler complains"
    );
    // Kept for a person to look at.
    png_of(&pdf, 1, "plan-page-1", 60);
}
