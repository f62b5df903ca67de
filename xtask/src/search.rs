//! `bench search [--postgres]`: 100,000 activity reports of generated Thai text (the demo's own
//! words, common ones far more often than rare ones), indexed by `search::rebuild`, then the
//! same queries answered by the index and by the substring scan (`LIKE`) that the lists used
//! before, in one run; and the search page under `wrk -c32`.

use crate::nation::{V, bulk, next_id};
use crate::workshop::Backend;
use crate::{binary, free_port, start_with, temp_dir, wait_healthy, wrk};
use anyhow::{Context, Result};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sermphalang_store::search::{self, Audience, Query};
use sermphalang_store::{Db, PageRequest, demo, sessions, users};
use sqlx::AssertSqlSafe;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

const DOCUMENTS: usize = 100_000;
const QUERIES: usize = 200;
/// The scan is slow: fewer of the same queries give its median.
const SCANNED: usize = 20;
const UDON: i64 = 41;

/// Every Thai word of two letters or more in what the demo indexed, in a fixed order.
async fn vocabulary(db: &Db) -> Result<Vec<String>> {
    let texts: Vec<String> =
        sqlx::query_scalar("SELECT title || ' ' || body FROM search_documents ORDER BY id")
            .fetch_all(db.read())
            .await?;
    let words: BTreeSet<String> = texts
        .iter()
        .flat_map(|t| sermphalang_thai::words(t))
        .filter(|w| {
            w.chars().count() >= 2 && w.chars().all(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c))
        })
        .map(str::to_string)
        .collect();
    Ok(words.into_iter().collect())
}

/// A word drawn so that the n-th word is about n times rarer than the first (Zipf-like).
fn zipf<'a>(rng: &mut StdRng, words: &'a [String]) -> &'a str {
    let n = words.len() as f64;
    let i = (n.powf(rng.random::<f64>()) - 1.0) as usize;
    &words[i.min(words.len() - 1)]
}

fn sentence(rng: &mut StdRng, words: &[String], length: usize) -> String {
    let mut text = String::new();
    for i in 0..length {
        text.push_str(zipf(rng, words));
        if i % 7 == 6 {
            text.push(' ');
        }
    }
    text
}

async fn generate(db: &Db, words: &[String]) -> Result<()> {
    let mut rng = StdRng::seed_from_u64(14);
    let first = next_id(db, "reports").await?;
    let at = sermphalang_store::now();
    let rows = (0..DOCUMENTS)
        .map(|n| {
            let (title_words, narrative_words) = (rng.random_range(4..9), rng.random_range(20..60));
            let title = sentence(&mut rng, words, title_words);
            let narrative = sentence(&mut rng, words, narrative_words);
            vec![
                V::I(first + n as i64),
                V::I(UDON),
                V::T(title),
                V::T("2025-06-15".into()),
                V::I(2568),
                V::I(3),
                V::I(4101 + (n as i64 % 11)),
                V::T(String::new()),
                V::T("community".into()),
                V::T(narrative),
                V::T("draft".into()),
                V::T(at.clone()),
                V::T(at.clone()),
            ]
        })
        .collect();
    let columns = [
        "id",
        "province_code",
        "title",
        "held_on",
        "fiscal_year",
        "quarter",
        "district_code",
        "venue",
        "network_code",
        "narrative",
        "status",
        "created_at",
        "updated_at",
    ];
    bulk(db, "reports", &columns, rows).await?;
    if db.backend == sermphalang_store::Backend::Postgres {
        sqlx::query(
            "SELECT setval(pg_get_serial_sequence('reports', 'id'), (SELECT MAX(id) FROM reports))",
        )
        .execute(db.write())
        .await?;
    }
    Ok(())
}

/// Queries as people type them: mostly one word, some two, some two words glued.
fn queries(words: &[String]) -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(2569);
    (0..QUERIES)
        .map(|n| {
            let one = words[rng.random_range(0..words.len())].clone();
            match n % 8 {
                0 | 1 => format!("{one} {}", zipf(&mut rng, words)),
                2 => format!("{}{}", zipf(&mut rng, words), zipf(&mut rng, words)),
                _ => one,
            }
        })
        .collect()
}

fn percentile(times: &mut [f64], p: f64) -> f64 {
    times.sort_by(f64::total_cmp);
    times[((times.len() - 1) as f64 * p).round() as usize]
}

/// The index's answer: the first page of 20 with the counts of each kind.
async fn by_index(db: &Db, text: &str) -> Result<i64> {
    let found = search::find(
        db,
        &Query {
            text: text.into(),
            province: Some(UDON),
            audiences: vec![Audience::Public, Audience::Members],
            kinds: Vec::new(),
            page: PageRequest {
                page: 1,
                per_page: 20,
            },
        },
    )
    .await?;
    Ok(found.hits.total)
}

/// The substring scan the lists used before: a count and the newest 20 whose text holds the
/// query, over the same documents.
async fn by_scan(db: &Db, text: &str) -> Result<i64> {
    let pattern = format!("%{}%", text.trim().to_lowercase());
    let scope = "FROM search_documents d WHERE d.province_code = $1 AND d.archived = 0 \
                 AND d.audience IN ('public', 'members') AND (d.title LIKE $2 OR d.body LIKE $2)";
    let total: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) {scope}")))
        .bind(UDON)
        .bind(pattern.clone())
        .fetch_one(db.read())
        .await?;
    sqlx::query(AssertSqlSafe(format!(
        "SELECT d.kind, d.ref_id, d.title, d.body {scope} ORDER BY d.dated DESC, d.id DESC LIMIT 20"
    )))
    .bind(UDON)
    .bind(pattern)
    .fetch_all(db.read())
    .await?;
    Ok(total)
}

struct Seeded {
    cookie: String,
    queries: Vec<String>,
    middle: String,
}

async fn seed(data: &Path, url: Option<&str>) -> Result<Seeded> {
    let db = Db::open(url, data).await?;
    demo::load(&db, sermphalang_domain::password::hash).await?;
    let words = vocabulary(&db).await?;
    println!("vocabulary: {} words from the demo's texts", words.len());
    let started = Instant::now();
    generate(&db, &words).await?;
    println!(
        "{DOCUMENTS} reports generated in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let documents = search::rebuild(&db).await?;
    let took = started.elapsed().as_secs_f64();
    let postings: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM search_postings")
        .fetch_one(db.read())
        .await?;
    println!(
        "indexed {documents} documents ({postings} postings) in {took:.1} s: {:.0} documents/s",
        documents as f64 / took
    );
    let queries = queries(&words);
    for q in queries.iter().take(20) {
        by_index(&db, q).await?;
    }
    let mut index_ms = Vec::new();
    let mut found = Vec::new();
    for q in &queries {
        let t = Instant::now();
        let total = by_index(&db, q).await?;
        index_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        found.push((total, q.clone()));
    }
    let mut scan_ms = Vec::new();
    let mut scan_found = 0;
    let mut index_found = 0;
    for (i, q) in queries.iter().take(SCANNED).enumerate() {
        let t = Instant::now();
        scan_found += by_scan(&db, q).await?;
        scan_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        index_found += found[i].0;
    }
    let index_p50 = percentile(&mut index_ms, 0.5);
    let scan_p50 = percentile(&mut scan_ms, 0.5);
    println!("== {QUERIES} queries over {DOCUMENTS} documents, one at a time, in this process");
    println!(
        "index: p50 {index_p50:.2} ms  p90 {:.2} ms  p99 {:.2} ms  max {:.2} ms (target p50 <= 5)",
        percentile(&mut index_ms, 0.9),
        percentile(&mut index_ms, 0.99),
        percentile(&mut index_ms, 1.0)
    );
    println!(
        "LIKE scan (first {SCANNED} queries): p50 {scan_p50:.2} ms; the index answers {:.1}x as many queries a second (target >= 10)",
        scan_p50 / index_p50
    );
    println!(
        "documents found by those {SCANNED} queries: index {index_found}, LIKE {scan_found} (LIKE also counts words inside other words)"
    );
    found.sort();
    let middle = found[found.len() / 2].1.clone();
    let (account, _) = users::find_for_login(&db, "secretariat@demo.example")
        .await?
        .context("the demo's secretariat")?;
    let cookie = sessions::create(&db, account.id).await?;
    db.close().await;
    Ok(Seeded {
        cookie,
        queries,
        middle,
    })
}

pub async fn bench(backend: Backend) -> Result<()> {
    let bin = binary()?;
    let data = temp_dir("search");
    let url = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(crate::workshop::fresh_postgres().await?),
    };
    println!("== {DOCUMENTS} generated reports ({backend:?})");
    let seeded = seed(&data, url.as_deref()).await?;
    let port = free_port()?;
    let server = start_with(&bin, "serve", &data, port, url.as_deref())?;
    wait_healthy(port, Duration::from_secs(120))?;
    let base = format!("http://127.0.0.1:{port}");
    let common = seeded.queries.iter().find(|q| !q.contains(' ')).cloned();
    println!("== wrk -t2 -c32 -d10s on loopback (the load generator shares the 2 cores)");
    let health = wrk(&format!("{base}/healthz"), "")?;
    println!(
        "/healthz                      p50 {:>7.2} ms  p99 {:>7.2} ms  {:>8.0} req/s",
        health.p50_ms, health.p99_ms, health.rps
    );
    for (label, q) in [
        ("a query of median hits", Some(seeded.middle.clone())),
        ("a first query", common),
    ] {
        let Some(q) = q else { continue };
        let encoded: String = q.bytes().map(|b| format!("%{b:02X}")).collect();
        let r = wrk(&format!("{base}/p/41/search?q={encoded}"), &seeded.cookie)?;
        println!(
            "search page, {label:<22} p50 {:>7.2} ms  p99 {:>7.2} ms  {:>8.0} req/s {}",
            r.p50_ms, r.p99_ms, r.rps, r.errors
        );
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    Ok(())
}
