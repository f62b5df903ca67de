//! The dashboards' tables as a workbook: one sheet a chart of the province's dashboard, one
//! sheet of provinces for the nation's.

use super::Filters;
use super::board::{Board, Charts};
use super::chart::Chart;
use super::nation::{self, NationQuery};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{XLSX, download};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use sermphalang_documents::{Cell, Table, write_workbook};

/// A sheet's name: Excel allows 31 characters and no `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

fn table_of(chart: &Chart) -> Table {
    let mut headers = vec![chart.category_header.clone()];
    headers.extend(chart.series.iter().map(|s| s.name.clone()));
    Table {
        name: sheet_name(&chart.title),
        headers,
        rows: chart
            .categories
            .iter()
            .map(|c| {
                let mut row = vec![Cell::from(c.label.as_str())];
                row.extend(c.values.iter().map(|v| Cell::Number(*v)));
                row
            })
            .collect(),
    }
}

fn workbook_failed(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("workbook: {e}"))
}

pub async fn province(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    let board = match Board::gather(&state, &ctx, province, &filters, false).await {
        Ok(b) => b,
        Err(failed) => return Ok(failed.answer(ctx, Some(province), format!("/p/{province}"))),
    };
    let charts = Charts::of(&board, &ctx, "");
    let mut tables: Vec<Table> = [
        &charts.quarters,
        &charts.networks,
        &charts.districts,
        &charts.gender,
        &charts.age,
        &charts.years,
        &charts.evaluation,
    ]
    .into_iter()
    .map(table_of)
    .collect();
    // The plan's sheet carries the figures themselves, not the chart's percentages.
    tables.insert(
        0,
        Table {
            name: sheet_name(ctx.t("dash_plan")),
            headers: [
                "indicator",
                "unit",
                "dash_target_pct",
                "dash_actual_pct",
                "status",
            ]
            .iter()
            .map(|k| ctx.t(k).to_string())
            .collect(),
            rows: board
                .rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::from(r.indicator.name.as_str()),
                        Cell::from(r.indicator.unit.as_str()),
                        Cell::from(r.year.target),
                        Cell::from(r.year.actual),
                        Cell::from(
                            r.year
                                .status
                                .map(|s| ctx.th_en(s.label_th(), s.label_en()))
                                .unwrap_or("–"),
                        ),
                    ]
                })
                .collect(),
        },
    );
    let bytes = write_workbook(&tables).map_err(workbook_failed)?;
    Ok(download(
        bytes,
        XLSX,
        &format!("dashboard-{province}-{}.xlsx", board.scope.year),
    ))
}

pub async fn nation(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NationQuery>,
) -> Result<Response, AppError> {
    let n = match nation::gather(&state, &ctx, &q).await {
        Ok(n) => n,
        Err(failed) => return Ok(failed.answer(ctx, None, "/nation".into())),
    };
    let headers = [
        "dash_region",
        "dash_province",
        "dash_reports",
        "dash_participants",
        "male",
        "female",
        "gender_unstated",
        "dash_trainings",
        "dash_certificates",
        "dash_organizations",
        "dash_on_track",
        "dash_indicators",
        "baseline",
        "follow_up",
    ]
    .iter()
    .map(|k| ctx.t(k).to_string())
    .collect();
    let mut rows = Vec::new();
    for r in &n.regions {
        let region = ctx.t(&format!("region_{}", r.id));
        for l in &r.lines {
            let (on, all) = l
                .standing
                .as_ref()
                .map(|s| (Some(s.on_track as f64), Some(s.indicators() as f64)))
                .unwrap_or((None, None));
            rows.push(vec![
                Cell::from(region),
                Cell::from(l.name.as_str()),
                Cell::from(l.tally.reports),
                Cell::from(l.tally.participants),
                Cell::from(l.tally.male),
                Cell::from(l.tally.female),
                Cell::from(l.tally.gender_unstated),
                Cell::from(l.trainings),
                Cell::from(l.tally.certificates),
                Cell::from(l.organizations),
                Cell::from(on),
                Cell::from(all),
                Cell::from(l.evaluation.as_ref().and_then(|e| e.baseline)),
                Cell::from(l.evaluation.as_ref().and_then(|e| e.follow_up)),
            ]);
        }
    }
    let table = Table {
        name: sheet_name(ctx.t("dash_nation_title")),
        headers,
        rows,
    };
    let bytes = write_workbook(&[table]).map_err(workbook_failed)?;
    Ok(download(
        bytes,
        XLSX,
        &format!("nation-{}.xlsx", n.scope.year),
    ))
}
