//! `bench public`: the pages anyone may load in bulk (a published event, past or open for
//! registration, a certificate's verification, the news, the transparency pages) against
//! Debian's nginx serving the same bytes as static files, in one run, on the demo's data.

use crate::news::nginx;
use crate::{binary, free_port, start, temp_dir, wait_healthy, wait_ready, wrk, wrk_with};
use anyhow::{Context, Result};
use sermphalang_store::Db;
use sermphalang_store::training::{certificate, event};
use std::time::Duration;

pub async fn bench() -> Result<()> {
    let bin = binary()?;
    let data = temp_dir("public");
    let port = free_port()?;
    let server = start(&bin, "demo", &data, port)?;
    wait_healthy(port, Duration::from_secs(60))?;
    let ready = wait_ready(port, Duration::from_secs(600))?;
    println!("the demo was ready after {:.1} s", ready.as_secs_f64());
    let base = format!("http://127.0.0.1:{port}");
    let db = Db::open(None, &data).await?;
    let code = certificate::list(&db, 1)
        .await?
        .into_iter()
        .find(|c| c.revoked_at.is_none())
        .context("the demo's first event has an issued certificate")?
        .code;
    let open_event = event::list(&db, 41)
        .await?
        .into_iter()
        .find(|e| e.title == sermphalang_store::demo::UPCOMING_TITLE)
        .context("the demo has an event open for registration")?
        .id;
    db.close().await;
    let client = reqwest::Client::new();
    let news = client
        .get(format!("{base}/news"))
        .send()
        .await?
        .text()
        .await?;
    let article = news
        .split("href=\"/news/")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .find(|id| id.chars().all(|c| c.is_ascii_digit()))
        .context("the news page links an article")?
        .to_string();
    // A returning visitor's CSRF cookie: the page's form carries it.
    let returning = vec![format!("Cookie: sp_csrf={}", "5e".repeat(32))];
    let phone = vec!["Accept-Encoding: gzip, deflate, br".to_string()];
    let open = format!("/events/{open_event}");
    let pages = [
        ("a past event", "/events/1".to_string(), vec![]),
        ("an open event, first visit", open.clone(), vec![]),
        ("an open event, returning", open.clone(), returning.clone()),
        (
            "an open event, compressed",
            open,
            [returning, phone.clone()].concat(),
        ),
        (
            "a certificate's verification",
            format!("/verify/{code}"),
            vec![],
        ),
        ("the news", "/news".to_string(), vec![]),
        ("the news, compressed", "/news".to_string(), phone),
        ("an article", format!("/news/{article}"), vec![]),
        (
            "the province's transparency page",
            "/open/41".to_string(),
            vec![],
        ),
    ];
    let root = data.join("static-site");
    std::fs::create_dir_all(&root)?;
    for (i, (name, path, headers)) in pages.iter().enumerate() {
        let get = || {
            let mut request = client.get(format!("{base}{path}"));
            for h in headers {
                if let Some((name, value)) = h.split_once(": ") {
                    request = request.header(name, value);
                }
            }
            request.send()
        };
        // nginx serves the bytes as the app sends them once it has kept the page.
        get().await?.error_for_status()?;
        let response = get().await?.error_for_status()?;
        let encoded = response.headers().contains_key("content-encoding");
        let body = response.bytes().await?;
        if name.ends_with("compressed") {
            anyhow::ensure!(encoded, "{name} came uncompressed");
        }
        std::fs::write(root.join(format!("p{i}.html")), &body)?;
    }
    let nginx_port = free_port()?;
    let _nginx = nginx(&root, nginx_port)?;
    println!(
        "== wrk -t2 -c32 -d10s on loopback (the load generator shares the 2 cores); no cookie \
         unless \"returning\" (a CSRF cookie), no Accept-Encoding unless \"compressed\" (a \
         phone's: gzip, deflate, br; nginx serves the compressed bytes as a file)"
    );
    let health = wrk(&format!("{base}/healthz"), "")?;
    println!(
        "{:<34} p50 {:>6.2} ms  p99 {:>6.2} ms  {:>8.0} req/s",
        "/healthz (every layer, one ping)", health.p50_ms, health.p99_ms, health.rps
    );
    for (i, (name, path, headers)) in pages.iter().enumerate() {
        let ours = wrk_with(&format!("{base}{path}"), headers)?;
        let theirs = wrk(&format!("http://127.0.0.1:{nginx_port}/p{i}.html"), "")?;
        let size = std::fs::metadata(root.join(format!("p{i}.html")))?.len();
        println!(
            "{name:<34} p50 {:>6.2} ms  p99 {:>6.2} ms  {:>8.0} req/s {}",
            ours.p50_ms, ours.p99_ms, ours.rps, ours.errors
        );
        println!(
            "{:<34} p50 {:>6.2} ms  p99 {:>6.2} ms  {:>8.0} req/s  ({size} B): {:.2} of nginx (target >= 0.50){}",
            "  nginx, the same bytes",
            theirs.p50_ms,
            theirs.p99_ms,
            theirs.rps,
            ours.rps / theirs.rps,
            if ours.rps / theirs.rps >= 0.5 {
                ""
            } else {
                "  MISSED"
            }
        );
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    Ok(())
}
