//! Printable reports for Sermphalang, typeset with Typst into PDF.
//!
//! Typst lives in this crate alone so that editing a web handler does not recompile the
//! typesetter. All text arrives already formatted (Thai dates in the Buddhist Era); the template
//! receives it as data through `sys.inputs`, never as markup, so user text cannot change it.

pub mod certificate;
mod clusters;
pub mod dashboard;
mod engine;
mod labels;
pub mod plan;
mod view;

use serde::Serialize;

pub use labels::Labels;

/// One evaluation cycle of a province, ready to print.
#[derive(Debug, Clone, Default)]
pub struct CycleReport {
    pub province: String,
    /// The cycle's name, e.g. "การประเมินผลแบบเสริมพลัง ครั้งที่ 2".
    pub title: String,
    pub fiscal_year: String,
    /// The date the workshop was held, or empty when unknown.
    pub held_on: String,
    pub generated_on: String,
    /// "ทุกภาคีเครือข่าย" or the network or organization the report is limited to.
    pub scope: String,
    pub participants: usize,
    /// The title of the baseline cycle, for a follow-up cycle.
    pub baseline_title: Option<String>,
    /// The mission statement; may be empty.
    pub mission: String,
    /// Key phrases of the mission with their votes, in display order.
    pub phrases: Vec<Phrase>,
    /// Chosen activities in display order.
    pub activities: Vec<ActivityReport>,
    pub labels: Labels,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Phrase {
    pub text: String,
    pub votes: i64,
}

#[derive(Debug, Clone, Default)]
pub struct ActivityReport {
    pub title: String,
    pub dots: i64,
    /// How many people rated (did not abstain).
    pub rated: i64,
    pub abstained: i64,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Standard deviation of the ratings.
    pub spread: Option<f64>,
    /// Counts of ratings 1 to 10.
    pub histogram: [i64; 10],
    /// Outlying rating values to discuss.
    pub outliers: Vec<u8>,
    /// The mean in the baseline cycle, for a follow-up cycle.
    pub baseline_mean: Option<f64>,
    /// Dialogue notes; free text that may contain newlines.
    pub dialogue: String,
    pub evidence: String,
    pub plans: Vec<PlanItem>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PlanItem {
    pub goal: String,
    pub strategies: String,
    pub evidence: String,
    pub owner: String,
    pub due: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("The report data could not be prepared for the typesetter: {0}")]
    Data(#[from] serde_json::Error),
    #[error("The report template could not be typeset: {0}")]
    Typeset(String),
    #[error("The typeset report could not be written as PDF: {0}")]
    Export(String),
}

/// Renders the report of one evaluation cycle as an A4 PDF and returns its bytes.
pub fn render_cycle_report(report: &CycleReport) -> Result<Vec<u8>, PdfError> {
    let inputs = view::inputs(report)?;
    engine::render(engine::Template::CycleReport, inputs)
}
