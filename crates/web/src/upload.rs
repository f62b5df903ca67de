//! Every uploaded image passes here before anything decodes it. Its kind and size are read
//! from the header alone, and a picture over the pixel limit is refused: a small file that
//! claims 65,535 × 65,535 pixels would otherwise make a decoder allocate gigabytes.

use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// 24 megapixels: more than any logo, signature or camera frame needs, and at most about
/// 100 MB once decoded.
pub const MAX_PIXELS: u64 = 24_000_000;
/// What a decoder may allocate beyond the picture itself.
const MAX_ALLOC: u64 = 128 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageHeader {
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotAnImage,
    TooManyPixels { width: u32, height: u32 },
    Unreadable,
}

impl Refusal {
    pub fn th(&self) -> String {
        match self {
            Refusal::NotAnImage => "ไม่ใช่ภาพ PNG หรือ JPEG".into(),
            Refusal::TooManyPixels { width, height } => format!(
                "ภาพขนาด {width} × {height} จุด ใหญ่เกิน {} ล้านจุด",
                MAX_PIXELS / 1_000_000
            ),
            Refusal::Unreadable => "อ่านภาพไม่ได้ ไฟล์อาจเสียหาย".into(),
        }
    }

    pub fn en(&self) -> String {
        match self {
            Refusal::NotAnImage => "not a PNG or JPEG image".into(),
            Refusal::TooManyPixels { width, height } => format!(
                "{width} × {height} pixels is over {} megapixels",
                MAX_PIXELS / 1_000_000
            ),
            Refusal::Unreadable => "the image cannot be read; the file may be damaged".into(),
        }
    }
}

/// The image's kind and size from its header, refused over the pixel limit.
pub fn inspect(bytes: &[u8]) -> Result<ImageHeader, Refusal> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| Refusal::NotAnImage)?;
    let content_type = match reader.format() {
        Some(ImageFormat::Png) => "image/png",
        Some(ImageFormat::Jpeg) => "image/jpeg",
        _ => return Err(Refusal::NotAnImage),
    };
    let (width, height) = reader.into_dimensions().map_err(|_| Refusal::Unreadable)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Refusal::TooManyPixels { width, height });
    }
    Ok(ImageHeader {
        content_type,
        width,
        height,
    })
}

/// Decodes an image that passed [`inspect`], with the decoder's own allocation bounded too.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, Refusal> {
    let header = inspect(bytes)?;
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| Refusal::NotAnImage)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(header.width);
    limits.max_image_height = Some(header.height);
    limits.max_alloc = Some(MAX_PIXELS * 4 + MAX_ALLOC);
    reader.limits(limits);
    reader.decode().map_err(|_| Refusal::Unreadable)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]));
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, ImageFormat::Jpeg).unwrap();
        out.into_inner()
    }

    /// A few hundred bytes of JPEG whose header claims `width` × `height` pixels.
    pub(crate) fn jpeg_claiming(width: u16, height: u16) -> Vec<u8> {
        let mut bytes = jpeg(8, 8);
        let sof = bytes
            .windows(2)
            .position(|w| w == [0xFF, 0xC0])
            .expect("a baseline JPEG has a SOF0 marker");
        // SOF0: marker (2), length (2), precision (1), height (2), width (2).
        bytes[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
        bytes[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
        bytes
    }

    #[test]
    fn a_small_file_claiming_a_huge_picture_is_refused_before_decoding() {
        let bomb = jpeg_claiming(65_535, 65_535);
        assert!(bomb.len() < 2_000);
        assert_eq!(
            inspect(&bomb),
            Err(Refusal::TooManyPixels {
                width: 65_535,
                height: 65_535
            })
        );
        assert!(decode(&bomb).is_err());
    }

    #[test]
    fn ordinary_images_pass_with_their_size() {
        let header = inspect(&jpeg(640, 480)).unwrap();
        assert_eq!(header.content_type, "image/jpeg");
        assert_eq!((header.width, header.height), (640, 480));
        assert_eq!(decode(&jpeg(64, 48)).unwrap().width(), 64);
        assert_eq!(inspect(b"GIF89a......"), Err(Refusal::NotAnImage));
        assert!(
            !Refusal::TooManyPixels {
                width: 1,
                height: 1
            }
            .th()
            .is_empty()
        );
    }
}
