//! `bench dashboard [--postgres]`: the province dashboard, the nation's view and the public
//! page on the national dataset (`nation.rs`) under `wrk -c32`, against /healthz in the same
//! run. Before the server starts, the reads each page makes are timed on their own in this
//! process (the "raw SQL it needs": the page's ratio to them is what the server adds), and so
//! are the same figures counted from the reports themselves, which the tallies spare.

use crate::nation;
use crate::workshop::Backend;
use crate::{binary, free_port, start_with, temp_dir, wait_healthy, wrk};
use anyhow::{Context, Result};
use sermphalang_store::dashboard::figures::{self, Scope};
use sermphalang_store::dashboard::tallies;
use sermphalang_store::plan::{indicators, plans};
use sermphalang_store::registry::{org, working_group};
use sermphalang_store::{Db, PageRequest, demo, sessions, users};
use std::future::Future;
use std::path::Path;
use std::time::{Duration, Instant};

const UDON: i64 = 41;
const RUNS: usize = 30;

/// The median of `RUNS` timings of `work`, in milliseconds.
async fn median_ms<F, Fut>(mut work: F) -> Result<f64>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        work().await?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[RUNS / 2])
}

struct Reads {
    province: f64,
    nation: f64,
    province_from_reports: f64,
    nation_from_reports: f64,
}

/// What the province's dashboard reads (as `Board::gather` does), and the nation's view.
async fn time_reads(db: &Db, year: i32) -> Result<Reads> {
    let today = sermphalang_thai::today_in_thailand();
    let scope = Scope {
        year,
        ..Scope::default()
    };
    let fy = sermphalang_thai::FiscalYear::try_new(year)?;
    let province = median_ms(|| async {
        let plan = plans::list(db, UDON).await?.into_iter().next();
        figures::province(db, UDON, &scope).await?;
        if let Some(p) = plan {
            indicators::progress(db, p.id, year).await?;
        }
        figures::evaluations(db, Some(UDON)).await?;
        figures::trainings_held(db, Some(UDON), fy.start(), today).await?;
        figures::latest_reports(db, UDON, false, 6).await?;
        let one = PageRequest {
            page: 1,
            per_page: 1,
        };
        org::list(db, UDON, &Default::default(), one).await?;
        working_group::list(db, UDON).await?;
        Ok(())
    })
    .await?;
    let nation = median_ms(|| async {
        figures::plan_years(db).await?;
        figures::nation(db, &scope).await?;
        figures::standings(db, year, None, today).await?;
        figures::evaluations(db, None).await?;
        figures::trainings_held(db, None, fy.start(), today).await?;
        figures::organizations(db).await?;
        Ok(())
    })
    .await?;
    // PostgreSQL sums BIGINT as NUMERIC, which the Any driver cannot read.
    let sums = [
        "male",
        "female",
        "gender_unstated",
        "youth",
        "adults",
        "elders",
    ]
    .map(|c| format!("CAST(SUM({c}) AS BIGINT)"))
    .join(", ");
    let sums = format!("COUNT(*), {sums}");
    let by_place = format!(
        "SELECT network_code, district_code, quarter, {sums} FROM reports \
         WHERE province_code = $1 AND status = 'approved' AND fiscal_year = $2 \
         GROUP BY network_code, district_code, quarter"
    );
    let province_from_reports = median_ms(|| async {
        sqlx::query(sqlx::AssertSqlSafe(by_place.clone()))
            .bind(UDON)
            .bind(i64::from(year))
            .fetch_all(db.read())
            .await?;
        Ok(())
    })
    .await?;
    let by_province = format!(
        "SELECT province_code, quarter, {sums} FROM reports \
         WHERE status = 'approved' AND fiscal_year = $1 GROUP BY province_code, quarter"
    );
    let nation_from_reports = median_ms(|| async {
        sqlx::query(sqlx::AssertSqlSafe(by_province.clone()))
            .bind(i64::from(year))
            .fetch_all(db.read())
            .await?;
        Ok(())
    })
    .await?;
    Ok(Reads {
        province,
        nation,
        province_from_reports,
        nation_from_reports,
    })
}

async fn seed(data: &Path, url: Option<&str>) -> Result<(String, String, Reads)> {
    let db = Db::open(url, data).await?;
    demo::load(&db, sermphalang_domain::password::hash).await?;
    demo::load_reports(&db, |_| None).await?;
    let started = Instant::now();
    nation::generate(&db).await?;
    println!("generated in {:.1} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    tallies::rebuild(&db).await?;
    println!(
        "figures computed from the records (tallies::rebuild) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let year =
        sermphalang_thai::FiscalYear::from_date(sermphalang_thai::today_in_thailand()).be_year();
    let reads = time_reads(&db, year - 1).await?;
    let mut cookies = Vec::new();
    for email in ["secretariat@demo.example", "national@demo.example"] {
        let (account, _) = users::find_for_login(&db, email)
            .await?
            .with_context(|| format!("demo account {email}"))?;
        cookies.push(sessions::create(&db, account.id).await?);
    }
    db.close().await;
    Ok((cookies[0].clone(), cookies[1].clone(), reads))
}

/// The median time of one request at a time: the page alone, as its reads were timed alone.
/// `cold` waits out the two seconds a dashboard keeps its figures before each request, so
/// that each one reads them again.
async fn alone(url: &str, cookie: &str, cold: bool) -> Result<f64> {
    let client = reqwest::Client::new();
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        if cold {
            tokio::time::sleep(Duration::from_millis(2100)).await;
        }
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
    Ok(times[RUNS / 2])
}

pub async fn bench(backend: Backend) -> Result<()> {
    let bin = binary()?;
    let data = temp_dir("dashboard");
    let url = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(crate::workshop::fresh_postgres().await?),
    };
    println!(
        "== the national dataset ({backend:?}): {} organizations, {} reports, {} ratings, {} certificates",
        nation::ORGANIZATIONS,
        nation::REPORTS,
        nation::RATINGS,
        nation::CERTIFICATES
    );
    let (secretariat, national, reads) = seed(&data, url.as_deref()).await?;
    println!("== the reads each page makes, timed alone (median of 30, last fiscal year)");
    println!("province dashboard's reads   {:>8.2} ms", reads.province);
    println!("nation's reads               {:>8.2} ms", reads.nation);
    println!(
        "for contrast, counted from the reports: province {:.2} ms, nation {:.2} ms",
        reads.province_from_reports, reads.nation_from_reports
    );
    let port = free_port()?;
    let server = start_with(&bin, "serve", &data, port, url.as_deref())?;
    wait_healthy(port, Duration::from_secs(60))?;
    std::thread::sleep(Duration::from_secs(1));
    let base = format!("http://127.0.0.1:{port}");
    let year = sermphalang_thai::FiscalYear::from_date(sermphalang_thai::today_in_thailand())
        .be_year()
        - 1;
    let province_url = format!("{base}/p/41?year={year}");
    let nation_url = format!("{base}/nation?year={year}");
    println!("== one request at a time, each reading its figures (median of {RUNS}, 2 s apart)");
    let province_cold = alone(&province_url, &secretariat, true).await?;
    let nation_cold = alone(&nation_url, &national, true).await?;
    println!(
        "province dashboard {province_cold:.2} ms = {:.2}x its reads alone; nation {nation_cold:.2} ms = {:.2}x (target <= 3)",
        province_cold / reads.province,
        nation_cold / reads.nation
    );
    let province_kept = alone(&province_url, &secretariat, false).await?;
    let nation_kept = alone(&nation_url, &national, false).await?;
    println!(
        "with the figures kept (one after another): province {province_kept:.2} ms, nation {nation_kept:.2} ms"
    );
    println!("== wrk -t2 -c32 -d10s on loopback (the load generator shares the 2 cores)");
    let health = wrk(&format!("{base}/healthz"), "")?;
    let province = wrk(&format!("{base}/p/41?year={year}"), &secretariat)?;
    let nation_page = wrk(&format!("{base}/nation?year={year}"), &national)?;
    let public = wrk(&format!("{base}/open/41?year={year}"), "")?;
    for (name, r) in [
        ("/healthz", &health),
        ("province dashboard /p/41", &province),
        ("national view /nation", &nation_page),
        ("public page /open/41", &public),
    ] {
        println!(
            "{name:<28} p50 {:>7.2} ms  p99 {:>7.2} ms  {:>8.0} req/s {}",
            r.p50_ms, r.p99_ms, r.rps, r.errors
        );
    }
    println!(
        "province: p50 {:.2} ms under c32 (target <= 30)",
        province.p50_ms
    );
    println!(
        "nation:   p50 {:.2} ms under c32 (target <= 100)",
        nation_page.p50_ms
    );
    println!("public:   p50 {:.2} ms (target <= 10)", public.p50_ms);
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    Ok(())
}
