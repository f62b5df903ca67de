//! Thai marks on a certificate: every glyph of the name sits where HarfBuzz places it, and
//! `pdftotext` gives the name back exactly. mupdf reads the glyph positions out of the PDF.

mod poppler_support;

use poppler_support::{keep, png_of, poppler_available, run, text_of, tools_available};
use sermphalang_pdf::certificate::{Certificate, CertificateTemplate, sample};

/// Marks over tall consonants (ปิ่, ฝั่, ฟ้), stacked marks (ทั้, เพิ่, ตี๋) and sara am (น้ำ).
const NAME: &str = "นางสาวปิ่นฟ้า ฝั่งทั้งเพิ่มพูน";
const TITLE: &str = "การประชุมเชิงปฏิบัติการ ครั้งที่ 1 ก๋วยเตี๋ยวน้ำใสที่ฝั่งโขง";
const BOLD_FONT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../web/assets/fonts/Sarabun_700Bold.ttf"
);
/// One font unit (a thousandth of an em): Debian's HarfBuzz 6 and the typesetter's shaper
/// (rustybuzz, a port of a later HarfBuzz) place ิ over ป one unit apart. A mark placed by the
/// font's defaults instead is 140 to 200 units off.
const TOLERANCE_UNITS: f64 = 1.01;

#[derive(Debug, Clone)]
struct Placed {
    glyph: String,
    x: f64,
    y: f64,
}

#[test]
fn marks_sit_where_harfbuzz_puts_them_and_the_name_reads_back() {
    let tools = ["mutool", "hb-shape"];
    if !poppler_available() || !tools_available(&tools, "mupdf-tools and libharfbuzz-bin") {
        return;
    }
    let certificate = Certificate {
        name: NAME.into(),
        event: TITLE.into(),
        ..sample().1
    };
    let rendered = CertificateTemplate::default_template()
        .render(&sample().0, &certificate)
        .unwrap();
    let pdf = keep("certificate-marks.pdf", &rendered.pdf);
    png_of(&pdf, 1, "certificate-marks", 110);

    let text = text_of(&pdf);
    assert!(text.contains(NAME), "{NAME:?} is not exact in:\n{text}");
    assert!(text.contains(TITLE), "{TITLE:?} is not exact in:\n{text}");

    let shaped = harfbuzz(NAME);
    let (size, printed) = printed_run(&pdf, &shaped);
    let origin = (printed[0].x, printed[0].y);
    let expected = sorted(shaped.iter().map(|g| Placed {
        glyph: g.glyph.clone(),
        x: origin.0 + g.x * size / 1000.0,
        y: origin.1 - g.y * size / 1000.0,
    }));
    for (want, got) in expected.iter().zip(sorted(printed.into_iter())) {
        assert_eq!(want.glyph, got.glyph);
        let off = ((want.x - got.x).powi(2) + (want.y - got.y).powi(2)).sqrt();
        assert!(
            off < TOLERANCE_UNITS * size / 1000.0,
            "{} is {off:.2} pt from where HarfBuzz puts it: {want:?} vs {got:?}",
            want.glyph
        );
    }
}

/// HarfBuzz's shaping of `text` in Sarabun Bold, in thousandths of an em, y up.
fn harfbuzz(text: &str) -> Vec<Placed> {
    let json = run(
        "hb-shape",
        &[
            "--output-format=json",
            "--font-size=1000",
            "--language=th",
            "--script=thai",
            BOLD_FONT,
            text,
        ],
    );
    let glyphs: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let mut pen = 0.0;
    glyphs
        .iter()
        .map(|g| {
            let number = |key: &str| g[key].as_f64().unwrap();
            let placed = Placed {
                glyph: g["g"].as_str().unwrap().to_owned(),
                x: pen + number("dx"),
                y: number("dy"),
            };
            pen += number("ax");
            placed
        })
        .collect()
}

/// The run of bold glyphs in the PDF made of the same glyphs as `shaped` (marks may come in
/// another order within a cluster), with its font size, on the page in points, y down.
fn printed_run(pdf: &str, shaped: &[Placed]) -> (f64, Vec<Placed>) {
    let glyphs = traced_bold_glyphs(pdf);
    let want = names(shaped.iter());
    let found = glyphs.windows(shaped.len()).find(|window| {
        window.iter().all(|(size, _)| *size == window[0].0)
            && names(window.iter().map(|(_, g)| g)) == want
    });
    let window = found.unwrap_or_else(|| panic!("no run of {want:?} in the PDF"));
    (window[0].0, window.iter().map(|(_, g)| g.clone()).collect())
}

fn names<'a>(glyphs: impl Iterator<Item = &'a Placed>) -> Vec<String> {
    let mut names: Vec<String> = glyphs.map(|g| g.glyph.clone()).collect();
    names.sort();
    names
}

fn sorted(glyphs: impl Iterator<Item = Placed>) -> Vec<Placed> {
    let mut glyphs: Vec<Placed> = glyphs.collect();
    glyphs.sort_by(|a, b| a.glyph.cmp(&b.glyph).then(a.x.total_cmp(&b.x)));
    glyphs
}

/// Every glyph mupdf draws in a bold face, with the size of its run, in drawing order.
fn traced_bold_glyphs(pdf: &str) -> Vec<(f64, Placed)> {
    let trace = run("mutool", &["trace", pdf]);
    let mut transform = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let (mut size, mut bold) = (0.0, false);
    let mut glyphs = Vec::new();
    for line in trace.lines().map(str::trim) {
        if line.starts_with("<fill_text") {
            transform = numbers(attribute(line, "transform").unwrap());
        } else if line.starts_with("<span") {
            bold = attribute(line, "font").is_some_and(|f| f.ends_with("-Bold"));
            size = numbers::<4>(attribute(line, "trm").unwrap())[0];
        } else if line.starts_with("<g ")
            && bold
            && let Some(glyph) = attribute(line, "glyph")
        {
            let x: f64 = attribute(line, "x").unwrap().parse().unwrap();
            let y: f64 = attribute(line, "y").unwrap().parse().unwrap();
            let [a, b, c, d, e, f] = transform;
            glyphs.push((
                size,
                Placed {
                    glyph: glyph.to_owned(),
                    x: a * x + c * y + e,
                    y: b * x + d * y + f,
                },
            ));
        }
    }
    glyphs
}

fn attribute<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let start = line.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + line[start..].find('"')?;
    Some(&line[start..end])
}

fn numbers<const N: usize>(text: &str) -> [f64; N] {
    let parsed: Vec<f64> = text
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    parsed.try_into().unwrap()
}
