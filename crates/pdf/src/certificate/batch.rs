//! An event's certificates written as PDF together and cut apart (see `split`).

use typst::ecow::EcoVec;
use typst::model::{Document, DocumentInfo};
use typst_layout::PagedDocument;

use super::inputs::Shared;
use super::split::split;
use super::template::{Typeset, forget_old_layouts, pdf_options};
use super::{Artwork, Certificate, CertificateTemplate, Rendered, TemplateError};

/// Certificates written as one PDF. More share more of the work, but every certificate's file
/// carries the fonts' glyphs of the whole batch: 50 Thai names keep a file under 100 KB.
const BATCH: usize = 50;

impl CertificateTemplate {
    /// Renders the certificates of one event in order; each result stands alone.
    pub fn render_all(
        &self,
        artwork: &Artwork,
        certificates: &[Certificate],
    ) -> Vec<Result<Rendered, TemplateError>> {
        let shared = Shared::new(artwork);
        let mut rendered = Vec::with_capacity(certificates.len());
        for batch in certificates.chunks(BATCH) {
            let typeset: Vec<_> = batch
                .iter()
                .map(|certificate| self.typeset(&shared, artwork, certificate))
                .collect();
            forget_old_layouts();
            rendered.extend(self.write(typeset));
        }
        rendered
    }

    /// The typeset certificates as PDF files; one that could not be typeset keeps its error.
    fn write(
        &self,
        typeset: Vec<Result<Typeset, TemplateError>>,
    ) -> Vec<Result<Rendered, TemplateError>> {
        let ready: Vec<&Typeset> = typeset.iter().filter_map(|t| t.as_ref().ok()).collect();
        let Some(files) = self.write_together(&ready) else {
            // Written one by one, a certificate that cannot be written names its own error.
            return typeset
                .into_iter()
                .map(|t| {
                    let t = t?;
                    let pdf = self.export(&t.document)?;
                    Ok(t.rendered(pdf))
                })
                .collect();
        };
        // `write_together` gave one file for each ready certificate, in order.
        let mut files = files.into_iter();
        typeset
            .into_iter()
            .map(|t| t.map(|t| t.rendered(files.next().unwrap_or_default())))
            .collect()
    }

    fn write_together(&self, ready: &[&Typeset]) -> Option<Vec<Vec<u8>>> {
        let mut pages = EcoVec::new();
        let mut ranges = Vec::with_capacity(ready.len());
        let mut titles = Vec::with_capacity(ready.len());
        for typeset in ready {
            let start = pages.len();
            pages.extend(typeset.document.pages().iter().cloned());
            ranges.push(start..pages.len());
            let info = typeset.document.info();
            titles.push(info.title.as_deref().unwrap_or_default().to_owned());
        }
        let batch = PagedDocument::new(pages, DocumentInfo::default());
        let pdf = typst_pdf::pdf(&batch, &pdf_options()).ok()?;
        let files = split(&pdf, &ranges, &titles).ok()?;
        (files.len() == ready.len()).then_some(files)
    }
}
