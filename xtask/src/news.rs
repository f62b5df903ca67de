//! `bench news`: a published article with a 20-photo gallery (12-megapixel phone photos, drawn
//! by code, through the photo pipeline), against Debian's nginx serving the same HTML as a
//! static file, in one run; and what a first view of the article transfers against the 20
//! originals.

use crate::{binary, free_port, start_with, temp_dir, wait_healthy, wrk};
use anyhow::{Context, Result, bail};
use sermphalang_documents::photo;
use sermphalang_domain::news::{NewsInput, NewsStatus};
use sermphalang_store::audit::Actor;
use sermphalang_store::news::{galleries, posts};
use sermphalang_store::report::photos::NewPhoto;
use sermphalang_store::{Db, demo};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const PHOTOS: u32 = 20;
const UDON: i64 = 41;

fn size(r: &photo::Rendition) -> sermphalang_store::report::photos::Size<'_> {
    sermphalang_store::report::photos::Size {
        width: r.width,
        height: r.height,
        jpeg: &r.jpeg,
    }
}

/// Makes the gallery and the post; returns the post's id and the originals' bytes.
async fn seed(data: &Path) -> Result<(i64, usize)> {
    let db = Db::open(None, data).await?;
    demo::load(&db, sermphalang_domain::password::hash).await?;
    let actor = Actor::system();
    let mut tx = db.audited(&actor, Some(UDON)).await?;
    let gallery_id = galleries::create(&mut tx, Some(UDON), "ตลาดนัดความดี", "").await?;
    tx.commit_recorded().await?;
    let gallery = galleries::find(&db, Some(UDON), gallery_id).await?;
    let mut originals = 0;
    let mut cover = None;
    for n in 0..PHOTOS {
        let upload = crate::photos::phone_photo(n)?;
        originals += upload.len();
        let made = tokio::task::spawn_blocking(move || photo::process(&upload))
            .await?
            .map_err(|e| anyhow::anyhow!(e.en()))?;
        let caption = format!("บรรยากาศตลาดนัดความดี ภาพที่ {}", n + 1);
        let new = NewPhoto {
            original: size(&made.original),
            display: size(&made.display),
            thumbnail: size(&made.thumbnail),
            caption: &caption,
            consent: true,
        };
        let mut tx = db.audited(&actor, Some(UDON)).await?;
        let id = galleries::upload(&mut tx, &gallery, &new).await?;
        tx.commit_recorded().await?;
        cover.get_or_insert(id);
    }
    let body = "ภาคีเครือข่ายทั้งหกภาคส่วนร่วมจัดตลาดนัดความดี ณ ลานกิจกรรมหนองประจักษ์\n\n\
                ## กิจกรรมในงาน\n\n- ตลาดปลอดเหล้าปลอดบุหรี่\n- จิตอาสาทำความสะอาด\n\n"
        .repeat(3);
    let input = NewsInput {
        title: "ตลาดนัดความดีจังหวัดอุดรธานี".into(),
        summary: "ภาคีเครือข่ายร่วมจัดตลาดนัดความดี".into(),
        body,
        byline: "งานประชาสัมพันธ์".into(),
        tags: vec!["ตลาดนัดความดี".into()],
        status: NewsStatus::Published,
        publish_at: sermphalang_thai::now_in_thailand() - chrono::Duration::hours(1),
        event: None,
        cycle: None,
        entry: None,
        report: None,
        gallery: Some(gallery_id),
        cover,
    };
    let id = posts::create(&db, &actor, Some(UDON), &input).await?;
    db.close().await;
    Ok((id, originals))
}

/// Debian's nginx, installed when missing (the bench machine is the project's own).
fn nginx_binary() -> Result<&'static str> {
    let path = "/usr/sbin/nginx";
    if !Path::new(path).exists() {
        println!("installing Debian's nginx for the comparison");
        let ok = Command::new("apt-get")
            .args(["install", "-y", "-qq", "nginx-light"])
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
            || Command::new("apt-get")
                .args(["install", "-y", "-qq", "nginx"])
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
        if !ok || !Path::new(path).exists() {
            bail!("nginx is not installed and could not be: apt-get install nginx");
        }
    }
    Ok(path)
}

pub(crate) struct Nginx(Child);

impl Drop for Nginx {
    /// SIGTERM, not SIGKILL: a killed master leaves its workers serving.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let _ = self.0.wait();
    }
}

/// nginx serving `dir` on loopback with two workers, as a small production site would.
pub(crate) fn nginx(dir: &Path, port: u16) -> Result<Nginx> {
    let conf = dir.join("nginx.conf");
    std::fs::write(
        &conf,
        format!(
            "worker_processes 2;\npid {dir}/nginx.pid;\nerror_log {dir}/error.log;\n\
             events {{ worker_connections 1024; }}\n\
             http {{ access_log off; server {{ listen 127.0.0.1:{port}; root {dir}; \
             location / {{ default_type text/html; }} }} }}\n",
            dir = dir.display()
        ),
    )?;
    let child = Command::new(nginx_binary()?)
        .args(["-c", &conf.to_string_lossy(), "-g", "daemon off;"])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .context("starting nginx")?;
    for _ in 0..50 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(Nginx(child));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("nginx did not start")
}

/// Every `src="..."` of an `<img>` in the page: what a browser fetches for the first view
/// when every photo is in view (the page's lazy loading only lowers it).
fn image_sources(html: &str) -> Vec<String> {
    html.split("<img ")
        .skip(1)
        .filter_map(|tag| tag.split("src=\"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

pub async fn bench() -> Result<()> {
    let bin = binary()?;
    let data = temp_dir("news");
    println!("== an article with a {PHOTOS}-photo gallery (12-megapixel phone photos)");
    let (id, originals) = seed(&data).await?;
    let port = free_port()?;
    let server = start_with(&bin, "serve", &data, port, None)?;
    wait_healthy(port, Duration::from_secs(60))?;
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let html = client
        .get(format!("{base}/news/{id}"))
        .send()
        .await?
        .error_for_status()?
        .text()
        .await?;
    let mut first_view = html.len();
    let sources = image_sources(&html);
    let assets = ["/static/app.css", "/static/gallery.js"];
    for path in sources.iter().map(String::as_str).chain(assets) {
        let bytes = client
            .get(format!("{base}{path}"))
            .send()
            .await?
            .error_for_status()?
            .bytes()
            .await?;
        first_view += bytes.len();
    }
    println!(
        "first view: {} KB (HTML {} KB, {} images, stylesheet and script) against {} KB of originals: {:.1}% (target <= 25%)",
        first_view / 1024,
        html.len() / 1024,
        sources.len(),
        originals / 1024,
        100.0 * first_view as f64 / originals as f64
    );
    let root = data.join("static-site");
    std::fs::create_dir_all(&root)?;
    std::fs::write(root.join("article.html"), &html)?;
    let nginx_port = free_port()?;
    let _nginx = nginx(&root, nginx_port)?;
    println!("== wrk -t2 -c32 -d10s on loopback (the load generator shares the 2 cores)");
    let ours = wrk(&format!("{base}/news/{id}"), "")?;
    let theirs = wrk(&format!("http://127.0.0.1:{nginx_port}/article.html"), "")?;
    let health = wrk(&format!("{base}/healthz"), "")?;
    for (name, r) in [
        ("the article /news/{id}", &ours),
        ("nginx, the same HTML", &theirs),
        ("/healthz, one database ping", &health),
    ] {
        println!(
            "{name:<26} p50 {:>7.2} ms  p99 {:>7.2} ms  {:>8.0} req/s {}",
            r.p50_ms, r.p99_ms, r.rps, r.errors
        );
    }
    println!(
        "the article serves {:.0}% of nginx's requests a second (target >= 50%); this server's \
         /healthz, which asks the database, {:.0}%",
        100.0 * ours.rps / theirs.rps,
        100.0 * health.rps / theirs.rps
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    Ok(())
}
