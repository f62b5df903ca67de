//! About 300 activity reports of Udon Thani against its plan, from October 2565 to today:
//! across the 20 districts and six networks, most approved (so the plan's actuals come from
//! them), the latest still submitted or in draft, a few returned with the secretariat's
//! reasons; photos made by code through the caller's photo pipeline.

use super::UDON_THANI;
use crate::audit::Actor;
use crate::plan::entries::{self, Entry};
use crate::plan::indicators::{self, Indicator};
use crate::plan::plans;
use crate::registry::org::{self, OrgFilter};
use crate::report::photos::{self, Made, NewPhoto};
use crate::report::reports;
use crate::{Db, PageRequest, Result};
use chrono::NaiveDate;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sermphalang_domain::plan::IndicatorKind;
use sermphalang_domain::registry::Sector;
use sermphalang_domain::report::{Participants, ReportInput, ReportStatus};
use sermphalang_thai::FiscalYear;

/// How far each fiscal year's reports reached its targets, 2566 to 2570.
const REACHED: [f64; 5] = [0.96, 1.04, 0.88, 0.71, 0.9];

const VENUES: &[&str] = &[
    "ศาลาการเปรียญวัดในหมู่บ้าน",
    "หอประชุมที่ว่าการอำเภอ",
    "โรงเรียนประจำตำบล",
    "ศาลากลางจังหวัดอุดรธานี",
    "ศูนย์พัฒนาเด็กเล็ก",
    "ลานกิจกรรมหนองประจักษ์",
    "องค์การบริหารส่วนตำบล",
];

const NARRATIVES: &[&str] = &[
    "ภาคีเครือข่ายร่วมกันวางแผนล่วงหน้าสองสัปดาห์ ผู้เข้าร่วมแบ่งกลุ่มทำกิจกรรมและสรุปบทเรียนร่วมกัน",
    "เริ่มด้วยพิธีเปิดโดยนายอำเภอ ต่อด้วยกิจกรรมจิตอาสาทำความสะอาดและปลูกต้นไม้ ปิดท้ายด้วยการมอบเกียรติบัตร",
    "พระสงฆ์และครูเป็นวิทยากรร่วม เยาวชนนำเสนอโครงงานคุณธรรมของกลุ่มตนเอง",
    "จัดร่วมกับองค์กรปกครองส่วนท้องถิ่น มีผู้ปกครองเข้าร่วมมากกว่าครั้งก่อน",
];

const RETURN_REASONS: &[&str] = &[
    "โปรดแนบภาพใบลงชื่อผู้เข้าร่วม",
    "จำนวนผู้เข้าร่วมตามเพศและตามช่วงอายุยังไม่ตรงกับใบลงชื่อ",
    "โปรดระบุผลต่อตัวชี้วัดให้ชัดเจน",
];

fn quarter_days(year: i32, quarter: u8) -> (NaiveDate, NaiveDate) {
    FiscalYear::try_new(year)
        .ok()
        .and_then(|fy| fy.quarter_range(quarter))
        .unwrap_or_default()
}

fn participants(rng: &mut StdRng, total: i64, youthful: bool) -> Participants {
    let female = (total as f64 * rng.random_range(0.45..0.65)).round() as i64;
    let male = total - female;
    let youth_share = if youthful { 0.75 } else { 0.25 };
    let youth = (total as f64 * youth_share).round() as i64;
    let elders = ((total - youth) as f64 * 0.3).round() as i64;
    Participants {
        male,
        female,
        gender_unstated: 0,
        youth,
        adults: total - youth - elders,
        elders,
    }
}

struct Loader<'a> {
    db: &'a Db,
    rng: StdRng,
    organizations: Vec<(i64, Vec<Sector>, i64)>,
    photo_seed: u64,
    made: usize,
}

impl Loader<'_> {
    /// Organizations of the network in the district, else of the network anywhere.
    fn organizations_for(&mut self, network: Sector, district: i64) -> Vec<i64> {
        let of_network: Vec<&(i64, Vec<Sector>, i64)> = self
            .organizations
            .iter()
            .filter(|(_, s, _)| s.contains(&network))
            .collect();
        let here: Vec<i64> = of_network
            .iter()
            .filter(|(_, _, d)| *d == district)
            .map(|(id, _, _)| *id)
            .collect();
        if !here.is_empty() {
            return here.into_iter().take(2).collect();
        }
        if of_network.is_empty() {
            return Vec::new();
        }
        let pick = self.rng.random_range(0..of_network.len());
        vec![of_network[pick].0]
    }

    async fn report<F>(
        &mut self,
        input: ReportInput,
        status: ReportStatus,
        comment: &str,
        photos: usize,
        make_photo: &F,
    ) -> Result<()>
    where
        F: Fn(u64) -> Option<Made> + Clone + Send + 'static,
    {
        let actor = Actor::system();
        let mut tx = self.db.audited(&actor, Some(UDON_THANI)).await?;
        let id = reports::create(self.db, &mut tx, UDON_THANI, &input, None).await?;
        for n in 0..photos {
            self.photo_seed += 1;
            let seed = self.photo_seed;
            let maker = make_photo.clone();
            let made = tokio::task::spawn_blocking(move || maker(seed))
                .await
                .ok()
                .flatten();
            if let Some(made) = made {
                let caption = match n {
                    0 => "บรรยากาศกิจกรรม",
                    1 => "ผู้เข้าร่วมทำกิจกรรมกลุ่ม",
                    _ => "ภาพหมู่ผู้เข้าร่วม",
                };
                let photo = NewPhoto::from_made(&made, caption, n % 4 != 3);
                photos::add(&mut tx, UDON_THANI, id, &photo).await?;
            }
        }
        tx.commit_recorded().await?;
        reports::settle(self.db, &actor, UDON_THANI, id, status, comment).await?;
        self.made += 1;
        Ok(())
    }
}

/// Loads the reports; `make_photo` turns a seed into a photo's stored sizes (the caller runs
/// the photo pipeline; `None` leaves a report without that photo). Returns how many.
pub async fn load<F>(db: &Db, today: NaiveDate, make_photo: F) -> Result<usize>
where
    F: Fn(u64) -> Option<Made> + Clone + Send + 'static,
{
    let Some(plan) = plans::list(db, UDON_THANI).await?.into_iter().next() else {
        return Ok(0);
    };
    let tree = entries::tree(db, plan.id).await?;
    let measured: Vec<Indicator> = indicators::list(db, plan.id)
        .await?
        .into_iter()
        .filter(|i| i.entry_id.is_some())
        .collect();
    let all = PageRequest {
        page: 1,
        per_page: 1000,
    };
    let organizations = org::list(db, UDON_THANI, &OrgFilter::default(), all)
        .await?
        .items
        .into_iter()
        .map(|o| (o.id, o.sectors, o.district_code))
        .collect();
    let mut loader = Loader {
        db,
        rng: StdRng::seed_from_u64(2566),
        organizations,
        photo_seed: 0,
        made: 0,
    };
    let districts: Vec<i64> =
        sqlx::query_scalar("SELECT code FROM districts WHERE province_code = $1 ORDER BY code")
            .bind(UDON_THANI)
            .fetch_all(db.read())
            .await?;
    let current = FiscalYear::from_date(today).be_year();
    for indicator in &measured {
        let Some(entry) = tree.iter().find(|e| Some(e.id) == indicator.entry_id) else {
            continue;
        };
        for year in plan.first_year..=plan.last_year.min(current) {
            let progress = indicators::progress(db, plan.id, year).await?;
            let Some(p) = progress.iter().find(|p| p.indicator.id == indicator.id) else {
                continue;
            };
            let reached = REACHED[(year - plan.first_year).clamp(0, 4) as usize];
            for quarter in 1..=4u8 {
                let (first, last) = quarter_days(year, quarter);
                if first > today {
                    break;
                }
                let target = p.targets[usize::from(quarter)].or(p.targets[0].map(|t| t / 4.0));
                let Some(target) = target.filter(|t| *t > 0.0) else {
                    continue;
                };
                let reports: u32 = if indicator.kind == IndicatorKind::Count && target >= 4.0 {
                    2
                } else {
                    1
                };
                for n in 0..reports as usize {
                    let value = match indicator.kind {
                        IndicatorKind::Count => (target * reached / f64::from(reports)).round(),
                        _ => (p.targets[0].unwrap_or(target) * reached * 10.0).round() / 10.0,
                    };
                    let input = report_input(
                        &mut loader,
                        entry,
                        Some(indicator),
                        value,
                        (first, last.min(today)),
                        &districts,
                        n,
                    );
                    let recent = input.held_on >= today - chrono::Days::new(75);
                    let (status, comment) = status_for(&mut loader.rng, recent);
                    let photos = loader.rng.random_range(0..=3);
                    loader
                        .report(input, status, comment, photos, &make_photo)
                        .await?;
                }
            }
        }
    }
    // Activities no indicator measures are reported too, in their own fiscal year.
    for entry in tree.iter().filter(|e| {
        e.level == sermphalang_domain::plan::Level::Activity
            && !measured.iter().any(|i| i.entry_id == Some(e.id))
    }) {
        let Some(year) = entry.fiscal_year.filter(|y| *y <= current) else {
            continue;
        };
        for quarter in 1..=3u8 {
            let (first, last) = quarter_days(year, quarter);
            if first > today {
                break;
            }
            let mut input = report_input(
                &mut loader,
                entry,
                None,
                0.0,
                (first, last.min(today)),
                &districts,
                usize::from(quarter),
            );
            input.contributions.clear();
            let recent = input.held_on >= today - chrono::Days::new(75);
            let (status, comment) = status_for(&mut loader.rng, recent);
            let photos = loader.rng.random_range(1..=3);
            loader
                .report(input, status, comment, photos, &make_photo)
                .await?;
        }
    }
    Ok(loader.made)
}

fn status_for(rng: &mut StdRng, latest: bool) -> (ReportStatus, &'static str) {
    let roll = rng.random_range(0..100);
    match (latest, roll) {
        (true, 0..45) => (ReportStatus::Submitted, ""),
        (true, 45..65) => (ReportStatus::Draft, ""),
        (_, 0..4) => (
            ReportStatus::Returned,
            RETURN_REASONS[roll as usize % RETURN_REASONS.len()],
        ),
        _ => (ReportStatus::Approved, ""),
    }
}

fn report_input(
    loader: &mut Loader<'_>,
    entry: &Entry,
    indicator: Option<&Indicator>,
    value: f64,
    (first, last): (NaiveDate, NaiveDate),
    districts: &[i64],
    n: usize,
) -> ReportInput {
    let rng = &mut loader.rng;
    let span = (last - first).num_days().max(0) as u64;
    let held_on = first + chrono::Days::new(rng.random_range(0..=span));
    let district = if entry.districts.is_empty() || rng.random_range(0..3) == 0 {
        districts[rng.random_range(0..districts.len())]
    } else {
        entry.districts[(n + rng.random_range(0..entry.districts.len())) % entry.districts.len()]
    };
    let network = entry
        .networks
        .get(rng.random_range(0..entry.networks.len().max(1)))
        .copied()
        .unwrap_or(Sector::Community);
    let people = match indicator {
        Some(i) if i.kind == IndicatorKind::Count && i.unit == "คน" => value as i64,
        _ => rng.random_range(25..180),
    };
    let youthful = entry.networks.contains(&Sector::Education);
    let participants = participants(rng, people, youthful);
    let narrative = NARRATIVES[rng.random_range(0..NARRATIVES.len())].to_string();
    let venue = VENUES[rng.random_range(0..VENUES.len())].to_string();
    let organizations = loader.organizations_for(network, district);
    ReportInput {
        title: entry.title.clone(),
        entry: Some(entry.id),
        held_on,
        district,
        venue,
        network,
        organizations,
        virtues: entry
            .references
            .iter()
            .filter(|r| r.starts_with("v-"))
            .cloned()
            .collect(),
        participants,
        narrative,
        contributions: indicator.map(|i| (i.id, value)).into_iter().collect(),
        client_key: None,
    }
}
