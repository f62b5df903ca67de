//! Certificates: exact Thai text out of the PDF, small files, a long name that shrinks, and
//! template errors that point at their line.

mod poppler_support;

use poppler_support::{keep, png_of, poppler_available, run, text_of};
use sermphalang_pdf::certificate::{
    Artwork, Certificate, CertificateTemplate, Signatory, Warning, sample,
};

const HARD_NAMES: [&str; 5] = [
    "นางสาวฤทัย ก๋วยเตี๋ยวน้ำใส",
    "นายฦๅสาย ก็ได้ดี",
    "นางกิ๊บ สิทธิ์เพิ่มทั้งครั้ง",
    "ว่าที่ร้อยตรีเป๋า ฤๅษีน้ำคำ",
    "ด.ญ.ปิ๋ม ฮึกเหิม",
];
const SIXTY: &str = "นางสาวพัชราภรณ์ศรีสุวรรณวิจิตรา ณ อยุธยาเกียรติเกรียงไกรวงศ์";

fn certificate(name: &str) -> Certificate {
    Certificate {
        name: name.into(),
        ..sample().1
    }
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn without_spaces(text: &str) -> String {
    text.split_whitespace().collect()
}

const EMBLEM: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="45" fill="none" stroke="#1f3a68" stroke-width="8"/><circle cx="50" cy="50" r="12" fill="#b08d3c"/></svg>"##;
const SIGNATURE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><path d="M5 30 C 30 0, 60 40, 115 10" stroke="navy" fill="none" stroke-width="3"/></svg>"##;

/// The fullest artwork the forms allow: three logos and three signatories with signatures.
fn full_artwork() -> Artwork {
    let signatory = |name: &str, position: &str| Signatory {
        name: name.into(),
        position: position.into(),
        signature: Some(SIGNATURE.as_bytes().to_vec()),
    };
    Artwork {
        logos: vec![EMBLEM.as_bytes().to_vec(); 3],
        signatories: vec![
            signatory("นายวิทยา ศรีประเสริฐ", "ผู้ว่าราชการจังหวัดอุดรธานี"),
            signatory("นางวรรณภา ศรีสุขใส", "วัฒนธรรมจังหวัดอุดรธานี"),
            signatory("พระครูสิริธรรมโกวิท", "ประธานเครือข่ายภาคศาสนา จังหวัดอุดรธานี"),
        ],
    }
}

#[test]
fn every_name_fits_one_small_page_with_the_fullest_artwork() {
    let template = CertificateTemplate::default_template();
    let long_title = Certificate {
        event: "การประชุมเชิงปฏิบัติการประเมินผลแบบเสริมพลัง จังหวัดคุณธรรม จังหวัดอุดรธานี ครั้งที่ 1 ประจำปีงบประมาณ พ.ศ. 2565 ของภาคีเครือข่ายทั้ง 6 ภาค".into(),
        ..sample().1
    };
    for artwork in [sample().0, full_artwork()] {
        for name in HARD_NAMES.iter().chain([&SIXTY]) {
            let cert = Certificate {
                name: (*name).into(),
                ..long_title.clone()
            };
            let rendered = template.render(&artwork, &cert).unwrap();
            assert!(rendered.pdf.starts_with(b"%PDF-"));
            assert_eq!(rendered.pages, 1, "{name} overflowed");
            assert!(
                !rendered
                    .warnings
                    .iter()
                    .any(|w| matches!(w, Warning::Pages { .. }))
            );
            let size = rendered.pdf.len();
            assert!(size <= 100 * 1024, "{name}: {size} bytes");
        }
    }
    let pdf = template
        .render(&full_artwork(), &certificate(SIXTY))
        .unwrap()
        .pdf;
    if poppler_available() {
        let pdf = keep("certificate-full-artwork.pdf", &pdf);
        png_of(&pdf, 1, "certificate-full-artwork", 110);
    }
}

#[test]
fn an_overflowing_template_is_a_warning() {
    let template = CertificateTemplate::new("#name\n#pagebreak()\n#event\n").unwrap();
    let rendered = template.render(&sample().0, &sample().1).unwrap();
    assert_eq!(rendered.pages, 2);
    assert!(rendered.warnings.contains(&Warning::Pages { count: 2 }));
}

#[test]
fn poppler_reads_names_and_title_exactly() {
    if !poppler_available() {
        return;
    }
    let template = CertificateTemplate::default_template();
    let (artwork, _) = sample();
    for (i, name) in HARD_NAMES.iter().enumerate() {
        let cert = certificate(name);
        let pdf = keep(
            &format!("certificate-{i}.pdf"),
            &template.render(&artwork, &cert).unwrap().pdf,
        );
        let text = text_of(&pdf);
        assert!(
            text.lines().any(|line| squeeze(line).contains(name)),
            "{name:?} is not on one line, exactly, in:\n{text}"
        );
        assert!(
            without_spaces(&text).contains(&without_spaces(&cert.event)),
            "the event title is not exact in:\n{text}"
        );
        for expected in ["เลขที่ 0001/2565", "SAMPLE-0000-0000", "18 กุมภาพันธ์ 2565"]
        {
            assert!(
                text.contains(expected),
                "{expected:?} missing from:\n{text}"
            );
        }
    }
    // Kept for a person to look at.
    let pdf = keep(
        "certificate-sample.pdf",
        &template.render(&artwork, &sample().1).unwrap().pdf,
    );
    png_of(&pdf, 1, "certificate-sample", 110);
}

/// Word boxes as poppler's `-bbox` reports them: (xMin, yMin, xMax, yMax, word).
fn words(pdf: &str) -> Vec<(f64, f64, f64, f64, String)> {
    let html = run("pdftotext", &["-bbox", pdf, "-"]);
    html.lines()
        .filter_map(|line| {
            let line = line.trim().strip_prefix("<word ")?;
            let number = |key: &str| -> Option<f64> {
                let rest = line.split(&format!("{key}=\"")).nth(1)?;
                rest.split('"').next()?.parse().ok()
            };
            let word = line.split('>').nth(1)?.split('<').next()?.to_owned();
            Some((
                number("xMin")?,
                number("yMin")?,
                number("xMax")?,
                number("yMax")?,
                word,
            ))
        })
        .collect()
}

#[test]
fn a_sixty_character_name_shrinks_onto_one_line() {
    if !poppler_available() {
        return;
    }
    assert_eq!(SIXTY.chars().count(), 60);
    let template = CertificateTemplate::default_template();
    let (artwork, _) = sample();
    let short = keep(
        "certificate-short-name.pdf",
        &template
            .render(&artwork, &certificate("นายเอก ดี"))
            .unwrap()
            .pdf,
    );
    let long = keep(
        "certificate-long-name.pdf",
        &template.render(&artwork, &certificate(SIXTY)).unwrap().pdf,
    );
    png_of(&long, 1, "certificate-long-name", 110);

    let height = |pdf: &str, first_word: &str| {
        let boxes = words(pdf);
        let name: Vec<_> = SIXTY
            .split(' ')
            .chain(["นายเอก", "ดี"])
            .filter_map(|w| boxes.iter().find(|b| b.4 == w))
            .collect();
        let first = boxes.iter().find(|b| b.4 == first_word).unwrap();
        (
            first.3 - first.1,
            name.into_iter().cloned().collect::<Vec<_>>(),
        )
    };
    let (short_height, _) = height(&short, "นายเอก");
    let (long_height, parts) = height(&long, SIXTY.split(' ').next().unwrap());
    assert_eq!(parts.len(), 3, "the long name's three words: {parts:?}");
    // A4 landscape is 842 pt wide; the inner frame leaves 16 mm (45 pt) on either side.
    for part in &parts {
        assert!(
            part.0 >= 45.0 && part.2 <= 842.0 - 45.0,
            "outside the frame: {part:?}"
        );
        assert!(
            (part.1 - parts[0].1).abs() < 1.0,
            "not on one line: {parts:?}"
        );
    }
    assert!(
        long_height < short_height * 0.9,
        "the long name did not shrink: {long_height} vs {short_height}"
    );
}

#[test]
fn template_errors_name_their_line() {
    let (artwork, cert) = sample();
    let unknown = CertificateTemplate::new("= ทดสอบ\n\n#nme\n").unwrap();
    let err = unknown.render(&artwork, &cert).unwrap_err();
    assert_eq!(err.line, Some(3), "{err}");
    assert!(err.message.contains("unknown variable"), "{err}");
    assert!(err.to_string().starts_with("line 3: "), "{err}");

    let unclosed = CertificateTemplate::new("#name\n#text(size: 12pt)[\nยังไม่ปิด\n").unwrap();
    let err = unclosed.render(&artwork, &cert).unwrap_err();
    assert!(
        err.line.is_some_and(|line| (2..=4).contains(&line)),
        "{err}"
    );

    let panics = CertificateTemplate::new("#name\n#panic(\"หยุด\")\n").unwrap();
    let err = panics.render(&artwork, &cert).unwrap_err();
    assert_eq!(err.line, Some(2), "{err}");

    // A wrong call into a helper is reported at the template's call, not inside the prelude.
    let helper = CertificateTemplate::new("#name\n\n#fit(1, 2, 3)\n").unwrap();
    let err = helper.render(&artwork, &cert).unwrap_err();
    assert_eq!(err.line, Some(3), "{err}");

    // A template sees no files but its own and the prelude, and no packages.
    for outside in [
        "#read(\"/etc/passwd\")",
        "#image(\"/etc/hostname\")",
        "#import \"@preview/cetz:0.3.0\": *",
    ] {
        let template = CertificateTemplate::new(outside).unwrap();
        assert!(template.render(&artwork, &cert).is_err(), "{outside}");
    }

    let huge = "x".repeat(sermphalang_pdf::certificate::MAX_TEMPLATE_BYTES + 1);
    assert!(CertificateTemplate::new(&huge).is_err());
}

#[test]
fn data_is_never_markup() {
    if !poppler_available() {
        return;
    }
    let template = CertificateTemplate::default_template();
    let name = "#panic(\"x\") *หนา* $x$ <a> @b";
    let rendered = template.render(&sample().0, &certificate(name)).unwrap();
    let text = text_of(&keep("certificate-markup.pdf", &rendered.pdf));
    assert!(squeeze(&text).contains(name), "{text}");
}

#[test]
fn a_missing_signature_is_a_warning_and_an_image_is_used() {
    let template = CertificateTemplate::default_template();
    let (mut artwork, cert) = sample();
    let warnings = template.render(&artwork, &cert).unwrap().warnings;
    assert_eq!(
        warnings,
        vec![
            Warning::MissingSignature {
                signatory: "นายสมศักดิ์ ใจดี".into()
            },
            Warning::MissingSignature {
                signatory: "นางกิ๊บ ฤทธิ์เดช".into()
            },
        ]
    );
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><path d="M5 30 C 30 0, 60 40, 115 10" stroke="navy" fill="none" stroke-width="3"/></svg>"#;
    artwork.signatories = vec![Signatory {
        name: "นายสมศักดิ์ ใจดี".into(),
        position: "ผู้ว่าราชการจังหวัดอุดรธานี".into(),
        signature: Some(svg.as_bytes().to_vec()),
    }];
    artwork.logos = vec![svg.as_bytes().to_vec()];
    let rendered = template.render(&artwork, &cert).unwrap();
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    keep("certificate-signed.pdf", &rendered.pdf);
}

#[test]
fn a_broken_image_is_an_error_not_a_crash() {
    let template = CertificateTemplate::default_template();
    let artwork = Artwork {
        logos: vec![b"not an image".to_vec()],
        ..Artwork::default()
    };
    let err = template.render(&artwork, &sample().1).unwrap_err();
    assert!(!err.message.is_empty());
}

/// Widths of the lines of `title` on the certificate, top to bottom, from poppler's boxes.
fn title_lines(pdf: &str, title: &str) -> Vec<f64> {
    let mut lines: Vec<(i64, f64, f64)> = Vec::new();
    let boxes = words(pdf);
    // The title sits between "ได้ผ่าน…" and "เมื่อวันที่".
    let above = boxes.iter().find(|b| b.4.starts_with("ได้ผ่าน")).unwrap().3;
    let below = boxes.iter().find(|b| b.4.starts_with("เมื่อวันที่")).unwrap().1;
    for (x0, y0, x1, y1, word) in boxes {
        if y0 < above || y1 > below || !title.contains(word.as_str()) {
            continue;
        }
        // By the bottom of the box: Thai upper marks raise the top of some words.
        let y = y1.round() as i64;
        match lines.iter_mut().find(|l| (l.0 - y).abs() <= 4) {
            Some(l) => {
                l.1 = l.1.min(x0);
                l.2 = l.2.max(x1);
            }
            None => lines.push((y, x0, x1)),
        }
    }
    lines.sort_by_key(|l| l.0);
    lines.iter().map(|l| l.2 - l.1).collect()
}

#[test]
fn a_long_event_title_breaks_into_balanced_lines_inside_the_frame() {
    if !poppler_available() {
        return;
    }
    let template = CertificateTemplate::default_template();
    let (artwork, _) = sample();
    let titles = [
        "การประชุมเชิงปฏิบัติการประเมินผลแบบเสริมพลัง จังหวัดคุณธรรม จังหวัดอุดรธานี ครั้งที่ 1",
        "การประชุมเชิงปฏิบัติการประเมินผลแบบเสริมพลัง จังหวัดคุณธรรม จังหวัดอุดรธานี ครั้งที่ 1 ประจำปี",
        "โครงการส่งเสริมคุณธรรมจริยธรรมในสถานศึกษาและชุมชน ขับเคลื่อนจังหวัดคุณธรรม ประจำปีงบประมาณ พ.ศ. 2567 รุ่นที่ 2",
    ];
    for (i, title) in titles.iter().enumerate() {
        let cert = Certificate {
            event: (*title).into(),
            ..sample().1
        };
        let pdf = keep(
            &format!("certificate-title-{i}.pdf"),
            &template.render(&artwork, &cert).unwrap().pdf,
        );
        let lines = title_lines(&pdf, title);
        assert!(
            lines.len() >= 2,
            "title {i} should take two lines or more: {lines:?}"
        );
        let widest = lines.iter().cloned().fold(0.0, f64::max);
        let last = *lines.last().unwrap();
        // A4 landscape is 842 pt; the title keeps well inside the frame.
        assert!(
            widest <= 842.0 * 0.8,
            "title {i} runs edge to edge: {lines:?}"
        );
        assert!(
            last >= widest * 0.5,
            "title {i} leaves a short last line (a widow): {lines:?}"
        );
        png_of(&pdf, 1, &format!("certificate-title-{i}"), 80);
    }
}

/// Certificates rendered together are written as one PDF and cut apart: each file must still
/// be its own person's single page, read back exactly, with a QR code that opens its address.
#[test]
fn a_batch_gives_everyone_an_exact_one_page_pdf_of_their_own() {
    let template = CertificateTemplate::default_template();
    let artwork = full_artwork();
    // More than one batch of 50, so the second batch is cut apart too.
    let people: Vec<Certificate> = (0..55)
        .map(|i| Certificate {
            name: HARD_NAMES[i % HARD_NAMES.len()].into(),
            number: format!("{:04}/2565", i + 1),
            code: format!("BATCH-{i:04}"),
            verify_url: format!("https://example.org/verify/BATCH-{i:04}"),
            ..sample().1
        })
        .collect();
    let rendered = template.render_all(&artwork, &people);
    assert_eq!(rendered.len(), people.len());
    for (i, r) in rendered.iter().enumerate() {
        let r = r.as_ref().unwrap();
        assert!(r.pdf.starts_with(b"%PDF-"), "certificate {i}");
        assert_eq!(r.pages, 1, "certificate {i}");
        assert!(
            r.pdf.len() <= 100 * 1024,
            "certificate {i}: {} bytes",
            r.pdf.len()
        );
    }
    if !poppler_available() {
        return;
    }
    for i in [0, 1, 49, 50, 54] {
        let person = &people[i];
        let pdf = keep(
            &format!("certificate-batch-{i}.pdf"),
            &rendered[i].as_ref().unwrap().pdf,
        );
        let info = run("pdfinfo", &[&pdf]);
        assert!(info.contains("Pages:           1"), "{info}");
        assert!(
            info.contains(&format!("Title:           เกียรติบัตร {}", person.name)),
            "{info}"
        );
        let text = text_of(&pdf);
        assert!(
            text.lines()
                .any(|line| squeeze(line).contains(&person.name)),
            "{:?} is not on one line, exactly, in:\n{text}",
            person.name
        );
        assert!(text.contains(&format!("เลขที่ {}", person.number)), "{text}");
        assert!(text.contains(&person.code), "{text}");
        let other = &people[(i + 1) % people.len()];
        assert!(!text.contains(&other.code), "{text}");

        let alone = keep(
            &format!("certificate-alone-{i}.pdf"),
            &template.render(&artwork, person).unwrap().pdf,
        );
        assert_eq!(
            text,
            text_of(&alone),
            "certificate {i} differs from its own rendering"
        );

        let png = png_of(&pdf, 1, &format!("certificate-batch-{i}"), 150);
        assert_eq!(qr_text(&png).as_deref(), Some(person.verify_url.as_str()));
    }
}

fn qr_text(png: &std::path::Path) -> Option<String> {
    let image = image::open(png).unwrap().to_luma8();
    rqrr::PreparedImage::prepare(image)
        .detect_grids()
        .into_iter()
        .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}
