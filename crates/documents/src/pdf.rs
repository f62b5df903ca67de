//! Uploaded PDF documents (appointment orders): a file must parse as a PDF with at least one
//! page, and must carry nothing that runs or opens something when it is viewed.

use lopdf::{Dictionary, Document, Object};

/// Action kinds that run code, open other programs or files, or send data away.
const ACTIVE_ACTIONS: &[&[u8]] = &[
    b"JavaScript",
    b"Launch",
    b"SubmitForm",
    b"ImportData",
    b"RichMediaExecute",
];
/// Keys whose presence alone means scripts or embedded files.
const ACTIVE_KEYS: &[&[u8]] = &[b"JS", b"JavaScript", b"EmbeddedFiles", b"RichMedia"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfRefusal {
    /// Not a PDF, or a damaged or truncated one.
    Unreadable,
    /// A password-protected PDF, which cannot be checked.
    Encrypted,
    /// It carries a script, a launch action or an embedded file (named).
    Active(String),
}

impl PdfRefusal {
    pub fn th(&self) -> String {
        match self {
            PdfRefusal::Unreadable => "อ่านไฟล์ PDF ไม่ได้ ไฟล์อาจไม่ใช่ PDF หรือเสียหาย/ไม่ครบ".into(),
            PdfRefusal::Encrypted => "ไฟล์ PDF ตั้งรหัสผ่านไว้ กรุณาบันทึกเป็น PDF ที่ไม่มีรหัสผ่าน".into(),
            PdfRefusal::Active(what) => {
                format!("ไฟล์ PDF มีส่วนที่สั่งทำงานได้ ({what}) ซึ่งระบบไม่รับ กรุณาพิมพ์เป็น PDF ใหม่")
            }
        }
    }

    pub fn en(&self) -> String {
        match self {
            PdfRefusal::Unreadable => {
                "the PDF cannot be read: it is not a PDF, or it is damaged or incomplete".into()
            }
            PdfRefusal::Encrypted => {
                "the PDF is password-protected; save it as a PDF without a password".into()
            }
            PdfRefusal::Active(what) => format!(
                "the PDF carries active content ({what}), which is not accepted; print it to a new PDF"
            ),
        }
    }
}

/// The number of pages of a PDF that may be stored and shown, or why it may not.
pub fn inspect(bytes: &[u8]) -> Result<usize, PdfRefusal> {
    if !bytes.starts_with(b"%PDF-") || !has_end_marker(bytes) {
        return Err(PdfRefusal::Unreadable);
    }
    let document = std::panic::catch_unwind(|| Document::load_mem(bytes))
        .map_err(|_| PdfRefusal::Unreadable)?
        .map_err(|e| match e {
            lopdf::Error::Decryption(_) | lopdf::Error::UnsupportedSecurityHandler(_) => {
                PdfRefusal::Encrypted
            }
            _ => PdfRefusal::Unreadable,
        })?;
    if document.is_encrypted() {
        return Err(PdfRefusal::Encrypted);
    }
    for object in document.objects.values() {
        if let Some(found) = active_content(object) {
            return Err(PdfRefusal::Active(found));
        }
    }
    match document.get_pages().len() {
        0 => Err(PdfRefusal::Unreadable),
        pages => Ok(pages),
    }
}

/// A complete PDF ends with `%%EOF` (give or take trailing white space); a truncated one does not.
fn has_end_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

fn active_content(object: &Object) -> Option<String> {
    match object {
        Object::Dictionary(d) => active_in(d),
        Object::Stream(s) => active_in(&s.dict),
        Object::Array(items) => items.iter().find_map(active_content),
        _ => None,
    }
}

fn active_in(dict: &Dictionary) -> Option<String> {
    for (key, value) in dict.iter() {
        if ACTIVE_KEYS.contains(&key.as_slice()) {
            return Some(String::from_utf8_lossy(key).into_owned());
        }
        if key.as_slice() == b"S"
            && let Ok(name) = value.as_name()
            && ACTIVE_ACTIONS.contains(&name)
        {
            return Some(String::from_utf8_lossy(name).into_owned());
        }
        if let Some(found) = active_content(value) {
            return Some(found);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    /// A one-page PDF, with `extra` added to its catalogue.
    fn pdf(extra: Option<(&str, Object)>) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let content = doc.add_object(Stream::new(dictionary! {}, b"BT ET".to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page.into()],
                "Count" => 1,
            }),
        );
        let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages_id };
        if let Some((key, value)) = extra {
            catalog.set(key, value);
        }
        let catalog = doc.add_object(catalog);
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn a_plain_pdf_passes_with_its_pages() {
        assert_eq!(inspect(&pdf(None)), Ok(1));
    }

    #[test]
    fn truncated_and_fake_pdfs_are_refused() {
        let whole = pdf(None);
        assert_eq!(
            inspect(&whole[..whole.len() / 2]),
            Err(PdfRefusal::Unreadable)
        );
        assert_eq!(
            inspect(b"%PDF-1.4 not really\n%%EOF"),
            Err(PdfRefusal::Unreadable)
        );
        assert_eq!(inspect(b"GIF89a"), Err(PdfRefusal::Unreadable));
    }

    #[test]
    fn scripts_and_launch_actions_are_refused() {
        let script =
            dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)") };
        assert!(matches!(
            inspect(&pdf(Some(("OpenAction", Object::Dictionary(script))))),
            Err(PdfRefusal::Active(_))
        ));
        let launch = dictionary! { "S" => "Launch", "F" => Object::string_literal("calc.exe") };
        assert_eq!(
            inspect(&pdf(Some(("OpenAction", Object::Dictionary(launch))))),
            Err(PdfRefusal::Active("Launch".into()))
        );
    }
}
