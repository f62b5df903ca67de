//! What the dashboards read: sums of the tallies kept at write time, and the few small tables
//! (plans' indicators, cycles' rating totals, events) that are already summaries.

use super::tallies::{EVERY_DISTRICT, EVERY_NETWORK, Tally};
use crate::sql::json_words;
use crate::{Db, Result, StoreError};
use chrono::NaiveDate;
use serde::Serialize;
use sermphalang_domain::plan::{IndicatorKind, QuarterActual, Status, standing, year_actual};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use std::collections::{BTreeMap, HashMap};

/// Which part of the figures a dashboard shows: a fiscal year, and optionally one quarter,
/// one network and one district.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub year: i32,
    pub quarter: Option<u8>,
    pub network: Option<String>,
    pub district: Option<i64>,
}

impl Scope {
    fn network_code(&self) -> String {
        self.network.clone().unwrap_or_else(|| EVERY_NETWORK.into())
    }

    fn district_code(&self) -> i64 {
        self.district.unwrap_or(EVERY_DISTRICT)
    }

    fn counts(&self, quarter: u8) -> bool {
        self.quarter.is_none_or(|q| q == quarter)
    }
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.reports += o.reports;
        self.participants += o.participants;
        self.male += o.male;
        self.female += o.female;
        self.gender_unstated += o.gender_unstated;
        self.youth += o.youth;
        self.adults += o.adults;
        self.elders += o.elders;
        self.certificates += o.certificates;
    }
}

const MEASURES: &str = "reports, participants, male, female, gender_unstated, youth, adults, \
     elders, certificates";

fn tally_at(r: &AnyRow, first: usize) -> Tally {
    Tally {
        reports: r.get(first),
        participants: r.get(first + 1),
        male: r.get(first + 2),
        female: r.get(first + 3),
        gender_unstated: r.get(first + 4),
        youth: r.get(first + 5),
        adults: r.get(first + 6),
        elders: r.get(first + 7),
        certificates: r.get(first + 8),
    }
}

/// A province's figures under a scope.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProvinceTallies {
    /// The year's quarters (October–December first), under the network and district chosen.
    pub quarters: [Tally; 4],
    /// Each network, under the district and quarter chosen.
    pub networks: BTreeMap<String, Tally>,
    /// Each district, under the network and quarter chosen.
    pub districts: BTreeMap<i64, Tally>,
    /// Each fiscal year with figures, under the network and district chosen.
    pub years: BTreeMap<i32, Tally>,
}

impl ProvinceTallies {
    /// The scope's total: its quarter, or the whole year.
    pub fn total(&self, scope: &Scope) -> Tally {
        let mut t = Tally::default();
        for (i, q) in self.quarters.iter().enumerate() {
            if scope.counts(i as u8 + 1) {
                t += *q;
            }
        }
        t
    }
}

/// One province's tallies: a hundred-odd rows of one index range, whatever the number of
/// reports behind them.
pub async fn province(db: &Db, province: i64, scope: &Scope) -> Result<ProvinceTallies> {
    let rows = sqlx::query(AssertSqlSafe(format!(
        "SELECT fiscal_year, network_code, district_code, quarter, {MEASURES} FROM tallies \
         WHERE province_code = $1 AND ((network_code = $3 AND district_code = $4) \
         OR (fiscal_year = $2 AND district_code = $4 AND network_code <> '') \
         OR (fiscal_year = $2 AND network_code = $3 AND district_code <> 0))"
    )))
    .bind(province)
    .bind(i64::from(scope.year))
    .bind(scope.network_code())
    .bind(scope.district_code())
    .fetch_all(db.read())
    .await?;
    let mut out = ProvinceTallies::default();
    let (network, district) = (scope.network_code(), scope.district_code());
    for r in &rows {
        let year = r.get::<i64, _>(0) as i32;
        let row_network: String = r.get(1);
        let row_district: i64 = r.get(2);
        let quarter = r.get::<i64, _>(3) as u8;
        let t = tally_at(r, 4);
        if row_network == network && row_district == district {
            *out.years.entry(year).or_default() += t;
            if year == scope.year && (1..=4).contains(&quarter) {
                out.quarters[quarter as usize - 1] += t;
            }
            continue;
        }
        if !scope.counts(quarter) {
            continue;
        }
        if row_district == district {
            *out.networks.entry(row_network).or_default() += t;
        } else {
            *out.districts.entry(row_district).or_default() += t;
        }
    }
    Ok(out)
}

/// Every province's figures in a year (under a network and quarter): four rows a province.
pub async fn nation(db: &Db, scope: &Scope) -> Result<HashMap<i64, Tally>> {
    let rows = sqlx::query(AssertSqlSafe(format!(
        "SELECT province_code, quarter, {MEASURES} FROM tallies \
         WHERE fiscal_year = $1 AND network_code = $2 AND district_code = 0"
    )))
    .bind(i64::from(scope.year))
    .bind(scope.network_code())
    .fetch_all(db.read())
    .await?;
    let mut out: HashMap<i64, Tally> = HashMap::new();
    for r in &rows {
        if scope.counts(r.get::<i64, _>(1) as u8) {
            *out.entry(r.get(0)).or_default() += tally_at(r, 2);
        }
    }
    Ok(out)
}

/// How a province's current plan stands in a year: its indicators by status.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Standing {
    pub plan: i64,
    pub on_track: i64,
    pub at_risk: i64,
    pub off_track: i64,
    pub no_target: i64,
    /// Not measured yet, or the year not begun.
    pub pending: i64,
}

impl Standing {
    pub fn indicators(&self) -> i64 {
        self.on_track + self.at_risk + self.off_track + self.no_target + self.pending
    }

    fn count(&mut self, s: Status) {
        match s {
            Status::OnTrack => self.on_track += 1,
            Status::AtRisk => self.at_risk += 1,
            Status::OffTrack => self.off_track += 1,
            Status::NoTarget => self.no_target += 1,
        }
    }
}

/// One indicator's year as read: province, plan, indicator, kind, the year's target, and a
/// quarter's actual (quarter, reported, reports, entered), the latter absent without actuals.
type IndicatorFigure = (
    i64,
    i64,
    i64,
    String,
    Option<f64>,
    Option<i64>,
    Option<f64>,
    Option<i64>,
    Option<f64>,
);

/// The standing of every province's newest plan that covers `year` (or one province's), from
/// one JSON value: a few thousand small rows would cost more one by one.
pub async fn standings(
    db: &Db,
    year: i32,
    province: Option<i64>,
    today: NaiveDate,
) -> Result<HashMap<i64, Standing>> {
    let w = json_words(db.backend);
    let sql = format!(
        "SELECT COALESCE({agg}({array}(p.province_code, p.id, i.id, i.kind, t.target, a.quarter, \
         a.reported, a.reports, a.entered)), {empty}){text} \
         FROM plans p JOIN plan_indicators i ON i.plan_id = p.id \
         LEFT JOIN plan_targets t ON t.indicator_id = i.id AND t.fiscal_year = $1 AND t.quarter = 0 \
         LEFT JOIN plan_actuals a ON a.indicator_id = i.id AND a.fiscal_year = $1 \
         WHERE p.archived_at IS NULL AND p.first_year <= $1 AND p.last_year >= $1 \
         AND ($2 IS NULL OR p.province_code = $2)",
        agg = w.agg,
        array = w.array,
        empty = w.empty,
        text = w.text,
    );
    let json: String = sqlx::query_scalar(AssertSqlSafe(sql))
        .bind(i64::from(year))
        .bind(province)
        .fetch_one(db.read())
        .await?;
    let figures: Vec<IndicatorFigure> = serde_json::from_str(&json)
        .map_err(|e| StoreError::Unusable(format!("plan standings unreadable: {e}")))?;
    // Per province its newest plan; per indicator its kind, target and quarters.
    type Quarters = (IndicatorKind, Option<f64>, [Option<f64>; 4]);
    let mut newest: HashMap<i64, i64> = HashMap::new();
    let mut indicators: BTreeMap<(i64, i64, i64), Quarters> = BTreeMap::new();
    for (prov, plan, indicator, kind, target, quarter, reported, reports, entered) in figures {
        let n = newest.entry(prov).or_insert(plan);
        *n = (*n).max(plan);
        let kind = IndicatorKind::parse(&kind).unwrap_or(IndicatorKind::Count);
        let entry = indicators
            .entry((prov, plan, indicator))
            .or_insert((kind, target, [None; 4]));
        if let Some(q @ 1..=4) = quarter {
            let actual = QuarterActual {
                reported: reported.unwrap_or(0.0),
                reports: reports.unwrap_or(0),
                entered,
            };
            entry.2[q as usize - 1] = actual.value(kind);
        }
    }
    let fiscal = sermphalang_thai::FiscalYear::try_new(year)
        .map_err(|e| StoreError::Unusable(e.to_string()))?;
    let period = (fiscal.start(), fiscal.end());
    let mut out: HashMap<i64, Standing> = HashMap::new();
    for ((prov, plan, _), (kind, target, quarters)) in indicators {
        if newest.get(&prov) != Some(&plan) {
            continue;
        }
        let s = out.entry(prov).or_insert_with(|| Standing {
            plan,
            ..Standing::default()
        });
        // As on the plan's home: an indicator not measured yet, or a year not begun, has
        // no standing and counts in none of the four.
        match standing(kind, target, year_actual(kind, quarters), period, today) {
            Some(status) => s.count(status),
            None => s.pending += 1,
        }
    }
    Ok(out)
}

/// A province's latest evaluation cycle: the mean rating of its chosen activities, and where
/// it follows up an earlier cycle, the mean of the same activities then (pairs rated both
/// times only).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EvaluationMeans {
    pub cycle: i64,
    pub name: String,
    pub fiscal_year: i32,
    pub baseline: Option<f64>,
    pub follow_up: Option<f64>,
    pub activities: i64,
}

impl EvaluationMeans {
    pub fn change(&self) -> Option<f64> {
        Some(self.follow_up? - self.baseline?)
    }
}

/// The latest cycle of every province (or one), from the rating totals kept as questions close.
pub async fn evaluations(db: &Db, province: Option<i64>) -> Result<HashMap<i64, EvaluationMeans>> {
    let cycles = sqlx::query(
        "SELECT id, province_code, name, fiscal_year, baseline_cycle_id FROM cycles \
         WHERE archived_at IS NULL AND ($1 IS NULL OR province_code = $1) \
         ORDER BY province_code, fiscal_year, id",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?;
    let mut latest: HashMap<i64, EvaluationMeans> = HashMap::new();
    let mut followed: HashMap<i64, bool> = HashMap::new();
    for r in &cycles {
        let prov: i64 = r.get(1);
        followed.insert(r.get(0), r.get::<Option<i64>, _>(4).is_some());
        latest.insert(
            prov,
            EvaluationMeans {
                cycle: r.get(0),
                name: r.get(2),
                fiscal_year: r.get::<i64, _>(3) as i32,
                baseline: None,
                follow_up: None,
                activities: 0,
            },
        );
    }
    if latest.is_empty() {
        return Ok(latest);
    }
    let ids = latest
        .values()
        .map(|m| m.cycle.to_string())
        .collect::<Vec<_>>()
        .join(",");
    // A follow-up pairs each chosen activity with the activity it came from; a first cycle
    // has only its own means.
    let rows = sqlx::query(AssertSqlSafe(format!(
        "SELECT a.cycle_id, COUNT(*), \
         AVG(CASE WHEN b.ratings > 0 THEN CAST(b.total AS DOUBLE PRECISION) / b.ratings END), \
         AVG(CAST(f.total AS DOUBLE PRECISION) / f.ratings) \
         FROM activities a JOIN rating_totals f ON f.activity_id = a.id \
         LEFT JOIN rating_totals b ON b.activity_id = a.source_activity_id \
         WHERE a.cycle_id IN ({ids}) AND a.chosen = 1 AND a.merged_into IS NULL \
         AND f.ratings > 0 AND (a.source_activity_id IS NULL OR b.ratings > 0) \
         GROUP BY a.cycle_id"
    )))
    .fetch_all(db.read())
    .await?;
    let by_cycle: HashMap<i64, (i64, Option<f64>, Option<f64>)> = rows
        .iter()
        .map(|r| (r.get(0), (r.get(1), r.get(2), r.get(3))))
        .collect();
    for m in latest.values_mut() {
        if let Some((n, before, after)) = by_cycle.get(&m.cycle) {
            m.activities = *n;
            if followed.get(&m.cycle) == Some(&true) {
                m.baseline = *before;
                m.follow_up = *after;
            } else {
                m.baseline = *after;
            }
        }
    }
    Ok(latest)
}

/// Trainings held (started by `to`, not cancelled) between two days, per province.
pub async fn trainings_held(
    db: &Db,
    province: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<i64, i64>> {
    let rows = sqlx::query(
        "SELECT province_code, COUNT(*) FROM events WHERE cancelled_at IS NULL \
         AND starts_on >= $1 AND starts_on <= $2 AND ($3 IS NULL OR province_code = $3) \
         GROUP BY province_code",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(province)
    .fetch_all(db.read())
    .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// Organizations registered (not archived) per province.
pub async fn organizations(db: &Db) -> Result<HashMap<i64, i64>> {
    let rows = sqlx::query(
        "SELECT province_code, COUNT(*) FROM organizations WHERE archived_at IS NULL \
         GROUP BY province_code",
    )
    .fetch_all(db.read())
    .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// An approved report as a dashboard lists it, with its first photo (a consented one only,
/// when the list is public).
#[derive(Debug, Clone, Serialize)]
pub struct LatestReport {
    pub id: i64,
    pub title: String,
    pub held_on: Option<NaiveDate>,
    pub network: String,
    pub district: i64,
    pub participants: i64,
    pub photo: Option<i64>,
    pub photos: i64,
}

pub async fn latest_reports(
    db: &Db,
    province: i64,
    public: bool,
    limit: i64,
) -> Result<Vec<LatestReport>> {
    let consent = if public { "AND p.consent = 1" } else { "" };
    let rows = sqlx::query(AssertSqlSafe(format!(
        "SELECT r.id, r.title, r.held_on, r.network_code, r.district_code, \
         CASE WHEN r.male + r.female + r.gender_unstated > r.youth + r.adults + r.elders \
         THEN r.male + r.female + r.gender_unstated ELSE r.youth + r.adults + r.elders END, \
         (SELECT p.id FROM photos p WHERE p.report_id = r.id {consent} \
          ORDER BY p.position, p.id LIMIT 1), \
         (SELECT COUNT(*) FROM photos p WHERE p.report_id = r.id {consent}) \
         FROM reports r WHERE r.province_code = $1 AND r.status = 'approved' \
         ORDER BY r.decided_at DESC, r.id DESC LIMIT {limit}"
    )))
    .bind(province)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| LatestReport {
            id: r.get(0),
            title: r.get(1),
            held_on: crate::time::date(r.get(2)),
            network: r.get(3),
            district: r.get(4),
            participants: r.get(5),
            photo: r.get(6),
            photos: r.get(7),
        })
        .collect())
}

/// The first and last fiscal year of any plan in use, nationwide.
pub async fn plan_years(db: &Db) -> Result<Option<(i32, i32)>> {
    let row =
        sqlx::query("SELECT MIN(first_year), MAX(last_year) FROM plans WHERE archived_at IS NULL")
            .fetch_one(db.read())
            .await?;
    let (first, last): (Option<i64>, Option<i64>) = (row.get(0), row.get(1));
    Ok(first.zip(last).map(|(f, l)| (f as i32, l as i32)))
}
