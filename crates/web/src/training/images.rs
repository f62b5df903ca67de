//! Uploaded logos and signatures are scaled down to what a certificate prints, so a phone
//! photo of a signature does not make every certificate megabytes long.

use image::ImageFormat;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use std::io::Cursor;

/// Images already this small are kept byte for byte.
const KEEP_BYTES: usize = 120 * 1024;

pub const SIGNATURE_BOX: (u32, u32) = (600, 240);
pub const LOGO_BOX: (u32, u32) = (400, 400);

/// The image fitted inside `bounds`, in its own format (PNG keeps transparency).
pub fn fit(
    bytes: Vec<u8>,
    content_type: &'static str,
    bounds: (u32, u32),
) -> Result<Vec<u8>, String> {
    let image = crate::upload::decode(&bytes).map_err(|r| r.en())?;
    let (w, h) = (image.width(), image.height());
    if w <= bounds.0 && h <= bounds.1 && bytes.len() <= KEEP_BYTES {
        return Ok(bytes);
    }
    let image = if w > bounds.0 || h > bounds.1 {
        image.resize(bounds.0, bounds.1, FilterType::Triangle)
    } else {
        image
    };
    let mut out = Cursor::new(Vec::new());
    if content_type == "image/jpeg" {
        let encoder = JpegEncoder::new_with_quality(&mut out, 82);
        image
            .to_rgb8()
            .write_with_encoder(encoder)
            .map_err(|e| e.to_string())?;
    } else {
        image
            .write_to(&mut out, ImageFormat::Png)
            .map_err(|e| e.to_string())?;
    }
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let image = image::RgbaImage::from_fn(w, h, |x, y| {
            image::Rgba([(x % 256) as u8, (y % 256) as u8, 90, 255])
        });
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn large_images_shrink_into_the_box() {
        let big = png(3000, 1000);
        let fitted = fit(big.clone(), "image/png", SIGNATURE_BOX).unwrap();
        let image = image::load_from_memory(&fitted).unwrap();
        assert_eq!((image.width(), image.height()), (600, 200));
        assert!(fitted.len() < big.len());
        let small = png(100, 40);
        assert_eq!(
            fit(small.clone(), "image/png", SIGNATURE_BOX).unwrap(),
            small
        );
    }
}
