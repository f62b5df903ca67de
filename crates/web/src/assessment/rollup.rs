//! The province's roll-up: units at each level by subject, district and network, year over
//! year, and where the assessments in progress stand. Counts only, never a unit's scores.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::render;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use sermphalang_domain::assessment::{Level, Status, Subject};
use sermphalang_domain::registry::Sector;
use sermphalang_store::assessment::rollup::{self, Rollup};

/// One row of a table: a label and its counts, one per column.
pub struct Row {
    pub label: String,
    pub counts: Vec<i64>,
}

#[derive(Template)]
#[template(path = "assessment/rollup.html")]
struct RollupPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    years: Vec<i64>,
    /// Per subject: awarded units at each level, one column per year and level.
    by_subject: Vec<Row>,
    /// Assessments in each status this year, per subject.
    progress: Vec<Row>,
    by_district: Vec<Row>,
    by_network: Vec<Row>,
    year: i64,
    levels: Vec<String>,
    statuses: Vec<String>,
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
) -> Result<Response, AppError> {
    let r = rollup::province(&state.db, province).await?;
    let mut years = r.years();
    years.truncate(3);
    let year = years.first().copied().unwrap_or_else(|| {
        i64::from(
            sermphalang_thai::FiscalYear::from_date(sermphalang_thai::today_in_thailand())
                .be_year(),
        )
    });
    let en = ctx.is_en();
    let name = |th: &'static str, en_: &'static str| if en { en_ } else { th }.to_string();
    let by_subject = Subject::ALL
        .iter()
        .map(|s| Row {
            label: name(s.label_th(), s.label_en()),
            counts: years
                .iter()
                .flat_map(|y| Level::ALL.iter().map(|l| r.awarded(*y, *s, Some(*l))))
                .collect(),
        })
        .collect();
    let progress = Subject::ALL
        .iter()
        .map(|s| Row {
            label: name(s.label_th(), s.label_en()),
            counts: Status::ALL
                .iter()
                .map(|st| r.in_status(year, *s, *st))
                .collect(),
        })
        .collect();
    let by_district = districts(&ctx, &r, province, year);
    let by_network = Sector::ALL
        .iter()
        .map(|n| Row {
            label: ctx.sector(n).to_string(),
            counts: Level::ALL
                .iter()
                .map(|l| r.in_network(year, *n, *l))
                .collect(),
        })
        .collect();
    render(RollupPage {
        levels: Level::ALL
            .iter()
            .map(|l| name(l.label_th(), l.label_en()))
            .collect(),
        statuses: Status::ALL
            .iter()
            .map(|s| name(s.label_th(), s.label_en()))
            .collect(),
        ctx,
        prov: Some(province),
        province,
        years,
        by_subject,
        progress,
        by_district,
        by_network,
        year,
    })
}

/// Districts with any awarded unit this year, each with its counts per level.
fn districts(ctx: &Ctx, r: &Rollup, province: i64, year: i64) -> Vec<Row> {
    ctx.district_options(province)
        .into_iter()
        .map(|(code, label)| Row {
            label,
            counts: Level::ALL
                .iter()
                .map(|l| r.in_district(year, code, *l))
                .collect(),
        })
        .filter(|row| row.counts.iter().any(|c| *c > 0))
        .collect()
}
