//! The plan as a workbook: its tree with budgets and responsibilities, and its indicators with
//! each fiscal year's target and actual, in the columns provincial offices keep.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{XLSX, download};
use axum::extract::{Path, State};
use axum::response::Response;
use sermphalang_documents::{Cell, Table, write_workbook};
use sermphalang_domain::plan::import::{
    ENTRY_COLUMNS, INDICATOR_COLUMNS, INDICATOR_SHEET, STRUCTURE_SHEET, WHOLE_PLAN, sources_cell,
};
use sermphalang_store::plan::{entries, indicators, plans, references};

pub async fn workbook(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, id).await?;
    let tree = entries::tree(&state.db, id).await?;
    let refs = references::list(&state.db, province).await?;
    let name_of = |code: &String| {
        refs.iter()
            .find(|r| &r.code == code)
            .map(|r| r.name_th.clone())
            .unwrap_or_else(|| code.clone())
    };
    let structure = Table {
        name: STRUCTURE_SHEET.into(),
        headers: ENTRY_COLUMNS.iter().map(|c| c.th.to_string()).collect(),
        rows: tree
            .iter()
            .map(|e| {
                vec![
                    Cell::from(e.number.as_str()),
                    Cell::from(e.level.label_th()),
                    Cell::from(e.title.as_str()),
                    Cell::from(e.description.as_str()),
                    e.fiscal_year
                        .map(|y| Cell::from(i64::from(y)))
                        .unwrap_or(Cell::Empty),
                    date_cell(e.starts_on),
                    date_cell(e.ends_on),
                    Cell::from(ctx.sectors(&e.networks)),
                    Cell::from(
                        e.organizations
                            .iter()
                            .map(|(_, n)| n.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    Cell::from(
                        e.districts
                            .iter()
                            .map(|d| ctx.district_name(d))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    Cell::from(
                        e.references
                            .iter()
                            .map(name_of)
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    if e.budget.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Number(e.budget_satang() as f64 / 100.0)
                    },
                    Cell::from(sources_cell(&e.budget)),
                ]
            })
            .collect(),
    };
    let mut headers: Vec<String> = INDICATOR_COLUMNS.iter().map(|c| c.th.to_string()).collect();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let list = indicators::list(&state.db, id).await?;
    for i in &list {
        let measured = i
            .entry_id
            .and_then(|e| tree.iter().find(|t| t.id == e))
            .map(|t| format!("{} {}", t.number, t.title))
            .unwrap_or_else(|| WHOLE_PLAN.into());
        rows.push(vec![
            Cell::from(i.name.as_str()),
            Cell::from(i.unit.as_str()),
            Cell::from(i.kind.label_th()),
            Cell::from(i.baseline),
            Cell::from(measured),
        ]);
    }
    for year in plan.first_year..=plan.last_year {
        headers.push(format!("เป้าหมาย {year}"));
        headers.push(format!("ผล {year}"));
        let progress = indicators::progress(&state.db, id, year).await?;
        for (row, p) in rows.iter_mut().zip(&progress) {
            row.push(Cell::from(p.targets[0]));
            row.push(Cell::from(p.year_actual()));
        }
    }
    let bytes = write_workbook(&[
        structure,
        Table {
            name: INDICATOR_SHEET.into(),
            headers,
            rows,
        },
    ])
    .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        bytes,
        XLSX,
        &format!(
            "plan-{province}-{}-{}.xlsx",
            plan.first_year, plan.last_year
        ),
    ))
}

fn date_cell(date: Option<chrono::NaiveDate>) -> Cell {
    date.map(|d| Cell::from(sermphalang_thai::format_input(d)))
        .unwrap_or(Cell::Empty)
}
