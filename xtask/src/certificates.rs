//! `bench certificates`: 1,000 certificates of one event rendered to PDF in one process, warm,
//! on every core; then, in the same run, LibreOffice Writer's mail merge of the same
//! certificates (a template with merge fields and a CSV data source, through UNO), for the
//! ratio in total and per core.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use sermphalang_pdf::certificate::{Artwork, Certificate, CertificateTemplate, Signatory, sample};
use sermphalang_store::demo::artwork::{emblem, signature};
use sermphalang_store::demo::participant_name;

const COUNT: usize = 1000;
const WARM_UP: usize = 20;
/// As many certificates as the issue's own measurement of the mail merge.
const MERGED: usize = 200;
const TARGET_RATIO: f64 = 20.0;
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
    let cpu_before = cpu_seconds()?;
    let started = Instant::now();
    let rendered: Vec<(usize, usize)> = std::thread::scope(|scope| {
        let handles: Vec<_> = all
            .chunks(chunk)
            .map(|part| {
                let (template, artwork) = (&template, &artwork);
                scope.spawn(move || {
                    template
                        .render_all(artwork, part)
                        .into_iter()
                        .map(|r| r.map(|r| (r.pdf.len(), r.pages)))
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
    let cpu = cpu_seconds()? - cpu_before;
    if rendered.iter().any(|&(_, pages)| pages != 1) {
        bail!("a certificate was not exactly one page");
    }
    let rate = COUNT as f64 / elapsed;
    let per_cpu = COUNT as f64 / cpu;
    let largest = rendered.iter().map(|r| r.0).max().unwrap_or(0);
    let mean = rendered.iter().map(|r| r.0).sum::<usize>() as f64 / COUNT as f64;
    println!(
        "certificates: {COUNT} rendered on {threads} threads in {elapsed:.2} s ({cpu:.2} CPU s), each a separate one-page PDF"
    );
    println!("  rate {rate:.1} per second (target at least 100), {per_cpu:.1} per CPU second");
    println!(
        "  size mean {:.1} KB, largest {:.1} KB (target at most 100 KB)",
        mean / 1024.0,
        largest as f64 / 1024.0
    );

    let dir = std::env::temp_dir().join(format!("sp-bench-office-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let merged = mail_merge(&dir, &all[..MERGED], &artwork);
    let _ = std::fs::remove_dir_all(&dir);
    let merged = merged?;
    for m in &merged {
        let (rate_peer, per_cpu_peer) = (m.records / m.seconds, m.records / m.cpu_seconds);
        println!(
            "{}: mail merge of {} certificates to {} ({}): {:.2} s ({:.2} CPU s), {:.1} ms a certificate, {rate_peer:.1} per second",
            m.version,
            m.records,
            if m.separate {
                "one PDF each"
            } else {
                "one PDF"
            },
            m.mode,
            m.seconds,
            m.cpu_seconds,
            1000.0 * m.seconds / m.records,
        );
        let total = rate / rate_peer;
        println!(
            "  ratio Sermphalang / mail merge: {total:.1}x in total (target at least {TARGET_RATIO:.0}x), {:.1}x per core{}",
            per_cpu / per_cpu_peer,
            if total >= TARGET_RATIO {
                ""
            } else {
                "  BELOW TARGET"
            }
        );
    }
    Ok(())
}

/// This process's user and system CPU seconds so far, all threads.
fn cpu_seconds() -> Result<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat")?;
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| -> Result<f64> {
        Ok(fields
            .get(i)
            .context("reading /proc/self/stat")?
            .parse::<f64>()?)
    };
    // utime and stime, in the kernel's 100 ticks a second.
    Ok((ticks(11)? + ticks(12)?) / 100.0)
}

struct Merged {
    records: f64,
    seconds: f64,
    cpu_seconds: f64,
    mode: String,
    separate: bool,
    version: String,
}

/// LibreOffice's mail merge, both ways an office saves it: one PDF per person (what this
/// project makes) and one PDF of all pages (LibreOffice's quicker way).
fn mail_merge(dir: &Path, certificates: &[Certificate], artwork: &Artwork) -> Result<Vec<Merged>> {
    if Command::new("soffice").arg("--version").output().is_err() {
        bail!(
            "LibreOffice is not installed: the bench's peer needs libreoffice-writer-nogui, libreoffice-base-nogui and python3-uno"
        );
    }
    let csv = dir.join("certificates.csv");
    std::fs::write(&csv, csv_of(certificates, artwork))?;
    let emblem = dir.join("emblem.png");
    std::fs::write(&emblem, artwork.logos.first().context("an emblem")?)?;
    let mut signatures = Vec::new();
    for (i, s) in artwork.signatories.iter().enumerate() {
        let path = dir.join(format!("signature-{i}.png"));
        std::fs::write(&path, s.signature.as_deref().context("a signature")?)?;
        signatures.push(path);
    }
    let conf = fonts_conf(dir)?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("office/mail_merge.py");
    let mut merged = Vec::new();
    for single in [false, true] {
        let mode = if single { "single" } else { "separate" };
        let mut command = Command::new("/usr/bin/python3");
        command
            .env("FONTCONFIG_FILE", &conf)
            .arg(&script)
            .arg("--csv")
            .arg(&csv)
            .arg("--out")
            .arg(dir.join(format!("out-{mode}")))
            .arg("--work")
            .arg(dir.join(format!("work-{mode}")))
            .arg("--emblem")
            .arg(&emblem);
        for signature in &signatures {
            command.arg("--signature").arg(signature);
        }
        if single {
            command.arg("--single");
        }
        let output = command.output().context("running the mail merge")?;
        if !output.status.success() {
            bail!(
                "the mail merge failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let answer: serde_json::Value =
            serde_json::from_slice(&output.stdout).context("reading the mail merge's figures")?;
        let number = |key: &str| answer[key].as_f64().unwrap_or(f64::NAN);
        if number("pages") as usize != certificates.len() {
            bail!("the mail merge made {} pages", answer["pages"]);
        }
        merged.push(Merged {
            records: number("records"),
            seconds: number("seconds"),
            cpu_seconds: number("cpu_seconds"),
            mode: format!("{} file(s)", answer["files"]),
            separate: !single,
            version: answer["version"]
                .as_str()
                .unwrap_or("LibreOffice")
                .to_owned(),
        });
    }
    Ok(merged)
}

/// The merge's data source: one row a certificate, every field quoted.
fn csv_of(certificates: &[Certificate], artwork: &Artwork) -> String {
    let quote = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
    let signatory = |i: usize| {
        artwork
            .signatories
            .get(i)
            .map(|s| (s.name.as_str(), s.position.as_str()))
            .unwrap_or_default()
    };
    let mut csv = String::from(
        "name,event,event_kind,held_on,venue,issued_on,issuer,number,code,verify_url,signatory1,position1,signatory2,position2\n",
    );
    for c in certificates {
        let (s1, p1) = signatory(0);
        let (s2, p2) = signatory(1);
        let row = [
            &c.name,
            &c.event,
            &c.event_kind,
            &c.held_on,
            &c.venue,
            &c.issued_on,
            &c.issuer,
            &c.number,
            &c.code,
            &c.verify_url,
        ]
        .map(|field| quote(field))
        .into_iter()
        .chain([s1, p1, s2, p2].map(quote))
        .collect::<Vec<_>>()
        .join(",");
        csv.push_str(&row);
        csv.push('\n');
    }
    csv
}

/// The same Sarabun files as the certificates, found through a private fontconfig file.
fn fonts_conf(dir: &Path) -> Result<std::path::PathBuf> {
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
    Ok(conf)
}
