//! The dashboards' figures, on SQLite and on PostgreSQL when `TEST_DATABASE_URL` is set: kept
//! at write time, they equal what a rebuild from the records gives.

use sermphalang_domain::plan::IndicatorKind;
use sermphalang_store::dashboard::figures::{self, Scope};
use sermphalang_store::dashboard::tallies;
use sermphalang_store::testing::backends;
use sermphalang_store::{Db, demo};
use sqlx::Row;

const UDON: i64 = 41;

/// Every tally and rating total, in a stable order.
async fn snapshot(db: &Db) -> Vec<String> {
    let mut out = Vec::new();
    for r in sqlx::query(
        "SELECT province_code, fiscal_year, quarter, network_code, district_code, reports, \
         participants, male, female, gender_unstated, youth, adults, elders, certificates \
         FROM tallies WHERE reports <> 0 OR certificates <> 0 OR participants <> 0 \
         ORDER BY province_code, fiscal_year, quarter, network_code, district_code",
    )
    .fetch_all(db.read())
    .await
    .unwrap()
    {
        let mut line = format!(
            "{} {} {} {:?} {}",
            r.get::<i64, _>(0),
            r.get::<i64, _>(1),
            r.get::<i64, _>(2),
            r.get::<String, _>(3),
            r.get::<i64, _>(4)
        );
        for i in 5..14 {
            line.push_str(&format!(" {}", r.get::<i64, _>(i)));
        }
        out.push(line);
    }
    for r in sqlx::query(
        "SELECT activity_id, ratings, total FROM rating_totals WHERE ratings > 0 \
         ORDER BY activity_id",
    )
    .fetch_all(db.read())
    .await
    .unwrap()
    {
        out.push(format!(
            "rating {} {} {}",
            r.get::<i64, _>(0),
            r.get::<i64, _>(1),
            r.get::<i64, _>(2)
        ));
    }
    out
}

#[tokio::test]
async fn figures_kept_at_write_time_equal_a_rebuild_from_the_records() {
    for t in backends("dashboard_rebuild").await {
        let db = &t.db;
        demo::load(db, |p| format!("plain:{p}")).await.unwrap();
        demo::load_reports(db, |_| None).await.unwrap();
        let kept = snapshot(db).await;
        assert!(kept.iter().any(|l| l.starts_with("41 ")), "{kept:?}");
        assert!(kept.iter().any(|l| l.starts_with("rating ")), "{kept:?}");
        tallies::rebuild(db).await.unwrap();
        assert_eq!(snapshot(db).await, kept);

        // The whole province's rows are the sums of its networks' and of its districts'.
        let scope = Scope {
            year: 2568,
            ..Scope::default()
        };
        let f = figures::province(db, UDON, &scope).await.unwrap();
        let total = f.total(&scope);
        assert!(total.reports > 0, "{f:?}");
        let by_network: i64 = f.networks.values().map(|t| t.reports).sum();
        let by_district: i64 = f.districts.values().map(|t| t.participants).sum();
        assert_eq!(by_network, total.reports);
        assert_eq!(by_district, total.participants);
        let nation = figures::nation(db, &scope).await.unwrap();
        assert_eq!(nation.get(&UDON).map(|t| t.reports), Some(total.reports));

        // The other reads the dashboards make, on both backends.
        let today = chrono::NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
        let standings = figures::standings(db, 2568, None, today).await.unwrap();
        let udon = standings.get(&UDON).expect("Udon Thani's plan stands");
        assert!(udon.indicators() > 0 && udon.on_track > 0, "{udon:?}");
        // An indicator not measured yet this year stands nowhere, as on the plan's home.
        let now = sermphalang_thai::today_in_thailand();
        let year = sermphalang_thai::FiscalYear::from_date(now).be_year();
        let current = figures::standings(db, year, Some(UDON), now).await.unwrap();
        let current = current.get(&UDON).expect("the plan covers this year");
        let progress = sermphalang_store::plan::indicators::progress(db, current.plan, year)
            .await
            .unwrap();
        let unmeasured = progress
            .iter()
            .filter(|p| p.indicator.kind != IndicatorKind::Count && p.year_actual().is_none())
            .count() as i64;
        assert_eq!(current.indicators(), progress.len() as i64);
        assert_eq!(current.pending, unmeasured);
        let evaluations = figures::evaluations(db, None).await.unwrap();
        let e = evaluations.get(&UDON).expect("Udon Thani's latest cycle");
        assert!(e.baseline.is_some() && e.activities > 0, "{e:?}");
        let organizations = figures::organizations(db).await.unwrap();
        assert!(organizations.get(&UDON).is_some_and(|n| *n > 0));
        let latest = figures::latest_reports(db, UDON, true, 6).await.unwrap();
        assert_eq!(latest.len(), 6);
        assert!(figures::plan_years(db).await.unwrap().is_some());
        let from = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let held = figures::trainings_held(db, Some(UDON), from, today)
            .await
            .unwrap();
        assert!(held.get(&UDON).is_some_and(|n| *n > 0), "{held:?}");
    }
}
