//! Importing a plan's tree and indicators from a workbook shaped like the plan's export:
//! upload, a preview with every row's problems, then all rows or none.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{actor, render, render_invalid};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use sermphalang_documents::{Sheet, read_workbook};
use sermphalang_domain::FieldError;
use sermphalang_domain::plan::import::{
    ENTRY_COLUMNS, INDICATOR_COLUMNS, INDICATOR_SHEET, STRUCTURE_SHEET,
};
use sermphalang_store::StoreError;
use sermphalang_store::plan::import::{self, Preview, Sheets};
use sermphalang_store::plan::{Plan, plans};
use sermphalang_store::registry::imports::Table;

#[derive(Template)]
#[template(path = "plan/import.html")]
struct ImportPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    plan: Plan,
    preview: Option<Preview>,
    entry_columns: Vec<&'static str>,
    indicator_columns: Vec<&'static str>,
    /// Entries and indicators added by the import just confirmed.
    imported: Option<(usize, usize)>,
}

impl ImportPage {
    fn new(ctx: Ctx, plan: Plan, preview: Option<Preview>) -> Self {
        let en = ctx.is_en();
        let names = |columns: &[sermphalang_domain::plan::import::Column]| {
            columns
                .iter()
                .map(|c| if en { c.en } else { c.th })
                .collect()
        };
        ImportPage {
            prov: Some(plan.province),
            province: plan.province,
            entry_columns: names(ENTRY_COLUMNS),
            indicator_columns: names(INDICATOR_COLUMNS),
            imported: None,
            ctx,
            plan,
            preview,
        }
    }

    fn message(&self, e: &FieldError) -> String {
        if self.ctx.is_en() {
            e.en.clone()
        } else {
            e.th.clone()
        }
    }
}

pub async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Query(done): Query<Imported>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, id).await?;
    let mut page = ImportPage::new(ctx, plan, None);
    page.imported = done.entries.map(|e| (e, done.indicators.unwrap_or(0)));
    render(page)
}

fn table(sheet: Sheet) -> Table {
    Table {
        headers: sheet.headers,
        rows: sheet.rows,
        lines: sheet.lines,
    }
}

/// The structure sheet by its name or else the first; the indicator sheet by its name or
/// else the next.
fn sheets(mut read: Vec<(String, Sheet)>) -> Sheets {
    fn take(read: &mut Vec<(String, Sheet)>, name: &str) -> Option<Sheet> {
        let at = read.iter().position(|(n, _)| n.trim() == name)?;
        Some(read.remove(at).1)
    }
    let structure = take(&mut read, STRUCTURE_SHEET);
    let indicators = take(&mut read, INDICATOR_SHEET);
    let mut rest = read.into_iter().map(|(_, sheet)| sheet);
    Sheets {
        structure: structure
            .or_else(|| rest.next())
            .map(table)
            .unwrap_or_default(),
        indicators: indicators.or_else(|| rest.next()).map(table),
    }
}

pub async fn check(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, id).await?;
    let mut file: Option<(String, Vec<u8>)> = None;
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.to_string());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("file").to_string();
            let bytes = field.bytes().await.map_err(bad)?;
            file = Some((name, bytes.to_vec()));
        }
    }
    let refused = |ctx: Ctx, plan: Plan, file_name: String, error: FieldError| {
        render_invalid(ImportPage::new(
            ctx,
            plan,
            Some(Preview {
                file_name,
                file_error: Some(error),
                ..Preview::default()
            }),
        ))
    };
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        let e = FieldError::new("file", "กรุณาเลือกไฟล์", "Choose a file");
        return refused(ctx, plan, String::new(), e);
    };
    let parse_name = name.clone();
    let read = tokio::task::spawn_blocking(move || read_workbook(&parse_name, &bytes))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let read = match read {
        Ok(read) => read,
        Err(e) => {
            let fe = FieldError::new("file", e.message_th(), e.to_string());
            return refused(ctx, plan, name, fe);
        }
    };
    let preview = import::prepare(
        &state.db,
        &state.geo,
        &actor(&ctx),
        &plan,
        &name,
        &sheets(read),
    )
    .await?;
    if preview.batch.is_some() {
        render(ImportPage::new(ctx, plan, Some(preview)))
    } else {
        render_invalid(ImportPage::new(ctx, plan, Some(preview)))
    }
}

#[derive(serde::Deserialize)]
pub struct Imported {
    entries: Option<usize>,
    indicators: Option<usize>,
}

pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id, batch)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, id).await?;
    match import::confirm(&state.db, &actor(&ctx), &plan, batch).await {
        Ok((entries, indicators)) => Ok(Redirect::to(&format!(
            "/p/{province}/plans/{id}/import?entries={entries}&indicators={indicators}"
        ))
        .into_response()),
        Err(StoreError::Invalid(i)) => Err(AppError::BadRequest(i.summary_en())),
        Err(e) => Err(e.into()),
    }
}
