//! The national-scale dataset: 77 provinces, 20,000 organizations, 1,000,000 approved
//! activity reports, 500,000 evaluation ratings (two cycles a province, the second following
//! up the first), 100,000 certificates (2,500 trainings of 40). Written in bulk (many rows a
//! statement, explicit ids after the demo's), then the dashboards' figures are computed from
//! the records once by `tallies::rebuild`, as after any bulk load.

use anyhow::{Context, Result};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sermphalang_domain::registry::Sector;
use sermphalang_store::{Backend, Db};
use sqlx::{AssertSqlSafe, Row};
use std::time::Instant;

pub const ORGANIZATIONS: usize = 20_000;
pub const REPORTS: usize = 1_000_000;
pub const RATINGS: usize = 500_000;
pub const CERTIFICATES: usize = 100_000;
const ACTIVITIES_PER_CYCLE: usize = 10;
const PER_EVENT: usize = 40;

#[derive(Clone)]
pub(crate) enum V {
    I(i64),
    T(String),
    B(Vec<u8>),
    Null,
}

impl From<i64> for V {
    fn from(v: i64) -> V {
        V::I(v)
    }
}

impl From<&str> for V {
    fn from(v: &str) -> V {
        V::T(v.to_string())
    }
}

impl From<String> for V {
    fn from(v: String) -> V {
        V::T(v)
    }
}

/// Inserts rows a hundred-odd at a time, in one transaction.
pub(crate) async fn bulk(db: &Db, table: &str, columns: &[&str], rows: Vec<Vec<V>>) -> Result<()> {
    // Small statements: sqlx binds many parameters in time that grows faster than their number.
    let per = (2_000 / columns.len()).max(1);
    let mut tx = db.begin().await?;
    for chunk in rows.chunks(per) {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut n = 0;
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for c in 0..columns.len() {
                if c > 0 {
                    sql.push_str(", ");
                }
                n += 1;
                sql.push_str(&format!("${n}"));
            }
            sql.push(')');
        }
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for row in chunk {
            for v in row {
                q = match v {
                    V::I(i) => q.bind(*i),
                    V::T(t) => q.bind(t.clone()),
                    V::B(b) => q.bind(b.clone()),
                    V::Null => q.bind(None::<i64>),
                };
            }
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn next_id(db: &Db, table: &str) -> Result<i64> {
    let max: Option<i64> =
        sqlx::query_scalar(AssertSqlSafe(format!("SELECT MAX(id) FROM {table}")))
            .fetch_one(db.read())
            .await?;
    Ok(max.unwrap_or(0) + 1)
}

/// The fiscal year and quarter of a day, and the day as stored.
fn day_in(rng: &mut StdRng, year: i32) -> (String, i64, i64) {
    let fy = sermphalang_thai::FiscalYear::try_new(year).expect("a fiscal year");
    let span = (fy.end() - fy.start()).num_days() as u64;
    let day = fy.start() + chrono::Days::new(rng.random_range(0..=span));
    (
        day.to_string(),
        i64::from(year),
        i64::from(sermphalang_thai::FiscalYear::quarter_of(day)),
    )
}

/// Writes the dataset into a database that holds the demo already.
pub async fn generate(db: &Db) -> Result<()> {
    let mut rng = StdRng::seed_from_u64(77);
    let at = sermphalang_store::now();
    let provinces: Vec<i64> = sqlx::query_scalar("SELECT code FROM provinces ORDER BY code")
        .fetch_all(db.read())
        .await?;
    let mut districts: Vec<Vec<i64>> = Vec::new();
    for p in &provinces {
        let rows = sqlx::query("SELECT code FROM districts WHERE province_code = $1")
            .bind(*p)
            .fetch_all(db.read())
            .await?;
        districts.push(rows.iter().map(|r| r.get(0)).collect());
    }
    // Provinces differ in how much they report: weights 1 to 7.
    let weights: Vec<usize> = provinces.iter().map(|p| 1 + (*p as usize % 7)).collect();
    let weight_sum: usize = weights.iter().sum();
    let pick_province = |rng: &mut StdRng| -> usize {
        let mut r = rng.random_range(0..weight_sum);
        for (i, w) in weights.iter().enumerate() {
            if r < *w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    };
    let this_year =
        sermphalang_thai::FiscalYear::from_date(sermphalang_thai::today_in_thailand()).be_year();
    let years: Vec<i32> = (this_year - 4..=this_year).collect();

    let started = Instant::now();
    let first = next_id(db, "organizations").await?;
    let rows = (0..ORGANIZATIONS)
        .map(|n| {
            let p = pick_province(&mut rng);
            let d = districts[p][rng.random_range(0..districts[p].len())];
            let name = format!("องค์กรคุณธรรมหมายเลข {n}");
            vec![
                V::I(first + n as i64),
                V::I(provinces[p]),
                V::I(d),
                V::T(name.clone()),
                V::B(sermphalang_thai::sort_key(&name)),
                "civil_society".into(),
                "".into(),
                "".into(),
                "".into(),
                V::T(at.clone()),
                V::T(at.clone()),
            ]
        })
        .collect();
    let cols = [
        "id",
        "province_code",
        "district_code",
        "name",
        "sort_key",
        "kind",
        "phone",
        "email",
        "address",
        "created_at",
        "updated_at",
    ];
    bulk(db, "organizations", &cols, rows).await?;
    println!(
        "  {ORGANIZATIONS} organizations in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let first = next_id(db, "reports").await?;
    let cols = [
        "id",
        "province_code",
        "title",
        "held_on",
        "fiscal_year",
        "quarter",
        "district_code",
        "network_code",
        "male",
        "female",
        "gender_unstated",
        "youth",
        "adults",
        "elders",
        "status",
        "created_at",
        "updated_at",
        "decided_at",
    ];
    const BATCH: usize = 100_000;
    for batch in 0..REPORTS.div_ceil(BATCH) {
        let rows = (batch * BATCH..((batch + 1) * BATCH).min(REPORTS))
            .map(|n| {
                let p = pick_province(&mut rng);
                let d = districts[p][rng.random_range(0..districts[p].len())];
                let year = years[rng.random_range(0..years.len())];
                let (held_on, fy, quarter) = day_in(&mut rng, year);
                let total: i64 = rng.random_range(10..200);
                let female = total * rng.random_range(40..65) / 100;
                let youth = total * rng.random_range(20..60) / 100;
                let elders = (total - youth) / 4;
                let network = Sector::ALL[rng.random_range(0..Sector::ALL.len())];
                vec![
                    V::I(first + n as i64),
                    V::I(provinces[p]),
                    "กิจกรรมส่งเสริมคุณธรรม".into(),
                    V::T(held_on.clone()),
                    V::I(fy),
                    V::I(quarter),
                    V::I(d),
                    network.code().into(),
                    V::I(total - female),
                    V::I(female),
                    V::I(0),
                    V::I(youth),
                    V::I(total - youth - elders),
                    V::I(elders),
                    "approved".into(),
                    V::T(at.clone()),
                    V::T(at.clone()),
                    V::T(format!("{held_on}T10:00:00.000Z")),
                ]
            })
            .collect();
        bulk(db, "reports", &cols, rows).await?;
        println!(
            "  {} reports in {:.1} s",
            ((batch + 1) * BATCH).min(REPORTS),
            started.elapsed().as_secs_f64()
        );
    }

    let started = Instant::now();
    let (mut cycle_id, mut activity_id, mut participant_id) = (
        next_id(db, "cycles").await?,
        next_id(db, "activities").await?,
        next_id(db, "participants").await?,
    );
    let raters = RATINGS.div_ceil(provinces.len() * 2 * ACTIVITIES_PER_CYCLE);
    let (mut cycles, mut activities, mut participants, mut ratings) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for p in &provinces {
        let mut baseline: Option<(i64, Vec<i64>)> = None;
        for (round, year) in [(1, this_year - 1), (2, this_year)] {
            let name = format!("การประเมินเสริมพลัง ครั้งที่ {round}");
            cycles.push(vec![
                V::I(cycle_id),
                V::I(*p),
                V::T(name.clone()),
                V::B(sermphalang_thai::sort_key(&name)),
                V::I(i64::from(year)),
                baseline.as_ref().map_or(V::Null, |(b, _)| V::I(*b)),
                V::I(5),
                V::I(1),
                V::I(6),
                V::I(1),
                "planning".into(),
                V::T(at.clone()),
                V::T(at.clone()),
            ]);
            let mut ids = Vec::new();
            for a in 0..ACTIVITIES_PER_CYCLE {
                let source = baseline.as_ref().map_or(V::Null, |(_, s)| V::I(s[a]));
                activities.push(vec![
                    V::I(activity_id),
                    V::I(cycle_id),
                    V::T(format!("กิจกรรมหลักที่ {}", a + 1)),
                    source,
                    V::I(1),
                    V::I(a as i64 + 1),
                    V::T(at.clone()),
                ]);
                ids.push(activity_id);
                activity_id += 1;
            }
            for number in 1..=raters {
                participants.push(vec![
                    V::I(participant_id),
                    V::I(cycle_id),
                    V::I(number as i64),
                    V::T(format!("ผู้เข้าร่วม {number}")),
                    "phone".into(),
                    V::T(at.clone()),
                ]);
                let lift = if round == 2 { 1 } else { 0 };
                for a in &ids {
                    ratings.push(vec![
                        V::I(*a),
                        V::I(participant_id),
                        V::I(rng.random_range(3..=9) + lift),
                        V::T(at.clone()),
                    ]);
                }
                participant_id += 1;
            }
            baseline = Some((cycle_id, ids));
            cycle_id += 1;
        }
    }
    let cycle_cols = [
        "id",
        "province_code",
        "name",
        "sort_key",
        "fiscal_year",
        "baseline_cycle_id",
        "dots_per_person",
        "stacking",
        "top_k",
        "anonymous",
        "step",
        "created_at",
        "updated_at",
    ];
    bulk(db, "cycles", &cycle_cols, cycles).await?;
    let activity_cols = [
        "id",
        "cycle_id",
        "title",
        "source_activity_id",
        "chosen",
        "position",
        "created_at",
    ];
    bulk(db, "activities", &activity_cols, activities).await?;
    let participant_cols = [
        "id",
        "cycle_id",
        "number",
        "display_name",
        "kind",
        "joined_at",
    ];
    bulk(db, "participants", &participant_cols, participants).await?;
    let rating_count = ratings.len();
    bulk(
        db,
        "ratings",
        &["activity_id", "participant_id", "value", "updated_at"],
        ratings,
    )
    .await?;
    println!(
        "  {} cycles, {rating_count} ratings in {:.1} s",
        provinces.len() * 2,
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let (mut event_id, mut registration_id, mut certificate_id) = (
        next_id(db, "events").await?,
        next_id(db, "registrations").await?,
        next_id(db, "certificates").await?,
    );
    let (mut events, mut registrations, mut certificates) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..CERTIFICATES / PER_EVENT {
        let p = pick_province(&mut rng);
        let year = years[rng.random_range(0..years.len())];
        let (day, _, _) = day_in(&mut rng, year);
        let title = format!("อบรมแกนนำคุณธรรม รุ่นที่ {event_id}");
        events.push(vec![
            V::I(event_id),
            V::I(provinces[p]),
            V::T(title.clone()),
            V::B(sermphalang_thai::sort_key(&title)),
            "workshop".into(),
            V::I(0),
            V::I(1),
            "sessions".into(),
            V::I(1),
            V::I(0),
            V::T(day.clone()),
            V::T(day.clone()),
            V::T(at.clone()),
            V::T(at.clone()),
        ]);
        for number in 1..=PER_EVENT as i64 {
            let name = format!("ผู้เข้าอบรม {registration_id}");
            registrations.push(vec![
                V::I(registration_id),
                V::I(event_id),
                V::I(number),
                V::T(format!("T{registration_id:012}")),
                "นาย".into(),
                V::T(name.clone()),
                "ทดสอบ".into(),
                V::B(sermphalang_thai::sort_key(&name)),
                V::T(name.clone()),
                V::T(format!("id-{registration_id}")),
                "confirmed".into(),
                V::T(at.clone()),
                V::T(at.clone()),
                V::T(at.clone()),
            ]);
            certificates.push(vec![
                V::I(certificate_id),
                V::I(event_id),
                V::I(registration_id),
                V::I(number),
                V::T(format!("C{certificate_id:015}")),
                V::T(name),
                V::B(Vec::new()),
                V::T(format!("{day}T09:00:00.000Z")),
            ]);
            registration_id += 1;
            certificate_id += 1;
        }
        event_id += 1;
    }
    let event_cols = [
        "id",
        "province_code",
        "title",
        "sort_key",
        "kind",
        "approval_required",
        "published",
        "rule_kind",
        "rule_value",
        "evaluation_required",
        "starts_on",
        "ends_on",
        "created_at",
        "updated_at",
    ];
    bulk(db, "events", &event_cols, events).await?;
    let registration_cols = [
        "id",
        "event_id",
        "number",
        "ticket",
        "prefix",
        "first_name",
        "last_name",
        "sort_key",
        "search_text",
        "identity",
        "status",
        "consent_at",
        "created_at",
        "updated_at",
    ];
    bulk(db, "registrations", &registration_cols, registrations).await?;
    let certificate_cols = [
        "id",
        "event_id",
        "registration_id",
        "number",
        "code",
        "name",
        "pdf",
        "issued_at",
    ];
    bulk(db, "certificates", &certificate_cols, certificates).await?;
    println!(
        "  {CERTIFICATES} certificates in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    if db.backend == Backend::Postgres {
        for table in [
            "organizations",
            "reports",
            "cycles",
            "activities",
            "participants",
            "events",
            "registrations",
            "certificates",
        ] {
            sqlx::query(AssertSqlSafe(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )))
            .execute(db.write())
            .await
            .with_context(|| format!("moving {table}'s id sequence on"))?;
        }
    }
    sqlx::query("ANALYZE").execute(db.write()).await?;
    Ok(())
}
