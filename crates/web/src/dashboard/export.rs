//! The dashboards as a workbook (one sheet a chart of the province's dashboard, one sheet of
//! provinces for the nation's) and as a Thai A4 PDF (their figures, charts and tables).

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
use sermphalang_pdf::dashboard::{
    ChartData, ChartRow, DashboardDocument, SeriesData, TableData, render_dashboard,
};

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
    let board = match Board::kept(&state, &ctx, province, &filters, false).await {
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
    let n = match nation::kept(&state, &ctx, &q).await {
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

/// What a dashboard's figures cover, in words: the year, and any quarter, network, district.
fn scope_words(ctx: &Ctx, scope: &sermphalang_store::dashboard::figures::Scope) -> String {
    let mut parts = vec![format!("{} {}", ctx.t("fiscal_year_short"), scope.year)];
    if let Some(q) = scope.quarter {
        parts.push(ctx.t(&format!("quarter_{q}")).to_string());
    }
    if let Some(n) = &scope.network {
        parts.push(ctx.sector_code(n).to_string());
    }
    if let Some(d) = scope.district {
        parts.push(ctx.district_name(d));
    }
    parts.join(" · ")
}

fn chart_data(chart: &Chart) -> ChartData {
    ChartData {
        title: chart.title.clone(),
        series: chart
            .series
            .iter()
            .map(|s| SeriesData {
                name: s.name.clone(),
                color: s.fill.into(),
            })
            .collect(),
        rows: chart
            .categories
            .iter()
            .map(|c| ChartRow {
                label: c.label.clone(),
                values: c.values.clone(),
                texts: c.texts.clone(),
                color: c.fill.unwrap_or("").into(),
            })
            .collect(),
        top: chart.top(),
    }
}

fn document(ctx: &Ctx, title: String, scope: String) -> DashboardDocument {
    DashboardDocument {
        lang: ctx.lang_code().into(),
        title,
        scope,
        generated_on: ctx.date(sermphalang_thai::today_in_thailand()),
        generated_label: ctx.t("plan_generated_on").into(),
        page_label: ctx.t("page").into(),
        ..DashboardDocument::default()
    }
}

async fn pdf(document: DashboardDocument, file: String) -> Result<Response, AppError> {
    let bytes = tokio::task::spawn_blocking(move || render_dashboard(&document))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(bytes, "application/pdf", &file))
}

pub async fn province_pdf(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    let board = match Board::kept(&state, &ctx, province, &filters, false).await {
        Ok(b) => b,
        Err(failed) => return Ok(failed.answer(ctx, Some(province), format!("/p/{province}"))),
    };
    let charts = Charts::of(&board, &ctx, "");
    let mut doc = document(
        &ctx,
        format!(
            "{} · {}",
            ctx.t("dash_province_title"),
            ctx.province_name(province)
        ),
        scope_words(&ctx, &board.scope),
    );
    let t = board.total;
    doc.figures = vec![
        (ctx.count(t.reports), ctx.t("dash_reports").into()),
        (ctx.count(t.participants), ctx.t("dash_participants").into()),
        (ctx.count(board.trainings), ctx.t("dash_trainings").into()),
        (ctx.count(t.certificates), ctx.t("dash_certificates").into()),
        (
            format!("{} / {}", board.on_track(), board.rows.len()),
            ctx.t("dash_on_track").into(),
        ),
    ];
    doc.charts = [
        &charts.plan,
        &charts.quarters,
        &charts.networks,
        &charts.districts,
        &charts.years,
        &charts.gender,
        &charts.age,
        &charts.evaluation,
    ]
    .into_iter()
    .filter(|c| !c.categories.is_empty())
    .map(chart_data)
    .collect();
    pdf(
        doc,
        format!("dashboard-{province}-{}.pdf", board.scope.year),
    )
    .await
}

pub async fn nation_pdf(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NationQuery>,
) -> Result<Response, AppError> {
    let n = match nation::kept(&state, &ctx, &q).await {
        Ok(n) => n,
        Err(failed) => return Ok(failed.answer(ctx, None, "/nation".into())),
    };
    let mut doc = document(
        &ctx,
        ctx.t("dash_nation_title").into(),
        scope_words(&ctx, &n.scope),
    );
    doc.figures = vec![
        (ctx.count(n.total.reports), ctx.t("dash_reports").into()),
        (
            ctx.count(n.total.participants),
            ctx.t("dash_participants").into(),
        ),
        (ctx.count(n.trainings), ctx.t("dash_trainings").into()),
        (
            ctx.count(n.total.certificates),
            ctx.t("dash_certificates").into(),
        ),
        (
            ctx.count(n.organizations),
            ctx.t("dash_organizations").into(),
        ),
    ];
    let headers: Vec<String> = [
        "dash_province",
        "dash_reports",
        "dash_participants",
        "dash_trainings",
        "dash_certificates",
        "dash_on_track",
    ]
    .iter()
    .map(|k| ctx.t(k).to_string())
    .collect();
    doc.tables = n
        .regions
        .iter()
        .map(|r| TableData {
            title: format!(
                "{} · {} {}",
                ctx.t(&format!("region_{}", r.id)),
                ctx.count(r.total.reports),
                ctx.t("dash_reports")
            ),
            headers: headers.clone(),
            rows: r
                .lines
                .iter()
                .map(|l| {
                    vec![
                        l.name.clone(),
                        ctx.count(l.tally.reports),
                        ctx.count(l.tally.participants),
                        ctx.count(l.trainings),
                        ctx.count(l.tally.certificates),
                        l.standing
                            .as_ref()
                            .map(|s| format!("{} / {}", s.on_track, s.indicators()))
                            .unwrap_or_else(|| "–".into()),
                    ]
                })
                .collect(),
        })
        .collect();
    pdf(doc, format!("nation-{}.pdf", n.scope.year)).await
}
