//! Importing a plan's tree and indicators from a workbook shaped like the plan's export:
//! upload, a preview with every row's problems, then all rows or none.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{actor, render, render_invalid};
use crate::sheet_upload::{Sent, table};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use sermphalang_documents::{Sheet, read_workbook};
use sermphalang_domain::plan::import::{
    ENTRY_COLUMNS, INDICATOR_COLUMNS, INDICATOR_SHEET, STRUCTURE_SHEET,
};
use sermphalang_store::StoreError;
use sermphalang_store::plan::import::{self, Preview, Sheets};
use sermphalang_store::plan::{Plan, plans};

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
    multipart: Multipart,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, id).await?;
    let sent = Sent::receive(multipart).await?;
    let (name, read) = match sent.parse(read_workbook).await? {
        Ok(read) => read,
        Err((file_name, error)) => {
            return render_invalid(ImportPage::new(
                ctx,
                plan,
                Some(Preview {
                    file_name,
                    file_error: Some(error),
                    ..Preview::default()
                }),
            ));
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
