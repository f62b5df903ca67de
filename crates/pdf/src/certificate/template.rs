//! Compiling a certificate template, and turning Typst's diagnostics into messages that point
//! at the template's own lines.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::syntax::{DiagSpan, FileId};
use typst::text::Font;
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use serde::{Deserialize, Serialize};

use super::inputs::{Shared, inputs};
use super::worker::Exceeded;
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

/// A compiled template, ready to render many certificates. Cheap to keep; costly to build.
pub struct CertificateTemplate {
    engine: TypstEngine<TypstTemplateMainFile>,
}

fn fonts() -> &'static [Font] {
    static FONTS: OnceLock<Vec<Font>> = OnceLock::new();
    FONTS.get_or_init(|| {
        [crate::engine::REGULAR, crate::engine::BOLD]
            .into_iter()
            .filter_map(|bytes| Font::new(typst::foundations::Bytes::new(bytes), 0))
            .collect()
    })
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
        let main = ("/certificate.typ", format!("{IMPORT}{source}"));
        let engine = TypstEngine::builder()
            .main_file(main)
            .with_static_source_file_resolver([("/sermphalang.typ", PRELUDE)])
            .fonts(fonts().iter().cloned())
            // Keep a few compilations' worth of memoised layout: the next certificate of the
            // same event reuses almost all of it.
            .comemo_evict_max_age(Some(4))
            .build();
        Ok(Self { engine })
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
        self.render_shared(&Shared::new(artwork), artwork, certificate)
    }

    /// Renders the certificates of one event in order; each result stands alone.
    pub fn render_all<'a>(
        &'a self,
        artwork: &'a Artwork,
        certificates: &'a [Certificate],
    ) -> impl Iterator<Item = Result<Rendered, TemplateError>> + 'a {
        let shared = Shared::new(artwork);
        certificates
            .iter()
            .map(move |certificate| self.render_shared(&shared, artwork, certificate))
    }

    fn render_shared(
        &self,
        shared: &Shared,
        artwork: &Artwork,
        certificate: &Certificate,
    ) -> Result<Rendered, TemplateError> {
        let compile = || self.engine.compile_with_input(inputs(shared, certificate));
        let warned = catch_unwind(AssertUnwindSafe(compile)).map_err(|_| TemplateError {
            line: None,
            message: "the typesetter stopped unexpectedly".into(),
            exceeded: None,
        })?;
        let document: PagedDocument = warned.output.map_err(|err| self.error(err))?;
        let document = crate::clusters::join_split_clusters(document);
        let options = PdfOptions {
            // Untagged keeps a certificate near 40 KB; its text is still extractable.
            tagged: false,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options).map_err(|diags| self.first(&diags))?;
        let pages = document.pages().len();
        let mut warnings = artwork.warnings();
        if pages != 1 {
            warnings.push(Warning::Pages { count: pages });
        }
        warnings.extend(warned.warnings.iter().map(|diag| {
            let TemplateError { line, message, .. } = self.located(diag);
            Warning::Template { line, message }
        }));
        Ok(Rendered {
            pdf,
            pages,
            warnings,
        })
    }

    fn error(&self, err: TypstAsLibError) -> TemplateError {
        match err {
            TypstAsLibError::TypstSource(diags) => self.first(&diags),
            other => TemplateError {
                line: None,
                message: other.to_string(),
                exceeded: None,
            },
        }
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
        let Ok(world) = self.engine.world_builder().build() else {
            return TemplateError {
                line: None,
                message,
                exceeded: None,
            };
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
