//! `bench photos`: a 12-megapixel phone photo, drawn by code, to its three stored sizes, on one
//! core; then ten at once, for the memory they take together.

use std::time::Instant;

use anyhow::Result;
use image::codecs::jpeg::JpegEncoder;
use sermphalang_documents::photo;

const WIDTH: u32 = 4000;
const HEIGHT: u32 = 3000;
const ROUNDS: usize = 10;
const AT_ONCE: usize = 10;

/// A photo-like picture: smooth light with fine texture, so it compresses as a camera's does;
/// `seed` varies the texture.
pub(crate) fn phone_photo(seed: u32) -> Result<Vec<u8>> {
    let picture = image::RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let grain = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503 + seed)) >> 27;
        let light = |base: u32, span: u32, at: u32, of: u32| base + span * at / of;
        image::Rgb([
            (light(40, 160, x, WIDTH) + grain) as u8,
            (light(60, 120, y, HEIGHT) + grain) as u8,
            (light(90, 80, x + y, WIDTH + HEIGHT) + grain) as u8,
        ])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90).encode_image(&picture)?;
    Ok(out)
}

fn resident_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

pub fn bench() -> Result<()> {
    let upload = phone_photo(0)?;
    println!(
        "photos: a {WIDTH} × {HEIGHT} JPEG of {:.1} MB, to 2,560 px, 1,280 px and 320 px",
        upload.len() as f64 / 1e6
    );
    photo::process(&upload)?;
    let mut times = Vec::with_capacity(ROUNDS);
    let mut stored = 0;
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let made = photo::process(&upload)?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        stored = made.original.jpeg.len() + made.display.jpeg.len() + made.thumbnail.jpeg.len();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "  one core: median {:.0} ms, slowest {:.0} ms a photo (target at most 400 ms); {:.2} MB stored for the three sizes",
        times[ROUNDS / 2],
        times[ROUNDS - 1],
        stored as f64 / 1e6
    );
    let before = resident_mb();
    std::thread::scope(|scope| {
        for _ in 0..AT_ONCE {
            scope.spawn(|| photo::process(&upload));
        }
    });
    println!(
        "  {AT_ONCE} at once (at most {} processed at a time): peak resident memory {before:.0} MB before, {:.0} MB after, +{:.0} MB (target at most +300 MB)",
        photo::AT_ONCE,
        resident_mb(),
        resident_mb() - before
    );
    Ok(())
}
