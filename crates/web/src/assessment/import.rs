//! Importing last year's paper results from a workbook shaped like the assessments' export:
//! upload, a preview with every row's problems, then all rows or none.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{actor, render, render_invalid};
use crate::sheet_upload::{Sent, table};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use sermphalang_documents::read_workbook;
use sermphalang_domain::FieldError;
use sermphalang_domain::assessment::import::COLUMNS;
use sermphalang_store::StoreError;
use sermphalang_store::assessment::import::{self, Preview};
use sermphalang_store::registry::imports::Table;

/// The sheet the export writes; a workbook without it is read from its first sheet.
const SHEET: &str = "แบบประเมินคุณธรรม";

#[derive(Template)]
#[template(path = "assessment/import.html")]
struct ImportPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    preview: Option<Preview>,
    columns: Vec<&'static str>,
    /// How many results the import just confirmed recorded.
    imported: Option<usize>,
}

impl ImportPage {
    fn new(ctx: Ctx, province: i64, preview: Option<Preview>) -> Self {
        let en = ctx.is_en();
        ImportPage {
            prov: Some(province),
            province,
            columns: COLUMNS
                .iter()
                .map(|c| if en { c.en } else { c.th })
                .collect(),
            imported: None,
            ctx,
            preview,
        }
    }
}

#[derive(serde::Deserialize)]
pub struct Imported {
    results: Option<usize>,
}

pub async fn form(
    ctx: Ctx,
    Path(province): Path<i64>,
    Query(done): Query<Imported>,
) -> Result<Response, AppError> {
    let mut page = ImportPage::new(ctx, province, None);
    page.imported = done.results;
    render(page)
}

pub async fn check(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let refused = |ctx: Ctx, file_name: String, error: FieldError| {
        render_invalid(ImportPage::new(
            ctx,
            province,
            Some(Preview {
                file_name,
                file_error: Some(error),
                ..Preview::default()
            }),
        ))
    };
    let sent = Sent::receive(multipart).await?;
    let (name, mut sheets) = match sent.parse(read_workbook).await? {
        Ok(read) => read,
        Err((file_name, error)) => return refused(ctx, file_name, error),
    };
    let at = sheets
        .iter()
        .position(|(n, _)| n.trim() == SHEET)
        .unwrap_or(0);
    let table = if sheets.is_empty() {
        Table::default()
    } else {
        table(sheets.swap_remove(at).1)
    };
    let preview =
        import::prepare(&state.db, &state.geo, &actor(&ctx), province, &name, &table).await?;
    if preview.batch.is_some() {
        render(ImportPage::new(ctx, province, Some(preview)))
    } else {
        render_invalid(ImportPage::new(ctx, province, Some(preview)))
    }
}

pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, batch)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    match import::confirm(&state.db, &actor(&ctx), province, batch).await {
        Ok(results) => Ok(Redirect::to(&format!(
            "/p/{province}/assessments/import?results={results}"
        ))
        .into_response()),
        // A unit got a result between the check and the confirmation: say which, nothing kept.
        Err(StoreError::Invalid(i)) => render_invalid(ImportPage::new(
            ctx,
            province,
            Some(Preview {
                file_error: i.0.into_iter().next(),
                ..Preview::default()
            }),
        )),
        Err(e) => Err(e.into()),
    }
}
