//! Reads the sample PDF back with poppler: the Thai text must come out exactly, and pages 1
//! and 2 are kept as PNGs for a person to look at.

mod common;
mod poppler_support;

use poppler_support::{keep, png_of, poppler_available, text_of};
use sermphalang_pdf::{CycleReport, Labels, render_cycle_report};

#[test]
fn poppler_reads_the_thai_back() {
    if !poppler_available() {
        return;
    }
    let pdf = keep(
        "cycle-report.pdf",
        &render_cycle_report(&common::sample()).unwrap(),
    );
    let text = text_of(&pdf);
    let text_file = "cycle-report.txt";
    keep(text_file, text.as_bytes());
    for expected in [
        common::MISSION,
        common::SARA_AM_TITLE,
        common::MARKUP_PHRASE,
        "จำนวนผู้เข้าร่วม",
        "ฤๅษี",
        "ก๊วยเตี๋ยว",
        "รายงานผลการประเมินแบบเสริมพลัง",
        "หน้า 1 / ",
        "ครั้งที่ 2",
        "เพิ่ม",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from {text_file:?}"
        );
    }

    // Kept beside it for a person to compare.
    let english = CycleReport {
        labels: Labels::english(),
        ..common::sample()
    };
    let empty = CycleReport {
        labels: Labels::thai(),
        generated_on: "24 พฤศจิกายน 2569 เวลา 10:15 น.".into(),
        ..Default::default()
    };
    keep(
        "cycle-report-en.pdf",
        &render_cycle_report(&english).unwrap(),
    );
    keep(
        "cycle-report-empty.pdf",
        &render_cycle_report(&empty).unwrap(),
    );
    for page in [1, 2] {
        png_of(&pdf, page, &format!("cycle-report-page-{page}"), 60);
    }
}
