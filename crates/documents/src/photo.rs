//! Photos as the product keeps them: read with limits, turned upright, and stored in three
//! sizes that carry no metadata at all.
//!
//! The header is read before anything decodes the picture, so a small file that claims a huge
//! picture is refused without allocating it. The EXIF orientation a phone writes is applied to
//! the pixels; everything is then encoded afresh, so GPS positions, camera serial numbers and
//! every other tag are left behind. JPEG is used for every size: the `image` crate writes WebP
//! only losslessly, which would make photos several times larger. Resizing and encoding use
//! SIMD crates made for it (`fast_image_resize`, `jpeg-encoder`).

use std::borrow::Cow;
use std::io::Cursor;
use std::sync::{Arc, Mutex, OnceLock, mpsc};

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use jpeg_encoder::{ColorType, Encoder};

/// Bytes of one uploaded photo at most.
pub const MAX_BYTES: usize = 25 * 1024 * 1024;
/// 50 megapixels: a 48-megapixel phone camera's photos pass, a decompression bomb does not.
pub const MAX_PIXELS: u64 = 50_000_000;
/// What a decoder may allocate beyond the picture itself.
const MAX_ALLOC: u64 = 128 * 1024 * 1024;

/// The long edge of each stored size, and its JPEG quality.
const ORIGINAL: (u32, u8) = (2560, 85);
const DISPLAY: (u32, u8) = (1280, 80);
const THUMBNAIL: (u32, u8) = (320, 75);

/// One stored size of a photo.
#[derive(Debug, Clone)]
pub struct Rendition {
    pub width: u32,
    pub height: u32,
    /// JPEG bytes without any metadata.
    pub jpeg: Vec<u8>,
}

/// A photo ready to store: the original capped at 2,560 px, a display size and a thumbnail.
#[derive(Debug, Clone)]
pub struct Photo {
    pub original: Rendition,
    pub display: Rendition,
    pub thumbnail: Rendition,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("the file is {bytes} bytes, over the limit of {MAX_BYTES}")]
    TooLarge { bytes: usize },
    #[error("the file is not a JPEG or PNG photo")]
    NotAPhoto,
    #[error("HEIC photos cannot be read yet")]
    Heic,
    #[error("TIFF images cannot be read")]
    Tiff,
    #[error("{width} × {height} pixels is over the limit")]
    TooManyPixels { width: u32, height: u32 },
    #[error("the photo cannot be read; the file may be damaged")]
    Unreadable,
}

impl PhotoError {
    /// The reason in Thai, for the person who uploaded the file.
    pub fn th(&self) -> String {
        match self {
            PhotoError::TooLarge { bytes } => format!(
                "ไฟล์ขนาด {} MB ใหญ่เกิน {} MB",
                bytes.div_ceil(1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            ),
            PhotoError::NotAPhoto => "ไม่ใช่ภาพถ่าย JPEG หรือ PNG".into(),
            PhotoError::Heic => "ภาพแบบ HEIC ยังอ่านไม่ได้ โปรดตั้งกล้องให้บันทึกเป็น JPEG \
                                 (iPhone: ตั้งค่า › กล้อง › รูปแบบ › เข้ากันได้มากที่สุด) แล้วส่งใหม่"
                .into(),
            PhotoError::Tiff => "ภาพแบบ TIFF อ่านไม่ได้ โปรดส่งเป็น JPEG หรือ PNG".into(),
            PhotoError::TooManyPixels { width, height } => format!(
                "ภาพขนาด {width} × {height} จุด ใหญ่เกิน {} ล้านจุด",
                MAX_PIXELS / 1_000_000
            ),
            PhotoError::Unreadable => "อ่านภาพไม่ได้ ไฟล์อาจเสียหาย".into(),
        }
    }

    /// The reason in English.
    pub fn en(&self) -> String {
        match self {
            PhotoError::TooLarge { bytes } => format!(
                "the file is {} MB, over {} MB",
                bytes.div_ceil(1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            ),
            PhotoError::NotAPhoto => "not a JPEG or PNG photo".into(),
            PhotoError::Heic => "HEIC photos cannot be read yet; set the camera to JPEG \
                                 (iPhone: Settings › Camera › Formats › Most Compatible) and send it again"
                .into(),
            PhotoError::Tiff => "TIFF images cannot be read; send a JPEG or PNG".into(),
            PhotoError::TooManyPixels { width, height } => format!(
                "{width} × {height} pixels is over {} megapixels",
                MAX_PIXELS / 1_000_000
            ),
            PhotoError::Unreadable => "the photo cannot be read; the file may be damaged".into(),
        }
    }
}

/// Photos processed at once, whoever asks: each takes about 70 MB while it is decoded.
pub const AT_ONCE: usize = 2;

type Job = (Vec<u8>, mpsc::Sender<Result<Photo, PhotoError>>);

/// The threads that process photos. Photos are decoded on these few threads only: the C
/// allocator keeps freed memory in an arena per thread, so decoding on every thread that
/// receives an upload would leave tens of MB behind on each of them.
fn workers() -> &'static Mutex<mpsc::Sender<Job>> {
    static WORKERS: OnceLock<Mutex<mpsc::Sender<Job>>> = OnceLock::new();
    WORKERS.get_or_init(|| {
        let (jobs, arrived) = mpsc::channel::<Job>();
        let arrived = Arc::new(Mutex::new(arrived));
        for i in 0..AT_ONCE {
            let arrived = arrived.clone();
            let worker = move || {
                loop {
                    let job = arrived.lock().map(|queue| queue.recv());
                    let Ok(Ok((bytes, answer))) = job else { break };
                    let _ = answer.send(make(&bytes));
                }
            };
            let spawned = std::thread::Builder::new()
                .name(format!("photo-{i}"))
                .spawn(worker);
            if spawned.is_err() {
                break;
            }
        }
        Mutex::new(jobs)
    })
}

/// Reads an uploaded photo and makes its three sizes, on one of the photo threads; waits
/// while [`AT_ONCE`] others are being processed. Call it off the async threads.
pub fn process(bytes: &[u8]) -> Result<Photo, PhotoError> {
    if bytes.len() > MAX_BYTES {
        return Err(PhotoError::TooLarge { bytes: bytes.len() });
    }
    let (answer, answered) = mpsc::channel();
    let sent = workers()
        .lock()
        .map_err(|_| PhotoError::Unreadable)?
        .send((bytes.to_vec(), answer));
    if sent.is_err() {
        return make(bytes);
    }
    answered.recv().unwrap_or(Err(PhotoError::Unreadable))
}

fn make(bytes: &[u8]) -> Result<Photo, PhotoError> {
    // The decoded picture is let go as soon as the capped original is made, and each smaller
    // size is made from the one before it: the big step is taken once.
    let decoded = rgb(decode(bytes)?);
    let original = match fit(&decoded, ORIGINAL.0)? {
        Cow::Borrowed(_) => decoded,
        Cow::Owned(smaller) => smaller,
    };
    let display = fit(&original, DISPLAY.0)?;
    let thumbnail = fit(&display, THUMBNAIL.0)?;
    Ok(Photo {
        original: encode(&original, ORIGINAL.1)?,
        display: encode(&display, DISPLAY.1)?,
        thumbnail: encode(&thumbnail, THUMBNAIL.1)?,
    })
}

/// Decodes within the limits and turns the picture the way the camera says it was held.
fn decode(bytes: &[u8]) -> Result<DynamicImage, PhotoError> {
    if bytes.len() > MAX_BYTES {
        return Err(PhotoError::TooLarge { bytes: bytes.len() });
    }
    if is_heic(bytes) {
        return Err(PhotoError::Heic);
    }
    let reader = |bytes| {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|_| PhotoError::NotAPhoto)
    };
    let probe = reader(bytes)?;
    match probe.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png) => {}
        Some(ImageFormat::Tiff) => return Err(PhotoError::Tiff),
        _ => return Err(PhotoError::NotAPhoto),
    }
    let (width, height) = probe
        .into_dimensions()
        .map_err(|_| PhotoError::Unreadable)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::TooManyPixels { width, height });
    }
    let mut reader = reader(bytes)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    limits.max_alloc = Some(MAX_PIXELS * 4 + MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| PhotoError::Unreadable)?;
    let orientation = decoder.orientation().ok();
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| PhotoError::Unreadable)?;
    if let Some(orientation) = orientation {
        picture.apply_orientation(orientation);
    }
    Ok(picture)
}

/// HEIF's file-type box: `ftyp` followed by a HEIC or HEIF brand.
fn is_heic(bytes: &[u8]) -> bool {
    bytes.get(4..8) == Some(b"ftyp")
        && bytes.get(8..12).is_some_and(|brand| {
            [b"heic", b"heix", b"mif1", b"msf1", b"hevc"]
                .iter()
                .any(|b| b[..] == *brand)
        })
}

/// The picture as 8-bit RGB; JPEG has no transparency, so transparent parts become white.
fn rgb(picture: DynamicImage) -> RgbImage {
    if !picture.color().has_alpha() {
        return picture.into_rgb8();
    }
    let (width, height) = (picture.width(), picture.height());
    let mut flat = image::RgbaImage::from_pixel(width, height, image::Rgba([255, 255, 255, 255]));
    image::imageops::overlay(&mut flat, &picture.into_rgba8(), 0, 0);
    DynamicImage::ImageRgba8(flat).into_rgb8()
}

/// The picture with its long edge at most `edge`, never enlarged.
fn fit(picture: &RgbImage, edge: u32) -> Result<Cow<'_, RgbImage>, PhotoError> {
    let (width, height) = (picture.width(), picture.height());
    let long = width.max(height);
    if long <= edge {
        return Ok(Cow::Borrowed(picture));
    }
    let scale = |side: u32| {
        let scaled = (u64::from(side) * u64::from(edge) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(scaled.max(1)).unwrap_or(edge)
    };
    let mut smaller = RgbImage::new(scale(width), scale(height));
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
    Resizer::new()
        .resize(picture, &mut smaller, &options)
        .map_err(|_| PhotoError::Unreadable)?;
    Ok(Cow::Owned(smaller))
}

fn encode(picture: &RgbImage, quality: u8) -> Result<Rendition, PhotoError> {
    let (width, height) = (picture.width(), picture.height());
    let side = |n: u32| u16::try_from(n).map_err(|_| PhotoError::Unreadable);
    let mut jpeg = Vec::new();
    Encoder::new(&mut jpeg, quality)
        .encode(
            picture.as_raw(),
            side(width)?,
            side(height)?,
            ColorType::Rgb,
        )
        .map_err(|_| PhotoError::Unreadable)?;
    Ok(Rendition {
        width,
        height,
        jpeg,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::jpeg::JpegEncoder;

    /// A JPEG of `width` × `height` whose left half is red and right half blue.
    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbImage::from_fn(width, height, |x, _| {
            if x < width / 2 {
                image::Rgb([220, 20, 20])
            } else {
                image::Rgb([20, 20, 220])
            }
        });
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&picture)
            .unwrap();
        out
    }

    /// `jpeg` with an EXIF block as a phone writes it: orientation 6 and a GPS position.
    fn phone_jpeg(width: u32, height: u32) -> Vec<u8> {
        crate::sample_photo::with_phone_exif(&jpeg(width, height))
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_phone_photo_is_turned_upright_and_keeps_no_metadata() {
        let upload = phone_jpeg(400, 300);
        assert!(contains(&upload, b"GPS-MARKER"));
        let photo = process(&upload).unwrap();
        for size in [&photo.original, &photo.display, &photo.thumbnail] {
            assert!(!contains(&size.jpeg, b"Exif"), "EXIF kept");
            assert!(!contains(&size.jpeg, b"GPS-MARKER"), "GPS kept");
        }
        // Held turned right: the stored picture stands upright, 300 wide and 400 high, with
        // the red half (the camera's left) now on top.
        assert_eq!((photo.original.width, photo.original.height), (300, 400));
        let upright = image::load_from_memory(&photo.original.jpeg)
            .unwrap()
            .to_rgb8();
        let top = upright.get_pixel(150, 20);
        let bottom = upright.get_pixel(150, 380);
        assert!(top[0] > 150 && top[2] < 100, "top is {top:?}");
        assert!(bottom[2] > 150 && bottom[0] < 100, "bottom is {bottom:?}");
    }

    #[test]
    fn three_sizes_and_never_enlarged() {
        let photo = process(&jpeg(2600, 1950)).unwrap();
        let size = |r: &Rendition| (r.width, r.height);
        assert_eq!(size(&photo.original), (2560, 1920));
        assert_eq!(size(&photo.display), (1280, 960));
        assert_eq!(size(&photo.thumbnail), (320, 240));
        let small = process(&jpeg(800, 600)).unwrap();
        assert_eq!(size(&small.original), (800, 600));
        assert_eq!(size(&small.display), (800, 600));
        assert_eq!(size(&small.thumbnail), (320, 240));
    }

    #[test]
    fn a_transparent_png_is_kept_on_white() {
        let picture = image::RgbaImage::from_pixel(64, 64, image::Rgba([0, 0, 0, 0]));
        let mut png = Cursor::new(Vec::new());
        picture.write_to(&mut png, ImageFormat::Png).unwrap();
        let photo = process(&png.into_inner()).unwrap();
        let stored = image::load_from_memory(&photo.original.jpeg)
            .unwrap()
            .to_rgb8();
        assert!(stored.get_pixel(32, 32)[0] > 240);
    }

    #[test]
    fn what_is_not_a_photo_is_named() {
        let mut bomb = jpeg(8, 8);
        let sof = bomb.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        bomb[sof + 5..sof + 9].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
        assert_eq!(
            process(&bomb).unwrap_err(),
            PhotoError::TooManyPixels {
                width: 65_535,
                height: 65_535
            }
        );
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
        assert_eq!(process(&heic).unwrap_err(), PhotoError::Heic);
        assert_eq!(process(b"II*\0\x08\0\0\0").unwrap_err(), PhotoError::Tiff);
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"/>"#;
        assert_eq!(process(svg).unwrap_err(), PhotoError::NotAPhoto);
        let huge = vec![0u8; MAX_BYTES + 1];
        assert!(matches!(process(&huge), Err(PhotoError::TooLarge { .. })));
        // A PNG cut after its header: the picture's data is missing. (A cut JPEG decodes with
        // its missing part grey, as browsers show it.)
        let mut png = Cursor::new(Vec::new());
        image::RgbImage::new(40, 30)
            .write_to(&mut png, ImageFormat::Png)
            .unwrap();
        let cut = &png.get_ref()[..33];
        assert!(matches!(process(cut), Err(PhotoError::Unreadable)));
        for err in [PhotoError::Heic, PhotoError::Unreadable] {
            assert!(!err.th().is_empty() && !err.en().is_empty());
        }
    }
}
