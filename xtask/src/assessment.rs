//! `bench assessment [--postgres]`: the province's roll-up page with 2,000 assessments of 400
//! organizations over five fiscal years, made through the store as a province would (created,
//! answered, evidence attached, submitted, verified, awarded or returned). Prints the roll-up's
//! reads alone, the page one request at a time, and the page under `wrk -c32` beside /healthz
//! in the same run.

use crate::workshop::Backend;
use crate::{binary, free_port, start_with, temp_dir, wait_healthy, wrk};
use anyhow::{Context, Result};
use sermphalang_domain::assessment::{Answer, Level, Rule, Subject};
use sermphalang_domain::registry::{OrgInput, OrgKind, Sector};
use sermphalang_store::assessment::assessments::{self, ItemInput, Proof, Unit};
use sermphalang_store::assessment::templates::Stored;
use sermphalang_store::assessment::verification::{self, Award, Finding};
use sermphalang_store::assessment::{rollup, templates};
use sermphalang_store::audit::Actor;
use sermphalang_store::registry::org;
use sermphalang_store::{Db, demo, files, sessions, users};
use std::path::Path;
use std::time::{Duration, Instant};

const UDON: i64 = 41;
const UNITS: usize = 400;
const YEARS: [i64; 5] = [2565, 2566, 2567, 2568, 2569];
const RUNS: usize = 50;
const TARGET_MS: f64 = 20.0;

async fn units(db: &Db, actor: &Actor) -> Result<Vec<(i64, OrgKind)>> {
    let districts: Vec<i64> = (4101..=4111).chain(4117..=4125).collect();
    let mut tx = db.audited(actor, Some(UDON)).await?;
    let mut units = Vec::with_capacity(UNITS);
    for i in 0..UNITS {
        let kind = if i % 3 == 0 {
            OrgKind::Community
        } else {
            OrgKind::Government
        };
        let input = OrgInput {
            name: format!("หน่วยประเมินทดสอบ {i:04}"),
            kind,
            sectors: vec![Sector::ALL[i % Sector::ALL.len()]],
            district: districts[i % districts.len()],
            phone: format!("042-100-{i:03}"),
            email: String::new(),
            address: String::new(),
        };
        units.push((org::insert(&mut tx, UDON, &input).await?, kind));
    }
    tx.commit_recorded().await?;
    Ok(units)
}

fn inputs(t: &Stored, points: u32) -> Vec<ItemInput> {
    t.template
        .items
        .iter()
        .enumerate()
        .map(|(n, item)| ItemInput {
            item: n,
            answer: Some(match &item.rule {
                Rule::Percentage { .. } => Answer::Percent(40.0 + 25.0 * f64::from(points)),
                Rule::YesNo { .. } => Answer::Yes(points > 0),
                Rule::Choices { .. } => Answer::Choice(2 - points.min(2) as usize),
            }),
            note: String::new(),
        })
        .collect()
}

/// One assessment taken to `stage`: 0 draft, 1 submitted, 2 in verification, 3 decided.
async fn assess(
    db: &Db,
    actor: &Actor,
    t: &Stored,
    unit: i64,
    year: i64,
    points: u32,
    stage: usize,
    evidence_file: i64,
    verifier: i64,
) -> Result<()> {
    let id = assessments::create(db, actor, UDON, t.id, Unit::Organization(unit), year).await?;
    assessments::save_answers(db, actor, UDON, id, &inputs(t, points)).await?;
    if stage == 0 {
        return Ok(());
    }
    let mut tx = db.audited(actor, Some(UDON)).await?;
    for (n, item) in t.template.items.iter().enumerate() {
        if item.evidence_required {
            assessments::add_evidence(&mut tx, UDON, id, n, Proof::File(evidence_file), "").await?;
        }
    }
    tx.commit_recorded().await?;
    assessments::submit(db, actor, UDON, id).await?;
    if stage == 1 {
        return Ok(());
    }
    verification::assign(db, actor, UDON, id, &[verifier]).await?;
    let findings: Vec<Finding> = (0..t.template.items.len())
        .map(|n| Finding {
            item: n,
            answer: None,
            comment: String::new(),
        })
        .collect();
    verification::record(db, actor, UDON, id, &findings, "").await?;
    if stage == 2 {
        return Ok(());
    }
    let answered = assessments::answers(db, id).await?;
    match verification::verified_outcome(t, &answered).level {
        Some(level) => {
            // The bench times the roll-up, not the typesetter: a stand-in certificate body.
            let code = format!("BENCH{id:011}");
            let award = Award {
                expected: level,
                code: &code,
                pdf: b"%PDF-",
                comment: "",
            };
            verification::award(db, actor, UDON, id, award).await?;
        }
        None => verification::send_back(db, actor, UDON, id, "ยังไม่ถึงระดับ").await?,
    }
    Ok(())
}

async fn seed(data: &Path, url: Option<&str>) -> Result<String> {
    let db = Db::open(url, data).await?;
    demo::load(&db, sermphalang_domain::password::hash).await?;
    let actor = Actor::system();
    let units = units(&db, &actor).await?;
    let community = templates::current(&db, Subject::Community)
        .await?
        .context("community criteria")?;
    let organization = templates::current(&db, Subject::Organization)
        .await?
        .context("organization criteria")?;
    let verifier = verification::candidates(&db, UDON).await?[0].user_id;
    let mut tx = db.audited(&actor, Some(UDON)).await?;
    let pdf = b"%PDF-1.4\n%bench evidence\n";
    let evidence_file =
        files::insert(&mut tx, UDON, None, "หลักฐาน.pdf", "application/pdf", pdf).await?;
    tx.commit_recorded().await?;
    let started = Instant::now();
    let mut made = 0;
    for (y, year) in YEARS.iter().enumerate() {
        for (i, (unit, kind)) in units.iter().enumerate() {
            let t = if *kind == OrgKind::Community {
                &community
            } else {
                &organization
            };
            // Older years are decided; this year every stage is present.
            let stage = if y + 1 < YEARS.len() { 3 } else { i % 4 };
            let points = ((i + y) % 3) as u32;
            assess(
                &db,
                &actor,
                t,
                *unit,
                *year,
                points,
                stage,
                evidence_file,
                verifier,
            )
            .await?;
            made += 1;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "made {made} assessments in {seconds:.1} s ({:.0} a second, every step an audited write)",
        f64::from(made) / seconds
    );
    let (account, _) = users::find_for_login(&db, "secretariat@demo.example")
        .await?
        .context("demo secretariat")?;
    let cookie = sessions::create(&db, account.id).await?;
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        let r = rollup::province(&db, UDON).await?;
        anyhow::ensure!(r.awarded(2568, Subject::Organization, Some(Level::Model)) > 0);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "roll-up reads alone (rollup::province): p50 {:.2} ms (median of {RUNS})",
        times[RUNS / 2]
    );
    db.close().await;
    Ok(cookie)
}

async fn one_at_a_time(url: &str, cookie: &str) -> Result<(f64, f64)> {
    let client = reqwest::Client::new();
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        let r = client
            .get(url)
            .header("Cookie", format!("sp_session={cookie}"))
            .send()
            .await?;
        anyhow::ensure!(r.status().is_success(), "{url} answered {}", r.status());
        r.bytes().await?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok((times[RUNS / 2], times[RUNS * 99 / 100]))
}

pub async fn bench(backend: Backend) -> Result<()> {
    let bin = binary()?;
    let data = temp_dir("assessment");
    let url = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(crate::workshop::fresh_postgres().await?),
    };
    println!(
        "== {} assessments ({backend:?}): {UNITS} units over {} fiscal years",
        UNITS * YEARS.len(),
        YEARS.len()
    );
    let cookie = seed(&data, url.as_deref()).await?;
    let port = free_port()?;
    let server = start_with(&bin, "serve", &data, port, url.as_deref())?;
    wait_healthy(port, Duration::from_secs(60))?;
    std::thread::sleep(Duration::from_secs(1));
    let base = format!("http://127.0.0.1:{port}");
    let page = format!("{base}/p/41/assessments/rollup");
    let (p50, p99) = one_at_a_time(&page, &cookie).await?;
    println!(
        "roll-up page, one request at a time: p50 {p50:.2} ms, p99 {p99:.2} ms (target p50 <= {TARGET_MS})"
    );
    println!("== wrk -t2 -c32 -d10s on loopback (the load generator shares the 2 cores)");
    let health = wrk(&format!("{base}/healthz"), "")?;
    let rollup = wrk(&page, &cookie)?;
    for (name, r) in [("/healthz", &health), ("roll-up page", &rollup)] {
        println!(
            "{name:<14} p50 {:>7.2} ms  p99 {:>7.2} ms  {:>8.0} req/s {}",
            r.p50_ms, r.p99_ms, r.rps, r.errors
        );
    }
    println!(
        "roll-up page under c32: p50 {:.2} ms = {:.2}x /healthz's p50",
        rollup.p50_ms,
        rollup.p50_ms / health.p50_ms
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    Ok(())
}
