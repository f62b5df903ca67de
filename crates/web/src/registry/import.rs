use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{actor, render, render_invalid};
use crate::sheet_upload::{Sent, table};
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sermphalang_domain::FieldError;
use sermphalang_domain::registry::import::{ImportKind, ORG_COLUMNS, PERSON_COLUMNS};
use sermphalang_store::StoreError;
use sermphalang_store::registry::imports::{self, Preview};

#[derive(Template)]
#[template(path = "registry/import.html")]
struct ImportPage {
    ctx: Ctx,
    prov: Option<i64>,
    province: i64,
    preview: Option<Preview>,
    org_columns: Vec<&'static str>,
    person_columns: Vec<&'static str>,
    imported: Option<usize>,
}

impl ImportPage {
    fn new(ctx: Ctx, province: i64, preview: Option<Preview>, imported: Option<usize>) -> Self {
        ImportPage {
            ctx,
            prov: Some(province),
            province,
            preview,
            org_columns: ORG_COLUMNS.iter().map(|c| c.th).collect(),
            person_columns: PERSON_COLUMNS.iter().map(|c| c.th).collect(),
            imported,
        }
    }
}

#[derive(serde::Deserialize)]
pub struct Done {
    imported: Option<usize>,
}

pub async fn form(
    ctx: Ctx,
    Path(province): Path<i64>,
    axum::extract::Query(done): axum::extract::Query<Done>,
) -> Result<Response, AppError> {
    render(ImportPage::new(ctx, province, None, done.imported))
}

fn file_error(kind: ImportKind, file_name: String, error: FieldError) -> Preview {
    Preview {
        kind,
        file_name,
        rows: Vec::new(),
        file_error: Some(error),
        columns: Vec::new(),
        batch: None,
    }
}

pub async fn check(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(province): Path<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let sent = Sent::receive(multipart).await?;
    let kind = sent
        .field("kind")
        .and_then(ImportKind::parse)
        .unwrap_or(ImportKind::Organizations);
    let (name, sheet) = match sent.parse(sermphalang_documents::read_sheet).await? {
        Ok(read) => read,
        Err((file_name, error)) => {
            return render_invalid(ImportPage::new(
                ctx,
                province,
                Some(file_error(kind, file_name, error)),
                None,
            ));
        }
    };
    let table = table(sheet);
    let preview = imports::prepare(
        &state.db,
        &state.geo,
        &actor(&ctx),
        province,
        kind,
        &name,
        &table,
    )
    .await?;
    if preview.batch.is_some() {
        render(ImportPage::new(ctx, province, Some(preview), None))
    } else {
        render_invalid(ImportPage::new(ctx, province, Some(preview), None))
    }
}

pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, batch)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    match imports::confirm(&state.db, &actor(&ctx), province, batch).await {
        Ok(n) => Ok(Redirect::to(&format!("/p/{province}/import?imported={n}")).into_response()),
        Err(StoreError::Invalid(i)) => Err(AppError::BadRequest(i.summary_en())),
        Err(e) => Err(e.into()),
    }
}
