//! A light sketch of the other provinces, so that the nation's view has figures: a handful of
//! approved activity reports a year in each province but Udon Thani (the full demo) and Khon
//! Kaen (left empty to show a province getting started), written through the same approval
//! as any report, so the dashboards' tallies count them.

use super::{KHON_KAEN, UDON_THANI};
use crate::audit::Actor;
use crate::report::reports;
use crate::{Db, Result};
use chrono::NaiveDate;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sermphalang_domain::registry::Sector;
use sermphalang_domain::report::{Participants, ReportInput, ReportStatus};
use sermphalang_thai::FiscalYear;
use sqlx::Row;

const TITLES: &[&str] = &[
    "ทำบุญตักบาตรวันพระร่วมกับชุมชน",
    "ค่ายเยาวชนคนดีศรีจังหวัด",
    "จิตอาสาพัฒนาวัดและชุมชน",
    "อบรมครอบครัวคุณธรรม",
    "สวดมนต์ข้ามปีและปฏิบัติธรรม",
    "ตลาดนัดคุณธรรมของดีชุมชน",
    "ประกวดโรงเรียนคุณธรรม",
    "สื่อสร้างสรรค์ส่งเสริมความพอเพียง",
];

pub async fn load(db: &Db, today: NaiveDate) -> Result<usize> {
    let provinces: Vec<i64> = sqlx::query_scalar("SELECT code FROM provinces ORDER BY code")
        .fetch_all(db.read())
        .await?;
    let this_year = FiscalYear::from_date(today).be_year();
    let actor = Actor::system();
    let mut made = 0;
    for province in provinces {
        if province == UDON_THANI || province == KHON_KAEN {
            continue;
        }
        let districts: Vec<i64> =
            sqlx::query("SELECT code FROM districts WHERE province_code = $1")
                .bind(province)
                .fetch_all(db.read())
                .await?
                .iter()
                .map(|r| r.get(0))
                .collect();
        if districts.is_empty() {
            continue;
        }
        let mut rng = StdRng::seed_from_u64(province as u64);
        let busy = rng.random_range(1..=4);
        for year in this_year - 2..=this_year {
            let Ok(fy) = FiscalYear::try_new(year) else {
                continue;
            };
            let last = fy.end().min(today);
            let span = (last - fy.start()).num_days();
            if span < 0 {
                continue;
            }
            for _ in 0..rng.random_range(busy..=busy * 3) {
                let held_on = fy.start() + chrono::Days::new(rng.random_range(0..=span as u64));
                let total: i64 = rng.random_range(20..150);
                let female = (total as f64 * rng.random_range(0.45..0.62)).round() as i64;
                let youth = (total as f64 * rng.random_range(0.2..0.6)).round() as i64;
                let elders = (total - youth) / 4;
                let input = ReportInput {
                    title: TITLES[rng.random_range(0..TITLES.len())].to_string(),
                    entry: None,
                    held_on,
                    district: districts[rng.random_range(0..districts.len())],
                    venue: String::new(),
                    network: Sector::ALL[rng.random_range(0..Sector::ALL.len())],
                    organizations: Vec::new(),
                    virtues: Vec::new(),
                    participants: Participants {
                        male: total - female,
                        female,
                        gender_unstated: 0,
                        youth,
                        adults: total - youth - elders,
                        elders,
                    },
                    narrative: String::new(),
                    contributions: Vec::new(),
                    client_key: None,
                };
                let mut tx = db.audited(&actor, Some(province)).await?;
                let id = reports::create(db, &mut tx, province, &input, None).await?;
                tx.commit_recorded().await?;
                reports::settle(db, &actor, province, id, ReportStatus::Approved, "").await?;
                made += 1;
            }
        }
    }
    Ok(made)
}
