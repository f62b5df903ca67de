//! How many units are where: counts by year, subject, status and level, by district and by
//! network, read in two grouped queries so the page stays fast at thousands of assessments.

use crate::{Db, Result};
use serde::Serialize;
use sermphalang_domain::assessment::{Level, Status, Subject};
use sermphalang_domain::registry::Sector;
use sqlx::Row;

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub fiscal_year: i64,
    pub subject: Subject,
    pub status: Status,
    /// The awarded level; none before an award.
    pub level: Option<Level>,
    pub district_code: Option<i64>,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct NetworkCell {
    pub fiscal_year: i64,
    pub network: Sector,
    pub level: Level,
    pub count: i64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Rollup {
    pub cells: Vec<Cell>,
    /// Awarded organizations and communities by the networks they belong to.
    pub networks: Vec<NetworkCell>,
}

impl Rollup {
    /// The fiscal years present, newest first.
    pub fn years(&self) -> Vec<i64> {
        let mut years: Vec<i64> = self.cells.iter().map(|c| c.fiscal_year).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        years
    }

    /// Units awarded `level` (or, with `None`, any level) in a year, of a subject.
    pub fn awarded(&self, year: i64, subject: Subject, level: Option<Level>) -> i64 {
        self.cells
            .iter()
            .filter(|c| {
                c.fiscal_year == year && c.subject == subject && c.status == Status::Awarded
            })
            .filter(|c| level.is_none() || c.level == level)
            .map(|c| c.count)
            .sum()
    }

    /// Assessments of a year and subject in a status.
    pub fn in_status(&self, year: i64, subject: Subject, status: Status) -> i64 {
        self.cells
            .iter()
            .filter(|c| c.fiscal_year == year && c.subject == subject && c.status == status)
            .map(|c| c.count)
            .sum()
    }

    /// Awarded units of a year at a level in one district, any subject but the province.
    pub fn in_district(&self, year: i64, district: i64, level: Level) -> i64 {
        self.cells
            .iter()
            .filter(|c| {
                c.fiscal_year == year
                    && c.district_code == Some(district)
                    && c.status == Status::Awarded
                    && c.level == Some(level)
            })
            .map(|c| c.count)
            .sum()
    }

    pub fn in_network(&self, year: i64, network: Sector, level: Level) -> i64 {
        self.networks
            .iter()
            .filter(|c| c.fiscal_year == year && c.network == network && c.level == level)
            .map(|c| c.count)
            .sum()
    }
}

pub async fn province(db: &Db, province: i64) -> Result<Rollup> {
    let mut conn = db.read().acquire().await?;
    let rows = sqlx::query(
        "SELECT fiscal_year, subject, status, level, district_code, COUNT(*) FROM assessments \
         WHERE province_code = $1 GROUP BY fiscal_year, subject, status, level, district_code",
    )
    .bind(province)
    .fetch_all(&mut *conn)
    .await?;
    let cells = rows
        .iter()
        .filter_map(|r| {
            Some(Cell {
                fiscal_year: r.get(0),
                subject: Subject::parse(&r.get::<String, _>(1))?,
                status: Status::parse(&r.get::<String, _>(2))?,
                level: r.get::<Option<String>, _>(3).and_then(|c| Level::parse(&c)),
                district_code: r.get(4),
                count: r.get(5),
            })
        })
        .collect();
    let rows = sqlx::query(
        "SELECT a.fiscal_year, s.sector_code, a.level, COUNT(*) FROM assessments a \
         JOIN organization_sectors s ON s.organization_id = a.organization_id \
         WHERE a.province_code = $1 AND a.status = 'awarded' \
         GROUP BY a.fiscal_year, s.sector_code, a.level",
    )
    .bind(province)
    .fetch_all(&mut *conn)
    .await?;
    let networks = rows
        .iter()
        .filter_map(|r| {
            Some(NetworkCell {
                fiscal_year: r.get(0),
                network: Sector::parse(&r.get::<String, _>(1))?,
                level: Level::parse(&r.get::<Option<String>, _>(2)?)?,
                count: r.get(3),
            })
        })
        .collect();
    Ok(Rollup { cells, networks })
}

/// Awarded units by year, subject and level, for the dashboard and the public page: counts
/// only, never a unit's scores.
pub async fn awarded_counts(db: &Db, province: i64) -> Result<Vec<(i64, Subject, Level, i64)>> {
    let rows = sqlx::query(
        "SELECT fiscal_year, subject, level, COUNT(*) FROM assessments \
         WHERE province_code = $1 AND status = 'awarded' \
         GROUP BY fiscal_year, subject, level ORDER BY fiscal_year DESC",
    )
    .bind(province)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            Some((
                r.get(0),
                Subject::parse(&r.get::<String, _>(1))?,
                Level::parse(&r.get::<Option<String>, _>(2)?)?,
                r.get(3),
            ))
        })
        .collect())
}
