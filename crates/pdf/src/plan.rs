//! The integrated plan as an A4 document: where its indicators stand in one fiscal year, its
//! tree with responsibilities and budgets, and every year's targets and actuals.
//!
//! Everything arrives formatted, words included, from the web layer's own word tables.

use serde::Serialize;

use crate::PdfError;
use crate::engine::{Template, render};
use crate::view::dict;

#[derive(Debug, Clone, Default, Serialize)]
pub struct PlanDocument {
    /// Typst language code, "th" or "en".
    pub lang: String,
    pub labels: PlanLabels,
    pub province: String,
    pub title: String,
    /// "2566–2570".
    pub period: String,
    pub vision: String,
    pub generated_on: String,
    /// The fiscal year the standing table is for.
    pub year: String,
    pub total_budget: String,
    pub standing: Vec<Standing>,
    /// How many indicators stand in each status, as "label: n".
    pub tally: Vec<String>,
    pub entries: Vec<EntryLine>,
    /// The plan's fiscal years, for the columns of `yearly`.
    pub years: Vec<String>,
    pub yearly: Vec<YearlyLine>,
}

/// The headings and captions, in the reader's language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PlanLabels {
    pub document: String,
    pub province: String,
    pub period: String,
    pub vision: String,
    pub total_budget: String,
    pub generated_on: String,
    pub page: String,
    pub standing: String,
    pub standing_hint: String,
    pub indicator: String,
    pub unit: String,
    pub baseline: String,
    pub target: String,
    pub actual: String,
    pub status: String,
    pub no_indicators: String,
    pub structure: String,
    pub number: String,
    pub entry: String,
    pub fiscal_year: String,
    pub responsible: String,
    pub districts: String,
    pub aligned: String,
    pub budget: String,
    pub no_entries: String,
    pub yearly: String,
    pub yearly_hint: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Standing {
    pub name: String,
    pub unit: String,
    pub baseline: String,
    pub target: String,
    pub actual: String,
    /// "✓ on track": a sign and words, so that print in grey still reads.
    pub status: String,
    /// on_track, at_risk, off_track, no_target or empty.
    pub status_code: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct EntryLine {
    pub number: String,
    /// 0 for a strategy, 3 for an activity.
    pub depth: usize,
    pub level: String,
    pub title: String,
    pub fiscal_year: String,
    pub responsible: String,
    pub districts: String,
    pub aligned: String,
    pub budget: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct YearlyLine {
    pub name: String,
    pub unit: String,
    /// Each of the plan's years.
    pub cells: Vec<YearCell>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct YearCell {
    pub target: String,
    pub actual: String,
}

/// Renders the plan as an A4 PDF and returns its bytes.
pub fn render_plan(document: &PlanDocument) -> Result<Vec<u8>, PdfError> {
    let mut document = document.clone();
    if document.lang != "en" {
        document.lang = "th".into();
    }
    render(Template::Plan, dict(&document)?)
}
