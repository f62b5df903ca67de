//! `bench plan [--postgres]`: the plan's target-against-actual page with the demo's plan (25
//! activities, 15 indicators) and 10,000 approved activity reports, under `wrk -c32`, against
//! /healthz in the same run. The reports go through the store's own path (draft, submitted,
//! approved), so the actuals are kept summed as they are in use.

use crate::workshop::Backend;
use crate::{binary, free_port, start_with, temp_dir, wait_healthy, wrk};
use anyhow::{Context, Result};
use chrono::Days;
use sermphalang_domain::registry::Sector;
use sermphalang_domain::report::{Participants, ReportInput, Transition};
use sermphalang_store::audit::Actor;
use sermphalang_store::plan::{entries, indicators, plans};
use sermphalang_store::report::reports;
use sermphalang_store::{Db, demo, sessions, users};
use std::path::Path;
use std::time::{Duration, Instant};

const REPORTS: usize = 10_000;

async fn seed(data: &Path, url: Option<&str>) -> Result<(String, i64)> {
    let db = Db::open(url, data).await?;
    demo::load(&db, sermphalang_domain::password::hash).await?;
    let plan = plans::list(&db, demo::UDON_THANI)
        .await?
        .into_iter()
        .next()
        .context("the demo's plan")?;
    let measured: Vec<_> = indicators::list(&db, plan.id)
        .await?
        .into_iter()
        .filter(|i| i.entry_id.is_some())
        .collect();
    let tree = entries::tree(&db, plan.id).await?;
    let today = sermphalang_thai::today_in_thailand();
    let year_start = sermphalang_thai::FiscalYear::from_date(today).start();
    let days = (today - year_start).num_days().max(1) as u64;
    let actor = Actor::system();
    let started = Instant::now();
    for n in 0..REPORTS {
        let indicator = &measured[n % measured.len()];
        let entry = tree
            .iter()
            .find(|e| Some(e.id) == indicator.entry_id)
            .context("the indicator's activity")?;
        let network = entry.networks.first().copied().unwrap_or(Sector::Community);
        let input = ReportInput {
            title: entry.title.clone(),
            entry: Some(entry.id),
            held_on: year_start + Days::new(n as u64 % days),
            district: 4101 + (n as i64 % 11),
            venue: String::new(),
            network,
            organizations: Vec::new(),
            virtues: Vec::new(),
            participants: Participants {
                male: 20,
                female: 25,
                ..Participants::default()
            },
            narrative: String::new(),
            contributions: vec![(indicator.id, 1.0)],
            client_key: None,
        };
        let mut tx = db.audited(&actor, Some(demo::UDON_THANI)).await?;
        let id = reports::create(&db, &mut tx, demo::UDON_THANI, &input, None).await?;
        tx.commit_recorded().await?;
        for step in [Transition::Submit, Transition::Approve] {
            reports::transition(&db, &actor, demo::UDON_THANI, id, step, "", None).await?;
        }
        if (n + 1) % 2000 == 0 {
            println!(
                "  {} reports approved in {:.0} s",
                n + 1,
                started.elapsed().as_secs_f64()
            );
        }
    }
    let (account, _) = users::find_for_login(&db, "secretariat@demo.example")
        .await?
        .context("demo secretariat")?;
    let token = sessions::create(&db, account.id).await?;
    db.close().await;
    Ok((token, plan.id))
}

pub async fn bench(backend: Backend) -> Result<()> {
    let bin = binary()?;
    let data = temp_dir("plan");
    let url = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(crate::workshop::fresh_postgres().await?),
    };
    println!("== seeding the demo and {REPORTS} approved reports ({backend:?})");
    let seeding = Instant::now();
    let (cookie, plan) = seed(&data, url.as_deref()).await?;
    println!("seeded in {:.1} s", seeding.elapsed().as_secs_f64());
    let port = free_port()?;
    let server = start_with(&bin, "serve", &data, port, url.as_deref())?;
    wait_healthy(port, Duration::from_secs(30))?;
    std::thread::sleep(Duration::from_secs(1));
    let base = format!("http://127.0.0.1:{port}");
    println!("== wrk -t2 -c32 -d10s on loopback (the load generator shares the 2 cores)");
    let health = wrk(&format!("{base}/healthz"), &cookie)?;
    let home = wrk(&format!("{base}/p/41/plans/{plan}"), &cookie)?;
    let indicator = wrk(&format!("{base}/p/41/plans/{plan}/indicators/3"), &cookie)?;
    let reports = wrk(&format!("{base}/p/41/reports"), &cookie)?;
    for (name, r) in [
        ("/healthz", &health),
        ("plan home (target against actual)", &home),
        ("an indicator (five years, breakdowns)", &indicator),
        ("report list (first page)", &reports),
    ] {
        println!(
            "{name:<40} p50 {:>7.2} ms  p99 {:>7.2} ms  {:>9.0} req/s {}",
            r.p50_ms, r.p99_ms, r.rps, r.errors
        );
    }
    println!(
        "plan home: p50 {:.2} ms (target <= 20 ms); {:.3} of /healthz's requests per second",
        home.p50_ms,
        home.rps / health.rps
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    Ok(())
}
