//! The dashboards' figures, kept at write time in the transaction that changes what they
//! count (see migration 0014): approving or reopening a report, issuing, revoking or
//! reissuing a certificate, closing a rating question, entering paper ratings. `rebuild`
//! computes them all again from the records, after a bulk load or to check them.

use crate::{Db, Result};
use chrono::{DateTime, Duration, NaiveDate};
use sermphalang_domain::report::Participants;
use sermphalang_thai::FiscalYear;
use sqlx::{AnyConnection, Row};

/// What one write adds to (or, negated, takes from) a province's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub reports: i64,
    pub participants: i64,
    pub male: i64,
    pub female: i64,
    pub gender_unstated: i64,
    pub youth: i64,
    pub adults: i64,
    pub elders: i64,
    pub certificates: i64,
}

impl Tally {
    /// One approved report and its participants.
    pub fn report(p: &Participants) -> Tally {
        Tally {
            reports: 1,
            participants: p.total(),
            male: p.male,
            female: p.female,
            gender_unstated: p.gender_unstated,
            youth: p.youth,
            adults: p.adults,
            elders: p.elders,
            certificates: 0,
        }
    }

    pub fn certificate() -> Tally {
        Tally {
            certificates: 1,
            ..Tally::default()
        }
    }

    pub fn times(self, sign: i64) -> Tally {
        Tally {
            reports: self.reports * sign,
            participants: self.participants * sign,
            male: self.male * sign,
            female: self.female * sign,
            gender_unstated: self.gender_unstated * sign,
            youth: self.youth * sign,
            adults: self.adults * sign,
            elders: self.elders * sign,
            certificates: self.certificates * sign,
        }
    }

    fn values(&self) -> [i64; 9] {
        [
            self.reports,
            self.participants,
            self.male,
            self.female,
            self.gender_unstated,
            self.youth,
            self.adults,
            self.elders,
            self.certificates,
        ]
    }
}

/// Where a write counts: a province's fiscal year and quarter, and for a report its network
/// and district (a certificate has neither).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub province: i64,
    pub year: i32,
    pub quarter: u8,
    pub network: Option<String>,
    pub district: Option<i64>,
}

/// The network code and district code that stand for "every network" and "every district".
pub const EVERY_NETWORK: &str = "";
pub const EVERY_DISTRICT: i64 = 0;

const UPSERT: &str = "INSERT INTO tallies (province_code, fiscal_year, quarter, network_code, \
     district_code, reports, participants, male, female, gender_unstated, youth, adults, elders, \
     certificates) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
     ON CONFLICT (province_code, fiscal_year, network_code, district_code, quarter) DO UPDATE SET \
     reports = tallies.reports + excluded.reports, \
     participants = tallies.participants + excluded.participants, \
     male = tallies.male + excluded.male, female = tallies.female + excluded.female, \
     gender_unstated = tallies.gender_unstated + excluded.gender_unstated, \
     youth = tallies.youth + excluded.youth, adults = tallies.adults + excluded.adults, \
     elders = tallies.elders + excluded.elders, \
     certificates = tallies.certificates + excluded.certificates";

/// Adds `tally` to every row that shows `place`: its network and district, each alone, and
/// the province as a whole.
pub async fn add(tx: &mut AnyConnection, place: &Place, tally: Tally) -> Result<()> {
    let networks = match &place.network {
        Some(n) => vec![n.clone(), EVERY_NETWORK.to_string()],
        None => vec![EVERY_NETWORK.to_string()],
    };
    let districts = match place.district {
        Some(d) => vec![d, EVERY_DISTRICT],
        None => vec![EVERY_DISTRICT],
    };
    for network in &networks {
        for district in &districts {
            let mut q = sqlx::query(UPSERT)
                .bind(place.province)
                .bind(i64::from(place.year))
                .bind(i64::from(place.quarter))
                .bind(network.clone())
                .bind(*district);
            for v in tally.values() {
                q = q.bind(v);
            }
            q.execute(&mut *tx).await?;
        }
    }
    Ok(())
}

/// The day in Thailand of a stored instant (RFC 3339), for the period a certificate counts in.
pub fn thai_day(at: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(at)
        .ok()
        .map(|t| (t.naive_utc() + Duration::hours(7)).date())
}

/// Where a certificate issued at `issued_at` by a province counts.
pub fn certificate_place(province: i64, issued_at: &str) -> Place {
    let day = thai_day(issued_at).unwrap_or_else(sermphalang_thai::today_in_thailand);
    Place {
        province,
        year: FiscalYear::from_date(day).be_year(),
        quarter: FiscalYear::quarter_of(day),
        network: None,
        district: None,
    }
}

/// Counts a cycle's ratings again (a few thousand rows at most): when a rating question
/// closes, when the live session ends and when paper ratings are entered. Ratings change only
/// while a question is open in a running session, so the totals are final once it closes.
pub async fn refresh_ratings(tx: &mut AnyConnection, cycle: i64) -> Result<()> {
    sqlx::query(
        "DELETE FROM rating_totals WHERE activity_id IN \
         (SELECT id FROM activities WHERE cycle_id = $1)",
    )
    .bind(cycle)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO rating_totals (activity_id, ratings, total) \
         SELECT r.activity_id, COUNT(r.value), COALESCE(SUM(r.value), 0) FROM ratings r \
         JOIN activities a ON a.id = r.activity_id WHERE a.cycle_id = $1 \
         GROUP BY r.activity_id",
    )
    .bind(cycle)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The four roll-ups of the approved reports, as the raw aggregate a dashboard would need
/// without the tallies.
const REPORT_ROLLUPS: &str = "SELECT province_code, fiscal_year, quarter, {network}, {district}, \
     COUNT(*), SUM(CASE WHEN male + female + gender_unstated > youth + adults + elders \
     THEN male + female + gender_unstated ELSE youth + adults + elders END), \
     SUM(male), SUM(female), SUM(gender_unstated), SUM(youth), SUM(adults), SUM(elders), 0 \
     FROM reports WHERE status = 'approved' \
     GROUP BY province_code, fiscal_year, quarter{group}";

/// Computes every figure again from the records, in one transaction.
pub async fn rebuild(db: &Db) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM tallies").execute(&mut *tx).await?;
    for (network, district, group) in [
        (
            "network_code",
            "district_code",
            ", network_code, district_code",
        ),
        ("network_code", "0", ", network_code"),
        ("''", "district_code", ", district_code"),
        ("''", "0", ""),
    ] {
        let select = REPORT_ROLLUPS
            .replace("{network}", network)
            .replace("{district}", district)
            .replace("{group}", group);
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO tallies (province_code, fiscal_year, quarter, network_code, \
             district_code, reports, participants, male, female, gender_unstated, youth, \
             adults, elders, certificates) {select}"
        )))
        .execute(&mut *tx)
        .await?;
    }
    // Certificates count by the day in Thailand they were issued, which SQL cannot tell
    // portably: read them by the hour (UTC) and place each hour here.
    let hours = sqlx::query(
        "SELECT e.province_code, SUBSTR(c.issued_at, 1, 13), COUNT(*) FROM certificates c \
         JOIN events e ON e.id = c.event_id WHERE c.revoked_at IS NULL \
         GROUP BY e.province_code, SUBSTR(c.issued_at, 1, 13)",
    )
    .fetch_all(&mut *tx)
    .await?;
    for row in hours {
        let hour: String = row.get(1);
        let place = certificate_place(row.get(0), &format!("{hour}:00:00Z"));
        let count: i64 = row.get(2);
        add(
            &mut tx,
            &place,
            Tally {
                certificates: count,
                ..Tally::default()
            },
        )
        .await?;
    }
    sqlx::query("DELETE FROM rating_totals")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO rating_totals (activity_id, ratings, total) \
         SELECT activity_id, COUNT(value), COALESCE(SUM(value), 0) FROM ratings \
         GROUP BY activity_id",
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Fills the figures of a database that has records but no figures yet: one from before the
/// figures existed, or a restored backup.
pub async fn fill_if_missing(db: &Db) -> Result<()> {
    let has_figures: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM tallies UNION ALL SELECT 1 FROM rating_totals LIMIT 1")
            .fetch_optional(db.read())
            .await?;
    if has_figures.is_some() {
        return Ok(());
    }
    let has_records: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM reports WHERE status = 'approved' UNION ALL SELECT 1 FROM certificates \
         UNION ALL SELECT 1 FROM ratings LIMIT 1",
    )
    .fetch_optional(db.read())
    .await?;
    if has_records.is_some() {
        rebuild(db).await?;
    }
    Ok(())
}
