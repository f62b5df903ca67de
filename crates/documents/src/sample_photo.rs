//! Photos made by code, for the demo and for tests: a drawn scene, and the EXIF block a phone
//! writes (turned orientation, a GPS position), so that stripping can be checked.

use image::codecs::jpeg::JpegEncoder;
use image::{Rgb, RgbImage};

/// The marker text inside [`with_phone_exif`]'s GPS block; no stored photo may contain it.
pub const GPS_MARKER: &[u8] = b"GPS-MARKER-17.4138N-102.7870E";

/// A JPEG scene drawn from `seed`: sky, ground, a temple-like roof and people as dots, in
/// colours that differ from seed to seed.
pub fn drawn(seed: u64, width: u32, height: u32) -> Vec<u8> {
    let pick = |n: u64, lo: u8, span: u8| {
        let mixed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(n.wrapping_mul(1442695040888963407));
        lo + ((mixed >> 33) % u64::from(span)) as u8
    };
    let sky = Rgb([pick(1, 120, 80), pick(2, 170, 60), pick(3, 200, 55)]);
    let ground = Rgb([pick(4, 60, 60), pick(5, 110, 70), pick(6, 40, 40)]);
    let roof = Rgb([pick(7, 150, 80), pick(8, 40, 40), pick(9, 20, 30)]);
    let horizon = height * 3 / 5;
    let centre = width / 2;
    let picture = RgbImage::from_fn(width, height, |x, y| {
        let dx = x.abs_diff(centre);
        // A roof: a triangle above the horizon.
        if y < horizon && y > horizon / 3 && dx < (y - horizon / 3) * 2 {
            return roof;
        }
        // People: a row of round heads along the ground.
        let spacing = (width / 12).max(4);
        let head_y = horizon + height / 6;
        let cx = (x / spacing) * spacing + spacing / 2;
        let r = spacing / 4;
        if x.abs_diff(cx).pow(2) + y.abs_diff(head_y).pow(2) < r * r {
            return Rgb([pick(10 + u64::from(x / spacing), 30, 200), 40, 60]);
        }
        if y < horizon { sky } else { ground }
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&picture)
        .expect("encoding a picture in memory");
    out
}

/// `jpeg` with an EXIF block as a phone writes it: orientation 6 (held turned right) and a
/// GPS position in Udon Thani carrying [`GPS_MARKER`].
pub fn with_phone_exif(jpeg: &[u8]) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II*\0");
    tiff.extend_from_slice(&8u32.to_le_bytes());
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        let mut e = Vec::new();
        e.extend_from_slice(&tag.to_le_bytes());
        e.extend_from_slice(&kind.to_le_bytes());
        e.extend_from_slice(&count.to_le_bytes());
        e.extend_from_slice(&value.to_le_bytes());
        e
    };
    // IFD0: orientation and the GPS IFD's offset, then no next IFD.
    let gps_ifd = 8 + 2 + 2 * 12 + 4;
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend(entry(0x0112, 3, 1, 6));
    tiff.extend(entry(0x8825, 4, 1, gps_ifd));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    // GPS IFD: latitude reference "N" and longitude reference "E", as inline ASCII.
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0")));
    tiff.extend(entry(0x0003, 2, 2, u32::from_le_bytes(*b"E\0\0\0")));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(GPS_MARKER);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(
        &u16::try_from(app1.len() + 2)
            .unwrap_or(u16::MAX)
            .to_be_bytes(),
    );
    out.extend(app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn drawn_photos_differ_by_seed_and_read_back() {
        let a = super::drawn(1, 320, 240);
        let b = super::drawn(2, 320, 240);
        assert_ne!(a, b);
        let read = image::load_from_memory(&a).unwrap();
        assert_eq!((read.width(), read.height()), (320, 240));
        let phone = super::with_phone_exif(&a);
        assert!(
            phone
                .windows(super::GPS_MARKER.len())
                .any(|w| w == super::GPS_MARKER)
        );
        assert!(image::load_from_memory(&phone).is_ok());
    }
}
