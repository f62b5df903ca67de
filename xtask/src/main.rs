//! Project tasks. `cargo run --release -p xtask -- bench registry` measures the foundation's
//! figures on this machine: start-up to the first /healthz, the organization list with 20,000
//! organizations against /healthz under `wrk -c 32` in the same run, and resident memory.

use anyhow::{Context, Result, bail};
use sermphalang_domain::registry::{OrgInput, OrgKind, Sector};
use sermphalang_store::audit::Actor;
use sermphalang_store::registry::org;
use sermphalang_store::{Db, demo, sessions, users};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod assessment;
mod certificates;
mod dashboard;
mod nation;
mod news;
mod photos;
mod plan;
mod public;
mod search;
mod workshop;

const ORGANIZATIONS: usize = 20_000;

/// The server's allocator, so that what runs here in-process (certificates, store benches)
/// is measured as the server would run it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["bench", "registry"] | ["bench"] => bench_registry().await,
        ["bench", "workshop", rest @ ..] => {
            let backend = if rest.contains(&"--postgres") {
                workshop::Backend::Postgres
            } else {
                workshop::Backend::Sqlite
            };
            let phones = match rest.iter().position(|a| *a == "--phones") {
                Some(i) => rest
                    .get(i + 1)
                    .and_then(|n| n.parse().ok())
                    .context("--phones takes a number")?,
                None => workshop::PHONES,
            };
            workshop::bench(backend, phones).await
        }
        ["bench", "certificates"] => certificates::bench(),
        ["bench", "photos"] => photos::bench(),
        ["bench", "plan", rest @ ..] => {
            plan::bench(if rest.contains(&"--postgres") {
                workshop::Backend::Postgres
            } else {
                workshop::Backend::Sqlite
            })
            .await
        }
        ["bench", "dashboard", rest @ ..] => {
            dashboard::bench(if rest.contains(&"--postgres") {
                workshop::Backend::Postgres
            } else {
                workshop::Backend::Sqlite
            })
            .await
        }
        ["bench", "news"] => news::bench().await,
        ["bench", "public"] => public::bench().await,
        ["bench", "assessment", rest @ ..] => {
            assessment::bench(if rest.contains(&"--postgres") {
                workshop::Backend::Postgres
            } else {
                workshop::Backend::Sqlite
            })
            .await
        }
        ["bench", "search", rest @ ..] => {
            search::bench(if rest.contains(&"--postgres") {
                workshop::Backend::Postgres
            } else {
                workshop::Backend::Sqlite
            })
            .await
        }
        ["profile-list", dir] => profile_list(Path::new(dir)).await,
        _ => bail!(
            "usage: cargo run --release -p xtask -- bench registry | bench workshop [--postgres] [--phones N] | bench certificates | bench photos | bench plan [--postgres] | bench dashboard [--postgres] | bench news | bench public | bench search [--postgres] | bench assessment [--postgres]"
        ),
    }
}

fn binary() -> Result<PathBuf> {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "-p", "sermphalang"])
        .status()?;
    if !status.success() {
        bail!("building the release binary failed");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .context("workspace root")?;
    Ok(root.join("target/release/sermphalang"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sp-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(bin: &Path, command: &str, data: &Path, port: u16) -> Result<Server> {
    start_with(bin, command, data, port, None)
}

fn start_with(
    bin: &Path,
    command: &str,
    data: &Path,
    port: u16,
    database_url: Option<&str>,
) -> Result<Server> {
    let mut cmd = Command::new(bin);
    if let Some(url) = database_url {
        cmd.env("DATABASE_URL", url);
    }
    let child = cmd
        .args([command, "--data"])
        .arg(data)
        .args(["--addr", &format!("127.0.0.1:{port}")])
        .env("SERMPHALANG_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    Ok(Server(child))
}

fn answers_200(port: u16, path: &str) -> bool {
    use std::io::{Read, Write};
    let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
    let req = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut buf = [0u8; 32];
    matches!(s.read(&mut buf), Ok(n) if n > 12 && buf.starts_with(b"HTTP/1.1 200"))
}

fn wait_healthy(port: u16, limit: Duration) -> Result<Duration> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if answers_200(port, "/healthz") {
            return Ok(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    bail!("no 200 on /healthz within {limit:?}")
}

/// Waits until `demo` has written all its data (`/readyz`): a second process that writes
/// while the demo still loads would queue behind its writes.
fn wait_ready(port: u16, limit: Duration) -> Result<Duration> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if answers_200(port, "/readyz") {
            return Ok(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("no 200 on /readyz within {limit:?}: the demo did not finish loading")
}

fn rss_mb(pid: u32) -> Result<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .context("VmRSS")?;
    Ok(kb / 1024.0)
}

struct WrkResult {
    p50_ms: f64,
    p99_ms: f64,
    rps: f64,
    errors: String,
}

fn wrk(url: &str, cookie: &str) -> Result<WrkResult> {
    // An anonymous reader sends no session cookie at all.
    if cookie.is_empty() {
        wrk_with(url, &[])
    } else {
        wrk_with(url, &[format!("Cookie: sp_session={cookie}")])
    }
}

/// `wrk` sending `headers` with every request.
fn wrk_with(url: &str, headers: &[String]) -> Result<WrkResult> {
    let mut command = Command::new("wrk");
    command.args(["-t2", "-c32", "-d10s", "--latency"]);
    for h in headers {
        command.arg("-H").arg(h);
    }
    let out = command
        .arg(url)
        .output()
        .context("wrk is not installed: apt-get install wrk")?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let ms = |label: &str| -> Result<f64> {
        let v = text
            .lines()
            .find_map(|l| l.trim().strip_prefix(label).map(|r| r.trim().to_string()))
            .with_context(|| format!("no {label} in wrk output:\n{text}"))?;
        let (num, unit) = v.split_at(v.find(|c: char| c.is_alphabetic()).unwrap_or(v.len()));
        let n: f64 = num.parse()?;
        Ok(match unit {
            "us" => n / 1000.0,
            "ms" => n,
            "s" => n * 1000.0,
            _ => n,
        })
    };
    let rps = text
        .lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .with_context(|| format!("no Requests/sec in wrk output:\n{text}"))?;
    let errors = text
        .lines()
        .filter(|l| l.contains("Non-2xx") || l.contains("Socket errors"))
        .collect::<Vec<_>>()
        .join("; ");
    Ok(WrkResult {
        p50_ms: ms("50%")?,
        p99_ms: ms("99%")?,
        rps,
        errors,
    })
}

/// Half of the organizations (every even one) are in the education network, some of them in a
/// second network too: 10,000 of 20,000 and the demo's, so its last page is page 200 or 201.
fn sectors_of(i: usize) -> Vec<Sector> {
    let other = Sector::ALL[(i / 2) % Sector::ALL.len()];
    if i.is_multiple_of(2) {
        let mut both = vec![Sector::Education, other];
        both.dedup();
        both
    } else if other == Sector::Education {
        vec![Sector::Religion]
    } else {
        vec![other]
    }
}

/// The demo secretariat's session, and how many organizations the education network has.
async fn seed_organizations(data: &Path) -> Result<(String, i64)> {
    let db = Db::open(None, data).await?;
    demo::load(&db, sermphalang_domain::password::hash).await?;
    let districts: Vec<i64> = (4101..=4111).chain(4117..=4125).collect();
    let words = [
        "ชุมชน",
        "โรงเรียน",
        "วัด",
        "เทศบาล",
        "ชมรม",
        "สมาคม",
        "ไร่",
        "แม่บ้าน",
        "ใจดี",
        "บ้าน",
    ];
    let actor = Actor::system();
    let mut tx = db.audited(&actor, Some(demo::UDON_THANI)).await?;
    for i in 0..ORGANIZATIONS {
        let input = OrgInput {
            name: format!(
                "{}{}ทดสอบ {i:05}",
                words[i % words.len()],
                words[(i / 10) % words.len()]
            ),
            kind: OrgKind::ALL[i % OrgKind::ALL.len()],
            sectors: sectors_of(i),
            district: districts[i % districts.len()],
            phone: format!("042-{:03}-{:03}", i / 1000, i % 1000),
            email: String::new(),
            address: String::new(),
        };
        org::insert(&mut tx, demo::UDON_THANI, &input).await?;
    }
    tx.commit_recorded().await?;
    let (account, _) = users::find_for_login(&db, "secretariat@demo.example")
        .await?
        .context("demo secretariat")?;
    let token = sessions::create(&db, account.id).await?;
    let education = org::OrgFilter {
        sector: Some(Sector::Education),
        ..Default::default()
    };
    let total = org::list(
        &db,
        demo::UDON_THANI,
        &education,
        sermphalang_store::PageRequest::new(None),
    )
    .await?
    .total;
    db.close().await;
    Ok((token, total))
}

async fn bench_registry() -> Result<()> {
    let bin = binary()?;
    println!(
        "== start-up: `sermphalang demo` on an empty data folder to the first 200 on /healthz"
    );
    let mut startups = Vec::new();
    for round in 0..5 {
        let data = temp_dir(&format!("start{round}"));
        let port = free_port()?;
        let started = Instant::now();
        let server = start(&bin, "demo", &data, port)?;
        wait_healthy(port, Duration::from_secs(10))?;
        startups.push(started.elapsed());
        drop(server);
        let _ = std::fs::remove_dir_all(&data);
    }
    startups.sort();
    println!(
        "start-up: median {:.0} ms, min {:.0} ms, max {:.0} ms (target < 1000 ms)",
        startups[2].as_secs_f64() * 1000.0,
        startups[0].as_secs_f64() * 1000.0,
        startups[4].as_secs_f64() * 1000.0
    );

    println!(
        "== organization list with {ORGANIZATIONS} organizations, wrk -t2 -c32 -d10s on loopback"
    );
    let data = temp_dir("list");
    let seeding = Instant::now();
    let (cookie, education) = seed_organizations(&data).await?;
    let last_page = (education + 49) / 50;
    let last = format!("/p/41/orgs?page={last_page}&network=education");
    println!("seeded in {:.1} s", seeding.elapsed().as_secs_f64());
    let port = free_port()?;
    let server = start(&bin, "serve", &data, port)?;
    wait_healthy(port, Duration::from_secs(10))?;
    std::thread::sleep(Duration::from_secs(2));
    let idle = rss_mb(server.0.id())?;
    let base = format!("http://127.0.0.1:{port}");
    // The first read of each list finds nothing kept: it counts, places the page anchors
    // and reads the rows. Later reads reuse them until a write or three seconds.
    let http = reqwest::Client::new();
    let mut cold = Vec::new();
    for path in [
        "/p/41/orgs".to_string(),
        last.clone(),
        "/p/41/orgs?district=4101&page=3".to_string(),
    ] {
        let started = Instant::now();
        http.get(format!("{base}{path}"))
            .header("Cookie", format!("sp_session={cookie}"))
            .send()
            .await?
            .error_for_status()?
            .bytes()
            .await?;
        cold.push((path, started.elapsed().as_secs_f64() * 1000.0));
    }
    let page = http
        .get(format!("{base}{last}"))
        .header("Cookie", format!("sp_session={cookie}"))
        .send()
        .await?
        .text()
        .await?;
    let range = format!("{}–{education}", (last_page - 1) * 50 + 1);
    if !page.contains(&range) || !page.contains(&format!("{last_page} / {last_page}")) {
        bail!("{last} does not show {range}, the last page of {education}");
    }
    let health = wrk(&format!("{base}/healthz"), &cookie)?;
    let list = wrk(&format!("{base}/p/41/orgs"), &cookie)?;
    let last_page_load = wrk(&format!("{base}{last}"), &cookie)?;
    let district = wrk(&format!("{base}/p/41/orgs?district=4101&page=3"), &cookie)?;
    let after = rss_mb(server.0.id())?;
    for (name, r) in [
        ("/healthz", &health),
        ("/p/41/orgs", &list),
        (last.as_str(), &last_page_load),
        ("/p/41/orgs?district=4101&page=3", &district),
    ] {
        println!(
            "{name:<42} p50 {:>7.2} ms  p99 {:>7.2} ms  {:>9.0} req/s {}",
            r.p50_ms, r.p99_ms, r.rps, r.errors
        );
    }
    println!(
        "organization list: p50 {:.2} ms (target < 20 ms); {:.2} of /healthz's requests per second (target >= 0.5)",
        list.p50_ms,
        list.rps / health.rps
    );
    for (path, ms) in &cold {
        println!("first read, nothing kept yet: {ms:.1} ms  {path}");
    }
    for (name, r) in [
        ("first page", &list),
        ("the last page of network=education", &last_page_load),
        ("page 3 of one district", &district),
    ] {
        println!(
            "signed-in list, {name}: p99 {:.2} ms (target <= 15 ms){}",
            r.p99_ms,
            if r.p99_ms <= 15.0 { "" } else { "  MISSED" }
        );
    }
    println!(
        "resident memory: {idle:.1} MB idle after start (target < 64 MB), {after:.1} MB after the load"
    );
    drop(server);
    if std::env::var_os("BENCH_KEEP").is_some() {
        println!("kept {} (session cookie {cookie})", data.display());
    } else {
        let _ = std::fs::remove_dir_all(&data);
    }
    Ok(())
}

/// Times the store call behind one organization list page against a trivial query, on an
/// existing data folder (keep one with `BENCH_KEEP=1`).
async fn profile_list(data: &Path) -> Result<()> {
    let db = Db::open(None, data).await?;
    let filter = org::OrgFilter::default();
    for (name, rounds) in [("warm-up", 50), ("org::list", 500)] {
        let started = Instant::now();
        for _ in 0..rounds {
            org::list(&db, 41, &filter, sermphalang_store::PageRequest::new(None)).await?;
        }
        let per_call = started.elapsed().as_secs_f64() * 1000.0 / f64::from(rounds);
        println!("{name}: {per_call:.3} ms per call");
    }
    let started = Instant::now();
    for _ in 0..500 {
        sqlx::query("SELECT 1").fetch_all(db.read()).await?;
    }
    println!(
        "SELECT 1: {:.3} ms per call",
        started.elapsed().as_secs_f64() * 2.0
    );
    Ok(())
}
