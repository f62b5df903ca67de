//! The files a certificate template sees, laid out so consecutive certificates of one event
//! reuse Typst's memoised layout.
//!
//! Typst keys every memoised layout on the standard library, and `sys.inputs` lives in the
//! library: a certificate's name in `sys.inputs` made every paragraph of the page miss its
//! cache, and each certificate cost a whole typesetting. Here the event's artwork is the
//! library's inputs (the same for all its certificates), and what differs per person is a
//! file, `/certificate.json`, with its QR code's pixels in `/qr`; only what reads them is
//! typeset again.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// A virtual file's id, the same for every template and certificate.
pub(crate) fn file_id(path: &str) -> FileId {
    let path = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("constant paths are valid"));
    RootedPath::new(VirtualRoot::Project, path).intern()
}

pub(crate) const MAIN: &str = "/certificate.typ";
pub(crate) const PRELUDE: &str = "/sermphalang.typ";
pub(crate) const DATA: &str = "/certificate.json";
pub(crate) const QR: &str = "/qr";

/// Only the two Sarabun faces, never system fonts, so a certificate is the same everywhere.
pub(crate) fn fonts() -> &'static (Vec<Font>, LazyHash<FontBook>) {
    static FONTS: OnceLock<(Vec<Font>, LazyHash<FontBook>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = [crate::engine::REGULAR, crate::engine::BOLD]
            .into_iter()
            .filter_map(|bytes| Font::new(Bytes::new(bytes), 0))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        (fonts, book)
    })
}

/// The standard library with an event's artwork as `sys.inputs`.
pub(crate) fn library(artwork: Dict) -> LazyHash<Library> {
    LazyHash::new(Library::builder().with_inputs(artwork).build())
}

/// One certificate's view of the files.
pub(crate) struct CertificateWorld<'a> {
    pub(crate) main: &'a Source,
    pub(crate) prelude: &'a Source,
    pub(crate) library: &'a LazyHash<Library>,
    pub(crate) data: Bytes,
    pub(crate) qr: Bytes,
}

impl World for CertificateWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().1
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        [self.main, self.prelude]
            .into_iter()
            .find(|source| source.id() == id)
            .cloned()
            .ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == file_id(DATA) {
            return Ok(self.data.clone());
        }
        if id == file_id(QR) {
            return Ok(self.qr.clone());
        }
        self.source(id)
            .map(|source| Bytes::from_string(source.text().to_owned()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().0.get(index).cloned()
    }

    /// No clock: a certificate shows the dates it is given, the same on every reissue.
    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}
