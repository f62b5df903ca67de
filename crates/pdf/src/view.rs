//! What the template reads: the report with its numbers already formatted, so the template only
//! lays out and the arithmetic is tested here.

use serde::{Deserialize, Serialize};
use typst::foundations::{Dict, Value};

use crate::{ActivityReport, CycleReport, Labels, PdfError, Phrase, PlanItem};

const MISSING: &str = "–";

#[derive(Debug, Serialize)]
struct View<'a> {
    labels: &'a Labels,
    lang: &'a str,
    province: &'a str,
    title: &'a str,
    fiscal_year: &'a str,
    held_on: &'a str,
    generated_on: &'a str,
    scope: &'a str,
    participants: usize,
    baseline_title: Option<&'a str>,
    follow_up: bool,
    mission: &'a str,
    phrases: &'a [Phrase],
    activities: Vec<ActivityView<'a>>,
    overall: Overall,
}

#[derive(Debug, Serialize)]
struct ActivityView<'a> {
    number: usize,
    title: &'a str,
    dots: i64,
    rated: i64,
    abstained: i64,
    /// The mean clamped to the chart's 0..=10 scale.
    mean: Option<f64>,
    mean_text: String,
    median_text: String,
    spread_text: String,
    baseline: Option<f64>,
    baseline_text: String,
    change_text: String,
    histogram: [i64; 10],
    histogram_max: i64,
    outliers: Vec<u8>,
    dialogue: &'a str,
    evidence: &'a str,
    plans: &'a [PlanItem],
}

#[derive(Debug, PartialEq, Serialize)]
struct Overall {
    mean_text: Option<String>,
    baseline_text: Option<String>,
    change_text: Option<String>,
}

/// The Typst dictionary that becomes `sys.inputs`.
pub(crate) fn inputs(report: &CycleReport) -> Result<Dict, PdfError> {
    dict(view(report))
}

/// Any serializable view as the Typst dictionary a template reads.
pub(crate) fn dict(view: impl Serialize) -> Result<Dict, PdfError> {
    let json = serde_json::to_value(view)?;
    match Value::deserialize(json)? {
        Value::Dict(dict) => Ok(dict),
        _ => Err(PdfError::Data(serde::de::Error::custom("not an object"))),
    }
}

fn view(report: &CycleReport) -> View<'_> {
    let follow_up = report.baseline_title.is_some()
        || report
            .activities
            .iter()
            .any(|a| finite(a.baseline_mean).is_some());
    View {
        labels: &report.labels,
        lang: language(&report.labels.lang),
        province: &report.province,
        title: &report.title,
        fiscal_year: &report.fiscal_year,
        held_on: &report.held_on,
        generated_on: &report.generated_on,
        scope: &report.scope,
        participants: report.participants,
        baseline_title: report.baseline_title.as_deref(),
        follow_up,
        mission: &report.mission,
        phrases: &report.phrases,
        activities: report
            .activities
            .iter()
            .enumerate()
            .map(|(i, a)| activity(i + 1, a))
            .collect(),
        overall: overall(&report.activities),
    }
}

/// Typst rejects anything but an ISO 639 code, so an odd one falls back to Thai.
fn language(code: &str) -> &str {
    let valid = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
    if valid { code } else { "th" }
}

fn activity(number: usize, a: &ActivityReport) -> ActivityView<'_> {
    let mean = finite(a.mean);
    let baseline = finite(a.baseline_mean);
    let histogram = a.histogram.map(|count| count.max(0));
    let mut outliers = a.outliers.clone();
    outliers.sort_unstable();
    outliers.dedup();
    ActivityView {
        number,
        title: &a.title,
        dots: a.dots,
        rated: a.rated,
        abstained: a.abstained,
        mean: mean.map(|m| m.clamp(0.0, 10.0)),
        mean_text: one_decimal(mean),
        median_text: one_decimal(finite(a.median)),
        spread_text: one_decimal(finite(a.spread)),
        baseline: baseline.map(|m| m.clamp(0.0, 10.0)),
        baseline_text: one_decimal(baseline),
        change_text: change(mean, baseline).unwrap_or_else(|| MISSING.into()),
        histogram,
        histogram_max: histogram.into_iter().max().unwrap_or(0).max(1),
        outliers,
        dialogue: a.dialogue.trim(),
        evidence: a.evidence.trim(),
        plans: &a.plans,
    }
}

/// The mean of the activity means that exist, and likewise of the baseline means.
fn overall(activities: &[ActivityReport]) -> Overall {
    let mean = average(activities.iter().filter_map(|a| finite(a.mean)));
    let baseline = average(activities.iter().filter_map(|a| finite(a.baseline_mean)));
    Overall {
        mean_text: mean.map(|m| one_decimal(Some(m))),
        baseline_text: baseline.map(|m| one_decimal(Some(m))),
        change_text: change(mean, baseline),
    }
}

fn average(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (count > 0).then(|| sum / f64::from(count))
}

fn finite(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite())
}

fn one_decimal(value: Option<f64>) -> String {
    match value {
        // Adding 0.0 turns a rounded -0.0 into 0.0.
        Some(v) => format!("{:.1}", (v * 10.0).round() / 10.0 + 0.0),
        None => MISSING.into(),
    }
}

/// "+0.8", "-0.3" or "0.0": the change rounded to one decimal, signed.
fn change(current: Option<f64>, baseline: Option<f64>) -> Option<String> {
    let tenths = ((current? - baseline?) * 10.0).round();
    Some(if tenths > 0.0 {
        format!("+{:.1}", tenths / 10.0)
    } else {
        one_decimal(Some(tenths / 10.0))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rated(mean: Option<f64>, baseline: Option<f64>) -> ActivityReport {
        ActivityReport {
            mean,
            baseline_mean: baseline,
            ..Default::default()
        }
    }

    #[test]
    fn numbers_have_one_decimal() {
        assert_eq!(one_decimal(Some(7.0)), "7.0");
        assert_eq!(one_decimal(Some(7.25)), "7.3");
        assert_eq!(one_decimal(Some(-0.04)), "0.0");
        assert_eq!(one_decimal(None), "–");
    }

    #[test]
    fn change_is_signed() {
        assert_eq!(change(Some(7.3), Some(6.5)).as_deref(), Some("+0.8"));
        assert_eq!(change(Some(6.2), Some(6.5)).as_deref(), Some("-0.3"));
        assert_eq!(change(Some(6.52), Some(6.5)).as_deref(), Some("0.0"));
        assert_eq!(change(Some(6.5), None), None);
    }

    #[test]
    fn overall_averages_the_means_that_exist() {
        let activities = [
            rated(Some(8.0), Some(6.0)),
            rated(Some(6.0), None),
            rated(None, Some(7.0)),
            rated(Some(f64::NAN), None),
        ];
        let overall = overall(&activities);
        assert_eq!(overall.mean_text.as_deref(), Some("7.0"));
        assert_eq!(overall.baseline_text.as_deref(), Some("6.5"));
        assert_eq!(overall.change_text.as_deref(), Some("+0.5"));
        assert_eq!(
            super::overall(&[]),
            Overall {
                mean_text: None,
                baseline_text: None,
                change_text: None
            }
        );
    }

    #[test]
    fn follow_up_when_a_baseline_exists() {
        let mut report = CycleReport::default();
        assert!(!view(&report).follow_up);
        report.activities.push(rated(Some(5.0), Some(4.0)));
        let view = view(&report);
        assert!(view.follow_up);
        assert_eq!(view.activities[0].change_text, "+1.0");
        assert_eq!(view.activities[0].histogram_max, 1);
    }

    #[test]
    fn language_falls_back_to_thai() {
        assert_eq!(language("en"), "en");
        assert_eq!(language(""), "th");
        assert_eq!(language("th-TH"), "th");
    }

    #[test]
    fn user_text_stays_a_string() {
        let report = CycleReport {
            mission: "#set page(width: 1pt) *a* $b$".into(),
            ..Default::default()
        };
        let dict = inputs(&report).unwrap();
        let mission = dict.get("mission").unwrap();
        assert_eq!(mission, &Value::Str("#set page(width: 1pt) *a* $b$".into()));
    }
}
