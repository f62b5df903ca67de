//! Checks an uploaded logo or signature the way the certificate will use it: Typst decodes it.

use std::sync::OnceLock;

use typst::foundations::{Bytes, Dict, Value};
use typst_as_lib::{TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;

const CHECK: &str =
    "#set page(width: 3cm, height: 3cm, margin: 0pt)\n#image(sys.inputs.image, width: 2cm)\n";
/// Larger images are refused before decoding.
pub const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;

fn engine() -> &'static TypstEngine<TypstTemplateMainFile> {
    static ENGINE: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    ENGINE.get_or_init(|| TypstEngine::builder().main_file(CHECK).build())
}

/// The kinds of image a certificate can carry.
pub fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// Whether the bytes are a PNG or JPEG image Typst can place; the reason when not.
pub fn check_image(bytes: &[u8]) -> Result<&'static str, String> {
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(format!("larger than {} MB", MAX_IMAGE_BYTES / 1024 / 1024));
    }
    let kind = image_kind(bytes).ok_or_else(|| "not a PNG or JPEG image".to_string())?;
    let mut inputs = Dict::new();
    inputs.insert("image".into(), Value::Bytes(Bytes::new(bytes.to_vec())));
    let compiled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        engine().compile_with_input::<_, PagedDocument>(inputs)
    }));
    match compiled {
        Ok(warned) => warned.output.map(|_| kind).map_err(|e| e.to_string()),
        Err(_) => Err("the image could not be decoded".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_images_pass() {
        assert!(check_image(b"GIF89a....").is_err());
        assert!(check_image(b"\x89PNG\r\n\x1a\nbroken").is_err());
        assert!(check_image(&vec![0; MAX_IMAGE_BYTES + 1]).is_err());
    }
}
