//! Invented artwork for the demo's certificates, drawn here so nothing is copied: a round
//! emblem and handwritten-looking signatures, as PNG.

/// RGBA pixels of `width` × `height` as a PNG.
fn encode(width: u32, height: u32, pixels: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    match encoder.write_header() {
        Ok(mut writer) => {
            if writer.write_image_data(pixels).is_err() {
                return Vec::new();
            }
        }
        Err(_) => return Vec::new(),
    }
    out
}

/// A navy and gold emblem: a ring, a lotus-like star of petals and a centre dot.
pub fn emblem() -> Vec<u8> {
    let size = 240_u32;
    let c = size as f64 / 2.0;
    let mut pixels = vec![0_u8; (size * size * 4) as usize];
    for y in 0..size {
        for x in 0..size {
            let (dx, dy) = (x as f64 - c, y as f64 - c);
            let r = (dx * dx + dy * dy).sqrt();
            let angle = dy.atan2(dx);
            let petal = 62.0 + 30.0 * (8.0 * angle).cos().abs();
            let colour = if (104.0..116.0).contains(&r) {
                Some([31, 58, 104])
            } else if (96.0..100.0).contains(&r) || r < 18.0 {
                Some([176, 141, 60])
            } else if r < petal && r > 24.0 {
                Some(if (8.0 * angle).sin() > 0.0 {
                    [31, 58, 104]
                } else {
                    [58, 92, 150]
                })
            } else {
                None
            };
            if let Some([red, green, blue]) = colour {
                let i = ((y * size + x) * 4) as usize;
                pixels[i..i + 4].copy_from_slice(&[red, green, blue, 255]);
            }
        }
    }
    encode(size, size, &pixels)
}

/// A signature: a pen stroke along a curve that depends on `seed`.
pub fn signature(seed: u32) -> Vec<u8> {
    let (width, height) = (420_u32, 140_u32);
    let mut pixels = vec![0_u8; (width * height * 4) as usize];
    let s = f64::from(seed % 7) + 1.0;
    let steps = 4000;
    for step in 0..steps {
        let t = f64::from(step) / f64::from(steps);
        let x = 20.0 + t * 380.0;
        let y = 70.0
            + 38.0 * (t * 9.0 * s.sqrt()).sin() * (1.0 - t * 0.6)
            + 14.0 * (t * 31.0 + s).cos();
        for oy in -2_i32..=2 {
            for ox in -2_i32..=2 {
                if ox * ox + oy * oy > 5 {
                    continue;
                }
                let (px, py) = (x as i32 + ox, y as i32 + oy);
                if px < 0 || py < 0 || px >= width as i32 || py >= height as i32 {
                    continue;
                }
                let i = ((py as u32 * width + px as u32) * 4) as usize;
                pixels[i..i + 4].copy_from_slice(&[20, 32, 110, 255]);
            }
        }
    }
    encode(width, height, &pixels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_images_are_pngs() {
        for image in [emblem(), signature(1), signature(2)] {
            assert!(image.starts_with(b"\x89PNG\r\n\x1a\n"));
            assert!(image.len() > 500);
        }
        assert_ne!(signature(1), signature(2));
    }
}
