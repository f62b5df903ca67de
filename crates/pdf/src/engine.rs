use std::sync::OnceLock;

use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::Dict;
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::PdfError;

/// A printable document's Typst source.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Template {
    CycleReport,
    Plan,
    Dashboard,
}

impl Template {
    fn source(self) -> &'static str {
        match self {
            Template::CycleReport => include_str!("../templates/cycle_report.typ"),
            Template::Plan => include_str!("../templates/plan.typ"),
            Template::Dashboard => include_str!("../templates/dashboard.typ"),
        }
    }
}

// Only these two faces, never system fonts, so the PDF is the same on every machine.
pub(crate) static REGULAR: &[u8] = include_bytes!("../../web/assets/fonts/Sarabun_400Regular.ttf");
pub(crate) static BOLD: &[u8] = include_bytes!("../../web/assets/fonts/Sarabun_700Bold.ttf");

/// Parsing a template and loading the fonts happen once per process.
fn engine(template: Template) -> &'static TypstEngine<TypstTemplateMainFile> {
    static CYCLE_REPORT: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    static PLAN: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    static DASHBOARD: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    let cell = match template {
        Template::CycleReport => &CYCLE_REPORT,
        Template::Plan => &PLAN,
        Template::Dashboard => &DASHBOARD,
    };
    cell.get_or_init(|| {
        TypstEngine::builder()
            .main_file(template.source())
            .fonts([REGULAR, BOLD])
            .build()
    })
}

pub(crate) fn render(template: Template, inputs: Dict) -> Result<Vec<u8>, PdfError> {
    let engine = engine(template);
    let document: PagedDocument = engine
        .compile_with_input(inputs)
        .output
        .map_err(|err| PdfError::Typeset(describe(template, engine, err)))?;
    let document = crate::clusters::join_split_clusters(document);
    typst_pdf::pdf(&document, &PdfOptions::default())
        .map_err(|diags| PdfError::Export(sentences(template, engine, &diags)))
}

fn describe(
    template: Template,
    engine: &TypstEngine<TypstTemplateMainFile>,
    err: TypstAsLibError,
) -> String {
    match err {
        TypstAsLibError::TypstSource(diags) => sentences(template, engine, &diags),
        other => other.to_string(),
    }
}

/// Joins diagnostics into one line, with the template line where Typst knows it.
fn sentences(
    template: Template,
    engine: &TypstEngine<TypstTemplateMainFile>,
    diags: &[SourceDiagnostic],
) -> String {
    let world = engine.world_builder().build().ok();
    diags
        .iter()
        .map(|diag| {
            let line = world
                .as_ref()
                .and_then(|world| world.range(diag.span))
                .and_then(|range| template.source().get(..range.start))
                .map(|before| before.matches('\n').count() + 1);
            let hints = diag.hints.iter().map(|hint| format!(" ({})", hint.v));
            let hints: String = hints.collect();
            match line {
                Some(line) => format!("template line {line}: {}{hints}", diag.message),
                None => format!("{}{hints}", diag.message),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}
