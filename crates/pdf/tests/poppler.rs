//! Reads the sample PDF back with poppler: the Thai text must come out exactly, and pages 1
//! and 2 are kept as PNGs for a person to look at.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use sermphalang_pdf::{CycleReport, Labels, render_cycle_report};

fn samples_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target>/tmp, whatever CARGO_TARGET_DIR says.
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("pdf-samples")
}

fn installed(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

fn run(tool: &str, args: &[&str]) {
    let output = Command::new(tool).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn poppler_reads_the_thai_back() {
    if !installed("pdftotext") || !installed("pdftoppm") {
        assert!(
            std::env::var("REQUIRE_POPPLER").as_deref() != Ok("1"),
            "REQUIRE_POPPLER=1 but poppler-utils (pdftotext, pdftoppm) is not installed"
        );
        // Straight to stderr, past the test harness's capture, so a passing run still shows it.
        let _ = writeln!(
            std::io::stderr(),
            "\n!!!!!!!!!!\nSKIPPED: poppler-utils (pdftotext) not installed; \
             set REQUIRE_POPPLER=1 to make this fail\n!!!!!!!!!!\n"
        );
        return;
    }
    let dir = samples_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("cycle-report.pdf");
    std::fs::write(&pdf, render_cycle_report(&common::sample()).unwrap()).unwrap();
    let pdf = pdf.to_str().unwrap();

    let text_file = dir.join("cycle-report.txt");
    run("pdftotext", &["-layout", pdf, text_file.to_str().unwrap()]);
    let text = std::fs::read_to_string(&text_file).unwrap();
    for expected in [
        common::MISSION,
        common::SARA_AM_TITLE,
        common::MARKUP_PHRASE,
        "จำนวนผู้เข้าร่วม",
        "ฤๅษี",
        "ก๊วยเตี๋ยว",
        "รายงานผลการประเมินแบบเสริมพลัง",
        "หน้า 1 / ",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from {text_file:?}"
        );
    }
    // Known upstream bug (typst#7610, krilla#411): a cluster with an upper vowel and a tone
    // mark (ครั้ง, เพิ่ม) prints right but is extracted twice. Anything else is a new failure.
    if !text.contains("ครั้งที่ 2") {
        assert!(text.contains("ครั้รั้งที่ 2"), "ครั้งที่ 2 is garbled in a new way");
        eprintln!("NOTE: pdftotext repeats clusters like ครั้ง (typst#7610); the page is right");
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
    for (file, report) in [
        ("cycle-report-en.pdf", english),
        ("cycle-report-empty.pdf", empty),
    ] {
        std::fs::write(dir.join(file), render_cycle_report(&report).unwrap()).unwrap();
    }

    for page in ["1", "2"] {
        let png = dir.join(format!("cycle-report-page-{page}"));
        let args = ["-png", "-r", "60", "-f", page, "-l", page, "-singlefile"];
        run(
            "pdftoppm",
            &[&args[..], &[pdf, png.to_str().unwrap()]].concat(),
        );
        let png = png.with_extension("png");
        let size = std::fs::metadata(&png).unwrap().len();
        assert!(size > 1000, "{png:?} is only {size} bytes");
    }
}
