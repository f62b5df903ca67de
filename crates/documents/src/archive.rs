//! ZIP archives of generated files (certificates of an event), written in memory.

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// Writes `(name, bytes)` pairs into a ZIP. PDFs are already compressed, so they are stored.
pub fn write_zip<'a>(
    files: impl IntoIterator<Item = (String, &'a [u8])>,
) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in files {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_back_out() {
        let bytes = write_zip([
            ("0001 นางสาวฤทัย.pdf".to_string(), b"%PDF-1".as_slice()),
            ("0002.pdf".to_string(), b"%PDF-2".as_slice()),
        ])
        .unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 2);
        let mut first = String::new();
        std::io::Read::read_to_string(&mut archive.by_index(0).unwrap(), &mut first).unwrap();
        assert_eq!(first, "%PDF-1");
        assert_eq!(
            archive.by_index(0).unwrap().name().unwrap(),
            "0001 นางสาวฤทัย.pdf"
        );
    }
}
