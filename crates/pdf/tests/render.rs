mod common;

use std::time::Instant;

use sermphalang_pdf::{ActivityReport, CycleReport, Labels, PdfError, render_cycle_report};

fn assert_pdf(bytes: &[u8]) {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
}

#[test]
fn full_thai_report_is_a_small_pdf() {
    let bytes = render_cycle_report(&common::sample()).unwrap();
    assert_pdf(&bytes);
    assert!(bytes.len() < 300 * 1024, "{} bytes", bytes.len());
}

#[test]
fn empty_report_renders() {
    let report = CycleReport {
        labels: Labels::thai(),
        ..Default::default()
    };
    assert_pdf(&render_cycle_report(&report).unwrap());
}

#[test]
fn default_report_is_thai_and_renders() {
    assert_eq!(CycleReport::default().labels.lang, "th");
    assert_pdf(&render_cycle_report(&CycleReport::default()).unwrap());
}

#[test]
fn an_unknown_language_code_does_not_fail() {
    let mut report = common::sample();
    report.labels.lang = "not a language".into();
    assert_pdf(&render_cycle_report(&report).unwrap());
}

#[test]
fn english_labels_render() {
    let report = CycleReport {
        labels: Labels::english(),
        ..common::sample()
    };
    assert_pdf(&render_cycle_report(&report).unwrap());
}

#[test]
fn markup_in_every_field_is_text() {
    let hostile = "#set page(width: 1pt) #panic(\"x\") ] [ } { \\ // /* $ *a* _b_ `c` <d> @e = f";
    let mut report = common::sample();
    report.province = hostile.into();
    report.title = hostile.into();
    report.held_on = hostile.into();
    report.scope = hostile.into();
    report.mission = hostile.into();
    report.generated_on = hostile.into();
    report.baseline_title = Some(hostile.into());
    report.activities[0].title = hostile.into();
    report.activities[0].dialogue = hostile.into();
    report.activities[0].plans[0].owner = hostile.into();
    assert_pdf(&render_cycle_report(&report).unwrap());
}

#[test]
fn odd_numbers_do_not_fail() {
    let report = CycleReport {
        activities: vec![ActivityReport {
            title: "ค่าแปลก".into(),
            dots: -1,
            mean: Some(f64::NAN),
            median: Some(f64::INFINITY),
            spread: None,
            histogram: [-3, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            outliers: vec![0, 11, 11],
            baseline_mean: Some(42.0),
            ..Default::default()
        }],
        labels: Labels::thai(),
        ..Default::default()
    };
    assert_pdf(&render_cycle_report(&report).unwrap());
}

#[test]
fn error_is_a_sentence() {
    let message = PdfError::Typeset("unknown variable".into()).to_string();
    assert!(message.starts_with("The report template could not be typeset"));
}

#[test]
fn repeated_renders_reuse_the_engine() {
    let report = common::sample();
    render_cycle_report(&report).unwrap();
    let runs = 3;
    let start = Instant::now();
    for _ in 0..runs {
        render_cycle_report(&report).unwrap();
    }
    let each = start.elapsed() / runs;
    eprintln!("render_cycle_report: {each:?} per report");
}
