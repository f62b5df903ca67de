//! `bench certificates`: 1,000 certificates of one event rendered to PDF in one process, warm,
//! on every core; then LibreOffice converting an equivalent document, for the ratio.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use sermphalang_pdf::certificate::{Artwork, Certificate, CertificateTemplate, Signatory, sample};
use sermphalang_store::demo::artwork::{emblem, signature};
use sermphalang_store::demo::participant_name;

const COUNT: usize = 1000;
const WARM_UP: usize = 20;
const OFFICE_DOCS: usize = 20;

fn certificates() -> Vec<Certificate> {
    let base = sample().1;
    (0..COUNT)
        .map(|i| Certificate {
            name: participant_name(i),
            number: format!("{:04}/2565", i + 1),
            code: format!("BENCH{i:06}XQ7M"),
            verify_url: format!("https://moral.example.go.th/verify/BENCH{i:06}XQ7M"),
            ..base.clone()
        })
        .collect()
}

fn artwork() -> Artwork {
    let (mut artwork, _) = sample();
    // The demo's PNG emblem and signatures, as an office would upload them.
    artwork.logos = vec![emblem(), emblem()];
    for (i, signatory) in artwork.signatories.iter_mut().enumerate() {
        *signatory = Signatory {
            signature: Some(signature(3 + i as u32)),
            ..signatory.clone()
        };
    }
    artwork
}

pub fn bench() -> Result<()> {
    let template = CertificateTemplate::default_template();
    let artwork = artwork();
    let all = certificates();
    for rendered in template.render_all(&artwork, &all[..WARM_UP]) {
        rendered?;
    }

    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = COUNT.div_ceil(threads);
    let started = Instant::now();
    let sizes: Vec<usize> = std::thread::scope(|scope| {
        let handles: Vec<_> = all
            .chunks(chunk)
            .map(|part| {
                let (template, artwork) = (&template, &artwork);
                scope.spawn(move || {
                    template
                        .render_all(artwork, part)
                        .map(|r| r.map(|r| r.pdf.len()))
                        .collect::<Result<Vec<_>, _>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("render thread"))
            .collect::<Result<Vec<_>, _>>()
            .map(|parts| parts.concat())
    })?;
    let elapsed = started.elapsed().as_secs_f64();
    let rate = COUNT as f64 / elapsed;
    let largest = sizes.iter().max().copied().unwrap_or(0);
    let mean = sizes.iter().sum::<usize>() as f64 / sizes.len().max(1) as f64;
    println!("certificates: {COUNT} rendered on {threads} threads in {elapsed:.2} s");
    println!("  rate {rate:.1} per second (target at least 100)");
    println!(
        "  size mean {:.1} KB, largest {:.1} KB (target at most 100 KB)",
        mean / 1024.0,
        largest as f64 / 1024.0
    );

    let dir = std::env::temp_dir().join(format!("sp-bench-office-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let Some(office) = office_rate(&dir, &all[..OFFICE_DOCS])? else {
        println!(
            "LibreOffice: soffice is not installed; install libreoffice-writer-nogui for the ratio"
        );
        return Ok(());
    };
    println!(
        "LibreOffice: {OFFICE_DOCS} equivalent documents in one soffice run: {:.2} s, {:.2} per second",
        office.0, office.1
    );
    println!("  ratio Sermphalang / LibreOffice: {:.0}x", rate / office.1);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Seconds and documents per second for `soffice --headless --convert-to pdf` on flat ODT
/// documents with the certificate's text, page and font; `None` without LibreOffice.
fn office_rate(dir: &Path, certificates: &[Certificate]) -> Result<Option<(f64, f64)>> {
    if Command::new("soffice").arg("--version").output().is_err() {
        return Ok(None);
    }
    let mut files = Vec::new();
    for (i, c) in certificates.iter().enumerate() {
        let path = dir.join(format!("certificate-{i:03}.fodt"));
        std::fs::write(&path, flat_odt(c))?;
        files.push(path);
    }
    let profile = dir.join("profile");
    // The same Sarabun files as the certificates, found through a private fontconfig file.
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/web/assets/fonts");
    let conf = dir.join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            r#"<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{}</dir><cachedir>{}</cachedir></fontconfig>"#,
            fonts.canonicalize()?.display(),
            dir.join("font-cache").display()
        ),
    )?;
    let started = Instant::now();
    let output = Command::new("soffice")
        .env("FONTCONFIG_FILE", &conf)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(&files)
        .output()
        .context("running soffice")?;
    let seconds = started.elapsed().as_secs_f64();
    if !output.status.success() {
        bail!(
            "soffice failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    for file in &files {
        let pdf = file.with_extension("pdf");
        if !pdf.exists() {
            bail!("soffice did not write {}", pdf.display());
        }
    }
    // The comparison only counts if LibreOffice set the same Thai text in the same font.
    let first = files[0].with_extension("pdf");
    if let Ok(out) = Command::new("pdffonts").arg(&first).output() {
        let fonts = String::from_utf8_lossy(&out.stdout);
        if !fonts.contains("Sarabun") {
            bail!("LibreOffice did not use Sarabun:\n{fonts}");
        }
    }
    // Only the name's first word is looked for: LibreOffice's own PDF text puts a tone mark
    // after the following consonant (พึ่ง comes out as พึง่), which is its problem, not the
    // comparison's.
    if let Ok(out) = Command::new("pdftotext").arg(&first).arg("-").output() {
        let text = String::from_utf8_lossy(&out.stdout);
        let word = certificates[0].name.split(' ').next().unwrap_or_default();
        if !text.contains("เกียรติบัตร") || !text.contains(word) {
            bail!("LibreOffice's PDF lacks the certificate text or the name {word:?}");
        }
    }
    Ok(Some((seconds, certificates.len() as f64 / seconds)))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The certificate's text on an A4 landscape page in Sarabun, as a LibreOffice flat ODT.
fn flat_odt(c: &Certificate) -> String {
    let lines = [
        ("Title", "เกียรติบัตร".to_owned()),
        ("Body", escape(&c.issuer)),
        ("Body", "ขอมอบเกียรติบัตรฉบับนี้ไว้เพื่อแสดงว่า".to_owned()),
        ("Name", escape(&c.name)),
        ("Body", format!("ได้ผ่าน{}", escape(&c.event_kind))),
        ("Event", escape(&c.event)),
        (
            "Body",
            format!("เมื่อวันที่ {} ณ {}", c.held_on, escape(&c.venue)),
        ),
        ("Body", format!("ให้ไว้ ณ วันที่ {}", c.issued_on)),
        (
            "Small",
            format!("เลขที่ {}  ตรวจสอบ {}", c.number, escape(&c.verify_url)),
        ),
    ];
    let body: String = lines
        .iter()
        .map(|(style, text)| format!(r#"<text:p text:style-name="{style}">{text}</text:p>"#))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Sarabun" svg:font-family="Sarabun" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
{p_title}{p_body}{p_name}{p_event}{p_small}
</office:styles>
<office:automatic-styles><style:page-layout style:name="Landscape"><style:page-layout-properties fo:page-width="297mm" fo:page-height="210mm" style:print-orientation="landscape" fo:margin="16mm" fo:border="0.8mm solid #1f3a68" fo:padding="6mm"/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="Landscape"/></office:master-styles>
<office:body><office:text>{body}</office:text></office:body>
</office:document>
"#,
        p_title = style("Title", "30pt", "bold"),
        p_body = style("Body", "16pt", "normal"),
        p_name = style("Name", "32pt", "bold"),
        p_event = style("Event", "18pt", "bold"),
        p_small = style("Small", "10pt", "normal"),
    )
}

fn style(name: &str, size: &str, weight: &str) -> String {
    format!(
        r#"<style:style style:name="{name}" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="2mm"/><style:text-properties style:font-name="Sarabun" fo:font-size="{size}" fo:font-weight="{weight}" style:font-name-complex="Sarabun" style:font-size-complex="{size}" style:font-weight-complex="{weight}"/></style:style>"#
    )
}
