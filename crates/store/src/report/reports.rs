//! Reports: written by a network (a coordinator for their own network only), sent, approved
//! or returned by the secretariat. Approval adds the report's contributions to the plan's
//! actuals in the same transaction; reopening takes them back.

use crate::audit::{Actor, Change, Write};
use crate::dashboard::tallies::{self, Place, Tally};
use crate::page::Filter;
use crate::plan::indicators::add_reported;
use crate::sql::{Columns, Value, all_found, bind};
use crate::time::date;
use crate::{Db, Page, PageRequest, Result, StoreError, now};
use chrono::NaiveDate;
use serde::Serialize;
use sermphalang_domain::registry::Sector;
use sermphalang_domain::report::{Participants, ReportInput, ReportStatus, Transition};
use sermphalang_domain::{FieldError, Invalid};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe, Row};

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub id: i64,
    pub province: i64,
    pub entry_id: Option<i64>,
    pub entry_title: Option<String>,
    pub plan_id: Option<i64>,
    pub title: String,
    pub held_on: NaiveDate,
    pub fiscal_year: i32,
    pub quarter: u8,
    pub district: i64,
    pub venue: String,
    pub network: Sector,
    pub participants: Participants,
    pub narrative: String,
    pub status: ReportStatus,
    pub comment: String,
    pub created_by: Option<i64>,
    pub author: Option<String>,
    pub submitted_at: Option<String>,
    pub decided_at: Option<String>,
    pub organizations: Vec<(i64, String)>,
    pub virtues: Vec<String>,
    /// Indicator id, its name and unit, and the value.
    pub contributions: Vec<(i64, String, String, f64)>,
}

const COLUMNS: &str = "r.id, r.province_code, r.entry_id, e.title, e.plan_id, r.title, r.held_on, \
    r.fiscal_year, r.quarter, r.district_code, r.venue, r.network_code, r.male, r.female, \
    r.gender_unstated, r.youth, r.adults, r.elders, r.narrative, r.status, r.comment, \
    r.created_by, u.display_name, r.submitted_at, r.decided_at";
const FROM: &str = "FROM reports r LEFT JOIN plan_entries e ON e.id = r.entry_id \
    LEFT JOIN users u ON u.id = r.created_by";

fn from_row(r: &AnyRow) -> Report {
    Report {
        id: r.get(0),
        province: r.get(1),
        entry_id: r.get(2),
        entry_title: r.get(3),
        plan_id: r.get(4),
        title: r.get(5),
        held_on: date(r.get(6)).unwrap_or_default(),
        fiscal_year: r.get::<i64, _>(7) as i32,
        quarter: r.get::<i64, _>(8) as u8,
        district: r.get(9),
        venue: r.get(10),
        network: Sector::parse(r.get::<String, _>(11).as_str()).unwrap_or(Sector::Public),
        participants: Participants {
            male: r.get(12),
            female: r.get(13),
            gender_unstated: r.get(14),
            youth: r.get(15),
            adults: r.get(16),
            elders: r.get(17),
        },
        narrative: r.get(18),
        status: ReportStatus::parse(r.get::<String, _>(19).as_str()).unwrap_or(ReportStatus::Draft),
        comment: r.get(20),
        created_by: r.get(21),
        author: r.get(22),
        submitted_at: r.get(23),
        decided_at: r.get(24),
        organizations: Vec::new(),
        virtues: Vec::new(),
        contributions: Vec::new(),
    }
}

/// One report of the province, with its organizations, virtues and contributions.
pub async fn find(db: &Db, province: i64, id: i64) -> Result<Report> {
    let row = sqlx::query(AssertSqlSafe(format!(
        "SELECT {COLUMNS} {FROM} WHERE r.id = $1 AND r.province_code = $2"
    )))
    .bind(id)
    .bind(province)
    .fetch_optional(db.read())
    .await?
    .ok_or(StoreError::NotFound)?;
    let mut report = from_row(&row);
    report.organizations = sqlx::query(
        "SELECT o.id, o.name FROM report_organizations l JOIN organizations o \
         ON o.id = l.organization_id WHERE l.report_id = $1 ORDER BY o.sort_key",
    )
    .bind(id)
    .fetch_all(db.read())
    .await?
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect();
    report.virtues = sqlx::query_scalar(
        "SELECT reference_code FROM report_virtues WHERE report_id = $1 ORDER BY reference_code",
    )
    .bind(id)
    .fetch_all(db.read())
    .await?;
    report.contributions = sqlx::query(
        "SELECT i.id, i.name, i.unit, c.value FROM report_contributions c \
         JOIN plan_indicators i ON i.id = c.indicator_id WHERE c.report_id = $1 \
         ORDER BY i.position, i.id",
    )
    .bind(id)
    .fetch_all(db.read())
    .await?
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
    .collect();
    Ok(report)
}

#[derive(Debug, Clone, Default)]
pub struct ReportFilter {
    pub status: Option<ReportStatus>,
    pub network: Option<Sector>,
    pub fiscal_year: Option<i32>,
    pub entry: Option<i64>,
    pub organization: Option<i64>,
}

/// A report in a list, with its first photo.
#[derive(Debug, Clone, Serialize)]
pub struct ReportSummary {
    pub report: Report,
    pub photos: i64,
    pub cover: Option<i64>,
}

pub async fn list(
    db: &Db,
    province: i64,
    filter: &ReportFilter,
    page: PageRequest,
) -> Result<Page<ReportSummary>> {
    let mut f = Filter::new(&format!("{FROM} WHERE r.province_code = $1"));
    f.binds.push(Value::from(province));
    if let Some(s) = filter.status {
        f.and("r.status = ?", s.code().into());
    }
    if let Some(n) = filter.network {
        f.and("r.network_code = ?", n.code().into());
    }
    if let Some(y) = filter.fiscal_year {
        f.and("r.fiscal_year = ?", i64::from(y).into());
    }
    if let Some(e) = filter.entry {
        f.and("r.entry_id = ?", e.into());
    }
    if let Some(o) = filter.organization {
        f.and(
            "EXISTS (SELECT 1 FROM report_organizations l WHERE l.report_id = r.id \
             AND l.organization_id = ?)",
            o.into(),
        );
    }
    let total = f.count(db).await?;
    let sql = format!(
        "SELECT {COLUMNS}, (SELECT COUNT(*) FROM photos p WHERE p.report_id = r.id), \
         (SELECT MIN(p.id) FROM photos p WHERE p.report_id = r.id) {} \
         ORDER BY r.held_on DESC, r.id DESC LIMIT {} OFFSET {}",
        f.sql,
        page.per_page,
        page.offset()
    );
    let rows = f.query(&sql).fetch_all(db.read()).await?;
    Ok(Page {
        items: rows
            .iter()
            .map(|r| ReportSummary {
                report: from_row(r),
                photos: r.get(25),
                cover: r.get(26),
            })
            .collect(),
        total,
        page: page.page,
        per_page: page.per_page,
    })
}

/// Checks what the form could not. Ids of another province, and for a coordinator
/// organizations of another network, are not found: they are not theirs to see.
async fn check(db: &Db, province: i64, input: &ReportInput, network: Option<Sector>) -> Result<()> {
    if network.is_some_and(|n| n != input.network) {
        return Err(StoreError::NotFound);
    }
    let ids = |list: &[i64]| list.iter().map(|i| Value::from(*i)).collect::<Vec<_>>();
    let entry_sql = "SELECT COUNT(*) FROM plan_entries e JOIN plans p ON p.id = e.plan_id \
                     WHERE p.province_code = $1 AND e.level = 'activity' AND e.id IN {ids}";
    let org_sql = match network {
        Some(net) => format!(
            "SELECT COUNT(*) FROM organizations o WHERE o.province_code = $1 AND o.id IN {{ids}} \
             AND EXISTS (SELECT 1 FROM organization_sectors s WHERE s.organization_id = o.id \
             AND s.sector_code = '{}')",
            net.code()
        ),
        None => "SELECT COUNT(*) FROM organizations o WHERE o.province_code = $1 AND o.id IN {ids}"
            .to_string(),
    };
    let indicator_sql = "SELECT COUNT(*) FROM plan_indicators i JOIN plans p ON p.id = i.plan_id \
                         WHERE p.province_code = $1 AND i.id IN {ids}";
    let indicators: Vec<i64> = input.contributions.iter().map(|(i, _)| *i).collect();
    let entries: Vec<i64> = input.entry.into_iter().collect();
    for (sql, list) in [
        (entry_sql, &entries),
        (org_sql.as_str(), &input.organizations),
        (indicator_sql, &indicators),
    ] {
        if !all_found(db, sql, province.into(), ids(list)).await? {
            return Err(StoreError::NotFound);
        }
    }
    let mut errors = Invalid::default();
    let district: Option<i64> =
        sqlx::query_scalar("SELECT code FROM districts WHERE code = $1 AND province_code = $2")
            .bind(input.district)
            .bind(province)
            .fetch_optional(db.read())
            .await?;
    if district.is_none() {
        errors.push(FieldError::new(
            "district",
            "อำเภอที่เลือกไม่อยู่ในจังหวัดนี้",
            "The chosen district is not in this province",
        ));
    }
    let virtues = input
        .virtues
        .iter()
        .map(|v| Value::from(v.as_str()))
        .collect();
    let virtue_sql = "SELECT COUNT(*) FROM plan_references \
                      WHERE (province_code IS NULL OR province_code = $1) AND code IN {ids}";
    if !all_found(db, virtue_sql, province.into(), virtues).await? {
        errors.push(FieldError::new(
            "virtues",
            "ไม่รู้จักคุณธรรมที่เลือก",
            "Unknown virtue chosen",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.into())
    }
}

fn columns(input: &ReportInput, at: &str) -> Columns {
    let p = input.participants;
    Columns::new()
        .set("entry_id", input.entry)
        .set("title", &input.title)
        .set("held_on", Some(input.held_on))
        .set("fiscal_year", input.fiscal_year().be_year())
        .set("quarter", i64::from(input.quarter()))
        .set("district_code", input.district)
        .set("venue", &input.venue)
        .set("network_code", input.network.code())
        .set("male", p.male)
        .set("female", p.female)
        .set("gender_unstated", p.gender_unstated)
        .set("youth", p.youth)
        .set("adults", p.adults)
        .set("elders", p.elders)
        .set("narrative", &input.narrative)
        .set("updated_at", at)
}

async fn write_links(tx: &mut AnyConnection, id: i64, input: &ReportInput) -> Result<()> {
    for table in [
        "report_organizations",
        "report_virtues",
        "report_contributions",
    ] {
        sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE report_id = $1"
        )))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    for o in &input.organizations {
        sqlx::query(
            "INSERT INTO report_organizations (report_id, organization_id) VALUES ($1, $2)",
        )
        .bind(id)
        .bind(*o)
        .execute(&mut *tx)
        .await?;
    }
    for v in &input.virtues {
        sqlx::query("INSERT INTO report_virtues (report_id, reference_code) VALUES ($1, $2)")
            .bind(id)
            .bind(v.clone())
            .execute(&mut *tx)
            .await?;
    }
    for (indicator, value) in &input.contributions {
        sqlx::query(
            "INSERT INTO report_contributions (report_id, indicator_id, value) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(*indicator)
        .bind(*value)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// The report a phone already sent under `key`, if any: sending twice stores once.
pub async fn by_client_key(db: &Db, province: i64, key: &str) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM reports WHERE province_code = $1 AND client_key = $2")
            .bind(province)
            .bind(key.to_string())
            .fetch_optional(db.read())
            .await?,
    )
}

/// Creates a draft in `tx`, so that its photos are stored in the same transaction. A
/// coordinator passes their `network`.
pub async fn create(
    db: &Db,
    tx: &mut Write<'_>,
    province: i64,
    input: &ReportInput,
    network: Option<Sector>,
) -> Result<i64> {
    check(db, province, input, network).await?;
    let at = now();
    let id = columns(input, &at)
        .set("province_code", province)
        .set("status", ReportStatus::Draft.code())
        .set("client_key", input.client_key.clone())
        .set("created_by", tx.actor().user_id)
        .set("created_at", &at)
        .insert(tx, "reports")
        .await?;
    write_links(tx, id, input).await?;
    crate::search::refresh(tx, crate::search::Kind::Report, id).await?;
    tx.record(Change::new("create", "report", id).after(input))
        .await?;
    Ok(id)
}

/// Whether `network` (a coordinator's; `None` for the secretariat) may change the report.
pub fn may_change(report: &Report, network: Option<Sector>) -> bool {
    network.is_none_or(|n| n == report.network)
}

/// Changes a draft or a returned report, in `tx`.
pub async fn update(
    db: &Db,
    tx: &mut Write<'_>,
    province: i64,
    id: i64,
    input: &ReportInput,
    network: Option<Sector>,
) -> Result<()> {
    let before = find(db, province, id).await?;
    if !may_change(&before, network) {
        return Err(StoreError::NotFound);
    }
    if !before.status.editable() {
        return Err(locked(before.status));
    }
    check(db, province, input, network).await?;
    columns(input, &now())
        .update(
            tx,
            "reports",
            "id = ? AND province_code = ?",
            &[id.into(), province.into()],
        )
        .await?;
    write_links(tx, id, input).await?;
    crate::search::refresh(tx, crate::search::Kind::Report, id).await?;
    tx.record(
        Change::new("update", "report", id)
            .before(&before)
            .after(input),
    )
    .await
}

fn locked(status: ReportStatus) -> StoreError {
    Invalid(vec![FieldError::new(
        "status",
        format!("รายงานนี้{}แล้ว จึงแก้ไขไม่ได้", status.label_th()),
        format!(
            "This report is {} and can no longer be changed",
            status.label_en()
        ),
    )])
    .into()
}

/// Moves a report along its workflow. Approval adds its contributions to the plan's actuals
/// and their breakdowns in the same transaction; reopening takes them back. Returning and
/// reopening need a comment.
pub async fn transition(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    step: Transition,
    comment: &str,
    network: Option<Sector>,
) -> Result<ReportStatus> {
    let report = find(db, province, id).await?;
    if !may_change(&report, network) {
        return Err(StoreError::NotFound);
    }
    let to = step
        .apply(report.status)
        .map_err(|e| StoreError::Invalid(Invalid(vec![e])))?;
    let comment = comment.trim();
    if matches!(step, Transition::Return | Transition::Reopen) && comment.is_empty() {
        return Err(Invalid(vec![FieldError::new(
            "comment",
            "กรุณาระบุเหตุผล ผู้รายงานจะเห็นข้อความนี้",
            "Give the reason; the reporter will see it",
        )])
        .into());
    }
    if step == Transition::Submit
        && !sermphalang_domain::report::year_open(
            sermphalang_thai::FiscalYear::from_date(report.held_on),
            sermphalang_thai::today_in_thailand(),
        )
    {
        return Err(Invalid(vec![FieldError::new(
            "status",
            format!("ปีงบประมาณ {} ปิดรับรายงานแล้ว", report.fiscal_year),
            format!("Fiscal year {} is closed to reports", report.fiscal_year),
        )])
        .into());
    }
    let mut tx = db.audited(actor, Some(province)).await?;
    // The status is compared as read, so two approvals at once cannot both add the report.
    let at = now();
    let (decided_at, decided_by) = match step {
        Transition::Submit => (None, None),
        _ => (Some(at.clone()), actor.user_id),
    };
    let changed = sqlx::query(
        "UPDATE reports SET status = $1, comment = $2, updated_at = $3, \
         submitted_at = CASE WHEN $1 = 'submitted' THEN $3 ELSE submitted_at END, \
         decided_at = COALESCE($4, decided_at), decided_by = COALESCE($5, decided_by) \
         WHERE id = $6 AND province_code = $7 AND status = $8",
    )
    .bind(to.code())
    .bind(if step == Transition::Submit {
        String::new()
    } else {
        comment.to_string()
    })
    .bind(at.clone())
    .bind(decided_at)
    .bind(decided_by)
    .bind(id)
    .bind(province)
    .bind(report.status.code())
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Err(StoreError::Conflict);
    }
    match step {
        Transition::Approve => count_in(&mut tx, &report, 1).await?,
        Transition::Reopen => count_in(&mut tx, &report, -1).await?,
        Transition::Submit | Transition::Return => {}
    }
    tx.commit(
        Change::new(step.code(), "report", id).after(&serde_json::json!({
            "status": to.code(),
            "comment": comment,
        })),
    )
    .await?;
    Ok(to)
}

/// Puts a draft report of the past straight into `status`, as a loader of earlier records
/// does (the demo): no workflow checks, the same counting as an approval.
pub(crate) async fn settle(
    db: &Db,
    actor: &Actor,
    province: i64,
    id: i64,
    status: ReportStatus,
    comment: &str,
) -> Result<()> {
    if status == ReportStatus::Draft {
        return Ok(());
    }
    let report = find(db, province, id).await?;
    let mut tx = db.audited(actor, Some(province)).await?;
    sqlx::query(
        "UPDATE reports SET status = $1, comment = $2, submitted_at = $3, \
         decided_at = CASE WHEN $1 = 'submitted' THEN NULL ELSE $3 END WHERE id = $4",
    )
    .bind(status.code())
    .bind(comment.to_string())
    .bind(now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if status == ReportStatus::Approved {
        count_in(&mut tx, &report, 1).await?;
    }
    tx.commit(Change::new("import", "report", id)).await
}

/// Adds (`sign` 1) or takes back (-1) the report's contributions and their breakdowns, and
/// the report in the dashboards' tallies.
async fn count_in(tx: &mut AnyConnection, report: &Report, sign: i64) -> Result<()> {
    let (year, quarter) = (report.fiscal_year, report.quarter);
    let place = Place {
        province: report.province,
        year,
        quarter,
        network: Some(report.network.code().to_string()),
        district: Some(report.district),
    };
    tallies::add(tx, &place, Tally::report(&report.participants).times(sign)).await?;
    let total = report.participants.total();
    for (indicator, _, _, value) in &report.contributions {
        add_reported(tx, *indicator, year, quarter, *value, sign).await?;
        let mut parts: Vec<(&str, String, f64)> = vec![
            ("network", report.network.code().to_string(), *value),
            ("district", report.district.to_string(), *value),
        ];
        // People are split by gender and age as the report's participants were.
        if total > 0 {
            for (dimension, part, n) in report.participants.parts() {
                if n > 0 {
                    parts.push((dimension, part.to_string(), value * n as f64 / total as f64));
                }
            }
        }
        for (dimension, part, v) in parts {
            sqlx::query(
                "INSERT INTO plan_actual_parts (indicator_id, fiscal_year, quarter, dimension, \
                 part, value) VALUES ($1, $2, $3, $4, $5, 0) \
                 ON CONFLICT (indicator_id, fiscal_year, quarter, dimension, part) DO NOTHING",
            )
            .bind(*indicator)
            .bind(i64::from(year))
            .bind(i64::from(quarter))
            .bind(dimension)
            .bind(part.clone())
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE plan_actual_parts SET value = value + $6 WHERE indicator_id = $1 \
                 AND fiscal_year = $2 AND quarter = $3 AND dimension = $4 AND part = $5",
            )
            .bind(*indicator)
            .bind(i64::from(year))
            .bind(i64::from(quarter))
            .bind(dimension)
            .bind(part)
            .bind(v * sign as f64)
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(())
}

/// What approved reports added to an indicator in a fiscal year, by one dimension
/// (network, district, gender, age): part and value, largest first.
pub async fn breakdown(
    db: &Db,
    indicator: i64,
    year: i32,
    dimension: &str,
) -> Result<Vec<(String, f64)>> {
    let rows = bind(
        sqlx::query(
            "SELECT part, SUM(value) FROM plan_actual_parts WHERE indicator_id = $1 \
             AND fiscal_year = $2 AND dimension = $3 GROUP BY part ORDER BY SUM(value) DESC, part",
        ),
        &[indicator.into(), i64::from(year).into(), dimension.into()],
    )
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .filter(|(_, v): &(String, f64)| v.abs() > 1e-9)
        .collect())
}
