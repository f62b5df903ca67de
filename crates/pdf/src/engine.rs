use std::sync::OnceLock;

use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::Dict;
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::PdfError;

const TEMPLATE: &str = include_str!("../templates/cycle_report.typ");

// Only these two faces, never system fonts, so the PDF is the same on every machine.
pub(crate) static REGULAR: &[u8] = include_bytes!("../../web/assets/fonts/Sarabun_400Regular.ttf");
pub(crate) static BOLD: &[u8] = include_bytes!("../../web/assets/fonts/Sarabun_700Bold.ttf");

/// Parsing the template and loading the fonts happen once per process.
fn engine() -> &'static TypstEngine<TypstTemplateMainFile> {
    static ENGINE: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    ENGINE.get_or_init(|| {
        TypstEngine::builder()
            .main_file(TEMPLATE)
            .fonts([REGULAR, BOLD])
            .build()
    })
}

pub(crate) fn render(inputs: Dict) -> Result<Vec<u8>, PdfError> {
    let engine = engine();
    let document: PagedDocument = engine
        .compile_with_input(inputs)
        .output
        .map_err(|err| PdfError::Typeset(describe(engine, err)))?;
    let document = crate::clusters::join_split_clusters(document);
    typst_pdf::pdf(&document, &PdfOptions::default())
        .map_err(|diags| PdfError::Export(sentences(engine, &diags)))
}

fn describe(engine: &TypstEngine<TypstTemplateMainFile>, err: TypstAsLibError) -> String {
    match err {
        TypstAsLibError::TypstSource(diags) => sentences(engine, &diags),
        other => other.to_string(),
    }
}

/// Joins diagnostics into one line, with the template line where Typst knows it.
fn sentences(engine: &TypstEngine<TypstTemplateMainFile>, diags: &[SourceDiagnostic]) -> String {
    let world = engine.world_builder().build().ok();
    diags
        .iter()
        .map(|diag| {
            let line = world
                .as_ref()
                .and_then(|world| world.range(diag.span))
                .and_then(|range| TEMPLATE.get(..range.start))
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
