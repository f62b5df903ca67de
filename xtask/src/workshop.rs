//! `bench workshop [--phones N]`: N simulated phones (10,000 unless told) join a live session
//! over a few seconds, each holds its live stream open as the phone page does, and each rates
//! ten activities with random pauses over about a minute, while five projector pages hold live
//! streams. A phone told 503 waits as `Retry-After` says and sends the same answer again with
//! the same idempotency key, as the phone page does. With `--postgres`, two app instances share one PostgreSQL database: votes go to
//! instance A and the projectors watch instance B, so every update crosses LISTEN/NOTIFY.

use crate::{Server, binary, free_port, start_with, temp_dir, wait_healthy, wait_ready};
use anyhow::{Context, Result, bail};
use futures_util::StreamExt;
use rand::Rng;
use serde_json::{Value, json};
use sermphalang_domain::evaluation::{CycleInput, Step};
use sermphalang_store::audit::Actor;
use sermphalang_store::evaluation::live::workshop::{self, Control};
use sermphalang_store::evaluation::{activity, cycle};
use sermphalang_store::{Db, sessions, users};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub const PHONES: usize = 10_000;
/// Phones tried this often before a join or a vote counts as failed.
const ATTEMPTS: usize = 8;
const RATINGS: usize = 10;
const PROJECTORS: usize = 5;
/// Each participant's ten ratings are spread over about this long.
const SPAN: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or_default()
}

struct Setup {
    cycle: i64,
    code: String,
    questions: Vec<(i64, i64)>,
    cookie: String,
}

/// A cycle at the rating step with ten chosen activities and a live session, all open.
async fn prepare(db: &Db) -> Result<Setup> {
    let actor = Actor::system();
    let input = CycleInput {
        name: "วัดสมรรถนะห้องใหญ่".into(),
        fiscal_year: 2568,
        held_on: None,
        network: None,
        organization: None,
        baseline: None,
        dots_per_person: 5,
        stacking: true,
        top_k: RATINGS as u32,
        anonymous: true,
        facilitators: Vec::new(),
    };
    let id = cycle::create(db, &actor, 41, &input).await?;
    let mut chosen = Vec::new();
    for i in 0..RATINGS {
        chosen.push(activity::add(db, &actor, 41, id, &format!("กิจกรรมที่ {}", i + 1)).await?);
    }
    activity::set_chosen(db, &actor, 41, id, &chosen).await?;
    cycle::set_step(db, &actor, 41, id, Step::Rating).await?;
    let session = workshop::start(db, &actor, 41, id).await?;
    workshop::control(db, &actor, 41, id, Step::Rating, None, Control::Open).await?;
    let questions = workshop::questions(db, id)
        .await?
        .into_iter()
        .filter_map(|q| Some((q.id, q.activity_id?)))
        .collect();
    let (account, _) = users::find_for_login(db, "secretariat@demo.example")
        .await?
        .context("demo secretariat")?;
    let token = sessions::create(db, account.id).await?;
    Ok(Setup {
        cycle: id,
        code: session.join_code,
        questions,
        cookie: format!("sp_session={token}"),
    })
}

/// Arrival times (this machine's clock) of each projector event with the server's `as_of`.
type Arrivals = Arc<Mutex<Vec<(f64, f64)>>>;

async fn projector(base: String, cycle: i64, cookie: String, arrivals: Arrivals) -> Result<()> {
    let client = reqwest::Client::new();
    let response = client
        .get(format!("{base}/p/41/cycles/{cycle}/events/projector"))
        .header("cookie", cookie)
        .send()
        .await?;
    if !response.status().is_success() {
        bail!("projector stream answered {}", response.status());
    }
    let mut stream = response.bytes_stream();
    let mut buffer = String::new();
    while let Some(chunk) = stream.next().await {
        buffer.push_str(&String::from_utf8_lossy(&chunk?));
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            let arrived = now_ms();
            for line in event.lines() {
                if let Some(data) = line.strip_prefix("data: ")
                    && let Ok(v) = serde_json::from_str::<Value>(data)
                    && let Some(as_of) = v["as_of"].as_f64()
                {
                    arrivals.lock().expect("arrivals").push((arrived, as_of));
                }
            }
        }
    }
    Ok(())
}

struct Vote {
    sent: f64,
    acked: f64,
    server_at: f64,
    ok: bool,
    retried: bool,
    participant: i64,
    activity: i64,
    value: i64,
}

#[derive(Default)]
struct Phone {
    votes: Vec<Vote>,
    join_retries: usize,
    /// Events the phone's live stream delivered; its first is the room as it stood.
    stream_events: Arc<AtomicUsize>,
}

/// Sends a request until it is answered other than 503 (or the connection fails to open),
/// waiting as `Retry-After` asks; answers the last response and whether any try was refused.
async fn with_retries(
    send: impl Fn() -> reqwest::RequestBuilder,
) -> Result<(reqwest::Response, bool)> {
    let mut retried = false;
    for attempt in 0..ATTEMPTS {
        match send().send().await {
            Ok(r) if r.status() == 503 && attempt + 1 < ATTEMPTS => {
                let wait = r
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(1);
                retried = true;
                let jitter = rand::rng().random_range(0..1000);
                tokio::time::sleep(Duration::from_millis(wait * 1000 + jitter)).await;
            }
            Ok(r) => return Ok((r, retried)),
            Err(e) if e.is_connect() && attempt + 1 < ATTEMPTS => {
                retried = true;
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    bail!("no answer after {ATTEMPTS} tries")
}

/// Holds the phone's live stream open, counting its events, until the bench aborts it.
async fn phone_stream(client: reqwest::Client, url: String, events: Arc<AtomicUsize>) {
    let Ok(response) = client.get(url).send().await else {
        return;
    };
    if !response.status().is_success() {
        return;
    }
    let mut stream = response.bytes_stream();
    while let Some(Ok(chunk)) = stream.next().await {
        let count = chunk.windows(2).filter(|w| w == b"\n\n").count();
        events.fetch_add(count, Ordering::Relaxed);
    }
}

async fn participant(
    clients: (reqwest::Client, reqwest::Client),
    base: String,
    code: String,
    questions: Arc<Vec<(i64, i64)>>,
    index: usize,
    arrive_over: Duration,
    streams: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>>,
) -> Result<Phone> {
    let (client, streaming) = clients;
    let start_delay = rand::rng().random_range(0..arrive_over.as_millis() as u64);
    tokio::time::sleep(Duration::from_millis(start_delay)).await;
    let body = json!({ "display_name": format!("ผู้ทดสอบ {index}"), "network": "community", "consent": true });
    let (response, join_retried) = with_retries(|| {
        client
            .post(format!("{base}/api/v1/live/{code}/join"))
            .json(&body)
    })
    .await?;
    let joined: Value = response.error_for_status()?.json().await?;
    let token = joined["token"].as_str().context("token")?.to_string();
    let number = joined["number"].as_i64().context("number")?;
    let mut phone = Phone {
        join_retries: usize::from(join_retried),
        ..Phone::default()
    };
    let stream = tokio::spawn(phone_stream(
        streaming,
        format!("{base}/j/{code}/events"),
        phone.stream_events.clone(),
    ));
    streams.lock().expect("streams").push(stream);
    // Ten moments spread at random over the span, in order: pauses of random length.
    let begun = Instant::now();
    let mut moments: Vec<u64> = (0..questions.len())
        .map(|_| rand::rng().random_range(0..SPAN.as_millis() as u64))
        .collect();
    moments.sort_unstable();
    for (n, ((question, activity), moment)) in questions.iter().zip(moments).enumerate() {
        tokio::time::sleep_until((begun + Duration::from_millis(moment)).into()).await;
        let value: i64 = rand::rng().random_range(1..=10);
        let key = format!("p{index}-q{n}");
        let body = json!({ "question": question, "kind": "rating", "rating": value.to_string() });
        let sent = now_ms();
        let response = with_retries(|| {
            client
                .post(format!("{base}/api/v1/live/{code}/votes"))
                .bearer_auth(&token)
                .header("Idempotency-Key", &key)
                .json(&body)
        })
        .await;
        let acked = now_ms();
        let (ok, server_at, retried) = match response {
            Ok((r, retried)) if r.status().is_success() => {
                let body: Value = r.json().await.unwrap_or_default();
                (true, body["at"].as_f64().unwrap_or(acked), retried)
            }
            Ok((_, retried)) => (false, 0.0, retried),
            Err(_) => (false, 0.0, true),
        };
        phone.votes.push(Vote {
            sent,
            acked,
            server_at,
            ok,
            retried,
            participant: number,
            activity: *activity,
            value,
        });
    }
    Ok(phone)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// For every acknowledged vote and every projector: how long from sending the vote until the
/// first event whose snapshot was read after the vote was durable.
fn visibility(votes: &[&Vote], projectors: &[Arrivals]) -> (Vec<f64>, usize) {
    let mut delays = Vec::new();
    let mut never = 0;
    for arrivals in projectors {
        let events = arrivals.lock().expect("arrivals").clone();
        for v in votes {
            let first = events.partition_point(|(_, as_of)| *as_of < v.server_at);
            match events.get(first) {
                Some((arrived, _)) => delays.push(arrived - v.sent),
                None => never += 1,
            }
        }
    }
    delays.sort_by(f64::total_cmp);
    (delays, never)
}

async fn missing_from_database(db: &Db, cycle: i64, votes: &[&Vote]) -> Result<usize> {
    let stored: HashMap<(i64, i64), i64> = sqlx::query_as::<_, (i64, i64, Option<i64>)>(
        "SELECT p.number, r.activity_id, r.value FROM ratings r \
         JOIN participants p ON p.id = r.participant_id WHERE p.cycle_id = $1",
    )
    .bind(cycle)
    .fetch_all(db.read())
    .await?
    .into_iter()
    .filter_map(|(n, a, v)| Some(((n, a), v?)))
    .collect();
    Ok(votes
        .iter()
        .filter(|v| stored.get(&(v.participant, v.activity)) != Some(&v.value))
        .count())
}

pub(crate) async fn fresh_postgres() -> Result<String> {
    let admin = std::env::var("BENCH_DATABASE_URL").context(
        "set BENCH_DATABASE_URL to a PostgreSQL URL whose user may create databases, \
         e.g. postgres://postgres:PASSWORD@127.0.0.1:5432/postgres",
    )?;
    let name = format!("sp_bench_{}", std::process::id());
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin).await?;
    // Benches run one at a time: earlier runs' databases (gigabytes each) are dropped here.
    let earlier: Vec<String> = sqlx::query_scalar(
        "SELECT datname::text FROM pg_database WHERE datname LIKE 'sp\\_bench\\_%'",
    )
    .fetch_all(&mut conn)
    .await?;
    for old in earlier.iter().chain([&name]) {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {old}"
        )))
        .execute(&mut conn)
        .await?;
    }
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await?;
    let (head, _) = admin.rsplit_once('/').context("database URL")?;
    Ok(format!("{head}/{name}"))
}

pub async fn bench(backend: Backend, phones: usize) -> Result<()> {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => println!("open-file limit of the load generator: {limit}"),
        Err(e) => println!("could not raise the load generator's open-file limit: {e}"),
    }
    let bin = binary()?;
    let data_a = temp_dir("workshop-a");
    let data_b = temp_dir("workshop-b");
    let url = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(fresh_postgres().await?),
    };
    let port_a = free_port()?;
    let server_a: Server = start_with(&bin, "demo", &data_a, port_a, url.as_deref())?;
    wait_healthy(port_a, Duration::from_secs(30))?;
    let loading = wait_ready(port_a, Duration::from_secs(300))?;
    println!(
        "the demo finished loading {:.1} s after it answered /healthz",
        loading.as_secs_f64()
    );
    let (watch_port, server_b) = match &url {
        Some(u) => {
            let port_b = free_port()?;
            let b = start_with(&bin, "serve", &data_b, port_b, Some(u))?;
            wait_healthy(port_b, Duration::from_secs(30))?;
            (port_b, Some(b))
        }
        None => (port_a, None),
    };
    let db = match &url {
        Some(u) => Db::connect(u).await?,
        None => Db::open(None, &data_a).await?,
    };
    let setup = prepare(&db).await?;
    let vote_base = format!("http://127.0.0.1:{port_a}");
    let watch_base = format!("http://127.0.0.1:{watch_port}");
    // A room fills as people scan the QR code: a thousand a second at most.
    let arrive_over = Duration::from_millis((phones as u64).max(3_000));
    println!(
        "== {} phones (each holding its live stream) joining over {:.0} s, x {} ratings over ~{} s, {} projector streams on {}; the load generator shares the 2 cores",
        phones,
        arrive_over.as_secs_f64(),
        RATINGS,
        SPAN.as_secs(),
        PROJECTORS,
        match backend {
            Backend::Sqlite => "one instance, SQLite".to_string(),
            Backend::Postgres => "instance B; votes to instance A; PostgreSQL".to_string(),
        }
    );

    let mut projectors = Vec::new();
    let mut projector_streams = Vec::new();
    for _ in 0..PROJECTORS {
        let arrivals: Arrivals = Arc::default();
        projectors.push(arrivals.clone());
        projector_streams.push(tokio::spawn(projector(
            watch_base.clone(),
            setup.cycle,
            setup.cookie.clone(),
            arrivals,
        )));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(512)
        .build()?;
    let streaming = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()?;
    let phone_streams: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>> = Arc::default();
    let questions = Arc::new(setup.questions.clone());
    let started = Instant::now();
    let started_ms = now_ms();
    let mut tasks = Vec::with_capacity(phones);
    for i in 0..phones {
        tasks.push(tokio::spawn(participant(
            (client.clone(), streaming.clone()),
            vote_base.clone(),
            setup.code.clone(),
            questions.clone(),
            i,
            arrive_over,
            phone_streams.clone(),
        )));
    }
    let mut votes = Vec::new();
    let mut join_errors = 0;
    let mut join_retries = 0;
    let mut counters = Vec::new();
    for t in tasks {
        match t.await? {
            Ok(p) => {
                votes.extend(p.votes);
                join_retries += p.join_retries;
                counters.push(p.stream_events);
            }
            Err(_) => join_errors += 1,
        }
    }
    let elapsed = started.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let peak_a = peak_rss_mb(server_a.0.id())?;
    let peak_b = server_b
        .as_ref()
        .map(|b| peak_rss_mb(b.0.id()))
        .transpose()?;
    let open_streams = phone_streams
        .lock()
        .expect("streams")
        .iter()
        .filter(|s| !s.is_finished())
        .count();
    let fed = counters
        .iter()
        .filter(|c| c.load(Ordering::Relaxed) > 0)
        .count();
    for s in phone_streams.lock().expect("streams").iter() {
        s.abort();
    }
    for s in &projector_streams {
        s.abort();
    }

    let acked: Vec<&Vote> = votes.iter().filter(|v| v.ok).collect();
    let failed = votes.len() - acked.len();
    let vote_retries = votes.iter().filter(|v| v.retried).count();
    let mut latency: Vec<f64> = acked.iter().map(|v| v.acked - v.sent).collect();
    latency.sort_by(f64::total_cmp);
    let (delays, never) = visibility(&acked, &projectors);
    let missing = missing_from_database(&db, setup.cycle, &acked).await?;
    let events: usize = projectors
        .iter()
        .map(|a| a.lock().expect("arrivals").len())
        .sum();

    println!(
        "joins: {} phones joined, {} failed to join, {} joined after a 503 and a retry",
        counters.len(),
        join_errors,
        join_retries
    );
    println!(
        "phone streams: {open_streams} still open at the end, {fed} delivered the room's first snapshot (target {phones} and {phones})"
    );
    println!(
        "votes: {} acknowledged, {} failed, {} needed a retry, in {:.1} s ({:.0} votes/s)",
        acked.len(),
        failed,
        vote_retries,
        elapsed.as_secs_f64(),
        acked.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "vote latency: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms (target p99 <= 50 ms)",
        percentile(&latency, 50.0),
        percentile(&latency, 99.0),
        latency.last().copied().unwrap_or(f64::NAN)
    );
    let wave_end = started_ms + arrive_over.as_secs_f64() * 1000.0;
    for (label, during) in [("while phones were still joining", true), ("after", false)] {
        let mut part: Vec<f64> = acked
            .iter()
            .filter(|v| (v.sent < wave_end) == during)
            .map(|v| v.acked - v.sent)
            .collect();
        part.sort_by(f64::total_cmp);
        println!(
            "  {label}: {} votes, p50 {:.1} ms, p99 {:.1} ms",
            part.len(),
            percentile(&part, 50.0),
            percentile(&part, 99.0)
        );
    }
    println!(
        "visible on the projector: p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms over {} vote x projector pairs, {} never seen, {} events (target p99 <= 500 ms)",
        percentile(&delays, 50.0),
        percentile(&delays, 99.0),
        delays.last().copied().unwrap_or(f64::NAN),
        delays.len(),
        never,
        events
    );
    println!("acknowledged votes missing from the database: {missing} (target 0)");
    match peak_b {
        Some(b) => {
            println!("peak resident memory: instance A {peak_a:.1} MB, instance B {b:.1} MB")
        }
        None => println!("peak resident memory: {peak_a:.1} MB (target <= 512 MB)"),
    }
    db.close().await;
    drop(server_b);
    drop(server_a);
    let _ = std::fs::remove_dir_all(&data_a);
    let _ = std::fs::remove_dir_all(&data_b);
    Ok(())
}

fn peak_rss_mb(pid: u32) -> Result<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .context("VmHWM")?;
    Ok(kb / 1024.0)
}
