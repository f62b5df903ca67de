//! Compiling a certificate template, and turning Typst's diagnostics into messages that point
//! at the template's own lines.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use typst::diag::{Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Dict};
use typst::syntax::{DiagSpan, FileId, Source};
use typst::utils::LazyHash;
use typst::{Library, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use serde::{Deserialize, Serialize};

use super::inputs::{Shared, data, qr_code};
use super::worker::Exceeded;
use super::world::{self, CertificateWorld, file_id};
use super::{Artwork, Certificate, Rendered, Warning};

const DEFAULT: &str = include_str!("../../templates/certificate.typ");
const PRELUDE: &str = include_str!("../../templates/sermphalang.typ");
/// Put in front of the secretariat's template; it adds exactly one line.
const IMPORT: &str = "#import \"/sermphalang.typ\": *\n";
/// Longer templates are refused before Typst sees them.
pub const MAX_TEMPLATE_BYTES: usize = 64 * 1024;

/// A template problem, with the line of the secretariat's template where Typst knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{}", describe(*line, message))]
pub struct TemplateError {
    pub line: Option<usize>,
    pub message: String,
    /// Set when the template was stopped at a limit of the worker.
    #[serde(default)]
    pub exceeded: Option<Exceeded>,
}

fn describe(line: Option<usize>, message: &str) -> String {
    match line {
        Some(line) => format!("line {line}: {message}"),
        None => message.to_owned(),
    }
}

/// A template ready to render many certificates; Typst keeps what it laid out for the next.
pub struct CertificateTemplate {
    main: Source,
}

fn prelude() -> &'static Source {
    static PRELUDE_SOURCE: OnceLock<Source> = OnceLock::new();
    PRELUDE_SOURCE.get_or_init(|| Source::new(file_id(world::PRELUDE), PRELUDE.to_owned()))
}

impl CertificateTemplate {
    /// The template every province starts with.
    pub fn default_source() -> &'static str {
        DEFAULT
    }

    /// The variables and helpers a template can use, as Typst source with comments.
    pub fn prelude_source() -> &'static str {
        PRELUDE
    }

    /// Refuses a template too long to be worth compiling, before Typst sees it.
    pub(crate) fn check_length(source: &str) -> Result<(), TemplateError> {
        if source.len() > MAX_TEMPLATE_BYTES {
            return Err(TemplateError {
                line: None,
                message: format!("the template is longer than {MAX_TEMPLATE_BYTES} bytes"),
                exceeded: None,
            });
        }
        Ok(())
    }

    pub fn new(source: &str) -> Result<Self, TemplateError> {
        Self::check_length(source)?;
        let main = Source::new(file_id(world::MAIN), format!("{IMPORT}{source}"));
        Ok(Self { main })
    }

    pub fn default_template() -> Self {
        Self::new(DEFAULT)
            .unwrap_or_else(|_| unreachable!("the default template is checked by tests"))
    }

    /// Renders one certificate. Typst errors come back as [`TemplateError`], never as a panic.
    pub fn render(
        &self,
        artwork: &Artwork,
        certificate: &Certificate,
    ) -> Result<Rendered, TemplateError> {
        let typeset = self.typeset(&Shared::new(artwork), artwork, certificate);
        forget_old_layouts();
        let typeset = typeset?;
        let pdf = self.export(&typeset.document)?;
        Ok(typeset.rendered(pdf))
    }

    /// The certificate's pages, before they are written as PDF.
    pub(crate) fn typeset(
        &self,
        shared: &Shared,
        artwork: &Artwork,
        certificate: &Certificate,
    ) -> Result<Typeset, TemplateError> {
        let qr = qr_code(&certificate.verify_url);
        let world = CertificateWorld {
            main: &self.main,
            prelude: prelude(),
            library: &shared.library,
            data: data(certificate, &qr),
            qr: qr.pixels.clone(),
        };
        let compile = || -> Warned<_> { typst::compile::<PagedDocument>(&world) };
        let warned = catch_unwind(AssertUnwindSafe(compile)).map_err(|_| TemplateError {
            line: None,
            message: "the typesetter stopped unexpectedly".into(),
            exceeded: None,
        })?;
        let mut document = warned.output.map_err(|diags| self.first(&diags))?;
        // Set here rather than by `set document` in the template: a style that names the
        // person would reach every element and undo the reuse of the layout.
        let info = document.info_mut();
        if info.title.is_none() {
            info.title = Some(format!("เกียรติบัตร {}", certificate.name).into());
        }
        let document = crate::clusters::join_split_clusters(document);
        let pages = document.pages().len();
        let mut warnings = artwork.warnings();
        if pages != 1 {
            warnings.push(Warning::Pages { count: pages });
        }
        warnings.extend(warned.warnings.iter().map(|diag| {
            let TemplateError { line, message, .. } = self.located(diag);
            Warning::Template { line, message }
        }));
        Ok(Typeset { document, warnings })
    }

    pub(crate) fn export(&self, document: &PagedDocument) -> Result<Vec<u8>, TemplateError> {
        typst_pdf::pdf(document, &pdf_options()).map_err(|diags| self.first(&diags))
    }

    /// The first error, which is the one to fix first; the rest often follow from it.
    fn first(&self, diags: &[SourceDiagnostic]) -> TemplateError {
        let first = diags
            .iter()
            .find(|d| d.severity == Severity::Error)
            .or(diags.first());
        match first {
            Some(diag) => self.located(diag),
            None => TemplateError {
                line: None,
                message: "the template could not be typeset".into(),
                exceeded: None,
            },
        }
    }

    /// The diagnostic with the line in the secretariat's template: its own span, or the call in
    /// the template that led into the prelude.
    fn located(&self, diag: &SourceDiagnostic) -> TemplateError {
        let hints: String = diag.hints.iter().map(|h| format!(" ({})", h.v)).collect();
        let message = format!("{}{hints}", diag.message);
        let world = CertificateWorld {
            main: &self.main,
            prelude: prelude(),
            library: empty_library(),
            data: Bytes::new([]),
            qr: Bytes::new([]),
        };
        let main = world.main();
        let spans = std::iter::once(diag.span)
            .chain(diag.trace.iter().map(|t| DiagSpan::from_span(t.span, None)));
        let line = spans
            .filter(|span| span.id() == Some(main))
            .find_map(|span| line_of(&world, main, span));
        TemplateError {
            line,
            message,
            exceeded: None,
        }
    }
}

fn line_of(world: &impl World, main: FileId, span: DiagSpan) -> Option<usize> {
    let range = world.range(span)?;
    let source = world.source(main).ok()?;
    let before = source.text().get(..range.start)?;
    // Line n of the compiled source is line n - 1 of the secretariat's; line 1 is the import.
    let newlines = before.matches('\n').count();
    (newlines >= 1).then_some(newlines)
}

/// Keeps a few typesettings' worth of memoised layout, which the next certificate of the same
/// event reuses almost all of; older layouts are dropped.
pub(crate) fn forget_old_layouts() {
    comemo::evict(4);
}

/// A typeset certificate waiting to be written.
pub(crate) struct Typeset {
    pub(crate) document: PagedDocument,
    pub(crate) warnings: Vec<Warning>,
}

impl Typeset {
    pub(crate) fn rendered(self, pdf: Vec<u8>) -> Rendered {
        Rendered {
            pdf,
            pages: self.document.pages().len(),
            warnings: self.warnings,
        }
    }
}

pub(crate) fn pdf_options() -> PdfOptions {
    PdfOptions {
        // Untagged keeps a certificate near 40 KB; its text is still extractable.
        tagged: false,
        ..PdfOptions::default()
    }
}

/// Enough of a world to find a diagnostic's line, which needs only the sources.
fn empty_library() -> &'static LazyHash<Library> {
    static EMPTY: OnceLock<LazyHash<Library>> = OnceLock::new();
    EMPTY.get_or_init(|| world::library(Dict::new()))
}
